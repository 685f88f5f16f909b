"""Time to first screen from process start, as a user waits for it (not a pytest test).

``python tests/first_screen.py [--garden FOLDER | --db URL] [--repeats N] [--size 80x24]``
starts, alternately, a bare Textual app (Header, Static, Footer) and the real ``netgarden``
command on the garden in FOLDER (``garden.db``; a demo garden by default), or on a server
(``--db postgresql://...``), each as its own process
in a pseudo-terminal of that size, and reads what it draws. It reports milliseconds from
starting the process to

- its first frame;
- the screen complete: the last write that changed what the terminal shows, every pane
  filled (replayed through pyte, a terminal emulator: Textual repaints parts of a screen
  with the same cells a few times after it starts, which a user cannot see);
- quiet: the last write before nothing is drawn for 1.5 s, repaints included.

That counts the interpreter, the imports, the command line and the terminal driver, as a
user sees them. Each round runs the two side by side, taking turns at going first, and the
ratio reported is the median of the rounds' own ratios: this machine's speed drifts by a
fifth from minute to minute, which a ratio of two medians taken over different minutes
picks up and a ratio within a round cancels.

An app's first screen is its screen complete. The bare app's first frame is not yet its
screen: its Footer's key comes in a second frame, a few tens of milliseconds later.
netgarden's first frame is its whole screen, every pane filled.

Needs ``pip install pyte``. ``bench_tui.py`` times the app in one process, imports warm,
and the keystrokes after.

Run with bytecode caches written (this sandbox sets PYTHONDONTWRITEBYTECODE, which makes
every import compile again): the script clears it for the processes it starts, after one
warm-up run of each.
"""

from __future__ import annotations

import argparse
import hashlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pyte

QUIET = 1.5  # seconds with nothing drawn: quiet (on a big garden, Due may fill late)
FRAME = 1000  # bytes: a write this big is a frame, not a terminal query

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class BareApp(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

BareApp().run()
"""


def commands(garden: str) -> dict[str, list[str]]:
    return {"bare": [sys.executable, "-c", BARE_APP],
            "netgarden": [sys.executable, "-m", "netgarden_tui", "--db", garden]}


def run_in_terminal(argv: list[str], columns: int, lines: int) -> tuple[float, float, float]:
    """ms from starting argv in a pseudo-terminal to its first frame, its complete screen
    and its last write."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"} | {"TERM": "xterm-256color"}
    started = time.time()
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, environment)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    writes = []  # (when, bytes): replayed after the run, to keep the reading loop light
    try:
        while select.select([terminal], [], [], QUIET)[0] or not writes:
            written = os.read(terminal, 65536)
            if not written:
                break
            writes.append((time.time(), written))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)
    first_frame = next(when for when, written in writes if len(written) >= FRAME)
    return tuple((moment - started) * 1000 for moment in (
        first_frame, last_change(writes, columns, lines), writes[-1][0]))


def last_change(writes: list[tuple[float, bytes]], columns: int, lines: int) -> float:
    """When the last write that changed the terminal's cells (characters or styles) came."""
    screen = pyte.Screen(columns, lines)
    stream = pyte.ByteStream(screen)
    shown, changed = None, writes[0][0]
    for when, written in writes:
        stream.feed(written)
        cells = hashlib.sha1(repr([sorted(screen.buffer[row].items())
                                   for row in range(lines)]).encode()).digest()
        if cells != shown:
            shown, changed = cells, when
    return changed


def demo_garden(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "netgarden_tui", "demo", "--db",
                    str(folder / "garden.db")], check=True, capture_output=True)


MOMENTS = ("first frame", "complete", "quiet")


def report(times: dict[str, list[tuple[float, float, float]]]) -> None:
    for kind, runs in times.items():
        print(f"{kind:10} medians of {len(runs)} runs: " + "   ".join(
            f"{moment} {statistics.median(run[index] for run in runs):4.0f} ms"
            for index, moment in enumerate(MOMENTS)))
    rounds = list(zip(times["netgarden"], times["bare"]))
    for index, moment in enumerate(MOMENTS):
        ratios = sorted(ours[index] / bare[index] for ours, bare in rounds)
        print(f"netgarden / bare, {moment:11} median of the rounds' ratios "
              f"{statistics.median(ratios):.2f} (lowest {ratios[0]:.2f}, highest "
              f"{ratios[-1]:.2f}; {sum(ratio <= 1.5 for ratio in ratios)} of {len(ratios)} "
              "rounds within 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--garden", type=Path, help="folder holding garden.db (default: a demo)")
    where.add_argument("--db", help="a garden on a server: postgresql://...")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--size", default="80x24", help="COLUMNSxLINES (default 80x24)")
    arguments = parser.parse_args()
    columns, lines = (int(part) for part in arguments.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="netgarden-first-screen-") as temporary:
        folder = arguments.garden
        if folder is None:
            folder = Path(temporary)
            demo_garden(folder)
        runs = commands(arguments.db or str(folder / "garden.db"))
        times = {kind: [] for kind in runs}
        for argv in runs.values():
            run_in_terminal(argv, columns, lines)  # warm-up: bytecode caches, the file cache
        for round_number in range(arguments.repeats):
            order = list(runs.items())
            if round_number % 2:
                order.reverse()
            for kind, argv in order:
                times[kind].append(run_in_terminal(argv, columns, lines))
    report(times)


if __name__ == "__main__":
    main()
