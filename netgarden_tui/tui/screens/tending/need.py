"""What a contact needs or can offer, as a short line (``n`` on the main screen, ctrl+n in
call mode): "a designer for the new app", "design reviews"."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from netgarden_tui.garden import tending
from netgarden_tui.garden.actions import NEED_MAX_CHARS
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.tending.base import PICK_HINT, TendingForm, form_bindings
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings
from netgarden_tui.vocabulary import NEED_WORDS

NEED_CHOICES = (KeyChoice("need", "needs", "n"), KeyChoice("offer", "offers", "o"))
NEED_PLACEHOLDERS = {"need": "a designer for the new app, an intro to a VC in Berlin",
                     "offer": "design reviews, knows the Berlin VC scene"}


@keys_in_help("Needs and offers (n)", order=105)
class NeedModal(TendingForm):
    """Note what someone is looking for (a need) or can give (an offer); Due suggests
    introducing a need to a matching offer. Dismisses with the row's id, or None."""

    TITLE_TEMPLATE = "What [b]$name[/b] needs or offers"
    BINDINGS = [
        *form_bindings("need", "the need or offer"),
        *choice_bindings("need", NEED_CHOICES, "kind"),
    ]

    def __init__(self, contact_id: int, name: str, kind: str = "need") -> None:
        super().__init__(contact_id, name)
        self.first_kind = kind

    def fields(self) -> ComposeResult:
        yield self.row("Kind", KeyPicker(NEED_CHOICES, self.first_kind, id="kind"))
        yield Static(PICK_HINT, classes="hint")
        yield self.row("What", Input(placeholder=NEED_PLACEHOLDERS[self.first_kind], id="text",
                                     compact=True, max_length=NEED_MAX_CHARS))

    @on(KeyPicker.Changed, "#kind")
    def _kind_changed(self, event: KeyPicker.Changed) -> None:
        self.query_one("#text", Input).placeholder = NEED_PLACEHOLDERS[event.value]

    @on(Input.Submitted, "#text")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        kind = self.query_one(KeyPicker).value
        write = partial(tending.add_need, self.contact_id, kind,
                        self.query_one("#text", Input).value)
        self.save_with(f"note what {self.contact_name} {NEED_WORDS[kind]}", write)

    def typed_anything(self) -> bool:
        return self.typed("#text")

    def discard_question(self) -> str:
        return f"Throw away this line about {self.contact_name}?"
