"""First steps' rules (garden/setup.py): the usual places looked in under a home folder,
other programs' configs read and never trusted, paths completed as typed, answers checked
and written to the config."""

import shutil
from pathlib import Path

import pytest

from netgarden_tui.config import load_config
from netgarden_tui.garden import setup
from netgarden_tui.garden.actions import InvalidInput

DATA = Path(__file__).parent / "data"


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def maildir(path: Path) -> Path:
    for part in ("cur", "new", "tmp"):
        (path / part).mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def home(tmp_path) -> Path:
    """A home with what a newcomer has: a LinkedIn export unpacked in Downloads, a vCard
    file, a vdir, mail in ~/Mail, calendars in ~/.calendars and one khal knows elsewhere."""
    home = tmp_path / "home"
    export = home / "Downloads" / "Basic_LinkedInDataExport_11-20-2026"
    export.mkdir(parents=True)
    shutil.copy(DATA / "linkedin-Connections.csv", export / "Connections.csv")
    shutil.copy(DATA / "contacts.vcf", home / "Downloads" / "phone.vcf")
    write(home / "Downloads" / "budget.csv", "Item,Cost\nrent,1000\n")  # not contacts
    write(home / "Downloads" / "notes.txt", "hello")
    vdir = home / ".contacts" / "icloud" / "card"
    vdir.mkdir(parents=True)
    for card in (DATA / "vdir").glob("*.vcf"):
        shutil.copy(card, vdir / card.name)
    maildir(home / "Mail" / "INBOX")
    maildir(home / "Mail" / "Sent")
    write(home / ".calendars" / "home" / "a.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    write(home / "work-cal" / "team" / "b.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    write(home / ".config" / "khal" / "config",
          "[calendars]\n\n  [[home]]\n    path = ~/.calendars/home/\n"
          "  [[work]]\n    path = ~/work-cal/*  # discovered\n    type = discover\n")
    write(home / ".gitconfig", '[user]\n\tname = Ann Lee\n\temail = "ann@example.com"\n')
    return home


def shown(found: list[setup.Found], home: Path) -> list[tuple[str, str]]:
    return [(setup.shown(place.path, home), place.what) for place in found]


def test_address_books_in_downloads_and_vdirs_are_found(home):
    assert shown(setup.address_books(home, {}), home) == [
        ("~/Downloads/phone.vcf", "vCards, 3 cards"),
        ("~/Downloads/Basic_LinkedInDataExport_11-20-2026/Connections.csv",
         "LinkedIn connections"),
        ("~/.contacts/icloud/card", "a vCard folder, 3 cards"),
    ]


def test_mail_and_calendars_are_found_once_each_with_khals(home):
    assert shown(setup.mail_folders(home, {}), home) == [("~/Mail", "2 mail folders")]
    # ~/.calendars/home (khal's too) is inside ~/.calendars: a capture reads it whole
    assert shown(setup.calendar_folders(home, {}), home) == [
        ("~/.calendars", "1 event file"),
        ("~/work-cal/team", "1 event file, from khal's config"),
    ]


def test_vdirsyncer_and_notmuch_configs_name_folders_too(home):
    write(home / ".config" / "vdirsyncer" / "config",
          '[general]\nstatus_path = "~/.vdirsyncer/status/"\n\n'
          '[storage contacts_local]\ntype = "filesystem"\npath = "~/sync/contacts/"\n'
          'fileext = ".vcf"\n\n[storage cal_local]\ntype = "filesystem"\n'
          'path = "~/sync/calendars/"\nfileext = ".ics"\n')
    shutil.copy(DATA / "vdir" / "anna.vcf", write(home / "sync" / "contacts" / "work" / "x"
                                                   ).parent / "anna.vcf")
    write(home / "sync" / "calendars" / "work" / "c.ics", "BEGIN:VCALENDAR\n")
    write(home / ".notmuch-config", "[database]\npath=mailroot\n[user]\nprimary_email=ann@"
                                    "work.example\nother_email=ann@home.example;\n")
    maildir(home / "mailroot" / "inbox")
    assert ("~/sync/contacts/work", "a vCard folder, 1 card, from vdirsyncer's config") in \
        shown(setup.address_books(home, {}), home)
    assert ("~/sync/calendars", "1 event file, from vdirsyncer's config") in \
        shown(setup.calendar_folders(home, {}), home)
    assert ("~/mailroot", "1 mail folder, from notmuch's config") in \
        shown(setup.mail_folders(home, {}), home)
    assert setup.own_addresses(home, {}) == ["ann@example.com", "ann@work.example",
                                             "ann@home.example"]


@pytest.mark.parametrize("text", [
    "[calendars\npath = ~/x\n",  # a header never closed
    "[[work]]\npath = \n[calendars]\n[[home]]\npath = relative/folder\n",
    "\x00\xff garbage [[[ ]]] = = =\n",
    "[calendars]\n[[home]]\npath = ~/nowhere/*\ntype = discover\n",
])
def test_a_malformed_config_is_passed_over(home, text):
    write(home / ".config" / "khal" / "config", text)
    (home / ".config" / "vdirsyncer").mkdir(parents=True)
    (home / ".config" / "vdirsyncer" / "config").mkdir()  # a folder where a file should be
    assert shown(setup.calendar_folders(home, {}), home) == [("~/.calendars", "1 event file")]


def test_an_empty_home_finds_nothing(tmp_path):
    assert setup.address_books(tmp_path, {}) == []
    assert setup.mail_folders(tmp_path, {}) == []
    assert setup.calendar_folders(tmp_path, {}) == []
    assert setup.own_addresses(tmp_path, {}) == []


@pytest.mark.parametrize("environ, region", [
    ({"LANG": "en_GB.UTF-8"}, "GB"),
    ({"LANG": "en_GB.UTF-8", "LC_TELEPHONE": "de_DE.UTF-8"}, "DE"),
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "CA"),
    ({"LANG": "C.UTF-8"}, None),
    ({}, None),
])
def test_the_home_region_comes_from_the_locale(environ, region):
    assert setup.home_region(environ) == region


def test_paths_complete_from_the_home_given(home):
    assert setup.completions("~/Dow", home) == ["~/Downloads/"]
    assert setup.completions("~/Downloads/", home) == [
        "~/Downloads/Basic_LinkedInDataExport_11-20-2026/", "~/Downloads/budget.csv",
        "~/Downloads/notes.txt", "~/Downloads/phone.vcf"]
    assert setup.completed("~/Downloads/p", home) == "~/Downloads/phone.vcf"
    assert setup.completed("~/Downloads/B", home) == \
        "~/Downloads/Basic_LinkedInDataExport_11-20-2026/"
    assert setup.completions("~/.con", home) == ["~/.config/", "~/.contacts/"]
    assert setup.completed("~/.con", home) == "~/.config/"  # the first, shown dimmed
    assert setup.completions("~/", home)[0] == "~/Downloads/"  # hidden ones only asked for
    assert not any("/." in path for path in setup.completions("~/", home))
    assert setup.completions("~/nothing-here", home) == []
    assert setup.completions("~", home) == ["~/"]
    folder = str(home / "Mail")
    assert setup.completions(folder[:-1], home) == [folder + "/"]  # a whole path too


def test_answers_are_checked():
    assert setup.check_addresses("Ann@Example.com, ann@example.com ann@work.example") == (
        "Ann@Example.com", "ann@work.example")
    assert setup.check_region(" gb ") == "GB" and setup.check_region("uk") == "GB"
    for bad in ("zz", "GBR", "", "1"):
        with pytest.raises(InvalidInput, match="not a region phone numbers know"):
            setup.check_region(bad)
    for bad in ("ann", "ann@", "@example.com", "a@b@c"):
        with pytest.raises(InvalidInput, match="is not an email address"):
            setup.check_addresses(bad)


def test_paths_are_kept_as_the_config_expands_them(home, monkeypatch):
    with pytest.raises(InvalidInput, match="~/Nope: no such file or folder"):
        setup.check_paths("~/Mail, ~/Nope", home)
    assert setup.check_paths("~/Mail", home) == (str(home / "Mail"),)  # not your own home
    monkeypatch.setenv("HOME", str(home))
    assert setup.check_paths("~/Mail, ~/Mail/", home) == ("~/Mail",)  # your own: with ~


def test_answers_go_in_the_config_and_a_region_keys_the_phones_again(config, tmp_path):
    from netgarden_tui.garden import actions
    from netgarden_tui.store import database, match_keys
    from netgarden_tui.store.models import ContactMethod

    path = tmp_path / "config.toml"
    load_config(path)  # the defaults, written
    path.write_text(path.read_text().replace("one_sided_after = 3", "one_sided_after = 5"))
    actions.add_contact("Ann Lee", actions.ContactDetails(phones=["020 7946 0000"]))
    answers = setup.Answers(me=("ann@example.com",), region="GB", on_start=True)
    with database.transaction():
        now = setup.save_answers(load_config(path), answers)
    written = load_config(path)
    assert written == now
    assert written.capture.me == ("ann@example.com",) and written.region == "GB"
    assert written.capture.on_start is True and written.capture.mail == ()
    assert written.one_sided_after == 5  # what the file said besides stays
    assert match_keys.phone_region() == "GB"
    assert [method.match_key for method in ContactMethod.select()] == ["+442079460000"]
    assert setup.answer_lines(answers) == [
        "your addresses (capture.me): ann@example.com",
        "home region for phone numbers (region): GB",
        "capture as the app opens (capture.on_start): yes"]
