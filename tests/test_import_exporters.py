"""Importing what real programs export: the files of tests/data/exporters/.

Each file imitates one exporter, quirks included (tests/data/exporters/README.txt lists
every card and row with the line it begins on and every field it carries). Each test
imports into a real garden and reads back, field by field, what a person would find on
the card, in the report and in the exit code.
"""

import csv
import io
import json
import re
from pathlib import Path

import pendulum
import pytest

from netgarden_tui import clock
from netgarden_tui.garden import dupes
from netgarden_tui.garden.importing import import_path, report_lines
from netgarden_tui.garden.queue import due_today
from netgarden_tui.store import queries, undo
from netgarden_tui.store import match_keys
from netgarden_tui.store.records import Address, Birthday, Method, PastJobRecord
from conftest import garden_rows
from test_import import card, netgarden, results, table_counts, uid_of

DATA = Path(__file__).parent / "data" / "exporters"
# How each file is encoded, for the tests that write a changed copy (UTF-8 otherwise).
ENCODINGS = {"outlook2003.vcf": "cp1252", "latin1.vcf": "latin-1", "utf16.vcf": "utf-16",
             "gmail.vcf": "utf-8-sig"}
# A line break as an editor counts it: CR CR LF (iPhone) is one.
LINE_BREAK = re.compile(r"(\r\r\n|\r\n|\n|\r)")
NO_COLON = "this line has no colon"

# Each file imported into an empty garden: its format, the line each record begins on
# (all created), and the report's lines after the first.
IMPORTS = {
    "iphone.vcf": ("vcard", [1, 32, 40, 54], [
        "  not kept: 1 photo, 1 other field (X-ABRELATEDNAMES)"]),
    "macos.vcf": ("vcard", [1, 21, 36], [
        "  not kept: 1 photo, 1 other field (X-ABRELATEDNAMES)"]),
    "android.vcf": ("vcard", [1, 25, 34, 44, 48], ["  not kept: 1 photo"]),
    "outlook2003.vcf": ("vcard", [1, 23, 41, 51], [
        "  read as Windows-1252 (the file is not UTF-8)", "  not kept: 1 key"]),
    "outlook2007.vcf": ("vcard", [1, 38, 54], [
        "  not kept: 2 photos, 1 key, 2 other fields (X-MS-IMADDRESS, X-MS-MANAGER)"]),
    "gmail.vcf": ("vcard", [1, 23, 36, 44], [
        "  not kept: 1 photo, 1 other field (X-ABRELATEDNAMES)"]),
    "thunderbird.vcf": ("vcard", [1, 21, 30, 36], []),
    # Only what had a value: Evolution writes a dozen empty fields, nothing was lost there.
    "evolution.vcf": ("vcard", [1, 35, 59], [
        "  not kept: 2 other fields (X-EVOLUTION-MANAGER, X-EVOLUTION-SPOUSE)"]),
    "utf16.vcf": ("vcard", [1, 8], ["  read as UTF-16 (the file is not UTF-8)"]),
    "latin1.vcf": ("vcard", [1, 10], ["  read as Windows-1252 (the file is not UTF-8)"]),
    "shared-phone.vcf": ("vcard", [1, 10, 19, 26, 33], []),
    "google-contacts-2024.csv": ("google", [2, 8, 9, 12], [
        "  not kept: 1 photo",
        "  columns left out: Middle Name, Name Prefix, Relation 1 - Label, Relation 1 - Value, "
        "Custom Field 1 - Label, Custom Field 1 - Value"]),
    "linkedin-Connections.csv": ("linkedin", [5, 6, 7, 8], []),
    "linkedin-Connections-later.csv": ("linkedin", [5, 6, 7, 8, 9], []),
    "outlook-contacts.csv": ("csv", [2, 4], [
        "  read as Windows-1252 (the file is not UTF-8)", "  columns left out: Title, Spouse"]),
}


def rewritten(folder: Path, name: str, lines: dict[int, str | None]) -> Path:
    """A copy of a fixture in ``folder``, same name, encoding and line ends, with the
    given lines (1-based, as an editor counts them) replaced, or removed where None."""
    encoding = ENCODINGS.get(name, "utf-8")
    pieces = LINE_BREAK.split((DATA / name).read_bytes().decode(encoding))
    texts, breaks = pieces[0::2], pieces[1::2] + [""]
    for number, text in lines.items():
        assert texts[number - 1].strip(), f"{name} line {number} is blank"
        if text is None:
            texts[number - 1] = breaks[number - 1] = ""
        else:
            texts[number - 1] = text
    path = folder / name
    path.write_bytes("".join(t + b for t, b in zip(texts, breaks)).encode(encoding))
    return path


# --- every file: counts, lines, the report --------------------------------------------------

@pytest.mark.parametrize("name", IMPORTS)
def test_each_file_imports_whole_with_its_report(config, name):
    format_name, lines, more = IMPORTS[name]
    report = import_path(DATA / name)
    assert report.format == format_name
    assert results(report) == [(line, "created") for line in lines]
    assert report_lines(report) == [
        f"imported {name} as {format_name}: {len(lines)} created, 0 updated, 0 unchanged, "
        "0 skipped", *more]
    assert queries.count_contacts() == len(lines)


@pytest.mark.parametrize("name", IMPORTS)
def test_a_second_import_is_all_unchanged(config, name):
    first = import_path(DATA / name)
    after_first = table_counts()
    again = import_path(DATA / name)
    assert table_counts() == after_first
    assert again.counts == {"created": 0, "updated": 0, "unchanged": first.counts["created"],
                            "skipped": 0}
    assert [o.contact_id for o in again.outcomes] == [o.contact_id for o in first.outcomes]


@pytest.mark.parametrize("name", IMPORTS)
def test_a_dry_run_reports_the_same_and_writes_nothing(config, name):
    before = table_counts()
    dry = report_lines(import_path(DATA / name, dry_run=True))
    assert table_counts() == before
    real = report_lines(import_path(DATA / name))
    assert dry[0] == real[0].replace("imported", "would import (dry run, nothing written)", 1)
    assert dry[1:] == real[1:]


# A broken line in one card: that card is skipped at the line it begins on, as an editor
# shows it (after CR CR LF, a photo's bare LFs, a key's blank lines, in UTF-16...).
@pytest.mark.parametrize("name, broken, begins", [
    ("iphone.vcf", 44, 40),  # CR CR LF line ends, folded lines before it
    ("iphone.vcf", 58, 54),
    ("macos.vcf", 40, 36),  # after a photo with bare LFs
    ("android.vcf", 21, 1),  # just after the photo's blank line
    ("android.vcf", 50, 48),
    ("outlook2003.vcf", 37, 23),  # just after the key's two blank lines
    ("outlook2003.vcf", 54, 51),
    ("outlook2007.vcf", 60, 54),
    ("gmail.vcf", 38, 36),  # UTF-8 with a BOM
    ("evolution.vcf", 62, 59),  # cards apart by a blank line, no line end at the end
    ("utf16.vcf", 10, 8),
    ("latin1.vcf", 12, 10),
])
def test_a_broken_card_is_skipped_at_the_line_it_begins_on(config, tmp_path, name, broken,
                                                          begins):
    report = import_path(rewritten(tmp_path, name, {broken: NO_COLON}))
    assert [(s.line, s.reason) for s in report.skipped] == [
        (begins, f"can't read line {broken}: {NO_COLON!r}")]
    assert f"  skipped line {begins}: can't read line {broken}: {NO_COLON!r}" in report_lines(
        report)
    assert report.counts["created"] == len(IMPORTS[name][1]) - 1


def test_a_cut_short_csv_row_is_skipped_at_its_line_after_multi_line_rows(config, tmp_path):
    """Rows 2-7 and 9-11 of Google's export hold line breaks in quoted cells."""
    text = (DATA / "google-contacts-2024.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[2] = rows[2][:5]  # Owen Price, line 8
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "google.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    report = import_path(path)
    assert results(report) == [(2, "created"), (8, "skipped"), (9, "created"), (12, "created")]
    assert report.skipped[0].name == "Owen Price"
    assert "cut short" in report.skipped[0].reason


# --- each exporter's fields ------------------------------------------------------------------

def test_iphone(config):
    import_path(DATA / "iphone.vcf")
    amara = card("Dr Amara Chidinma Okonkwo-Reid")
    assert (amara.given_name, amara.family_name, amara.nickname) == (
        "Amara", "Okonkwo-Reid", "Ama")
    assert (amara.company, amara.department, amara.role, amara.function) == (
        "Harrow & Vale", "Design", "Head of Design", "")
    assert set(amara.methods) == {
        Method("email", "amara.reid@example.com", "home"),  # item1 without an X-ABLabel
        Method("email", "amara@studio.example.org", "studio"),
        Method("phone", "+44 7700 900123", "cell"),
        Method("phone", "+44 20 7946 0321", "work"),
        Method("url", "https://amara.example.com", "homepage"),  # _$!<HomePage>!$_
        Method("url", "https://www.linkedin.com/in/amara-okonkwo-reid", "linkedin")}
    assert amara.addresses == (Address(  # ADR folded inside "Kingd|om"
        "home", street="14 Example Mews", locality="London", postal_code="N1 7AA",
        country="United Kingdom"),)
    assert amara.notes == "Met at Clerkenwell Design Week 2023.\nPrefers WhatsApp, not calls."
    assert amara.birthday == Birthday(3, 15, None)  # X-APPLE-OMIT-YEAR=1604
    assert amara.anniversary == Birthday(9, 17, 2011)  # X-ABDATE labelled Anniversary
    assert amara.tags == () and uid_of(amara.display_name) is None

    sofia = card("Sofia Lindqvist")  # home.begin:vcard ... home.end:vcard
    assert (sofia.given_name, sofia.family_name) == ("Sofia", "Lindqvist")
    assert set(sofia.methods) == {Method("email", "sofia.lindqvist@example.net", "home"),
                                  Method("phone", "+44 7700 900456", "cell")}

    rami = card("Rami Haddad")
    assert (rami.company, rami.department, rami.role) == (
        "Northgate Physio", "", "Physiotherapist")  # ORG:Northgate Physio; - no department
    assert set(rami.methods) == {
        Method("email", "rami@northgate-physio.example.net", "bookings"),
        Method("phone", "+44 7700 900789", "iphone"),  # type=IPHONE;type=CELL;type=VOICE
        Method("phone", "+44 20 7946 0877", "clinic")}
    assert rami.birthday == Birthday(11, 30, 1988)

    jose = card("José Luis Núñez García")
    assert (jose.given_name, jose.family_name) == ("José Luis", "Núñez García")
    assert jose.birthday == Birthday(7, 2, None)  # 1604 without X-APPLE-OMIT-YEAR
    assert jose.addresses == (Address(  # folded inside "Madr|id"
        "work", street="Calle de Ejemplo 7", locality="Madrid", region="Comunidad de Madrid",
        postal_code="28001", country="España"),)
    assert set(jose.methods) == {Method("email", "jl.nunez@example.org", "work"),
                                 Method("phone", "+44 7700 900654", "cell")}


def test_macos(config):
    import_path(DATA / "macos.vcf")
    harriet = card("Harriet Whitcombe")
    assert (harriet.given_name, harriet.family_name) == ("Harriet", "Whitcombe")
    assert (harriet.company, harriet.department, harriet.role) == (
        "Fenwick, Hale & Partners", "Litigation", "Partner")  # "Fenwick\, Hale"
    assert set(harriet.methods) == {
        Method("email", "h.whitcombe@fenwickhale.example.com", "work"),
        Method("email", "harriet.w@example.net", "home"),
        Method("phone", "+44 20 7946 0555", "work"),
        Method("phone", "+44 7700 900555", "cell"),
        Method("url", "https://fenwickhale.example.com/people/whitcombe", "homepage")}
    assert harriet.addresses == (Address(  # one street part on two lines
        "work", street="Suite 4\nOld Bank Chambers, 22 Example Street", locality="London",
        postal_code="EC2V 7HN", country="United Kingdom"),)
    assert harriet.notes == ("Introduced by Sam Okafor at the Bar Council dinner.\n"
                             "Prefers email, never calls after 6pm.\nDaughter: Ellie (b. 2015)")
    assert harriet.birthday == Birthday(8, 9, 1974)
    assert harriet.tags == ("Clients", "London")
    assert uid_of("Harriet Whitcombe") is None  # X-ABUID is Apple's record id, not a UID

    plumber = card("Brightwater Plumbing Ltd")  # a company: N:;;;; and X-ABShowAs:COMPANY
    assert (plumber.given_name, plumber.family_name) == ("", "")
    assert (plumber.company, plumber.department) == ("Brightwater Plumbing Ltd", "")
    assert set(plumber.methods) == {Method("email", "bookings@brightwater.example.com", "work"),
                                    Method("phone", "+44 20 7946 0199", "main")}
    assert plumber.addresses == (Address(
        "work", street="Unit 7\nRiverside Trading Estate", locality="Croydon",
        postal_code="CR0 4XX", country="United Kingdom"),)
    assert (plumber.notes, plumber.tags) == ("Emergency call-out 24/7. Ask for Dev.", ("Trades",))

    kenji = card("Kenji Nakamura")  # the photo's base64 lines end in bare LFs
    assert (kenji.nickname, kenji.birthday) == ("Ken", Birthday(2, 27, 1969))
    assert set(kenji.methods) == {Method("email", "kenji.n@example.org", "home"),
                                  Method("phone", "+44 7700 900321", "allotment")}


def test_android(config):
    import_path(DATA / "android.vcf")
    alexandra = card("Αλεξάνδρα Παπαδοπούλου")  # quoted-printable split inside a character
    assert (alexandra.given_name, alexandra.family_name) == ("Αλεξάνδρα", "Παπαδοπούλου")
    assert alexandra.nickname == "Alex"  # X-ANDROID-CUSTOM .../nickname
    assert alexandra.anniversary == Birthday(9, 6, 2014)  # .../contact_event, type 1
    assert alexandra.birthday == Birthday(4, 22, 1986)
    assert (alexandra.company, alexandra.role) == ("Aegean Ferries Ltd", "Operations Manager")
    assert set(alexandra.methods) == {
        Method("phone", "+44 7700 900234", "cell"), Method("phone", "+44 20 7946 0234", "work"),
        Method("email", "alexandra.p@example.com", "home"),
        Method("email", "a.papadopoulou@example.org", "work"),
        Method("url", "https://alexandra.example.com", "")}
    assert alexandra.addresses == (Address(
        "home", street="27 Example Avenue", locality="Athens", postal_code="105 58",
        country="Greece"),)
    assert alexandra.notes == "Met on the Piraeus terminal project."

    minjun = card("김민준")
    assert (minjun.given_name, minjun.family_name, minjun.company) == ("민준", "김", "Hanbit Games")
    assert set(minjun.methods) == {Method("phone", "+44 7700 900147", "cell"),
                                   Method("phone", "+44 7700 900148", "mobile"),  # TEL;X-Mobile
                                   Method("email", "minjun.kim@example.net", "work")}

    xiaoming = card("王小明")
    assert (xiaoming.given_name, xiaoming.family_name) == ("小明", "王")
    assert xiaoming.company == "明德贸易有限公司"  # the soft break splits 司
    assert xiaoming.notes == "喜欢喝茶。"
    assert set(xiaoming.methods) == {Method("phone", "+44 20 7946 0088", "home"),
                                     Method("email", "xiaoming.wang@example.com", "home")}

    # No N, no FN: named from the email, else the phone; no person's name made up.
    only_email = card("only.email@example.com")
    assert (only_email.given_name, only_email.family_name) == ("", "")
    assert only_email.methods == (Method("email", "only.email@example.com", "home"),)
    only_phone = card("+44 7700 900888")
    assert (only_phone.given_name, only_phone.family_name) == ("", "")
    assert only_phone.methods == (Method("phone", "+44 7700 900888", "cell"),)


def test_outlook_2003_in_windows_1252(config):
    report = import_path(DATA / "outlook2003.vcf")
    assert report.encoding == "Windows-1252"
    jorg = card("Jörg Müller")
    assert (jorg.given_name, jorg.family_name) == ("Jörg", "Müller")
    assert (jorg.company, jorg.department, jorg.role, jorg.function) == (
        "Contoso", "Accounting", "Senior Accountant", "Chartered Accountant")
    # Quoted-printable without a CHARSET: Windows-1252 bytes, =0D=0A one line break.
    assert jorg.notes == ("Met at the Café Lumière – Thursday quiz night.\n"
                          "Prefers “Jörg”, never “George”. Year-end is 31 March.")
    assert set(jorg.methods) == {
        Method("phone", "+1 425 555 0142", "work"), Method("phone", "+1 425 555 0143", "home"),
        Method("phone", "+1 425 555 0144", "cell"),
        Method("phone", "+1 425 555 0145", "work fax"),  # TEL;WORK;FAX
        Method("url", "http://www.contoso.example.com/", "work"),
        Method("email", "joerg.mueller@contoso.example.com", "")}
    assert jorg.addresses == (Address(  # and not the LABEL as a second one
        "work", street="400 Example Parkway", locality="Redmond", region="WA",
        postal_code="98052", country="United States of America"),)
    assert jorg.birthday == Birthday(4, 2, 1975)  # BDAY:19750402
    assert jorg.anniversary == Birthday(6, 12, 2004)  # X-MS-ANNIVERSARY

    siobhan = card("Siobhán O'Connell")  # a key, then two blank lines inside the card
    assert (siobhan.given_name, siobhan.family_name) == ("Siobhán", "O'Connell")
    assert (siobhan.company, siobhan.role) == ("Fabrikam Insurance", "Claims Adjuster")
    assert set(siobhan.methods) == {
        Method("phone", "+44 20 7946 0410", "work"), Method("phone", "+44 7700 900410", "cell"),
        Method("email", "siobhan.oconnell@fabrikam.example.org", ""),
        Method("email", "siobhan@example.net", "")}

    dentist = card("Brightsmile Dental Group")  # N;LANGUAGE=en-us: empty
    assert (dentist.given_name, dentist.family_name, dentist.company) == (
        "", "", "Brightsmile Dental Group")
    assert dentist.addresses == (Address(  # a literal comma: vCard 2.1 does not escape it
        "work", street="12 Example Plaza, Suite 200", locality="Bellevue", region="WA",
        postal_code="98004", country="United States of America"),)


def test_a_label_is_the_address_only_when_there_is_no_adr(config, tmp_path):
    import_path(rewritten(tmp_path, "outlook2003.vcf", {13: None}))  # Jörg's ADR gone
    assert card("Jörg Müller").addresses == (Address(
        "work", street="400 Example Parkway\nRedmond, WA 98052\nUnited States of America"),)


def test_outlook_2007(config):
    import_path(DATA / "outlook2007.vcf")
    priyanka = card("Ms. Priyanka Sharma")
    assert (priyanka.given_name, priyanka.family_name, priyanka.nickname) == (
        "Priyanka", "Sharma", "Priya")
    assert (priyanka.company, priyanka.department, priyanka.role, priyanka.function) == (
        "Woodgrove Bank", "Treasury", "Treasury Analyst", "Chartered Treasurer")
    assert priyanka.notes == ("Sits on the pension trustees board.\nCall before 10am UK time.\n"
                              "PA: Mark")
    assert set(priyanka.methods) == {  # X-MS-IMADDRESS is not a second email
        Method("phone", "+44 20 7946 0960", "work"), Method("phone", "+44 7700 900960", "cell"),
        Method("url", "http://www.woodgrove.example.com", "work"),
        Method("email", "priyanka.sharma@woodgrove.example.com", "")}
    assert priyanka.addresses == (Address(
        "work", street="1 Example Square", locality="London", postal_code="E14 5AB",
        country="United Kingdom"),)
    assert priyanka.birthday == Birthday(9, 17, 1986)

    mohammed = card("محمد العلي")
    assert (mohammed.given_name, mohammed.family_name) == ("محمد", "العلي")
    assert (mohammed.company, mohammed.role) == ("Litware Logistics", "Regional Director")
    assert set(mohammed.methods) == {Method("phone", "+44 7700 900971", "cell"),
                                     Method("email", "m.alali@litware.example.org", "")}

    zoe = card("Zoë Castellanos")
    assert (zoe.given_name, zoe.family_name) == ("Zoë", "Castellanos")
    assert zoe.notes == "Runs the café on Example Lane.\nLikes crème brûlée."
    assert set(zoe.methods) == {Method("phone", "+44 20 7946 0982", "home"),
                                Method("email", "zoe.castellanos@example.com", ""),
                                Method("email", "zoe@cafe.example.net", "")}


def test_gmail_vcard(config):
    import_path(DATA / "gmail.vcf")
    nadia = card("Nadia Rahman")
    assert (nadia.given_name, nadia.family_name, nadia.nickname) == ("Nadia", "Rahman", "Nads")
    assert (nadia.company, nadia.role) == ("Kestrel Labs", "Research Lead")
    assert set(nadia.methods) == {
        Method("email", "nadia@kestrel-labs.example.com", "work"),
        Method("email", "nadia.r@example.net", "conference"),
        Method("phone", "+44 7700 900512", "cell"), Method("phone", "+44 20 7946 0512", "work"),
        Method("url", "https://nadia.example.com", "profile")}  # "https\://"
    assert nadia.addresses == (Address(
        "home", street="8 Example Gardens", locality="Bristol", postal_code="BS1 5AA",
        country="United Kingdom"),)
    assert nadia.notes == ('Met at PyCon UK 2019 - talked about "boring" data pipelines for an '
                           'hour, very keen on mentoring.\nFollow up in spring.')
    assert nadia.birthday == Birthday(11, 2, 1979)
    assert nadia.tags == ("Clients",)  # CATEGORIES:myContacts,Clients

    owen = card("Owen Price")
    assert owen.birthday == Birthday(7, 14, None)  # BDAY:--0714
    assert owen.anniversary == Birthday(6, 9, 2012)
    assert set(owen.methods) == {Method("email", "owen.price@example.org", "home"),
                                 Method("phone", "07700 900613", "cell")}
    assert "myContacts" not in owen.tags
    assert card("Tariq Aziz").tags == ()  # myContacts only
    assert card("Tariq Aziz").methods == (Method("phone", "+44 20 7946 0614", "boat club"),)

    harbour = card("Harbour Lights Catering")  # FN, N:;;;; and ORG: a company
    assert (harbour.given_name, harbour.family_name, harbour.company) == (
        "", "", "Harbour Lights Catering")
    assert harbour.tags == ("Clients",)


def test_thunderbird(config):
    import_path(DATA / "thunderbird.vcf")
    helena = card("Helena Marsh")
    assert (helena.given_name, helena.family_name, helena.nickname) == ("Helena", "Marsh", "Hel")
    assert (helena.company, helena.department, helena.role, helena.function) == (
        "Marsh & Daughters", "Conveyancing", "Senior Partner", "Notary public")
    assert set(helena.methods) == {
        Method("email", "helena.marsh@example.com", ""),
        Method("email", "h.marsh@marsh-daughters.example.org", ""),
        Method("phone", "+44 1632 960742", "work"), Method("phone", "+44 7700 900742", "cell"),
        Method("url", "https://marsh-daughters.example.org/helena", "work")}
    assert helena.addresses == (Address(
        "work", street="3 Example Row", locality="Oxford", region="Oxfordshire",
        postal_code="OX1 2AB", country="United Kingdom"),)
    assert helena.notes == "Chair of the rowing club committee.\nAsk about the regatta, June."
    assert helena.birthday == Birthday(2, 24, 1983)  # BDAY;VALUE=DATE:19830224
    assert helena.anniversary == Birthday(6, 5, 2010)  # ANNIVERSARY
    assert uid_of("Helena Marsh") == "8c1b7e2a-4f3d-4a6e-9b0c-2d5e7f9a1c34"

    walter = card("Walter Pryce")  # BDAY;VALUE=TEXT:circa 1980 - never a date
    assert (walter.birthday, walter.notes) == (None, "Birthday: circa 1980")
    assert set(walter.methods) == {Method("email", "walter.pryce@example.net", ""),
                                   Method("phone", "+44 29 2018 0743", "home")}

    priya = card("Priya Natarajan")
    assert priya.birthday == Birthday(11, 9, None)  # --1109
    assert priya.notes == ("Prefers oat milk. Lives near the Example Road roastery, "
                           "Walthamstow, London E17.")  # folded before a space
    assert uid_of("Priya Natarajan") == "a7b6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d"


def test_evolution(config):
    import_path(DATA / "evolution.vcf")
    rebecca = card("Rebecca Hale")  # not X-EVOLUTION-FILE-AS "Hale, Rebecca"
    assert (rebecca.given_name, rebecca.family_name, rebecca.nickname) == (
        "Rebecca", "Hale", "Bex")
    # ORG's third part is Evolution's "Office": kept with the department.
    assert (rebecca.company, rebecca.department) == (
        "University of Example", "School of History, Parkinson Building")
    assert (rebecca.role, rebecca.function) == ("Senior Lecturer", "Medieval History")
    assert rebecca.notes == ("Met at the Leeds IMC 2022. Working on a book about wool merchants, "
                             "due 2026 ; wants reviewers.")
    assert set(rebecca.methods) == {
        Method("url", "https://www.example.org/staff/rhale", ""),
        Method("url", "https://blog.example.org/rhale", "blog"),  # X-EVOLUTION-BLOG-URL
        Method("phone", "+44 113 496 0612", "work"), Method("phone", "+44 7700 900612", "cell"),
        Method("email", "r.hale@history.example.org", "work"),
        Method("email", "bex@example.net", "home")}
    assert rebecca.addresses == (Address(  # the LABEL is the same address
        "home", street="12 Example Road", locality="Leeds", region="West Yorkshire",
        postal_code="LS6 1AA", country="United Kingdom"),)
    assert rebecca.tags == ("Academia", "Book club")
    assert (rebecca.birthday, rebecca.anniversary) == (Birthday(7, 30, 1981),
                                                       Birthday(5, 23, 2009))
    assert uid_of("Rebecca Hale") == "pas-id-5F3A9C2100000001"

    gwen = card("Gwen Ashby")  # a dozen empty properties: nothing blank lands
    assert (gwen.nickname, gwen.role, gwen.function, gwen.notes, gwen.company) == ("",) * 5
    assert set(gwen.methods) == {Method("phone", "07700 900620", "cell"),
                                 Method("email", "gwen.ashby@example.com", "home")}

    tomasz = card("Tomasz Wiśniewski")  # the last card: no line end after END:VCARD
    assert (tomasz.company, tomasz.role) == ("Example Builders Ltd", "Site Manager")
    assert tomasz.addresses == (Address(
        "work", extended="Unit 3", street="Example Industrial Park", locality="Manchester",
        postal_code="M1 2AB", country="United Kingdom"),)
    assert tomasz.birthday == Birthday(1, 5, 1977)
    assert uid_of("Tomasz Wiśniewski") == "pas-id-5F3A9C2100000003"


def test_utf16_and_latin1(config):
    assert import_path(DATA / "utf16.vcf").encoding == "UTF-16"
    chloe = card("Chloé Dubois")
    assert (chloe.given_name, chloe.family_name) == ("Chloé", "Dubois")
    assert set(chloe.methods) == {Method("email", "chloe.dubois@example.com", "work"),
                                  Method("phone", "+44 7700 900701", "cell")}
    assert (card("Marcus Bell").company, card("Marcus Bell").methods) == (
        "Tailspin Toys", (Method("email", "marcus.bell@example.org", "home"),))

    assert import_path(DATA / "latin1.vcf").encoding == "Windows-1252"  # Latin-1 reads alike
    francois = card("François Lefèvre")
    assert (francois.given_name, francois.family_name, francois.company) == (
        "François", "Lefèvre", "Crêperie du Coin")
    assert francois.notes == "Gérant. Préfère le français au téléphone."
    assert set(francois.methods) == {Method("email", "francois.lefevre@example.com", ""),
                                     Method("phone", "+44 20 7946 0801", "work")}
    assert card("Jürgen Groß").addresses == (Address(
        "home", street="Königstraße 5", locality="Köln", postal_code="50667",
        country="Deutschland"),)


@pytest.mark.parametrize("name, removed, expected", [
    ("iphone.vcf", 5, "Dr Amara Chidinma Okonkwo-Reid"),  # no FN: N, prefix and middle too
    ("macos.vcf", 25, "Brightwater Plumbing Ltd"),  # no FN, N empty: the company
])
def test_a_card_without_fn_is_named_from_n_then_its_company(config, tmp_path, name, removed,
                                                              expected):
    text = (DATA / name).read_bytes().decode("utf-8")
    assert LINE_BREAK.split(text)[2 * (removed - 1)].startswith("FN:")
    import_path(rewritten(tmp_path, name, {removed: None}))
    assert card(expected).display_name == expected


def test_what_is_not_kept_is_counted_by_name_and_empty_fields_are_not(config, tmp_path):
    path = tmp_path / "extras.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Extra\r\n"
        "PHOTO;VALUE=uri:https://example.com/a.jpg\r\n"
        "LOGO;VALUE=uri:https://example.com/logo.png\r\nSOUND;VALUE=uri:https://example.com/a.ogg"
        "\r\nGEO:51.5;-0.1\r\nTZ:Europe/London\r\nFBURL:\r\nX-EVOLUTION-MANAGER:\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Extra\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\nTZ:+01:00\r\nEND:VCARD\r\n", encoding="utf-8")
    report = import_path(path)
    assert report.counts["created"] == 2
    assert report_lines(report)[1:] == [
        "  not kept: 2 photos, 1 logo, 1 sound, 3 other fields (GEO, TZ)"]


# --- Outlook's own CSV export ------------------------------------------------------------------

def test_outlooks_csv_export(config):
    import_path(DATA / "outlook-contacts.csv")
    nadia = card("Nadia Rahman")  # "Dr." is her Title beside her Job Title: not her job
    assert (nadia.company, nadia.department, nadia.role, nadia.function) == (
        "Contoso", "Finance", "CFO", "Accountant")
    assert nadia.methods == (
        Method("email", "nadia@contoso.example", ""), Method("email", "nadia@home.example", ""),
        Method("phone", "+1 (425) 555-0100", "work fax"),
        Method("phone", "+1 (425) 555-0101;ext=12", "work"),  # one phone, its extension kept
        Method("phone", "(425) 555-0102", "home"), Method("phone", "+1 (425) 555-0103", "mobile"),
        Method("url", "http://contoso.example/nadia", ""))
    assert nadia.addresses == (
        Address("work", street="1 Microsoft Way\nBuilding 92", locality="Redmond", region="WA",
                postal_code="98052", country="United States of America"),
        Address("home", street="14 Elm St", locality="Bellevue", region="WA",
                postal_code="98004", country="United States of America"))
    assert (nadia.birthday, nadia.anniversary) == (Birthday(3, 14, 1980), None)  # 0/0/00: none
    assert nadia.tags == ("Board", "Clients")
    assert nadia.notes == "Met at the board dinner.\nTwo children, loves sailing."
    jurgen = card("Jürgen Müller")  # the file is Windows-1252
    assert (jurgen.birthday, jurgen.anniversary) == (None, None)
    assert jurgen.notes == "Anniversary: 4/5/2010"  # April or May: kept as written


def test_netgardens_own_csv_phone_comes_back_without_its_apostrophe(config, tmp_path):
    import_text(tmp_path, "Name,Phone\nSam Ortiz,'+44 20 7946 0000\n", "sam.csv")
    assert card("Sam Ortiz").methods == (Method("phone", "+44 20 7946 0000", ""),)


# --- Google Contacts CSV -----------------------------------------------------------------------

def test_google_contacts_csv(config):
    import_path(DATA / "google-contacts-2024.csv")
    nadia = card("Nadia Rahman")  # Middle Name and Name Prefix: "columns left out"
    assert (nadia.given_name, nadia.family_name, nadia.nickname) == ("Nadia", "Rahman", "Nads")
    assert (nadia.company, nadia.department, nadia.role) == (
        "Kestrel Labs", "Applied ML", "Research Lead")
    assert nadia.birthday == Birthday(11, 2, 1979)
    assert nadia.anniversary == Birthday(6, 9, 2012)  # Event 1, labelled Anniversary
    assert nadia.notes == "Met at PyCon UK 2019.\nWants an intro to the Bristol data meetup."
    assert nadia.tags == ("Clients",)  # "* myContacts ::: Clients"
    assert set(nadia.methods) == {
        Method("email", "nadia@kestrel-labs.example.com", "work"),  # "* Work"
        Method("email", "nadia.r@example.net", "home"),
        Method("phone", "+44 7700 900512", "mobile"),
        Method("phone", "+44 20 7946 0512", "work"),  # two numbers in one cell
        Method("phone", "+44 20 7946 0513", "work"),
        Method("url", "https://nadia.example.com", "profile")}
    assert nadia.addresses == (Address(  # the parts; the formatted cell is the same address
        "home", extended="Flat 2", street="8 Example Gardens", locality="Bristol",
        postal_code="BS1 5AA", country="GB"),)

    owen = card("Owen Price")
    assert owen.birthday == Birthday(7, 14, None)  # --07-14
    assert set(owen.methods) == {Method("email", "owen.price@example.org", "other"),
                                 Method("email", "owen@price.example.com", "other"),
                                 Method("phone", "07700 900613", "mobile")}
    assert "myContacts" not in owen.tags

    harbour = card("Harbour Lights Catering")  # no name: named from Organization Name
    assert (harbour.given_name, harbour.family_name, harbour.company) == (
        "", "", "Harbour Lights Catering")
    assert harbour.tags == ("Suppliers",)
    assert set(harbour.methods) == {
        Method("email", "events@harbourlights.example.com", "work"),
        Method("phone", "+44 20 7946 0615", "work"),
        Method("url", "https://harbourlights.example.com", "work")}
    assert harbour.addresses == (Address(
        "work", street="Unit 4, Example Wharf", locality="Portsmouth", postal_code="PO1 3AX",
        country="GB"),)

    lucia = card("Lucía Fernández")
    assert (lucia.notes, lucia.tags) == ('Cousin "Lu" – Madrid.', ("Family",))
    assert lucia.methods == (Method("phone", "+44 7700 900117", "mobile"),)


def test_a_google_address_given_only_formatted_is_kept_on_its_lines(config, tmp_path):
    text = (DATA / "google-contacts-2024.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    for column, name in enumerate(header):
        if name.startswith("Address 1 - ") and name not in ("Address 1 - Label",
                                                              "Address 1 - Formatted"):
            rows[3][column] = ""  # Harbour Lights: only its formatted address is left
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "google.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    import_path(path)
    assert card("Harbour Lights Catering").addresses == (Address(
        "work", street="Unit 4, Example Wharf\nPortsmouth PO1 3AX\nGB"),)


# --- names that are text, never markup ----------------------------------------------------------

def test_names_in_any_script_and_brackets_land_intact(config):
    for name in ("android.vcf", "outlook2007.vcf", "thunderbird.vcf"):
        import_path(DATA / name)
    names = {row.name for row in queries.contact_rows(default_cadence=60)}
    assert {"김민준", "王小明", "محمد العلي", "Αλεξάνδρα Παπαδοπούλου",
            "[bold]Not Bold[/bold]"} <= names
    assert card("[bold]Not Bold[/bold]").methods == (Method("email", "notbold@example.net", ""),)


def test_the_command_prints_a_bracketed_name_literally(tmp_path):
    done = netgarden(tmp_path, "import", DATA / "thunderbird.vcf")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == ("imported thunderbird.vcf as vcard: 4 created, 0 updated, "
                           "0 unchanged, 0 skipped\n")
    shown = netgarden(tmp_path, "show", "[bold]Not Bold[/bold]")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0].startswith("[bold]Not Bold[/bold] (#")
    assert "\x1b" not in shown.stdout


# --- people who share a number or an inbox ------------------------------------------------------

def test_a_shared_switchboard_or_inbox_never_makes_one_person(config):
    match_keys.set_phone_region("GB")  # so the switchboard is one number, however written
    import_path(DATA / "shared-phone.vcf")
    alice, bob = card("Alice Carter"), card("Bob Singh")
    assert alice.id != bob.id
    assert set(alice.methods) == {Method("phone", "+44 20 7946 0000", "work"),
                                  Method("email", "alice.carter@example.com", "work")}
    assert set(bob.methods) == {Method("phone", "020 7946 0000", "work"),
                                Method("email", "bob.singh@example.com", "work")}
    assert (uid_of("Alice Carter"), uid_of("Bob Singh")) == ("aaa-1", "bbb-2")
    carol, dan = card("Carol Nwosu"), card("Dan Whitfield")
    assert carol.id != dan.id
    assert Method("phone", "+44 7700 900301", "cell") in carol.methods
    assert Method("phone", "+44 7700 900302", "cell") in dan.methods
    assert card("Erin Doyle").methods == (Method("phone", "(020) 7946-0001", "work"),)

    again = import_path(DATA / "shared-phone.vcf")
    assert report_lines(again) == [
        "imported shared-phone.vcf as vcard: 0 created, 0 updated, 5 unchanged, 0 skipped"]
    assert [o.contact_id for o in again.outcomes] == [alice.id, bob.id, carol.id, dan.id,
                                                      card("Erin Doyle").id]

    pairs = {(p.a_name, p.b_name): p.reason for p in dupes.likely_duplicates()}
    assert pairs["Carol Nwosu", "Dan Whitfield"] == "same email office@example.com"
    assert pairs["Alice Carter", "Bob Singh"].startswith("same phone")
    assert not any("Erin Doyle" in pair for pair in pairs)  # a near miss is no match


@pytest.mark.parametrize("region, result, phones", [
    ("GB", "unchanged", ["+44 20 7946 0000"]),  # one number, written two ways
    (None, "updated", ["+44 20 7946 0000", "020 7946 0000"]),  # compared as written
])
def test_a_national_number_is_the_international_one_in_the_home_region(
        config, tmp_path, region, result, phones):
    match_keys.set_phone_region(region)
    import_path(DATA / "shared-phone.vcf")
    path = tmp_path / "alice.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:aaa-1\r\nFN:Alice Carter\r\n"
                    "TEL;TYPE=WORK:020 7946 0000\r\nEND:VCARD\r\n", encoding="utf-8")
    assert results(import_path(path)) == [(1, result)]
    assert [m.value for m in card("Alice Carter").methods if m.kind == "phone"] == phones


@pytest.mark.parametrize("region", [None, "US"])
def test_vanity_numbers_stay_two_businesses(config, region):
    match_keys.set_phone_region(region)
    import_path(DATA / "outlook2003.vcf")
    florist, dentist = card("Petal Express Florists"), card("Brightsmile Dental Group")
    assert florist.id != dentist.id
    assert [m for m in florist.methods if m.kind == "phone"] == [
        Method("phone", "1-800-FLOWERS", "work")]
    assert dentist.methods == (Method("phone", "1-800-DENTIST", "work"),)
    assert not [p for p in dupes.likely_duplicates()
                if {p.a_name, p.b_name} == {florist.display_name, dentist.display_name}]
    assert import_path(DATA / "outlook2003.vcf").counts["unchanged"] == 4


def test_the_command_reads_the_region_from_the_config_and_dupes_lists_the_pair(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.toml").write_text('region = "GB"\n', encoding="utf-8")
    done = netgarden(tmp_path, "import", DATA / "shared-phone.vcf")
    assert (done.returncode, done.stderr) == (0, "")
    again = netgarden(tmp_path, "import", DATA / "shared-phone.vcf")
    assert again.stdout == ("imported shared-phone.vcf as vcard: 0 created, 0 updated, "
                            "5 unchanged, 0 skipped\n")
    listed = netgarden(tmp_path, "dupes", "--json")
    assert listed.returncode == 0, listed.stderr
    pairs = {(p["a_name"], p["b_name"]): p["reason"] for p in json.loads(listed.stdout)}
    assert set(pairs) == {("Alice Carter", "Bob Singh"), ("Carol Nwosu", "Dan Whitfield")}
    assert pairs["Alice Carter", "Bob Singh"].startswith("same phone")
    assert pairs["Alice Carter", "Bob Singh"].endswith("20 7946 0000")
    assert pairs["Carol Nwosu", "Dan Whitfield"] == "same email office@example.com"


# --- LinkedIn a month later: job changes ------------------------------------------------------

MOVES = {  # who changed jobs: the job before, the new one
    "Rohan Mehta": (PastJobRecord("Kestrel Robotics", "", "Engineering Manager", None),
                    "Head of Engineering, EMEA at Kestrel Robotics"),
    "Inês Carvalho": (PastJobRecord("Tidewater Bank", "", "Product Manager", None),
                      "Senior Product Manager at Contoso Payments"),
    "Aisling Brennan": (PastJobRecord("Quayside Analytics", "", "Data Engineer", None),
                        "Data Engineer at Lumen Data, Inc."),
}


def test_a_later_linkedin_export_records_each_job_change(config):
    import_path(DATA / "linkedin-Connections.csv")
    report = import_path(DATA / "linkedin-Connections-later.csv")
    assert results(report) == [(5, "created"), (6, "updated"), (7, "updated"),
                               (8, "unchanged"), (9, "updated")]
    assert report_lines(report) == [
        "imported linkedin-Connections-later.csv as linkedin: 1 created, 3 updated, "
        "1 unchanged, 0 skipped",
        "  3 changed jobs (Due says to congratulate):",
        "    Rohan Mehta: Engineering Manager at Kestrel Robotics → "
        "Head of Engineering, EMEA at Kestrel Robotics",
        "    Inês Carvalho: Product Manager at Tidewater Bank → "
        "Senior Product Manager at Contoso Payments",
        "    Aisling Brennan: Data Engineer at Quayside Analytics → "
        "Data Engineer at Lumen Data, Inc.",
    ]
    assert {o.name: o.new_job[1] for o in report.new_jobs} == {
        name: new for name, (_, new) in MOVES.items()}
    today = clock.today()
    for name, (old, new) in MOVES.items():
        moved = card(name)
        assert moved.past_jobs == (old._replace(ended_on=today),)
        assert [(e.kind, e.text, e.on) for e in queries.life_events(contact_id=moved.id)] == [
            ("new_job", new, today)]
    assert (card("Inês Carvalho").company, card("Inês Carvalho").role) == (
        "Contoso Payments", "Senior Product Manager")
    assert card("Rohan Mehta").role == "Head of Engineering, EMEA"
    assert card("Aisling Brennan").company == "Lumen Data, Inc."

    marcus = card("Marcus Holloway")  # the same job: no history, no event
    assert (marcus.past_jobs, queries.life_events(contact_id=marcus.id)) == ((), [])
    yusuf = card("Yusuf Demir")
    assert (yusuf.company, yusuf.role, yusuf.met_on) == (
        "Northwind Health", "UX Researcher", pendulum.date(2025, 10, 21))


def test_due_says_to_congratulate_who_changed_jobs(config):
    import_path(DATA / "linkedin-Connections.csv")
    import_path(DATA / "linkedin-Connections-later.csv")
    congratulate = {}
    for item in due_today(config).items:
        for reason in item.reasons:
            if reason.kind == "life_event":
                congratulate.setdefault(item.contact, []).append(reason.what)
    assert set(congratulate) == set(MOVES)  # not Marcus (same job), not Yusuf (new)
    for name, (_, new) in MOVES.items():
        assert len(congratulate[name]) == 1 and new in congratulate[name][0]


def test_reading_either_export_again_records_no_job_change(config):
    import_path(DATA / "linkedin-Connections.csv")
    import_path(DATA / "linkedin-Connections-later.csv")
    settled = table_counts()
    later = import_path(DATA / "linkedin-Connections-later.csv")
    assert later.counts == {"created": 0, "updated": 0, "unchanged": 5, "skipped": 0}
    older = import_path(DATA / "linkedin-Connections.csv")  # last month's, read after
    assert older.counts == {"created": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert older.new_jobs == [] and later.new_jobs == []
    assert table_counts() == settled
    assert card("Inês Carvalho").company == "Contoso Payments"
    assert len(queries.life_events()) == 3


def test_a_dry_run_of_the_later_export_tells_the_changes_and_writes_none(config):
    import_path(DATA / "linkedin-Connections.csv")
    before = table_counts()
    dry = import_path(DATA / "linkedin-Connections-later.csv", dry_run=True)
    assert table_counts() == before
    assert [o.name for o in dry.new_jobs] == list(MOVES)
    assert queries.life_events() == [] and card("Rohan Mehta").past_jobs == ()


# --- the command's exit codes ------------------------------------------------------------------

def test_an_empty_vcard_file_is_exit_1_and_one_line(tmp_path):
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    done = netgarden(tmp_path, "import", empty)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"netgarden: {empty} is empty: nothing to import\n"


def test_a_text_file_read_as_vcard_is_not_a_vcard_file(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Amara about the studio.\nFN:looks like a field\n", encoding="utf-8")
    done = netgarden(tmp_path, "import", "--format", "vcard", notes)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"netgarden: {notes} is not a vCard file: it holds no BEGIN:VCARD\n"


def test_a_file_whose_every_card_is_broken_reports_and_exits_1(tmp_path):
    broken = rewritten(tmp_path, "utf16.vcf", {3: NO_COLON, 10: NO_COLON})
    done = netgarden(tmp_path, "import", broken)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "imported utf16.vcf as vcard: 0 created, 0 updated, 0 unchanged, 2 skipped",
        "  read as UTF-16 (the file is not UTF-8)",
        f"  skipped line 1: can't read line 3: {NO_COLON!r}",
        f"  skipped line 8: can't read line 10: {NO_COLON!r}",
    ]
    assert done.stderr == "netgarden: nothing imported from utf16.vcf: all 2 cards were skipped\n"


def test_a_good_file_is_exit_0_with_nothing_on_stderr(tmp_path):
    done = netgarden(tmp_path, "import", DATA / "outlook2003.vcf")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "imported outlook2003.vcf as vcard: 4 created, 0 updated, 0 unchanged, 0 skipped",
        "  read as Windows-1252 (the file is not UTF-8)",
        "  not kept: 1 key",
    ]


def test_undo_takes_a_job_changing_import_back_whole(undoable):
    import_path(DATA / "linkedin-Connections.csv")
    before = garden_rows()
    with undo.recording("import linkedin-Connections-later.csv"):  # as the app's palette does
        import_path(DATA / "linkedin-Connections-later.csv")
    assert len(queries.life_events()) == 3

    assert undo.undo_last() == "import linkedin-Connections-later.csv"

    assert garden_rows() == before  # no new job, no past job, the old titles back
    assert card("Rohan Mehta").role == "Engineering Manager"


# --- who a card is, when it has no name or shares a number ---------------------------------------

def import_text(tmp_path: Path, text: str, name: str = "cards.vcf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_path(path)


def test_a_card_with_no_name_is_only_who_holds_its_email_and_renames_nobody(config, tmp_path):
    match_keys.set_phone_region("GB")
    import_text(tmp_path, "BEGIN:VCARD\nFN:Alice Ward\nUID:aaa-1\nTEL:+44 20 7946 0000\n"
                          "END:VCARD\nBEGIN:VCARD\nFN:Ann Lee\nEMAIL:ann@x.example\nEND:VCARD\n")
    report = import_text(tmp_path, (
        "BEGIN:VCARD\nEMAIL:front@x.example\nTEL:020 7946 0000\nEND:VCARD\n"  # the desk
        "BEGIN:VCARD\nEMAIL:ANN@x.example\nTEL:+44 7700 900123\nEND:VCARD\n"),  # Ann's phone
        "again.vcf")
    assert results(report) == [(1, "created"), (5, "updated")]
    assert card("Alice Ward").methods == (Method("phone", "+44 20 7946 0000", ""),)
    ann = card("Ann Lee")  # her name stays; her new phone is added
    assert Method("phone", "+44 7700 900123", "") in ann.methods
    assert card("front@x.example").given_name == ""


def test_a_card_with_no_name_and_a_shared_inbox_is_skipped_not_guessed(config, tmp_path):
    import_text(tmp_path, "BEGIN:VCARD\nFN:Carol Nwosu\nEMAIL:office@x.example\nEND:VCARD\n"
                          "BEGIN:VCARD\nFN:Dan Whitfield\nEMAIL:office@x.example\nEND:VCARD\n")
    report = import_text(tmp_path, "BEGIN:VCARD\nEMAIL:office@x.example\nEND:VCARD\n", "o.vcf")
    assert [(s.line, s.reason) for s in report.skipped] == [
        (1, "2 contacts have office@x.example: a name in the file would tell which")]


def test_a_card_renamed_where_it_came_from_is_renamed_here_and_said(config, tmp_path):
    import_text(tmp_path, "BEGIN:VCARD\nFN:Carol Jones\nUID:ccc-3\nEND:VCARD\n")
    report = import_text(tmp_path, "BEGIN:VCARD\nFN:Carol Smith\nUID:ccc-3\nEND:VCARD\n", "b.vcf")
    assert report_lines(report)[1:] == ["  1 renamed by its own card (the same UID):",
                                        "    Carol Jones → Carol Smith"]
    assert card("Carol Smith").family_name == "Smith"


def test_three_hundred_people_on_one_switchboard_stay_three_hundred(config, tmp_path):
    rows = "".join(f"Person {i},Surname{i},+44 20 7946 0000\n" for i in range(300))
    report = import_text(tmp_path, "First Name,Last Name,Phone\n" + rows, "staff.csv")
    assert report.counts["created"] == 300
    again = import_text(tmp_path, "First Name,Last Name,Phone\n" + rows, "staff.csv")
    assert again.counts["unchanged"] == 300
