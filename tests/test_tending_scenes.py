"""Tending from the main screen (issue 6): the keys that open each form and screen on the
selected contact, and the Due items that ask something ("let go?", the regroup), at 80x24
(conftest's ``size``), checked in the database afterwards."""

import pendulum
import pytest

from netgarden_tui.garden import actions, tending
from netgarden_tui.store import queries
from netgarden_tui.tui.screens.circles import CirclesScreen
from netgarden_tui.tui.screens.confirm import LetGoModal
from netgarden_tui.tui.screens.contact_circle import MoveCircleModal
from netgarden_tui.tui.screens.regroup import RegroupScreen
from netgarden_tui.tui.screens.tending.acquaintances import AcquaintancesModal
from netgarden_tui.tui.screens.tending.fact import FactModal
from netgarden_tui.tui.screens.tending.favour import FavourModal
from netgarden_tui.tui.screens.tending.favours import FavoursModal
from netgarden_tui.tui.screens.tending.introduce import IntroduceModal
from netgarden_tui.tui.screens.tending.life_event import LifeEventModal
from netgarden_tui.tui.widgets.history import HistoryPane
from test_scenes import (  # tests/ is on the path; the scenes' app, garden and driving
    NOW, add, app, card, due_names, main_screen, plain, press, screen_text, settle,
    type_text,
)

__all__ = ["app"]  # a fixture, imported for pytest


@pytest.mark.parametrize("key, screen", [
    ("F", FactModal), ("f", FavourModal), ("b", FavoursModal), ("i", IntroduceModal),
    ("v", LifeEventModal), ("w", AcquaintancesModal), ("m", MoveCircleModal),
    ("C", CirclesScreen), ("R", RegroupScreen)])
async def test_each_tending_key_opens_its_screen_and_escape_comes_back(app, size, key, screen):
    add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await press(pilot, key)
        assert isinstance(app.screen, screen)
        await press(pilot, "escape")
        assert app.screen is main


async def test_a_fact_typed_on_the_selected_contact_shows_in_history(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "F", "alt+c")
        await type_text(pilot, "Daughter Emma")
        await press(pilot, "tab")
        await type_text(pilot, "2015")
        await press(pilot, "ctrl+s", "enter")  # saved; then open Ann in History
        assert main_screen(app).query_one(HistoryPane).contact_id == ann
        assert "Daughter Emma (11)" in screen_text(app)
    assert [(f.kind, f.text, f.year) for f in card(ann).facts] == [
        ("child", "Daughter Emma", 2015)]


async def test_enter_on_let_go_lowers_the_cadence_once(app, size):
    ann = add("Ann Lee")
    for days in (40, 30, 20):
        actions.log_touch([ann], channel="email", direction="out", at=NOW.subtract(days=days))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == ["Ann Lee"]
        await press(pilot, "enter")
        assert isinstance(app.screen, LetGoModal)
        assert plain(app.screen.query_one("#question")) == (
            "Ann Lee: 3 messages without reply since October — let go?")
        await press(pilot, "l")
        assert due_names(app) == []
    assert card(ann).own_cadence_days == 120
    assert card(ann).archived is False


async def test_enter_on_the_regroup_item_walks_the_circles_and_finishing_clears_it(app, size):
    add("Ann Lee", last_touch_days_ago=3)
    with pendulum.travel_to(NOW.add(days=61), freeze=True):
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "3")
            assert due_names(app)[0] is None  # the regroup item has no contact
            await press(pilot, "enter")
            assert isinstance(app.screen, RegroupScreen)
            await press(pilot, "f")
            assert due_names(app) == ["Ann Lee"]  # due again on cadence; no regroup
        assert queries.setting("last_regroup_on") == "2027-01-23"


async def test_done_on_a_due_favour_marks_it_delivered(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    tending.log_favour(ann, "offered", "job lead", "the Acme opening", due_on=NOW.date())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == ["Ann Lee"]
        await press(pilot, "d")
        assert due_names(app) == []
    [favour] = queries.favours(contact_id=ann)
    assert favour.status == "delivered"
    assert card(ann).balance.gave == 1


async def test_a_promised_favour_settled_with_b_leaves_due_and_the_card(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    tending.log_favour(ann, "offered", "job lead", "the Acme opening", due_on=NOW.date())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert due_names(app) == ["Ann Lee"]
        await press(pilot, "b")
        assert isinstance(app.screen, FavoursModal)
        await press(pilot, "d", "escape")  # the panes below reloaded while it was open
        assert due_names(app) == []
    [favour] = queries.favours(contact_id=ann)
    assert favour.status == "delivered"
    assert card(ann).balance.gave == 1
