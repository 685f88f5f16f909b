"""The History pane: the selected contact's card above their timeline, newest first."""

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netgarden_tui.garden.dates import relative_day, short_date
from netgarden_tui.garden.timeline import TimelineEntry, timeline
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard as CardRecord
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.card import ContactCard


@dataclass(frozen=True)
class HistoryData:
    card: CardRecord
    entries: list[TimelineEntry]


def load_history(contact_id: int, default_cadence: int) -> HistoryData | None:
    """Everything the pane shows about one contact (runs in a worker thread)."""
    card = queries.contact_card(contact_id, default_cadence=default_cadence)
    if card is None:
        return None
    return HistoryData(card, timeline(contact_id))


def timeline_content(entries: list[TimelineEntry]) -> Content:
    if not entries:
        return Content.styled("Nothing here yet: press l to log a first touch.", "$text-muted")
    lines = [Content.styled("Timeline", "bold")]
    dated = [f"{relative_day(entry.day)} · {short_date(entry.day)}" for entry in entries]
    width = max(len(when) for when in dated)
    for entry, when in zip(entries, dated):
        lines.append(Content.assemble((when.ljust(width), "$text-muted"), "  ", safe(entry.title)))
        for note_line in (entry.note or "").splitlines():
            lines.append(Content.assemble("    ", safe(note_line)))
    return Content("\n").join(lines)


class HistoryPane(VerticalScroll, can_focus=True):
    """Scrolls with j/k; shows nothing until a contact is opened."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="history.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="history.up", tooltip="Scroll up"),
        Binding("g", "scroll_home", "Top", show=False, id="history.top", tooltip="Top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="history.bottom", tooltip="Bottom"),
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
        timeline_widget.update(timeline_content(data.entries))
        self.scroll_home(animate=False)
