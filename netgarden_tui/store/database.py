"""Opening a garden: create it privately, refuse one too new, migrate one too old."""

from pathlib import Path

from peewee import OperationalError

from netgarden_tui import clock
from netgarden_tui.store import migrations, sqlite
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


def open_garden(path: Path, backups: Path) -> None:
    """Open (creating if needed) the garden at ``path`` and bring its schema up to date.

    Before a migration a copy is written to ``backups``.
    """
    path = Path(path)
    if path.is_dir():
        raise GardenError(f"{path} is a folder, not a database file")
    fresh = not path.exists() or path.stat().st_size == 0
    if not path.exists():
        sqlite.create_private_file(path)
    try:
        version = None if fresh else sqlite.stored_schema_version(path)
        migrations.refuse_newer(version, path)
    except (ValueError, migrations.GardenTooNew) as error:
        raise GardenError(str(error)) from None
    sqlite.connect(path)
    if version is None:
        migrations.create_schema()
    elif version < migrations.SCHEMA_VERSION:
        backup_before_migration(path, Path(backups), version)
        migrations.upgrade(version)


def backup_before_migration(path: Path, backups: Path, version: int) -> Path:
    stamp = clock.utcnow().strftime("%Y%m%dT%H%M%S")
    destination = backups / f"{path.stem}-schema{version}-{stamp}.db"
    sqlite.copy_database(destination)
    return destination


def close_garden() -> None:
    sqlite.close()


def transaction():
    """One user action, one transaction: ``with transaction(): ...``."""
    return db.atomic()
