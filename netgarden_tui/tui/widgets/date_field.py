"""A day typed in words (``fri``, ``2w``, ``12-01``), and the line saying what it means as it
is typed: the quick log's and the call's follow-up, the snooze, a favour's deadline, the day
of a life event, a birthday.

``DateField`` is the field; its ``meaning`` is the line, a widget of its own so that a form
puts it beside the field or under it. What days a field takes is its reader: any day, a day
after today, today or later, today or before, a birthday (a day of the year, with or without
its year). The line's styles are in ``date_field.tcss``,
which each screen using the field lists in CSS_PATH.
"""

from collections.abc import Callable

import pendulum
from textual import on
from textual.widgets import Input, Static

from netgarden_tui import clock
from netgarden_tui.garden.actions import InvalidInput, parse_birthday
from netgarden_tui.garden.dates import DateParseError, describe_date, parse_date, parse_moment
from netgarden_tui.store.records import Birthday
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


def a_birthday(text: str) -> Birthday:
    """A birthday: MM-DD, or YYYY-MM-DD with the year."""
    try:
        return parse_birthday(text)
    except InvalidInput as error:
        raise DateParseError(str(error)) from None


class DateMeaning(Static):
    """What a date field's text means ("Mon 7 Dec (in 14 days)"), or why it means nothing
    (then with the class ``-error``); ``blank`` while the field is empty (then with the
    class ``-blank``, for a form that hides the line then)."""

    def __init__(self, blank: str, *, id: str) -> None:
        super().__init__(safe(blank), id=id, classes="-blank")
        self.blank = blank

    def show(self, meaning: str | None, problem: str | None) -> None:
        self.set_class(problem is not None, "-error")
        self.set_class(not (problem or meaning), "-blank")
        self.update(safe(problem or meaning or self.blank))


class DateField(Input):
    """A one-line field for a day, its ``meaning`` kept up to date as it is typed in."""

    def __init__(self, *, placeholder: str, id: str, meaning_id: str, blank: str = "",
                 reader: DateReader = any_day, describe: Callable = describe_date) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self.reader, self.describe = reader, describe
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
        self.meaning.show(None if day is None else self.describe(day), self.problem)
        return day

    @on(Input.Changed)
    def _show_meaning(self) -> None:
        self.read_day()
