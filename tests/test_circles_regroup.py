"""Circles, moving a contact to a circle, and the regroup: real keys on a real garden.

Each screen is pushed straight onto the real app (made by ``make_app``, its config read
from a file so that saving a circle writes it back) with its main screen left out, and
every test checks the database afterwards. The clock stands at Mon 23 Nov 2026 09:00 UTC
(conftest's ``frozen_clock``).
"""

import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList

from netgarden_tui import clock
from netgarden_tui.config import load_config
from netgarden_tui.garden import actions, tending
from netgarden_tui.store import queries
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens import regroup
from netgarden_tui.tui.screens.circles import CircleFormModal, CirclesScreen
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.contact_circle import CadenceModal, MoveCircleModal
from netgarden_tui.tui.screens.regroup import RegroupScreen

HOSTILE = "[bold]Evil[/] [red"
DEFAULT_CIRCLES = ["Clients", "Influential colleagues", "Prospects", "Friends",
                   "Powerful colleagues"]  # as the screens list them: by priority, then name


@pytest.fixture
def app(frozen_clock, locations, monkeypatch) -> NetgardenApp:
    """The real app on a fresh garden, its config read from (and saved to) a file."""
    monkeypatch.setattr(NetgardenApp, "get_default_screen", lambda self: Screen())
    return make_app(locations, load_config(locations.config_file), welcome=False)


def touched(name: str, circle: str | None, *days_ago: int, channel: str = "call") -> int:
    """A contact in ``circle`` with one touch of mine on each of these days."""
    contact = actions.add_contact(name, actions.ContactDetails(circle=circle))
    for days in days_ago:
        actions.log_touch([contact], channel=channel, at=clock.now().subtract(days=days))
    return contact


@pytest.fixture
def people(app) -> dict[str, int]:
    """Clients: Ann 10 days late (overdue), Bo 3 days late (due), Cy one-sided (3 emails
    unanswered). Prospects: Di, who gave me 1 favour and got 2. No circle: the hostile name."""
    di = touched("Di Eve", "Prospects", 5)
    for direction in ("given", "given", "received"):
        tending.log_favour(di, direction, "intro")
    return {"ann": touched("Ann Lee", "Clients", 40), "bo": touched("Bo Chan", "Clients", 33),
            "cy": touched("Cy Dee", "Clients", 20, 10, 2, channel="email"), "di": di,
            "evil": touched(HOSTILE, None)}


async def settle(pilot) -> None:
    """Wait until no worker runs (a delivered write starts a read: GardenChanged) and the
    screen shows the results: conftest's ``settle``."""
    from conftest import settle as settle_app
    await settle_app(pilot)


async def open_screen(pilot, screen) -> list:
    """Push ``screen``; the returned list receives what it is dismissed with."""
    results = []
    await pilot.app.push_screen(screen, results.append)
    await settle(pilot)
    return results


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_into(pilot, selector: str, text: str) -> None:
    """Replace what a field holds with ``text``, typed key by key."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await settle(pilot)


def shown(widget: Widget) -> str:
    """The text a widget puts on screen (what is in view), its border included."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def said(widget: Widget) -> str:
    """A widget's words, wrapped lines and borders aside: for checking prose."""
    return " ".join(shown(widget).replace("─", " ").split())


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]


def health(name: str | None):
    return next(c for c in queries.circle_health(clock.today(), one_sided_after=3,
                                                 overdue_after_days=7) if c.name == name)


def circle_of(contact_id: int) -> str | None:
    return queries.contact_card(contact_id, default_cadence=60).circle


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def fully_visible(widget: Widget) -> bool:
    return widget.display and widget.screen.region.contains_region(widget.region)


# --- the circles screen ------------------------------------------------------------------

async def test_the_circles_screen_shows_each_circles_health_and_no_circle(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CirclesScreen()
        await open_screen(pilot, screen)
        rows = table_rows(screen)
        assert [row[0] for row in rows] == [*DEFAULT_CIRCLES, "No circle"]
        assert rows[0] == ["Clients", "1", "30d", "3", "2", "1", "1"]
        assert rows[2] == ["Prospects", "2", "45d", "1", "0", "0", "0"]
        assert rows[-1] == ["No circle", "—", "60d", "1", "0", "0", "0"]
        detail = said(screen.query_one("#circles-detail"))
        assert "3 contacts: 2 due, 1 overdue by more than a week, 1 one-sided" in detail
        await press(pilot, "j", "j")
        assert "Prospects: priority 2, every 45 days. 1 contact: 0 due" in shown(
            screen.query_one("#circles-detail"))
        await press(pilot, "escape")
        assert app.screen is not screen


async def test_adding_a_circle_saves_it_in_the_garden_and_the_config_file(app, locations):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CirclesScreen()
        await open_screen(pilot, screen)
        await press(pilot, "a")
        assert isinstance(app.screen, CircleFormModal)
        await pilot.press(*"Former colleagues")
        await type_into(pilot, "#priority", "4")
        await type_into(pilot, "#cadence", "120")
        await press(pilot, "enter")
        assert app.screen is screen
        highlighted = table_rows(screen)[screen.query_one(DataTable).cursor_row]
        assert highlighted[:3] == ["Former colleagues", "4", "120d"]

    [added] = [c for c in queries.circles() if c.name == "Former colleagues"]
    assert (added.priority, added.cadence_days) == (4, 120)
    saved = load_config(locations.config_file)
    assert ("Former colleagues", 4, 120) in [(c.name, c.priority, c.cadence_days)
                                             for c in saved.circles]
    assert app.config == saved


async def test_editing_a_circle_renames_it_and_moves_its_contacts_due_days(app, people, locations):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, CirclesScreen())
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, CircleFormModal)
        assert form.query_one("#name", Input).value == "Clients"
        await type_into(pilot, "#name", "Key clients")
        await type_into(pilot, "#cadence", "90")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, CircleFormModal)

    assert "Clients" not in queries.circle_names()
    assert circle_of(people["ann"]) == "Key clients"
    assert health("Key clients").cadence_days == 90
    assert health("Key clients").due == 0  # 40 days since Ann's touch: no longer late
    names = [circle.name for circle in load_config(locations.config_file).circles]
    assert "Key clients" in names and "Clients" not in names


async def test_deleting_a_circle_asks_then_keeps_its_contacts_in_no_circle(app, people, locations):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, CirclesScreen())
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmModal)
        assert "Its 3 contacts stay, in no circle" in said(app.screen.query_one("#question"))
        await press(pilot, "y")

    assert "Clients" not in queries.circle_names()
    assert circle_of(people["ann"]) is None
    assert health(None).contacts == 4
    assert "Clients" not in [c.name for c in load_config(locations.config_file).circles]
    assert "Clients" not in [c.name for c in app.config.circles]


async def test_no_circle_can_be_neither_edited_nor_deleted(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CirclesScreen()
        await open_screen(pilot, screen)
        await press(pilot, "k")  # k at the top stays there
        for _ in DEFAULT_CIRCLES:
            await press(pilot, "j")
        assert table_rows(screen)[screen.query_one(DataTable).cursor_row][0] == "No circle"
        await press(pilot, "e", "enter", "x")
        assert app.screen is screen
    assert queries.circle_names() == sorted(DEFAULT_CIRCLES, key=DEFAULT_CIRCLES.index)


async def test_a_bad_priority_keeps_the_form_open_with_what_was_typed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, CirclesScreen())
        await press(pilot, "a")
        await pilot.press(*"Mentors")
        await type_into(pilot, "#priority", "9")
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, CircleFormModal)
        assert "a priority is 1 (most important) to 5" in said(form.query_one("#status"))
        assert form.query_one("#name", Input).value == "Mentors"
        await press(pilot, "escape")  # typed text: it asks first
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        assert isinstance(app.screen, CirclesScreen)
    assert "Mentors" not in queries.circle_names()


# --- moving a contact to a circle ------------------------------------------------------------

async def test_a_number_moves_a_contact_to_that_circle_at_once(app, people):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        results = await open_screen(pilot, MoveCircleModal(people["ann"], "Ann Lee"))
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 0  # Ann's circle, marked "(now)"
        assert "(now)" in options.get_option_at_index(0).prompt.plain
        await press(pilot, "3")
        assert results == ["Prospects"]
        assert "moved Ann Lee to Prospects (u undoes it)" in notifications(app)
    assert circle_of(people["ann"]) == "Prospects"


async def test_a_letter_moves_when_one_circle_has_it_and_steps_when_several_do(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_screen(pilot, MoveCircleModal(people["ann"], "Ann Lee"))
        await press(pilot, "p")  # Prospects and Powerful colleagues: step, don't move
        options = app.screen.query_one(OptionList)
        assert options.highlighted == DEFAULT_CIRCLES.index("Prospects")
        await press(pilot, "p")
        assert options.highlighted == DEFAULT_CIRCLES.index("Powerful colleagues")
        assert circle_of(people["ann"]) == "Clients"
        await press(pilot, "enter")
        assert results == ["Powerful colleagues"]
        results = await open_screen(pilot, MoveCircleModal(people["bo"], "Bo Chan"))
        await press(pilot, "f")  # only Friends
        assert results == ["Friends"]
    assert circle_of(people["ann"]) == "Powerful colleagues"
    assert circle_of(people["bo"]) == "Friends"


async def test_j_k_and_enter_pick_and_zero_is_no_circle(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        ann = await open_screen(pilot, MoveCircleModal(people["ann"], "Ann Lee"))
        await press(pilot, "j", "j", "k", "enter")
        bo = await open_screen(pilot, MoveCircleModal(people["bo"], "Bo Chan"))
        await press(pilot, "0")
        cy = await open_screen(pilot, MoveCircleModal(people["cy"], "Cy Dee"))
        await press(pilot, "escape")
        assert (ann, bo, cy) == (["Influential colleagues"], [""], [None])
    assert circle_of(people["ann"]) == "Influential colleagues"
    assert circle_of(people["bo"]) is None
    assert circle_of(people["cy"]) == "Clients"


# --- the regroup -------------------------------------------------------------------------------

def regroup_heading(screen) -> str:
    return said(screen.query_one("#regroup-progress"))


def highlighted_name(screen) -> str:
    return table_rows(screen)[screen.query_one(DataTable).cursor_row][0]


async def test_the_regroup_walks_the_circles_moves_slows_archives_and_finishes(app, people):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = RegroupScreen()
        results = await open_screen(pilot, screen)
        assert regroup_heading(screen).startswith("Clients · 1 of 3 circles")
        rows = table_rows(screen)  # touched longest ago first
        assert [row[0] for row in rows] == ["Ann Lee", "Bo Chan", "Cy Dee"]
        assert rows[0][1:] == ["1 touch", "40 days ago", "—", "30d"]
        assert "Ann Lee · 1 touch in the last 90 days · last touch 40 days ago" in shown(
            screen.query_one("#regroup-detail"))

        await press(pilot, "m")  # Ann to Prospects
        assert isinstance(app.screen, MoveCircleModal)
        await press(pilot, "3")
        assert app.screen is screen
        assert highlighted_name(screen) == "Bo Chan"  # Ann left; the cursor is on who's next

        await press(pilot, "c")  # Bo: every 90 days, then on to Cy
        assert isinstance(app.screen, CadenceModal)
        await pilot.press("9", "0", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert table_rows(screen)[0][4] == "90d own"
        assert highlighted_name(screen) == "Cy Dee"

        await press(pilot, "x")  # archive Cy
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        assert [row[0] for row in table_rows(screen)] == ["Bo Chan"]
        assert "1 moved, 1 slowed, 1 archived" in regroup_heading(screen)

        await press(pilot, "n")
        assert regroup_heading(screen).startswith("Prospects · 2 of 3 circles")
        assert {row[0]: row[3] for row in table_rows(screen)}["Di Eve"] == "gave 2 · took 1"
        await press(pilot, "tab")
        assert regroup_heading(screen).startswith("No circle · 3 of 3 circles")
        await press(pilot, "shift+tab", "p")
        assert regroup_heading(screen).startswith("Clients · 1 of 3 circles")

        await press(pilot, "f")
        assert results == [None]
        assert "Regroup done: 1 moved, 1 slowed, 1 archived" in notifications(app)

    assert queries.setting("last_regroup_on") == clock.today().isoformat()
    assert circle_of(people["ann"]) == "Prospects"
    bo = queries.contact_card(people["bo"], default_cadence=60)
    assert (bo.own_cadence_days, bo.circle) == (90, "Clients")
    assert queries.contact_card(people["cy"], default_cadence=60).archived


async def test_space_keeps_and_goes_on_to_the_next_contact_then_circle(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = RegroupScreen()
        await open_screen(pilot, screen)
        await press(pilot, "space", "space")
        assert highlighted_name(screen) == "Cy Dee"
        await press(pilot, "k")
        assert highlighted_name(screen) == "Bo Chan"
        await press(pilot, "up")
        assert highlighted_name(screen) == "Ann Lee"
        await press(pilot, "down", "j", "space")
        assert regroup_heading(screen).startswith("Prospects · 2 of 3 circles")


async def test_an_empty_cadence_goes_back_to_the_circles(app, people):
    tending.set_cadence(people["ann"], 14)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = RegroupScreen()
        await open_screen(pilot, screen)
        await press(pilot, "c")
        assert app.screen.query_one("#days", Input).value == "14"
        await type_into(pilot, "#days", "")
        await press(pilot, "enter")
        assert app.screen is screen
        assert "0 moved, 1 slowed, 0 archived" in regroup_heading(screen)  # 14 -> 30 days
    assert queries.contact_card(people["ann"], default_cadence=60).own_cadence_days is None


async def test_a_cadence_out_of_range_keeps_the_box_open_and_says_why(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, RegroupScreen())
        await press(pilot, "c", "0", "enter")
        box = app.screen
        assert isinstance(box, CadenceModal)
        assert "a cadence is 1 to 3650 days (got 0)" in said(box.query_one("#status"))
        await press(pilot, "backspace", "7", "enter")
        assert not isinstance(app.screen, CadenceModal)
    assert queries.contact_card(people["ann"], default_cadence=60).own_cadence_days == 7


async def test_picking_the_circle_a_contact_is_in_changes_nothing(app, people):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        results = await open_screen(pilot, MoveCircleModal(people["ann"], "Ann Lee"))
        await press(pilot, "c")
        assert results == [None]
        assert "Ann Lee is already in Clients" in notifications(app)
    assert circle_of(people["ann"]) == "Clients"


async def test_escape_leaves_the_regroup_unfinished_and_keeps_the_changes(app, people):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        results = await open_screen(pilot, RegroupScreen())
        await press(pilot, "m", "0", "escape")
        assert results == [None]
        assert any("Regroup not finished" in message for message in notifications(app))
    assert queries.setting("last_regroup_on") is None
    assert circle_of(people["ann"]) is None


async def test_a_big_circle_shows_a_page_and_how_many_more(app, monkeypatch):
    monkeypatch.setattr(regroup, "PAGE", 3)
    for number in range(5):
        touched(f"Client {number}", "Clients", 10 + number)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = RegroupScreen()
        await open_screen(pilot, screen)
        assert [row[0] for row in table_rows(screen)] == ["Client 4", "Client 3", "Client 2"]
        assert "… and 2 more" in said(screen.query_one("#regroup-more"))
        await press(pilot, "x", "y")  # archiving one brings the next up
        assert [row[0] for row in table_rows(screen)] == ["Client 3", "Client 2", "Client 1"]
        assert "… and 1 more" in said(screen.query_one("#regroup-more"))


async def test_with_nobody_to_regroup_f_still_finishes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = RegroupScreen()
        results = await open_screen(pilot, screen)
        assert "Nobody to regroup yet" in said(screen.query_one("#regroup-message"))
        await press(pilot, "m", "f")
        assert results == [None]
    assert queries.setting("last_regroup_on") == "2026-11-23"


# --- hostile names and small terminals -----------------------------------------------------------

async def test_a_hostile_name_shows_literally_everywhere(app, people):
    tending.save_circle(app.config, None, name="[red]Evil circle", priority=5, cadence_days=7)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        circles = CirclesScreen()
        await open_screen(pilot, circles)
        assert "[red]Evil circle" in shown(circles.query_one(DataTable))
        for _ in range(len(DEFAULT_CIRCLES)):
            await press(pilot, "j")
        assert "[red]Evil circle: priority 5" in said(circles.query_one("#circles-detail"))
        await press(pilot, "e")
        assert "Edit the circle [red]Evil circle" in shown(app.screen.query_one("#dialog"))
        await press(pilot, "escape", "escape")

        regroup_screen = RegroupScreen()
        await open_screen(pilot, regroup_screen)
        await press(pilot, "n", "n")
        assert regroup_heading(regroup_screen).startswith("No circle")
        assert HOSTILE in shown(regroup_screen.query_one(DataTable))
        assert f"{HOSTILE} · no touches in the last 90 days · never in touch" in said(regroup_screen.query_one("#regroup-detail"))
        await press(pilot, "m")
        assert f"Move {HOSTILE} to" in shown(app.screen.query_one(OptionList))
        assert "[red]Evil circle" in shown(app.screen.query_one(OptionList))
        await press(pilot, "6")
        assert f"moved {HOSTILE} to [red]Evil circle (u undoes it)" in notifications(app)
    assert circle_of(people["evil"]) == "[red]Evil circle"


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 48)])
async def test_every_part_fits_the_terminal(app, people, size):
    async with app.run_test(size=size) as pilot:
        circles = CirclesScreen()
        await open_screen(pilot, circles)
        for part in ("#circles-title", "#circles-detail", "KeyBar"):
            assert fully_visible(circles.query_one(part)), part
        assert circles.query_one(DataTable).region.height >= 4
        await press(pilot, "escape")

        screen = RegroupScreen()
        await open_screen(pilot, screen)
        for part in ("#regroup-progress", "#regroup-circle", "#regroup-detail", "KeyBar"):
            assert fully_visible(screen.query_one(part)), part
        assert screen.query_one(DataTable).region.height >= 5
        keys = shown(screen.query_one("KeyBar"))
        for key in ("m Move", "c Cadence", "x Archive", "space Keep", "n Next", "f Finish"):
            assert key in keys
        # The detail line says in words what the table may not fit: nothing is lost.
        assert "gave" not in said(screen.query_one("#regroup-detail"))  # Ann gave nothing
        await press(pilot, "m")
        assert fully_visible(app.screen.query_one(OptionList))
        await press(pilot, "escape", "c")
        assert fully_visible(app.screen.query_one("#dialog"))
