"""Screens that use their room and read without colour (issue 20, items 5 and 6), checked
as a person sees them: the characters on screen, and their shades under NO_COLOR.

Each test starts the app made by ``make_app`` on a real garden, at 160x48 (three panes,
each as wide as its lines need) or 80x24 (one pane at a time), with the clock at Mon 23 Nov
2026 09:00 UTC (conftest's ``frozen_clock``).
"""

import re
import time

import pendulum
import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import DataTable, Input

from netgarden_tui.garden import actions, tending
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.circles import CirclesScreen
from netgarden_tui.tui.screens.help import HelpScreen
from netgarden_tui.tui.screens.main import MainScreen
from netgarden_tui.tui.screens.review import ReviewScreen

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
WIDE, NARROW = (160, 48), (80, 24)


def add(name: str, *, days_ago: int | None = None, note: str = "", **details) -> int:
    """A contact (no circle: due every 60 days), last met ``days_ago`` with ``note``."""
    contact_id = actions.add_contact(name, ContactDetails(**details))
    if days_ago is not None:
        actions.log_touch([contact_id], channel="meeting", direction="mutual", note=note,
                          at=NOW.subtract(days=days_ago))
    return contact_id


async def settle(pilot) -> None:
    """conftest's: until the app has nothing left to do (a read can start another, and
    History follows the cursor after a refresh)."""
    from conftest import settle as settle_app
    await settle_app(pilot)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def whole_screen(app):
    """Every line of the screen as the terminal gets it (private API: no public one)."""
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def screen_lines(app) -> list[str]:
    return ["".join(strip.text for strip in line) for line in whole_screen(app).strips]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def main_screen(app) -> MainScreen:
    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


def history_title(app) -> str:
    from textual.content import Content

    return Content.from_markup(main_screen(app).query_one("#history").border_title or "").plain


# --- 5. screens use their room ------------------------------------------------------------

async def test_wide_history_shows_whoever_the_contacts_cursor_is_on(new_app):
    app = new_app()
    add("Ann Lee", days_ago=10, note="Talked about the merger")
    add("Bo Chen", days_ago=20, note="Sent the deck")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Pick someone" not in screen_text(app)
        assert history_title(app) == "History · Ann Lee"  # the first row, from the start
        assert "Talked about the merger" in screen_text(app)
        await press(pilot, "j")
        assert history_title(app) == "History · Bo Chen"
        assert "Sent the deck" in screen_text(app)
        assert main_screen(app).active_pane == "contacts"  # the cursor stays in the list


def test_the_first_contacts_history_is_read_ahead_when_history_is_on_the_first_screen():
    from netgarden_tui.tui import read_ahead
    from netgarden_tui.tui.screens import main

    assert read_ahead.HISTORY_FROM_COLUMNS == main.WIDE


async def test_narrow_history_shows_the_contact_the_cursor_was_on(new_app):
    app = new_app()
    add("Ann Lee", days_ago=10)
    add("Bo Chen", days_ago=20, note="Sent the deck")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "j", "2")
        assert history_title(app) == "History · Bo Chen"
        assert "Sent the deck" in screen_text(app)


async def test_running_down_the_list_reads_histories_one_at_a_time(new_app, monkeypatch):
    from netgarden_tui.tui.screens import main

    app = new_app()
    for number in range(12):
        add(f"Person {number:02}", days_ago=5)
    reads = []
    real = main.load_history

    def slow_read(*args):  # a big garden on a slow disk
        reads.append(args)
        time.sleep(0.05)
        return real(*args)

    monkeypatch.setattr(main, "load_history", slow_read)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        reads.clear()
        for _ in range(10):  # held down, the keys coming faster than the reads
            app.post_message(events.Key("j", "j"))
        await settle(pilot)
        assert history_title(app) == "History · Person 10"
        assert len(reads) < 10  # fewer reads than rows passed: they keep up with the cursor


async def test_wide_due_shows_its_reasons_whole_and_contacts_their_circles(new_app):
    app = new_app()
    bo = add("Bo Chen", days_ago=3, circle="Prospects")
    tending.log_life_event(bo, "promotion", "Promoted to partner", on=NOW.date().subtract(days=3))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "congratulate: promotion: Promoted to partner (3 days ago)" in text
        assert "Prospects" in text and "Prospec…" not in text


async def test_a_narrow_call_shows_the_last_three_touches_and_open_favours(new_app):
    app = new_app()
    ann = add("Ann Lee", company="Acme", role="CTO", emails=["ann@acme.test"],
              phones=["+44 20 7946 0000"], notes="Likes long walks.\nTwo dogs.")
    for days, note in ((40, "Fourth: the oldest"), (30, "Third: a board seat"),
                       (20, "Second: the new office"), (10, "First: hiring a CTO")):
        actions.log_touch([ann], channel="call", direction="mutual", note=note,
                          at=NOW.subtract(days=days))
    tending.add_fact(ann, "child", "Emma", year=2015)
    tending.add_fact(ann, "interest", "sailing")
    tending.log_favour(ann, "offered", "cv feedback", "Read her CV")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CallScreen)
        text = screen_text(app)
        for note in ("First: hiring a CTO", "Second: the new office", "Third: a board seat"):
            assert note in text
        assert "Fourth" not in text
        assert "cv feedback — Read her CV" in text
        assert "Emma (11)" in text and "sailing" in text
        assert app.screen.query_one("#call-notes").region.height >= 3  # room to type


async def test_the_filter_takes_one_row(new_app):
    app = new_app()
    add("Ann Lee")
    add("Bo Chen")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "a", "n", "n")
        field = main_screen(app).query_one("#filter", Input)
        assert field.region.height == 1
        lines = screen_lines(app)
        row = next(y for y, line in enumerate(lines) if "ann" in line and "Ann Lee" not in line)
        assert "Ann Lee" in lines[row + 1]  # the matches right below it


SAME_NAME = "Zoë Takahashi"


def two_of_the_same_name() -> tuple[int, int]:
    """Two overdue contacts called Zoë Takahashi: one at Acme, one known by her email."""
    at_acme = add(SAME_NAME, days_ago=70, company="Acme")
    by_email = add(SAME_NAME, days_ago=80, emails=["zoe@example.org"])
    add("Zoë Tanaka", days_ago=75, company="Acme")  # a name of her own: nothing after it
    return at_acme, by_email


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["160x48", "80x24"])
async def test_people_of_the_same_name_are_told_apart_in_contacts_and_due(new_app, size):
    app = new_app()
    two_of_the_same_name()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        contacts = screen_text(app)
        assert f"{SAME_NAME} (Acme)" in contacts and f"{SAME_NAME} (zoe@example.org)" in contacts
        assert "Zoë Tanaka (" not in contacts
        await press(pilot, "3")
        due = screen_text(app)
        assert f"{SAME_NAME} (Acme)" in due and f"{SAME_NAME} (zoe@example.org)" in due
        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        assert f"{SAME_NAME} (zoe@example.org)" in screen_text(app)  # the most overdue


async def test_people_of_the_same_name_are_told_apart_in_the_palette_and_the_picker(new_app):
    app = new_app()
    two_of_the_same_name()
    add("Ann Lee")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p", *"takahashi")
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        assert f"{SAME_NAME} (Acme)" in text and f"{SAME_NAME} (zoe@example.org)" in text
        await press(pilot, "escape", "escape")

        await press(pilot, "i", *"takahashi")  # introduce Ann (the first contact) to...
        text = screen_text(app)
        assert f"{SAME_NAME} (Acme)" in text and f"{SAME_NAME} (zoe@example.org)" in text


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["160x48", "80x24"])
async def test_a_fresh_garden_points_to_set_up_and_add(new_app, size):
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "WelcomeScreen"  # an empty garden: the welcome
        await press(pilot, "escape")
        text = screen_text(app)
        assert "Set up…" in text and "netgarden init" in text  # the next step, once left
        assert "add someone" in text
        await press(pilot, "a")  # the key it names opens the form
        assert type(app.screen).__name__ == "ContactFormModal"


# --- 6. readable without colour -----------------------------------------------------------

def grey(segment) -> int:
    """A segment's foreground as a grey level (NO_COLOR leaves only greys)."""
    red, green, blue = segment.style.color.get_truecolor()
    assert red == green == blue, (segment.text, segment.style)
    return red


def segments_with(app, text: str):
    """The segments on screen holding ``text``, on the rows it shows on."""
    return [segment for line in whole_screen(app).strips for strip in line
            for segment in strip if text in segment.text]


@pytest.fixture
def no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # before the app is made: Textual reads it then


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["160x48", "80x24"])
async def test_without_colour_overdue_rows_are_as_bright_as_the_rest_and_bold(new_app, size,
                                                                             no_colour):
    app = new_app()
    add("Ann Lee", days_ago=3)  # fine, under the cursor
    add("Bo Chen", days_ago=100)  # overdue
    add("Cy Dee", days_ago=3)  # fine
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.no_color
        [mark] = [segment for segment in segments_with(app, "!")
                  if segment.text.strip() == "!"]
        [late] = segments_with(app, "3mo")
        fine = [segment for segment in segments_with(app, "3d") if "late" not in segment.text][-1]
        [name] = [segment for segment in segments_with(app, "Cy Dee") if "late" not in segment.text]
        assert grey(mark) >= grey(name) and grey(late) >= grey(name)
        assert mark.style.bold and late.style.bold
        assert grey(fine) >= grey(name)


async def test_without_colour_circles_overdue_counts_stand_out(new_app, no_colour):
    app = new_app()
    add("Ann Lee", days_ago=100, circle="Friends")
    add("Bo Chen", days_ago=100, circle="Friends")
    add("Cy Dee", days_ago=3, circle="Friends")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await app.push_screen(CirclesScreen())
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=len(table.rows) - 1)  # off the Friends row: no cursor bar
        await settle(pilot)
        row = next([segment for strip in line for segment in strip]
                   for line in whole_screen(app).strips
                   if "Friends" in "".join(strip.text for strip in line))
        cells = [segment for segment in row if segment.text.strip()]
        texts = [segment.text.strip() for segment in cells]
        assert texts[:7] == ["Friends", "3", "60d", "3", "2", "2", "0"], texts
        people, overdue = cells[3], cells[5]
        background = overdue.style.bgcolor.get_truecolor()[0]
        assert grey(overdue) - background > 100, "the count is grey on grey"
        assert overdue.style.bold and grey(overdue) >= grey(people)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["160x48", "80x24"])
async def test_the_contacts_marks_have_a_key_on_screen_and_in_help(new_app, size):
    app = new_app()
    add("Ann Lee", days_ago=100)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bottom = next(line for line in reversed(screen_lines(app)) if "╰" in line)
        assert re.search(r"! \w+ +\* [\w ]+ +· [\w ]+ +3w\W+[\w ]*last touch", bottom), bottom
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.keys_content(100).plain
        assert "! overdue   * due today   · due within a week" in help_text
        assert "since your last touch" in help_text
