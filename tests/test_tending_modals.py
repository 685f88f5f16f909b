"""The tending modals (fact, favour, introduce, life event, who knows whom, the favours with a
contact), driven with real keys on a real garden and checked in the database.

Each modal is pushed straight onto the real app (made by ``make_app``) with its main screen
left out, as in test_modals.py. The clock stands at Mon 23 Nov 2026 09:00 UTC (conftest's
``frozen_clock``).
"""

import pendulum
import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions, tending
from netgarden_tui.store import queries
from netgarden_tui.vocabulary import FACT_KINDS, FAVOUR_DIRECTIONS, LIFE_EVENT_KINDS
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.tending.acquaintances import AcquaintancesModal
from netgarden_tui.tui.screens.tending.fact import FACT_CHOICES, FactModal
from netgarden_tui.tui.screens.tending.favour import FAVOUR_CHOICES, FavourModal
from netgarden_tui.tui.screens.tending.favours import FavoursModal
from netgarden_tui.tui.screens.tending.introduce import IntroduceModal
from netgarden_tui.tui.screens.tending.life_event import LIFE_EVENT_CHOICES, LifeEventModal
from netgarden_tui.tui.widgets.key_picker import KeyPicker
from test_modals import open_modal, press_as_a_terminal_does, type_text  # tests/ is on the path

HOSTILE = "[bold]Evil[/] [red"
FORMS = [FactModal, FavourModal, IntroduceModal, LifeEventModal]
ALL_MODALS = [*FORMS, AcquaintancesModal, FavoursModal]
SIZES = [(80, 24), (60, 20), (160, 48)]


@pytest.fixture
def app(frozen_clock, locations, monkeypatch) -> NetgardenApp:
    """The real app on a fresh garden in tmp_path, minus its main screen."""
    monkeypatch.setattr(NetgardenApp, "get_default_screen", lambda self: Screen())
    return make_app(locations, default_config(), welcome=False)


@pytest.fixture
def ann(app) -> int:
    return actions.add_contact("Ann Lee")


@pytest.fixture
def priya(app) -> int:
    return actions.add_contact("Priya Natarajan")


@pytest.fixture
def evil(app) -> int:
    return actions.add_contact(HOSTILE)


async def settle(pilot) -> None:
    """A delivered read may start a write, and that another read: conftest's ``settle``."""
    from conftest import settle as settle_app
    await settle_app(pilot)


def shown(widget: Widget) -> str:
    """The text a widget puts on screen, its border and border title included."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def status(pilot) -> str:
    return shown(pilot.app.screen.query_one("#status"))


def value(pilot, selector: str) -> str:
    return pilot.app.screen.query_one(selector, Input).value


# --- an opening gambit -----------------------------------------------------------------------

async def test_a_child_with_a_birth_year_shows_the_age_as_typed_and_is_saved(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FactModal(ann, "Ann Lee"))
        assert app.focused is app.screen.query_one("#text")
        assert not app.screen.query_one("#year-row").display  # a child's only
        await press_as_a_terminal_does(pilot, "alt+c")
        assert app.screen.query_one("#year-row").display
        await type_text(pilot, "Emma")
        await pilot.press("tab")
        await type_text(pilot, "2015")
        assert shown(app.screen.query_one("#age")).strip() == "Emma, 11"
        await pilot.press("ctrl+s")
        await settle(pilot)

    [fact] = queries.contact_card(ann, default_cadence=60).facts
    assert (fact.kind, fact.text, fact.year) == ("child", "Emma", 2015)
    assert results == [fact.id]


async def test_the_kind_is_picked_on_its_row_with_a_bare_letter(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, FactModal(ann, "Ann Lee"))
        await type_text(pilot, "Supports Ajax")
        await pilot.press("shift+tab", "i")
        assert app.screen.query_one(KeyPicker).value == "interest"
        await pilot.press("right")
        assert app.screen.query_one(KeyPicker).value == "health"
        await pilot.press("left", "ctrl+s")
        await settle(pilot)

    [fact] = queries.contact_card(ann, default_cadence=60).facts
    assert (fact.kind, fact.text, fact.year) == ("interest", "Supports Ajax", None)


async def test_a_bad_birth_year_says_so_saves_nothing_and_keeps_what_was_typed(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FactModal(ann, "Ann Lee"))
        await press_as_a_terminal_does(pilot, "alt+c")
        await type_text(pilot, "Son [/] Leo")
        await pilot.press("tab")
        await type_text(pilot, "1850")
        assert app.screen.query_one("#age").has_class("-error")
        assert "a year from 1900 to 2026" in shown(app.screen.query_one("#age"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FactModal)
        assert "Not saved: a birth year between 1900 and 2026" in status(pilot)
        assert (value(pilot, "#text"), value(pilot, "#year")) == ("Son [/] Leo", "1850")
        assert results == []
    assert not queries.contact_card(ann, default_cadence=60).facts


# --- a favour --------------------------------------------------------------------------------

async def test_a_favour_offered_with_a_deadline_in_words(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FavourModal(ann, "Ann Lee"))
        assert app.screen.query_one(KeyPicker).value == "offered"
        await type_text(pilot, "an intro to their CTO")
        await press_as_a_terminal_does(pilot, "alt+k")  # the kinds open; type to jump
        await type_text(pilot, "intro")
        await pilot.press("enter")
        assert app.screen.query_one("#kind", Select).value == "introduction"
        await pilot.press("ctrl+f")
        await type_text(pilot, "2w")
        assert shown(app.screen.query_one("#meaning")).strip() == "Mon 7 Dec (in 14 days)"
        await pilot.press("ctrl+s")
        await settle(pilot)

    [favour] = queries.favours(contact_id=ann)
    assert (favour.direction, favour.kind, favour.what, favour.status) == (
        "offered", "introduction", "an intro to their CTO", "open")
    assert favour.due_on == pendulum.date(2026, 12, 7)
    assert results == [favour.id]


async def test_a_favour_received_is_done_and_has_no_deadline(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, FavourModal(ann, "Ann Lee"))
        await press_as_a_terminal_does(pilot, "alt+r")
        assert not app.screen.query_one("#deadline-row").display
        assert "delivered" in shown(app.screen.query_one("#status-button"))
        await type_text(pilot, "CV feedback")
        await pilot.press("ctrl+s")
        await settle(pilot)

    [favour] = queries.favours(contact_id=ann)
    assert (favour.direction, favour.status, favour.due_on) == ("received", "delivered", None)


async def test_a_deadline_that_means_nothing_blocks_the_save(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, FavourModal(ann, "Ann Lee"))
        await type_text(pilot, "the deck")
        await pilot.press("ctrl+f")
        await type_text(pilot, "someday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FavourModal)
        assert "Not saved" in status(pilot)
        assert app.focused is app.screen.query_one("#deadline")
    assert queries.favours(contact_id=ann) == []


async def test_asking_after_two_declined_asks_warns_first(app, ann):
    for _ in range(tending.PUSHED_LUCK_ASKS):
        tending.log_favour(ann, "asked", "job lead", status="declined")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FavourModal(ann, HOSTILE))
        await press_as_a_terminal_does(pilot, "alt+a")
        await type_text(pilot, "a reference")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = shown(app.screen.query_one("#question"))
        assert "don't push" in question and "[bold]Evil[/]" in question
        assert "Ask anyway" in shown(app.screen.query_one("#yes"))
        await pilot.press("n")  # don't ask: nothing saved, the form stays with its text
        await settle(pilot)
        assert isinstance(app.screen, FavourModal)
        assert value(pilot, "#text") == "a reference"
        assert "Not asked" in status(pilot)
        assert len(queries.favours(contact_id=ann)) == tending.PUSHED_LUCK_ASKS

        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # ask anyway
        await settle(pilot)

    newest = queries.favours(contact_id=ann)[0]
    assert (newest.direction, newest.what, newest.status) == ("asked", "a reference", "open")
    assert results == [newest.id]


async def test_a_first_ask_saves_without_a_warning(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FavourModal(ann, "Ann Lee"))
        await press_as_a_terminal_does(pilot, "alt+a")
        await type_text(pilot, "a reference")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)

    [favour] = queries.favours(contact_id=ann)
    assert (favour.direction, favour.status) == ("asked", "open")
    assert results == [favour.id]


# --- an introduction -------------------------------------------------------------------------

async def test_introduce_by_typing_part_of_a_misspelt_name(app, ann, priya):
    actions.add_contact("Paul Natal")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, IntroduceModal(ann, "Ann Lee"))
        await type_text(pilot, "natarjan")
        await settle(pilot)
        matches = app.screen.query_one("#matches", OptionList)
        assert "Priya Natarajan" in shown(matches)
        assert matches.highlighted_option.id == str(priya)
        await pilot.press("enter")
        assert "Introducing Ann Lee to Priya Natarajan" in shown(app.screen.query_one("#picked"))
        assert app.focused is app.screen.query_one("#note")
        await type_text(pilot, "both climb")
        await pilot.press("ctrl+s")
        await settle(pilot)

    [introduction] = queries.introductions(ann)
    assert {introduction.person_a_id, introduction.person_b_id} == {ann, priya}
    assert (introduction.note, introduction.introducer) == ("both climb", None)
    assert queries.introductions(priya) == [introduction]
    ask_on = pendulum.date(2026, 12, 7)
    [for_ann] = queries.follow_ups(contact_id=ann)
    [for_priya] = queries.follow_ups(contact_id=priya)
    assert (for_ann.due_on, for_ann.what) == (ask_on, "ask how the introduction to Priya "
                                                      "Natarajan went")
    assert (for_priya.due_on, for_priya.what) == (ask_on, "ask how the introduction to Ann Lee went")
    assert results == [introduction.id]


async def test_the_arrows_move_through_the_names_and_the_contact_is_never_offered(app, ann):
    ids = [actions.add_contact(name) for name in ("Anna Berg", "Annika Holm")]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, IntroduceModal(ann, "Ann Lee"))
        await type_text(pilot, "ann")
        await settle(pilot)
        matches = app.screen.query_one("#matches", OptionList)
        assert [option.id for option in matches.options] == [str(i) for i in ids]
        await pilot.press("down", "enter", "ctrl+s")
        await settle(pilot)

    [introduction] = queries.introductions(ann)
    assert introduction.person_b_id == ids[1]


async def test_saving_before_a_pick_says_what_is_missing(app, ann, priya):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, IntroduceModal(ann, "Ann Lee"))
        await type_text(pilot, "Priya")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "pick who to introduce" in status(pilot)
        await pilot.press("enter", "a")  # pick; the note takes the "a"
        await type_text(pilot, "xyz")
        assert value(pilot, "#who") == "Priya Natarajan"
        await pilot.click("#who")
        await type_text(pilot, "q")  # typing again drops the pick
        assert app.screen.other is None
    assert queries.introductions(ann) == []


async def test_a_hostile_name_is_offered_and_shown_literally(app, ann, evil):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, IntroduceModal(ann, "Ann Lee"))
        await type_text(pilot, "[bold")
        await settle(pilot)
        assert HOSTILE in shown(app.screen.query_one("#matches"))
        await pilot.press("enter")
        assert f"Introducing Ann Lee to {HOSTILE}" in shown(app.screen.query_one("#picked"))


# --- a life event ----------------------------------------------------------------------------

async def test_a_life_event_with_its_kind_and_day(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, LifeEventModal(ann, "Ann Lee"))
        assert "Mon 23 Nov (today)" in shown(app.screen.query_one("#meaning"))
        await type_text(pilot, "Moved to Lisbon")
        await pilot.press("shift+tab", "m")
        await pilot.press("ctrl+f")
        await type_text(pilot, "fri")  # looks back: the last Friday
        assert shown(app.screen.query_one("#meaning")).strip() == "Fri 20 Nov (3 days ago)"
        await pilot.press("ctrl+s")
        await settle(pilot)

    [event] = queries.life_events(contact_id=ann)
    assert (event.kind, event.text, event.on) == ("move", "Moved to Lisbon", pendulum.date(2026, 11, 20))
    assert results == [event.id]


async def test_a_life_event_defaults_to_today_and_refuses_a_day_ahead(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, LifeEventModal(ann, "Ann Lee"))
        await press_as_a_terminal_does(pilot, "alt+y")
        await pilot.press("ctrl+f")
        await type_text(pilot, "tomorrow")
        assert app.screen.query_one("#meaning").has_class("-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in status(pilot)
        assert queries.life_events(contact_id=ann) == []
        app.screen.query_one("#day", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)

    [event] = queries.life_events(contact_id=ann)
    assert (event.kind, event.on) == ("baby", pendulum.date(2026, 11, 23))
    assert results == [event.id]


# --- who knows whom --------------------------------------------------------------------------

async def test_acquaintances_are_listed_and_enter_returns_the_one_picked(app, ann, priya, evil):
    cy = actions.add_contact("Cy Twombly")
    tending.introduce(ann, priya)
    actions.log_touch([ann, evil], channel="meeting", direction="out", note="")
    actions.log_touch([ann, evil], channel="meal", direction="out", note="")
    actions.log_touch([ann, cy], channel="meeting", direction="out", note="")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, AcquaintancesModal(ann, "Ann Lee"))
        people = app.screen.query_one("#people", OptionList)
        listed = shown(people)
        assert "Priya Natarajan" in listed and "you introduced them" in listed
        assert f"{HOSTILE}  met together 2 times" in listed
        assert "Cy Twombly  met together once" in listed
        assert [option.id for option in people.options] == [str(priya), str(evil), str(cy)]
        await pilot.press("j", "enter")
    assert results == [evil]


async def test_acquaintances_say_when_there_is_nobody_and_escape_closes(app, ann):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, AcquaintancesModal(ann, "Ann Lee"))
        assert "Nobody yet" in shown(app.screen.query_one("#empty"))
        await pilot.press("enter", "escape")
    assert results == [None]


# --- the favours with a contact --------------------------------------------------------------

def favour_lines(pilot) -> list[str]:
    return [line.strip() for line in shown(pilot.app.screen.query_one("#favours")).splitlines()]


def balance(pilot) -> str:
    return shown(pilot.app.screen.query_one("#balance")).strip()


def statuses(contact_id: int) -> dict[str, str]:
    return {favour.what: favour.status for favour in queries.favours(contact_id=contact_id)}


async def test_asks_marked_declined_and_not_answered_bring_the_warning_and_o_reopens(app, ann):
    tending.log_favour(ann, "given", "news", "the Acme opening")
    tending.log_favour(ann, "asked", "reference", "a letter for the bar")
    tending.log_favour(ann, "asked", "job lead", "the Lisbon role")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, FavoursModal(ann, "Ann Lee"))
        assert app.focused is app.screen.query_one("#favours")
        assert favour_lines(pilot) == [  # open first, newest first; then the rest
            "you asked · job lead — the Lisbon role · open · 23 Nov",
            "you asked · reference — a letter for the bar · open · 23 Nov",
            "you gave · news — the Acme opening · delivered · 23 Nov",
        ]
        await pilot.press("x")  # the Lisbon role: declined, and the highlight stays on it
        await settle(pilot)
        assert favour_lines(pilot)[1] == "you asked · job lead — the Lisbon role · declined · 23 Nov"
        assert app.screen.query_one("#favours").highlighted == 1
        await pilot.press("k", "n")  # up to the letter: not answered
        await settle(pilot)
        assert isinstance(app.screen, FavoursModal)
        assert statuses(ann) == {"the Lisbon role": "declined",
                                 "a letter for the bar": "no_answer",
                                 "the Acme opening": "delivered"}
        assert "a letter for the bar · no answer" in "\n".join(favour_lines(pilot))
        assert "don't push your luck" in tending.pushed_luck_warning(ann, "Ann Lee")

        await pilot.press("o")  # open again: the warning goes
        await settle(pilot)
        assert statuses(ann)["a letter for the bar"] == "open"
        assert favour_lines(pilot)[0] == (
            "you asked · reference — a letter for the bar · open · 23 Nov")
        assert tending.pushed_luck_warning(ann, "Ann Lee") is None
        await pilot.press("escape")
        assert not isinstance(app.screen, FavoursModal)


async def test_an_offered_favour_delivered_moves_the_balance_and_u_undoes_it(app, ann):
    tending.log_favour(ann, "received", "cv feedback")
    tending.log_favour(ann, "offered", "introduction", "to their CTO",
                       due_on=pendulum.date(2026, 11, 27))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, FavoursModal(ann, "Ann Lee"))
        assert balance(pilot) == "gave 0 · took 1"
        assert favour_lines(pilot)[0] == (
            "you offered · introduction — to their CTO (by Fri 27 Nov) · open · 23 Nov")
        await pilot.press("d")
        await settle(pilot)
        assert balance(pilot) == "gave 1 · took 1"
        assert statuses(ann)["to their CTO"] == "delivered"
        await pilot.press("d")  # already delivered: nothing written
        await settle(pilot)
        await pilot.press("u")  # the app's undo: the list reloads
        await settle(pilot)
        assert balance(pilot) == "gave 0 · took 1"
        assert statuses(ann)["to their CTO"] == "open"


async def test_favours_show_a_hostile_name_and_what_literally(app, evil):
    tending.log_favour(evil, "asked", "other", HOSTILE)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_modal(pilot, FavoursModal(evil, HOSTILE))
        assert HOSTILE in shown(app.screen.query_one("#dialog")).splitlines()[0]
        assert favour_lines(pilot) == [f"you asked · other — {HOSTILE} · open · 23 Nov"]
        await pilot.press("x")
        await settle(pilot)
        assert f"Marked declined: other — {HOSTILE} (u undoes)" in [
            str(notification.message) for notification in app._notifications]
    assert statuses(evil) == {HOSTILE: "declined"}


async def test_no_favours_says_so_and_the_keys_do_nothing(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, FavoursModal(ann, "Ann Lee"))
        assert "No favours yet" in shown(app.screen.query_one("#empty"))
        assert balance(pilot) == "gave 0 · took 0"
        await pilot.press("d", "x", "j", "escape")
        await settle(pilot)
    assert results == [None]
    assert queries.favours(contact_id=ann) == []


# --- every modal -----------------------------------------------------------------------------

@pytest.mark.parametrize("modal", FORMS, ids=lambda modal: modal.__name__)
async def test_escape_asks_before_throwing_typed_text_away(app, ann, modal):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, modal(ann, HOSTILE))
        await pilot.press("escape")  # nothing typed: closes at once
        assert results == [None]

        results = await open_modal(pilot, modal(ann, HOSTILE))
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmModal)
        assert HOSTILE in shown(app.screen.query_one("#question"))
        await pilot.press("n")
        assert isinstance(app.screen, modal)
        assert app.focused.value == "half a thought"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert results == [None]
        assert not isinstance(app.screen, (modal, ConfirmModal))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
@pytest.mark.parametrize("modal", ALL_MODALS, ids=lambda modal: modal.__name__)
async def test_the_title_shows_a_hostile_name_and_the_box_fits(app, evil, modal, size):
    async with app.run_test(size=size) as pilot:
        await open_modal(pilot, modal(evil, HOSTILE))
        dialog = app.screen.query_one("#dialog")
        assert HOSTILE in shown(dialog).splitlines()[0]
        assert dialog.max_scroll_y == 0, "the box should fit without scrolling"
        assert app.screen.region.contains_region(dialog.region)


def test_every_key_has_an_id_and_a_tooltip_and_no_alt_key_is_a_word_jump():
    for modal in ALL_MODALS:
        ids = [binding.id for binding in modal.BINDINGS]
        assert all(ids) and len(set(ids)) == len(ids), modal
        assert all(binding.tooltip for binding in modal.BINDINGS), modal
        assert not {"alt+b", "alt+f"} & {binding.key for binding in modal.BINDINGS}, modal
    for binding in KeyPicker.BINDINGS:
        assert binding.id and binding.tooltip


@pytest.mark.parametrize(("choices", "kinds"), [
    (FACT_CHOICES, FACT_KINDS), (FAVOUR_CHOICES, FAVOUR_DIRECTIONS),
    (LIFE_EVENT_CHOICES, LIFE_EVENT_KINDS),
])
def test_every_kind_has_one_letter_found_in_its_word(choices, kinds):
    assert sorted(choice.value for choice in choices) == sorted(kinds)
    letters = [choice.letter for choice in choices]
    assert len(set(letters)) == len(letters)
    assert all(choice.letter in choice.word for choice in choices)


async def test_names_or_people_read_after_the_modal_closed_are_dropped(app, ann, priya):
    async with app.run_test(size=(80, 24)) as pilot:
        for modal, deliver in ((IntroduceModal, "_show_matches"), (AcquaintancesModal, "_show"),
                               (FavoursModal, "_show")):
            await open_modal(pilot, modal(ann, "Ann Lee"))
            closed = app.screen
            await pilot.press("escape")
            await settle(pilot)
            getattr(closed, deliver)([])  # a late delivery: no NoMatches, no crash
