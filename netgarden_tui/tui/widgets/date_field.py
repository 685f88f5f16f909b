"""A day typed in words (``fri``, ``2w``, ``12-01``), and the line saying what it means as it
is typed: the quick log's and the call's follow-up, the snooze, a favour's deadline, the day
of a life event.

``DateField`` is the field; its ``meaning`` is the line, a widget of its own so that a form
puts it beside the field or under it. What days a field takes is its reader: any day, a day
after today, today or later, today or before. The line's styles are in ``date_field.tcss``,
which each screen using the field lists in CSS_PATH.
"""

from collections.abc import Callable

import pendulum
from textual import on
from textual.widgets import Input, Static

from netgarden_tui import clock
from netgarden_tui.garden.dates import DateParseError, describe_date, parse_date, parse_moment
from netgarden_tui.tui.text import safe

# The day a text means; DateParseError, in words fit to show, when it means none.
DateReader = Callable[[str], pendulum.Date]


def any_day(text: str) -> pendulum.Date:
    return parse_date(text)


def after_today(text: str) -> pendulum.Date:
    day = parse_date(text)
    if day <= clock.today():
        raise DateParseError(f"{describe_date(day)}: pick a day after today")
    return day


def today_or_after(text: str) -> pendulum.Date:
    """A day by which to do something."""
    day = parse_date(text)
    if day < clock.today():
        raise DateParseError(f"{describe_date(day)}: pick today or a day after")
    return day


def today_or_before(text: str) -> pendulum.Date:
    """A day something happened: weekdays look back ("mon" is the last Monday)."""
    try:
        day = parse_moment(text).date()
    except DateParseError:
        typed = " ".join(text.split())
        raise DateParseError(
            f'can\'t read "{typed}" as a day (try: yesterday, mon, YYYY-MM-DD)') from None
    if day > clock.today():
        raise DateParseError(f"{describe_date(day)}: pick today or a day before")
    return day


class DateMeaning(Static):
    """What a date field's text means ("Mon 7 Dec (in 14 days)"), or why it means nothing
    (then with the class ``-error``); ``blank`` while the field is empty."""

    def __init__(self, blank: str, *, id: str) -> None:
        super().__init__(safe(blank), id=id)
        self.blank = blank

    def show(self, day: pendulum.Date | None, problem: str | None) -> None:
        self.set_class(problem is not None, "-error")
        self.update(safe(problem or (describe_date(day) if day else self.blank)))


class DateField(Input):
    """A one-line field for a day, its ``meaning`` kept up to date as it is typed in."""

    def __init__(self, *, placeholder: str, id: str, meaning_id: str, blank: str = "",
                 reader: DateReader = any_day) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self.reader = reader
        self.meaning = DateMeaning(blank, id=meaning_id)
        self.problem: str | None = None  # why the text means no day the field takes

    def read_day(self) -> pendulum.Date | None:
        """The day typed, shown on the meaning line; None when the field is blank or
        ``problem`` says why it is not a day."""
        day, self.problem = None, None
        if self.value.strip():
            try:
                day = self.reader(self.value)
            except DateParseError as error:
                self.problem = str(error)
        self.meaning.show(day, self.problem)
        return day

    @on(Input.Changed)
    def _show_meaning(self) -> None:
        self.read_day()
