"""What survives what: kill -9 in the middle of a write, and several writers at once.

Real processes on a real garden file; slow (a minute or so), so marked ``slow``: the
default run leaves them out and ``.ci/run`` runs them.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import write_cards  # noqa: E402 - the benchmark's 10,000 cards
import server  # noqa: E402

pytestmark = pytest.mark.slow

# A writer that logs touches one transaction at a time and prints each one's note once it
# is committed: what it printed was acknowledged, and must be in the garden afterwards.
# Arguments: the garden, a name for its notes, how many touches, and at most how many
# seconds to go on for.
WRITER = textwrap.dedent("""
    import sys, time
    from netgarden_tui.config import load_config, locate
    from netgarden_tui.garden import actions
    from netgarden_tui.store import database

    locations = locate(sys.argv[1])
    actions.open_garden(locations, load_config(locations.config_file))
    stop = time.monotonic() + float(sys.argv[4] if len(sys.argv) > 4 else "inf")
    for number in range(int(sys.argv[3])):
        if time.monotonic() > stop:
            break
        note = f"{sys.argv[2]}-{number}"
        with database.transaction():
            actions.log_touch([1], channel="call", note=note)
        print(note, flush=True)
""")


def run(env, *args, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netgarden_tui", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120, **options)


@pytest.fixture
def place(tmp_path):
    """A garden with one contact, and the environment that points netgarden at it."""
    env = {**os.environ, "NETGARDEN_CONFIG_DIR": str(tmp_path / "config"),
           "NETGARDEN_DB": str(tmp_path / "garden.db")}
    assert run(env, "add", "Ann Lee").returncode == 0
    return tmp_path, env


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


def intact(path: Path) -> bool:
    return rows(path, "PRAGMA integrity_check") == [("ok",)]


def notes(path: Path) -> set[str]:
    return {note for (note,) in rows(path, "SELECT note FROM interaction")}


def test_a_killed_import_leaves_nothing_of_its_file_in(place):
    folder, env = place
    cards = folder / "cards.vcf"
    write_cards(cards, 10_000)
    garden = folder / "garden.db"
    chance = random.Random(17)
    for _ in range(4):  # the import takes about four seconds: kill it somewhere inside
        importing = subprocess.Popen([sys.executable, "-m", "netgarden_tui", "import", cards],
                                     env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.5, 3.5))
        importing.send_signal(signal.SIGKILL)
        importing.wait()
        assert intact(garden)
        assert rows(garden, "SELECT count(*) FROM contact") in ([(1,)], [(10_001,)])
        if rows(garden, "SELECT count(*) FROM contact") == [(10_001,)]:
            break  # it finished before the kill: whole, as it should be


def test_a_killed_writer_loses_no_write_it_acknowledged(place):
    folder, env = place
    garden = folder / "garden.db"
    chance = random.Random(7)
    acknowledged = set()
    for round_number in range(5):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, garden, f"r{round_number}",
                                   "100000"], env=env, stdout=subprocess.PIPE, text=True)
        time.sleep(chance.uniform(0.8, 2.0))
        writer.send_signal(signal.SIGKILL)
        printed, _ = writer.communicate()
        acknowledged.update(printed.split())
        assert intact(garden)
    assert len(acknowledged) > 50  # the writer did write between the kills
    assert acknowledged <= notes(garden)


def test_four_writers_at_once_all_get_in_and_nothing_is_lost(place):
    folder, env = place
    garden = folder / "garden.db"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, garden, f"w{number}", "150"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for number in range(4)]
    results = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], [err for _, err in results]
    assert all(err == "" for _, err in results)
    expected = {f"w{number}-{index}" for number in range(4) for index in range(150)}
    assert expected <= notes(garden)
    assert intact(garden)


@pytest.mark.server_only
def test_four_writers_on_a_server_for_a_minute_lose_nothing(tmp_path):
    """Four people (or machines) logging into one garden on a server for a minute: each
    touch a writer was told is in is there, and none of them saw an error."""
    garden = server.new_database("writers")
    env = {**os.environ, "NETGARDEN_CONFIG_DIR": str(tmp_path / "config"),
           "NETGARDEN_DB": garden}
    assert run(env, "add", "Ann Lee").returncode == 0
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, garden, f"w{number}",
                                 "1000000", "60"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for number in range(4)]
    results = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], [err for _, err in results]
    assert [err for _, err in results] == ["", "", "", ""]
    acknowledged = {note for out, _ in results for note in out.split()}
    assert len(acknowledged) > 400  # each got in many times, not once
    card = json.loads(run(env, "show", "Ann Lee", "--json").stdout)
    assert {touch["note"] for touch in card["interactions"]} == acknowledged
