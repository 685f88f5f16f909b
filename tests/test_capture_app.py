"""Capture in the app: "Capture now" in the palette, a capture as the app opens, and the
people you write to but have not added, each added or ignored with one key."""

import dataclasses

import pytest

from conftest import settle
from netgarden_tui.config import CaptureSettings, default_config
from netgarden_tui.garden import actions, capture
from netgarden_tui.store import queries
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens.suggestions import SuggestionsModal
from test_capture import Maildir, message, when

ME = "me@example.org"
ANN = "ann@example.com"


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.fixture
def mail(tmp_path):
    """A Maildir: one message from Ann, and mail both ways with two people not in the
    garden (one whose name is markup)."""
    inbox = Maildir(tmp_path / "Mail")
    inbox.add(message(f"Ann Lee <{ANN}>", ME, "Lunch?", when(20, 9), "a1@ann"))
    for number, (sender, to) in enumerate([("Jo Bloggs <jo.bloggs@example.net>", ME),
                                           (ME, "jo.bloggs@example.net")] * 2):
        inbox.add(message(sender, to, "Plans", when(17 + number, 9), f"jo{number}@x"))
    for number, (sender, to) in enumerate([("[red]Evil[/] <evil@example.net>", ME),
                                           (ME, "evil@example.net"),
                                           ("evil@example.net", ME)]):
        inbox.add(message(sender, to, "Hi", when(10 + number, 9), f"evil{number}@x"))
    return tmp_path / "Mail"


def app_capturing(locations, mail, **settings):
    config = dataclasses.replace(default_config(), capture=CaptureSettings(
        me=(ME,), mail=(str(mail),), **settings))
    app = make_app(locations, config)
    actions.add_contact("Ann Lee", actions.ContactDetails(emails=(ANN,)))
    return app


def last_touch(name: str):
    [(contact_id, _)] = queries.contacts_named(name)
    return queries.contact_card(contact_id, default_cadence=60).last_touch_at


async def run_palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_capture_now_logs_in_the_background_shows_how_far_and_u_takes_it_back(
        frozen_clock, locations, mail):
    app = app_capturing(locations, mail)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert last_touch("Ann Lee") is None
        await run_palette(pilot, "capture now")

        assert "Captured 1 new touch with 1 person (mail: 8 messages read)" in notifications(app)
        assert last_touch("Ann Lee") is not None
        activity = app.screen.query_one("#activity")  # it showed while the capture ran
        assert not activity.display

        await pilot.press("u")
        await settle(pilot)
        assert last_touch("Ann Lee") is None
        assert any("capture again to make it again" in text for text in notifications(app))


async def test_capture_on_start_runs_as_the_app_opens(frozen_clock, locations, mail):
    app = app_capturing(locations, mail, on_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(text.startswith("Captured 1 new touch") for text in notifications(app))
        assert last_touch("Ann Lee") is not None


async def test_a_capture_setting_that_cannot_be_read_says_so_on_screen(frozen_clock, locations,
                                                                       tmp_path):
    app = app_capturing(locations, tmp_path / "gone", on_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert f"can't read {tmp_path / 'gone'}: no such file or folder" in notifications(app)
        assert not app.screen.query_one("#activity").display


async def test_people_you_write_to_are_added_or_ignored_with_one_key(frozen_clock, locations,
                                                                    mail):
    app = app_capturing(locations, mail)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_palette(pilot, "capture now")
        await run_palette(pilot, "people you write")
        screen = app.screen
        assert isinstance(screen, SuggestionsModal)
        listed = [str(option.prompt) for option in screen.listed.options]
        assert listed == [
            "Jo Bloggs jo.bloggs@example.net  2 sent · 2 received · last 20 Nov",
            "[red]Evil[/] evil@example.net  1 sent · 2 received · last 12 Nov"]

        await pilot.press("a")
        await settle(pilot)
        [(jo, name)] = queries.contacts_named("Jo Bloggs")
        card = queries.contact_card(jo, default_cadence=60)
        assert [method.value for method in card.methods] == ["jo.bloggs@example.net"]
        [touch] = queries.interactions(contact_id=jo)
        assert (touch.channel, touch.note) == ("email", "4 emails before you added them")
        assert "Added Jo Bloggs <jo.bloggs@example.net> (u undoes)" in notifications(app)
        assert [option.id for option in screen.listed.options] == ["evil@example.net"]

        await pilot.press("x")
        await settle(pilot)
        assert not screen.listed.display and capture.suggestions() == []
        assert "No one to suggest" in str(screen.query_one("#empty").render())

        await pilot.press("u")
        await settle(pilot)
        assert [row.address for row in capture.suggestions()] == ["evil@example.net"]
        assert [option.id for option in screen.listed.options] == ["evil@example.net"]
