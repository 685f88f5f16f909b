"""`netgarden due --count`: the size of today's queue, the same as `due --all --json`
lists, on the full path (the garden's rules) and on the quick one (the statement the full
path kept in the garden, run again with the standard library: netgarden_tui/quick.py)."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest

from conftest import FROZEN_NOW, copy_of, frozen_at_start
from conftest import netgarden_ok as ok
from test_capture import calendar, vdir
from netgarden_tui import quick
from netgarden_tui.store import stored_count


def listed(folder: Path) -> int:
    return len(json.loads(ok(folder, "due", "--all", "--json")))


def counted(folder: Path) -> int:
    return int(ok(folder, "due", "--count"))


def quickly(folder: Path, at: pendulum.DateTime = FROZEN_NOW) -> int | None:
    """What the quick path says at ``at`` (UTC, as the tests' TZ is), or None."""
    env = {"NETGARDEN_CONFIG_DIR": str(folder / "conf"), "TZ": "UTC"}
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        return quick.quick_count(["due", "--count", "--db", str(folder / "garden.db")], env,
                                 now=at.timestamp())
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def set_setting(folder: Path, key: str, value: str) -> None:
    with sqlite3.connect(folder / "garden.db") as conn:
        conn.execute("REPLACE INTO setting (key, value) VALUES (?, ?)", (key, value))
    conn.close()


@pytest.fixture(scope="module")
def demo_garden(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with frozen_at_start():
        ok(folder, "demo")
    return folder


@pytest.fixture
def demo(tmp_path, frozen_clock, demo_garden) -> Path:
    return copy_of(demo_garden, tmp_path)


@pytest.mark.sqlite_only  # the quick path reads a garden file
def test_the_count_is_what_due_lists_on_an_empty_garden_and_the_demo(tmp_path, frozen_clock,
                                                                    demo):
    assert counted(tmp_path / "empty") == listed(tmp_path / "empty") == 0
    assert quickly(tmp_path / "empty") == 0
    total = listed(demo)
    assert total > 10 and counted(demo) == total
    assert quickly(demo) == total  # the statement kept in the garden, run again
    # `due` says the same in its heading
    assert ok(demo, "due").splitlines()[0] == f"Due on Mon 23 Nov · {total}"


@pytest.mark.sqlite_only  # the quick path reads a garden file
def test_snoozed_contacts_and_the_regroup_review_count_as_due_lists_them(demo):
    before = counted(demo)
    first = json.loads(ok(demo, "due", "--all", "--json"))[0]
    ok(demo, "snooze", first["contact"], "2w")
    assert counted(demo) == listed(demo) == before - 1 == quickly(demo)
    # The regroup review is due 60 days after the last one.
    set_setting(demo, "last_regroup_on", FROZEN_NOW.subtract(days=61).date().isoformat())
    assert quickly(demo) is None  # a setting the count rests on changed: the full path
    assert counted(demo) == listed(demo) == before == quickly(demo)
    set_setting(demo, "regroup_snoozed_until", FROZEN_NOW.add(days=3).date().isoformat())
    assert quickly(demo) is None
    assert counted(demo) == listed(demo) == before - 1


@pytest.mark.sqlite_only  # the quick path reads a garden file
def test_the_quick_count_sees_new_touches_but_never_another_day_or_config(demo):
    before = counted(demo)
    first = json.loads(ok(demo, "due", "--all", "--json"))[0]
    ok(demo, "log", first["contact"], "--via", "call")  # done for now
    assert quickly(demo) == listed(demo) == before - 1  # read as the garden is now

    assert quickly(demo, FROZEN_NOW.add(days=1)) is None  # the statement holds its day
    with pendulum.travel_to(FROZEN_NOW.add(days=30), freeze=True):
        later = counted(demo)
        assert later == listed(demo) and later != before - 1
        assert quickly(demo, FROZEN_NOW.add(days=30)) == later
    assert quickly(demo) is None  # back to today's: counted anew

    config = demo / "conf" / "config.toml"
    config.write_text(config.read_text().replace("one_sided_after = 3", "one_sided_after = 1"))
    assert quickly(demo) is None
    assert counted(demo) == listed(demo)
    config.unlink()  # no config: always the full path (which writes the defaults)
    assert quickly(demo) is None


@pytest.mark.sqlite_only  # the quick path reads a garden file
def test_a_meeting_over_is_no_longer_counted_by_the_quick_path(tmp_path, frozen_clock):
    ok(tmp_path, "add", "Ann Lee", "--email", "ann@example.com")
    ok(tmp_path, "log", "Ann Lee", "--via", "call")  # not due on cadence
    vdir(tmp_path / "cal", m=calendar("""
        UID:m1
        DTSTART:20261123T100000Z
        DTEND:20261123T103000Z
        SUMMARY:Sync
        ORGANIZER:mailto:me@example.org
        ATTENDEE:mailto:ann@example.com
    """))
    ok(tmp_path, "capture", "calendar", tmp_path / "cal", "--me", "me@example.org")
    assert counted(tmp_path) == listed(tmp_path) == 1 == quickly(tmp_path)
    assert quickly(tmp_path, FROZEN_NOW.add(hours=1, minutes=29)) == 1
    assert quickly(tmp_path, FROZEN_NOW.add(hours=1, minutes=31)) == 0  # over
    with pendulum.travel_to(FROZEN_NOW.add(hours=1, minutes=31), freeze=True):
        assert listed(tmp_path) == 0


@pytest.mark.parametrize("argv, db", [
    (["due", "--count"], None),
    (["due", "--count", "--db", "g.db"], "g.db"),
    (["--db=g.db", "due", "--count"], "g.db"),
    (["due", "--count", "--debug"], False),
    (["due", "--count", "--date", "fri"], False),
    (["due"], False),
    (["due", "--count", "--db"], False),
    (["due", "--count", "--db", "a", "--db", "b"], False),
])
def test_only_a_plain_due_count_takes_the_quick_path(argv, db):
    assert quick.asked_db(argv) == db


def test_the_installed_command_answers_from_the_statement_kept(tmp_path):
    """In a process of its own, on the real clock: the second count is the quick path's,
    the stored statement run with "now" in seconds (here, a statement that says it)."""
    env = {key: value for key, value in os.environ.items() if key != "NETGARDEN_DB"}
    env.update(NETGARDEN_CONFIG_DIR=str(tmp_path / "conf"), TZ="UTC",
               PYTHONPATH=str(Path(__file__).parent.parent))

    def run() -> str:
        done = subprocess.run([sys.executable, "-m", "netgarden_tui", "due", "--count", "--db",
                               str(tmp_path / "garden.db")], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        return done.stdout

    assert run() == "0\n"  # a new garden, counted on the full path
    with sqlite3.connect(tmp_path / "garden.db") as conn:
        [kept] = conn.execute("SELECT value FROM setting WHERE key = ?",
                              (stored_count.SETTING_KEY,)).fetchone()
        saying_now = {**json.loads(kept), "sql": "SELECT ? + 0", "params": [None], "now_at": 0}
        conn.execute("UPDATE setting SET value = ? WHERE key = ?",
                     (json.dumps(saying_now), stored_count.SETTING_KEY))
    conn.close()
    before = int(time.time())
    assert before <= int(run()) <= time.time()


@pytest.mark.sqlite_only  # the quick path reads a garden file
def test_a_netgarden_changed_since_counts_anew(demo, monkeypatch, tmp_path):
    """The files that write the statement, by their times: here one more, in the test."""
    code = tmp_path / "due.py"
    code.write_text("")
    monkeypatch.setattr(stored_count, "WRITTEN_BY", (*stored_count.WRITTEN_BY, str(code)))
    total = counted(demo)
    assert quickly(demo) == total
    os.utime(code, ns=(code.stat().st_mtime_ns + 10**9,) * 2)
    assert quickly(demo) is None
