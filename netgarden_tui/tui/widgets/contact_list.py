"""The Contacts pane's list: a line-API widget that stays fast on 100,000 contacts.

Only the row count and the pages of rows in view are ever read (``PAGE_SIZE`` rows per
query, in a worker, by contact_rows.py); a line whose page has not arrived draws a dim
placeholder. A page that cannot be read says so, and is asked for again the next time its
rows are drawn. Textual's DataTable and OptionList do work per row up front (textual#5498),
so they are not used.

A change of search or sort builds a new ``_Window`` off screen and swaps it in when its
first page arrives: the old rows stay on screen until then, so typing never flickers.
Styles live in ``contact_list.tcss`` next to this file; the screen lists it in CSS_PATH.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netgarden_tui.tui.app_services import AppServices
from netgarden_tui.tui.contact_rows import (PAGE_SIZE, FirstPage, ListLine, ListQuery,
                                            count_lines, read_page)
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.widgets.scrollbars import scrollbar_before_layout
from netgarden_tui.vocabulary import SORTS


CACHED_PAGES = 200  # pages kept per window (10,000 rows)
# Worker groups: one for the count and one per page number, so that if a newer query in a
# group ever cancels an older one, it is the same read for an outdated search that goes.
COUNT_GROUP = "contact_list.count"
PAGE_GROUP = "contact_list.page{}"

# Health reads without colour too: a mark before the name, said in words by the pane's
# bottom border (marks_key) and the help (LEGEND).
MARKERS = {"overdue": "!", "due": "*", "soon": "·", "fine": " "}
LEGEND = ("! overdue   * due today   · due within a week   no mark: later",
          "3d, 5w, 8mo, 2y: since your last touch (never: not yet)")
KEYS = ("! overdue  * due today  · this week  3w: since last touch",
        "! late  * today  · soon  3w: last touch",
        "! late * today · soon 3w ago")
PLACEHOLDER = "…"
NO_MATCHES = ("No contacts match",)
NO_CONTACTS = ("No contacts yet.",  # what a fresh garden says: the next step first
               "ctrl+p  Set up…  import your address book",
               "a       add someone",
               "or in a shell: netgarden init")


def marks_key(width: int) -> str:
    """The longest one-line key to the marks and the last column that fits a pane
    ``width`` columns wide, for its bottom border."""
    return next((key for key in KEYS if len(key) + 6 <= width), KEYS[-1])


class _Window:
    """What the list knows of one query's rows: the count (once read) and some pages."""

    def __init__(self, query: ListQuery) -> None:
        self.query = query
        self.count: int | None = None
        self.pages: LRUCache[int, list[ListLine]] = LRUCache(CACHED_PAGES)
        self.requested: set[int] = set()
        self.counting = False
        self._extent = 0  # rows known to exist from the pages seen

    @property
    def length(self) -> int:
        """The row count, or while it is being read, the rows the pages have shown."""
        return self.count if self.count is not None else self._extent

    def forget_request(self, page: int) -> None:
        """A page's read failed: the next look at its rows asks for it again."""
        self.requested.discard(page)

    def forget_counting(self) -> None:
        """The count's read failed: the next page to arrive asks for it again."""
        self.counting = False

    def rows_words(self, page: int) -> str:
        """A page's rows as a person counts them: "contacts 101–150"."""
        last = (page + 1) * PAGE_SIZE
        if self.count is not None:
            last = min(last, self.count)
        return f"contacts {page * PAGE_SIZE + 1}–{last}"

    def store(self, page: int, lines: list[ListLine]) -> None:
        self.pages.set(page, lines)
        self.requested.discard(page)
        end = page * PAGE_SIZE + len(lines)
        self._extent = max(self._extent, end)
        if self.count is None and len(lines) < PAGE_SIZE and (lines or page == 0):
            self.count = end  # a short page is the last one

    def line(self, index: int) -> ListLine | None:
        page = self.pages.get(index // PAGE_SIZE)
        if page is None or index % PAGE_SIZE >= len(page):
            return None
        return page[index % PAGE_SIZE]

    def index_of(self, contact_id: int) -> int | None:
        """Where a contact is among the loaded pages, if there."""
        for page in list(self.pages.keys()):
            for offset, line in enumerate(self.pages.get(page, ())):
                if line.contact_id == contact_id:
                    return page * PAGE_SIZE + offset
        return None


class _Anchor(NamedTuple):
    """Where the cursor goes when a new window is shown: row ``index``, or after a reload
    the row of ``contact_id`` if it is still near there."""

    index: int = 0
    contact_id: int | None = None

    @property
    def pages(self) -> tuple[int, ...]:
        page = self.index // PAGE_SIZE
        if self.contact_id is None:
            return (page,)
        return tuple(p for p in (page - 1, page, page + 1) if p >= 0)


class _Columns(NamedTuple):
    """Cell widths of a line: marker, name, circle (0 = hidden), time since last touch."""

    name: int
    circle: int
    since: int

    # Not annotated: constants, not fields.
    MARKER = 2
    SINCE = 5  # "today", "never", "11mo"
    CIRCLE = 22  # at most ("Influential colleagues"); 3/8 of what the name and circle
    # share, down to CIRCLE_LEAST
    CIRCLE_LEAST = 7  # "Friends", "Clients": as narrow as a circle is worth showing
    CIRCLE_FROM = 30  # narrower lists (a side-by-side pane is 32 at least) drop the circle...
    SINCE_FROM = 14  # ...and only tiny ones the time since last touch

    @classmethod
    @lru_cache(maxsize=16)
    def for_width(cls, width: int) -> _Columns:
        shared = width - cls.MARKER - (cls.SINCE + 1) - 1  # the name's and the circle's
        circle = (min(cls.CIRCLE, max(cls.CIRCLE_LEAST, shared * 3 // 8))
                  if width >= cls.CIRCLE_FROM else 0)
        since = cls.SINCE if width >= cls.SINCE_FROM else 0
        used = cls.MARKER + (circle + 1 if circle else 0) + (since + 1 if since else 0)
        return cls(name=max(0, width - used), circle=circle, since=since)


def _fit(text: str, width: int, *, at_a_word: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis (``at_a_word``:
    without a stub of a word of less than WORD_STUB letters: "Powerful…", not
    "Powerful c…")."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    if not width:
        return ""
    cut = set_cell_size(text, width - 1)
    if at_a_word and " " in cut.strip():
        kept, stub = cut.rsplit(" ", 1)
        if len(stub) < WORD_STUB and kept.strip():
            return _fit(kept.rstrip() + "…", width)
    return cut + "…"


WORD_STUB = 4


@keys_in_help("Contacts", order=20, legend=LEGEND)
class ContactList(ScrollView, can_focus=True, inherit_bindings=False):
    """Every contact matching ``search``, in ``sort`` order, one line each, with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, like the main screen's keys: handled in the order typed, so "j j l" in
        # one burst (a slow link) moves before the log opens, on the contact it moved to.
        Binding("j,down", "cursor_down", "Down", id="contact_list.down", show=False, priority=True,
                tooltip="Move to the next contact"),
        Binding("k,up", "cursor_up", "Up", id="contact_list.up", show=False, priority=True,
                tooltip="Move to the previous contact"),
        Binding("g,home", "first", "Top", id="contact_list.top", show=False, priority=True,
                tooltip="Move to the first contact"),
        Binding("G,end", "last", "Bottom", id="contact_list.bottom", show=False, priority=True,
                tooltip="Move to the last contact"),
        Binding("pageup", "page_up", "Page up", id="contact_list.page_up", show=False, priority=True,
                tooltip="Move up one screenful"),
        Binding("pagedown", "page_down", "Page down", id="contact_list.page_down", show=False, priority=True,
                tooltip="Move down one screenful"),
        Binding("enter", "select", "Open", id="contact_list.select",
                tooltip="Open the highlighted contact"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "contact-list--cursor",
        "contact-list--overdue", "contact-list--due", "contact-list--soon", "contact-list--fine",
        "contact-list--circle", "contact-list--placeholder", "contact-list--empty",
    }

    class Highlighted(Message):
        """The cursor is on another contact (None: the list is empty)."""

        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ContactList.Highlighted)  # holding j sends only the last

    class Selected(Message):
        """Enter (or a click) on a contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class Counted(Message):
        """The list now holds ``count`` rows (sent when the count is read and when it
        changes; not for the first page's, which whoever read that page has)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    # The list reads through the app's run_query and config.
    app: AppServices  # type: ignore[assignment]

    search: reactive[str] = reactive("", init=False)
    sort: reactive[str] = reactive("name", init=False)

    def __init__(self, *, first_page: FirstPage | None = None, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._first_page = first_page
        self._window: _Window | None = None  # on screen
        self._incoming: _Window | None = None  # being read, shown when its first rows arrive
        self._anchor = _Anchor()
        self._cursor = 0
        self._announced: int | None = None  # the contact id last sent in Highlighted
        self._announced_count: int | None = None  # the count last sent in Counted
        self._select_when_loaded = False

    # --- public API -----------------------------------------------------------------------

    @property
    def count(self) -> int:
        """Rows in the list (while a new count is being read: the rows seen so far)."""
        return self._window.length if self._window else 0

    @property
    def highlighted_contact_id(self) -> int | None:
        highlighted = self.highlighted_contact
        return highlighted[0] if highlighted else None

    @property
    def highlighted_contact(self) -> tuple[int, str] | None:
        """(id, name) of the contact under the cursor, once its row has loaded."""
        line = self._window.line(self._cursor) if self._window else None
        return (line.contact_id, line.name) if line else None

    @property
    def loaded(self) -> bool:
        """True when the latest search, sort or reload is on screen and every row in view is
        loaded (no placeholders). Its count may still be on the way: Counted tells."""
        window = self._window
        if self._incoming is not None or window is None:
            return False
        top = self.scroll_offset.y
        bottom = min(window.length, top + self.scrollable_content_region.height)
        pages = {index // PAGE_SIZE for index in range(top, bottom)}
        return all(page in window.pages for page in pages)

    def reload(self) -> None:
        """The garden changed: read the list again, keeping the cursor on the same contact
        when it is still near where it was (else on the same row)."""
        if not self.is_mounted:
            return  # on_mount loads
        if self._incoming is None:
            self._anchor = _Anchor(self._cursor, self.highlighted_contact_id)
        self._load()

    def select_first(self) -> None:
        """Put the cursor on the first row and select it, once the latest search is on
        screen and its first row loaded."""
        self._move_cursor(0)
        self._select_when_loaded = True
        self._select_if_loaded()

    # --- loading --------------------------------------------------------------------------

    def on_mount(self) -> None:
        first, self._first_page = self._first_page, None
        if first is not None and first.query == self._query():
            window = self._incoming = _Window(first.query)
            window.count = self._announced_count = first.count  # the screen's title has it
            self._page_loaded(window, 0, first.lines)  # as if a worker had just read it
        else:
            self._load()

    def watch_search(self) -> None:
        self._reset()

    def validate_sort(self, sort: str) -> str:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
        return sort

    def watch_sort(self) -> None:
        self._reset()

    def _reset(self) -> None:
        """Search or sort changed: a new list, from the top."""
        self._anchor = _Anchor()
        if self.is_mounted:  # else on_mount loads
            self._load()

    def _load(self) -> None:
        """Read the list for the current search and sort: the rows around the anchor first,
        the count once they are in (a keystroke's rows need not share the CPU with it)."""
        window = self._incoming = _Window(self._query())
        for page in self._anchor.pages:
            self._request_page(window, page)

    def _query(self) -> ListQuery:
        return ListQuery(self.search, self.sort, self.app.config.default_cadence_days)

    def _request_page(self, window: _Window, page: int) -> None:
        if page in window.requested or page in window.pages:
            return
        window.requested.add(page)
        self.app.run_query(lambda: read_page(window.query, page),
                           lambda lines: self._page_loaded(window, page, lines),
                           group=PAGE_GROUP.format(page),
                           could_not=f"read {window.rows_words(page)}",
                           failed=lambda _: window.forget_request(page))

    def _request_count(self, window: _Window) -> None:
        """Count the rows, unless a short page already told how many there are."""
        if window.count is not None or window.counting:
            return
        window.counting = True
        self.app.run_query(lambda: count_lines(window.query),
                           lambda count: self._counted(window, count), group=COUNT_GROUP,
                           could_not="count the contacts", holds_keys=False,
                           failed=lambda _: window.forget_counting())

    def _page_loaded(self, window: _Window, page: int, lines: list[ListLine]) -> None:
        window.store(page, lines)
        if window is self._incoming or window is self._window:
            self._request_count(window)
        self._window_updated(window)

    def _counted(self, window: _Window, count: int) -> None:
        window.count = count
        self._window_updated(window)

    def _window_updated(self, window: _Window) -> None:
        if window is self._incoming:
            self._show_if_ready()
        elif window is self._window:
            self._window_changed()

    def _show_if_ready(self) -> None:
        """Swap the incoming window in once the rows around its anchor are loaded (and,
        after a reload, counted: the cursor must not land past the end)."""
        window, anchor = self._incoming, self._anchor
        assert window is not None
        if any(page not in window.pages for page in anchor.pages):
            return
        if anchor.contact_id is not None and window.count is None:
            return
        self._window, self._incoming = window, None
        found = window.index_of(anchor.contact_id) if anchor.contact_id is not None else None
        self._cursor = found if found is not None else anchor.index
        self._window_changed()

    def _window_changed(self) -> None:
        """New rows or a new count arrived for the window on screen."""
        window = self._window
        assert window is not None
        self.virtual_size = Size(0, window.length)
        scrollbar_before_layout(self, window.length)
        self._cursor = clamp(self._cursor, 0, max(0, window.length - 1))
        if window.count == 0:
            self._select_when_loaded = False
        self._keep_cursor_in_view()
        self._read_ahead()
        self.refresh()
        if window.count is not None and window.count != self._announced_count:
            self._announced_count = window.count
            self.post_message(self.Counted(window.count))
        self._announce_highlight()
        self._select_if_loaded()

    def _announce_highlight(self) -> None:
        """Say which contact the cursor is on, once its row is loaded and if it changed."""
        contact_id = self.highlighted_contact_id
        if contact_id is None and self.count:
            return  # its page is on the way
        if contact_id != self._announced:
            self._announced = contact_id
            self.post_message(self.Highlighted(contact_id))

    def _select_if_loaded(self) -> None:
        """Post a pending Selected once the cursor row of the latest query is loaded."""
        contact_id = self.highlighted_contact_id
        if self._select_when_loaded and contact_id is not None and self._incoming is None:
            self._select_when_loaded = False
            self.post_message(self.Selected(contact_id))

    # --- the cursor -----------------------------------------------------------------------

    def _move_cursor(self, index: int) -> None:
        self._select_when_loaded = False
        if not self.count:
            return
        old, self._cursor = self._cursor, clamp(index, 0, self.count - 1)
        self.refresh_line(old)
        self.refresh_line(self._cursor)
        self._keep_cursor_in_view()
        self._announce_highlight()

    def _keep_cursor_in_view(self) -> None:
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif height and self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False)

    def on_resize(self) -> None:
        self._keep_cursor_in_view()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._read_ahead()

    def _read_ahead(self) -> None:
        """Ask for the rows a screenful above and below the view, so that paging and
        scrolling find them loaded instead of drawing placeholders."""
        window = self._window
        if window is None:
            return
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        last_row = top + 2 * height
        if window.count is not None:
            last_row = min(last_row, window.count - 1)
        for page in range(max(0, top - height) // PAGE_SIZE, last_row // PAGE_SIZE + 1):
            self._request_page(window, page)

    def action_cursor_down(self) -> None:
        self._move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_cursor(self._cursor - 1)

    def action_first(self) -> None:
        self._move_cursor(0)

    def action_last(self) -> None:
        self._move_cursor(self.count - 1)

    def action_page_down(self) -> None:
        self._move_cursor(self._cursor + max(1, self.scrollable_content_region.height))

    def action_page_up(self) -> None:
        self._move_cursor(self._cursor - max(1, self.scrollable_content_region.height))

    def action_select(self) -> None:
        self._select_when_loaded = bool(self.count)
        self._select_if_loaded()

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("contact_row")
        if row is not None:
            self._move_cursor(row)
            self.action_select()

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        window, index = self._window, self.scroll_offset.y + y
        if window is None or index >= window.length:
            message = NO_MATCHES if window and window.query.search.strip() else NO_CONTACTS
            if window is not None and window.count == 0 and y < len(message):
                return self._message_line(message[y], width)
            return Strip.blank(width, self.rich_style)
        line = window.line(index)
        if line is None:
            self._request_page(window, index // PAGE_SIZE)
            return self._placeholder_line(index, width)
        return self._contact_line(line, index, width)

    def _contact_line(self, line: ListLine, index: int, width: int) -> Strip:
        columns = _Columns.for_width(width)
        on_cursor = index == self._cursor
        base = self._cursor_style if on_cursor else self.rich_style
        # On the cursor row the marker alone tells the health: colour would fight the bar.
        health_style = base if on_cursor else self._style(f"contact-list--{line.health}")
        segments = [Segment(MARKERS[line.health] + " ", health_style),
                    *self._name_segments(line, columns.name, base, on_cursor)]
        if columns.circle:
            circle_style = base if on_cursor else self._style("contact-list--circle")
            segments.append(Segment(" " + _fit(line.circle, columns.circle, at_a_word=True),
                                    circle_style))
        if columns.since:
            segments.append(Segment(" " + line.since.rjust(columns.since), health_style))
        return self._row_strip(segments, index, width, base)

    def _name_segments(self, line: ListLine, width: int, base: Style,
                       on_cursor: bool) -> list[Segment]:
        """The name in ``width`` cells, and after it, muted, what tells it from another of
        the same name: "Zoë Takahashi (Acme)"."""
        if not line.aside or cell_len(line.name) + 2 >= width:
            return [Segment(_fit(line.name, width), base)]
        aside = _fit(f" ({line.aside})", width - cell_len(line.name))
        aside_style = base if on_cursor else self._style("contact-list--circle")
        return [Segment(line.name, base), Segment(aside, aside_style)]

    def _placeholder_line(self, index: int, width: int) -> Strip:
        style = (self._cursor_style if index == self._cursor
                 else self._style("contact-list--placeholder"))
        return self._row_strip([Segment("  " + PLACEHOLDER, style)], index, width, style)

    def _message_line(self, text: str, width: int) -> Strip:
        style = self._style("contact-list--empty")
        return Strip([Segment(_fit(" " + text, width), style)], width)

    @staticmethod
    def _row_strip(segments: list[Segment], index: int, width: int, style: Style) -> Strip:
        """A full-width row that knows which row it is (for mouse clicks)."""
        strip = Strip(segments).adjust_cell_length(width, style)
        return strip.apply_meta({"contact_row": index})

    @property
    def _cursor_style(self) -> Style:
        return self._style("contact-list--cursor")

    def _style(self, component: str) -> Style:
        """A component's full style: "auto" colours (as in $text-muted) need the background."""
        return self.get_component_rich_style(component)
