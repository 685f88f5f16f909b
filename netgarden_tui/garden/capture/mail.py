"""Capturing mail: a touch with each contact a message went to or came from.

One touch per thread per day per person ("3 emails: Lunch?"), ``out`` when you wrote,
``in`` when they did, ``mutual`` when both did. Your outreach waits for a reply as one
logged by hand does, until mail from them (or a talk) answers it, so "no reply yet" and
the one-sided rule come from the mail itself. Lists, bulk, no-reply senders and crowds are
no touches; mail with people not in the garden is counted by address (``suggest``).
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import CaptureSettings
from netgarden_tui.garden.actions import FUTURE_SLACK_MINUTES, InvalidInput
from netgarden_tui.garden.capture import mailfiles
from netgarden_tui.garden.capture.report import (
    RACY_NS, CaptureReport, Progress, covers, email_key, existing_paths,
)
from netgarden_tui.store import database
from netgarden_tui.store import capture as store
from netgarden_tui.vocabulary import AWAITING_CHANNELS


def capture_mail(paths: Sequence[str | Path], settings: CaptureSettings, *,
                 me: Sequence[str] = (), since: pendulum.Date | None = None,
                 dry_run: bool = False, progress: Progress | None = None) -> CaptureReport:
    """Capture the touches in the mail under ``paths`` (Maildir folders, mbox files), as
    the one whose addresses are ``me`` and the config's ``[capture] me``; ``progress`` is
    told how far it has got as it reads."""
    started = time.perf_counter()
    mine = {email_key(address) for address in (*settings.me, *me)}
    if not mine:
        raise InvalidInput("capture needs your own addresses to tell who wrote: "
                           "--me ADDRESS, or me = [...] in the config's [capture]")
    roots = existing_paths(paths)
    report = CaptureReport("mail", dry_run, max_recipients=settings.max_recipients, since=since,
                           progress=progress)
    with database.kept(not dry_run):
        run = store.Run()
        messages = _read_mail(roots, since, run, report)
        _capture_messages(messages, mine, settings, run, report)
    report.seconds = time.perf_counter() - started
    return report


def _read_mail(roots: Sequence[Path], since: pendulum.Date | None, run: store.Run,
               report: CaptureReport) -> list[mailfiles.Mail]:
    """Every message new since the last run under these roots, each once; what was
    skipped is counted in the report."""
    found = [source for root in roots for source in mailfiles.sources(root)]
    known = store.sources(str(source.path) for source in found)
    now_ns = time.time_ns()
    messages: dict[str, mailfiles.Mail] = {}
    later = set()  # sources with mail dated in the future: read again next time
    latest, zone = clock.now().add(minutes=FUTURE_SLACK_MINUTES), clock.now().timezone

    def take(read, path: str) -> bool:
        """Count one message read; whether it was considered (not left for an earlier
        --since)."""
        report.read += 1
        report.tell()
        if isinstance(read, mailfiles.Skipped):
            report.skipped[read.reason] += 1
            return True
        if read.at > latest:
            report.skipped["future"] += 1
            later.add(path)
            return False
        if since is not None and read.at.astimezone(zone).date() < since:
            report.skipped["old"] += 1
            return False
        if read.key in messages:
            report.already += 1  # the same message in two folders
        else:
            messages[read.key] = read
        return True

    for root in roots:
        if not root.is_dir() and not mailfiles.is_mbox(root):
            report.problems.append((str(root), 'not an mbox file (it does not begin "From ")'))
        elif not any(source.path == root or root in source.path.parents for source in found):
            report.problems.append((str(root), "no Maildir folder (cur/, new/) or mbox file in it"))
    for source in dict.fromkeys(found):
        path = str(source.path)
        if source.kind == "mbox" and not mailfiles.is_mbox(source.path):
            continue  # said above
        before = known.get(path)
        try:
            if source.kind == "maildir":
                stamp, newest_ns = mailfiles.maildir_stamp(source.path)
            else:
                stamp, newest_ns = mailfiles.mbox_stamp(source.path)
        except OSError as error:
            report.problems.append((path, error.strerror or str(error)))
            continue
        if before is not None and before.stamp == stamp and covers(before.since, since):
            report.sources_unchanged += 1
            continue
        report.sources_read += 1
        try:
            if source.kind == "maildir":
                source_id = before.id if before is not None else store.note_source(
                    path, stamp=None, since=since)
                _read_maildir(source.path, source_id, run, lambda read: take(read, path))
            else:
                for read in mailfiles.mbox_messages(source.path):
                    take(read, path)
        except (OSError, ValueError) as error:  # unreadable, or not mail after all
            report.problems.append((path, getattr(error, "strerror", None) or str(error)))
            continue
        trusted = now_ns - newest_ns > RACY_NS and path not in later
        store.note_source(path, stamp=stamp if trusted else None, since=since)
    return sorted(messages.values(), key=lambda read: read.at)


def _read_maildir(folder: Path, source_id: int, run: store.Run, take: Callable) -> None:
    """Read the message files of a Maildir folder not read before (by their unique names:
    flags and the move from new/ to cur/ change the rest)."""
    files = mailfiles.maildir_files(folder)
    names = set(files)
    had = store.file_names(source_id)
    read = []
    for name, message in mailfiles.maildir_messages(files, sorted(names - had)):
        if message is not None and take(message):
            read.append(name)
    store.note_files(source_id, run, read, gone=had - names)


@dataclass
class _Thread:
    """The messages of one thread with one contact on one day."""

    at: datetime  # its newest message's
    subject: str
    sent: int = 0
    received: int = 0


def _capture_messages(messages: Sequence[mailfiles.Mail], mine: set[str],
                      settings: CaptureSettings, run: store.Run, report: CaptureReport) -> None:
    before = store.seen(read.key for read in messages)
    fresh = [read for read in messages if read.key not in before]
    report.already += len(messages) - len(fresh)
    owners = store.contacts_by_email(
        address for read in fresh for address, _ in (read.sender, *read.recipients))
    zone = clock.now().timezone
    # A reply whose References lost the thread's first message (some programs keep only
    # the one it answers) is in the thread of the message it answers, when that is here.
    thread_of: dict[str, str] = {}
    for read in messages:
        thread_of[read.key] = thread_of.get(read.parent, read.thread)
    threads: dict[tuple[str, pendulum.Date, int], _Thread] = {}
    unknown: dict[str, list] = {}
    remembered = []
    for read in fresh:
        sent = read.sender[0] in mine
        others = [person for person in (read.recipients if sent else (read.sender,))
                  if person[0] not in mine]
        if len(read.recipients) > settings.max_recipients:
            report.skipped["crowd"] += 1
            continue
        people, shared = set(), False
        for address, name in others:
            holders = owners.get(address, [])
            if len(holders) == 1:
                people.add(holders[0])
            elif holders:
                shared = True
            else:
                counts = unknown.setdefault(address, [name, 0, 0, read.at])
                counts[0] = name or counts[0]
                counts[1 if sent else 2] += 1
                counts[3] = max(counts[3], read.at)
        remembered.append(read.key)
        if not people:
            report.skipped["shared" if shared else "unknown"] += 1
            continue
        day, thread_key = read.at.astimezone(zone).date(), thread_of[read.key]
        for contact_id in people:
            thread = threads.get((thread_key, day, contact_id))
            if thread is None:
                thread = threads[thread_key, day, contact_id] = _Thread(read.at, read.subject)
            thread.at = max(thread.at, read.at)
            if sent:
                thread.sent += 1
            else:
                thread.received += 1
            report.items[contact_id] += 1
    _write_threads(threads, settings, run, report)
    store.count_unknown(store.UnknownAddress(address, name, sent, received, last_at)
                       for address, (name, sent, received, last_at) in unknown.items())
    store.remember(remembered, run)


def _write_threads(threads: dict, settings: CaptureSettings, run: store.Run,
                   report: CaptureReport) -> None:
    """New touches, and mail joining touches captured before; then what a touch does."""
    earlier = store.mail_threads(threads)
    new, changes, newest = [], [], {}
    for (thread_key, day, contact_id), thread in threads.items():
        before = earlier.get((thread_key, day, contact_id))
        sent, received, at = thread.sent, thread.received, pendulum.instance(thread.at)
        if before is not None:
            sent, received, at = sent + before.sent, received + before.received, max(at, before.at)
        direction = "mutual" if sent and received else "out" if sent else "in"
        note = mail_note(sent + received, thread.subject, settings.subjects)
        awaiting = direction == "out" and "email" in AWAITING_CHANNELS
        if before is None:
            new.append(store.NewTouch((contact_id,), at, "email", direction, note, awaiting,
                                     thread=thread_key, day=day, sent=sent, received=received))
            report.touches[contact_id] += 1
        else:
            changes.append(store.ThreadChange(before.interaction_id, at, direction, note,
                                              awaiting, thread_key, day, thread.sent,
                                              thread.received))
        newest[contact_id] = max(at, newest.get(contact_id, at))
    store.add_touches(sorted(new, key=lambda touch: touch.at), run)
    report.logged += len(new)
    store.change_threads(changes, run)
    store.settle(newest)
    report.names.update(store.contact_names(report.items))


def mail_note(count: int, subject: str, subjects: bool) -> str:
    """A mail touch's note: the subject of one message, "3 emails: <subject>" of several
    (the thread's, without its "Re:"), no subject with ``[capture] subjects = false``."""
    if count == 1:
        return subject if subjects else ""
    topic = mailfiles.thread_subject(subject) if subjects else ""
    return f"{count} emails: {topic}" if topic else f"{count} emails"


