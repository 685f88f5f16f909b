"""What the first screen shows, read by a second process while the app starts.

On a big garden, today's queue takes a tenth of a second or more to rank and word, and
counting the contacts ten milliseconds more; the app's imports and first frame take longer
than both on one core. A thread would not help: it shares the interpreter's lock, and
start-up slows by what it gains (measured). So ``netgarden`` forks once the garden is open,
before it imports the app (Textual): the child reads the Contacts list's first page, then
today's queue, and hands each over through a pipe of its own (and when the terminal is
wide enough for History to stand beside the lists, a second child reads the history of
the list's first contact), and the main screen shows them in its first frame instead of
reading them on the way to it.

Only where ``os.fork`` exists and the process has no other thread yet (forking a process
with threads can leave locks held in the child). Elsewhere, or for what the child fails to
read, the app reads it itself. No Textual here: the command line imports this before the
app.
"""

import os
import pickle
import select
import threading
from collections.abc import Callable
from pathlib import Path

from netgarden_tui.config import Config
from netgarden_tui.garden import queue
from netgarden_tui.store import database, queries
from netgarden_tui.tui.contact_rows import FirstPage, read_first_page
from netgarden_tui.tui.history_data import HistoryData, load_history

HISTORY_FROM_COLUMNS = 120  # main.WIDE: History stands beside the lists, showing the cursor's


class _Answer:
    """One thing the child reads, coming through a pipe of its own."""

    def __init__(self, pipe: int) -> None:
        self._pipe: int | None = pipe  # None once taken or given up

    @property
    def open(self) -> bool:
        return self._pipe is not None

    def ready(self) -> bool:
        """The child has sent it (or failed): taking it now does not wait."""
        return self._pipe is not None and bool(select.select([self._pipe], [], [], 0)[0])

    def take(self):
        """The child's answer, once it is sent (blocks); None if the child failed, or if
        it was taken or given up before."""
        if self._pipe is None:
            return None
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                return pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            return None
        finally:
            self._pipe = None

    @classmethod
    def none(cls) -> "_Answer":
        """Nothing is coming."""
        answer = cls(0)
        answer._pipe = None
        return answer

    def give_up(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None


class ReadAhead:
    """The contacts' first page, today's queue and the first contact's history, being read
    by a child process."""

    def __init__(self, config: Config, pid: int, first_page: int, due: int,
                 history_pid: int | None = None, history: int | None = None) -> None:
        self._config = config
        self._first_page, self._due = _Answer(first_page), _Answer(due)
        self._history = _Answer(history) if history is not None else _Answer.none()
        # Each child until it is reaped, with what it sends.
        self._children = {pid: (self._first_page, self._due)}
        if history_pid is not None:
            self._children[history_pid] = (self._history,)

    def first_page_if_ready(self) -> FirstPage | None:
        """The list's first page if the child has sent it, without waiting. Asked once,
        as the main screen is built: if it is not there, the screen reads it itself."""
        page = self._first_page.take() if self._first_page.ready() else None
        self._first_page.give_up()
        self._reap_when_done()
        return page

    def due_if_ready(self) -> queue.DueToday | None:
        """Today's queue if the child is done with it, without waiting (None: not yet,
        or it failed). The main screen asks as it mounts: a queue taken then is in the
        first frame."""
        return self.due() if self._due.ready() else None

    def history_if_ready(self) -> HistoryData | None:
        """The first contact's history if the child is done with it, without waiting
        (None: not yet, or it failed). The main screen asks as it mounts: a history taken
        then is in the first frame."""
        return self.history() if self._history.ready() else None

    def history_not_wanted(self) -> None:
        """History is not on the first screen (a narrow terminal): it reads its own."""
        self._history.give_up()
        self._reap_when_done()

    def history(self) -> HistoryData | None:
        """The first contact's history, once the child is done (blocks); None if the
        child failed (the main screen reads it then), or if it was taken before."""
        history = self._history.take()
        self._reap_when_done()
        return history

    def due(self) -> queue.DueToday:
        """Today's queue, once the child is done (blocks); read here if the child failed."""
        due = self._due.take()
        self._reap_when_done()
        return due if due is not None else queue.due_today(self._config, limit=queue.DUE_SHOWN)

    def _reap_when_done(self) -> None:
        for pid, answers in list(self._children.items()):
            if any(answer.open for answer in answers):
                continue
            del self._children[pid]
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                # Still reading what was given up on: reaped once it is done, by a
                # thread, so that the screen being built never waits for it.
                threading.Thread(target=os.waitpid, args=(pid, 0), daemon=True,
                                 name="reap read-ahead").start()


def read_ahead(config: Config, path: Path, backups: Path) -> ReadAhead | None:
    """Fork a child that reads the first screen's data from the open garden at ``path``;
    None where that cannot be done safely (the app reads it all itself then)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    # SQLite: no connection may cross a fork. Each side opens its own (the schema is
    # up to date by now, so opening again only connects).
    database.close_garden()
    first_page, due = os.pipe(), os.pipe()  # (reader, writer) each
    pid = os.fork()
    if pid == 0:
        for reader, _ in (first_page, due):
            os.close(reader)
        _read_and_exit(config, path, backups, first_page[1], due[1])
    for _, writer in (first_page, due):
        os.close(writer)
    history_pid = history = None
    if _terminal_columns() >= HISTORY_FROM_COLUMNS:
        # A second child for it, so that neither waits for the other.
        history, writer = os.pipe()
        history_pid = os.fork()
        if history_pid == 0:
            os.close(history)
            for reader in (first_page[0], due[0]):
                os.close(reader)
            _read_history_and_exit(config, path, backups, writer)
        os.close(writer)
    database.open_garden(path, backups)
    return ReadAhead(config, pid, first_page[0], due[0], history_pid, history)


def _read_and_exit(config: Config, path: Path, backups: Path,
                   first_page: int, due: int) -> None:
    """In the child: read the first page, then the queue, sending each as soon as it is
    read, and leave without running any of the parent's exit handlers. It prints
    nothing: the terminal is the app's."""
    try:
        database.open_garden(path, backups)
        _send(first_page, lambda: read_first_page(config.default_cadence_days))
        _send(due, lambda: queue.due_today(config, limit=queue.DUE_SHOWN))
    finally:
        os._exit(0)  # what was not sent, the parent reads itself


def _read_history_and_exit(config: Config, path: Path, backups: Path, history: int) -> None:
    """In the second child: read the history of the list's first contact (the first by
    name, as the list opens), send it, and leave as the first child does."""
    try:
        database.open_garden(path, backups)
        _send(history, lambda: first_history(config))
    finally:
        os._exit(0)


def first_history(config: Config) -> HistoryData | None:
    """The history of the contact the list opens on (None: the garden is empty)."""
    first = queries.contact_rows(default_cadence=config.default_cadence_days, limit=1)
    return (load_history(first[0].id, config.default_cadence_days, config.region)
            if first else None)


def _terminal_columns() -> int:
    """The terminal's width (0 if there is none: History is not read ahead then)."""
    try:
        return os.get_terminal_size(1).columns
    except OSError:
        return 0


def _send(pipe: int, read: Callable[[], object]):
    """Send what ``read`` reads through the pipe, and return it (None if it failed)."""
    try:
        with os.fdopen(pipe, "wb") as out:
            answer = read()
            pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
            return answer
    except BaseException:  # noqa: BLE001 - the parent reads it itself instead
        return None
