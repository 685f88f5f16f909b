"""The History pane: the selected contact's card above their timeline, newest first."""

import textwrap

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from netgarden_tui.garden.dates import relative_day, short_date
from netgarden_tui.garden.display import visible
from netgarden_tui.garden.timeline import TimelineEntry
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.history_data import HistoryData
from netgarden_tui.tui.widgets.card import MUTED, ContactCard


def timeline_content(entries: list[TimelineEntry], width: int) -> Content:
    """The timeline, its lines wrapped to ``width`` under the text they continue: the day
    in a column of its own, or, when that would leave the text too little room, on a line
    of its own above it."""
    if not entries:
        return Content.styled("Nothing here yet: press l to log a first touch.", MUTED)
    lines = [Content.styled("Timeline", "bold")]
    dated = [f"{relative_day(entry.day)} · {short_date(entry.day)}" for entry in entries]
    date_width = max(len(when) for when in dated) + 2
    stacked = width - date_width < TITLE_LEAST
    title_indent = TITLE_INDENT if stacked else " " * date_width
    for entry, when in zip(entries, dated):
        title = _wrapped(visible(entry.title), width - len(title_indent))
        if stacked:
            lines.append(Content.styled(when, MUTED))
            lines.append(Content(title_indent + title[0]))
        else:
            lines.append(Content.assemble((when.ljust(date_width), MUTED), title[0]))
        lines.extend(Content(title_indent + more) for more in title[1:])
        for note_line in (entry.note or "").splitlines():
            lines.extend(Content(NOTE_INDENT + part)
                         for part in _wrapped(visible(note_line), width - len(NOTE_INDENT)))
    return Content("\n").join(lines)


def _wrapped(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 20)) or [""]


TIMELINE_LEAST = 20  # columns the timeline is wrapped to at least
TITLE_LEAST = 28  # columns a touch's words need beside its day, else they go below it
TITLE_INDENT = "  "
NOTE_INDENT = "    "
HINT = "The contact under the cursor in Contacts or Due shows here."
EMPTY_GARDEN = Content("\n").join([  # in 39 columns: History's at 160
    Content.styled("Your garden is empty. To fill it:", "bold"),
    Content.assemble(("  ctrl+p  ", "bold"), "Set up…"),
    Content.styled("          (import your address book)", MUTED),
    Content.assemble(("  a       ", "bold"), "add someone"),
    Content.styled("  or in a shell: netgarden init", MUTED),
])


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

    def __init__(self, *, empty_garden: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data: HistoryData | None = None
        self._empty_garden = empty_garden
        self._timeline_width: int | None = None  # the width the timeline was drawn at
        # The columns its text will have, if the screen knows before it is laid out: then
        # the first frame that shows someone has their lines wrapped right.
        self.width_hint: int | None = None

    def compose(self):
        yield Static(self._hint(), id="history-empty")
        yield ContactCard(id="history-card")
        yield Static(id="history-timeline")

    def hint(self, empty_garden: bool) -> None:
        """What the pane says while it shows nobody: whose history it shows, or, in a
        garden with nobody in it, how to fill it."""
        if empty_garden != self._empty_garden:
            self._empty_garden = empty_garden
            self.query_one("#history-empty", Static).update(self._hint())

    def _hint(self) -> Content:
        return EMPTY_GARDEN if self._empty_garden else Content.styled(HINT, MUTED)

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
        card.width_hint = self.width_hint
        card.show(data.card, fields=data.fields)  # the timeline below has every touch
        timeline_lines = self._draw_timeline()
        self.scroll_home(animate=False)
        lines = card.lines + 1 + timeline_lines  # the timeline's margin between
        if not self.size and lines > self.app.size.height:
            # Before it is laid out (the first frame): its scrollbar is sure to be needed,
            # so it is there, thumb and all, from the first frame, not the one after
            # (scrollbars.py).
            self.virtual_size = Size(self.width_hint or 0, lines)
            self.show_vertical_scrollbar = True

    def on_resize(self) -> None:
        if self.data is not None and self._text_width() != self._timeline_width:
            self._draw_timeline()

    def _text_width(self) -> int:
        return self.scrollable_content_region.width or self.width_hint or TIMELINE_LEAST

    def _draw_timeline(self) -> int:
        """Draw the timeline at the pane's width; the lines it takes."""
        self._timeline_width = width = self._text_width()
        content = timeline_content(self.data.entries, max(width, TIMELINE_LEAST))
        self.query_one("#history-timeline", Static).update(content)
        return content.plain.count("\n") + 1
