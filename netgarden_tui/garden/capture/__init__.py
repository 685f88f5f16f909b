"""The garden fills itself: touches captured from your mail and calendars, on this machine.

``capture_mail`` reads Maildir folders and mbox files (headers only: mailfiles.py) and logs a
touch on channel email with each contact a message went to or came from: one per thread
per day per person ("3 emails: Lunch?"), ``out`` when you wrote, ``in`` when they did,
``mutual`` when both did. Your outreach waits for a reply as any logged by hand does,
until mail from them (or a talk) answers it, so the one-sided rule comes from the mail.
Lists, bulk, no-reply senders and crowds are no touches. ``capture_calendar`` (calendar.py)
logs the meetings held. Each message and occurrence counts once, across runs and folders;
a file or folder unchanged since the last run is not read again.

Each run is one transaction (the caller's: one undo step); ``dry_run`` writes nothing.
"""

import pendulum

from netgarden_tui.config import CaptureSettings
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.capture.mail import capture_mail
from netgarden_tui.garden.capture.report import (
    CaptureReport, Progress, parse_since, progress_words, report_lines, summary,
)
from netgarden_tui.store import capture as store

__all__ = ["CaptureReport", "Progress", "add_suggested", "capture_configured", "capture_mail",
           "ignore_suggested", "parse_since", "progress_words", "report_lines", "suggestions",
           "summary"]

SUGGEST_AT_LEAST = 3  # messages, in both directions, before an address is suggested


def capture_configured(settings: CaptureSettings, *, since: pendulum.Date | None = None,
                       dry_run: bool = False, progress: Progress | None = None
                       ) -> list[CaptureReport]:
    """Every source the config's [capture] lists: its mail, then its calendars."""
    if not settings.mail and not settings.calendars:
        raise InvalidInput("nothing to capture: list your mail and calendars in the config's "
                           "[capture] (mail = [...], calendars = [...])")
    reports = []
    if settings.mail:
        reports.append(capture_mail(settings.mail, settings, since=since, dry_run=dry_run,
                                    progress=progress))
    if settings.calendars:
        from netgarden_tui.garden.capture.calendar import capture_calendar  # icalendar: if used

        reports.append(capture_calendar(settings.calendars, settings, since=since,
                                        dry_run=dry_run, progress=progress))
    return reports


def suggestions() -> list[store.UnknownAddress]:
    """Addresses you exchanged mail with, both ways, at least SUGGEST_AT_LEAST messages,
    that no contact has and you did not ignore; the most mail first."""
    return store.unknown_correspondents(at_least=SUGGEST_AT_LEAST)


def add_suggested(address: str) -> int:
    """Add the person behind an address suggested: named as their mail names them (else
    by the address), with the address, and with one touch standing for the mail before
    (its count, at the last message's time) so the queue knows when you last wrote.
    Their mail from now on is captured as anyone's. The new contact's id."""
    found = _counted(address)
    contact_id = actions.add_contact(found.name.strip() or name_from_address(address),
                                     actions.ContactDetails(emails=(address,)))
    count = found.sent + found.received
    actions.log_touch([contact_id], channel="email", direction="mutual", at=found.last_at,
                      note=f"{count} emails before you added them")
    return contact_id


def ignore_suggested(address: str) -> None:
    """Never suggest this address again."""
    _counted(address)
    store.ignore_address(address)


def _counted(address: str) -> store.UnknownAddress:
    found = store.unknown_address(address)
    if found is None:
        raise InvalidInput(f"no mail counted with {address}")
    return found


def name_from_address(address: str) -> str:
    """A name for an address whose mail named no one: "jane.doe@x" -> "Jane Doe"."""
    local_part = address.split("@", 1)[0]
    words = [word for word in local_part.replace("_", ".").replace("-", ".").split(".") if word]
    return " ".join(word.capitalize() for word in words) or address
