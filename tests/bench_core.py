"""Speed of the command line on a big garden (not a test; pytest does not collect it).

    python tests/bench_core.py [contacts] [interactions] [--keep PATH | --db URL]

Builds a demo garden (default 100,000 contacts and 1,000,000 interactions) in a temp folder
(or reuses PATH if it exists with --keep; or uses the garden on a server at URL, filled
with `netgarden demo --db URL --contacts N --interactions M`), then times `netgarden due` and
`netgarden list --search X` as processes, wall clock, best and median of several runs.
The targets: 0.5 s each; on a server, list --search within 0.3 s.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import database

RUNS = 7
COMMANDS = {
    "netgarden due": ["due"],
    "netgarden due --json": ["due", "--json"],
    "netgarden list --search ann": ["list", "--search", "ann"],
    "netgarden list --search zoë --json": ["list", "--search", "zoë", "--json"],
    "python -c pass (interpreter start)": None,
}


def build(path: Path, contacts: int, interactions: int) -> None:
    locations = Locations(database=path, config_file=path.with_suffix(".toml"),
                          backups=path.parent / "backups")
    actions.open_garden(locations, default_config())
    try:
        started = time.perf_counter()
        fill_demo_garden(contacts, interactions)
        print(f"filled {contacts} contacts, {interactions} interactions "
              f"in {time.perf_counter() - started:.1f} s")
    finally:
        database.close_garden()


def time_command(arguments: list[str] | None, garden: str, env: dict) -> list[float]:
    command = ([sys.executable, "-m", "netgarden_tui", *arguments, "--db", garden]
               if arguments else [sys.executable, "-c", "pass"])
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    contacts, interactions = (numbers + [100_000, 1_000_000][len(numbers):])[:2]
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    server = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(keep) if keep else Path(folder) / "garden.db"
        if not server and not path.exists():
            build(path, contacts, interactions)
        # Bytecode caches written, as on a machine where netgarden is installed (this
        # sandbox sets PYTHONDONTWRITEBYTECODE); the first run of each writes them.
        env = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"} | {"NETGARDEN_CONFIG_DIR": folder}
        for label, arguments in COMMANDS.items():
            times = time_command(arguments, server or str(path), env)
            print(f"{label:<40} best {min(times):.3f} s   median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
