"""The one parser for dates and times typed in words (command line and TUI alike).

Every reading is relative to the project clock (`netgarden_tui.clock`), so tests freeze
time with `pendulum.travel_to`. Rules, chosen once here so every screen agrees:

- Weekday names (`fri`, `friday`) mean the next such day strictly after today: on a
  Friday, `fri` is a week away ("today" is the word for today). When something
  happened (parse_moment) they look back instead: the latest such day, today included.
- `next week` is the next Monday strictly after today.
- `MM-DD` means its next occurrence today or later: on 1 Dec, `12-01` is today, not a
  year away. `02-29` rolls to the next leap year's 29 Feb.
- `m` is months, never minutes. Relative amounts may reach at most MAX_YEARS_AHEAD
  years ahead; negative amounts are not understood (write `yesterday` or a date).
- Past calendar dates and `yesterday` are allowed: the caller decides if the past is
  wrong for its purpose. Every day lies between 1900 and 2200 (store/fields.py).
"""

from __future__ import annotations

import re

import pendulum

from netgarden_tui import clock
from netgarden_tui.store.fields import FIRST_YEAR, LAST_YEAR

__all__ = [
    "DateParseError", "parse_date", "parse_moment", "describe_date", "short_date", "relative_day",
    "within_years", "MAX_YEARS_AHEAD",
]

MAX_YEARS_AHEAD = 10

_DATE_HINT = "today, tomorrow, 3d, 2w, 1m, fri, next week, 2026-12-01, 12-01"
_MOMENT_HINT = "14:30, 9am, 9:15pm, yesterday 9am, mon 10:00, 2026-11-20 14:30"

# Fixed English names, so nothing depends on the C locale (strftime's %a / %b would).
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {
    name.lower(): i for names in (_DAY_NAMES, _FULL_DAY_NAMES) for i, name in enumerate(names)
}

_NAMED_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "month", "months"), "months"),
    **dict.fromkeys(("y", "year", "years"), "years"),
}

_RELATIVE = re.compile(r"(?:in )?(\d+) ?([a-z]+)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
# An optional day, then a time: "9am", "9:15 pm", "14:30", "yesterday 9am", "2026-11-20T14:30".
_MOMENT = re.compile(
    r"(?:(?P<day>.+?)(?: |(?<=\d)t))?"
    r"(?P<time>(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))? ?(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2}))",
    re.IGNORECASE,
)


class DateParseError(ValueError):
    """Typed text that is not a date or time; str() is one line fit to show the user."""


def parse_date(text: str, *, today: pendulum.Date | None = None) -> pendulum.Date:
    """Read a typed day, e.g. for a follow-up or a snooze (see the module doc for the rules)."""
    cleaned = " ".join(text.split())
    day = _parse_day(cleaned, today or clock.today())
    if day is None:
        raise DateParseError(f'can\'t read "{cleaned}" as a date (try: {_DATE_HINT})')
    return within_years(day, cleaned)


def parse_moment(text: str, *, now: pendulum.DateTime | None = None) -> pendulum.DateTime:
    """Read when something happened: any parse_date day, a time, or a day then a time.

    A bare time is today at that time. A day without a time is `now` itself when the
    day is today (a note logged "today" happened about now), else 12:00 on that day,
    the time least likely to be off by a day when seen from another timezone. The
    result is in now's timezone, the local one by default.
    """
    now = now or clock.now()
    cleaned = " ".join(text.split())
    match = _MOMENT.fullmatch(cleaned)
    if match is None:
        day = _parse_day(cleaned, now.date(), looking_back=True)
        if day is None:
            raise DateParseError(f'can\'t read "{cleaned}" as a date or time (try: {_MOMENT_HINT})')
        if day == now.date():
            return now
        within_years(day, cleaned)
        return pendulum.datetime(day.year, day.month, day.day, 12, tz=now.tzinfo)
    day = now.date() if match["day"] is None else _moment_day(match["day"], now.date())
    within_years(day, cleaned)
    hour, minute = _time_of_day(match)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=now.tzinfo)


def within_years(day: pendulum.Date, text: str) -> pendulum.Date:
    """``day``, if it lies in the years a garden keeps (store/fields.py); else the one line
    saying it does not."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateParseError(f'"{text}" is not a day between {FIRST_YEAR} and {LAST_YEAR}')
    return day


def _moment_day(text: str, today: pendulum.Date) -> pendulum.Date:
    day = _parse_day(text, today, looking_back=True)
    if day is None:
        raise DateParseError(f'can\'t read "{text}" as a date (try: {_DATE_HINT})')
    return day


def describe_date(day: pendulum.Date, *, today: pendulum.Date | None = None) -> str:
    """A short phrase showing what a typed date means: "Fri 27 Nov (in 4 days)"."""
    today = today or clock.today()
    return f"{short_date(day, today=today)} ({relative_day(day, today=today)})"


def short_date(day: pendulum.Date, *, today: pendulum.Date | None = None,
               weekday: bool = True) -> str:
    """"Fri 27 Nov" ("27 Nov" without the weekday); the year is added only when it is not
    this year: "Tue 29 Feb 2028"."""
    today = today or clock.today()
    year = "" if day.year == today.year else f" {day.year}"
    name = f"{_DAY_NAMES[day.weekday()]} " if weekday else ""
    return f"{name}{day.day} {_MONTH_NAMES[day.month - 1]}{year}"


def relative_day(day: pendulum.Date, *, today: pendulum.Date | None = None) -> str:
    """"today", "tomorrow", "yesterday", "in 4 days", "3 days ago"; a year or more away
    in whole years: "2 years ago", "in 1 year"."""
    offset = (day - (today or clock.today())).days
    relative = {-1: "yesterday", 0: "today", 1: "tomorrow"}.get(offset)
    if relative is not None:
        return relative
    span = f"{abs(offset)} days"
    if abs(offset) >= 365:
        years = abs(offset) // 365
        span = "1 year" if years == 1 else f"{years} years"
    return f"in {span}" if offset > 0 else f"{span} ago"


def _parse_day(text: str, today: pendulum.Date, *, looking_back: bool = False) -> pendulum.Date | None:
    """The day `text` names, or None if it is not a form we know.

    ``looking_back`` reads a weekday as the latest such day, today included (for when
    something happened: "mon 10:00" last Monday), instead of the next one.

    Raises DateParseError for a known form that names no real day ("02-30", "100000d").
    """
    word = text.lower()
    if word in _NAMED_DAYS:
        return today.add(days=_NAMED_DAYS[word])
    if word in _WEEKDAYS and looking_back:
        return today.subtract(days=(today.weekday() - _WEEKDAYS[word]) % 7)
    if word in _WEEKDAYS:
        return today.add(days=(_WEEKDAYS[word] - today.weekday()) % 7 or 7)
    if word == "next week":
        return today.add(days=7 - today.weekday())
    if (match := _RELATIVE.fullmatch(word)) and match[2] in _UNITS:
        return _ahead(today, int(match[1]), _UNITS[match[2]], text)
    if match := _ISO_DATE.fullmatch(word):
        return _calendar_date(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _MONTH_DAY.fullmatch(word):
        month, day = int(match[1]), int(match[2])
        _calendar_date(2000, month, day, text)  # 2000 is a leap year, so 02-29 passes
        year = today.year
        while True:  # ends within 8 years: the longest gap between leap days
            try:
                candidate = pendulum.date(year, month, day)
            except ValueError:  # 29 Feb outside a leap year
                candidate = None
            if candidate is not None and candidate >= today:
                return candidate
            year += 1
    return None


def _ahead(today: pendulum.Date, amount: int, unit: str, text: str) -> pendulum.Date:
    too_far = DateParseError(f'"{text}" is too far ahead (at most {MAX_YEARS_AHEAD} years)')
    try:
        day = today.add(**{unit: amount})
    except (OverflowError, ValueError):  # past the year 9999, or beyond a C int
        raise too_far from None
    if day > today.add(years=MAX_YEARS_AHEAD):
        raise too_far
    return day


def _calendar_date(year: int, month: int, day: int, text: str) -> pendulum.Date:
    try:
        return pendulum.date(year, month, day)
    except ValueError:
        raise DateParseError(f'no such date as "{text}" (write YYYY-MM-DD or MM-DD)') from None


def _time_of_day(match: re.Match[str]) -> tuple[int, int]:
    if match["ampm"]:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        valid = 1 <= hour <= 12
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
        valid = hour <= 23
    if not valid or minute > 59:
        raise DateParseError(f'no such time as "{match["time"]}" (write 14:30, 9am or 9:15pm)')
    return hour, minute
