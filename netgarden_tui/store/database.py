"""Opening a garden: create it privately, refuse one too new, migrate one too old; in a
SQLite file, or in a database on a PostgreSQL server."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import OperationalError

from netgarden_tui import clock
from netgarden_tui.locations import GardenAddress, on_server, shown
from netgarden_tui.store import backend, backups, migrations, sqlite
from netgarden_tui.store.models import db


class GardenError(Exception):
    """A garden that cannot be opened; str() is one line for the user."""


# The database said no (locked by a long write elsewhere, disk full, unreadable): callers
# catch this one name instead of importing the ORM, and show it with explain().
StoreError = OperationalError

# What SQLite says, and what it means for the person who was writing.
EXPLANATIONS = (
    ("locked", "the garden is busy: another netgarden or a script kept it locked for "
               f"{sqlite.BUSY_SECONDS} s; nothing was written (try again)"),
    ("disk is full", "the disk is full: nothing was written"),
    ("no transaction is active", "the write failed and SQLite took it back (is the disk "
                                 "full?): nothing was written"),
    ("readonly database", "the garden is read-only here: nothing was written"),
    ("unable to open database file", "the garden's file cannot be opened"),
    # What PostgreSQL says.
    ("lock timeout", "the garden is busy: another netgarden or a script kept what this "
                     f"changes locked for {sqlite.BUSY_SECONDS} s; nothing was written (try again)"),
    ("read-only transaction", "the garden is read-only here: nothing was written"),
    ("server closed the connection", "the connection to the garden's server was lost: "
                                     "nothing was written"),
    ("consuming input failed", "the connection to the garden's server was lost: "
                               "nothing was written"),
)


def explain(error: BaseException) -> str:
    """One line saying what a refused write (or read) means; nothing half-written.

    The first cause counts: a full disk makes SQLite roll back on its own, and the
    rollback that follows then fails with "no transaction is active".
    """
    causes = []
    while error is not None and error not in causes:
        causes.append(error)
        error = error.__cause__ or error.__context__
    for cause in reversed(causes):
        text = str(cause).lower()
        meaning = next((meaning for said, meaning in EXPLANATIONS if said in text), None)
        if meaning:
            return meaning
    return str(causes[0])


def open_garden(address: GardenAddress, backup_folder: Path) -> list[str]:
    """Open (creating if needed) the garden at ``address`` (a file, or a PostgreSQL URL) and
    bring its schema up to date; what the person should know about it, one line each (a
    file others could read, now theirs alone).

    Before a migration a checked copy is written to ``backup_folder``. A garden that cannot be
    opened says why in one line, and names the newest good backup when there is one.
    """
    if on_server(address):
        return _open_on_server(address, Path(backup_folder))
    backend.use(sqlite)
    path = Path(address)
    if path.is_dir():
        raise GardenError(f"{path} is a folder, not a database file")
    notices = []
    if path.exists() and not _writable(path):
        return _open_read_only(path)
    fresh = not path.exists() or path.stat().st_size == 0
    if not path.exists():
        _create(path)
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)
        notices.append(f"{path} could be read by others: it is now yours alone (0600)")
    try:
        version = None if fresh else sqlite.stored_schema_version(path)
        migrations.refuse_newer(version, path)
    except migrations.GardenTooNew as error:
        raise GardenError(str(error)) from None
    except ValueError as error:
        raise GardenError(f"{error}{_restore_hint(path, Path(backup_folder))}") from None
    sqlite.connect(path)
    if version is None:
        migrations.create_schema()
    elif version < migrations.SCHEMA_VERSION:
        try:
            backups.take(path, Path(backup_folder), f"schema{version}")
        except backups.BackupError as error:
            close_garden()
            raise GardenError(f"{path} needs a migration, and first a backup: {error}") from None
        migrations.upgrade(version)
    return notices


def _open_on_server(url: str, backup_folder: Path) -> list[str]:
    """Open the garden in the database at ``url``, making its schema in an empty one."""
    from netgarden_tui.store import postgres

    try:
        postgres.connect(url)
        backend.use(postgres)
        version = postgres.stored_schema_version()
        migrations.refuse_newer(version, shown(url))
    except postgres.DriverMissing as error:
        raise GardenError(str(error)) from None
    except OperationalError as error:
        close_garden()
        raise GardenError(f"can't open the garden at {shown(url)}: {_server_said(error)}") from None
    except ValueError as error:
        close_garden()
        raise GardenError(f"{shown(url)}: {error}") from None
    except migrations.GardenTooNew as error:
        close_garden()
        raise GardenError(str(error)) from None
    if postgres.is_read_only():
        if version != migrations.SCHEMA_VERSION:
            close_garden()
            raise GardenError(f"{shown(url)} is read-only here, and this netgarden needs to "
                              f"bring it to schema {migrations.SCHEMA_VERSION}")
        return [f"{shown(url)} is read-only here: you can look, but not change anything"]
    if version is None:
        try:
            migrations.create_schema()
        except OperationalError as error:
            close_garden()
            raise GardenError(f"can't make a garden in {shown(url)}: "
                              f"{_server_said(error)}") from None
    elif version < migrations.SCHEMA_VERSION:
        try:
            backups.take(url, backup_folder, f"schema{version}")
        except backups.BackupError as error:
            close_garden()
            raise GardenError(f"{shown(url)} needs a migration, and first a backup: "
                              f"{error}") from None
        migrations.upgrade(version)
    return []


def _server_said(error: BaseException) -> str:
    """What the server (or libpq) said, in one line: its reason, without the preamble
    ("connection failed: connection to server at ... failed:") or libpq's hints."""
    text = " ".join(str(error).split("\n")[0].split())
    reason = text.rpartition(" failed: ")[2] if " failed: " in text else text
    return reason.removeprefix("FATAL: ").strip() or text


def _writable(path: Path) -> bool:
    """The file, and its folder (SQLite writes its -wal and -shm files there)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_read_only(path: Path) -> list[str]:
    """A garden on media this process cannot write: open to look at, not to change."""
    try:
        version = sqlite.stored_schema_version(path)
    except ValueError as error:
        raise GardenError(str(error)) from None
    if version != migrations.SCHEMA_VERSION:
        raise GardenError(f"{path} is read-only here, and this netgarden needs to bring it "
                          f"to schema {migrations.SCHEMA_VERSION} (it is {version}): copy it "
                          "somewhere writable first")
    sqlite.connect(path, read_only=True)
    return [f"{path} is read-only here: you can look, but not change anything"]


def on_a_server() -> bool:
    """Whether the open garden lives on a server (PostgreSQL), not in a file."""
    return backend.engine() is not sqlite


def is_read_only() -> bool:
    return backend.engine().is_read_only()


def _create(path: Path) -> None:
    blocking = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()),
                    None)
    if blocking is not None:
        raise GardenError(f"can't create a garden at {path}: {blocking} is a file, not a folder")
    try:
        sqlite.create_private_file(path)
    except OSError as error:
        raise GardenError(f"can't create a garden at {path}: {error.strerror or error}") from None


def _restore_hint(path: Path, backup_folder: Path) -> str:
    """"; the newest good backup is ...": what to do about a garden that can't be read."""
    for backup in backups.listing(path, backup_folder):
        if not sqlite.file_problems(backup.path):
            taken = backup.taken_at.in_timezone(clock.now().timezone).strftime("%Y-%m-%d %H:%M")
            return (f"; the newest good backup is {backup.path.name} ({taken}): "
                    "netgarden restore puts it back")
    return ""


def watch(address: GardenAddress):
    """A watcher of what others write to the garden at ``address`` (the app asks it each
    second whether anything ``changed()``)."""
    if on_server(address):
        from netgarden_tui.store import postgres

        return postgres.ChangeWatcher(address)
    return sqlite.ChangeWatcher(Path(address))


def close_garden() -> None:
    backend.engine().close()


def close_thread_connection() -> None:
    """Close this thread's own connection to the garden (each thread opens one): a thread
    that read the garden beside others, done."""
    backend.engine().close()


def transaction():
    """One user action, one transaction: ``with transaction(): ...``."""
    return db.atomic()


@contextmanager
def kept(keep: bool = True) -> Iterator[None]:
    """A savepoint, rolled back at the end unless ``keep`` (a dry run writes nothing)."""
    with db.atomic() as savepoint:
        yield
        if not keep:
            savepoint.rollback()
