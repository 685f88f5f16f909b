"""Moving a garden (`netgarden copy SOURCE DEST`): every table of one garden into a new or
empty other, each a SQLite file or a database on a PostgreSQL server, either way.

One garden is open at a time in a process (the store's one database), so SOURCE is
written out first, as a JSON export from one consistent read (store/json_dump.py), into a
private temporary file; then DEST is opened and loaded from it in one transaction, which
commits only if each of its tables holds as many rows as SOURCE's did.
"""

import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.locations import Locations, on_server, shown
from netgarden_tui.store import check, database, dump, json_dump


# The private folder a copy carries its garden through: a copy killed mid-way leaves its
# whole garden there, which the next copy takes away (_clear_left_behind).
CARRIER_PREFIX = "netgarden-copy-"


class CopyReport(NamedTuple):
    rows: dict[str, int]  # each table's rows, as many in DEST as in SOURCE
    notices: list[str]  # what opening the gardens said (a file made private...)


def copy_garden(source: Locations, destination: Locations) -> CopyReport:
    """Copy the garden at ``source`` into ``destination``: a file not made yet, or a
    garden with nothing in it but what opening one writes (a new database gets one).

    InvalidInput (one line) for a DEST with a garden in it, a SOURCE not there, or one
    with dates PostgreSQL could not work with, going to a server. Nothing is left in DEST
    when the copy fails: its transaction rolls back, and a file made for it is removed.
    """
    if _same(source.database, destination.database):
        raise InvalidInput(f"{shown(source.database)} is both SOURCE and DEST")
    notices = _look_at_destination(destination)
    _clear_left_behind()
    with tempfile.TemporaryDirectory(prefix=f"{CARRIER_PREFIX}{os.getpid()}-") as folder:
        carried = Path(folder) / "garden.json"
        rows, opened = _write_out(source, carried, to_server=on_server(destination.database))
        loaded = _load(destination, carried, rows)
    return CopyReport(rows, [*notices, *opened, *loaded])


def _clear_left_behind() -> None:
    """Take away what copies killed mid-way left in the temporary folder: theirs (this
    user's), and only once their process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{CARRIER_PREFIX}*"):
        pid = folder.name.removeprefix(CARRIER_PREFIX).partition("-")[0]
        try:
            if folder.stat().st_uid != os.getuid() or not pid.isdigit() or _running(int(pid)):
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _same(first, second) -> bool:
    if on_server(first) or on_server(second):
        # postgres:// and postgresql:// name the same database
        return on_server(first) == on_server(second) and (
            first.partition("://")[2] == second.partition("://")[2])
    return Path(first).resolve() == Path(second).resolve()


def _look_at_destination(destination: Locations) -> list[str]:
    """Refuse a DEST with a garden in it before SOURCE is read (a file is not made yet)."""
    if not on_server(destination.database) and not destination.database.exists():
        return []
    notices = _open(destination)
    try:
        _refuse_a_garden_in(destination)
    finally:
        database.close_garden()
    return notices


def _open(locations: Locations) -> list[str]:
    return database.open_garden(locations.database, locations.backups)


def _refuse_a_garden_in(destination: Locations) -> None:
    where = shown(destination.database)
    if database.is_read_only():
        raise InvalidInput(f"{where} is read-only here: nothing can be copied into it")
    if not dump.is_empty():
        raise InvalidInput(f"{where} holds a garden already: copy needs a new file or an "
                           "empty database")


def _write_out(source: Locations, carried: Path, *,
               to_server: bool) -> tuple[dict[str, int], list[str]]:
    """SOURCE as a JSON export in the file ``carried`` (0600); its rows by table, and what
    opening it said."""
    if not on_server(source.database) and not source.database.exists():
        raise InvalidInput(f"no garden at {source.database}")
    notices = _open(source)
    try:
        if to_server:
            _refuse_unreadable_dates(source)
        handle = os.open(carried, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(handle, "w", encoding="utf-8") as out:
            rows = json_dump.write(out)
    finally:
        database.close_garden()
    return rows, notices


def _refuse_unreadable_dates(source: Locations) -> None:
    """A date that does not read as a day would make PostgreSQL's date arithmetic fail."""
    dates = check.date_problems()
    if dates:
        more = f", and {len(dates) - 1} more" if len(dates) > 1 else ""
        raise InvalidInput(f"{shown(source.database)} has dates a server garden cannot use "
                           f"({dates[0].text}{more}): run netgarden check --repair --db "
                           f"{shown(source.database)} first")


def _load(destination: Locations, carried: Path, rows: dict[str, int]) -> list[str]:
    """DEST loaded from ``carried`` in one transaction that holds only with ``rows`` rows
    in each table; what opening it said. A file made for it goes again on failure."""
    made = not on_server(destination.database) and not destination.database.exists()
    try:
        notices = _open(destination)
        try:
            _refuse_a_garden_in(destination)  # written to since it was looked at
            dump.load_tables(json_dump.read(carried).tables, expected=rows)
        finally:
            database.close_garden()
    except BaseException as error:
        if made:
            _remove(destination.database)
        if isinstance(error, dump.DumpError):
            raise InvalidInput(f"nothing was copied to {shown(destination.database)}: "
                               f"{error}") from None
        raise
    return notices


def _remove(path: Path) -> None:
    """A garden file this copy made, and what SQLite keeps beside it."""
    for leftover in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
