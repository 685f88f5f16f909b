"""A row of choices picked by one key each: the quick log's channels, the tending forms' kinds.

The form around the row binds ``alt+letter`` to its ``pick`` action (``choice_bindings``), so
a choice can be made while typing in another field; focused, the row takes the bare letter.
Its styles are in ``key_picker.tcss``, which each screen using it lists in CSS_PATH.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netgarden_tui.tui.help_registry import keys_in_help


@dataclass(frozen=True)
class KeyChoice:
    value: str  # as stored
    word: str  # as shown; holds the letter
    letter: str  # picks it: alt+letter anywhere in the form, the bare letter on its row


def choice_bindings(prefix: str, choices: Sequence[KeyChoice], what: str, *,
                    tooltip: str = "Make it {word}, even while typing") -> list[Binding]:
    """``alt+letter`` for each choice: priority, so it picks even while typing in a field.

    Each runs the form's ``pick`` action; ``tooltip`` is filled in with the choice's word.
    """
    return [Binding(f"alt+{choice.letter}", f"pick('{choice.value}')",
                    f"{what.capitalize()}: {choice.word}", id=f"{prefix}.{choice.value}",
                    priority=True, tooltip=tooltip.format(word=choice.word))
            for choice in choices]


@keys_in_help("Choosing a channel or a kind (tab to the row)", order=150)
class KeyPicker(Widget, can_focus=True):
    """Choices in a row, the chosen one reversed, each with its key underlined.

    Focused, a bare letter or the arrows pick; a click on a word picks it too. Says
    ``Changed`` when the choice changes.
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Previous choice", id="choice.previous",
                tooltip="Pick the choice to the left"),
        Binding("right", "step(1)", "Next choice", id="choice.next",
                tooltip="Pick the choice to the right"),
    ]

    @dataclass
    class Changed(Message):
        picker: "KeyPicker"
        value: str

        @property
        def control(self) -> "KeyPicker":
            return self.picker

    value: reactive[str] = reactive("", init=False)

    def __init__(self, choices: Sequence[KeyChoice], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices = tuple(choices)
        self.by_letter = {choice.letter: choice.value for choice in self.choices}
        self.set_reactive(KeyPicker.value, value)

    def render(self) -> Content:
        return Content(" ").join(self._word(choice) for choice in self.choices)

    def _word(self, choice: KeyChoice) -> Content:
        before, letter, after = choice.word.partition(choice.letter)
        word = Content.assemble(before, (letter, "bold underline"), after)
        if choice.value == self.value:
            word = word.stylize("reverse")
        return word.stylize(f"@click=pick('{choice.value}')")

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return key in self.by_letter

    def on_key(self, event: events.Key) -> None:
        if event.key in self.by_letter:
            event.stop()
            self.value = self.by_letter[event.key]

    def action_pick(self, value: str) -> None:
        self.value = value

    def action_step(self, offset: int) -> None:
        values = [choice.value for choice in self.choices]
        self.value = values[(values.index(self.value) + offset) % len(values)]
