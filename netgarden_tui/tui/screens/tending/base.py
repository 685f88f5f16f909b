"""What the tending modals share: the frame of the four forms (``TendingForm``) and of the
two lists (``ListModal``), their keys, and the styles of all of them (tending.tcss)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.tui.screens.form import FormModal
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.key_picker import KeyPicker

PICK_HINT = "alt+letter, or tab here and press the letter"
FORM_KEYS = "ctrl+s save · esc cancel"


def form_bindings(prefix: str, saves: str) -> list[Binding]:
    # ctrl+s is not a priority binding (as in the quick log): keys typed before it, a burst
    # over a slow link, reach the form first, so the save sees all of them.
    return [
        Binding("ctrl+s", "save", "Save", id=f"{prefix}.save", tooltip=f"Save {saves}"),
        Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel",
                tooltip="Close without saving (asks first if you typed anything)"),
    ]


def list_bindings(prefix: str, close_tooltip: str) -> list[Binding]:
    return [
        Binding("escape", "dismiss_none", "Close", id=f"{prefix}.close", tooltip=close_tooltip),
        Binding("j", "move(1)", "Down", id=f"{prefix}.down", show=False,
                tooltip="Move down the list"),
        Binding("k", "move(-1)", "Up", id=f"{prefix}.up", show=False,
                tooltip="Move up the list"),
    ]


def step(options: OptionList, offset: int) -> None:
    """Move an option list's highlight down (offset > 0) or up."""
    if offset > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()


class TendingForm(FormModal[int | None]):
    """What the four forms share: one contact, a titled box, a status line and the keys.

    Each dismisses with the id of the row it wrote, or None when cancelled.
    """

    CSS_PATH = ["tending.tcss", "../../widgets/key_picker.tcss",
                "../../widgets/date_field.tcss"]
    FIRST_FIELD = "#text"  # where the cursor starts
    TITLE_TEMPLATE = "$name"

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact_name = name

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False) as dialog:
            dialog.border_title = styled(self.TITLE_TEMPLATE, name=self.contact_name)
            yield from self.fields()
            yield Static(id="status")
            with Horizontal(id="buttons"):
                yield Static(FORM_KEYS, id="keys")
                yield Button("Save", variant="primary", compact=True, action="screen.save")
                yield Button("Cancel", compact=True, action="screen.cancel")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.set_focus(self.query_one(self.FIRST_FIELD))  # at once: typeahead lands in it

    @staticmethod
    def row(label: str, *widgets: Widget, id: str | None = None) -> Horizontal:
        return Horizontal(Static(label, classes="label"), *widgets, classes="row", id=id)

    def action_pick(self, value: str) -> None:
        self.query_one(KeyPicker).value = value

    def typed(self, *selectors: str) -> bool:
        return any(self.query_one(selector, Input).value.strip() for selector in selectors)


class ListModal(ModalScreen[int | None]):
    """What the lists share (around one contact: who knows whom, the favours; people you
    write to): a titled box,
    a list moved with j/k and the arrows, a line for when it is empty, the keys at the
    bottom. ``load`` reads in a worker and hands the result to ``show_options``."""

    CSS_PATH = "tending.tcss"
    TITLE_TEMPLATE = "$name"
    LIST_ID = "items"
    KEYS = "esc close"

    def __init__(self, contact_id: int | None = None, name: str = "") -> None:
        super().__init__()
        self.contact_id = contact_id  # None: a list about no one contact
        self.contact_name = name

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False) as dialog:
            dialog.border_title = styled(self.TITLE_TEMPLATE, name=self.contact_name)
            yield from self.above_list()
            yield OptionList(id=self.LIST_ID, compact=True)
            yield Static("loading…", id="empty")
            yield Static(self.KEYS, id="keys")

    def above_list(self) -> ComposeResult:
        yield from ()

    @property
    def listed(self) -> OptionList:
        return self.query_one(f"#{self.LIST_ID}", OptionList)

    def on_mount(self) -> None:
        self.set_focus(self.listed)
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def show_options(self, options: list[Option], *, empty: str) -> None:
        """Fill the list; after a reload the highlight stays on the same option if it is
        still there, else on the same line."""
        listed = self.listed
        kept = listed.highlighted_option.id if listed.highlighted_option else None
        line = listed.highlighted or 0
        listed.set_options(options)  # no highlight
        ids = [option.id for option in options]
        if options:
            listed.highlighted = ids.index(kept) if kept in ids else min(line, len(ids) - 1)
        listed.display = bool(options)
        empty_line = self.query_one("#empty", Static)
        empty_line.update(empty)
        empty_line.display = not options

    def action_move(self, offset: int) -> None:
        step(self.listed, offset)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
