"""How long `netgarden sync vdir` takes on 10,000 cards (not a test; pytest does not collect it).

The goals (issue 24): a first sync of 10,000 contacts into an empty folder, and of 10,000
cards into an empty garden, under 10 s; a run with nothing new under 1 s, writing no file.
Each run is the command as a person runs it (a new process, ``python -m netgarden_tui``),
timed from start to exit. CPU time is the child's.

    python tests/bench_sync.py [--contacts N] [--db postgresql://...]

With --db, the garden lives in that (empty) database instead of a temporary file.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.store import database
from netgarden_tui.store.demo import fill_demo_garden


def run(label: str, folder: Path, garden: str, *args: str) -> str:
    env = {**os.environ, "NETGARDEN_CONFIG_DIR": str(folder / "conf"), "TZ": "UTC"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "netgarden_tui", *args, "--db", garden],
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode:
        sys.exit(f"{label}: failed: {done.stderr.strip()}")
    print(f"{label}: {elapsed:.2f} s wall ({cpu:.2f} s CPU) -> {done.stdout.splitlines()[0]}")
    return done.stdout


def mtimes(cards: Path) -> dict[str, int]:
    return {entry.name: entry.stat().st_mtime_ns for entry in os.scandir(cards)}


def settle() -> None:
    """Files written less than 2 s ago are read again to be sure (garden/vdir/folder.py):
    wait, so a run times what a cron job finds a quarter of an hour later."""
    time.sleep(2.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--db", help="an empty PostgreSQL database for the garden")
    parser.add_argument("--db2", help="a second empty one (the folder into an empty garden)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        folder = Path(folder)
        cards = folder / "cards"
        cards.mkdir()
        garden = args.db or str(folder / "garden.db")
        locations = Locations(database=garden, config_file=folder / "conf" / "config.toml",
                              backups=folder / "backups")
        actions.open_garden(locations, default_config())
        started = time.perf_counter()
        fill_demo_garden(contacts=args.contacts, interactions=args.contacts * 2)
        database.close_garden()
        print(f"a garden of {args.contacts} contacts built in {time.perf_counter() - started:.1f} s")

        run("first sync, garden -> empty folder", folder, garden, "sync", "vdir", str(cards))
        print(f"  {len(os.listdir(cards))} files in the folder")
        settle()
        run("second run (the files just written are read once more)", folder, garden,
            "sync", "vdir", str(cards))
        before = mtimes(cards)
        run("nothing new", folder, garden, "sync", "vdir", str(cards))
        print(f"  files written or touched: {sum(1 for name, ns in mtimes(cards).items() if before.get(name) != ns)}")

        one = sorted(cards.iterdir())[len(before) // 2]
        one.write_text(one.read_text().replace("END:VCARD", "NICKNAME:Changed on the phone\r\nEND:VCARD"))
        run("one card changed in the folder, one contact in the garden", folder, garden,
            "edit", "#1", "--phone", "+44 20 7946 0999")
        run("  the sync", folder, garden, "sync", "vdir", str(cards))

        empty = args.db2 or str(folder / "empty.db")
        run("first sync, folder of cards -> empty garden", folder, empty,
            "sync", "vdir", str(cards), "--direction", "from-vdir")
        settle()
        run("  again (the cards read once more: they were new)", folder, empty,
            "sync", "vdir", str(cards))
        run("  nothing new", folder, empty, "sync", "vdir", str(cards))


if __name__ == "__main__":
    main()
