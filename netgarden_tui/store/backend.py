"""The database engine the open garden runs on: ``backend.local_day(...)`` is the engine's
``local_day``.

A garden is a SQLite file (store/sqlite.py) or a database on a PostgreSQL server
(store/postgres.py). Each of the two modules defines every name in ENGINE_NAMES, the
pieces of SQL the engines write differently (search, date arithmetic, the undo journal's
triggers, checks, schema changes); the rest of the store asks this module for them and
never knows which engine runs. ``store/database.py`` chooses the engine as it opens a
garden.
"""

from types import ModuleType

from netgarden_tui.store import sqlite

ENGINE_NAMES = (
    # SQL spelt differently
    "DIFFERS", "SAME", "INTEGER_BOOLEANS",
    # search (store/search.py builds on these)
    "ContactSearch", "matching_contact_ids", "search_columns", "joined_text", "starts_with",
    "alike",
    # dates: days as YYYY-MM-DD text, moments as YYYY-MM-DD HH:MM:SS text in UTC
    "local_day", "local_month", "stored_moment_of_epoch", "add_days", "days_between", "greatest", "least",
    # the schema, and changes to it
    "prepare_schema", "finish_schema", "schema_migrator", "add_counter_column",
    "add_text_column",
    # reading the whole garden as it was at one moment (a dump), and loading rows as they
    # were elsewhere (a dump, the demo) or with ids given before they are written
    "snapshot", "defer_foreign_keys", "rows_loaded", "new_ids",
    # the undo journal
    "install_undo_triggers", "recording_step", "set_recording_step", "run_undo_statements",
    "reverts_insert",
    # netgarden check
    "integrity_problems", "foreign_key_problems", "unreadable_days",
    # tables a migration adds: what each engine keeps beside its tables
    "finish_tables",
    # the word index: who do I know who... (store/words.py builds on these)
    "install_word_index", "rebuild_word_index", "word_index_paused", "word_index_drift",
    "word_matches", "touch_matches", "marked_lines", "marked_touches", "match_terms",
)

_engine: ModuleType = sqlite


def use(engine: ModuleType) -> None:
    """From now on the store writes ``engine``'s SQL (sqlite or postgres)."""
    global _engine
    _engine = engine


def engine() -> ModuleType:
    return _engine


def __getattr__(name: str):
    if name in ENGINE_NAMES:
        return getattr(_engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
