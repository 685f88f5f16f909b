"""Importing contacts: vCards (file and folder), LinkedIn, Google (both headers), any CSV.

Each test imports sample files from tests/data/ into a real garden and reads the result
back through store.queries, as the card would show it.
"""

import json
import shutil
from pathlib import Path

import pendulum
import pytest

from conftest import netgarden
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.importing import detect_format, import_path, parse_mapping
from netgarden_tui.store import queries, writes
from netgarden_tui.store.models import ALL_MODELS, JOURNAL_MODELS
from netgarden_tui.store.records import Birthday, Method

DATA = Path(__file__).parent / "data"
IMPORTABLE = ["contacts.vcf", "bom-crlf.vcf", "broken.vcf", "hostile.vcf", "vdir",
              "linkedin-Connections.csv", "linkedin-bad-date.csv", "google-contacts.csv",
              "google-contacts-old.csv", "truncated.csv"]


def card(name: str):
    """The card of the one contact called ``name``."""
    found = queries.contacts_named(name)
    assert len(found) == 1, (name, found)
    return queries.contact_card(found[0][0], default_cadence=60)


def table_counts() -> dict[str, int]:
    return {model.__name__: model.select().count()
            for model in ALL_MODELS if model not in JOURNAL_MODELS}


def uid_of(name: str) -> str | None:
    return next(c.external_uid for c in queries.contacts_to_match() if c.display_name == name)


def results(report) -> list[tuple[int, str]]:
    return [(outcome.line, outcome.result) for outcome in report.outcomes]


# --- each format's fields land -------------------------------------------------------------

def test_vcard_fields_land_on_the_card(config):
    report = import_path(DATA / "contacts.vcf")
    assert report.format == "vcard"
    assert report.counts == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}

    hannah = card("Hannah Okafor")
    assert (hannah.given_name, hannah.family_name, hannah.nickname) == ("Hannah", "Okafor", "Han")
    assert (hannah.company, hannah.role) == ("Keel Street Chambers", "Barrister")
    assert hannah.birthday == Birthday(5, 21, 1986)
    assert hannah.notes == "Met at the Young Lawyers dinner. Two kids, loves sailing."
    assert hannah.tags == ("barristers", "mentors")
    assert set(hannah.methods) == {Method("email", "hannah.okafor@example.org", "work"),
                                   Method("email", "han@example.com", "home"),
                                   Method("phone", "+44 7700 900123", "cell")}
    assert uid_of("Hannah Okafor") == "4f1c0b8e-9a7d-4c55-b1e2-0a9d5b7f3c11"

    zoe = card("Zoë Müller-Lindqvist")  # vCard 4.0: tel: URI, --MMDD, a folded note
    assert zoe.birthday == Birthday(2, 29, None)
    assert Method("phone", "+49-30-1234567", "cell") in zoe.methods
    assert Method("url", "https://example.de/zoe", "") in zoe.methods
    assert zoe.notes.endswith("longer than seventy-five octets.")

    lars = card("Lars Sjöberg")  # vCard 2.1: quoted-printable, Apple's labels and year
    assert lars.family_name == "Sjöberg"
    assert lars.notes == ("First line\nsecond line that is long enough to be wrapped by a "
                          "soft line break.")
    assert lars.birthday == Birthday(3, 15, None)
    assert Method("url", "https://lars.example.se", "homepage") in lars.methods


def test_vcard_4_with_a_bom_crlf_and_escapes(config):
    assert import_path(DATA / "bom-crlf.vcf").counts["created"] == 1
    ama = card("Ama Mensah")
    assert (ama.company, ama.role) == ("Kente Legal", "Partner")
    assert ama.birthday == Birthday(7, 4, 1990)
    assert ama.notes == "Likes, in order: tea; cricket\nand jazz."
    assert ama.tags == ("clients", "Ghana")


def test_linkedin_connections(config):
    report = import_path(DATA / "linkedin-Connections.csv")
    assert report.format == "linkedin"
    assert results(report) == [(5, "created"), (6, "created"), (7, "created"), (8, "created")]
    tomas = card("Tomás Ferreira")
    assert (tomas.company, tomas.role) == ("Ferreira, Lopes & Co", "Partner")
    assert tomas.met_on == pendulum.date(2021, 11, 2)
    assert set(tomas.methods) == {
        Method("url", "https://www.linkedin.com/in/tomasferreira", "linkedin"),
        Method("email", "tomas.ferreira@example.com", "")}
    assert card("Mei Chen").role == "Head of Legal, EMEA"


def test_google_contacts_current_header(config):
    report = import_path(DATA / "google-contacts.csv")
    assert report.format == "google"
    grace = card("Grace Osei")
    assert (grace.company, grace.role) == ("Osei Partners", "Founder")
    assert grace.birthday == Birthday(11, 2, 1979)
    assert grace.tags == ("Clients",)  # without "* myContacts"
    assert set(grace.methods) == {Method("email", "grace@osei.example", "work"),
                                  Method("email", "g.osei@example.com", "home"),
                                  Method("phone", "+233 20 000 1111", "mobile"),
                                  Method("url", "https://example.com/grace", "profile")}
    daniel = card("Daniel Whitmore")
    assert (daniel.nickname, daniel.birthday, daniel.tags) == ("Dan", Birthday(7, 14, None),
                                                               ("Mentors",))
    assert daniel.methods == (Method("email", "dan.whitmore@example.ac.uk", ""),)
    assert report.ignored_columns == ("Middle Name", "Name Prefix")


def test_google_contacts_older_header(config):
    report = import_path(DATA / "google-contacts-old.csv")
    assert report.format == "google"
    ruth = card("Ruth Adler")
    assert (ruth.nickname, ruth.company, ruth.role) == ("Ru", "Adler & Co", "Director")
    assert ruth.tags == ("Family", "starred")
    assert ruth.notes == "Sister of a client"
    assert set(ruth.methods) == {Method("email", "ruth@example.org", "home"),
                                 Method("email", "r.adler@example.com", "home"),
                                 Method("email", "ruth.adler@work.example", "work"),
                                 Method("phone", "+1 202 555 0147", "mobile"),
                                 Method("url", "https://ruth.example.org", "blog")}
    kofi = card("Kofi Boateng")  # no Name cell: given and family make it
    assert kofi.tags == () and kofi.methods == (Method("email", "kofi@example.com", ""),)


def test_generic_csv_known_columns_and_map(config):
    mapping = parse_mapping(["Work Email=email:work", "where we met=met_where"])
    report = import_path(DATA / "generic.csv", mapping=mapping)
    assert report.format == "csv"
    assert report.counts["created"] == 2
    assert report.ignored_columns == ("Shoe size",)
    ines = card("Ines Duarte")
    assert (ines.company, ines.notes, ines.met_where) == (
        "Duarte Advogados", "Prefers WhatsApp", "Lisbon legal tech meetup")
    assert set(ines.methods) == {Method("email", "ines@duarte.example", "work"),
                                 Method("phone", "+351 912 345 678", "mobile")}


def test_generic_csv_without_the_map_leaves_unknown_columns_out(config):
    report = import_path(DATA / "generic.csv")
    assert report.ignored_columns == ("Work Email", "Where we met", "Shoe size")
    assert card("Jonas Weber").methods == ()


@pytest.mark.parametrize("pairs, message", [
    (["Work Email=shoe"], 'can\'t map "Work Email" to "shoe"'),
    (["Work Email"], "--map takes COLUMN=FIELD"),
    (["employer=email:work", "Nope=name"], 'no column "Nope"'),
])
def test_a_bad_map_is_one_clear_error(config, pairs, message):
    with pytest.raises(InvalidInput, match=message):
        import_path(DATA / "generic.csv", format_name="csv", mapping=parse_mapping(pairs))
    assert queries.count_contacts() == 0


def test_a_map_on_a_linkedin_file_asks_for_format_csv(config):
    with pytest.raises(InvalidInput, match="--format csv"):
        import_path(DATA / "linkedin-Connections.csv", mapping={"Company": "notes"})


# --- re-import, updates, matching ----------------------------------------------------------

@pytest.mark.parametrize("name", IMPORTABLE)
def test_a_second_import_creates_nothing_and_reports_unchanged(config, name):
    first = import_path(DATA / name)
    after_first = table_counts()
    again = import_path(DATA / name)
    assert table_counts() == after_first
    assert again.counts["created"] == again.counts["updated"] == 0
    assert again.counts["unchanged"] == first.counts["created"] + first.counts["updated"]
    assert again.counts["skipped"] == first.counts["skipped"]


def test_a_changed_file_updates_and_keeps_what_the_contact_has(config, tmp_path):
    import_path(DATA / "contacts.vcf")
    hannah_id = card("Hannah Okafor").id
    actions.edit_contact(hannah_id, actions.ContactDetails(notes="My own note", tags=["squash"]))
    changed = (DATA / "contacts.vcf").read_text(encoding="utf-8").replace(
        "ORG:Keel Street Chambers", "ORG:Ridge Lane Chambers").replace(
        "CATEGORIES:barristers,mentors", "CATEGORIES:barristers,mentors,kc").replace(
        "EMAIL;TYPE=INTERNET,HOME:han@example.com",
        "EMAIL;TYPE=INTERNET,HOME:han@example.com\nEMAIL:hannah@ridge.example")
    path = tmp_path / "changed.vcf"
    path.write_text(changed, encoding="utf-8")

    report = import_path(path)
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 2, "skipped": 0}
    hannah = card("Hannah Okafor")
    assert hannah.id == hannah_id
    assert hannah.company == "Ridge Lane Chambers"
    assert hannah.tags == ("barristers", "kc", "mentors", "squash")
    assert Method("email", "hannah@ridge.example", "") in hannah.methods
    assert Method("email", "han@example.com", "home") in hannah.methods
    assert hannah.notes == ("My own note\n\n"
                            "Met at the Young Lawyers dinner. Two kids, loves sailing.")
    assert import_path(path).counts["unchanged"] == 3


def test_matching_by_email_phone_and_name_across_formats(config, tmp_path):
    import_path(DATA / "google-contacts.csv")
    import_path(DATA / "linkedin-Connections.csv")
    before = queries.count_contacts()
    path = tmp_path / "phone.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:G. Osei\nEMAIL:GRACE@OSEI.EXAMPLE\nEND:VCARD\n"  # email
        "BEGIN:VCARD\nVERSION:3.0\nFN:Grace O.\nTEL:+23320 000-1111\nNOTE:by phone\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:priya raman\nTITLE:Counsel\nEND:VCARD\n",  # name
        encoding="utf-8")
    report = import_path(path)
    assert results(report) == [(1, "unchanged"), (6, "updated"), (12, "updated")]
    assert queries.count_contacts() == before
    grace = card("Grace Osei")  # matched by email or phone, a name written otherwise
    assert grace.notes.endswith("by phone")  # does not rename her; only her own card would
    priya = card("Priya Raman")
    assert (priya.display_name, priya.role) == ("Priya Raman", "Counsel")


def test_the_uid_comes_first(config, tmp_path):
    import_path(DATA / "contacts.vcf")
    path = tmp_path / "renamed.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Hannah Okafor-Reid\nEMAIL:new@example.org\n"
                    "UID:4f1c0b8e-9a7d-4c55-b1e2-0a9d5b7f3c11\nEND:VCARD\n", encoding="utf-8")
    assert results(import_path(path)) == [(1, "updated")]
    assert card("Hannah Okafor-Reid").nickname == "Han"


def test_a_name_shared_by_two_contacts_is_skipped_not_guessed(config, tmp_path):
    actions.add_contact("Sam Lee")
    actions.add_contact("Sam Lee")
    path = tmp_path / "sam.csv"
    path.write_text("Name,Company\nSam Lee,Acme\n", encoding="utf-8")
    report = import_path(path)
    assert [(s.line, s.name) for s in report.skipped] == [(2, "Sam Lee")]
    assert "2 contacts are named" in report.skipped[0].reason
    assert queries.count_contacts() == 2


def test_one_name_with_other_emails_and_phones_is_another_person(config, tmp_path):
    """A John Smith who is a plumber, then a John Smith who is a CFO, from another file:
    nothing but the name agrees, so the second is a contact of his own (dupes lists the
    two), never folded into the first. A contact with no email agrees with any."""
    first, second, third = (tmp_path / name for name in ("f1.vcf", "f2.vcf", "f3.vcf"))
    first.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:John Smith\nORG:Plumbing Co\n"
                     "EMAIL:jsmith@plumbing.example\nTEL:+1 555 123 0001\nEND:VCARD\n")
    second.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:John Smith\nORG:Big Bank\n"
                      "EMAIL:john.smith@bank.example\nTEL:+1 555 999 0002\nEND:VCARD\n")
    third.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:ann@a.example\nEND:VCARD\n")
    import_path(first)
    assert results(import_path(second)) == [(1, "created")]
    smiths = [queries.contact_card(contact_id, default_cadence=60)
              for contact_id, _ in queries.contacts_named("John Smith")]
    assert sorted((c.company, sorted(m.value for m in c.methods)) for c in smiths) == [
        ("Big Bank", ["+1 555 999 0002", "john.smith@bank.example"]),
        ("Plumbing Co", ["+1 555 123 0001", "jsmith@plumbing.example"])]
    actions.add_contact("Ann Lee")
    assert results(import_path(third)) == [(1, "updated")]
    assert [m.value for m in card("Ann Lee").methods] == ["ann@a.example"]


def test_two_rows_with_one_name_in_one_file_are_two_people(config, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("Name,Email\nSam Lee,sam@a.example\nSam Lee,sam@b.example\n", encoding="utf-8")
    assert import_path(path).counts["created"] == 2


# --- dry run, options, progress ------------------------------------------------------------

@pytest.mark.parametrize("name", ["contacts.vcf", "linkedin-Connections.csv", "vdir"])
def test_dry_run_writes_nothing_and_reports_the_same(config, name):
    import_path(DATA / "google-contacts.csv")  # something to match against
    before = table_counts()
    dry = import_path(DATA / name, dry_run=True, circle="Clients", tags=["imported"])
    assert table_counts() == before
    assert dry.dry_run
    real = import_path(DATA / name, circle="Clients", tags=["imported"])
    assert dry.counts == real.counts and results(dry) == results(real)


def test_circle_and_tag_go_to_every_contact_imported(config):
    actions.add_contact("Hannah Okafor", actions.ContactDetails(circle="Friends"))
    import_path(DATA / "contacts.vcf", circle="Clients", tags=["import-2026", "barristers"])
    assert card("Hannah Okafor").circle == "Friends"  # a circle already set stays
    zoe = card("Zoë Müller-Lindqvist")
    assert zoe.circle == "Clients" and zoe.tags == ("barristers", "import-2026")
    assert card("Hannah Okafor").tags == ("barristers", "import-2026", "mentors")


def test_an_unknown_circle_stops_before_anything_is_written(config):
    with pytest.raises(InvalidInput, match='unknown circle "Nope"'):
        import_path(DATA / "contacts.vcf", circle="Nope")
    assert queries.count_contacts() == 0


def test_progress_is_reported_up_to_the_total(config):
    seen = []
    import_path(DATA / "broken.vcf", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)


# --- bad records ---------------------------------------------------------------------------

def test_bad_vcards_are_skipped_with_line_numbers_and_the_rest_imports(config):
    report = import_path(DATA / "broken.vcf")
    assert [(s.line, s.reason) for s in report.skipped] == [
        (18, "can't read line 21: 'this line has no colon at all'"),
        (29, "card cut short: the file ends inside it"),
    ]
    assert report.counts["created"] == 4
    nameless = card("nobody@example.com")  # no FN nor N: named from its email
    assert (nameless.given_name, nameless.notes) == ("", "This card has neither FN nor N.")
    assert card("Text Birthday").notes == "Birthday: circa 1980"
    bad = card("Bad Birthday")
    assert (bad.birthday, bad.notes) == (None, "Birthday: 1986-02-30")
    assert card("Good Card").methods == (Method("email", "good@example.com", ""),)


def test_a_csv_row_with_a_bad_date_or_no_name_is_kept(config):
    report = import_path(DATA / "linkedin-bad-date.csv")
    assert report.skipped == []
    assert [c.name for c in queries.contact_rows(default_cadence=60)] == [
        "Ghost Corp", "Mei Chen", "Priya Raman", "Wrong Date"]
    wrong = card("Wrong Date")  # the date as the file wrote it, in the notes
    assert (wrong.met_on, wrong.notes) == (None, "Connected On: 31 Foo 2020")
    assert card("Ghost Corp").given_name == ""  # no name: named from the company


def test_a_truncated_csv_keeps_its_whole_rows(config):
    report = import_path(DATA / "truncated.csv")
    assert results(report) == [(2, "created"), (3, "skipped")]
    assert "cut short" in report.skipped[0].reason
    assert card("Grace Osei").tags == ("Clients",)


def test_a_record_the_database_refuses_is_skipped_alone(config, monkeypatch):
    create_contacts = writes.create_contacts

    def refuse_zoe(contacts):
        if any(c["display_name"].startswith("Zoë") for c in contacts):
            raise ValueError("refused")
        return create_contacts(contacts)

    monkeypatch.setattr(writes, "create_contacts", refuse_zoe)
    report = import_path(DATA / "contacts.vcf")
    assert results(report) == [(1, "created"), (16, "skipped"), (28, "created")]
    assert report.skipped[0].reason == "not saved: refused"
    assert queries.count_contacts() == 2
    assert queries.contacts_named("Zoë Müller-Lindqvist") == []


def test_hostile_names_are_stored_as_text(config):
    import_path(DATA / "hostile.vcf")
    evil = card("[bold]Evil[/] [red")
    assert (evil.notes, evil.company) == ("[/]", "[link=https://evil.example]Click[/link]")
    assert card("Esc\x1b[31mape\x1b[0m Artist").given_name == "Esc\x1b[31mape\x1b[0m"


# --- formats and folders -------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("contacts.vcf", "vcard"), ("bom-crlf.vcf", "vcard"), ("broken.vcf", "vcard"),
    ("vdir", "vcard"), ("linkedin-Connections.csv", "linkedin"), ("google-contacts.csv", "google"),
    ("google-contacts-old.csv", "google"), ("generic.csv", "csv"), ("truncated.csv", "google"),
])
def test_the_format_is_told_from_the_content(name, expected, tmp_path):
    copy = tmp_path / "no-telling-suffix"
    if (DATA / name).is_dir():
        shutil.copytree(DATA / name, copy)
    else:
        shutil.copy(DATA / name, copy)
    assert detect_format(copy) == expected


def test_json_is_told_by_its_brace(tmp_path):
    path = tmp_path / "garden.json"
    path.write_text('  {"format": "netgarden", "version": 1}', encoding="utf-8")
    assert detect_format(path) == "json"


def test_a_file_of_no_known_kind_is_one_clear_error(config):
    with pytest.raises(InvalidInput, match="can't tell what kind of file"):
        import_path(DATA / "not-contacts.txt")


def test_a_folder_of_vcards(config):
    report = import_path(DATA / "vdir")
    assert report.counts == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert card("anon@example.no").methods == (Method("email", "anon@example.no", ""),)
    bjorn = card("Bjørn Dahl")  # no FN: N makes the name
    assert bjorn.methods == (Method("phone", "+47 900 00 000", "cell"),)


def test_a_folder_without_vcards_is_an_error(config, tmp_path):
    with pytest.raises(InvalidInput, match="holds no .vcf files"):
        import_path(tmp_path)


# --- the command ---------------------------------------------------------------------------

def test_the_command_prints_the_report(tmp_path):
    done = netgarden(tmp_path, "import", DATA / "linkedin-bad-date.csv", "--tag", "li")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "imported linkedin-bad-date.csv as linkedin: 4 created, 0 updated, 0 unchanged, 0 skipped",
    ]
    again = netgarden(tmp_path, "import", DATA / "linkedin-bad-date.csv", "--dry-run", "--json")
    report = json.loads(again.stdout)
    assert (report["created"], report["unchanged"], report["dry_run"]) == (0, 4, True)
    assert [r["result"] for r in report["records"]] == ["unchanged"] * 4


def test_the_command_escapes_hostile_names(tmp_path):
    broken = tmp_path / "evil.vcf"
    broken.write_text("BEGIN:VCARD\nFN:\x1b[31mRed\nEND:VCARD\nBEGIN:VCARD\nN:;;;;\nEND:VCARD\n",
                      encoding="utf-8")
    done = netgarden(tmp_path, "import", broken)
    assert done.returncode == 0 and "\x1b" not in done.stdout


def test_an_unreadable_file_is_one_line_and_exit_1(tmp_path):
    for target in (tmp_path / "missing.vcf", DATA / "not-contacts.txt"):
        done = netgarden(tmp_path, "import", target)
        assert done.returncode == 1
        assert done.stdout == "" and len(done.stderr.splitlines()) == 1
        assert done.stderr.startswith("netgarden: can't ")



def test_a_json_export_imports_through_the_same_command(tmp_path):
    """The JSON itself is garden/export.py's; this checks the command finds and calls it."""
    assert netgarden(tmp_path / "a", "import", DATA / "contacts.vcf").returncode == 0
    exported = netgarden(tmp_path / "a", "export", "-o", tmp_path / "garden.json")
    assert exported.returncode == 0, exported.stderr
    done = netgarden(tmp_path / "b", "import", tmp_path / "garden.json")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("imported garden.json as json: 3 created")
    tagged = netgarden(tmp_path / "c", "import", tmp_path / "garden.json", "--tag", "x")
    assert tagged.returncode == 1
    assert tagged.stderr == "netgarden: --circle, --tag and --map don't apply to a JSON import\n"

# --- the TUI: "Import contacts…" in the command palette ------------------------------------

HOSTILE = "[bold]Evil[/] [red"


@pytest.fixture
def app(frozen_clock, locations, monkeypatch):
    """The real app on a fresh garden, minus its main screen: the test opens what it checks."""
    from textual.screen import Screen

    from netgarden_tui.config import default_config
    from netgarden_tui.store import undo
    from netgarden_tui.tui.app import NetgardenApp, make_app

    monkeypatch.setattr(NetgardenApp, "get_default_screen", lambda self: Screen())
    yield make_app(locations, default_config(), welcome=False)  # the palette's import alone
    undo.disable()


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


def report_shown(app) -> str:
    return str(app.screen.query_one("#report").render())


async def open_import_screen(pilot):
    from netgarden_tui.tui.screens.import_file import ImportScreen

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"import")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)


async def test_the_palette_imports_a_file_and_u_undoes_it(app, size, tmp_path):
    path = tmp_path / "hostile.csv"
    path.write_text(f"Name,Birthday,Notes\n{HOSTILE},,[/]\n\"{HOSTILE} 2\",not a date,\n"
                    f"\"{HOSTILE} 3\"\n", encoding="utf-8")
    async with app.run_test(size=size) as pilot:
        await open_import_screen(pilot)
        app.screen.query_one("#path").value = str(path)
        await pilot.press("enter")  # what it would do first: nothing written yet
        await settle(pilot)
        shown = report_shown(app)
        assert ("would import (dry run, nothing written) hostile.csv as csv: 2 created, "
                "0 updated, 0 unchanged, 1 skipped") in shown
        assert "enter imports it" in shown and queries.count_contacts() == 0
        await pilot.press("enter")  # the same path again: imported
        await settle(pilot)
        shown = report_shown(app)
        assert "imported hostile.csv as csv: 2 created, 0 updated, 0 unchanged, 1 skipped" in shown
        assert f"skipped line 4 ({HOSTILE} 3): the row is cut short" in shown
        assert card(HOSTILE).notes == "[/]"
        assert card(f"{HOSTILE} 2").notes == "Birthday: not a date"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await settle(pilot)
        assert queries.count_contacts() == 0


async def test_a_file_that_cannot_be_read_keeps_the_path_typed(app, tmp_path):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import_screen(pilot)
        field = app.screen.query_one("#path")
        field.value = str(tmp_path / "missing.vcf")
        await pilot.press("enter")
        await settle(pilot)
        assert "can't read" in report_shown(app)
        assert field.value == str(tmp_path / "missing.vcf") and not field.disabled
        assert app.focused is field
    assert queries.count_contacts() == 0


EXPORTERS = Path(__file__).parent / "data" / "exporters"


async def test_the_palette_shows_job_changes_and_u_takes_them_back(app, size):
    import_path(EXPORTERS / "linkedin-Connections.csv")
    async with app.run_test(size=size) as pilot:
        await open_import_screen(pilot)
        app.screen.query_one("#path").value = str(EXPORTERS / "linkedin-Connections-later.csv")
        await pilot.press("enter")
        await settle(pilot)
        shown = " ".join(report_shown(app).split())  # however it is wrapped
        assert "3 changed jobs (Due says to congratulate):" in shown  # seen before
        assert len(queries.life_events()) == 0
        await pilot.press("enter")
        await settle(pilot)
        shown = " ".join(report_shown(app).split())
        assert "3 changed jobs (Due says to congratulate):" in shown
        assert ("Rohan Mehta: Engineering Manager at Kestrel Robotics → "
                "Head of Engineering, EMEA at Kestrel Robotics") in shown
        assert len(queries.life_events()) == 3
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await settle(pilot)
    assert queries.life_events() == [] and card("Rohan Mehta").past_jobs == ()


async def test_the_palette_says_when_nothing_could_be_imported(app, tmp_path):
    path = tmp_path / "broken.vcf"
    path.write_text("BEGIN:VCARD\nFN:Cut Short\n", encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import_screen(pilot)
        app.screen.query_one("#path").value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert "nothing imported from broken.vcf: its one card was skipped" in " ".join(
            report_shown(app).split())
