"""vCard 2.1, 3.0 and 4.0: one file of many cards, or a folder of .vcf files (a vdir).

vobject unfolds the lines (folding, quoted-printable soft breaks) and splits each into
name, parameters and value. Its full component tree is not built: that costs 0.35 ms a
card, most of the time of a 10,000-card import, and a bad card would end the whole file.
Cards are found here instead, so each is read on its own and a broken one is skipped
with the line it begins on.

What real exporters write is read as they write it: CR, CRLF, LF and the iPhone's
CR CR LF line ends; groups (``item1.EMAIL`` with Apple's ``item1.X-ABLabel``, even
``home.begin:vcard``); vCard 2.1's bare parameters and quoted-printable, with or without
a CHARSET; the anniversaries of Apple, Evolution and Outlook. What a card holds that has
no place in the garden (a photo, a key, a time zone) is counted, not kept.
"""

import io
import quopri
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from vobject.base import ParseError, getLogicalLines, parseLine
from vobject.icalendar import stringToTextValues

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.formats import VCARD_MET_ON, VCARD_MET_WHERE, VCARD_PAST_JOB
from netgarden_tui.garden.importing.drafts import (
    BadRecord, ContactDraft, Parsed, SkippedRecord, address, birthday, day, draft,
    method, read_text,
)
from netgarden_tui.store.records import PastJobRecord

VCARD_SUFFIXES = (".vcf", ".vcard")
# TYPE values that say nothing a person would call a label.
UNLABELLED_TYPES = {"internet", "pref", "voice", "x400", "x-internet", "postal", "parcel",
                    "dom", "intl", "msg", "uri"}
METHOD_KINDS = {"EMAIL": "email", "TEL": "phone", "URL": "url", "IMPP": "url",
                "X-SOCIALPROFILE": "url", "X-EVOLUTION-BLOG-URL": "url"}
# The label a property is, when its TYPE gives none: Evolution's blog is its own property.
METHOD_LABELS = {"X-EVOLUTION-BLOG-URL": "blog"}
# A type that another beside it already says: Apple writes its "iPhone" label as
# type=IPHONE;type=CELL, and the label a person knows is iPhone alone.
IMPLIED_TYPES = {"cell": "iphone"}
ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY")
# Android writes what vCard 2.1 has no property for as X-ANDROID-CUSTOM:mimetype;data1;
# data2;... (data2 is the type: an event of type 1 is an anniversary).
ANDROID_CUSTOM = "X-ANDROID-CUSTOM"
ANDROID_NICKNAME = "vnd.android.cursor.item/nickname"
ANDROID_EVENT, ANDROID_ANNIVERSARY = "vnd.android.cursor.item/contact_event", "1"
# Left out, and counted by these names in the report.
NOT_KEPT = {"PHOTO": "photo", "X-MS-CARDPICTURE": "photo", "LOGO": "logo", "SOUND": "sound",
            "KEY": "key"}
# Bookkeeping of the programs that write vCards: nothing a person would miss.
BOOKKEEPING = {
    "BEGIN", "END", "VERSION", "PRODID", "REV", "KIND", "SOURCE", "NAME", "PROFILE", "CLASS",
    "SORT-STRING", "MAILER", "LABEL", "CLIENTPIDMAP", "XML", "X-ABUID", "X-ABSHOWAS",
    "X-ABLABEL", "X-ABADR", "X-MOZILLA-HTML", "X-EVOLUTION-FILE-AS", "X-MS-OL-DESIGN",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME",
    "X-PHONETIC-MIDDLE-NAME", "X-ABORGANIZATION",
}
LINE_BREAK = re.compile(r"\r\r\n|\r\n|\n|\r")  # CR CR LF (iPhone) is one line end
CARD_EDGE = re.compile(r"(?:[A-Za-z0-9-]+\.)?(BEGIN|END)[ \t]*:[ \t]*VCARD", re.IGNORECASE)
ESCAPED = re.compile(r"\\(.)", re.DOTALL)
APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")  # X-ABLabel:_$!<HomePage>!$_


def parse_vcard_file(path: Path, *, file: str = "") -> Parsed:
    text, encoding = read_text(path)
    parsed = Parsed(encoding=encoding)
    parsed.records = list(parse_vcards(text, file=file, not_kept=parsed.not_kept))
    if not parsed.records and not file:
        raise InvalidInput(_nothing_in(path, text))
    return parsed


def _nothing_in(path: Path, text: str) -> str:
    if not text.strip("\ufeff \t\r\n"):
        return f"{path} is empty: nothing to import"
    return f"{path} is not a vCard file: it holds no BEGIN:VCARD"


def parse_vdir(folder: Path) -> Parsed:
    """Every .vcf file in a folder (khard and vdirsyncer keep one card per file)."""
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in VCARD_SUFFIXES)
    except OSError as error:
        raise InvalidInput(f"can't read {folder}: {error.strerror or error}") from None
    if not paths:
        raise InvalidInput(f"{folder} holds no .vcf files")
    parsed = Parsed()
    for path in paths:
        one = parse_vcard_file(path, file=path.name)
        parsed.records += one.records or [SkippedRecord(1, "no card in this file", file=path.name)]
        parsed.not_kept.update(one.not_kept)
        if one.encoding != "UTF-8":
            parsed.encoding = one.encoding
    return parsed


def parse_vcards(text: str, *, file: str = "",
                 not_kept: Counter | None = None) -> Iterator[ContactDraft | SkippedRecord]:
    """Each card of ``text``, in order; a card that cannot be read is skipped with why.

    ``not_kept`` counts what the cards hold that the garden does not keep.
    """
    start, card = 0, []  # the line the open card began on (0: none open), its lines
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        edge = CARD_EDGE.fullmatch(line.strip().lstrip("\ufeff"))
        if edge and edge[1].upper() == "BEGIN":
            if start:
                yield SkippedRecord(start, "card not finished (no END:VCARD)", file=file)
            start, card = number, []
        elif edge:
            if start:
                yield _card(card, start, file, not_kept if not_kept is not None else Counter())
            start, card = 0, []
        elif start:
            card.append(line)
    if start:
        yield SkippedRecord(start, "card cut short: the file ends inside it", file=file)


def _card(lines: list[str], start: int, file: str,
          not_kept: Counter) -> ContactDraft | SkippedRecord:
    try:
        return _draft(list(_properties(lines, start)), start, file, not_kept)
    except BadRecord as error:
        return SkippedRecord(start, str(error), file=file)


def _properties(lines: list[str], start: int):
    """(NAME, group, types, params, value) of each unfolded line, the value decoded.

    ``lines`` are the card's lines between BEGIN and END, which is on line ``start``.
    """
    for logical, offset in getLogicalLines(io.StringIO("\n".join(lines)), allowQP=True):
        try:
            yield read_property(logical)
        except ParseError:
            raise BadRecord(f"can't read line {start + _first_line(lines, offset)}: "
                            f"{logical[:40]!r}") from None


def read_property(logical: str) -> tuple[str, str, list[str], dict, str]:
    """(NAME, group, types, params, value) of one unfolded line, the value decoded (a
    quoted-printable one) but not unescaped; vobject's ParseError for a line that is not
    a property."""
    name, params, value, group = parseLine(logical)
    types, named = [], {}
    for key, *values in params:
        if not values:  # vCard 2.1: ";WORK;QUOTED-PRINTABLE"
            types.append(key.lower())
        elif key.upper() == "TYPE":
            types += [t.strip().lower() for value_ in values for t in value_.split(",")]
        else:
            named[key.upper()] = values[0]
    if "quoted-printable" in types or named.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
        value = _quoted_printable(value, named.get("CHARSET"))
    return name.upper(), (group or "").lower(), types, named, value


def _first_line(lines: list[str], offset: int) -> int:
    """Where a logical line begins among ``lines`` (1-based). vobject numbers a line that
    follows blank lines (Outlook's after a KEY, Android's after a PHOTO) as the last blank
    one: the line it means is the first with text from there."""
    number = max(offset, 1)
    while number < len(lines) and not lines[number - 1].strip():
        number += 1
    return number


def _quoted_printable(value: str, charset: str | None) -> str:
    """The decoded text: in the CHARSET given, else UTF-8 if it reads as such, else
    Windows-1252 (what vCard 2.1 writers without a CHARSET used)."""
    data = quopri.decodestring(value.encode("utf-8"))
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):  # an unknown name, or other bytes
                pass
    return data.decode("cp1252", errors="replace")


def _values(value: str, separator: str) -> list[str]:
    """A list or structured value, unescaped (a value without backslashes just splits)."""
    if "\\" not in value:
        return value.split(separator)
    return stringToTextValues(value, listSeparator=separator)


def _text(value: str) -> str:
    """A text value unescaped: ``\\n`` is a new line, ``\\,`` a comma."""
    if "\\" not in value:
        return value
    return ESCAPED.sub(lambda match: "\n" if match[1] in "nN" else match[1], value)


def _parts(value: str, count: int) -> list[str]:
    """A structured value's first ``count`` parts (N, ADR, ORG), each unescaped, padded."""
    return ([_text(part) for part in _raw_parts(value)] + [""] * count)[:count]


def _raw_parts(value: str) -> list[str]:
    return re.split(r"(?<!\\);", value)


def _label(types: list[str], group: str, labels: dict[str, str]) -> str:
    if group in labels:
        return labels[group]
    words = [t.removeprefix("x-") for t in types if t not in UNLABELLED_TYPES]
    words = [word for word in words if IMPLIED_TYPES.get(word) not in words]
    return " ".join(dict.fromkeys(word for word in words if word))


def group_labels(properties) -> dict[str, str]:
    """Apple's labels, by the group they name: ``item2.X-ABLabel:Studio``."""
    return {group: APPLE_LABEL.sub(r"\1", _text(value)).strip().lower()
            for key, group, _, _, value in properties if key == "X-ABLABEL" and group}


def method_of(key: str, group: str, types: list[str], params: dict, value: str,
              labels: dict[str, str]):
    """The way to reach someone a property of METHOD_KINDS holds, with its label; None
    when it is empty."""
    label = (_label(types, group, labels) or params.get("X-SERVICE-TYPE", "").lower()
             or METHOD_LABELS.get(key, ""))
    return method(METHOD_KINDS[key], _text(value), label)


def address_of(group: str, types: list[str], value: str, labels: dict[str, str]):
    """The postal address an ADR holds, with its label; None when it is empty."""
    po_box, extended, street, locality, region, postal_code, country = _parts(value, 7)
    return address(_label(types, group, labels), po_box=po_box, extended=extended,
                   street=street, locality=locality, region=region, postal_code=postal_code,
                   country=country)


def card_draft(properties, *, file: str = "") -> ContactDraft:
    """The draft one card's properties (read_property's) add up to; BadRecord for a card
    with nothing to name anyone by."""
    return _draft(list(properties), 1, file, Counter())


def text_value(value: str) -> str:
    """A text value unescaped: ``\\n`` is a new line, ``\\,`` a comma."""
    return _text(value)


class _Card:
    """What one card's properties add up to: draft() arguments, filled as they come."""

    def __init__(self, line: int, file: str, labels: dict[str, str], not_kept: Counter):
        self.fields = {"methods": [], "tags": [], "notes": [], "addresses": [],
                       "past_jobs": [], "line": line, "file": file}
        self.labels, self.not_kept = labels, not_kept
        self.printed_labels: list[tuple[str, str]] = []  # LABEL (label, text): if no ADR

    def add(self, key: str, group: str, types: list[str], params: dict, value: str) -> None:
        fields = self.fields
        if key in METHOD_KINDS:
            fields["methods"].append(method_of(key, group, types, params, value, self.labels))
        elif key == "FN":
            fields.setdefault("display_name", _text(value).strip())
        elif key == "N":
            self._name(value)
        elif key == "NICKNAME":
            fields.setdefault("nickname", ", ".join(_values(value, ",")))
        elif key == "ORG":
            company, *units = [part.strip() for part in _raw_parts(value)]
            fields.setdefault("company", _text(company))
            fields.setdefault("department", ", ".join(_text(u) for u in units if u))
        elif key == "TITLE":
            fields.setdefault("role", _text(value))
        elif key == "ROLE":
            fields.setdefault("function", _text(value))
        elif key == "ADR":
            self.fields["addresses"].append(address_of(group, types, value, self.labels))
        elif key == "LABEL":
            self.printed_labels.append((_label(types, group, self.labels), _text(value)))
        elif key == "BDAY":
            self._yearly("birthday", "Birthday", value, params)
        elif key in ANNIVERSARIES or (key == "X-ABDATE"
                                      and self.labels.get(group, "").lower() == "anniversary"):
            self._yearly("anniversary", "Anniversary", value, params)
        elif key == "CATEGORIES":
            fields["tags"] += _values(value, ",")
        elif key == "NOTE":
            fields["notes"].append(_text(value))
        elif key == "UID":
            fields.setdefault("external_uid", _text(value).strip())
        elif key in (VCARD_MET_WHERE, VCARD_MET_ON, VCARD_PAST_JOB):
            self._netgarden(key, value, params)
        elif key == ANDROID_CUSTOM:
            self._android(value)
        elif not value.strip():  # Evolution writes every field it has, empty ones too
            pass
        elif key in NOT_KEPT:
            self.not_kept[NOT_KEPT[key]] += 1
        elif key not in BOOKKEEPING:
            self.not_kept[key] += 1

    def _name(self, value: str) -> None:
        family, given, additional, prefix, suffix = _parts(value, 5)
        self.fields.setdefault("family_name", " ".join(family.split(",")))
        self.fields.setdefault("given_name", " ".join(given.split(",")))
        # Without an FN, the whole name as N spells it.
        whole = " ".join(" ".join(part.split(","))
                         for part in (prefix, given, additional, family, suffix))
        self.fields.setdefault("name_from_n", whole)

    def _yearly(self, name: str, title: str, value: str, params: dict) -> None:
        """A date (a year left out by Apple's X-APPLE-OMIT-YEAR too), else a line of the
        notes: "Birthday: circa 1980"."""
        text = _text(value).strip()
        omitted = params.get("X-APPLE-OMIT-YEAR")
        if omitted and text.startswith(omitted):
            text = "--" + text[len(omitted):].lstrip("-")
        try:
            if params.get("VALUE", "").lower() == "text":
                raise BadRecord(text)
            self.fields.setdefault(name, birthday(text))
        except BadRecord:
            self.fields["notes"].append(f"{title}: {text}")

    def _android(self, value: str) -> None:
        """A nickname or an anniversary that Android wrote its own way; other kinds (a
        relation, an event of another type) are counted as not kept."""
        kind, data, data_type = _parts(value, 3)
        if kind == ANDROID_NICKNAME and data.strip():
            self.fields.setdefault("nickname", data)
        elif kind == ANDROID_EVENT and data_type == ANDROID_ANNIVERSARY and data.strip():
            self._yearly("anniversary", "Anniversary", data, {})
        elif value.strip():
            self.not_kept[ANDROID_CUSTOM] += 1

    def _netgarden(self, key: str, value: str, params: dict) -> None:
        if key == VCARD_MET_WHERE:
            self.fields.setdefault("met_where", _text(value))
        elif key == VCARD_MET_ON:
            self.fields.setdefault("met_on", day(value, "the day you met"))
        else:
            company, department, role = _parts(value, 3)
            ended = params.get("X-ENDED")
            self.fields["past_jobs"].append(PastJobRecord(
                company, department, role, day(ended, "a past job's end") if ended else None))

    def draft(self) -> ContactDraft:
        fields = self.fields
        name_from_n = fields.pop("name_from_n", "")
        if not fields.get("display_name"):
            fields["display_name"] = name_from_n
        if not any(fields["addresses"]):
            fields["addresses"] = [address(label, street=text)
                                   for label, text in self.printed_labels]
        return draft(**fields)


def _draft(properties, line: int, file: str, not_kept: Counter) -> ContactDraft:
    card = _Card(line, file, group_labels(properties), Counter())
    for key, group, types, params, value in properties:
        card.add(key, group, types, params, value)
    result = card.draft()
    not_kept.update(card.not_kept)  # only for a card that is imported
    return result
