"""The README pictures, taken from the real app on the demo garden; and the scenes they show.

Run from anywhere:  python tests/screenshots.py
It writes screenshots/<scene>.svg, and screenshots/<scene>.png when ``rsvg-convert`` is on
PATH (Debian: apt-get install librsvg2-bin).

The snapshot tests (tests/test_snapshots.py) import SCENES, Scene, demo_app and play from
here, so the pictures and the snapshots show the same thing. Every scene is taken on a fresh
demo garden (60 contacts, 600 interactions, seed 7) at a frozen moment, Mon 23 Nov 2026 09:00
UTC, with cursors that do not blink: the same scene gives the same picture on every run.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from netgarden_tui.config import Locations, default_config
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import undo
from netgarden_tui.tui.app import NetgardenApp, make_app

# The clock stopped at the tests' moment, a Monday morning: conftest.py's (pytest puts this
# folder on sys.path, and so does running this script).
from conftest import frozen_at_start as frozen_clock  # noqa: E402
SETTLE = "<settle>"  # among a scene's keys: wait until the database reads reach the screen
PICTURES = Path(__file__).resolve().parent.parent / "screenshots"
WIDE, NARROW = (160, 48), (80, 24)


def typed(text: str) -> tuple[str, ...]:
    """The keys that type ``text``."""
    return tuple("space" if char == " " else char for char in text)


@dataclass(frozen=True)
class Scene:
    name: str  # the picture's file name, without extension
    size: tuple[int, int]  # columns, rows
    keys: tuple[str, ...] = ()  # pressed in order, from the main screen; SETTLE waits
    prepare: Callable[[], object] | None = None  # adds to the demo garden before the app runs


# `3` puts the cursor on the first item of the Due pane (the most pressing contact); the keys
# after it act on that contact, and `enter` shows their history.
SCENES = (
    Scene("main-wide", WIDE, ("3", SETTLE, "enter")),
    Scene("main-narrow", NARROW),
    Scene("quick-log", NARROW, ("3", SETTLE, "l", SETTLE, *typed("Coffee at the summit"),
                                "ctrl+f", *typed("2w"))),
    Scene("call", WIDE, ("3", SETTLE, "c")),
    Scene("review", NARROW, ("r",)),
    Scene("help", NARROW, ("question_mark",)),
    Scene("garden-wide", WIDE, ("4",)),
    Scene("garden-narrow", NARROW, ("4",)),
    Scene("who", NARROW, ("W", SETTLE, *typed("moving Berlin"))),
)


def demo_app(folder: Path, scene: Scene) -> NetgardenApp:
    """The app as `netgarden --demo` opens it, on a demo garden in ``folder``.

    Call it with the clock frozen; it enables undo journaling (make_app does), which the
    caller disables when done.
    """
    locations = Locations(database=folder / "garden.db", config_file=folder / "config.toml",
                          backups=folder / "backups")
    app = make_app(locations, default_config())
    fill_demo_garden(contacts=60, interactions=600, seed=7)
    if scene.prepare is not None:
        scene.prepare()
    return app


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs (a delivered read may start another: queue, then card) and
    nothing is left to draw: conftest's ``settle``."""
    from conftest import settle as settle_app
    await settle_app(pilot)


def steady_cursors(pilot: Pilot) -> None:
    """Stop every text cursor blinking, so a picture never catches one mid-blink."""
    screen = pilot.app.screen
    for field in [*screen.query(Input), *screen.query(TextArea)]:
        field.cursor_blink = False


async def play(pilot: Pilot, scene: Scene) -> None:
    """Press the scene's keys, then wait for its data and steady the cursors."""
    await settle(pilot)
    for key in scene.keys:
        if key == SETTLE:
            await settle(pilot)
        else:
            await pilot.press(key)
    await settle(pilot)
    steady_cursors(pilot)
    await pilot.pause()


async def take(scene: Scene, folder: Path) -> Path:
    """Run the app headless on a fresh demo garden, play the scene, save it as SVG."""
    with frozen_clock():
        app = demo_app(folder, scene)
        try:
            async with app.run_test(size=scene.size) as pilot:
                await play(pilot, scene)
                return Path(app.save_screenshot(f"{scene.name}.svg", path=str(PICTURES)))
        finally:
            undo.disable()


def to_png(svg: Path) -> Path:
    """Convert with rsvg-convert, telling it to keep spaces: Textual writes them as no-break
    spaces, and librsvg drops those at the start of a text run unless space is preserved
    (a Due reason's indent, the gap before "13d late")."""
    png = svg.with_suffix(".png")
    kept = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    subprocess.run(["rsvg-convert", "--output", str(png)], input=kept.encode(), check=True)
    return png


def main() -> int:
    PICTURES.mkdir(exist_ok=True)
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print("note: rsvg-convert is not on PATH (Debian: apt-get install librsvg2-bin); "
              "writing SVGs only, no PNGs")
    for scene in SCENES:
        with tempfile.TemporaryDirectory(prefix="netgarden-shot-") as folder:
            svg = asyncio.run(take(scene, Path(folder)))
        print(svg.relative_to(PICTURES.parent))
        if converter is not None:
            print(to_png(svg).relative_to(PICTURES.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
