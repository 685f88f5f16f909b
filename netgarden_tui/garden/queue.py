"""The Due queue: who to get in touch with today, and why, in words.

Candidates come from SQL (the store), never from loading every contact: cadence due or
overdue, follow-ups due, favours I offered and have not delivered, birthdays in the
look-ahead, unacknowledged life events, and the regroup review.

Ranking (higher first). Each reason scores on its own; an item takes its best reason's
score plus 10 for each further reason:

- follow-up or promised favour due: 1000 + 10 x days overdue (at most 60 days counted)
- birthday: 900 on the day, 100 less for each day before it
- unacknowledged life event: 600 + 5 x days since it happened (at most 30 days counted)
- regroup review due: 300
- cadence: (days overdue + 1) x the circle's weight, at most 800; the weight is
  6 - priority (priority 1 weighs 5, no circle weighs 1). So an overdue client outranks
  an equally overdue friend, and no cadence outranks a promise or a birthday.
- Don't neglect who you already know: a contact added less than NEW_CONTACT_DAYS ago
  counts half on cadence, so a burst of new faces cannot push out long-standing ties.
"""

from dataclasses import dataclass

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden.dates import short_date
from netgarden_tui.store import queries
from netgarden_tui.store.records import Birthday, CadenceDue

NEW_CONTACT_DAYS = 90
LIFE_EVENT_WINDOW_DAYS = 60
REGROUP_KEY = "last_regroup_on"
CREATED_KEY = "garden_created_on"


@dataclass(frozen=True)
class Reason:
    kind: str  # cadence, follow_up, favour, birthday, life_event, regroup
    text: str
    due_on: pendulum.Date
    score: float


@dataclass(frozen=True)
class QueueItem:
    contact_id: int | None  # None for the regroup review
    contact: str | None
    due_on: pendulum.Date
    overdue_days: int
    reasons: tuple[Reason, ...]
    score: float
    follow_up_ids: tuple[int, ...] = ()


def due_queue(config: Config, *, today: pendulum.Date | None = None) -> list[QueueItem]:
    """Today's queue, best first."""
    today = today or clock.today()
    reasons_by_contact: dict[int, list[Reason]] = {}
    names: dict[int, str] = {}
    follow_up_ids: dict[int, list[int]] = {}

    def add(contact_id: int, name: str, reason: Reason) -> None:
        reasons_by_contact.setdefault(contact_id, []).append(reason)
        names[contact_id] = name

    for row in queries.cadence_due(today, default_cadence=config.default_cadence_days):
        add(row.contact_id, row.contact, cadence_reason(row, today))
    for follow_up in queries.follow_ups(due_by=today):
        add(follow_up.contact_id, follow_up.contact,
            _promise_reason("follow_up", "follow-up", follow_up.what, follow_up.due_on, today))
        follow_up_ids.setdefault(follow_up.contact_id, []).append(follow_up.id)
    for favour in queries.favours(promised_by=today):
        what = " - ".join(part for part in (favour.kind, favour.what) if part) or "a favour"
        add(favour.contact_id, favour.contact,
            _promise_reason("favour", "you offered", what, favour.due_on or today, today))
    for row in queries.birthdays_on(birthday_days(today, config.birthday_lookahead_days)):
        add(row.contact_id, row.contact, birthday_reason(row.birthday, today))
    since = today.subtract(days=LIFE_EVENT_WINDOW_DAYS)
    for event in queries.life_events(unacknowledged_since=since, until=today):
        add(event.contact_id, event.contact, life_event_reason(event.kind, event.text, event.on, today))

    items = [
        _item(cid, names[cid], reasons, today, tuple(follow_up_ids.get(cid, ())))
        for cid, reasons in reasons_by_contact.items()
    ]
    regroup = regroup_reason(config, today)
    if regroup is not None:
        items.append(_item(None, None, [regroup], today))
    items.sort(key=lambda item: (-item.score, item.due_on, item.contact or ""))
    return items


def _item(contact_id, name, reasons, today, follow_up_ids=()) -> QueueItem:
    reasons = sorted(reasons, key=lambda reason: -reason.score)
    due_on = min(reason.due_on for reason in reasons)
    score = reasons[0].score + 10 * (len(reasons) - 1)
    return QueueItem(contact_id=contact_id, contact=name, due_on=due_on,
                     overdue_days=max(0, (today - due_on).days), reasons=tuple(reasons),
                     score=score, follow_up_ids=follow_up_ids)


def circle_weight(priority: int | None) -> int:
    return 1 if priority is None else max(1, 6 - priority)


def cadence_reason(row: CadenceDue, today: pendulum.Date) -> Reason:
    overdue = (today - row.next_due).days
    score = min(800, (overdue + 1) * circle_weight(row.priority))
    if (today - row.created_at.date()).days < NEW_CONTACT_DAYS:
        score /= 2
    every = f"(every {_days(row.cadence_days)})"
    if row.last_touch_at is None:
        added = (today - row.created_at.date()).days
        text = f"added {_days(added)} ago, never in touch {every}"
    else:
        since = (today - row.last_touch_at.in_timezone(clock.now().timezone).date()).days
        text = f"last in touch {_days(since)} ago {every}"
    return Reason("cadence", text, row.next_due, score)


def _promise_reason(kind, label, what, due_on, today) -> Reason:
    overdue = (today - due_on).days
    when = "due today" if overdue <= 0 else f"{_days(overdue)} overdue"
    score = 1000 + 10 * min(max(overdue, 0), 60)
    return Reason(kind, f"{label} {when}: {what}", due_on, score)


def birthday_days(today: pendulum.Date, lookahead: int) -> list[tuple[int, int]]:
    """(month, day) pairs whose birthday falls in today..today+lookahead.

    A 29 February birthday falls on 28 February in other years.
    """
    days = []
    for offset in range(lookahead + 1):
        day = today.add(days=offset)
        days.append((day.month, day.day))
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            days.append((2, 29))
    return days


def next_birthday(birthday: Birthday, today: pendulum.Date) -> pendulum.Date:
    for year in (today.year, today.year + 1):
        day = _birthday_in(birthday, year)
        if day >= today:
            return day
    raise AssertionError("unreachable: a birthday recurs every year")


def _birthday_in(birthday: Birthday, year: int) -> pendulum.Date:
    if birthday.month == 2 and birthday.day == 29 and not _is_leap(year):
        return pendulum.date(year, 2, 28)
    return pendulum.date(year, birthday.month, birthday.day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def birthday_reason(birthday: Birthday, today: pendulum.Date) -> Reason:
    day = next_birthday(birthday, today)
    until = (day - today).days
    when = "today" if until == 0 else f"on {short_date(day, today=today)}"
    if birthday.year:
        text = f"turns {day.year - birthday.year} {when}"
    else:
        text = f"birthday {when}"
    return Reason("birthday", text, day, 900 - 100 * until)


def life_event_reason(kind: str, text: str, on: pendulum.Date, today: pendulum.Date) -> Reason:
    label = kind.replace("_", " ")
    since = (today - on).days
    detail = f": {text}" if text else ""
    return Reason("life_event", f"congratulate: {label}{detail} ({_days_ago(since)})", on,
                  600 + 5 * min(since, 30))


def regroup_reason(config: Config, today: pendulum.Date) -> Reason | None:
    """Due every regroup interval, counted from the last regroup (or the garden's start)."""
    last_regroup = queries.setting(REGROUP_KEY)
    since = last_regroup or queries.setting(CREATED_KEY)
    if since is None:
        return None
    since_day = pendulum.Date.fromisoformat(since)
    due_on = since_day.add(days=config.regroup_interval_days)
    if due_on > today:
        return None
    if last_regroup:
        text = f"regroup your circles (last done {_days_ago((today - since_day).days)})"
    else:
        text = "regroup your circles (not done since you started)"
    return Reason("regroup", text, due_on, 300)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _days_ago(n: int) -> str:
    return {0: "today", 1: "yesterday"}.get(n, f"{n} days ago")
