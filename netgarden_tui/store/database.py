"""Opening a garden: create it privately, refuse one too new, migrate one too old."""

from pathlib import Path

from peewee import OperationalError

from netgarden_tui import clock
from netgarden_tui.store import migrations, sqlite
from netgarden_tui.store.models import db


class GardenError(Exception):
    """A garden that cannot be opened; str() is one line for the user."""


# The database said no (locked by a long write elsewhere, disk full, unreadable): callers
# catch this one name instead of importing the ORM.
StoreError = OperationalError


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
