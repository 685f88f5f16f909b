"""The search index: one row per contact (its names, its work, its notes and facts), kept in
step with the contacts in the writing transaction. How a row is indexed and matched is the
engine's (SQLite's FTS5, PostgreSQL's text search): ``backend.ContactSearch``."""

from peewee import fn

from netgarden_tui.store import backend
from netgarden_tui.store.models import Contact, Fact, db


def _documents():
    """Each contact's search row, as the index holds it: (id, names, work, notes)."""
    facts = (Fact.select(backend.joined_text(Fact.text, " "))
             .where(Fact.contact == Contact.id))
    return Contact.select(
        Contact.id,
        Contact.display_name.concat(" ").concat(Contact.given_name).concat(" ")
        .concat(Contact.family_name).concat(" ").concat(Contact.nickname),
        Contact.company.concat(" ").concat(Contact.role),
        Contact.notes.concat(" ").concat(fn.coalesce(facts, "")),
    )


def _indexed():
    search = backend.ContactSearch
    return search.select(*backend.search_columns())


def reindex_contacts(contact_ids) -> None:
    """Refresh the search rows of these contacts (call inside the writing transaction)."""
    ids = list(contact_ids)
    if not ids:
        return
    search = backend.ContactSearch
    search.delete().where(search.rowid.in_(ids)).execute()
    search.insert_from(_documents().where(Contact.id.in_(ids)),
                       backend.search_columns()).execute()


def rebuild_search_index() -> None:
    search = backend.ContactSearch
    search.delete().execute()
    search.insert_from(_documents(), backend.search_columns()).execute()


def search_index_drift() -> int:
    """How many contacts the search index has wrong: missing, left over, or out of date."""
    documents, indexed = _documents(), _indexed()
    # Each side in a subquery of its own: SQLite reads "A EXCEPT B UNION ..." left to right.
    (stale, stale_params), (extra, extra_params) = (documents.except_(indexed).sql(),
                                                    indexed.except_(documents).sql())
    sql = (f"SELECT count(*) FROM (SELECT stale.id FROM ({stale}) AS stale UNION "
           f"SELECT extra.rowid FROM ({extra}) AS extra) AS wrong")
    return db.execute_sql(sql, [*stale_params, *extra_params]).fetchone()[0]
