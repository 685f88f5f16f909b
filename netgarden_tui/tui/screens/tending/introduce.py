"""An introduction: the contact to another, picked by typing part of a name."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.garden import tending
from netgarden_tui.garden.names import contacts_like, told_apart
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.tending.base import TendingForm, form_bindings, step
from netgarden_tui.tui.text import safe, styled

NAME_MATCHES = 8  # names offered while typing who to introduce
WHO_HINT = "type part of a name (a typo is fine)"


@keys_in_help("Introduce (i)", order=130)
class IntroduceModal(TendingForm):
    """Introduce the contact to another, picked by typing part of a name (typos are fine).

    Saving records the introduction on both timelines and a follow-up for each of the two
    ("ask how the introduction to X went").
    """

    TITLE_TEMPLATE = "Introduce [b]$name[/b] to…"
    FIRST_FIELD = "#who"
    BINDINGS = [
        *form_bindings("introduce", "the introduction and its two follow-ups"),
        Binding("down", "move(1)", "Next name", id="introduce.next", show=False,
                tooltip="Move down the names that match"),
        Binding("up", "move(-1)", "Previous name", id="introduce.previous", show=False,
                tooltip="Move up the names that match"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(contact_id, name)
        self.names: dict[int, str] = {}  # the matches shown, by id
        self.other: tuple[int, str] | None = None  # the one picked

    def fields(self) -> ComposeResult:
        yield self.row("Who", Input(placeholder="type a name, then enter", id="who",
                                    compact=True))
        yield OptionList(id="matches", compact=True)
        yield Static(WHO_HINT, id="picked")
        yield self.row("Note", Input(placeholder="why they should meet (optional)", id="note",
                                     compact=True))

    @on(Input.Changed, "#who")
    def _look_up(self, event: Input.Changed) -> None:
        self._show_picked(None)
        text = event.value
        self.app.run_query(lambda: told_apart(contacts_like(text, limit=NAME_MATCHES,
                                                             leaving_out=self.contact_id)),
                           self._show_matches, group="introduce-names")

    def _show_matches(self, matches: list[tuple[int, str]]) -> None:
        if not self.is_attached:  # closed while the names were read
            return
        self.names = dict(matches)
        options = self.query_one("#matches", OptionList)
        options.set_options(Option(safe(name), id=str(cid)) for cid, name in matches)
        options.highlighted = 0 if matches else None
        typed = self.query_one("#who", Input).value.strip()
        hint = "↑ ↓ choose · enter picks" if matches else "nobody by that name" if typed else WHO_HINT
        self.query_one("#picked", Static).update(hint)

    def action_move(self, offset: int) -> None:
        step(self.query_one("#matches", OptionList), offset)

    @on(Input.Submitted, "#who")
    def _pick_highlighted(self) -> None:
        options = self.query_one("#matches", OptionList)
        option = options.highlighted_option
        if option is None:
            self.app.bell()
            return
        self._pick(option)

    @on(OptionList.OptionSelected, "#matches")
    def _pick_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        other_id = int(option.id)
        name = self.names[other_id]
        self._show_picked((other_id, name))
        who = self.query_one("#who", Input)
        with who.prevent(Input.Changed):
            who.value = name
        self.set_focus(self.query_one("#note", Input))

    def _show_picked(self, other: tuple[int, str] | None) -> None:
        self.other = other
        picked = self.query_one("#picked", Static)
        picked.set_class(other is not None, "-picked")
        picked.update(styled("Introducing [b]$a[/b] to [b]$b[/b]", a=self.contact_name,
                             b=other[1]) if other else "")

    @on(Input.Submitted, "#note")
    def _save_from_the_note(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.other is None:
            self.show_status("Not saved: pick who to introduce (type a name, then enter)",
                             error=True)
            self.set_focus(self.query_one("#who", Input))
            return
        other_id, other_name = self.other
        write = partial(tending.introduce, self.contact_id, other_id,
                        note=self.query_one("#note", Input).value)
        self.save_with(f"introduce {self.contact_name} to {other_name}", write)

    def typed_anything(self) -> bool:
        return self.typed("#who", "#note")

    def discard_question(self) -> str:
        return f"Throw away this introduction of {self.contact_name}?"
