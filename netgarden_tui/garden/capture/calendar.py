"""Capturing the meetings held: .ics files and calendar folders (one event a file, as
vdirsyncer keeps them), read with icalendar, recurring events expanded with
recurring-ical-events.

An occurrence that is over, with a contact among its organizer and attendees (none of
whom declined it, nor you), is a touch with them: mutual, as long as it lasted, on
channel video when it carries a video link, else meeting; its summary is the note.
One to come within the look-ahead is kept as a meeting with each of them (the card shows
it, and Due the day before), until its file is read again.
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
    RACY_NS, CaptureReport, Progress, covers, email_key, existing_paths,
)
from netgarden_tui.store import database
from netgarden_tui.store import capture as store

# Where a video call's link is: Zoom, Google Meet, Teams, Jitsi, Webex.
VIDEO_LINK = re.compile(r"zoom\.us/|zoomgov\.com/|meet\.google\.com/|teams\.microsoft\.com/"
                        r"|teams\.live\.com/|meet\.jit\.si/|jitsi|webex\.com/", re.IGNORECASE)
LOOK_AHEAD_DAYS = 400  # how far ahead a file is looked into for when it next has news
_LINK_PROPERTIES = ("LOCATION", "URL", "DESCRIPTION", "CONFERENCE", "X-GOOGLE-CONFERENCE",
                    "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")


def capture_calendar(paths: Sequence[str | Path], settings: CaptureSettings, *,
                     me: Sequence[str] = (), since: pendulum.Date | None = None,
                     dry_run: bool = False, progress: Progress | None = None) -> CaptureReport:
    """Capture the meetings held in the .ics files under ``paths`` from ``since`` (a year
    ago unless told) until now; ``progress`` is told how far it has got."""
    started = time.perf_counter()
    mine = {email_key(address) for address in (*settings.me, *me)}
    roots = existing_paths(paths)
    files = _ics_files(roots)
    since = since or clock.today().subtract(years=1)
    report = CaptureReport("calendar", dry_run, since=since, progress=progress)
    with database.kept(not dry_run):
        occurrences = _read(files, since, mine, settings.look_ahead_days, report)
        store.forget_meetings_gone(roots, files)
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


def _read(files: Sequence[Path], since: pendulum.Date, mine: set[str], look_ahead_days: int,
          report: CaptureReport) -> list:
    """The occurrences over by now, from ``since`` on, of the files changed since the last
    run or with an occurrence ended since (or come within the look-ahead); cancelled ones
    and ones without attendees are counted in the report and left out. The meetings of
    each file read, to come within ``look_ahead_days``, are kept in the store."""
    now = clock.now()
    zone = now.timezone
    start = pendulum.datetime(since.year, since.month, since.day, tz=zone)
    horizon = now.add(days=LOOK_AHEAD_DAYS)
    ahead = timedelta(days=look_ahead_days)
    meetings: dict[str, list[store.Meeting]] = {}
    # recurring-ical-events does its arithmetic on the moments it is given: plain
    # datetimes, as pendulum's would take five times as long.
    window = (_plain(start), _plain(horizon))
    known = store.sources(str(path) for path in files)
    found: dict[str, _Occurrence] = {}
    noted = []
    now_ns = time.time_ns()
    for path in files:
        report.tell()
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
        # over, or comes within the look-ahead; a recurring event's with none in the
        # look-ahead, at its end.
        next_at = horizon if recurring else None
        meetings[str(path)] = []
        for event in occurrences:
            begins, ends = _moment(event.get("DTSTART"), zone), _end(event, zone)
            if begins is None or ends <= start:  # over before --since
                continue
            if ends > now:
                if begins - ahead > now:
                    next_at = min(next_at or horizon, pendulum.instance(begins - ahead))
                else:
                    next_at = min(next_at or ends, ends)
                    meetings[str(path)].extend(_meetings(event, begins, ends, mine))
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
    store.replace_meetings(meetings)
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


def _cancelled(event) -> bool:
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def _attendance(event) -> tuple[dict[str, str], set[str]] | None:
    """Who is in an event (address: name, its organizer among them) and who declined;
    None when it has no attendees."""
    attendees = _values(event.get("ATTENDEE"))
    if not attendees:
        return None
    people, declined = {}, set()
    for person, is_attendee in ((event.get("ORGANIZER"), False),
                                *((attendee, True) for attendee in attendees)):
        address = _address(person)
        if not address:
            continue
        if is_attendee and str(person.params.get("PARTSTAT", "")).upper() == "DECLINED":
            declined.add(address)
        else:
            people.setdefault(address, str(person.params.get("CN", "")))
    return people, declined


def _is_video(event) -> bool:
    return any(VIDEO_LINK.search(str(value)) for name in _LINK_PROPERTIES
               for value in _values(event.get(name)))


def _is_whole_day(event) -> bool:
    return not isinstance(getattr(event.get("DTSTART"), "dt", None), datetime)


def _summary(event) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split())


def _meetings(event, begins, ends, mine: set[str]) -> list["store.Meeting"]:
    """A meeting to come with each address in it but yours and those who declined;
    none when it is cancelled or you declined it."""
    attendance = None if _cancelled(event) else _attendance(event)
    if attendance is None or attendance[1] & mine:
        return []
    people, declined = attendance
    channel = "video" if _is_video(event) else "meeting"
    at, until = begins.astimezone(timezone.utc), ends.astimezone(timezone.utc)
    return [store.Meeting(address, pendulum.instance(at), pendulum.instance(until),
                          _is_whole_day(event), channel, _summary(event))
            for address in sorted(set(people) - declined - mine)]


def _occurrence(event, begins, ends, report: CaptureReport) -> _Occurrence | None:
    if _cancelled(event):
        report.skipped["cancelled"] += 1
        return None
    attendance = _attendance(event)
    if attendance is None:
        report.skipped["no_attendees"] += 1
        return None
    people, declined = attendance
    uid = str(event.get("UID", ""))
    recurrence = event.get("RECURRENCE-ID")
    which = _moment(recurrence, timezone.utc) if recurrence is not None else begins
    key = digest(f"event:{uid}|{which.astimezone(timezone.utc).isoformat()}")
    whole_day = _is_whole_day(event)
    at = begins + timedelta(hours=12) if whole_day else begins
    seconds = None if whole_day else max(0, int((ends - begins).total_seconds())) or None
    return _Occurrence(key, at.astimezone(timezone.utc), seconds, _summary(event),
                       _is_video(event), people, declined)


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
