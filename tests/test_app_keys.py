"""The app's own keys -- ``u`` undo, ``U`` redo, ``q`` quit -- and where they act: where
letters are typed (call mode, the forms) they stand aside, whatever has the focus."""

import pytest
from textual.widgets import Button, TextArea

from netgarden_tui import clock
from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.store import queries, undo
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.commands import GardenCommands
from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.widgets.card import ContactCard


@pytest.fixture
def app(frozen_clock, locations):
    """Chloé, with a follow-up kept in the app just before: the change ``u`` would undo."""
    application = make_app(locations, default_config())
    chloe = actions.add_contact("Chloé Ivanova")
    actions.log_touch([chloe], channel="call", follow_up_on=clock.today(),
                      follow_up_note="send the deck")
    with undo.recording("done with Chloé Ivanova"):
        actions.complete_follow_up(queries.follow_ups(contact_id=chloe)[0].id)
    application.chloe = chloe
    yield application
    undo.disable()


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def undo_steps() -> list[str]:
    return [step.label for step in undo.recent_steps()]


async def test_letters_typed_on_the_call_card_go_into_the_notes(app):
    """One tab too many puts the focus on the card: u and q there neither undo nor ask to
    leave, they are notes."""
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(app.chloe, "Chloé Ivanova"))
        await settle(pilot)
        await pilot.press("tab", "tab", "tab")
        assert isinstance(app.focused, ContactCard)

        await pilot.press("u", "q", "U")
        await settle(pilot)

        assert isinstance(app.screen, CallScreen)  # no "leave?" question on top
        assert app.screen.query_one("#call-notes", TextArea).text == "uqU"
        assert undo_steps() == ["done with Chloé Ivanova"]
        assert not any(note.startswith("undone") for note in notifications(app))


async def test_the_apps_letters_stand_aside_in_a_form_whatever_has_the_focus(app):
    """A form is a modal screen: the app's bindings are not in its chain."""
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QuickLogModal(app.chloe, "Chloé Ivanova"))
        await settle(pilot)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, Button)  # who reached out: not a text field

        await pilot.press("u", "q", "U")
        await settle(pilot)

        assert isinstance(app.screen, QuickLogModal)
        assert undo_steps() == ["done with Chloé Ivanova"]
        assert "u" not in app.screen.active_bindings  # nor offered in its key bar


async def test_ctrl_q_still_quits_from_a_call(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CallScreen(app.chloe, "Chloé Ivanova"))
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0


async def test_undo_says_what_it_undid_and_redo_makes_it_again(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "undone: done with Chloé Ivanova (U redoes it)" in notifications(app)
        assert [f.what for f in queries.follow_ups(contact_id=app.chloe)] == ["send the deck"]

        await pilot.press("U")
        await settle(pilot)
        assert "redone: done with Chloé Ivanova" in notifications(app)
        assert queries.follow_ups(contact_id=app.chloe) == []
        assert undo_steps() == ["done with Chloé Ivanova"]

        await pilot.press("U")
        await settle(pilot)
        assert "nothing to redo" in notifications(app)


async def test_undo_and_redo_are_in_the_palette(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = GardenCommands(app.screen)
        commands = {description: run for description, _help, run in provider._actions()}
        assert {"Undo", "Redo"} <= set(commands)

        await commands["Undo"]()
        await settle(pilot)
        await commands["Redo"]()
        await settle(pilot)
    assert notifications(app)[-2:] == ["undone: done with Chloé Ivanova (U redoes it)",
                                       "redone: done with Chloé Ivanova"]


async def test_a_notice_shows_a_name_s_escapes_and_markup_literally(app):
    """Notices quote names, which are data: an escape in one is shown (␛), never sent to
    the terminal, where it could clear the screen or retitle the window."""
    name = "Zed\x1b[2J\x1b]0;pwned\x07[bold]X[/]"
    with undo.recording(f"added {name}"):
        actions.add_contact(name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        said = notifications(app)[-1]
        assert said.startswith("undone: added Zed␛[2J␛]0;pwned␇[bold]X[/]")
        assert not any("\x1b" in note or "\x07" in note for note in notifications(app))
