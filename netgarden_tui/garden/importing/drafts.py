"""What every import format is parsed into: plain drafts, or a skipped record and why.

Parsing never touches the garden; ``apply.py`` matches the drafts and writes them.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pendulum

from netgarden_tui.garden.actions import InvalidInput, parse_birthday
from netgarden_tui.store.records import Birthday, Method

# Ways people write a day in exports: LinkedIn's "14 Mar 2019", ISO, "Mar 14, 2019".
DAY_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d",
               "%Y%m%d")
LINE_ENDS = re.compile(r"\r\n?")
# Apple writes a birthday without a year as this year.
NO_YEAR = 1604


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
    role: str = ""
    birthday: Birthday | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    met_on: pendulum.Date | None = None
    met_where: str = ""
    external_uid: str = ""
    methods: tuple[Method, ...] = ()
    file: str = ""  # within a folder of vCards: which file


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


def one_line(text: str) -> str:
    """A name or a company: runs of whitespace (newlines too) become one space.

    Other control characters stay: they are data, and display escapes them.
    """
    return " ".join(text.split())


def draft(line: int, *, display_name: str = "", given_name: str = "", family_name: str = "",
          methods=(), tags=(), notes=(), **fields) -> ContactDraft:
    """A draft from a record's values: names tidied, empty methods and tags dropped.

    ``notes`` is a sequence of paragraphs. Without a display name, the given and family
    names make one; with no name at all the record is bad.
    """
    given_name, family_name = one_line(given_name), one_line(family_name)
    display_name = one_line(display_name) or one_line(f"{given_name} {family_name}")
    if not display_name:
        raise BadRecord("no name")
    if not given_name and not family_name:
        given_name, _, family_name = display_name.partition(" ")
    for name in ("nickname", "company", "role", "met_where"):
        fields[name] = one_line(fields.get(name, ""))
    return ContactDraft(
        line=line, display_name=display_name, given_name=given_name, family_name=family_name,
        methods=tuple(m for m in methods if m is not None),
        tags=tuple(dict.fromkeys(t for t in (one_line(tag) for tag in tags) if t)),
        notes="\n\n".join(LINE_ENDS.sub("\n", text).strip() for text in notes if text.strip()),
        **fields)


def method(kind: str, value: str, label: str = "") -> Method | None:
    """A way to reach someone, or None for an empty value (``tel:`` and ``mailto:`` dropped)."""
    value = value.strip()
    prefix = {"phone": "tel:", "email": "mailto:"}.get(kind)
    if prefix and value.lower().startswith(prefix):
        value = value[len(prefix):].strip()
    return Method(kind, value, one_line(label).lower()) if value else None


def method_key(kind: str, value: str) -> tuple[str, str]:
    """What makes two methods the same: an email's case, a phone's spacing and dashes, a
    link's scheme and "www." do not count."""
    text = value.strip().casefold()
    if kind == "phone":
        text = ("+" if text.startswith("+") else "") + re.sub(r"\D", "", text)
    elif kind == "url":
        text = re.sub(r"^[a-z]+://(www\.)?", "", text).rstrip("/")
    return kind, text


def day(text: str, what: str) -> pendulum.Date | None:
    """A day from an export's date column; None when empty."""
    text = text.strip()
    if not text:
        return None
    for pattern in DAY_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return pendulum.date(moment.year, moment.month, moment.day)
    raise BadRecord(f'can\'t read {what} "{text}" as a date')


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
    except InvalidInput:
        pass
    full = day(text, "birthday")  # "21 May 1986" and the like
    return Birthday(full.month, full.day, full.year)


def read_text(path: Path) -> str:
    """A file's text: UTF-8 with or without a BOM, UTF-16 with one, else Windows-1252."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"can't read {path}: {error.strerror or error}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
