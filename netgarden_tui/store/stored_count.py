"""Today's count of Due items, kept in the garden as SQL the standard library can run.

``netgarden due --count`` runs every few seconds in a status line, and loading the
garden's rules (peewee, pendulum, garden/queue.py) takes far longer than counting. So
the full path (garden/queue.py ``due_count``) writes the one statement that counts, with
its parameters, into the setting ``due_count``, and the quick path (quick.py) runs it
again with ``sqlite3`` alone, for as long as it holds:

- the same day, the same offset from UTC, the same netgarden (its version, and the files
  that write the statement as they were) and the same config file (``validity``): the
  statement holds the day's dates and the config's numbers;
- the settings the count rests on (the schema version, the regroup review's) unchanged:
  the statement checks them itself and gives no row otherwise;
- "now" is the one parameter filled in at each run (``now_at``: meetings over no longer
  count).

The rest (contacts, follow-ups, meetings...) the statement reads as they are at each run.
Anything else, or anything amiss, and the quick path says nothing: the full path counts.
Only the standard library here: the quick path imports this module.
"""

import json
import sqlite3
from pathlib import Path
from typing import NamedTuple

from netgarden_tui import __version__

SETTING_KEY = "due_count"
MMAP_BYTES = 256 * 1024 * 1024


class CountStatement(NamedTuple):
    sql: str  # one row, one number; no row when a setting it rests on changed
    params: list  # the value at ``now_at`` is a placeholder
    now_at: int  # which parameter is now: whole seconds since 1970 (UTC)

    def with_now(self, now: int) -> list:
        params = list(self.params)
        params[self.now_at] = now
        return params


# The code that writes the statement, by its files' modification times: a netgarden
# changed without a new version number (installed from a working copy) writes it anew.
WRITTEN_BY = ("store/due.py", "store/sqlite.py", "store/migrations.py", "store/stored_count.py",
              "garden/queue.py")


def validity(day: str, utc_offset: int, config_fingerprint: str | None) -> str | None:
    """What a stored statement holds for (None: nothing, as without a config file)."""
    if config_fingerprint is None:
        return None
    package = Path(__file__).parent.parent
    try:
        code = max((package / name).stat().st_mtime_ns for name in WRITTEN_BY)
    except OSError:
        return None
    return f"{day} {utc_offset} {__version__} {code} {config_fingerprint}"


def encode(valid_for: str, statement: CountStatement) -> str:
    return json.dumps({"valid_for": valid_for, **statement._asdict()})


def read(database: Path, valid_for: str, now: int) -> int | None:
    """The stored count run again, if it holds for ``valid_for``; else None."""
    try:
        uri = f"{Path(database).resolve().as_uri()}?mode=ro"  # as_uri escapes ?, # and %
        connection = sqlite3.connect(uri, uri=True)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        # The pages read straight from the system's file cache: a few ms less on a
        # 100,000-contact garden, for a count run every few seconds.
        connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        row = connection.execute("SELECT value FROM setting WHERE key = ?",
                                 (SETTING_KEY,)).fetchone()
        if row is None:
            return None
        stored = json.loads(row[0])
        if stored.get("valid_for") != valid_for:
            return None
        statement = CountStatement(stored["sql"], stored["params"], stored["now_at"])
        counted = connection.execute(statement.sql, statement.with_now(now)).fetchone()
    except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError):
        return None
    finally:
        connection.close()
    return counted[0] if counted is not None and isinstance(counted[0], int) else None
