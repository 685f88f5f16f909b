"""The garden at a glance, the main screen's fourth pane (4): touches over the last year as
a heat map, each circle's people in a bar, twelve weeks of trends, in person against
online by month, give and take, and who has drifted longest.

The figures are garden/stats.py's, the glyphs garden/stats_text.py's (shades, sparklines,
bars), so the picture reads in 16 colours and without colour; colour only adds to it.
Names are data: each goes in as plain text, never as markup.
"""

from functools import partial

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netgarden_tui.garden.display import HEALTH_SOON_DAYS, sparkline, visible
from netgarden_tui.garden.stats import GardenStats, MonthMix, WeekFigure, garden_stats
from netgarden_tui.garden.stats_text import (
    BAR_KINDS, LABEL_WIDTH, bar_widths, circle_name, heat_map_key, month_line, shade,
    weekday_label,
)

# Each kind of a circle's people, and of the heat map's days, in the theme's colours.
KIND_STYLES = {"on_track": "$success", "due": "$warning", "overdue": "$error",
               "one_sided": "$text-muted"}
DAY_STYLES = ("$text-disabled", "$success", "$success", "$success", "$success")
BAR_CELLS = 24
MIX_CELLS = 24
DRIFTING_SHOWN = 8


class GardenOverview(VerticalScroll):
    """Side by side from 120 columns (the main screen's -wide), one section under the
    other when narrow, scrolled with the arrows and page keys. Read in a worker when first
    shown and again when the garden changes while it shows (``garden_changed``)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stale = True  # read again the next time it shows

    def compose(self):
        with Horizontal(id="overview-columns"):
            with Vertical(id="overview-left"):
                yield Static("Reading the garden…", id="heat-map")
                yield Static(id="circle-bars")
            with Vertical(id="overview-right"):
                yield Static(id="trends")
                yield Static(id="channel-mix")
                yield Static(id="give-take")
                yield Static(id="drifting")

    def shown(self) -> None:
        """The pane came into view: read the figures if they may have changed."""
        if self.stale:
            self.stale = False
            self.app.run_query(partial(garden_stats, self.app.config), self.show_stats,
                               group="garden-overview", could_not="read the garden overview")

    def garden_changed(self) -> None:
        self.stale = True
        if self.display and self.parent is not None and self.parent.display:
            self.shown()

    def show_stats(self, stats: GardenStats) -> None:
        sections = {"#heat-map": heat_map_section(stats), "#circle-bars": circles_section(stats),
                    "#trends": trends_section(stats), "#channel-mix": mix_section(stats),
                    "#give-take": give_take_section(stats), "#drifting": drifting_section(stats)}
        for selector, content in sections.items():
            self.query_one(selector, Static).update(content)


def _lines(*lines: Content | str) -> Content:
    return Content("\n").join(Content(line) if isinstance(line, str) else line for line in lines)


def _title(text: str) -> Content:
    return Content.styled(text, "bold")


def heat_map_section(stats: GardenStats) -> Content:
    heat = stats.heat_map
    touches = sum(cell.touches for cell in heat.cells)
    rows = []
    for index, row in enumerate(heat.rows()):
        cells = [(" ", "") if cell is None else (shade(cell.level), DAY_STYLES[cell.level])
                 for cell in row]
        rows.append(Content.assemble(weekday_label(heat, index), *cells))
    return _lines(_title(f"Touches in the last year · {touches:,}"),
                  Content.styled(month_line(heat), "$text-muted"), *rows,
                  Content.styled(" " * LABEL_WIDTH + heat_map_key(heat), "$text-muted"))


def _legend() -> Content:
    parts = []
    for kind, glyph, words in BAR_KINDS:
        parts += [(glyph, KIND_STYLES[kind]), f" {words}  "]
    return Content.assemble(*parts).rstrip()


def circles_section(stats: GardenStats) -> Content:
    names = [circle_name(circle) for circle in stats.circles]
    width = min(max((len(name) for name in names), default=0), 16)
    lines = [Content(""), _title("Circles"), _legend(),
             Content.styled(f"(due: today or within {HEALTH_SOON_DAYS} days)", "$text-muted")]
    for circle, name in zip(stats.circles, names):
        counts = [getattr(circle, kind) for kind, _, _ in BAR_KINDS]
        bar = [(glyph * cells, KIND_STYLES[kind]) for (kind, glyph, _), cells
               in zip(BAR_KINDS, bar_widths(counts, BAR_CELLS))]
        shown_name = name if len(name) <= width else name[:width - 1] + "…"
        numbers = [part for (kind, glyph, _), count in zip(BAR_KINDS, counts)
                   for part in (" ", (glyph, KIND_STYLES[kind]), str(count))]
        lines.append(Content.assemble(f"{shown_name:<{width}} ", *bar,
                                      " " * (BAR_CELLS - sum(bar_widths(counts, BAR_CELLS))),
                                      *numbers))
    if not stats.circles:
        lines.append(Content.styled("No one in the garden yet.", "$text-muted"))
    return _lines(*lines)


def _trend(name: str, figures: tuple[WeekFigure, ...]) -> Content:
    values = [figure.value for figure in figures]
    return Content.assemble(f"{name:<19}", (sparkline(values), "$accent"),
                            f"  {values[0]:,} → {values[-1]:,}")


def trends_section(stats: GardenStats) -> Content:
    estimated = " (estimated from a sample)" if stats.overdue_estimated else ""
    return _lines(_title(f"The last {len(stats.touches_per_week)} weeks (this one so far)"),
                  _trend("touches a week", stats.touches_per_week),
                  _trend("past their cadence", stats.overdue_per_week),
                  Content.styled(f"people past their cadence at each week's end{estimated}",
                                 "$text-muted"))


def _mix_bar(mix: MonthMix) -> Content:
    total = mix.offline + mix.online
    offline, online = bar_widths([mix.offline, mix.online], MIX_CELLS) if total else (0, 0)
    share = f"{round(mix.offline * 100 / total):>3}%" if total else "   -"
    return Content.assemble(f"{mix.month.format('MMM YY')}  ", ("█" * offline, "$accent"),
                            ("░" * online, "$text-muted"), " " * (MIX_CELLS - offline - online),
                            f" {share} in person")


def mix_section(stats: GardenStats) -> Content:
    legend = Content.assemble(("█", "$accent"), " in person, calls, letters  ",
                              ("░", "$text-muted"), " online")
    return _lines(Content(""), _title("In person against online, by month"), legend,
                  *(_mix_bar(mix) for mix in stats.channel_mix))


def give_take_section(stats: GardenStats) -> Content:
    gave, took, offered, asked = stats.favours
    return _lines(Content(""), _title("Give and take"),
                  f"gave {gave} · took {took} · open: {offered} offered, {asked} asked")


def drifting_section(stats: GardenStats) -> Content:
    lines = [Content(""), _title("Drifting longest")]
    for drifter in stats.drifting[:DRIFTING_SHOWN]:
        # "late", as Due says it: a bare "151d" read as the time since the last touch
        lines.append(Content.assemble((f"{drifter.days_overdue:>5}d late  ", "$error"),
                                      visible(drifter.contact),
                                      (f"  every {drifter.cadence_days} days", "$text-muted")))
    if not stats.drifting:
        lines.append(Content.styled("Nobody is past their cadence.", "$text-muted"))
    return _lines(*lines)
