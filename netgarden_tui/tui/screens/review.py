"""The morning review (the `r` key): today's queue, one item at a time, full screen.

Each item shows why it is due, what to say, the card and the last three touches; one key
deals with it (log, snooze, done, skip) and the next one comes up. At the end, a summary
of what was done. `o` leaves the review to show the contact in the main screen: the
screen dismisses with that contact's id (None otherwise).
"""

from collections import Counter
from functools import partial
from typing import NamedTuple

import pendulum
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from netgarden_tui import clock
from netgarden_tui.garden import queue, tending
from netgarden_tui.garden.openers import opening_line
from netgarden_tui.garden.display import REGROUP_NAME, snoozed_words
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.text import safe, styled
from netgarden_tui.tui.widgets.card import CardData, ContactCard, load_card_data
from netgarden_tui.tui.widgets.due_list import item_name
from netgarden_tui.tui.widgets.key_bar import KeyBar

# A morning review works through the top of the queue; a big garden can hold thousands.
REVIEW_LIMIT = 100
OUTCOMES = ("logged", "snoozed", "done", "introduced", "skipped")
# Which actions each state of the screen offers (the footer shows only these).
ACTIONS_BY_STATE = {
    "loading": {"leave"},
    "contact": {"log", "snooze", "skip", "done", "introduce", "dismiss", "open", "previous",
                "leave"},
    "regroup": {"snooze", "skip", "previous", "leave"},
    "summary": {"close", "previous", "leave"},
    "empty": {"close", "leave"},
}
SCREEN_ACTIONS = set().union(*ACTIONS_BY_STATE.values())


class ReviewProgress(NamedTuple):
    """Where a review was left, so that the next one this run of the app resumes there."""

    day: pendulum.Date
    items: list[queue.QueueItem]
    index: int
    outcomes: dict[int, str]
    more: int  # due beyond the review's items


def summary_text(outcomes: dict[int, str]) -> str:
    """ "Reviewed 12: 5 logged, 3 snoozed, 2 done, 2 skipped" (and "1 introduced", when
    an introduction was made)"""
    counts = Counter(outcomes.values())
    return f"Reviewed {len(outcomes)}: " + ", ".join(
        f"{counts[o]} {o}" for o in OUTCOMES if o != "introduced" or counts[o])


@keys_in_help("Daily review (r)", order=70)
class ReviewScreen(Screen[int | None]):
    CSS_PATH = ["review.tcss", "../widgets/card.tcss"]
    BINDINGS = [
        Binding("l", "log", "Log", id="review.log",
                tooltip="Log a touch with this contact, then go on to the next"),
        Binding("s", "snooze", "Snooze", id="review.snooze",
                tooltip="Snooze this contact until a day you pick, then go on"),
        Binding("space,n", "skip", "Skip", id="review.skip",
                tooltip="Leave this one for now and go on to the next"),
        Binding("d", "done", "Done", id="review.done",
                tooltip="Mark this item's due follow-ups done, then go on"),
        Binding("i", "introduce", "Introduce", id="review.introduce",
                tooltip="Make the introduction suggested (both get a follow-up; the need is "
                        "met), then go on"),
        Binding("x", "dismiss", "Not these two", id="review.dismiss",
                tooltip="Never suggest this introduction again, then go on"),
        Binding("o", "open", "Open", id="review.open",
                tooltip="Leave the review and show this contact in the main screen"),
        Binding("p,backspace", "previous", "Back", id="review.previous",
                tooltip="Back to the previous item"),
        Binding("enter", "close", "Close", id="review.close",
                tooltip="Close the review"),
        Binding("escape,q", "leave", "Leave", id="review.leave",
                tooltip="Leave the review (what you did is kept)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[queue.QueueItem] = []
        self.index = 0
        self.state = "loading"
        self.outcomes: dict[int, str] = {}  # item index -> one of OUTCOMES
        self.more = 0  # items due beyond REVIEW_LIMIT: counted, as the Due pane counts them
        self.data: CardData | None = None

    def compose(self):
        with Vertical(id="review-item"):
            yield Static(id="review-progress")
            yield Static(id="review-why")
            yield Static(id="review-opener")
            yield ContactCard(id="review-card")
        yield Static(Content.styled("Loading today's queue…", "$text-muted"), id="review-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#review-item").display = False
        left = self.app.review_progress
        if left is not None and left.day == clock.today() and left.items:
            self._resume(left)
            return
        self.app.run_query(self._read_queue, self._queue_loaded,
                           group="review queue", could_not="read today's queue")

    def _read_queue(self) -> queue.DueToday:
        return queue.due_today(self.app.config, limit=REVIEW_LIMIT)

    def _resume(self, left: ReviewProgress) -> None:
        """Back where the last review of the day was left; the items ahead follow the
        garden (who was dealt with since drops out)."""
        self.items, self.outcomes, self.more = list(left.items), dict(left.outcomes), left.more
        self._show_item(left.index)
        self._garden_changed()

    def _queue_loaded(self, due: queue.DueToday) -> None:
        if not self.is_attached:
            return  # left before the queue came
        self.items, self.more = due.items, due.total - len(due.items)
        if self.items:
            self._show_item(0)
        else:
            self._show_message("empty", Content.assemble(
                ("Nothing due today", "bold"), "\n\n",
                ("Nobody is waiting on you. enter or escape closes.", "$text-muted")))

    # --- what is on screen --------------------------------------------------------------

    @property
    def item(self) -> queue.QueueItem | None:
        return self.items[self.index] if self.state in ("contact", "regroup") else None

    def _set_state(self, state: str) -> None:
        self.state = state
        self.query_one("#review-item").display = state in ("contact", "regroup")
        self.query_one("#review-message").display = state not in ("contact", "regroup")
        self.refresh_bindings()

    def _show_message(self, state: str, message: Content) -> None:
        self.query_one("#review-message", Static).update(message)
        self._set_state(state)

    def _show_item(self, index: int) -> None:
        self.index = index
        item = self.items[index]
        self.data = None
        self._set_state("regroup" if item.contact_id is None else "contact")
        self._show_progress()
        today = clock.today()
        self.query_one("#review-why", Static).update(Content("\n").join(
            Content.assemble("• ", safe(reason_text(reason, today))) for reason in item.reasons))
        self.query_one("#review-opener", Static).display = False
        self.query_one(ContactCard).display = False
        if item.contact_id is not None:
            self._load_card(index)

    def _show_progress(self) -> None:
        """ "3 of 12  Ann Lee  (logged)" """
        index, item = self.index, self.items[self.index]
        self.query_one("#review-progress", Static).update(Content.assemble(
            (f"{index + 1} of {len(self.items) + self.more}", "bold reverse"), "  ",
            item_name(item, "Regroup"),
            *(("  ", (f"({self.outcomes[index]})", "$text-muted")) if index in self.outcomes else ())))

    def _load_card(self, index: int) -> None:
        contact_id, cadence = self.items[index].contact_id, self.app.config.default_cadence_days
        self.app.run_query(lambda: load_card_data(contact_id, cadence),
                           partial(self._card_loaded, index), group="review card",
                           could_not="read this contact's card")

    def _card_loaded(self, index: int, data: CardData | None) -> None:
        if not self.is_attached or self.item is None or index != self.index:
            return  # the user has moved on
        self.data = data
        opener = self.query_one("#review-opener", Static)
        opener.display = True
        if data is None:
            opener.update(Content.styled("This contact is no longer in the garden: skip it.",
                                         "$text-error"))
            return
        line = opening_line(data.card, self.item.reasons, data.touches, clock.today())
        opener.update(styled("[b]Say:[/b] $line", line=line))
        card = self.query_one(ContactCard)
        card.show(data.card, data.touches)
        card.display = True
        card.focus()  # arrows and page keys scroll a long card

    @on(GardenChanged)
    def _garden_changed(self) -> None:
        """Something was written (here, or by another session): the card on screen and the
        items still ahead follow the garden."""
        if self.state not in ("contact", "regroup"):
            return
        if self.state == "contact":
            self._load_card(self.index)
        self.app.run_query(self._read_queue, self._requeued,
                           group="review queue", could_not="read today's queue")

    def _requeued(self, fresh: queue.DueToday) -> None:
        """Who was dealt with elsewhere drops out of the items ahead, and who became due
        joins them; the items behind and the one on screen stay as they were."""
        if not self.is_attached or self.state not in ("contact", "regroup"):
            return
        kept = self.items[:self.index + 1]
        seen = {item.contact_id for item in kept}
        self.items = kept + [item for item in fresh.items if item.contact_id not in seen]
        self.more = fresh.total - len(fresh.items)
        self._show_progress()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that mean something now, for this item (done only where a
        promise is due); the footer shows just those."""
        if action == "done" and self.item is not None and not tending.is_promise_due(self.item):
            return False
        if action in ("introduce", "dismiss") and (self.item is None
                                                   or not self.item.introductions):
            return False
        return action in ACTIONS_BY_STATE[self.state] if action in SCREEN_ACTIONS else True

    # --- moving through the queue ---------------------------------------------------------

    def _finish(self, index: int, outcome: str, said: str = "") -> None:
        """Note what was done with an item (and say it); go on if it is still the one on
        screen."""
        self.outcomes[index] = outcome
        if said:
            self.notify(said)
        if self.item is not None and index == self.index:
            self._next()

    def _next(self) -> None:
        if self.index + 1 < len(self.items):
            self._show_item(self.index + 1)
        else:
            self._show_message("summary", Content.assemble(
                (summary_text(self.outcomes), "bold"), "\n\n",
                ("enter or escape closes; p goes back.", "$text-muted")))

    def action_skip(self) -> None:
        self.outcomes.setdefault(self.index, "skipped")  # skipping keeps what was done before
        self._next()

    def action_previous(self) -> None:
        if self.state == "summary":
            self._show_item(len(self.items) - 1)
        elif self.index > 0:
            self._show_item(self.index - 1)
        else:
            self.app.bell()

    def action_leave(self) -> None:
        self._keep_progress()
        self.dismiss(None)

    def _keep_progress(self) -> None:
        """Remember where this review was left, for the next one today (a review seen
        through to its summary starts afresh)."""
        self.app.review_progress = None
        if self.state in ("contact", "regroup"):
            self.app.review_progress = ReviewProgress(clock.today(), self.items, self.index,
                                                      self.outcomes, self.more)

    action_close = action_leave  # enter: offered once there is nothing left to review

    def action_open(self) -> None:
        self._keep_progress()
        self.dismiss(self.item.contact_id)

    # --- dealing with an item ---------------------------------------------------------------

    def action_log(self) -> None:
        from netgarden_tui.tui.screens.quick_log import QuickLogModal

        index, item = self.index, self.item
        # The last channel used, as everywhere; before any, the one last used with them.
        last_channel = self.app.last_channel or (self.data.last_channel if self.data else None)

        def logged(interaction_id: int | None) -> None:
            if interaction_id is not None:
                self._finish(index, "logged")

        self.app.push_screen(QuickLogModal(item.contact_id, item.contact, last_channel=last_channel),
                             logged)

    def action_snooze(self) -> None:
        from netgarden_tui.tui.screens.snooze import SnoozeModal

        index, item, config = self.index, self.item, self.app.config
        name = item.contact or REGROUP_NAME

        def snooze_until(day: pendulum.Date | None) -> None:
            if day is not None:
                self.app.perform(f"snooze {name}",
                                 lambda: tending.snooze_due(item.contact_id, day, config),
                                 done=lambda _: self._finish(
                                     index, "snoozed", snoozed_words(item.contact, day)))

        self.app.push_screen(SnoozeModal(name), snooze_until)

    def action_done(self) -> None:
        index, item = self.index, self.item
        self.app.perform(f"done with {item.contact}",
                         lambda: tending.keep_item_promises(item),
                         done=lambda said: self._finish(index, "done", said))

    def action_introduce(self) -> None:
        self._decide_introduction(make=True)

    def action_dismiss(self) -> None:
        self._decide_introduction(make=False)

    def _decide_introduction(self, *, make: bool) -> None:
        index, item = self.index, self.item
        suggested = item.introductions[0]
        if make:
            label = f"introduce {item.contact} and {suggested.other}"
            write = partial(tending.make_suggested_introduction, item.contact_id, suggested)
        else:
            label = f"never suggest {item.contact} and {suggested.other}"
            write = partial(tending.dismiss_suggested_introduction, item.contact_id, suggested)
        self.app.perform(label, write, done=lambda said: self._finish(
            index, "introduced" if make else "skipped", said))
