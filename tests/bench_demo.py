"""How long a big demo garden takes to fill (not a test; pytest does not collect it).

CPU time is printed beside wall time because the machine may be busy with other work.

    python tests/bench_demo.py [contacts] [interactions]    # default: 100000 1000000
"""

import sys
import tempfile
import time
from pathlib import Path

from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import database


def main(contacts: int = 100_000, interactions: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "garden.db"
        database.open_garden(path, Path(folder) / "backups")
        try:
            started, cpu = time.perf_counter(), time.process_time()
            summary = fill_demo_garden(contacts, interactions)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            database.close_garden()
        size = sum(file.stat().st_size for file in Path(folder).glob("garden.db*"))
        print(summary)
        print(f"{contacts} contacts, {interactions} interactions: {elapsed:.1f} s wall "
              f"({cpu:.1f} s CPU in this process), {size / 2**20:.0f} MiB on disk")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
