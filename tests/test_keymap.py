"""The config's [keymap] remaps keys by binding id, and the help shows the keys in force."""

import dataclasses
import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.widgets import Static

import netgarden_tui.tui

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.help import HelpScreen, binding_ids
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


def own_bindings() -> dict[str, list[Binding]]:
    """Every class in the TUI that declares its own keys: its name, and those keys."""
    found = {}
    for module_info in pkgutil.walk_packages(netgarden_tui.tui.__path__, "netgarden_tui.tui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                found[f"{module.__name__}.{name}"] = vars(cls)["BINDINGS"]
    return found


def test_every_key_has_an_id_that_the_help_lists_and_the_keymap_takes():
    bindings = own_bindings()
    assert "netgarden_tui.tui.screens.confirm.ConfirmModal" in bindings  # the walk finds them
    without_id = [(owner, binding.key) for owner, keys in bindings.items() for binding in keys
                  if not (isinstance(binding, Binding) and binding.id)]
    assert without_id == []
    listed = binding_ids()
    missing = [(owner, binding.id) for owner, keys in bindings.items() for binding in keys
               if binding.id not in listed]
    assert missing == []
