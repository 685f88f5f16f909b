"""Plain records the store hands out: screens and commands never hold live rows.

Named tuples, immutable like frozen dataclasses, but made in a fifth of the time: with
twenty of them imported at every start, dataclasses cost ``netgarden`` about 15 ms before
its first frame. ``as_data`` in cli/output.py turns one into JSON-ready data.
"""

from typing import NamedTuple

import pendulum


class ContactRow(NamedTuple):
    """One line of the contact list."""

    id: int
    name: str
    circle: str | None
    last_touch_at: pendulum.DateTime | None
    next_due: pendulum.Date
    days_since_touch: int | None  # local days, from SQL; None: never in touch


class Method(NamedTuple):
    kind: str
    value: str  # as typed
    label: str = ""


class Address(NamedTuple):
    """A postal address in a vCard ADR's parts (garden/addresses.py puts it on lines)."""

    label: str = ""  # home, work, ...
    po_box: str = ""
    extended: str = ""  # flat, suite, building
    street: str = ""
    locality: str = ""  # town or city
    region: str = ""  # county, state
    postal_code: str = ""
    country: str = ""


class PastJobRecord(NamedTuple):
    """A job a contact held before the one on their card."""

    company: str
    department: str
    role: str
    ended_on: pendulum.Date | None  # when netgarden learnt of the next one


class FactRecord(NamedTuple):
    id: int
    kind: str
    text: str
    year: int | None


class FollowUpRecord(NamedTuple):
    id: int
    contact_id: int
    contact: str
    due_on: pendulum.Date
    what: str
    done_at: pendulum.DateTime | None


class FavourRecord(NamedTuple):
    id: int
    contact_id: int
    contact: str
    direction: str
    kind: str
    what: str
    status: str
    due_on: pendulum.Date | None
    created_at: pendulum.DateTime


class LifeEventRecord(NamedTuple):
    id: int
    contact_id: int
    contact: str
    kind: str
    text: str
    on: pendulum.Date
    acknowledged_at: pendulum.DateTime | None


class IntroductionRecord(NamedTuple):
    id: int
    introducer: str | None
    person_a_id: int
    person_a: str
    person_b_id: int
    person_b: str
    on: pendulum.Date
    note: str
    outcome: str


class NeedRecord(NamedTuple):
    """What a contact is looking for (kind "need") or can give ("offer")."""

    id: int
    contact_id: int
    contact: str
    kind: str  # need, offer
    text: str
    created_at: pendulum.DateTime
    met_at: pendulum.DateTime | None = None
    met_by: str = ""  # you, introduction, elsewhere; "" while open
    introduction_id: int | None = None


class InteractionRecord(NamedTuple):
    id: int
    at: pendulum.DateTime
    channel: str
    direction: str
    note: str
    awaiting_reply: bool
    duration_seconds: int | None
    contacts: tuple[str, ...] = ()
    author: str = ""  # who logged it; "" when not known


class Birthday(NamedTuple):
    """A day that comes back every year, with or without the year it began: a birthday,
    and an anniversary too."""

    month: int
    day: int
    year: int | None


class FavourBalance(NamedTuple):
    """Favours done: by me (given, or offered and delivered) and for me (received, or
    asked and delivered); a good tie takes as well as gives."""

    gave: int
    took: int


class MeetingRecord(NamedTuple):
    """A meeting to come with a contact, read from a calendar."""

    starts_at: pendulum.DateTime
    ends_at: pendulum.DateTime
    whole_day: bool
    channel: str  # video or meeting
    summary: str


class MeetingWith(NamedTuple):
    """A meeting to come and the contacts in it, by name."""

    meeting: MeetingRecord
    contacts: tuple[str, ...]


class ContactCard(NamedTuple):
    """Everything about one contact, for the card and `netgarden show`."""

    id: int
    display_name: str
    given_name: str
    family_name: str
    nickname: str
    company: str
    role: str
    met_where: str
    met_on: pendulum.Date | None
    introduced_by: str | None
    birthday: Birthday | None
    notes: str
    archived: bool
    circle: str | None
    cadence_days: int  # effective: own, else the circle's, else the default
    own_cadence_days: int | None
    snoozed_until: pendulum.Date | None
    last_touch_at: pendulum.DateTime | None
    next_due: pendulum.Date
    created_at: pendulum.DateTime
    methods: tuple[Method, ...] = ()
    tags: tuple[str, ...] = ()
    facts: tuple[FactRecord, ...] = ()
    follow_ups: tuple[FollowUpRecord, ...] = ()  # open ones
    favours: tuple[FavourRecord, ...] = ()  # open ones
    balance: FavourBalance = FavourBalance(0, 0)
    unanswered_in_a_row: int = 0
    department: str = ""
    function: str = ""  # the part they play (a vCard's ROLE), beside the job title (role)
    anniversary: Birthday | None = None
    addresses: tuple[Address, ...] = ()
    past_jobs: tuple[PastJobRecord, ...] = ()  # oldest first
    meetings: tuple[MeetingRecord, ...] = ()  # to come, soonest first
    touches_by_month: tuple[int, ...] = ()  # the last months' touches, this month last
    needs: tuple[NeedRecord, ...] = ()  # open needs and offers, needs first, newest first


class CadenceScore(NamedTuple):
    """How the queue ranks an overdue cadence (garden/queue.py explains the numbers):
    (days overdue + 1) x weight, at most ``cap``; weight = ``weight_base`` - priority, at
    least 1 (1 without a circle); contacts added less than ``new_days`` ago count half."""

    cap: int
    weight_base: int
    new_days: int


class DaysScore(NamedTuple):
    """``base + per_day x days``, the days counted from 0 up to ``max_days``."""

    base: int
    per_day: int
    max_days: int


class DueRules(NamedTuple):
    """What the store needs to find and score today's Due reasons (garden/queue.py sets
    them and explains the numbers)."""

    today: pendulum.Date
    default_cadence: int
    cadence: CadenceScore
    promise: DaysScore  # a follow-up or a favour I offered, by days overdue
    life_event: DaysScore  # an unacknowledged life event, by days since
    life_events_since: pendulum.Date
    birthdays: tuple[tuple[int, int, pendulum.Date, int], ...]  # (month, day, on, points)
    one_sided_after: int
    let_go_points: int
    further_reason_points: int  # an item scores its best reason plus this per other one
    meetings: "MeetingWindow"
    introductions: "IntroductionRules | None" = None  # None: none suggested


class IntroductionRules(NamedTuple):
    """How Due suggests introductions (garden/queue.py sets them and explains the numbers):
    one person's open need sharing words with another's open offer (or one of their tags),
    at most ``per_day`` a day (those decided today counted among them), each scored
    ``base`` + ``per_word`` for each shared word after the first (at most ``most_words``
    counted) + ``per_closeness`` x how close each of the two is (their circle's weight)."""

    per_day: int
    base: int
    per_word: int
    most_words: int
    per_closeness: int
    weight_base: int  # a circle's weight is weight_base - its priority; no circle weighs 1
    ignored_words: tuple[str, ...]  # stemmed words that match nothing: "a", "look", "need"
    needs_considered: int = 200  # the newest open needs matched...
    offers_considered: int = 400  # ...with the newest open offers,
    shortlist: int = 8  # each need's best this many by shared words then ranked


class MeetingWindow(NamedTuple):
    """Meetings Due lists: those starting from ``start`` (today's start) until ``end``
    (tomorrow's end) not over at ``now``, scored ``today_points`` on the day, else
    ``tomorrow_points``."""

    start: pendulum.DateTime
    end: pendulum.DateTime
    now: pendulum.DateTime
    today_points: int
    tomorrow_points: int


class ReasonRow(NamedTuple):
    """One Due reason, as store/due.py reads it; garden/queue.py makes it a record."""

    contact_id: int
    points: float
    due_on: pendulum.Date
    facts: dict  # what it rests on, named as the record's fields: {"what": ..., ...}


class RankedItem(NamedTuple):
    """A contact's place in today's queue, from SQL (store/due.py)."""

    contact_id: int
    contact: str
    score: float
    due_on: pendulum.Date


class DuplicatePair(NamedTuple):
    """Two contacts that may be one person (store/merge.py likely_duplicates)."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str
    reason: str  # "same email ann@acme.example", "same phone …025550149", "same name", ...


class ContactFields(NamedTuple):
    """A contact's own fields, ways to reach them and tags: what an import compares with."""

    id: int
    display_name: str
    given_name: str
    family_name: str
    nickname: str
    company: str
    role: str
    met_where: str
    met_on: pendulum.Date | None
    birthday: Birthday | None
    notes: str
    circle_id: int | None
    external_uid: str | None
    methods: tuple[Method, ...] = ()
    tags: tuple[str, ...] = ()
    department: str = ""
    function: str = ""
    anniversary: Birthday | None = None
    addresses: tuple[Address, ...] = ()
    past_jobs: tuple[PastJobRecord, ...] = ()  # oldest first
    meetings: tuple[MeetingRecord, ...] = ()  # to come, soonest first
    touches_by_month: tuple[int, ...] = ()  # the last months' touches, this month last
    method_keys: frozenset[tuple[str, str]] = frozenset()  # each method's (kind, match key)


class CircleRecord(NamedTuple):
    id: int
    name: str
    priority: int
    cadence_days: int


class CircleHealth(NamedTuple):
    """One circle (None: contacts in no circle) and how its contacts are doing today."""

    circle_id: int | None
    name: str | None
    priority: int | None
    cadence_days: int | None
    contacts: int
    due: int  # due today or overdue
    overdue: int  # overdue by more than a week
    one_sided: int


class RegroupRow(NamedTuple):
    """A contact as the regroup review shows them."""

    contact_id: int
    contact: str
    own_cadence_days: int | None
    cadence_days: int
    last_touch_at: pendulum.DateTime | None
    touches_recently: int  # in the last REGROUP_ACTIVITY_DAYS
    balance: FavourBalance


class Acquaintance(NamedTuple):
    """Someone near a contact: who introduced whom, or met together."""

    contact_id: int
    contact: str
    how: str  # "introduced them to you", "you introduced them", "met together 3 times", ...


# --- the garden overview (store/stats.py; garden/stats.py puts them together) --------------

class CircleCounts(NamedTuple):
    """One circle (None: contacts in no circle) and its active contacts, each in one kind."""

    circle_id: int | None
    name: str | None
    priority: int | None
    cadence_days: int | None
    on_track: int  # next due after the coming week
    due: int  # next due today or within the coming week
    overdue: int  # next due before today
    one_sided: int  # too many outreaches unanswered in a row: the cadence stops asking


class Drifter(NamedTuple):
    """A contact long past their next due day."""

    contact_id: int
    contact: str
    circle: str | None
    cadence_days: int
    next_due: pendulum.Date
    days_overdue: int
    last_touch_at: pendulum.DateTime | None


class FavourTotals(NamedTuple):
    """Favours across the garden, each way."""

    gave: int  # done by me: given, or offered and delivered
    took: int  # done for me: received, or asked and delivered
    offered_open: int  # offered by me, not yet done
    asked_open: int  # asked by me, not yet answered


class OverdueHistory(NamedTuple):
    """People past their cadence at the end of each day asked about (store/stats.py says
    how; estimated from a sample when ``sampled`` < ``active``)."""

    counts: tuple[int, ...]
    active: int  # active contacts today
    sampled: int  # of them walked through (all of them, on a garden of up to 3,000)


# --- who do I know who... (store/words.py; garden/who.py puts them in words) -----------------

class WhoLine(NamedTuple):
    """A line about someone a search matched: where it came from and what it says, each
    matched word between store/words.py's MARKS."""

    source: str  # name, nickname, company, role, notes, town, tag, circle, fact, need, met, touch
    text: str  # marked
    terms: tuple[int, ...]  # which of the search's words it holds (their places)
    kind: str = ""  # a fact's kind; "need" or "offer"
    at: pendulum.DateTime | None = None  # a touch's moment
    channel: str = ""  # a touch's channel
    marked: bool = True  # False: the text holds the marks' own characters, as typed


class WhoHit(NamedTuple):
    """Someone a search found, ranked, with the lines that hold its words."""

    contact_id: int
    contact: str
    score: int
    lines: tuple[WhoLine, ...]
