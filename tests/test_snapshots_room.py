"""Snapshots of screens that use their room and read without colour (issue 20): the main
screen and Circles under NO_COLOR, and a fresh garden, each at 80x24 and 160x48.

Each runs the real app on a fresh demo garden at a frozen moment (screenshots.py's
``demo_app``), as tests/test_snapshots.py does; NO_COLOR is set before the app is made,
since Textual reads it then. After a deliberate change of look, look at each picture,
then accept with ``python -m pytest tests/test_snapshots_room.py --snapshot-update``.
"""

import pytest
from textual.pilot import Pilot

# tests/ has no __init__.py: pytest's "prepend" import mode puts this folder on sys.path.
from screenshots import NARROW, WIDE, Scene, demo_app, frozen_clock, play, settle

from netgarden_tui.config import Locations, default_config
from netgarden_tui.store import undo
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.circles import CirclesScreen

SIZES = [pytest.param(WIDE, id="160x48"), pytest.param(NARROW, id="80x24")]


def take(snap_compare, app, size, run_before) -> bool:
    try:
        return snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        undo.disable()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_without_colour(snap_compare, tmp_path, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    scene = Scene("main-no-colour", size)
    with frozen_clock():
        assert take(snap_compare, demo_app(tmp_path, scene), size,
                    lambda pilot: play(pilot, scene))


@pytest.mark.parametrize("size", SIZES)
def test_circles_without_colour(snap_compare, tmp_path, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")

    async def open_circles(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CirclesScreen())
        await settle(pilot)
        await pilot.press("j")  # off the first row: its counts show without the cursor bar
        await settle(pilot)

    with frozen_clock():
        assert take(snap_compare, demo_app(tmp_path, Scene("circles-no-colour", size)), size,
                    open_circles)


@pytest.mark.parametrize("size", SIZES)
def test_a_fresh_garden(snap_compare, tmp_path, size):
    """The empty garden once the welcome it opens with is left: the next step first."""
    async def leave_the_welcome(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

    with frozen_clock():
        app = make_app(Locations(database=tmp_path / "garden.db",
                                 config_file=tmp_path / "config.toml",
                                 backups=tmp_path / "backups"), default_config(),
                       home=tmp_path / "home")
        assert take(snap_compare, app, size, leave_the_welcome)
