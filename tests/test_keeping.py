"""Keeping a garden safe: daily backups, backup, backups, restore, check, dates with sense;
a garden on a server backed up as JSON (server_only: with NETGARDEN_TEST_POSTGRES).

The commands run as a person runs them (a child process on a real garden file); the
store's pieces are driven directly where a failure has to be made to happen.
"""

import json
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

import server
from conftest import netgarden, netgarden_ok, raw_sql
from netgarden_tui.config import BackupsKept, default_config, locate
from netgarden_tui.garden import actions
from netgarden_tui.store import backups, database, json_dump, queries, sqlite
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.main import MainScreen
from test_cli import Runner, assert_user_error
from test_copy import rows_of


@pytest.fixture
def ng(tmp_path) -> Runner:
    runner = Runner(tmp_path, file=True)
    runner.ok("add", "Ann Lee", "--email", "ann@example.com")
    return runner


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backup_files(runner: Runner) -> list[str]:
    return sorted(path.name for path in (runner.root / "backups").iterdir())


def raw(runner: Runner, sql: str) -> None:
    with sqlite3.connect(runner.db) as conn:
        conn.execute(sql)
    conn.close()


# --- backups -------------------------------------------------------------------------------

def test_the_first_open_of_a_day_takes_one_checked_private_backup(ng):
    files = backup_files(ng)
    assert len(files) == 1 and files[0].endswith("-daily.db")  # taken by the add
    ng.ok("list")
    assert backup_files(ng) == files  # once a day
    folder = ng.root / "backups"
    assert (mode(folder), mode(folder / files[0])) == (0o700, 0o600)
    assert backups.problems(folder / files[0]) == []


def test_backup_takes_one_now_and_backups_lists_them_newest_first(ng):
    out = ng.ok("backup")
    assert out.startswith(f"backed up to {ng.root / 'backups'}/garden-") and out.endswith(
        # schema 13 and 14: 30 pages more (the sync's table; needs and offers, the word
        # index's tables)
        "-manual.db (468.0 KB, 1 contacts)\n")
    listed = ng.json("backups")
    assert [row["reason"] for row in listed] == ["manual", "daily"]
    assert listed[0]["contacts"] == 1 and listed[0]["size"] > 0
    assert not list((ng.root / "backups").glob("*-wal"))  # each one file, whole


def test_pruning_keeps_the_newest_daily_copy_of_each_day_and_week(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    garden = tmp_path / "garden.db"
    start = pendulum.datetime(2026, 9, 1, 9, tz="UTC")
    for day in range(60):
        stamp = start.add(days=day).strftime(backups.STAMP)
        for reason in ("daily", "daily") if day % 7 == 0 else ("daily",):
            (folder / f"garden-{stamp}-{reason}.db").write_bytes(b"x")
        stamp = start.add(days=day, minutes=1).strftime(backups.STAMP)
        (folder / f"garden-{stamp}-daily.db").write_bytes(b"x")
    (folder / "garden-20260901T090500-manual.db").write_bytes(b"x")

    with pendulum.travel_to(start.add(days=60), freeze=True):
        backups.prune(garden, folder, **BackupsKept(daily=7, weekly=4)._asdict())

    kept = backups.listing(garden, folder)
    days = [backup.taken_at.date() for backup in kept if backup.reason == "daily"]
    assert len(days) == len(set(days))  # one a day at most
    assert days[:7] == [start.add(days=59 - n).date() for n in range(7)]
    # Four weeks: the seven days reach into two, the newest of two more before them.
    weeks = {day.isocalendar()[1] for day in days}
    assert (len(days), len(weeks)) == (9, 4)
    assert any(backup.reason == "manual" for backup in kept)  # taken by hand: kept


def test_a_backup_that_cannot_be_written_leaves_nothing_behind(ng, monkeypatch):
    def full(destination):
        destination.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    actions.open_garden(ng_locations(ng), default_config())
    try:
        monkeypatch.setattr(sqlite, "copy_into", full)
        with pytest.raises(backups.BackupError, match="the disk is full; nothing was left"):
            backups.take(ng.db, ng.root / "backups", "manual")
    finally:
        database.close_garden()
    assert [name for name in backup_files(ng) if not name.endswith("-daily.db")] == []


def ng_locations(runner: Runner):
    from netgarden_tui.config import Locations

    return Locations(runner.db, runner.config_dir / "config.toml", runner.root / "backups")


# --- backups of a garden on a server ---------------------------------------------------

@pytest.mark.server_only
def test_a_server_garden_is_backed_up_as_json_listed_and_restored(tmp_path):
    netgarden_ok(tmp_path, "add", "Ann Lee")
    netgarden_ok(tmp_path, "log", "Ann", "--via", "call")
    url = server.garden_at(tmp_path / "garden.db")
    before = rows_of(url, tmp_path)

    made = re.fullmatch(r"backed up to (\S+) \(\S+ \S+, 1 contacts\)\n",
                        netgarden_ok(tmp_path, "backup"))
    path = Path(made[1])
    assert re.fullmatch(r"garden-\d{8}T\d{6}-manual\.json", path.name)
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    assert json_dump.read(path).rows["interaction"] == 1

    netgarden_ok(tmp_path, "add", "Bob Stone")
    cut = path.with_name("garden-29991231T000000-manual.json")  # the newest, but cut short
    cut.write_bytes(path.read_bytes()[:-100])
    line = assert_user_error(netgarden(tmp_path, "restore", cut.name))
    assert line.startswith(f"netgarden: {cut.name} not restored: ") and line.endswith(
        "; the garden is as it was")
    assert len(rows_of(url, tmp_path)["contact"]) == 2
    assert [backup.reason for backup in backups.listing(url, path.parent)] == [
        "manual", "manual"]  # no before-restore for a backup that could not be read

    out = netgarden_ok(tmp_path, "restore")  # the newest that passes its check

    assert re.fullmatch(rf"restored {path.name} \(.*, 1 contacts\); the garden as it was is "
                        r"kept as garden-\d{8}T\d{6}-before-restore\.json\n", out)
    assert rows_of(url, tmp_path) == before
    listed = json.loads(netgarden_ok(tmp_path, "backups", "--json"))
    assert {(row["reason"], row["contacts"]) for row in listed} == {
        ("before-restore", 2), ("manual", 1), ("manual", None)}
    assert netgarden_ok(tmp_path, "undo") == "Nothing to undo.\n"  # the journal went too


@pytest.mark.server_only
def test_on_a_server_the_days_backup_is_the_apps_not_a_commands(tmp_path):
    netgarden_ok(tmp_path, "add", "Ann Lee")
    locations = locate(server.garden_at(tmp_path / "garden.db"))
    assert backups.listing(locations.database, locations.backups) == []

    actions.open_garden(locations, default_config())
    try:
        assert actions.take_daily_backup(locations, default_config(), in_background=True) == []
    finally:
        database.close_garden()

    [daily] = backups.listing(locations.database, locations.backups)
    assert (daily.reason, daily.contacts, daily.path.suffix) == ("daily", 1, ".json")


@pytest.mark.server_only
def test_a_server_garden_is_backed_up_as_it_was_before_a_migration(tmp_path):
    netgarden_ok(tmp_path, "add", "Ann Lee")
    url = server.garden_at(tmp_path / "garden.db")
    database.open_garden(url, tmp_path / "backups")
    try:  # back to schema 9: no meetings to come, no addresses ignored
        raw_sql("DROP TABLE capture_meeting")
        raw_sql("ALTER TABLE capture_address DROP COLUMN ignored")
        raw_sql("UPDATE setting SET value = '9' WHERE key = 'schema_version'")
    finally:
        database.close_garden()

    netgarden_ok(tmp_path, "list")

    locations = locate(url)
    [kept] = backups.listing(locations.database, locations.backups)
    assert kept.reason == "schema9" and kept.contacts == 1
    written = json.loads(kept.path.read_text(encoding="utf-8"))
    assert written["schema"] == 9 and "capture_meeting" not in written["tables"]
    assert "ignored" not in written["tables"]["capture_address"]["columns"]


# --- restore -------------------------------------------------------------------------------

def test_restore_puts_the_newest_good_backup_back_and_keeps_the_garden_as_it_was(ng):
    ng.ok("backup")
    ng.ok("add", "Bob Stone")
    out = ng.ok("restore")
    assert out.startswith("restored garden-") and "-manual.db" in out
    assert "the garden as it was is kept as garden-" in out and "-before-restore.db" in out
    assert [row["name"] for row in ng.json("list")] == ["Ann Lee"]
    kept = [row for row in ng.json("backups") if row["reason"] == "before-restore"]
    assert kept[0]["contacts"] == 2


def test_restore_refuses_a_backup_that_fails_its_check(ng):
    bad = ng.root / "backups" / "garden-20261101T090000-manual.db"
    bad.write_bytes(b"not a database at all")
    line = assert_user_error(ng("restore", bad.name))
    assert line.startswith(f"netgarden: {bad.name} fails its check")
    assert [row["name"] for row in ng.json("list")] == ["Ann Lee"]


def test_a_damaged_garden_names_its_newest_good_backup(ng):
    ng.ok("backup")
    newest = backup_files(ng)[-1]
    ng.db.write_bytes(b"\x00" * 4096)
    line = assert_user_error(ng("list"))
    assert line.endswith(f"the newest good backup is {newest} "
                         f"({newest[7:11]}-{newest[11:13]}-{newest[13:15]} "
                         f"{newest[16:18]}:{newest[18:20]}): netgarden restore puts it back")
    ng.ok("restore")
    assert [row["name"] for row in ng.json("list")] == ["Ann Lee"]


def test_a_migration_that_cannot_back_up_changes_nothing(ng, monkeypatch):
    raw(ng, "UPDATE setting SET value = '6' WHERE key = 'schema_version'")
    before = ng.db.read_bytes()
    monkeypatch.setattr(sqlite, "copy_into", lambda destination: (_ for _ in ()).throw(
        sqlite3.OperationalError("database or disk is full")))
    with pytest.raises(database.GardenError, match="needs a migration, and first a backup"):
        database.open_garden(ng.db, ng.root / "backups")
    assert ng.db.read_bytes() == before


# --- check -----------------------------------------------------------------------------------

def test_check_says_all_holds(ng):
    assert ng.ok("check").startswith("ok: the file, its foreign keys, the schema, every date")


def test_check_on_a_damaged_file_lists_its_damage_a_line_each_and_reads_no_further(tmp_path):
    """A page in the middle overwritten: check says what SQLite's integrity check found,
    each on its own line, and does not go on to read (and fail on) the rest."""
    ng = Runner(tmp_path, file=True)
    ng.ok("demo", "--contacts", "300", "--interactions", "3000")
    size = ng.db.stat().st_size
    with ng.db.open("r+b") as garden:
        garden.seek(size // 2 // 4096 * 4096)
        garden.write(bytes(range(256)) * 16)
    checked = ng("check")
    lines = checked.stdout.splitlines()
    assert checked.returncode == 1 and "unexpected" not in checked.stderr
    assert lines and all(line.startswith("integrity: ") for line in lines)
    assert all(line.endswith("(restore a backup: netgarden restore)") for line in lines)
    assert not any("␊" in line or "***" in line for line in lines)


def test_a_bad_date_from_an_earlier_version_opens_lists_shows_exports_and_is_checked(ng):
    ng.ok("log", "Ann", "--via", "call", "--follow-up", "2w")
    raw(ng, "UPDATE interaction SET at = '1-01-01 00:00:00'")  # as version 6 stored the year 1
    raw(ng, "UPDATE follow_up SET due_on = '9999-12-31'")
    assert ng.json("list")[0]["name"] == "Ann Lee"
    assert "1900-01-01  call · I reached out" in ng.ok("show", "Ann")
    for format_name in ("json", "vcard", "csv", "ics"):
        ng.ok("export", "--format", format_name, "-o", ng.root / f"out.{format_name}")

    done = ng("check")
    assert done.returncode == 1
    assert done.stdout.splitlines()[:2] == [
        "date: interaction #1 at is '1-01-01 00:00:00', not a day between 1900 and 2200 "
        "(netgarden check --repair mends it)",
        "date: follow_up #1 due_on is '9999-12-31', not a day between 1900 and 2200 "
        "(netgarden check --repair mends it)"]

    repaired = ng.ok("check", "--repair").splitlines()
    assert repaired[0].startswith("backed up to ") and repaired[0].endswith("-before-repair.db")
    assert "interaction #1 at is '1-01-01 00:00:00', not a day between 1900 and 2200: set to " \
           "1900-01-01 00:00:00" in repaired
    assert repaired[-1].startswith("ok: ")
    assert ng.json("check")["ok"] is True


def test_check_finds_a_stale_search_index_and_derived_columns(ng):
    raw(ng, "UPDATE contact SET next_due_on = '2001-01-01', notes = 'unindexed'")
    found = ng("check", "--json")
    assert found.returncode == 1
    assert [problem["what"] for problem in json.loads(found.stdout)["problems"]] == [
        "search index", "derived"]
    ng.ok("check", "--repair")
    assert ng.json("list", "--search", "unindexed")[0]["name"] == "Ann Lee"


# --- dates with sense --------------------------------------------------------------------------

@pytest.mark.parametrize("argv, said", [
    (("log", "Ann", "--at", "0001-01-01"), '"0001-01-01" is not a day between 1900 and 2200'),
    (("log", "Ann", "--follow-up", "9999-12-31"), '"9999-12-31" is not a day between 1900'),
    (("add", "Old Timer", "--birthday", "1850-05-01"), '"1850-05-01" is not a day between'),
    (("snooze", "Ann", "2201-01-01"), '"2201-01-01" is not a day between 1900 and 2200'),
])
def test_a_day_outside_1900_to_2200_is_refused_in_one_line(ng, argv, said):
    assert said in assert_user_error(ng(*argv))


def test_an_existing_garden_others_could_read_is_made_private_with_a_line(ng):
    ng.db.chmod(0o644)
    done = ng("list")
    assert done.returncode == 0
    assert done.stderr == f"netgarden: {ng.db} could be read by others: it is now yours alone (0600)\n"
    assert mode(ng.db) == 0o600


# --- undo from the command line ------------------------------------------------------------------

def test_undo_takes_back_the_last_command_and_says_which(ng):
    ng.ok("log", "Ann", "--via", "coffee", "--note", "talked shop")
    steps = ng.json("undo", "--list")
    assert [step["label"] for step in steps] == [
        "netgarden log Ann --via coffee --note 'talked shop'", "netgarden add 'Ann Lee' --email "
        "ann@example.com"]
    assert ng.ok("undo") == "undone: netgarden log Ann --via coffee --note 'talked shop'\n"
    assert ng.json("show", "Ann")["interactions"] == []
    assert ng.json("undo") == {"undone": "netgarden add 'Ann Lee' --email ann@example.com",
                               "redoable": True}
    assert ng.ok("undo") == "Nothing to undo.\n"
    assert ng.json("undo") == {"undone": None, "redoable": False}
    assert ng.json("list") == []


def test_redo_makes_again_what_undo_took_back_until_a_new_command(ng):
    ng.ok("log", "Ann", "--via", "coffee")
    ng.ok("undo")
    assert ng.ok("redo") == "redone: netgarden log Ann --via coffee\n"
    assert len(ng.json("show", "Ann")["interactions"]) == 1
    assert ng.ok("redo") == "Nothing to redo.\n"
    ng.ok("undo")
    ng.ok("log", "Ann", "--via", "email")  # a new change: the coffee cannot come back
    assert ng.ok("redo") == "Nothing to redo.\n"
    assert [touch["channel"] for touch in ng.json("show", "Ann")["interactions"]] == ["email"]


TODAY_MINUS_ONE = pendulum.now("UTC").subtract(days=1).date().isoformat()  # the runs' clock


def test_touch_rm_removes_one_touch_and_undo_puts_it_back(ng):
    ng.ok("log", "Ann", "--via", "call", "--at", "yesterday 9am")
    ng.ok("log", "Ann", "--via", "email", "--note", "the deck")
    first, second = (touch["id"] for touch in reversed(ng.json("show", "Ann")["interactions"]))
    out = ng.ok("touch", "rm", str(second))
    assert out.startswith(f"removed touch #{second}: email with Ann Lee on ")
    card = ng.json("show", "Ann")
    assert [touch["id"] for touch in card["interactions"]] == [first]
    assert card["last_touch_at"].startswith(TODAY_MINUS_ONE)  # back to yesterday's call
    ng.ok("undo")
    assert len(ng.json("show", "Ann")["interactions"]) == 2
    assert "no touch #99" in assert_user_error(ng("touch", "rm", "99"))


def test_an_import_is_one_step_that_undo_takes_back_whole(ng, tmp_path):
    cards = tmp_path / "two.vcf"
    cards.write_text("BEGIN:VCARD\nFN:Bo Diaz\nEND:VCARD\nBEGIN:VCARD\nFN:Cy Eng\nEND:VCARD\n",
                     encoding="utf-8")
    ng.ok("import", cards)
    assert ng.ok("undo") == f"undone: netgarden import {cards}\n"
    assert [row["name"] for row in ng.json("list")] == ["Ann Lee"]


# --- a garden on read-only media ------------------------------------------------------------------

async def test_a_garden_this_process_cannot_write_opens_to_look_not_to_change(ng, monkeypatch):
    monkeypatch.setattr(database, "_writable", lambda path: False)  # as on a read-only mount
    notices = actions.open_garden(ng_locations(ng), default_config())
    try:
        assert notices == [f"{ng.db} is read-only here: you can look, but not change anything"]
        assert [row.name for row in queries.contact_rows(default_cadence=60)] == ["Ann Lee"]
        with pytest.raises(database.StoreError) as refused:
            with database.transaction():
                actions.add_contact("Bob Stone")
        assert database.explain(refused.value) == "the garden is read-only here: nothing was written"
        assert actions.take_daily_backup(ng_locations(ng), default_config()) == []
    finally:
        database.close_garden()
    app = make_app(ng_locations(ng), default_config())
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        bar = str(app.screen.query_one("#pane-bar").render())
        assert bar.endswith("read-only: you can look, not change ")


def test_an_argument_that_is_not_text_is_one_clear_line(ng):
    done = subprocess.run([sys.executable.encode(), b"-m", b"netgarden_tui", b"add", b"Caf\xe9",
                           b"--db", bytes(ng.db)], env=ng.env, capture_output=True, timeout=60)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode() == (
        "netgarden: an argument is not text this system can read (Caf\ufffd): check your "
        "terminal's encoding (UTF-8)\n")


def test_the_config_folder_is_made_yours_alone(ng):
    assert mode(ng.config_dir) == 0o700


def test_a_garden_path_through_a_file_is_one_clear_line(ng):
    notes = ng.root / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    line = assert_user_error(ng("list", db=notes / "g.db"))
    assert line == f"netgarden: can't create a garden at {notes / 'g.db'}: {notes} is a file, not a folder"


def test_a_damaged_schema_version_is_called_damaged(ng):
    raw(ng, "UPDATE setting SET value = 'seven' WHERE key = 'schema_version'")
    line = assert_user_error(ng("list"))
    assert line.startswith(f"netgarden: {ng.db} is damaged: its schema version 'seven' is not a number")


def test_check_finds_and_repair_clears_a_bad_date_whichever_engine_holds_the_garden(tmp_path):
    """On a server too: a day that cannot be read is named, and --repair (after a backup)
    clears it; the checks of a file's own (its pages, its foreign keys) are the server's."""
    runner = Runner(tmp_path)  # on a server when the suite runs on one
    runner.ok("add", "Ann Lee")
    runner.ok("log", "Ann", "--via", "call", "--follow-up", "2w")
    runner.sql("UPDATE follow_up SET due_on = '2026-02-30'")
    done = runner("check")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "date: follow_up #1 due_on is '2026-02-30', not a day between 1900 and 2200 "
        "(netgarden check --repair mends it)")
    repaired = runner.ok("check", "--repair").splitlines()
    assert "-before-repair." in repaired[0]
    assert repaired[-1].startswith("ok: ")
    assert runner.json("check")["ok"] is True
