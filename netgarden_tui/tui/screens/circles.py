"""Circles: each circle's health, and the form that adds or edits a circle.

``CirclesScreen`` lists the circles (and "No circle", the contacts in none) with how their
contacts are doing today: how many, due, overdue by more than a week, one-sided. ``a`` adds
a circle, ``e``/``enter`` edits one, ``x`` deletes one (its contacts stay, in no circle).
A circle saved or deleted is written to the garden and to the config file, and the app
keeps the new config. (One contact's circle and cadence: contact_circle.py.)
"""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from netgarden_tui.config import Config
from netgarden_tui.garden import tending
from netgarden_tui.store.records import CircleHealth
from netgarden_tui.tui.circle_health import circle_title, health_words, load_health
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.form import FormModal, number
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.key_bar import KeyBar
from netgarden_tui.tui.widgets.tables import cut, fill_table

NAME_COLUMN_WIDTH = 24  # longer names are cut in the table; the line below it has them whole
COLUMNS = ("Circle", "Priority", "Every", "People", "Due", "Overdue", "One-sided")


LEGEND = ("Due: today or before · Overdue: late by more than a week (in bold) ·",
          "One-sided: they have not answered your last few messages")


@keys_in_help("Circles (C)", order=200, legend=LEGEND)
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
        # A cell does not resolve $variables: the theme's colour for alarm, looked up here.
        alarm = f"bold {self.app.theme_variables.get('error', 'red')}"
        fill_table(table, COLUMNS,
                   [self._cells(circle, default_cadence, alarm) for circle in circles], keys)
        if circles:
            table.move_cursor(row=keys.index(keep) if keep in keys else min(row, len(keys) - 1))
        self._show_detail()
        count = sum(1 for circle in circles if circle.circle_id is not None)
        self.query_one("#circles-title", Static).update(Content.assemble(
            ("Circles", "bold"), (f"  {count} · how each is doing today", "$text-muted")))

    @staticmethod
    def _cells(circle: CircleHealth, default_cadence: int, alarm: str) -> tuple[Content, ...]:
        name = cut(circle_title(circle, muted="dim"), NAME_COLUMN_WIDTH)
        if circle.circle_id is None:
            priority = Content.styled("—", "dim")
            every = Content(f"{default_cadence}d")
        else:
            priority, every = Content(str(circle.priority)), Content(f"{circle.cadence_days}d")
        overdue = Content.styled(str(circle.overdue), alarm if circle.overdue else "")
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
            self.notify("No circle is where contacts in no circle show: it can't be edited")
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
            self.notify("No circle is not a circle: there is nothing to delete")
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
        self.notify(f'deleted the circle "{name}"')

    def action_close(self) -> None:
        self.dismiss(None)


@keys_in_help("Add or edit a circle", order=210)
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
