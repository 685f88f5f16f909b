"""`netgarden digest`: the morning's queue in short, as text, markdown or a notification."""

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import copy_of, frozen_at_start, netgarden
from conftest import netgarden_ok as ok
from test_capture import calendar, vdir

ESC = "\x1b"
HOSTILE = f"[bold]Mal[/] *Ory* <b>x</b> `q` {ESC}[31mRed"


@pytest.fixture(scope="module")
def demo_garden(tmp_path_factory) -> Path:
    """The demo, with a hostile name whose birthday is on Thursday, one of the queue's
    contacts snoozed (a birthday on Wednesday, out of sight), and a meeting tomorrow."""
    folder = tmp_path_factory.mktemp("demo")
    with frozen_at_start():
        ok(folder, "demo")
        ok(folder, "add", HOSTILE, "--birthday", "1986-11-26", "--email", "mal@example.com")
        ok(folder, "add", "Snoozy Sam", "--birthday", "11-25")
        ok(folder, "snooze", "Snoozy Sam", "2w")
        vdir(folder / "cal", m=calendar("""
            UID:m1
            DTSTART:20261124T143000Z
            DTEND:20261124T153000Z
            SUMMARY:Pitch *review*
            ORGANIZER:mailto:me@example.org
            ATTENDEE:mailto:mal@example.com
        """))
        ok(folder, "capture", "calendar", folder / "cal", "--me", "me@example.org")
    return folder


@pytest.fixture
def demo(tmp_path, frozen_clock, demo_garden) -> Path:
    return copy_of(demo_garden, tmp_path)


def test_the_digest_says_how_many_the_first_ten_birthdays_and_meetings(demo):
    queue = json.loads(ok(demo, "due", "--all", "--json"))
    lines = ok(demo, "digest").splitlines()
    assert lines[0] == f"{len(queue)} due on Mon 23 Nov"
    numbered = [line for line in lines if line[:4].strip().rstrip(".").isdigit()]
    assert len(numbered) == 10
    for number, (line, item) in enumerate(zip(numbered, queue), 1):
        assert line.startswith(f"{number:>3}. {item['contact'].replace(ESC, '␛')}: "
                               f"{item['reasons'][0]['text']}")
    suggestions = [line.strip().removeprefix("→ ") for line in lines if "→" in line]
    assert suggestions == [item["suggestion"] for item in queue[:10] if item["suggestion"]]
    assert f"… and {len(queue) - 10} more: netgarden due" in [line.strip() for line in lines]

    birthdays = lines[lines.index("Birthdays this week") + 1:]
    assert "  - [bold]Mal[/] *Ory* <b>x</b> `q` ␛[31mRed: turns 40 on Thu 26 Nov" in birthdays
    assert not any("Snoozy" in line for line in lines)  # snoozed: out of Due, out of here
    meetings = lines[lines.index("Meetings to come") + 1:]
    assert meetings[0] == ("  - [bold]Mal[/] *Ory* <b>x</b> `q` ␛[31mRed: "
                           "meeting tomorrow 14:30: Pitch *review*")
    assert ESC not in "".join(lines)


def test_the_markdown_escapes_what_people_wrote(demo):
    out = ok(demo, "digest", "--markdown")
    assert out.startswith("## ") and "\n1. **" in out and "\n### Birthdays this week\n" in out
    name = r"\[bold\]Mal\[/\] \*Ory\* \<b\>x\</b\> \`q\` ␛\[31mRed"
    assert f"- **{name}**: turns 40 on Thu 26 Nov" in out
    assert f"- **{name}**: meeting tomorrow 14:30: Pitch \\*review\\*" in out
    assert ESC not in out and "[bold]" not in out


def test_an_empty_garden_has_nothing_due(tmp_path, frozen_clock):
    assert ok(tmp_path, "digest") == "Nothing due on Mon 23 Nov\n"


def fake_notify_send(folder: Path) -> Path:
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text(f"#!{sys.executable}\nimport json, sys\n"
                      f"open({str(folder / 'sent.json')!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
                      "sys.exit(3 if 'fail' in sys.argv[0] else 0)\n")
    script.chmod(0o755)
    return folder


def test_notify_sends_a_title_and_a_short_body_through_notify_send(demo, monkeypatch):
    tools = fake_notify_send(demo / "bin")
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    assert ok(demo, "digest", "--notify") == ""
    app, title, body = json.loads((tools / "sent.json").read_text())
    total = len(json.loads(ok(demo, "due", "--all", "--json")))
    assert (app, title) == ("--app-name=netgarden", f"netgarden: {total} due on Mon 23 Nov")
    assert len(body.splitlines()) <= 10 + 1 + 3 + 3
    # Notification servers read the body as a little HTML: what people wrote stays text.
    assert "&lt;b&gt;x&lt;/b&gt;" in body and "<b>" not in body and ESC not in body


def test_notify_without_notify_send_says_so_in_one_line(demo, monkeypatch):
    monkeypatch.setenv("PATH", str(demo / "nothing-here"))
    done = netgarden(demo, "digest", "--notify")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("netgarden: notify-send is not installed here")
    assert done.stderr.count("\n") == 1


def test_a_failing_notify_send_is_an_error(demo, monkeypatch):
    tools = fake_notify_send(demo / "bin")
    (tools / "notify-send").rename(tools / "fail")
    (tools / "notify-send").symlink_to(tools / "fail")
    monkeypatch.setenv("PATH", str(tools))
    done = netgarden(demo, "digest", "--notify")
    assert (done.returncode, done.stderr) == (1, "netgarden: notify-send failed (exit 3)\n")
