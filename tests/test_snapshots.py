"""Screen snapshots: the README scenes, plus call mode at 80x24 and a hostile name in History.

Each scene runs the real app on a fresh demo garden at a frozen moment (see screenshots.py,
which defines the scenes and also draws the README pictures from them). The snapshots live
in tests/__snapshots__/test_snapshots/; after a deliberate change of look, look at the report
pytest links to, then accept with ``python -m pytest tests/test_snapshots.py --snapshot-update``.
"""

from dataclasses import replace
from functools import partial

import pytest
from textual.pilot import Pilot

# tests/ has no __init__.py: pytest's default "prepend" import mode puts this folder on
# sys.path (as it does for conftest.py), so the scenes import from the script beside us.
from screenshots import NARROW, SCENES, SETTLE, Scene, demo_app, frozen_clock, play, typed

from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store import undo

EVIL = "[bold]Evil[/] [red"


def add_evil_contact() -> None:
    """A contact whose name, company and note would all break or restyle as markup."""
    evil = actions.add_contact(EVIL, ContactDetails(company="[/]", role="[b]CTO"))
    actions.log_touch([evil], channel="call", direction="out", note="[/] said [red]hi[/red]")


EVIL_SCENE = Scene("evil-name-in-history", NARROW,
                   ("slash", *typed("Evil"), SETTLE, "enter"), prepare=add_evil_contact)
CALL_NARROW = replace({s.name: s for s in SCENES}["call"], name="call-narrow", size=NARROW)


def scene_id(scene: Scene) -> str:
    return scene.name


@pytest.mark.parametrize("scene", [*SCENES, CALL_NARROW], ids=scene_id)
def test_scene(scene: Scene, snap_compare, tmp_path):
    assert take(snap_compare, scene, tmp_path)


def test_a_hostile_name_shows_literally(snap_compare, tmp_path):
    async def play_and_check(pilot: Pilot) -> None:
        await play(pilot, EVIL_SCENE)
        screen = pilot.app.export_screenshot()
        # The title and the card spell the name and the markup-like texts as typed.
        assert screen.count("[bold]Evil[/]&#160;[red") >= 2, "the name is not shown literally"
        assert "[/]&#160;said&#160;[red]hi[/red]" in screen, "the note is not shown literally"

    assert take(snap_compare, EVIL_SCENE, tmp_path, play_and_check)


def take(snap_compare, scene: Scene, folder, run_before=None) -> bool:
    """Snapshot ``scene`` on a demo garden in ``folder``, the clock frozen while it runs."""
    with frozen_clock():
        try:
            app = demo_app(folder, scene)
            return snap_compare(app, terminal_size=scene.size,
                                run_before=run_before or partial(play, scene=scene))
        finally:
            undo.disable()
