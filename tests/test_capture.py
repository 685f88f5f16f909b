"""The garden fills itself: `netgarden capture` on mail and calendars made here, never real.

Maildir folders, mbox files and .ics files are written by the tests; the real command
line runs in this process (conftest's ``netgarden``) on a real garden file, with the clock
frozen at Mon 23 Nov 2026 09:00 UTC. What is checked is what a person would see: the
card and timeline (`show`), the queue (`due`), the report, and that a second run over the
same mail changes nothing.
"""

import json
import os
import shutil
import sqlite3
from email.utils import format_datetime
from pathlib import Path

import pendulum
import pytest

from conftest import copy_of, frozen_at_start, netgarden
from conftest import netgarden_ok as ok
from netgarden_tui.config import CaptureSettings
from netgarden_tui.garden.capture import capture_mail

ME = "me@example.org"
ANN = "ann@example.com"
BOB = "bob@example.com"


# --- mail made here ----------------------------------------------------------------------

def when(day: int, hour: int, month: int = 11) -> str:
    return format_datetime(pendulum.datetime(2026, month, day, hour, tz="UTC"))


def message(sender: str, to: str, subject: str, date: str, message_id: str | None = None, *,
            replying_to: str | None = None, cc: str = "", extra: str = "") -> bytes:
    """A message as a mail program writes it, a body included (which must never be read)."""
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {date}"]
    if message_id:
        lines.append(f"Message-ID: <{message_id}>")
    if replying_to:
        lines += [f"In-Reply-To: <{replying_to}>", f"References: <{replying_to}>"]
    if cc:
        lines.append(f"Cc: {cc}")
    if extra:
        lines.append(extra)
    body = "\nHello,\nFrom: Mallory <mallory@example.net>\nDate: garbage\n\nThe body.\n"
    return ("\n".join(lines) + "\n" + body).encode("utf-8")


class Maildir:
    """A Maildir folder (cur/, new/, tmp/) to drop messages in."""

    def __init__(self, path: Path):
        self.path = path
        for part in ("cur", "new", "tmp"):
            (path / part).mkdir(parents=True, exist_ok=True)
        self.count = 0

    def add(self, data: bytes, *, seen: bool = True) -> Path:
        self.count += 1
        name = f"17000000{self.count:02d}.M{self.count}P42.host"
        path = self.path / ("cur" if seen else "new") / (f"{name}:2,S" if seen else name)
        path.write_bytes(data)
        return path


def mbox(path: Path, *messages: bytes) -> Path:
    path.write_bytes(b"".join(b"From sender@example.net Mon Nov 16 09:00:00 2026\n" + data + b"\n"
                              for data in messages))
    return path


def backdate(root: Path) -> None:
    """Make every file and folder look written an hour ago (a stamp taken within two
    seconds of a change is not trusted)."""
    past = pendulum.now().subtract(hours=1).timestamp()
    for folder, folders, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (past, past))
        os.utime(folder, (past, past))


def capture_some_mail(folder: Path) -> None:
    """Capture, into the open garden, a message from evil@example.com (test_export's
    contact) and one from someone not in the garden: a row in each table a capture keeps."""
    inbox = Maildir(folder)
    inbox.add(message("evil@example.com", ME, "[/] a subject", when(16, 9), "evil@x"))
    inbox.add(message("stranger@example.net", ME, "hello", when(16, 9), "stranger@x"))
    capture_mail([folder], CaptureSettings(me=(ME,)))


# --- the garden --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def three_contacts(tmp_path_factory) -> Path:
    """A garden file with Ann, Bob and Cy (whose two addresses are both his), made once."""
    folder = tmp_path_factory.mktemp("three")
    with frozen_at_start():
        ok(folder, "add", "Ann Lee", "--email", "Ann@Example.com")
        ok(folder, "add", "Bob Bee", "--email", BOB)
        ok(folder, "add", "Cy Dee", "--email", "cy@example.com", "--email", "cy@home.example")
    return folder / "garden.db"


@pytest.fixture
def home(tmp_path, frozen_clock, three_contacts):
    """A folder with a copy of the three contacts' garden in it."""
    copy_of(three_contacts.parent, tmp_path)
    if (three_contacts.parent / "backups").exists():  # today's is taken (a garden file's)
        shutil.copytree(three_contacts.parent / "backups", tmp_path / "backups")
    return tmp_path


def capture(folder: Path, *args) -> dict:
    return json.loads(ok(folder, "capture", *args, "--json"))


def touches(folder: Path, name: str) -> list[dict]:
    """The contact's touches, oldest first."""
    card = json.loads(ok(folder, "show", name, "--json"))
    return sorted(card["interactions"], key=lambda touch: touch["at"])


def every_row(folder: Path) -> dict[str, list]:
    """Every row of the garden but the undo journal's, to compare with itself later."""
    with sqlite3.connect(folder / "garden.db") as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'undo_%' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'contact_search%' "
            "AND name NOT LIKE 'word_search%' AND name NOT LIKE 'touch_search%' "
            "AND name NOT LIKE 'match_words%'")]
        rows = {table: conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    conn.close()
    return rows


def undo_steps(folder: Path) -> int:
    return len(json.loads(ok(folder, "undo", "--list", "--json")))


# --- mail --------------------------------------------------------------------------------

def test_a_thread_with_replies_is_one_touch_a_day_mutual_when_both_wrote(home):
    inbox, sent = Maildir(home / "Mail" / "INBOX"), Maildir(home / "Mail" / ".Sent")
    sent.add(message(f"Me <{ME}>", f"Ann Lee <{ANN}>", "Lunch?", when(16, 9), "1@me"))
    inbox.add(message(f"Ann Lee <{ANN}>", ME, "Re: Lunch?", when(16, 10), "2@ann",
                      replying_to="1@me"))
    sent.add(message(ME, ANN, "Re: Lunch?", when(16, 11), "3@me", replying_to="2@ann"))
    inbox.add(message(f"Ann Lee <{ANN}>", ME, "Re: Lunch?", when(17, 8), "4@ann",
                      replying_to="3@me"))

    report = capture(home, "mail", home / "Mail", "--me", ME)

    assert (report["read"], report["touches"]) == (4, 2)
    assert report["contacts"] == [{"contact_id": 1, "contact": "Ann Lee", "touches": 2,
                                   "items": 4}]
    first, second = touches(home, "Ann")
    assert (first["channel"], first["direction"], first["note"]) == ("email", "mutual",
                                                                    "3 emails: Lunch?")
    assert first["at"] == "2026-11-16T11:00:00+00:00"  # the thread's last message that day
    assert (second["direction"], second["note"], second["awaiting_reply"]) == (
        "in", "Re: Lunch?", False)
    assert "last touch     6 days ago · Tue 17 Nov" in ok(home, "show", "Ann")

    rows, steps = every_row(home), undo_steps(home)
    again = capture(home, "mail", home / "Mail", "--me", ME)
    assert (again["read"], again["touches"]) == (0, 0)
    assert every_row(home) == rows and undo_steps(home) == steps


def test_an_outreach_waits_for_a_reply_and_three_unanswered_make_a_contact_one_sided(home):
    sent = Maildir(home / "Mail" / "Sent")
    for day in (2, 9, 16):
        sent.add(message(ME, BOB, f"Coffee? ({day})", when(day, 9), f"bob{day}@me"))

    capture(home, "mail", home / "Mail", "--me", ME)

    assert [t["awaiting_reply"] for t in touches(home, "Bob")] == [True, True, True]
    card = ok(home, "show", "Bob")
    assert "no reply       to your last 3 messages" in card
    assert "email · I reached out · no reply yet" in card
    due = ok(home, "due")
    assert "Bob Bee (#2)" in due and "3 messages without reply since Mon 2 Nov — let go?" in due

    # Bob answers at last (in a folder read for the first time): it answers all three.
    Maildir(home / "Mail" / "INBOX").add(message(BOB, ME, "Re: Coffee? (16)", when(20, 9),
                                                 "r@bob", replying_to="bob16@me"))
    capture(home, "mail", home / "Mail", "--me", ME)

    assert [t["awaiting_reply"] for t in touches(home, "Bob")] == [False] * 4
    assert "let go?" not in ok(home, "due") and "no reply" not in ok(home, "show", "Bob")


def test_a_reply_read_before_the_outreach_it_answers_still_answers_it(home):
    """The reply is in INBOX, captured first; the outreach turns up later, in Sent."""
    Maildir(home / "Mail" / "INBOX").add(message(ANN, ME, "Re: Draft", when(18, 9), "a@ann",
                                                 replying_to="d@me"))
    capture(home, "mail", home / "Mail" / "INBOX", "--me", ME)
    Maildir(home / "Mail" / "Sent").add(message(ME, ANN, "Draft", when(16, 9), "d@me"))
    capture(home, "mail", home / "Mail", "--me", ME)

    assert [(t["direction"], t["awaiting_reply"]) for t in touches(home, "Ann")] == [
        ("out", False), ("in", False)]


def test_mail_of_a_thread_read_in_a_later_run_joins_that_days_touch(home):
    sent = Maildir(home / "Mail" / "Sent")
    sent.add(message(ME, ANN, "Contract", when(20, 9), "c1@me"))
    capture(home, "mail", home / "Mail", "--me", ME)
    assert [(t["direction"], t["awaiting_reply"]) for t in touches(home, "Ann")] == [("out", True)]

    Maildir(home / "Mail" / "INBOX").add(message(ANN, ME, "Re: Contract", when(20, 15), "c2@ann",
                                                 replying_to="c1@me"))
    report = capture(home, "mail", home / "Mail", "--me", ME)

    assert (report["read"], report["touches"]) == (1, 0)
    assert report["contacts"] == [{"contact_id": 1, "contact": "Ann Lee", "touches": 0,
                                   "items": 1}]
    [touch] = touches(home, "Ann")
    assert (touch["direction"], touch["note"], touch["awaiting_reply"], touch["at"]) == (
        "mutual", "2 emails: Contract", False, "2026-11-20T15:00:00+00:00")


def test_undoing_a_run_that_joined_a_thread_puts_the_touch_back_as_it_was(home):
    Maildir(home / "Mail" / "Sent").add(message(ME, ANN, "Contract", when(20, 9), "u1@me"))
    capture(home, "mail", home / "Mail", "--me", ME)
    Maildir(home / "Mail" / "INBOX").add(message(ANN, ME, "Re: Contract", when(20, 15), "u2@ann",
                                                 replying_to="u1@me"))
    capture(home, "mail", home / "Mail", "--me", ME)

    ok(home, "undo")
    [touch] = touches(home, "Ann")
    assert (touch["direction"], touch["note"], touch["awaiting_reply"]) == ("out", "Contract", True)

    capture(home, "mail", home / "Mail", "--me", ME)  # the reply is captured again, once
    [touch] = touches(home, "Ann")
    assert (touch["direction"], touch["note"]) == ("mutual", "2 emails: Contract")


def test_lists_bulk_no_reply_senders_and_crowds_are_no_touches(home):
    inbox = Maildir(home / "Mail")
    inbox.add(message(ANN, ME, "Ann's newsletter", when(16, 9), "n1@ann",
                      extra="List-Unsubscribe: <mailto:leave@example.com>"))
    inbox.add(message(ANN, ME, "Digest", when(16, 9), "n2@ann", extra="List-Id: <digest.example.com>"))
    inbox.add(message(BOB, ME, "Offer", when(16, 9), "n3@bob", extra="Precedence: bulk"))
    inbox.add(message(BOB, ME, "Out of office", when(16, 9), "n4@bob",
                      extra="Auto-Submitted: auto-replied"))
    inbox.add(message("Shop <no-reply@example.com>", ME, "Receipt", when(16, 9), "n5@shop"))
    crowd = ", ".join([ANN, BOB] + [f"p{i}@example.net" for i in range(28)])
    inbox.add(message(ME, crowd, "Party!", when(16, 9), "n6@me"))
    inbox.add(message(ME, ANN, "Just you", when(16, 9), "n7@me",
                      cc=", ".join(f"q{i}@example.net" for i in range(9))))  # 10 recipients: fine

    report = capture(home, "mail", home / "Mail", "--me", ME)

    assert report["skipped"] == {"crowd": 1, "list": 4, "no_reply": 1}
    assert [t["note"] for t in touches(home, "Ann")] == ["Just you"]
    assert touches(home, "Bob") == []


def test_the_recipient_limit_is_the_configs(home):
    (home / "conf").mkdir(exist_ok=True)
    (home / "conf" / "config.toml").write_text(
        f'[capture]\nme = ["{ME}"]\nmax_recipients = 2\nsubjects = false\n', encoding="utf-8")
    inbox = Maildir(home / "Mail")
    inbox.add(message(ME, f"{ANN}, {BOB}, x@example.net", "Three", when(16, 9), "t1@me"))
    inbox.add(message(ME, f"{ANN}, {BOB}", "Two", when(16, 9), "t2@me"))
    inbox.add(message(BOB, ME, "Re: Two", when(16, 10), "t3@bob", replying_to="t2@me"))

    report = capture(home, "mail", home / "Mail")

    assert report["skipped"] == {"crowd": 1}
    assert [(t["note"], t["direction"]) for t in touches(home, "Ann")] == [("", "out")]
    assert [(t["note"], t["direction"]) for t in touches(home, "Bob")] == [("2 emails", "mutual")]


def test_the_same_message_in_two_folders_and_an_mbox_counts_once(home):
    inbox, archive = Maildir(home / "Mail" / "INBOX"), Maildir(home / "Mail" / "Archive" / "2026")
    copy = message(ANN, ME, "Slides", when(16, 9), "same@ann")
    inbox.add(copy)
    archive.add(copy, seen=False)
    mbox(home / "Mail" / "old.mbox", copy)
    no_id = message(BOB, ME, "No id", when(16, 9))
    inbox.add(no_id)
    archive.add(no_id)

    report = capture(home, "mail", home / "Mail", "--me", ME)

    assert (report["read"], report["captured_before"], report["touches"]) == (5, 3, 2)
    assert report["sources_read"] == 3
    assert len(touches(home, "Ann")) == 1 and len(touches(home, "Bob")) == 1
    # Read again as an mbox of its own: captured before, nothing new.
    other = capture(home, "mail", mbox(home / "other.mbox", copy, no_id), "--me", ME)
    assert (other["read"], other["captured_before"], other["touches"]) == (2, 2, 0)


def test_a_second_run_reads_only_what_is_new(home):
    inbox = Maildir(home / "Mail" / "INBOX")
    first = inbox.add(message(ANN, ME, "One", when(16, 9), "o1@ann"), seen=False)
    mbox(home / "Mail" / "sent.mbox", message(ME, BOB, "Two", when(16, 9), "o2@me"))
    Maildir(home / "Mail" / "Empty")
    backdate(home / "Mail")
    assert capture(home, "mail", home / "Mail", "--me", ME)["read"] == 2

    again = capture(home, "mail", home / "Mail", "--me", ME)
    assert (again["read"], again["sources_read"], again["sources_unchanged"]) == (0, 0, 3)

    # The mail program moves the first message to cur/ and flags it: not read again.
    first.rename(inbox.path / "cur" / f"{first.name}:2,S")
    inbox.add(message(ANN, ME, "Three", when(17, 9), "o3@ann"))
    third = capture(home, "mail", home / "Mail", "--me", ME)
    assert (third["read"], third["sources_read"], third["touches"]) == (1, 1, 1)


def test_since_leaves_older_mail_for_a_run_that_reaches_back(home):
    inbox = Maildir(home / "Mail")
    inbox.add(message(ANN, ME, "Old", when(2, 9), "s1@ann"))
    inbox.add(message(ANN, ME, "New", when(20, 9), "s2@ann"))
    backdate(home / "Mail")

    report = capture(home, "mail", home / "Mail", "--me", ME, "--since", "2026-11-10")
    assert (report["touches"], report["skipped"]) == (1, {"old": 1})
    assert capture(home, "mail", home / "Mail", "--me", ME, "--since", "2026-11-12")["read"] == 0

    earlier = capture(home, "mail", home / "Mail", "--me", ME)
    assert (earlier["read"], earlier["touches"]) == (1, 1)
    assert [t["note"] for t in touches(home, "Ann")] == ["Old", "New"]


HOSTILE_NAME = "[bold]Evil[/] \x1b[31mred\x1b[0m"


def test_an_mbox_message_with_no_date_is_taken_as_sent_when_it_was_delivered(home):
    """No Date header: the mbox "From " line's day (Mon 16 Nov 09:00, see mbox()); an
    ISO date, as some programs write it, is read as one."""
    no_date = message(ANN, ME, "No date", "", "n1@ann").replace(b"Date: \n", b"")
    iso_date = message(BOB, ME, "ISO date", "2026-11-17T10:30:00Z", "n2@bob")
    mbox(home / "box.mbox", no_date, iso_date)

    report = capture(home, "mail", home / "box.mbox", "--me", ME)

    assert report["skipped"] == {}
    assert [(t["note"], t["at"]) for t in touches(home, "Ann")] == [
        ("No date", "2026-11-16T09:00:00+00:00")]
    assert [(t["note"], t["at"]) for t in touches(home, "Bob")] == [
        ("ISO date", "2026-11-17T10:30:00+00:00")]


def test_hostile_and_broken_headers_are_read_and_shown_literally(home):
    inbox = Maildir(home / "Mail")
    ok(home, "add", "Zoë Ångström", "--email", "zoe@example.com")
    inbox.add(message("=?utf-8?b?Wm/DqyDDhW5nc3Ryw7Zt?= <ZOE@example.com>", ME,
                      "=?utf-8?q?Caf=C3=A9_=5Bbold=5D?= \x1b]0;pwned\x07 [/]", when(16, 9), "h1@z"))
    inbox.add(f"From: \xe9t\xe9 <zoe@example.com>\nTo: {ME}\nSubject: caf\xe9\nDate: "
              f"{when(17, 9)}\nMessage-ID: <h2@z>\n\nbody\n".encode("latin-1"))
    inbox.add(message(f'"{HOSTILE_NAME}" <evil@example.net>', ME, "=?utf-8?b?!!!?= x",
                      when(16, 9), "h3@e"))
    inbox.add(message(ME, f'"{HOSTILE_NAME}" <evil@example.net>', "hi", when(16, 10), "h4@me"))
    inbox.add(message(ME, "evil@example.net", "hi again", when(16, 11), "h5@me"))
    inbox.add(message(ANN, ME, "When?", "the day after tomorrow", "h6@ann"))
    inbox.add(message(ANN, ME, "Later", "Thu, 1 Jan 2099 10:00:00 +0000", "h7@ann"))
    inbox.add(b"\x00\xff\xfe garbage with no headers at all")
    inbox.add(b"From: " + ANN.encode() + b"\nDate: " + when(18, 9).encode()
              + b"\nContent-Type: multipart/mixed; boundary=\nSubject: broken =?x?q?MIME\n\n--\n")

    report = capture(home, "mail", home / "Mail", "--me", ME)

    assert report["skipped"] == {"date": 1, "future": 1, "no_sender": 1, "unknown": 3}
    assert [t["note"] for t in touches(home, "Zoë")] == [
        "Café [bold] \x1b]0;pwned\x07 [/]", "café"]
    assert [t["note"] for t in touches(home, "Ann")] == ["broken =?x?q?MIME"]
    card = ok(home, "show", "Zoë")
    assert "Café [bold] ␛]0;pwned␇ [/]" in card and "\x1b" not in card
    suggested = json.loads(ok(home, "capture", "suggest", "--json"))
    assert [(s["address"], s["name"], s["sent"], s["received"]) for s in suggested] == [
        ("evil@example.net", HOSTILE_NAME, 2, 1)]
    text = ok(home, "capture", "suggest")
    assert "[bold]Evil[/] ␛[31mred␛[0m <evil@example.net>: 2 sent, 1 received" in text
    assert "\x1b" not in text


def test_suggest_lists_who_you_write_with_both_ways_until_they_are_added(home):
    inbox = Maildir(home / "Mail")
    for day in (2, 3):
        inbox.add(message("Dee Jay <dj@example.net>", ME, f"q{day}", when(day, 9), f"dj{day}@x"))
    inbox.add(message(ME, "dj@example.net", "answer", when(4, 9), "dj4@me"))
    for day in (2, 3, 4, 5):  # only ever one way: not offered
        inbox.add(message(ME, "one-way@example.net", f"w{day}", when(day, 9), f"ow{day}@me"))
    inbox.add(message("Two Times <two@example.net>", ME, "a", when(5, 9), "tw1@x"))
    inbox.add(message(ME, "two@example.net", "b", when(6, 9), "tw2@me"))
    capture(home, "mail", home / "Mail", "--me", ME)

    suggested = json.loads(ok(home, "capture", "suggest", "--json"))
    assert suggested == [{"address": "dj@example.net", "name": "Dee Jay", "sent": 1,
                          "received": 2, "last_at": "2026-11-04T09:00:00+00:00"}]
    assert ok(home, "capture", "suggest").splitlines() == [
        "1 you exchange mail with, not in your garden (netgarden add NAME --email ADDRESS adds one):",
        "  Dee Jay <dj@example.net>: 1 sent, 2 received, last Wed 4 Nov"]

    ok(home, "add", "Dee Jay", "--email", "DJ@example.net")
    assert json.loads(ok(home, "capture", "suggest", "--json")) == []


def test_a_dry_run_reports_and_writes_nothing(home):
    Maildir(home / "Mail").add(message(ANN, ME, "Hello", when(16, 9), "d1@ann"))
    rows, steps = every_row(home), undo_steps(home)

    report = capture(home, "mail", home / "Mail", "--me", ME, "--dry-run")

    assert (report["dry_run"], report["touches"]) == (True, 1)
    assert every_row(home) == rows and undo_steps(home) == steps
    text = ok(home, "capture", "mail", home / "Mail", "--me", ME, "--dry-run")
    assert "(dry run: nothing was written)" in text.splitlines()[0]


def test_a_capture_is_one_undo_step_and_mail_undone_is_captured_again(home):
    Maildir(home / "Mail").add(message(ANN, ME, "Hello", when(16, 9), "u1@ann"))
    backdate(home / "Mail")
    capture(home, "mail", home / "Mail", "--me", ME)

    assert ok(home, "undo") == (f"undone: netgarden capture mail {home / 'Mail'} --me {ME} "
                                "--json (capture again to make it again)\n")
    assert touches(home, "Ann") == []
    # Not redone: the messages it saw are not journaled, so the next capture would log
    # the touches it brought back a second time.
    assert ok(home, "redo") == "Nothing to redo.\n"
    assert capture(home, "mail", home / "Mail", "--me", ME)["touches"] == 1
    assert capture(home, "mail", home / "Mail", "--me", ME)["touches"] == 0
    assert [touch["note"] for touch in touches(home, "Ann")] == ["Hello"]


def test_the_text_report(home):
    inbox = Maildir(home / "Mail")
    inbox.add(message(ANN, ME, "One", when(16, 9), "r1@ann"))
    inbox.add(message(ANN, ME, "Two", when(17, 9), "r2@ann"))
    inbox.add(message("Cy <CY@home.example>", ME, "Three", when(17, 9), "r3@cy"))
    inbox.add(message("x@example.net", ME, "Four", when(17, 9), "r4@x"))

    lines = ok(home, "capture", "mail", home / "Mail", "--me", ME).splitlines()

    assert lines[0].startswith("Mail: read 4 messages from 1 folder or mbox file "
                               "(0 unchanged since the last run) in ")
    assert lines[1:] == ["  3 messages with 2 contacts: 3 new touches",
                         "    Ann Lee (#1): 2 messages, 2 new touches",
                         "    Cy Dee (#3): 1 message, 1 new touch",
                         "  skipped 1: 1 with no one in your garden"]


@pytest.mark.parametrize("args, line", [
    (("mail", "nowhere", "--me", ME), "can't read nowhere: no such file or folder"),
    (("mail", "."), "capture needs your own addresses to tell who wrote: --me ADDRESS, or "
                    "me = [...] in the config's [capture]"),
    (("mail", ".", "--me", ME, "--since", "tomorrow"),
     '--since needs a day that has come ("tomorrow" is 2026-11-24)'),
    ((), "nothing to capture: list your mail and calendars in the config's [capture] "
         "(mail = [...], calendars = [...])"),
])
def test_mistakes_are_one_line_and_exit_1(home, args, line):
    done = netgarden(home, "capture", *args)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"netgarden: {line}\n")


def test_what_is_not_mail_is_named_and_the_rest_read(home):
    (home / "notes.txt").write_text("not mail", encoding="utf-8")
    Maildir(home / "Mail").add(message(ANN, ME, "Hello", when(16, 9), "nm@ann"))
    (home / "Empty").mkdir()

    report = capture(home, "mail", home / "notes.txt", home / "Mail", home / "Empty", "--me", ME)

    assert report["touches"] == 1
    assert report["not_read"] == [
        {"path": str(home / "notes.txt"), "reason": 'not an mbox file (it does not begin "From ")'},
        {"path": str(home / "Empty"), "reason": "no Maildir folder (cur/, new/) or mbox file in it"}]


# --- calendars ---------------------------------------------------------------------------

def calendar(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(
        "BEGIN:VEVENT\r\n" + "\r\n".join(line.strip() for line in event.strip().splitlines())
        + "\r\nEND:VEVENT\r\n" for event in events) + "END:VCALENDAR\r\n"


WEEKLY = calendar("""
    UID:weekly-1@example.org
    DTSTART;TZID=Europe/London:20261019T100000
    DTEND;TZID=Europe/London:20261019T103000
    RRULE:FREQ=WEEKLY;COUNT=8
    SUMMARY:Weekly sync
    ORGANIZER;CN=Me:mailto:me@example.org
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.org
""", """
    UID:weekly-1@example.org
    RECURRENCE-ID;TZID=Europe/London:20261102T100000
    DTSTART;TZID=Europe/London:20261103T150000
    DTEND;TZID=Europe/London:20261103T160000
    SUMMARY:Weekly sync (moved)
    ORGANIZER:mailto:me@example.org
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.com
""", """
    UID:weekly-1@example.org
    RECURRENCE-ID;TZID=Europe/London:20261109T100000
    DTSTART;TZID=Europe/London:20261109T100000
    DTEND;TZID=Europe/London:20261109T103000
    STATUS:CANCELLED
    SUMMARY:Weekly sync
""")


def vdir(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.ics").write_text(text, encoding="utf-8")
    return folder


def test_a_weekly_meeting_is_a_touch_each_week_it_was_held_once_each(home):
    cal = vdir(home / "cal", weekly=WEEKLY)

    report = capture(home, "calendar", cal, "--me", ME)

    # 19 Oct, 26 Oct, 3 Nov (moved from the 2nd), 16 Nov; the 9th was cancelled; the
    # 23rd at 10:00 London is still to come at 09:00 UTC.
    assert (report["read"], report["touches"], report["skipped"]) == (5, 4, {"cancelled": 1})
    held = touches(home, "Ann")
    assert [(t["at"], t["channel"], t["direction"], t["duration_seconds"], t["note"])
            for t in held] == [
        ("2026-10-19T09:00:00+00:00", "meeting", "mutual", 1800, "Weekly sync"),
        ("2026-10-26T10:00:00+00:00", "meeting", "mutual", 1800, "Weekly sync"),
        ("2026-11-03T15:00:00+00:00", "meeting", "mutual", 3600, "Weekly sync (moved)"),
        ("2026-11-16T10:00:00+00:00", "meeting", "mutual", 1800, "Weekly sync")]
    assert "meeting · mutual · 30:00" in ok(home, "show", "Ann")

    rows = every_row(home)
    again = capture(home, "calendar", cal, "--me", ME)
    assert again["touches"] == 0 and every_row(home) == rows

    with pendulum.travel_to(pendulum.datetime(2026, 11, 30, 9, tz="UTC"), freeze=True):
        week_on = capture(home, "calendar", cal, "--me", ME)
    assert (week_on["read"], week_on["touches"], week_on["captured_before"]) == (6, 1, 4)


def test_declined_cancelled_unattended_and_video_meetings(home):
    cal = vdir(home / "cal",
               declined_by_me=calendar("""
                   UID:d1
                   DTSTART:20261110T100000Z
                   DTEND:20261110T110000Z
                   SUMMARY:Pitch
                   ORGANIZER:mailto:bob@example.com
                   ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.org
               """),
               declined_by_ann=calendar("""
                   UID:d2
                   DTSTART:20261111T100000Z
                   DTEND:20261111T110000Z
                   SUMMARY:Review
                   ORGANIZER:mailto:me@example.org
                   ATTENDEE;PARTSTAT=DECLINED:mailto:ann@example.com
                   ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com
               """),
               only_ann_declined=calendar("""
                   UID:d3
                   DTSTART:20261112T100000Z
                   DTEND:20261112T110000Z
                   SUMMARY:Talk
                   ORGANIZER:mailto:me@example.org
                   ATTENDEE;PARTSTAT=DECLINED:mailto:ann@example.com
               """),
               cancelled=calendar("""
                   UID:c1
                   STATUS:CANCELLED
                   DTSTART:20261113T100000Z
                   DTEND:20261113T110000Z
                   ATTENDEE:mailto:ann@example.com
               """),
               alone=calendar("""
                   UID:a1
                   DTSTART:20261114T100000Z
                   DTEND:20261114T110000Z
                   SUMMARY:Dentist
               """),
               video=calendar("""
                   UID:v1
                   DTSTART:20261115T100000Z
                   DTEND:20261115T104500Z
                   SUMMARY:Catch-up [bold]\\, soon
                   DESCRIPTION:Join: https://us02web.zoom.us/j/123
                   ORGANIZER:mailto:cy@home.example
                   ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.org
               """),
               broken="BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:soon\r\n")

    report = capture(home, "calendar", cal, "--me", ME)

    assert report["skipped"] == {"cancelled": 1, "declined": 2, "no_attendees": 1}
    assert report["touches"] == 2
    assert [(t["note"], t["contacts"]) for t in touches(home, "Bob")] == [("Review", ["Bob Bee"])]
    assert touches(home, "Ann") == []
    [call] = touches(home, "Cy")
    assert (call["channel"], call["duration_seconds"], call["note"]) == (
        "video", 2700, "Catch-up [bold], soon")
    [problem] = report["not_read"]
    assert problem["path"] == str(cal / "broken.ics") and problem["reason"]


def test_a_meeting_with_two_contacts_is_one_touch_with_both(home):
    cal = vdir(home / "cal", team=calendar("""
        UID:t1
        DTSTART:20261120T130000Z
        DURATION:PT1H30M
        SUMMARY:Team lunch
        ORGANIZER:mailto:ann@example.com
        ATTENDEE:mailto:bob@example.com
        ATTENDEE:mailto:stranger@example.net
    """))
    capture(home, "calendar", cal)
    [lunch] = touches(home, "Ann")
    assert (sorted(lunch["contacts"]), lunch["duration_seconds"]) == (["Ann Lee", "Bob Bee"], 5400)
    assert touches(home, "Bob") == [lunch]


def test_meetings_to_come_show_on_the_card_and_in_due_on_the_day_and_the_day_before(home):
    cal = vdir(home / "cal", weekly=WEEKLY, pitch=calendar("""
        UID:p1
        DTSTART:20261124T143000Z
        DTEND:20261124T153000Z
        SUMMARY:Pitch [red]review
        LOCATION:https://meet.google.com/abc-defg-hij
        ORGANIZER:mailto:bob@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.org
    """), declined=calendar("""
        UID:x1
        DTSTART:20261125T100000Z
        DTEND:20261125T110000Z
        SUMMARY:Offsite
        ORGANIZER:mailto:bob@example.com
        ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.org
    """), later=calendar("""
        UID:l1
        DTSTART:20261215T100000Z
        DTEND:20261215T110000Z
        SUMMARY:Year end
        ORGANIZER:mailto:me@example.org
        ATTENDEE:mailto:cy@home.example
    """))
    capture(home, "calendar", cal, "--me", ME)

    ann = ok(home, "show", "Ann")
    assert "today 10:00 · meeting: Weekly sync" in ann
    assert "Mon 30 Nov 10:00 · meeting: Weekly sync" in ann
    assert "Mon 7 Dec" not in ann  # beyond the two weeks looked ahead
    bob = ok(home, "show", "Bob")
    assert "tomorrow 14:30 · video call: Pitch [red]review" in bob and "Offsite" not in bob
    assert "Year end" not in ok(home, "show", "Cy")

    due = {item["contact"]: item for item in json.loads(ok(home, "due", "--json"))}
    meeting = due["Ann Lee"]["reasons"][0]
    assert (meeting["kind"], meeting["text"], meeting["starts_at"]) == (
        "meeting", "meeting today 10:00: Weekly sync", "2026-11-23T10:00:00+00:00")
    assert due["Ann Lee"]["suggestion"] == "Last time you talked about: Weekly sync"
    assert [reason["text"] for reason in due["Bob Bee"]["reasons"]
            if reason["kind"] == "meeting"] == ["video call tomorrow 14:30: Pitch [red]review"]
    assert due["Ann Lee"]["score"] > due["Bob Bee"]["score"]  # today before tomorrow
    assert "Cy Dee" not in due or all(reason["kind"] != "meeting"
                                      for reason in due["Cy Dee"]["reasons"])

    # As the days pass, a meeting comes within the look-ahead; one whose file went, goes.
    with pendulum.travel_to(pendulum.datetime(2026, 12, 2, 9, tz="UTC"), freeze=True):
        capture(home, "calendar", cal, "--me", ME)
        assert "Tue 15 Dec 10:00 · meeting: Year end" in ok(home, "show", "Cy")
        (cal / "later.ics").unlink()
        capture(home, "calendar", cal, "--me", ME)
        assert "Year end" not in ok(home, "show", "Cy")


# --- every source at once ----------------------------------------------------------------

def test_capture_alone_reads_what_the_config_lists(home):
    Maildir(home / "Mail").add(message(ANN, ME, "Hello", when(16, 9), "cfg@ann"))
    vdir(home / "cal", weekly=WEEKLY)
    (home / "conf").mkdir(exist_ok=True)
    (home / "conf" / "config.toml").write_text(
        f'[capture]\nme = ["{ME}"]\nmail = ["{home / "Mail"}"]\ncalendars = ["{home / "cal"}"]\n',
        encoding="utf-8")

    mail_report, calendar_report = capture(home)

    assert (mail_report["kind"], mail_report["touches"]) == ("mail", 1)
    assert (calendar_report["kind"], calendar_report["touches"]) == ("calendar", 4)
    assert len(touches(home, "Ann")) == 5
    assert undo_steps(home) == 4  # three adds and the one capture
    assert [report["touches"] for report in capture(home)] == [0, 0]


@pytest.mark.parametrize("table, problem", [
    ('me = "me@example.org"', 'capture.me must be a list of strings (got "me@example.org")'),
    ("max_recipients = 0", "capture.max_recipients must be a whole number from 1 to 10000 (got 0)"),
    ('subjects = "no"', 'capture.subjects must be true or false (got "no")'),
    ("on_start = 1", "capture.on_start must be true or false (got 1)"),
    ("look_ahead_days = 90", "capture.look_ahead_days must be a whole number from 0 to 60 "
                             "(got 90)"),
    ("at_start = true", "capture.at_start is not a known setting (known: me, mail, calendars, "
                        "subjects, max_recipients, on_start, look_ahead_days)"),
])
def test_a_bad_capture_setting_is_one_line_naming_it(tmp_path, table, problem):
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text(f"[capture]\n{table}\n", encoding="utf-8")
    done = netgarden(tmp_path, "capture", "suggest")
    assert (done.returncode, done.stderr) == (1, f"netgarden: config error in {config}: {problem}\n")
