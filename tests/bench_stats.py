"""Speed of the garden overview's figures on a big garden (not a test; pytest does not
collect it).

    PYTHONPATH=. python3 tests/bench_stats.py PATH [--weeks N]

Opens the garden at PATH (migrating it if it is older: use a copy you can spare; build
one with `python3 -m netgarden_tui demo --db PATH --contacts 100000 --interactions
1000000`) and times ``garden.stats.garden_stats``, the whole figure set, in one process:
best and median of several warm runs after a first cold one, then each part alone; then,
in the app (headless, 160x48), from the key 4 to the overview drawn with its figures. The
target is 0.3 s for the pane on 100,000 contacts and 1,000,000 interactions.
"""

import asyncio
import statistics
import sys
import time
from pathlib import Path

from netgarden_tui import clock
from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.garden.stats import HEALTH_SOON_DAYS, garden_stats, week_start
from netgarden_tui.store import database
from netgarden_tui.store import stats as store_stats

RUNS = 7


def timed(function) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def say(name: str, times: list[float]) -> None:
    print(f"{name:<28} best {min(times) * 1000:6.0f} ms   median "
          f"{statistics.median(times) * 1000:6.0f} ms")


def main() -> None:
    path = Path(sys.argv[1])
    weeks = int(sys.argv[sys.argv.index("--weeks") + 1]) if "--weeks" in sys.argv else 53
    config = default_config()
    locations = Locations(database=path, config_file=path.with_suffix(".toml"),
                          backups=path.parent / "backups")
    actions.open_garden(locations, config)
    try:
        started = time.perf_counter()
        figures = garden_stats(config, weeks=weeks)
        print(f"first (cold) run: {(time.perf_counter() - started) * 1000:.0f} ms; "
              f"overdue estimated from a sample: {figures.overdue_estimated}")
        say("garden_stats (all figures)", timed(lambda: garden_stats(config, weeks=weeks)))
        today = clock.today()
        monday = week_start(today)
        ends = [min(monday.subtract(weeks=n).add(days=6), today) for n in range(11, -1, -1)]
        first = monday.subtract(weeks=max(weeks, 12) - 1)
        months = [today.start_of("month").subtract(months=n) for n in range(11, -1, -1)]
        parts = {
            "touches_per_day": lambda: store_stats.touches_per_day(first, today),
            "touches_per_month": lambda: store_stats.touches_per_month(months),
            "circle_counts": lambda: store_stats.circle_counts(
                today, one_sided_after=config.one_sided_after, due_within_days=HEALTH_SOON_DAYS),
            "overdue_history": lambda: store_stats.overdue_history(
                ends, default_cadence=config.default_cadence_days),
            "favour_totals": store_stats.favour_totals,
            "drifting": lambda: store_stats.drifting(
                today, one_sided_after=config.one_sided_after,
                default_cadence=config.default_cadence_days, limit=10),
        }
        for name, part in parts.items():
            say(f"  {name}", timed(part))
    finally:
        database.close_garden()
    say("the pane: from 4 to drawn", asyncio.run(pane_times(locations, config)))


async def pane_times(locations: Locations, config) -> list[float]:
    """From the key 4 to the first frame drawn with the overview's figures, each time with
    the figures read anew (as after a change to the garden)."""
    from netgarden_tui.tui.app import make_app
    from netgarden_tui.tui.widgets.garden_overview import GardenOverview

    app = make_app(locations, config)
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(3)  # the first screen's reads done
        for _ in range(RUNS):
            for overview in app.screen.query(GardenOverview):
                overview.stale = True
            drawn = asyncio.Event()
            overview_shown = GardenOverview.show_stats

            def show_stats(overview, stats, shown=overview_shown):
                shown(overview, stats)
                overview.call_after_refresh(drawn.set)

            GardenOverview.show_stats = show_stats
            started = time.perf_counter()
            await pilot.press("4")
            await drawn.wait()
            times.append(time.perf_counter() - started)
            GardenOverview.show_stats = overview_shown
            await pilot.press("1")
            await pilot.pause(1)
    return times


if __name__ == "__main__":
    main()
