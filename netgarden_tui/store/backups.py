"""Backups: consistent copies of the open garden, kept, listed, pruned and restored.

A garden file is copied with SQLite's online backup (other sessions go on writing), into
a temporary file in the backups folder (0700; the file 0600), turned into one
self-contained file (no -wal beside it), checked with ``PRAGMA integrity_check``, and only
then renamed into place: a full disk or a kill leaves no 0-byte or half copy, only a
``.part`` that the next backup clears away. A garden on a server is written the same way
as a JSON export of every table from one consistent read (store/json_dump.py), into this
machine's backups folder for that database, and restored by replacing the garden's rows
with the file's in one transaction.

Names say which garden, when and why: ``garden-20261205T091500-daily.db``, or ``.json``
for a garden on a server. Pruning keeps the newest copy of each of the last ``daily``
days, and of each of the last ``weekly`` ISO weeks; the rest go.
"""

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.files import sync_folder
from netgarden_tui.locations import GardenAddress, on_server
from netgarden_tui.store import dump, json_dump, sqlite

FILE_SUFFIX, SERVER_SUFFIX = ".db", ".json"
# A server garden's backups folder is its database's alone (locations.locate).
SERVER_STEM = "garden"
STAMP = "%Y%m%dT%H%M%S"
NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6})-(?P<reason>[a-z0-9-]+)"
                  r"(?:\.db|\.json)$")


class BackupError(Exception):
    """A copy that could not be made or used; str() is one line for the user."""


class Backup(NamedTuple):
    path: Path
    taken_at: pendulum.DateTime  # UTC
    reason: str  # daily, manual, schema6 (before a migration), before-restore, before-repair
    size: int  # bytes

    @property
    def contacts(self) -> int | None:
        """How many contacts it holds (None: it can't be read)."""
        if self.path.suffix == SERVER_SUFFIX:
            return (json_dump.counts_at_end(self.path) or {}).get("contact")
        return sqlite.contact_count(self.path)


def take(garden: GardenAddress, folder: Path, reason: str) -> Path:
    """A checked copy of the open garden in ``folder``; its path. BackupError when the
    copy cannot be written or does not pass its check (nothing is left behind)."""
    destination = _named(garden, folder, reason)
    _clear_leftovers(folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.",
                                         suffix=".part")
    os.close(handle)
    try:
        _copy_open_garden(garden, Path(temporary))
        os.replace(temporary, destination)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"could not write a backup in {folder}: "
                          f"{_reason(error)}; nothing was left behind") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    sync_folder(folder)
    return destination


def _copy_open_garden(garden: GardenAddress, temporary: Path) -> None:
    """The open garden into the file ``temporary``: a checked SQLite copy of a garden
    file, a JSON export of a garden on a server."""
    if on_server(garden):
        with temporary.open("w", encoding="utf-8") as out:
            json_dump.write(out)
            out.flush()
            os.fsync(out.fileno())
        return
    sqlite.copy_into(temporary)
    found = problems(temporary)
    if found:
        more = f", and {len(found) - 1} more" if len(found) > 1 else ""
        raise BackupError(f"the copy failed its check ({found[0]}{more}); the garden itself "
                          "may be damaged: run netgarden check")


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "the disk is full" if "full" in str(error).lower() else str(error)


def problems(path: Path) -> list[str]:
    """What is wrong with a backup file ([] when it passes its check: SQLite's for a
    copy of a file, ending whole for a JSON export)."""
    if path.suffix != SERVER_SUFFIX:
        return sqlite.file_problems(path)
    if json_dump.counts_at_end(path) is None:
        return ["it does not end as a whole export does (cut short?)"]
    return []


def keep_file(garden: Path, folder: Path, reason: str) -> Path:
    """A byte-for-byte copy of a garden that cannot be opened (to keep, not to restore)."""
    destination = _named(garden, folder, reason)
    try:
        _copy_into_place(garden, destination)
    except OSError as error:
        raise BackupError(f"could not keep a copy of {garden.name} in {folder}: "
                          f"{error.strerror or error}; nothing was changed") from None
    return destination


def _named(garden: GardenAddress, folder: Path, reason: str) -> Path:
    """Where a backup taken now goes (the folder made, 0700, if need be)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem, suffix = _stem_and_suffix(garden)
    return folder / f"{stem}-{clock.utcnow().strftime(STAMP)}-{reason}{suffix}"


def _stem_and_suffix(garden: GardenAddress) -> tuple[str, str]:
    """How a garden's backups are named: after its file, ``.db``; on a server, ``.json``."""
    if on_server(garden):
        return SERVER_STEM, SERVER_SUFFIX
    return Path(garden).stem, FILE_SUFFIX


def _copy_into_place(source: Path, destination: Path) -> None:
    """A byte-for-byte copy of ``source``, written beside ``destination`` (0600) and
    renamed over it: there is the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(dir=destination.parent,
                                         prefix=f".{destination.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as read:
            shutil.copyfileobj(read, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, destination)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    sync_folder(destination.parent)


def listing(garden: GardenAddress, folder: Path) -> list[Backup]:
    """The backups of this garden in ``folder``, newest first."""
    stem, suffix = _stem_and_suffix(garden)
    paths = folder.glob(f"{stem}-*{suffix}") if folder.is_dir() else ()
    found = [described(path) for path in paths
             if (match := NAME.match(path.name)) and match["stem"] == stem]
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def described(path: Path) -> Backup | None:
    """A backup file as its name describes it (None: not a name a backup has)."""
    match = NAME.match(path.name)
    if match is None:
        return None
    taken = pendulum.from_format(match["stamp"], "YYYYMMDDTHHmmss", tz="UTC")
    return Backup(path, taken, match["reason"], path.stat().st_size)


def taken_today(garden: GardenAddress, folder: Path) -> bool:
    today = clock.today()
    return any(backup.taken_at.in_timezone(clock.now().timezone).date() == today
               for backup in listing(garden, folder))


def prune(garden: GardenAddress, folder: Path, *, daily: int, weekly: int) -> list[Path]:
    """Delete all but the newest daily backup of each of the last ``daily`` days and of
    each of the last ``weekly`` weeks (local time); the paths deleted. Backups taken for a
    reason (by hand, before a migration, a restore or a repair) stay until you delete them."""
    kept_days, kept_weeks, deleted = set(), set(), []
    for backup in listing(garden, folder):  # newest first
        if backup.reason != "daily":
            continue
        local = backup.taken_at.in_timezone(clock.now().timezone)
        day, week = local.date(), local.isocalendar()[:2]
        keep = False
        if day not in kept_days and len(kept_days) < daily:
            kept_days.add(day)
            keep = True
        if week not in kept_weeks and len(kept_weeks) < weekly:
            kept_weeks.add(week)
            keep = True
        if not keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def restore(backup: Path, garden: Path) -> None:
    """Put ``backup`` in the place of the garden file (closed), and take away the garden's
    -wal and -shm, which belong to the file it replaces. BackupError for a backup that
    fails its check."""
    found = problems(backup)
    if found:
        raise BackupError(f"{backup.name} fails its check ({found[0]}): not restored")
    try:
        _copy_into_place(backup, garden)
    except OSError as error:
        raise BackupError(f"could not restore {backup.name}: {error.strerror or error}; "
                          "the garden is as it was") from None
    for stray in (Path(f"{garden}-wal"), Path(f"{garden}-shm")):
        stray.unlink(missing_ok=True)


def restore_rows(backup: Path, garden: GardenAddress, folder: Path) -> Path:
    """Replace the rows of the open garden (on a server) with a JSON backup's, in one
    transaction, each table's count checked against the one the file ends with; before
    that, once the backup has been read, a before-restore backup of the rows as they are
    (its path). BackupError for a backup that cannot be read or loaded: then the garden
    is as it was."""
    try:
        dumped = json_dump.read(backup)
        kept = take(garden, folder, "before-restore")
        dump.load_tables(dumped.tables, expected=dumped.rows, replacing=True)
    except dump.DumpError as error:
        raise BackupError(f"{backup.name} not restored: {error}; the garden is as it "
                          "was") from None
    return kept


def _clear_leftovers(folder: Path) -> None:
    """Half copies a kill or a full disk left behind."""
    for part in folder.glob(".*.part"):
        part.unlink(missing_ok=True)
