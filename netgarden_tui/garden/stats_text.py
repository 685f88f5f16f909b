"""The garden overview drawn in glyphs that read without colour (16 colours, NO_COLOR, a
pipe): the heat map in shades, trends in sparklines, circles in bars. `netgarden stats`
prints ``stats_text``; the app's pane takes the glyph mappings (``shade``, ``bar_widths``,
BAR_GLYPHS; ``sparkline`` is garden/display.py's, the cards' too) and colours them.

Names from the garden pass through ``visible``: a circle named "[bold]" or holding an
escape sequence prints as the characters it is made of.
"""

from netgarden_tui.garden.display import HEALTH_SOON_DAYS, sparkline, visible
from netgarden_tui.garden.stats import GardenStats, HeatMap, WeekFigure
from netgarden_tui.store.records import CircleCounts

SHADES = "·░▒▓█"  # a heat map day's level 0 (no touch) to 4
# A circle bar's kinds, in the order drawn, each with its glyph and its words.
BAR_KINDS = (("on_track", "█", "on track"), ("due", "▒", "due"), ("overdue", "░", "overdue"),
             ("one_sided", "×", "one-sided"))
BAR_GLYPHS = {kind: glyph for kind, glyph, _ in BAR_KINDS}
BAR_WIDTH = 30
NO_CIRCLE = "No circle"
LABEL_WIDTH = 4  # "Mon " before each heat map row


def shade(level: int) -> str:
    """A heat map day's glyph for its level (0-4)."""
    return SHADES[max(0, min(level, len(SHADES) - 1))]


def bar_widths(counts, width: int = BAR_WIDTH) -> list[int]:
    """Cells for each count in a bar ``width`` cells wide, in proportion (largest
    remainder), each count that is not 0 getting at least one cell while the width lasts."""
    counts = list(counts)
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0] * len(counts)
    exact = [count * width / total for count in counts]
    cells = [int(share) for share in exact]
    for index in sorted(range(len(counts)), key=lambda i: exact[i] - cells[i], reverse=True):
        if sum(cells) >= width:
            break
        cells[index] += 1
    for index, count in enumerate(counts):  # a kind with anyone in it shows
        if count and not cells[index]:
            widest = max(range(len(cells)), key=lambda i: cells[i])
            if cells[widest] > 1:
                cells[widest] -= 1
                cells[index] = 1
    return cells


def circle_name(circle: CircleCounts) -> str:
    return NO_CIRCLE if circle.circle_id is None else visible(circle.name)


def circle_bar(circle: CircleCounts, width: int = BAR_WIDTH) -> str:
    counts = [getattr(circle, kind) for kind, _, _ in BAR_KINDS]
    return "".join(glyph * cells for (_, glyph, _), cells in zip(BAR_KINDS, bar_widths(counts, width)))


def heat_map_lines(heat_map: HeatMap) -> list[str]:
    """A line of month names, then a line per weekday (Mon, Wed and Fri named), a glyph a
    day; nothing for the days after today."""
    lines = [month_line(heat_map)]
    for index, row in enumerate(heat_map.rows()):
        cells = "".join(" " if cell is None else shade(cell.level) for cell in row)
        lines.append(f"{weekday_label(heat_map, index)}{cells}".rstrip())
    return lines


def month_line(heat_map: HeatMap) -> str:
    """The month names over the heat map's columns, each where its month begins."""
    months = [" "] * (heat_map.weeks + 3)  # the last label may reach past the last week
    free_from = 0
    for label in heat_map.months:
        if label.column >= free_from:
            months[label.column:label.column + len(label.name)] = label.name
            free_from = label.column + len(label.name) + 1
    return (" " * LABEL_WIDTH + "".join(months)).rstrip()


def weekday_label(heat_map: HeatMap, row: int) -> str:
    """What stands before a heat map row: Mon, Wed and Fri named, LABEL_WIDTH wide."""
    name = heat_map.weekdays[row] if row % 2 == 0 and row < 6 else ""
    return f"{name:<{LABEL_WIDTH}}"


def heat_map_key(heat_map: HeatMap) -> str:
    """ "· none  ░ 1-2  ▒ 3  ▓ 4-5  █ 6-9 touches a day" """
    low, middle, high = heat_map.thresholds
    top = max((cell.touches for cell in heat_map.cells), default=0)
    spans = [(1, low), (low + 1, middle), (middle + 1, high), (high + 1, top)]
    parts = [f"{shade(0)} none"]
    for level, (first, last) in enumerate(spans, 1):
        if first <= last:
            parts.append(f"{shade(level)} {first}" + (f"-{last}" if last > first else ""))
    return "  ".join(parts) + " touches a day"


def _trend(name: str, figures: tuple[WeekFigure, ...], note: str = "") -> str:
    values = [figure.value for figure in figures]
    return (f"{name:<20}{sparkline(values)}  {values[0]} → {values[-1]} "
            f"(max {max(values)}){note}")


def stats_text(stats: GardenStats) -> str:
    """The whole overview as text for a terminal."""
    heat = stats.heat_map
    touches = sum(cell.touches for cell in heat.cells)
    lines = [f"Touches, {heat.first_day.format('D MMM YYYY')} to "
             f"{stats.today.format('D MMM YYYY')}: {touches}", *heat_map_lines(heat),
             f"{'':<{LABEL_WIDTH}}{heat_map_key(heat)}", ""]
    lines.append("Circles  " + "  ".join(f"{glyph} {words}" for _, glyph, words in BAR_KINDS)
                 + f"  (due: today or within {HEALTH_SOON_DAYS} days)")
    names = [circle_name(circle) for circle in stats.circles]
    width = max((len(name) for name in names), default=0)
    for circle, name in zip(stats.circles, names):
        counts = " · ".join(f"{getattr(circle, kind)} {words}" for kind, _, words in BAR_KINDS)
        lines.append(f"  {name:<{width}}  {circle_bar(circle):<{BAR_WIDTH}}  {counts}")
    weeks = len(stats.touches_per_week)
    estimated = ", estimated from a sample" if stats.overdue_estimated else ""
    lines += ["", f"The last {weeks} weeks (this one so far)",
              "  " + _trend("touches a week", stats.touches_per_week),
              "  " + _trend("past their cadence", stats.overdue_per_week,
                            f" at each week's end{estimated}")]
    lines += ["", "In person, by voice or on paper against online, by month"]
    for mix in stats.channel_mix:
        total = mix.offline + mix.online
        share = f"{round(mix.offline * 100 / total):>3}%" if total else "  -"
        lines.append(f"  {mix.month.format('MMM YYYY')}  {share} in person · "
                     f"{mix.offline} against {mix.online} online")
    gave, took, offered, asked = stats.favours
    lines += ["", f"Give and take: gave {gave} · took {took} (favours done); "
                  f"open: {offered} offered by you, {asked} asked by you"]
    if stats.drifting:
        lines += ["", "Drifting longest past their cadence"]
        lines.extend(f"  {drifter.days_overdue:>5} days  {visible(drifter.contact)} "
                     f"(#{drifter.contact_id}, every {drifter.cadence_days} days)"
                     for drifter in stats.drifting)
    else:
        lines += ["", "Nobody is past their cadence."]
    return "\n".join(lines)
