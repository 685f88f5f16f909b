"""Who knows whom around a contact."""

from functools import partial

from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netgarden_tui.garden.names import told_apart
from netgarden_tui.store import queries
from netgarden_tui.store.records import Acquaintance
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.tending.base import ListModal, list_bindings
from netgarden_tui.tui.text import styled


def read_acquaintances(contact_id: int) -> list[Acquaintance]:
    """Who knows whom around a contact, a name others have too told apart."""
    people = queries.acquaintances(contact_id)
    names = dict(told_apart([(person.contact_id, person.contact) for person in people]))
    return [person._replace(contact=names[person.contact_id]) for person in people]


@keys_in_help("Who knows whom (w)", order=160)
class AcquaintancesModal(ListModal):
    """Who knows whom around a contact: who introduced them, whom they introduced, whom you
    introduced them to, who they met with you. Dismisses with the id picked (the caller
    opens that person), or None."""

    TITLE_TEMPLATE = "Who knows [b]$name[/b]"
    LIST_ID = "people"
    KEYS = "enter open · esc close"
    BINDINGS = list_bindings("acquaintances", "Close without opening anyone")

    def load(self) -> None:
        self.app.run_query(partial(read_acquaintances, self.contact_id), self._show,
                           group="acquaintances")

    def _show(self, people: list[Acquaintance]) -> None:
        if not self.is_attached:  # closed while they were read
            return
        self.show_options(
            [Option(styled("[b]$name[/b]  [dim]$how[/]", name=person.contact, how=person.how),
                    id=str(person.contact_id)) for person in people],
            empty="Nobody yet: introductions, and touches logged with others too, show here")

    @on(OptionList.OptionSelected, "#people")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))
