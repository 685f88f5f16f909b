"""News from a contact: a new job, a move, a baby..."""

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from netgarden_tui import clock
from netgarden_tui.garden import tending
from netgarden_tui.garden.dates import describe_date
from netgarden_tui.garden.display import choice_words
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.tending.base import PICK_HINT, TendingForm, form_bindings
from netgarden_tui.tui.widgets.date_field import DateField, today_or_before
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings

LIFE_EVENT_CHOICES = (
    KeyChoice("new_job", "new job", "j"), KeyChoice("promotion", "promotion", "p"),
    KeyChoice("move", "move", "m"), KeyChoice("baby", "baby", "y"),
    KeyChoice("wedding", "wedding", "w"), KeyChoice("award", "award", "a"),
    KeyChoice("other", "other", "o"),
)


@keys_in_help("Life event (v)", order=140)
class LifeEventModal(TendingForm):
    """A new job, a move, a baby...: Due says "congratulate" until a touch is logged."""

    TITLE_TEMPLATE = "News from [b]$name[/b]"
    BINDINGS = [
        *form_bindings("life_event", "the life event"),
        *choice_bindings("life_event", LIFE_EVENT_CHOICES, "kind"),
        Binding("ctrl+f", "focus_day", "Day", id="life_event.day", priority=True,
                tooltip="Jump to the day it happened (empty: today)"),
    ]

    def fields(self) -> ComposeResult:
        yield self.row("Kind", KeyPicker(LIFE_EVENT_CHOICES, "new_job", id="kind"))
        yield Static(PICK_HINT, classes="hint")
        yield self.row("What", Input(placeholder="Started at Acme as CTO", id="text",
                                     compact=True))
        day = DateField(placeholder="today, yesterday, mon", id="day", meaning_id="meaning",
                        blank=describe_date(clock.today()), reader=today_or_before)
        yield self.row("When", day, day.meaning)

    def action_focus_day(self) -> None:
        self.set_focus(self.query_one("#day", Input))

    def action_save(self) -> None:
        field = self.query_one("#day", DateField)
        day = field.read_day()
        if field.problem:
            self.show_status("Not saved: the day needs to be one it can read, today or before",
                             error=True)
            self.action_focus_day()
            return
        kind = self.query_one(KeyPicker).value
        write = partial(tending.log_life_event, self.contact_id, kind,
                        self.query_one("#text", Input).value, on=day)
        self.save_with(f"log {choice_words(kind)}: {self.contact_name}", write)

    def typed_anything(self) -> bool:
        return self.typed("#text", "#day")

    def discard_question(self) -> str:
        return f"Throw away this news from {self.contact_name}?"
