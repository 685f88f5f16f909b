"""Everything SQLite-only lives here: pragmas, file handling, FTS5 search, date arithmetic.

Another peewee backend (PostgreSQL) would replace this module and leave the models, the
queries and the rules alone.
"""

import os
import sqlite3
from pathlib import Path

from peewee import Cast, Expression, SqliteDatabase, fn
from playhouse.migrate import SqliteMigrator
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from netgarden_tui.store.models import Contact, Fact, db

PRAGMAS = {
    "journal_mode": "wal",  # readers never block the writer: two SSH sessions at once
    "foreign_keys": 1,
    "busy_timeout": 5000,  # ms a second writer waits instead of failing
    "synchronous": "normal",
    "cache_size": -32_000,  # KiB
}

sqlite_db = SqliteDatabase(None)


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


def connect(path: Path) -> None:
    sqlite_db.init(str(path), pragmas=PRAGMAS)
    db.initialize(sqlite_db)
    sqlite_db.connect(reuse_if_open=True)


def close() -> None:
    if not sqlite_db.is_closed():
        sqlite_db.close()


def stored_schema_version(path: Path) -> int | None:
    """Read the schema version without changing the file (read-only, no pragmas).

    None for a file with no garden in it yet.
    """
    uri = f"file:{path}?mode=ro"
    try:
        with sqlite3.connect(uri, uri=True) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    except sqlite3.DatabaseError as error:
        raise ValueError(f"{path} is not a netgarden database ({error})") from error
    return int(row[0]) if row else None


def copy_database(destination: Path) -> None:
    """A consistent copy of the open database (SQLite's online backup), mode 0600."""
    create_private_file(destination)
    target = sqlite3.connect(destination)
    try:
        sqlite_db.connection().backup(target)
    finally:
        target.close()


def schema_migrator() -> SqliteMigrator:
    return SqliteMigrator(sqlite_db)


def _search_document_query():
    facts = (
        Fact.select(fn.group_concat(Fact.text, " "))
        .where(Fact.contact == Contact.id)
    )
    return Contact.select(
        Contact.id,
        Contact.display_name.concat(" ").concat(Contact.given_name).concat(" ")
        .concat(Contact.family_name).concat(" ").concat(Contact.nickname),
        Contact.company.concat(" ").concat(Contact.role),
        Contact.notes.concat(" ").concat(fn.coalesce(facts, "")),
    )


def reindex_contacts(contact_ids) -> None:
    """Refresh the search rows of these contacts (call inside the writing transaction)."""
    ids = list(contact_ids)
    if not ids:
        return
    ContactSearch.delete().where(ContactSearch.rowid.in_(ids)).execute()
    documents = _search_document_query().where(Contact.id.in_(ids))
    ContactSearch.insert_from(documents, [ContactSearch.rowid, ContactSearch.names,
                                          ContactSearch.work, ContactSearch.notes]).execute()


def rebuild_search_index() -> None:
    ContactSearch.delete().execute()
    ContactSearch.insert_from(_search_document_query(), [
        ContactSearch.rowid, ContactSearch.names, ContactSearch.work, ContactSearch.notes,
    ]).execute()


def fts_match_expression(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word a quoted prefix.

    Quotes, parentheses, AND/OR/NEAR and stray ``*`` are data, never FTS syntax.
    None when nothing searchable is left.
    """
    words = [word.replace('"', '""') for word in text.split()]
    words = [word for word in words if word.strip("\"'*")]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def matching_contact_ids(text: str):
    """A subquery of the ids of contacts matching ``text``, or None if nothing to search."""
    expression = fts_match_expression(text)
    if expression is None:
        return None
    return ContactSearch.select(ContactSearch.rowid).where(ContactSearch.match(expression))


def local_day(moment_column, utc_offset_seconds: int) -> Expression:
    """The local calendar day of a UTC moment column, as ``YYYY-MM-DD`` text."""
    return fn.date(moment_column, f"{utc_offset_seconds:+d} seconds")


def add_days(day_expression, days_expression) -> Expression:
    """``day + days`` as ``YYYY-MM-DD`` text."""
    return fn.date(day_expression, fn.printf("%+d days", days_expression))


def days_between(earlier_day, later_day) -> Expression:
    """Whole days from one ``YYYY-MM-DD`` value to another (positive when later is later)."""
    return Cast(fn.julianday(later_day) - fn.julianday(earlier_day), "INTEGER")


def later_of(first, second) -> Expression:
    """The later of two ``YYYY-MM-DD`` values (SQLite's two-argument max)."""
    return fn.max(first, second)
