"""A contact's history as one list, newest first: touches, follow-ups, favours,
introductions and life events."""

from typing import NamedTuple

import pendulum

from netgarden_tui.garden.display import choice_words, duration, local
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard
from netgarden_tui.vocabulary import DIRECTIONS_TOLD


class TimelineEntry(NamedTuple):
    kind: str  # interaction, follow_up, favour, introduction, life_event
    day: pendulum.Date
    title: str
    note: str = ""
    ref_id: int | None = None


def timeline(card: ContactCard, *, limit: int | None = None) -> list[TimelineEntry]:
    """The timeline of the contact whose ``card`` this is (their name: the touches name
    the others in them, not them)."""
    contact_id = card.id
    shared = len(queries.authors()) > 1  # then each touch says who logged it
    entries = [_touch(row, card.display_name, shared)
               for row in queries.interactions(contact_id, limit=limit)]
    for follow_up in queries.follow_ups(contact_id=contact_id, include_done=True):
        state = "done" if follow_up.done_at else "open"
        entries.append(TimelineEntry("follow_up", follow_up.due_on,
                                     f"follow-up ({state})", follow_up.what, follow_up.id))
    for favour in queries.favours(contact_id=contact_id):
        title = f"favour {favour.direction}" + (f": {favour.kind}" if favour.kind else "")
        entries.append(TimelineEntry("favour", local(favour.created_at).date(),
                                     f"{title} ({choice_words(favour.status)})",
                                     favour.what, favour.id))
    for intro in queries.introductions(contact_id):
        by = intro.introducer or "me"
        entries.append(TimelineEntry("introduction", intro.on,
                                     f"introduction: {intro.person_a} and {intro.person_b}, by {by}",
                                     intro.note or intro.outcome, intro.id))
    for event in queries.life_events(contact_id=contact_id):
        pending = "" if event.acknowledged_at else " (not congratulated yet)"
        entries.append(TimelineEntry("life_event", event.on,
                                     f"life event: {choice_words(event.kind)}{pending}",
                                     event.text, event.id))
    entries.sort(key=lambda entry: entry.day, reverse=True)
    return entries[:limit] if limit else entries


def _touch(row, own_name: str, shared: bool) -> TimelineEntry:
    """One touch in the words of the timeline of the contact named ``own_name``: who else
    was in it, if anyone."""
    parts = [row.channel, DIRECTIONS_TOLD.get(row.direction, row.direction)]
    if row.duration_seconds:
        parts.append(duration(row.duration_seconds))
    if row.awaiting_reply:
        parts.append("no reply yet")
    others = list(row.contacts)
    if own_name in others:
        others.remove(own_name)  # once: a namesake in the same touch stays
    if others:
        parts.append("with " + ", ".join(others))
    if shared and row.author:
        parts.append(f"by {row.author}")
    return TimelineEntry("interaction", local(row.at).date(), " · ".join(parts), row.note, row.id)
