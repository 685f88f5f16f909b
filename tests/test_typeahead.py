"""Keys typed faster than the app draws, as a slow SSH link delivers them: all at once.

Textual hands a key to the focused widget before it checks ordinary bindings, so keys that
move focus must not strand the keys queued behind them; and a key that starts a read or a
write must be done with it, and the screen laid out with what it delivered, before the next
key acts (tui/key_queue.py).
"""

import asyncio
import threading

import pendulum
import pytest
import textual.screen
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from conftest import garden_rows, threads_left_at_work
from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions, tending
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store import database, queries, undo
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.screens import main as screens_main
from netgarden_tui.tui.widgets import garden_overview
from netgarden_tui.tui.widgets.contact_list import ContactList
from netgarden_tui.tui.widgets.history import HistoryPane


@pytest.fixture
def app(frozen_clock, locations):
    application = make_app(locations, default_config())
    # Last touched 90, 80 and 70 days ago: all due, in Due as in Contacts Ann, Bob, Zoë.
    for name, days in (("Zoë Andersson", 70), ("Ann Lee", 90), ("Bob Stone", 80)):
        contact_id = actions.add_contact(name)
        actions.log_touch([contact_id], at=pendulum.now().subtract(days=days))
    return application


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


def burst(app, keys: str) -> None:
    """Queue every key before the app handles the first, as one read from the terminal does."""
    for key in keys:
        name = {"/": "slash"}.get(key, key)
        app.post_message(events.Key(name, key))


async def test_letters_typed_right_after_slash_land_in_the_filter(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)

        burst(app, "/zoe")
        await settle(pilot)

        assert app.screen.query_one("#filter", Input).value == "zoe"
        contacts = app.screen.query_one(ContactList)
        assert contacts.count == 1
        assert contacts.sort == "name"  # the "o" did not reach the sort key


async def test_a_slash_typed_in_the_filter_is_text(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/a/b")
        await settle(pilot)

        assert app.screen.query_one("#filter", Input).value == "a/b"


@pytest.mark.parametrize("pane_key", ["1", "3"])
async def test_moves_typed_ahead_of_an_action_reach_the_list_first(app, pane_key):
    """ "j j l" in one burst logs with the contact two rows down, not the first one."""
    from netgarden_tui.tui.screens.quick_log import QuickLogModal

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(pane_key)
        await settle(pilot)
        burst(app, "jjl")
        await settle(pilot)

        assert isinstance(app.screen, QuickLogModal)
        assert app.screen.contact_name == "Zoë Andersson"


# --- every screen, typed slowly or all at once ------------------------------------------------
#
# Each scene is played twice on a garden of its own, filled alike: typed slowly (each key
# handled, with all it set off, before the next is sent), then in one burst (every key queued
# before the app handles the first). The gardens must then hold the same rows, and the same
# screen must be on top.

NAMED_KEYS = {"tab": "\t", "shift+tab": None, "enter": "\r", "escape": "\x1b", "space": " ",
              "ctrl+s": None, "ctrl+f": None, "alt+c": "c", "pagedown": None}
PROMISED = ("Hannah Berg", "Rafael Cruz", "Zoë Takahashi", "Bo Ek")
NEXT_WEEK = pendulum.date(2026, 11, 30)
IN_TWO_WEEKS = pendulum.date(2026, 12, 7)


def key_events(*keys: str):
    """Key events as a terminal sends them: a named key, or text typed a character each."""
    for key in keys:
        if key in NAMED_KEYS:
            yield events.Key(key, NAMED_KEYS[key])
        else:
            for char in key:
                yield events.Key(_character_to_key(char), char)


async def settled(pilot) -> None:
    """Until every read and write has landed and what they set off has too."""
    for _ in range(3):
        await settle(pilot)


def fill_promised() -> dict[str, int]:
    """Four people each owed a follow-up since yesterday, in Due in this order (the longer
    since the last touch, the higher)."""
    ids = {}
    for name, days in zip(PROMISED, (100, 90, 80, 70)):
        ids[name] = actions.add_contact(name)
        actions.log_touch([ids[name]], at=pendulum.now().subtract(days=days),
                          follow_up_on=pendulum.today().date().subtract(days=1),
                          follow_up_note=f"call {name.split()[0]}")
    return ids


def offered_a_favour(ids: dict[str, int]) -> None:
    tending.log_favour(ids["Bo Ek"], "offered", "intro", "to my accountant")


def friends_with_hannah_and_rafael(ids: dict[str, int]) -> None:
    for name in ("Hannah Berg", "Rafael Cruz"):
        actions.edit_contact(ids[name], ContactDetails(circle="Friends"))


async def play(folder, keys: tuple[str, ...], pace: str, fill=None):
    """The screen on top and every row of the garden after typing ``keys`` at ``pace`` into
    the main screen of a fresh garden in ``folder``."""
    locations = Locations(database=folder / "garden.db", config_file=folder / "config.toml",
                          backups=folder / "backups")
    app = make_app(locations, default_config())
    try:
        ids = fill_promised()
        if fill is not None:
            fill(ids)
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            for event in key_events(*keys):
                app.post_message(event)
                if pace == "slow":
                    await settled(pilot)
            await settled(pilot)
            screen = type(app.screen).__name__
        return (screen, garden_rows(), locations.config_file.read_text(encoding="utf-8")
                if locations.config_file.exists() else ""), ids
    finally:
        undo.disable()
        database.close_garden()


def slowly_and_at_once(tmp_path, *keys: str, fill=None):
    """Play ``keys`` slowly and in a burst; both must end alike. The ids of the people and
    the screen on top, for the test to check the garden (the burst's, left open).

    Each play runs in an event loop of its own: the app's reads and writes run in the
    loop's threads, and each thread keeps its connection to the garden it first opened."""
    slow, _ = asyncio.run(play(tmp_path / "slow", keys, "slow", fill))
    burst, ids = asyncio.run(play(tmp_path / "burst", keys, "burst", fill))
    assert burst == slow
    actions.open_garden(Locations(database=tmp_path / "burst" / "garden.db",
                                  config_file=tmp_path / "burst" / "config.toml",
                                  backups=tmp_path / "burst" / "backups"), default_config())
    return ids, burst[0]


@pytest.fixture
def closes_the_garden(frozen_clock):
    yield
    database.close_garden()


def still_promised() -> list[str]:
    return [follow_up.contact for follow_up in queries.follow_ups()]


def snoozed_until(contact_id: int):
    return queries.contact_card(contact_id, default_cadence=60).snoozed_until


def test_review_opened_and_worked_in_one_burst(tmp_path, closes_the_garden):
    """r d d space s w: done, done, skip, snooze a week -- each on the next item, and none
    dropped while the review reads its queue."""
    ids, screen = slowly_and_at_once(tmp_path, "r", "d", "d", "space", "s", "w")
    assert screen == "ReviewScreen"
    assert still_promised() == ["Zoë Takahashi", "Bo Ek"]
    assert snoozed_until(ids["Zoë Takahashi"]) is None  # skipped
    assert snoozed_until(ids["Bo Ek"]) == NEXT_WEEK


def test_due_worked_in_one_burst(tmp_path, closes_the_garden):
    """3 d s w in Due: done, then the snooze opening behind it gets its w, on the item the
    cursor went on to."""
    _, screen = slowly_and_at_once(tmp_path, "3", "d", "s", "w", "j", "d")
    assert screen == "MainScreen"
    assert len(still_promised()) == 2


def test_quick_log_with_a_follow_up_in_one_burst(tmp_path, closes_the_garden):
    ids, screen = slowly_and_at_once(tmp_path, "3", "j", "j", "l", "Lunch", "ctrl+f", "2w",
                                     "tab", "Ask about Bo", "ctrl+s")
    assert screen == "MainScreen"
    zoe = ids["Zoë Takahashi"]
    assert queries.interactions(zoe, limit=1)[0].note == "Lunch"
    assert [(f.due_on, f.what) for f in queries.follow_ups(contact_id=zoe)] == [
        (IN_TWO_WEEKS, "Ask about Bo")]


def test_call_notes_and_follow_up_across_tabs_in_one_burst(tmp_path, closes_the_garden):
    """Tab moves on before the text typed after it: notes, then the day, then what."""
    ids, screen = slowly_and_at_once(tmp_path, "3", "c", "quick notes", "tab", "2w", "tab",
                                     "Send deck", "ctrl+s")
    assert screen == "MainScreen"
    hannah = ids["Hannah Berg"]
    call = queries.interactions(hannah, limit=1)[0]
    assert (call.channel, call.note) == ("call", "quick notes")
    assert [(f.due_on, f.what) for f in queries.follow_ups(contact_id=hannah)] == [
        (IN_TWO_WEEKS, "Send deck")]


def test_escape_and_enter_in_one_burst(tmp_path, closes_the_garden):
    """A quick log opened and closed (escape), the filter's enter opening its first match,
    then a log with that match."""
    ids, screen = slowly_and_at_once(tmp_path, "l", "escape", "/", "raf", "enter", "l", "hi",
                                     "ctrl+s")
    assert screen == "MainScreen"
    assert queries.interactions(ids["Rafael Cruz"], limit=1)[0].note == "hi"
    assert queries.interactions(ids["Bo Ek"], limit=1)[0].note == ""  # the one escaped


def test_a_form_filled_across_tabs_in_one_burst(tmp_path, closes_the_garden):
    """The add form: the name, tab past the circle (which comes once the form has read the
    circles) to the emails, save."""
    _, screen = slowly_and_at_once(tmp_path, "a", "Ann Lee", "tab", "tab", "ann@example.com",
                                   "ctrl+s")
    assert screen == "MainScreen"
    [(ann, _)] = queries.contacts_named("Ann Lee")
    card = queries.contact_card(ann, default_cadence=60)
    assert [method.value for method in card.methods] == ["ann@example.com"]


def fact_kept(bo: int, _hannah: int) -> bool:
    facts = queries.contact_card(bo, default_cadence=60).facts
    return [(fact.kind, fact.text, fact.year) for fact in facts] == [
        ("child", "Daughter Emma", 2015)]


def snoozed_to_friday(bo: int, _hannah: int) -> bool:
    return snoozed_until(bo) == pendulum.date(2026, 11, 27)


def archived_then_logged(bo: int, hannah: int) -> bool:
    return (queries.contact_card(bo, default_cadence=60).archived
            and queries.interactions(hannah, limit=1)[0].note == "hi")


def circle_added(_bo: int, _hannah: int) -> bool:
    return ("Mentors", 1, 30) in [row[1:] for row in garden_rows()["circle"]]


def moved_then_logged(bo: int, hannah: int) -> bool:
    return (queries.contact_card(bo, default_cadence=60).circle == "Clients"
            and queries.interactions(hannah, limit=1)[0].note == "hi")


def regrouped(_bo: int, hannah: int) -> bool:
    rafael = hannah + 1
    return (not queries.contact_card(hannah, default_cadence=60).archived
            and queries.contact_card(rafael, default_cadence=60).archived
            and queries.setting(tending.REGROUP_KEY) == "2026-11-23")


def favour_delivered(bo: int, hannah: int) -> bool:
    return ([favour.status for favour in queries.favours(contact_id=bo)] == ["delivered"]
            and queries.interactions(hannah, limit=1)[0].note == "ok")


# Keys typed in Contacts (Bo Ek first, Hannah Berg next), what the garden holds after them,
# and what it holds before them besides the four people.
MORE_SCENES = {
    "a fact, its kind picked while typing, a row that comes with it":
        (("F", "alt+c", "Daughter Emma", "tab", "2015", "ctrl+s"), fact_kept, None),
    "a snooze to a day typed in words": (("s", "d", "fri", "enter"), snoozed_to_friday, None),
    "an archive confirmed, then a log with the next one":
        (("x", "y", "l", "hi", "ctrl+s"), archived_then_logged, None),
    "a circle added, tab between its fields":
        (("C", "a", "Mentors", "tab", "1", "tab", "30", "ctrl+s", "escape"), circle_added, None),
    "a move to another circle by its first letter, then a log with the next one":
        (("m", "c", "j", "l", "hi", "ctrl+s"), moved_then_logged, None),
    "the regroup: keep one, archive the next (asks), finish":
        (("R", "space", "x", "y", "f", "escape"), regrouped, friends_with_hannah_and_rafael),
    "a favour marked delivered in the favours list":
        (("b", "d", "escape", "j", "l", "ok", "ctrl+s"), favour_delivered, offered_a_favour),
}


@pytest.mark.parametrize("scene", MORE_SCENES)
def test_more_screens_in_one_burst(tmp_path, closes_the_garden, scene):
    keys, done, fill = MORE_SCENES[scene]
    ids, screen = slowly_and_at_once(tmp_path, *keys, fill=fill)
    assert screen == "MainScreen"
    assert done(ids["Bo Ek"], ids["Hannah Berg"])


# --- a pane read when first shown, and a page key typed with the key that shows it -----------

# The key, the pane, and the module and name of what it reads its lines with.
PANES_READ_WHEN_SHOWN = {
    "history": ("2", HistoryPane, screens_main, "load_history"),
    "garden overview": ("4", garden_overview.GardenOverview, garden_overview, "garden_stats"),
}


@pytest.fixture
def frames_when_waited_for(monkeypatch):
    """Frames come only when something waits for one (a key held back or a scroll, with
    ``call_after_refresh``; the pilot), never on Textual's clock: what a read delivers is
    laid out only once something waits for it. At 60 frames a second that is so when the
    read lands just after a frame; here always."""
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 3600.0)
    invoke_later = textual.screen.Screen._invoke_later

    def drawn_at_once(screen, callback, sender) -> None:
        invoke_later(screen, callback, sender)
        screen.call_next(screen._on_timer_update)  # what the clock would do next

    monkeypatch.setattr(textual.screen.Screen, "_invoke_later", drawn_at_once)


@pytest.mark.parametrize("pane", PANES_READ_WHEN_SHOWN)
async def test_a_page_key_typed_with_the_pane_key_scrolls_the_pane(app, monkeypatch, pane,
                                                                   frames_when_waited_for):
    """2 or 4 and PageDown in one burst, the first time: the pane reads what it shows and
    is laid out with it before the page key comes, as when typed slowly."""
    key, kind, module, name = PANES_READ_WHEN_SHOWN[pane]
    [(ann, _)] = queries.contacts_named("Ann Lee")  # first in Contacts: History follows her
    for days in range(1, 40):
        actions.log_touch([ann], note=f"touch {days}", at=pendulum.now().subtract(days=days))
    # What it shows is read after the keys came, as on a big garden (the overview takes a
    # fifth of a second on 100,000 contacts).
    release, read = threading.Event(), getattr(module, name)

    def read_late(*arguments):
        release.wait(timeout=10)
        return read(*arguments)

    monkeypatch.setattr(module, name, read_late)
    # A page key scrolls in an animation, ended on the animator's next frame even when
    # there are none: settling does not wait for that frame, so the test does.
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with threads_left_at_work():  # both keys in before the read is done
            for event in key_events(key, "pagedown"):
                app.post_message(event)
            await pilot.pause()
        release.set()
        await settle(pilot)
        await pilot.wait_for_animation()

        scrolled = app.screen.query_one(kind)
        page = scrolled.scrollable_content_region.height
        assert scrolled.max_scroll_y > page and scrolled.scroll_y == page
