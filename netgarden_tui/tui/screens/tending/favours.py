"""The favours with a contact, open ones first, and a key to settle each."""

from dataclasses import dataclass
from functools import partial

import pendulum
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from netgarden_tui import clock
from netgarden_tui.garden import tending
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import choice_words, local
from netgarden_tui.store import queries
from netgarden_tui.store.records import FavourBalance, FavourRecord
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.tending.base import ListModal, list_bindings
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.card import favour_words


@dataclass(frozen=True)
class ContactFavours:
    favours: list[FavourRecord]  # the open ones first, then the rest; newest first in each
    balance: FavourBalance


def load_favours(contact_id: int) -> ContactFavours:
    """A contact's favours and their give/take balance. Blocking: run it with run_query."""
    favours = sorted(queries.favours(contact_id=contact_id),
                     key=lambda favour: favour.status != "open")  # stable: newest first stays
    balance = queries.favour_balance(contact_id)
    return ContactFavours(favours, balance)


def favour_line(favour: FavourRecord, today: pendulum.Date) -> Content:
    """ "you asked · reference — a letter for the bar · open · 3 Nov" (the day logged)."""
    who, what = favour_words(favour, today)
    logged = short_date(local(favour.created_at).date(), today=today, weekday=False)
    shown_status = "[b]$status[/b]" if favour.status == "open" else "$status"
    return styled(f"$who · $what · {shown_status} · [dim]$logged[/]", who=who, what=what,
                  status=choice_words(favour.status), logged=logged)


@keys_in_help("Favours (b)", order=120)
class FavoursModal(ListModal):
    """A contact's favours, open ones first, with the give/take balance on top; a key marks
    the highlighted one delivered, declined, not answered or open again (one write and one
    undo step each). Asks marked declined or not answered feed the "don't push your luck"
    warning."""

    TITLE_TEMPLATE = "Favours with [b]$name[/b]"
    LIST_ID = "favours"
    KEYS = "d delivered · x declined · n no answer · o open again · u undo · esc close"
    BINDINGS = [
        Binding("d", "mark('delivered')", "Delivered", id="favours.delivered",
                tooltip="Mark the highlighted favour delivered: done, by you or by them"),
        Binding("x", "mark('declined')", "Declined", id="favours.declined",
                tooltip="Mark the highlighted favour declined"),
        Binding("n", "mark('no_answer')", "No answer", id="favours.no_answer",
                tooltip="Mark the highlighted favour not answered (an ask left to drop)"),
        Binding("o", "mark('open')", "Open again", id="favours.open",
                tooltip="Mark the highlighted favour open again"),
        # The app's u does not reach into a modal: the same undo, bound here.
        Binding("u", "app.undo", "Undo", id="favours.undo",
                tooltip="Undo the last change: the last mark made here, or anything before"),
        *list_bindings("favours", "Close (each change is saved as you make it; u undoes)"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(contact_id, name)
        self.favours: dict[str, FavourRecord] = {}  # the favours listed, by option id

    def above_list(self) -> ComposeResult:
        yield Static(id="balance")

    def load(self) -> None:
        self.app.run_query(partial(load_favours, self.contact_id), self._show, group="favours")

    def on_garden_changed(self, _: GardenChanged) -> None:
        self.load()  # a status marked here, or an undo

    def _show(self, loaded: ContactFavours) -> None:
        if not self.is_attached:  # closed while they were read
            return
        balance = loaded.balance
        self.query_one("#balance", Static).update(
            Content(f"gave {balance.gave} · took {balance.took}"))
        self.favours = {str(favour.id): favour for favour in loaded.favours}
        today = clock.today()
        self.show_options([Option(favour_line(favour, today), id=key)
                           for key, favour in self.favours.items()],
                          empty="No favours yet: f on the main screen logs one")

    def action_mark(self, status: str) -> None:
        option = self.listed.highlighted_option
        if option is None:
            self.app.bell()
            return
        favour = self.favours[option.id]
        _, what = favour_words(favour, clock.today())
        words = choice_words(status)
        if favour.status == status:
            self.notify(f"Already {words}: {what}")
            return
        self.app.perform(f"mark a favour {words}: {self.contact_name}",
                         lambda: tending.set_favour_status(favour.id, status),
                         done=lambda _: self.notify(f"Marked {words}: {what} (u undoes)"))
