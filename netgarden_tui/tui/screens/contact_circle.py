"""One contact's place among the circles: ``MoveCircleModal`` moves them to another circle
with one key (a circle's number or first letter) and says so in a notification;
``CadenceModal`` sets their own days between touches. Each does its write itself, as one
undo step. The main screen opens the move (``m``), the regroup both.
"""

from dataclasses import dataclass
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.garden import tending
from netgarden_tui.store import queries
from netgarden_tui.store.records import CircleRecord, ContactCard
from netgarden_tui.tui.circle_health import NO_CIRCLE
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.form import FormModal, number
from netgarden_tui.tui.text import safe, styled


# --- moving a contact to another circle ---------------------------------------------------------

@dataclass(frozen=True)
class MoveChoices:
    circles: list[CircleRecord]
    card: ContactCard | None


def load_move_choices(contact_id: int, default_cadence: int) -> MoveChoices:
    return MoveChoices(queries.circles(),
                       queries.contact_card(contact_id, default_cadence=default_cadence))


@dataclass(frozen=True)
class Destination:
    circle: str | None  # None: no circle
    key: str  # the number that picks it: "1".."9", "0" for no circle, "" past nine
    cadence_days: int

    @property
    def letter(self) -> str:
        return (self.circle or NO_CIRCLE)[:1].lower()


@keys_in_help("Move to a circle (m)", order=190)
class MoveCircleModal(ModalScreen[str | None]):
    """Move one contact to another circle: a circle's number or first letter picks and
    moves at once (a letter shared by several circles steps through them; enter then picks),
    as do j/k or the arrows then enter. Dismisses with the circle moved to ("" for no
    circle), or None when nothing moved; the move is one undo step, and it says so itself.
    """

    CSS_PATH = "circles.tcss"
    BINDINGS = [
        Binding("j", "cursor(1)", "Down", show=False, id="move_circle.down",
                tooltip="Highlight the next circle"),
        Binding("k", "cursor(-1)", "Up", show=False, id="move_circle.up",
                tooltip="Highlight the previous circle"),
        Binding("escape", "cancel", "Cancel", id="move_circle.cancel",
                tooltip="Close without moving"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact_name = name
        self.destinations: list[Destination] = []
        self.current: str | None = None
        self.loaded = False
        self.moving = False
        self.typed_early = ""  # keys pressed before the circles arrived, played after

    def compose(self) -> ComposeResult:
        options = OptionList(Option(Content.styled("loading the circles…", "$text-muted"),
                                    disabled=True), id="circles")
        options.border_title = styled("Move [b]$name[/b] to", name=self.contact_name)
        options.border_subtitle = "number or letter · enter · esc"
        yield options

    def on_mount(self) -> None:
        self.app.run_query(partial(load_move_choices, self.contact_id,
                                   self.app.config.default_cadence_days),
                           self._show, group="move circle", failed=lambda _: self.dismiss(None))

    def _show(self, choices: MoveChoices) -> None:
        if not self.is_attached:
            return
        if choices.card is None:
            self.notify("That contact is gone", severity="warning")
            self.dismiss(None)
            return
        self.current = choices.card.circle
        self.destinations = [
            Destination(circle.name, str(number) if number <= 9 else "", circle.cadence_days)
            for number, circle in enumerate(choices.circles, 1)]
        self.destinations.append(Destination(None, "0", self.app.config.default_cadence_days))
        options = self.query_one(OptionList)
        options.set_options(Option(self._prompt(destination)) for destination in self.destinations)
        options.highlighted = next((index for index, destination in enumerate(self.destinations)
                                    if destination.circle == self.current), 0)
        options.focus()
        self.loaded = True
        for key in self.typed_early:
            self._pick_by_key(key)

    def _prompt(self, destination: Destination) -> Content:
        name = safe(destination.circle) if destination.circle else Content(NO_CIRCLE)
        name = name.stylize("underline", 0, 1)  # its first letter picks it too
        now = destination.circle == self.current
        return Content.assemble((f"{destination.key or ' '} ", "bold $accent"), name,
                                (f"  every {destination.cadence_days}d", "$text-muted"),
                                ("  (now)", "italic $text-muted") if now else "")

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        """A number or a letter picks; bound keys (j, k, escape, enter...) are left alone."""
        if not event.is_printable or event.key in self.active_bindings or not event.character:
            return
        event.stop()
        event.prevent_default()
        if self.loaded:
            self._pick_by_key(event.character)
        else:
            self.typed_early += event.character

    def _pick_by_key(self, character: str) -> None:
        if self.moving:
            return
        wanted = character.lower()
        by_number = [i for i, d in enumerate(self.destinations) if d.key == wanted]
        matches = by_number or [i for i, d in enumerate(self.destinations) if d.letter == wanted]
        if not matches:
            self.app.bell()
            return
        if len(matches) == 1:
            self._move(self.destinations[matches[0]])
            return
        options = self.query_one(OptionList)  # several start with it: step through them
        current = -1 if options.highlighted is None else options.highlighted
        later = [index for index in matches if index > current]
        options.highlighted = (later or matches)[0]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if self.loaded:
            self._move(self.destinations[event.option_index])

    def _move(self, destination: Destination) -> None:
        if self.moving:
            return
        name, circle = self.contact_name, destination.circle
        if circle == self.current:
            self.notify(f"{name} is already in {circle or 'no circle'}")
            self.dismiss(None)
            return
        self.moving = True
        where = circle or "no circle"

        def moved(_) -> None:
            self.notify(f"moved {name} to {where} (u undoes it)")
            self.dismiss(circle or "")

        def failed(_message: str) -> None:
            self.moving = False

        self.app.perform(f"move {name} to {where}",
                         partial(tending.move_to_circle, self.contact_id, circle),
                         done=moved, failed=failed)

    def action_cancel(self) -> None:
        if not self.moving:
            self.dismiss(None)


# --- a contact's own cadence ---------------------------------------------------------------------

@keys_in_help("Cadence (c in the regroup)", order=230)
class CadenceModal(FormModal[int | None]):
    """A contact's own days between touches; empty goes back to their circle's. Dismisses
    with the days now in force (their own, or the circle's), or None when cancelled."""

    CSS_PATH = "circles.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="cadence.save",
                tooltip="Save the cadence (enter saves too)"),
        Binding("escape", "cancel", "Cancel", id="cadence.cancel",
                tooltip="Close without changing the cadence"),
    ]

    def __init__(self, contact_id: int, name: str, *, own_days: int | None, circle: str | None,
                 circle_days: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact_name = name
        self.initial = str(own_days or "")
        self.circle = circle
        self.circle_days = circle_days

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = styled("How often with [b]$name[/b]?", name=self.contact_name)
            dialog.border_subtitle = "enter save · esc cancel"
            with Horizontal(classes="row"):
                yield Static("Every", classes="label")
                yield Input(self.initial, id="days", compact=True, type="integer", max_length=4)
                yield Static("days", classes="hint")
            whose = (styled("[b]$circle[/b]'s", circle=self.circle) if self.circle
                     else Content("the default"))
            yield Static(Content.assemble("Empty: back to ", whose,
                                          f" ({self.circle_days} days)."), id="cadence-hint")
            yield Static(id="status")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#days", Input))

    def typed_anything(self) -> bool:
        return self.query_one("#days", Input).value.strip() != self.initial

    def discard_question(self) -> str:
        return f"Throw away the new cadence for {self.contact_name}?"

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#days", Input).value
        contact_id, circle_days = self.contact_id, self.circle_days

        def save() -> int:
            days = number(text, "every") if text.strip() else None
            tending.set_cadence(contact_id, days)
            return days or circle_days

        self.save_with(f"cadence of {self.contact_name}", save)
