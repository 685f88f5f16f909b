"""Date and time fields that hand pendulum values back.

Peewee's stock date fields reject pendulum values on SQLite ("type 'Date' is not
supported"), so dates are stored as ISO text: moments in UTC as ``YYYY-MM-DD HH:MM:SS``
(sortable, and readable by SQL date functions), days as ``YYYY-MM-DD``, with four-digit
years always.

Every day a person gives lies between FIRST_YEAR and LAST_YEAR (garden/dates.py refuses
others). A value an earlier version stored outside them, or could not write right (the
year 1 as "1-01-01"), still reads: as the nearest day in range, or FIRST_YEAR's first
day when nothing can be made of it, so the garden opens, lists and exports; ``netgarden
check`` names it and ``check --repair`` clears it (store/check.py).
"""

import datetime as dt
import re

import pendulum
from peewee import Field

FIRST_YEAR, LAST_YEAR = 1900, 2200
_LOOSE = re.compile(r"\s*(-?\d{1,5})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2}))?")


class MomentField(Field):
    """A point in time, stored as UTC text, returned as a pendulum DateTime in UTC."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None or isinstance(value, str):
            return value
        if not isinstance(value, dt.datetime):
            raise TypeError(f"{self.name} expects a datetime, got {value!r}")
        if value.tzinfo is None:
            raise ValueError(f"{self.name} needs a timezone-aware datetime, got {value!r}")
        return moment_text(pendulum.instance(value).in_timezone("UTC"))

    def python_value(self, value):
        if value is None:
            return None
        # Sliced by hand: fifteen times faster than pendulum.from_format, and the queue
        # reads tens of thousands of these on a big garden.
        try:
            year = int(value[:4])
            if FIRST_YEAR <= year <= LAST_YEAR:
                return pendulum.DateTime(year, int(value[5:7]), int(value[8:10]),
                                         int(value[11:13]), int(value[14:16]),
                                         int(value[17:19]), tzinfo=pendulum.UTC)
        except (ValueError, TypeError):
            pass
        day = readable_day(value)
        return pendulum.DateTime(day.year, day.month, day.day, tzinfo=pendulum.UTC)


def moment_text(moment: dt.datetime) -> str:
    """A UTC moment as stored: strftime's %Y leaves the year 1 as "1", not "0001"."""
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}")


def readable_day(value: str) -> pendulum.Date:
    """The day in range nearest to what a stored value says; FIRST_YEAR's first day when
    it says nothing that can be read."""
    match = _LOOSE.match(value or "")
    if match is None:
        return pendulum.Date(FIRST_YEAR, 1, 1)
    year, month, day = (int(part) for part in match.groups()[:3])
    if year < FIRST_YEAR:
        return pendulum.Date(FIRST_YEAR, 1, 1)
    if year > LAST_YEAR:
        return pendulum.Date(LAST_YEAR, 12, 31)
    try:
        return pendulum.Date(year, month, day)
    except ValueError:
        return pendulum.Date(year, 1, 1)


class DayField(Field):
    """A calendar day, stored as ``YYYY-MM-DD``, returned as a pendulum Date."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dt.datetime):
            raise TypeError(f"{self.name} expects a date, got the moment {value!r}")
        return value.isoformat()

    def python_value(self, value):
        if value is None:
            return None
        try:
            day = pendulum.Date.fromisoformat(value)
        except (ValueError, TypeError):
            return readable_day(value)
        return day if FIRST_YEAR <= day.year <= LAST_YEAR else readable_day(value)
