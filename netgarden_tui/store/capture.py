"""What capturing mail and calendars keeps (garden/capture/ reads the files).

Never a message: hashes of the messages and occurrences already captured, the touches a
capture logged by thread and day (so later mail of that thread that day joins them), the
counts of mail with addresses no contact has, and where each file stood when last read.
Touches are written as the store writes any touch (``writes.touched``), many at a time.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import pendulum
from peewee import fn

from netgarden_tui import clock
from netgarden_tui.store import backend, writes
from netgarden_tui.store.fields import moment_text
from netgarden_tui.store.models import (
    CaptureAddress, CaptureFile, CaptureMeeting, CaptureRun, CaptureSeen, CaptureSource,
    CaptureTouch, Contact, ContactMethod, FollowUp, Interaction, InteractionContact, LifeEvent,
)

CHUNK = 500  # values per IN (...): well under SQLite's limit on parameters


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = iter(values)
    while chunk := list(islice(values, size)):
        yield chunk


# --- messages and occurrences seen -------------------------------------------------------

def seen(keys: Iterable[str]) -> set[str]:
    """Which of these keys were captured before."""
    found = set()
    for chunk in _chunks(keys):
        found.update(key for (key,) in CaptureSeen.select(CaptureSeen.key)
                     .where(CaptureSeen.key.in_(chunk)).tuples())
    return found


class Run:
    """One capture, under which what it sees is kept (an undo of it takes it all). Its row
    is written when it first keeps something: a run that sees nothing new writes nothing."""

    def __init__(self):
        self._id: int | None = None

    @property
    def id(self) -> int:
        if self._id is None:
            self._id = CaptureRun.create().id
        return self._id


def remember(keys: Sequence[str], run: Run) -> None:
    if keys:
        sql = writes.insert_sql(CaptureSeen, ["key", "run"]) + " ON CONFLICT DO NOTHING"
        writes.run_many(sql, [(key, run.id) for key in keys])


# --- who an address is -------------------------------------------------------------------

def contacts_by_email(keys: Iterable[str]) -> dict[str, list[int]]:
    """The contacts holding each of these email match keys (store/match_keys.py), by key;
    a key no contact holds is left out."""
    found: dict[str, list[int]] = {}
    for chunk in _chunks(set(keys)):
        query = (ContactMethod.select(ContactMethod.match_key, ContactMethod.contact)
                 .where(ContactMethod.kind == "email", ContactMethod.match_key.in_(chunk))
                 .distinct().tuples())
        for key, contact_id in query:
            found.setdefault(key, []).append(contact_id)
    return found


def contact_names(contact_ids: Iterable[int]) -> dict[int, str]:
    names = {}
    for chunk in _chunks(set(contact_ids)):
        names.update(Contact.select(Contact.id, Contact.display_name)
                     .where(Contact.id.in_(chunk)).tuples())
    return names


# --- where files stood -------------------------------------------------------------------

class Source(NamedTuple):
    id: int | None
    stamp: str | None
    since: pendulum.Date | None
    next_at: pendulum.DateTime | None
    path: str = ""


def sources(paths: Iterable[str]) -> dict[str, Source]:
    """What the last capture noted of each of these files or folders, by path."""
    found = {}
    for chunk in _chunks(paths):
        for path, *rest in (CaptureSource.select(CaptureSource.path, CaptureSource.id,
                                                 CaptureSource.stamp, CaptureSource.since,
                                                 CaptureSource.next_at)
                            .where(CaptureSource.path.in_(chunk)).tuples()):
            found[path] = Source(*rest, path)
    return found


def note_source(path: str, *, stamp: str | None, since: pendulum.Date | None,
                next_at: pendulum.DateTime | None = None) -> int:
    """Record where a file or folder stood when read; its id."""
    existing = CaptureSource.get_or_none(CaptureSource.path == path)
    if existing is None:
        return CaptureSource.create(path=path, stamp=stamp, since=since, next_at=next_at).id
    if (existing.stamp, existing.since, existing.next_at) != (stamp, since, next_at):
        (CaptureSource.update(stamp=stamp, since=since, next_at=next_at)
         .where(CaptureSource.id == existing.id).execute())
    return existing.id


def note_sources(noted: Sequence[Source]) -> None:
    """Record where many files stood when read (their ids are not needed), in one go."""
    table, differs = CaptureSource._meta.table_name, backend.DIFFERS
    writes.run_many(
        writes.insert_sql(CaptureSource, ["path", "stamp", "since", "next_at"]) +
        " ON CONFLICT (path) DO UPDATE SET stamp = excluded.stamp, since = excluded.since, "
        f'next_at = excluded.next_at WHERE "{table}".stamp {differs} excluded.stamp '
        f'OR "{table}".since {differs} excluded.since '
        f'OR "{table}".next_at {differs} excluded.next_at',
        [(source.path, source.stamp, CaptureSource.since.db_value(source.since),
          CaptureSource.next_at.db_value(source.next_at)) for source in noted])


def file_names(source_id: int) -> set[str]:
    """The names of the message files of a Maildir folder read before."""
    return {name for (name,) in CaptureFile.select(CaptureFile.name)
            .where(CaptureFile.source == source_id).tuples()}


def note_files(source_id: int, run: Run, read: Sequence[str], gone: Iterable[str] = ()) -> None:
    """Message files of a Maildir folder read now, and ones no longer there."""
    if read:
        writes.run_many(writes.insert_sql(CaptureFile, ["source", "name", "run"]),
                        [(source_id, name, run.id) for name in read])
    for chunk in _chunks(gone):
        CaptureFile.delete().where(CaptureFile.source == source_id,
                                   CaptureFile.name.in_(chunk)).execute()


# --- meetings to come --------------------------------------------------------------------

class Meeting(NamedTuple):
    """A meeting to come with someone (by an address of theirs)."""

    address: str  # a match key
    starts_at: pendulum.DateTime
    ends_at: pendulum.DateTime
    whole_day: bool
    channel: str
    summary: str


def replace_meetings(by_path: Mapping[str, Sequence[Meeting]]) -> None:
    """The meetings to come of these calendar files (noted as sources), in place of the
    ones kept from them before."""
    ids = {source.path: source.id for source in sources(by_path).values()}
    for chunk in _chunks(ids.values()):
        CaptureMeeting.delete().where(CaptureMeeting.source.in_(chunk)).execute()
    rows = [{"source": ids[path], **meeting._asdict()}
            for path, meetings in by_path.items() for meeting in meetings]
    for chunk in _chunks(rows, 50):
        CaptureMeeting.insert_many(chunk).execute()


def forget_meetings_gone(roots: Iterable[Path], files: Iterable[Path]) -> None:
    """Forget the meetings of calendar files under these roots that are there no more."""
    present = {str(path) for path in files}
    for root in roots:
        under = (CaptureSource.path == str(root)) | CaptureSource.path.startswith(
            str(root).rstrip("/") + "/")
        gone = [source_id for source_id, path in CaptureSource.select(
            CaptureSource.id, CaptureSource.path).join(CaptureMeeting).where(under)
            .distinct().tuples() if path not in present]
        for chunk in _chunks(gone):
            CaptureMeeting.delete().where(CaptureMeeting.source.in_(chunk)).execute()


# --- touches -----------------------------------------------------------------------------

class MailThread(NamedTuple):
    """A touch of mail captured before: a thread with one contact on one day."""

    interaction_id: int
    at: pendulum.DateTime
    sent: int
    received: int


def mail_threads(groups: Iterable[tuple[str, pendulum.Date, int]]
                 ) -> dict[tuple[str, pendulum.Date, int], MailThread]:
    """The touches captured before for these (thread, day, contact id), by them."""
    wanted = set(groups)
    found = {}
    for chunk in _chunks({thread for thread, _, _ in wanted}):
        query = (CaptureTouch.select(CaptureTouch.thread, CaptureTouch.day,
                                     InteractionContact.contact, Interaction.id, Interaction.at,
                                     fn.sum(CaptureTouch.sent), fn.sum(CaptureTouch.received))
                 .join(Interaction).join(InteractionContact)
                 .where(CaptureTouch.thread.in_(chunk))
                 .group_by(Interaction.id, InteractionContact.contact, CaptureTouch.thread,
                           CaptureTouch.day).tuples())
        for thread, day, contact_id, *touch in query:
            if (thread, day, contact_id) in wanted:
                found[thread, day, contact_id] = MailThread(*touch)
    return found


class NewTouch(NamedTuple):
    contact_ids: tuple[int, ...]
    at: pendulum.DateTime
    channel: str
    direction: str
    note: str = ""
    awaiting_reply: bool = False
    duration_seconds: int | None = None
    # Mail: the thread and day later mail of it joins, and the messages each way so far.
    thread: str | None = None
    day: pendulum.Date | None = None
    sent: int = 0
    received: int = 0


class ThreadChange(NamedTuple):
    """Mail of a thread joining its touch of that day: the touch as it is now, and the
    messages each way this run adds."""

    interaction_id: int
    at: pendulum.DateTime
    direction: str
    note: str
    awaiting_reply: bool
    thread: str
    day: pendulum.Date
    sent: int
    received: int


_INTERACTION_COLUMNS = ("at", "channel", "direction", "note", "awaiting_reply", "author",
                        "duration_seconds", "created_at")


def add_touches(touches: Sequence[NewTouch], run: Run) -> None:
    """Write these touches and their links (a few executemany: peewee's create would
    take ten times as long on a first capture of a year of mail). An outreach with
    a later answer (a touch in which they wrote, or we talked: among these or before) is
    written answered. Then ``settle``."""
    answers = dict(newest_answers({cid for touch in touches for cid in touch.contact_ids}))
    for touch in touches:
        if touch.direction in writes.ANSWERING:
            for contact_id in touch.contact_ids:
                answers[contact_id] = max(touch.at, answers.get(contact_id, touch.at))
    created, author = moment_text(clock.utcnow()), writes.current_author()
    rows, links, threads = [], [], []
    for interaction_id, touch in zip(backend.new_ids(Interaction, len(touches)), touches):
        awaiting = touch.awaiting_reply and not any(
            contact_id in answers and answers[contact_id] >= touch.at
            for contact_id in touch.contact_ids)
        rows.append((interaction_id, Interaction.at.db_value(touch.at), touch.channel,
                     touch.direction, touch.note, bool(awaiting), author,
                     touch.duration_seconds, created))
        links.extend((interaction_id, contact_id) for contact_id in touch.contact_ids)
        if touch.thread is not None:
            threads.append((interaction_id, touch.thread, touch.day, touch.sent, touch.received))
    writes.run_many(writes.insert_sql(Interaction, ("id", *_INTERACTION_COLUMNS)), rows)
    writes.run_many(writes.insert_sql(InteractionContact, ["interaction", "contact"]), links)
    if touches:
        writes.note_author()
    _note_threads(threads, run)


def change_threads(changes: Sequence[ThreadChange], run: Run) -> None:
    """Later mail joined these touches. Then ``settle``."""
    for change in changes:
        (Interaction.update(at=change.at, direction=change.direction, note=change.note,
                            awaiting_reply=change.awaiting_reply)
         .where(Interaction.id == change.interaction_id).execute())
    _note_threads([(change.interaction_id, change.thread, change.day, change.sent,
                    change.received) for change in changes], run)


def _note_threads(rows: Sequence[tuple], run: Run) -> None:
    """(interaction id, thread, day, sent, received) of touches this run made or joined."""
    if rows:
        writes.run_many(
            writes.insert_sql(CaptureTouch, ["interaction", "thread", "day", "sent", "received",
                                             "run"]),
            [(interaction_id, thread, CaptureTouch.day.db_value(day), sent, received, run.id)
             for interaction_id, thread, day, sent, received in rows])


def settle(newest: Mapping[int, pendulum.DateTime]) -> None:
    """After touches were written: what a touch does (writes.touched), for each contact
    as of its newest touch written, with its newest answer on the whole timeline (so an
    outreach found after the reply to it, in a folder read later, is answered too). What
    depends on that moment is done one contact at a time, only for those it can change;
    the rest for all at once."""
    contact_ids = list(newest)
    answers = dict(newest_answers(contact_ids))
    for contact_id in sorted(_unsettled(contact_ids)):
        writes.settle_touch([contact_id], newest[contact_id],
                            answered_at=answers.get(contact_id))
    for chunk in _chunks(contact_ids, 10_000):
        writes.refresh_after_touch(chunk)


def _unsettled(contact_ids: Sequence[int]) -> set[int]:
    """Which of these contacts have a follow-up open, a life event not acknowledged, or
    an outreach waiting for a reply that a touch of theirs since may answer."""
    found = set()
    answer, answer_link = Interaction.alias(), InteractionContact.alias()
    newest_answer = (answer.select(fn.max(answer.at)).join(
        answer_link, on=(answer_link.interaction == answer.id))
        .where(answer_link.contact == InteractionContact.contact,
               answer.direction.in_(writes.ANSWERING)))
    for chunk in _chunks(contact_ids):
        for query in (
            FollowUp.select(FollowUp.contact).where(FollowUp.contact.in_(chunk),
                                                    FollowUp.done_at.is_null()),
            LifeEvent.select(LifeEvent.contact).where(LifeEvent.contact.in_(chunk),
                                                      LifeEvent.acknowledged_at.is_null()),
            (InteractionContact.select(InteractionContact.contact).join(Interaction)
             .where(InteractionContact.contact.in_(chunk),
                    Interaction.awaiting_reply == True,  # noqa: E712 (peewee expression)
                    Interaction.at <= newest_answer)),
        ):
            found.update(contact_id for (contact_id,) in query.distinct().tuples())
    return found


def newest_answers(contact_ids: Iterable[int]) -> Iterator[tuple[int, pendulum.DateTime]]:
    """(contact id, the newest touch in which they wrote or we talked) for these contacts."""
    for chunk in _chunks(contact_ids):
        query = (InteractionContact.select(InteractionContact.contact, fn.max(Interaction.at))
                 .join(Interaction)
                 .where(InteractionContact.contact.in_(chunk),
                        Interaction.direction.in_(writes.ANSWERING))
                 .group_by(InteractionContact.contact).tuples())
        for contact_id, at in query:
            yield contact_id, at  # peewee reads max(at) as the field it is of


# --- people not in the garden ------------------------------------------------------------

class UnknownAddress(NamedTuple):
    address: str  # its match key
    name: str
    sent: int
    received: int
    last_at: pendulum.DateTime


def count_unknown(addresses: Iterable[UnknownAddress]) -> None:
    """Add to each address's counts (a name it came with replaces the one kept)."""
    table = f'"{CaptureAddress._meta.table_name}"'
    writes.run_many(
        writes.insert_sql(CaptureAddress, ["address", "name", "sent", "received", "last_at",
                                           "ignored"]) +
        f" ON CONFLICT (address) DO UPDATE SET sent = {table}.sent + excluded.sent, "
        f"received = {table}.received + excluded.received, "
        f"last_at = CASE WHEN excluded.last_at > {table}.last_at THEN excluded.last_at "
        f"ELSE {table}.last_at END, "
        f"name = CASE WHEN excluded.name != '' THEN excluded.name ELSE {table}.name END",
        [(row.address, row.name, row.sent, row.received, moment_text(row.last_at), False)
         for row in addresses])


def unknown_correspondents(*, at_least: int) -> list[UnknownAddress]:
    """Addresses mail went to and came from, ``at_least`` messages in all, that no
    contact holds (now: one added since is left out) and that were not ignored, the most
    mail first."""
    held = (ContactMethod.select(ContactMethod.id)
            .where(ContactMethod.kind == "email",
                   ContactMethod.match_key == CaptureAddress.address))
    total = CaptureAddress.sent + CaptureAddress.received
    query = (_unknown_addresses()
             .where(CaptureAddress.sent > 0, CaptureAddress.received > 0, total >= at_least,
                    ~CaptureAddress.ignored, ~fn.EXISTS(held))
             .order_by(total.desc(), CaptureAddress.last_at.desc(), CaptureAddress.address))
    return [UnknownAddress(*row) for row in query.tuples()]


def unknown_address(address: str) -> UnknownAddress | None:
    """What is counted of an address no contact has (by its match key)."""
    row = _unknown_addresses().where(CaptureAddress.address == address).tuples().first()
    return UnknownAddress(*row) if row else None


def _unknown_addresses():
    """The addresses no contact has, selected as UnknownAddress's fields."""
    return CaptureAddress.select(*(getattr(CaptureAddress, name)
                                   for name in UnknownAddress._fields))


def ignore_address(address: str) -> None:
    """Never suggest this address again."""
    CaptureAddress.update(ignored=True).where(CaptureAddress.address == address).execute()
