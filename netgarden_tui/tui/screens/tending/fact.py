"""An opening gambit about a contact: a partner, a child and the year they were born, a pet..."""

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from netgarden_tui import clock
from netgarden_tui.garden import tending
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.tending.base import PICK_HINT, TendingForm, form_bindings
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings

FACT_CHOICES = (
    KeyChoice("partner", "partner", "p"), KeyChoice("child", "child", "c"),
    KeyChoice("pet", "pet", "t"), KeyChoice("interest", "interest", "i"),
    KeyChoice("health", "health", "h"), KeyChoice("other", "other", "o"),
)

FACT_PLACEHOLDERS = {
    "partner": "Married to Sam", "child": "Daughter Emma", "pet": "A beagle called Rex",
    "interest": "Supports Ajax", "health": "A bad knee", "other": "Ran the Berlin marathon",
}


@keys_in_help("Opening gambit (F)", order=100)
class FactModal(TendingForm):
    """Add an opening gambit (a partner, a child and the year they were born, a pet...)."""

    TITLE_TEMPLATE = "An opening gambit about [b]$name[/b]"
    BINDINGS = [
        *form_bindings("fact", "the fact"),
        *choice_bindings("fact", FACT_CHOICES, "kind"),
    ]

    def fields(self) -> ComposeResult:
        yield self.row("Kind", KeyPicker(FACT_CHOICES, "other", id="kind"))
        yield Static(PICK_HINT, classes="hint")
        yield self.row("Fact", Input(placeholder=FACT_PLACEHOLDERS["other"], id="text",
                                     compact=True))
        year_row = self.row("Born", Input(placeholder="year, e.g. 2015", id="year",
                                          compact=True, restrict=r"\d{0,4}", max_length=4),
                            Static(id="age"), id="year-row")
        year_row.display = False  # a child's only
        yield year_row

    @on(KeyPicker.Changed, "#kind")
    def _kind_changed(self, event: KeyPicker.Changed) -> None:
        self.query_one("#text", Input).placeholder = FACT_PLACEHOLDERS[event.value]
        self.query_one("#year-row").display = event.value == "child"

    @on(Input.Changed, "#text, #year")
    def _show_age(self) -> None:
        age = self.query_one("#age", Static)
        year = self.query_one("#year", Input).value
        this_year = clock.today().year
        wrong = len(year) == 4 and not tending.OLDEST_YEAR <= int(year) <= this_year
        age.set_class(wrong, "-error")
        if wrong:
            age.update(f"a year from {tending.OLDEST_YEAR} to {this_year}")
        elif len(year) == 4:
            who = self.query_one("#text", Input).value.strip() or "age"
            age.update(safe(f"{who}, {this_year - int(year)}"))
        else:
            age.update("")

    def action_save(self) -> None:
        kind = self.query_one(KeyPicker).value
        year_text = self.query_one("#year", Input).value
        year = int(year_text) if kind == "child" and year_text else None
        write = partial(tending.add_fact, self.contact_id, kind,
                        self.query_one("#text", Input).value, year=year)
        self.save_with(f"add a fact about {self.contact_name}", write)

    def typed_anything(self) -> bool:
        return self.typed("#text", "#year")

    def discard_question(self) -> str:
        return f"Throw away this fact about {self.contact_name}?"
