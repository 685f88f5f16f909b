"""The welcome (issue 25), driven by the pilot as a person would: an empty garden opens
with it; an address book imported after its dry run; the questions answered, skipped or
answered wrong; the garden and the config afterwards. And the path field: completed from
the home folder given, the places found picked with the arrows."""

from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette

from conftest import newcomers_home, settle
from netgarden_tui.config import load_config
from netgarden_tui.garden import actions
from netgarden_tui.store import queries, undo
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens.import_file import ImportScreen
from netgarden_tui.tui.screens.welcome import WelcomeScreen

@pytest.fixture
def home(tmp_path) -> Path:
    return newcomers_home(tmp_path / "home")


@pytest.fixture
def new_app(frozen_clock, fresh_garden, home, monkeypatch):
    """The app as `netgarden` opens it on an empty garden, its config a file (so answers
    are written), looking around ``home``."""
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TELEPHONE", raising=False)
    yield lambda: make_app(fresh_garden, load_config(fresh_garden.config_file), home=home)
    undo.disable()


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def written(app):
    return load_config(app.config.path)


async def test_import_answer_and_skip_through_the_welcome(new_app, home):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Your garden is empty" in text_of(app, "#heading")

        await press(pilot, *"~/Downloads/Conn", "tab", "enter")  # the dry run first
        report = " ".join(text_of(app, "#report").split())
        assert ("would import (dry run, nothing written) Connections.csv as linkedin: "
                "4 created, 0 updated, 0 unchanged, 0 skipped") in report
        assert queries.count_contacts() == 0
        await press(pilot, "enter")  # the same path again: imported
        assert queries.count_contacts() == 4
        assert app.screen.step == "me"
        assert "imported Connections.csv: 4 new" in text_of(app, "#status")
        assert app.screen.query_one("#me-field").value == "ann@example.com"  # git's

        await press(pilot, *"ann@example.com, ann@work.example", "enter")
        assert written(app).capture.me == ("ann@example.com", "ann@work.example")
        assert app.screen.query_one("#region-field").value == "GB"  # the locale's
        await press(pilot, "ctrl+n")  # skipped: not written
        assert written(app).region is None
        assert app.screen.query_one("#mail-field").value == "~/Mail"  # found
        await press(pilot, "enter")
        assert written(app).capture.mail == (str(home / "Mail"),)
        assert app.screen.query_one("#calendars-field").value == "~/.calendars"  # found
        await press(pilot, "ctrl+n")  # skipped: not written
        assert app.screen.step == "on_start"
        await press(pilot, "n")
        assert app.screen.step == "done"
        summary = text_of(app, "#step-done")
        assert "imported Connections.csv: 4 new, 0 updated" in summary
        assert "your addresses (capture.me): ann@example.com, ann@work.example" in summary
        assert "mail (capture.mail): ~/Mail" in summary
        assert "region" not in summary
        await press(pilot, "enter")
        assert not isinstance(app.screen, WelcomeScreen)
        # The lists show who came in
        assert app.screen.query_one("#contacts").border_title.startswith("Contacts · 4")
    config = written(app)
    assert config.capture.on_start is False and config.capture.calendars == ()
    assert config.region is None and config.default_cadence_days == 60


async def test_escape_leaves_at_once_and_set_up_brings_it_back(new_app):
    app = new_app()
    before = app.config.path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *"~/Downloads/phone.vcf", "enter", "escape")  # seen, not imported
        assert not isinstance(app.screen, WelcomeScreen)
        assert queries.count_contacts() == 0
        lines = [app.screen.query_one("#contact-list").render_line(y).text.strip()
                 for y in range(2)]
        assert lines[1] == "ctrl+p  Set up…  import your address book"  # the next step
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"set up")
        await press(pilot, "enter")
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "escape")
    assert app.config.path.read_bytes() == before


async def test_a_wrong_answer_says_why_and_writes_nothing(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+n", "ctrl+n")  # no import, no addresses
        assert app.screen.step == "region"
        await press(pilot, *"zz", "enter")
        assert app.screen.step == "region"
        assert text_of(app, "#status").startswith('"zz" is not a region phone numbers know')
        await press(pilot, "ctrl+u", *"ie", "enter")
        assert written(app).region == "IE"
        await press(pilot, "ctrl+a", "ctrl+k", *"~/Nowhere", "enter")  # mail
        assert "~/Nowhere: no such file or folder" in text_of(app, "#status")
        assert written(app).capture.mail == ()


async def test_keys_typed_in_one_burst_land_in_each_step(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # Everything typed at once, as over a slow link: each key waits for the step the
        # keys before it opened.
        await press(pilot, *"~/Dow", "tab", "p", "tab", "enter", "enter",
                    *"me@example.org", "enter", *"de", "enter", "ctrl+n", "ctrl+n")
        assert app.screen.step == "done"
        assert queries.count_contacts() == 3  # phone.vcf's
    config = written(app)
    assert config.capture.me == ("me@example.org",) and config.region == "DE"


async def test_an_empty_garden_opens_with_the_welcome_only_when_empty(new_app):
    app = new_app()
    actions.archive(actions.add_contact("Ann Lee"))  # archived: still someone
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, WelcomeScreen)


async def test_the_path_field_completes_from_the_home_given(new_app, home):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#path")
        await press(pilot, "~", "tab")
        assert field.value == "~/"
        await press(pilot, "D", "o")
        assert field._suggestion == "~/Downloads/"  # shown dimmed
        await press(pilot, "right")  # takes it, as tab would
        assert field.value == "~/Downloads/"
        await press(pilot, "tab")  # two names fit: the first (their common start is "")
        assert field.value == "~/Downloads/Connections.csv"
        # The places found: down to them, enter picks one and shows its dry run
        places = app.screen.query_one(".places")
        assert [str(option.prompt) for option in places.options] == [  # the newest first
            "~/Downloads/Connections.csv  LinkedIn connections",
            "~/Downloads/phone.vcf  vCards, 3 cards",
            "~/.contacts/family  a vCard folder, 3 cards"]
        await press(pilot, "down", "down", "down", "up", "enter")
        assert field.value == "~/Downloads/phone.vcf" and app.focused is field
        assert "phone.vcf as vcard: 3 created" in " ".join(text_of(app, "#report").split())


async def test_the_palettes_import_completes_paths_too(new_app, home):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        app.push_screen(ImportScreen(app.home))
        await settle(pilot)
        await press(pilot, *"~/Do", "tab", "p", "tab")
        assert app.screen.query_one("#path").value == "~/Downloads/phone.vcf"
        await press(pilot, "enter", "enter")
        assert queries.count_contacts() == 3


async def test_keys_typed_as_the_app_opens_land_in_the_welcome(new_app, monkeypatch):
    """Typed before the first screen is up (a path typed at once over a slow link): they
    wait for the welcome, instead of going to a main screen with nothing focused yet."""
    opened = NetgardenApp.on_mount

    def on_mount(app) -> None:
        opened(app)
        for key, character in (("tilde", "~"), ("slash", "/"), ("D", "D"), ("o", "o")):
            app.post_message(events.Key(key, character))

    monkeypatch.setattr(NetgardenApp, "on_mount", on_mount)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#path").value == "~/Do"


async def test_a_hostile_file_name_shows_as_typed(new_app, home):
    hostile = home / "Downloads" / "[red]Evil [b]x.vcf"
    hostile.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:[bold]Eve[/]\nEND:VCARD\n")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        places = [str(option.prompt) for option in app.screen.query_one(".places").options]
        assert "~/Downloads/[red]Evil [b]x.vcf  vCards, 1 card" in places
        await press(pilot, *"~/Downloads/[", "tab", "enter")
        assert "[red]Evil [b]x.vcf as vcard: 1 created" in " ".join(
            text_of(app, "#report").split())


async def test_several_paths_complete_the_last_one(new_app, home):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n")  # to the mail
        field = app.screen.query_one("#mail-field")
        assert field.value == "~/Mail"
        await press(pilot, "end", *", ~/.cal", "tab")
        assert field.value == "~/Mail, ~/.calendars/"
        await press(pilot, "enter")
        assert written(app).capture.mail == (str(home / "Mail"), str(home / ".calendars"))


@pytest.mark.sqlite_only  # a file this process cannot write
async def test_a_garden_that_cannot_be_written_here_opens_without_it(frozen_clock, fresh_garden,
                                                                     home, monkeypatch):
    from netgarden_tui.store import database

    monkeypatch.setattr(database, "_writable", lambda path: False)  # as on a read-only mount
    app = make_app(fresh_garden, load_config(fresh_garden.config_file), home=home)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.read_only and not isinstance(app.screen, WelcomeScreen)
            app.set_up()  # as the palette's Set up… does
            await settle(pilot)
            assert not isinstance(app.screen, WelcomeScreen)
            assert "read-only" in str(list(app._notifications)[-1].message)
    finally:
        undo.disable()
