"""Speed of the garden overview's figures on a big garden (not a test; pytest does not
collect it).

    PYTHONPATH=. python3 tests/bench_stats.py PATH [--weeks N]

Opens the garden at PATH (migrating it if it is older: use a copy you can spare; build
one with `python3 -m netgarden_tui demo --db PATH --contacts 100000 --interactions
1000000`) and times ``garden.stats.garden_stats``, the whole figure set, in one process:
best and median of several warm runs after a first cold one, then each part alone. The
target is 0.3 s for the whole set on 100,000 contacts and 1,000,000 interactions.
"""

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


if __name__ == "__main__":
    main()
