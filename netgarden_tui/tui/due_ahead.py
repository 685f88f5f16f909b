"""Today's queue, read by a second process while the app starts.

On a big garden the queue takes a tenth of a second or more to rank and word, and the
app's imports and first frame take longer than that on one core. A thread would not help:
it shares the interpreter's lock, and start-up slows by what it gains (measured). So
``netgarden`` forks once the garden is open, before it imports the app (Textual): the
child reads the queue on another core and hands it over through a pipe, and the Due pane
can show it with the first frames instead of reading it only after them.

Only where ``os.fork`` exists and the process has no other thread yet (forking a process
with threads can leave locks held in the child). Elsewhere, or if the child fails, the
app reads the queue itself. No Textual here: the command line imports this before the app.
"""

import os
import pickle
import select
import threading
from pathlib import Path

from netgarden_tui.config import Config
from netgarden_tui.garden import queue
from netgarden_tui.store import database


class DueAhead:
    """Today's queue, being read by a child process."""

    def __init__(self, config: Config, pid: int, pipe: int) -> None:
        self._config, self._pid = config, pid
        self._pipe: int | None = pipe  # None once the child's answer is taken

    def take_if_ready(self) -> queue.DueToday | None:
        """The child's queue if it is done, without waiting (None: not yet, or it failed).

        The main screen asks as it mounts: a queue taken then is in the first frame."""
        if self._pipe is None or not select.select([self._pipe], [], [], 0)[0]:
            return None
        return self._receive()

    def result(self) -> queue.DueToday:
        """The child's queue, once it is done (blocks); read here if the child failed."""
        due = self._receive() if self._pipe is not None else None
        return due if due is not None else queue.due_today(self._config, limit=queue.DUE_SHOWN)

    def _receive(self) -> queue.DueToday | None:
        """Read the child's answer and reap it; None if it failed."""
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                return pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            return None
        finally:
            self._pipe = None
            os.waitpid(self._pid, 0)


def read_due_ahead(config: Config, path: Path, backups: Path) -> DueAhead | None:
    """Fork a child that reads today's queue from the open garden at ``path``; None where
    that cannot be done safely (the caller reads the queue itself then)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    # SQLite: no connection may cross a fork. Each side opens its own (the schema is
    # up to date by now, so opening again only connects).
    database.close_garden()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _read_and_exit(config, path, backups, writer)
    os.close(writer)
    database.open_garden(path, backups)
    return DueAhead(config, pid, reader)


def _read_and_exit(config: Config, path: Path, backups: Path, pipe: int) -> None:
    """In the child: read the queue, write it to ``pipe``, and leave without running any
    of the parent's exit handlers. It prints nothing: the terminal is the app's."""
    status = 1
    try:
        database.open_garden(path, backups)
        due = queue.due_today(config, limit=queue.DUE_SHOWN)
        with os.fdopen(pipe, "wb") as out:
            pickle.dump(due, out, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:  # noqa: BLE001 - the parent reads the queue itself instead
        pass
    finally:
        os._exit(status)
