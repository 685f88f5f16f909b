"""The modal screens, driven with real keys on a real garden, checked in the database.

Quick log, snooze, confirm and the contact form are pushed straight onto the real app (made
by ``make_app``) with its main screen left out, so each test sees only the modal it checks.
The clock stands at Mon 23 Nov 2026 09:00 UTC (conftest's ``frozen_clock``).
"""

import pendulum
import pytest
from textual import events
from textual._xterm_parser import XTermParser  # private, but it is what turns ESC+e into alt+e
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.screen import Screen

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.store import queries
from netgarden_tui.store.records import Birthday
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.contact_form import ContactFormModal
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.screens.snooze import SnoozeModal
from netgarden_tui.tui.widgets.date_field import DateMeaning
from netgarden_tui.tui.widgets.key_picker import KeyPicker

HOSTILE = "[bold]Evil[/] [red"
SIZES = [(80, 24), (60, 20)]


@pytest.fixture
def app(frozen_clock, locations, monkeypatch) -> NetgardenApp:
    """The real app on a fresh garden in tmp_path, minus its main screen."""
    monkeypatch.setattr(NetgardenApp, "get_default_screen", lambda self: Screen())
    return make_app(locations, default_config(), welcome=False)


@pytest.fixture
def ann(app) -> int:
    return actions.add_contact("Ann Lee", actions.ContactDetails(
        circle="Clients", emails=["ann@example.com"], tags=["mentor"]))


@pytest.fixture
def evil(app) -> int:
    return actions.add_contact(HOSTILE, actions.ContactDetails(company="[/]"))


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


async def open_modal(pilot, modal) -> list:
    """Push ``modal``; the returned list receives what it is dismissed with."""
    results = []
    await pilot.app.push_screen(modal, results.append)
    await settle(pilot)
    return results


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def press_as_a_terminal_does(pilot, key: str) -> None:
    """alt+e from a real terminal carries the character "e" (pilot.press sends none), so a
    text field would type it unless the binding takes it first."""
    pilot.app.post_message(events.Key(key, key[-1]))
    await pilot.pause()


async def tab_to(pilot, selector: str) -> None:
    target = pilot.app.screen.query_one(selector)
    for _ in range(30):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


def shown(widget: Widget) -> str:
    """The text a widget puts on screen, its border and border title included."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def status(pilot) -> str:
    return shown(pilot.app.screen.query_one("#status"))


# --- quick log --------------------------------------------------------------------------

async def test_quick_log_saves_the_channel_note_and_follow_up_typed_with_keys(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, QuickLogModal(ann, "Ann Lee"))
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Asked about [/] the merger")
        await press_as_a_terminal_does(pilot, "alt+e")
        await pilot.press("ctrl+f")
        await type_text(pilot, "2w")
        assert shown(app.screen.query_one(DateMeaning)).strip() == "Mon 7 Dec (in 14 days)"
        await pilot.press("tab")
        await type_text(pilot, "send the deck")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = [notification.message for notification in app._notifications]
        assert "Logged email with Ann Lee · follow up Mon 7 Dec (in 14 days)" in said

    [touch] = queries.interactions(ann)
    assert touch.note == "Asked about [/] the merger"
    assert (touch.channel, touch.direction) == ("email", "out")
    assert touch.awaiting_reply
    [follow_up] = queries.follow_ups(contact_id=ann)
    assert (follow_up.due_on, follow_up.what) == (pendulum.date(2026, 12, 7), "send the deck")
    assert results == [touch.id]


async def test_on_the_channel_row_a_bare_letter_picks_and_alt_d_turns_the_direction(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, QuickLogModal(ann, "Ann Lee", last_channel="meal"))
        assert app.screen.query_one(KeyPicker).value == "meal"
        await pilot.press("tab", "v", "alt+d", "alt+d")
        assert "both, mutual" in shown(app.screen.query_one("#direction"))
        await pilot.press("ctrl+s")
        await settle(pilot)

    [touch] = queries.interactions(ann)
    assert (touch.channel, touch.direction, touch.note) == ("video", "mutual", "")
    assert results == [touch.id]


async def test_escape_asks_before_throwing_a_typed_note_away(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, QuickLogModal(ann, HOSTILE))
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmModal)
        assert HOSTILE in shown(app.screen.query_one("#question"))
        await pilot.press("n")
        assert isinstance(app.screen, QuickLogModal)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        assert results == [None]
    assert queries.interactions(ann) == []


async def test_escape_with_nothing_typed_closes_at_once(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, QuickLogModal(ann, "Ann Lee"))
        await press_as_a_terminal_does(pilot, "alt+m")  # a channel is a choice, not typing
        await pilot.press("escape")
        assert results == [None]
        assert not isinstance(app.screen, (QuickLogModal, ConfirmModal))


async def test_a_failed_save_keeps_the_modal_open_with_everything_typed(app, ann, monkeypatch):
    def garden_says_no(*args, **kwargs):
        raise actions.InvalidInput("the garden is locked")

    with monkeypatch.context() as patch:
        patch.setattr(actions, "log_touch", garden_says_no)
        async with app.run_test(size=(80, 24)) as pilot:
            results = await open_modal(pilot, QuickLogModal(ann, "Ann Lee"))
            await type_text(pilot, "long call [/]")
            await pilot.press("ctrl+f")
            await type_text(pilot, "fri")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, QuickLogModal)
            assert app.screen.query_one(TextArea).text == "long call [/]"
            assert app.screen.query_one("#follow-up", Input).value == "fri"
            assert "Not saved: the garden is locked" in status(pilot)
            assert not app._notifications  # said once, where the person looks: no toast over it

            patch.undo()  # the garden opens again: the same modal saves on the next ctrl+s
            await pilot.press("ctrl+s")
            await settle(pilot)
    [touch] = queries.interactions(ann)
    assert touch.note == "long call [/]"
    assert queries.follow_ups(contact_id=ann)[0].due_on == pendulum.date(2026, 11, 27)
    assert results == [touch.id]


@pytest.mark.parametrize("typed", ["someday", "02-30"])
async def test_a_follow_up_day_that_means_nothing_blocks_the_save(app, ann, typed):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, QuickLogModal(ann, "Ann Lee"))
        await type_text(pilot, "note")
        await pilot.press("ctrl+f")
        await type_text(pilot, typed)
        meaning = app.screen.query_one(DateMeaning)
        assert meaning.has_class("-error")
        assert typed in shown(meaning)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogModal)
        assert "Not saved" in status(pilot)
        assert app.focused is app.screen.query_one("#follow-up")
    assert queries.interactions(ann) == []


async def test_what_to_follow_up_without_a_day_blocks_the_save(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, QuickLogModal(ann, "Ann Lee"))
        await pilot.press("ctrl+f", "tab")
        await type_text(pilot, "send the deck")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogModal)
        assert "needs a day" in status(pilot)
    assert queries.interactions(ann) == []


def test_every_alt_key_of_the_quick_log_arrives_intact_as_esc_letter():
    """Over SSH alt+e is the bytes ESC e. ESC b and ESC f come out as word jumps, not alt."""
    alt_keys = [binding.key for binding in QuickLogModal.BINDINGS if binding.key.startswith("alt+")]
    assert len(alt_keys) == 11  # ten channels and the direction
    for key in alt_keys:
        parser = XTermParser()
        parsed = [*parser.feed("\x1b" + key.removeprefix("alt+")), *parser.feed("")]
        assert [event.key for event in parsed] == [key]


# --- snooze ------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "day"), [
    ("1", pendulum.date(2026, 11, 24)), ("3", pendulum.date(2026, 11, 26)),
    ("w", pendulum.date(2026, 11, 30)), ("m", pendulum.date(2026, 12, 23)),
])
async def test_snooze_picks_with_one_key(app, key, day):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, SnoozeModal("Ann Lee"))
        await pilot.press(key)
    assert results == [day]


async def test_snooze_buttons_say_the_day_each_key_means(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await open_modal(pilot, SnoozeModal("Ann Lee"))
        week = shown(app.screen.query_one("#choice-1w"))
        assert "w" in week and "1 week" in week and "Mon 30 Nov (in 7 days)" in week


async def test_snooze_buttons_take_a_click(app):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, SnoozeModal("Ann Lee"))
        await pilot.click("#choice-1m")
    assert results == [pendulum.date(2026, 12, 23)]


async def test_snooze_takes_a_day_typed_in_words(app):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, SnoozeModal("Ann Lee"))
        await pilot.press("d")
        await type_text(pilot, "fri")
        assert shown(app.screen.query_one(DateMeaning)).strip() == "Fri 27 Nov (in 4 days)"
        await pilot.press("enter")
    assert results == [pendulum.date(2026, 11, 27)]


async def test_snooze_refuses_today_and_escape_cancels(app):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, SnoozeModal("Ann Lee"))
        await pilot.press("d")
        await type_text(pilot, "today")
        await pilot.press("enter")
        assert isinstance(app.screen, SnoozeModal)
        assert "after today" in shown(app.screen.query_one(DateMeaning))
        await pilot.press("escape")
    assert results == [None]


# --- confirm ----------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "answer"), [("y", True), ("enter", True), ("n", False),
                                             ("escape", False)])
async def test_confirm_answers_with_one_key(app, key, answer):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, ConfirmModal("Archive Ann Lee?"))
        await pilot.press(key)
    assert results == [answer]


async def test_confirm_shows_a_question_and_answers_holding_markup_as_typed(app):
    async with app.run_test(size=(60, 20)) as pilot:
        await open_modal(pilot, ConfirmModal(f"Archive {HOSTILE}?", yes="[/]", no="[b]"))
        assert f"Archive {HOSTILE}?" in shown(app.screen.query_one("#question"))
        assert "[/]" in shown(app.screen.query_one("#yes"))
        assert "[b]" in shown(app.screen.query_one("#no"))


async def test_confirm_buttons_take_a_click(app):
    async with app.run_test(size=(60, 20)) as pilot:
        results = await open_modal(pilot, ConfirmModal("Archive Ann Lee?", no="Keep"))
        await pilot.click("#no")
    assert results == [False]


# --- contact form -----------------------------------------------------------------------

async def test_the_form_adds_a_contact_with_a_circle_two_emails_and_a_birthday(app):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, ContactFormModal())
        await type_text(pilot, "Bo Chen")
        await pilot.press("tab", "enter", "P", "enter")  # open the circles, jump to Prospects
        await tab_to(pilot, "#emails")
        await type_text(pilot, "bo@example.com, bo@work.example")
        await tab_to(pilot, "#birthday")
        meaning = app.screen.query_one("#birthday-meaning")
        assert not meaning.display  # nothing typed: no line
        await type_text(pilot, "13-45")
        assert meaning.display and "can't read \"13-45\" as a birthday" in shown(meaning)
        app.focused.value = ""
        await type_text(pilot, "1990-03-14")
        assert shown(meaning).strip() == "Sun 14 Mar 2027, turns 37"  # as the card will say
        await pilot.press("ctrl+s")
        await settle(pilot)

    [contact_id] = results
    card = queries.contact_card(contact_id, default_cadence=60)
    assert (card.display_name, card.circle) == ("Bo Chen", "Prospects")
    assert [m.value for m in card.methods if m.kind == "email"] == ["bo@example.com",
                                                                    "bo@work.example"]
    assert card.birthday == Birthday(3, 14, 1990)


async def test_the_form_keeps_a_name_typed_before_the_circles_arrive(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ContactFormModal())
        await type_text(pilot, "Quick")
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "Quick"


@pytest.mark.parametrize(("field", "typed", "problem"), [
    ("#birthday", "13-45", 'can\'t read "13-45" as a birthday'),
    ("#name", "", "a contact needs a name"),
])
async def test_the_form_rejects_bad_input_and_stays_open_with_it(app, field, typed, problem):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, ContactFormModal())
        await type_text(pilot, "Bo Chen")
        await tab_to(pilot, "#company")
        await type_text(pilot, "Acme [/]")
        await tab_to(pilot, field)
        app.focused.value = ""
        await type_text(pilot, typed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormModal)
        assert problem in status(pilot)
        assert app.screen.query_one("#company", Input).value == "Acme [/]"
        assert app.screen.query_one(field, Input).value == typed
        assert results == []
    assert queries.count_contacts() == 0


async def test_editing_shows_the_contact_and_adds_to_its_emails(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, ContactFormModal(ann))
        form = app.screen
        assert form.query_one("#name", Input).value == "Ann Lee"
        assert "has: ann@example.com" in shown(form.query_one("#has-emails"))
        assert "has: mentor" in shown(form.query_one("#has-tags"))
        assert "these stay" in form.query_one("#emails", Input).placeholder
        await tab_to(pilot, "#emails")
        await type_text(pilot, "ann@new.example")
        await tab_to(pilot, "#company")
        await type_text(pilot, "Globex")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert results == [ann]
    card = queries.contact_card(ann, default_cadence=60)
    assert (card.display_name, card.company, card.circle) == ("Ann Lee", "Globex", "Clients")
    assert sorted(m.value for m in card.methods) == ["ann@example.com", "ann@new.example"]


async def test_editing_renames_a_hostile_name_and_keeps_it_literal(app, evil):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, ContactFormModal(evil))
        assert app.screen.query_one("#name", Input).value == HOSTILE
        assert app.screen.query_one("#company", Input).value == "[/]"
        await pilot.press("end")  # a focused field starts all selected: typing would replace it
        await type_text(pilot, " [/]")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert results == [evil]
    assert queries.contact_name(evil) == HOSTILE + " [/]"


async def test_escape_from_an_edit_asks_only_when_something_changed(app, ann):
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_modal(pilot, ContactFormModal(ann))
        await pilot.press("escape")
        assert results == [None]

        results = await open_modal(pilot, ContactFormModal(ann))
        await tab_to(pilot, "#role")
        await type_text(pilot, "CTO")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # no: keep editing
        assert app.screen.query_one("#role", Input).value == "CTO"
        await pilot.press("escape", "y")
        assert results == [None]
    assert queries.contact_card(ann, default_cadence=60).role == ""


# --- every modal ------------------------------------------------------------------------

def modals(contact_id: int) -> dict:
    return {
        "quick log": QuickLogModal(contact_id, HOSTILE),
        "snooze": SnoozeModal(HOSTILE),
        "confirm": ConfirmModal(f"Archive {HOSTILE}?"),
        "edit": ContactFormModal(contact_id),
        "add": ContactFormModal(),
    }


@pytest.mark.parametrize("which", ["quick log", "snooze", "edit"])
async def test_a_hostile_name_shows_literally_in_the_title(app, evil, which):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_modal(pilot, modals(evil)[which])
        assert HOSTILE in shown(app.screen.query_one("#dialog"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", ["quick log", "snooze", "confirm", "edit", "add"])
async def test_every_field_and_button_can_be_reached_and_seen(app, evil, which, size):
    """Tab through the whole modal: each focused widget is fully on screen."""
    async with app.run_test(size=size) as pilot:
        await open_modal(pilot, modals(evil)[which])
        screen = app.screen
        assert screen.region.contains_region(screen.query_one("#dialog").region)
        for _ in screen.focus_chain:
            await pilot.press("tab")
            assert screen.region.contains_region(app.focused.region), app.focused
            assert app.focused.region.height >= 1


@pytest.mark.parametrize(("owner", "prefix"), [
    (QuickLogModal, "quick_log"), (KeyPicker, "choice"), (SnoozeModal, "snooze"),
    (ConfirmModal, "confirm"), (ContactFormModal, "contact_form"),
])
def test_every_binding_has_an_id_and_a_tooltip(owner, prefix):
    for binding in owner.BINDINGS:
        assert binding.id and binding.id.startswith(prefix + "."), binding
        assert binding.tooltip, binding
