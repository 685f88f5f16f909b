"""Export from the command palette: type a path, the file appears whole and private."""

import json
import stat

import pytest

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.import_file import ExportScreen


@pytest.fixture
def app(frozen_clock, locations):
    application = make_app(locations, default_config())
    actions.add_contact("[bold]Evil[/] [red", actions.ContactDetails(birthday="12-01"))
    actions.add_contact("Ann Lee")
    return application


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


async def export_to(pilot, path) -> str:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"export the")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportScreen)
    pilot.app.screen.query_one("#path").value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return str(pilot.app.screen.query_one("#report").render())


def progress_shown(screen) -> str:
    """The progress bar's percentage, as shown ("100%", or "--%" before it knows)."""
    return str(screen.query_one("#progress").query_one("PercentageStatus").render())


async def test_the_export_dialog_looks_like_the_import_one_and_ends_at_100_percent(app, tmp_path):
    async with app.run_test(size=(80, 24)) as pilot:
        await export_to(pilot, tmp_path / "birthdays.ics")
        dialog = pilot.app.screen.query_one("#dialog")
        assert dialog.styles.border.top[0] == "round"  # the import dialog's border
        assert dialog.outer_size.width == 76
        assert progress_shown(pilot.app.screen) == "100%"


async def test_the_palette_exports_everything_as_json(app, size, tmp_path):
    path = tmp_path / "garden.json"
    async with app.run_test(size=size) as pilot:
        shown = await export_to(pilot, path)
    assert shown == f"exported 2 as json to {path}"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "netgarden"
    names = {row[data["tables"]["contact"]["columns"].index("display_name")]
             for row in data["tables"]["contact"]["rows"]}
    assert names == {"[bold]Evil[/] [red", "Ann Lee"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_the_format_follows_the_file_name(app, tmp_path):
    path = tmp_path / "birthdays.ics"
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await export_to(pilot, path)
    assert shown == f"exported 1 as ics to {path}"
    assert "BEGIN:VCALENDAR" in path.read_text(encoding="utf-8")


async def test_a_path_that_cannot_be_written_is_said_on_screen(app, tmp_path):
    path = tmp_path / "missing-folder" / "garden.json"
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await export_to(pilot, path)
        assert not pilot.app.screen.query_one("#path").disabled  # ready for another try
    assert "cannot write" in shown
    assert not path.exists()
