"""The Contacts pane's list: sorted lines, keys, search, health, hostile names, reloads, and
that only windows of rows are ever read."""

import re
import threading
from pathlib import Path

import pendulum
import pytest
from textual.app import App
from textual.screen import Screen

from conftest import threads_left_at_work
from netgarden_tui.config import Config, Locations
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import queries
from netgarden_tui.store.database import StoreError, explain
from netgarden_tui.tui.app import NetgardenApp
from netgarden_tui.tui.widgets import contact_list
from netgarden_tui.tui.widgets.contact_list import PAGE_SIZE, ContactList

HOSTILE = "[bold]Evil[/] [red"
TCSS = Path(contact_list.__file__).with_name("contact_list.tcss")


class ListScreen(Screen):
    def compose(self):
        yield ContactList()


class ListApp(NetgardenApp):
    """The real app (its config and ``run_query``) showing only the list, on a garden the
    ``garden`` fixture opened as ``make_app`` does; it records the list's messages."""

    CSS_PATH = TCSS

    def __init__(self, locations: Locations, config: Config) -> None:
        super().__init__(locations, config, welcome=False)  # the list alone, empty or not
        self.highlighted: list[int | None] = []
        self.selected: list[int] = []
        self.counted: list[int] = []

    def get_default_screen(self) -> Screen:
        return ListScreen()  # no main screen: just the list

    def on_contact_list_highlighted(self, message: ContactList.Highlighted) -> None:
        self.highlighted.append(message.contact_id)

    def on_contact_list_selected(self, message: ContactList.Selected) -> None:
        self.selected.append(message.contact_id)

    def on_contact_list_counted(self, message: ContactList.Counted) -> None:
        self.counted.append(message.count)


def days_ago(days: int) -> pendulum.DateTime:
    return pendulum.now().subtract(days=days)


@pytest.fixture
def people(config) -> dict[str, int]:
    """Six contacts, one of each health: name -> id. Clients keep in touch every 30 days,
    Friends every 60, Powerful colleagues every 90, no circle every 60 (the default)."""
    plan = [
        ("Ada Lovelace", "Clients", 40),  # 10 days overdue
        ("Bob Marley", "Friends", 55),  # due in 5 days: soon
        ("Chloé Dubois", "Clients", 30),  # due today
        ("Dmitri Ivanov", "Powerful colleagues", 2),
        ("Zoë Okafor", "Friends", 10),
        (HOSTILE, None, None),  # never touched, added today
    ]
    ids = {}
    for name, circle, touched in plan:
        ids[name] = actions.add_contact(name, ContactDetails(circle=circle))
        if touched is not None:
            actions.log_touch([ids[name]], at=days_ago(touched))
    return ids


@pytest.fixture
def app(config, fresh_garden) -> ListApp:
    return ListApp(fresh_garden, config)


def the_list(app: App) -> ContactList:
    return app.screen.query_one(ContactList)


async def settle(pilot) -> ContactList:
    """Wait until every read is done and the list shows the latest query, every row in view
    loaded."""
    from conftest import settle as settle_app
    await settle_app(pilot)
    listing = the_list(pilot.app)
    assert listing.loaded, "the list never finished loading"
    return listing


def lines(listing: ContactList, count: int) -> list[str]:
    return [listing.render_line(y).text for y in range(count)]


def names(listing: ContactList, count: int) -> list[str]:
    """The name column of the first lines (after the health marker), without what tells a
    name apart from another contact's ("Ann Lee (Acme)")."""
    return [re.sub(r" \(.*\)$", "", text[2:].split("  ")[0].strip())
            for text in lines(listing, count)]


async def test_first_lines_show_contacts_sorted_by_name_with_health(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        assert listing.count == 6
        assert names(listing, 6) == [HOSTILE, "Ada Lovelace", "Bob Marley", "Chloé Dubois",
                                     "Dmitri Ivanov", "Zoë Okafor"]
        assert [text.split() for text in lines(listing, 6)] == [
            ["[bold]Evil[/]", "[red", "never"],
            ["!", "Ada", "Lovelace", "Clients", "5w"],  # ! overdue
            ["·", "Bob", "Marley", "Friends", "7w"],  # · soon
            ["*", "Chloé", "Dubois", "Clients", "4w"],  # * due today
            ["Dmitri", "Ivanov", "Powerful", "colleagues", "2d"],  # a circle whole at 80
            ["Zoë", "Okafor", "Friends", "10d"],
        ]
        assert app.highlighted == [people[HOSTILE]]  # the cursor starts on the first row


async def test_keys_move_the_cursor_and_say_who_is_highlighted(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("j", "j")
        await pilot.pause()
        assert listing.highlighted_contact_id == people["Bob Marley"]
        assert app.highlighted[-1] == people["Bob Marley"]
        await pilot.press("k")
        await pilot.pause()
        assert app.highlighted[-1] == people["Ada Lovelace"]
        await pilot.press("G")
        await pilot.pause()
        assert app.highlighted[-1] == people["Zoë Okafor"]
        await pilot.press("down")  # already at the bottom: stays
        await pilot.pause()
        assert listing.highlighted_contact_id == people["Zoë Okafor"]
        await pilot.press("g")
        await pilot.pause()
        assert app.highlighted[-1] == people[HOSTILE]
        await pilot.press("end", "up", "enter")
        await pilot.pause()
        assert app.selected == [people["Dmitri Ivanov"]]


async def test_the_cursor_row_is_drawn_in_the_cursor_style(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("j")
        await pilot.pause()
        cursor_style = listing.get_component_rich_style("contact-list--cursor")
        cursor_row, other_row = listing.render_line(1), listing.render_line(2)
        assert all(segment.style.bgcolor == cursor_style.bgcolor for segment in cursor_row)
        assert all(segment.style.bgcolor != cursor_style.bgcolor for segment in other_row)


async def test_page_keys_keep_the_cursor_in_view(app, config):
    fill_demo_garden(contacts=60, interactions=0)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        height = listing.scrollable_content_region.height
        assert listing.scroll_offset.y > 0
        cursor_row = 2 * height - listing.scroll_offset.y
        assert 0 <= cursor_row < height
        expected = queries.contact_rows(default_cadence=config.default_cadence_days,
                                        offset=2 * height, limit=1)[0]
        assert listing.highlighted_contact_id == expected.id
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert listing.scroll_offset.y == 0


async def test_search_filters_ignoring_accents_and_resets_the_cursor(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("G")
        listing.search = "d"  # Dubois, Dmitri: a prefix matches
        await settle(pilot)
        assert names(listing, 3) == ["Chloé Dubois", "Dmitri Ivanov", ""]
        assert app.highlighted[-1] == people["Chloé Dubois"]  # back on the first row
        listing.search = "zoe"
        await settle(pilot)
        assert listing.count == 1
        assert app.highlighted[-1] == people["Zoë Okafor"]
        listing.search = "chloe"
        await settle(pilot)
        assert names(listing, 1) == ["Chloé Dubois"]
        assert listing.highlighted_contact_id == people["Chloé Dubois"]
        listing.search = "nobody by that name"
        await settle(pilot)
        assert listing.count == 0
        assert app.counted == [6, 2, 1, 0]  # "chloe" also finds one: no news
        assert listing.render_line(0).text.strip() == "No contacts match"
        assert listing.highlighted_contact_id is None and app.highlighted[-1] is None


async def test_an_empty_garden_says_how_to_set_up_or_add_someone(app):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        assert listing.count == 0
        lines = [listing.render_line(y).text.strip() for y in range(4)]
        assert lines[0] == "No contacts yet."
        assert lines[1] == "ctrl+p  Set up…  import your address book"  # the next step
        assert "a       add someone" in lines and "or in a shell: netgarden init" in lines
        await pilot.press("j", "enter")
        assert app.selected == []


async def test_select_first_after_a_filter_selects_the_first_match(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.search = "bob"
        listing.select_first()  # before the filtered rows have arrived
        await settle(pilot)
        assert app.selected == [people["Bob Marley"]]


async def test_sort_by_next_due_puts_the_overdue_first(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.sort = "next_due"
        await settle(pilot)
        assert names(listing, 3) == ["Ada Lovelace", "Chloé Dubois", "Bob Marley"]
        assert [text[0] for text in lines(listing, 3)] == ["!", "*", "·"]
        with pytest.raises(ValueError):
            listing.sort = "shoe size"


async def test_hostile_names_draw_literally(app, people):
    escape = actions.add_contact("\x1b[31mRed Alert")
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        text = "\n".join(lines(listing, 7))
        assert f"  {HOSTILE} " in text
        assert "␛[31mRed Alert" in text and "\x1b" not in text
        listing.search = "alert"
        await settle(pilot)
        assert listing.highlighted_contact_id == escape


async def test_long_names_are_cut_with_an_ellipsis_and_narrow_lists_keep_last_touch(app, config):
    long_name = "Maximiliana Alexandrovna Rostropovich-Vanderbilt"
    contact = actions.add_contact(long_name, ContactDetails(circle="Influential colleagues"))
    actions.log_touch([contact], at=days_ago(3))
    async with app.run_test(size=(60, 20)) as pilot:
        listing = await settle(pilot)
        wide = listing.render_line(0).text
        assert "Maximiliana Alexandrovna" in wide and "Influential collea…" in wide
        assert wide.rstrip().endswith("3d")
    async with ListApp(app.locations, config).run_test(size=(24, 20)) as pilot:
        listing = await settle(pilot)
        narrow = listing.render_line(0).text
        assert narrow == "  Maximiliana Ale…    3d"  # no room for the circle


async def test_reload_keeps_the_cursor_on_the_same_contact(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("j", "j")
        await pilot.pause()
        assert listing.highlighted_contact_id == people["Bob Marley"]
        announced = len(app.highlighted)
        actions.add_contact("Aaron Aardvark")  # sorts above Bob: his row moves down
        listing.reload()
        await settle(pilot)
        assert listing.count == 7
        assert listing.highlighted_contact_id == people["Bob Marley"]
        assert names(listing, 4)[3] == "Bob Marley"
        assert len(app.highlighted) == announced  # still Bob: nothing to announce
        actions.archive(people["Bob Marley"])
        listing.reload()
        await settle(pilot)
        assert listing.count == 6
        assert listing.highlighted_contact_id == people["Chloé Dubois"]  # who took his row
        assert app.highlighted[-1] == people["Chloé Dubois"]


async def test_a_click_selects_the_row(app, people):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click(ContactList, offset=(4, 2))
        await pilot.pause()
        assert app.selected == [people["Bob Marley"]]


@pytest.fixture
def fetches(monkeypatch) -> list[tuple[int, int | None]]:
    """Every window of rows the list reads, as (offset, limit)."""
    seen: list[tuple[int, int | None]] = []
    real = queries.contact_rows

    def recording(**arguments):
        seen.append((arguments["offset"], arguments["limit"]))
        return real(**arguments)

    monkeypatch.setattr(queries, "contact_rows", recording)
    return seen


def pages(first_row: int, last_row: int) -> set[tuple[int, int]]:
    """The (offset, limit) of the pages holding these rows."""
    return {(page * PAGE_SIZE, PAGE_SIZE)
            for page in range(first_row // PAGE_SIZE, last_row // PAGE_SIZE + 1)}


async def test_only_windows_of_rows_are_read(app, config, fetches):
    fill_demo_garden(contacts=450, interactions=900)
    total = queries.count_contacts()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        height = listing.scrollable_content_region.height
        assert set(fetches) == pages(0, 2 * height)  # the view and a screenful below
        first_screen = len(fetches)
        listing.focus()
        await pilot.press("G")
        await settle(pilot)
        bottom = total - height  # the top row of the last screenful
        assert set(fetches[first_screen:]) == pages(bottom - height, total - 1)
        assert len(fetches) == len(set(fetches)) < total / PAGE_SIZE  # no page read twice
        last = queries.contact_rows(default_cadence=config.default_cadence_days,
                                    offset=total - 1, limit=1)[0]
        assert app.highlighted[-1] == last.id
        assert names(listing, height)[-1] == last.name


async def test_a_row_not_loaded_yet_draws_a_placeholder_until_its_page_arrives(app, config,
                                                                              monkeypatch):
    fill_demo_garden(contacts=450, interactions=900)
    release = threading.Event()
    real = queries.contact_rows

    def slow_after_the_first_page(**arguments):
        if arguments["offset"]:
            release.wait(timeout=10)
        return real(**arguments)

    monkeypatch.setattr(queries, "contact_rows", slow_after_the_first_page)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await settle(pilot)
        listing.focus()
        announced = len(app.highlighted)
        with threads_left_at_work():  # the page's read, held back
            await pilot.press("G")
            await pilot.pause()
        assert listing.render_line(22).text.strip() == "…"
        assert listing.highlighted_contact_id is None
        assert len(app.highlighted) == announced  # no id to announce yet
        release.set()
        await settle(pilot)
        assert listing.render_line(22).text.strip() != "…"
        assert listing.highlighted_contact_id is not None
        assert app.highlighted[-1] == listing.highlighted_contact_id


async def test_a_page_that_cannot_be_read_says_so_in_words_and_is_read_again(app, config,
                                                                           monkeypatch):
    fill_demo_garden(contacts=120, interactions=240)
    real = queries.contact_rows
    failed: list[int] = []

    def failing_once_after_the_first_page(**arguments):
        if arguments["offset"] and not failed:
            failed.append(arguments["offset"])
            raise StoreError("database disk image is malformed")
        return real(**arguments)

    monkeypatch.setattr(queries, "contact_rows", failing_once_after_the_first_page)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        listing = await settle(pilot)
        listing.focus()
        await pilot.press("G")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert failed == [PAGE_SIZE]
        messages = [notification.message for notification in app._notifications]
        why = explain(StoreError("database disk image is malformed"))
        assert f"could not read contacts 51–100: {why}" in messages
        assert not any("contact_list." in message for message in messages)
        await pilot.press("g", "G")  # scrolled away and back: the page is asked for again
        await settle(pilot)
        height = listing.scrollable_content_region.height
        last_rows = queries.contact_rows(default_cadence=config.default_cadence_days,
                                         offset=listing.count - height, limit=height)
        assert names(listing, height) == [row.name for row in last_rows]
