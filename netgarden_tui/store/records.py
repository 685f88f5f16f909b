"""Plain dataclasses the store hands out: screens and commands never hold live rows."""

from dataclasses import dataclass, field

import pendulum


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact list."""

    id: int
    name: str
    circle: str | None
    last_touch_at: pendulum.DateTime | None
    next_due: pendulum.Date
    days_since_touch: int | None  # local days, from SQL; None: never in touch


@dataclass(frozen=True)
class Method:
    kind: str
    value: str
    label: str = ""


@dataclass(frozen=True)
class FactRecord:
    id: int
    kind: str
    text: str
    year: int | None


@dataclass(frozen=True)
class FollowUpRecord:
    id: int
    contact_id: int
    contact: str
    due_on: pendulum.Date
    what: str
    done_at: pendulum.DateTime | None


@dataclass(frozen=True)
class FavourRecord:
    id: int
    contact_id: int
    contact: str
    direction: str
    kind: str
    what: str
    status: str
    due_on: pendulum.Date | None
    created_at: pendulum.DateTime


@dataclass(frozen=True)
class LifeEventRecord:
    id: int
    contact_id: int
    contact: str
    kind: str
    text: str
    on: pendulum.Date
    acknowledged_at: pendulum.DateTime | None


@dataclass(frozen=True)
class IntroductionRecord:
    id: int
    introducer: str | None
    person_a_id: int
    person_a: str
    person_b_id: int
    person_b: str
    on: pendulum.Date
    note: str
    outcome: str


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    at: pendulum.DateTime
    channel: str
    direction: str
    note: str
    awaiting_reply: bool
    duration_seconds: int | None
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Birthday:
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class FavourBalance:
    """Favours done: by me (given, or offered and delivered) and for me (received, or
    asked and delivered). Seed 002: "it's important to take as well as give"."""

    gave: int
    took: int


@dataclass(frozen=True)
class ContactCard:
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
    favours: tuple[FavourRecord, ...] = field(default=())  # open ones
    balance: FavourBalance = field(default_factory=lambda: FavourBalance(0, 0))
    unanswered_in_a_row: int = 0


@dataclass(frozen=True)
class CadenceScore:
    """How the queue ranks an overdue cadence (garden/queue.py explains the numbers):
    (days overdue + 1) x weight, at most ``cap``; weight = ``weight_base`` - priority, at
    least 1 (1 without a circle); contacts added less than ``new_days`` ago count half."""

    cap: int
    weight_base: int
    new_days: int


@dataclass(frozen=True)
class DaysScore:
    """``base + per_day x days``, the days counted from 0 up to ``max_days``."""

    base: int
    per_day: int
    max_days: int


@dataclass(frozen=True)
class DueRules:
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


@dataclass(frozen=True)
class RankedItem:
    """A contact's place in today's queue, from SQL (store/due.py)."""

    contact_id: int
    contact: str
    score: float
    due_on: pendulum.Date


@dataclass(frozen=True)
class DuplicatePair:
    """Two contacts that may be one person (store/merge.py likely_duplicates)."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str
    reason: str  # "same email ann@acme.example", "same phone …025550149", "same name", ...


@dataclass(frozen=True)
class ContactFields:
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


@dataclass(frozen=True)
class CircleRecord:
    id: int
    name: str
    priority: int
    cadence_days: int


@dataclass(frozen=True)
class CircleHealth:
    """One circle (None: contacts in no circle) and how its contacts are doing today."""

    circle_id: int | None
    name: str | None
    priority: int | None
    cadence_days: int | None
    contacts: int
    due: int  # due today or overdue
    overdue: int  # overdue by more than a week
    one_sided: int


@dataclass(frozen=True)
class RegroupRow:
    """A contact as the regroup review shows them."""

    contact_id: int
    contact: str
    own_cadence_days: int | None
    cadence_days: int
    last_touch_at: pendulum.DateTime | None
    touches_recently: int  # in the last REGROUP_ACTIVITY_DAYS
    balance: FavourBalance


@dataclass(frozen=True)
class Acquaintance:
    """Someone near a contact: who introduced whom, or met together."""

    contact_id: int
    contact: str
    how: str  # "introduced them to you", "you introduced them", "met together 3 times", ...
