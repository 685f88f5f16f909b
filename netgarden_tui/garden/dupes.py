"""Duplicates: who may be one person twice, what merging them gives, and the merge itself.

Shared by `netgarden dupes` / `netgarden merge` and the TUI's merge screen. ``merge`` and
``preview`` check their input (InvalidInput, before anything is written).
"""

from dataclasses import dataclass

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.store import merge as store_merge
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard, DuplicatePair

DUPES_LIMIT = 100


@dataclass(frozen=True)
class MergePreview:
    """The two contacts as they are, and the kept one as it will be after the merge."""

    keep: ContactCard
    fold: ContactCard
    merged: ContactCard
    keep_touches: int
    fold_touches: int
    merged_touches: int  # a touch with both of them counts once


@dataclass(frozen=True)
class MergeSummary:
    """What the kept contact holds after a merge."""

    kept: str
    folded: str
    methods: int
    tags: int
    facts: int
    touches: int


def likely_duplicates(limit: int | None = DUPES_LIMIT) -> list[DuplicatePair]:
    """Pairs that may be one person, surest first (store/merge.py says how they are found)."""
    if limit is not None and limit < 1:
        raise InvalidInput(f"the limit must be 1 or more (got {limit})")
    return store_merge.likely_duplicates(limit=limit)


def _check_pair(keep_id: int, fold_id: int) -> tuple[str, str]:
    """The two names; InvalidInput for one contact twice or one that is not there."""
    if keep_id == fold_id:
        raise InvalidInput(f"can't merge contact #{keep_id} into itself")
    names = []
    for contact_id in (keep_id, fold_id):
        name = queries.contact_name(contact_id)
        if name is None:
            raise InvalidInput(f"no contact #{contact_id}")
        names.append(name)
    return names[0], names[1]


def merge(keep_id: int, fold_id: int) -> MergeSummary:
    """Fold contact ``fold_id`` into ``keep_id`` (one transaction; undoable in the app)."""
    kept, folded = _check_pair(keep_id, fold_id)
    store_merge.merge_contacts(keep_id, fold_id)
    card = queries.contact_card(keep_id, default_cadence=0)
    return MergeSummary(kept=kept, folded=folded, methods=len(card.methods), tags=len(card.tags),
                        facts=len(card.facts), touches=store_merge.touch_count(keep_id))


def preview(keep_id: int, fold_id: int, *, default_cadence: int) -> MergePreview:
    """What the merge would give, from the merge itself rehearsed and rolled back."""
    _check_pair(keep_id, fold_id)
    keep = queries.contact_card(keep_id, default_cadence=default_cadence)
    fold = queries.contact_card(fold_id, default_cadence=default_cadence)
    keep_touches, fold_touches = (store_merge.touch_count(keep_id),
                                  store_merge.touch_count(fold_id))
    with store_merge.rehearsal():
        store_merge.merge_contacts(keep_id, fold_id)
        merged = queries.contact_card(keep_id, default_cadence=default_cadence)
        merged_touches = store_merge.touch_count(keep_id)
    return MergePreview(keep=keep, fold=fold, merged=merged, keep_touches=keep_touches,
                        fold_touches=fold_touches, merged_touches=merged_touches)
