"""Tending one relationship: an opening gambit, a favour, an introduction, a life event,
who knows whom around a contact, and the favours with them to settle. Each is a modal
opened for the selected contact.

The four forms work like the quick log: the cursor starts in the text, every choice has a
key that works from there (``alt+letter``; where alt does not reach, ``tab`` to the row and
press the bare letter; b and f are never used, as terminals send ESC b / ESC f for word
jumps), a date typed in words shows what it means as you type, ``ctrl+s`` saves through
``app.perform`` (one transaction, one undo step) and ``escape`` asks before throwing typed
text away. The two lists (ListModal) move with j/k; in the favours a key marks the
highlighted one delivered, declined, not answered or open again, each through
``app.perform``. Every read runs in a worker: the "don't push your luck" check, the names
to introduce, the acquaintances, the favours.
"""

from dataclasses import dataclass
from functools import partial

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from netgarden_tui import clock
from netgarden_tui.garden import tending
from netgarden_tui.garden.dates import describe_date, short_date
from netgarden_tui.garden.display import choice_words, local
from netgarden_tui.garden.names import contacts_like
from netgarden_tui.store import queries
from netgarden_tui.vocabulary import FAVOUR_KINDS, FAVOUR_STATUSES
from netgarden_tui.store.records import Acquaintance, FavourBalance, FavourRecord
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.form import FormModal
from netgarden_tui.tui.text import safe, styled
from netgarden_tui.tui.widgets.card import favour_words
from netgarden_tui.tui.widgets.date_field import DateField, today_or_after, today_or_before
from netgarden_tui.tui.widgets.key_picker import KeyChoice, KeyPicker, choice_bindings

PICK_HINT = "alt+letter, or tab here and press the letter"
FORM_KEYS = "ctrl+s save · esc cancel"
NAME_MATCHES = 8  # names offered while typing who to introduce
WHO_HINT = "type part of a name (a typo is fine)"


# --- one key per choice --------------------------------------------------------------------

FACT_CHOICES = (
    KeyChoice("partner", "partner", "p"), KeyChoice("child", "child", "c"),
    KeyChoice("pet", "pet", "t"), KeyChoice("interest", "interest", "i"),
    KeyChoice("health", "health", "h"), KeyChoice("other", "other", "o"),
)
FAVOUR_CHOICES = (
    KeyChoice("offered", "offered", "o"), KeyChoice("given", "given", "g"),
    KeyChoice("asked", "asked", "a"), KeyChoice("received", "received", "r"),
)
LIFE_EVENT_CHOICES = (
    KeyChoice("new_job", "new job", "j"), KeyChoice("promotion", "promotion", "p"),
    KeyChoice("move", "move", "m"), KeyChoice("baby", "baby", "y"),
    KeyChoice("wedding", "wedding", "w"), KeyChoice("award", "award", "a"),
    KeyChoice("other", "other", "o"),
)

FACT_PLACEHOLDERS = {
    "partner": "Married to Sam", "child": "Daughter Emma", "pet": "A beagle called Rex",
    "interest": "Supports Ajax", "health": "A bad knee", "other": "Ran the Berlin marathon",
}
# What each direction means, and the status a favour starts with (log_favour marks a
# favour given or received done).
FAVOUR_MEANINGS = {
    "offered": "you offered it: open until you deliver", "given": "you did it for them",
    "asked": "you asked them: open until they answer", "received": "they did it for you",
}
FAVOUR_FIRST_STATUS = {"offered": "open", "given": "delivered", "asked": "open",
                       "received": "delivered"}


def form_bindings(prefix: str, saves: str) -> list[Binding]:
    # ctrl+s is not a priority binding (as in the quick log): keys typed before it, a burst
    # over a slow link, reach the form first, so the save sees all of them.
    return [
        Binding("ctrl+s", "save", "Save", id=f"{prefix}.save", tooltip=f"Save {saves}"),
        Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel",
                tooltip="Close without saving (asks first if you typed anything)"),
    ]


def step(options: OptionList, offset: int) -> None:
    """Move an option list's highlight down (offset > 0) or up."""
    if offset > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()


# --- the forms' frame ----------------------------------------------------------------------

class TendingForm(FormModal[int | None]):
    """What the four forms share: one contact, a titled box, a status line and the keys.

    Each dismisses with the id of the row it wrote, or None when cancelled.
    """

    CSS_PATH = ["tending.tcss", "../widgets/key_picker.tcss", "../widgets/date_field.tcss"]
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


# --- an opening gambit -----------------------------------------------------------------------

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


# --- a favour --------------------------------------------------------------------------------

class FavourModal(TendingForm):
    """Log a favour offered, given, asked or received.

    An ask of someone whose last asks were all declined or unanswered first shows seed 002's
    "don't push your luck" warning, and saves only on "Ask anyway".
    """

    TITLE_TEMPLATE = "A favour with [b]$name[/b]"
    BINDINGS = [
        *form_bindings("favour", "the favour"),
        *choice_bindings("favour", FAVOUR_CHOICES, "direction"),
        Binding("alt+k", "choose_kind", "Kind", id="favour.kind", priority=True,
                tooltip="Open the list of kinds of favour (type to jump, enter to pick)"),
        Binding("alt+s", "turn_status", "Status", id="favour.status", priority=True,
                tooltip="Turn the status: open, delivered, declined, no answer"),
        Binding("ctrl+f", "focus_deadline", "Deadline", id="favour.deadline", priority=True,
                tooltip="Jump to the day you promised it by (offered favours)"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(contact_id, name)
        self.status = FAVOUR_FIRST_STATUS["offered"]

    def fields(self) -> ComposeResult:
        yield self.row("Direction", KeyPicker(FAVOUR_CHOICES, "offered", id="direction"))
        yield Static(PICK_HINT, classes="hint")
        yield self.row("Kind", Select([(kind, kind) for kind in FAVOUR_KINDS], value="other",
                                      allow_blank=False, compact=True, id="kind"),
                       Static("alt+k", classes="key"))
        yield self.row("What", Input(placeholder="an intro to their CTO", id="text",
                                     compact=True))
        deadline = DateField(placeholder="2w, fri, 12-01", id="deadline", meaning_id="meaning",
                             blank="when you will deliver (ctrl+f)", reader=today_or_after)
        yield self.row("By", deadline, deadline.meaning, id="deadline-row")
        yield self.row("Status", Button(self._status_label(), id="status-button", compact=True,
                                        action="screen.turn_status"))
        yield Static(FAVOUR_MEANINGS["offered"], id="direction-meaning")

    def _status_label(self) -> Content:
        return styled("$status [dim]alt+s[/]", status=choice_words(self.status))

    def _show_status_choice(self) -> None:
        self.query_one("#status-button", Button).label = self._status_label()

    @on(KeyPicker.Changed, "#direction")
    def _direction_changed(self, event: KeyPicker.Changed) -> None:
        self.query_one("#deadline-row").display = event.value == "offered"
        self.query_one("#direction-meaning", Static).update(FAVOUR_MEANINGS[event.value])
        self.status = FAVOUR_FIRST_STATUS[event.value]
        self._show_status_choice()

    def action_turn_status(self) -> None:
        self.status = FAVOUR_STATUSES[(FAVOUR_STATUSES.index(self.status) + 1)
                                      % len(FAVOUR_STATUSES)]
        self._show_status_choice()

    def action_choose_kind(self) -> None:
        kind = self.query_one("#kind", Select)
        self.set_focus(kind)
        kind.expanded = True

    def action_focus_deadline(self) -> None:
        if self.query_one(KeyPicker).value == "offered":
            self.set_focus(self.query_one("#deadline", Input))

    def action_save(self) -> None:
        if self.saving:
            return
        direction = self.query_one(KeyPicker).value
        due_on = None
        if direction == "offered":
            deadline = self.query_one("#deadline", DateField)
            due_on = deadline.read_day()
            if deadline.problem:
                self.show_status("Not saved: the deadline needs a day it can read, like fri "
                                 "or 2w", error=True)
                self.action_focus_deadline()
                return
        write = partial(tending.log_favour, self.contact_id, direction,
                        self.query_one("#kind", Select).value, self.query_one("#text", Input).value,
                        due_on=due_on, status=self.status)
        label = f"log a favour {direction}: {self.contact_name}"
        if direction != "asked":
            self.save_with(label, write)
            return
        self.saving = True  # a second ctrl+s or an escape waits for the check
        self.show_status("checking your last asks…")
        self.app.run_query(partial(tending.pushed_luck_warning, self.contact_id,
                                   self.contact_name),
                           partial(self._ask_unless_warned, label, write),
                           group="favour-pushed-luck", failed=self._not_saved)

    def _ask_unless_warned(self, label: str, write, warning: str | None) -> None:
        self.saving = False
        if warning is None:
            self.save_with(label, write)
            return
        self.show_status("")

        def answered(ask_anyway: bool | None) -> None:
            if ask_anyway:
                self.save_with(label, write)
            else:
                self.show_status("Not asked: nothing saved (make it smaller, or esc to leave)")

        self.app.push_screen(ConfirmModal(warning, yes="Ask anyway", no="Don't ask"), answered)

    def typed_anything(self) -> bool:
        return self.typed("#text", "#deadline")

    def discard_question(self) -> str:
        return f"Throw away this favour with {self.contact_name}?"


# --- an introduction -------------------------------------------------------------------------

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
        self.app.run_query(lambda: contacts_like(text, limit=NAME_MATCHES,
                                                  leaving_out=self.contact_id),
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


# --- a life event ----------------------------------------------------------------------------

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


# --- the lists around a contact ----------------------------------------------------------

def list_bindings(prefix: str, close_tooltip: str) -> list[Binding]:
    return [
        Binding("escape", "dismiss_none", "Close", id=f"{prefix}.close", tooltip=close_tooltip),
        Binding("j", "move(1)", "Down", id=f"{prefix}.down", show=False,
                tooltip="Move down the list"),
        Binding("k", "move(-1)", "Up", id=f"{prefix}.up", show=False,
                tooltip="Move up the list"),
    ]


class ListModal(ModalScreen[int | None]):
    """What the lists around one contact share (who knows whom, the favours): a titled box,
    a list moved with j/k and the arrows, a line for when it is empty, the keys at the
    bottom. ``load`` reads in a worker and hands the result to ``show_options``."""

    CSS_PATH = "tending.tcss"
    TITLE_TEMPLATE = "$name"
    LIST_ID = "items"
    KEYS = "esc close"

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__()
        self.contact_id = contact_id
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


# --- who knows whom --------------------------------------------------------------------------

class AcquaintancesModal(ListModal):
    """Who knows whom around a contact: who introduced them, whom they introduced, whom you
    introduced them to, who they met with you. Dismisses with the id picked (the caller
    opens that person), or None."""

    TITLE_TEMPLATE = "Who knows [b]$name[/b]"
    LIST_ID = "people"
    KEYS = "enter open · esc close"
    BINDINGS = list_bindings("acquaintances", "Close without opening anyone")

    def load(self) -> None:
        self.app.run_query(partial(queries.acquaintances, self.contact_id), self._show,
                           group="acquaintances")

    def _show(self, people: list[Acquaintance]) -> None:
        if not self.is_attached:  # closed while they were read
            return
        self.show_options(
            [Option(styled("[b]$name[/b]  [dim]$how[/]", name=person.contact, how=person.how),
                    id=str(person.contact_id)) for person in people],
            empty="Nobody yet: introductions, and touches logged with others too, show here")

    @on(OptionList.OptionSelected, "#people")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))


# --- the favours with a contact --------------------------------------------------------------

@dataclass(frozen=True)
class ContactFavours:
    favours: list[FavourRecord]  # the open ones first, then the rest; newest first in each
    balance: FavourBalance


def load_favours(contact_id: int) -> ContactFavours:
    """A contact's favours and their give/take balance. Blocking: run it with run_query."""
    favours = sorted(queries.favours(contact_id=contact_id),
                     key=lambda favour: favour.status != "open")  # stable: newest first stays
    balance = queries.favour_balance(contact_id)
    return ContactFavours(favours, balance)


def favour_line(favour: FavourRecord, today: pendulum.Date) -> Content:
    """ "you asked · reference — a letter for the bar · open · 3 Nov" (the day logged)."""
    who, what = favour_words(favour, today)
    logged = short_date(local(favour.created_at).date(), today=today, weekday=False)
    shown_status = "[b]$status[/b]" if favour.status == "open" else "$status"
    return styled(f"$who · $what · {shown_status} · [dim]$logged[/]", who=who, what=what,
                  status=choice_words(favour.status), logged=logged)


class FavoursModal(ListModal):
    """A contact's favours, open ones first, with the give/take balance on top; a key marks
    the highlighted one delivered, declined, not answered or open again (one write and one
    undo step each). Asks marked declined or not answered feed the "don't push your luck"
    warning."""

    TITLE_TEMPLATE = "Favours with [b]$name[/b]"
    LIST_ID = "favours"
    KEYS = "d delivered · x declined · n no answer · o open again · u undo · esc close"
    BINDINGS = [
        Binding("d", "mark('delivered')", "Delivered", id="favours.delivered",
                tooltip="Mark the highlighted favour delivered: done, by you or by them"),
        Binding("x", "mark('declined')", "Declined", id="favours.declined",
                tooltip="Mark the highlighted favour declined"),
        Binding("n", "mark('no_answer')", "No answer", id="favours.no_answer",
                tooltip="Mark the highlighted favour not answered (an ask left to drop)"),
        Binding("o", "mark('open')", "Open again", id="favours.open",
                tooltip="Mark the highlighted favour open again"),
        # The app's u does not reach into a modal: the same undo, bound here.
        Binding("u", "app.undo", "Undo", id="favours.undo",
                tooltip="Undo the last change: the last mark made here, or anything before"),
        *list_bindings("favours", "Close (each change is saved as you make it; u undoes)"),
    ]

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(contact_id, name)
        self.favours: dict[str, FavourRecord] = {}  # the favours listed, by option id

    def above_list(self) -> ComposeResult:
        yield Static(id="balance")

    def load(self) -> None:
        self.app.run_query(partial(load_favours, self.contact_id), self._show, group="favours")

    def on_garden_changed(self, _: GardenChanged) -> None:
        self.load()  # a status marked here, or an undo

    def _show(self, loaded: ContactFavours) -> None:
        if not self.is_attached:  # closed while they were read
            return
        balance = loaded.balance
        self.query_one("#balance", Static).update(
            Content(f"gave {balance.gave} · took {balance.took}"))
        self.favours = {str(favour.id): favour for favour in loaded.favours}
        today = clock.today()
        self.show_options([Option(favour_line(favour, today), id=key)
                           for key, favour in self.favours.items()],
                          empty="No favours yet: f on the main screen logs one")

    def action_mark(self, status: str) -> None:
        option = self.listed.highlighted_option
        if option is None:
            self.app.bell()
            return
        favour = self.favours[option.id]
        _, what = favour_words(favour, clock.today())
        words = choice_words(status)
        if favour.status == status:
            self.notify(f"Already {words}: {what}", markup=False)
            return
        self.app.perform(f"mark a favour {words}: {self.contact_name}",
                         lambda: tending.set_favour_status(favour.id, status),
                         done=lambda _: self.notify(f"Marked {words}: {what} (u undoes)",
                                                    markup=False))
