"""Live panes: what another session writes (a second SSH session, a script, cron) shows in
the app within a second, without moving the cursor off its person or touching what is
being typed.

The other session is a real second process (the command line). The app looks for changes
each second (``WATCH_SECONDS``); these tests ask it to look at once (``check_for_changes``),
and one slow test waits for the timer itself.
"""

import os
import subprocess
import sys

import pytest

from netgarden_tui.tui.app import WATCH_SECONDS
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.screens.review import ReviewScreen
from netgarden_tui.tui.widgets.contact_list import ContactList
from netgarden_tui.tui.widgets.due_list import DueList
from test_scenes import add, due_names, main_screen, press, settle, title


def other_session(locations, *args: str) -> None:
    """The command line, in a process of its own, on the app's garden."""
    done = subprocess.run([sys.executable, "-m", "netgarden_tui", *args,
                           "--db", str(locations.database)], env=dict(os.environ),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def three(new_app):
    """Ann, Bob and Cleo, each last seen 90 days ago: all three due."""
    app = new_app()
    for name in ("Ann Lee", "Bob Stone", "Cleo Park"):
        add(name, last_touch_days_ago=90)
    return app


async def test_another_sessions_writes_show_and_the_cursor_stays_on_its_person(
        three, fresh_garden, size):
    app = three
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        contacts = main_screen(app).query_one(ContactList)
        await press(pilot, "j")  # on Bob
        bob = contacts.highlighted_contact_id
        other_session(fresh_garden, "add", "Aaron Abbott")  # a row above Bob's
        other_session(fresh_garden, "log", "Cleo", "--via", "call")

        app.check_for_changes()
        await settle(pilot)

        assert contacts.count == 4
        assert title(main_screen(app).query_one("#contacts")).startswith("Contacts · 4")
        assert contacts.highlighted_contact_id == bob
        assert due_names(app) == ["Ann Lee", "Bob Stone"]  # Cleo was called elsewhere
        app.check_for_changes()
        assert app.watcher.changed() is False  # looked once: nothing new since


async def test_what_is_being_typed_is_left_alone(three, fresh_garden):
    app = three
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        assert isinstance(app.screen, QuickLogModal)
        await pilot.press(*"half a note")
        other_session(fresh_garden, "add", "Dee Moss")
        app.check_for_changes()
        await settle(pilot)
        assert isinstance(app.screen, QuickLogModal)
        assert app.screen.query_one("#note").text == "half a note"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # throw the note away
        await settle(pilot)
        assert main_screen(app).query_one(ContactList).count == 4


async def test_the_reviews_items_ahead_follow_the_garden(three, fresh_garden):
    app = three
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [item.contact for item in review.items] == ["Ann Lee", "Bob Stone", "Cleo Park"]
        other_session(fresh_garden, "log", "Bob", "--via", "meeting")
        app.check_for_changes()
        await settle(pilot)
        assert [item.contact for item in review.items] == ["Ann Lee", "Cleo Park"]
        assert review.item.contact == "Ann Lee"  # the one on screen stays


@pytest.mark.slow
async def test_the_app_looks_for_other_writers_each_second_by_itself(three, fresh_garden):
    app = three
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        other_session(fresh_garden, "add", "Eve Ward")
        await pilot.pause(WATCH_SECONDS * 2.5)  # the timer's own time, not a guess at a race
        await settle(pilot)
        assert main_screen(app).query_one(ContactList).count == 4
        assert due_names(app)[0] == "Ann Lee" and main_screen(app).query_one(DueList).items
