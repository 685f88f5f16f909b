"""Duplicates: finding contacts that look like one person, and folding one into the other.

``likely_duplicates`` never compares every contact with every other: emails and phones
group in SQL on their match keys (store/match_keys.py: a phone as a number), names on a
normalised key in one pass, and only names that share a blocking key (the first letters
of a name part) are compared fuzzily.

``merge_contacts`` is one transaction of plain row updates and deletes, so inside
``undo.recording()`` the journal takes it back like any other change.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from peewee import Cast, fn

from netgarden_tui import phones
from netgarden_tui.store import backend, match_keys, search, writes
from netgarden_tui.store.models import (
    Contact, ContactAddress, ContactMethod, ContactTag, Fact, Favour, FollowUp,
    InteractionContact, Introduction, LifeEvent, Need, PastJob, SuggestedIntroduction, SyncCard,
    db,
)
from netgarden_tui.store.records import Address, DuplicatePair

NOTES_SEPARATOR = "\n\n---\n\n"
# Empty fields of the kept contact that the folded one fills; the rest of the kept one wins.
FILLED_FIELDS = ("company", "department", "role", "function", "met_where", "met_on", "circle",
                 "cadence_days", "external_uid")
YEARLY_DAYS = ("birthday", "anniversary")  # each three columns, taken whole
SHARED_BY = 4  # an email or phone held by more contacts than this is shared, not a duplicate
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
    yield from _same_method_pairs("email")


def _same_phone_pairs():
    yield from _same_method_pairs("phone")


def _same_method_pairs(kind: str):
    """Contacts holding the same email (or phone) by match key: the email as compared, the
    phone as the card shows it. A key shorter than six is an extension or a typo, and one
    that more than SHARED_BY contacts hold is a switchboard or an office inbox: neither
    is a sign of one person entered twice."""
    region = match_keys.phone_region()
    contact_ids = backend.joined_text(Cast(ContactMethod.contact, "TEXT"), ",")
    groups = (ContactMethod.select(ContactMethod.match_key, fn.min(ContactMethod.value),
                                   contact_ids)
              .where(ContactMethod.kind == kind, fn.length(ContactMethod.match_key) >= 6)
              .group_by(ContactMethod.match_key)
              .having(fn.count(fn.DISTINCT(ContactMethod.contact)).between(2, SHARED_BY))
              .order_by(ContactMethod.match_key).tuples())
    for key, value, ids in groups:
        shown = phones.international(value, region) if kind == "phone" else key
        for pair in _pairs_within(int(contact_id) for contact_id in ids.split(",")):
            yield pair, f"same {kind} {shown}"


def _name_pairs():
    """Same normalised name first; then names alike within a block (a shared first few
    letters of the given or the family name), so only near neighbours are compared."""
    by_key: dict[str, set[int]] = defaultdict(set)
    spelled: dict[str, str] = {}  # name key -> the name's words in their order
    # Grouped by display name in SQL first: each spelling is normalised once.
    groups = (Contact.select(Contact.display_name, backend.joined_text(Cast(Contact.id, "TEXT"), ","))
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

    Every method (one of each kind and match key), address, fact, tag, touch, follow-up,
    favour, life event, past job, need, offer and introduction moves to the kept contact; contacts
    introduced by the folded one now say the kept one. The kept contact's fields win; its
    empty ones are filled from the folded one, notes are joined, and the folded one's name
    becomes the nickname when the kept one has none (so a search for it still finds the
    person). An introduction between the two of them introduced a person to themself: it is
    dropped.
    """
    with db.atomic():
        keep = Contact.get_by_id(keep_id)
        fold = Contact.get_by_id(fold_id)
        _fill_fields(keep, fold)
        _move_methods(keep_id, fold_id)
        _move_links(ContactTag, ContactTag.tag, keep_id, fold_id)
        _move_links(InteractionContact, InteractionContact.interaction, keep_id, fold_id)
        for model in (Fact, FollowUp, Favour, LifeEvent, PastJob, Need):
            model.update(contact=keep_id).where(model.contact == fold_id).execute()
        _move_introductions(keep_id, fold_id)
        _move_suggestions(keep_id, fold_id)
        Contact.update(introduced_by=keep_id).where(Contact.introduced_by == fold_id).execute()
        # Its cards in synced folders are the kept one's now: the next sync folds them in.
        SyncCard.update(contact_id=keep_id).where(SyncCard.contact_id == fold_id).execute()
        Contact.delete().where(Contact.id == fold_id).execute()
        writes.refresh_last_touch([keep_id])
        writes.refresh_schedule([keep_id])
        writes.refresh_outreach([keep_id])
        search.reindex_contacts([keep_id, fold_id])  # the folded one's search row goes


def _fill_fields(keep: Contact, fold: Contact) -> None:
    kept, folded = keep.__data__, fold.__data__  # raw columns: a circle's id, not a query
    changes = {name: folded.get(name) for name in FILLED_FIELDS
               if kept.get(name) in (None, "") and folded.get(name) not in (None, "")}
    for day in YEARLY_DAYS:
        if getattr(keep, f"{day}_month") is None and getattr(fold, f"{day}_month") is not None:
            changes.update({f"{day}_{part}": getattr(fold, f"{day}_{part}")
                            for part in ("month", "day", "year")})
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
    """The folded contact's methods and addresses move; one the kept contact has already
    (by match key, by address) is dropped."""
    _move_unless_held(ContactMethod, lambda row: (row.kind, row.match_key), keep_id, fold_id)
    _move_unless_held(ContactAddress,
                      lambda row: writes.address_key(Address(*(getattr(row, name)
                                                               for name in Address._fields))),
                      keep_id, fold_id)


def _move_unless_held(model, key, keep_id: int, fold_id: int) -> None:
    kept = {key(row) for row in model.select().where(model.contact == keep_id)}
    moved, dropped = [], []
    for row in model.select().where(model.contact == fold_id).order_by(model.id):
        (dropped if key(row) in kept else moved).append(row.id)
        kept.add(key(row))
    model.update(contact=keep_id).where(model.id.in_(moved)).execute()
    model.delete().where(model.id.in_(dropped)).execute()


def _move_links(model, other, keep_id: int, fold_id: int) -> None:
    """Move the folded contact's rows of a (contact, other) link table to the kept one;
    a link the kept contact has already is dropped (a touch with both keeps one link)."""
    already = model.select(other).where(model.contact == keep_id)
    model.delete().where(model.contact == fold_id, other.in_(already)).execute()
    model.update(contact=keep_id).where(model.contact == fold_id).execute()


def _move_suggestions(keep_id: int, fold_id: int) -> None:
    """Introductions suggested and decided on go with the person; one between the two of
    them is dropped."""
    pair = (keep_id, fold_id)
    SuggestedIntroduction.delete().where(SuggestedIntroduction.needer.in_(pair),
                                         SuggestedIntroduction.offerer.in_(pair)).execute()
    for field in (SuggestedIntroduction.needer, SuggestedIntroduction.offerer):
        SuggestedIntroduction.update({field: keep_id}).where(field == fold_id).execute()


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
