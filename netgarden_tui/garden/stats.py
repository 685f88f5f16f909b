"""The garden overview's figures (issue 22), all in one record: ``garden_stats`` is the one
place they are computed, for `netgarden stats` and the app's pane alike. Counting is done
in SQL (store/stats.py); here the days become weeks and months, and counts intensities.
How they are drawn in text (shades, sparklines, bars) is in garden/stats_text.py.

- The heat map: touches per local day over the last ``weeks`` weeks (53: a year and the
  week it began in), a column per week from Monday to Sunday, the current one last, ending
  today. Each day has an intensity level 0-4: 0 for none; else by the quartiles of the
  days with touches in the map (nearest rank: a day at or below the first quartile is 1, at
  or below the median 2, at or below the third quartile 3, above it 4). Quartiles, not fixed
  thresholds: a personal garden's busy day is three touches, a big one's six hundred, and
  either way the map shows which days stand out.
- The circle bars: each circle's active contacts in four kinds, each contact in one, as
  the contact list marks them (garden/display.health): one-sided first (the cadence stops
  asking for them), then overdue (the list's "!", next due before today), due (its "*" and
  "·": today or within HEALTH_SOON_DAYS), and on track (no mark).
- Trends over the last 12 weeks (the current one so far): touches per week, and the people
  past their cadence at each week's end (today for this week; store/stats.overdue_history
  says what is taken as it is today, and when the count is estimated).
- The channel mix of the last 12 months (this one so far): touches in person, by voice or
  on paper (every channel the vocabulary does not call online) against online ones.
- Give and take: favours across the garden (store/stats.favour_totals).
- Drifting: the contacts longest past their next due day, one-sided ones left out.
"""

import math
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden.display import HEALTH_SOON_DAYS
from netgarden_tui.store import database, stats as store_stats
from netgarden_tui.store.records import CircleCounts, Drifter, FavourTotals
from netgarden_tui.vocabulary import CHANNELS, ONLINE_CHANNELS

HEAT_MAP_WEEKS = 53
MAX_HEAT_MAP_WEEKS = 520  # ten years: more would not fit any terminal
TREND_WEEKS = 12
MIX_MONTHS = 12
DRIFTING_SHOWN = 10
MONTH_LABEL_GAP = 4  # "Jan " : a label and a space
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class HeatCell(NamedTuple):
    day: pendulum.Date
    touches: int
    level: int  # 0 (none) to 4 (the busiest quarter of days with touches)


class MonthLabel(NamedTuple):
    column: int  # the week (column) the month begins in; 0 for the first
    name: str  # "Jan"


class HeatMap(NamedTuple):
    first_day: pendulum.Date  # the Monday of the first column
    weeks: int  # columns
    cells: tuple[HeatCell, ...]  # every day from first_day to today, in order
    thresholds: tuple[int, int, int]  # the most touches on a day of level 1, 2 and 3
    months: tuple[MonthLabel, ...]
    weekdays: tuple[str, ...] = WEEKDAYS  # the rows' names, Monday first

    def rows(self) -> tuple[tuple[HeatCell | None, ...], ...]:
        """Seven rows (Monday first) of ``weeks`` cells; None for the days after today."""
        grid = [[None] * self.weeks for _ in range(7)]
        for index, cell in enumerate(self.cells):
            grid[index % 7][index // 7] = cell
        return tuple(tuple(row) for row in grid)


class WeekFigure(NamedTuple):
    week: pendulum.Date  # its Monday
    value: int


class MonthMix(NamedTuple):
    month: pendulum.Date  # its first day
    offline: int  # in person, by voice or on paper
    online: int  # email, message, social...
    channels: dict[str, int]  # every channel of the vocabulary, 0 when none


class GardenStats(NamedTuple):
    today: pendulum.Date
    heat_map: HeatMap
    circles: tuple[CircleCounts, ...]  # by priority, then name; no circle last
    touches_per_week: tuple[WeekFigure, ...]  # TREND_WEEKS, oldest first
    overdue_per_week: tuple[WeekFigure, ...]  # people past their cadence at each week's end
    overdue_estimated: bool  # from a sample of a big garden (store/stats.overdue_history)
    channel_mix: tuple[MonthMix, ...]  # MIX_MONTHS, oldest first
    favours: FavourTotals
    drifting: tuple[Drifter, ...]  # the longest past their due day first


def garden_stats(config: Config, *, weeks: int = HEAT_MAP_WEEKS,
                 today: pendulum.Date | None = None) -> GardenStats:
    """Every figure of the garden overview, as of today (or ``today``)."""
    if not 1 <= weeks <= MAX_HEAT_MAP_WEEKS:
        raise ValueError(f"weeks must be 1 to {MAX_HEAT_MAP_WEEKS} (got {weeks})")
    today = today or clock.today()
    this_week = week_start(today)
    first_day = this_week.subtract(weeks=weeks - 1)
    trend_weeks = [this_week.subtract(weeks=n) for n in range(TREND_WEEKS - 1, -1, -1)]
    this_month = today.start_of("month")
    months = [this_month.subtract(months=n) for n in range(MIX_MONTHS - 1, -1, -1)]
    # Two of the reads in threads of their own, beside the other two: SQLite lets go of
    # the interpreter while it reads, so on two cores the figures take 100 ms, not 180.
    with ThreadPoolExecutor(max_workers=2) as pool:
        history_read = pool.submit(_in_thread, store_stats.overdue_history,
                                   [min(monday.add(days=6), today) for monday in trend_weeks],
                                   default_cadence=config.default_cadence_days)
        circles_read = pool.submit(_in_thread, store_stats.circle_counts, today,
                                   one_sided_after=config.one_sided_after,
                                   due_within_days=HEALTH_SOON_DAYS)
        per_day = store_stats.touches_per_day(min(first_day, trend_weeks[0]), today)
        per_month = store_stats.touches_per_month(months)
        history, circles = history_read.result(), circles_read.result()
    heat_map = _heat_map(first_day, weeks, today, per_day)
    touches = tuple(WeekFigure(monday, sum(per_day.get(monday.add(days=n), 0) for n in range(7)))
                    for monday in trend_weeks)
    overdue = tuple(WeekFigure(monday, count) for monday, count in zip(trend_weeks, history.counts))
    mix = tuple(_mix(month, channels) for month, channels in per_month.items())
    return GardenStats(
        today=today, heat_map=heat_map, circles=tuple(circles),
        touches_per_week=touches, overdue_per_week=overdue,
        overdue_estimated=history.sampled < history.active, channel_mix=mix,
        favours=store_stats.favour_totals(),
        drifting=tuple(store_stats.drifting(today, one_sided_after=config.one_sided_after,
                                            default_cadence=config.default_cadence_days,
                                            limit=DRIFTING_SHOWN)))


def _in_thread(read, *args, **kwargs):
    """A store read on a thread of the pool, its connection closed when done."""
    try:
        return read(*args, **kwargs)
    finally:
        database.close_thread_connection()


def week_start(day: pendulum.Date) -> pendulum.Date:
    """The Monday of a day's week."""
    return day.subtract(days=day.weekday())


def quartiles(counts) -> tuple[int, int, int]:
    """The first quartile, median and third quartile (nearest rank) of the days' touches
    that are not 0; (0, 0, 0) when there are none."""
    busy = sorted(count for count in counts if count > 0)
    if not busy:
        return (0, 0, 0)
    return tuple(busy[max(0, math.ceil(share * len(busy)) - 1)] for share in (0.25, 0.5, 0.75))


def level(touches: int, thresholds: tuple[int, int, int]) -> int:
    """A day's intensity, 0-4, by the map's thresholds."""
    if touches <= 0:
        return 0
    return 1 + sum(touches > threshold for threshold in thresholds)


def _heat_map(first_day: pendulum.Date, weeks: int, today: pendulum.Date,
              per_day: dict[pendulum.Date, int]) -> HeatMap:
    days = [first_day.add(days=n) for n in range((today - first_day).days + 1)]
    thresholds = quartiles(per_day.get(day, 0) for day in days)
    cells = tuple(HeatCell(day, per_day.get(day, 0), level(per_day.get(day, 0), thresholds))
                  for day in days)
    return HeatMap(first_day, weeks, cells, thresholds, _month_labels(first_day, weeks))


def _month_labels(first_day: pendulum.Date, weeks: int) -> tuple[MonthLabel, ...]:
    """A label on the column each month begins in (its 1st falls in that week); and on
    the first column, for the month it shows, unless the next label comes too soon after
    (within MONTH_LABEL_GAP columns) for both to be read."""
    labels = []
    for column in range(weeks):
        sunday = first_day.add(weeks=column, days=6)
        if sunday.day <= 7:
            labels.append(MonthLabel(column, sunday.format("MMM")))
    if not labels or labels[0].column >= MONTH_LABEL_GAP:
        labels.insert(0, MonthLabel(0, first_day.format("MMM")))
    return tuple(labels)


def _mix(month: pendulum.Date, channels: dict[str, int]) -> MonthMix:
    online = sum(channels.get(name, 0) for name in ONLINE_CHANNELS)
    offline = sum(channels.get(name, 0) for name in CHANNELS if name not in ONLINE_CHANNELS)
    return MonthMix(month, offline, online, {name: channels.get(name, 0) for name in CHANNELS})
