"""Be of assistance in the app (issue 26), at 80x24 (conftest's ``size``): a suggested
introduction made from Due with ``i`` (and dismissed with ``x``), needs and offers noted
with ``n`` and in call mode, "Who do I know…" with ``W``, each checked in the garden
afterwards; keys typed in one burst land as typed slowly."""

import pytest
from textual import events
from textual.widgets import Input, OptionList

from netgarden_tui.garden import tending
from netgarden_tui.store import queries
from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.review import ReviewScreen
from netgarden_tui.tui.screens.tending.need import NeedModal
from netgarden_tui.tui.screens.who import WhoScreen
from netgarden_tui.tui.widgets.due_list import DueList
from netgarden_tui.tui.widgets.history import HistoryPane
from test_scenes import (  # tests/ is on the path; the scenes' app, garden and driving
    HOSTILE, TODAY, add, app, card, main_screen, plain, press, screen_text, settle, type_text,
)

__all__ = ["app"]  # a fixture, imported for pytest


def people() -> dict[str, int]:
    """Ann needs a designer, Bo offers design reviews (both touched lately: nothing else
    is due), Cy is hiring, and someone's name is hostile."""
    ids = {name: add(name, last_touch_days_ago=3)
           for name in ("Ann Lee", "Bo Kim", "Cy Young", HOSTILE)}
    tending.add_need(ids["Ann Lee"], "need", "a designer for the new app")
    tending.add_need(ids["Bo Kim"], "offer", "design reviews")
    tending.add_need(ids[HOSTILE], "offer", "[red]help[/] with \x1b[31m escapes")
    return ids


def said(app) -> list[str]:
    """What the app's notices said, oldest first."""
    return [notification.message for notification in app._notifications]


def burst(app, keys) -> None:
    """Every key queued before the app handles the first, as one read from a slow link."""
    for key in keys:
        character = {"space": " ", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def test_i_on_a_suggested_introduction_records_it_and_meets_the_need(app, size):
    ids = people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        due = main_screen(app).query_one(DueList)
        assert [item.contact for item in due.items] == ["Ann Lee"]
        text = screen_text(app)
        assert "looking for a designer for the new app;" in text
        assert "Bo Kim offers design reviews — introduce them?" in text
        assert "i introduces them · x: not these two" in text

        await press(pilot, "i")

        assert said(app)[-1] == "Introduced Ann Lee and Bo Kim · Ann Lee's need met"
        assert [item.contact for item in due.items] == []  # nothing else was due
        [introduction] = queries.introductions(ids["Ann Lee"])
        assert (introduction.person_a, introduction.person_b) == ("Ann Lee", "Bo Kim")
        assert {f.contact for f in queries.follow_ups()} == {"Ann Lee", "Bo Kim"}
        assert card(ids["Ann Lee"]).needs == () and card(ids["Ann Lee"]).balance.gave == 1

        await press(pilot, "u")  # one step takes it all back
        assert queries.introductions(ids["Ann Lee"]) == [] and queries.follow_ups() == []
        assert [item.contact for item in due.items] == ["Ann Lee"]


async def test_x_on_a_suggested_introduction_never_suggests_the_pair_again(app, size):
    ids = people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "3", "x")
        assert said(app)[-1] == "Not suggesting Ann Lee and Bo Kim again (u undoes)"
        assert main_screen(app).query_one(DueList).items == []
        assert not card(ids["Ann Lee"]).archived  # x dismissed the pair, archived no one
        tending.add_need(ids["Ann Lee"], "need", "a logo designer")
        await press(pilot, "1", "3")
        assert main_screen(app).query_one(DueList).items == []


async def test_i_and_x_elsewhere_still_introduce_and_archive(app, size):
    from netgarden_tui.tui.screens.confirm import ConfirmModal
    from netgarden_tui.tui.screens.tending.introduce import IntroduceModal

    people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "i")  # in Contacts: the introduce form, as before
        assert isinstance(app.screen, IntroduceModal)
        await press(pilot, "escape", "x")
        assert isinstance(app.screen, ConfirmModal)


async def test_the_review_makes_a_suggested_introduction_with_i(app, size):
    ids = people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        assert "Ann Lee is looking for" not in screen_text(app)
        assert "looking for a designer for the new app; Bo Kim offers design reviews" in (
            screen_text(app).replace("\n", " ").replace("  ", " "))
        assert "Needs and offers" in screen_text(app) or "Helping" in screen_text(app)
        await press(pilot, "i")
        assert "Reviewed 1: 0 logged, 0 snoozed, 0 done, 1 introduced, 0 skipped" in (
            screen_text(app))
        assert queries.introductions(ids["Ann Lee"])


async def test_n_notes_a_need_and_alt_o_an_offer_shown_on_the_card_as_typed(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        burst(app, ["n", *"a [b]co-founder[/b]", "enter"])  # as fast as a link delivers
        await settle(pilot)
        await press(pilot, "n", "alt+o")
        assert isinstance(app.screen, NeedModal)
        await type_text(pilot, "intros to angels")
        await press(pilot, "ctrl+s")
        assert [(need.kind, need.text) for need in card(ann).needs] == [
            ("need", "a [b]co-founder[/b]"), ("offer", "intros to angels")]
        await press(pilot, "2")
        text = screen_text(app)
        assert "needs           a [b]co-founder[/b]" in text
        assert "offers          intros to angels" in text


async def test_an_empty_need_is_not_saved_and_says_why(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "n", "space", "enter")
        assert isinstance(app.screen, NeedModal)
        assert plain(app.screen.query_one("#status")) == (
            'Not saved: a need needs some words, e.g. "a designer for the new app"')
        assert card(ann).needs == ()


async def test_ctrl_n_in_call_mode_notes_a_need_and_the_call_goes_on(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await type_text(pilot, "Talked about the app")
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, NeedModal)
        await type_text(pilot, "a designer")
        await press(pilot, "enter")
        assert isinstance(app.screen, CallScreen)
        assert app.screen.query_one("#call-notes").text == "Talked about the app"
        assert [need.text for need in card(ann).needs] == ["a designer"]
        assert "a designer" in screen_text(app)  # on the call's card: what can I do today?
        await press(pilot, "enter")
        await type_text(pilot, "needs: an intro to a VC in Berlin")
        await press(pilot, "ctrl+s")
        assert [need.text for need in card(ann).needs] == [
            "an intro to a VC in Berlin", "a designer"]


async def test_a_needs_line_in_the_quick_log_becomes_a_need(app, size):
    ann = add("Ann Lee", last_touch_days_ago=3)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        await type_text(pilot, "Coffee.")
        await press(pilot, "enter")
        await type_text(pilot, "offers: design reviews")
        await press(pilot, "ctrl+s")
        assert [(need.kind, need.text) for need in card(ann).needs] == [
            ("offer", "design reviews")]


async def test_who_finds_as_you_type_and_enter_opens_the_person(app, size):
    ids = people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        assert isinstance(app.screen, WhoScreen)
        await type_text(pilot, "desig")
        await settle(pilot)
        text = screen_text(app)
        assert "2 people" in text
        assert "needs: a designer for the new app" in text and "offers: design reviews" in text
        await press(pilot, "down", "down", "enter")  # to the list, then Bo
        assert app.screen is main_screen(app)
        assert main_screen(app).query_one(HistoryPane).data.card.id == ids["Bo Kim"]


async def test_w_words_and_enter_in_one_burst_open_whom_the_words_find(app, size):
    ids = people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        burst(app, ["W", *"design", "space", *"reviews", "enter"])
        await settle(pilot)
        assert app.screen is main_screen(app)
        pane = main_screen(app).query_one(HistoryPane)
        assert pane.data.card.id == ids["Bo Kim"]


async def test_who_shows_hostile_text_as_written_and_finds_nobody_politely(app, size):
    people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await type_text(pilot, "escapes")
        await settle(pilot)
        text = screen_text(app)
        assert HOSTILE in text and "offers: [red]help[/] with ␛[31m escapes" in text
        field = app.screen.query_one("#words", Input)
        field.value = '"*" NEAR( [bold]'
        await settle(pilot)
        assert "Nobody found for NEAR bold" in screen_text(app)
        field.value = "   "
        await settle(pilot)
        assert "Type what you are looking for" in screen_text(app)
        assert not app.screen.query_one("#people", OptionList).display
        await press(pilot, "escape")
        assert app.screen is main_screen(app)


async def test_the_palette_opens_who_do_i_know(app, size):
    people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "who do i know")
        await settle(pilot)
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert isinstance(app.screen, WhoScreen)


@pytest.mark.parametrize("size", [(60, 20)])
async def test_who_fits_a_small_screen(app, size):
    people()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await type_text(pilot, "design")
        await settle(pilot)
        assert "offers: design reviews" in screen_text(app)
        assert TODAY  # the frozen day the scenes run on
