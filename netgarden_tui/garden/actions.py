"""What a user can do to the garden, checked and turned into store writes.

Shared by the command line and the TUI. Bad input raises InvalidInput with one line for
the user, before anything is written; each action is one transaction.
"""

from collections.abc import Sequence
from typing import NamedTuple

import pendulum

from netgarden_tui import clock, phones
from netgarden_tui.config import Config, ConfigError, Locations
from netgarden_tui.garden.dates import DateParseError, describe_date, within_years
from netgarden_tui.garden.names import ContactLookupError
from netgarden_tui.garden import queue
from netgarden_tui.garden.queue import CREATED_KEY
from netgarden_tui.locations import on_server
from netgarden_tui.store import backups, database, match_keys, queries, writes
from netgarden_tui.vocabulary import (
    AWAITING_CHANNELS, CHANNEL_ALIASES, CHANNELS, DEFAULT_CHANNEL, DEFAULT_DIRECTION, DIRECTIONS,
)
from netgarden_tui.store.records import Birthday, Method

# Clocks differ a little between machines; a touch "now" from a laptop a minute ahead is fine.
FUTURE_SLACK_MINUTES = 5


class InvalidInput(ValueError):
    """Input that cannot be used; str() is one line for the user."""


# What a user's input can cause: shown as a message, never as a traceback.
USER_ERRORS = (InvalidInput, DateParseError, ContactLookupError)


class ContactDetails(NamedTuple):
    """The fields of `add` and `edit`; None (or empty) leaves a field alone on edit."""

    company: str | None = None
    role: str | None = None
    circle: str | None = None
    birthday: str | None = None
    cadence_days: int | None = None
    met: str | None = None
    notes: str | None = None
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()
    urls: Sequence[str] = ()
    tags: Sequence[str] = ()
    # Taken off on edit (a number changed: the old one dropped, the new one added).
    drop_emails: Sequence[str] = ()
    drop_phones: Sequence[str] = ()
    drop_urls: Sequence[str] = ()


def open_garden(locations: Locations, config: Config) -> list[str]:
    """Open the garden, bring its circles and home region in line with the config, note
    when it started; what the person should know, one line each. (The day's backup is
    the caller's: take_daily_backup, when it keeps no one waiting.)"""
    notices = database.open_garden(locations.database, locations.backups)
    writes.set_author(config.name or _login_name())
    if database.is_read_only():
        return notices  # as it is: nothing can be brought in line
    with database.transaction():
        writes.set_default_cadence(config.default_cadence_days)
        writes.sync_circles((c.name, c.priority, c.cadence_days) for c in config.circles)
        if config.region != match_keys.phone_region():
            if config.region is not None and not phones.is_region(config.region):
                raise ConfigError(config.path, f'region "{config.region}" is not a region '
                                  'phone numbers know (such as "GB", "US", "DE")', key="region")
            match_keys.set_phone_region(config.region)
        if queries.setting(CREATED_KEY) is None:
            writes.set_setting(CREATED_KEY, clock.today().isoformat())
    return notices


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return ""


def take_daily_backup(locations: Locations, config: Config, *,
                      in_background: bool = False) -> list[str]:
    """The day's backup of the open garden, unless one was taken today, then the old ones
    pruned as the config's [backups] says; a line saying so when it could not be taken.

    A garden on a server is backed up as a JSON export of every row, seconds on a big
    garden: only ``in_background`` (the app's worker), not after a command, whose prompt
    would wait for it (`netgarden backup` takes one; the server keeps its own too).
    """
    if on_server(locations.database) and not in_background:
        return []
    if database.is_read_only() or backups.taken_today(locations.database, locations.backups):
        return []  # a garden nobody can change needs no new copy
    try:
        backups.take(locations.database, locations.backups, "daily")
    except backups.BackupError as error:
        return [f"today's backup was not taken: {error}"]
    backups.prune(locations.database, locations.backups, daily=config.backups.daily,
                  weekly=config.backups.weekly)
    return []


def channel_named(text: str) -> str:
    word = text.strip().lower()
    channel = CHANNEL_ALIASES.get(word, word)
    if channel not in CHANNELS:
        raise InvalidInput(f'unknown channel "{text}" (use one of: {", ".join(CHANNELS)})')
    return channel


def parse_birthday(text: str) -> Birthday:
    """``MM-DD``, ``--MM-DD`` (vCard, no year) or ``YYYY-MM-DD``."""
    cleaned = text.strip().removeprefix("--")
    parts = cleaned.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 2:
            month, day, year = numbers[0], numbers[1], None
            pendulum.date(2000, month, day)  # a leap year, so 02-29 is fine
        elif len(numbers) == 3 and len(parts[0]) == 4:
            year, month, day = numbers
            within_years(pendulum.date(year, month, day), text)
        else:
            raise ValueError
    except DateParseError:
        raise  # a real day, but not in the years a garden keeps: says so
    except ValueError:
        raise InvalidInput(f'can\'t read "{text}" as a birthday (use MM-DD or YYYY-MM-DD)') from None
    return Birthday(month, day, year)


def circle_id(name: str) -> int:
    """The circle named so; an unknown one is a mistake, said with the circles there are."""
    found = queries.circle_id(name)
    if found is None:
        known = ", ".join(queries.circle_names()) or "none yet"
        raise InvalidInput(f'unknown circle "{name}" (circles: {known})')
    return found


def _cadence(days: int) -> int:
    if not 1 <= days <= 3650:
        raise InvalidInput(f"cadence must be from 1 to 3650 days (got {days})")
    return days


def _contact_fields(details: ContactDetails) -> dict:
    fields = {}
    for name in ("company", "role", "notes"):
        if getattr(details, name) is not None:
            fields[name] = getattr(details, name)
    if details.met is not None:
        fields["met_where"] = details.met
    if details.circle is not None:
        fields["circle"] = circle_id(details.circle)
    if details.cadence_days is not None:
        fields["cadence_days"] = _cadence(details.cadence_days)
    return fields


def _methods(details: ContactDetails) -> list[Method]:
    return ([Method("email", value) for value in details.emails]
            + [Method("phone", value) for value in details.phones]
            + [Method("url", value) for value in details.urls])


def _name_fields(name: str) -> dict:
    """Display name, and given and family names split from it at the first space."""
    display_name = " ".join(name.split())
    if not display_name:
        raise InvalidInput("a contact needs a name")
    given, _, family = display_name.partition(" ")
    return {"display_name": display_name, "given_name": given, "family_name": family}


def add_contact(name: str, details: ContactDetails = ContactDetails()) -> int:
    birthday = parse_birthday(details.birthday) if details.birthday else None
    return writes.create_contact(**_name_fields(name), birthday=birthday,
                                 methods=_methods(details), tags=list(details.tags),
                                 **_contact_fields(details))


def edit_contact(contact_id: int, details: ContactDetails, *, rename: str | None = None) -> None:
    """Change a contact: the fields given, the methods and tags added, those dropped taken
    off (InvalidInput, nothing changed, for one the contact does not have: call it inside
    the action's transaction)."""
    fields = _contact_fields(details)
    if rename is not None:
        fields.update(_name_fields(rename))
    dropped = ([Method("email", value) for value in details.drop_emails]
               + [Method("phone", value) for value in details.drop_phones]
               + [Method("url", value) for value in details.drop_urls])
    missing = writes.remove_methods(contact_id, dropped)
    if missing:
        raise InvalidInput(f'{queries.contact_name(contact_id)} has no {missing[0].kind} '
                           f'"{missing[0].value}"')
    birthday = parse_birthday(details.birthday) if details.birthday else None
    writes.update_contact(contact_id, birthday=birthday, methods=_methods(details),
                          tags=list(details.tags), **fields)


def log_touch(contact_ids: Sequence[int], *, channel: str = DEFAULT_CHANNEL,
              direction: str = DEFAULT_DIRECTION, note: str = "",
              at: pendulum.DateTime | None = None,
              follow_up_on: pendulum.Date | None = None, follow_up_note: str = "",
              duration_seconds: int | None = None) -> int:
    """Log a touch; an outreach by email or message waits for a reply."""
    channel = channel_named(channel)
    if direction not in DIRECTIONS:
        raise InvalidInput(f'unknown direction "{direction}" (use one of: {", ".join(DIRECTIONS)})')
    if not contact_ids:
        raise InvalidInput("log needs at least one contact")
    at = at or clock.now()
    if at > clock.now().add(minutes=FUTURE_SLACK_MINUTES):
        raise InvalidInput(f"a touch can't be logged in the future ({at.to_datetime_string()})")
    follow_up = (follow_up_on, follow_up_note) if follow_up_on is not None else None
    needs = needs_in_note(note)
    contact_ids = list(dict.fromkeys(contact_ids))
    interaction_id = writes.log_interaction(
        contact_ids, at=at, channel=channel,
        direction=direction, note=note,
        awaiting_reply=direction == "out" and channel in AWAITING_CHANNELS,
        duration_seconds=duration_seconds, follow_up=follow_up)
    for kind, text in needs:
        for contact_id in contact_ids:
            writes.add_need(contact_id, kind=kind, text=text)
    return interaction_id


# A line of a touch's note that begins so is a need (or an offer) of the people in it.
NOTE_NEED_WORDS = {"needs": "need", "need": "need", "offers": "offer", "offer": "offer"}
NEED_MAX_CHARS = 200  # a need is a short line


def needs_in_note(note: str) -> list[tuple[str, str]]:
    """(kind, text) of each line of a note beginning "needs:" or "offers:" (any case):
    "needs: a designer for the new app" is a need. InvalidInput for one too long."""
    found = []
    for line in note.splitlines():
        word, colon, rest = line.strip().partition(":")
        kind = NOTE_NEED_WORDS.get(word.strip().lower()) if colon else None
        if kind is not None and rest.strip():
            found.append((kind, need_text(rest, kind)))
    return found


def need_text(text: str, kind: str = "need") -> str:
    """A need's (or an offer's) text: one line, spaces tidied; InvalidInput when there is
    none, or it is longer than a short line."""
    line = " ".join(text.split())
    if not line:
        example = "a designer for the new app" if kind == "need" else "design reviews"
        raise InvalidInput(f'{"a need" if kind == "need" else "an offer"} needs some words, '
                           f'e.g. "{example}"')
    if len(line) > NEED_MAX_CHARS:
        raise InvalidInput(f"a {kind} is a short line: at most {NEED_MAX_CHARS} characters "
                           f"(this one has {len(line)})")
    return line


def remove_touch(interaction_id: int) -> str:
    """Take one touch off the timeline; what it was, in words, for saying so."""
    touch = queries.interaction(interaction_id)
    if touch is None:
        raise InvalidInput(f"no touch #{interaction_id} (netgarden show NAME --json lists them)")
    writes.delete_interaction(interaction_id)
    day = touch.at.in_timezone(clock.now().timezone).date()
    return f"{touch.channel} with {', '.join(touch.contacts)} on {day.isoformat()}"


def snooze(contact_id: int, until: pendulum.Date, config: Config) -> None:
    """Keep a contact out of Due until ``until``, whatever they are due for; they come back
    that day with every reason still true. A snooze that would change nothing is refused."""
    if until <= clock.today():
        raise InvalidInput(f"snooze needs a day after today (got {until.isoformat()})")
    card = queries.contact_card(contact_id, default_cadence=config.default_cadence_days)
    if card is None:
        raise InvalidInput(f"no contact #{contact_id}")
    if card.snoozed_until == until:
        raise InvalidInput(f"{card.display_name} is already snoozed until {describe_date(until)}")
    if not (card.snoozed_until and card.snoozed_until > clock.today()):  # not moving a snooze
        first_due_on = queue.first_due_on(config, card)
        if first_due_on >= until:
            raise InvalidInput(f"nothing to snooze: {card.display_name} is not due until "
                               f"{describe_date(first_due_on)}")
    writes.snooze(contact_id, until)


def complete_follow_up(follow_up_id: int) -> None:
    record = queries.follow_up(follow_up_id)
    if record is None:
        raise InvalidInput(f"no follow-up #{follow_up_id}")
    if record.done_at is not None:
        raise InvalidInput(f"follow-up #{follow_up_id} is already done")
    writes.complete_follow_up(follow_up_id, clock.now())


def archive(contact_id: int) -> None:
    writes.set_archived(contact_id, True)
