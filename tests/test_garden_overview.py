"""The garden overview, the main screen's fourth pane (4): what it shows of a small garden
built here, that it stands alone when wide, refreshes when the garden changes, and reads
without colour (snapshots at both sizes; the coloured ones are test_snapshots.py's
garden scenes)."""

import pytest

from conftest import settle
from netgarden_tui.garden import actions
from netgarden_tui.tui.widgets.garden_overview import GardenOverview
from screenshots import NARROW, WIDE, Scene, demo_app, frozen_clock, play
from netgarden_tui.store import queries, undo

EVIL = "[bold]Evil[/] [red"


def section(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def card_text(node) -> str:
    return str(node.query_one("ContactCard .card-body").render())


@pytest.fixture
def app(new_app, frozen_clock):
    application = new_app()
    ann = actions.add_contact("Ann Lee", actions.ContactDetails(cadence_days=7))
    evil = actions.add_contact(EVIL, actions.ContactDetails(cadence_days=7))
    for days_ago, who, channel in ((0, ann, "call"), (1, ann, "email"), (1, evil, "email"),
                                   (20, evil, "coffee")):
        actions.log_touch([who], channel=channel,
                          at=frozen_clock.subtract(days=days_ago, hours=1))
    return application


async def test_4_shows_the_garden_at_a_glance_and_1_goes_back(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        overview = app.screen.query_one(GardenOverview)
        assert overview.has_focus and app.screen.query_one("#garden").display
        assert not app.screen.query_one("#contacts").display
        heat = section(app, "#heat-map").splitlines()
        assert heat[0] == "Touches in the last year · 4"
        # Today, Mon 23 Nov, stands alone in the last column with one touch (the lowest
        # quarter); Sun 22 Nov, the column before, has two (the days with touches had 1, 1
        # and 2: quartiles 1, 1, 2, so two is level 3).
        mon, sun = heat[2], heat[8]
        assert (mon[-1], sun[-2:]) == ("░", "▓ ")
        assert "Sun" not in sun and mon.startswith("Mon ")
        assert EVIL not in section(app, "#drifting")  # touched yesterday: not drifting
        mix = section(app, "#channel-mix").splitlines()
        assert mix[-1] == "Nov 26  ████████████░░░░░░░░░░░░  50% in person"

        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query_one("#contacts").display
        assert not app.screen.query_one("#garden").display


async def test_when_wide_it_stands_alone_with_its_sections_side_by_side(app):
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert not any(screen.query_one(f"#{pane}").display
                       for pane in ("contacts", "history", "due"))
        left, right = screen.query_one("#overview-left"), screen.query_one("#overview-right")
        assert left.region.y == right.region.y and right.region.x > left.region.right
        assert screen.query_one("#garden").region.width == 160


async def test_it_refreshes_when_the_garden_changes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        [(ann, _)] = queries.contacts_named("Ann Lee")
        app.perform("log", lambda: actions.log_touch([ann], channel="call"))
        await settle(pilot)
        assert section(app, "#heat-map").splitlines()[0] == "Touches in the last year · 5"


async def test_a_drifting_name_shows_literally(new_app, frozen_clock):
    app = new_app()
    evil = actions.add_contact(EVIL, actions.ContactDetails(cadence_days=7))
    actions.log_touch([evil], channel="call", at=frozen_clock.subtract(days=30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert f"{EVIL}  every 7 days" in section(app, "#drifting")


@pytest.mark.parametrize("size", [pytest.param(WIDE, id="160x48"),
                                  pytest.param(NARROW, id="80x24")])
def test_the_overview_without_colour(snap_compare, tmp_path, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    scene = Scene("garden-no-colour", size, ("4",))
    with frozen_clock():
        try:
            assert snap_compare(demo_app(tmp_path, scene), terminal_size=size,
                                run_before=lambda pilot: play(pilot, scene))
        finally:
            undo.disable()


async def test_the_card_has_a_line_of_touches_a_month_in_history_and_call_mode(new_app,
                                                                             frozen_clock):
    app = new_app()
    ann = actions.add_contact("Ann Lee")
    for days_ago in (0, 1, 90):  # two in November, one in August
        actions.log_touch([ann], channel="call", at=frozen_clock.subtract(days=days_ago))
    line = "▁" * 20 + "▅▁▁█  touches a month · 2 years"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # History
        await settle(pilot)
        assert line in card_text(app.screen.query_one("#history"))
        await pilot.press("c")  # call mode
        await settle(pilot)
        assert line in card_text(app.screen)
