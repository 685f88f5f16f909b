"""Speed of "who do I know who..." on a big garden (not a test; pytest does not collect it).

    PYTHONPATH=. python3 tests/bench_who.py PATH [--db URL]

Opens the garden at PATH (migrating it if it is older, which builds the word index: use a
copy you can spare; build one with `python3 -m netgarden_tui demo --db PATH --contacts
100000 --interactions 1000000`), then times each query below in one process: the search
and its words (``garden.who.who``, what `netgarden who` and the app's screen run), best
and median of several warm runs after a first cold one; the app's as-you-type prefix
too; then `netgarden who` as a person runs it (a new process: start-up, opening the
garden, the search, printing). ``--db URL`` times a garden on a PostgreSQL server instead.
The target is 0.3 s for the search on 100,000 contacts and 1,000,000 interactions.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions, who
from netgarden_tui.store import database

RUNS = 5
QUERIES = ("hiring", "Berlin", "moving Berlin", "Okafor", "CTO", "funding round", "investor",
           "London", "who is hiring a CTO", "child violin", "xyzzy")
AS_YOU_TYPE = ("hir", "Berl", "invest", "design rev")


def timed(function) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def say(name: str, times: list[float], found: str) -> None:
    print(f"{name:<24} best {min(times) * 1000:5.0f} ms  median "
          f"{statistics.median(times) * 1000:5.0f} ms  {found}")


def main() -> None:
    address = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else sys.argv[1]
    folder = Path(sys.argv[1]).parent if "--db" not in sys.argv else Path.cwd()
    config = default_config()
    locations = Locations(database=address if "://" in address else Path(address),
                          config_file=folder / "bench-who.toml", backups=folder / "backups")
    started = time.perf_counter()
    actions.open_garden(locations, config)
    print(f"opened (and migrated if older) in {time.perf_counter() - started:.1f} s")
    try:
        for query in QUERIES:
            started = time.perf_counter()
            who.who(query)
            cold = time.perf_counter() - started
            times, answer = timed(lambda: who.who(query))
            first = answer.people[0] if answer.people else None
            said = f"{answer.total:>6} found; first {first.why[0].text!r}" if first else "none"
            say(f"{query!r}", times, f"(cold {cold * 1000:.0f} ms) {said}")
        print("as you type (the app's screen: the last word a prefix)")
        for query in AS_YOU_TYPE:
            times, answer = timed(lambda: who.who(query, as_you_type=True))
            say(f"  {query!r}", times, f"{answer.total:>6} found")
    finally:
        database.close_garden()
    print("netgarden who, a new process each time")
    env = {**os.environ, "NETGARDEN_CONFIG_DIR": str(folder / "bench-who-config")}
    for query in ("hiring", "moving Berlin"):
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "netgarden_tui", "who", *query.split(),
                            "--db", address], check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
        say(f"  who {query}", times, "")


if __name__ == "__main__":
    main()
