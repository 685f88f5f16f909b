"""How long exporting a big garden takes (not a test; pytest does not collect it).

The goal: a JSON export of 100,000 contacts and 1,000,000 interactions within 10 s.
Building such a garden takes about 30 s; ``--garden PATH`` reuses one already built.
CPU time is printed beside wall time because the machine may be busy with other work.

    python tests/bench_export.py [--garden PATH] [--formats json vcard csv ics] [--import]
"""

import argparse
import tempfile
import time
from pathlib import Path

from netgarden_tui.garden import export
from netgarden_tui.store import database
from netgarden_tui.store.demo import fill_demo_garden


def timed(label: str, work) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label}: {elapsed:.1f} s wall ({cpu:.1f} s CPU) -> {result}")


def export_file(format_name: str, path: Path) -> str:
    count = export.write_privately(path, lambda out: export.export(format_name, out))
    return f"{count} written, {path.stat().st_size / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--garden", type=Path, help="a garden to export (default: build one)")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", choices=export.FORMATS, default=["json"])
    parser.add_argument("--import", dest="reimport", action="store_true",
                        help="also time importing the JSON into an empty garden")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        garden = args.garden if args.garden and args.garden.exists() else folder / "garden.db"
        database.open_garden(garden, folder / "backups")
        try:
            if garden.parent == folder:
                timed(f"building {args.contacts}/{args.interactions}",
                      lambda: fill_demo_garden(args.contacts, args.interactions))
            for format_name in args.formats:
                timed(f"export {format_name}",
                      lambda: export_file(format_name, folder / f"export.{format_name}"))
        finally:
            database.close_garden()
        if args.reimport and "json" in args.formats:
            database.open_garden(folder / "empty.db", folder / "backups")
            try:
                timed("import json into an empty garden",
                      lambda: export.import_json(folder / "export.json").rows)
            finally:
                database.close_garden()


if __name__ == "__main__":
    main()
