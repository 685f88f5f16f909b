"""The whole garden as one JSON document, netgarden's own format: what ``netgarden export``
writes (garden/export.py), what a garden on a server is backed up as (store/backups.py),
and how ``netgarden copy`` carries a garden from one engine to the other.

It holds every table of a dump (store/dump.py) as stored, and loads back into an empty
garden losslessly. It looks like::

    {"format": "netgarden", "version": 1, "schema": 11, "exported_at": "...", "tables": {
    "contact": {"columns": ["id", ...], "rows": [[1, ...], ...]}, ...
    },
    "rows": {"contact": 60, ...}}

Rows are lists in column order rather than objects: half the size, twice as fast to write.
``version`` is this file format's; ``schema`` the garden's, so a newer netgarden can read
an older export (a column it lacks gets its default). ``rows``, on the last line, counts
each table's rows as written (exports older than it end without): a file that ends with
it is whole, and a list of backups reads their contacts from that line alone.
"""

import json
import os
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path
from typing import NamedTuple, TextIO

from netgarden_tui import clock
from netgarden_tui.store import dump, queries
from netgarden_tui.store.migrations import SCHEMA_KEY, SCHEMA_VERSION

FORMAT_NAME = "netgarden"
FORMAT_VERSION = 1
CHUNK = 10_000  # rows per json.dumps call: one C-encoder call instead of one per row
TAIL_BYTES = 8192  # enough for the last line's counts

Progress = Callable[[float], None]


class Dump(NamedTuple):
    """A JSON document read back: its tables, and their rows as counted when it was
    written (None for an export older than the counts)."""

    tables: dict[str, dump.Table]
    rows: dict[str, int] | None


def write(out: TextIO, *, progress: Progress | None = None) -> dict[str, int]:
    """Every table of the open garden, as stored, to ``out``; how many rows each had.

    Streamed a chunk of rows at a time, from one consistent read, so a garden of a million
    touches never sits in memory twice. ``progress`` hears a fraction after each table.
    """
    report = progress or (lambda fraction: None)
    counts = {}
    with dump.dumped_tables() as tables:
        header = {"format": FORMAT_NAME, "version": FORMAT_VERSION,
                  "schema": int(queries.setting(SCHEMA_KEY)),
                  "exported_at": clock.utcnow().isoformat()}
        out.write(json.dumps(header)[:-1] + ', "tables": {')
        for number, (name, table) in enumerate(tables.items()):
            out.write(f'{"," if number else ""}\n{json.dumps(name)}: '
                      f'{{"columns": {json.dumps(list(table.columns))}, "rows": [')
            counts[name] = _write_rows(out, table.rows)
            out.write("]}")
            report((number + 1) / len(tables))
    out.write(f'\n}},\n"rows": {json.dumps(counts)}}}\n')
    return counts


def _write_rows(out: TextIO, rows: Iterable) -> int:
    rows, total = iter(rows), 0
    while chunk := list(islice(rows, CHUNK)):
        out.write(("," if total else "") + "\n" + json.dumps(chunk, ensure_ascii=False)[1:-1])
        total += len(chunk)
    return total


def read(path: Path) -> Dump:
    """A netgarden JSON document, read whole; DumpError naming what is wrong with it (a
    table this schema does not have, too)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as error:
        raise dump.DumpError(f"cannot read {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise dump.DumpError(f"{path} is not a JSON file ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise dump.DumpError(f"{path} is not a netgarden JSON export")
    version, schema = data.get("version"), data.get("schema")
    if not isinstance(version, int) or not isinstance(schema, int):
        raise dump.DumpError(f"{path} has no format version or schema number")
    if version > FORMAT_VERSION or schema > SCHEMA_VERSION:
        raise dump.DumpError(f"{path} was written by a newer netgarden (format {version}, "
                             f"schema {schema}); upgrade netgarden to import it")
    tables, rows = data.get("tables"), data.get("rows")
    if not isinstance(tables, dict):
        raise dump.DumpError(f"{path} holds no tables")
    if rows is not None and not (isinstance(rows, dict)
                                 and all(isinstance(count, int) for count in rows.values())):
        raise dump.DumpError(f"{path}: its row counts are not numbers")
    try:
        dump.check_tables(tables)
    except dump.DumpError as error:
        raise dump.DumpError(f"{path}: {error}") from None
    return Dump({name: _table(path, name, table) for name, table in tables.items()}, rows)


def _table(path: Path, name: str, table) -> dump.Table:
    columns = table.get("columns") if isinstance(table, dict) else None
    rows = table.get("rows") if isinstance(table, dict) else None
    if (not isinstance(columns, list) or not all(isinstance(c, str) for c in columns)
            or not isinstance(rows, list)):
        raise dump.DumpError(f"{path}: table {name!r} needs a list of columns and a list "
                             "of rows")
    return dump.Table(columns, rows)


def counts_at_end(path: Path) -> dict[str, int] | None:
    """The row counts a JSON document ends with, from its last line alone (None: a file
    that does not end with them: cut short, not one, or older than the counts)."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, handle.seek(0, os.SEEK_END) - TAIL_BYTES))
            last = handle.read().rstrip(b"\n").rpartition(b"\n")[2]
        counts = json.loads(b"{" + last)["rows"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return counts if isinstance(counts, dict) else None
