"""The contact card: who someone is and what to talk about, read-only.

Used by the History pane, the call screen and the morning review. Every piece of user
text goes in as plain Content, so a name like ``[bold]Evil[/] [red`` shows as typed.
Its styles are in ``card.tcss``, which each screen using the card lists in CSS_PATH.
"""

import textwrap
from collections.abc import Sequence
from typing import NamedTuple

import pendulum
from rich.cells import cell_len, set_cell_size
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netgarden_tui import clock
from netgarden_tui.garden import helping
from netgarden_tui.garden.card import card_fields
from netgarden_tui.garden.dates import relative_day, short_date
from netgarden_tui.garden.display import duration, local, sparkline, visible, when
from netgarden_tui.garden.openers import cautions, fact_words, gambits
from netgarden_tui.store import queries, records
from netgarden_tui.tui.text import safe

LABEL_WIDTH = 15  # fits "Tue 29 Feb 2028" and "introduced by"
# Not $text-muted: an "auto" colour, which a Content style in a Static draws as white.
MUTED = "$foreground-muted"
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
                 *, today: pendulum.Date, region: str | None = None, width: int | None = None,
                 compact: bool = False, fields: Sequence[tuple[str, str]] | None = None
                 ) -> Content:
    """The whole card as one Content, what to talk about first, sections apart by a blank
    line: who they are, what to take care with, opening gambits, open promises, recent
    touches, details, notes. ``region``: the config's, for showing phones (card_fields).

    ``width``: the columns it is drawn in, so that a value wraps under its own column, or
    under its label when a word of it would not fit beside it (None: the widget wraps).
    ``compact``: for a small screen, no headings and no blank lines: each section's name
    stands in the label column of its first row, and a touch takes one line. ``fields``:
    card_fields' answer, if it was asked already (in a worker: phones take time)."""
    if fields is None:
        fields = card_fields(card, region=region)
    work = dict(fields).get("work")
    sections = [
        ("Take care", [(fact.kind, fact_words(fact, today)) for fact in cautions(card.facts)]),
        ("Opening gambits", [(fact.kind, fact_words(fact, today))
                             for fact in gambits(card.facts)]),
        ("Open follow-ups", [(short_date(f.due_on, today=today), f.what or "—")
                             for f in card.follow_ups]),
        ("Open favours", [favour_words(favour, today) for favour in card.favours]),
        # What can I do for them today? (issue 26): each need, and what they can offer.
        ("Needs and offers", helping.card_rows(card.needs)),
        ("Details", [(label, value) for label, value in fields if label != "work"]),
    ]
    notes = card.notes.strip()
    if compact:
        return _compact(card, work, sections, touches, notes, width)
    blocks = [_header(card, work, width)]
    for title, rows in sections:
        if title == "Details" and touches:
            blocks.append([_heading("Recent touches"),
                           *(line for touch in touches for line in _touch_lines(touch, width))])
        if rows:
            blocks.append([_heading(title), *(line for label, value in rows
                                              for line in _row(label, value, width))])
    if notes:
        blocks.append([_heading("Notes"), safe(notes, multiline=True)])
    return Content("\n\n").join(Content("\n").join(lines) for lines in blocks)


COMPACT_TITLES = {"Take care": "Take care", "Opening gambits": "Gambits",
                  "Open follow-ups": "Follow-up", "Open favours": "Favours",
                  "Needs and offers": "Helping",
                  "Recent touches": "Touches", "Details": "Details", "Notes": "Notes"}
COMPACT_LABEL_WIDTH = max(map(len, COMPACT_TITLES.values()))


def _compact(card: records.ContactCard, work: str | None, sections,
             touches: Sequence[records.InteractionRecord], notes: str,
             width: int | None) -> list[Content]:
    """The card in as few lines as it can take (see card_content)."""
    lines = [Content.assemble(_header(card, None, width)[0],
                              *(("  ", safe(work)) if work else ())),
             *_touches_line(card, width)]

    def add(title: str, rows, *, one_line: bool = False) -> None:
        for index, (label, value) in enumerate(rows):
            lines.extend(_row(COMPACT_TITLES[title] if index == 0 else "", value, width,
                              label_width=COMPACT_LABEL_WIDTH, aside=label, one_line=one_line))

    for title, rows in sections:
        if title == "Details":
            add("Recent touches", [(relative_day(local(touch.at).date()), _touch_words(touch))
                                   for touch in touches], one_line=True)
        add(title, rows)
    if notes:
        add("Notes", [("", " ".join(notes.split()))])
    return Content("\n").join(lines)


def _header(card: records.ContactCard, work: str | None, width: int | None) -> list[Content]:
    name = safe(card.display_name).stylize("bold")
    extras = [f'"{card.nickname}"'] if card.nickname else []
    if card.archived:
        extras.append("archived")
    if extras:
        name = Content.assemble(name, "  ", _muted(" · ".join(extras)))
    return [name, *([safe(work)] if work else []), *_touches_line(card, width)]


def _touches_line(card: records.ContactCard, width: int | None) -> list[Content]:
    """Touches a month over the last two years in a sparkline: are we keeping up, or
    drifting? Said in as many words as fit ``width``; none when there was no touch then."""
    months = card.touches_by_month
    if not any(months):
        return []
    span = f"{len(months) // 12} years"
    words = next((words for words in (f"  touches a month · {span}", f"  {span}", "")
                  if width is None or len(months) + len(words) <= width), "")
    return [Content.assemble((sparkline(months), "$accent"), _muted(words))]


def _heading(title: str) -> Content:
    return Content.styled(title, "bold underline")


WRAP_LEAST = 16  # a value column narrower than this: the value goes under its label


def _row(label: str, value: str, width: int | None, *, label_width: int = LABEL_WIDTH,
         aside: str = "", one_line: bool = False) -> list[Content]:
    """A muted label in a column of its own, then the value (``aside``, muted, before it),
    wrapped under its own column; cut to one line if ``one_line``. Plain text in: user
    text is made visible here."""
    text = visible(f"{aside}  {value}" if aside else value)
    muted = len(visible(aside)) if aside else 0
    label_cell = _muted(label.ljust(label_width) + " ")
    if width is None:
        return [Content.assemble(label_cell, _value(text, muted))]
    room = width - label_width - 1
    if one_line:
        return [Content.assemble(label_cell, _value(_cut(text, room), muted))]
    longest = max((cell_len(word) for word in text.split()), default=0)
    if room >= WRAP_LEAST and longest <= room:
        first, *more = textwrap.wrap(text, room) or [""]
        indent = " " * (label_width + 1)
        return [Content.assemble(label_cell, _value(first, muted)),
                *(Content(indent + part) for part in more)]
    parts = textwrap.wrap(text, max(width - 2, WRAP_LEAST)) or [""]
    head = [_muted(label)] if label.strip() else []
    return [*head, *(Content.assemble("  ", _value(part, muted if index == 0 else 0))
                     for index, part in enumerate(parts))]


def _value(text: str, muted: int) -> Content:
    """A value's text, its first ``muted`` characters muted (a favour's "you asked")."""
    content = Content(text)
    return content.stylize(MUTED, 0, min(muted, len(text))) if muted else content


def _cut(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "…"


def _muted(text: str) -> Content:
    return safe(text).stylize(MUTED)


def favour_words(favour: records.FavourRecord, today: pendulum.Date) -> tuple[str, str]:
    """("you asked", "reference — a letter for the bar"): who did what, and what it was,
    with the day it was promised by. Plain text (user text inside): show it with safe()."""
    what = " — ".join(part for part in (favour.kind, favour.what) if part) or "a favour"
    if favour.due_on:
        what += f" (by {short_date(favour.due_on, today=today)})"
    return FAVOUR_WORDS.get(favour.direction, favour.direction), what


def _touch_words(touch: records.InteractionRecord, *, with_note: bool = True) -> str:
    """ "call · 12:30 · no reply yet — the note's first line" (plain text)."""
    how = [touch.channel]
    if touch.duration_seconds:
        how.append(duration(touch.duration_seconds))
    if touch.awaiting_reply:
        how.append("no reply yet")
    words = " · ".join(how)
    note = next((line.strip() for line in touch.note.splitlines() if line.strip()), "")
    return f"{words} — {note}" if with_note and note else words


def _touch_lines(touch: records.InteractionRecord, width: int | None) -> list[Content]:
    lines = [Content.assemble(_muted(when(touch.at)), "  ",
                              safe(_touch_words(touch, with_note=False)))]
    for line in touch.note.splitlines():
        if line.strip():
            parts = [line] if width is None else textwrap.wrap(line, max(width - 2, WRAP_LEAST))
            lines.extend(Content.assemble("  ", safe(part)) for part in parts)
    return lines


class ContactCard(VerticalScroll, can_focus=True):
    """A read-only card; scrolls (arrows, page keys) when it is taller than its space.
    Its lines are wrapped to its width (again when that changes); ``compact`` draws it in
    as few lines as it can take (card_content)."""

    def __init__(self, *, compact: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self._compact = compact
        self._shown: tuple | None = None  # the card, touches and fields shown
        self._drawn_at: tuple[int, bool] | None = None  # the width and compactness drawn at
        # The columns its text will have, if its owner knows before it is laid out: then
        # its first frame has its lines wrapped right, not a frame later.
        self.width_hint: int | None = None
        self.lines = 0  # the lines drawn

    def compose(self):
        yield Static(classes="card-body")

    def show(self, card: records.ContactCard,
             touches: Sequence[records.InteractionRecord] = (), *,
             fields: Sequence[tuple[str, str]] | None = None) -> None:
        """Show this contact, and their recent touches if given (newest first); ``fields``:
        its card_fields if they were read already."""
        self._shown = (card, touches, fields)
        self._draw()
        self.scroll_home(animate=False)

    @property
    def compact(self) -> bool:
        return self._compact

    @compact.setter
    def compact(self, compact: bool) -> None:
        if compact != self._compact:
            self._compact = compact
            self._draw()

    def _width(self) -> int | None:
        """The columns the card's text has (its scrollbar's gutter is kept: card.tcss), or
        before it is laid out, the hint (None: not known)."""
        return self.scrollable_content_region.width or self.width_hint

    def _draw(self) -> None:
        if self._shown is None:
            return
        width = self._width()
        self._drawn_at = (width, self._compact)
        card, touches, fields = self._shown
        content = card_content(card, touches, today=clock.today(), region=self.app.config.region,
                               width=width, compact=self._compact, fields=fields)
        self.lines = content.plain.count("\n") + 1  # wrapped already, given a width
        self.query_one(".card-body", Static).update(content)

    def on_resize(self) -> None:
        if self._shown is not None and self._drawn_at != (self._width(), self._compact):
            self._draw()
