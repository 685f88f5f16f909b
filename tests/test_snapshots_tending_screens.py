"""Snapshots of the tending screens: the circles with their health, and the regroup.

Each runs the real app on a fresh demo garden at a frozen moment (screenshots.py's
``demo_app`` and ``frozen_clock``, as tests/test_snapshots.py does) and pushes the screen
over the main screen: the keys that open them belong to the main screen. After a
deliberate change of look, accept with
``python -m pytest tests/test_snapshots_tending_screens.py --snapshot-update``.
"""

from collections.abc import Callable

from textual.pilot import Pilot
from textual.screen import Screen

# tests/ has no __init__.py: pytest's "prepend" import mode puts this folder on sys.path.
from screenshots import NARROW, Scene, demo_app, frozen_clock, settle

from netgarden_tui.store import undo
from netgarden_tui.tui.screens.circles import CirclesScreen
from netgarden_tui.tui.screens.regroup import RegroupScreen


def take(snap_compare, folder, name: str, make_screen: Callable[[], Screen],
         keys: tuple[str, ...] = ()) -> bool:
    """Snapshot the screen ``make_screen`` gives, at 80x24, after pressing ``keys``."""
    async def open_screen(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(make_screen())
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    with frozen_clock():
        try:
            app = demo_app(folder, Scene(name, NARROW))
            return snap_compare(app, terminal_size=NARROW, run_before=open_screen)
        finally:
            undo.disable()


def test_circles_screen(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, "circles", CirclesScreen)


def test_regroup_screen(snap_compare, tmp_path):
    # On the second contact, so the key bar, the table and the detail line all show.
    assert take(snap_compare, tmp_path, "regroup", RegroupScreen, keys=("j",))
