"""Call mode (the `c` key): the person's card stays in view while you talk and type.

A timer runs from the moment the screen opens (ctrl+t pauses it); notes go in the big
box; a follow-up is typed in words (`2w`, `fri`) and the day it means shows as you type.
ctrl+s logs the call as one undoable step and closes; escape closes without logging,
asking first if anything was typed or the call ran a minute. A failed save keeps
everything on screen.
"""

from functools import partial

import pendulum
from textual import events, on
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from netgarden_tui import clock
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.display import duration
from netgarden_tui.garden.openers import opening_line
from netgarden_tui.garden.queue_items import Reason
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.text import styled
from netgarden_tui.tui.widgets.card import CardData, ContactCard, load_card_data
from netgarden_tui.tui.widgets.date_field import DateField
from netgarden_tui.tui.widgets.key_bar import KeyBar

FOLLOW_UP_HINT = "No follow-up. Type when: 2w, fri, 12-01 …"
WORTH_ASKING_SECONDS = 60  # a call this long is not lost without asking, notes or not


class CallTimer:
    """Seconds on the call, read from the project clock so tests can move time."""

    def __init__(self) -> None:
        self._banked = 0.0
        self._running_since: pendulum.DateTime | None = clock.now()

    @property
    def running(self) -> bool:
        return self._running_since is not None

    @property
    def seconds(self) -> int:
        running = (clock.now() - self._running_since).total_seconds() if self.running else 0
        return max(0, int(self._banked + running))

    def toggle(self) -> None:
        if self._running_since is None:
            self._running_since = clock.now()
        else:
            self._banked += (clock.now() - self._running_since).total_seconds()
            self._running_since = None


@keys_in_help("Call mode (c)", order=60)
class CallScreen(Screen[int | None]):
    """Dismisses with the logged interaction's id, or None when left without logging."""

    CSS_PATH = ["call.tcss", "../widgets/card.tcss", "../widgets/date_field.tcss"]
    WIDE = 100  # columns from which the card stands beside the notes, in full
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    AUTO_FOCUS = "#call-notes"
    TAKES_TEXT = True  # the app's single-letter keys (u, U, q) stand aside in a call
    BINDINGS = [
        Binding("ctrl+s", "save", "Save call", id="call.save",
                tooltip="Log this call (notes, length, follow-up) and close"),
        Binding("ctrl+t", "toggle_timer", "Pause timer", id="call.timer",
                tooltip="Pause or resume the call timer"),
        Binding("ctrl+n", "need", "Need, offer", id="call.need",
                tooltip="Note what they need or can offer (the timer runs on; a notes line "
                        "beginning needs: or offers: is one too)"),
        Binding("escape", "leave", "Leave", id="call.leave",
                tooltip="Close without logging (asks first if you typed or talked a minute)"),
    ]

    def __init__(self, contact_id: int, contact_name: str = "") -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact_name = contact_name  # until the card has loaded
        self.data: CardData | None = None
        self.timer = CallTimer()
        self._saving = False

    def compose(self):
        with Container(id="call-layout"):
            # Above the notes (narrow), compact: the touches and favours without scrolling.
            yield ContactCard(id="call-card", compact=self.app.size.width < self.WIDE)
            with Vertical(id="call-log"):
                yield Static(id="call-timer")
                yield Static(id="call-opener")
                yield TextArea(id="call-notes", placeholder="Notes, as you talk…")
                follow_up_on = DateField(placeholder="2w, fri", id="call-follow-up-on",
                                         meaning_id="call-follow-up-day", blank=FOLLOW_UP_HINT)
                with Horizontal(id="call-follow-up"):
                    yield Static("Follow up", id="call-follow-up-label")
                    yield follow_up_on
                    yield Input(id="call-follow-up-what", placeholder="what: send the deck",
                                compact=True)
                yield follow_up_on.meaning
        yield KeyBar()

    def on_resize(self, event) -> None:
        self.query_one(ContactCard).compact = event.size.width < self.WIDE

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#call-notes"))  # at once: notes typed after `c` land
        self.tick()
        self.set_interval(1, self.tick)
        self._load()

    def on_key(self, event: events.Key) -> None:
        """The card is there to read (arrows and page keys scroll it), not a trap: what is
        typed while it has the focus goes into the notes, never to a key of the app."""
        if (event.is_printable and self.focused is self.query_one(ContactCard)
                and event.key not in self.active_bindings):
            event.stop()
            notes = self.query_one("#call-notes", TextArea)
            self.set_focus(notes)
            notes.insert(event.character)

    # --- the contact ----------------------------------------------------------------------

    def _load(self) -> None:
        contact_id, config = self.contact_id, self.app.config

        def card_and_reasons():
            data = load_card_data(contact_id, config.default_cadence_days)
            return data, (queue.reasons_for(config, contact_id) if data else ())

        self.app.run_query(card_and_reasons, lambda loaded: self._show(*loaded),
                           group="call card")

    def _show(self, data: CardData | None, reasons: tuple[Reason, ...]) -> None:
        """The card, and what to say: a birthday or good news first, as in the review."""
        if not self.is_attached:
            return
        if data is None:
            self.notify("That contact is no longer in the garden", severity="error")
            if self.is_active:
                self.dismiss(None)
            return
        self.data = data
        self.query_one(ContactCard).show(data.card, data.touches)
        opener = opening_line(data.card, reasons, data.touches, clock.today())
        self.query_one("#call-opener", Static).update(styled("[b]Say:[/b] $line", line=opener))
        self.tick()

    @on(GardenChanged)
    def _reload(self) -> None:
        self._load()

    # --- the timer --------------------------------------------------------------------------

    def tick(self) -> None:
        """Show the time on the call (every second, and on every change)."""
        name = self.data.card.display_name if self.data else "…"
        state = "●" if self.timer.running else "paused"
        self.query_one("#call-timer", Static).update(
            styled("[b]Call with $name[/b]  $state $time", name=name, state=state,
                   time=duration(self.timer.seconds)))

    def action_need(self) -> None:
        """What can I do for them today? Note a need (or an offer) without leaving the call."""
        from netgarden_tui.tui.screens.tending.need import NeedModal

        name = self.data.card.display_name if self.data else self.contact_name

        def noted(need_id: int | None) -> None:
            if need_id is not None:
                self.notify(f"Noted for {name}")

        self.app.push_screen(NeedModal(self.contact_id, name), noted)

    def action_toggle_timer(self) -> None:
        self.timer.toggle()
        self.tick()

    # --- the follow-up ----------------------------------------------------------------------

    @on(Input.Submitted, "#call-follow-up-on")
    def _to_follow_up_what(self) -> None:
        self.set_focus(self.query_one("#call-follow-up-what", Input))

    @on(Input.Submitted, "#call-follow-up-what")
    def _submit(self) -> None:
        self.action_save()

    # --- save or leave ----------------------------------------------------------------------

    def _typed(self) -> dict[str, str]:
        return {"notes": self.query_one("#call-notes", TextArea).text.strip(),
                "what": self.query_one("#call-follow-up-what", Input).value.strip(),
                "when": self.query_one("#call-follow-up-on", Input).value.strip()}

    def action_save(self) -> None:
        if self._saving:
            return
        typed = self._typed()
        field = self.query_one("#call-follow-up-on", DateField)
        follow_up_on = field.read_day()
        if field.problem:
            self.notify(field.problem, title="Not saved", severity="error")
            self.set_focus(field)
            return
        # A follow-up says what it is about; without words, the call's first note line does.
        what = typed["what"] or next(iter(typed["notes"].splitlines()), "")
        name = self.data.card.display_name if self.data else self.contact_name
        contact_id, seconds = self.contact_id, self.timer.seconds
        self._saving = True
        self.app.perform(
            f"log a call with {name}",
            lambda: actions.log_touch([contact_id], channel="call", direction="mutual",
                                      note=typed["notes"], duration_seconds=seconds,
                                      follow_up_on=follow_up_on, follow_up_note=what),
            done=partial(self._saved, name, seconds), failed=self._save_failed)

    def _saved(self, name: str, seconds: int, interaction_id: int) -> None:
        self.notify(f"Logged a {duration(seconds)} call with {name}")
        self.dismiss(interaction_id)

    def _save_failed(self, _message: str) -> None:
        self._saving = False

    def leave_question(self) -> str | None:
        """What to ask before leaving loses this call: what was typed, or a call of a minute
        or more (None: nothing to lose). The app asks it too before it quits."""
        typed = any(self._typed().values())
        if not typed and self.timer.seconds < WORTH_ASKING_SECONDS:
            return None
        lost = " What you typed is lost." if typed else ""
        return f"Leave without logging this {duration(self.timer.seconds)} call?{lost}"

    def action_leave(self) -> None:
        from netgarden_tui.tui.screens.form import ask_first

        ask_first(self.app, self.leave_question(), lambda: self.dismiss(None),
                  yes="Leave", no="Keep writing")
