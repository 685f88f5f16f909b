"""The one clock. Every rule asks it for "now"; tests freeze it with pendulum.travel_to.

Kept at the bottom of the package (no imports of store, garden, cli or tui) so every
layer can use it.
"""

import pendulum


def now() -> pendulum.DateTime:
    """The current moment in the local timezone."""
    return pendulum.now()


def today() -> pendulum.Date:
    """Today's date in the local timezone."""
    return now().date()


def utcnow() -> pendulum.DateTime:
    return now().in_timezone("UTC")


def utc_offset_seconds() -> int:
    """How far local time is ahead of UTC now: SQL turns stored UTC moments into local days."""
    return int(now().utcoffset().total_seconds())
