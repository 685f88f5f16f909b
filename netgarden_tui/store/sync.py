"""What syncing with a vdir keeps (garden/vdir/ reads and writes the folder): for each card
of each folder, where the file stood and the card's fields as last synced, and the contact
it is. Where this machine's files stood is no part of the garden's story: an export leaves
it out, and an undo leaves it as it is (models.CACHE_MODELS, UNJOURNALED_MODELS).
"""

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import NamedTuple

import pendulum

from netgarden_tui.store import queries, writes
from netgarden_tui.store.models import Contact, ContactMethod, ContactTag, SyncCard, Tag, db
from netgarden_tui.store.records import Birthday, ContactFields, Method

CHUNK = 500  # rows or values per statement: well under SQLite's limit on parameters


class SyncedCard(NamedTuple):
    """One card as the last sync left it (SyncCard's columns but the folder)."""

    name: str
    uid: str
    contact_id: int
    stamp: str | None
    digest: str
    version: str
    fields: str  # JSON
    archived: bool = False
    came_in: bool = False


def _chunks(values: Iterable, size: int = CHUNK):
    values = iter(values)
    while chunk := list(islice(values, size)):
        yield chunk


def synced_cards(folder: str) -> dict[str, SyncedCard]:
    """Every card of ``folder`` the last sync left, by file name (from the driver's cursor:
    converting 10,000 rows through peewee would take longer than the run)."""
    columns = [getattr(SyncCard, name) for name in SyncedCard._fields]
    query = SyncCard.select(*columns).where(SyncCard.folder == folder)
    found = {}
    for name, uid, contact_id, stamp, digest, version, fields, archived, came_in in db.execute(
            query):
        found[name] = SyncedCard(name, uid, contact_id, stamp, digest, version, fields,
                                 bool(archived), bool(came_in))
    return found


def keep_synced(folder: str, cards: Sequence[SyncedCard]) -> None:
    """Note these cards as they stand now, in place of what was noted of them (one
    prepared statement, an upsert both engines run)."""
    if not cards:
        return
    table = SyncCard._meta.table_name
    columns = ["folder", *SyncedCard._fields]
    names = ", ".join(f'"{SyncCard._meta.fields[name].column_name}"' for name in columns)
    marks = ", ".join([db.param] * len(columns))
    updates = ", ".join(f'"{SyncCard._meta.fields[name].column_name}" = excluded."'
                        f'{SyncCard._meta.fields[name].column_name}"'
                        for name in SyncedCard._fields[1:])
    sql = (f'INSERT INTO "{table}" ({names}) VALUES ({marks}) '
           f'ON CONFLICT ("folder", "name") DO UPDATE SET {updates}')
    writes.run_many(sql, [(folder, *card) for card in cards])


def set_stamps(folder: str, stamps: Mapping[str, str | None]) -> None:
    """Where files whose bytes did not change stand now (a program rewrote them as they were)."""
    if stamps:
        sql = (f'UPDATE "{SyncCard._meta.table_name}" SET "stamp" = {db.param} '
               f'WHERE "folder" = {db.param} AND "name" = {db.param}')
        writes.run_many(sql, [(stamp, folder, name) for name, stamp in stamps.items()])


def forget_synced(folder: str, names: Iterable[str]) -> None:
    """Forget these cards (gone from the folder, or no longer the garden's)."""
    for chunk in _chunks(names):
        SyncCard.delete().where(SyncCard.folder == folder, SyncCard.name.in_(chunk)).execute()


class ContactState(NamedTuple):
    archived: bool
    created_at: str  # as stored: moment() reads it


def card_contacts() -> tuple[dict[int, ContactFields], dict[int, ContactState]]:
    """Every contact's card fields (names, job, days, notes, UID, methods, tags,
    addresses; not where you met, the circle or the work history), and whether each is
    archived and when it was added, by id: in five queries, from the driver's cursor (a
    sync that finds nothing new reads these and little else)."""
    methods: dict[int, list[Method]] = {}
    for contact_id, kind, value, label in db.execute(
            ContactMethod.select(ContactMethod.contact, ContactMethod.kind, ContactMethod.value,
                                 ContactMethod.label).order_by(ContactMethod.id)):
        methods.setdefault(contact_id, []).append(Method(kind, value, label))
    tags: dict[int, list[str]] = {}
    for contact_id, name in db.execute(ContactTag.select(ContactTag.contact, Tag.name).join(Tag)):
        tags.setdefault(contact_id, []).append(name)
    addresses = queries.addresses_by_contact()
    fields, states = {}, {}
    query = Contact.select(
        Contact.id, Contact.display_name, Contact.given_name, Contact.family_name,
        Contact.nickname, Contact.company, Contact.department, Contact.role, Contact.function,
        Contact.birthday_month, Contact.birthday_day, Contact.birthday_year,
        Contact.anniversary_month, Contact.anniversary_day, Contact.anniversary_year,
        Contact.notes, Contact.external_uid, Contact.archived, Contact.created_at)
    for (cid, name, given, family, nickname, company, department, role, function, month, day,
         year, a_month, a_day, a_year, notes, uid, archived, created_at) in db.execute(query):
        fields[cid] = ContactFields(
            id=cid, display_name=name, given_name=given, family_name=family, nickname=nickname,
            company=company, role=role, met_where="", met_on=None,
            birthday=Birthday(month, day, year) if month else None, notes=notes,
            circle_id=None, external_uid=uid, methods=tuple(methods.get(cid, ())),
            tags=tuple(tags.get(cid, ())), department=department, function=function,
            anniversary=Birthday(a_month, a_day, a_year) if a_month else None,
            addresses=addresses.get(cid, ()))
        states[cid] = ContactState(bool(archived), created_at)
    return fields, states


def moment(stored: str) -> pendulum.DateTime:
    """A moment as a column holds it (ContactState.created_at), read."""
    return Contact.created_at.python_value(stored)


def set_external_uids(uids: Mapping[int, str]) -> None:
    """Give contacts the UIDs of the cards written for them, where they had none: an
    import of those cards finds them, and a card with another UID is someone else."""
    if uids:
        table = Contact._meta.table_name
        sql = (f'UPDATE "{table}" SET "external_uid" = {db.param} '
               f'WHERE "id" = {db.param} AND "external_uid" IS NULL')
        writes.run_many(sql, [(uid, contact_id) for contact_id, uid in uids.items()])
