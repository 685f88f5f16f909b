"""Reading the whole garden out, and loading a whole garden back in.

``dumped_tables()`` streams every table as rows of raw column values (the text a moment or
a day is stored as, 0/1 for a boolean), so a dump is exactly what the file holds and
``load_tables()`` puts it back unchanged, ids and all. Rows are tuples in column order,
not dicts: on a million interactions that halves the time to write them out as JSON. ``contact_cards()`` reads every
contact whole, in a few queries, for the vCard, CSV and calendar exports.

Not dumped: the undo journal (it belongs to this file's history, not to the network), where
a capture last left this machine's mail files (models.CACHE_MODELS) and the full-text index
(rebuilt from the contacts).
"""

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice

from peewee import JOIN, BooleanField, Cast, CompositeKey, DatabaseError, DataError, ProgrammingError

from netgarden_tui.store import backend, match_keys, queries, search, writes
from netgarden_tui.store.models import (
    ALL_MODELS, CACHE_MODELS, JOURNAL_MODELS, WORD_SLOTS, WORD_SOURCES, Circle, Contact, ContactMethod, ContactTag, Fact, Favour,
    FollowUp, Setting, Tag, db,
)
from netgarden_tui.store.queries import effective_cadence_expression, yearly_day
from netgarden_tui.store.records import (
    ContactCard, FactRecord, FavourRecord, FollowUpRecord, Method,
)

DUMPED_MODELS = tuple(model for model in ALL_MODELS
                      if model not in JOURNAL_MODELS and model not in CACHE_MODELS)
# Opening a garden fills these from the config; a load replaces them with the dump's.
OPENING_MODELS = (Setting, Circle)
OPENING_TABLES = tuple(model._meta.table_name for model in OPENING_MODELS)
SCHEMA_KEY = "schema_version"
CHUNK = 20_000  # rows per executemany


class DumpError(ValueError):
    """A dump that cannot be loaded; str() is one line for the user."""


def table_columns(model) -> list[str]:
    return [field.column_name for field in model._meta.sorted_fields]


def _primary_key(model) -> list:
    key = model._meta.primary_key
    if isinstance(key, CompositeKey):
        return [model._meta.fields[name] for name in key.field_names]
    return [key]


def _raw_rows(model, columns: Sequence[str]) -> Iterator[tuple]:
    """A table's rows in primary-key order, as tuples of these columns' stored values,
    streamed.

    ``db.execute`` hands back the driver's cursor, so values stay as stored: converting a
    million moments to pendulum and back would take longer than the whole export.
    """
    fields = [model._meta.columns[name] for name in columns]
    # 0/1 for a boolean, as SQLite stores it, whichever engine holds the garden.
    selected = [Cast(field, "INTEGER") if isinstance(field, BooleanField) else field
                for field in fields]
    cursor = db.execute(model.select(*selected).order_by(*_primary_key(model)))
    while chunk := cursor.fetchmany(CHUNK):
        yield from chunk


@dataclass(frozen=True)
class Table:
    """One table of a dump: its column names, and its rows as values in that order."""

    columns: Sequence[str]
    rows: Iterable[Sequence]


@contextmanager
def dumped_tables() -> Iterator[dict[str, Table]]:
    """Every dumped table by name, its rows streamed, all read in one consistent snapshot
    (other sessions go on writing meanwhile, unseen by the dump).

    A garden of an older schema (read for the backup taken before its migration) lacks
    some of today's tables and columns: its dump has those it holds.
    """
    with backend.snapshot():
        stored = set(db.get_tables())
        yield {model._meta.table_name: _stored_table(model) for model in DUMPED_MODELS
               if model._meta.table_name in stored}


def _stored_table(model) -> Table:
    stored = {column.name for column in db.get_columns(model._meta.table_name)}
    columns = [name for name in table_columns(model) if name in stored]
    return Table(columns, _raw_rows(model, columns))


def is_empty() -> bool:
    """No rows beyond what opening a garden writes (settings, the config's circles)."""
    return not any(model.select().exists() for model in DUMPED_MODELS
                   if model not in OPENING_MODELS)


def check_tables(names) -> None:
    """DumpError for a table this schema does not have."""
    unknown = sorted(set(names) - {model._meta.table_name for model in DUMPED_MODELS})
    if unknown:
        raise DumpError(f"unknown table {unknown[0]!r}")


def load_tables(tables: Mapping[str, Table], *, expected: Mapping[str, int] | None = None,
                replacing: bool = False) -> dict[str, int]:
    """Insert a dump into an EMPTY garden in one transaction, keeping every id; with
    ``replacing``, the garden's rows go first, the undo journal's and this machine's
    capture caches too (a restore).

    The garden's own settings and circles give way to the dump's, except the schema version,
    which stays the garden's. A column missing from a table (a dump from an older schema)
    gets its default. Then what is derived is brought up to date: due days, last touches,
    the methods' match keys, the search index. Returns how many rows each table got.
    DumpError for a table or column this schema does not have, rows that do not fit
    together (a touch with a contact that is not there), or, with ``expected`` (rows by
    table, as counted where the dump came from), a table that ends up with another count:
    then nothing is loaded.
    """
    check_tables(tables)
    models = {model._meta.table_name: model for model in DUMPED_MODELS}
    counts = {}
    try:
        with db.atomic():
            if replacing:
                for model in reversed(ALL_MODELS):  # a row before the rows it names
                    if model not in OPENING_MODELS:
                        model.delete().execute()
            # Checked at commit: a contact may name an introducer with a later id.
            backend.defer_foreign_keys()
            Setting.delete().where(Setting.key != SCHEMA_KEY).execute()
            Circle.delete().execute()
            with backend.word_index_paused(WORD_SOURCES, WORD_SLOTS):
                for name, model in models.items():
                    if name in tables:
                        counts[name] = _insert_rows(model, tables[name])
            backend.rows_loaded(DUMPED_MODELS)
            writes.refresh_last_touch(None)
            writes.refresh_schedule()
            match_keys.rekey()  # a dump from before match keys has none
            search.rebuild_search_index()
            if expected is not None:
                _check_counts(expected)
    except DatabaseError as error:
        raise DumpError(f"the rows do not fit together ({error})") from None
    return counts


def _check_counts(expected: Mapping[str, int]) -> None:
    """DumpError unless each table holds as many rows as ``expected`` says (a table it does
    not name, none)."""
    for model in DUMPED_MODELS:
        name, found = model._meta.table_name, model.select().count()
        if found != expected.get(name, 0):
            raise DumpError(f"{name} has {found} rows once loaded, not "
                            f"{expected.get(name, 0)} as counted where they came from")


def _insert_rows(model, table: Table) -> int:
    """executemany of plain tuples: peewee's insert_many would inspect every value."""
    name = model._meta.table_name
    known = table_columns(model)
    extra = sorted(set(table.columns) - set(known))
    if extra:
        raise DumpError(f"{name} has no column {extra[0]!r}")
    missing = [column for column in known if column not in table.columns]
    columns = [*table.columns, *missing]
    defaults = tuple(_default(model, column) for column in missing)
    sql = writes.insert_sql(model, [model._meta.columns[column].name for column in columns])
    # The schema version stays the garden's own.
    key_at = list(table.columns).index("key") if model is Setting and "key" in table.columns else None
    rows, total = iter(table.rows), 0
    while chunk := list(islice(rows, CHUNK)):
        try:
            if key_at is not None:
                chunk = [row for row in chunk if row[key_at] != SCHEMA_KEY]
            writes.run_many(sql, [_as_stored(model, columns, (*row, *defaults))
                                  for row in chunk])
        except (TypeError, ValueError, ProgrammingError, DataError) as error:
            raise DumpError(f"a row of {name} is malformed ({error})") from None
        total += len(chunk)
    return total


def _as_stored(model, columns: Sequence[str], row: tuple) -> tuple:
    """A dumped row's booleans as booleans (a dump has 0 and 1, which PostgreSQL will not
    take for one)."""
    flags = _boolean_places(model, tuple(columns))
    if not flags or backend.INTEGER_BOOLEANS:
        return row
    values = list(row)
    for at in flags:
        if values[at] is not None:
            values[at] = bool(values[at])
    return tuple(values)


@functools.cache
def _boolean_places(model, columns: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(at for at, column in enumerate(columns)
                 if isinstance(model._meta.columns[column], BooleanField))


def _default(model, column: str):
    field = model._meta.columns[column]
    value = field.default() if callable(field.default) else field.default
    return field.db_value(value)


# --- whole contacts, for the vCard, CSV and calendar exports ---------------------------------

def _grouped(query) -> dict[int, list[tuple]]:
    """Rows (contact id first) by contact id."""
    grouped = defaultdict(list)
    for contact_id, *rest in query.tuples().iterator():
        grouped[contact_id].append(tuple(rest))
    return grouped


def contact_cards(*, default_cadence: int, include_archived: bool = False) -> Iterator[ContactCard]:
    """Every contact (active ones unless ``include_archived``) as a full card, by name.

    Methods, tags, facts, open follow-ups and open favours come from one query each,
    instead of five per contact.
    """
    methods = _grouped(ContactMethod.select(ContactMethod.contact, ContactMethod.kind,
                                            ContactMethod.value, ContactMethod.label)
                       .order_by(ContactMethod.kind, ContactMethod.id))
    tags = _grouped(ContactTag.select(ContactTag.contact, Tag.name).join(Tag).order_by(Tag.name))
    facts = _grouped(Fact.select(Fact.contact, Fact.id, Fact.kind, Fact.text, Fact.year)
                     .order_by(Fact.kind, Fact.id))
    follow_ups = _grouped(FollowUp.select(FollowUp.contact, FollowUp.id, FollowUp.contact,
                                          Contact.display_name, FollowUp.due_on, FollowUp.what,
                                          FollowUp.done_at)
                          .join(Contact).where(FollowUp.done_at.is_null())
                          .order_by(FollowUp.due_on, FollowUp.id))
    favours = _grouped(Favour.select(Favour.contact, Favour.id, Favour.contact, Contact.display_name,
                                     Favour.direction, Favour.kind, Favour.what, Favour.status,
                                     Favour.due_on, Favour.created_at)
                       .join(Contact).where(Favour.status == "open")
                       .order_by(Favour.created_at.desc(), Favour.id.desc()))
    addresses, past_jobs = queries.addresses_by_contact(), queries.past_jobs_by_contact()
    introducer = Contact.alias()
    query = (Contact.select(Contact, Circle.name.alias("circle_name"),
                            effective_cadence_expression(default_cadence).alias("cadence"),
                            introducer.display_name.alias("introducer_name"))
             .join(Circle, JOIN.LEFT_OUTER)
             .switch(Contact).join(introducer, JOIN.LEFT_OUTER,
                                   on=(Contact.introduced_by == introducer.id))
             .order_by(Contact.display_name, Contact.id))
    if not include_archived:
        query = query.where(Contact.archived == False)  # noqa: E712 (peewee expression)
    for row in query.objects().iterator():
        yield ContactCard(
            id=row.id, display_name=row.display_name, given_name=row.given_name,
            family_name=row.family_name, nickname=row.nickname, company=row.company,
            role=row.role, met_where=row.met_where, met_on=row.met_on,
            introduced_by=row.introducer_name,
            birthday=yearly_day(row, "birthday"), anniversary=yearly_day(row, "anniversary"),
            department=row.department, function=row.function,
            addresses=addresses.get(row.id, ()), past_jobs=past_jobs.get(row.id, ()),
            notes=row.notes, archived=row.archived, circle=row.circle_name,
            cadence_days=row.cadence, own_cadence_days=row.cadence_days,
            snoozed_until=row.snoozed_until, last_touch_at=row.last_touch_at,
            next_due=row.next_due_on, created_at=row.created_at,
            methods=tuple(Method(*method) for method in methods.get(row.id, ())),
            tags=tuple(name for (name,) in tags.get(row.id, ())),
            facts=tuple(FactRecord(*fact) for fact in facts.get(row.id, ())),
            follow_ups=tuple(FollowUpRecord(*f) for f in follow_ups.get(row.id, ())),
            favours=tuple(FavourRecord(*f) for f in favours.get(row.id, ())),
        )


def external_uids() -> dict[int, str]:
    """The UID each imported contact came with (a vCard's), by contact id."""
    query = (Contact.select(Contact.id, Contact.external_uid)
             .where(Contact.external_uid.is_null(False)).tuples())
    return dict(query.iterator())
