"""What travels between the garden and a vdir: a card's fields, and the merge of two sides
that both changed since they last agreed.

Only the card: names, nickname, company, department, job title and role, birthday and
anniversary, the note, tags, emails, phones, links and postal addresses. Touches, favours,
facts (a health note among them), circles, where you met and the work history stay in
the garden.

A card's fields are kept as written (``Card``: a phone as typed, with its label), and
compared by what they mean (``keyed``): a phone as a number, an email whatever its case,
a tag whatever its case, an address by its parts; a label is part of what a method or
an address says. The emails, phones, links, addresses and tags are sets: a number added
on the phone and another added in the garden are both kept.
"""

import hashlib
import json
from collections.abc import Iterable
from typing import NamedTuple

from netgarden_tui.garden.card import address_words
from netgarden_tui.garden.importing.drafts import ContactDraft
from netgarden_tui.store import match_keys, writes
from netgarden_tui.store.records import Address, Birthday, ContactFields, Method


class Card(NamedTuple):
    fn: str = ""  # the name shown (display_name)
    given: str = ""
    family: str = ""
    nickname: str = ""
    company: str = ""
    department: str = ""
    title: str = ""  # the job title (TITLE; the garden's role)
    role: str = ""  # the part they play (ROLE; the garden's function)
    birthday: Birthday | None = None
    anniversary: Birthday | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    methods: tuple[Method, ...] = ()
    addresses: tuple[Address, ...] = ()


SCALARS = ("fn", "given", "family", "nickname", "company", "department", "title", "role",
           "birthday", "anniversary", "note")
SETS = ("emails", "phones", "urls", "addresses", "tags")
FIELDS = (*SCALARS, *SETS)
METHOD_SETS = {"emails": "email", "phones": "phone", "urls": "url"}
METHOD_FIELD = {kind: name for name, kind in METHOD_SETS.items()}
# How the report and the notes name each field.
FIELD_WORDS = {"fn": "name", "given": "given name", "family": "family name",
               "nickname": "nickname", "company": "company", "department": "department",
               "title": "job title", "role": "role", "birthday": "birthday",
               "anniversary": "anniversary", "note": "note", "emails": "email",
               "phones": "phone", "urls": "link", "addresses": "address", "tags": "tag"}


def from_contact(contact: ContactFields) -> Card:
    return Card(fn=contact.display_name, given=contact.given_name, family=contact.family_name,
                nickname=contact.nickname, company=contact.company,
                department=contact.department, title=contact.role, role=contact.function,
                birthday=contact.birthday, anniversary=contact.anniversary, note=contact.notes,
                tags=tuple(sorted(contact.tags, key=str.casefold)), methods=contact.methods,
                addresses=contact.addresses)


def from_draft(draft: ContactDraft, note: str) -> Card:
    """A card as the import reads it, with ``note`` its NOTE alone (the import adds a
    birthday it cannot read as a date to the notes; a sync leaves that BDAY as it is)."""
    return Card(fn=draft.display_name, given=draft.given_name, family=draft.family_name,
                nickname=draft.nickname, company=draft.company, department=draft.department,
                title=draft.role, role=draft.function, birthday=draft.birthday,
                anniversary=draft.anniversary, note=note, tags=draft.tags,
                methods=draft.methods, addresses=draft.addresses)


# --- kept in the garden: the fields both sides last agreed on ---------------------------------

def to_json(card: Card) -> str:
    data = card._asdict()
    for name in ("birthday", "anniversary"):
        data[name] = list(data[name]) if data[name] else None
    data["methods"] = [list(method) for method in card.methods]
    data["addresses"] = [list(address) for address in card.addresses]
    data["tags"] = list(card.tags)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Card:
    data = json.loads(text)
    for name in ("birthday", "anniversary"):
        data[name] = Birthday(*data[name]) if data[name] else None
    data["methods"] = tuple(Method(*method) for method in data["methods"])
    data["addresses"] = tuple(Address(*address) for address in data["addresses"])
    data["tags"] = tuple(data["tags"])
    return Card(**data)


def version(card: Card) -> str:
    """A hash of a card's fields as written (their repr: strings, numbers and tuples only),
    so what changed in the garden since the last sync is told without reading anything
    else."""
    plain = (*card[:len(SCALARS)], card.tags, tuple(map(tuple, card.methods)),
             tuple(map(tuple, card.addresses)))
    return hashlib.blake2b(repr(plain).encode("utf-8"), digest_size=16).hexdigest()


# --- what the fields mean -------------------------------------------------------------------

class Keyed(NamedTuple):
    """A card's fields as compared: each scalar as it is; each set as {key: what it says},
    beside the items themselves by key (to write them)."""

    values: dict  # field -> scalar, or {key: label} for a set
    items: dict  # set field -> {key: Method, Address or tag}


def keyed(card: Card, region: str | None, *, exact: bool = False) -> Keyed:
    """``exact``: each method keyed by its value as written (no phone read as a number:
    for a card written anew, where nothing is compared)."""
    values = {name: getattr(card, name) for name in SCALARS}
    items: dict[str, dict] = {name: {} for name in SETS}
    for method in card.methods:
        field = METHOD_FIELD[method.kind]
        key = method.value if exact else match_keys.match_key(method.kind, method.value, region)
        items[field].setdefault(key, method)
    for address in card.addresses:
        items["addresses"].setdefault(writes.address_key(address), address)
    for tag in card.tags:
        items["tags"].setdefault(tag.casefold(), tag)
    for name in SETS:
        values[name] = {key: _says(item) for key, item in items[name].items()}
    return Keyed(values, items)


def _says(item) -> str:
    """What an item of a set says beyond its key: a method's or an address's label."""
    return item.label if isinstance(item, (Method, Address)) else ""


def differing(first: Keyed, second: Keyed) -> list[str]:
    """The fields on which two cards differ in meaning, in FIELDS order."""
    return [name for name in FIELDS if first.values[name] != second.values[name]]


def card_of(keyed_card: Keyed, methods_order: Iterable[str] = ("emails", "phones", "urls")) -> Card:
    """The card a Keyed holds (its items in their order)."""
    values = {name: keyed_card.values[name] for name in SCALARS}
    return Card(**values,
                tags=tuple(keyed_card.items["tags"].values()),
                methods=tuple(method for name in methods_order
                              for method in keyed_card.items[name].values()),
                addresses=tuple(keyed_card.items["addresses"].values()))


# --- both sides changed: the merge -------------------------------------------------------------

class Conflict(NamedTuple):
    """A field both sides changed, each its own way: the garden's value was kept."""

    field: str  # one of FIELDS
    kept: str  # the garden's value, in words
    lost: str  # the card's, in words (now in the contact's notes)


def merge(base: Keyed, garden: Keyed, card: Keyed) -> tuple[Keyed, list[Conflict]]:
    """The fields each side changed since ``base`` (what both last agreed on), together.

    Where only one side changed a field, its value is taken; where both did, the same way,
    that; where both did, each its own way, the garden's, and the card's is a Conflict.
    Sets are merged item by item: an item added on either side is kept, one removed on
    either side (and not changed on the other) goes.
    """
    values: dict = {}
    items: dict[str, dict] = {}
    conflicts: list[Conflict] = []
    for name in SCALARS:
        was, ours, theirs = base.values[name], garden.values[name], card.values[name]
        if ours == theirs or theirs == was:
            values[name] = ours
        elif ours == was:
            values[name] = theirs
        else:
            values[name] = ours
            if theirs not in ("", None):
                conflicts.append(Conflict(name, value_words(name, ours), value_words(name, theirs)))
    for name in SETS:
        kept: dict = {}
        was, ours, theirs = base.values[name], garden.values[name], card.values[name]
        for key in [*ours, *(key for key in theirs if key not in ours)]:
            in_base, in_ours, in_theirs = key in was, key in ours, key in theirs
            if in_ours and in_theirs:
                if ours[key] == theirs[key] or theirs[key] == was.get(key):
                    kept[key] = garden.items[name][key]
                elif ours[key] == was.get(key):
                    kept[key] = card.items[name][key]
                else:
                    kept[key] = garden.items[name][key]
                    conflicts.append(Conflict(name, item_words(garden.items[name][key]),
                                              item_words(card.items[name][key])))
            elif in_ours:  # not on the card: added in the garden, or removed from the card
                if not in_base or ours[key] != was[key]:
                    kept[key] = garden.items[name][key]
            elif not in_base:  # added to the card
                kept[key] = card.items[name][key]
            elif theirs[key] != was[key]:  # changed on the card, removed in the garden
                conflicts.append(Conflict(name, "(removed)", item_words(card.items[name][key])))
        items[name] = kept
        values[name] = {key: _says(item) for key, item in kept.items()}
    return Keyed(values, items), conflicts


def value_words(name: str, value) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, Birthday):
        return day_text(value)
    return str(value)


def item_words(item) -> str:
    if isinstance(item, Method):
        return f"{item.value} ({item.label})" if item.label else item.value
    if isinstance(item, Address):
        words = address_words(item)
        return f"{words} ({item.label})" if item.label else words
    return str(item)


def day_text(day: Birthday) -> str:
    """YYYY-MM-DD, or --MM-DD without a year (as a vCard 3.0 has it)."""
    year = f"{day.year:04d}" if day.year else "-"
    return f"{year}-{day.month:02d}-{day.day:02d}"
