"""Time to first screen from process start, as a user waits for it (not a pytest test).

``python tests/first_screen.py [--garden FOLDER] [--repeats N] [--size 80x24]`` starts,
alternately, a bare Textual app (Header, Static, Footer) and the real ``netgarden`` command
on the garden in FOLDER (``garden.db``; a demo garden by default), each as its own process
in a pseudo-terminal of that size, and reads what it draws. It reports milliseconds from
starting the process to its first frame and to the end of the last frame before the screen
falls quiet (nothing drawn for 1.5 s): the screen the user gets, with every pane filled.
That counts the interpreter, the imports, the command line and the terminal driver, as a
user sees them. ``bench_tui.py`` times the app in one process, imports warm, and the
keystrokes after.

Run with bytecode caches written (this sandbox sets PYTHONDONTWRITEBYTECODE, which makes
every import compile again): the script clears it for the processes it starts, after one
warm-up run of each.
"""

from __future__ import annotations

import argparse
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

QUIET = 1.5  # seconds with nothing drawn: settled (on a big garden, Due fills late)
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


def commands(folder: Path) -> dict[str, list[str]]:
    return {"bare": [sys.executable, "-c", BARE_APP],
            "netgarden": [sys.executable, "-m", "netgarden_tui",
                          "--db", str(folder / "garden.db")]}


def run_in_terminal(argv: list[str], columns: int, lines: int) -> tuple[float, float]:
    """ms from starting argv in a pseudo-terminal to its first frame and to its settled
    screen."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"} | {"TERM": "xterm-256color"}
    started = time.time()
    pid, terminal = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, environment)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    first_frame = last_write = None
    try:
        while select.select([terminal], [], [], QUIET)[0] or last_write is None:
            written = os.read(terminal, 65536)
            if not written:
                break
            last_write = time.time()
            if first_frame is None and len(written) >= FRAME:
                first_frame = last_write
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)
    return (first_frame - started) * 1000, (last_write - started) * 1000


def demo_garden(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "netgarden_tui", "demo", "--db",
                    str(folder / "garden.db")], check=True, capture_output=True)


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    medians = {}
    for kind, runs in times.items():
        first, settled = ([run[index] for run in runs] for index in (0, 1))
        medians[kind] = statistics.median(settled)
        print(f"{kind:10} first frame median {statistics.median(first):4.0f} ms   "
              f"settled median {medians[kind]:4.0f} ms "
              f"(min {min(settled):.0f}, max {max(settled):.0f}; {len(runs)} runs)")
    print(f"netgarden / bare, settled: {medians['netgarden'] / medians['bare']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--garden", type=Path, help="folder holding garden.db (default: a demo)")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--size", default="80x24", help="COLUMNSxLINES (default 80x24)")
    arguments = parser.parse_args()
    columns, lines = (int(part) for part in arguments.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="netgarden-first-screen-") as temporary:
        folder = arguments.garden
        if folder is None:
            folder = Path(temporary)
            demo_garden(folder)
        runs = commands(folder)
        times = {kind: [] for kind in runs}
        for argv in runs.values():
            run_in_terminal(argv, columns, lines)  # warm-up: bytecode caches, the file cache
        for _ in range(arguments.repeats):
            for kind, argv in runs.items():
                times[kind].append(run_in_terminal(argv, columns, lines))
    report(times)


if __name__ == "__main__":
    main()
