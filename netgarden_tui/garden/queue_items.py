"""The queue's records: why someone is due (a Reason) and a contact's place in the queue
(a QueueItem). garden/queue.py finds and ranks them; openers.py, the Due pane and the
command line read them."""

from typing import NamedTuple

import pendulum


class Reason(NamedTuple):
    kind: str  # cadence, follow_up, favour, birthday, life_event, one_sided, regroup, ...
    text: str
    due_on: pendulum.Date
    score: float


class QueueItem(NamedTuple):
    contact_id: int | None  # None for the regroup review
    contact: str | None
    due_on: pendulum.Date
    overdue_days: int
    reasons: tuple[Reason, ...]
    score: float
    follow_up_ids: tuple[int, ...] = ()  # due: what "done" settles...
    favour_ids: tuple[int, ...] = ()  # ...with the favours offered and due (delivered)
    suggestion: str = ""  # one concrete reason to reach out, from what is known

    def has(self, kind: str) -> bool:
        return any(reason.kind == kind for reason in self.reasons)


class DueToday(NamedTuple):
    items: list[QueueItem]
    total: int  # items in the whole queue, however many are in ``items``
