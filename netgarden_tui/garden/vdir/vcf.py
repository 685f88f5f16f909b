"""One card file of a vdir, edited in place: only the properties whose field changed are
rewritten, every other line stays as it was, byte for byte (a PHOTO, Apple's X-ABLabel
and X-ABDATE, an X-SOCIALPROFILE, a REV, properties no one here knows).

A card is read into its properties, each with the lines it was written on (folded or
quoted-printable lines are one property); each property is read by vobject
(``vcard.read_property``: vobject's ``parseLine``), and what the card says is what the
import reads (``vcard.card_draft``). ``edit`` then brings the card to the fields wanted:
a value changed is written into its own property (its group and parameters kept), a
phone or an email removed takes its property (and Apple's label for it) away, a new one
is added before END:VCARD. A new card is an empty one edited the same way.
"""

import re
from dataclasses import dataclass, field

from vobject.base import ParseError

from netgarden_tui.garden.importing import vcard
from netgarden_tui.garden.importing.drafts import BadRecord, EVERYONE_GROUPS
from netgarden_tui.garden.vdir import cards as cardfields
from netgarden_tui.garden.vdir.cards import Card, Keyed
from netgarden_tui.store import match_keys, writes
from netgarden_tui.store.records import Birthday

LINE_BREAK = re.compile(r"\r\r\n|\r\n|\n|\r")
QUOTED_PRINTABLE = re.compile(r"^[^:]*;(?:ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE)
PRODUCT_ID = "-//netgarden//netgarden sync//EN"
FOLD_AT = 75  # octets a line holds (RFC 6350 3.2)
# Labels that are vCard TYPE words, and one that means a TYPE spelled otherwise (as
# garden/export.py writes them).
TYPE_WORDS = {"home", "work", "cell", "voice", "fax", "text", "pager", "video", "textphone"}
TYPE_FOR_LABEL = {"mobile": "cell"}
METHOD_PROPERTY = {"email": "EMAIL", "phone": "TEL", "url": "URL"}
ANNIVERSARIES = set(vcard.ANNIVERSARIES)
SATELLITES = {"X-ABLABEL", "X-ABADR"}  # lines about another line of their group
TEXT_ESCAPES = re.compile(r"[\\;,\n]")
# Parameters a value written anew no longer has: it is plain UTF-8 text now.
ENCODING_PARAMETERS = re.compile(r";(?:ENCODING=)?(?:QUOTED-PRINTABLE|8BIT)(?=[;:])|;CHARSET=[^;:]*",
                                 re.IGNORECASE)


# The order a new card's properties are written in.
EDIT_ORDER = ("fn", "given", "family", "nickname", "company", "department", "title", "role",
              "emails", "phones", "addresses", "urls", "birthday", "anniversary", "tags", "note")
ONE_PROPERTY = {"given": "N", "family": "N", "company": "ORG", "department": "ORG"}


class BadCard(ValueError):
    """A file that is not one card a sync can read; str() says why."""


@dataclass
class Prop:
    """One property of a card: the lines it was written on, and what vobject read."""

    lines: list[str]
    name: str = ""  # upper case
    group: str = ""  # lower case; "" for none
    types: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)
    value: str = ""  # decoded, not unescaped

    def as_property(self) -> tuple:
        return self.name, self.group, self.types, self.params, self.value


@dataclass
class CardFile:
    """A card file's lines: what comes before BEGIN:VCARD, the card, what follows END."""

    before: list[str]
    begin: list[str]
    props: list[Prop]
    end: list[str]
    after: list[str]
    newline: str = "\r\n"

    @property
    def version(self) -> str:
        return next((prop.value.strip() for prop in self.props if prop.name == "VERSION"), "3.0")

    def text(self) -> str:
        lines = [*self.before, *self.begin, *(line for prop in self.props for line in prop.lines),
                 *self.end, *self.after]
        return self.newline.join(lines) + ("" if self.after else self.newline)

    def uid(self) -> str:
        return next((vcard.text_value(prop.value).strip() for prop in self.props
                     if prop.name == "UID"), "")

    def note(self) -> str:
        """The NOTE properties' text alone, as the import puts it in the notes."""
        notes = [LINE_BREAK.sub("\n", vcard.text_value(prop.value)).strip()
                 for prop in self.props if prop.name == "NOTE"]
        return "\n\n".join(text for text in notes if text)

    def draft(self, file: str = ""):
        """The card as the import reads it; BadCard when it names no one."""
        try:
            return vcard.card_draft([prop.as_property() for prop in self.props], file=file)
        except BadRecord as error:
            raise BadCard(str(error)) from None

    def card(self) -> Card:
        return cardfields.from_draft(self.draft(), self.note())


def parse(text: str) -> CardFile:
    """A file's one card; BadCard when it holds none, several, or a line vobject can't read."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    newline = "\n" if "\r" not in text and "\n" in text else "\r\n"
    edges = [(number, edge[1].upper()) for number, line in enumerate(lines)
             if (edge := vcard.CARD_EDGE.fullmatch(line.strip().lstrip("\ufeff")))]
    begins = [number for number, kind in edges if kind == "BEGIN"]
    if not begins:
        raise BadCard("no card in it (no BEGIN:VCARD)")
    if len(begins) > 1:
        raise BadCard(f"{len(begins)} cards in one file (a vdir keeps one card a file)")
    start = begins[0]
    end = next((number for number, kind in edges if kind == "END" and number > start), None)
    if end is None:
        raise BadCard("card cut short: no END:VCARD")
    props: list[Prop] = []
    for line in lines[start + 1:end]:
        if props and (line[:1] in (" ", "\t") or not line.strip() or (
                QUOTED_PRINTABLE.match(props[-1].lines[0])
                and props[-1].lines[-1].endswith("="))):
            props[-1].lines.append(line)
        elif line.strip():
            props.append(Prop([line]))
    for number, prop in enumerate(props, start=start + 2):
        try:
            prop.name, prop.group, prop.types, prop.params, prop.value = vcard.read_property(
                _unfolded(prop.lines))
        except ParseError:
            raise BadCard(f"can't read its line {prop.lines[0][:40]!r}") from None
    return CardFile(lines[:start], [lines[start]], props, [lines[end]], lines[end + 1:], newline)


def _unfolded(lines: list[str]) -> str:
    """A property's lines as one: folded lines lose their first space, quoted-printable
    lines (soft breaks) are joined by a new line, as vobject joins them."""
    text = lines[0]
    for line in lines[1:]:
        if not line.strip():
            continue
        if line[:1] in (" ", "\t"):
            text += line[1:]
        else:
            text += "\n" + line
    return text


def new_card(uid: str) -> CardFile:
    """An empty vCard 3.0 (what phones and CardDAV servers all read) with its UID."""
    return CardFile([], ["BEGIN:VCARD"],
                    [_prop("VERSION", "3.0"), _prop("PRODID", PRODUCT_ID),
                     _prop("UID", _uri(uid))], ["END:VCARD"], [])


# --- writing values -------------------------------------------------------------------------

def _escaped(text: str) -> str:
    """A text value as vCard writes it: backslash, semicolon, comma and new line escaped."""
    text = LINE_BREAK.sub("\n", text)
    return TEXT_ESCAPES.sub(lambda match: "\\n" if match[0] == "\n" else "\\" + match[0], text)


def _uri(text: str) -> str:
    """An email, a phone or a link as written: on one line, unescaped (a link's commas are
    its own)."""
    return " ".join(text.split())


def _folded(line: str) -> list[str]:
    """A line cut into lines of at most FOLD_AT octets, each after the first beginning
    with a space, never inside a character."""
    if len(line) <= FOLD_AT and line.isascii():
        return [line]
    lines, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > FOLD_AT:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += width
    lines.append(current)
    return lines


def _prop(name: str, value: str, *, group: str = "", params: str = "") -> Prop:
    """A new property: ``value`` already escaped, ``params`` as written (";TYPE=work")."""
    head = f"{group}.{name}" if group else name
    text = f"{head}{params}:{value}"
    return Prop(_folded(text), name.upper(), group.lower(), [], {}, value)


def _rewritten(prop: Prop, value: str, *, drop: re.Pattern | None = None) -> Prop:
    """``prop`` with a new value (escaped), its group and parameters kept (but those of
    an encoding: the new value is plain UTF-8), and ``drop``'s parameters left out."""
    head = _head(_unfolded(prop.lines))
    head = ENCODING_PARAMETERS.sub("", head)
    if drop is not None:
        head = drop.sub("", head)
    return Prop(_folded(f"{head}:{value}"), prop.name, prop.group, prop.types, prop.params, value)


def _head(line: str) -> str:
    """A property's name and parameters: its line up to the first colon outside quotes."""
    quoted = False
    for place, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:place]
    return line


def _day(day: Birthday, version: str) -> str:
    """A day as the card's version writes it: 1980-05-21 or --05-21 (3.0), 19800521 or
    --0521 (4.0)."""
    if version.startswith("4"):
        year = f"{day.year:04d}" if day.year else "--"
        return f"{year}{day.month:02d}{day.day:02d}"
    return cardfields.day_text(day)


# --- the edit -------------------------------------------------------------------------------

def edit(card_file: CardFile, have: Keyed, want: Keyed, region: str | None) -> list[str]:
    """Bring ``card_file`` from the fields it has to those wanted, rewriting only the
    properties of the fields that differ; the fields changed."""
    changed = cardfields.differing(have, want)
    editor = _Editor(card_file, region)
    done = set()
    for name in sorted(changed, key=EDIT_ORDER.index):
        one = ONE_PROPERTY.get(name, name)  # given and family names are both N
        if one not in done:
            done.add(one)
            editor.field(name, want)
    editor.done()
    return changed


class _Editor:
    def __init__(self, card_file: CardFile, region: str | None):
        self.card = card_file
        self.region = region
        self.added: list[Prop] = []
        self.removed: set[int] = set()  # ids of props taken away
        self.version = card_file.version
        self.labels = vcard.group_labels([prop.as_property() for prop in card_file.props])
        self.groups = {prop.group for prop in card_file.props if prop.group}

    # scalars

    def field(self, name: str, want: Keyed) -> None:
        value = want.values.get(name)
        if name in ("fn", "nickname", "title", "role", "note"):
            prop_name = {"fn": "FN", "nickname": "NICKNAME", "title": "TITLE", "role": "ROLE",
                         "note": "NOTE"}[name]
            self._text(prop_name, value)
        elif name in ("given", "family"):
            self._name(want.values["family"], want.values["given"])
        elif name in ("company", "department"):
            self._org(want.values["company"], want.values["department"])
        elif name == "birthday":
            self._yearly(lambda prop: prop.name == "BDAY", "BDAY", value)
        elif name == "anniversary":
            self._yearly(self._is_anniversary,
                         "ANNIVERSARY" if self.version.startswith("4") else "X-ANNIVERSARY", value)
        elif name == "tags":
            self._tags(list(want.items["tags"].values()))
        elif name in cardfields.METHOD_SETS:
            self._methods(cardfields.METHOD_SETS[name], want.items[name])
        elif name == "addresses":
            self._addresses(want.items["addresses"])

    def _props(self, test) -> list[Prop]:
        return [prop for prop in self.card.props
                if id(prop) not in self.removed and test(prop)]

    def _replace(self, prop: Prop, new: Prop) -> None:
        self.card.props[self.card.props.index(prop)] = new

    def _remove(self, prop: Prop) -> None:
        self.removed.add(id(prop))
        if prop.group and not self._props(lambda other: other.group == prop.group
                                          and other.name not in SATELLITES):
            for satellite in self._props(lambda other: other.group == prop.group):
                self.removed.add(id(satellite))

    def _set(self, name: str, value: str | None, new_value: str, *, drop=None,
             test=None) -> None:
        """The first property ``test`` finds (those named ``name``) takes ``new_value``
        and the others go; with no ``value``, they all go."""
        found = self._props(test or (lambda prop: prop.name == name))
        if not value:
            for prop in found:
                self._remove(prop)
            return
        if found:
            self._replace(found[0], _rewritten(found[0], new_value, drop=drop))
            for prop in found[1:]:
                self._remove(prop)
        else:
            self.added.append(_prop(name, new_value))

    def _text(self, name: str, value: str) -> None:
        self._set(name, value, _escaped(value or ""))

    def _name(self, family: str, given: str) -> None:
        found = self._props(lambda prop: prop.name == "N")
        if found:
            parts = ([part for part in re.split(r"(?<!\\);", found[0].value)] + [""] * 5)[:5]
            parts[0], parts[1] = _escaped(family), _escaped(given)
            self._replace(found[0], _rewritten(found[0], ";".join(parts)))
        elif family or given:
            self.added.append(_prop("N", f"{_escaped(family)};{_escaped(given)};;;"))

    def _org(self, company: str, department: str) -> None:
        value = _escaped(company) + (f";{_escaped(department)}" if department else "")
        self._set("ORG", company or department, value)

    def _is_anniversary(self, prop: Prop) -> bool:
        return prop.name in ANNIVERSARIES or (
            prop.name == "X-ABDATE" and self.labels.get(prop.group, "").lower() == "anniversary")

    def _yearly(self, test, name: str, day: Birthday | None) -> None:
        found = self._props(test)
        if day is None:
            for prop in found:
                self._remove(prop)
            return
        omitted = found[0].params.get("X-APPLE-OMIT-YEAR") if found else None
        text = _day(day, self.version)
        drop = re.compile(r";VALUE=[^;:]*", re.IGNORECASE)
        if omitted and not day.year:  # Apple's way of a day without a year, kept
            text = f"{omitted}-{day.month:02d}-{day.day:02d}"
        elif omitted:
            drop = re.compile(r";VALUE=[^;:]*|;X-APPLE-OMIT-YEAR=[^;:]*", re.IGNORECASE)
        if found:
            self._replace(found[0], _rewritten(found[0], text, drop=drop))
            for prop in found[1:]:
                self._remove(prop)
        else:
            self.added.append(_prop(name, text))

    def _tags(self, tags: list[str]) -> None:
        """CATEGORIES: the tags wanted, and the groups the import passes over (Google's
        "myContacts", which every contact is in) as they were."""
        found = self._props(lambda prop: prop.name == "CATEGORIES")
        kept = [text for prop in found for text in _categories(prop.value)
                if "".join(text.casefold().split()) in EVERYONE_GROUPS]
        values = [*kept, *tags]
        self._set("CATEGORIES", ",".join(values), ",".join(_escaped(v) for v in values))

    # sets of properties

    def _methods(self, kind: str, wanted: dict) -> None:
        names = {name for name, method_kind in vcard.METHOD_KINDS.items() if method_kind == kind}
        kept = set()
        for prop in self._props(lambda prop: prop.name in names):
            method = vcard.method_of(prop.name, prop.group, prop.types, prop.params, prop.value,
                                     self.labels)
            key = match_keys.match_key(kind, method.value, self.region) if method else None
            want = wanted.get(key)
            if want is not None and want.label == method.label:
                kept.add(key)
            else:
                self._remove(prop)
        for key, method in wanted.items():
            if key not in kept:
                self._labelled(METHOD_PROPERTY[kind], _uri(method.value), method.label)

    def _addresses(self, wanted: dict) -> None:
        kept = set()
        for prop in self._props(lambda prop: prop.name == "ADR"):
            address = vcard.address_of(prop.group, prop.types, prop.value, self.labels)
            key = writes.address_key(address) if address else None
            want = wanted.get(key)
            if want is not None and want.label == address.label:
                kept.add(key)
            else:
                self._remove(prop)
        for key, address in wanted.items():
            if key not in kept:
                parts = (address.po_box, address.extended, address.street, address.locality,
                         address.region, address.postal_code, address.country)
                self._labelled("ADR", ";".join(_escaped(part) for part in parts), address.label)

    def _labelled(self, name: str, value: str, label: str) -> None:
        """A new property with its label: as TYPE when the label is vCard's own words
        ("work", "home fax"), else in a group with an X-ABLabel, as Apple writes it."""
        words = label.split()
        if words and all(word in TYPE_WORDS for word in words):
            self.added.append(_prop(name, value, params=f";TYPE={','.join(words)}"))
        elif label:
            group = self._new_group()
            params = f";TYPE={TYPE_FOR_LABEL[label]}" if label in TYPE_FOR_LABEL else ""
            self.added.append(_prop(name, value, group=group, params=params))
            self.added.append(_prop("X-ABLabel", _escaped(label), group=group))
        else:
            self.added.append(_prop(name, value))

    def _new_group(self) -> str:
        number = 1
        while f"item{number}" in self.groups:
            number += 1
        self.groups.add(f"item{number}")
        return f"item{number}"

    def done(self) -> None:
        self.card.props = [prop for prop in self.card.props
                           if id(prop) not in self.removed] + self.added


def _categories(value: str) -> list[str]:
    return [vcard.text_value(part).strip()
            for part in re.split(r"(?<!\\),", value) if part.strip()]

