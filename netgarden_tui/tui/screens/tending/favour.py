"""A favour offered, given, asked or received; before an ask, the "don't push your luck"
check."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from netgarden_tui.garden import tending
from netgarden_tui.garden.display import choice_words
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.tending.base import PICK_HINT, TendingForm, form_bindings
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.date_field import DateField, today_or_after
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings
from netgarden_tui.vocabulary import FAVOUR_KINDS, FAVOUR_STATUSES

FAVOUR_CHOICES = (
    KeyChoice("offered", "offered", "o"), KeyChoice("given", "given", "g"),
    KeyChoice("asked", "asked", "a"), KeyChoice("received", "received", "r"),
)

# What each direction means.
FAVOUR_MEANINGS = {
    "offered": "you offered it: open until you deliver", "given": "you did it for them",
    "asked": "you asked them: open until they answer", "received": "they did it for you",
}


@keys_in_help("Favour (f)", order=110)
class FavourModal(TendingForm):
    """Log a favour offered, given, asked or received.

    An ask of someone whose last asks were all declined or unanswered first shows the
    "don't push your luck" warning, and saves only on "Ask anyway".
    """

    TITLE_TEMPLATE = "A favour with [b]$name[/b]"
    BINDINGS = [
        *form_bindings("favour", "the favour"),
        *choice_bindings("favour", FAVOUR_CHOICES, "direction"),
        Binding("alt+k", "choose_kind", "Kind", id="favour.kind", priority=True,
                tooltip="Open the list of kinds of favour (type to jump, enter to pick)"),
        Binding("alt+s", "turn_status", "Status", id="favour.status", priority=True,
                tooltip="Turn the status: open, delivered, declined, no answer"),
        Binding("ctrl+f", "focus_deadline", "Deadline", id="favour.deadline", priority=True,
                tooltip="Jump to the day you promised it by (offered favours)"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(contact_id, name)
        self.status = tending.first_favour_status("offered")

    def fields(self) -> ComposeResult:
        yield self.row("Direction", KeyPicker(FAVOUR_CHOICES, "offered", id="direction"))
        yield Static(PICK_HINT, classes="hint")
        yield self.row("Kind", Select([(kind, kind) for kind in FAVOUR_KINDS], value="other",
                                      allow_blank=False, compact=True, id="kind"),
                       Static("alt+k", classes="key"))
        yield self.row("What", Input(placeholder="an intro to their CTO", id="text",
                                     compact=True))
        deadline = DateField(placeholder="2w, fri, 12-01", id="deadline", meaning_id="meaning",
                             blank="when you will deliver (ctrl+f)", reader=today_or_after)
        yield self.row("By", deadline, deadline.meaning, id="deadline-row")
        yield self.row("Status", Button(self._status_label(), id="status-button", compact=True,
                                        action="screen.turn_status"))
        yield Static(FAVOUR_MEANINGS["offered"], id="direction-meaning")

    def _status_label(self) -> Content:
        return styled("$status [dim]alt+s[/]", status=choice_words(self.status))

    def _show_status_choice(self) -> None:
        self.query_one("#status-button", Button).label = self._status_label()

    @on(KeyPicker.Changed, "#direction")
    def _direction_changed(self, event: KeyPicker.Changed) -> None:
        self.query_one("#deadline-row").display = event.value == "offered"
        self.query_one("#direction-meaning", Static).update(FAVOUR_MEANINGS[event.value])
        self.status = tending.first_favour_status(event.value)
        self._show_status_choice()

    def action_turn_status(self) -> None:
        self.status = FAVOUR_STATUSES[(FAVOUR_STATUSES.index(self.status) + 1)
                                      % len(FAVOUR_STATUSES)]
        self._show_status_choice()

    def action_choose_kind(self) -> None:
        kind = self.query_one("#kind", Select)
        self.set_focus(kind)
        kind.expanded = True

    def action_focus_deadline(self) -> None:
        if self.query_one(KeyPicker).value == "offered":
            self.set_focus(self.query_one("#deadline", Input))

    def action_save(self) -> None:
        if self.saving:
            return
        direction = self.query_one(KeyPicker).value
        due_on = None
        if direction == "offered":
            deadline = self.query_one("#deadline", DateField)
            due_on = deadline.read_day()
            if deadline.problem:
                self.show_status("Not saved: the deadline needs a day it can read, like fri "
                                 "or 2w", error=True)
                self.action_focus_deadline()
                return
        write = partial(tending.log_favour, self.contact_id, direction,
                        self.query_one("#kind", Select).value, self.query_one("#text", Input).value,
                        due_on=due_on, status=self.status)
        label = f"log a favour {direction}: {self.contact_name}"
        if direction != "asked":
            self.save_with(label, write)
            return
        self.saving = True  # a second ctrl+s or an escape waits for the check
        self.show_status("checking your last asks…")
        self.app.run_query(partial(tending.pushed_luck_warning, self.contact_id,
                                   self.contact_name),
                           partial(self._ask_unless_warned, label, write),
                           group="favour-pushed-luck", failed=self._not_saved)

    def _ask_unless_warned(self, label: str, write, warning: str | None) -> None:
        self.saving = False
        if warning is None:
            self.save_with(label, write)
            return
        self.show_status("")

        def answered(ask_anyway: bool | None) -> None:
            if ask_anyway:
                self.save_with(label, write)
            else:
                self.show_status("Not asked: nothing saved (make it smaller, or esc to leave)")

        self.app.push_screen(ConfirmModal(warning, yes="Ask anyway", no="Don't ask"), answered)

    def typed_anything(self) -> bool:
        return self.typed("#text", "#deadline")

    def discard_question(self) -> str:
        return f"Throw away this favour with {self.contact_name}?"
