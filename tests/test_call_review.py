"""Call mode and the morning review, driven by keys on a real garden with a frozen clock.

The clock stands at Mon 23 Nov 2026 09:00 UTC (conftest's ``frozen_clock``). Each test
pushes the screen straight onto the app (no main screen), presses keys as a user would and
checks the database afterwards.
"""


import pendulum
import pytest
from textual.content import Content
from textual.widgets import Static, TextArea
from textual.screen import Screen

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions, queue, tending
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store import queries, undo
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.review import ReviewScreen
from netgarden_tui.tui.widgets.card import ContactCard

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
TODAY = NOW.date()
EVIL = "[bold]Evil[/] [red"


class ScreenlessApp(NetgardenApp):
    """The real app without its main screen: each test pushes the screen it checks."""

    def get_default_screen(self) -> Screen:
        return Screen()


@pytest.fixture
def app(frozen_clock, locations):
    """make_app opens the garden as the command line does; the app shown is screenless."""
    opened = make_app(locations, default_config())
    yield ScreenlessApp(opened.locations, opened.config, welcome=False)
    undo.disable()


def add(name: str, *, last_touch_days_ago: int | None = None, note: str = "",
        follow_up_on=None, follow_up_note: str = "", **details) -> int:
    contact_id = actions.add_contact(name, ContactDetails(**details))
    if last_touch_days_ago is not None:
        actions.log_touch([contact_id], channel="meeting", direction="mutual", note=note,
                          at=NOW.subtract(days=last_touch_days_ago), follow_up_on=follow_up_on,
                          follow_up_note=follow_up_note)
    return contact_id


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def shown(app, selector: str) -> str:
    return text_of(app.screen.query_one(selector, Static))


def card_text(app) -> str:
    return text_of(app.screen.query_one(ContactCard).query_one(".card-body", Static))


async def settle(pilot) -> None:
    """Let workers finish and their results reach the screen: conftest's ``settle``."""
    from conftest import settle as settle_app
    await settle_app(pilot)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


def key_bar_text(app) -> str:
    """The keys the screen offers, as its key bar shows them."""
    return app.screen.query_one("KeyBar").render().plain


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def travel(**forward) -> None:
    pendulum.travel_to(NOW.add(**forward), freeze=True)


# --- call mode ------------------------------------------------------------------------------

async def test_call_logs_notes_duration_and_follow_up(app):
    ann = add("Ann Lee", company="Acme", role="CTO", last_touch_days_ago=10,
              note="Talked about the merger")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        screen = app.screen
        assert isinstance(app.focused, TextArea)
        assert "Ann Lee" in card_text(app) and "CTO — Acme" in card_text(app)
        assert "Talked about the merger" in card_text(app)  # the last touches stay in view
        assert "Call with Ann Lee" in shown(app, "#call-timer")
        assert "0:00" in shown(app, "#call-timer")

        await type_text(pilot, "Pricing went well")
        travel(minutes=12, seconds=4)
        screen.tick()
        assert "12:04" in shown(app, "#call-timer")

        await pilot.press("tab")
        await type_text(pilot, "2w")
        assert shown(app, "#call-follow-up-day") == "Mon 7 Dec (in 14 days)"
        await pilot.press("tab")
        await type_text(pilot, "send the deck")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is not screen
        assert "Logged a 12:04 call with Ann Lee" in notifications(app)
    call = queries.interactions(ann, limit=1)[0]
    assert (call.channel, call.direction, call.note, call.duration_seconds) == (
        "call", "mutual", "Pricing went well", 12 * 60 + 4)
    [follow_up] = queries.follow_ups(contact_id=ann)
    assert (follow_up.due_on, follow_up.what) == (pendulum.date(2026, 12, 7), "send the deck")


async def test_call_timer_pauses(app):
    ann = add("Ann Lee")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        travel(minutes=1)
        await pilot.press("ctrl+t")
        assert "paused 1:00" in shown(app, "#call-timer")
        travel(minutes=9)
        app.screen.tick()
        assert "paused 1:00" in shown(app, "#call-timer")
        await pilot.press("ctrl+t")
        travel(minutes=9, seconds=30)
        app.screen.tick()
        assert "● 1:30" in shown(app, "#call-timer")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert queries.interactions(ann, limit=1)[0].duration_seconds == 90


async def test_escape_with_notes_asks_before_leaving(app):
    ann = add("Ann Lee")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        call = app.screen
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep writing
        await settle(pilot)
        assert app.screen is call
        assert call.query_one("#call-notes", TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert app.screen is not call and not isinstance(app.screen, ConfirmModal)
    assert queries.interactions(ann) == []


async def test_escape_without_notes_leaves_at_once(app):
    ann = add("Ann Lee")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        call = app.screen
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not call and not isinstance(app.screen, ConfirmModal)


async def test_a_bad_follow_up_day_saves_nothing_and_keeps_the_notes(app):
    ann = add("Ann Lee")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        call = app.screen
        await type_text(pilot, "notes")
        await pilot.press("tab")
        await type_text(pilot, "someday")
        assert "can't read" in shown(app, "#call-follow-up-day")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is call
        assert call.query_one("#call-notes", TextArea).text == "notes"
    assert queries.interactions(ann) == []


async def test_a_failed_save_keeps_everything_and_can_be_retried(app, monkeypatch):
    ann = add("Ann Lee")
    real_log_touch = actions.log_touch

    def refuse(*args, **kwargs):
        raise actions.InvalidInput("the disk is full")

    monkeypatch.setattr(actions, "log_touch", refuse)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        call = app.screen
        await type_text(pilot, "notes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is call
        assert "the disk is full" in notifications(app)
        assert call.query_one("#call-notes", TextArea).text == "notes"

        monkeypatch.setattr(actions, "log_touch", real_log_touch)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not call
    assert [touch.note for touch in queries.interactions(ann)] == ["notes"]


async def test_call_shows_a_hostile_name_and_note_literally(app):
    evil = add(EVIL, company="[/]", last_touch_days_ago=3, note="[/]")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(evil))
        await settle(pilot)
        assert card_text(app).startswith(f"{EVIL}  [/]\n")  # the name, then the company
        assert f"Call with {EVIL}" in shown(app, "#call-timer")
        assert "last time you talked about: [/]" in shown(app, "#call-opener")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Logged a 0:00 call with {EVIL}" in notifications(app)


async def test_call_says_happy_birthday_or_congratulations_as_the_review_does(app):
    """What is due with them comes first: a birthday today, news to congratulate on."""
    ann = add("Ann Lee", birthday=TODAY.format("MM-DD"), last_touch_days_ago=10, note="the deck")
    bob = add("Bob Ray", last_touch_days_ago=10, note="the deck")
    tending.log_life_event(bob, "promotion", "Head of Design", on=TODAY.subtract(days=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        assert shown(app, "#call-opener").startswith("Say: Wish Ann a happy birthday")
        app.pop_screen()
        await app.push_screen(CallScreen(bob))
        await settle(pilot)
        assert shown(app, "#call-opener").startswith("Say: Congratulate Bob")


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 48)])
async def test_call_fits_small_and_large_terminals(app, size):
    ann = add("Ann Lee", company="Acme", role="CTO", emails=["ann@acme.test"],
              last_touch_days_ago=10, note="line one\nline two\nline three")
    async with app.run_test(size=size) as pilot:
        await app.push_screen(CallScreen(ann))
        await settle(pilot)
        screen = app.screen
        for selector in ("#call-card", "#call-timer", "#call-notes", "#call-follow-up-on",
                         "#call-follow-up-what", "#call-follow-up-day"):
            region = screen.query_one(selector).region
            assert region.height >= 1 and region.width >= 10, selector
            assert screen.region.contains_region(region), selector
        assert screen.query_one("#call-notes").region.height >= 3
        side_by_side = screen.query_one("#call-card").region.x < screen.query_one("#call-notes").region.x
        assert side_by_side == (size[0] >= 100)


# --- the morning review --------------------------------------------------------------------

@pytest.fixture
def three_due():
    """Three contacts past the default 60-day cadence, most overdue first; Ann's
    follow-up is due."""
    return [
        add("Ann Lee", last_touch_days_ago=100, note="Caught up about the merger.",
            follow_up_on=TODAY, follow_up_note="Send the deck"),
        add("Bob Ray", last_touch_days_ago=90, note="Lunch"),
        add("Cy Dee", last_touch_days_ago=80),
    ]


async def open_review(app, pilot, results: list) -> ReviewScreen:
    await app.push_screen(ReviewScreen(), results.append)
    await settle(pilot)
    return app.screen


async def test_review_logs_snoozes_skips_then_sums_up(app, three_due):
    ann, bob, cy = three_due
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot, results)
        assert shown(app, "#review-progress").startswith("1 of 3")
        assert "Ann Lee" in shown(app, "#review-progress")
        assert "follow-up due today: Send the deck" in shown(app, "#review-why")
        assert shown(app, "#review-opener") == "Say: Follow up: Send the deck"
        assert "100 days ago · Sat 15 Aug" in card_text(app)

        await pilot.press("l")
        await settle(pilot)
        assert type(app.screen).__name__ == "QuickLogModal"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is review
        assert shown(app, "#review-progress").startswith("2 of 3")
        assert "Bob Ray" in shown(app, "#review-progress")

        await pilot.press("s")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert shown(app, "#review-progress").startswith("3 of 3")
        assert "Snoozed until Mon 30 Nov (in 7 days) · Bob Ray" in notifications(app)

        await pilot.press("space")
        await settle(pilot)
        assert shown(app, "#review-message").startswith(
            "Reviewed 3: 1 logged, 1 snoozed, 0 done, 1 skipped")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not review
    assert results == [None]
    assert queries.contact_card(ann, default_cadence=60).last_touch_at == NOW
    bob_card = queries.contact_card(bob, default_cadence=60)
    assert bob_card.snoozed_until == pendulum.date(2026, 11, 30)
    assert bob_card.next_due == pendulum.date(2026, 11, 30)
    assert queries.interactions(cy, limit=1)[0].at == NOW.subtract(days=80)  # skipped: untouched


async def test_done_completes_the_items_follow_ups(app, three_due):
    ann, bob, _ = three_due
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot, [])
        assert "d Done" in key_bar_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert shown(app, "#review-progress").startswith("2 of 3")
        assert queries.follow_ups(contact_id=ann) == []  # none open
        assert "Follow-up 'Send the deck' done · Ann Lee" in notifications(app)
        assert "Done" not in key_bar_text(app)  # Bob has no promise due: d is not offered
        await pilot.press("d")
        await settle(pilot)
        assert shown(app, "#review-progress").startswith("2 of 3")
        await pilot.press("n", "n")
        await settle(pilot)
        assert shown(app, "#review-message").startswith(
            "Reviewed 3: 0 logged, 0 snoozed, 1 done, 2 skipped")


async def test_a_review_resumes_where_it_was_left_and_counts_as_due_does(app, three_due,
                                                                         monkeypatch):
    import netgarden_tui.tui.screens.review as review_module

    monkeypatch.setattr(review_module, "REVIEW_LIMIT", 2)  # 3 due, the review holds 2
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot, [])
        assert shown(app, "#review-progress").startswith("1 of 3  Ann Lee")
        await pilot.press("space")
        await pilot.pause()
        assert shown(app, "#review-progress").startswith("2 of 3  Bob Ray")
        await pilot.press("escape")
        await pilot.pause()
        await open_review(app, pilot, [])
        assert shown(app, "#review-progress").startswith("2 of 3  Bob Ray")
        await pilot.press("p")
        await pilot.pause()
        assert shown(app, "#review-progress").startswith("1 of 3  Ann Lee  (skipped)")
        await pilot.press("space", "space")
        await pilot.pause()
        assert "Reviewed 2: 0 logged, 0 snoozed, 0 done, 2 skipped" in shown(app, "#review-message")
        await pilot.press("enter")  # seen through: the next review starts afresh
        await pilot.pause()
        await open_review(app, pilot, [])
        assert shown(app, "#review-progress").startswith("1 of 3  Ann Lee")


async def test_back_and_open(app, three_due):
    ann, bob, _ = three_due
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot, results)
        await pilot.press("space", "n")
        await settle(pilot)
        assert shown(app, "#review-progress").startswith("3 of 3")
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "#review-progress").startswith("2 of 3")
        assert "(skipped)" in shown(app, "#review-progress")
        assert "Bob Ray" in card_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is not review
    assert results == [bob]


async def test_escape_leaves_the_review_with_nothing_to_open(app, three_due):
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot, results)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not review
    assert results == [None]


async def test_an_empty_queue_says_so(app):
    add("Ann Lee", last_touch_days_ago=1)
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot, results)
        assert shown(app, "#review-message").startswith("Nothing due today")
        await pilot.press("l", "space")  # nothing to act on
        await settle(pilot)
        assert app.screen is review
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not review
    assert results == [None]


async def test_the_regroup_item_is_snoozed_or_skipped_but_never_logged(app):
    from netgarden_tui.store import writes

    writes.set_setting(queue.CREATED_KEY, TODAY.subtract(days=365).isoformat())
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(app, pilot, results)
        assert shown(app, "#review-progress").startswith("1 of 1")
        assert "regroup your circles" in shown(app, "#review-why")
        assert not review.query_one(ContactCard).display
        await pilot.press("l", "d", "o")
        await settle(pilot)
        assert app.screen is review and shown(app, "#review-progress").startswith("1 of 1")
        await pilot.press("s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SnoozeModal"
        assert app.screen.contact_name == "the regroup"
        await pilot.press("w")
        await settle(pilot)
        assert shown(app, "#review-message").startswith(
            "Reviewed 1: 0 logged, 1 snoozed, 0 done, 0 skipped")
    assert queue.due_queue(default_config()) == []
    travel(weeks=1)
    assert [item.has("regroup") for item in queue.due_queue(default_config())] == [True]


async def test_review_shows_a_hostile_name_literally(app):
    add(EVIL, company="[/]", last_touch_days_ago=75, note="[/]")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot, [])
        assert EVIL in shown(app, "#review-progress")
        assert EVIL in card_text(app)
        assert "last time you talked about: [/]" in shown(app, "#review-opener")


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 48)])
async def test_review_fits_small_and_large_terminals(app, three_due, size):
    async with app.run_test(size=size) as pilot:
        review = await open_review(app, pilot, [])
        for selector in ("#review-progress", "#review-why", "#review-opener", "#review-card"):
            region = review.query_one(selector).region
            assert region.height >= 1 and review.region.contains_region(region), selector
        assert review.query_one("#review-card").region.height >= 5
