"""Everything PostgreSQL-only lives here: connecting to a garden on a server, its text search,
date arithmetic, the undo journal's triggers, and the notices that keep open apps live: the
names of backend.ENGINE_NAMES, as sqlite.py defines them for a garden file.

The schema is the SQLite one, from the same models: days and moments are the same text
(store/fields.py), so every query compares and sorts them alike. What SQLite has built in
and PostgreSQL makes from its contrib modules is made with the schema (prepare_schema):
a case-insensitive collation named ``nocase`` for the names, and a text search
configuration that folds accents as FTS5's ``remove_diacritics`` does.
"""

import sys
from contextlib import contextmanager

import peewee
from peewee import SQL, Cast, Expression, NodeList, PostgresqlDatabase, Select, fn

from netgarden_tui.store.models import (
    MARKS, TOUCH_SOURCE, WORD_SLOTS, Contact, Interaction, Need, Setting, Tag, db,
)

BUSY_SECONDS = 30
DIFFERS = "IS DISTINCT FROM"  # the operator saying two values differ, NULL being a value
SAME = "IS NOT DISTINCT FROM"  # and the one saying they do not
INTEGER_BOOLEANS = False  # a boolean column takes True and False, never 0 and 1
NOTICE_CHANNEL = "netgarden_changed"
SEARCH_CONFIGURATION = "netgarden_words"
EXTENSIONS = ("unaccent", "pg_trgm")
TYPO_SIMILARITY = 0.25


class DriverMissing(ImportError):
    """psycopg is not installed: str() says how to install it."""


class _ServerDatabase(PostgresqlDatabase):
    def _initialize_connection(self, conn):
        # In one round trip:
        # - a writer waits for another's row locks as long as on SQLite, then gives up;
        # - reading a row through an index costs about what reading the next one does, as
        #   on the SSDs servers run on today (PostgreSQL's default of 4 assumes spinning
        #   disks): a queue's newest notes for forty contacts then come from the indexes
        #   in 8 ms, where the default plan read every touch in 0.9 s;
        # - a mistyped name's candidates (alike) share a quarter of their letter triples
        #   with some stretch of a name, not pg_trgm's 0.6: "Jon Smyth" then finds John
        #   Smith (0.31), among a few thousand names, where SQLite hands rapidfuzz all.
        conn.execute(f"SET lock_timeout = '{BUSY_SECONDS}s'; SET random_page_cost = 1.1; "
                     f"SET pg_trgm.word_similarity_threshold = {TYPO_SIMILARITY}")


server_db = _ServerDatabase(None)
_read_only = False


def load_driver():
    """psycopg, imported now: store/__init__.py hid it from peewee's first import, so peewee
    is told of it here."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb
    except ImportError:
        raise DriverMissing("a garden on PostgreSQL needs psycopg: "
                            "pip install 'netgarden-tui[postgres]'") from None
    peewee.psycopg, peewee.Json_pg3, peewee.Jsonb_pg3 = psycopg, Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    return psycopg


def conninfo(url: str) -> str:
    """The URL as libpq reads it (it knows postgresql:// and postgres://; peewee the first)."""
    return "postgresql://" + url.partition("://")[2]


def _run(sql: str):
    """Run SQL that takes no parameters as it is: psycopg reads ``%`` as the start of a
    placeholder only in SQL given parameters, and the functions' bodies hold ``%I``."""
    with peewee.__exception_wrapper__:
        return server_db.cursor().execute(sql)


def connect(url: str) -> None:
    """Connect to the garden at ``url``; libpq finds the password (~/.pgpass, PGPASSWORD)."""
    global _read_only
    load_driver()
    server_db.init(conninfo(url), prefer_psycopg3=True, connect_timeout=10,
                   application_name="netgarden")
    db.initialize(server_db)
    server_db.connect(reuse_if_open=True)
    # A standby, or a role that may only read: look, but change nothing.
    _read_only = server_db.execute_sql("SHOW transaction_read_only").fetchone()[0] == "on"


def is_read_only() -> bool:
    return _read_only


def close() -> None:
    if not server_db.is_closed():
        server_db.close()


def stored_schema_version() -> int | None:
    """The open database's schema version; None for a database with no garden in it yet.
    A database holding other tables is refused: a garden is never added to it."""
    tables = {name for (name,) in server_db.execute_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    if "setting" not in tables:
        if tables:
            raise ValueError("it is not a netgarden database (it holds other tables)")
        return None
    value = Setting.select(Setting.value).where(Setting.key == "schema_version").scalar()
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"it is damaged: its schema version {value!r} is not a number") from None


# --- the schema ------------------------------------------------------------------------

def prepare_schema() -> None:
    """What the tables need before them: the ``nocase`` collation their names sort and
    compare by (case-insensitive, as SQLite's NOCASE), and the accent-folding text search."""
    for extension in EXTENSIONS:
        _run(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    _run(
        "CREATE COLLATION IF NOT EXISTS nocase "
        "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)")
    _run(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION} "
                          "(COPY = simple)")
    _run(f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIGURATION} "
                          "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple")


def finish_schema() -> None:
    """What goes beside the new tables: the search index's document and its indexes, the
    undo journal's triggers, and the notices each committed change sends."""
    _run(
        f"ALTER TABLE contact_search ADD COLUMN document tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{SEARCH_CONFIGURATION}', names || ' ' || work || ' ' || notes)) STORED")
    _run("CREATE INDEX contact_search_document ON contact_search "
                          "USING gin (document)")
    for column in ("display_name", "given_name", "family_name", "nickname"):
        # Names starting with what is typed (ILIKE 'ann%'), from an index.
        _run(
            f'CREATE INDEX contact_{column}_trigram ON contact USING gin '
            f'(({column} COLLATE "C") gin_trgm_ops)')
    _make_foreign_keys_deferrable()
    _run(_JOURNAL_FUNCTION)
    _run(_NOTICE_FUNCTION)
    from netgarden_tui.store.models import ALL_MODELS, JOURNALED_MODELS

    for model in JOURNALED_MODELS:
        _run(_journal_trigger(model))
    for model in ALL_MODELS:
        _run(_notice_trigger(model))


def _notice_trigger(model) -> str:
    return (f"CREATE OR REPLACE TRIGGER {_quoted(model._meta.table_name + '_changed')} AFTER "
            f"INSERT OR UPDATE OR DELETE ON {_quoted(model._meta.table_name)} FOR EACH "
            "STATEMENT EXECUTE FUNCTION netgarden_notice()")


def finish_tables(models) -> None:
    """What tables a migration adds need beside them, as finish_schema gives every table:
    deferrable foreign keys, the undo journal's trigger, the notices (again: idempotent)."""
    from netgarden_tui.store.models import JOURNALED_MODELS

    _make_foreign_keys_deferrable([model._meta.table_name for model in models])
    for model in models:
        if model in JOURNALED_MODELS:
            _run(_journal_trigger(model))
        _run(_notice_trigger(model))


def new_ids(model, count: int) -> list[int]:
    """Ids for ``count`` rows about to be written with them, taken from the table's
    sequence: another session writing at the same time gets others."""
    if count == 0:
        return []
    sequence = server_db.execute_sql(
        "SELECT pg_get_serial_sequence(%s, %s)",
        (model._meta.table_name, model._meta.primary_key.column_name)).fetchone()[0]
    return [value for (value,) in server_db.execute_sql(
        "SELECT nextval(%s) FROM generate_series(1, %s)", (sequence, count))]


def snapshot():
    """A read transaction seeing the garden as it was when it began (each statement of a
    READ COMMITTED one sees the rows committed by then)."""
    return server_db.atomic(isolation_level="REPEATABLE READ")


def defer_foreign_keys() -> None:
    """Check the foreign keys of this transaction's rows when it commits, not row by row
    (finish_schema makes them all deferrable)."""
    _run("SET CONSTRAINTS ALL DEFERRED")


def rows_loaded(models) -> None:
    """Many rows were written at once, with the ids they had elsewhere (a dump, the demo):
    each table's next id is moved past its largest, or the next row added would take an
    id already taken; and the planner learns what the tables now hold (ANALYZE), or the
    queries that follow in the same transaction are planned for empty tables."""
    _run(f"ANALYZE {', '.join(_quoted(model._meta.table_name) for model in models)}")
    for model in models:
        key = model._meta.primary_key
        if isinstance(key, peewee.AutoField):
            table, column = _quoted(model._meta.table_name), key.column_name
            server_db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                f"coalesce((SELECT max({_quoted(column)}) FROM {table}), 0) + 1, false)",
                (model._meta.table_name, column))


def _make_foreign_keys_deferrable(tables=None) -> None:
    """Every foreign key DEFERRABLE (still checked row by row unless deferred): a load puts
    back a contact who names as introducer one with a later id. ``tables``: only theirs."""
    found = server_db.execute_sql(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace").fetchall()
    for table, name in found:
        if tables is not None and table.strip('"') not in tables:
            continue
        _run(f"ALTER TABLE {table} ALTER CONSTRAINT {_quoted(name)} DEFERRABLE")


def schema_migrator():
    from playhouse.migrate import PostgresqlMigrator

    return PostgresqlMigrator(server_db)


def add_counter_column(table: str, column: str) -> None:
    _add_column(table, column, "INTEGER NOT NULL DEFAULT 0")


def add_text_column(table: str, column: str) -> None:
    _add_column(table, column, "TEXT NOT NULL DEFAULT ''")


def _add_column(table: str, column: str, definition: str) -> None:
    _run(f"ALTER TABLE {_quoted(table)} ADD COLUMN {_quoted(column)} {definition}")


# --- search ------------------------------------------------------------------------------

class ContactSearch(peewee.Model):
    """The search row of each contact (rowid = contact id); its ``document``, made by the
    server from the three texts, is what the GIN index holds (finish_schema)."""

    rowid = peewee.IntegerField(primary_key=True)
    names = peewee.TextField()
    work = peewee.TextField()
    notes = peewee.TextField()

    class Meta:
        database = db
        table_name = "contact_search"


def search_columns():
    return [ContactSearch.rowid, ContactSearch.names, ContactSearch.work, ContactSearch.notes]


def joined_text(column, separator: str) -> Expression:
    return fn.string_agg(Cast(column, "TEXT"), separator).coerce(False)


def starts_with(column, prefix: str) -> Expression:
    """``column`` starts with ``prefix``, ignoring case. Compared in the "C" collation:
    PostgreSQL matches no pattern in a case-insensitive one (the trigram indexes of
    finish_schema serve this)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return Expression(NodeList((column, SQL('COLLATE "C"'))), "ILIKE", f"{escaped}%")


def alike(column, text: str) -> Expression:
    """Names that share enough letter triples with some stretch of them with ``text``
    (pg_trgm's word similarity, ``<%``, from the trigram indexes of finish_schema): a
    mistyped name's candidates, for rapidfuzz to rank."""
    # "%%": the operator's "%" written for psycopg, which reads "%" as a placeholder.
    return Expression(text, "<%%", NodeList((column, SQL('COLLATE "C"'))))


def tsquery_text(text: str) -> str | None:
    """What was typed as a text search query: every word a prefix, all of them needed.
    Only letters and digits reach the query, so nothing typed is query syntax."""
    import re

    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " & ".join(f"{word}:*" for word in words)


def matching_contact_ids(text: str):
    """A subquery of the ids of contacts matching ``text``, or None if nothing to search."""
    query = tsquery_text(text)
    if query is None:
        return None
    document = SQL("document")
    return ContactSearch.select(ContactSearch.rowid).where(Expression(
        document, "@@", fn.to_tsquery(SQL(f"'{SEARCH_CONFIGURATION}'"), query)))


# --- dates: the text the fields store, read as PostgreSQL's dates and back -----------------

def _moment(column) -> Expression:
    return Cast(column, "timestamp")


def _text_of(value, form: str) -> Expression:
    # The form written into the SQL, not passed as a parameter: a GROUP BY of the same
    # expression is then the same to the server.
    return fn.to_char(value, SQL(f"'{form}'"))


def _shifted(moment_column, seconds: int) -> Expression:
    return _moment(moment_column) + SQL(f"interval '{int(seconds)} seconds'")


def stored_moment_of_epoch(seconds) -> Expression:
    """Seconds since 1970 (a parameter) as MomentField stores a moment."""
    return SQL("to_char(to_timestamp(%s) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
               [seconds])


def local_day(moment_column, utc_offset_seconds: int) -> Expression:
    return _text_of(_shifted(moment_column, utc_offset_seconds), "YYYY-MM-DD")


def local_month(moment_column, utc_offset_seconds: int) -> Expression:
    return _text_of(_shifted(moment_column, utc_offset_seconds), "YYYY-MM")


def add_days(day_expression, days_expression) -> Expression:
    return _text_of(Cast(day_expression, "date") + Cast(days_expression, "integer"),
                    "YYYY-MM-DD")


def days_between(earlier_day, later_day) -> Expression:
    return Cast(later_day, "date") - Cast(earlier_day, "date")


def greatest(first, second) -> Expression:
    """The larger of two values (the callers' are never NULL, where GREATEST and SQLite's
    max part ways)."""
    return fn.GREATEST(first, second)


def least(first, second) -> Expression:
    return fn.LEAST(first, second)


# --- checks ------------------------------------------------------------------------------

def integrity_problems() -> list[str]:
    """The server keeps its own files whole: nothing for netgarden to check."""
    return []


def foreign_key_problems() -> list[str]:
    """The server refuses a row that names one not there: none to find."""
    return []


def unreadable_days(table: str, column: str, *, with_time: bool) -> list[tuple[int, str]]:
    """(id, value) of the values of a day (or moment) column that do not read as a day
    between 1900 and 2200 in the stored form."""
    form = r"^[12][0-9]{3}-[01][0-9]-[0-3][0-9]" + (
        r" [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$" if with_time else "$")
    name, table = _quoted(column), _quoted(table)
    sql = (f"SELECT id, {name} FROM {table} WHERE {name} IS NOT NULL AND ("
           f"{name} !~ %s OR substr({name}, 1, 4) NOT BETWEEN '1900' AND '2200' "
           f"OR NOT netgarden_is_day(substr({name}, 1, 10))) ORDER BY id")
    return list(server_db.execute_sql(sql, (form,)))


# --- the undo journal's PostgreSQL half (store/undo.py holds the rest) ----------------------
#
# One trigger function journals every table (sqlite.py says what is journaled): for each row
# changed while this transaction's setting netgarden.undo_step names a step, the statement
# that reverts it, the row found by its primary key and its values as JSON, and the contacts
# the row belongs to. The triggers are part of the schema; their WHEN reads the setting, so a
# write outside a step costs no function call.

STEP_SETTING = "netgarden.undo_step"

_JOURNAL_FUNCTION = r"""
CREATE FUNCTION netgarden_journal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    step bigint := current_setting('netgarden.undo_step')::bigint;
    keys text[] := string_to_array(TG_ARGV[0], ',');
    owner text := TG_ARGV[1];
    target text := format('%I', TG_TABLE_NAME);
    old_row jsonb;
    new_row jsonb;
    changed text[];
    statement text;
    owners bigint[];
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    IF TG_OP = 'INSERT' THEN
        statement := format('DELETE FROM %s WHERE %s', target, netgarden_row_where(keys, new_row));
    ELSIF TG_OP = 'DELETE' THEN
        statement := format('INSERT INTO %s SELECT * FROM jsonb_populate_record(NULL::%s, %L)',
                            target, target, old_row);
    ELSE
        SELECT array_agg(key ORDER BY key) INTO changed FROM jsonb_each(new_row)
            WHERE value IS DISTINCT FROM old_row -> key;
        IF changed IS NULL THEN RETURN NULL; END IF;
        statement := format(
            'UPDATE %s SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%s, %L)) WHERE %s',
            target, (SELECT string_agg(format('%I', c), ', ') FROM unnest(changed) c),
            (SELECT string_agg(format('%I', c), ', ') FROM unnest(changed) c),
            target, old_row, netgarden_row_where(keys, new_row));
    END IF;
    INSERT INTO undo_entry (step_id, statement) VALUES (step, statement);
    IF owner = 'self' THEN
        owners := ARRAY[(old_row ->> 'id')::bigint, (new_row ->> 'id')::bigint];
    ELSIF owner = 'interaction' THEN
        SELECT array_agg(contact_id) INTO owners FROM interaction_contact
            WHERE interaction_id IN ((old_row ->> 'id')::bigint, (new_row ->> 'id')::bigint);
    ELSIF owner <> '' THEN
        owners := ARRAY[(old_row ->> owner)::bigint, (new_row ->> owner)::bigint];
    END IF;
    INSERT INTO undo_contact (step_id, contact_id)
        SELECT DISTINCT step, o FROM unnest(owners) o WHERE o IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION netgarden_row_where(keys text[], row_values jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(format('%I = %L', k, row_values ->> k), ' AND ') FROM unnest(keys) k
$$;

CREATE FUNCTION netgarden_is_day(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN to_char(to_date(value, 'YYYY-MM-DD'), 'YYYY-MM-DD') = value;
EXCEPTION WHEN others THEN
    RETURN false;
END $$;
"""

_NOTICE_FUNCTION = f"""
CREATE FUNCTION netgarden_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{NOTICE_CHANNEL}', '');
    RETURN NULL;
END $$;
"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _owner(model) -> str:
    """How the journal finds the contacts a row belongs to (sqlite._row_contacts)."""
    if model is Contact:
        return "self"
    if model is Interaction:  # a group touch belongs to everyone in it
        return "interaction"
    owner = model._meta.fields.get("contact")
    if isinstance(owner, peewee.ForeignKeyField) and owner.rel_model is Contact:
        return owner.column_name
    return ""


def _journal_trigger(model) -> str:
    keys = ",".join(field.column_name for field in model._meta.get_primary_keys())
    table = model._meta.table_name
    return (f"CREATE OR REPLACE TRIGGER {_quoted(table + '_journal')} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {_quoted(table)} FOR EACH ROW "
            f"WHEN (coalesce(current_setting('{STEP_SETTING}', true), '') <> '') "
            f"EXECUTE FUNCTION netgarden_journal('{keys}', '{_owner(model)}')")


def install_undo_triggers(_models) -> None:
    """Nothing to install: the triggers are part of the schema (finish_schema)."""


def recording_step() -> int | None:
    """The undo step this transaction is journaling into, or None."""
    value = server_db.execute_sql(
        f"SELECT current_setting('{STEP_SETTING}', true)").fetchone()[0]
    return int(value) if value else None


def set_recording_step(step_id: int | None) -> None:
    """Journal this transaction's changes into ``step_id`` from now on; None stops."""
    server_db.execute_sql(f"SELECT set_config('{STEP_SETTING}', %s, true)",
                          ("" if step_id is None else str(step_id),))


def _deleting(table: str) -> str:
    return f"DELETE FROM {table} WHERE "


def reverts_insert(statement: str, model) -> bool:
    """Whether a journaled statement takes back a row added to ``model``'s table."""
    return statement.startswith(_deleting(model._meta.table_name))


def run_undo_statements(statements) -> None:
    """Run journaled statements, newest first as given, in the caller's transaction. Run
    as they are, with no parameters: a ``%`` in a note is text, not a placeholder.

    Foreign keys are checked at commit: PostgreSQL journals a deleted contact before the
    rows its delete cascades to, so, undone newest first, they come back before it does.
    """
    defer_foreign_keys()
    for statement in statements:
        _run(statement)


# --- live panes ------------------------------------------------------------------------------

class ChangeWatcher:
    """Notices what others commit: every change sends a notice on NOTICE_CHANNEL when its
    transaction commits, and a connection of its own listens; asking drains what arrived,
    without waiting, so it can be asked every second."""

    def __init__(self, url: str):
        psycopg = load_driver()
        self._connection = psycopg.connect(conninfo(url), autocommit=True,
                                           connect_timeout=10, application_name="netgarden")
        self._connection.execute(f"LISTEN {NOTICE_CHANNEL}")

    def changed(self) -> bool:
        """Whether anything was committed since the last time this was asked."""
        return any(True for _ in self._connection.notifies(timeout=0))

    def close(self) -> None:
        self._connection.close()


# --- the word index: who do I know who... (store/words.py holds the rest) ------------------
#
# No tables of its own: each source's line (models.WORD_SOURCES), and each touch's note, is
# indexed where it lives, by a GIN index on its stemmed words (an expression index: the
# server keeps it with every write, an undo's too). Stemmed by snowball's English, without
# its stop words (a query of "who is" is the person's to make), accents folded.

STEMS_CONFIGURATION = "netgarden_stems"

_STEMS_SQL = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'netgarden_stem'
                   AND dictnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH DICTIONARY netgarden_stem (TEMPLATE = snowball, Language = english);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{STEMS_CONFIGURATION}'
                   AND cfgnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION {STEMS_CONFIGURATION} (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION {STEMS_CONFIGURATION} ALTER MAPPING FOR asciiword,
            asciihword, hword_asciipart, hword, hword_part, word WITH unaccent, netgarden_stem;
    END IF;
END $$;
"""


def _vector(columns) -> str:
    """The stemmed words of these columns joined with a space: the indexed expression."""
    joined = " || ' ' || ".join(_quoted(column) for column in columns)
    return f"to_tsvector('{STEMS_CONFIGURATION}', {joined})"


def install_word_index(sources, _slots: int) -> None:
    """The stemming configuration and an index per source, and one of the touches' notes
    (again: idempotent)."""
    _run(_STEMS_SQL)
    for source in (*sources, TOUCH_SOURCE):
        _run(f"CREATE INDEX IF NOT EXISTS {_quoted('words_' + source.name)} ON "
             f"{_quoted(source.table)} USING gin (({_vector(source.columns)}))")


def rebuild_word_index(_sources, _slots: int) -> None:
    """Nothing to rebuild: the server keeps its indexes."""


@contextmanager
def word_index_paused(_sources, _slots: int):
    yield


def word_index_drift(_sources, _slots: int) -> int:
    return 0


def _tsquery(text: str) -> Expression:
    return SQL(f"to_tsquery('{STEMS_CONFIGURATION}', %s)", [text])


def _query_word(term: str, prefix: bool) -> str:
    """One word (letters and digits: never query syntax), a prefix if asked."""
    return term + (":*" if prefix else "")


def _matching(columns, query: Expression) -> Expression:
    return Expression(SQL(_vector(columns)), "@@", query)


def word_matches(sources, slots: int, term: str, prefix: bool):
    """The numbers (column ``line``) of the lines holding ``term``, stemmed; with
    ``prefix``, any word starting so: each source's from its index."""
    query = _tsquery(_query_word(term, prefix))
    union = None
    for source in sources:
        model = source.model
        part = (model.select((model._meta.primary_key * slots + source.number).alias("line"))
                .where(_matching(source.columns, query)))
        union = part if union is None else union + part  # UNION ALL
    return union


def touch_matches(term: str, prefix: bool, limit: int):
    """The ids (column ``id``) of the newest ``limit`` touches whose notes hold ``term``."""
    return (Interaction.select(Interaction.id.alias("id"))
            .where(_matching(("note",), _tsquery(_query_word(term, prefix))))
            .order_by(Interaction.id.desc()).limit(limit))


def _headline(columns, terms) -> Expression:
    words = " | ".join(_query_word(term, prefix) for term, prefix in terms)
    joined = " || ' ' || ".join(_quoted(column) for column in columns)
    options = f"StartSel={MARKS[0]}, StopSel={MARKS[1]}, HighlightAll=true"
    return SQL(f"ts_headline('{STEMS_CONFIGURATION}', {joined}, "
               f"to_tsquery('{STEMS_CONFIGURATION}', %s), %s)", [words, options])


def _joined(columns) -> SQL:
    return SQL(" || ' ' || ".join(_quoted(column) for column in columns))


def marked_lines(sources, lines, terms) -> dict[int, tuple[str, str]]:
    """The text of these lines, as written and with each word matching one of ``terms``
    ((word, prefix) pairs) between MARKS: {line: (marked, written)}."""
    by_number = {source.number: source for source in sources}
    keys: dict[int, list[int]] = {}
    for line in lines:
        keys.setdefault(line % WORD_SLOTS, []).append(line // WORD_SLOTS)
    found = {}
    for number, ids in keys.items():
        source = by_number[number]
        model = source.model
        rows = model.select(model._meta.primary_key, _headline(source.columns, terms),
                            _joined(source.columns)).where(
            model._meta.primary_key.in_(ids)).tuples()
        found.update((key * WORD_SLOTS + number, (marked, written))
                     for key, marked, written in rows)
    return found


def marked_touches(ids, terms) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    rows = (Interaction.select(Interaction.id, _headline(("note",), terms), Interaction.note)
            .where(Interaction.id.in_(list(ids))).tuples())
    return {touch: (marked, written) for touch, marked, written in rows}


def match_terms():
    """Each stemmed word (column ``term``) of each need and offer (``line``: its id x 2)
    and each tag (its id x 2 + 1), once per line."""
    def words(model, column: str, plus: int):
        return model.select((model.id * 2 + plus).alias("line"), fn.unnest(fn.tsvector_to_array(
            SQL(_vector((column,))))).alias("term"))

    # Worked out once (MATERIALIZED): the planner, which cannot tell how many words a
    # line has, would join them row by row and stem every offer again for each need.
    global _terms_made
    _terms_made += 1
    terms = (words(Need, "text", 0) + words(Tag, "name", 1)).cte(
        f"match_terms_{_terms_made}", columns=("line", "term"), materialized=True)
    return Select([terms], [terms.c.line, terms.c.term]).with_cte(terms)


_terms_made = 0  # each match_terms' CTE a name of its own
