"""The Contacts list's rows: read from the store a page at a time, worded for drawing.

No Textual here: at start-up, the second process that reads ahead (read_ahead.py) reads
the list's first page before the app is imported.
"""

from typing import NamedTuple

from netgarden_tui import clock
from netgarden_tui.garden.display import health, since_last_touch, visible
from netgarden_tui.store import queries

PAGE_SIZE = 50  # rows per query: a screenful or two; a bigger page makes a keystroke slower


class ListQuery(NamedTuple):
    """Which contacts the list shows, and in what order."""

    search: str
    sort: str
    default_cadence: int


class ListLine(NamedTuple):
    """One contact, ready to draw: user text already made visible, words already chosen."""

    contact_id: int
    name: str
    circle: str
    since: str
    health: str
    aside: str = ""  # what tells them from another of the same name: "Acme", an email


def count_lines(query: ListQuery) -> int:
    return queries.count_contacts(search=query.search)


def read_page(query: ListQuery, page: int) -> list[ListLine]:
    """One page of the list, prepared in a worker so the UI thread only draws."""
    rows = queries.contact_rows(default_cadence=query.default_cadence, search=query.search,
                                sort=query.sort, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    today = clock.today()
    asides = queries.told_apart(row.id for row in rows)  # one query for the page
    return [
        ListLine(row.id, visible(row.name), visible(row.circle or ""),
                 since_last_touch(row.days_since_touch), health(row.next_due, today=today),
                 visible(asides.get(row.id, "")))
        for row in rows
    ]


class FirstPage(NamedTuple):
    """The list's first rows and how many there are, read before the screen is built so
    that its first frame shows them, instead of a frame later from a worker."""

    query: ListQuery
    lines: list[ListLine]
    count: int


def read_first_page(default_cadence: int) -> FirstPage:
    """The first page of every contact by name, and the count: what the list opens on."""
    query = ListQuery("", "name", default_cadence)
    return FirstPage(query, read_page(query, 0), count_lines(query))
