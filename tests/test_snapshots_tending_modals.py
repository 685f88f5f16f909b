"""Screen snapshots of the tending modals over the main screen of the demo garden: a favour
being offered, an introduction with a misspelt name being typed, a child noted with a birth
year, a life event, who knows whom, the favours with a contact, moving to a circle, and the
Due pane's "let go?".

As in test_snapshots.py: a fresh demo garden (seed 7) at a frozen moment (Mon 23 Nov 2026
09:00 UTC), 80x24, cursors that do not blink. The snapshots live in
tests/__snapshots__/test_snapshots_tending_modals/; after a deliberate change of look, check
the report pytest links to, then accept with
``python -m pytest tests/test_snapshots_tending_modals.py --snapshot-update``.
"""

from textual.pilot import Pilot

# tests/ has no __init__.py: pytest puts this folder on sys.path, as for test_snapshots.py.
from screenshots import NARROW, Scene, demo_app, frozen_clock, play, settle, steady_cursors

from netgarden_tui.store import queries, undo
from netgarden_tui.tui.screens.contact_circle import MoveCircleModal
from netgarden_tui.tui.screens.tending.acquaintances import AcquaintancesModal
from netgarden_tui.tui.screens.tending.fact import FactModal
from netgarden_tui.tui.screens.tending.favour import FavourModal
from netgarden_tui.tui.screens.tending.favours import FavoursModal
from netgarden_tui.tui.screens.tending.introduce import IntroduceModal
from netgarden_tui.tui.screens.tending.life_event import LifeEventModal
from netgarden_tui.tui.widgets.due_list import DueList

CONTACT = "Amara Mensah"  # a demo contact, the one the modal is opened for


def open_for_contact(modal_class, keys: tuple[str, ...], contact: str = CONTACT):
    """A run_before that opens ``modal_class`` for ``contact`` over the main screen and
    presses ``keys`` in it."""

    async def run_before(pilot: Pilot) -> None:
        await play(pilot, Scene("main", NARROW))
        [(contact_id, name)] = queries.contacts_named(contact)
        await pilot.app.push_screen(modal_class(contact_id, name))
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)
        steady_cursors(pilot)
        await pilot.pause()

    return run_before


def take(snap_compare, folder, run_before) -> bool:
    with frozen_clock():
        try:
            app = demo_app(folder, Scene("tending", NARROW))
            return snap_compare(app, terminal_size=NARROW, run_before=run_before)
        finally:
            undo.disable()


def test_a_favour_offered_by_a_day_typed_in_words(snap_compare, tmp_path):
    keys = (*"an intro to their CTO", "alt+k", *"intro", "enter", "ctrl+f", "2", "w")
    assert take(snap_compare, tmp_path, open_for_contact(FavourModal, keys))


def test_an_introduction_to_a_name_typed_with_a_typo(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, open_for_contact(IntroduceModal, tuple("takahasi")))


def test_a_child_noted_with_a_birth_year(snap_compare, tmp_path):
    keys = ("alt+c", *"Daughter Emma", "tab", *"2015")
    assert take(snap_compare, tmp_path, open_for_contact(FactModal, keys))


def test_a_life_event(snap_compare, tmp_path):
    keys = ("alt+j", *"Head of legal at Fjord")
    assert take(snap_compare, tmp_path, open_for_contact(LifeEventModal, keys))


def test_who_knows_whom(snap_compare, tmp_path):
    well_connected = "Niamh Nakamura"  # introductions and touches with others in the demo
    assert take(snap_compare, tmp_path, open_for_contact(AcquaintancesModal, (), well_connected))


def test_the_favours_with_a_contact(snap_compare, tmp_path):
    asked_twice = "Mateo Okafor"  # two asks in the demo: one declined, one not answered
    assert take(snap_compare, tmp_path, open_for_contact(FavoursModal, (), asked_twice))


def test_moving_to_a_circle(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, open_for_contact(MoveCircleModal, ()))


async def _let_go_asked(pilot: Pilot) -> None:
    """Enter on the first "let go?" item of the Due pane."""
    await play(pilot, Scene("due", NARROW, ("3",)))
    due = pilot.app.screen.query_one(DueList)
    due.highlighted = next(index for index, item in enumerate(due.items) if item.has("one_sided"))
    await pilot.press("enter")
    await settle(pilot)
    steady_cursors(pilot)
    await pilot.pause()


def test_let_go_asked_once_for_a_one_sided_contact(snap_compare, tmp_path):
    assert take(snap_compare, tmp_path, _let_go_asked)
