"""What every import format is parsed into: plain drafts, or a skipped record and why.

Parsing never touches the garden; ``apply.py`` matches the drafts and writes them.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pendulum

from netgarden_tui.garden.actions import InvalidInput, parse_birthday
from netgarden_tui.garden.dates import DateParseError, within_years
from netgarden_tui.store.records import Address, Birthday, Method, PastJobRecord

# Ways people write a day in exports: LinkedIn's "14 Mar 2019", ISO, "Mar 14, 2019".
DAY_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d",
               "%Y%m%d")
LINE_ENDS = re.compile(r"\r\r\n|\r\n|\r")  # as an editor counts them: CR CR LF is one
SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
NO_DAY = re.compile(r"0{1,2}/0{1,2}/0{2,4}")  # Outlook's CSV for a date it does not have
UNTIDY = re.compile(r"[\r\n\t]|  ")  # what one_line would change in a line
# Apple writes a birthday without a year as this year.
NO_YEAR = 1604
# Google's group of everyone (a CSV's "* myContacts", a vCard's CATEGORIES:myContacts):
# every contact is in it, so it tells nothing as a tag.
EVERYONE_GROUPS = {"mycontacts"}


class BadRecord(ValueError):
    """A record that cannot be imported; str() is the reason shown in the report."""


@dataclass(frozen=True)
class ContactDraft:
    """One contact as a file describes it, before it is matched with the garden."""

    line: int
    display_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    company: str = ""
    department: str = ""
    role: str = ""  # the job title
    function: str = ""  # a vCard's ROLE
    birthday: Birthday | None = None
    anniversary: Birthday | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    met_on: pendulum.Date | None = None
    met_where: str = ""
    external_uid: str = ""
    methods: tuple[Method, ...] = ()
    addresses: tuple[Address, ...] = ()
    past_jobs: tuple[PastJobRecord, ...] = ()  # netgarden's own vCards carry them
    file: str = ""  # within a folder of vCards: which file
    # Where a record without a name of its own was named from: "company", "email" or
    # "phone"; "" for a person's name. An email or phone says nothing about who it is.
    named_from: str = ""


@dataclass(frozen=True)
class SkippedRecord:
    line: int
    reason: str
    name: str = ""
    file: str = ""


@dataclass
class Parsed:
    """A parsed file: its records in order, and what it held that has no place here."""

    records: list[ContactDraft | SkippedRecord] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    not_kept: Counter = field(default_factory=Counter)  # "photo", "key", "GEO"... -> how many
    encoding: str = "UTF-8"  # what the file was read as


class Text(NamedTuple):
    """A file's text and the encoding it was read in."""

    text: str
    encoding: str


def one_line(text: str) -> str:
    """A name or a company: runs of whitespace (newlines too) become one space.

    Other control characters stay: they are data, and display escapes them.
    """
    return " ".join(text.split())


def draft(line: int, *, display_name: str = "", given_name: str = "", family_name: str = "",
          methods=(), tags=(), notes=(), addresses=(), **fields) -> ContactDraft:
    """A draft from a record's values: names tidied, empty methods, tags, addresses dropped.

    ``notes`` is a sequence of paragraphs. Without a display name, the given and family
    names make one; without those, the company, then the first email, then the first
    phone (``named_from`` says which). With none of these the record is bad. A display
    name alone is split into given and family names, unless it is the company's (a
    business card: Apple, Outlook and Google write the company as FN).
    """
    given_name, family_name = one_line(given_name), one_line(family_name)
    display_name = one_line(display_name) or one_line(f"{given_name} {family_name}")
    methods = tuple(m for m in methods if m is not None)
    for name in ("nickname", "company", "department", "role", "function", "met_where"):
        fields[name] = one_line(fields.get(name, ""))
    fields["past_jobs"] = tuple(fields.get("past_jobs", ()))
    named_from = ""
    if not display_name:
        display_name, named_from = _fallback_name(fields["company"], methods)
    elif not given_name and not family_name and not _is_company(display_name, fields):
        given_name, _, family_name = display_name.partition(" ")
    return ContactDraft(
        line=line, display_name=display_name, given_name=given_name, family_name=family_name,
        methods=methods, named_from=named_from,
        addresses=tuple(a for a in addresses if a is not None),
        tags=tuple(dict.fromkeys(t for t in (one_line(tag) for tag in tags)
                                 if t and not _is_everyone_group(t))),
        notes="\n\n".join(LINE_ENDS.sub("\n", text).strip() for text in notes if text.strip()),
        **fields)


def _is_everyone_group(tag: str) -> bool:
    return "".join(tag.casefold().split()) in EVERYONE_GROUPS  # "My Contacts" too


def _is_company(display_name: str, fields: dict) -> bool:
    return display_name.casefold() == fields["company"].casefold()


def _fallback_name(company: str, methods: tuple[Method, ...]) -> tuple[str, str]:
    """(name, where from) for a record with no name: its company, email or phone."""
    if company:
        return company, "company"
    for kind in ("email", "phone"):
        value = next((m.value for m in methods if m.kind == kind), "")
        if value:
            return one_line(value), kind
    raise BadRecord("no name, company, email or phone")


def address(label: str = "", **parts: str) -> Address | None:
    """A postal address from its parts (Address's fields), or None when all are empty.

    Each part keeps its line breaks (a street on two lines) and loses other runs of spaces.
    """
    tidy = {name: _lines(value) for name, value in parts.items() if value}
    if not any(tidy.values()):
        return None
    return Address(label=one_line(label).lower(), **tidy)


def _lines(text: str) -> str:
    """Text whose lines are each on one line, empty ones dropped (most are one already)."""
    if not UNTIDY.search(text) and text == text.strip():
        return text
    return "\n".join(one_line(line) for line in LINE_ENDS.sub("\n", text).split("\n")
                     if line.strip())


def method(kind: str, value: str, label: str = "") -> Method | None:
    """A way to reach someone, or None for an empty value (``tel:`` and ``mailto:`` dropped)."""
    value = value.strip()
    prefix = {"phone": "tel:", "email": "mailto:"}.get(kind)
    if prefix and value.lower().startswith(prefix):
        value = value[len(prefix):].strip()
    return Method(kind, value, one_line(label).lower()) if value else None


def day(text: str, what: str) -> pendulum.Date | None:
    """A day from an export's date column; None when empty (or Outlook's ``0/0/00``).

    A day written with slashes is read only when it tells which part is the month: 3/14
    or 14/3, not 3/4 (Outlook writes the order of the machine that exported it).
    """
    text = text.strip()
    if not text or NO_DAY.fullmatch(text):
        return None
    slashed = SLASHED_DAY.fullmatch(text)
    if slashed:
        return _in_years(_slashed_day(*(int(part) for part in slashed.groups()), text, what),
                         text)
    for pattern in DAY_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return _in_years(pendulum.date(moment.year, moment.month, moment.day), text)
    raise BadRecord(f'can\'t read {what} "{text}" as a date')


def _in_years(found: pendulum.Date, text: str) -> pendulum.Date:
    try:
        return within_years(found, text)
    except DateParseError as error:
        raise BadRecord(str(error)) from None


def _slashed_day(first: int, second: int, year: int, text: str, what: str) -> pendulum.Date:
    if first > 12 >= second or first == second:
        day_, month = first, second
    elif second > 12 >= first:
        month, day_ = first, second
    else:
        raise BadRecord(f'can\'t tell the month of {what} "{text}"')
    try:
        return pendulum.date(year, month, day_)
    except ValueError:
        raise BadRecord(f'can\'t read {what} "{text}" as a date') from None


def birthday(text: str) -> Birthday | None:
    """A birthday with or without a year (``--MM-DD``, ``--MMDD``, ``YYYYMMDD`` too)."""
    text = text.strip()
    if not text:
        return None
    compact = re.fullmatch(r"(\d{4}|-)-?(\d\d)-?(\d\d)(T.*)?", text)
    if compact:
        year, month, days = compact.group(1, 2, 3)
        text = f"{month}-{days}" if year in ("-", str(NO_YEAR)) else f"{year}-{month}-{days}"
    try:
        return parse_birthday(text)
    except DateParseError as error:  # a day, but not in the years a garden keeps
        raise BadRecord(str(error)) from None
    except InvalidInput:
        pass
    full = day(text, "birthday")  # "21 May 1986" and the like
    return Birthday(full.month, full.day, full.year) if full else None


def read_text(path: Path) -> Text:
    """A file's text, and the encoding it was in (see ``decode``)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"can't read {path}: {error.strerror or error}") from None
    return decode(data)


def decode(data: bytes) -> Text:
    """Bytes as text: UTF-16 (with a BOM, or told by its zero bytes), UTF-8 with or
    without a BOM, else Windows-1252, else Latin-1 (which reads any byte)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Text(data.decode("utf-16", errors="replace"), "UTF-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Text(data.decode(utf16, errors="replace"), "UTF-16")
    try:
        return Text(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return Text(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, ...)
        return Text(data.decode("latin-1"), "Latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "-be" when every other byte of the start is zero (ASCII in UTF-16)."""
    head = data[:512]
    if len(head) < 8 or b"\x00" not in head:
        return None
    for codec, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= len(zeros) * 0.9:
            return codec
    return None
