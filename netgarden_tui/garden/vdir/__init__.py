"""Two-way sync with a vdir: the folder of .vcf files, one card each, that vdirsyncer keeps
in step with a CardDAV address book (a phone's, Nextcloud's, iCloud's) and khard reads.

Each active contact is a card in the folder, named by its UID (``UID.vcf``); a card added
or changed in the folder comes into the garden, matched as an import matches (it never
fuses two people); a card deleted from the folder archives its contact (nothing is
deleted in the garden); archiving a contact takes its card away. A contact changed on
both sides since the last sync is merged field by field (cards.merge): where both changed
one field, the garden's value is kept, and the card's goes into the contact's notes and
the report. ``direction`` "to-vdir" only writes the folder, "from-vdir" only reads it.

Only the card travels (cards.py says what it holds); a card netgarden rewrites keeps every
property it does not change (vcf.py). What each card was at the last sync is kept in the
garden (store/sync.py), so a run reads only the files whose modification time, size or
inode changed, and writes only the cards whose fields changed: a run with nothing new
writes no file.

A run is one transaction of the caller's (one undo step). An undo takes back what the
run changed in the garden and leaves the folder as it is: the next sync brings the
folder back in line with the garden.
"""

import dataclasses
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from netgarden_tui import clock
from netgarden_tui.garden import tending
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.export import contact_uid
from netgarden_tui.garden.importing import jobs
from netgarden_tui.garden.importing.apply import (
    Matcher, create_arguments, merged, new_contact, update_arguments,
)
from netgarden_tui.garden.importing.drafts import BadRecord, decode
from netgarden_tui.garden.vdir import cards, folder as files, vcf
from netgarden_tui.garden.vdir.cards import Card, Keyed
from netgarden_tui.store import database, match_keys, queries, writes
from netgarden_tui.store import sync as store
from netgarden_tui.store.records import ContactFields

__all__ = ["DIRECTIONS", "SyncReport", "report_lines", "sync_vdir"]

DIRECTIONS = ("both", "to-vdir", "from-vdir")
DIRECTION_WORDS = {"both": "both ways", "to-vdir": "garden to folder only",
                   "from-vdir": "folder to garden only"}
CREATE_BATCH = 500
REREAD_ONE_BY_ONE = 500  # contacts changed by a run read again by id; more, and all are
NAMES_LISTED = 10  # names the report lists of each kind before "and N more"
SAFE_NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-+")


@dataclass
class CardOutcome:
    file: str
    name: str  # the contact's
    contact_id: int | None = None
    new: bool = False  # a new card (written), a new contact (read)


@dataclass
class ConflictOutcome:
    file: str
    name: str
    contact_id: int
    field: str  # how the report names it: "phone", "job title"
    kept: str  # the garden's value
    lost: str  # the card's, now in the contact's notes


@dataclass
class SkippedCard:
    file: str
    reason: str


@dataclass
class SyncReport:
    folder: Path
    direction: str
    dry_run: bool
    written: list[CardOutcome] = field(default_factory=list)  # cards written to the folder
    read: list[CardOutcome] = field(default_factory=list)  # contacts made or changed from cards
    archived: list[CardOutcome] = field(default_factory=list)  # their card deleted in the folder
    removed: list[CardOutcome] = field(default_factory=list)  # cards taken from the folder
    conflicts: list[ConflictOutcome] = field(default_factory=list)
    skipped: list[SkippedCard] = field(default_factory=list)
    unchanged: int = 0  # cards in step already
    seconds: float = 0.0


def folder_key(folder: Path) -> str:
    """How the garden names a folder: this machine's name and its path (a garden on a
    server may be synced from several machines, each with folders of its own)."""
    return f"{socket.gethostname()}:{folder.resolve()}"


def file_name(uid: str) -> str:
    """A new card's file name: its UID (without a ``urn:uuid:``), or, when that is no safe
    file name, a name made from it."""
    stem = uid.removeprefix("urn:uuid:")
    if not stem or not set(stem) <= SAFE_NAME or stem.startswith(".") or len(stem) > 120:
        stem = str(uuid.uuid5(uuid.NAMESPACE_URL, uid))
    return f"{stem}.vcf"


def sync_vdir(path: Path | str, *, direction: str = "both", dry_run: bool = False) -> SyncReport:
    """Sync the open garden with the vdir at ``path`` (the garden must be open; the caller
    holds the transaction). ``dry_run``: report what would happen, write nothing."""
    if direction not in DIRECTIONS:
        raise InvalidInput(f'unknown direction "{direction}" (one of: {", ".join(DIRECTIONS)})')
    started = time.perf_counter()
    folder = Path(path).expanduser()
    run = _Sync(folder, direction, dry_run)
    with files.held(folder), database.kept(not dry_run):
        run.run()
    run.report.seconds = time.perf_counter() - started
    return run.report


@dataclass
class _Read:
    """A file read this run: where it stood, its bytes' digest, and what it says."""

    seen: files.Stat
    digest: str
    card_file: vcf.CardFile
    card: Card
    uid: str
    draft: object


@dataclass
class _Pair:
    """A card and its contact, as this run leaves them."""

    name: str
    contact_id: int | None  # None until a contact made from it is written (slot)
    uid: str
    seen: files.Stat | None  # the file as read; None: a new file
    stamp: str | None
    digest: str
    holds: Card  # the fields the file holds, as read (or as last synced)
    write: Card | None = None  # the fields to write into it
    card_file: vcf.CardFile | None = None
    slot: int | None = None  # a contact this run makes: its place in the matcher
    came_in: bool = False  # the contact was made from this card
    outcome: CardOutcome | None = None  # the report's "written" line, once written
    failed: bool = False


class _Sync:
    def __init__(self, folder: Path, direction: str, dry_run: bool):
        self.folder = folder
        self.key = folder_key(folder)
        self.reads = direction != "to-vdir"
        self.writes = direction != "from-vdir"
        self.dry_run = dry_run
        self.report = SyncReport(folder, direction, dry_run)
        self.region = match_keys.phone_region()
        self.today = clock.today().isoformat()
        self.pairs: list[_Pair] = []
        self.removals: list[tuple[str, files.Stat, CardOutcome]] = []
        self.forgotten: list[str] = []
        self.stamps: dict[str, str | None] = {}
        # contact id -> (its fields, its card as it was, its card as it is to be)
        self.updates: dict[int, tuple[ContactFields, Keyed, Keyed]] = {}
        self.archive_ids: list[int] = []
        self.changed_ids: set[int] = set()
        self.new_uids: dict[int, str] = {}

    # --- the run --------------------------------------------------------------------------

    def run(self) -> None:
        self.files = files.cards(self.folder)
        self.known = store.synced_cards(self.key)
        if self.reads and self.known and not self.files:
            raise InvalidInput(
                f"{self.folder} holds no cards, but {len(self.known)} were there at the last "
                "sync: not archiving everyone (is it the right folder, and mounted?); to "
                "start again, archive them in netgarden or sync with --direction to-vdir")
        self.now = files.now_ns()
        self.read: dict[str, _Read] = {}
        self.same: set[str] = set()
        self.skipped: set[str] = set()
        self._look_at_files()
        self.contacts, self.states = store.card_contacts()
        self.linked: dict[int, str] = {}
        self.held: set[int] = set()
        self.new_files: list[str] = []
        self._known_cards()
        self._new_cards()
        self._garden_only()
        self._write_garden()
        self._write_files()
        self._keep()

    def skip(self, name: str, reason: str) -> None:
        self.skipped.add(name)
        self.report.skipped.append(SkippedCard(name, reason))

    # --- the folder ---------------------------------------------------------------------

    def _look_at_files(self) -> None:
        """Read the files that changed since the last sync; set the others aside."""
        for name in sorted(self.files):
            seen, row = self.files[name], self.known.get(name)
            if row is not None and row.stamp is not None and row.stamp == seen.stamp(self.now):
                self.same.add(name)
                continue
            try:
                data = files.read(self.folder, name, seen)
            except files.Changed as changed:
                self.skip(name, f"{changed}: left for the next run")
                continue
            except OSError as error:
                self.skip(name, f"can't read it: {error.strerror or error}")
                continue
            digest = files.digest(data)
            if row is not None and row.digest == digest:  # rewritten as it was
                self.same.add(name)
                if row.stamp != seen.stamp(self.now):
                    self.stamps[name] = seen.stamp(self.now)
                continue
            try:
                card_file = vcf.parse(decode(data).text)
                draft = card_file.draft(name)
                card = cards.from_draft(draft, card_file.note())
            except vcf.BadCard as error:
                self.skip(name, f"{error}: left as it is")
                continue
            self.read[name] = _Read(seen, digest, card_file, card, draft.external_uid, draft)
        self._same_uids()

    def _same_uids(self) -> None:
        """Two files with one UID are two copies of one card: which is right is for the
        person to say; both are left as they are."""
        by_uid: dict[str, list[str]] = {}
        for name in sorted(self.same | set(self.read)):
            uid = self.read[name].uid if name in self.read else self.known[name].uid
            if uid:
                by_uid.setdefault(uid, []).append(name)
        for names in by_uid.values():
            if len(names) > 1:
                for name in names:
                    others = ", ".join(other for other in names if other != name)
                    self.same.discard(name)
                    self.read.pop(name, None)
                    self.skip(name, f"the same UID as {others}: left as it is (delete one)")

    def _read_again(self, name: str) -> _Read | None:
        """A file unchanged since the last sync, read now to be edited."""
        try:
            data = files.read(self.folder, name, self.files[name])
            card_file = vcf.parse(decode(data).text)
            draft = card_file.draft(name)
        except files.Changed as changed:
            self.skip(name, f"{changed}: left for the next run")
            return None
        except OSError as error:
            self.skip(name, f"can't read it: {error.strerror or error}")
            return None
        except vcf.BadCard as error:
            self.skip(name, f"{error}: left as it is")
            return None
        return _Read(self.files[name], files.digest(data), card_file,
                     cards.from_draft(draft, card_file.note()), draft.external_uid, draft)

    # --- cards synced before ------------------------------------------------------------

    def _known_cards(self) -> None:
        rows = sorted(self.known.items(), key=lambda item: (not self._own_card(*item), item[0]))
        for name, row in rows:
            contact = self.contacts.get(row.contact_id)
            if name in self.skipped:
                self.linked.setdefault(row.contact_id, name)
                self.held.add(row.contact_id)
            elif contact is None:
                self._contact_gone(name, row)
            elif name not in self.files:
                self._card_gone(name, contact)
            elif row.contact_id in self.linked and self.writes:
                self._second_card(name, row, contact)
            else:
                self.linked.setdefault(row.contact_id, name)
                self._pair(name, row, contact)

    def _own_card(self, name: str, row: store.SyncedCard) -> bool:
        """Whether a card is its contact's own (its UID), not one merged into it."""
        contact = self.contacts.get(row.contact_id)
        return bool(contact and row.uid and row.uid == contact.external_uid)

    def _contact_gone(self, name: str, row: store.SyncedCard) -> None:
        """A card whose contact is no longer in the garden (an undo took back its making,
        or the card's writing): one the garden wrote is taken away, one that came from the
        folder, or changed since, is a new card again."""
        if name not in self.files:
            self.forgotten.append(name)
        elif name in self.read or row.came_in:
            self.forgotten.append(name)
            if name not in self.read:
                again = self._read_again(name)
                if again is None:
                    return
                self.read[name] = again
            self.new_files.append(name)
        elif self.writes:
            self.removals.append((name, self.files[name], CardOutcome(name, "", row.contact_id)))

    def _second_card(self, name: str, row: store.SyncedCard, contact: ContactFields) -> None:
        """A second card of one contact (two merged into one): what it brings comes in,
        then it goes; the contact's own card says it all."""
        read = self.read.get(name)
        if read is not None and self.reads:
            base = cards.from_json(row.fields)
            pair = _Pair(name, contact.id, read.uid, read.seen, None, read.digest, read.card)
            self._merge(pair, contact, base, cards.from_contact(contact), read.card)
        self.removals.append((name, self.files[name], CardOutcome(
            name, contact.display_name, contact.id)))

    def _card_gone(self, name: str, contact: ContactFields) -> None:
        """A card deleted from the folder: its contact is archived (to the folder only, the
        contact stays as it is, and a card is written for it again)."""
        self.forgotten.append(name)
        if self.reads and not self.states[contact.id].archived:
            self.archive_ids.append(contact.id)
            self.report.archived.append(CardOutcome(name, contact.display_name, contact.id))

    def _pair(self, name: str, row: store.SyncedCard, contact: ContactFields) -> None:
        archived = self.states[contact.id].archived
        garden = cards.from_contact(contact)
        read = self.read.get(name)
        if read is None and row.version == cards.version(garden) and archived == row.archived:
            self.report.unchanged += 1
            return
        base = cards.from_json(row.fields)
        holds = read.card if read else base
        pair = _Pair(name, contact.id, read.uid if read else row.uid,
                     read.seen if read else self.files[name],
                     read.seen.stamp(self.now) if read else self.stamps.get(name, row.stamp),
                     read.digest if read else row.digest, holds,
                     card_file=read.card_file if read else None)
        if archived and not row.archived and self.writes:  # archived since: the card goes
            if read is not None:
                self._merge(pair, contact, base, garden, holds)
            self.removals.append((name, pair.seen, CardOutcome(name, contact.display_name,
                                                               contact.id)))
            return
        if self.reads:
            wanted = self._merge(pair, contact, base, garden, holds)
        else:
            wanted = cards.keyed(garden, self.region)
        self._plan_write(pair, wanted)
        self.pairs.append(pair)

    def _merge(self, pair: _Pair, contact: ContactFields, base: Card, garden: Card,
               holds: Card) -> Keyed:
        """The garden's and the card's changes since the last sync, together: written into
        the garden now (the conflicts in its notes); what the card should then say."""
        queued = self.updates.get(contact.id)  # a second card of the contact's, read before
        first = queued[1] if queued else cards.keyed(garden, self.region)
        ours = queued[2] if queued else first
        together, conflicts = cards.merge(cards.keyed(base, self.region), ours,
                                          cards.keyed(holds, self.region))
        if conflicts:
            lines = [f"Kept from the card {pair.name} on {self.today} (changed here too): "
                     f"{cards.FIELD_WORDS[c.field]} {c.lost}" for c in conflicts]
            note = together.values["note"]
            together.values["note"] = "\n\n".join(part for part in (note, "\n".join(lines))
                                                  if part)
            for conflict in conflicts:
                self.report.conflicts.append(ConflictOutcome(
                    pair.name, contact.display_name, contact.id,
                    cards.FIELD_WORDS[conflict.field], conflict.kept, conflict.lost))
        if cards.differing(ours, together):
            self.updates[contact.id] = (contact, first, together)
            self.report.read.append(CardOutcome(pair.name, together.values["fn"], contact.id))
        return together

    def _plan_write(self, pair: _Pair, wanted: Keyed) -> None:
        if not self.writes or pair.contact_id in self.held:
            return
        if not cards.differing(cards.keyed(pair.holds, self.region), wanted):
            return
        if pair.card_file is None:
            again = self._read_again(pair.name)
            if again is None:
                pair.failed = True
                return
            pair.card_file, pair.holds, pair.digest = again.card_file, again.card, again.digest
        pair.write = cards.card_of(wanted)

    # --- cards new to the garden --------------------------------------------------------

    def _new_cards(self) -> None:
        names = sorted({*self.new_files, *(name for name in self.read if name not in self.known)})
        if not names:
            return
        if not self.reads:
            self._link_by_uid(names)
            return
        # The import's matcher, with all it compares (where you met, the work history).
        self.matcher = Matcher(queries.contacts_to_match(), self.region)
        slot_of = {contact_id: slot for slot, contact_id in enumerate(self.matcher.ids)}
        linked_slots = {slot_of[cid] for cid in self.linked if cid in slot_of}
        creates: list[_Pair] = []
        for name in names:
            read = self.read[name]
            draft = dataclasses.replace(read.draft, notes=read.card.note)
            keys = [(m.kind, match_keys.match_key(m.kind, m.value, self.region))
                    for m in draft.methods]
            try:
                match = self.matcher.match(draft, keys)
            except BadRecord as error:
                self.skip(name, f"{error}: left as it is")
                continue
            pair = _Pair(name, None, read.uid, read.seen, read.seen.stamp(self.now),
                         read.digest, read.card, card_file=read.card_file)
            if match is None or match.slot in linked_slots:
                contact = new_contact(draft, keys, None, ())
                pair.slot = self.matcher.add(contact, None)
                pair.outcome = CardOutcome(name, contact.display_name, new=True)
                pair.came_in = True
                creates.append(pair)
                self.report.read.append(pair.outcome)
            else:
                pair.slot = match.slot
                pair.contact_id = self.matcher.ids[match.slot]
                self._import_into(pair, draft, keys, renames=match.by == "uid")
            linked_slots.add(pair.slot)
            self.pairs.append(pair)
        self._create(creates)

    def _import_into(self, pair: _Pair, draft, keys, *, renames: bool) -> None:
        """A new card that is a contact of the garden: what it adds comes in, as an import
        brings it; then the card says what the garden does."""
        before = self.matcher.fields[pair.slot]
        after, left = merged(before, draft, keys, None, (), renames=renames)
        if after != before:
            writes.update_contact(pair.contact_id, **update_arguments(before, after))
            if left:
                tending.log_life_event(pair.contact_id, "new_job",
                                       jobs.describe(after.company, after.role))
            self.matcher.fields[pair.slot] = after
            self.matcher.index(pair.slot)
            self.changed_ids.add(pair.contact_id)
            self.report.read.append(CardOutcome(pair.name, after.display_name, pair.contact_id))
        self.linked[pair.contact_id] = pair.name
        self._plan_write(pair, cards.keyed(cards.from_contact(after), self.region))

    def _create(self, creates: list[_Pair]) -> None:
        """Write the contacts new cards make, many at a time, as an import does."""
        for start in range(0, len(creates), CREATE_BATCH):
            batch = creates[start:start + CREATE_BATCH]
            ids = writes.create_contacts([create_arguments(self.matcher.fields[pair.slot])
                                          for pair in batch])
            for pair, contact_id in zip(batch, ids):
                pair.contact_id = pair.outcome.contact_id = contact_id
                pair.outcome = None  # the report's "written" line, if the card is written
                self.matcher.ids[pair.slot] = contact_id
                self.linked[contact_id] = pair.name
                self.changed_ids.add(contact_id)

    def _link_by_uid(self, names: list[str]) -> None:
        """To the folder only: a card the garden did not write is the garden's when it has
        a contact's UID (the folder then follows the garden); others are left alone."""
        by_uid = {}
        for contact in self.contacts.values():
            if contact.id not in self.linked:
                by_uid[contact.external_uid or contact_uid(
                    contact.id, store.moment(self.states[contact.id].created_at))] = contact
        for name in names:
            read = self.read[name]
            contact = by_uid.pop(read.uid, None) if read.uid else None
            if contact is None or self.states[contact.id].archived:
                self.report.unchanged += 1
                continue
            pair = _Pair(name, contact.id, read.uid, read.seen, read.seen.stamp(self.now),
                         read.digest, read.card, card_file=read.card_file)
            self.linked[contact.id] = name
            self._plan_write(pair, cards.keyed(cards.from_contact(contact), self.region))
            self.pairs.append(pair)

    # --- contacts new to the folder -----------------------------------------------------

    def _garden_only(self) -> None:
        if not self.writes:
            return
        taken = set(self.files)
        for contact_id, contact in self.contacts.items():
            state = self.states[contact_id]
            if contact_id in self.linked or state.archived or contact_id in self.archive_ids:
                continue
            uid = contact.external_uid or contact_uid(contact_id, store.moment(state.created_at))
            name = file_name(uid)
            if name in self.skipped:  # perhaps its own card, that could not be read
                continue
            if name in taken:
                name = f"{uuid.uuid5(uuid.NAMESPACE_URL, f'netgarden:{uid}')}.vcf"
                if name in taken:
                    continue
            taken.add(name)
            if not contact.external_uid:
                self.new_uids[contact_id] = uid
            pair = _Pair(name, contact_id, uid, None, None, "", Card(),
                         card_file=vcf.new_card(uid))
            pair.write = cards.from_contact(contact)
            self.pairs.append(pair)

    # --- writing --------------------------------------------------------------------------

    def _write_garden(self) -> None:
        for contact_id in self.archive_ids:
            writes.set_archived(contact_id, True)
            self.changed_ids.add(contact_id)
        for contact_id, (before, ours, wanted) in self.updates.items():
            self._update(contact_id, before, ours, wanted)
            self.changed_ids.add(contact_id)
        store.set_external_uids(self.new_uids)  # no field of the card: nothing to read again
        changed = [cid for cid in self.changed_ids if cid is not None]
        if len(changed) > REREAD_ONE_BY_ONE:  # a first sync: all of them, in five queries
            self.contacts = store.card_contacts()[0]
        elif changed:
            for contact in queries.contacts_to_match(changed):
                self.contacts[contact.id] = contact

    def _update(self, contact_id: int, before: ContactFields, ours: Keyed,
                wanted: Keyed) -> None:
        changed = cards.differing(ours, wanted)
        card = cards.card_of(wanted)
        columns = {"fn": "display_name", "given": "given_name", "family": "family_name",
                   "nickname": "nickname", "company": "company", "department": "department",
                   "title": "role", "role": "function", "note": "notes"}
        arguments: dict = {"changes": {column: getattr(card, name)
                                       for name, column in columns.items() if name in changed},
                           "yearly": {name: getattr(card, name)
                                      for name in ("birthday", "anniversary") if name in changed}}
        if set(changed) & set(cards.METHOD_SETS):
            arguments["methods"] = card.methods
        if "tags" in changed:
            arguments["tags"] = card.tags
        if "addresses" in changed:
            arguments["addresses"] = card.addresses
        left = None
        if {"company", "title"} & set(changed):
            history = queries.past_jobs_by_contact(contact_id).get(contact_id, ())
            left = jobs.changed_job(before._replace(past_jobs=history),
                                    jobs.Job(card.company, card.department, card.title))
        writes.replace_card(contact_id, past_jobs=[left] if left else (), **arguments)
        if left:
            tending.log_life_event(contact_id, "new_job", jobs.describe(card.company, card.title))

    def _write_files(self) -> None:
        writing = [pair for pair in self.pairs if pair.write is not None]
        texts = {}
        for pair in writing:
            have = cards.keyed(pair.holds, self.region, exact=pair.seen is None)
            vcf.edit(pair.card_file, have, cards.keyed(pair.write, self.region,
                                                       exact=pair.seen is None), self.region)
            texts[pair.name] = pair.card_file.text()
        staged: dict[str, files.Staged] = {}
        if not self.dry_run:
            try:
                for pair in writing:
                    try:
                        staged[pair.name] = files.stage(self.folder, pair.name,
                                                        texts[pair.name], pair.seen)
                    except OSError as error:
                        self.skip(pair.name, f"can't write it: {error.strerror or error}")
                        pair.failed = True
                files.flush(list(staged.values()))
            except BaseException:
                files.discard(list(staged.values()))
                raise
        for pair in writing:
            if pair.failed:
                continue
            if not self.dry_run:
                try:
                    stat = files.commit(staged[pair.name])
                except files.Changed as changed:
                    self.skip(pair.name, f"{changed}: left for the next run")
                    pair.failed = True
                    continue
                except OSError as error:
                    self.skip(pair.name, f"can't write it: {error.strerror or error}")
                    pair.failed = True
                    continue
                pair.stamp = stat.stamp(self.now)
            contact = self.contacts.get(pair.contact_id)
            name = contact.display_name if contact else pair.write.fn
            pair.outcome = CardOutcome(pair.name, name, pair.contact_id, new=pair.seen is None)
            pair.digest = files.digest(texts[pair.name].encode("utf-8"))
            pair.holds = pair.write
            self.report.written.append(pair.outcome)
        for name, seen, outcome in self.removals:
            if not self.dry_run:
                try:
                    files.remove(self.folder, name, seen)
                except files.Changed as changed:
                    self.skip(name, f"{changed}: left for the next run")
                    continue
                except OSError as error:
                    self.skip(name, f"can't delete it: {error.strerror or error}")
                    continue
            self.forgotten.append(name)
            self.report.removed.append(outcome)
        if not self.dry_run and (self.report.written or self.report.removed):
            files.settle(self.folder)

    def _keep(self) -> None:
        """Note where each card stands now, for the next run."""
        kept = []
        for pair in self.pairs:
            if pair.contact_id is None or (pair.seen is None and pair.outcome is None):
                continue  # a new card not written: nothing of it to note
            contact = self.contacts.get(pair.contact_id)
            version = "" if pair.failed or contact is None else cards.version(
                cards.from_contact(contact))
            archived = pair.contact_id in self.archive_ids or (
                pair.contact_id in self.states and self.states[pair.contact_id].archived)
            kept.append(store.SyncedCard(pair.name, pair.uid, pair.contact_id, pair.stamp,
                                         pair.digest, version, cards.to_json(pair.holds),
                                         archived, pair.came_in or self._came_in(pair.name)))
        store.forget_synced(self.key, self.forgotten)
        store.keep_synced(self.key, kept)
        noted = {card.name for card in kept}.union(self.forgotten)
        store.set_stamps(self.key, {name: stamp for name, stamp in self.stamps.items()
                                    if name not in noted})


    def _came_in(self, name: str) -> bool:
        row = self.known.get(name)
        return bool(row and row.came_in)


# --- the report --------------------------------------------------------------------------

def report_lines(report: SyncReport) -> list[str]:
    """The report in words: the counts, then who, and each conflict and file skipped (raw
    user text: the command line escapes it its way)."""
    def count(items, one: str, many: str | None = None) -> str:
        return f"{len(items)} {one if len(items) == 1 else (many or one + 's')}"

    verb = "would sync (dry run, nothing written)" if report.dry_run else "synced"
    lines = [f"{verb} {report.folder} ({DIRECTION_WORDS[report.direction]}): "
             f"{count(report.written, 'card')} written, {len(report.read)} read, "
             f"{len(report.archived)} archived, {len(report.removed)} removed, "
             f"{count(report.conflicts, 'conflict')}, {len(report.skipped)} skipped; "
             f"{report.unchanged} unchanged ({report.seconds:.2f} s)"]
    for title, outcomes, new_word in (
            ("written", report.written, "new card"),
            ("read", report.read, "new contact"),
            ("archived (card deleted from the folder)", report.archived, ""),
            ("removed from the folder (archived or merged in the garden)", report.removed, "")):
        if outcomes:
            names = [f"{o.name or o.file} ({new_word})" if o.new else (o.name or o.file)
                     for o in outcomes[:NAMES_LISTED]]
            more = len(outcomes) - NAMES_LISTED
            lines.append(f"  {title}: {', '.join(names)}" + (f" and {more} more" if more > 0
                                                              else ""))
    for conflict in report.conflicts:
        lines.append(f"  conflict: {conflict.name}'s {conflict.field}: kept {conflict.kept}; "
                     f"the card's {conflict.lost} is in the notes ({conflict.file})")
    for skipped in report.skipped:
        lines.append(f"  skipped {skipped.file}: {skipped.reason}")
    return lines
