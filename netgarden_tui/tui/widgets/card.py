"""The contact card: who someone is and what to talk about, read-only.

Used by the History pane, the call screen and the morning review. Every piece of user
text goes in as plain Content, so a name like ``[bold]Evil[/] [red`` shows as typed.
Its styles are in ``card.tcss``, which each screen using the card lists in CSS_PATH.
"""

from collections.abc import Sequence
from typing import NamedTuple

import pendulum
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netgarden_tui import clock
from netgarden_tui.garden.card import card_fields
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import duration, when
from netgarden_tui.garden.openers import cautions, fact_words, gambits
from netgarden_tui.store import queries, records
from netgarden_tui.tui.text import safe

LABEL_WIDTH = 15  # fits "Tue 29 Feb 2028" and "introduced by"
MUTED = "$text-muted"
RECENT_TOUCHES = 3
FAVOUR_WORDS = {"offered": "you offered", "asked": "you asked", "given": "you gave",
                "received": "you received"}


class CardData(NamedTuple):
    """A contact's card and their newest touches, loaded together in a worker thread."""

    card: records.ContactCard
    touches: tuple[records.InteractionRecord, ...]

    @property
    def last_channel(self) -> str | None:
        return self.touches[0].channel if self.touches else None


def load_card_data(contact_id: int, default_cadence: int) -> CardData | None:
    """The card and the last few touches (None if the contact is gone). Blocking: run it
    with ``app.run_query``."""
    card = queries.contact_card(contact_id, default_cadence=default_cadence)
    if card is None:
        return None
    return CardData(card, tuple(queries.interactions(contact_id, limit=RECENT_TOUCHES)))


def card_content(card: records.ContactCard, touches: Sequence[records.InteractionRecord] = (),
                 *, today: pendulum.Date, region: str | None = None) -> Content:
    """The whole card as one Content, what to talk about first, sections apart by a blank
    line: who they are, what to take care with, opening gambits, open promises, recent touches, details, notes.
    ``region``: the config's, for showing phones (card_fields)."""
    fields = card_fields(card, region=region)
    work = dict(fields).get("work")
    sections = [
        _header(card, work),
        _section("Take care", [_row(fact.kind, fact_words(fact, today))
                               for fact in cautions(card.facts)]),
        _section("Opening gambits", [_row(fact.kind, fact_words(fact, today))
                                     for fact in gambits(card.facts)]),
        _section("Open follow-ups", [_row(short_date(f.due_on, today=today), f.what or "—")
                                     for f in card.follow_ups]),
        _section("Open favours", [_favour_row(favour, today) for favour in card.favours]),
        _section("Recent touches", [line for touch in touches for line in _touch_lines(touch)]),
        _section("Details", [_row(label, value) for label, value in fields if label != "work"]),
        _section("Notes", [safe(card.notes.strip(), multiline=True)] if card.notes.strip() else []),
    ]
    return Content("\n\n").join(Content("\n").join(lines) for lines in sections if lines)


def _header(card: records.ContactCard, work: str | None) -> list[Content]:
    name = safe(card.display_name).stylize("bold")
    extras = [f'"{card.nickname}"'] if card.nickname else []
    if card.archived:
        extras.append("archived")
    if extras:
        name = Content.assemble(name, "  ", _muted(" · ".join(extras)))
    return [name, safe(work)] if work else [name]


def _section(title: str, lines: list[Content]) -> list[Content]:
    return [Content.styled(title, "bold underline"), *lines] if lines else []


def _row(label: str, value: str) -> Content:
    return Content.assemble(_muted(label.ljust(LABEL_WIDTH)), " ", safe(value))


def _muted(text: str) -> Content:
    return safe(text).stylize(MUTED)


def favour_words(favour: records.FavourRecord, today: pendulum.Date) -> tuple[str, str]:
    """("you asked", "reference — a letter for the bar"): who did what, and what it was,
    with the day it was promised by. Plain text (user text inside): show it with safe()."""
    what = " — ".join(part for part in (favour.kind, favour.what) if part) or "a favour"
    if favour.due_on:
        what += f" (by {short_date(favour.due_on, today=today)})"
    return FAVOUR_WORDS.get(favour.direction, favour.direction), what


def _favour_row(favour: records.FavourRecord, today: pendulum.Date) -> Content:
    return _row(*favour_words(favour, today))


def _touch_lines(touch: records.InteractionRecord) -> list[Content]:
    how = [touch.channel]
    if touch.duration_seconds:
        how.append(duration(touch.duration_seconds))
    if touch.awaiting_reply:
        how.append("no reply yet")
    lines = [Content.assemble(_muted(when(touch.at)), "  ", safe(" · ".join(how)))]
    lines += [Content.assemble("  ", safe(line)) for line in touch.note.splitlines() if line.strip()]
    return lines


class ContactCard(VerticalScroll, can_focus=True):
    """A read-only card; scrolls (arrows, page keys) when it is taller than its space."""

    def compose(self):
        yield Static(classes="card-body")

    def show(self, card: records.ContactCard,
             touches: Sequence[records.InteractionRecord] = ()) -> None:
        """Show this contact, and their recent touches if given (newest first)."""
        body = self.query_one(".card-body", Static)
        body.update(card_content(card, touches, today=clock.today(),
                                 region=self.app.config.region))
        self.scroll_home(animate=False)
