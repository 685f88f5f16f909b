"""Quick log: note a touch in seconds, from the morning review or during a call (``l``).

The cursor starts in the note, so every other choice has a key that works from there:
``alt+letter`` picks the channel (over SSH alt arrives as ESC+letter, which Textual reads as
alt; b and f are avoided because terminals send ESC b / ESC f for word jumps), ``alt+d``
turns the direction, ``ctrl+f`` jumps to the follow-up, ``ctrl+s`` saves. Where alt does not
reach (a Mac terminal without "Option as Meta"), ``tab`` to the channel row and press the
bare letter.
"""

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from netgarden_tui.garden import actions
from netgarden_tui.garden.dates import describe_date
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.form import FormModal
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.date_field import DateField
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings
from netgarden_tui.vocabulary import (
    CHANNEL_LIST, CHANNELS, DEFAULT_CHANNEL, DEFAULT_DIRECTION, DIRECTION_WORDS, DIRECTIONS,
)


CHANNEL_CHOICES = tuple(KeyChoice(channel.name, channel.word, channel.key)
                        for channel in CHANNEL_LIST)


@keys_in_help("Quick log (l)", order=50)
class QuickLogModal(FormModal[int | None]):
    """Log one touch with one contact; dismisses with the new interaction's id."""

    CSS_PATH = ["quick_log.tcss", "../widgets/key_picker.tcss", "../widgets/date_field.tcss"]
    AUTO_FOCUS = "#note"
    BINDINGS = [
        # Not a priority binding: it then reaches the form behind the keys typed before
        # it (a burst over a slow link), so the save sees all of them.
        Binding("ctrl+s", "save", "Save", id="quick_log.save",
                tooltip="Save the touch and its follow-up"),
        Binding("escape", "cancel", "Cancel", id="quick_log.cancel",
                tooltip="Close without saving (asks first if you typed anything)"),
        Binding("alt+d", "turn_direction", "Direction", id="quick_log.direction", priority=True,
                tooltip="Who reached out: I did, they did, or both"),
        Binding("ctrl+f", "focus_follow_up", "Follow-up", id="quick_log.follow_up",
                priority=True, tooltip="Jump to the follow-up date"),
        *choice_bindings("quick_log", CHANNEL_CHOICES, "channel",
                         tooltip="Make it {word}, even while typing the note"),
    ]

    def __init__(self, contact_id: int, contact_name: str, *,
                 last_channel: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact_name = contact_name
        self.first_channel = last_channel if last_channel in CHANNELS else DEFAULT_CHANNEL
        self.direction = DEFAULT_DIRECTION

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False) as dialog:
            dialog.border_title = styled("Log a touch with [b]$name[/b]", name=self.contact_name)
            yield TextArea(id="note", compact=True, placeholder="What did you talk about?")
            with Horizontal(classes="row"):
                yield Static("Channel", classes="label")
                yield KeyPicker(CHANNEL_CHOICES, self.first_channel, id="channel")
            yield Static("alt+letter, or tab here and press the letter", id="channel-hint")
            with Horizontal(classes="row"):
                yield Static("Who", classes="label")
                yield Button(self._direction_label(), id="direction", compact=True,
                             action="screen.turn_direction")
            with Horizontal(classes="row"):
                yield Static("Follow up", classes="label")
                follow_up = DateField(placeholder="2w, fri, 12-01", id="follow-up",
                                      meaning_id="follow-up-meaning", blank="ctrl+f")
                yield follow_up
                yield follow_up.meaning
            with Horizontal(classes="row"):
                yield Static("About", classes="label")
                yield Input(placeholder="what you promised (optional)", id="follow-up-note",
                            compact=True)
            yield Static(id="status")
            with Horizontal(id="buttons"):
                yield Static("ctrl+s save · esc cancel", id="keys")
                yield Button("Save", variant="primary", compact=True, action="screen.save")
                yield Button("Cancel", compact=True, action="screen.cancel")

    def _direction_label(self) -> Content:
        return styled("$words [dim]alt+d[/]", words=DIRECTION_WORDS[self.direction])

    def action_pick(self, channel: str) -> None:
        self.query_one(KeyPicker).value = channel

    def action_turn_direction(self) -> None:
        self.direction = DIRECTIONS[(DIRECTIONS.index(self.direction) + 1) % len(DIRECTIONS)]
        self.query_one("#direction", Button).label = self._direction_label()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#note"))  # at once: a note typed right after `l` lands

    def action_focus_follow_up(self) -> None:
        self.set_focus(self.query_one("#follow-up", Input))  # at once: typeahead follows

    def action_save(self) -> None:
        follow_up = self.query_one("#follow-up", DateField)
        day = follow_up.read_day()
        about = self.query_one("#follow-up-note", Input).value.strip()
        if follow_up.problem or (about and day is None):
            self.show_status("Not saved: the follow-up needs a day it can read, like fri or 2w",
                             error=True)
            self.action_focus_follow_up()
            return
        channel = self.query_one(KeyPicker).value
        write = partial(actions.log_touch, [self.contact_id], channel=channel,
                        direction=self.direction, note=self.query_one(TextArea).text.strip(),
                        follow_up_on=day, follow_up_note=about)

        def remember(_interaction_id: int) -> None:
            self.app.last_channel = channel  # the next quick log's default
            then = f" · follow up {describe_date(day)}" if day else ""
            self.app.notify(f"Logged {channel} with {self.contact_name}{then}")

        self.save_with(f"log a {channel} with {self.contact_name}", write, saved=remember)

    def typed_anything(self) -> bool:
        fields = (self.query_one(TextArea).text, self.query_one("#follow-up", Input).value,
                  self.query_one("#follow-up-note", Input).value)
        return any(text.strip() for text in fields)

    def discard_question(self) -> str:
        return f"Throw away this note about {self.contact_name}?"
