"""What a capture did, in numbers and in words; what mail and calendar captures share."""

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.capture import mailfiles
from netgarden_tui.garden.dates import parse_moment
from netgarden_tui.store import match_keys

# A file or folder modified this recently may change again within the same clock tick as
# it is read: its stamp is not trusted, and the next run reads it again.
RACY_NS = 2_000_000_000

# Why a message or an event is no touch, in the order the report lists them.
SKIP_WORDS = {
    mailfiles.LIST: "from mailing lists or bulk senders",
    mailfiles.NO_REPLY: "from no-reply addresses",
    "crowd": "to more than {max_recipients} people",
    "unknown": "with no one in your garden",
    "shared": "with an address several contacts share",
    mailfiles.UNREADABLE_DATE: "with a date that can't be read",
    mailfiles.NO_SENDER: "without a sender that can be read",
    "future": "dated in the future",
    "old": "from before {since}",
    "cancelled": "cancelled",
    "declined": "declined",
    "no_attendees": "without attendees",
}


Progress = Callable[["CaptureReport"], None]


@dataclass
class CaptureReport:
    """What one capture did. Counts of messages (or event occurrences)."""

    kind: str  # "mail" or "calendar"
    dry_run: bool = False
    read: int = 0  # read now (their headers, or an occurrence of an event)
    already: int = 0  # captured before: in another folder, or by an earlier run
    items: Counter = field(default_factory=Counter)  # contact id -> messages (events) with them
    touches: Counter = field(default_factory=Counter)  # contact id -> new touches
    logged: int = 0  # new touches (a meeting with two contacts is one)
    names: dict[int, str] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    sources_read: int = 0
    sources_unchanged: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, why not read)
    seconds: float = 0.0
    max_recipients: int = 10
    since: pendulum.Date | None = None
    # Handed the report as it goes (``tell``): the app shows how far a capture has got.
    progress: Progress | None = field(default=None, repr=False)
    _told_at: float = field(default=0.0, repr=False)

    def tell(self) -> None:
        """Hand the counts so far to ``progress``, at most ten times a second."""
        if self.progress is not None and (now := time.perf_counter()) - self._told_at >= 0.1:
            self._told_at = now
            self.progress(self)


def progress_words(report: CaptureReport) -> str:
    """How far a capture has got: "Capturing mail: 12,000 messages read"."""
    if report.kind == "mail":
        return f"Capturing mail: {report.read:,} {_plural(report.read, 'message', 'messages')} read"
    files = report.sources_read + report.sources_unchanged
    return f"Capturing calendars: {files:,} {_plural(files, 'file', 'files')} looked at"


def summary(reports: Iterable[CaptureReport]) -> str:
    """A run's report in one line: "Captured 3 new touches with 2 people (mail: 40
    messages read; calendar: 12 events read)"."""
    reports = list(reports)
    logged = sum(report.logged for report in reports)
    people = len({contact_id for report in reports for contact_id, count in report.touches.items()
                  if count})
    parts = []
    for report in reports:
        noun = "message" if report.kind == "mail" else "event"
        parts.append(f"{report.kind}: {report.read:,} {_plural(report.read, noun, noun + 's')} read"
                     + (f", {len(report.problems)} not readable" if report.problems else ""))
    what = (f"Captured {logged} new {_plural(logged, 'touch', 'touches')} with {people} "
            f"{_plural(people, 'person', 'people')}" if logged else "Nothing new to capture")
    return f"{what} ({'; '.join(parts)})"


def skip_words(report: CaptureReport, reason: str) -> str:
    since = report.since.isoformat() if report.since else ""
    return SKIP_WORDS[reason].format(max_recipients=report.max_recipients, since=since)


def report_lines(report: CaptureReport) -> list[str]:
    """The report in words, a line each."""
    noun = "messages" if report.kind == "mail" else "events"
    read = report.sources_read
    sources = (f"{read} {_plural(read, 'folder or mbox file', 'folders and mbox files')}"
               if report.kind == "mail" else f"{read} {_plural(read, 'file', 'files')}")
    lines = [f"{report.kind.capitalize()}: read {report.read} "
             f"{_plural(report.read, noun[:-1], noun)} from {sources}"
             f" ({report.sources_unchanged} unchanged since the last run) in "
             f"{report.seconds:.1f} s" + (" (dry run: nothing was written)" if report.dry_run else "")]
    if report.already:
        lines.append(f"  {report.already} captured before")
    if report.items:
        items, people = sum(report.items.values()), len(report.items)
        lines.append(f"  {items} {_plural(items, noun[:-1], noun)} with {people} "
                     f"{_plural(people, 'contact', 'contacts')}: {report.logged} new "
                     f"{_plural(report.logged, 'touch', 'touches')}")
        for contact_id, count in sorted(report.items.items(),
                                        key=lambda item: (-item[1], report.names[item[0]])):
            touches = report.touches[contact_id]
            lines.append(f"    {report.names[contact_id]} (#{contact_id}): {count} "
                         f"{_plural(count, noun[:-1], noun)}, {touches} new "
                         f"{_plural(touches, 'touch', 'touches')}")
    else:
        lines.append("  no touches")
    if report.skipped:
        lines.append(f"  skipped {sum(report.skipped.values())}: " + ", ".join(
            f"{report.skipped[reason]} {skip_words(report, reason)}"
            for reason in SKIP_WORDS if report.skipped[reason]))
    lines.extend(f"  not read: {path}: {why}" for path, why in report.problems)
    return lines


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def existing_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The paths given, each one there (InvalidInput names the first that is not)."""
    found = []
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise InvalidInput(f"can't read {path}: no such file or folder")
        found.append(path)
    if not found:
        raise InvalidInput("nothing to read: name a folder or a file")
    return found


def parse_since(text: str) -> pendulum.Date:
    """--since: a day in words, today or before."""
    day = parse_moment(text).in_timezone(clock.now().timezone).date()
    if day > clock.today():
        raise InvalidInput(f'--since needs a day that has come ("{text}" is {day.isoformat()})')
    return day


def email_key(address: str) -> str:
    return match_keys.match_key("email", address, None)


def covers(read_since: pendulum.Date | None, since: pendulum.Date | None) -> bool:
    """Whether a read from ``read_since`` on saw all that a read from ``since`` on would."""
    return read_since is None or (since is not None and since >= read_since)
