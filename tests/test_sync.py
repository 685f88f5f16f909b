"""`netgarden sync vdir`: the garden and a folder of cards (a vdir) kept in step, both ways.

The cards are real files in a temporary folder, written as phones and CardDAV servers
write them (an iPhone's card with a photo, Apple's labels and a social profile); the real
command line runs in this process on a real garden (conftest's ``netgarden``), on SQLite or
on a server (NETGARDEN_TEST_POSTGRES). What is checked is what a person would see: the
files in the folder, byte for byte where netgarden had nothing to change, the contact
(`show --json`), the report, and that a second run changes nothing.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import netgarden, netgarden_ok
from netgarden_tui.garden.vdir import folder as vdir_folder

# An iPhone's card as iCloud hands it to vdirsyncer: Apple's groups and labels, an
# anniversary as X-ABDATE, a related name, a social profile and a photo, none of which
# netgarden keeps as such, and all of which must survive a rewrite.
AMARA = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iOS 17.5.1//EN
N:Okonkwo-Reid;Amara;;;
FN:Amara Okonkwo-Reid
ORG:Harrow & Vale;Design
TITLE:Head of Design
item1.EMAIL;type=INTERNET;type=HOME;type=pref:amara.reid@example.com
item2.EMAIL;type=INTERNET:amara@studio.example.org
item2.X-ABLabel:Studio
TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123
item4.URL;type=pref:https://amara.example.com
item4.X-ABLabel:_$!<HomePage>!$_
item5.X-ABDATE;type=pref:2011-09-17
item5.X-ABLabel:_$!<Anniversary>!$_
item6.X-ABRELATEDNAMES;type=pref:Tunde Reid
item6.X-ABLabel:_$!<Spouse>!$_
X-SOCIALPROFILE;type=linkedin;x-user=amara-okonkwo-reid:https://www.linkedi
 n.com/in/amara-okonkwo-reid
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAADn7udhXvNfMOSbSC4VyudQ
 ByAeEmF7D+2n4WR3lv8CK+qO0CqCoXWTDyM3zTeUxSIIAG1rGvDAy9YlZYqsLJ+qB9E8RH4zBR
 7u+Vpg5WFD1sQ7ytdsAIqbCmtfyTMVSm3ihASol8UlJi5qfAe8vuhB90XFXU6fdH9hUWTG9yjX
 GDU3E4J6yIPX+5ZZI0B09SWPbGgII4n/2Q==
UID:AB12CD34-0000-4000-8000-AMARA0000001
END:VCARD
""".replace("\n", "\r\n")

BJORN = """BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:6f0c8a3e-1d2b-4c5d-9e8f-b7a6c5d4e3f2
FN:Bjørn Haug
N:Haug;Bjørn;;;
EMAIL;TYPE=work:bjorn@example.no
TEL;TYPE=cell:+47 912 34 567
END:VCARD
"""


@pytest.fixture
def home(tmp_path) -> Path:
    (tmp_path / "cards").mkdir()
    return tmp_path


def cards_of(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((home / "cards").iterdir())
            if not path.name.startswith(".")}


def stamps_of(home: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (home / "cards").iterdir()}


def sync(home: Path, *args: str) -> dict:
    """`netgarden sync vdir HOME/cards ARGS --json`, which must succeed: its report."""
    return json.loads(netgarden_ok(home, "sync", "vdir", home / "cards", "--json", *args))


def show(home: Path, name: str) -> dict:
    return json.loads(netgarden_ok(home, "show", name, "--json"))


def methods(card: dict, kind: str) -> set[str]:
    return {method["value"] for method in card["methods"] if method["kind"] == kind}


def put(home: Path, name: str, text: str) -> Path:
    path = home / "cards" / name
    path.write_bytes(text.encode("utf-8"))
    return path


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n", "\n").split("\n")


def files_named(report: dict, part: str) -> list[str]:
    return [card["file"] for card in report[part]]


# --- both ways ---------------------------------------------------------------------------

def test_each_contact_becomes_a_card_named_by_its_uid_and_a_second_run_writes_nothing(home):
    netgarden_ok(home, "add", "Ann Lee", "--email", "ann@example.com", "--phone",
                 "+44 20 7946 0000", "--company", "Acme", "--role", "CTO", "--tag", "clients",
                 "--birthday", "1980-05-21", "--note", "Met at the Leeds meetup")
    netgarden_ok(home, "fact", "Ann Lee", "health", "a bad knee")
    netgarden_ok(home, "log", "Ann Lee", "--via", "call", "--note", "talked about the merger")
    report = sync(home)
    assert [card["contact"] for card in report["written"]] == ["Ann Lee"]
    assert report["written"][0]["new"] and report["read"] == [] and report["skipped"] == []
    (name, data), = cards_of(home).items()
    uid = show(home, "Ann Lee")["external_uid"] if "external_uid" in show(home, "Ann Lee") else None
    text = data.decode("utf-8")
    card_uid = next(line[4:] for line in lines_of(data) if line.startswith("UID:"))
    assert name == card_uid.removeprefix("urn:uuid:") + ".vcf"
    assert uid in (None, card_uid)
    for line in ("FN:Ann Lee", "N:Lee;Ann;;;", "ORG:Acme", "TITLE:CTO", "EMAIL:ann@example.com",
                 "TEL:+44 20 7946 0000", "BDAY:1980-05-21", "CATEGORIES:clients",
                 "NOTE:Met at the Leeds meetup"):
        assert line in lines_of(data)
    # Only the card travels: no fact, no touch, no health note.
    assert "knee" not in text and "merger" not in text and "call" not in text.lower()
    assert (home / "cards" / name).stat().st_mode & 0o777 == 0o600
    before = stamps_of(home)
    again = sync(home)
    assert again["written"] == again["read"] == again["skipped"] == [] and again["unchanged"] == 1
    assert stamps_of(home) == before and cards_of(home) == {name: data}


def test_a_card_added_in_the_folder_comes_in_and_a_phone_changed_there_replaces_the_old(home):
    put(home, "bjorn.vcf", BJORN)
    report = sync(home)
    assert [(card["contact"], card["new"]) for card in report["read"]] == [("Bjørn Haug", True)]
    assert report["written"] == []  # the card says all the garden knows
    bjorn = show(home, "Bjørn")
    assert methods(bjorn, "phone") == {"+47 912 34 567"}
    put(home, "bjorn.vcf", BJORN.replace("+47 912 34 567", "+47 400 00 001"))
    report = sync(home)
    assert [card["contact"] for card in report["read"]] == ["Bjørn Haug"]
    assert methods(show(home, "Bjørn"), "phone") == {"+47 400 00 001"}
    assert sync(home)["read"] == []


def test_a_phone_changed_in_the_garden_rewrites_only_that_line_of_the_card(home):
    put(home, "amara.vcf", AMARA)
    sync(home)
    netgarden_ok(home, "edit", "Amara", "--phone", "+44 7700 900999")
    report = sync(home)
    assert files_named(report, "written") == ["amara.vcf"] and report["read"] == []
    after = lines_of(cards_of(home)["amara.vcf"])
    before = lines_of(AMARA.encode())
    assert [line for line in after if line not in before] == ["TEL:+44 7700 900999"]
    assert [line for line in before if line not in after] == []  # the photo, labels, all kept
    # Removing a number takes its line away, and nothing else.
    amara = show(home, "Amara")
    assert methods(amara, "phone") == {"+44 7700 900123", "+44 7700 900999"}


def test_a_removed_email_takes_its_line_and_apples_label_with_it(home):
    put(home, "amara.vcf", AMARA)
    sync(home)
    path = home / "cards" / "amara.vcf"
    # On the phone: the studio address deleted (its X-ABLabel goes with it, as iOS does).
    path.write_bytes(AMARA.replace("item2.EMAIL;type=INTERNET:amara@studio.example.org\r\n"
                                   "item2.X-ABLabel:Studio\r\n", "").encode())
    report = sync(home)
    assert files_named(report, "read") == ["amara.vcf"]
    assert methods(show(home, "Amara"), "email") == {"amara.reid@example.com"}
    assert report["written"] == []


def test_changes_on_both_sides_are_merged_field_by_field(home):
    put(home, "amara.vcf", AMARA)
    sync(home)
    netgarden_ok(home, "edit", "Amara", "--role", "Creative Director")
    put(home, "amara.vcf", AMARA.replace("TEL;type=CELL;type=VOICE;type=pref:+44 7700 900123",
                                         "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900777"))
    report = sync(home)
    assert report["conflicts"] == []
    amara = show(home, "Amara")
    assert methods(amara, "phone") == {"+44 7700 900777"}
    assert amara["role"] == "Creative Director"
    card = lines_of(cards_of(home)["amara.vcf"])
    assert "TITLE:Creative Director" in card
    assert "TEL;type=CELL;type=VOICE;type=pref:+44 7700 900777" in card
    assert sync(home)["written"] == []


def test_a_field_changed_on_both_sides_keeps_the_gardens_and_notes_the_cards(home):
    put(home, "amara.vcf", AMARA)
    sync(home)
    netgarden_ok(home, "edit", "Amara", "--role", "Creative Director")
    put(home, "amara.vcf", AMARA.replace("TITLE:Head of Design", "TITLE:Chief Design Officer"))
    report = sync(home)
    assert [(c["contact"], c["field"], c["kept"], c["in_notes"]) for c in report["conflicts"]] == [
        ("Amara Okonkwo-Reid", "job title", "Creative Director", "Chief Design Officer")]
    amara = show(home, "Amara")
    assert amara["role"] == "Creative Director"
    assert "job title Chief Design Officer" in amara["notes"]
    card = cards_of(home)["amara.vcf"].decode()
    assert "TITLE:Creative Director" in card and "Chief Design Officer" in card  # in NOTE
    text = netgarden(home, "sync", "vdir", home / "cards").stdout
    assert "0 conflicts" in text  # settled


def test_the_conflict_is_named_in_the_text_report(home):
    put(home, "amara.vcf", AMARA)
    sync(home)
    netgarden_ok(home, "edit", "Amara", "--role", "Creative Director")
    put(home, "amara.vcf", AMARA.replace("TITLE:Head of Design", "TITLE:CDO"))
    text = netgarden_ok(home, "sync", "vdir", home / "cards")
    assert "1 conflict," in text
    assert ("conflict: Amara Okonkwo-Reid's job title: kept Creative Director; the card's CDO "
            "is in the notes (amara.vcf)") in text


def test_a_card_deleted_in_the_folder_archives_and_undo_brings_the_card_back(home):
    put(home, "bjorn.vcf", BJORN)
    netgarden_ok(home, "add", "Ann Lee", "--email", "ann@example.com")
    sync(home)
    (home / "cards" / "bjorn.vcf").unlink()
    report = sync(home)
    assert [card["contact"] for card in report["archived"]] == ["Bjørn Haug"]
    assert show(home, "Bjørn")["archived"] is True
    netgarden_ok(home, "undo")
    assert show(home, "Bjørn")["archived"] is False
    report = sync(home)  # the folder brought back in line with the garden
    assert [card["contact"] for card in report["written"]] == ["Bjørn Haug"]
    written = cards_of(home)[report["written"][0]["file"]].decode()
    assert "UID:urn:uuid:6f0c8a3e-1d2b-4c5d-9e8f-b7a6c5d4e3f2" in written


def test_archiving_in_the_garden_removes_the_card(home):
    put(home, "bjorn.vcf", BJORN)
    sync(home)
    netgarden_ok(home, "archive", "Bjørn")
    report = sync(home)
    assert files_named(report, "removed") == ["bjorn.vcf"]
    assert cards_of(home) == {}
    assert sync(home)["removed"] == []


def test_a_card_never_fuses_two_people(home):
    netgarden_ok(home, "add", "Alice Wong", "--phone", "+44 20 7946 0100", "--email",
                 "alice@acme.example")
    sync(home)
    # Bob shares Acme's switchboard, and comes from the phone with a UID of his own.
    put(home, "bob.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bob-1\r\nFN:Bob Stone\r\n"
                         "N:Stone;Bob;;;\r\nTEL:+44 20 7946 0100\r\nEND:VCARD\r\n")
    report = sync(home)
    assert [(card["contact"], card["new"]) for card in report["read"]] == [("Bob Stone", True)]
    assert methods(show(home, "Alice"), "phone") == {"+44 20 7946 0100"}
    assert show(home, "Alice")["display_name"] == "Alice Wong"


def test_a_card_of_someone_already_in_the_garden_is_matched_and_told_what_the_garden_knows(home):
    netgarden_ok(home, "add", "Bjørn Haug", "--email", "bjorn@example.no", "--company", "Equinor")
    put(home, "bjorn.vcf", BJORN)
    report = sync(home)
    assert [(card["contact"], card["new"]) for card in report["read"]] == [("Bjørn Haug", False)]
    assert files_named(report, "written") == ["bjorn.vcf"]  # the company goes to the card
    bjorn = show(home, "Bjørn")
    assert methods(bjorn, "phone") == {"+47 912 34 567"} and bjorn["company"] == "Equinor"
    assert "ORG:Equinor" in lines_of(cards_of(home)["bjorn.vcf"])
    assert len(cards_of(home)) == 1  # no second card for him
    assert json.loads(netgarden_ok(home, "list", "--json")).__len__() == 1


def test_a_merge_in_the_garden_leaves_one_card(home):
    put(home, "bjorn.vcf", BJORN)
    put(home, "bjorn2.vcf", BJORN.replace("6f0c8a3e", "00000000").replace(
        "bjorn@example.no", "bjorn.haug@private.example").replace("+47 912 34 567", "+47 999"))
    sync(home)
    listed = json.loads(netgarden_ok(home, "list", "--json"))
    assert len(listed) == 2  # two UIDs: two people, until the person says otherwise
    netgarden_ok(home, "merge", f"#{listed[0]['id']}", f"#{listed[1]['id']}")
    report = sync(home)
    assert len(report["removed"]) == 1 and len(cards_of(home)) == 1
    (data,) = cards_of(home).values()
    assert b"bjorn@example.no" in data and b"bjorn.haug@private.example" in data


# --- one run, one change --------------------------------------------------------------------

def test_a_run_is_one_undo_step_and_the_next_run_reads_the_cards_again(home):
    put(home, "bjorn.vcf", BJORN)
    put(home, "amara.vcf", AMARA)
    sync(home)
    assert len(json.loads(netgarden_ok(home, "list", "--json"))) == 2
    assert "netgarden sync vdir" in netgarden_ok(home, "undo")
    assert json.loads(netgarden_ok(home, "list", "--json")) == []
    before = cards_of(home)
    report = sync(home)  # the phone's cards are never taken away by an undo
    assert len(report["read"]) == 2 and cards_of(home) == before


def test_dry_run_writes_nothing(home):
    netgarden_ok(home, "add", "Ann Lee")
    put(home, "bjorn.vcf", BJORN)
    report = sync(home, "--dry-run")
    assert report["dry_run"] and len(report["written"]) == 1 and len(report["read"]) == 1
    assert list(cards_of(home)) == ["bjorn.vcf"]
    assert [row["name"] for row in json.loads(netgarden_ok(home, "list", "--json"))] == ["Ann Lee"]
    report = sync(home)
    assert len(report["written"]) == 1 and len(report["read"]) == 1


# --- which way ------------------------------------------------------------------------------

def test_from_vdir_never_writes_and_to_vdir_never_reads(home):
    netgarden_ok(home, "add", "Ann Lee")
    put(home, "bjorn.vcf", BJORN)
    report = sync(home, "--direction", "from-vdir")
    assert report["written"] == [] and len(report["read"]) == 1
    assert list(cards_of(home)) == ["bjorn.vcf"]
    put(home, "bjorn.vcf", BJORN.replace("+47 912 34 567", "+47 400 00 001"))
    netgarden_ok(home, "edit", "Ann Lee", "--phone", "+44 20 7946 0000")
    report = sync(home, "--direction", "to-vdir")
    assert report["read"] == []
    assert methods(show(home, "Bjørn"), "phone") == {"+47 912 34 567"}
    written = {card["contact"] for card in report["written"]}
    assert written == {"Ann Lee", "Bjørn Haug"}  # the folder follows the garden
    assert b"+47 912 34 567" in cards_of(home)["bjorn.vcf"]


def test_sync_with_no_path_takes_the_configs(home):
    (home / "conf").mkdir()
    (home / "conf" / "config.toml").write_text(
        f'[sync]\nvdir = "{home / "cards"}"\ndirection = "from-vdir"\n')
    put(home, "bjorn.vcf", BJORN)
    netgarden_ok(home, "add", "Ann Lee")
    report = json.loads(netgarden_ok(home, "sync", "--json"))
    assert report["direction"] == "from-vdir" and len(report["read"]) == 1
    assert report["written"] == []


def test_sync_with_nothing_configured_says_so_in_one_line(home):
    done = netgarden(home, "sync")
    assert done.returncode == 1
    assert done.stderr.startswith("netgarden: nothing to sync: name a folder")
    assert done.stderr.count("\n") == 1


def test_a_bad_direction_in_the_config_names_the_key(home):
    (home / "conf").mkdir()
    (home / "conf" / "config.toml").write_text('[sync]\ndirection = "sideways"\n')
    done = netgarden(home, "sync")
    assert done.returncode == 1 and "sync.direction" in done.stderr
    assert done.stderr.count("\n") == 1


# --- bad input --------------------------------------------------------------------------------

def test_a_card_that_does_not_parse_is_left_untouched_and_reported(home):
    broken = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\nthis is not a property\r\n"
    (home / "cards" / "broken.vcf").write_bytes(broken)
    (home / "cards" / "two.vcf").write_text(BJORN + BJORN.replace("6f0c", "1111"))
    put(home, "amara.vcf", AMARA)
    report = sync(home)
    assert {card["file"]: card["reason"] for card in report["skipped"]} == {
        "broken.vcf": "card cut short: no END:VCARD: left as it is",
        "two.vcf": "2 cards in one file (a vdir keeps one card a file): left as it is"}
    assert files_named(report, "read") == ["amara.vcf"]
    assert (home / "cards" / "broken.vcf").read_bytes() == broken
    (home / "cards" / "broken.vcf").write_bytes(broken + b"END:VCARD\r\n")
    assert "can't read its line 'this is not a property'" in sync(home)["skipped"][0]["reason"]


def test_two_files_with_one_uid_are_both_left_and_reported(home):
    put(home, "bjorn.vcf", BJORN)
    sync(home)
    netgarden_ok(home, "edit", "Bjørn", "--phone", "+47 400 00 002")
    put(home, "copy-of-bjorn.vcf", BJORN)
    report = sync(home)
    assert sorted(card["file"] for card in report["skipped"]) == ["bjorn.vcf", "copy-of-bjorn.vcf"]
    assert "the same UID as copy-of-bjorn.vcf" in report["skipped"][0]["reason"]
    assert report["written"] == [] and report["archived"] == []
    assert cards_of(home)["bjorn.vcf"] == BJORN.encode()
    (home / "cards" / "copy-of-bjorn.vcf").unlink()
    assert files_named(sync(home), "written") == ["bjorn.vcf"]


@pytest.mark.parametrize("make, message", [
    (lambda path: None, "no such folder"),
    (lambda path: path.write_text(BJORN), "is a file, not a folder of cards"),
    (lambda path: (path.mkdir(), (path / "family").mkdir(),
                   (path / "family" / "a.vcf").write_text(BJORN)),
     "is not a vdir: its cards are in the folders in it (family); sync one of those"),
    (lambda path: (path.mkdir(), (path / "notes.txt").write_text("hello")),
     "is not a vdir: it holds no .vcf files but other files (notes.txt)"),
])
def test_a_folder_that_is_not_a_vdir_is_one_line(tmp_path, make, message):
    make(tmp_path / "book")
    done = netgarden(tmp_path, "sync", "vdir", tmp_path / "book")
    assert done.returncode == 1 and done.stdout == ""
    assert message in done.stderr and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_a_folder_emptied_since_the_last_sync_archives_no_one(home):
    put(home, "bjorn.vcf", BJORN)
    sync(home)
    (home / "cards" / "bjorn.vcf").unlink()
    (home / "cards" / "displayname").write_text("Phone")
    done = netgarden(home, "sync", "vdir", home / "cards")
    assert done.returncode == 1 and "not archiving everyone" in done.stderr
    assert show(home, "Bjørn")["archived"] is False


def test_a_card_changed_during_the_sync_is_left_for_the_next_run(home, monkeypatch):
    put(home, "bjorn.vcf", BJORN)
    sync(home)
    netgarden_ok(home, "edit", "Bjørn", "--phone", "+47 400 00 003")
    real_read = vdir_folder.read

    def read_then_someone_writes(folder, name, seen):
        data = real_read(folder, name, seen)
        path = folder / name
        path.write_bytes(data.replace(b"+47 912 34 567", b"+47 555 55 555"))
        os.utime(path, ns=(seen.mtime_ns + 10**9, seen.mtime_ns + 10**9))
        return data

    monkeypatch.setattr(vdir_folder, "read", read_then_someone_writes)
    report = sync(home)
    monkeypatch.setattr(vdir_folder, "read", real_read)
    (skipped,) = report["skipped"]
    assert skipped["file"] == "bjorn.vcf"
    assert skipped["reason"].startswith("changed")
    assert skipped["reason"].endswith(": left for the next run")
    assert b"+47 555 55 555" in cards_of(home)["bjorn.vcf"]  # their change, not overwritten
    report = sync(home)  # the next run brings both in
    assert methods(show(home, "Bjørn"), "phone") == {"+47 555 55 555", "+47 400 00 003"}
    assert files_named(report, "written") == ["bjorn.vcf"]
    card = cards_of(home)["bjorn.vcf"]
    assert b"+47 555 55 555" in card and b"+47 400 00 003" in card


def test_a_hostile_name_is_data_in_the_card_and_the_report(home):
    netgarden_ok(home, "add", "[/] Eve; \\n, \x1b[31mred")
    text = netgarden_ok(home, "sync", "vdir", home / "cards")
    assert "\x1b" not in text
    (data,) = cards_of(home).values()
    assert b"\x1b" not in data or b"FN:[/] Eve\\; \\\\n\\, \x1b[31mred" in data
    report = sync(home)
    assert report["read"] == [] and report["written"] == []


# --- real cards, as phones and programs write them ----------------------------------------

EXPORTERS = Path(__file__).parent / "data" / "exporters"


def split_cards(home: Path) -> dict[str, list[str]]:
    """Every card of tests/data/exporters, a file each in HOME/cards as the exporter wrote
    it (its encoding, its line ends); each file's lines, decoded."""
    import re

    from netgarden_tui.garden.importing.drafts import decode

    written = {}
    for source in sorted(EXPORTERS.glob("*.vcf")):
        text, _ = decode(source.read_bytes())
        found = re.findall(r"(?:[\w-]+\.)?begin:vcard.*?(?:[\w-]+\.)?end:vcard", text,
                           re.IGNORECASE | re.DOTALL)
        for number, card in enumerate(found):
            name = f"{source.stem}-{number}.vcf"
            (home / "cards" / name).write_bytes(card.encode("utf-8") + b"\r\n")
            written[name] = re.split(r"\r\r\n|\r\n|\n|\r", card)
    return written


def test_real_cards_come_in_and_a_tag_added_in_the_garden_changes_only_their_categories(home):
    originals = split_cards(home)
    report = sync(home)
    skipped = {card["file"]: card["reason"] for card in report["skipped"]}
    read = files_named(report, "read")
    assert len(read) + len(skipped) == len(originals) and len(read) >= 20, skipped
    assert sync(home)["written"] == []  # what they say is what the garden keeps
    for row in json.loads(netgarden_ok(home, "list", "--json")):
        netgarden_ok(home, "edit", f"#{row['id']}", "--tag", "synced")
    report = sync(home)
    assert sorted(files_named(report, "written")) == sorted(read)
    assert report["read"] == [] and report["conflicts"] == []
    for name in read:
        after = lines_of((home / "cards" / name).read_bytes())
        before = [line for line in originals[name] if line]
        gone = [line for line in before if line not in after]
        new = [line for line in after if line and line not in before]
        assert all(line.upper().startswith(("CATEGORIES", "X-")) or ".CATEGORIES" in line.upper()
                   for line in gone), (name, gone)
        assert len(new) == 1 and "synced" in new[0] and "CATEGORIES" in new[0].upper(), (name, new)
    assert sync(home)["written"] == []


def test_a_card_without_a_uid_keeps_its_file_and_gets_no_uid(home):
    put(home, "no-uid.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Cora Diaz\nN:Diaz;Cora;;;\n"
                            "EMAIL:cora@example.com\nEND:VCARD\n")
    sync(home)
    netgarden_ok(home, "edit", "Cora", "--company", "Diaz & Co")
    report = sync(home)
    assert files_named(report, "written") == ["no-uid.vcf"]
    assert cards_of(home)["no-uid.vcf"].decode() == (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cora Diaz\nN:Diaz;Cora;;;\nEMAIL:cora@example.com\n"
        "ORG:Diaz & Co\nEND:VCARD\n")  # its own line ends, no UID added


def test_a_vcard_4_birthday_is_written_its_way(home):
    put(home, "bjorn.vcf", BJORN)
    sync(home)
    netgarden_ok(home, "edit", "Bjørn", "--birthday", "1979-02-28")
    sync(home)
    assert "BDAY:19790228" in lines_of(cards_of(home)["bjorn.vcf"])
    assert show(home, "Bjørn")["birthday"] == {"month": 2, "day": 28, "year": 1979}


def test_a_card_changed_between_reading_and_writing_is_not_overwritten(home, monkeypatch):
    from netgarden_tui.garden.vdir import vcf

    put(home, "bjorn.vcf", BJORN)
    sync(home)
    netgarden_ok(home, "edit", "Bjørn", "--phone", "+47 400 00 004")
    real_text = vcf.CardFile.text

    def text_then_someone_writes(card_file):
        path = home / "cards" / "bjorn.vcf"
        path.write_bytes(BJORN.replace("Haug", "Haugen").encode())
        return real_text(card_file)

    monkeypatch.setattr(vcf.CardFile, "text", text_then_someone_writes)
    report = sync(home)
    monkeypatch.setattr(vcf.CardFile, "text", real_text)
    assert [(c["file"], c["reason"]) for c in report["skipped"]] == [
        ("bjorn.vcf", "changed meanwhile: left for the next run")]
    assert b"Haugen" in cards_of(home)["bjorn.vcf"]
    assert not [path for path in (home / "cards").iterdir() if path.name.startswith(".")]
    sync(home)
    card = cards_of(home)["bjorn.vcf"]
    assert b"Haugen" in card and b"+47 400 00 004" in card
    assert show(home, "Bjørn")["display_name"] == "Bjørn Haugen"


def test_the_configs_sync_table_survives_the_config_being_written_again(tmp_path):
    from netgarden_tui.config import SyncSettings, load_config, save_config

    path = tmp_path / "config.toml"
    path.write_text('region = "GB"\n\n[sync]\nvdir = "~/.contacts/garden"\ndirection = "to-vdir"\n')
    config = load_config(path)
    assert config.sync == SyncSettings(vdir="~/.contacts/garden", direction="to-vdir")
    save_config(config)
    assert load_config(path).sync == config.sync


def test_a_second_sync_of_one_folder_at_once_does_nothing_and_says_so(home):
    import fcntl

    put(home, "bjorn.vcf", BJORN)
    handle = os.open(home / "cards", os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the first sync, still running
        done = netgarden(home, "sync", "vdir", home / "cards")
    finally:
        os.close(handle)
    assert done.returncode == 1 and "another netgarden sync of" in done.stderr
    assert json.loads(netgarden_ok(home, "list", "--json")) == []
    assert len(sync(home)["read"]) == 1
