"""People you exchange mail with who are not in your garden (counted by capture): add one
with a key, or ignore them for good."""

from textual.binding import Binding
from textual.widgets.option_list import Option

from netgarden_tui import clock
from netgarden_tui.garden import capture
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import local
from netgarden_tui.store.capture import UnknownAddress
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.tending.base import ListModal, list_bindings
from netgarden_tui.tui.text import styled


def suggestion_line(row: UnknownAddress) -> Option:
    """ "Jo Bloggs jo@example.com  5 sent · 3 received · last 17 Nov"."""
    last = short_date(local(row.last_at).date(), today=clock.today(), weekday=False)
    counts = f"{row.sent} sent · {row.received} received · last {last}"
    template = "[b]$name[/b] $address  [dim]$counts[/]" if row.name else "$address  [dim]$counts[/]"
    return Option(styled(template, name=row.name, address=row.address, counts=counts),
                  id=row.address)


@keys_in_help("People you write to (ctrl+p)", order=255)
class SuggestionsModal(ListModal):
    """Addresses you exchanged mail with both ways, three messages or more, that no contact
    has: ``a`` adds the highlighted one (their name, the address, and a touch for the mail
    so far), ``x`` never suggests it again. Each is one undo step."""

    CSS_PATH = "tending/tending.tcss"
    TITLE_TEMPLATE = "People you write to, not in your garden"
    LIST_ID = "suggestions"
    KEYS = "a add · x ignore for good · u undo · esc close"
    BINDINGS = [
        Binding("a", "add", "Add", id="suggestions.add",
                tooltip="Add the highlighted person: their name, their address, and a touch "
                        "for the mail so far"),
        Binding("x", "ignore", "Ignore", id="suggestions.ignore",
                tooltip="Never suggest the highlighted address again"),
        Binding("u", "app.undo", "Undo", id="suggestions.undo",
                tooltip="Undo the last change: the last add or ignore made here, or anything "
                        "before"),
        *list_bindings("suggestions", "Close (each add or ignore is saved as you make it)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, UnknownAddress] = {}

    def load(self) -> None:
        self.app.run_query(capture.suggestions, self._show, group="suggestions")

    def on_garden_changed(self, _: GardenChanged) -> None:
        self.load()  # an add or an ignore made here, an undo, a capture

    def _show(self, found: list[UnknownAddress]) -> None:
        if not self.is_attached:  # closed while they were read
            return
        self.rows = {row.address: row for row in found}
        self.show_options([suggestion_line(row) for row in found],
                          empty="No one to suggest: nobody you exchange mail with both ways "
                                "(3 messages or more) is missing from your garden")

    def _highlighted(self) -> UnknownAddress | None:
        option = self.listed.highlighted_option
        if option is None or not self.listed.display:
            self.app.bell()
            return None
        return self.rows[option.id]

    def action_add(self) -> None:
        row = self._highlighted()
        if row is None:
            return
        shown = f"{row.name} <{row.address}>" if row.name else row.address
        self.app.perform(f"add {shown} from your mail", lambda: capture.add_suggested(row.address),
                         done=lambda _: self.notify(f"Added {shown} (u undoes)"))

    def action_ignore(self) -> None:
        row = self._highlighted()
        if row is None:
            return
        self.app.perform(f"ignore {row.address}", lambda: capture.ignore_suggested(row.address),
                         done=lambda _: self.notify(f"{row.address} will not be suggested "
                                                    "again (u undoes)"))
