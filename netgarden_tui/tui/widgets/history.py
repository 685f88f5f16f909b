"""The History pane: the selected contact's card above their timeline, newest first."""

import textwrap
from typing import NamedTuple

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netgarden_tui.garden.dates import relative_day, short_date
from netgarden_tui.garden.timeline import TimelineEntry, timeline
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard as CardRecord
from netgarden_tui.garden.display import visible
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.widgets.card import ContactCard


class HistoryData(NamedTuple):
    card: CardRecord
    entries: list[TimelineEntry]


def load_history(contact_id: int, default_cadence: int) -> HistoryData | None:
    """Everything the pane shows about one contact (runs in a worker thread)."""
    card = queries.contact_card(contact_id, default_cadence=default_cadence)
    if card is None:
        return None
    return HistoryData(card, timeline(contact_id))


def timeline_content(entries: list[TimelineEntry], width: int) -> Content:
    """The timeline, its lines wrapped to ``width`` under the text they continue."""
    if not entries:
        return Content.styled("Nothing here yet: press l to log a first touch.", "$text-muted")
    lines = [Content.styled("Timeline", "bold")]
    dated = [f"{relative_day(entry.day)} · {short_date(entry.day)}" for entry in entries]
    date_width = max(len(when) for when in dated) + 2
    for entry, when in zip(entries, dated):
        title = _wrapped(visible(entry.title), width - date_width)
        lines.append(Content.assemble((when.ljust(date_width), "$text-muted"), title[0]))
        lines.extend(Content(" " * date_width + more) for more in title[1:])
        for note_line in (entry.note or "").splitlines():
            lines.extend(Content(NOTE_INDENT + part)
                         for part in _wrapped(visible(note_line), width - len(NOTE_INDENT)))
    return Content("\n").join(lines)


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 20)) or [""]


NOTE_INDENT = "    "


@keys_in_help("History", order=30)
class HistoryPane(VerticalScroll, can_focus=True):
    """Scrolls with j/k and the arrows; shows nothing until a contact is opened."""

    # The arrow and page keys too (VerticalScroll has them, without ids): help lists them,
    # and the keymap can move them.
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="history.down",
                tooltip="Scroll down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="history.up", tooltip="Scroll up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="history.top", tooltip="Top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="history.bottom",
                tooltip="Bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="history.page_up",
                tooltip="Scroll up a screenful"),
        Binding("pagedown", "page_down", "Page down", show=False, id="history.page_down",
                tooltip="Scroll down a screenful"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: HistoryData | None = None

    def compose(self):
        yield Static(Content.styled("Pick someone in Contacts or Due (enter) to see them here.",
                                    "$text-muted"), id="history-empty")
        yield ContactCard(id="history-card")
        yield Static(id="history-timeline")

    @property
    def contact_id(self) -> int | None:
        return self.data.card.id if self.data else None

    def show(self, data: HistoryData | None) -> None:
        self.data = data
        self.query_one("#history-empty").display = data is None
        card = self.query_one(ContactCard)
        card.display = data is not None
        timeline_widget = self.query_one("#history-timeline", Static)
        timeline_widget.display = data is not None
        if data is None:
            return
        card.show(data.card)  # the timeline below has every touch
        self._draw_timeline()
        self.scroll_home(animate=False)

    def on_resize(self) -> None:
        if self.data is not None:
            self._draw_timeline()

    def _draw_timeline(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        self.query_one("#history-timeline", Static).update(
            timeline_content(self.data.entries, max(width - 1, 20)))
