"""Ways to reach someone: what makes two of them the same.

Each method is stored as typed, with its match key beside it (``ContactMethod.match_key``,
indexed by kind): an import matches on it, a contact never holds one twice, and ``dupes``
groups by it. A phone's key depends on the home region (``region`` in the config), kept in
the garden's settings; when it changes, every phone is keyed again.
"""

import re

from netgarden_tui import phones
from netgarden_tui.store.models import ContactMethod, Setting, db
from netgarden_tui.vocabulary import METHOD_KINDS

REGION_SETTING = "phone_region"
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?")


def match_key(kind: str, value: str, region: str | None) -> str:
    """Equal for two values of ``kind`` that reach the same person: a phone as a number
    (phones.match_key), an email whatever its case, a link whatever its scheme, "www."
    or a last slash."""
    text = value.strip()
    if kind == "phone":
        return phones.match_key(text, region)
    if kind == "url":
        return _URL_SCHEME.sub("", text.casefold()).rstrip("/")
    return text.casefold()


def phone_region() -> str | None:
    """The home region phones without a country code are read in, or None."""
    stored = Setting.get_or_none(Setting.key == REGION_SETTING)
    return stored.value if stored and stored.value else None


def set_phone_region(region: str | None) -> None:
    """Record the configured home region; when it changed, key every phone again."""
    if region == phone_region():
        return
    with db.atomic():
        Setting.put(REGION_SETTING, region or "")
        rekey(kinds=("phone",))


def rekey(kinds=METHOD_KINDS, contact_ids=None) -> None:
    """Recompute the match keys of these kinds of method (of these contacts, or all),
    where they changed: a new region, a garden from before keys, or an undo that put back
    rows as they were keyed then."""
    table = ContactMethod._meta.table_name
    db.cursor().executemany(
        f'UPDATE "{table}" SET "match_key" = {db.param} WHERE "id" = {db.param}',
        _changed(kinds, contact_ids))


def stale() -> int:
    """How many methods are keyed otherwise than they would be now."""
    return len(_changed(METHOD_KINDS, None))


def _changed(kinds, contact_ids) -> list[tuple[str, int]]:
    """(the key it should have, method id) of each method whose key is not that one."""
    region = phone_region()
    rows = (ContactMethod.select(ContactMethod.id, ContactMethod.kind, ContactMethod.value,
                                 ContactMethod.match_key)
            .where(ContactMethod.kind.in_(list(kinds))))
    if contact_ids is not None:
        rows = rows.where(ContactMethod.contact.in_(list(contact_ids)))
    return [(key, method_id) for method_id, kind, value, old in rows.tuples().iterator()
            if (key := match_key(kind, value, region)) != old]
