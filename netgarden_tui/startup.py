"""Start-up with Python's cycle collector paused.

Imports and the first screen build tens of thousands of objects that live as long as the
process, and the cycle collector, run every 700 new objects, scans them again and again:
on a 2-core machine about a tenth of a second of the first screen (tests/first_screen.py).
``netgarden`` starts with it paused. Once the command is under way, or the app has drawn
its first frame, what start-up built is frozen out of later collections (``gc.freeze``), so
that those stay short too, and the collector runs again.
"""

import gc


def pause_collector() -> None:
    gc.disable()


def resume_collector() -> None:
    """Freeze what start-up built and collect again. Only after pause_collector(): a test
    process builds many apps and must not freeze what each leaves behind."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
