"""Snooze: push someone's next due day out, with one key or a date typed in words."""

from dataclasses import dataclass

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from netgarden_tui.garden.dates import describe_date, parse_date
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.date_field import DateField, after_today


@dataclass(frozen=True)
class SnoozeChoice:
    key: str  # the one key that picks it
    amount: str  # as typed in a date field: parse_date reads it
    words: str
    binding_id: str


SNOOZE_CHOICES = (
    SnoozeChoice("1", "1d", "1 day", "snooze.day"),
    SnoozeChoice("3", "3d", "3 days", "snooze.three_days"),
    SnoozeChoice("w", "1w", "1 week", "snooze.week"),
    SnoozeChoice("m", "1m", "1 month", "snooze.month"),
)


@keys_in_help("Snooze (s)", order=80)
class SnoozeModal(ModalScreen[pendulum.Date | None]):
    """Pick the day the contact comes back into the queue; the caller does the write."""

    CSS_PATH = ["snooze.tcss", "../widgets/date_field.tcss"]
    BINDINGS = [
        *(Binding(choice.key, f"choose('{choice.amount}')", f"Snooze {choice.words}",
                  id=choice.binding_id, tooltip=f"Snooze for {choice.words}")
          for choice in SNOOZE_CHOICES),
        Binding("d", "type_date", "Type a date", id="snooze.type_date",
                tooltip="Type the day in words: fri, 2w, 12-01, 2027-01-15"),
        Binding("escape", "cancel", "Cancel", id="snooze.cancel", tooltip="Close without snoozing"),
    ]

    def __init__(self, contact_name: str) -> None:
        super().__init__()
        self.contact_name = contact_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = styled("Snooze [b]$name[/b] until", name=self.contact_name)
            for choice in SNOOZE_CHOICES:
                yield Button(self._choice_label(choice), id=f"choice-{choice.amount}", compact=True,
                             action=f"screen.choose('{choice.amount}')")
            day = DateField(placeholder="fri, 2w, 12-01", id="date", meaning_id="meaning",
                            blank="type a day, then enter", reader=after_today)
            with Horizontal(id="typed"):
                yield Static("or (d) ", id="typed-label")
                yield day
            yield day.meaning
            yield Static("1 3 w m pick · d type a date · esc cancel", id="hints")

    @staticmethod
    def _choice_label(choice: SnoozeChoice) -> Content:
        return styled("[b]$key[/b]  $words  [dim]$day[/]", key=choice.key,
                      words=choice.words.ljust(8), day=describe_date(parse_date(choice.amount)))

    def action_choose(self, amount: str) -> None:
        self.dismiss(parse_date(amount))

    def action_type_date(self) -> None:
        self.set_focus(self.query_one("#date", Input))  # at once: typeahead follows

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#date")
    def _snooze_until_typed_day(self) -> None:
        day = self.query_one("#date", DateField).read_day()
        if day is not None:
            self.dismiss(day)
        else:
            self.app.bell()
