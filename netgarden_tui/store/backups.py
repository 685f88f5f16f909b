"""Backups: consistent copies of the open garden, kept, listed, pruned and restored.

A copy is made with SQLite's online backup (other sessions go on writing), into a
temporary file in the backups folder (0700; the file 0600), turned into one self-contained
file (no -wal beside it), checked with ``PRAGMA integrity_check``, and only then renamed
into place: a full disk or a kill leaves no 0-byte or half copy, only a ``.part`` that the
next backup clears away.

Names say which garden, when and why: ``garden-20261205T091500-daily.db``. Pruning keeps
the newest copy of each of the last ``daily`` days, and of each of the last ``weekly``
ISO weeks; the rest go.
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
from netgarden_tui.store import sqlite

SUFFIX = ".db"
STAMP = "%Y%m%dT%H%M%S"
NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6})-(?P<reason>[a-z0-9-]+)\.db$")


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
        return sqlite.contact_count(self.path)


def take(garden: Path, folder: Path, reason: str) -> Path:
    """A checked copy of the open garden in ``folder``; its path. BackupError when the
    copy cannot be written or does not pass its check (nothing is left behind)."""
    destination = _named(garden, folder, reason)
    _clear_leftovers(folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.",
                                         suffix=".part")
    os.close(handle)
    try:
        sqlite.copy_into(Path(temporary))
        found = problems(Path(temporary))
        if found:
            raise BackupError(f"the copy failed its check ({found[0]}); the garden itself "
                              "may be damaged: run netgarden check")
        os.replace(temporary, destination)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"could not write a backup in {folder}: "
                          f"{_reason(error)}; nothing was left behind") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    sync_folder(folder)
    return destination


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return "the disk is full" if "full" in str(error).lower() else str(error)


def problems(path: Path) -> list[str]:
    """What is wrong with a backup file ([] when it passes its check)."""
    return sqlite.file_problems(path)


def keep_file(garden: Path, folder: Path, reason: str) -> Path:
    """A byte-for-byte copy of a garden that cannot be opened (to keep, not to restore)."""
    destination = _named(garden, folder, reason)
    try:
        _copy_into_place(garden, destination)
    except OSError as error:
        raise BackupError(f"could not keep a copy of {garden.name} in {folder}: "
                          f"{error.strerror or error}; nothing was changed") from None
    return destination


def _named(garden: Path, folder: Path, reason: str) -> Path:
    """Where a backup taken now goes (the folder made, 0700, if need be)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{garden.stem}-{clock.utcnow().strftime(STAMP)}-{reason}{SUFFIX}"


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


def listing(garden: Path, folder: Path) -> list[Backup]:
    """The backups of this garden in ``folder``, newest first."""
    paths = folder.glob(f"{garden.stem}-*{SUFFIX}") if folder.is_dir() else ()
    found = [described(path) for path in paths
             if (match := NAME.match(path.name)) and match["stem"] == garden.stem]
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def described(path: Path) -> Backup | None:
    """A backup file as its name describes it (None: not a name a backup has)."""
    match = NAME.match(path.name)
    if match is None:
        return None
    taken = pendulum.from_format(match["stamp"], "YYYYMMDDTHHmmss", tz="UTC")
    return Backup(path, taken, match["reason"], path.stat().st_size)


def taken_today(garden: Path, folder: Path) -> bool:
    today = clock.today()
    return any(backup.taken_at.in_timezone(clock.now().timezone).date() == today
               for backup in listing(garden, folder))


def prune(garden: Path, folder: Path, *, daily: int, weekly: int) -> list[Path]:
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


def _clear_leftovers(folder: Path) -> None:
    """Half copies a kill or a full disk left behind."""
    for part in folder.glob(".*.part"):
        part.unlink(missing_ok=True)
