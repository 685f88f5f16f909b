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
    app = new_app()
    writes.set_setting(queue.CREATED_KEY, TODAY.subtract(days=365).isoformat())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == [None]  # "Your garden": the regroup review
        await press(pilot, "s", "w")
        assert due_names(app) == []
