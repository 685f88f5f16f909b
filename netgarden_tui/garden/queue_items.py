"""The queue's records: why someone is due (a reason: one record per kind, holding the
facts it rests on) and a contact's place in the queue (a QueueItem).

garden/queue.py makes them; garden/reason_words.py writes every sentence about them, for
the Due pane, the review, `netgarden due` and its JSON. Adding a reason is its query in
store/due.py (its facts named as its record's fields), its record here, and its words.
Named tuples, not dataclasses: these are on the app's start-up path.
"""

from typing import NamedTuple

import pendulum


class CadenceDue(NamedTuple):
    """Time to be in touch again, by the contact's cadence."""

    kind = "cadence"
    due_on: pendulum.Date
    score: float
    every_days: int
    days_since_touch: int | None  # None: never in touch
    days_since_added: int


class MeetingComing(NamedTuple):
    """A meeting with them today or tomorrow, read from a calendar (``due_on`` is its day)."""

    kind = "meeting"
    due_on: pendulum.Date
    score: float
    starts_at: pendulum.DateTime
    whole_day: bool
    channel: str  # video or meeting
    summary: str


class FollowUpDue(NamedTuple):
    """A follow-up I promised, due by today."""

    kind = "follow_up"
    due_on: pendulum.Date
    score: float
    follow_up_id: int
    what: str
    days_overdue: int


class FavourDue(NamedTuple):
    """A favour I offered, not yet delivered, due by today (or with no day set)."""

    kind = "favour"
    due_on: pendulum.Date
    score: float
    favour_id: int
    favour_kind: str
    what: str
    days_overdue: int


class BirthdayComing(NamedTuple):
    """A birthday within the look-ahead (``due_on`` is the day)."""

    kind = "birthday"
    due_on: pendulum.Date
    score: float
    born_in: int | None

    @property
    def age(self) -> int | None:
        """The age they turn, when the year they were born is known."""
        return None if self.born_in is None else self.due_on.year - self.born_in


class LifeEventNews(NamedTuple):
    """A life event not yet congratulated on (``due_on`` is the day it happened)."""

    kind = "life_event"
    due_on: pendulum.Date
    score: float
    life_event_id: int
    event_kind: str
    what: str  # what happened, in the user's words
    days_ago: int


class IntroductionSuggested(NamedTuple):
    """One person's need matches another's offer (or one of their tags): introduce them?
    The item is the one in need's; ``due_on`` is today."""

    kind = "introduction"
    due_on: pendulum.Date
    score: float
    need_id: int
    what: str  # what they need, in their words
    other_id: int  # who could help
    other: str
    offer: str  # what the other offers, or the tag they have
    by_tag: bool  # the other matched by a tag, not an offer
    shared: int  # words the need and the offer share

    @property
    def pair(self) -> tuple[int, int]:
        """(one in need, one who offers): dismissed, never suggested again."""
        return self.need_id, self.other_id


class OneSided(NamedTuple):
    """Outreaches in a row without a reply: the queue asks once whether to let go."""

    kind = "one_sided"
    due_on: pendulum.Date
    score: float
    unanswered: int
    since: pendulum.DateTime | None = None  # the first of them


class OnlineOnly(NamedTuple):
    """Touched only online for a while; it adds words, not points."""

    kind = "online_only"
    due_on: pendulum.Date
    score: float
    since: pendulum.DateTime


class RegroupDue(NamedTuple):
    """The regroup review of the circles, due every regroup interval."""

    kind = "regroup"
    due_on: pendulum.Date
    score: float
    last_done_days_ago: int | None  # None: not done since the garden started


Reason = (CadenceDue | MeetingComing | FollowUpDue | FavourDue | BirthdayComing | LifeEventNews
          | IntroductionSuggested | OneSided | OnlineOnly | RegroupDue)
# The records store/due.py's rows become, by kind.
FOUND_IN_SQL = {record.kind: record for record in (
    CadenceDue, MeetingComing, FollowUpDue, FavourDue, BirthdayComing, LifeEventNews,
    IntroductionSuggested, OneSided)}


class QueueItem(NamedTuple):
    contact_id: int | None  # None for the regroup review
    contact: str | None
    due_on: pendulum.Date
    overdue_days: int
    reasons: tuple[Reason, ...]
    score: float
    suggestion: str = ""  # one concrete reason to reach out, from what is known
    aside: str = ""  # what tells them from another of the same name: "Acme", an email

    def has(self, kind: str) -> bool:
        return any(reason.kind == kind for reason in self.reasons)

    def first(self, kind: str) -> Reason | None:
        """Its first reason of this kind, if it has one."""
        return next((reason for reason in self.reasons if reason.kind == kind), None)

    @property
    def follow_up_ids(self) -> tuple[int, ...]:
        """The follow-ups it is due for: "done" settles them..."""
        return tuple(reason.follow_up_id for reason in self.reasons
                     if isinstance(reason, FollowUpDue))

    @property
    def favour_ids(self) -> tuple[int, ...]:
        """...and delivers the favours I offered."""
        return tuple(reason.favour_id for reason in self.reasons if isinstance(reason, FavourDue))

    @property
    def introductions(self) -> tuple[IntroductionSuggested, ...]:
        """The introductions it suggests: ``i`` makes them, ``x`` dismisses them."""
        return tuple(reason for reason in self.reasons
                     if isinstance(reason, IntroductionSuggested))


class DueToday(NamedTuple):
    items: list[QueueItem]
    total: int  # items in the whole queue, however many are in ``items``
