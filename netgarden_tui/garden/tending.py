"""Tending relationships: opening gambits, favours, introductions, life events, circles,
letting go of one-sided ties, and the regroup.

Shared by the command line and the TUI, like ``actions``: input is checked first and bad
input raises InvalidInput with one line for the user; the caller wraps each user action
in one transaction.
"""

from collections.abc import Sequence
from dataclasses import replace

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Circle, Config, save_config
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.queue import REGROUP_KEY, REGROUP_SNOOZE_KEY
from netgarden_tui.garden.queue_items import (
    FavourDue, FollowUpDue, IntroductionSuggested, QueueItem,
)
from netgarden_tui.store import queries, writes
from netgarden_tui.store.records import NeedRecord
from netgarden_tui.vocabulary import (
    FACT_KINDS, FAVOUR_DIRECTIONS, FAVOUR_KINDS, FAVOUR_STATUSES, FAVOURS_DONE_WHEN_LOGGED,
    LIFE_EVENT_KINDS, MET_BY, NEED_KINDS, NEED_WORDS,
)

# Don't push your luck: after this many asks in a row declined or unanswered, warn first.
PUSHED_LUCK_ASKS = 2
INTRODUCTION_FOLLOW_UP_DAYS = 14  # then ask each of the two how it went
LET_GO_CADENCE_FACTOR = 2  # "lower the cadence": touch half as often...
LONGEST_CADENCE_DAYS = 365  # ...but at least once a year
REGROUP_ACTIVITY_DAYS = 90  # the regroup review counts touches over this many days
OLDEST_YEAR = 1900


def pick(word: str, choices: Sequence[str], what: str) -> str:
    """The choice ``word`` names: exactly, or by a unique start (case, "-" and "_" aside)."""
    wanted = " ".join(word.lower().replace("_", " ").replace("-", " ").split())
    plain = {choice.replace("_", " "): choice for choice in choices}
    if wanted in plain:
        return plain[wanted]
    starting = [choice for name, choice in plain.items() if name.startswith(wanted)] if wanted else []
    if len(starting) == 1:
        return starting[0]
    listed = ", ".join(name for name in plain)
    raise InvalidInput(f'unknown {what} "{word}" (use one of: {listed})')


# --- opening gambits ---------------------------------------------------------------------

def add_fact(contact_id: int, kind: str, text: str, *, year: int | None = None) -> int:
    """A personal detail; a child's birth year lets the card show their age."""
    kind = pick(kind, FACT_KINDS, "kind of fact")
    text = text.strip()
    if not text:
        raise InvalidInput("a fact needs some text, e.g. \"Daughter Emma\"")
    if year is not None and not OLDEST_YEAR <= year <= clock.today().year:
        raise InvalidInput(f"a birth year between {OLDEST_YEAR} and {clock.today().year}, "
                           f"please (got {year})")
    return writes.add_fact(contact_id, kind=kind, text=text, year=year)


# --- favours -------------------------------------------------------------------------------

def log_favour(contact_id: int, direction: str, kind: str, what: str = "", *,
               due_on: pendulum.Date | None = None, status: str = "open") -> int:
    """A favour offered, given, asked or received. A favour given or received is done."""
    direction = pick(direction, FAVOUR_DIRECTIONS, "favour direction")
    kind = pick(kind, FAVOUR_KINDS, "kind of favour")
    status = pick(status, FAVOUR_STATUSES, "favour status")
    if status == "open":
        status = first_favour_status(direction)
    return writes.add_favour(contact_id, direction=direction, kind=kind, what=what.strip(),
                             status=status, due_on=due_on)


def pushed_luck_warning(contact_id: int, name: str) -> str | None:
    """Don't push your luck: a warning when my last asks of this contact were all declined
    or went unanswered, else None."""
    asks = queries.recent_asks(contact_id, PUSHED_LUCK_ASKS)
    if len(asks) < PUSHED_LUCK_ASKS or any(status not in ("declined", "no_answer")
                                            for status in asks):
        return None
    return (f"{name} declined or did not answer your last {PUSHED_LUCK_ASKS} asks: don't push "
            "your luck (ask someone else, or for something smaller)")


def first_favour_status(direction: str) -> str:
    """The status a favour starts with: a favour given or received is done already."""
    return "delivered" if direction in FAVOURS_DONE_WHEN_LOGGED else "open"


def set_favour_status(favour_id: int, status: str) -> str:
    """Mark a favour delivered, declined, not answered or open again; returns the status."""
    status = pick(status, FAVOUR_STATUSES, "favour status")
    if queries.favour(favour_id) is None:
        raise InvalidInput(f"no favour #{favour_id}")
    writes.set_favour_status(favour_id, status)
    return status


def is_promise_due(item: QueueItem) -> bool:
    """Whether "done" means anything on this Due item. Only promises are done: a follow-up
    due, a favour I offered. A cadence, a birthday or a life event is answered by a touch
    (or a snooze), the let-go question by its own answers."""
    return bool(item.follow_up_ids or item.favour_ids)


def keep_item_promises(item: QueueItem) -> str:
    """ "Done" on a Due item: its follow-ups done, the favours I offered delivered.
    Says what it did: "Follow-up 'send the deck' done · Ann Lee"."""
    if not is_promise_due(item):
        raise InvalidInput(f"{item.contact} has no promise due: log, snooze or skip instead")
    kept = []
    for reason in item.reasons:
        if isinstance(reason, FollowUpDue):
            writes.complete_follow_up(reason.follow_up_id, clock.now())
            kept.append(_kept("follow-up", reason.what, "done"))
        elif isinstance(reason, FavourDue):
            writes.set_favour_status(reason.favour_id, "delivered")
            kept.append(_kept("favour", reason.what or reason.favour_kind, "delivered"))
    return _said(kept, item.contact)


def keep_a_promise(contact_id: int, name: str, item: QueueItem | None = None) -> str:
    """ "Done" on a contact: the promises of their Due ``item``, when it has any; else
    their first open follow-up, due or not. Says what it did."""
    if item is not None and is_promise_due(item):
        return keep_item_promises(item)
    first = queries.follow_ups(contact_id=contact_id)[:1]
    if not first:
        raise InvalidInput(f"{name} has no open follow-up")
    writes.complete_follow_up(first[0].id, clock.now())
    return _said([_kept("follow-up", first[0].what, "done")], name)


def _kept(what_kind: str, what: str, done: str) -> str:
    return f"{what_kind} '{what}' {done}" if what else f"{what_kind} {done}"


def _said(kept: Sequence[str], name: str | None) -> str:
    """ "Follow-up 'send the deck' done, favour 'CV review' delivered · Ann Lee"."""
    text = ", ".join(kept)
    return f"{text[:1].upper()}{text[1:]} · {name}"


# --- introductions -----------------------------------------------------------------------

def introduce(person_a: int, person_b: int, *, note: str = "",
              introducer: int | None = None) -> int:
    """Record that two contacts were put in touch (by me, or by ``introducer``). When I
    did it, each of the two gets a follow-up to ask how it went."""
    if person_a == person_b:
        raise InvalidInput("an introduction needs two different people")
    if introducer in (person_a, person_b):
        raise InvalidInput("the introducer can't be one of the two introduced")
    today = clock.today()
    introduction_id = writes.add_introduction(person_a, person_b, on=today, note=note.strip(),
                                              introducer=introducer)
    if introducer is None:
        ask_on = today.add(days=INTRODUCTION_FOLLOW_UP_DAYS)
        for one, other in ((person_a, person_b), (person_b, person_a)):
            writes.add_follow_up(one, due_on=ask_on, what=f"ask how the introduction to "
                                                          f"{queries.contact_name(other)} went")
    return introduction_id


def set_introduced_by(contact_id: int, introducer: int) -> None:
    """Who introduced this contact to me (shown on the card as "introduced by")."""
    if introducer == contact_id:
        raise InvalidInput("nobody introduces themselves")
    writes.set_introduced_by(contact_id, introducer)


# --- needs and offers ------------------------------------------------------------------------

def add_need(contact_id: int, kind: str, text: str) -> int:
    """What they are looking for (a need) or can give (an offer), as a short line."""
    kind = pick(kind, NEED_KINDS, "kind (need or offer)")
    return writes.add_need(contact_id, kind=kind, text=actions.need_text(text, kind))


def mark_need_met(need_id: int, *, by: str = "you") -> NeedRecord:
    """A need (or an offer) met: by you, through an introduction, or elsewhere (only the
    first two count as a favour you gave). Returns it as it was."""
    by = pick(by, MET_BY, "way a need was met")
    found = _open_need(need_id)
    writes.set_need_met(need_id, met_by=by, at=clock.now())
    return found


def _open_need(need_id: int) -> NeedRecord:
    """The need (or offer) ``need_id``, not met yet; InvalidInput, one line, otherwise."""
    found = queries.need(need_id)
    if found is None:
        raise InvalidInput(f"no need or offer #{need_id} (netgarden need NAME lists them)")
    if found.met_at is not None:
        raise InvalidInput(f"#{need_id} was met already: {found.contact} "
                           f"{NEED_WORDS[found.kind]} {found.text}")
    return found


def introduce_for_need(need_id: int, other_id: int, *, note: str = "") -> str:
    """Meet a need through an introduction: the one in need and ``other_id`` introduced by
    me (each gets a follow-up to ask how it went), the need met through it (a favour I
    gave). Says what it did: "Introduced Ann Lee and Bo Kim · Ann Lee's need met"."""
    need = _open_need(need_id)
    introduction_id = introduce(need.contact_id, other_id, note=note or need.text)
    writes.set_need_met(need_id, met_by="introduction", at=clock.now(),
                        introduction_id=introduction_id)
    other = queries.contact_name(other_id)
    return f"Introduced {need.contact} and {other} · {need.contact}'s {need.kind} met"


def make_suggested_introduction(contact_id: int, suggested: IntroductionSuggested) -> str:
    """``i`` on a suggested introduction: make it (introduce_for_need), and note the pair
    decided on today (one of the day's few). Says what it did."""
    said = introduce_for_need(suggested.need_id, suggested.other_id)
    writes.decide_suggestion(contact_id, suggested.other_id, need_id=suggested.need_id,
                             decision="introduced", on=clock.today())
    return said


def dismiss_suggested_introduction(contact_id: int, suggested: IntroductionSuggested) -> str:
    """``x`` on a suggested introduction: these two are never suggested again."""
    writes.decide_suggestion(contact_id, suggested.other_id, need_id=suggested.need_id,
                             decision="dismissed", on=clock.today())
    name = queries.contact_name(contact_id)
    return f"Not suggesting {name} and {suggested.other} again (u undoes)"


# --- life events -------------------------------------------------------------------------

def log_life_event(contact_id: int, kind: str, text: str = "", *,
                   on: pendulum.Date | None = None) -> int:
    """A new job, a move, a baby...: Due says "congratulate" until a touch is logged."""
    kind = pick(kind, LIFE_EVENT_KINDS, "kind of life event")
    on = on or clock.today()
    if on > clock.today():
        raise InvalidInput(f"a life event is logged once it happened (got {on.isoformat()})")
    return writes.add_life_event(contact_id, kind=kind, text=text.strip(), on=on)


# --- circles and cadence -------------------------------------------------------------------

def move_to_circle(contact_id: int, circle: str | None) -> None:
    """Into the circle named ``circle`` (None or "": into no circle)."""
    circle_id = None
    if circle:
        circle_id = queries.circle_id(circle)
        if circle_id is None:
            names = ", ".join(queries.circle_names())
            raise InvalidInput(f'no circle "{circle}" (circles: {names})')
    writes.set_circle(contact_id, circle_id)


def set_cadence(contact_id: int, days: int | None) -> None:
    """The contact's own days between touches (None: back to their circle's)."""
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInput(f"a cadence is 1 to 3650 days (got {days})")
    writes.set_cadence(contact_id, days)


def save_circle(config: Config, old_name: str | None, *, name: str, priority: int,
                cadence_days: int) -> Config:
    """Add a circle (``old_name`` None) or change one, in the garden and in the config
    file (which the garden follows at start-up); returns the new config."""
    name = name.strip()
    if not name:
        raise InvalidInput("a circle needs a name")
    if not 1 <= priority <= 5:
        raise InvalidInput(f"a priority is 1 (most important) to 5 (got {priority})")
    if not 1 <= cadence_days <= 3650:
        raise InvalidInput(f"a cadence is 1 to 3650 days (got {cadence_days})")
    existing = {circle.name.lower(): circle for circle in queries.circles()}
    taken = existing.get(name.lower())
    if taken is not None and (old_name is None or taken.name.lower() != old_name.lower()):
        raise InvalidInput(f'there is already a circle "{taken.name}"')
    old = existing.get(old_name.lower()) if old_name else None
    if old_name and old is None:
        raise InvalidInput(f'no circle "{old_name}"')
    writes.save_circle(old.id if old else None, name=name, priority=priority,
                       cadence_days=cadence_days)
    new_circle = Circle(name, priority, cadence_days)
    circles = [new_circle if old_name and circle.name.lower() == old_name.lower() else circle
               for circle in config.circles]
    if new_circle not in circles:
        circles.append(new_circle)  # a new circle, or one the config file did not list
    return _saved(replace(config, circles=tuple(circles)))


def delete_circle(config: Config, name: str) -> Config:
    """Remove a circle; its contacts stay, in no circle. Returns the new config."""
    circle_id = queries.circle_id(name)
    if circle_id is None:
        raise InvalidInput(f'no circle "{name}"')
    writes.delete_circle(circle_id)
    kept = tuple(circle for circle in config.circles if circle.name.lower() != name.lower())
    return _saved(replace(config, circles=kept))


def _saved(config: Config) -> Config:
    save_config(config)
    return config


# --- don't be desperate, and the regroup ---------------------------------------------------

def lower_cadence(contact_id: int, *, default_cadence: int) -> int:
    """Let go a little: touch half as often (at most once a year); returns the new days.
    The "let go?" question is answered."""
    card = queries.contact_card(contact_id, default_cadence=default_cadence)
    if card is None:
        raise InvalidInput(f"no contact #{contact_id}")
    days = min(card.cadence_days * LET_GO_CADENCE_FACTOR, LONGEST_CADENCE_DAYS)
    writes.set_cadence(contact_id, days)
    keep_trying(contact_id)
    return days


def keep_trying(contact_id: int) -> None:
    """Answer the queue's "let go?" without changing anything: it is not asked again until
    they reply and the outreach goes one-sided once more."""
    writes.set_let_go_asked(contact_id, clock.today())


def finish_regroup() -> None:
    """The regroup review is done: Due asks again after the regroup interval."""
    writes.set_setting(REGROUP_KEY, clock.today().isoformat())


def snooze_due(contact_id: int | None, until: pendulum.Date, config: Config) -> None:
    """Keep a Due item out of Due until ``until``: a contact's (``actions.snooze``), or,
    with no contact, the regroup review's."""
    if contact_id is not None:
        actions.snooze(contact_id, until, config)
    elif until <= clock.today():
        raise InvalidInput(f"snooze needs a day after today (got {until.isoformat()})")
    else:
        writes.set_setting(REGROUP_SNOOZE_KEY, until.isoformat())


def regroup_activity_since() -> pendulum.DateTime:
    return clock.now().subtract(days=REGROUP_ACTIVITY_DAYS)
