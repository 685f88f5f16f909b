"""Snapshots of each step of the welcome at 80x24 (issue 25), on an empty garden whose home
holds LinkedIn's export, a vCard file, a vdir, mail and a calendar.

As in test_snapshots.py: a frozen moment, cursors that do not blink; the home folder's
paths show with ``~``, so the pictures do not depend on where the test runs. After a
deliberate change of look, look at each picture, then accept with
``python -m pytest tests/test_snapshots_welcome.py --snapshot-update``.
"""

import pytest
from textual.pilot import Pilot

# tests/ has no __init__.py: pytest's "prepend" import mode puts this folder on sys.path.
from conftest import newcomers_home
from screenshots import NARROW, frozen_clock, settle, steady_cursors

from netgarden_tui.config import Locations, load_config
from netgarden_tui.store import undo
from netgarden_tui.tui.app import make_app

STEPS = {
    "0-as-it-opens": (),  # the address books found, listed under the empty field
    "1-import-preview": ("down", "enter"),  # LinkedIn's, picked from those found
    "2-addresses": ("down", "enter", "enter"),
    "3-region": ("ctrl+n", "ctrl+n"),
    "4-mail": ("ctrl+n", "enter", "enter"),
    "5-capture-on-start": ("ctrl+n", "ctrl+n", "ctrl+n", "enter", "ctrl+n"),
    "6-done": ("down", "enter", "enter", "enter", "enter", "enter", "ctrl+n", "y"),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_of_the_welcome(snap_compare, tmp_path, monkeypatch, step):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TELEPHONE", raising=False)
    home = newcomers_home(tmp_path / "home")
    config_file = home / ".config" / "netgarden" / "config.toml"  # shown as ~/.config/...

    async def play(pilot: Pilot) -> None:
        await settle(pilot)
        for key in STEPS[step]:
            await pilot.press(key)
            await settle(pilot)
        steady_cursors(pilot)
        await pilot.pause()

    with frozen_clock():
        try:
            app = make_app(Locations(database=tmp_path / "garden.db", config_file=config_file,
                                     backups=tmp_path / "backups"), load_config(config_file),
                           home=home)
            assert snap_compare(app, terminal_size=NARROW, run_before=play)
        finally:
            undo.disable()
