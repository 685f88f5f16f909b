"""Match parsed drafts with the garden and write them: created, updated or unchanged.

The garden's contacts are read once and matched in memory. Two different people are
never fused into one:

- a card with a UID is the contact with that UID, whatever its name now (a rename is
  reported);
- a UID that differs from a contact's own UID is someone else, always;
- a shared email, phone or link (compared by match key: a phone as a number) is the same
  person only when the names agree too; a switchboard or an office address shared by two
  people makes two contacts, and ``netgarden dupes`` lists them for the person to decide;
- a card named only by an email or phone (Android writes such cards) is the one contact
  holding that email or phone, and never renames it;
- last, the exact name of a contact that was in the garden before this import (two rows
  of one file with one name are two people; a name two contacts share matches neither),
  unless each has an email (or a phone, or a link) and none is the other's: two people
  of one name, whom ``netgarden dupes`` lists, never one.

An update keeps what the contact already has: fields the file leaves empty stay, methods,
tags and addresses are added, a note not already in the notes is appended; the names
change only by the contact's own card (its UID); the day and place you met, the UID and
the circle are only filled in (what you wrote yourself wins over an export). A new
company or job title is a job change (jobs.py).

New contacts are written in batches (``writes.create_contacts``, a savepoint each, inside
the import's one transaction: the command line and the app run the whole import as one):
10,000 one by one would take a minute. A batch the database refuses is written again one
contact at a time, so a bad record is skipped alone and none lands half.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from netgarden_tui.garden import tending
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.names import words_could_be_one_person
from netgarden_tui.garden.importing import jobs
from netgarden_tui.garden.importing.drafts import (
    BadRecord, ContactDraft, Parsed, SkippedRecord, one_line,
)
from netgarden_tui.store import database, match_keys, queries, writes
from netgarden_tui.store.merge import name_key, name_words
from netgarden_tui.store.records import ContactFields

BATCH = 500  # new contacts per transaction
PROGRESS_EVERY = 200
NAMES = ("display_name", "given_name", "family_name")
REPLACED = (*NAMES, "nickname", "company", "department", "role", "function")
MATCHING_KINDS = ("email", "phone", "url")  # the surest first
# Holders of one method whose names are compared one by one (after the exact name): past
# this many, a card whose name is written otherwise is created, and dupes lists the pair.
NAMES_COMPARED = 50

Progress = Callable[[int, int], None]  # (records done, records in all)


@dataclass
class RecordOutcome:
    line: int
    result: str  # created, updated, unchanged or skipped
    name: str = ""
    contact_id: int | None = None  # None in a dry run for a contact not yet created
    reason: str = ""  # why it was skipped
    file: str = ""
    new_job: tuple[str, str] | None = None  # (the job before, the new one), in words
    renamed_from: str = ""  # the contact's name before its own card (by UID) renamed it


class Match(NamedTuple):
    slot: int
    by: str  # "uid", "method" or "name"


class _Garden:
    """The contacts an import compares with, by slot; who holds each UID, method, name.

    A slot is a contact that exists (its id known) or one this import creates (its id
    known once its batch is written).
    """

    def __init__(self, contacts: list[ContactFields], region: str | None):
        self.fields: list[ContactFields] = []
        self.ids: list[int | None] = []
        self.region = region
        self.by_uid: dict[str, int] = {}
        # Who holds each (kind, match key), in ordered sets: everyone, and those without a
        # UID (the only ones a card with a UID new to the garden can be).
        self.by_method: dict[tuple[str, str], dict[int, None]] = {}
        self.by_method_no_uid: dict[tuple[str, str], dict[int, None]] = {}
        # Who holds a key under a name: a switchboard shared by 3,000 people is then
        # one look-up, not 3,000 names to compare.
        self.by_method_and_name: dict[tuple[tuple[str, str], str], int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.words: list[list[list[str]]] = []  # each slot's name and nickname, as words
        for contact in contacts:
            slot = self.add(contact, contact.id)
            self.by_name.setdefault(name_key(contact.display_name), []).append(slot)

    def add(self, contact: ContactFields, contact_id: int | None) -> int:
        self.fields.append(contact)
        self.ids.append(contact_id)
        self.words.append([])
        slot = len(self.fields) - 1
        self.index(slot)
        return slot

    def index(self, slot: int) -> None:
        """Index a slot that is new, or has changed (more methods, a UID filled in)."""
        contact = self.fields[slot]
        if contact.external_uid:
            self.by_uid.setdefault(contact.external_uid, slot)
        names = [name for name in (contact.display_name, contact.nickname) if name.strip()]
        self.words[slot] = [name_words(name) for name in names]
        names = {" ".join(sorted(words)) for words in self.words[slot]}  # name_key, once
        for key in contact.method_keys:
            self.by_method.setdefault(key, {})[slot] = None
            if not contact.external_uid:
                self.by_method_no_uid.setdefault(key, {})[slot] = None
            elif slot in self.by_method_no_uid.get(key, ()):
                del self.by_method_no_uid[key][slot]
            for name in names:
                self.by_method_and_name.setdefault((key, name), slot)

    def match(self, draft: ContactDraft, keys: Sequence[tuple[str, str]]) -> Match | None:
        """The contact this draft is (the module's docstring has the rules), or None.

        BadRecord when the file cannot tell which of two contacts it means.
        """
        if draft.external_uid in self.by_uid:
            return Match(self.by_uid[draft.external_uid], "uid")
        holding = self.by_method_no_uid if draft.external_uid else self.by_method
        for key in sorted(keys, key=lambda key: MATCHING_KINDS.index(key[0])):
            slot = self._holder(draft, key, holding.get(key, {}))
            if slot is not None:
                return Match(slot, "method")
        named = [slot for slot in self.by_name.get(name_key(draft.display_name), ())
                 if not _other_uid(self.fields[slot], draft)
                 and not _reached_differently(self.fields[slot], keys)]
        if len(named) > 1:
            raise BadRecord(f"{len(named)} contacts are named {draft.display_name!r}: "
                            "an email or phone in the file would tell which")
        return Match(named[0], "name") if named else None

    def _holder(self, draft: ContactDraft, key: tuple[str, str],
                holders: dict[int, None]) -> int | None:
        """The one of ``holders`` (of ``key``) the draft is, or None."""
        if draft.named_from in ("email", "phone"):  # no name: the method is all it is
            if key[0] != draft.named_from or not holders:
                return None
            if len(holders) > 1:
                raise BadRecord(f"{len(holders)} contacts have {draft.display_name}: "
                                "a name in the file would tell which")
            return next(iter(holders))
        exact = self.by_method_and_name.get((key, name_key(draft.display_name)))
        if exact in holders:
            return exact
        for slot in islice(holders, NAMES_COMPARED):
            if self._names_agree(slot, draft, key):
                return slot
        return None

    def _names_agree(self, slot: int, draft: ContactDraft, key: tuple[str, str]) -> bool:
        """Whether a draft sharing ``key`` with a contact names the same person: their name
        however written ("Lee, Ann", "A. Lee") or its nickname. A contact named only by
        an email or phone agrees with whoever holds that very one."""
        contact = self.fields[slot]
        if _is_unnamed(contact):
            return match_keys.match_key(key[0], contact.display_name, self.region) == key[1]
        wanted = name_words(draft.display_name)
        return any(words_could_be_one_person(wanted, words) for words in self.words[slot])


def _other_uid(contact: ContactFields, draft: ContactDraft) -> bool:
    """Both carry a UID, and not the same: two records of one address book."""
    return bool(contact.external_uid and draft.external_uid
                and contact.external_uid != draft.external_uid)


def _reached_differently(contact: ContactFields, keys: Sequence[tuple[str, str]]) -> bool:
    """Both have emails (or phones, or links) and share none: the name is all that agrees,
    and two John Smiths are two people until someone says otherwise (merge)."""
    for kind in MATCHING_KINDS:
        offered = {key for key in keys if key[0] == kind}
        held = {key for key in contact.method_keys if key[0] == kind}
        if offered and held and not offered & held:
            return True
    return False


def _is_unnamed(contact: ContactFields) -> bool:
    """A contact whose name is one of its emails or phones (a card had no other)."""
    return contact.display_name in {method.value for method in contact.methods}


def new_contact(draft: ContactDraft, keys: Sequence[tuple[str, str]], circle_id: int | None,
                tags: Sequence[str]) -> ContactFields:
    blank = ContactFields(id=0, display_name=draft.display_name, given_name="", family_name="",
                          nickname="", company="", role="", met_where="", met_on=None,
                          birthday=None, notes="", circle_id=None, external_uid=None)
    return merged(blank, draft, keys, circle_id, tags, renames=True)[0]


def merged(contact: ContactFields, draft: ContactDraft, keys: Sequence[tuple[str, str]],
           circle_id: int | None, tags: Sequence[str], *, renames: bool):
    """(the contact with what the draft adds, the job it left or None); the module's
    docstring has the rules, ``keys`` are the draft's methods' match keys.

    ``renames``: the draft's names replace the contact's (its own card, by UID); else
    they only fill in empty ones.
    """
    changes = {name: getattr(draft, name) for name in REPLACED if getattr(draft, name)}
    keeps_names = (not renames or draft.named_from in ("email", "phone")
                   or name_key(draft.display_name) == name_key(contact.display_name))
    if keeps_names and not _is_unnamed(contact):
        for name in NAMES:
            if getattr(contact, name):
                changes.pop(name, None)
    left = _job_fields(contact, draft, changes)
    for name in ("birthday", "anniversary"):
        if getattr(draft, name) and not _same_day(getattr(contact, name), getattr(draft, name)):
            changes[name] = getattr(draft, name)
    offered = {"met_where": draft.met_where, "met_on": draft.met_on,
               "external_uid": draft.external_uid or None, "circle_id": circle_id}
    changes.update({name: value for name, value in offered.items()
                    if value and not getattr(contact, name)})
    if draft.notes and draft.notes not in contact.notes:
        changes["notes"] = f"{contact.notes}\n\n{draft.notes}" if contact.notes else draft.notes
    methods, method_keys = [], set(contact.method_keys)
    for method, key in zip(draft.methods, keys):
        if key not in method_keys:
            method_keys.add(key)
            methods.append(method)
    if methods:
        changes.update(methods=contact.methods + tuple(methods), method_keys=frozenset(method_keys))
    for name, offered_items, key in (
            ("tags", (*draft.tags, *tags), str.lower),
            ("addresses", draft.addresses, writes.address_key),
            ("past_jobs", (*draft.past_jobs, left), _past_job_key)):
        added = _added(getattr(contact, name), offered_items, key)
        if added:
            changes[name] = getattr(contact, name) + added
    return contact._replace(**changes), left


def _job_fields(contact: ContactFields, draft: ContactDraft, changes: dict):
    """Put the draft's company, department and title into ``changes`` as a job change asks
    (a new company brings its own department and title, even empty ones; an old job read
    again changes nothing); the job left, or None."""
    job = jobs.Job(draft.company, draft.department, draft.role)
    if jobs.is_past_job(contact, job):
        for name in ("company", "department", "role"):
            changes.pop(name, None)
        return None
    left = jobs.changed_job(contact, job)
    if left and draft.company and jobs.company_key(draft.company) != jobs.company_key(
            contact.company):
        changes.update(company=draft.company, department=draft.department, role=draft.role)
    return left


def _past_job_key(job) -> tuple[str, str]:
    return jobs.company_key(job.company), jobs.title_key(job.role)


def _added(have: Sequence, offered: Sequence, key: Callable) -> tuple:
    """The offered items whose key is neither had nor offered earlier, in order."""
    seen = {key(item) for item in have}
    added = []
    for item in offered:
        if item is not None and key(item) not in seen:
            seen.add(key(item))
            added.append(item)
    return tuple(added)


def _same_day(have, offered) -> bool:
    """The same day; a file's day without a year does not take away a known year."""
    if have is None or offered is None:
        return False
    same = (have.month, have.day) == (offered.month, offered.day)
    return same and offered.year in (None, have.year)


# What an import writes of a contact: values it sets, and lists it adds to.
WRITTEN_VALUES = (*REPLACED, "met_where", "met_on", "external_uid", "notes", "birthday",
                  "anniversary")
ADDED_LISTS = ("methods", "tags", "addresses", "past_jobs")


def _create_arguments(contact: ContactFields) -> dict:
    """writes.create_contacts' arguments for a contact an import made."""
    return {"circle": contact.circle_id,
            **{name: getattr(contact, name) for name in (*WRITTEN_VALUES, *ADDED_LISTS)}}


def _update_arguments(before: ContactFields, after: ContactFields) -> dict:
    """writes.update_contact's arguments: the values that changed, and what was added to
    each list."""
    arguments = {name: getattr(after, name) for name in WRITTEN_VALUES
                 if getattr(after, name) != getattr(before, name)}
    if after.circle_id != before.circle_id:
        arguments["circle"] = after.circle_id
    for name in ADDED_LISTS:
        arguments[name] = getattr(after, name)[len(getattr(before, name)):]
    return arguments


class _Import:
    """One run of an import: the garden in memory, the outcomes, the batch to write."""

    def __init__(self, *, circle_id: int | None, tags: Sequence[str], dry_run: bool):
        self.region = match_keys.phone_region()
        self.garden = _Garden(queries.contacts_to_match(), self.region)
        self.circle_id, self.tags, self.dry_run = circle_id, tuple(tags), dry_run
        self.outcomes: list[RecordOutcome] = []
        self.slots: list[int | None] = []  # each outcome's slot, for its id at the end
        self.pending: list[tuple[int, int]] = []  # (slot, outcome index) not yet written

    def record(self, draft: ContactDraft) -> None:
        keys = [(m.kind, match_keys.match_key(m.kind, m.value, self.region))
                for m in draft.methods]
        try:
            match = self.garden.match(draft, keys)
        except BadRecord as error:
            self.skip(draft.line, str(error), draft.display_name, draft.file)
            return
        if match is None:
            contact = new_contact(draft, keys, self.circle_id, self.tags)
            slot = self.garden.add(contact, None)
            self._outcome(draft, "created", slot)
            self.pending.append((slot, len(self.outcomes) - 1))
            if len(self.pending) >= BATCH:
                self.flush()
            return
        slot = match.slot
        before = self.garden.fields[slot]
        after, left = merged(before, draft, keys, self.circle_id, self.tags,
                             renames=match.by == "uid")
        if after == before:
            self._outcome(draft, "unchanged", slot)
            return
        contact_id = self.garden.ids[slot]
        if contact_id is None:  # a card twice in one file: its history, but no news
            left = None
        if not self.dry_run and contact_id is not None:
            try:
                self._update(contact_id, before, after, left)
            except database.StoreError:
                raise
            except Exception as error:  # noqa: BLE001 - the database refused this record only
                self.skip(draft.line, f"not saved: {error}", draft.display_name, draft.file)
                return
        self.garden.fields[slot] = after  # a contact still to create is created as updated
        self.garden.index(slot)
        self._outcome(draft, "updated", slot)
        if left:
            self.outcomes[-1].new_job = (jobs.describe(left.company, left.role),
                                         jobs.describe(after.company, after.role))
        renamed = name_key(after.display_name) != name_key(before.display_name)
        if renamed and not _is_unnamed(before):
            self.outcomes[-1].renamed_from = before.display_name

    def _update(self, contact_id: int, before: ContactFields, after: ContactFields,
                left) -> None:
        """One contact's changes, and a job change's life event, in one transaction."""
        with database.transaction():
            writes.update_contact(contact_id, **_update_arguments(before, after))
            if left:
                tending.log_life_event(contact_id, "new_job",
                                       jobs.describe(after.company, after.role))

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


# What a sync with a vdir (garden/vdir) matches new cards with and writes them by, as an
# import does.
Matcher = _Garden
create_arguments = _create_arguments
update_arguments = _update_arguments
