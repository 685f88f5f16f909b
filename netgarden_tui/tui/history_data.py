"""What the History pane shows about one contact, read from the store.

No Textual here: at start-up, the second process that reads ahead (read_ahead.py) reads the
first contact's history too, so that a wide first screen shows it in its first frame.
"""

from typing import NamedTuple

from netgarden_tui.garden.card import card_fields
from netgarden_tui.garden.timeline import TimelineEntry, timeline
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard


class HistoryData(NamedTuple):
    card: ContactCard
    entries: list[TimelineEntry]
    fields: list[tuple[str, str]]  # the card's (label, value) pairs, phones formatted


def load_history(contact_id: int, default_cadence: int,
                 region: str | None = None) -> HistoryData | None:
    """Everything the pane shows about one contact (None if they are gone), its phones
    formatted for the config's ``region`` here, not while drawing. Blocking: run it in a
    worker thread."""
    card = queries.contact_card(contact_id, default_cadence=default_cadence)
    if card is None:
        return None
    return HistoryData(card, timeline(card), card_fields(card, region=region))
