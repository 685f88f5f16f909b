"""Screen snapshots of being of assistance (issue 26) on the demo garden at 80x24: "Who do
I know…" finding as you type (two words: test_snapshots.py's "who" scene), a need being
noted, and an introduction Due suggests.

As in test_snapshots.py: a fresh demo garden (seed 7) at a frozen moment (Mon 23 Nov 2026
09:00 UTC), cursors that do not blink. The snapshots live in
tests/__snapshots__/test_snapshots_helping/; after a deliberate change of look, check the
report pytest links to, then accept with
``python -m pytest tests/test_snapshots_helping.py --snapshot-update``.
"""

from textual.pilot import Pilot

# tests/ has no __init__.py: pytest puts this folder on sys.path, as for test_snapshots.py.
from screenshots import NARROW, SETTLE, Scene, demo_app, frozen_clock, play, settle, typed

from netgarden_tui.store import undo
from netgarden_tui.tui.widgets.due_list import DueList
from test_snapshots_tending_modals import open_for_contact
from netgarden_tui.tui.screens.tending.need import NeedModal


def take(snap_compare, folder, run_before) -> bool:
    with frozen_clock():
        try:
            app = demo_app(folder, Scene("helping", NARROW))
            return snap_compare(app, terminal_size=NARROW, run_before=run_before)
        finally:
            undo.disable()


def scene(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await play(pilot, Scene("helping", NARROW, keys))

    return run_before


def test_who_do_i_know_who_is_hiring(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, scene("W", SETTLE, *typed("hiring")))


def test_a_need_being_noted(snap_compare, tmp_path):
    keys = tuple("a designer for the new app")
    assert take(snap_compare, tmp_path, open_for_contact(NeedModal, keys))


async def _on_the_first_suggestion(pilot: Pilot) -> None:
    await play(pilot, Scene("due", NARROW, ("3",)))
    due = pilot.app.screen.query_one(DueList)
    due.highlighted = next(index for index, item in enumerate(due.items) if item.introductions)
    await settle(pilot)
    await pilot.pause()


def test_due_suggests_an_introduction(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, _on_the_first_suggestion)
