"""Keys act in the order typed, each on the screen the keys before it left behind.

Textual hands a key to the focused widget's own message queue and goes on to the next key
at once; a key's ordinary binding runs only when the key has bubbled back up to the app.
Keys that arrive together (a paste, a burst over a slow SSH link) therefore overtake the
ones before them: the text typed after Tab still lands in the field Tab leaves, because
the focus moves only when Tab's binding runs; a key typed right after ``d`` in the review
acts on the item ``d`` is still saving; keys typed while a screen reads what it shows
act on a screen with nothing in it yet.

So the app lets one key through at a time (``NetgardenApp.on_event``): the next waits until
the app is quiet again -- every message the key set off is handled (its binding, the focus
moving, a screen opening or closing and the callbacks it answers to), every read or write
it started is delivered, with the reloads those set off in turn, and the screen is laid
out with what they changed. Textual lays a screen out on its next frame, after the
messages: a key before that finds the old sizes (a pane just filled has nothing to
scroll yet, and its page key does nothing). Typed slowly or all at once, the same keys do
the same thing. A key typed while the app is quiet goes through at once; only the keys
behind it wait (and any typed while the screen reads what it shows).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.command import CommandPalette
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

WORKER_POLL = 0.002  # seconds between looks at the reads and writes a key waits for
ROUND_TIMEOUT = 2.0  # a handler that waits longer than this for something lets keys past
MAX_ROUNDS = 5000  # looks at the app (or WORKER_POLLs) before the next key goes regardless
RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)


class KeyQueue:
    """The keys typed ahead of the app, and what the next one waits for."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.waiting: deque[events.Event] = deque()
        self._workers: set[Worker] = set()
        self._letting_through: events.Event | None = None
        self._settling: asyncio.Task | None = None

    def holds(self, event: events.Event) -> bool:
        """Whether ``event`` (a key or a paste, as the terminal sent it) must wait its turn:
        True keeps it to hand back to the app later; False, the app handles it now."""
        if event is self._letting_through:
            self._letting_through = None
            return False
        goes_now = (self._settling is None and not self.waiting
                    and not self._workers_running(event))
        if self._settling is None:
            # The ones behind this key wait until it has settled.
            self._settling = asyncio.create_task(self._let_keys_through())
        if goes_now:
            return False
        self.waiting.append(event)  # behind others, or a read the screen is waiting for
        return True

    def wait_for(self, worker: Worker) -> None:
        """Keys wait while this read or write runs (and until what it delivers settles)."""
        self._workers.add(worker)

    def close(self) -> None:
        if self._settling is not None:
            self._settling.cancel()
        self.waiting.clear()

    # --- waiting until the app is quiet ------------------------------------------------------

    async def _let_keys_through(self) -> None:
        try:
            while True:
                await self._quiet()
                if not self.waiting:
                    return
                # The app's queue is empty now, so this key is the next thing it handles.
                self._letting_through = self.waiting.popleft()
                self.app.post_message(self._letting_through)
        finally:
            self._settling = None

    async def _quiet(self) -> None:
        """Wait until nothing the keys so far set off is still under way, and, if a key
        waits, until the screen is laid out with what they changed (which may set off more:
        the sizes that changed)."""
        for _ in range(MAX_ROUNDS):
            if self._workers_running(self._next_key()):
                await asyncio.sleep(WORKER_POLL)
                continue
            waiting = [node for node in self._nodes() if self._has_work(node)]
            await self._round([node.call_later
                               for node in waiting + self._always_looked_at(waiting)])
            if (self._workers_running(self._next_key())
                    or any(map(self._has_work, self._nodes()))):
                continue
            if not (self.waiting and self._layout_pending()):
                return
            await self._round([self.app.call_after_refresh])

    def _layout_pending(self) -> bool:
        """Whether the screen on top waits for its next frame to lay out what changed: only
        then do sizes and scroll ranges follow it. A repaint alone (text typed, a cursor
        moved) changes nothing a key acts on, and keys do not wait a frame for it."""
        screens = self.app.screen_stack
        return bool(screens) and screens[-1]._layout_required

    @staticmethod
    def _has_work(node: MessagePump) -> bool:
        """Messages waiting, or callbacks to run once they are handled (call_next: the
        answer of a dismissed screen, for one)."""
        return bool(node.message_queue_size or node._next_callbacks)

    def _nodes(self) -> list[MessagePump]:
        """The app and everything on its screens, the ones below the top one included
        (a dismissed modal's answer goes to the screen that opened it)."""
        return [self.app, *(node for screen in self.app.screen_stack
                            for node in screen.walk_children(with_self=True))]

    def _always_looked_at(self, besides: list[MessagePump]) -> list[MessagePump]:
        """The app, its screens and the focused widget, where a key's handler may still be
        running with nothing left in the queue (waiting for a screen to mount, say)."""
        screens = self.app.screen_stack
        nodes = [self.app, *screens, screens[-1].focused if screens else None]
        return [node for node in nodes if node is not None and node not in besides]

    @staticmethod
    async def _round(calls: list[Callable[[Callable[[], None]], bool]]) -> None:
        """Wait until each of ``calls`` (a node's ``call_later``: once it has handled what
        was in its queue, as Textual's pilot waits; the app's ``call_after_refresh``: once
        the screen is laid out and drawn) has called back, or ROUND_TIMEOUT passed."""
        left = 0
        all_done = asyncio.Event()

        def one_done() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                all_done.set()

        for call in calls:
            if call(one_done):
                left += 1
        if not left:
            await asyncio.sleep(0)  # nothing would take it (closing): let the app go on
            return
        try:
            await asyncio.wait_for(all_done.wait(), ROUND_TIMEOUT)
        except TimeoutError:
            pass

    def _next_key(self) -> events.Event | None:
        return self.waiting[0] if self.waiting else None

    def _workers_running(self, key: events.Event | None = None) -> bool:
        """Whether a read or write ``key`` (the next one to go) waits for is under way."""
        # A worker cancelled before it started keeps the state RUNNING: Textual never ran it.
        self._workers = {worker for worker in self._workers
                         if worker.state in RUNNING and not worker.is_cancelled}
        return bool(self._workers) or (self._picks_from_palette(key) and self._palette_searching())

    @staticmethod
    def _picks_from_palette(key: events.Event | None) -> bool:
        """Enter, the arrows, tab: a key that acts on what the command palette found. A
        letter typed into its search goes at once: it starts a search of its own."""
        return isinstance(key, events.Key) and not key.is_printable

    def _palette_searching(self) -> bool:
        """The command palette still looking for what was typed into it: enter waits,
        so that it picks from what the letters before it found (Textual's palette
        searches in a worker of its own, which no wait_for names)."""
        palette = self.app.screen
        return isinstance(palette, CommandPalette) and any(
            worker.node is palette and worker.state in RUNNING and not worker.is_cancelled
            for worker in self.app.workers)
