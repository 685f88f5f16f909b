"""Start-up with Python's cycle collector paused, and a command's end without teardown.

Imports and the first screen build tens of thousands of objects that live as long as the
process, and the cycle collector, run every 700 new objects, scans them again and again:
on a 2-core machine about a tenth of a second of the first screen (tests/first_screen.py).
``netgarden`` starts with it paused. Once the command is under way, or the app has drawn
its first frame, what start-up built is frozen out of later collections (``gc.freeze``), so
that those stay short too, and the collector runs again.
"""

import gc
import os
import sys
import threading
from typing import NoReturn


def pause_collector() -> None:
    gc.disable()


def resume_collector() -> None:
    """Freeze what start-up built and collect again. Only after pause_collector(): a test
    process builds many apps and must not freeze what each leaves behind."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def end_process(code: int) -> NoReturn:
    """End the process the moment a command is done, without the interpreter's teardown.

    When a command returns, its garden is closed and its files are written (every file a
    command writes is closed in a ``with``). What is left is the interpreter taking apart
    some 400 modules and what they hold: 20-30 ms, a tenth of ``netgarden list --search``
    on a server (tests/bench_core.py). So the command flushes its output and goes, after
    the exit handlers (logging's). A thread still running gets the usual exit, which
    waits for it."""
    if threading.active_count() > 1:
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (`| head`), or a stream closed
            pass
    os._exit(code)
