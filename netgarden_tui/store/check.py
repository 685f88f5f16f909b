"""``netgarden check``: what a sound garden holds, checked; and what can be rebuilt, rebuilt.

Checked: SQLite's integrity check and foreign keys, the schema version, every stored day
and moment (a date an earlier version let in, such as the year 1, reads as the nearest day
in range: store/fields.py), the search index against the contacts, the columns each
contact keeps from other rows (last touch, next due day, unanswered outreaches), and each
method's match key. The file itself and its foreign keys cannot be mended here: a damaged
garden is restored from a backup.
"""

from typing import NamedTuple

from peewee import Expression

from netgarden_tui.store import backend, match_keys, migrations, search, writes
from netgarden_tui.store.fields import DayField, MomentField, readable_day
from netgarden_tui.store.models import ALL_MODELS, WORD_SLOTS, WORD_SOURCES, Setting, db


class Problem(NamedTuple):
    what: str  # integrity, foreign key, schema, date, search index, derived, match keys
    text: str  # one line for the person
    repairable: bool


def problems() -> list[Problem]:
    """Everything wrong with the open garden, the gravest first ([] when all holds). A
    file found damaged is not read further (reading it may fail): a backup is the way
    back."""
    damaged = [Problem("integrity", text, False) for text in backend.integrity_problems()]
    if damaged:
        return damaged
    return [
        *(Problem("foreign key", text, False) for text in backend.foreign_key_problems()),
        *_schema(),
        *date_problems(),
        *_search_index(),
        *_word_index(),
        *_derived(),
        *_match_keys(),
    ]


def repair() -> list[str]:
    """Rebuild what is derived and clear what cannot be read, in one transaction; what
    was changed, one line each. The caller takes a backup first."""
    changes = []
    with db.atomic():
        for model, field, rowid, value in _unreadable_dates():
            changes.append(_clear(model, field, rowid, value))
        for problem in (*_search_index(), *_word_index(), *_derived(), *_match_keys()):
            changes.append(f"{problem.text}: rebuilt")
        search.rebuild_search_index()
        backend.rebuild_word_index(WORD_SOURCES, WORD_SLOTS)
        writes.refresh_last_touch(None)
        writes.refresh_schedule()
        writes.refresh_outreach()
        match_keys.rekey()
    return changes


def _schema() -> list[Problem]:
    stored = Setting.get_or_none(Setting.key == "schema_version")
    if stored is None or stored.value != str(migrations.SCHEMA_VERSION):
        found = stored.value if stored else "none"
        return [Problem("schema", f"the schema version is {found}, not "
                                  f"{migrations.SCHEMA_VERSION}", False)]
    return []


def date_problems() -> list[Problem]:
    """The dates that do not read as a day between 1900 and 2200 (a garden going to a
    server must not have any: PostgreSQL's date arithmetic would fail on them)."""
    return [Problem("date", _date_words(*found), True) for found in _unreadable_dates()]


def _date_fields():
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, (DayField, MomentField)):
                yield model, field


def _unreadable_dates():
    """(model, field, rowid, stored value) of each date that does not read as itself."""
    for model, field in _date_fields():
        for rowid, value in backend.unreadable_days(model._meta.table_name, field.column_name,
                                                   with_time=isinstance(field, MomentField)):
            yield model, field, rowid, value


def _date_words(model, field, rowid: int, value: str) -> str:
    return (f"{model._meta.table_name} #{rowid} {field.name} is {value!r}, not a day "
            "between 1900 and 2200")


def _clear(model, field, rowid: int, value: str) -> str:
    """Clear a date that cannot be read; one that may not be empty becomes the day the
    garden has been showing for it."""
    if field.null:
        new, shown = None, "cleared"
    else:
        day = readable_day(value)
        new = f"{day.isoformat()} 00:00:00" if isinstance(field, MomentField) else day.isoformat()
        shown = f"set to {new}"
    model.update({field: new}).where(model._meta.primary_key == rowid).execute()
    return f"{_date_words(model, field, rowid, value)}: {shown}"


def _search_index() -> list[Problem]:
    drift = search.search_index_drift()
    if drift:
        return [Problem("search index", f"the search index has {drift} contact"
                                        f"{'s' * (drift > 1)} wrong", True)]
    return []


def _word_index() -> list[Problem]:
    drift = backend.word_index_drift(WORD_SOURCES, WORD_SLOTS)
    if drift:
        return [Problem("search index", f"the word index (who do I know who...) has {drift} "
                                        f"line{'s' * (drift > 1)} wrong", True)]
    return []


def _derived() -> list[Problem]:
    found = []
    for what, (column, expression) in writes.derived_columns().items():
        model = column.model
        wrong = model.select().where(Expression(column, backend.DIFFERS, expression)).count()
        if wrong:
            found.append(Problem("derived", f"the {what} of {wrong} contact{'s' * (wrong > 1)} "
                                            "does not follow from the rows it comes from", True))
    return found


def _match_keys() -> list[Problem]:
    stale = match_keys.stale()
    if stale:
        return [Problem("match keys", f"{stale} way{'s' * (stale > 1)} to reach someone "
                                      "keyed otherwise than the home region says", True)]
    return []
