"""The first screen's data read by a second process while the app starts
(tui/read_ahead.py): the contacts' first page and today's queue.

The fork is tried for real, in a fresh process of its own (pytest's has threads, where
read_ahead rightly declines); the app's side is driven with the pilot.
"""

import json
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.queue_items import BirthdayComing, DueToday, QueueItem
from netgarden_tui.store import undo
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.tui.app import build_app
from netgarden_tui.tui.contact_rows import FirstPage, ListLine, ListQuery
from netgarden_tui.tui.screens import main as main_screen
from netgarden_tui.tui.screens.main import MainScreen
from netgarden_tui.tui.widgets.contact_list import ContactList
from netgarden_tui.tui.widgets.due_list import DueList

READ_AHEAD = """
import json, os, sys
from pathlib import Path
from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions, queue
from netgarden_tui.store import queries
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.tui import contact_rows, read_ahead
from netgarden_tui.tui.history_data import load_history

folder, how = Path(sys.argv[1]), sys.argv[2]
child_fails = how == "child fails"
locations = Locations(folder / "garden.db", folder / "config.toml", folder / "backups")
config = default_config()
actions.open_garden(locations, config)
fill_demo_garden()
parent = os.getpid()

def fails_in_the_child(read):
    def read_or_fail(*arguments, **options):
        if child_fails and os.getpid() != parent:
            raise RuntimeError("the child could not read")
        return read(*arguments, **options)
    return read_or_fail

queue.due_today = fails_in_the_child(queue.due_today)
read_ahead.read_first_page = fails_in_the_child(contact_rows.read_first_page)
read_ahead._terminal_columns = lambda: 160  # wide: History shows the first contact
ahead = read_ahead.read_ahead(config, locations.database, locations.backups)
if how == "taken when ready":
    got = None
    while got is None:  # what the main screen does as it mounts, until the child is done
        got = ahead.due_if_ready()
else:
    got = ahead.due()
page = ahead.first_page_if_ready()  # sent before the queue: here by now
history = ahead.history()  # the first contact's, sent after the queue
want = queue.due_today(config, limit=queue.DUE_SHOWN)
want_page = contact_rows.read_first_page(config.default_cadence_days)
want_history = load_history(want_page.lines[0].contact_id, config.default_cadence_days,
                            config.region)
try:
    os.waitpid(-1, os.WNOHANG)
    children_left = True
except ChildProcessError:
    children_left = False
actions.add_contact("Written After")  # the parent's garden is open again, for writing too
print(json.dumps({"same": got == want, "items": len(got.items), "total": got.total,
                  "page": "none" if page is None else "same" if page == want_page else "other",
                  "history": "none" if history is None else "same" if history == want_history
                  else "other",
                  "rows": len(want_page.lines), "count": want_page.count,
                  "children_left": children_left,
                  "written": bool(queries.contacts_named("Written After"))}))
"""


def read_ahead_in_a_process(folder: Path, how: str) -> dict:
    done = subprocess.run([sys.executable, "-c", READ_AHEAD, str(folder), how],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_child_process_reads_the_same_first_page_and_queue_and_is_gone_after(tmp_path):
    result = read_ahead_in_a_process(tmp_path, "child reads")
    assert result["same"] and result["items"] > 0 and result["total"] >= result["items"]
    assert result["page"] == "same" and result["rows"] > 0 and result["count"] > 0
    assert result["history"] == "same"
    assert not result["children_left"]
    assert result["written"]


def test_the_queue_can_be_taken_without_waiting_once_the_child_is_done(tmp_path):
    result = read_ahead_in_a_process(tmp_path, "taken when ready")
    assert result["same"] and result["items"] > 0
    assert not result["children_left"]


def test_if_the_child_fails_the_app_reads_the_queue_instead(tmp_path):
    result = read_ahead_in_a_process(tmp_path, "child fails")
    assert result["same"] and result["items"] > 0
    assert result["page"] == "none"  # the main screen reads the first page itself then
    assert not result["children_left"]


class FakeReadAhead:
    """What read_ahead hands the app: a queue being read elsewhere, done by the time the
    main screen mounts or not, and the contacts' first page, if it was sent in time."""

    def __init__(self, due: DueToday, *, done_by_mount: bool,
                 first_page: FirstPage | None = None) -> None:
        self._due, self.done_by_mount, self.first_page = due, done_by_mount, first_page

    def first_page_if_ready(self) -> FirstPage | None:
        return self.first_page

    def due_if_ready(self) -> DueToday | None:
        return self._due if self.done_by_mount else None

    def history_if_ready(self) -> None:
        return None  # not sent in time...

    def history(self) -> None:
        return None  # ...nor at all: History reads it itself

    def history_not_wanted(self) -> None:
        pass

    def due(self) -> DueToday:
        if self.done_by_mount:
            raise RuntimeError("a queue done by mount is taken then, not in a worker after")
        return self._due


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


@pytest.mark.parametrize("done_by_mount", [True, False], ids=["done by mount", "still reading"])
async def test_the_app_shows_the_queue_read_ahead_without_reading_it(
        frozen_clock, locations, monkeypatch, done_by_mount):
    config = default_config()
    actions.open_garden(locations, config)
    ahead_of_time = pendulum.date(2026, 11, 23)
    item = QueueItem(contact_id=None, contact="Read Ahead", due_on=ahead_of_time,
                     overdue_days=0, score=900,
                     reasons=(BirthdayComing(ahead_of_time, 900, None),))
    reads = []
    monkeypatch.setattr(queue, "due_today", lambda *a, **k: reads.append(1) or DueToday([], 0))
    app = build_app(locations, config, welcome=False,
                    read_ahead=FakeReadAhead(DueToday([item], 7), done_by_mount=done_by_mount))
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            due = app.screen.query_one(DueList)
            assert [shown.contact for shown in due.items] == ["Read Ahead"]
            assert app.screen.query_one("#due").border_title == "Due · 7"
            assert str(due.get_option_at_index(1).prompt) == "…and 6 more"
            assert reads == []
    finally:
        undo.disable()


async def test_the_contacts_first_page_read_ahead_is_shown_without_reading_it(
        frozen_clock, locations, monkeypatch):
    config = default_config()
    actions.open_garden(locations, config)
    actions.add_contact("In The Garden")
    reads = []
    monkeypatch.setattr(main_screen, "read_first_page", lambda *a: reads.append(1))
    query = ListQuery("", "name", config.default_cadence_days)
    first_page = FirstPage(query, [ListLine(1, "Read Ahead", "friends", "new", "fine")], 1)
    app = build_app(locations, config, read_ahead=FakeReadAhead(
        DueToday([], 0), done_by_mount=True, first_page=first_page))
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)  # no read started, or its page would be on screen
            contacts = app.screen.query_one(ContactList)
            assert contacts.highlighted_contact == (1, "Read Ahead")
            assert app.screen.query_one("#contacts").border_title == "Contacts · 1 · by name"
            assert reads == []
    finally:
        undo.disable()


async def test_the_first_frame_has_the_scrollbars_of_both_lists(frozen_clock, locations,
                                                               monkeypatch):
    """Both lists are longer than the screen is high: their scrollbars are drawn in the
    first frame, not added by a second one after it."""
    config = default_config()
    actions.open_garden(locations, config)
    fill_demo_garden()
    drawn_first = []
    lay_out = MainScreen._refresh_layout

    def lay_out_and_note_what_is_drawn(screen, *arguments, **options):
        lay_out(screen, *arguments, **options)
        if not drawn_first:
            drawn_first.append(set(screen._compositor.visible_widgets))

    monkeypatch.setattr(MainScreen, "_refresh_layout", lay_out_and_note_what_is_drawn)
    due = queue.due_today(config, limit=queue.DUE_SHOWN)
    app = build_app(locations, config, read_ahead=FakeReadAhead(due, done_by_mount=True))
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            contacts, due_list = app.screen.query_one(ContactList), app.screen.query_one(DueList)
            assert contacts.count > 48 and due_list.virtual_size.height > 48
            assert contacts.vertical_scrollbar in drawn_first[0]
            assert due_list.vertical_scrollbar in drawn_first[0]
    finally:
        undo.disable()


async def test_bottom_of_due_shows_the_line_saying_how_many_more_are_due(frozen_clock, locations):
    config = default_config()
    actions.open_garden(locations, config)
    today = pendulum.date(2026, 11, 23)
    items = [QueueItem(contact_id=None, contact=f"Person {number}", due_on=today,
                       overdue_days=0, score=900,
                       reasons=(BirthdayComing(today, 900, None),))
             for number in range(20)]
    app = build_app(locations, config, welcome=False,
                    read_ahead=FakeReadAhead(DueToday(items, 120), done_by_mount=True))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3", "G")
            await pilot.pause()
            due = app.screen.query_one(DueList)
            assert due.highlighted_item.contact == "Person 19"
            assert due.max_scroll_y > 0 and due.scroll_y == due.max_scroll_y  # the last line shows
            assert str(due.get_option_at_index(20).prompt) == "…and 100 more"
    finally:
        undo.disable()
