"""Time to first screen from process start, as a user waits for it (not a pytest test).

``python tests/first_screen.py [--garden FOLDER] [--repeats N]`` starts a fresh Python
process for each run, for a bare Textual app (Header, Static, Footer) and for netgarden on
the garden in FOLDER (``garden.db``; a demo garden by default), alternately, and reports
milliseconds from starting the process to the end of the first paint: for the bare app
the first paint, for netgarden the first one with the contact list's rows on it. This
counts the interpreter and the imports, which ``bench_tui.py`` (in one process, imports
warm) leaves out. Each process runs the app headless at 80x24 through ``run_test``.

Run with bytecode caches written (this sandbox sets PYTHONDONTWRITEBYTECODE, which makes
every import compile again): the script clears it for the processes it starts, after one
warm-up run of each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (80, 24)


async def _painted(app) -> None:
    await app.screen.wait_for_refresh()


async def bare_child() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class BareApp(App[None]):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    app = BareApp()
    async with app.run_test(size=SIZE):
        await _painted(app)


async def netgarden_child(folder: Path) -> None:
    from netgarden_tui.config import Locations, default_config
    from netgarden_tui.tui.app import make_app
    from netgarden_tui.tui.widgets.contact_list import ContactList

    locations = Locations(database=folder / "garden.db", config_file=folder / "config.toml",
                          backups=folder / "backups")
    app = make_app(locations, default_config())
    async with app.run_test(size=SIZE):
        while not (app.screen.query(ContactList) and app.screen.query_one(ContactList).loaded):
            await asyncio.sleep(0.001)
        await _painted(app)


def child(kind: str, folder: Path | None) -> None:
    asyncio.run(bare_child() if kind == "bare" else netgarden_child(folder))
    print(time.time())  # when the paint ended; the parent knows when it started us


def run_child(kind: str, folder: Path) -> float:
    """ms from starting a process to the end of its app's first paint."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    started = time.time()
    result = subprocess.run([sys.executable, __file__, "--child", kind, "--garden", str(folder)],
                            capture_output=True, text=True, check=True, env=environment)
    return (float(result.stdout.split()[-1]) - started) * 1000


def demo_garden(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "netgarden_tui", "demo", "--db",
                    str(folder / "garden.db")], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--garden", type=Path, help="folder holding garden.db (default: a demo)")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--child", choices=("bare", "netgarden"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child, arguments.garden)
        return
    with tempfile.TemporaryDirectory(prefix="netgarden-first-screen-") as temporary:
        folder = arguments.garden
        if folder is None:
            folder = Path(temporary)
            demo_garden(folder)
        times = {"bare": [], "netgarden": []}
        for kind in times:
            run_child(kind, folder)  # warm-up: bytecode caches, the file cache
        for _ in range(arguments.repeats):
            for kind, runs in times.items():
                runs.append(run_child(kind, folder))
    bare, ours = (statistics.median(times[kind]) for kind in times)
    for kind, runs in times.items():
        print(f"{kind:10} median {statistics.median(runs):4.0f} ms  "
              f"(min {min(runs):.0f}, max {max(runs):.0f}; {len(runs)} runs)")
    print(f"netgarden / bare: {ours / bare:.2f}")


if __name__ == "__main__":
    main()
