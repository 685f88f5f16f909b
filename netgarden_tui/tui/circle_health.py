"""How each circle is doing today, read and put in words: the circles screen shows it for
every circle, the regroup for the circle it walks through."""

from textual.content import Content

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.store import queries
from netgarden_tui.store.records import CircleHealth
from netgarden_tui.tui.text import safe

OVERDUE_AFTER_DAYS = 7  # "overdue" here: late by more than a week
NO_CIRCLE = "No circle"  # where the contacts in none are counted and picked


def load_health(config: Config) -> list[CircleHealth]:
    return queries.circle_health(clock.today(), one_sided_after=config.one_sided_after,
                                 overdue_after_days=OVERDUE_AFTER_DAYS)


def circle_title(circle: CircleHealth, *, muted: str = "$text-muted") -> Content:
    """The circle's name, or "No circle" (in italics, ``muted``) for the contacts in none.
    In a DataTable cell, pass muted="dim": the cell does not resolve $variables."""
    if circle.circle_id is None:
        return Content.styled(NO_CIRCLE, f"italic {muted}")
    return safe(circle.name)


def health_words(circle: CircleHealth, *, default_cadence: int, named: bool = True) -> Content:
    """ "Clients: priority 1, every 30 days. 12 contacts: 3 due, 1 overdue by more than a
    week, 2 one-sided." (without "Clients: " when not ``named``)."""
    if circle.circle_id is None:
        about = f"in no circle, every {default_cadence} days (the default). "
    else:
        about = f"priority {circle.priority}, every {circle.cadence_days} days. "
    if named:
        about = Content.assemble(circle_title(circle).stylize("bold"), ": ", about)
    else:
        about = Content(about[0].upper() + about[1:])
    if not circle.contacts:
        return Content.assemble(about, ("Nobody in it yet.", "$text-muted"))
    people = "1 contact" if circle.contacts == 1 else f"{circle.contacts} contacts"
    return Content.assemble(about, f"{people}: {circle.due} due, ",
                            (f"{circle.overdue} overdue", "bold $error" if circle.overdue else ""),
                            f" by more than a week, {circle.one_sided} one-sided.")
