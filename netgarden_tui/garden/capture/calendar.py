"""Capturing the meetings held: .ics files and calendar folders (one event a file, as
vdirsyncer keeps them), read with icalendar, recurring events expanded with
recurring-ical-events.

An occurrence that is over, with a contact among its organizer and attendees (none of
whom declined it, nor you), is a touch with them: mutual, as long as it lasted, on
channel video when it carries a video link, else meeting; its summary is the note.
"""

import re
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pendulum
import recurring_ical_events

from netgarden_tui import clock
from netgarden_tui.config import CaptureSettings
from netgarden_tui.garden.capture.mailfiles import digest
from netgarden_tui.garden.capture.report import (
    RACY_NS, CaptureReport, covers, email_key, existing_paths,
)
from netgarden_tui.store import capture as store

# Where a video call's link is: Zoom, Google Meet, Teams, Jitsi, Webex.
VIDEO_LINK = re.compile(r"zoom\.us/|zoomgov\.com/|meet\.google\.com/|teams\.microsoft\.com/"
                        r"|teams\.live\.com/|meet\.jit\.si/|jitsi|webex\.com/", re.IGNORECASE)
LOOK_AHEAD_DAYS = 400  # how far ahead a file is looked into for when it next has news
_LINK_PROPERTIES = ("LOCATION", "URL", "DESCRIPTION", "CONFERENCE", "X-GOOGLE-CONFERENCE",
                    "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")


def capture_calendar(paths: Sequence[str | Path], settings: CaptureSettings, *,
                     me: Sequence[str] = (), since: pendulum.Date | None = None,
                     dry_run: bool = False) -> CaptureReport:
    """Capture the meetings held in the .ics files under ``paths`` from ``since`` (a year
    ago unless told) until now."""
    started = time.perf_counter()
    mine = {email_key(address) for address in (*settings.me, *me)}
    files = _ics_files(existing_paths(paths))
    since = since or clock.today().subtract(years=1)
    report = CaptureReport("calendar", dry_run, since=since)
    with store.kept(not dry_run):
        occurrences = _read(files, since, report)
        _capture(occurrences, mine, settings, store.Run(), report)
    report.seconds = time.perf_counter() - started
    return report


def _ics_files(roots: Sequence[Path]) -> list[Path]:
    files = []
    for root in roots:
        files.extend(sorted(root.rglob("*.ics")) if root.is_dir() else [root])
    return list(dict.fromkeys(files))


class _Occurrence:
    """One occurrence of an event that is over, with what a touch needs of it."""

    __slots__ = ("key", "at", "seconds", "summary", "video", "people", "declined_by")

    def __init__(self, key, at, seconds, summary, video, people, declined_by):
        self.key, self.at, self.seconds, self.summary = key, at, seconds, summary
        self.video, self.people, self.declined_by = video, people, declined_by


def _read(files: Sequence[Path], since: pendulum.Date, report: CaptureReport) -> list:
    """The occurrences over by now, from ``since`` on, of the files changed since the last
    run or with an occurrence ended since; cancelled ones and ones without attendees are
    counted in the report and left out."""
    now = clock.now()
    zone = now.timezone
    start = pendulum.datetime(since.year, since.month, since.day, tz=zone)
    horizon = now.add(days=LOOK_AHEAD_DAYS)
    # recurring-ical-events does its arithmetic on the moments it is given: plain
    # datetimes, as pendulum's would take five times as long.
    window = (_plain(start), _plain(horizon))
    known = store.sources(str(path) for path in files)
    found: dict[str, _Occurrence] = {}
    noted = []
    now_ns = time.time_ns()
    for path in files:
        before = known.get(str(path))
        try:
            status = path.stat()
            stamp = f"{status.st_mtime_ns}:{status.st_size}"
            if (before is not None and before.stamp == stamp
                    and covers(before.since, since)
                    and (before.next_at is None or before.next_at > now)):
                report.sources_unchanged += 1
                continue
            raw = path.read_bytes()
        except OSError as error:
            report.problems.append((str(path), error.strerror or str(error)))
            continue
        report.sources_read += 1
        try:
            occurrences, recurring = [], False
            calendars = icalendar.Calendar.from_ical(raw, multiple=True)
            if not calendars:
                raise ValueError("no calendar in it (BEGIN:VCALENDAR ... END:VCALENDAR)")
            for calendar in calendars:
                events = calendar.walk("VEVENT")
                if any("RRULE" in event or "RDATE" in event for event in events):
                    recurring = True
                    occurrences.extend(recurring_ical_events.of(calendar, components=["VEVENT"])
                                       .between(*window))
                else:  # each event is its one occurrence
                    occurrences.extend(events)
        except Exception as error:  # noqa: BLE001 - any file, any flaw: say which and go on
            report.problems.append((str(path), _reason(error)))
            continue
        # When to read it again though it did not change: when its next occurrence is
        # over; a recurring event's with none in the look-ahead, at its end.
        next_at = horizon if recurring else None
        for event in occurrences:
            begins, ends = _moment(event.get("DTSTART"), zone), _end(event, zone)
            if begins is None or ends <= start:  # over before --since
                continue
            if ends > now:
                next_at = min(next_at or ends, ends)
                continue
            report.read += 1
            occurrence = _occurrence(event, begins, ends, report)
            if occurrence is None:
                continue
            if occurrence.key in found:
                report.already += 1
            else:
                found[occurrence.key] = occurrence
        trusted = now_ns - status.st_mtime_ns > RACY_NS
        noted.append(store.Source(None, stamp if trusted else None, since, next_at, str(path)))
    store.note_sources(noted)
    return sorted(found.values(), key=lambda occurrence: occurrence.at)


def _plain(moment: pendulum.DateTime) -> datetime:
    return datetime.fromtimestamp(moment.timestamp(), tz=timezone.utc)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _moment(prop, zone) -> datetime | None:
    """A DTSTART or DTEND as a moment: a floating time in the local zone, a whole day at
    its start. (The standard library's: pendulum's would take as long as the parsing.)"""
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    return None


def _end(event, zone) -> datetime | None:
    begins = _moment(event.get("DTSTART"), zone)
    ends = _moment(event.get("DTEND"), zone)
    if ends is None and begins is not None:
        duration = getattr(event.get("DURATION"), "dt", None)
        ends = begins + duration if isinstance(duration, timedelta) else begins
    return ends


def _occurrence(event, begins, ends, report: CaptureReport) -> _Occurrence | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        report.skipped["cancelled"] += 1
        return None
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees] if attendees else []
    if not attendees:
        report.skipped["no_attendees"] += 1
        return None
    people, declined = {}, set()
    organizer = event.get("ORGANIZER")
    for person, is_attendee in ((organizer, False), *((a, True) for a in attendees)):
        address = _address(person)
        if not address:
            continue
        if is_attendee and str(person.params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined.add(address)
        else:
            people.setdefault(address, str(person.params.get("CN", "")))
    uid = str(event.get("UID", ""))
    recurrence = event.get("RECURRENCE-ID")
    which = _moment(recurrence, timezone.utc) if recurrence is not None else begins
    key = digest(f"event:{uid}|{which.astimezone(timezone.utc).isoformat()}")
    whole_day = not isinstance(getattr(event.get("DTSTART"), "dt", None), datetime)
    at = begins + timedelta(hours=12) if whole_day else begins
    seconds = None if whole_day else max(0, int((ends - begins).total_seconds())) or None
    video = any(VIDEO_LINK.search(str(value)) for name in _LINK_PROPERTIES
                for value in _values(event.get(name)))
    summary = " ".join(str(event.get("SUMMARY", "")).split())
    return _Occurrence(key, at.astimezone(timezone.utc), seconds, summary, video, people,
                       declined)


def _values(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _address(person) -> str:
    """An organizer's or attendee's email in lower case ("" when it has none)."""
    if person is None:
        return ""
    value = str(person)
    if value.lower().startswith("mailto:"):
        value = value[7:]
    elif "@" not in value:
        value = str(person.params.get("EMAIL", ""))
    return email_key(value) if "@" in value else ""


def _capture(occurrences: list, mine: set[str], settings: CaptureSettings, run: store.Run,
             report: CaptureReport) -> None:
    before = store.seen(occurrence.key for occurrence in occurrences)
    fresh = [occurrence for occurrence in occurrences if occurrence.key not in before]
    report.already += len(occurrences) - len(fresh)
    owners = store.contacts_by_email(address for occurrence in fresh
                                     for address in (*occurrence.people, *occurrence.declined_by))
    touches, newest, remembered = [], {}, []
    for occurrence in fresh:
        if occurrence.declined_by & mine:
            report.skipped["declined"] += 1
            continue
        contacts = sorted({owners[address][0] for address in occurrence.people
                           if address not in mine and len(owners.get(address, ())) == 1})
        if not contacts:
            everyone = {address for address in occurrence.declined_by if address in owners}
            report.skipped["declined" if everyone else "unknown"] += 1
            continue
        channel = "video" if occurrence.video else "meeting"
        note = occurrence.summary if settings.subjects else ""
        at = pendulum.instance(occurrence.at)
        touches.append(store.NewTouch(tuple(contacts), at, channel, "mutual", note,
                                      duration_seconds=occurrence.seconds))
        remembered.append(occurrence.key)
        for contact_id in contacts:
            report.items[contact_id] += 1
            report.touches[contact_id] += 1
            newest[contact_id] = max(at, newest.get(contact_id, at))
    store.add_touches(touches, run)
    report.logged += len(touches)
    store.settle(newest)
    store.remember(remembered, run)
    report.names.update(store.contact_names(report.items))
