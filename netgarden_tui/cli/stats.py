"""`netgarden stats`: the garden overview (issue 22) as text for a terminal, or every
figure as JSON for scripts. The figures come from garden/stats.garden_stats, the one place
they are computed; the text from garden/stats_text."""

import argparse

from netgarden_tui.cli.commands import garden
from netgarden_tui.cli.output import as_data, emit, json_flag
from netgarden_tui.garden.stats import HEAT_MAP_WEEKS, MAX_HEAT_MAP_WEEKS, garden_stats
from netgarden_tui.garden.stats_text import stats_text


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks, got {text!r}") from None
    if not 1 <= weeks <= MAX_HEAT_MAP_WEEKS:
        raise argparse.ArgumentTypeError(f"must be 1 to {MAX_HEAT_MAP_WEEKS} (got {weeks})")
    return weeks


def add_parsers(command) -> None:
    """Register ``stats``; ``command``: cli.CommandAdder."""
    parser = command("stats", stats, "the garden overview: touches a day over the year, how "
                     "each circle is doing, trends, channel mix, give and take, who drifts")
    json_flag(parser)
    parser.add_argument("--weeks", metavar="N", type=_weeks, default=HEAT_MAP_WEEKS,
                        help=f"weeks of the heat map (default {HEAT_MAP_WEEKS})")


def stats(args) -> int:
    with garden(args) as config:
        figures = garden_stats(config, weeks=args.weeks)
    emit(args, lambda: as_data(figures), lambda: stats_text(figures))
    return 0
