"""Everything SQLite-only lives here: pragmas, file handling, FTS5 search, date arithmetic,
the undo journal's triggers: the names of backend.ENGINE_NAMES, as postgres.py defines them
for a garden on a server, and what opening and copying a garden file needs.
"""

import os
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

from peewee import (
    SQL, Cast, DatabaseError, Expression, ForeignKeyField, IntegerField, Model, SqliteDatabase,
    TextField, fn,
)
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from netgarden_tui.store.models import (
    MARKS, Contact, Interaction, InteractionContact, UndoContact, UndoEntry, db,
)

BUSY_SECONDS = 30
DIFFERS = "IS NOT"  # the operator saying two values differ, NULL being a value
SAME = "IS"  # and the one saying they do not
INTEGER_BOOLEANS = True  # 0 and 1 are a boolean column's values
PRAGMAS = {  # in this order: the busy wait first, so even switching to WAL waits its turn
    # How long a writer (or an opening) waits for another one, SQLite retrying with backoff,
    # before giving up: four writers in tight loops all get in.
    "busy_timeout": BUSY_SECONDS * 1000,
    "journal_mode": "wal",  # readers never block the writer: two SSH sessions at once
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32_000,  # KiB
    # Read the file through memory the system shares: each worker thread has a connection
    # of its own, whose page cache starts empty; mapped pages are warm for all of them.
    "mmap_size": 1 << 30,
}

# IMMEDIATE: a write transaction takes the write lock when it begins, so a second writer
# (another SSH session) waits out the busy timeout instead of failing on a lock upgrade.
sqlite_db = SqliteDatabase(None, lock_type="IMMEDIATE")


class ContactSearch(FTS5Model):
    """Full-text index over names, company and role, notes and facts; rowid = contact id."""

    rowid = RowIDField()
    names = SearchField()
    work = SearchField()
    notes = SearchField()

    class Meta:
        database = db
        table_name = "contact_search"
        # remove_diacritics folds accents: "Zoe" finds "Zoë".
        options = {"tokenize": "unicode61 remove_diacritics 2", "prefix": "2 3"}


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (folder 0700).

    SQLite gives its -wal and -shm files the same mode as the database.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def connect(path: Path, *, read_only: bool = False) -> None:
    """Connect to the garden at ``path``; ``read_only`` for a file on media this process
    cannot write (nothing is locked or created beside it: SQLite's immutable mode)."""
    if read_only:
        pragmas = {key: value for key, value in PRAGMAS.items() if key != "journal_mode"}
        sqlite_db.init(read_only_uri(path), uri=True, pragmas=pragmas)
    else:
        sqlite_db.init(str(path), pragmas=PRAGMAS)
    db.initialize(sqlite_db)
    sqlite_db.connect(reuse_if_open=True)


def read_only_uri(path: Path) -> str:
    return f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"


def is_read_only() -> bool:
    """Whether the open garden was opened read-only."""
    return "mode=ro" in (sqlite_db.database or "")


def close() -> None:
    if not sqlite_db.is_closed():
        sqlite_db.close()


def stored_schema_version(path: Path) -> int | None:
    """Read the schema version without changing the file (read-only, no pragmas).

    None for a file with no garden in it yet.

    Even a read-only connection to a WAL database creates -wal and -shm files beside it
    and leaves them there; with no -wal file (no other session has it open, nothing
    waiting in a log) the file is read as immutable, so a refused garden is left as found.
    """
    path = Path(path)
    mode = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    uri = f"{path.resolve().as_uri()}?{mode}"  # as_uri() escapes "?", "#" and "%"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "setting" not in tables:
                if tables:  # another program's database: never add a garden to it
                    raise ValueError(f"{path} is not a netgarden database (it holds other tables)")
                return None
            row = conn.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as error:
        raise ValueError(f"cannot read {path} ({error})") from error
    except sqlite3.DatabaseError as error:
        raise ValueError(f"{path} is not a netgarden database ({error})") from error
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        raise ValueError(f"{path} is damaged: its schema version {row[0]!r} is not a "
                         "number") from None


def copy_into(destination: Path) -> None:
    """A consistent copy of the open database (SQLite's online backup: other sessions go on
    writing) into the existing file ``destination``, as one self-contained file (the rollback
    journal, not WAL, so nothing is left beside it)."""
    with closing(sqlite3.connect(destination)) as target:
        sqlite_db.connection().backup(target)
        target.execute("PRAGMA journal_mode = DELETE")


def file_problems(path: Path) -> list[str]:
    """What SQLite's integrity check finds wrong with a garden file that is not open here
    ([] when it is sound; a file that is no database at all says so)."""
    try:
        with _reading(path) as conn:
            return _integrity(conn.execute("PRAGMA integrity_check"))
    except sqlite3.DatabaseError as error:
        return [str(error)]


def contact_count(path: Path) -> int | None:
    """How many contacts a garden file that is not open here holds (None: it can't say)."""
    try:
        with _reading(path) as conn:
            return conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def _reading(path: Path):
    """A read-only connection to a garden file that is not open here, closed after."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def _integrity(rows) -> list[str]:
    """PRAGMA integrity_check's rows as problems, one a line: [] for its one "ok". (A row
    may hold several lines, under a "*** in database main ***" heading; a file damaged
    enough stops the check part way, which is one more problem.)"""
    found = []
    try:
        for row in rows:
            found += [line for line in row[0].splitlines() if line and not line.startswith("*** ")]
    except (sqlite3.DatabaseError, DatabaseError) as error:
        found.append(str(error))
    return [] if found == ["ok"] else found


class ChangeWatcher:
    """Notices what other connections commit: SQLite's ``PRAGMA data_version`` changes when
    any other connection (another process, or this one's worker threads) has written, and
    reading it costs microseconds, so it can be asked every second."""

    def __init__(self, path: Path):
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        if is_read_only():  # nothing can write it: nothing to watch, and no -shm to share
            uri = read_only_uri(path)
        self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._seen = self._version()

    def _version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """Whether anything was committed since the last time this was asked."""
        version = self._version()
        changed, self._seen = version != self._seen, version
        return changed

    def close(self) -> None:
        self._connection.close()


def prepare_schema() -> None:
    """What the tables need made before them: nothing, on SQLite."""


def finish_schema() -> None:
    """What goes beside the new tables: nothing, on SQLite (each connection makes its own
    undo triggers, as TEMP ones: install_undo_triggers)."""


def new_ids(model, count: int) -> list[int]:
    """Ids for ``count`` rows about to be written with them: the ones SQLite would give
    (the writing transaction holds the write lock, so no one takes them meanwhile)."""
    first = (model.select(fn.max(model._meta.primary_key)).scalar() or 0) + 1
    return list(range(first, first + count))


def snapshot():
    """A read transaction seeing the garden as it was when it began: a deferred one takes
    no lock, and other sessions go on writing meanwhile (WAL), unseen by it."""
    return sqlite_db.atomic(lock_type="DEFERRED")


def defer_foreign_keys() -> None:
    """Check the foreign keys of this transaction's rows when it commits, not row by row."""
    sqlite_db.execute_sql("PRAGMA defer_foreign_keys = ON")


def rows_loaded(_models) -> None:
    """Many rows were written at once, with the ids they had elsewhere: SQLite's next id is
    always the largest plus one, and its planner needs no statistics for these queries."""


def schema_migrator():
    """peewee's migrator; imported only here, as most starts have nothing to migrate and
    playhouse.migrate (with the modules it pulls in) costs a few ms of start-up."""
    from playhouse.migrate import SqliteMigrator

    return SqliteMigrator(sqlite_db)


def add_counter_column(table: str, column: str) -> None:
    """Add an INTEGER NOT NULL DEFAULT 0 column in place. peewee's migrator adds a NOT NULL
    column by rebuilding the table, and dropping the old one would cascade to every row
    that refers to it."""
    _add_column_in_place(table, column, "INTEGER NOT NULL DEFAULT 0")


def add_text_column(table: str, column: str) -> None:
    """Add a TEXT NOT NULL DEFAULT '' column in place (as add_counter_column)."""
    _add_column_in_place(table, column, "TEXT NOT NULL DEFAULT ''")


def _add_column_in_place(table: str, column: str, definition: str) -> None:
    sqlite_db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}')


def search_columns():
    return [ContactSearch.rowid, ContactSearch.names, ContactSearch.work, ContactSearch.notes]


def joined_text(column, separator: str) -> Expression:
    """The column's values in a group, joined by ``separator`` (an aggregate)."""
    return fn.group_concat(column, separator).coerce(False)


def alike(_column, _text: str) -> None:
    """Which names may be ``text`` mistyped, as a condition: None, every name (SQLite has
    no trigram index; rapidfuzz reads them all)."""


def starts_with(column, prefix: str) -> Expression:
    """``column`` starts with ``prefix``, ignoring case (LIKE, ``%`` and ``_`` escaped)."""
    return column.startswith(prefix)


# --- checks a garden can fail (netgarden check) ---------------------------------------------

def integrity_problems() -> list[str]:
    """What SQLite's integrity check finds wrong with the file ([] when it is sound)."""
    return _integrity(sqlite_db.execute_sql("PRAGMA integrity_check"))


def foreign_key_problems() -> list[str]:
    """Rows that name a row of another table that is not there."""
    return [f"{table} row {rowid} names a {parent} that is not there"
            for table, rowid, parent, _ in sqlite_db.execute_sql("PRAGMA foreign_key_check")]


def unreadable_days(table: str, column: str, *, with_time: bool) -> list[tuple[int, str]]:
    """(rowid, value) of the values of a day (or moment) column that do not read as a day
    between 1900 and 2200 in the stored form: a year of one digit, 9999-12-31, 02-30."""
    form = "[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]" + (
        " [0-2][0-9]:[0-5][0-9]:[0-5][0-9]" if with_time else "")
    name, table = _quoted(column), _quoted(table)
    sql = (f"SELECT rowid, {name} FROM {table} WHERE {name} IS NOT NULL AND ("
           f"{name} NOT GLOB ? OR substr({name}, 1, 4) NOT BETWEEN '1900' AND '2200' "
           f"OR date(julianday(substr({name}, 1, 10))) IS NOT substr({name}, 1, 10)) ORDER BY rowid")
    return list(sqlite_db.execute_sql(sql, (form,)))


def fts_match_expression(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word a quoted prefix.

    Quotes, parentheses, AND/OR/NEAR and stray ``*`` are data, never FTS syntax.
    None when nothing searchable is left.
    """
    words = [word.replace('"', '""') for word in text.split()]
    # A word with no letter or digit ("(", "-", '"') has no token for FTS5 to match.
    words = [word for word in words if any(char.isalnum() for char in word)]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def matching_contact_ids(text: str):
    """A subquery of the ids of contacts matching ``text``, or None if nothing to search."""
    expression = fts_match_expression(text)
    if expression is None:
        return None
    return ContactSearch.select(ContactSearch.rowid).where(ContactSearch.match(expression))


def stored_moment_of_epoch(seconds) -> Expression:
    """Seconds since 1970 (a parameter) as MomentField stores a moment."""
    return SQL("datetime(?, 'unixepoch')", [seconds])


def local_day(moment_column, utc_offset_seconds: int) -> Expression:
    """The local calendar day of a UTC moment column, as ``YYYY-MM-DD`` text."""
    return fn.date(moment_column, f"{utc_offset_seconds:+d} seconds")


def local_month(moment_column, utc_offset_seconds: int) -> Expression:
    """The local month of a UTC moment column, as ``YYYY-MM`` text."""
    return fn.strftime("%Y-%m", moment_column, f"{utc_offset_seconds:+d} seconds")


def add_days(day_expression, days_expression) -> Expression:
    """``day + days`` as ``YYYY-MM-DD`` text."""
    return fn.date(day_expression, fn.printf("%+d days", days_expression))


def days_between(earlier_day, later_day) -> Expression:
    """Whole days from one ``YYYY-MM-DD`` value to another (positive when later is later)."""
    return Cast(fn.julianday(later_day) - fn.julianday(earlier_day), "INTEGER")


def greatest(first, second) -> Expression:
    """The larger of two values, or the later of two ``YYYY-MM-DD`` days (SQLite's
    two-argument max; GREATEST elsewhere)."""
    return fn.max(first, second)


def least(first, second) -> Expression:
    """The smaller of two values (SQLite's two-argument min; LEAST elsewhere)."""
    return fn.min(first, second)


# --- the undo journal's SQLite half (store/undo.py holds the rest) -------------------------
#
# The classic SQLite undo recipe (sqlite.org/undoredo): for each row changed in a journaled
# table, TEMP triggers write the statement that reverts the change (the row found by rowid,
# values as quote() literals) into undo_entry, and the contacts the row belongs to into
# undo_contact. TEMP objects belong to one connection, and peewee opens one per thread, so
# each connection installs its own on its first recording. They journal only while this
# connection's TEMP table undo_recording names an open step: writes outside a step, and on
# connections that never record (the command line, the demo fill), pay nothing.

RECORDING_TABLE = "undo_recording"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _row_contacts(model, row: str) -> str | None:
    """A SELECT of the ids (as contact_id) of the contacts a row of ``model`` belongs to.

    ``row`` is NEW or OLD. None for tables no contact owns (circles, tags, settings).
    """
    if model is Contact:
        return f"SELECT {row}.id AS contact_id"
    if model is Interaction:  # a group touch belongs to everyone in it
        return (f"SELECT {InteractionContact.contact.column_name} AS contact_id "
                f"FROM {InteractionContact._meta.table_name} "
                f"WHERE {InteractionContact.interaction.column_name} = {row}.id")
    owner = model._meta.fields.get("contact")
    if isinstance(owner, ForeignKeyField) and owner.rel_model is Contact:
        return f"SELECT {row}.{_quoted(owner.column_name)} AS contact_id"
    return None


def _inverse_of_insert(table: str, _columns: list[str]) -> str:
    return f"{_sql_text(_deleting(table))} || NEW.rowid"


def _deleting(table: str) -> str:
    return f"DELETE FROM {table} WHERE rowid = "


def reverts_insert(statement: str, model) -> bool:
    """Whether a journaled statement takes back a row added to ``model``'s table."""
    return statement.startswith(_deleting(_quoted(model._meta.table_name)))


def _inverse_of_delete(table: str, columns: list[str]) -> str:
    # rowid as well as the columns: rows without an INTEGER PRIMARY KEY (settings, links)
    # keep their rowid, so older steps still find them. Where id is the rowid, both agree.
    names = ", ".join(["rowid", *columns])
    values = " || ', ' || ".join(["OLD.rowid", *(f"quote(OLD.{column})" for column in columns)])
    return f"{_sql_text(f'INSERT INTO {table} ({names}) VALUES (')} || {values} || ')'"


def _changed(column: str) -> str:
    # BINARY: a NOCASE column would call "ann lee" -> "Ann Lee" no change at all.
    return f"OLD.{column} IS NOT NEW.{column} COLLATE BINARY"


def _inverse_of_update(table: str, columns: list[str]) -> str:
    """Put back only the columns that changed, so a later change to others survives."""
    assignments = " || ".join(
        f"CASE WHEN {_changed(column)} THEN {_sql_text(f', {column} = ')} || quote(OLD.{column}) "
        "ELSE '' END"
        for column in columns)
    return (f"{_sql_text(f'UPDATE {table} SET ')} || substr({assignments}, 3) || "
            f"' WHERE rowid = ' || NEW.rowid")


def _undo_triggers(model) -> list[str]:
    """CREATE TEMP TRIGGER statements journaling every row change to ``model``'s table."""
    table = _quoted(model._meta.table_name)
    columns = [_quoted(field.column_name) for field in model._meta.sorted_fields]
    recording = f"EXISTS (SELECT 1 FROM temp.{RECORDING_TABLE})"
    any_change = " OR ".join(_changed(column) for column in columns)
    triggers = []
    for event, rows, inverse, when in (
        ("INSERT", ("NEW",), _inverse_of_insert, recording),
        # A row moved from one contact to another (a merge) belongs to both.
        ("UPDATE", ("OLD", "NEW"), _inverse_of_update, f"{recording} AND ({any_change})"),
        ("DELETE", ("OLD",), _inverse_of_delete, recording),
    ):
        body = (f"INSERT INTO {UndoEntry._meta.table_name} ({UndoEntry.step.column_name}, "
                f"{UndoEntry.statement.column_name}) "
                f"SELECT step_id, {inverse(table, columns)} FROM temp.{RECORDING_TABLE};")
        if _row_contacts(model, "NEW") is not None:
            owners = " UNION ".join(_row_contacts(model, row) for row in rows)
            body += (f" INSERT OR IGNORE INTO {UndoContact._meta.table_name} "
                     f"({UndoContact.step.column_name}, {UndoContact.contact_id.column_name}) "
                     f"SELECT step_id, contact_id FROM temp.{RECORDING_TABLE}, ({owners}) "
                     "WHERE contact_id IS NOT NULL;")
        name = _quoted(f"undo_{model._meta.table_name}_{event.lower()}")
        triggers.append(f"CREATE TEMP TRIGGER {name} AFTER {event} ON main.{table} "
                        f"WHEN {when} BEGIN {body} END")
    return triggers


def _has_temp_table(name: str) -> bool:
    cursor = sqlite_db.execute_sql(
        "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return cursor.fetchone() is not None


def install_undo_triggers(models) -> None:
    """Give this thread's connection the journaling triggers, unless it has them already."""
    if _has_temp_table(RECORDING_TABLE):
        return
    # REPLACE deletes the row it replaces; only with recursive triggers is that journaled.
    sqlite_db.execute_sql("PRAGMA recursive_triggers = ON")
    with sqlite_db.atomic():
        sqlite_db.execute_sql(f"CREATE TEMP TABLE {RECORDING_TABLE} (step_id INTEGER NOT NULL)")
        for model in models:
            for trigger in _undo_triggers(model):
                sqlite_db.execute_sql(trigger)


def recording_step() -> int | None:
    """The undo step this connection is journaling into, or None."""
    if not _has_temp_table(RECORDING_TABLE):
        return None
    row = sqlite_db.execute_sql(f"SELECT step_id FROM temp.{RECORDING_TABLE}").fetchone()
    return row[0] if row else None


def set_recording_step(step_id: int | None) -> None:
    """Journal this connection's changes into ``step_id`` from now on; None stops.

    Needs install_undo_triggers() first.
    """
    sqlite_db.execute_sql(f"DELETE FROM temp.{RECORDING_TABLE}")
    if step_id is not None:
        sqlite_db.execute_sql(f"INSERT INTO temp.{RECORDING_TABLE} (step_id) VALUES (?)",
                              (step_id,))


def run_undo_statements(statements) -> None:
    """Run journaled statements, newest first as given, in the caller's transaction.

    Foreign keys hold after each one: a cascading delete journals a parent's children
    before the parent, so, undone newest first, the parent comes back first.
    """
    for statement in statements:
        sqlite_db.execute_sql(statement)


# --- the word index: who do I know who... (store/words.py holds the rest) ------------------
#
# Three FTS5 tables, stemmed (porter over unicode61: "hiring" finds "hire", "Zoe" "Zoë"),
# kept by triggers of the schema (not TEMP ones: every connection's writes, an undo's
# too, keep them), so no write anywhere can leave them behind:
# - word_search: a line per source (models.WORD_SOURCES) of each row, its rowid the line's
#   number (the row's id x WORD_SLOTS + the source's number);
# - touch_search: the touches' notes, read from the interaction table itself (external
#   content: a million notes are not kept twice), its rowid the touch's id;
# - match_words: the needs and offers (rowid id x 2) and the tags (id x 2 + 1), small, with
#   match_words_terms listing their stemmed words: the suggested introductions' pairs.

STEMMED = "porter unicode61 remove_diacritics 2"


class WordSearch(FTS5Model):
    rowid = RowIDField()
    text = SearchField()

    class Meta:
        database = db
        table_name = "word_search"
        options = {"tokenize": STEMMED}


class TouchSearch(FTS5Model):
    rowid = RowIDField()
    note = SearchField()

    class Meta:
        database = db
        table_name = "touch_search"
        options = {"tokenize": STEMMED, "content": "interaction", "content_rowid": "id"}


class MatchWords(FTS5Model):
    rowid = RowIDField()
    text = SearchField()

    class Meta:
        database = db
        table_name = "match_words"
        options = {"tokenize": STEMMED}


MATCH_TERMS_TABLE = "match_words_terms"  # fts5vocab's instances of match_words: (term, doc, ...)


def _joined_columns(source, row: str = "") -> str:
    """A source's line as SQL: its columns joined with a space (``row``: "NEW." in a trigger)."""
    return " || ' ' || ".join(f"{row}{_quoted(column)}" for column in source.columns)


def _word_triggers(sources, slots: int) -> dict[str, str]:
    """The CREATE TRIGGER statements that keep the three tables, by trigger name."""
    tables: dict[str, list] = {}
    for source in sources:
        tables.setdefault(source.table, []).append(source)
    triggers = {}

    def add(name: str, event: str, table: str, body: str) -> None:
        triggers[name] = (f"CREATE TRIGGER {_quoted(name)} AFTER {event} ON main.{_quoted(table)} "
                          f"BEGIN {body} END")

    for table, group in tables.items():
        inserting = "".join(
            f"INSERT INTO word_search (rowid, text) SELECT NEW.id * {slots} + {source.number}, "
            f"{_joined_columns(source, 'NEW.')} WHERE {_joined_columns(source, 'NEW.')} <> ''; "
            for source in group)
        deleting = "".join(f"DELETE FROM word_search WHERE rowid = OLD.id * {slots} + "
                           f"{source.number}; " for source in group)
        columns = ", ".join(_quoted(column) for column in
                            sorted({column for source in group for column in source.columns}))
        add(f"words_{table}_insert", "INSERT", table, inserting)
        add(f"words_{table}_delete", "DELETE", table, deleting)
        add(f"words_{table}_update", f"UPDATE OF {columns}", table, deleting + inserting)
    touch_in = "INSERT INTO touch_search (rowid, note) VALUES (NEW.id, NEW.note); "
    touch_out = ("INSERT INTO touch_search (touch_search, rowid, note) "
                 "VALUES ('delete', OLD.id, OLD.note); ")
    add("words_touch_insert", "INSERT", "interaction", touch_in)
    add("words_touch_delete", "DELETE", "interaction", touch_out)
    add("words_touch_update", "UPDATE OF note", "interaction", touch_out + touch_in)
    for table, column, plus in (("need", "text", 0), ("tag", "name", 1)):
        match_in = (f"INSERT INTO match_words (rowid, text) VALUES (NEW.id * 2 + {plus}, "
                    f"NEW.{column}); ")
        match_out = f"DELETE FROM match_words WHERE rowid = OLD.id * 2 + {plus}; "
        add(f"match_{table}_insert", "INSERT", table, match_in)
        add(f"match_{table}_delete", "DELETE", table, match_out)
        add(f"match_{table}_update", f"UPDATE OF {column}", table, match_out + match_in)
    return triggers


def install_word_index(sources, slots: int) -> None:
    """Make the word index, its triggers, and fill it from the rows (again: idempotent)."""
    for model in (WordSearch, TouchSearch, MatchWords):
        model.create_table(safe=True)
    sqlite_db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {MATCH_TERMS_TABLE} "
                          "USING fts5vocab(match_words, instance)")
    _drop_word_triggers(sources, slots)
    _create_word_triggers(sources, slots)
    rebuild_word_index(sources, slots)


def _drop_word_triggers(sources, slots: int) -> None:
    for name in _word_triggers(sources, slots):
        sqlite_db.execute_sql(f"DROP TRIGGER IF EXISTS {_quoted(name)}")


def _create_word_triggers(sources, slots: int) -> None:
    for statement in _word_triggers(sources, slots).values():
        sqlite_db.execute_sql(statement)


def rebuild_word_index(sources, slots: int) -> None:
    """Fill the word index afresh from the rows it indexes."""
    WordSearch.delete().execute()
    for source in sources:
        text = _joined_columns(source)
        sqlite_db.execute_sql(
            f"INSERT INTO word_search (rowid, text) SELECT id * {slots} + {source.number}, "
            f"{text} FROM {_quoted(source.table)} WHERE {text} <> ''")
    sqlite_db.execute_sql("INSERT INTO touch_search (touch_search) VALUES ('rebuild')")
    MatchWords.delete().execute()
    sqlite_db.execute_sql("INSERT INTO match_words (rowid, text) SELECT id * 2, text FROM need "
                          "UNION ALL SELECT id * 2 + 1, name FROM tag")


@contextmanager
def word_index_paused(sources, slots: int):
    """Many rows loaded at once (a dump, the demo): the word index is filled once at the
    end instead of row by row (a million touches: a third of the time)."""
    _drop_word_triggers(sources, slots)
    yield
    _create_word_triggers(sources, slots)
    rebuild_word_index(sources, slots)


def word_index_drift(sources, slots: int) -> int:
    """How many lines the word index has wrong (missing, left over or out of date); the
    touches' notes are the interaction table's own, checked by FTS5 itself."""
    expected = " UNION ALL ".join(
        f"SELECT id * {slots} + {source.number} AS line, {_joined_columns(source)} AS text "
        f"FROM {_quoted(source.table)} WHERE {_joined_columns(source)} <> ''"
        for source in sources)
    sql = (f"SELECT count(*) FROM (SELECT * FROM ({expected}) EXCEPT "
           f"SELECT rowid, text FROM word_search UNION ALL SELECT * FROM "
           f"(SELECT rowid, text FROM word_search EXCEPT SELECT * FROM ({expected})))")
    wrong = sqlite_db.execute_sql(sql).fetchone()[0]
    try:
        sqlite_db.execute_sql("INSERT INTO touch_search (touch_search, rank) "
                              "VALUES ('integrity-check', 1)")
    except Exception:  # the index disagrees with the notes
        wrong += 1
    return wrong


def _fts_term(term: str, prefix: bool) -> str:
    """One word as an FTS5 query: quoted (so it is never query syntax), a prefix if asked."""
    return '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")


def word_matches(_sources, _slots: int, term: str, prefix: bool):
    """The numbers (column ``line``) of the lines holding ``term`` (a word: letters and
    digits), stemmed; with ``prefix``, any word starting so."""
    return (WordSearch.select(WordSearch.rowid.alias("line"))
            .where(WordSearch.match(_fts_term(term, prefix))))


def touch_matches(term: str, prefix: bool, limit: int):
    """The ids (column ``id``) of the newest ``limit`` touches whose notes hold ``term``."""
    return (TouchSearch.select(TouchSearch.rowid.alias("id"))
            .where(TouchSearch.match(_fts_term(term, prefix)))
            .order_by(TouchSearch.rowid.desc()).limit(limit))


def _any_of(terms) -> str:
    return " OR ".join(_fts_term(term, prefix) for term, prefix in terms)


def marked_lines(_sources, lines, terms) -> dict[int, tuple[str, str]]:
    """The text of these lines of the word index, as written and with each word matching
    one of ``terms`` ((word, prefix) pairs) between MARKS: {line: (marked, written)}."""
    if not lines:
        return {}
    found = (WordSearch.select(WordSearch.rowid, WordSearch.text.highlight(*MARKS),
                               WordSearch.text)
             .where(WordSearch.match(_any_of(terms)), WordSearch.rowid.in_(list(lines))))
    return {line: (marked, written) for line, marked, written in found.tuples()}


def marked_touches(ids, terms) -> dict[int, tuple[str, str]]:
    """The notes of these touches, as marked_lines gives its lines."""
    if not ids:
        return {}
    found = (TouchSearch.select(TouchSearch.rowid, TouchSearch.note.highlight(*MARKS),
                                TouchSearch.note)
             .where(TouchSearch.match(_any_of(terms)), TouchSearch.rowid.in_(list(ids))))
    return {touch: (marked, written) for touch, marked, written in found.tuples()}


class _MatchTerm(Model):
    term = TextField()
    doc = IntegerField()

    class Meta:
        database = db
        table_name = MATCH_TERMS_TABLE
        primary_key = False


def match_terms():
    """Each stemmed word (column ``term``) of each need and offer (``line``: its id x 2)
    and each tag (its id x 2 + 1), once per line."""
    return (_MatchTerm.select(_MatchTerm.doc.alias("line"), _MatchTerm.term)
            .group_by(_MatchTerm.doc, _MatchTerm.term))


def finish_tables(_models) -> None:
    """What new tables need beside them on this engine: nothing on SQLite."""
