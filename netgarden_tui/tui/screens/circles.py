"""Circles: each circle's health, and the modals that put people in circles and pace them.

``CirclesScreen`` lists the circles (and "No circle", the contacts in none) with how their
contacts are doing today: how many, due, overdue by more than a week, one-sided. ``a`` adds
a circle, ``e``/``enter`` edits one, ``x`` deletes one (its contacts stay, in no circle).
A circle saved or deleted is written to the garden and to the config file, and the app
keeps the new config.

``MoveCircleModal`` moves one contact to another circle with one key (a circle's number or
first letter) and says so in a notification; ``CadenceModal`` sets a contact's own days
between touches. Each does its write itself, as one undo step.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden import tending
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.store import queries
from netgarden_tui.store.records import CircleHealth, CircleRecord, ContactCard
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.form import FormModal
from netgarden_tui.tui.text import safe, styled
from netgarden_tui.tui.widgets.key_bar import KeyBar

OVERDUE_AFTER_DAYS = 7  # "overdue" on this screen: late by more than a week
NAME_COLUMN_WIDTH = 24  # longer names are cut in the table; the line below it has them whole
NO_CIRCLE = "No circle"
COLUMNS = ("Circle", "Priority", "Every", "People", "Due", "Overdue", "One-sided")


def load_health(config: Config) -> list[CircleHealth]:
    return queries.circle_health(clock.today(), one_sided_after=config.one_sided_after,
                                 overdue_after_days=OVERDUE_AFTER_DAYS)


def circle_title(circle: CircleHealth, *, muted: str = "$text-muted") -> Content:
    """The circle's name, or "No circle" (in italics, ``muted``) for the contacts in none.
    In a DataTable cell, pass muted="dim": the cell does not resolve $variables."""
    if circle.circle_id is None:
        return Content.styled(NO_CIRCLE, f"italic {muted}")
    return safe(circle.name)


def health_words(circle: CircleHealth, *, default_cadence: int, named: bool = True) -> Content:
    """ "Clients: priority 1, every 30 days. 12 contacts: 3 due, 1 overdue by more than a
    week, 2 one-sided." (without "Clients: " when not ``named``)."""
    if circle.circle_id is None:
        about = f"in no circle, every {default_cadence} days (the default). "
    else:
        about = f"priority {circle.priority}, every {circle.cadence_days} days. "
    if named:
        about = Content.assemble(circle_title(circle).stylize("bold"), ": ", about)
    else:
        about = Content(about[0].upper() + about[1:])
    if not circle.contacts:
        return Content.assemble(about, ("Nobody in it yet.", "$text-muted"))
    people = "1 contact" if circle.contacts == 1 else f"{circle.contacts} contacts"
    return Content.assemble(about, f"{people}: {circle.due} due, ",
                            (f"{circle.overdue} overdue", "$error" if circle.overdue else ""),
                            f" by more than a week, {circle.one_sided} one-sided.")


def cut(content: Content, width: int) -> Content:
    """``content`` in at most ``width`` cells, an ellipsis marking a cut."""
    return content if content.cell_length <= width else content.truncate(width, ellipsis=True)


def fill_table(table: DataTable, columns: Sequence[str], rows: Sequence[Sequence[Content]],
               keys: Sequence[str]) -> None:
    """Replace a table's columns and rows. DataTable measures a Content cell as one cell
    wide, so each column is given the width of its widest cell here."""
    table.clear(columns=True)
    for index, label in enumerate(columns):
        table.add_column(label, width=max([len(label), *(row[index].cell_length for row in rows)]))
    for key, row in zip(keys, rows):
        table.add_row(*row, key=key)


def number(text: str, what: str) -> int:
    """A whole number typed in a field; InvalidInput naming the field if it is not one."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"{what}: type a number")
    if not cleaned.isdigit():
        raise InvalidInput(f'{what}: "{cleaned}" is not a whole number')
    return int(cleaned)


# --- the circles and their health -------------------------------------------------------------

class CirclesScreen(Screen[None]):
    CSS_PATH = "circles.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", id="circles.add", tooltip="Add a circle"),
        Binding("e,enter", "edit", "Edit", id="circles.edit",
                tooltip="Change the highlighted circle's name, priority or cadence"),
        Binding("x", "delete", "Delete", id="circles.delete",
                tooltip="Delete the highlighted circle (its contacts stay, in no circle)"),
        Binding("j", "cursor(1)", "Down", show=False, id="circles.down",
                tooltip="Next circle"),
        Binding("k", "cursor(-1)", "Up", show=False, id="circles.up",
                tooltip="Previous circle"),
        Binding("escape,q", "close", "Back", id="circles.close",
                tooltip="Back to where you were"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.circles: list[CircleHealth] = []
        self.loaded = False
        self.select_name: str | None = None  # after a save: the circle to highlight

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Circles", "bold"), id="circles-title")
        yield DataTable(id="circles-table", cursor_type="row")
        yield Static(Content.styled("Loading the circles…", "$text-muted"), id="circles-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()

    def _load(self) -> None:
        self.app.run_query(partial(load_health, self.app.config), self._show, group="circles")

    def on_garden_changed(self, _: GardenChanged) -> None:
        self._load()

    def _show(self, circles: list[CircleHealth]) -> None:
        if not self.is_attached:
            return
        table = self.query_one(DataTable)
        row = table.cursor_row
        keys = [str(circle.circle_id) for circle in circles]
        if self.select_name is not None:  # just saved: that circle
            keep = next((key for key, circle in zip(keys, circles)
                         if circle.name == self.select_name), None)
        else:  # the same circle as before the reload
            keep = str(self.circle.circle_id) if self.circle else None
        self.select_name = None
        self.circles = circles
        self.loaded = True
        default_cadence = self.app.config.default_cadence_days
        fill_table(table, COLUMNS, [self._cells(circle, default_cadence) for circle in circles],
                   keys)
        if circles:
            table.move_cursor(row=keys.index(keep) if keep in keys else min(row, len(keys) - 1))
        self._show_detail()
        count = sum(1 for circle in circles if circle.circle_id is not None)
        self.query_one("#circles-title", Static).update(Content.assemble(
            ("Circles", "bold"), (f"  {count} · how each is doing today", "$text-muted")))

    @staticmethod
    def _cells(circle: CircleHealth, default_cadence: int) -> tuple[Content, ...]:
        name = cut(circle_title(circle, muted="dim"), NAME_COLUMN_WIDTH)
        if circle.circle_id is None:
            priority = Content.styled("—", "dim")
            every = Content(f"{default_cadence}d")
        else:
            priority, every = Content(str(circle.priority)), Content(f"{circle.cadence_days}d")
        overdue = Content.styled(str(circle.overdue), "red" if circle.overdue else "")
        return (name, priority, every, Content(str(circle.contacts)), Content(str(circle.due)),
                overdue, Content(str(circle.one_sided)))

    @property
    def circle(self) -> CircleHealth | None:
        """The highlighted row's circle (its ``circle_id`` None for "No circle")."""
        row = self.query_one(DataTable).cursor_row
        return self.circles[row] if self.loaded and 0 <= row < len(self.circles) else None

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        circle = self.circle
        detail = self.query_one("#circles-detail", Static)
        if circle is None:
            detail.update(Content.styled("No circles yet: a adds one.", "$text-muted"))
        else:
            default_cadence = self.app.config.default_cadence_days
            detail.update(health_words(circle, default_cadence=default_cadence))
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _edit_selected(self) -> None:
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete are dim on "No circle" (and before the circles arrive)."""
        if action in ("edit", "delete"):
            circle = self.circle
            return True if circle is not None and circle.circle_id is not None else None
        return True

    # --- keys ---------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def action_add(self) -> None:
        form = CircleFormModal(None)
        self.app.push_screen(form, partial(self._saved, form))

    def action_edit(self) -> None:
        circle = self.circle
        if circle is None or circle.circle_id is None:
            self.notify("No circle is where contacts in no circle show: it can't be edited",
                        markup=False)
            return
        form = CircleFormModal(circle)
        self.app.push_screen(form, partial(self._saved, form))

    def _saved(self, form: "CircleFormModal", config: Config | None) -> None:
        if config is None:
            return
        self.app.config = config
        self.select_name = form.saved_name
        self._load()  # GardenChanged came before the name to highlight was known

    def action_delete(self) -> None:
        circle = self.circle
        if circle is None or circle.circle_id is None:
            self.notify("No circle is not a circle: there is nothing to delete", markup=False)
            return
        name = circle.name
        people = {0: "It has no contacts.", 1: "Its 1 contact stays, in no circle."}.get(
            circle.contacts, f"Its {circle.contacts} contacts stay, in no circle.")

        def delete(yes: bool | None) -> None:
            if yes:
                self.app.perform(f"delete circle {name}",
                                 partial(tending.delete_circle, self.app.config, name),
                                 done=partial(self._deleted, name), undoable=False)

        self.app.push_screen(ConfirmModal(f'Delete the circle "{name}"? {people}',
                                          yes="Delete", no="Keep"), delete)

    def _deleted(self, name: str, config: Config) -> None:
        self.app.config = config
        self.notify(f'deleted the circle "{name}"', markup=False)

    def action_close(self) -> None:
        self.dismiss(None)


class CircleFormModal(FormModal[Config | None]):
    """Add (``circle`` None) or edit a circle: name, priority, cadence. Dismisses with the
    new config (written to the config file too), or None when cancelled."""

    CSS_PATH = "circles.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="circle_form.save",
                tooltip="Save the circle (enter in a field saves too)"),
        Binding("escape", "cancel", "Cancel", id="circle_form.cancel",
                tooltip="Close without saving (asks first if you changed anything)"),
    ]

    def __init__(self, circle: CircleHealth | None) -> None:
        super().__init__()
        self.old_name = circle.name if circle else None
        self.saved_name = self.old_name  # the name saved, for the screen to highlight
        self.initial = {"name": circle.name if circle else "",
                        "priority": str(circle.priority if circle else 3),
                        "cadence": str(circle.cadence_days) if circle else ""}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = (styled("Edit the circle [b]$name[/b]", name=self.old_name)
                                   if self.old_name else "Add a circle")
            dialog.border_subtitle = "enter save · esc cancel"
            yield self._row("Name", Input(self.initial["name"], id="name", compact=True,
                                          placeholder="Clients, Former colleagues…"))
            yield self._row("Priority", Input(self.initial["priority"], id="priority",
                                              compact=True, type="integer", max_length=1),
                            "1 (most important) to 5")
            default = self.app.config.default_cadence_days
            yield self._row("Every", Input(self.initial["cadence"], id="cadence", compact=True,
                                           type="integer", max_length=4, placeholder=str(default)),
                            "days between touches")
            yield Static(id="status")

    @staticmethod
    def _row(label: str, field: Input, hint: str = "") -> Horizontal:
        return Horizontal(Static(label, classes="label"), field, Static(hint, classes="hint"),
                          classes="row")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name", Input))  # at once: typeahead lands in the name

    def typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#{name}", Input).value for name in self.initial}

    def typed_anything(self) -> bool:
        return self.typed() != self.initial

    def discard_question(self) -> str:
        return "Throw away your changes to this circle?"

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed, config, old_name = self.typed(), self.app.config, self.old_name
        if not typed["cadence"].strip():
            typed["cadence"] = str(config.default_cadence_days)

        self.saved_name = typed["name"].strip()

        def save() -> Config:
            return tending.save_circle(config, old_name, name=typed["name"],
                                       priority=number(typed["priority"], "priority"),
                                       cadence_days=number(typed["cadence"], "every"))

        label = f"edit circle {old_name}" if old_name else f"add circle {typed['name'].strip()}"
        # Not an undo step: undo would put back the garden's circles but not config.toml's.
        self.save_with(label, save, undoable=False)


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
            self.notify(f"{name} is already in {circle or 'no circle'}", markup=False)
            self.dismiss(None)
            return
        self.moving = True
        where = circle or "no circle"

        def moved(_) -> None:
            self.notify(f"moved {name} to {where} (u undoes it)", markup=False)
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

