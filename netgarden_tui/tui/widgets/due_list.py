"""The Due pane: today's queue, each item with its reasons in words."""

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.queue_items import IntroductionSuggested, QueueItem
from netgarden_tui.garden.reason_words import introduction_lines, reason_text
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.card import MUTED
from netgarden_tui.tui.widgets.scrollbars import scrollbar_before_layout


def item_name(item: QueueItem, nobody: str = "Your garden") -> Content:
    """The item's contact in bold (``nobody`` for the regroup review) and, muted, what
    tells them from another of the same name: "Zoë Takahashi (Acme)"."""
    name = safe(item.contact or nobody).stylize("bold")
    if not item.aside:
        return name
    return Content.assemble(name, " ", safe(f"({item.aside})").stylize(MUTED))


def item_prompt(item: QueueItem, today: pendulum.Date) -> Content:
    """Name and lateness on the first line, one line per reason, then what to reach out
    about."""
    lateness = f"  {item.overdue_days}d late" if item.overdue_days else ""
    lines = [Content.assemble(item_name(item), (lateness, "$error"))]
    for reason in item.reasons:  # the words already say what kind of reason it is
        if isinstance(reason, IntroductionSuggested):  # two lines: who looks, who offers
            looking, offering = introduction_lines(reason)
            lines.append(Content.assemble(("  · ", "$text-muted"), safe(looking)))
            lines.append(Content.assemble("    ", safe(offering)))
            lines.append(Content.styled("    i introduces them · x: not these two", "$text-muted"))
            continue
        lines.append(Content.assemble(("  · ", "$text-muted"), safe(reason_text(reason, today))))
    if item.suggestion:
        lines.append(Content.assemble(("  → ", "$accent"), safe(item.suggestion).stylize("italic")))
    return Content("\n").join(lines)


def option_height(option: Option) -> int:
    """Lines an option takes: its prompt's lines (the pane does not wrap them)."""
    return option.prompt.plain.count("\n") + 1


LEGEND = ("An item: its name (13d late: past due by 13 days), a line",
          "per reason (·), then what to reach out about (→)")


# An empty queue, in a garden with people in it, and in one with nobody yet.
NOTHING_DUE = {False: "Nothing due today. The garden is tended.",
               True: "Nothing due: your garden is empty.\n"
                     "ctrl+p Set up… brings in your address book."}


@keys_in_help("Due", order=40, legend=LEGEND)
class DueList(OptionList):
    """Queue items as options; highlighting one shows that person in History."""

    # Priority, like the main screen's keys: handled in the order typed, so "j j l" in one
    # burst (a slow link) moves before the log opens, on the item it moved to.
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="due.down", priority=True,
                tooltip="Next item"),
        Binding("k,up", "cursor_up", "Up", show=False, id="due.up", priority=True,
                tooltip="Previous item"),
        Binding("g,home", "first", "Top", show=False, id="due.top", priority=True,
                tooltip="First item"),
        Binding("G,end", "last", "Bottom", show=False, id="due.bottom", priority=True,
                tooltip="Last item"),
        Binding("pageup", "page_up", "Page up", show=False, id="due.page_up", priority=True,
                tooltip="A page up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="due.page_down",
                priority=True, tooltip="A page down"),
        Binding("enter", "select", "Open", id="due.open",
                tooltip="Open the person in History (a let-go or regroup item: start it)"),
    ]

    class _ItemMessage(Message):
        def __init__(self, item: QueueItem) -> None:
            super().__init__()
            self.item = item

    class ItemHighlighted(_ItemMessage):
        """The cursor is on another item."""

    class ItemSelected(_ItemMessage):
        """Enter (or a click) on an item."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list[QueueItem] = []
        self._moving_on_from: int | None = None  # see move_on_from
        self._going_to: int | None = None  # see go_to
        self._empty_garden = False  # nobody in the garden: an empty queue says what next
        self._queue_in = False  # whether a queue (maybe empty) has come in
        # Until the queue is in: on a big garden, a moment after the first frame.
        self.show_message("Reading today's queue…")

    def move_on_from(self, contact_id: int | None) -> None:
        """When the queue next comes in, go on from this person's item to the one that
        came after it, whether their item stays, moves or goes: something was just done
        with it."""
        self._moving_on_from = contact_id

    def go_to(self, contact_id: int) -> None:
        """When the queue next comes in, put the cursor on this person if they are in it:
        someone an undo brought back, whom the next key should act on."""
        self._going_to = contact_id

    def show_items(self, items: list[QueueItem], total: int) -> None:
        """Replace the queue, keeping your place: the cursor stays on the same person when
        they are still due (or goes on from them, see move_on_from), else on the item that
        took their place; a last line says how many more of ``total`` are due than shown."""
        self._queue_in = True
        if not items:
            self.show_message(NOTHING_DUE[self._empty_garden])
            return
        keep = self.highlighted_item.contact_id if self.highlighted_item else None
        place = self.highlighted or 0
        if keep is not None and keep == self._moving_on_from:
            # The next person not yet seen to, wherever the reload puts them: a person
            # logged or done may stay due and move down past the next ones.
            following = self.items[place + 1:place + 2]
            keep = following[0].contact_id if following else keep
        if any(item.contact_id == self._going_to for item in items):
            keep = self._going_to
        self._moving_on_from = self._going_to = None
        self.items = items
        self.clear_options()
        today = clock.today()
        self.add_options(Option(item_prompt(item, today)) for item in self.items)
        if total > len(items):
            self.add_option(self._note(f"…and {total - len(items)} more"))
        scrollbar_before_layout(self, sum(option_height(option) for option in self.options))
        index = next((i for i, item in enumerate(self.items) if item.contact_id == keep), None)
        if index is None:
            index = place
        self.highlighted = min(index, len(self.items) - 1)

    def hint(self, empty_garden: bool) -> None:
        """Whether the garden has nobody in it: then an empty queue points to the next
        step, not to a garden well tended."""
        if empty_garden != self._empty_garden:
            self._empty_garden = empty_garden
            if self._queue_in and not self.items:
                self.show_message(NOTHING_DUE[empty_garden])

    def show_message(self, text: str) -> None:
        """A line in place of the queue: it is empty, or could not be read."""
        self.items = []
        self.clear_options()
        self.add_option(self._note(text))

    @staticmethod
    def _note(text: str) -> Option:
        """A line that is not a queue item: the cursor passes it by."""
        return Option(Content.styled(text, "$text-muted"), disabled=True)

    def action_last(self) -> None:
        """The last item, scrolled up far enough to show the line below it, if any (how
        many more are due)."""
        super().action_last()
        self.scroll_end(animate=False, immediate=True)

    @property
    def highlighted_item(self) -> QueueItem | None:
        if self.highlighted is None or not self.items or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if (item := self.highlighted_item) is not None:
            self.post_message(self.ItemHighlighted(item))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (item := self.highlighted_item) is not None:
            self.post_message(self.ItemSelected(item))
