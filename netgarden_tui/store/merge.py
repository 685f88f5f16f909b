"""Duplicates: finding contacts that look like one person, and folding one into the other.

``likely_duplicates`` never compares every contact with every other: emails group in SQL,
phones and names group on a normalised key in one pass, and only names that share a
blocking key (the first letters of a name part) are compared fuzzily.

``merge_contacts`` is one transaction of plain row updates and deletes, so inside
``undo.recording()`` the journal takes it back like any other change.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from peewee import fn

from netgarden_tui.store import sqlite, writes
from netgarden_tui.store.models import (
    Contact, ContactMethod, ContactTag, Fact, Favour, FollowUp, InteractionContact,
    Introduction, LifeEvent, db,
)
from netgarden_tui.store.records import DuplicatePair

NOTES_SEPARATOR = "\n\n---\n\n"
# Empty fields of the kept contact that the folded one fills; the rest of the kept one wins.
FILLED_FIELDS = ("company", "role", "met_where", "met_on", "circle", "cadence_days",
                 "external_uid")
BIRTHDAY_FIELDS = ("birthday_month", "birthday_day", "birthday_year")
PHONE_DIGITS = 9  # two phones are one when their last nine digits agree
SIMILAR_NAME_SCORE = 85  # rapidfuzz ratio of two normalised names as a whole,
SIMILAR_PART_SCORE = 80  # and of their first words and of the rest
BLOCK_LETTERS = 3

# Letters that carry no combining accent in Unicode, folded by hand.
_FOLDED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
                         "œ": "oe", "ı": "i"})
_DROPPED = re.compile(r"['’‘.`]")  # O'Brien = OBrien, J.R. = JR
_SEPARATORS = re.compile(r"[\W_]+")  # Ann-Marie = Ann Marie


# --- normalising -------------------------------------------------------------------------

def name_words(name: str) -> list[str]:
    """A name as lower-case words without accents or punctuation: "Zoë O'Neil" -> zoe oneil."""
    if name.isascii():
        return _SEPARATORS.sub(" ", _DROPPED.sub("", name.lower())).split()
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_FOLDED))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", _DROPPED.sub("", letters)).split()


def name_key(name: str) -> str:
    """Equal for the same name however it is written or ordered: "Lee, Ann" = "ann lee"."""
    return " ".join(sorted(name_words(name)))


def phone_key(phone: str) -> str:
    """The last digits of a phone number: "+1 (202) 555-0149" = "202 555 0149"."""
    return "".join(char for char in phone if char.isdigit())[-PHONE_DIGITS:]


def _method_key(kind: str, value: str) -> tuple[str, str]:
    if kind == "email":
        return kind, value.strip().casefold()
    if kind == "phone":
        return kind, phone_key(value) or value.strip()
    return kind, value.strip()


# --- finding ------------------------------------------------------------------------------

def likely_duplicates(*, limit: int | None = 100) -> list[DuplicatePair]:
    """Pairs of contacts that may be one person, the surest first: same email, same phone,
    same name (any order, accents, case), then nearly the same name. Each pair once, with
    the lower id first."""
    found: dict[tuple[int, int], str] = {}
    for pair, reason in _candidate_pairs():
        if pair not in found:
            found[pair] = reason
            if limit is not None and len(found) >= limit:
                break
    names = _display_names({contact_id for pair in found for contact_id in pair})
    return [DuplicatePair(a, names[a], b, names[b], reason) for (a, b), reason in found.items()]


def _candidate_pairs() -> Iterator[tuple[tuple[int, int], str]]:
    yield from _same_email_pairs()
    yield from _same_phone_pairs()
    yield from _name_pairs()


def _pairs_within(contact_ids: Iterable[int]) -> Iterator[tuple[int, int]]:
    ids = sorted(set(contact_ids))
    for index, first in enumerate(ids):
        for second in ids[index + 1:]:
            yield first, second


def _same_email_pairs():
    email = fn.lower(fn.trim(ContactMethod.value))
    contact_ids = fn.group_concat(fn.DISTINCT(ContactMethod.contact)).coerce(False)
    groups = (ContactMethod.select(email, contact_ids)
              .where(ContactMethod.kind == "email")
              .group_by(email).having(fn.count(fn.DISTINCT(ContactMethod.contact)) > 1)
              .order_by(email).tuples())
    for address, ids in groups:
        for pair in _pairs_within(int(contact_id) for contact_id in ids.split(",")):
            yield pair, f"same email {address}"


def _same_phone_pairs():
    by_digits: dict[str, set[int]] = defaultdict(set)
    phones = (ContactMethod.select(ContactMethod.contact, ContactMethod.value)
              .where(ContactMethod.kind == "phone").tuples())
    for contact_id, value in phones.iterator():
        digits = phone_key(value)
        if len(digits) >= 6:  # shorter is an extension, not a number to match on
            by_digits[digits].add(contact_id)
    for digits, ids in sorted(by_digits.items()):
        for pair in _pairs_within(ids):
            yield pair, f"same phone …{digits}"


def _name_pairs():
    """Same normalised name first; then names alike within a block (a shared first few
    letters of the given or the family name), so only near neighbours are compared."""
    by_key: dict[str, set[int]] = defaultdict(set)
    spelled: dict[str, str] = {}  # name key -> the name's words in their order
    # Grouped by display name in SQL first: each spelling is normalised once.
    groups = (Contact.select(Contact.display_name, fn.group_concat(Contact.id).coerce(False))
              .group_by(Contact.display_name).tuples())
    for display_name, ids in groups.iterator():
        words = name_words(display_name)
        if words:
            key = " ".join(sorted(words))
            by_key[key].update(int(contact_id) for contact_id in ids.split(","))
            spelled.setdefault(key, " ".join(words))
    for key, ids in sorted(by_key.items()):
        for pair in _pairs_within(ids):
            yield pair, "same name"
    for first, second in _similar_names(spelled):
        for a in by_key[first]:
            for b in by_key[second]:
                yield (min(a, b), max(a, b)), "nearly the same name"


def _similar_names(spelled: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Pairs of name keys whose spelled names are alike as a whole and part by part
    (Jon Smith ~ John Smith, but not Zoe van der Berg ~ Jose van der Berg)."""
    from rapidfuzz import fuzz, process  # only this search needs it

    blocks: dict[str, list[str]] = defaultdict(list)
    for key, words in spelled.items():
        parts = words.split()
        for block in {f"given:{parts[0][:BLOCK_LETTERS]}", f"family:{parts[-1][:BLOCK_LETTERS]}"}:
            blocks[block].append(key)
    seen = set()
    for block in sorted(blocks):
        keys = blocks[block]
        if len(keys) < 2:
            continue
        names = [spelled[key] for key in keys]
        for i, name in enumerate(names[:-1]):
            # process.extract, not cdist: cdist needs numpy, which netgarden does not install.
            for _, _, offset in process.extract(name, names[i + 1:], scorer=fuzz.ratio,
                                                score_cutoff=SIMILAR_NAME_SCORE, limit=None):
                j = i + 1 + offset
                pair = (keys[i], keys[j])
                if pair not in seen and _alike_part_by_part(names[i], names[j]):
                    seen.add(pair)
                    yield pair


def _alike_part_by_part(first: str, second: str) -> bool:
    from rapidfuzz import fuzz

    given_1, _, rest_1 = first.partition(" ")
    given_2, _, rest_2 = second.partition(" ")
    return (fuzz.ratio(given_1, given_2) >= SIMILAR_PART_SCORE
            and fuzz.ratio(rest_1, rest_2) >= SIMILAR_PART_SCORE)


def _display_names(contact_ids: set[int]) -> dict[int, str]:
    names = {}
    ids = sorted(contact_ids)
    for start in range(0, len(ids), 500):  # SQLite limits the parameters of one statement
        chunk = ids[start:start + 500]
        names.update(Contact.select(Contact.id, Contact.display_name)
                     .where(Contact.id.in_(chunk)).tuples())
    return names


# --- merging ------------------------------------------------------------------------------

def merge_contacts(keep_id: int, fold_id: int) -> None:
    """Fold contact ``fold_id`` into ``keep_id`` in one transaction, then delete it.

    Every method (one of each kind and value), fact, tag, touch, follow-up, favour, life
    event and introduction moves to the kept contact; contacts introduced by the folded
    one now say the kept one. The kept contact's fields win; its empty ones are filled
    from the folded one, notes are joined, and the folded one's name becomes the nickname
    when the kept one has none (so a search for it still finds the person). An
    introduction between the two of them introduced a person to themself: it is dropped.
    """
    with db.atomic():
        keep = Contact.get_by_id(keep_id)
        fold = Contact.get_by_id(fold_id)
        _fill_fields(keep, fold)
        _move_methods(keep_id, fold_id)
        _move_links(ContactTag, ContactTag.tag, keep_id, fold_id)
        _move_links(InteractionContact, InteractionContact.interaction, keep_id, fold_id)
        for model in (Fact, FollowUp, Favour, LifeEvent):
            model.update(contact=keep_id).where(model.contact == fold_id).execute()
        _move_introductions(keep_id, fold_id)
        Contact.update(introduced_by=keep_id).where(Contact.introduced_by == fold_id).execute()
        Contact.delete().where(Contact.id == fold_id).execute()
        writes.refresh_last_touch([keep_id])
        writes.refresh_schedule([keep_id])
        writes.refresh_outreach([keep_id])
        sqlite.reindex_contacts([keep_id, fold_id])  # the folded one's search row goes


def _fill_fields(keep: Contact, fold: Contact) -> None:
    kept, folded = keep.__data__, fold.__data__  # raw columns: a circle's id, not a query
    changes = {name: folded.get(name) for name in FILLED_FIELDS
               if kept.get(name) in (None, "") and folded.get(name) not in (None, "")}
    if keep.birthday_month is None and fold.birthday_month is not None:
        changes.update({name: getattr(fold, name) for name in BIRTHDAY_FIELDS})
    if keep.notes and fold.notes:
        changes["notes"] = keep.notes + NOTES_SEPARATOR + fold.notes
    elif fold.notes:
        changes["notes"] = fold.notes
    if not keep.nickname:
        other_name = name_key(fold.display_name) != name_key(keep.display_name)
        nickname = fold.nickname or (fold.display_name if other_name else "")
        if nickname:
            changes["nickname"] = nickname
    introducer = _introducer_after_merge(keep, fold)
    if introducer != keep.introduced_by_id:
        changes["introduced_by"] = introducer
    if fold.created_at < keep.created_at:  # known since the first of the two was added
        changes["created_at"] = fold.created_at
    if changes:
        Contact.update(**changes).where(Contact.id == keep.id).execute()


def _introducer_after_merge(keep: Contact, fold: Contact) -> int | None:
    """Who introduced the merged person: the kept one's introducer, else the folded one's;
    never the person themself."""
    for introducer in (keep.introduced_by_id, fold.introduced_by_id):
        if introducer not in (None, keep.id, fold.id):
            return introducer
    return None


def _move_methods(keep_id: int, fold_id: int) -> None:
    kept = {_method_key(kind, value) for kind, value in
            ContactMethod.select(ContactMethod.kind, ContactMethod.value)
            .where(ContactMethod.contact == keep_id).tuples()}
    moved, dropped = [], []
    for method_id, kind, value in (ContactMethod.select(ContactMethod.id, ContactMethod.kind,
                                                        ContactMethod.value)
                                   .where(ContactMethod.contact == fold_id)
                                   .order_by(ContactMethod.id).tuples()):
        key = _method_key(kind, value)
        (dropped if key in kept else moved).append(method_id)
        kept.add(key)
    ContactMethod.update(contact=keep_id).where(ContactMethod.id.in_(moved)).execute()
    ContactMethod.delete().where(ContactMethod.id.in_(dropped)).execute()


def _move_links(model, other, keep_id: int, fold_id: int) -> None:
    """Move the folded contact's rows of a (contact, other) link table to the kept one;
    a link the kept contact has already is dropped (a touch with both keeps one link)."""
    already = model.select(other).where(model.contact == keep_id)
    model.delete().where(model.contact == fold_id, other.in_(already)).execute()
    model.update(contact=keep_id).where(model.contact == fold_id).execute()


def _move_introductions(keep_id: int, fold_id: int) -> None:
    pair = (keep_id, fold_id)
    Introduction.delete().where(Introduction.person_a.in_(pair),
                                Introduction.person_b.in_(pair)).execute()
    for field in (Introduction.person_a, Introduction.person_b, Introduction.introducer):
        Introduction.update({field: keep_id}).where(field == fold_id).execute()


class _Rehearsed(Exception):
    """Raised to roll back a rehearsal."""


@contextmanager
def rehearsal() -> Iterator[None]:
    """A transaction that is always rolled back: write, look at the result, keep nothing
    (a merge preview is the merge itself, undone)."""
    try:
        with db.atomic():
            yield
            raise _Rehearsed
    except _Rehearsed:
        pass


def touch_count(contact_id: int) -> int:
    """How many touches are on a contact's timeline."""
    return (InteractionContact.select()
            .where(InteractionContact.contact == contact_id).count())
