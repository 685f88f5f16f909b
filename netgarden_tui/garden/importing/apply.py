"""Match parsed drafts with the garden and write them: created, updated or unchanged.

The garden's contacts are read once (three queries) and matched in memory: by UID, then
email, then phone, then exact name. An update keeps what the contact already has:
fields the file leaves empty stay, methods and tags are added, a note not already in
the notes is appended; the day and place you met, the UID and the circle are only filled
in when empty (what you wrote yourself wins over an export).

New contacts are written in batches (``writes.create_contacts``, one transaction each):
10,000 one by one would take a minute. A batch the database refuses is written again
one contact at a time, so a bad record is skipped alone and none lands half.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.importing.drafts import (
    BadRecord, ContactDraft, Parsed, SkippedRecord, method_key, one_line,
)
from netgarden_tui.store import database, queries, writes
from netgarden_tui.store.records import ContactFields

BATCH = 500  # new contacts per transaction
PROGRESS_EVERY = 200
REPLACED = ("display_name", "given_name", "family_name", "nickname", "company", "role")

Progress = Callable[[int, int], None]  # (records done, records in all)


@dataclass
class RecordOutcome:
    line: int
    result: str  # created, updated, unchanged or skipped
    name: str = ""
    contact_id: int | None = None  # None in a dry run for a contact not yet created
    reason: str = ""  # why it was skipped
    file: str = ""


class _Garden:
    """The contacts an import compares with, by slot; who holds each UID, method, name.

    A slot is a contact that exists (its id known) or one this import creates (its id
    known once its batch is written).
    """

    def __init__(self, contacts: list[ContactFields]):
        self.fields: list[ContactFields] = []
        self.ids: list[int | None] = []
        self.by_uid: dict[str, int] = {}
        self.by_method: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, list[int]] = {}
        for contact in contacts:
            slot = self.add(contact, contact.id)
            self.by_name.setdefault(_name_key(contact.display_name), []).append(slot)

    def add(self, contact: ContactFields, contact_id: int | None) -> int:
        self.fields.append(contact)
        self.ids.append(contact_id)
        slot = len(self.fields) - 1
        self.index(slot)
        return slot

    def index(self, slot: int) -> None:
        contact = self.fields[slot]
        if contact.external_uid:
            self.by_uid.setdefault(contact.external_uid, slot)
        for m in contact.methods:
            self.by_method.setdefault(method_key(m.kind, m.value), slot)

    def match(self, draft: ContactDraft) -> int | None:
        """The slot this draft is: by UID, email, phone, then exact name.

        Names match only contacts that were there before: two rows of one file with one
        name are two people. A name shared by several contacts is no match at all.
        """
        if draft.external_uid in self.by_uid:
            return self.by_uid[draft.external_uid]
        for kind in ("email", "phone"):
            for m in draft.methods:
                slot = self.by_method.get(method_key(m.kind, m.value)) if m.kind == kind else None
                if slot is not None:
                    return slot
        named = [slot for slot in self.by_name.get(_name_key(draft.display_name), ())
                 if not _other_uid(self.fields[slot], draft)]
        if len(named) > 1:
            raise BadRecord(f"{len(named)} contacts are named {draft.display_name!r}: "
                            "an email or phone in the file would tell which")
        return named[0] if named else None


def _name_key(name: str) -> str:
    return one_line(name).casefold()


def _other_uid(contact: ContactFields, draft: ContactDraft) -> bool:
    """Both carry a UID, and not the same: two records of one address book."""
    return bool(contact.external_uid and draft.external_uid
                and contact.external_uid != draft.external_uid)


def new_contact(draft: ContactDraft, circle_id: int | None, tags: Sequence[str]) -> ContactFields:
    blank = ContactFields(id=0, display_name=draft.display_name, given_name="", family_name="",
                          nickname="", company="", role="", met_where="", met_on=None,
                          birthday=None, notes="", circle_id=None, external_uid=None)
    return merged(blank, draft, circle_id, tags)


def merged(contact: ContactFields, draft: ContactDraft, circle_id: int | None,
           tags: Sequence[str]) -> ContactFields:
    """The contact with what the draft adds (the module's docstring has the rules)."""
    changes = {name: getattr(draft, name) for name in REPLACED if getattr(draft, name)}
    if _name_key(draft.display_name) == _name_key(contact.display_name):
        del changes["display_name"]  # a difference of case only: keep yours
    if draft.birthday and not _same_birthday(contact, draft):
        changes["birthday"] = draft.birthday
    offered = {"met_where": draft.met_where, "met_on": draft.met_on,
               "external_uid": draft.external_uid or None, "circle_id": circle_id}
    changes.update({name: value for name, value in offered.items()
                    if value and not getattr(contact, name)})
    if draft.notes and draft.notes not in contact.notes:
        changes["notes"] = f"{contact.notes}\n\n{draft.notes}" if contact.notes else draft.notes
    methods = _added(contact.methods, draft.methods, lambda m: method_key(m.kind, m.value))
    if methods:
        changes["methods"] = contact.methods + methods
    new_tags = _added(contact.tags, (*draft.tags, *tags), str.lower)
    if new_tags:
        changes["tags"] = contact.tags + new_tags
    return contact._replace(**changes)


def _added(have: Sequence, offered: Sequence, key: Callable) -> tuple:
    """The offered items whose key is neither had nor offered earlier, in order."""
    seen = {key(item) for item in have}
    added = []
    for item in offered:
        if key(item) not in seen:
            seen.add(key(item))
            added.append(item)
    return tuple(added)


def _same_birthday(contact: ContactFields, draft: ContactDraft) -> bool:
    """The same day; a file's birthday without a year does not take away a known year."""
    if contact.birthday is None or draft.birthday is None:
        return False
    same_day = (contact.birthday.month, contact.birthday.day) == (draft.birthday.month,
                                                                  draft.birthday.day)
    return same_day and draft.birthday.year in (None, contact.birthday.year)


def _create_arguments(contact: ContactFields) -> dict:
    """writes.create_contact's arguments for a contact an import made."""
    return {"display_name": contact.display_name, "given_name": contact.given_name,
            "family_name": contact.family_name, "nickname": contact.nickname,
            "company": contact.company, "role": contact.role, "met_where": contact.met_where,
            "met_on": contact.met_on, "notes": contact.notes, "circle": contact.circle_id,
            "external_uid": contact.external_uid, "birthday": contact.birthday,
            "methods": contact.methods, "tags": contact.tags}


def _update_arguments(before: ContactFields, after: ContactFields) -> dict:
    """writes.update_contact's arguments: what changed; methods and tags the new ones."""
    arguments = {name: getattr(after, name) for name in
                 (*REPLACED, "met_where", "met_on", "external_uid", "notes")
                 if getattr(after, name) != getattr(before, name)}
    if after.circle_id != before.circle_id:
        arguments["circle"] = after.circle_id
    if after.birthday != before.birthday:
        arguments["birthday"] = after.birthday
    arguments["methods"] = after.methods[len(before.methods):]
    arguments["tags"] = after.tags[len(before.tags):]
    return arguments


class _Import:
    """One run of an import: the garden in memory, the outcomes, the batch to write."""

    def __init__(self, *, circle_id: int | None, tags: Sequence[str], dry_run: bool):
        self.garden = _Garden(queries.contacts_to_match())
        self.circle_id, self.tags, self.dry_run = circle_id, tuple(tags), dry_run
        self.outcomes: list[RecordOutcome] = []
        self.slots: list[int | None] = []  # each outcome's slot, for its id at the end
        self.pending: list[tuple[int, int]] = []  # (slot, outcome index) not yet written

    def record(self, draft: ContactDraft) -> None:
        try:
            slot = self.garden.match(draft)
        except BadRecord as error:
            self.skip(draft.line, str(error), draft.display_name, draft.file)
            return
        if slot is None:
            contact = new_contact(draft, self.circle_id, self.tags)
            slot = self.garden.add(contact, None)
            self._outcome(draft, "created", slot)
            self.pending.append((slot, len(self.outcomes) - 1))
            if len(self.pending) >= BATCH:
                self.flush()
            return
        before = self.garden.fields[slot]
        after = merged(before, draft, self.circle_id, self.tags)
        if after == before:
            self._outcome(draft, "unchanged", slot)
            return
        if not self.dry_run and self.garden.ids[slot] is not None:
            try:
                writes.update_contact(self.garden.ids[slot], **_update_arguments(before, after))
            except database.StoreError:
                raise
            except Exception as error:  # noqa: BLE001 - the database refused this record only
                self.skip(draft.line, f"not saved: {error}", draft.display_name, draft.file)
                return
        self.garden.fields[slot] = after  # a contact still to create is created as updated
        self.garden.index(slot)
        self._outcome(draft, "updated", slot)

    def skip(self, line: int, reason: str, name: str = "", file: str = "") -> None:
        self.outcomes.append(RecordOutcome(line, "skipped", name=name, reason=reason, file=file))
        self.slots.append(None)

    def _outcome(self, draft: ContactDraft, result: str, slot: int) -> None:
        self.outcomes.append(RecordOutcome(draft.line, result, name=draft.display_name,
                                           file=draft.file))
        self.slots.append(slot)

    def flush(self) -> None:
        """Write the new contacts waiting; a batch refused is retried contact by contact."""
        batch, self.pending = self.pending, []
        if self.dry_run or not batch:
            return
        try:
            self._create(batch)
        except database.StoreError:
            raise
        except Exception:  # noqa: BLE001 - find the record the database refuses
            for one in batch:
                try:
                    self._create([one])
                except database.StoreError:
                    raise
                except Exception as error:  # noqa: BLE001
                    outcome = self.outcomes[one[1]]
                    outcome.result, outcome.reason = "skipped", f"not saved: {error}"
                    self.slots[one[1]] = None

    def _create(self, batch: list[tuple[int, int]]) -> None:
        ids = writes.create_contacts([_create_arguments(self.garden.fields[slot])
                                      for slot, _ in batch])
        for (slot, _), contact_id in zip(batch, ids):
            self.garden.ids[slot] = contact_id

    def finish(self) -> list[RecordOutcome]:
        self.flush()
        for outcome, slot in zip(self.outcomes, self.slots):
            if slot is not None:
                outcome.contact_id = self.garden.ids[slot]
        return self.outcomes


def apply(parsed: Parsed, *, circle: str | None = None, tags: Sequence[str] = (),
          dry_run: bool = False, progress: Progress | None = None) -> list[RecordOutcome]:
    """Match and write each record of ``parsed``; what happened to each, in order."""
    circle_id = None
    if circle:
        circle_id = queries.circle_id(circle)
        if circle_id is None:
            known = ", ".join(queries.circle_names()) or "none yet"
            raise InvalidInput(f'unknown circle "{circle}" (circles: {known})')
    tags = [t for t in (one_line(tag) for tag in tags) if t]
    run = _Import(circle_id=circle_id, tags=tags, dry_run=dry_run)
    total = len(parsed.records)
    for done, record in enumerate(parsed.records, start=1):
        if isinstance(record, SkippedRecord):
            run.skip(record.line, record.reason, record.name, record.file)
        else:
            run.record(record)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return run.finish()
