"""Leaving with everything: the garden as JSON, vCards, CSV or a calendar; JSON back in.

JSON is the whole garden, every table but the undo journal and the search index, as stored,
in netgarden's own format (store/json_dump.py says what it looks like), and imports back
into an empty garden losslessly.

vCard, CSV and the calendar are for other programs and are one-way. Each exporter writes
to an open text stream and returns how many things it wrote; ``write_privately`` gives
them a file that appears whole or not at all, readable by its owner only.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import pendulum

from netgarden_tui import clock
from netgarden_tui.files import sync_folder
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.card import address_words, job_words
from netgarden_tui.garden.formats import (
    EXPORT_FORMATS, FORMULA_STARTS, VCARD_MET_ON, VCARD_MET_WHERE, VCARD_PAST_JOB,
)
from netgarden_tui.store import dump, json_dump, queries, writes
from netgarden_tui.store.records import Birthday, ContactCard

if TYPE_CHECKING:  # loaded for real only when a calendar is written
    import icalendar

FORMATS = EXPORT_FORMATS
CALENDAR_DOMAIN = "netgarden"
PRODUCT_ID = "-//netgarden//netgarden export//EN"
# Labels that are vCard TYPE words, and one that means a TYPE spelled otherwise.
VCARD_TYPE_WORDS = {"home", "work", "cell", "voice", "fax", "text", "pager", "video",
                    "textphone"}
VCARD_TYPES = {"mobile": "cell"}
VCARD_PROPERTIES = {"email": "email", "phone": "tel", "url": "url"}
ESCAPES = re.compile(r"[\\;,\n]")

T = TypeVar("T")
Progress = Callable[[float], None]


# --- files ---------------------------------------------------------------------------------

def write_privately(path: Path, write: Callable[[TextIO], T]) -> T:
    """Run ``write`` on a temporary file beside ``path``, then move it into place (0600).

    The file appears whole or not at all: if ``write`` fails, an older file at ``path`` is
    left as it was. InvalidInput (one line) when the file cannot be written.
    """
    path = Path(path)
    try:
        # mkstemp creates the file 0600 in the same folder, so os.replace is a rename.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".part")
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
        raise
    sync_folder(path.parent)
    return result


def export(format_name: str, out: TextIO) -> int:
    """Write the garden to ``out`` in one of FORMATS; how many contacts or events."""
    exporters = {"json": export_json, "vcard": export_vcard, "csv": export_csv,
                 "ics": export_ics}
    if format_name not in exporters:
        raise InvalidInput(f"unknown export format {format_name!r} (one of {', '.join(FORMATS)})")
    return exporters[format_name](out)


# --- JSON ----------------------------------------------------------------------------------

def export_json(out: TextIO, *, progress: Progress | None = None) -> int:
    """Every table of the garden, as stored (store/json_dump.py); returns how many
    contacts. ``progress`` hears a fraction after each table."""
    return json_dump.write(out, progress=progress).get("contact", 0)


@dataclass(frozen=True)
class JsonImportReport:
    """What a JSON import did, with the counts every import reports (by contact)."""

    created: int
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # every table's rows loaded


def import_json(path: Path, *, dry_run: bool = False) -> JsonImportReport:
    """Load a netgarden JSON export into this EMPTY garden, ids and all, in one transaction.

    A whole garden cannot be merged into another without renumbering everything, so a
    garden with contacts (or touches, tags...) is refused: InvalidInput("JSON import
    needs an empty garden"). The settings and circles opening a garden writes give way to
    the file's. ``dry_run`` checks the file and the garden and counts, writing nothing.
    An export of an empty garden imports anywhere, as nothing.
    """
    try:
        tables = json_dump.read(Path(path)).tables
    except dump.DumpError as error:
        raise InvalidInput(str(error)) from None
    if not any(table.rows for name, table in tables.items() if name not in dump.OPENING_TABLES):
        return JsonImportReport(created=0)  # an empty garden's export: nothing to bring in
    if not dump.is_empty():
        raise InvalidInput("JSON import needs an empty garden")
    if dry_run:
        counts = {name: len(table.rows) for name, table in tables.items()}
    else:
        try:
            counts = dump.load_tables(tables)
        except dump.DumpError as error:
            raise InvalidInput(f"{path}: {error}") from None
    return JsonImportReport(created=counts.get("contact", 0), rows=counts)


# --- whole contacts ----------------------------------------------------------------------------

def _cards(*, include_archived: bool = False) -> Iterator[ContactCard]:
    stored = queries.setting(writes.DEFAULT_CADENCE_KEY)
    default = int(stored) if stored else 60
    return dump.contact_cards(default_cadence=default, include_archived=include_archived)


def _contact_uid(card: ContactCard) -> str:
    return contact_uid(card.id, card.created_at)


def contact_uid(contact_id: int, created_at) -> str:
    """A UID that stays the same export after export (and sync after sync): the contact's
    id and when it was added."""
    stamp = created_at.strftime("%Y%m%dT%H%M%S")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'netgarden:contact:{contact_id}:{stamp}')}"


# --- vCard -----------------------------------------------------------------------------------

def export_vcard(out: TextIO) -> int:
    """A vCard 4.0 per active contact, one file of cards; returns how many.

    The UID is the one a contact was imported with, else one made from its id and when it
    was added, so importing the file again updates the same contacts.
    """
    uids = dump.external_uids()
    count = 0
    for card in _cards():
        out.write(vcard(card, uids.get(card.id)).serialize())
        count += 1
    return count


def vcard(card: ContactCard, external_uid: str | None = None):
    """One contact as a vobject vCard 4.0 (vobject escapes commas, semicolons, newlines).

    Every field comes back in on a re-import (vcard.py reads it): a label that is not a
    vCard TYPE goes in Apple's way, a group with an X-ABLabel, which Apple's and Google's
    address books show too; the work history and where you met, which vCard has no
    property for, in X-NETGARDEN- properties that other programs pass over.
    """
    import vobject  # loaded only when vCards are written

    v = vobject.vCard()
    v.add("version").value = "4.0"
    v.add("uid").value = external_uid or _contact_uid(card)
    v.add("fn").value = card.display_name
    v.add("n").value = vobject.vcard.Name(family=card.family_name, given=card.given_name)
    if card.nickname:
        v.add("nickname").value = card.nickname
    groups = itertools.count(1)
    for method in card.methods:
        _labelled(v, VCARD_PROPERTIES[method.kind], method.value, method.label, groups)
    for address in card.addresses:
        value = vobject.vcard.Address(
            box=address.po_box, extended=address.extended, street=address.street,
            city=address.locality, region=address.region, code=address.postal_code,
            country=address.country)
        _labelled(v, "adr", value, address.label, groups)
    if card.company or card.department:
        v.add("org").value = [card.company, card.department] if card.department else [card.company]
    if card.role:
        v.add("title").value = card.role
    if card.function:
        v.add("role").value = card.function
    if card.birthday:
        v.add("bday").value = _vcard_day(card.birthday)
    if card.anniversary:
        v.add("anniversary").value = _vcard_day(card.anniversary)
    if card.notes:
        v.add("note").value = card.notes
    if card.tags:
        v.add("categories").value = list(card.tags)
    if card.met_where:
        v.add(VCARD_MET_WHERE).value = card.met_where
    if card.met_on:
        v.add(VCARD_MET_ON).value = card.met_on.isoformat()
    for job in card.past_jobs:
        line = v.add(VCARD_PAST_JOB)
        line.value = _structured((job.company, job.department, job.role))
        line.encoded = True  # escaped here: a structured value vobject does not know
        if job.ended_on:
            line.params["X-ENDED"] = [job.ended_on.isoformat()]
    return v


def _labelled(v, name: str, value, label: str, groups) -> None:
    """A property with its label: as TYPE when the label is vCard's own words ("work",
    "home fax"), else in a group with an X-ABLabel (and TYPE=cell for a "mobile")."""
    line = v.add(name)
    line.value = value
    words = label.split()
    if words and all(word in VCARD_TYPE_WORDS for word in words):
        line.params["TYPE"] = words
    elif label:
        line.group = f"item{next(groups)}"
        if label in VCARD_TYPES:
            line.params["TYPE"] = [VCARD_TYPES[label]]
        v.add("x-ablabel", group=line.group).value = label


def _structured(parts) -> str:
    """Parts of a structured value, each escaped, joined by semicolons."""
    def escaped(match) -> str:
        return "\\n" if match[0] == "\n" else "\\" + match[0]

    return ";".join(ESCAPES.sub(escaped, part) for part in parts)


def _vcard_day(day: Birthday) -> str:
    """``YYYYMMDD``, or ``--MMDD`` without a year (vCard 4.0's reduced date)."""
    year = f"{day.year:04d}" if day.year else "--"
    return f"{year}{day.month:02d}{day.day:02d}"


# --- CSV -------------------------------------------------------------------------------------

CSV_HEADER = ("Name", "Given Name", "Family Name", "Nickname", "E-mail", "Phone", "URL",
              "Company", "Department", "Role", "Function", "Addresses", "Circle", "Tags",
              "Birthday", "Anniversary", "Notes", "Past Jobs", "Last Touch", "Next Due",
              "Archived")
LIST_SEPARATOR = "; "


def export_csv(out: TextIO) -> int:
    """One row per contact, archived ones too (marked); returns how many rows.

    Several e-mails (phones, URLs, tags) share a cell, separated by "; ". A cell a
    spreadsheet would take for a formula starts with an apostrophe instead.
    """
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    count = 0
    for card in _cards(include_archived=True):
        writer.writerow([inert(cell) for cell in _csv_row(card)])
        count += 1
    return count


def _csv_row(card: ContactCard) -> list[str]:
    def methods(kind: str) -> str:
        return LIST_SEPARATOR.join(m.value for m in card.methods if m.kind == kind)

    addresses = LIST_SEPARATOR.join(
        (f"{a.label}: " if a.label else "") + address_words(a) for a in card.addresses)
    past_jobs = LIST_SEPARATOR.join(job_words(j.company, j.department, j.role)
                                    for j in reversed(card.past_jobs))
    last_touch = (card.last_touch_at.in_timezone(clock.now().timezone).strftime("%Y-%m-%d %H:%M")
                  if card.last_touch_at else "")
    return [card.display_name, card.given_name, card.family_name, card.nickname,
            methods("email"), methods("phone"), methods("url"), card.company, card.department,
            card.role, card.function, addresses, card.circle or "", LIST_SEPARATOR.join(card.tags),
            _csv_day(card.birthday), _csv_day(card.anniversary), card.notes, past_jobs,
            last_touch, card.next_due.isoformat() if card.next_due else "",
            "yes" if card.archived else ""]


def _csv_day(day: Birthday | None) -> str:
    """YYYY-MM-DD, or MM-DD without a year (as `netgarden add` takes a birthday)."""
    if day is None:
        return ""
    year = f"{day.year:04d}-" if day.year else ""
    return f"{year}{day.month:02d}-{day.day:02d}"


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as typed: a leading apostrophe before a formula starter."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


# --- calendar ----------------------------------------------------------------------------------

def export_ics(out: TextIO) -> int:
    """Birthdays and anniversaries as yearly all-day events and open follow-ups as all-day
    events on their day, for active contacts; returns how many events.

    29 February repeats on the last day of February (BYMONTHDAY=-1), so it shows on the
    28th in other years instead of vanishing.
    """
    import icalendar  # loaded only when a calendar is written

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "netgarden")
    stamp = clock.utcnow()
    count = 0
    for card in _cards():
        events = [_yearly_event(card, kind, day, stamp)
                  for kind, day in (("birthday", card.birthday), ("anniversary", card.anniversary))
                  if day]
        events += [_follow_up_event(card, follow_up, stamp) for follow_up in card.follow_ups]
        for event in events:
            calendar.add_component(event)
        count += len(events)
    out.write(calendar.to_ical().decode("utf-8"))
    return count


def _all_day_event(uid: str, day: pendulum.Date, summary: str, stamp) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    event.add("uid", f"{uid}@{CALENDAR_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day.add(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
    return event


def _yearly_event(card: ContactCard, kind: str, day: Birthday, stamp) -> icalendar.Event:
    """A birthday or an anniversary, every year."""
    leap_day = (day.month, day.day) == (2, 29)
    # Starts in the year it began when known; else this year (a leap year for 29 Feb,
    # so the first event is on the day itself).
    year = day.year or clock.today().year
    while leap_day and not pendulum.Date(year, 1, 1).is_leap_year():
        year -= 1
    event = _all_day_event(f"{kind}-{card.id}", pendulum.Date(year, day.month, day.day),
                           f"{kind.capitalize()}: {card.display_name}", stamp)
    rule = {"freq": "yearly"}
    if leap_day:
        rule.update(bymonth=2, bymonthday=-1)
    event.add("rrule", rule)
    return event


def _follow_up_event(card: ContactCard, follow_up, stamp) -> icalendar.Event:
    what = f": {follow_up.what}" if follow_up.what else ""
    return _all_day_event(f"follow-up-{follow_up.id}", follow_up.due_on,
                          f"Follow up with {card.display_name}{what}", stamp)
