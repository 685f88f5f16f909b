"""The three scenes' key counts, on the real app at 80x24 with the clock frozen on Mon 23 Nov
2026: the keys a person presses, the text of a note aside. A change that makes a scene take
more keys than its target fails here."""

import pendulum

from netgarden_tui.garden import actions, queue, tending
from netgarden_tui.store import queries, writes
from netgarden_tui.store.models import LifeEvent
from netgarden_tui.tui.screens.review import ReviewScreen
from test_scenes import (  # tests/ is on the path
    NOW, TODAY, add, due_names, main_screen, plain, press, settle, type_text,
)

SIZE = (80, 24)
TRIAGE_TARGET = 40  # 20 Due items of mixed kinds
CALL_TARGET = 6  # a call with a follow-up
QUICK_LOG_TARGET = 3


class Keys:
    """Presses keys as a person would, one at a time, and counts them; a note's text is
    typed uncounted."""

    def __init__(self, pilot) -> None:
        self.pilot, self.count = pilot, 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await press(self.pilot, *keys)

    async def note(self, text: str) -> None:
        await type_text(self.pilot, text)


def twenty_due_of_mixed_kinds() -> None:
    """Five each: overdue on cadence, a follow-up due, a favour offered and due, a birthday
    this week or a life event to congratulate on."""
    for n in range(5):
        add(f"Cadence {n}", last_touch_days_ago=70 + n)
        add(f"Promise {n}", last_touch_days_ago=10 + n, follow_up_on=TODAY.subtract(days=n),
            follow_up_note=f"send the deck {n}")
        favour = add(f"Favour {n}", last_touch_days_ago=5)
        tending.log_favour(favour, "offered", "introduction", f"to Sam {n}", due_on=TODAY)
        celebrating = add(f"News {n}", last_touch_days_ago=5)
        if n % 2:
            writes.update_contact(celebrating, birthday=actions.parse_birthday(f"11-{24 + n}"))
        else:
            LifeEvent.create(contact=celebrating, kind="new_job", text="Globex", on=TODAY)


async def test_twenty_due_items_of_mixed_kinds_are_triaged_in_at_most_forty_keys(new_app):
    app = new_app()
    twenty_due_of_mixed_kinds()
    assert len(queue.due_queue(app.config)) == 20
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        await keys.press("r")
        assert isinstance(app.screen, ReviewScreen)
        while app.screen.state in ("contact", "regroup"):
            item = app.screen.item
            if item.has("follow_up") or item.has("favour"):
                await keys.press("d")  # the promise kept
            elif item.has("cadence"):
                await keys.press("l")  # a quick log, the channel as it comes
                await keys.note("caught up")
                await keys.press("ctrl+s")
            elif item.has("birthday"):
                await keys.press("s", "w")  # wished elsewhere: back in a week
            else:
                await keys.press("space")  # congratulate later today
        assert plain(app.screen.query_one("#review-message")).startswith(
            "Reviewed 20: 5 logged, 2 snoozed, 10 done, 3 skipped")
        await keys.press("enter")
        assert due_names(app) == ["News 0", "News 2", "News 4"]
    assert keys.count <= TRIAGE_TARGET, keys.count


async def test_a_call_with_a_follow_up_takes_at_most_six_keys(new_app):
    app = new_app()
    bo = add("Bo Chen", last_touch_days_ago=20)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        await keys.press("c")
        await keys.note("Pricing went well")
        await keys.press("tab", "2", "w", "ctrl+s")
        main_screen(app)
    assert keys.count <= CALL_TARGET, keys.count
    [follow_up] = queries.follow_ups(contact_id=bo)
    assert follow_up.due_on == pendulum.date(2026, 12, 7)
    assert queries.interactions(bo)[0].at == NOW


async def test_a_quick_log_takes_at_most_three_keys(new_app):
    app = new_app()
    bo = add("Bo Chen", last_touch_days_ago=20)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        await keys.press("l", "alt+e")  # an email: alt and its letter pick it from the note
        await keys.note("Sent the deck")
        await keys.press("ctrl+s")
        main_screen(app)
    assert keys.count <= QUICK_LOG_TARGET, keys.count
    touch = queries.interactions(bo)[0]
    assert (touch.channel, touch.note) == ("email", "Sent the deck")
