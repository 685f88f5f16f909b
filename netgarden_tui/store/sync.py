"""What syncing with a vdir keeps (garden/vdir/ reads and writes the folder): for each card
of each folder, where the file stood and the card's fields as last synced, and the contact
it is. Where this machine's files stood is no part of the garden's story: an export leaves
it out, and an undo leaves it as it is (models.CACHE_MODELS, UNJOURNALED_MODELS).
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import NamedTuple

import pendulum

from netgarden_tui.store import writes
from netgarden_tui.store.models import Contact, SyncCard, db

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
    """Every card of ``folder`` the last sync left, by file name."""
    query = (SyncCard.select(*(getattr(SyncCard, name) for name in SyncedCard._fields))
             .where(SyncCard.folder == folder))
    return {row[0]: SyncedCard(*row) for row in query.tuples().iterator()}


def keep_synced(folder: str, cards: Sequence[SyncedCard]) -> None:
    """Note these cards as they stand now, in place of what was noted of them."""
    for chunk in _chunks(cards):
        (SyncCard.insert_many([(folder, *card) for card in chunk],
                              fields=[SyncCard.folder, *(getattr(SyncCard, name)
                                                         for name in SyncedCard._fields)])
         .on_conflict(conflict_target=[SyncCard.folder, SyncCard.name],
                      preserve=[getattr(SyncCard, name) for name in SyncedCard._fields[1:]])
         .execute())


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
    created_at: pendulum.DateTime


def contact_states() -> dict[int, ContactState]:
    """Every contact's archived flag and when it was added (its card's UID, when it came
    with none, is made from them), by id."""
    query = Contact.select(Contact.id, Contact.archived, Contact.created_at).tuples()
    return {contact_id: ContactState(bool(archived), created_at)
            for contact_id, archived, created_at in query.iterator()}


def set_external_uids(uids: Mapping[int, str]) -> None:
    """Give contacts the UIDs of the cards written for them, where they had none: an
    import of those cards finds them, and a card with another UID is someone else."""
    if uids:
        table = Contact._meta.table_name
        sql = (f'UPDATE "{table}" SET "external_uid" = {db.param} '
               f'WHERE "id" = {db.param} AND "external_uid" IS NULL')
        writes.run_many(sql, [(uid, contact_id) for contact_id, uid in uids.items()])


@contextmanager
def kept(keep: bool = True) -> Iterator[None]:
    """A savepoint, rolled back at the end unless ``keep`` (a dry run writes nothing)."""
    with db.atomic() as savepoint:
        yield
        if not keep:
            savepoint.rollback()
