"""The `netgarden` command line against a garden in a temp folder.

Every run is ``netgarden ...`` (in this process, as conftest's run_netgarden does it; a few
in a real process of their own: exit codes, the console script, umasks, broken pipes)
with its own database (``--db``), its own config folder (NETGARDEN_CONFIG_DIR), no
NETGARDEN_DB and TZ=UTC, so "yesterday 9am" is a known UTC moment. The product reads the
real clock, so expected days are computed from today (UTC) here.
"""

import argparse
import datetime
import json
import os
import pty
import shutil
import sqlite3
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pendulum
import pytest

from netgarden_tui import __version__
from netgarden_tui.cli import COMMANDS_BY_MODULE, build_parser, commands, main
from netgarden_tui.garden.dates import describe_date, short_date
from netgarden_tui.locations import shown
from netgarden_tui.store import database
from netgarden_tui.store.migrations import SCHEMA_VERSION
import server
from conftest import every_row_at, raw_sql, run_netgarden

ESC = "\x1b"
ESC_SHOWN = "\u241b"  # ␛, how text output shows an escape byte


def _today() -> pendulum.Date:
    now = datetime.datetime.now(datetime.timezone.utc)
    return pendulum.date(now.year, now.month, now.day)


TODAY = _today()


def iso(day: pendulum.Date) -> str:
    return day.isoformat()


# --- running the command -----------------------------------------------------------------


class Runner:
    """Runs netgarden with a private garden and config folder (conftest's run_netgarden:
    in this process, or in one of its own for a umask). On a server (NETGARDEN_TEST_POSTGRES)
    its garden is a database of its own there, unless ``file`` keeps it in a file."""

    def __init__(self, root: Path, *, file: bool = False):
        self.root = root
        self.db = root / "garden.db"  # where it is kept: this file, or a database named so
        self.address = str(self.db) if file else server.garden_at(self.db)
        self.config_dir = root / "conf"
        self.env = {key: value for key, value in os.environ.items()
                    if key not in ("NETGARDEN_DB", "NETGARDEN_CONFIG_DIR")}
        self.env["NETGARDEN_CONFIG_DIR"] = str(self.config_dir)
        self.env["TZ"] = "UTC"

    def __call__(self, *args: str, db: Path | None | bool = True, env: dict | None = None,
                 umask: int | None = None) -> subprocess.CompletedProcess:
        """Run with ``--db`` after the arguments (``db=False`` leaves it off)."""
        argv = [str(arg) for arg in args]
        if db is True:
            argv += ["--db", self.address]
        elif db:
            argv += ["--db", str(db)]
        return run_netgarden(argv, env=dict(self.env, **(env or {})), cwd=self.root,
                             umask=umask)

    def take_copy_of(self, garden: Path) -> "Runner":
        """This runner's garden made a copy of the one another runner keeps at ``garden``."""
        if self.address == str(self.db):
            shutil.copy(garden, self.db)  # with its mode, 0600
        else:
            server.copy_database(garden, self.db)
            self.address = server.garden_at(self.db)
        return self

    def sql(self, statement: str, params=()) -> None:
        """Run SQL written with ``?`` marks on this runner's garden, whichever engine."""
        database.open_garden(self.address, self.root / "backups")
        try:
            with database.transaction():
                raw_sql(statement, params)
        finally:
            database.close_garden()

    def ok(self, *args: str, **options) -> str:
        """Run, expect success with nothing on stderr; return stdout."""
        done = self(*args, **options)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert done.stderr == "", (args, done.stderr)
        return done.stdout

    def json(self, *args: str, **options):
        return json.loads(self.ok(*args, "--json", **options))


@pytest.fixture
def ng(tmp_path) -> Runner:
    return Runner(tmp_path)


def assert_user_error(done: subprocess.CompletedProcess) -> str:
    """Exit code 1, one line on stderr starting "netgarden", no traceback; the line."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("netgarden"), done.stderr
    assert done.stderr.endswith("\n")
    return lines[0]


def dump(db: Path) -> dict:
    """Every row of every table, the undo journal's and the search index's included, of
    the garden a runner keeps at ``db``: for before/after checks."""
    return every_row_at(db, journal=True)


def row_counts(db: Path) -> dict:
    return {table: len(rows) for table, rows in dump(db).items()}


# --- a garden to break things in: built once, copied per test ------------------------------

@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    """Zoë (Clients, 2 emails), Sam Lee, Sam Ortiz; one logged call with a follow-up."""
    runner = Runner(tmp_path_factory.mktemp("seeded"))
    runner.ok("add", "Zoë Ångström", "--circle", "Clients", "--email", "zoe@acme.test",
              "--email", "z@home.test", "--tag", "vc")
    runner.ok("add", "Sam Lee")
    runner.ok("add", "Sam Ortiz")
    runner.ok("log", "Zoë", "--note", "catch-up", "--follow-up", "1w",
              "--follow-up-note", "send the article")
    # The process closed its connection, so the WAL is checkpointed into the file.
    assert server.SERVER or not Path(f"{runner.db}-wal").exists()
    return runner.db


@pytest.fixture
def seeded(ng, seeded_template) -> Runner:
    """A runner whose database is a fresh copy of the seeded garden."""
    return ng.take_copy_of(seeded_template)


# --- add / show ---------------------------------------------------------------------------


def test_add_with_every_option_then_show_json(ng):
    out = ng.ok("add", "Zoë  Ångström", "--circle", "Clients",
                "--email", "zoe@acme.test", "--email", "zoe@home.test",
                "--phone", "+44 20 7946 0000", "--url", "https://linkedin.com/in/zoe",
                "--company", "Acme", "--role", "CTO", "--birthday", "1980-03-04",
                "--tag", "investor", "--tag", "golf", "--cadence", "20",
                "--met", "PyCon 2019", "--note", "Prefers tea")
    assert out == "added Zoë  Ångström (#1)\n"
    out = ng.ok("add", "Ada Byron", "--birthday", "12-10")
    assert out == "added Ada Byron (#2)\n"

    card = ng.json("show", "Zoë")
    assert card["id"] == 1
    assert card["display_name"] == "Zoë Ångström"  # runs of spaces folded
    assert (card["given_name"], card["family_name"]) == ("Zoë", "Ångström")
    assert card["circle"] == "Clients"
    assert card["company"] == "Acme" and card["role"] == "CTO"
    assert card["birthday"] == {"month": 3, "day": 4, "year": 1980}
    assert card["tags"] == ["golf", "investor"]
    assert card["cadence_days"] == 20 and card["own_cadence_days"] == 20
    assert card["met_where"] == "PyCon 2019"
    assert card["notes"] == "Prefers tea"
    assert card["archived"] is False
    assert card["methods"] == [
        {"kind": "email", "value": "zoe@acme.test", "label": ""},
        {"kind": "email", "value": "zoe@home.test", "label": ""},
        {"kind": "phone", "value": "+44 20 7946 0000", "label": ""},
        {"kind": "url", "value": "https://linkedin.com/in/zoe", "label": ""},
    ]
    assert card["last_touch_at"] is None
    assert card["next_due"] == iso(TODAY.add(days=20))
    assert card["interactions"] == [] and card["follow_ups"] == []

    ada = ng.json("show", "ada")
    assert ada["birthday"] == {"month": 12, "day": 10, "year": None}
    assert ada["circle"] is None
    assert ada["cadence_days"] == 60 and ada["own_cadence_days"] is None  # the default
    assert ada["methods"] == [] and ada["tags"] == []


# --- log / due / done ------------------------------------------------------------------------


def test_log_several_names_aliases_directions_follow_up_then_due_and_done(ng):
    ng.ok("add", "Zoë Ångström", "--circle", "Clients")
    ng.ok("add", "Sam Lee")
    three_days_ago = TODAY.subtract(days=3)
    follow_up_on = TODAY.add(weeks=2)

    out = ng.ok("log", "Zoë", "Sam Lee", "--via", "coffee", "--in", "--note", "talked shop",
                "--at", "yesterday 9am", "--follow-up", "2w",
                "--follow-up-note", "send the deck")
    assert out == (f"logged meeting with Zoë Ångström, Sam Lee; "
                   f"follow-up {describe_date(follow_up_on, today=TODAY)}\n")
    out = ng.ok("log", "zoë", "--via", "ZOOM", "--mutual", "--at", f"{iso(three_days_ago)} 10:00")
    assert out == "logged video with Zoë Ångström\n"
    out = ng.ok("log", "Zoë Ångström", "--via", "email", "--out", "--note", "sent the intro")
    assert out == "logged email with Zoë Ångström\n"

    card = ng.json("show", "Zoë")
    touches = card["interactions"]
    assert [(t["channel"], t["direction"], t["note"]) for t in touches] == [
        ("email", "out", "sent the intro"),  # newest first
        ("meeting", "in", "talked shop"),
        ("video", "mutual", ""),
    ]
    assert touches[0]["at"].startswith(iso(TODAY) + "T")
    assert touches[1]["at"] == f"{iso(TODAY.subtract(days=1))}T09:00:00+00:00"
    assert touches[2]["at"] == f"{iso(three_days_ago)}T10:00:00+00:00"
    assert [t["awaiting_reply"] for t in touches] == [True, False, False]
    assert touches[1]["contacts"] == ["Sam Lee", "Zoë Ångström"]
    assert card["last_touch_at"] == touches[0]["at"]
    assert [(f["due_on"], f["what"]) for f in card["follow_ups"]] == [
        (iso(follow_up_on), "send the deck")]

    sam = ng.json("show", "sam")
    assert [(t["channel"], t["direction"]) for t in sam["interactions"]] == [("meeting", "in")]
    assert [(f["due_on"], f["what"]) for f in sam["follow_ups"]] == [
        (iso(follow_up_on), "send the deck")]

    day_after = follow_up_on.add(days=1)
    queue = ng.json("due", "--date", iso(day_after))
    assert [item["contact"] for item in queue] == ["Sam Lee", "Zoë Ångström"]
    for item in queue:
        assert {"contact", "contact_id", "due_on", "overdue_days", "reasons"} <= set(item)
        assert item["due_on"] == iso(follow_up_on)
        assert item["overdue_days"] == 1
        [reason] = item["reasons"]  # its words, and the facts they rest on
        assert reason == {
            "kind": "follow_up", "text": "follow-up 1 day overdue: send the deck",
            "due_on": iso(follow_up_on), "score": reason["score"],
            "follow_up_id": item["follow_up_ids"][0], "what": "send the deck",
            "days_overdue": 1}
    zoe_item = queue[1]
    assert zoe_item["contact_id"] == card["id"]
    assert zoe_item["follow_up_ids"] == [card["follow_ups"][0]["id"]]

    follow_up_id = card["follow_ups"][0]["id"]
    assert ng.ok("done", str(follow_up_id)) == f"done: follow-up #{follow_up_id} with Zoë Ångström\n"
    queue = ng.json("due", "--date", iso(day_after))
    assert [item["contact"] for item in queue] == ["Sam Lee"]
    assert ng.json("show", "Zoë")["follow_ups"] == []

    line = assert_user_error(ng("done", str(follow_up_id)))
    assert line == f"netgarden: follow-up #{follow_up_id} is already done"


def test_show_lists_open_follow_ups_with_their_words_or_without(ng):
    ng.ok("add", "Ann Example")
    ng.ok("log", "ann", "--follow-up", "1w", "--follow-up-note", "send the deck")
    ng.ok("log", "ann", "--follow-up", "2w")
    week, two = (short_date(TODAY.add(weeks=n), today=TODAY) for n in (1, 2))
    shown = ng.ok("show", "ann").splitlines()
    at = shown.index("  Open follow-ups")
    assert shown[at + 1:at + 3] == [f"    #1 {week}: send the deck", f"    #2 {two}"]


def test_a_timeline_names_the_others_in_a_touch_not_the_contact_it_belongs_to(ng):
    for name in ("Ann Example", "Bob Example", "Cy Example"):
        ng.ok("add", name)
    ng.ok("log", "ann", "bob", "--via", "meeting", "--at", "yesterday 9am")
    ng.ok("log", "ann", "--via", "call")
    day = iso(TODAY.subtract(days=1))
    assert f"  {day}  meeting · I reached out · with Bob Example" in ng.ok("show", "ann").splitlines()
    assert f"  {day}  meeting · I reached out · with Ann Example" in ng.ok("show", "bob").splitlines()
    assert f"  {iso(TODAY)}  call · I reached out" in ng.ok("show", "ann").splitlines()


def test_due_text_is_readable_and_date_moves_the_queue(ng):
    assert ng.ok("due") == f"Nothing due on {short_date(TODAY, today=TODAY)}.\n"
    ng.ok("add", "Ann Example", "--cadence", "2")
    ng.ok("log", "ann", "--at", f"{iso(TODAY.subtract(days=3))} 10:00")

    text = ng.ok("due")
    assert text == (f"Due on {short_date(TODAY, today=TODAY)} · 1\n"
                    f"  1. Ann Example (#1) · 1 day overdue\n"
                    f"       cadence     last in touch 3 days ago (every 2 days)\n"
                    f"       →           Ask what Ann is working on these days\n")

    later = TODAY.add(days=2)
    text = ng.ok("due", "--date", iso(later))
    assert text.splitlines()[:2] == [f"Due on {short_date(later, today=TODAY)} · 1",
                                     "  1. Ann Example (#1) · 3 days overdue"]
    [item] = ng.json("due", "--date", "tomorrow")
    assert item["contact"] == "Ann Example" and item["contact_id"] == 1
    assert item["due_on"] == iso(TODAY.subtract(days=1))
    assert item["overdue_days"] == 2
    assert [(reason["kind"], reason["text"], reason["every_days"], reason["days_since_touch"])
            for reason in item["reasons"]] == [
        ("cadence", "last in touch 4 days ago (every 2 days)", 2, 4)]


# --- list -------------------------------------------------------------------------------------


def test_list_search_circle_tag_sort_and_archived(ng):
    ng.ok("add", "Zoë Ångström", "--circle", "Clients", "--tag", "investor", "--cadence", "10")
    ng.ok("add", "Bob Smith", "--circle", "Friends", "--tag", "golf", "--cadence", "30",
          "--company", "Initech")
    ng.ok("add", "Carla Díaz", "--circle", "friends", "--tag", "Investor", "--cadence", "5")
    ng.ok("add", "Dan Archer")
    ng.ok("log", "carla", "--at", f"{iso(TODAY.subtract(days=2))} 10:00")
    assert ng.ok("archive", "Dan") == "archived Dan Archer (#4)\n"

    def names(*args):
        return [row["name"] for row in ng.json("list", *args)]

    rows = ng.json("list")
    assert [row["name"] for row in rows] == ["Bob Smith", "Carla Díaz", "Zoë Ångström"]
    carla = rows[1]
    assert carla == {"id": 3, "name": "Carla Díaz", "circle": "Friends",
                     "last_touch_at": f"{iso(TODAY.subtract(days=2))}T10:00:00+00:00",
                     "next_due": iso(TODAY.add(days=3)), "health": "soon"}
    assert rows[0]["last_touch_at"] is None and rows[0]["health"] == "fine"

    assert names("--archived") == ["Bob Smith", "Carla Díaz", "Dan Archer", "Zoë Ångström"]
    assert names("--search", "zoe") == ["Zoë Ångström"]  # accents folded
    assert names("--search", "angst") == ["Zoë Ångström"]  # part of a word
    assert names("--search", "DIA") == ["Carla Díaz"]
    assert names("--search", "initech") == ["Bob Smith"]  # the company counts
    assert names("--search", "archer") == []  # archived
    assert names("--search", "archer", "--archived") == ["Dan Archer"]
    assert names("--circle", "FRIENDS") == ["Bob Smith", "Carla Díaz"]
    assert names("--tag", "investor") == ["Carla Díaz", "Zoë Ångström"]
    assert names("--sort", "next_due") == ["Carla Díaz", "Zoë Ångström", "Bob Smith"]
    assert names("--sort", "last_touch") == ["Bob Smith", "Zoë Ångström", "Carla Díaz"]
    assert names("--sort", "circle") == ["Zoë Ångström", "Bob Smith", "Carla Díaz"]

    text = ng.ok("list", "--circle", "Friends").splitlines()
    assert len(text) == 2
    assert text[0].startswith("#2      Bob Smith   ")
    assert text[1].startswith("#3      Carla Díaz  ")
    assert text[1].endswith(f"soon    due {short_date(TODAY.add(days=3), today=TODAY)}")
    assert ng.ok("list", "--search", "nobody-at-all") == "No contacts match.\n"


# --- snooze / edit / archive --------------------------------------------------------------------


def test_a_changed_number_is_the_old_one_dropped_and_the_new_one_added(ng):
    ng.config_dir.mkdir()
    (ng.config_dir / "config.toml").write_text('region = "GB"\n')
    ng.ok("add", "Ann Lee", "--phone", "+44 20 7946 0000", "--email", "ann@old.test")
    ng.ok("edit", "Ann", "--drop-phone", "020 7946 0000", "--phone", "+44 20 7946 0999",
          "--drop-email", "ANN@old.test")  # found as the same number, the same address
    assert [(method["kind"], method["value"]) for method in ng.json("show", "Ann")["methods"]] \
        == [("phone", "+44 20 7946 0999")]


def test_snooze_edit_archive(seeded):
    until = TODAY.add(days=40)
    out = seeded.ok("snooze", "zoë", iso(until))
    assert out == f"snoozed Zoë Ångström until {describe_date(until, today=TODAY)}\n"
    card = seeded.json("show", "Zoë")
    assert card["snoozed_until"] == iso(until)
    assert card["next_due"] == iso(until)  # later than last touch + 30 days

    # Sam is due again only in 60 days: a snooze of three weeks would change nothing.
    refused = assert_user_error(seeded("snooze", "Sam Lee", "3w"))
    sam_due = short_date(TODAY.add(days=60), today=TODAY)
    assert refused.startswith(f"netgarden: nothing to snooze: Sam Lee is not due until {sam_due}")
    assert seeded.json("show", "Sam Lee")["snoozed_until"] is None
    seeded.ok("snooze", "Sam Lee", "10w")
    assert seeded.json("show", "Sam Lee")["snoozed_until"] == iso(TODAY.add(weeks=10))

    out = seeded.ok("edit", "Zoë", "--name", "Zoe Angstrom-Lee", "--tag", "mentor",
                    "--email", "zoe@new.test", "--role", "CEO")
    assert out == "updated Zoe Angstrom-Lee (#1)\n"
    card = seeded.json("show", "#1")
    assert card["display_name"] == "Zoe Angstrom-Lee"
    assert card["tags"] == ["mentor", "vc"]  # added to the ones it had
    assert [m["value"] for m in card["methods"]] == ["zoe@acme.test", "z@home.test", "zoe@new.test"]
    assert card["role"] == "CEO"
    assert card["circle"] == "Clients"  # left alone
    assert card["snoozed_until"] == iso(until)

    assert seeded.ok("archive", "Zoe Angstrom-Lee") == "archived Zoe Angstrom-Lee (#1)\n"
    assert seeded.json("show", "#1")["archived"] is True
    listed = [row["name"] for row in seeded.json("list")]
    assert listed == ["Sam Lee", "Sam Ortiz"]
    # Its follow-up (due in a week) no longer shows in the queue.
    queue = seeded.json("due", "--date", iso(TODAY.add(days=8)))
    assert [item["contact"] for item in queue] == []


# --- version, where, --db and NETGARDEN_DB ---------------------------------------------------------


def test_version(ng):
    assert ng.ok("--version", db=False) == f"netgarden {__version__}\n"


@pytest.mark.parametrize("argv, db, demo, debug", [
    ([], None, False, False),
    (["--db", "g.db"], "g.db", False, False),
    (["--db=g.db", "--debug"], "g.db", False, True),
    (["--demo"], None, True, False),
    (["--debug", "--demo", "--db", "g.db"], "g.db", True, True),
], ids=lambda value: " ".join(value) if isinstance(value, list) else None)
def test_with_no_command_the_app_opens_with_its_options(monkeypatch, argv, db, demo, debug):
    opened = []
    monkeypatch.setattr(commands, "open_app", lambda args: opened.append(args) or 0)
    assert main(argv) == 0
    (args,) = opened
    assert (getattr(args, "db", None), args.demo, getattr(args, "debug", False)) == (db, demo, debug)


def test_where_honours_db_flag_and_env(ng, tmp_path):
    flag_db = tmp_path / "flag" / "mine.db"
    env_db = tmp_path / "env" / "theirs.db"
    config = ng.config_dir / "config.toml"

    assert ng.ok("where", db=flag_db) == (f"database  {flag_db}\nconfig    {config}\n"
                                          f"backups   {flag_db.parent / 'backups'}\n")
    assert ng.ok("where", db=False, env={"NETGARDEN_DB": str(env_db)}) == (
        f"database  {env_db}\nconfig    {config}\nbackups   {env_db.parent / 'backups'}\n")
    # The flag beats the environment.
    out = ng.ok("where", db=flag_db, env={"NETGARDEN_DB": str(env_db)})
    assert out.splitlines()[0] == f"database  {flag_db}"
    # `where` only prints: it creates nothing.
    assert not flag_db.exists() and not env_db.exists()
    assert not flag_db.parent.exists() and not env_db.parent.exists()


def test_db_before_or_after_the_command_and_from_env(ng, tmp_path):
    first = tmp_path / "first.db"
    second = tmp_path / "second.db"

    assert ng.ok("--db", str(first), "add", "Ann Before", db=False) == "added Ann Before (#1)\n"
    assert ng.ok("add", "Ben After", db=first) == "added Ben After (#2)\n"
    assert [r["name"] for r in ng.json("list", db=first)] == ["Ann Before", "Ben After"]
    assert ng.ok("--db", str(first), "due", db=False) == f"Nothing due on {short_date(TODAY, today=TODAY)}.\n"
    assert ng.ok("due", db=first) == f"Nothing due on {short_date(TODAY, today=TODAY)}.\n"

    env = {"NETGARDEN_DB": str(second)}
    assert ng.ok("add", "Cy Env", db=False, env=env) == "added Cy Env (#1)\n"
    assert second.exists()
    assert [r["name"] for r in ng.json("list", db=False, env=env)] == ["Cy Env"]
    # --db (either place) beats NETGARDEN_DB.
    assert [r["name"] for r in ng.json("list", db=first, env=env)] == ["Ann Before", "Ben After"]
    out = ng.ok("--db", str(first), "list", "--json", db=False, env=env)
    assert [r["name"] for r in json.loads(out)] == ["Ann Before", "Ben After"]
    assert not ng.db.exists()  # the default of this runner was never used


# --- errors: one line, exit 1, nothing written ------------------------------------------------

CIRCLES = "Clients, Influential colleagues, Prospects, Friends, Powerful colleagues"

ERROR_CASES = {
    "unknown name": (["show", "Nobody Here"], 'netgarden: no contact named "Nobody Here"'),
    "an empty --db": (
        ["list", "--db", ""],
        "netgarden list: argument --db: empty: give a garden file or a postgresql:// URL "
        "(see netgarden list --help)"),
    "an unknown circle": (
        ["list", "--circle", "Nonexistent"],
        f'netgarden: unknown circle "Nonexistent" (circles: {CIRCLES})'),
    "a number without its #": (
        ["show", "62"], 'netgarden: no contact named "62" (contact number 62 is "#62")'),
    "unknown name among several": (
        ["log", "Zoë", "Nobody Here"], 'netgarden: no contact named "Nobody Here"'),
    "ambiguous name": (
        ["log", "sam"],
        'netgarden: "sam" matches several contacts: Sam Lee (#2), Sam Ortiz (#3)'),
    "bad --at": (
        ["log", "Zoë", "--at", "fridy"],
        'netgarden: can\'t read "fridy" as a date or time (try: 14:30, 9am, 9:15pm, '
        'yesterday 9am, mon 10:00, 2026-11-20 14:30)'),
    "bad --follow-up": (
        ["log", "Zoë", "--follow-up", "13-45"],
        'netgarden: no such date as "13-45" (write YYYY-MM-DD or MM-DD)'),
    "bad snooze": (
        ["snooze", "Zoë", "blorp"],
        'netgarden: can\'t read "blorp" as a date (try: today, tomorrow, 3d, 2w, 1m, fri, '
        'next week, 2026-12-01, 12-01)'),
    "snooze into the past": (
        ["snooze", "Zoë", "yesterday"],
        f"netgarden: snooze needs a day after today (got {iso(TODAY.subtract(days=1))})"),
    "unknown channel": (
        ["log", "Zoë", "--via", "pigeon"],
        'netgarden: unknown channel "pigeon" (use one of: call, email, meeting, message, video, '
        'meal, event, social, letter, gift)'),
    "unknown circle": (
        ["add", "X", "--circle", "Nope"],
        f'netgarden: unknown circle "Nope" (circles: {CIRCLES})'),
    "impossible birthday": (
        ["add", "X", "--birthday", "02-30"],
        'netgarden: can\'t read "02-30" as a birthday (use MM-DD or YYYY-MM-DD)'),
    "bad birthday month": (
        ["add", "X", "--birthday", "1980-13-01"],
        'netgarden: can\'t read "1980-13-01" as a birthday (use MM-DD or YYYY-MM-DD)'),
    "bad birthday on edit": (
        ["edit", "Zoë", "--tag", "new", "--birthday", "soon"],
        'netgarden: can\'t read "soon" as a birthday (use MM-DD or YYYY-MM-DD)'),
    "no room in the queue": (
        ["due", "--limit", "0"],
        "netgarden due: argument --limit: must be 1 or more (got 0) (see netgarden due --help)"),
    "a limit that is no number": (
        ["due", "--limit", "ten"],
        "netgarden due: argument --limit: expected a whole number, got 'ten' "
        "(see netgarden due --help)"),
    "zero cadence": (
        ["add", "X", "--cadence", "0"],
        "netgarden: cadence must be from 1 to 3650 days (got 0)"),
    "dropping an email they do not have": (  # and the tag and the new one: not written
        ["edit", "Zoë", "--tag", "new", "--email", "zoe@new.test", "--drop-email", "x@y.test"],
        'netgarden: Zoë Ångström has no email "x@y.test"'),
    "zero cadence on edit": (
        ["edit", "Zoë", "--name", "Renamed", "--cadence", "0"],
        "netgarden: cadence must be from 1 to 3650 days (got 0)"),
    "no such follow-up": (["done", "999"], "netgarden: no follow-up #999"),
    "missing name": (
        ["log"],
        "netgarden log: the following arguments are required: NAME (see netgarden log --help)"),
    "missing when": (
        ["snooze", "Zoë"],
        "netgarden snooze: the following arguments are required: WHEN "
        "(see netgarden snooze --help)"),
    "bad due date": (
        ["due", "--date", "nope"],
        'netgarden: can\'t read "nope" as a date (try: today, tomorrow, 3d, 2w, 1m, fri, '
        'next week, 2026-12-01, 12-01)'),
}


@pytest.mark.parametrize("argv, message", list(ERROR_CASES.values()), ids=list(ERROR_CASES))
def test_user_errors_are_one_line_and_write_nothing(seeded, argv, message):
    before = dump(seeded.db)
    line = assert_user_error(seeded(*argv))
    assert line == message
    assert dump(seeded.db) == before


CONFIG_CASES = {
    "bad setting": ("default_cadence_days = 0\n", "default_cadence_days must be a positive "
                    "whole number (got 0)"),
    "circle missing a key": ('[[circles]]\nname = "Clients"\npriority = 1\n',
                             "circles[1].cadence_days is missing"),
    "unknown key": ("colour = 1\n", "colour is not a known setting"),
}


@pytest.mark.parametrize("content, problem", list(CONFIG_CASES.values()), ids=list(CONFIG_CASES))
def test_bad_config_file_names_key_and_file(seeded, content, problem):
    seeded.config_dir.mkdir(exist_ok=True)
    config = seeded.config_dir / "config.toml"
    config.write_text(content, encoding="utf-8")
    before = dump(seeded.db)
    line = assert_user_error(seeded("add", "Someone New"))
    assert line.startswith(f"netgarden: config error in {config}: {problem}")
    assert dump(seeded.db) == before
    assert config.read_text(encoding="utf-8") == content  # never rewritten


@pytest.mark.sqlite_only  # the file's bytes, untouched
def test_garden_from_a_newer_netgarden_is_refused_untouched(seeded):
    with sqlite3.connect(seeded.db) as conn:
        conn.execute("UPDATE setting SET value = '999' WHERE key = 'schema_version'")
    conn.close()

    def garden_files():  # the database and anything beside it (-wal, -shm, backups)
        return sorted(p.name for p in seeded.db.parent.iterdir() if p.name != "conf")

    files_before = garden_files()
    bytes_before = seeded.db.read_bytes()

    for argv in (["add", "Someone New"], ["due"]):
        line = assert_user_error(seeded(*argv))
        assert line == (f"netgarden: {seeded.db} was written by a newer netgarden (schema 999; "
                        f"this version reads up to {SCHEMA_VERSION}); upgrade netgarden to open it")

    assert seeded.db.read_bytes() == bytes_before
    assert garden_files() == files_before == ["garden.db"]


# --- user text is data ---------------------------------------------------------------------------


def test_markup_in_names_and_notes_prints_literally(ng):
    evil = "[bold]Evil[/] [red"
    assert ng.ok("add", evil, "--note", "likes [/] tea") == f"added {evil} (#1)\n"
    out = ng.ok("log", "#1", "--note", "talked [/] shop", "--follow-up", "today",
                "--follow-up-note", "ping [red]now")
    assert out.startswith(f"logged call with {evil}; follow-up ")

    show = ng.ok("show", "#1").splitlines()
    assert show[0] == f"{evil} (#1)"
    assert "    likes [/] tea" in show
    assert "      talked [/] shop" in show
    assert "      ping [red]now" in show

    [row] = ng.ok("list").splitlines()
    assert row.startswith(f"#1      {evil}  -")

    assert ng.ok("due").splitlines() == [
        f"Due on {short_date(TODAY, today=TODAY)} · 1",
        f"  1. {evil} (#1)",
        "       follow-up   follow-up due today: ping [red]now",
    ]


def test_escape_bytes_are_shown_never_sent(ng):
    name = f"{ESC}[31mX"
    shown = f"{ESC_SHOWN}[31mX"
    runs = [
        ng("add", name, "--note", f"note {ESC}[2J here"),
        ng("log", "#1", "--note", f"said {ESC}]0;title{ESC}\\", "--follow-up", "today",
           "--follow-up-note", f"{ESC}[5mblink"),
        ng("show", "#1"), ng("list"), ng("due"),
    ]
    for done in runs:
        assert done.returncode == 0, done.stderr
        assert b"\x1b" not in done.out_bytes and b"\x1b" not in done.err_bytes
    add, log, show, listing, due = (done.stdout for done in runs)
    assert add == f"added {shown} (#1)\n"
    assert log.startswith(f"logged call with {shown}; ")
    assert show.splitlines()[0] == f"{shown} (#1)"
    assert f"    note {ESC_SHOWN}[2J here" in show.splitlines()
    assert f"      said {ESC_SHOWN}]0;title{ESC_SHOWN}\\" in show.splitlines()
    assert listing.startswith(f"#1      {shown}  ")
    assert due.splitlines()[1] == f"  1. {shown} (#1)"
    assert due.splitlines()[2].endswith(f"follow-up due today: {ESC_SHOWN}[5mblink")

    for argv in (["list"], ["show", "#1"], ["due"]):
        done = ng(*argv, "--json")
        assert done.returncode == 0
        assert b"\x1b" not in done.out_bytes
        assert "\\u001b[31mX" in done.stdout
    assert ng.json("list")[0]["name"] == name
    card = ng.json("show", "#1")
    assert card["display_name"] == name
    assert card["interactions"][0]["note"] == f"said {ESC}]0;title{ESC}\\"
    assert ng.json("due")[0]["reasons"][0]["text"] == f"follow-up due today: {ESC}[5mblink"


def test_c1_controls_and_line_separators_are_shown_never_sent(ng):
    """U+009B is a one-byte CSI to some terminals; U+2028 breaks the line in others."""
    ng.ok("add", "Ann\x9b31m\u2028Lee")
    listing = ng("list").stdout
    assert "\x9b" not in listing and "\u2028" not in listing
    assert listing.startswith("#1      Ann\\x9b31m Lee  ")


def test_escape_bytes_in_an_error_line_are_shown(ng):
    """An ambiguous name lists the candidates: their names must not reach the terminal raw."""
    ng.ok("add", f"Sam {ESC}[31mRed")
    ng.ok("add", "Sam Lee")
    before = dump(ng.db)
    done = ng("show", "sam")
    line = assert_user_error(done)
    assert b"\x1b" not in done.err_bytes
    assert line == (f'netgarden: "sam" matches several contacts: Sam {ESC_SHOWN}[31mRed (#1), '
                    f"Sam Lee (#2)")
    assert dump(ng.db) == before


# --- demo --------------------------------------------------------------------------------------


def test_demo_fills_a_fresh_garden_and_refuses_a_full_one(ng):
    pytest.importorskip("netgarden_tui.store.demo")
    out = ng.ok("demo", "--contacts", "40", "--interactions", "300", "--seed", "3")
    assert out == ("demo garden ready: 40 contacts, 300 interactions in "
                   f"{shown(server.garden_at(ng.db))}\n")
    everyone = ng.json("list", "--archived")
    assert len(everyone) == 40
    assert len({row["id"] for row in everyone}) == 40
    counts = row_counts(ng.db)
    assert counts["contact"] == 40 and counts["interaction"] == 300

    before = dump(ng.db)
    assert_user_error(ng("demo", "--contacts", "40", "--interactions", "300", "--seed", "3"))
    assert dump(ng.db) == before


# --- privacy ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["add", "Ann Example"], ["due"]], ids=["add", "due"])
def test_database_file_is_private_whatever_the_umask(ng, tmp_path, argv):
    db = tmp_path / "new" / "folder" / "garden.db"
    ng.ok(*argv, db=db, umask=0)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) == 0o600
    config = ng.config_dir / "config.toml"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


def test_a_listing_cut_short_by_its_reader_is_no_error(ng):
    """`netgarden list | head -1`: the pipe closes early; no "unexpected error"."""
    ng.ok("demo", "--contacts", "3000", "--interactions", "3000")  # more than a pipe holds
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    done = subprocess.run([sys.executable, "-m", "netgarden_tui", "list", "--db",
                           server.garden_at(ng.db)],
                          stdout=reader.stdin, stderr=subprocess.PIPE, text=True, env=ng.env)
    reader.stdin.close()
    assert reader.stdout.read().startswith(b"#")
    reader.wait()
    assert (done.returncode, done.stderr) == (0, "")


def test_the_console_script_runs_in_a_process_of_its_own(ng):
    """The rest of this file runs the command in this process; this is the real thing."""
    # Where pip put it for this Python: a virtual environment's bin/, whether or not it
    # is on the PATH (the README's commands do not activate it).
    script = Path(sysconfig.get_path("scripts")) / "netgarden"
    assert script.exists(), "pip install puts a netgarden script beside the Python it used"
    version = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert (version.returncode, version.stdout) == (0, f"netgarden {__version__}\n")
    refused = subprocess.run([script, "show", "Nobody", "--db", str(ng.db)], env=ng.env,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("netgarden: ") and len(refused.stderr.splitlines()) == 1


def _commands_in(parser) -> set[str]:
    return next(set(action.choices) for action in parser._actions
                if isinstance(action, argparse._SubParsersAction))


def test_a_command_builds_its_own_module_s_commands_and_help_builds_them_all():
    """Each module of cli/ adds the commands COMMANDS_BY_MODULE says (so a command typed
    finds its module), and --help lists every command, the app none."""
    everything = set()
    for module, names in COMMANDS_BY_MODULE.items():
        for name in names:
            assert _commands_in(build_parser(["--db", "g.db", name, "--json"])) == set(names)
        everything |= set(names)
    assert _commands_in(build_parser(["--help"])) == everything
    assert _commands_in(build_parser(["-h", "list"])) == everything
    assert _commands_in(build_parser(["lisst"])) == everything  # argparse lists them all
    assert _commands_in(build_parser(["--demo"])) == set()


def test_a_command_in_a_process_of_its_own_loads_only_its_own_module(ng):
    """What makes `netgarden list` start quickly: the other commands' modules unread."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from netgarden_tui.cli import main; "
         "main(['list', '--db', sys.argv[1]]); "
         "print(sorted(m for m in sys.modules if m.startswith('netgarden_tui.cli.')))",
         str(ng.db)], env=ng.env, capture_output=True, text=True, timeout=60)
    assert loaded.stdout.splitlines()[-1] == str(
        ["netgarden_tui.cli.commands", "netgarden_tui.cli.errors", "netgarden_tui.cli.output"])


def test_json_is_indented_at_a_terminal_and_on_one_line_for_a_script(ng):
    ng.ok("add", "Zoë Okafor", "--company", "Acme")
    piped = ng.ok("list", "--json")
    assert piped.count("\n") == 1 and json.loads(piped)[0]["name"] == "Zoë Okafor"
    terminal, its_end = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "netgarden_tui", "list", "--json", "--db",
                           ng.address], stdout=its_end, env=ng.env, timeout=60)
    shown = os.read(terminal, 65536).decode().replace("\r\n", "\n")  # all there: it is short
    os.close(its_end)
    os.close(terminal)
    assert done.returncode == 0
    assert shown.splitlines()[:3] == ["[", "  {", '    "id": 1,']
    assert json.loads(shown) == json.loads(piped)


def test_each_touch_says_who_logged_it_once_two_people_log_in_one_garden(tmp_path):
    """A garden shared by two (on a server, or a file two logins write): each touch keeps
    its author, from the config's name; the timeline names them once there are two."""
    ann, bob = Runner(tmp_path), Runner(tmp_path)
    for runner, name in ((ann, "Ann"), (bob, "[bold]Bob[/]")):
        runner.config_dir = tmp_path / name.strip("[/]bold")
        runner.config_dir.mkdir()
        (runner.config_dir / "config.toml").write_text(f"name = {json.dumps(name)}\n")
        runner.env["NETGARDEN_CONFIG_DIR"] = str(runner.config_dir)
    ann.ok("add", "Zoë Okafor")
    ann.ok("log", "Zoë", "--via", "call", "--note", "the launch")
    assert " by " not in ann.ok("show", "Zoë")  # one author: nothing to tell apart

    bob.ok("log", "Zoë", "--via", "email", "--note", "the deck")

    timeline = ann.ok("show", "Zoë")
    assert "email · I reached out · no reply yet · by [bold]Bob[/]" in timeline
    assert "call · I reached out · by Ann" in timeline
    assert [touch["author"] for touch in ann.json("show", "Zoë")["interactions"]] == [
        "[bold]Bob[/]", "Ann"]
