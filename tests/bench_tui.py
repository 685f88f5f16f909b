"""How fast the TUI is on a big garden: ``python tests/bench_tui.py`` (not a pytest test).

Builds a demo garden (100,000 contacts, 1,000,000 interactions by default; about 40 s) in a
temporary folder, then measures headless, at 80x24:

(a) time to first screen: a bare Textual app (Header, Static, Footer) against an app with
    a screen holding just the contact list and the real app from ``make_app``; all timed
    from building the app (``make_app`` opens the garden) to the end of a paint: for the
    bare app the first one, for the others the one after the contact list shows its first
    rows (then its count, then after every start-up read such as the Due queue). Imports
    are warm here; ``first_screen.py`` measures from process start;
(b) one filter keystroke: set the list's ``search`` and wait until the new rows are on
    screen and painted (and until the count is in too);
(c) scrolling: 200 ``pagedown`` key events, one at a time, each timed until the cursor is
    on its new row with that row loaded.

(b) and (c) run on the real app, once its start-up reads are done, with the cycle collector
as ``netgarden`` has it (see ``netgarden_app``).

Times are wall clock on whatever else the machine is doing; each is the median of a few runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from functools import partial
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Footer, Header, Static

from netgarden_tui import startup
from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import database, queries
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.widgets.contact_list import ContactList
from test_contact_list import ListApp  # tests/ is on the path when run as a script

SIZE = (80, 24)
POLL = 0.001  # seconds between looks at the list while waiting for it (no repaint)
SEARCHES = ("z", "zo", "zoe", "", "gar", "garc", "garcía k", "")
PAGE_DOWNS = 200


class BareApp(App[None]):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()


def garden_in(folder: Path) -> Locations:
    return Locations(database=folder / "garden.db", config_file=folder / "config.toml",
                     backups=folder / "backups")


def build_garden(folder: Path, contacts: int, interactions: int) -> Locations:
    locations = garden_in(folder)
    started = time.perf_counter()
    actions.open_garden(locations, default_config())
    fill_demo_garden(contacts=contacts, interactions=interactions)
    database.close_garden()
    print(f"demo garden: {contacts:,} contacts, {interactions:,} interactions, "
          f"built in {time.perf_counter() - started:.1f} s")
    return locations


def netgarden_app(locations: Locations) -> NetgardenApp:
    """The app as ``netgarden`` starts it: with the cycle collector paused until its first
    frame, and what start-up built frozen out of later collections (startup.py). Without
    that, a collection scans every object this process ever made: a tenth of a second."""
    startup.pause_collector()
    return make_app(locations, default_config())


def list_app(locations: Locations) -> NetgardenApp:
    """The app (its config and workers) with a screen holding only the contact list."""
    actions.open_garden(locations, default_config())
    return ListApp(locations, default_config())


def the_list(app: App) -> ContactList:
    return app.screen.query_one(ContactList)


async def wait_until(app: App, condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds; looking costs nothing (no repaint)."""
    while not condition():
        if app.return_code is not None:
            raise RuntimeError("the app stopped")
        await asyncio.sleep(POLL)


async def painted(app: App, started: float) -> float:
    """Milliseconds from ``started`` to the end of the screen's next paint.

    Not ``pilot.pause()``: it also waits for the process to look idle, up to a second,
    which an app with a worker running never does.
    """
    await app.screen.wait_for_refresh()
    return (time.perf_counter() - started) * 1000


def quiet(app: App) -> bool:
    """Whatever the app reads at start is done: the Due queue (read once the first frame is
    drawn) is in, where there is a Due pane, and no worker is running."""
    due = app.screen.query("#due")
    if due and not str(due.first().border_title).startswith("Due ·"):
        return False
    return not any(worker.is_running for worker in app.workers)


def list_ready(app: App, count: int | None = None) -> bool:
    """The list is on screen with every row in view loaded (and, given ``count``, knows it
    holds that many rows)."""
    found = app.screen.query(ContactList)
    if not found:
        return False
    listing = found.first()
    return listing.loaded and (count is None or listing.count == count)


# --- (a) time to first screen ---------------------------------------------------------------

async def bare_first_screen() -> float:
    started = time.perf_counter()
    app = BareApp()
    async with app.run_test(size=SIZE):
        return await painted(app, started)


async def first_screen(make: Callable[[], NetgardenApp],
                       total: int) -> tuple[float, float, float]:
    """ms from calling ``make`` (which opens the garden) to the list's first rows painted,
    to its count painted, to every start-up read done (and painted)."""
    started = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE):
        await wait_until(app, lambda: list_ready(app))
        rows = await painted(app, started)
        await wait_until(app, lambda: list_ready(app, total))
        counted = await painted(app, started)
        await wait_until(app, lambda: quiet(app))
        return rows, counted, await painted(app, started)


# --- (b) a filter keystroke -----------------------------------------------------------------

async def searches(locations: Locations, counts: dict[str, int]) -> list[tuple[float, float]]:
    """(ms to its rows painted, ms to its count painted) for each of SEARCHES, which
    ``counts`` maps to their number of matches."""
    results = []
    app = netgarden_app(locations)
    async with app.run_test(size=SIZE):
        await wait_until(app, lambda: list_ready(app, counts[""]) and quiet(app))
        listing = the_list(app)
        for text in SEARCHES:
            started = time.perf_counter()
            listing.search = text
            await wait_until(app, lambda: listing.loaded)
            rows = await painted(app, started)
            await wait_until(app, lambda: list_ready(app, counts[text]))
            results.append((rows, await painted(app, started)))
    return results


# --- (c) scrolling --------------------------------------------------------------------------

async def page_downs(app: App, total: int, presses: int = PAGE_DOWNS) -> list[float]:
    """ms for each pagedown, from its key event to the cursor on its new row, loaded."""
    times = []
    async with app.run_test(size=SIZE):
        await wait_until(app, lambda: list_ready(app, total) and quiet(app))
        listing = the_list(app)
        listing.focus()
        await painted(app, 0)
        step = listing.scrollable_content_region.height
        rows = queries.contact_rows(default_cadence=default_config().default_cadence_days,
                                    limit=presses * step + 1)
        for press in range(1, presses + 1):
            expected = rows[min(press * step, total - 1)].id
            started = time.perf_counter()
            app.post_message(events.Key("pagedown", None))
            await wait_until(app, lambda: listing.loaded
                             and listing.highlighted_contact_id == expected)
            times.append((time.perf_counter() - started) * 1000)
    return times


# --- report ---------------------------------------------------------------------------------

def median(values) -> float:
    return statistics.median(values)


async def run(locations: Locations, repeats: int) -> None:
    counts = count_matches(locations)
    total = counts[""]
    print(f"(b) and (c) measured on the real app (make_app); terminal {SIZE[0]}x{SIZE[1]}; "
          f"median of {repeats}")

    bare = median([await bare_first_screen() for _ in range(repeats)])
    print(f"(a) first screen, bare Textual app: {bare:.0f} ms")
    print("    first screen of            list rows  list counted  all start-up reads")
    makers = {"the list alone": list_app, "netgarden": netgarden_app}
    for name, make in makers.items():
        runs = [await first_screen(partial(make, locations), total) for _ in range(repeats)]
        rows, counted, reads = (median(run[column] for run in runs) for column in range(3))
        print(f"    {name:22} {rows:9.0f} ms {counted:10.0f} ms {reads:14.0f} ms")

    runs = [await searches(locations, counts) for _ in range(repeats)]
    print("(b) filter keystroke                  rows painted  count painted")
    for index, text in enumerate(SEARCHES):
        rows = median(run[index][0] for run in runs)
        counted = median(run[index][1] for run in runs)
        print(f"    search={text!r:12} {counts[text]:7,} rows {rows:9.0f} ms {counted:9.0f} ms")

    times = await page_downs(netgarden_app(locations), total)
    print(f"(c) {PAGE_DOWNS} pagedown, one at a time, each until its row shows:")
    print(f"    total {sum(times):.0f} ms; per press median {median(times):.1f} ms, "
          f"slowest {max(times):.0f} ms")


def count_matches(locations: Locations) -> dict[str, int]:
    """How many rows the list holds for each search, read before any app opens the garden."""
    actions.open_garden(locations, default_config())
    try:
        return {text: queries.count_contacts(search=text) for text in SEARCHES}
    finally:
        database.close_garden()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--garden", type=Path,
                        help="folder of an existing demo garden (garden.db) to measure")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netgarden-bench-") as temporary:
        if arguments.garden:
            locations = garden_in(arguments.garden)
        else:
            locations = build_garden(Path(temporary), arguments.contacts, arguments.interactions)
        asyncio.run(run(locations, arguments.repeats))


if __name__ == "__main__":
    main()
