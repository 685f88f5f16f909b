"""Shared fixtures: a frozen clock, a real garden in a temporary folder, and no real user folders."""

import pendulum
import pytest

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.store import database, undo

FROZEN_NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")  # a Monday


@pytest.fixture(autouse=True)
def _no_real_user_folders(monkeypatch, tmp_path_factory):
    """Point the config folder at a throw-away one and forget any NETGARDEN_DB."""
    monkeypatch.setenv("NETGARDEN_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("NETGARDEN_DB", raising=False)


@pytest.fixture
def frozen_clock():
    """The clock stands still at Mon 23 Nov 2026 09:00 UTC, in a UTC local timezone.

    A test may travel elsewhere with ``pendulum.travel_to(..., freeze=True)``; both the
    clock and the timezone are put back afterwards.
    """
    pendulum.set_local_timezone(pendulum.timezone("UTC"))
    pendulum.travel_to(FROZEN_NOW, freeze=True)
    try:
        yield FROZEN_NOW
    finally:
        pendulum.travel_back()
        pendulum.set_local_timezone()


@pytest.fixture
def locations(tmp_path) -> Locations:
    return Locations(database=tmp_path / "garden.db", config_file=tmp_path / "config.toml",
                     backups=tmp_path / "backups")


@pytest.fixture
def garden(frozen_clock, locations):
    """A fresh garden in a real SQLite file, opened with the default config (yielded)."""
    config = default_config()
    actions.open_garden(locations, config)
    try:
        yield config
    finally:
        database.close_garden()


@pytest.fixture
def undoable(garden):
    """The garden fixture's garden, with undo recording on (as the app turns it on)."""
    undo.enable()
    try:
        yield garden
    finally:
        undo.disable()


@pytest.fixture
def new_app(frozen_clock, locations):
    """Build the app as the command line does (``make_app`` opens the garden); call it
    after setting any terminal environment, then fill the garden, then run it."""
    from netgarden_tui.tui.app import make_app

    yield lambda: make_app(locations, default_config())
    undo.disable()
