"""The scenes of PRODUCT.md, driven with real keys through the real main screen.

Each test builds a garden with ``garden.actions`` (so the Due queue is known exactly), starts
the app made by ``make_app`` on that real SQLite file, presses keys as a user would, and
checks the database afterwards with ``store.queries``. Each scene runs at 80x24 (one pane at
a time: conftest's ``size``); those about the layout (the panes, the key bar, the rows, the
help's wrapping) at 160x48 (three panes side by side) too. The clock stands at Mon 23 Nov
2026 09:00 UTC in a UTC local timezone (conftest's ``frozen_clock``).
"""

import gc
import re
import threading

import pendulum
import pytest
from textual import events
from textual.command import CommandPalette
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from conftest import threads_left_at_work
from netgarden_tui import startup
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store import queries
from netgarden_tui.store.database import StoreError
from netgarden_tui.tui.app import NetgardenApp
from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.contact_form import ContactFormModal
from netgarden_tui.tui.screens.help import HelpScreen
from netgarden_tui.tui.screens.merge import MergeScreen
from netgarden_tui.tui.screens.main import WIDE, MainScreen
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.screens.review import ReviewScreen
from netgarden_tui.tui.screens.snooze import SnoozeModal
from netgarden_tui.tui.widgets.contact_list import ContactList
from netgarden_tui.tui.widgets.due_list import DueList
from netgarden_tui.tui.widgets.history import HistoryPane
from netgarden_tui.tui.widgets.key_picker import KeyPicker

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")  # a Monday; conftest freezes it
TODAY = NOW.date()
CADENCE = 60  # the default config's days between touches for a contact with no circle
HOSTILE = "[bold]Evil[/] [red"

both_sizes = pytest.mark.parametrize("size", [pytest.param((160, 48), id="160x48"),
                                              pytest.param((80, 24), id="80x24")])


# --- the garden -------------------------------------------------------------------------

@pytest.fixture
def app(new_app) -> NetgardenApp:
    return new_app()


def everyone() -> list[str]:
    """Every contact's name in the garden, archived too, by name."""
    return [row.name for row in queries.contact_rows(default_cadence=60, include_archived=True)]


def add(name: str, *, last_touch_days_ago: int | None = None, note: str = "",
        follow_up_on: pendulum.Date | None = None, follow_up_note: str = "") -> int:
    """A contact with no circle (due every 60 days), touched that many days ago (a meeting
    with ``note``) or never, with a follow-up promised at that touch if given."""
    contact_id = actions.add_contact(name, ContactDetails())
    if last_touch_days_ago is not None:
        actions.log_touch([contact_id], channel="meeting", direction="mutual", note=note,
                          at=NOW.subtract(days=last_touch_days_ago),
                          follow_up_on=follow_up_on, follow_up_note=follow_up_note)
    return contact_id


def card(contact_id: int):
    return queries.contact_card(contact_id, default_cadence=CADENCE)


def notes(contact_id: int) -> list[str]:
    """A contact's touches, newest first, by their notes."""
    return [touch.note for touch in queries.interactions(contact_id)]


# --- driving the app --------------------------------------------------------------------

async def settle(pilot) -> None:
    """Let every read and write finish and its result reach the screen (a result can start
    another read): conftest's ``settle``."""
    from conftest import settle as settle_app
    await settle_app(pilot)


async def press(pilot, *keys: str) -> None:
    """Press keys one at a time, each followed by whatever it starts."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def keys_for(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*keys_for(text))


def main_screen(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def due_names(app) -> list[str | None]:
    return [item.contact for item in main_screen(app).query_one(DueList).items]


def title(widget: Widget) -> str:
    """A pane's border title as shown (Textual hands it back as markup)."""
    return Content.from_markup(widget.border_title or "").plain


def plain(static: Static) -> str:
    content = static.content
    return content.plain if isinstance(content, Content) else str(content)


def whole_screen(app):
    """The compositor's full update: every line of the screen, modals over what they cover
    (what Textual's driver writes out; private API, as no public one gives the lines)."""
    return app.screen._compositor.render_update(full=True,
                                                screen_stack=app._background_screens)


def screen_text(app) -> str:
    """Every character on screen, as the terminal shows them."""
    return "\n".join("".join(strip.text for strip in line) for line in whole_screen(app).strips)


def terminal_output(app) -> str:
    """The bytes the app would write to the terminal for the whole screen: its console
    turns the styles into escape codes for the colour system it detected."""
    return whole_screen(app).render_segments(app.console)


# --- 1. the morning review --------------------------------------------------------------

async def test_morning_review_logs_snoozes_and_skips_through_the_queue(app, size):
    ann = add("Ann Lee", last_touch_days_ago=100)
    bob = add("Bob Ray", last_touch_days_ago=90)
    cy = add("Cy Dee", last_touch_days_ago=80)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert title(main.query_one("#due")) == "Due · 3"
        assert due_names(app) == ["Ann Lee", "Bob Ray", "Cy Dee"]  # most overdue first

        await press(pilot, "r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert plain(review.query_one("#review-progress")).startswith("1 of 3  Ann Lee")
        await press(pilot, "l")
        assert isinstance(app.screen, QuickLogModal)
        await type_text(pilot, "Caught up on the merger")
        await press(pilot, "ctrl+s")
        assert plain(review.query_one("#review-progress")).startswith("2 of 3  Bob Ray")
        await press(pilot, "s")
        assert isinstance(app.screen, SnoozeModal)
        await press(pilot, "w")
        assert plain(review.query_one("#review-progress")).startswith("3 of 3  Cy Dee")
        await press(pilot, "space")
        assert plain(review.query_one("#review-message")).startswith(
            "Reviewed 3: 1 logged, 1 snoozed, 0 done, 1 skipped")

        await press(pilot, "enter")
        assert app.screen is main
        assert title(main.query_one("#due")) == "Due · 1"
        assert due_names(app) == ["Cy Dee"]

    assert notes(ann) == ["Caught up on the merger", ""]
    assert queries.interactions(ann)[0].at == NOW
    assert card(bob).snoozed_until == pendulum.date(2026, 11, 30)
    assert notes(bob) == [""]
    untouched = card(cy)
    assert (untouched.last_touch_at, untouched.snoozed_until) == (NOW.subtract(days=80), None)
    assert notes(cy) == [""]


async def test_the_quick_log_offers_the_channel_last_logged_in_the_review_too(app, size,
                                                                            monkeypatch):
    add("Ann Lee", last_touch_days_ago=100)
    add("Bo Chen", last_touch_days_ago=100)  # last seen at a meeting
    real_log_touch = actions.log_touch

    def refuse(*args, **kwargs):
        raise StoreError("disk full")

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        assert app.screen.query_one(KeyPicker).value == "call"  # nothing logged yet
        monkeypatch.setattr(actions, "log_touch", refuse)
        await type_text(pilot, "Lunch")
        await press(pilot, "alt+e", "ctrl+s")
        assert isinstance(app.screen, QuickLogModal)  # not saved: not a channel used
        monkeypatch.setattr(actions, "log_touch", real_log_touch)
        await press(pilot, "escape", "y", "l")
        assert app.screen.query_one(KeyPicker).value == "call"

        await type_text(pilot, "Lunch")
        await press(pilot, "alt+e", "ctrl+s")
        main_screen(app)
        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen) and app.screen.item.contact == "Bo Chen"
        await press(pilot, "l")
        assert app.screen.query_one(KeyPicker).value == "email"  # not Bo's last: a meeting


# --- 2. during a call -------------------------------------------------------------------

async def test_a_call_is_logged_with_its_length_notes_and_follow_up(app, size):
    add("Ann Lee")
    bo = add("Bo Chen", last_touch_days_ago=20, note="Coffee")
    add("Cy Dee")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        assert main_screen(app).query_one(ContactList).highlighted_contact_id == bo
        await press(pilot, "c")
        call = app.screen
        assert isinstance(call, CallScreen) and call.contact_id == bo
        await type_text(pilot, "Pricing went well")

        pendulum.travel_to(NOW.add(minutes=12, seconds=4), freeze=True)
        call.tick()
        assert "12:04" in plain(call.query_one("#call-timer"))
        await press(pilot, "tab")
        assert app.focused is call.query_one("#call-follow-up-on")
        await type_text(pilot, "2w")
        assert plain(call.query_one("#call-follow-up-day")) == "Mon 7 Dec (in 14 days)"
        await press(pilot, "ctrl+s")
        main_screen(app)  # the call screen closed on saving

    touch = queries.interactions(bo)[0]
    assert (touch.channel, touch.note, touch.duration_seconds) == (
        "call", "Pricing went well", 724)
    [follow_up] = queries.follow_ups(contact_id=bo)
    assert (follow_up.due_on, follow_up.what) == (pendulum.date(2026, 12, 7), "Pricing went well")


async def test_ctrl_q_asks_before_it_quits_with_a_call_not_logged_yet(app, size):
    ann = add("Ann Lee")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        call = app.screen
        await type_text(pilot, "Pricing went well")
        call.set_focus(call.query_one("#call-card"))
        await press(pilot, "q")  # in a call, q is text wherever the focus is
        assert app.screen is call
        assert call.query_one("#call-notes").text == "Pricing went wellq"
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmModal)
        assert "What you typed is lost" in app.screen.question

        await press(pilot, "n")
        assert app.screen is call and app.is_running
        assert call.query_one("#call-notes").text == "Pricing went wellq"
        await press(pilot, "ctrl+q", "y")
        assert not app.is_running
    assert queries.interactions(ann) == []


async def test_a_call_of_a_minute_asks_before_leaving_even_with_nothing_typed(app, size):
    ann = add("Ann Lee")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "c", "escape")  # opened by mistake: leaves at once
        main_screen(app)

        await press(pilot, "c")
        pendulum.travel_to(NOW.add(minutes=2), freeze=True)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmModal)
        assert app.screen.question == "Leave without logging this 2:00 call?"
        await press(pilot, "y")
        main_screen(app)
    assert queries.interactions(ann) == []


# --- 3. quick log from the Due pane -----------------------------------------------------

async def test_a_touch_logged_from_due_settles_the_item_and_shows_in_history(app, size):
    ann = add("Ann Lee", last_touch_days_ago=100, follow_up_on=TODAY.subtract(days=5),
              follow_up_note="Send the deck")
    bob = add("Bob Ray", last_touch_days_ago=90)
    add("Cy Dee", last_touch_days_ago=70)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        main = main_screen(app)
        assert main.query_one(DueList).highlighted_item.contact_id == ann
        assert due_names(app) == ["Ann Lee", "Bob Ray", "Cy Dee"]

        await press(pilot, "l")
        assert isinstance(app.screen, QuickLogModal)
        await type_text(pilot, "Sent the deck at last")
        await press(pilot, "ctrl+s")
        assert app.screen is main
        assert due_names(app) == ["Bob Ray", "Cy Dee"]
        assert title(main.query_one("#due")) == "Due · 2"
        # The cursor moves on to the next item, and History follows it...
        history = main.query_one(HistoryPane)
        assert main.query_one(DueList).highlighted_item.contact_id == bob
        assert history.contact_id == bob
        # ...so the new touch shows once Ann is opened again (first in Contacts, by name).
        await press(pilot, "1", "enter")
        assert history.contact_id == ann
        timeline = plain(history.query_one("#history-timeline")).splitlines()
        newest = " ".join(" ".join(timeline[1:4]).split())  # the day beside it, or above it
        assert newest.startswith("today · Mon 23 Nov call · I reached out Sent the deck at last")

    assert notes(ann)[0] == "Sent the deck at last"
    [follow_up] = queries.follow_ups(contact_id=ann, include_done=True)
    assert follow_up.done_at == NOW  # the touch settled the promise


async def test_due_says_it_is_reading_until_the_queue_arrives(app, size, monkeypatch):
    add("Ann Lee", last_touch_days_ago=100)
    queue_wanted = threading.Event()
    read_queue = queue.due_today

    def slow_queue(*arguments, **options):  # a big garden's queue, read while the screen is up
        queue_wanted.wait(timeout=10)
        return read_queue(*arguments, **options)

    monkeypatch.setattr(queue, "due_today", slow_queue)
    async with app.run_test(size=size) as pilot:
        # Keys wait for the answer to "is the garden empty?", asked as the app opens: had
        # first (a round trip to a server may take longer than the key).
        await app.workers.wait_for_complete(
            [worker for worker in app.workers if worker.group == "welcome"])
        with threads_left_at_work():  # the queue's read, held back
            await pilot.press("3")
        assert "Reading today's queue…" in screen_text(app)
        queue_wanted.set()
        await settle(pilot)
        assert "Reading today's queue" not in screen_text(app)
        assert due_names(app) == ["Ann Lee"]


async def test_due_says_so_when_the_queue_cannot_be_read(app, size, monkeypatch):
    add("Ann Lee", last_touch_days_ago=100)

    def broken_queue(*arguments, **options):
        raise StoreError("database disk image is malformed [/]")

    monkeypatch.setattr(queue, "due_today", broken_queue)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        due = main_screen(app).query_one(DueList)
        assert due.option_count == 1
        assert due.get_option_at_index(0).prompt.plain == (
            "could not read today's queue: database disk image is malformed [/]")
        assert "could not read today's queue" in screen_text(app)
        assert "Reading today's queue" not in screen_text(app)
        assert due_names(app) == []


# --- 4. search and open -----------------------------------------------------------------

async def test_escape_in_the_filtered_list_clears_the_filter(app, size):
    add("Ann Lee")
    add("Zoë Ames")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await press(pilot, "slash", *"zoe", "enter", "1")
        assert main.active_pane == "contacts"
        assert title(main.query_one("#contacts")) == "Contacts · 1 · by name"
        await press(pilot, "escape")
        await settle(pilot)
        assert title(main.query_one("#contacts")) == "Contacts · 2 · by name"
        assert main.query_one("#filter", Input).value == ""


async def test_a_filter_without_accents_finds_and_opens_a_name_with_them(app, size):
    add("Ann Lee")
    zoe = add("Zoë Ames", last_touch_days_ago=12, note="Talked about sailing")
    add("Zed Orr")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await press(pilot, "slash")
        assert app.focused is main.query_one("#filter")
        await type_text(pilot, "zoe")
        await settle(pilot)
        assert title(main.query_one("#contacts")) == "Contacts · 1 · by name"
        await press(pilot, "enter")

        history = main.query_one(HistoryPane)
        assert title(history) == "History · Zoë Ames"
        assert history.contact_id == zoe
        assert notes(zoe)[0] in plain(history.query_one("#history-timeline"))
        assert main.active_pane == "history"

        await press(pilot, "slash")
        assert main.query_one("#filter", Input).value == "zoe"
        await press(pilot, "backspace", "backspace", "backspace", "escape")
        assert not main.query_one("#filter").display
        assert app.focused is main.query_one(ContactList)
        assert title(main.query_one("#contacts")) == "Contacts · 3 · by name"


# --- 5. snooze from Contacts ------------------------------------------------------------

@pytest.mark.parametrize(("typed", "day"), [("fri", pendulum.date(2026, 11, 27)),
                                            ("12-01", pendulum.date(2026, 12, 1))])
async def test_snooze_from_contacts_takes_a_day_typed_in_words(app, size, typed, day):
    ann = add("Ann Lee", last_touch_days_ago=70)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert due_names(app) == ["Ann Lee"]
        await press(pilot, "s")
        assert isinstance(app.screen, SnoozeModal)
        await press(pilot, "d")
        await type_text(pilot, typed)
        await press(pilot, "enter")
        assert due_names(app) == []
        assert title(main_screen(app).query_one("#due")) == "Due · 0"
    assert card(ann).snoozed_until == day
    assert card(ann).next_due == day


# --- 6. undo ----------------------------------------------------------------------------

async def test_undo_takes_back_an_added_contact(app, size):
    add("Ann Lee")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, ContactFormModal)
        await type_text(pilot, "Dee Fox")
        await press(pilot, "ctrl+s")
        main = main_screen(app)
        assert everyone() == ["Ann Lee", "Dee Fox"]
        assert title(main.query_one("#contacts")) == "Contacts · 2 · by name"

        await press(pilot, "u")
        assert everyone() == ["Ann Lee"]
        assert title(main.query_one("#contacts")) == "Contacts · 1 · by name"
        assert title(main.query_one(HistoryPane)) == "History"


async def test_undo_takes_back_a_logged_touch(app, size):
    ann = add("Ann Lee", last_touch_days_ago=70, note="Lunch")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        await type_text(pilot, "Quick hello")
        await press(pilot, "ctrl+s")
        assert notes(ann) == ["Quick hello", "Lunch"]
        assert due_names(app) == []

        await press(pilot, "u")
        assert notes(ann) == ["Lunch"]
        assert card(ann).last_touch_at == NOW.subtract(days=70)
        assert due_names(app) == ["Ann Lee"]


async def test_undo_takes_back_an_archive(app, size):
    ann = add("Ann Lee")
    add("Bob Ray")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmModal)
        assert "Archive Ann Lee?" in screen_text(app)
        await press(pilot, "y")
        assert card(ann).archived
        main = main_screen(app)
        assert title(main.query_one("#contacts")) == "Contacts · 1 · by name"

        await press(pilot, "u")
        assert not card(ann).archived
        assert title(main.query_one("#contacts")) == "Contacts · 2 · by name"


# --- 7. done ----------------------------------------------------------------------------

async def test_done_in_due_completes_the_overdue_follow_up(app, size):
    ann = add("Ann Lee", last_touch_days_ago=10, follow_up_on=TODAY.subtract(days=3),
              follow_up_note="Send the deck")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert due_names(app) == ["Ann Lee"]
        await press(pilot, "3", "d")
        assert title(main_screen(app).query_one("#due")) == "Due · 0"
    [follow_up] = queries.follow_ups(contact_id=ann, include_done=True)
    assert (follow_up.what, follow_up.done_at) == ("Send the deck", NOW)
    assert notes(ann) == [""]  # done is not a touch


# --- 8. panes ---------------------------------------------------------------------------

def visible_panes(main: MainScreen) -> list[str]:
    """The panes on screen, left to right."""
    shown = [pane for pane in ("contacts", "history", "due")
             if main.query_one(f"#{pane}").display and main.query_one(f"#{pane}").region]
    return sorted(shown, key=lambda pane: main.query_one(f"#{pane}").region.x)


@both_sizes
async def test_panes_stand_side_by_side_when_wide_and_one_at_a_time_when_narrow(app, size):
    ann = add("Ann Lee", last_touch_days_ago=70)
    wide = size[0] >= WIDE
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        everything = ["contacts", "history", "due"]
        for key, pane in [(None, "contacts"), ("tab", "history"), ("tab", "due"),
                          ("tab", "contacts"), ("shift+tab", "due"), ("2", "history"),
                          ("1", "contacts"), ("3", "due")]:
            if key:
                await press(pilot, key)
            assert main.active_pane == pane, key
            assert visible_panes(main) == (everything if wide else [pane]), key
        regions = [main.query_one(f"#{pane}").region for pane in everything]
        pane_bar_shown = screen_text(app).splitlines()[0].split() == [
            "1", "Contacts", "2", "History", "3", "Due", "4", "Garden"]
        assert pane_bar_shown != wide
        if wide:
            assert len({region.y for region in regions}) == 1  # one row
            assert sum(region.width for region in regions) == size[0]
        else:
            assert main.query_one("#due").region.width == size[0]
    assert notes(ann) == [""]  # moving around writes nothing


@both_sizes
async def test_the_key_bar_shows_the_keys_in_force_and_a_click_presses_one(app, size):
    add("Ann Lee", last_touch_days_ago=70)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bar = screen_text(app).splitlines()[-1]
        assert "⏎ Open" in bar and "l Log" in bar and "c Call" in bar and "? Help" in bar

        await press(pilot, "/")  # in the filter, letters are text: the screen's keys go
        bar = screen_text(app).splitlines()[-1]
        assert "l Log" not in bar and "? Help" not in bar
        await press(pilot, "escape")

        column = screen_text(app).splitlines()[-1].index("l Log")
        await pilot.click(offset=(column, size[1] - 1))
        await settle(pilot)
        assert isinstance(app.screen, QuickLogModal)


@both_sizes
async def test_every_contact_row_shows_name_circle_and_last_touch_in_each_layout(new_app,
                                                                                   size):
    for width, height in (size, (120, 30), (60, 20)):  # and the narrowest side by side
        app = new_app()
        actions.add_contact(f"Ann Lee {width}", ContactDetails(circle="Friends"))
        async with app.run_test(size=(width, height)) as pilot:
            await settle(pilot)
            # The first row with the name is the list's (History beside it shows them too).
            row = next(line for line in screen_text(app).splitlines()
                       if f"Ann Lee {width}" in line and "╭" not in line)
            assert "Friends" in row and "never" in row, row


@both_sizes
async def test_a_narrow_key_bar_keeps_the_ways_to_every_other_key(new_app, size):
    narrowest = (60, 20)  # the narrowest the app is made for, beside the two sizes of all
    for width, height in (size, narrowest):
        app = new_app()
        add(f"Ann Lee {width}", last_touch_days_ago=70)
        async with app.run_test(size=(width, height)) as pilot:
            await settle(pilot)
            bar = " ".join(screen_text(app).splitlines()[-1].split())
            assert bar.startswith("⏎ Open / Filter l Log")
            assert bar.endswith("? Help ^p palette")  # on the narrowest, the rest is a ? away
            assert ("q Quit" in bar) == (width > 60) and ("…" in bar) == (width == 60)

            await press(pilot, "r")
            assert isinstance(app.screen, ReviewScreen)
            bar = " ".join(screen_text(app).splitlines()[-1].split())
            assert bar.startswith("l Log") and bar.endswith("? Help")


@both_sizes
async def test_the_key_bar_follows_the_focused_pane(app, size):
    add("Ann Lee", last_touch_days_ago=70)  # due: the Due pane has an item to open
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bars = {}
        for key, pane in (("1", "contacts"), ("2", "history"), ("3", "due")):
            await press(pilot, key)
            bars[pane] = screen_text(app).splitlines()[-1]
        assert "⏎ Open" in bars["contacts"] and "⏎ Open" in bars["due"]
        assert "⏎ Open" not in bars["history"]  # nothing to open there: its keys scroll
        assert all("l Log" in bar for bar in bars.values())

        await press(pilot, "enter")  # the key the Due pane shows does what it says
        assert main_screen(app).active_pane == "history"
        assert title(main_screen(app).query_one("#history")) == "History · Ann Lee"


async def test_the_collector_netgarden_starts_without_runs_again_once_the_app_is_up(app, size):
    """`netgarden` starts with Python's cycle collector paused (startup.py): a long session
    must not go on without it."""
    startup.pause_collector()
    try:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        gc.unfreeze()  # what the app froze: this process goes on to other tests
        gc.enable()


# --- 9. help and the palette ------------------------------------------------------------

def help_entries(lines: list[str], section: str) -> list[str]:
    """One section of the help, an entry per binding with its wrapped lines joined and its
    spaces squeezed: "tab Next pane Move to the next pane"."""
    body = lines[lines.index(section) + 1:]
    body = body[:body.index("")]
    entries: list[str] = []
    for line in body:
        if line[2:3].isspace():  # a tooltip wrapped under its column
            entries[-1] += " " + line
        else:
            entries.append(line)
    return [" ".join(entry.split()) for entry in entries]


@both_sizes
async def test_help_lists_every_key_of_the_main_screen_and_escape_closes_it(new_app, size):
    app = new_app(welcome=False)  # on an empty garden, without the welcome it opens with
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = plain(app.screen.query_one("#help-keys")).splitlines()
        assert help_entries(lines, "Main screen") == [
            " ".join(f"{app.get_key_display(binding)} {binding.description} "
                     f"{binding.tooltip}".split())
            for binding in MainScreen.BINDINGS]
        await press(pilot, "escape")
        assert app.screen is main
    assert queries.count_contacts() == 0


async def test_help_puts_a_long_action_s_words_below_it_not_run_into_it(new_app):
    app = new_app(welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        lines = plain(app.screen.query_one("#help-keys")).splitlines()
        at = next(i for i, line in enumerate(lines) if "Direction: received" in line)
        assert lines[at].rstrip().endswith("Direction: received")
        assert lines[at + 1].strip().startswith("Make it received")
        body = app.screen.query_one("#help-body")
        await press(pilot, "j", "j", "j")
        assert body.scroll_y == 3  # j and k scroll it, as they do every list
        await press(pilot, "k")
        assert body.scroll_y == 2


async def test_the_palette_finds_a_contact_by_a_misspelt_name_and_opens_them(app, size):
    add("Ann Lee")
    margot = add("Margot Duval", last_touch_days_ago=5, note="Board seat talk")
    add("Zed Orr")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "margto duvla")
        await settle(pilot)
        assert "Margot Duval" in screen_text(app)
        await press(pilot, "enter")
        assert app.screen is main
        history = main.query_one(HistoryPane)
        assert history.contact_id == margot
        assert title(history) == "History · Margot Duval"
        assert main.active_pane == "history"
        assert "Margot Duval" in screen_text(app)
        assert "Board seat talk" in screen_text(app)
    assert notes(margot) == ["Board seat talk"]


# --- 10. hostile text -------------------------------------------------------------------

async def test_a_name_and_notes_full_of_markup_show_literally_everywhere(app, size):
    evil = add(HOSTILE, last_touch_days_ago=10, note="[/]", follow_up_on=TODAY,
               follow_up_note="[red")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert HOSTILE in screen_text(app)  # in Contacts

        await press(pilot, "enter")
        history = main.query_one(HistoryPane)
        assert title(history) == f"History · {HOSTILE}"
        on_screen = screen_text(app)
        assert f"History · {HOSTILE}" in on_screen
        assert "    [/]" in on_screen  # the note, under its touch
        assert "[red" in on_screen  # the follow-up

        await press(pilot, "3")
        assert due_names(app) == [HOSTILE]
        on_screen = screen_text(app)
        assert HOSTILE in on_screen
        assert "follow-up due today: [red" in on_screen

        await press(pilot, "l")
        assert isinstance(app.screen, QuickLogModal)
        assert f"Log a touch with {HOSTILE}" in screen_text(app)
        await type_text(pilot, "[/] again")
        await press(pilot, "ctrl+s")

        await press(pilot, "ctrl+p")
        await type_text(pilot, "Evil")
        await settle(pilot)
        assert HOSTILE in screen_text(app)
        await press(pilot, "enter")
        assert main.query_one(HistoryPane).contact_id == evil
        assert "[/] again" in screen_text(app)
    assert notes(evil) == ["[/] again", "[/]"]
    assert queries.contact_name(evil) == HOSTILE


# --- 11. 16 colours and NO_COLOR --------------------------------------------------------

SGR = re.compile(r"\x1b\[([0-9;]*)m")
SIXTEEN_COLOURS = {*range(30, 38), 39, *range(40, 48), 49, *range(90, 98), *range(100, 108)}


def colour_codes(output: str) -> list[list[int]]:
    return [[int(code) for code in params.split(";") if code] for params in SGR.findall(output)]


def backgrounds(line: str) -> set[int]:
    return {code for codes in colour_codes(line) for code in codes
            if 40 <= code <= 47 or 100 <= code <= 107}


def check_sixteen_colours(app) -> None:
    """Only the 16 colours' codes reach the terminal, and the cursor row still stands out."""
    assert app.console.color_system == "standard"
    output = terminal_output(app)
    for codes in colour_codes(output):
        assert not {38, 48} & set(codes), codes  # no 256-colour or true colour
        assert set(codes) <= SIXTEEN_COLOURS | {0, 1, 2, 3, 4, 7, 9}, codes
    cursor_row, other_row = (next(line for line in output.split("\n") if name in line)
                             for name in ("Ann Lee", "Bo Chen"))
    assert backgrounds(cursor_row) != backgrounds(other_row)


def check_no_colour(app) -> None:
    """NO_COLOR: what reaches the terminal has no hue, only shades of grey."""
    assert app.no_color
    for codes in colour_codes(terminal_output(app)):
        for index, code in enumerate(codes):
            if code in (38, 48) and codes[index + 1] == 2:
                red, green, blue = codes[index + 2:index + 5]
                assert red == green == blue, codes


TERMINALS = {
    "16 colours": ({"TERM": "xterm"}, check_sixteen_colours),
    "NO_COLOR": ({"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"},
                 check_no_colour),
}


@pytest.mark.parametrize("terminal", list(TERMINALS))
async def test_a_poor_terminal_still_logs_a_touch(new_app, monkeypatch, size, terminal):
    environment, check_colours = TERMINALS[terminal]
    for variable in ("COLORTERM", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    app = new_app()  # Textual reads the terminal's environment when the app is made
    ann = add("Ann Lee", last_touch_days_ago=70)
    add("Bo Chen")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        check_colours(app)
        await press(pilot, "l")
        assert isinstance(app.screen, QuickLogModal)
        await type_text(pilot, "Still works")
        await press(pilot, "ctrl+s")
        assert due_names(app) == []
    assert notes(ann) == ["Still works", ""]


async def test_a_field_s_hint_stays_readable_in_16_colours_as_the_field_is_focused(
        new_app, monkeypatch):
    """In 16 colours a focused field's background and a hint's grey could become the same
    colour, and "what you promised" vanished as the person reached the field."""
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    app = new_app()
    add("Ann Lee", last_touch_days_ago=70)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        for _ in range(8):  # to the follow-up's "what", empty: its hint shows
            if app.focused.id == "follow-up-note":
                break
            await press(pilot, "tab")
        assert app.focused.id == "follow-up-note"
        output = terminal_output(app)
        before_hint = output[:output.index("hat you promised")]  # after the cursor's "w"
        codes = colour_codes(before_hint)[-1]
        foreground = next(code for code in codes if 30 <= code <= 37 or 90 <= code <= 97)
        background = next(code for code in codes if 40 <= code <= 47 or 100 <= code <= 107)
        assert foreground + 10 != background


# --- 12. type-ahead over a laggy link ---------------------------------------------------
#
# Over SSH a burst of keys arrives in one read: Textual queues them all before it handles
# the first. The scenes above press keys one at a time and wait; these send them together.
# The main screen's keys are priority bindings and wait for the screen they open to mount,
# so the keys behind them reach that screen; a save is an ordinary binding, so it comes
# after the text typed before it.

async def type_ahead(pilot, *keys: str) -> None:
    """Queue every key at once, as a terminal driver does with one read, then let them run."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
    await settle(pilot)


async def test_enter_typed_straight_after_a_palette_search_picks_what_it_found(app, size):
    """`ctrl+p d u p l enter` in one burst: enter waits for the search for "dupl", and
    opens Find duplicates, not what "d" found first (the Due pane)."""
    add("Ann Lee")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "ctrl+p", "d", "u", "p", "l", "enter")
        assert isinstance(app.screen, MergeScreen)


async def test_a_note_typed_straight_after_l_is_logged(app, size):
    ann = add("Ann Lee", last_touch_days_ago=70)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "l", *keys_for("sent the deck"), "ctrl+s")
    assert notes(ann) == ["sent the deck", ""]


async def test_notes_typed_straight_after_c_are_logged(app, size):
    ann = add("Ann Lee", last_touch_days_ago=70)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "c", *keys_for("sent the deck"), "ctrl+s")
    assert notes(ann)[0] == "sent the deck"


async def test_a_name_typed_straight_after_a_is_added(new_app, size):
    app = new_app(welcome=False)  # on an empty garden, without the welcome it opens with
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "a", *keys_for("Dee Fox"))
        await press(pilot, "ctrl+s")
    assert everyone() == ["Dee Fox"]


async def test_a_filter_typed_straight_after_slash_opens_the_match(app, size):
    add("Ann Lee")
    zoe = add("Zoë Ames")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_ahead(pilot, "slash", *keys_for("zoe"), "enter")
        assert main_screen(app).query_one(HistoryPane).contact_id == zoe
