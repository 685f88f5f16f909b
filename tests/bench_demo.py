"""How long a big demo garden takes to fill (not a test; pytest does not collect it).

    python tests/bench_demo.py [contacts] [interactions]    # default: 100000 1000000
"""

import sys
import tempfile
import time
from pathlib import Path

from netgarden_tui.garden.demo import fill_demo_garden
from netgarden_tui.store import database


def main(contacts: int = 100_000, interactions: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "garden.db"
        database.open_garden(path, Path(folder) / "backups")
        try:
            started = time.perf_counter()
            summary = fill_demo_garden(contacts, interactions)
            elapsed = time.perf_counter() - started
        finally:
            database.close_garden()
        size = sum(file.stat().st_size for file in Path(folder).glob("garden.db*"))
        print(summary)
        print(f"{contacts} contacts, {interactions} interactions: {elapsed:.1f} s, "
              f"{size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
