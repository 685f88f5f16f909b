"""vCard 2.1, 3.0 and 4.0: one file of many cards, or a folder of .vcf files (a vdir).

vobject unfolds the lines (folding, quoted-printable soft breaks) and splits each into
name, parameters and value. Its full component tree is not built: that costs 0.35 ms a
card, most of the time of a 10,000-card import, and a bad card would end the whole file.
Cards are found here instead, so each is read on its own and a broken one is skipped
with its line number.
"""

import io
import quopri
import re
from collections.abc import Iterator
from pathlib import Path

from vobject.base import ParseError, getLogicalLines, parseLine
from vobject.icalendar import stringToTextValues

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.importing.drafts import (
    BadRecord, ContactDraft, Parsed, SkippedRecord, birthday, draft, method, read_text,
)

VCARD_SUFFIXES = (".vcf", ".vcard")
# TYPE values that say nothing a person would call a label.
UNLABELLED_TYPES = {"internet", "pref", "voice", "x400", "x-internet"}
METHOD_KINDS = {"EMAIL": "email", "TEL": "phone", "URL": "url"}
LINE_BREAK = re.compile(r"\r\n|\n|\r")
ESCAPED = re.compile(r"\\(.)", re.DOTALL)
APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")  # X-ABLabel:_$!<HomePage>!$_


def parse_vcard_file(path: Path, *, file: str = "") -> Parsed:
    return Parsed(list(parse_vcards(read_text(path), file=file)))


def parse_vdir(folder: Path) -> Parsed:
    """Every .vcf file in a folder (khard and vdirsyncer keep one card per file)."""
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in VCARD_SUFFIXES)
    except OSError as error:
        raise InvalidInput(f"can't read {folder}: {error.strerror or error}") from None
    if not paths:
        raise InvalidInput(f"{folder} holds no .vcf files")
    records = []
    for path in paths:
        records += parse_vcard_file(path, file=path.name).records
    return Parsed(records)


def parse_vcards(text: str, *, file: str = "") -> Iterator[ContactDraft | SkippedRecord]:
    """Each card of ``text``, in order; a card that cannot be read is skipped with why."""
    start, card = 0, []
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        keyword = line.rstrip().upper()
        if keyword == "BEGIN:VCARD":
            if card:
                yield SkippedRecord(start, "card not finished (no END:VCARD)", file=file)
            start, card = number, [line]
        elif card:
            card.append(line)
            if keyword == "END:VCARD":
                yield _card(card, start, file)
                card = []
    if card:
        yield SkippedRecord(start, "card cut short: the file ends inside it", file=file)


def _card(lines: list[str], start: int, file: str) -> ContactDraft | SkippedRecord:
    try:
        return _draft(list(_properties(lines, start)), start, file)
    except BadRecord as error:
        return SkippedRecord(start, str(error), file=file)


def _properties(lines: list[str], start: int):
    """(NAME, group, types, params, value) of each unfolded line, the value decoded."""
    for logical, offset in getLogicalLines(io.StringIO("\n".join(lines)), allowQP=True):
        try:
            name, params, value, group = parseLine(logical)
        except ParseError:
            raise BadRecord(f"can't read line {start + max(offset, 1) - 1}: "
                            f"{logical[:40]!r}") from None
        types, named = [], {}
        for key, *values in params:
            if not values:  # vCard 2.1: ";WORK;QUOTED-PRINTABLE"
                types.append(key.lower())
            elif key.upper() == "TYPE":
                types += [t.lower() for value_ in values for t in value_.split(",")]
            else:
                named[key.upper()] = values[0]
        if "quoted-printable" in types or named.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
            value = _quoted_printable(value, named.get("CHARSET", "utf-8"))
        yield name.upper(), (group or "").lower(), types, named, value


def _quoted_printable(value: str, charset: str) -> str:
    try:
        return quopri.decodestring(value.encode("utf-8")).decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        return quopri.decodestring(value.encode("utf-8")).decode("utf-8", errors="replace")


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


def _label(types: list[str], group: str, labels: dict[str, str]) -> str:
    if group in labels:
        return labels[group]
    return " ".join(t for t in types if t not in UNLABELLED_TYPES)


def _draft(properties, line: int, file: str) -> ContactDraft:
    labels = {group: APPLE_LABEL.sub(r"\1", _text(value))
              for key, group, _, _, value in properties if key == "X-ABLABEL" and group}
    fields = {"methods": [], "tags": [], "notes": [], "line": line, "file": file}
    for key, group, types, params, value in properties:
        if key in METHOD_KINDS:
            fields["methods"].append(
                method(METHOD_KINDS[key], _text(value), _label(types, group, labels)))
        elif key == "N":
            parts = [" ".join(p.split(",")) for p in _values(value, ";")] + [""] * 5
            fields.setdefault("family_name", parts[0])
            fields.setdefault("given_name", parts[1])
        elif key == "ORG":
            fields.setdefault("company", _values(value, ";")[0])
        elif key in ("TITLE", "ROLE"):
            fields.setdefault("role", _text(value))
        elif key == "BDAY":
            _birthday(fields, value, params)
        elif key == "CATEGORIES":
            fields["tags"] += _values(value, ",")
        elif key == "NOTE":
            fields["notes"].append(_text(value))
        elif key in ("FN", "NICKNAME", "UID"):
            name = {"FN": "display_name", "NICKNAME": "nickname", "UID": "external_uid"}[key]
            fields.setdefault(name, ", ".join(_values(value, ",")) if key == "NICKNAME"
                              else _text(value).strip())
    try:
        return draft(**fields)
    except BadRecord:
        raise BadRecord("no name (the card has neither FN nor N)") from None


def _birthday(fields: dict, value: str, params: dict) -> None:
    """A date (a year left out by Apple's X-APPLE-OMIT-YEAR too), or a line of the notes."""
    text = _text(value).strip()
    if "X-APPLE-OMIT-YEAR" in params and text.startswith(params["X-APPLE-OMIT-YEAR"]):
        text = "--" + text[len(params["X-APPLE-OMIT-YEAR"]):].lstrip("-")
    try:
        if params.get("VALUE", "").lower() == "text":
            raise BadRecord(text)
        fields.setdefault("birthday", birthday(text))
    except BadRecord:
        fields["notes"].append(f"Birthday: {text}")
