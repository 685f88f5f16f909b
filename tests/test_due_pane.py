"""The Due pane's snooze, on the real app at 80x24 with the clock frozen on Mon 23 Nov 2026:
whatever an item is due for, `s` takes it out of Due until the day chosen."""

from netgarden_tui.garden import queue
from netgarden_tui.store import writes
from netgarden_tui.tui.widgets.due_list import DueList
from test_scenes import TODAY, add, due_names, main_screen, press, settle  # tests/ is on the path


async def test_snoozing_a_follow_up_takes_it_out_of_due(new_app):
    app = new_app()
    zoe = add("Zoë Takahashi", last_touch_days_ago=10, follow_up_on=TODAY.subtract(days=3),
              follow_up_note="Intro to my accountant")
    add("Bob Ray", last_touch_days_ago=90)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == ["Zoë Takahashi", "Bob Ray"]
        assert main_screen(app).query_one(DueList).highlighted_item.contact_id == zoe
        await press(pilot, "s", "w")
        assert due_names(app) == ["Bob Ray"]
    assert [item.contact for item in queue.due_queue(app.config)] == ["Bob Ray"]


async def test_snoozing_the_regroup_review_takes_it_out_of_due(new_app):
    app = new_app(welcome=False)  # nobody in the garden: only the regroup is due
    writes.set_setting(queue.CREATED_KEY, TODAY.subtract(days=365).isoformat())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == [None]  # "Your garden": the regroup review
        await press(pilot, "s", "w")
        assert due_names(app) == []


def highlighted(app) -> str | None:
    return main_screen(app).query_one(DueList).highlighted_item.contact


async def test_due_keeps_your_place_and_goes_on_to_the_next_item(new_app):
    app = new_app()
    add("Ann Lee", last_touch_days_ago=100, follow_up_on=TODAY, follow_up_note="Send the deck")
    add("Bob Ray", last_touch_days_ago=95)
    add("Cy Dee", last_touch_days_ago=90)
    add("Di Fox", last_touch_days_ago=85)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "j")
        assert highlighted(app) == "Bob Ray"
        await press(pilot, "s", "w")  # Bob leaves: Cy took his place
        assert due_names(app) == ["Ann Lee", "Cy Dee", "Di Fox"]
        assert highlighted(app) == "Cy Dee"
        await press(pilot, "k", "d")  # Ann's promise kept; she stays, due on cadence
        assert due_names(app) == ["Ann Lee", "Cy Dee", "Di Fox"]
        assert highlighted(app) == "Cy Dee"
        await press(pilot, "l", "escape")  # a log not saved: the cursor stays
        await press(pilot, "j", "d")  # a done that fails stays too
        assert highlighted(app) == "Di Fox"
        await press(pilot, "k", "l", "ctrl+s")  # a log saved goes on
        assert due_names(app) == ["Ann Lee", "Di Fox"]
        assert highlighted(app) == "Di Fox"


async def test_after_a_done_the_cursor_goes_to_the_next_person_even_as_theirs_moves_down(new_app):
    """Bob's promise kept, he is still due on cadence, now last: the cursor goes on to Ann,
    who came after him, not past everyone to the item after Bob's new place."""
    app = new_app()
    add("Ann Lee", last_touch_days_ago=100)
    add("Bob Ray", last_touch_days_ago=61, follow_up_on=TODAY, follow_up_note="Send the deck")
    add("Cy Dee", last_touch_days_ago=90)
    add("Di Fox", last_touch_days_ago=85)
    add("Ed Gray", last_touch_days_ago=80)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app)[:2] == ["Bob Ray", "Ann Lee"]
        assert highlighted(app) == "Bob Ray"
        await press(pilot, "d")
        assert due_names(app) == ["Ann Lee", "Cy Dee", "Di Fox", "Ed Gray", "Bob Ray"]
        assert highlighted(app) == "Ann Lee"


async def test_undoing_a_snooze_puts_the_cursor_back_on_the_person(new_app):
    """Snoozed by mistake and undone: the next key acts on them again, not on whoever the
    cursor went on to."""
    app = new_app()
    add("Ann Lee", last_touch_days_ago=100)
    add("Bob Ray", last_touch_days_ago=95)
    add("Cy Dee", last_touch_days_ago=90)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "j", "s", "w")  # Bob snoozed: Cy took his place
        assert highlighted(app) == "Cy Dee"
        await press(pilot, "j", "k", "u")
        assert due_names(app) == ["Ann Lee", "Bob Ray", "Cy Dee"]
        assert highlighted(app) == "Bob Ray"
