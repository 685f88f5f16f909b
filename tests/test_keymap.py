"""The config's [keymap] remaps keys by binding id, and the help shows the keys in force."""

import dataclasses

from textual.widgets import Static

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.help import HelpScreen
from netgarden_tui.tui.screens.quick_log import QuickLogModal


def app_with_keymap(locations, keymap: dict):
    config = dataclasses.replace(default_config(), keymap=keymap)
    app = make_app(locations, config)
    actions.add_contact("Ann Lee")
    return app


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_remapped_key_does_the_action_and_the_old_one_does_not(frozen_clock, locations):
    app = app_with_keymap(locations, {"main.quick_log": "L"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLogModal)

        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogModal)


async def test_help_shows_the_remapped_key(frozen_clock, locations):
    app = app_with_keymap(locations, {"main.quick_log": "L"})
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        log_line = next(line for line in keys.splitlines() if "Log a touch with the selected" in line)
        assert log_line.split()[0] == "L"


async def test_an_unknown_id_in_the_keymap_is_reported(frozen_clock, locations):
    app = app_with_keymap(locations, {"main.quick_lgo": "L"})
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("main.quick_lgo" in message for message in messages)
