"""The folder itself: which files are cards, where each stood, and writing one as the vdir
format asks (a hidden temporary file in the folder, then a rename), never over a file that
changed since it was read.

A vdir (https://vdirsyncer.pimutils.org/en/stable/vdir.html) is a folder of ``.vcf``
files, one card each; vdirsyncer keeps metadata beside them in files named
``displayname`` and ``color``, and its own temporary files are hidden. A folder of
folders (an address book per folder, as vdirsyncer's config makes them) is not one, nor
is a folder of other files.
"""

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from netgarden_tui.files import sync_folder
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.importing.vcard import VCARD_SUFFIXES

METADATA = {"displayname", "color", "description", "meta"}  # vdirsyncer's, beside the cards
FSYNC_EACH_UP_TO = 50  # cards flushed one by one; more, and the system syncs once
SETTLED_NS = 2_000_000_000  # a file changed this recently may change again in the same tick


class Stat(NamedTuple):
    """Where a file stood: changed when any of these did."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> "Stat":
        return cls(result.st_mtime_ns, result.st_size, result.st_ino)

    def stamp(self, now_ns: int) -> str | None:
        """What is kept of it, or None when it is too fresh to be told from a change
        made within the same tick of the clock (the next run then reads it)."""
        if now_ns - self.mtime_ns < SETTLED_NS:
            return None
        return f"{self.mtime_ns}:{self.size}:{self.inode}"


class Changed(Exception):
    """The file changed since it was read (or appeared, or went): left for the next run."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def cards(folder: Path) -> dict[str, Stat]:
    """The cards of a vdir by file name, with where each stood; InvalidInput (one line)
    for a folder that is not there or is not a vdir."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        raise InvalidInput(f"{folder}: no such folder (a vdir is a folder of .vcf files; "
                           "vdirsyncer makes it, or mkdir it)") from None
    except NotADirectoryError:
        raise InvalidInput(f"{folder} is a file, not a folder of cards (a vdir)") from None
    except OSError as error:
        raise InvalidInput(f"can't read {folder}: {error.strerror or error}") from None
    found, folders, others = {}, [], []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                folders.append(entry)
            elif entry.name.lower().endswith(VCARD_SUFFIXES) and entry.is_file():
                found[entry.name] = Stat.of(entry.stat())
            elif entry.name not in METADATA:
                others.append(entry.name)
        except OSError:  # gone since the folder was listed: not a card now
            continue
    if not found:
        _refuse_non_vdir(folder, folders, others)
    return found


def _refuse_non_vdir(folder: Path, folders, others: list[str]) -> None:
    books = sorted(entry.name for entry in folders if _holds_cards(entry.path))
    if books:
        shown = ", ".join(books[:3]) + (", ..." if len(books) > 3 else "")
        raise InvalidInput(f"{folder} is not a vdir: its cards are in the folders in it "
                           f"({shown}); sync one of those")
    if others:
        shown = ", ".join(sorted(others)[:3]) + (", ..." if len(others) > 3 else "")
        raise InvalidInput(f"{folder} is not a vdir: it holds no .vcf files but other "
                           f"files ({shown})")


def _holds_cards(path: str) -> bool:
    with contextlib.suppress(OSError):
        with os.scandir(path) as entries:
            return any(entry.name.lower().endswith(VCARD_SUFFIXES) for entry in entries)
    return False


@contextlib.contextmanager
def held(folder: Path) -> Iterator[None]:
    """The folder to this run alone: another `netgarden sync` of it (a cron job that ran
    long, a garden on a server synced from two sessions) waits for none, and says so. The
    lock is on the folder itself: nothing is written into it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # not there, or not a folder: cards() says which
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InvalidInput(f"another netgarden sync of {folder} is running: nothing "
                               "done (the next run will do it)") from None
        except OSError:
            pass  # a file system without locks: as before them
        yield
    finally:
        os.close(handle)


def read(folder: Path, name: str, seen: Stat) -> bytes:
    """A card's bytes; Changed when it is no longer as ``seen`` (or changed while read),
    OSError when it cannot be read."""
    try:
        with open(folder / name, "rb") as handle:
            before = Stat.of(os.fstat(handle.fileno()))
            data = handle.read()
            after = Stat.of(os.fstat(handle.fileno()))
    except FileNotFoundError:
        raise Changed("gone while it was read") from None
    if before != seen or after != seen:
        raise Changed("changed while it was read")
    return data


class Staged(NamedTuple):
    """A card written to its hidden temporary file, not yet renamed into place."""

    temporary: Path
    target: Path
    seen: Stat | None  # where the target stood when read; None: a new card


def stage(folder: Path, name: str, text: str, seen: Stat | None) -> Staged:
    """Write a card's text to a hidden temporary file beside it, readable by you only (the
    vdir format's way: other programs pass over hidden files); OSError when it can't be."""
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)  # left by a run that was killed
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(handle, "wb") as out:
            out.write(text.encode("utf-8"))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return Staged(temporary, folder / name, seen)


def flush(staged: list[Staged]) -> None:
    """Put what was staged on the disk before anything is renamed, so a power cut never
    leaves a card half written: one file at a time, or for many, the system's one sync
    (10,000 fsyncs would take a minute on a disk)."""
    if len(staged) > FSYNC_EACH_UP_TO:
        os.sync()
        return
    for one in staged:
        handle = os.open(one.temporary, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def commit(one: Staged) -> Stat:
    """Rename a staged card into place and return where it stands; Changed when the file
    is not as it was read (or a new one's name was taken meanwhile): the staged file is
    then dropped."""
    try:
        if one.seen is None:
            _link_new(str(one.temporary), one.target)
        else:
            _check(one.target, one.seen)
            os.replace(one.temporary, one.target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(one.temporary)
    return Stat.of(os.stat(one.target))


def discard(staged: list[Staged]) -> None:
    for one in staged:
        with contextlib.suppress(OSError):
            os.unlink(one.temporary)


def write(folder: Path, name: str, text: str, seen: Stat | None) -> Stat:
    """Write one card whole (stage, flush, commit); ``seen``: where the file stood when
    read, or None for a new card; Changed if it is not so now."""
    staged = stage(folder, name, text, seen)
    flush([staged])
    return commit(staged)


def _link_new(temporary: str, target: Path) -> None:
    """Put a new card in place, never over a file that appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise Changed("a file of that name appeared meanwhile") from None
    except OSError:  # a file system without hard links: the rename, after a last look
        if target.exists():
            raise Changed("a file of that name appeared meanwhile") from None
        os.replace(temporary, target)


def _check(target: Path, seen: Stat) -> None:
    try:
        now = Stat.of(os.stat(target))
    except FileNotFoundError:
        raise Changed("deleted meanwhile") from None
    if now != seen:
        raise Changed("changed meanwhile")


def remove(folder: Path, name: str, seen: Stat) -> None:
    """Delete a card that is still as ``seen``; Changed if it is not."""
    target = folder / name
    _check(target, seen)
    os.unlink(target)


def settle(folder: Path) -> None:
    """Make the renames and deletions of a run survive a power cut."""
    sync_folder(folder)


def now_ns() -> int:
    return time.time_ns()
