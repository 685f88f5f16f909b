"""The config's [keymap] remaps keys by binding id, and the help shows the keys in force."""

import dataclasses
import importlib
import inspect
import pkgutil

import pendulum
import pytest

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

import netgarden_tui.tui

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.help_registry import help_sections
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.help import HelpScreen, binding_ids
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.widgets.history import HistoryPane
from netgarden_tui.tui.widgets.key_picker import KeyPicker


def app_with_keymap(locations, keymap: dict):
    config = dataclasses.replace(default_config(), keymap=keymap)
    app = make_app(locations, config)
    actions.add_contact("Ann Lee")
    return app


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


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


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_help_keeps_each_column_apart_and_each_line_within_the_screen(frozen_clock,
                                                                             locations, size):
    app = app_with_keymap(locations, {})
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_keys = app.screen.query_one("#help-keys", Static)
        width = help_keys.content_region.width
        lines = help_keys.render().plain.splitlines()
        assert max(len(line) for line in lines) <= width
        # "Channel: meeting" is wider than its column: its tooltip starts on the next line,
        # under the tooltips' column, rather than run on after it
        at = next(i for i, line in enumerate(lines) if "Channel: meeting" in line)
        assert lines[at].rstrip().endswith("Channel: meeting")
        assert lines[at + 1].startswith(" " * 30) and "Make it meeting" in lines[at + 1]
        assert not any(line.startswith(("1d,", "3d,")) for line in lines)  # no wrap to column 0


async def test_an_unknown_id_in_the_keymap_is_reported(frozen_clock, locations):
    app = app_with_keymap(locations, {"main.quick_lgo": "L"})
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("main.quick_lgo" in message for message in messages)


def classes_with_own_keys() -> list[type]:
    """Every class in the TUI that declares keys of its own (the app, screens, widgets)."""
    found = []
    for module_info in pkgutil.walk_packages(netgarden_tui.tui.__path__, "netgarden_tui.tui."):
        module = importlib.import_module(module_info.name)
        found += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if cls.__module__ == module.__name__ and vars(cls).get("BINDINGS")]
    return found


def own_bindings() -> dict[str, list[Binding]]:
    """Every class in the TUI that declares its own keys: its name, and those keys."""
    return {f"{cls.__module__}.{cls.__qualname__}": vars(cls)["BINDINGS"]
            for cls in classes_with_own_keys()}


def test_every_key_has_an_id_that_the_help_lists_and_the_keymap_takes():
    bindings = own_bindings()
    assert "netgarden_tui.tui.screens.confirm.ConfirmModal" in bindings  # the walk finds them
    without_id = [(owner, binding.key) for owner, keys in bindings.items() for binding in keys
                  if not (isinstance(binding, Binding) and binding.id)]
    assert without_id == []
    listed = binding_ids(NetgardenApp.BINDINGS)
    missing = [(owner, binding.id) for owner, keys in bindings.items() for binding in keys
               if binding.id not in listed]
    assert missing == []


def test_every_screen_and_widget_with_keys_of_its_own_has_a_section_in_the_help():
    """A new screen with keys cannot be left out of the help: it needs @keys_in_help."""
    with_keys = [cls for cls in classes_with_own_keys() if issubclass(cls, Widget)]
    assert ConfirmModal in with_keys and KeyPicker in with_keys  # screens, and widgets too
    sections = help_sections()
    listed = {section.owner for section in sections}
    assert [cls.__qualname__ for cls in with_keys if cls not in listed] == []
    orders = [section.order for section in sections]
    assert len(set(orders)) == len(orders)  # one place each in the help


async def test_history_scrolls_with_a_remapped_page_key(frozen_clock, locations):
    app = app_with_keymap(locations, {"history.page_down": "J"})
    # A page key scrolls in an animation the pilot waits out (0.6 s a key, the same place
    # in the end): Textual's setting for no animations goes straight to where it ends.
    app.animation_level = "none"
    bo = actions.add_contact("Bo Chen")
    for day in range(1, 40):  # a timeline taller than the pane
        actions.log_touch([bo], channel="email", direction="mutual", note=f"Note {day}",
                          at=pendulum.now().subtract(days=day))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # Bo, below Ann Lee
        await settle(pilot)
        history = app.screen.query_one(HistoryPane)
        assert history.has_focus and history.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert history.scroll_y == 0  # the page key moved to J
        await pilot.press("J")
        await settle(pilot)
        assert history.scroll_y > 0
        await pilot.press("home")
        await settle(pilot)
        assert history.scroll_y == 0
