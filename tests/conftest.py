"""Shared fixtures: a frozen clock, a real garden in a temporary folder, no real user
folders, the app as the command line builds it, a settled app, and the command line itself."""

import asyncio
import contextlib
import gc
import io
import os
import shutil
import subprocess
import sys
import warnings
import weakref
from pathlib import Path

import pendulum
import pytest
import textual._wait
import textual.app
import textual.css.stylesheet
import textual.pilot
from textual._context import active_app
from textual.worker import WorkerCancelled

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden.queue import CREATED_KEY
from netgarden_tui.garden import actions
from netgarden_tui.store import database, dump, undo
from netgarden_tui.store.models import Setting

import server

FROZEN_NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")  # a Monday


# --- waiting for the app -----------------------------------------------------------------
#
# Textual's pilot, after each key it presses and in each pause, waits for the app to be idle
# (``textual._wait.wait_for_idle``): it sleeps in 20 ms steps until a whole step passes with
# the process all but idle. Most of a TUI test's time went in those sleeps (two a key, each
# at least one step), and a step can look idle while a thread waits on the disk. Here it
# waits instead for what the app has to do to be done, without sleeping (``_until_quiet``).

_threads: weakref.WeakSet[asyncio.Future] = weakref.WeakSet()  # work handed to threads
_threads_waited_for = True


def _run_in_executor(loop, executor, func, *args):
    future = _asyncio_run_in_executor(loop, executor, func, *args)
    _threads.add(future)
    return future


_asyncio_run_in_executor = asyncio.BaseEventLoop.run_in_executor
asyncio.BaseEventLoop.run_in_executor = _run_in_executor  # thread workers, asyncio.to_thread


async def _until_quiet(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Until the app has done what it can do now: nothing ready to run in the event loop, no
    thread at work for it (a worker's read or write, asyncio.to_thread), the key queue done
    with the keys typed, no message or callback waiting in the app or its screens, and what
    changed drawn (at once, as ``pilot.pause`` does, not on the next frame). Work waiting for
    a timer is not waited for (a palette's search ends 0.1 s after its last hit: ``settle``
    waits for every worker). Like Textual's wait it gives up after ``max_sleep`` seconds,
    with a warning; ``min_sleep`` is only there for its signature."""
    try:
        app = active_app.get()
    except LookupError:
        return await _textual_wait_for_idle(min_sleep, max_sleep)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_sleep
    while loop.time() < deadline:
        await asyncio.sleep(0)
        if loop._ready:  # asyncio's own: a task or a callback can run now; let it
            continue
        if not app.is_running:
            return
        if awaited := _awaited(app, loop):
            await asyncio.wait(awaited, timeout=deadline - loop.time())  # never cancels them
            continue
        screen = app.screen
        if not app._batch_count and (
                screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._recompose_required or screen._dirty_widgets):
            screen._on_timer_update()  # what the screen's update timer does on the next frame
            continue
        if _messages_waiting(app):
            # A handler awaits something besides a thread (a timer, say): look again in a
            # moment rather than spin.
            await asyncio.sleep(0.001)
            continue
        return
    if app.is_running:  # a test that waited a second for nothing says so
        warnings.warn(f"the app was still busy after {max_sleep} s: {_still_busy(app)}",
                      stacklevel=2)


def _awaited(app, loop) -> list[asyncio.Future]:
    """The threads at work and the key queue's settling, when the pilot waits for them."""
    awaited = []
    keys = getattr(app, "keys", None)
    settling = getattr(keys, "_settling", None)
    if settling is not None and not settling.done() and (
            _threads_waited_for or not keys._workers_running()):
        awaited.append(settling)  # keys held back, or the last one still settling
    if _threads_waited_for:
        awaited.extend(future for future in _threads
                       if not future.done() and future.get_loop() is loop)
    return awaited


@contextlib.contextmanager
def threads_left_at_work():
    """For a test that holds a read back on purpose to see the screen meanwhile: the pilot's
    waits leave threads at work (and keys waiting for them) alone."""
    global _threads_waited_for
    _threads_waited_for = False
    try:
        yield
    finally:
        _threads_waited_for = True


_textual_wait_for_idle = textual._wait.wait_for_idle
textual.app.wait_for_idle = textual.pilot.wait_for_idle = _until_quiet  # as they import it


# --- the cycle collector ------------------------------------------------------------------
#
# Each TUI test builds an app of tens of thousands of objects (styles, strips, segments),
# and Python's cycle collector, run every 700 new objects, scanned them again and again,
# and every import with them: a quarter of a TUI test's time. Once the tests are
# collected, what the imports built is frozen out of later collections (as netgarden's own
# start-up does, startup.py) and the collector runs every 7000 new objects.


def pytest_collection_finish(session) -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(7000, 10, 10)


# --- the apps' stylesheets --------------------------------------------------------------
#
# Each app a test starts parses every stylesheet again (its own and each widget's default
# CSS, some fifty): a tenth of a TUI test's time. Textual keeps what it parsed for one
# stylesheet only; here it is kept for the whole run, for the same CSS with the same
# variables (the theme's colours, NO_COLOR's): what parsing it again would give.

_parsed_css: dict[tuple, list] = {}


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
    variables = self.__dict__.get("_variables_key")
    if variables is None or variables[0] is not self._variables:
        variables = self._variables_key = (self._variables,
                                           tuple(sorted(self._variables.items())))
    key = (css, read_from, is_default_rules, tie_breaker, scope, variables[1])
    try:
        return _parsed_css[key]
    except KeyError:
        rules = _textual_parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed_css[key] = rules
        return rules


_textual_parse_rules = textual.css.stylesheet.Stylesheet._parse_rules
textual.css.stylesheet.Stylesheet._parse_rules = _parse_rules_once


def pytest_collection_modifyitems(items) -> None:
    """On a server, the tests about a garden file are skipped; without one, those that
    need one."""
    if server.SERVER:
        marker, reason = "sqlite_only", "about a garden file: the suite runs on a server"
    else:
        marker, reason = "server_only", "needs a PostgreSQL server (NETGARDEN_TEST_POSTGRES)"
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker(marker):
            item.add_marker(skip)


def raw_sql(sql: str, params=()):
    """Run SQL written with ``?`` marks on the open garden, whichever engine holds it."""
    from netgarden_tui.store.models import db

    return db.execute_sql(sql.replace("?", db.param), params)


@pytest.fixture(autouse=True)
def _no_real_user_folders(monkeypatch, tmp_path_factory):
    """Point the config folder and the data folder (where a server garden's backups go) at
    throw-away ones, and forget any NETGARDEN_DB."""
    monkeypatch.setenv("NETGARDEN_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("NETGARDEN_DB", raising=False)


@pytest.fixture
def frozen_clock():
    """The clock stands still at Mon 23 Nov 2026 09:00 UTC, in a UTC local timezone.

    A test may travel elsewhere with ``pendulum.travel_to(..., freeze=True)``; both the
    clock and the timezone are put back afterwards.
    """
    with frozen_at_start() as now:
        yield now


@pytest.fixture
def size() -> tuple[int, int]:
    """The terminal a TUI test runs in: 80x24, an SSH session's, where the main screen shows
    one pane at a time. A test of what the layout does with the width or height (what fits,
    what shows side by side, the key bar) parametrizes ``size`` itself."""
    return (80, 24)


@pytest.fixture
def locations(tmp_path) -> Locations:
    return Locations(database=tmp_path / "garden.db", config_file=tmp_path / "config.toml",
                     backups=tmp_path / "backups")


@pytest.fixture(scope="session")
def empty_garden(tmp_path_factory) -> Path | str:
    """An empty garden made once, as opening a new one with the default config at
    FROZEN_NOW makes it: each test's fresh garden starts as a copy (3 ms, not 20). A file,
    or on a server (NETGARDEN_TEST_POSTGRES) a database each test's is made from."""
    folder = tmp_path_factory.mktemp("empty")
    garden = server.new_database("template") if server.SERVER else folder / "garden.db"
    actions.open_garden(Locations(database=garden, config_file=folder / "config.toml",
                                  backups=folder / "backups"), default_config())
    # The one row that depends on the clock, set here: a test's frozen clock may be
    # running already, and a second one would stop it on the way out.
    Setting.update(value=FROZEN_NOW.date().isoformat()).where(Setting.key == CREATED_KEY).execute()
    database.close_garden()  # a file's log folded into it: one file to copy
    return garden


@pytest.fixture
def fresh_garden(locations, empty_garden) -> Locations:
    """The test's locations, its garden a copy of the empty one, private as netgarden
    makes it."""
    if server.SERVER:
        return locations._replace(database=server.new_database("test", template=empty_garden))
    shutil.copyfile(empty_garden, locations.database)
    locations.database.chmod(0o600)
    return locations


@pytest.fixture
def config(frozen_clock, fresh_garden):
    """A fresh garden in a real SQLite file, opened with the default config (yielded)."""
    config = default_config()
    actions.open_garden(fresh_garden, config)
    try:
        yield config
    finally:
        database.close_garden()


@pytest.fixture
def undoable(config):
    """The config fixture's garden, with undo recording on (as the app turns it on)."""
    undo.enable()
    try:
        yield config
    finally:
        undo.disable()


@pytest.fixture
def new_app(frozen_clock, fresh_garden):
    """Build the app as the command line does (``make_app`` opens the garden); call it
    after setting any terminal environment, then fill the garden, then run it. A test of
    something else on a garden it leaves empty says ``new_app(welcome=False)``: an empty
    garden opens with the welcome."""
    from netgarden_tui.tui.app import make_app

    yield lambda **options: make_app(fresh_garden, default_config(), **options)
    undo.disable()


async def settle(pilot) -> None:
    """Wait until the app has nothing left to do: no worker running (a read, or a write,
    whose result may start another), no message or callback waiting in the app or in any
    widget of the screens it shows, no layout or repaint pending on the screen on top. Only
    then does what a test reads from the screen or the garden come after everything its
    keys started."""
    app = pilot.app
    for _ in range(200):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a read a newer one replaced (exclusive groups): finished all the same
        await pilot.pause()
        if not _still_busy(app):
            return
    raise AssertionError(f"the app never settled: {_still_busy(app)}")


def _still_busy(app) -> str | None:
    """What the app still has to do, or None (Textual keeps this in private attributes)."""
    if not app.is_running:
        return None
    if running := [worker.name for worker in app.workers if not worker.is_finished]:
        return f"workers {running}"
    if waiting := _messages_waiting(app):
        return waiting
    screen = app.screen
    if (screen._callbacks or screen._layout_required or screen._scroll_required
            or screen._repaint_required or screen._recompose_required or screen._dirty_widgets
            or app._batch_count):
        return f"a refresh of {screen!r}"
    return None


def _messages_waiting(app) -> str | None:
    stack = list(app.screen_stack)
    for pump in [app, *stack, *(node for screen in stack for node in screen.walk_children())]:
        if not pump._message_queue.empty() or pump._next_callbacks:
            return f"messages for {pump!r}"
    return None


def run_netgarden(argv: list[str], *, env: dict[str, str], cwd: Path,
                  umask: int | None = None) -> subprocess.CompletedProcess:
    """`netgarden ARGV` with this environment and folder, as a person runs it; its exit
    code and output. In this process (``cli.main``, its output captured: a tenth of the
    time of a new process) unless a ``umask`` asks for a process of its own."""
    if umask is not None:
        done = subprocess.run([sys.executable, "-m", "netgarden_tui", *argv], env=env,
                              capture_output=True, timeout=60, cwd=cwd, umask=umask)
        return _as_text(done, done.stdout, done.stderr)
    from netgarden_tui.cli import main
    from netgarden_tui.store import database

    # Text over bytes, as a terminal's are: an export to stdout writes its bytes to .buffer.
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n", write_through=True)
                for _ in range(2))
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    pendulum.set_local_timezone(pendulum.timezone(env.get("TZ", "UTC")))
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as leaving:  # argparse: --help, --version, a usage error
                code = leaving.code if isinstance(leaving.code, int) else int(bool(leaving.code))
    finally:
        os.environ.clear()
        os.environ.update(saved)
        pendulum.set_local_timezone()
        undo.disable()  # a command turns it on for its own writes
        database.close_garden()
    done = subprocess.CompletedProcess(["netgarden", *argv], code)
    return _as_text(done, out.buffer.getvalue(), err.buffer.getvalue())


def every_row(*, journal: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table but the undo journal (unless ``journal``), the search
    index's too, in key order: to compare a garden with itself later, whichever engine
    holds it."""
    from netgarden_tui.store import backend
    from netgarden_tui.store.models import ALL_MODELS, JOURNAL_MODELS

    models = [model for model in ALL_MODELS if journal or model not in JOURNAL_MODELS]
    return {model._meta.table_name: list(model.select().order_by(
                *model._meta.get_primary_keys()).tuples())
            for model in [*models, backend.ContactSearch]}


def every_row_at(path: Path, *, journal: bool = False) -> dict[str, list[tuple]]:
    """every_row() of the garden a test keeps at ``path`` (closed before and after)."""
    database.open_garden(server.garden_at(path), path.parent / "backups")
    try:
        return every_row(journal=journal)
    finally:
        database.close_garden()


def garden_rows() -> dict[str, list[tuple]]:
    """Every table a dump holds, its rows as stored: to compare a garden with itself later."""
    with dump.dumped_tables() as tables:
        return {name: list(table.rows) for name, table in tables.items()}


def _as_text(done, stdout: bytes, stderr: bytes) -> subprocess.CompletedProcess:
    done.out_bytes, done.err_bytes = stdout, stderr
    done.stdout, done.stderr = stdout.decode("utf-8"), stderr.decode("utf-8")
    return done


def netgarden(folder: Path, *args, db: str = "garden.db") -> subprocess.CompletedProcess:
    """`netgarden ARGS --db FOLDER/DB` with FOLDER/conf as its config folder, no
    NETGARDEN_DB and TZ=UTC, run in FOLDER. On a server (NETGARDEN_TEST_POSTGRES), the
    garden FOLDER/DB is a database of its own there."""
    env = {key: value for key, value in os.environ.items() if key != "NETGARDEN_DB"}
    env.update(NETGARDEN_CONFIG_DIR=str(folder / "conf"), TZ="UTC")
    folder.mkdir(parents=True, exist_ok=True)
    return run_netgarden([*map(str, args), "--db", server.garden_at(folder / db)], env=env,
                         cwd=folder)


def netgarden_ok(folder: Path, *args) -> str:
    """`netgarden ARGS` as ``netgarden`` runs it, which must succeed and say nothing on
    stderr; what it printed."""
    done = netgarden(folder, *args)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert done.stderr == "", (args, done.stderr)
    return done.stdout


@contextlib.contextmanager
def frozen_at_start():
    """The clock stopped at FROZEN_NOW in a UTC local timezone, both put back afterwards:
    the frozen_clock fixture's, and for what is built once for many tests (a garden each
    copies, the screenshots), where a test's fixture cannot reach."""
    pendulum.set_local_timezone(pendulum.timezone("UTC"))
    pendulum.travel_to(FROZEN_NOW, freeze=True)
    try:
        yield FROZEN_NOW
    finally:
        pendulum.travel_back()
        pendulum.set_local_timezone()


def copy_of(template: Path, folder: Path) -> Path:
    """A test's own copy of a garden folder made once (its garden and its config), the
    garden private as netgarden makes it."""
    for name in ("garden.db", "conf/config.toml"):
        if (template / name).exists():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes((template / name).read_bytes())
    if server.SERVER:
        server.copy_database(template / "garden.db", folder / "garden.db")
    else:
        (folder / "garden.db").chmod(0o600)
    return folder


def newcomers_home(home: Path) -> Path:
    """A home folder as a newcomer has it, for what first steps look for (garden/setup.py):
    LinkedIn's Connections.csv and an older vCard file in Downloads, a vdir of three cards
    under ~/.contacts, a Maildir in ~/Mail, a calendar in ~/.calendars, git's address."""
    data = Path(__file__).parent / "data"
    (home / "Downloads").mkdir(parents=True)
    shutil.copy(data / "linkedin-Connections.csv", home / "Downloads" / "Connections.csv")
    shutil.copy(data / "contacts.vcf", home / "Downloads" / "phone.vcf")
    os.utime(home / "Downloads" / "phone.vcf", (1_700_000_000, 1_700_000_000))  # the older
    shutil.copytree(data / "vdir", home / ".contacts" / "family",
                    ignore=shutil.ignore_patterns("*.txt"))
    for part in ("cur", "new", "tmp"):
        (home / "Mail" / "INBOX" / part).mkdir(parents=True)
    (home / ".calendars" / "work").mkdir(parents=True)
    (home / ".calendars" / "work" / "a.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    (home / ".gitconfig").write_text("[user]\n\temail = ann@example.com\n")
    return home
