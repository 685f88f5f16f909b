"""The sections of the help screen: each screen or widget with keys of its own adds itself
with ``@keys_in_help(title, order=...)``, so that the help (screens/help.py) names none of
them and a new screen's keys are one line away from it.

Nothing is imported here: the app imports its screens only when they open, so the help
imports them all (and with them this registry fills) only when it is asked for.
"""

from dataclasses import dataclass
from typing import TypeVar

Owner = TypeVar("Owner", bound=type)


@dataclass(frozen=True)
class HelpSection:
    title: str  # e.g. "Snooze (s)": what it is, and the key that opens it
    order: int  # where it stands in the help, smallest first
    owner: type  # the screen or widget whose BINDINGS it lists
    legend: tuple[str, ...] = ()  # lines saying what its marks and columns mean


_SECTIONS: dict[type, HelpSection] = {}


def keys_in_help(title: str, *, order: int, legend: tuple[str, ...] = ()):
    """A class decorator: list the class's BINDINGS in the help under ``title``, after the
    ``legend``'s lines (what the marks it shows mean), if any."""

    def register(owner: Owner) -> Owner:
        _SECTIONS[owner] = HelpSection(title, order, owner, legend)
        return owner

    return register


def legend_of(title: str) -> tuple[str, ...]:
    """The legend of the section called ``title`` (none: empty)."""
    return next((section.legend for section in _SECTIONS.values() if section.title == title), ())


def help_sections() -> list[HelpSection]:
    """Every section registered so far, in order."""
    return sorted(_SECTIONS.values(), key=lambda section: section.order)
