"""Moving a garden (`netgarden copy`), every row of every table, between files and servers.

The commands run as a person runs them. What needs a PostgreSQL server is marked
``server_only``, skipped unless NETGARDEN_TEST_POSTGRES names one (tests/server.py); the
copy from file to file, and what is refused before any server is reached, run always.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import stat
from pathlib import Path

import pytest

import server
from conftest import garden_rows
from netgarden_tui.garden import copying
from netgarden_tui.store import database, dump, json_dump
from test_cli import Runner, assert_user_error

needs_server = pytest.mark.server_only


@pytest.fixture
def ng(tmp_path) -> Runner:
    """A demo garden in a file (whether or not the suite runs on a server)."""
    runner = Runner(tmp_path, file=True)
    runner.ok("demo", "--contacts", "30", "--interactions", "200")
    return runner


def rows_of(address, folder: Path) -> dict[str, list[tuple]]:
    """Every dumped table's rows in the garden at ``address`` (a file or a URL)."""
    database.open_garden(address, folder / "backups")
    try:
        return garden_rows()
    finally:
        database.close_garden()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- copy ------------------------------------------------------------------------------------

def test_a_garden_file_is_copied_row_for_row_into_a_new_garden(ng, tmp_path):
    copy = tmp_path / "moved" / "garden.db"
    ng.ok("list", db=copy)  # what opening a garden writes, and nothing else: empty enough

    out = ng.ok("copy", ng.db, copy, db=False)

    first, *summary = out.splitlines()
    assert first == f"copied {ng.db} to {copy}, each table's rows counted in both:"
    counted = dict(pair.split() for pair in " ".join(summary).split(", "))
    before = rows_of(ng.db, tmp_path)
    assert counted == {table: str(len(rows)) for table, rows in before.items() if rows}
    assert (counted["contact"], counted["interaction"]) == ("30", "200")
    assert rows_of(copy, tmp_path) == before
    assert mode(copy) == 0o600


@needs_server
def test_a_garden_goes_to_a_server_and_back_row_for_row(ng, tmp_path):
    url, back = server.new_database("copy"), tmp_path / "back.db"

    ng.ok("copy", ng.db, url, db=False)
    ng.ok("copy", url, back, db=False)

    before = rows_of(ng.db, tmp_path)
    assert [table for table in ("contact", "contact_method", "contact_address", "past_job",
                                "fact", "interaction", "follow_up", "favour", "life_event")
            if not before[table]] == []  # the demo leaves none of these empty
    assert rows_of(url, tmp_path) == before
    assert rows_of(back, tmp_path) == before


@pytest.mark.parametrize("on_a_server", [False, pytest.param(True, marks=needs_server)])
def test_copy_refuses_a_destination_holding_a_garden(ng, tmp_path, on_a_server, empty_garden):
    # On a server, a copy of the fresh garden the suite makes once (quicker than a schema).
    destination = (server.new_database("copy", template=empty_garden) if on_a_server
                   else tmp_path / "copy.db")
    ng.ok("copy", ng.db, destination, db=False)
    before = rows_of(destination, tmp_path)

    line = assert_user_error(ng("copy", ng.db, destination, db=False))

    assert line == (f"netgarden: {destination} holds a garden already: copy needs a new file "
                    "or an empty database")
    assert rows_of(destination, tmp_path) == before


@pytest.mark.parametrize("url", ["postgresql://me:s3cret@db.example.com/garden",
                                 "postgres://me@db.example.com/garden?password=s3cret"])
def test_copy_refuses_a_password_on_the_command_line(ng, tmp_path, url):
    for argv in (("copy", ng.db, url), ("copy", url, tmp_path / "copy.db")):
        line = assert_user_error(ng(*argv, db=False))
        assert "s3cret" not in line
        assert line.endswith("a password on the command line shows in the process list; "
                             "keep it in ~/.pgpass or PGPASSWORD instead")
    assert not (tmp_path / "copy.db").exists()


def test_a_copy_whose_counts_differ_is_undone_and_leaves_no_file(ng, tmp_path, monkeypatch):
    written = json_dump.write

    def one_contact_more(out, **options):
        rows = written(out, **options)
        return {**rows, "contact": rows["contact"] + 1}

    monkeypatch.setattr(json_dump, "write", one_contact_more)
    line = assert_user_error(ng("copy", ng.db, tmp_path / "copy.db", db=False))

    assert line.startswith(f"netgarden: nothing was copied to {tmp_path / 'copy.db'}: contact "
                           "has 30 rows once loaded, not 31")
    assert list(tmp_path.glob("copy.db*")) == []


@needs_server
def test_copy_to_a_server_refuses_dates_it_could_not_use_until_check_repairs_them(
        ng, tmp_path, empty_garden):
    with sqlite3.connect(ng.db) as connection:
        connection.execute("UPDATE follow_up SET due_on = '9999-12-31' WHERE id = 1")
    connection.close()
    url = server.new_database("copy", template=empty_garden)

    line = assert_user_error(ng("copy", ng.db, url, db=False))

    assert "(follow_up #1 due_on is '9999-12-31', not a day between 1900 and 2200)" in line
    assert line.endswith(f"run netgarden check --repair --db {ng.db} first")
    database.open_garden(url, tmp_path / "backups")
    try:
        assert dump.is_empty()
    finally:
        database.close_garden()
    ng.ok("check", "--repair")
    ng.ok("copy", ng.db, url, db=False)


def test_a_copy_killed_mid_way_leaves_its_garden_only_until_the_next_copy(ng, tmp_path):
    """Its private folder in the temporary folder holds the whole garden: the next copy
    takes it away once its process is gone, and leaves a running copy's alone."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = Path(tempfile.gettempdir()) / f"{copying.CARRIER_PREFIX}{gone}-killed"
    running = Path(tempfile.gettempdir()) / f"{copying.CARRIER_PREFIX}{os.getpid()}-busy"
    for folder in (left, running):
        folder.mkdir(mode=0o700)
        (folder / "garden.json").write_text("{}")
    try:
        ng.ok("copy", ng.db, tmp_path / "moved.db", db=False)
        assert not left.exists() and running.exists()
    finally:
        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(running, ignore_errors=True)
