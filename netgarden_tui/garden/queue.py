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
- one-sided ("let go?", asked once): 250
- cadence: (days overdue + 1) x the circle's weight, at most 800; the weight is
  6 - priority (priority 1 weighs 5, no circle weighs 1). So an overdue client outranks
  an equally overdue friend, and no cadence outranks a promise or a birthday.
- Don't neglect who you already know: a contact added less than NEW_CONTACT_DAYS ago
  counts half on cadence, so a burst of new faces cannot push out long-standing ties.
- Don't be desperate: a one-sided contact (the config's one_sided_after outreaches in a
  row unanswered) is not due on cadence; instead the queue asks once whether to let go.
- Don't hide online: "only online since ..." is added to the reasons of a contact shown
  whose touches have all been online for the config's online_only_days; it does not
  change the rank.

Each item shown also carries one suggestion of what to reach out about (``suggestion``).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import choice_words
from netgarden_tui.store import queries
from netgarden_tui.store.records import Birthday, CadenceDue, CadenceScore

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
    follow_up_ids: tuple[int, ...] = ()  # due: what "done" settles...
    favour_ids: tuple[int, ...] = ()  # ...with the favours offered and due (delivered)
    suggestion: str = ""  # one concrete reason to reach out, from what is known

    def has(self, kind: str) -> bool:
        return any(reason.kind == kind for reason in self.reasons)


CADENCE_SCORE = CadenceScore(cap=800, weight_base=6, new_days=NEW_CONTACT_DAYS)


class _Scored(NamedTuple):
    """A reason, scored; its words are written only if its item is among those shown."""

    kind: str
    due_on: pendulum.Date
    score: float
    words: Callable[[], str]

    def reason(self) -> Reason:
        return Reason(self.kind, self.words(), self.due_on, self.score)


def due_queue(config: Config, *, today: pendulum.Date | None = None,
              limit: int | None = None) -> list[QueueItem]:
    """Today's queue, best first; with ``limit``, only the best that many.

    Every reason is scored, but words and items are made only for the contacts shown;
    and of the many whose cadence ran out, SQL hands over only the best ``limit``.
    """
    today = today or clock.today()
    scored: dict[int, list[_Scored]] = {}
    names: dict[int, str] = {}
    follow_up_ids: dict[int, list[int]] = {}
    favour_ids: dict[int, list[int]] = {}

    def add(contact_id: int, name: str, reason: _Scored) -> None:
        scored.setdefault(contact_id, []).append(reason)
        names[contact_id] = name

    for follow_up in queries.follow_ups(due_by=today):
        add(follow_up.contact_id, follow_up.contact,
            _promise("follow_up", "follow-up", follow_up.what, follow_up.due_on, today))
        follow_up_ids.setdefault(follow_up.contact_id, []).append(follow_up.id)
    for favour in queries.favours(promised_by=today):
        what = " - ".join(part for part in (favour.kind, favour.what) if part) or "a favour"
        add(favour.contact_id, favour.contact,
            _promise("favour", "you offered", what, favour.due_on or today, today))
        favour_ids.setdefault(favour.contact_id, []).append(favour.id)
    days = birthday_days(today, config.birthday_lookahead_days)
    next_days = {pair: next_birthday(Birthday(*pair, None), today) for pair in days}
    for row in queries.birthdays_on(days):
        on_day = next_days[(row.birthday.month, row.birthday.day)]
        add(row.contact_id, row.contact, _birthday(row.birthday, today, on_day))
    since = today.subtract(days=LIFE_EVENT_WINDOW_DAYS)
    for event in queries.life_events(unacknowledged_since=since, until=today):
        add(event.contact_id, event.contact, _life_event(event.kind, event.text, event.on, today))
    for contact_id, name, unanswered in _let_go_rows(config, today, limit):
        add(contact_id, name, _let_go(contact_id, unanswered, today))
    for row in _cadence_rows(config, today, limit):
        add(row.contact_id, row.contact, _cadence(row))

    ranked = sorted(scored, key=lambda cid: _rank(scored[cid], names[cid]))
    items = [replace(_item(cid, names[cid], scored[cid], today),
                     follow_up_ids=tuple(follow_up_ids.get(cid, ())),
                     favour_ids=tuple(favour_ids.get(cid, ())))
             for cid in ranked[:limit]]
    items = _with_suggestions(_with_online_only(items, config, today), today)
    regroup = regroup_reason(config, today)
    if regroup is not None:
        items.append(replace(
            _item(None, None, [_Scored(regroup.kind, regroup.due_on, regroup.score,
                                       lambda: regroup.text)], today),
            suggestion="Walk through your circles: who to move, slow down or let go (R)"))
    items.sort(key=lambda item: (-item.score, item.due_on, item.contact or ""))
    return items[:limit]


def _item_score(reasons: list[_Scored]) -> float:
    return max(reason.score for reason in reasons) + 10 * (len(reasons) - 1)


def _rank(reasons: list[_Scored], name: str) -> tuple:
    return (-_item_score(reasons), min(reason.due_on for reason in reasons), name)


def _cadence_rows(config, today, limit) -> list[CadenceDue]:
    """Every cadence-due contact, or (with a limit) the best ``limit`` of them plus those
    due for another reason, to whose item the cadence adds a reason."""
    def read(**only):
        return queries.cadence_due(today, default_cadence=config.default_cadence_days,
                                   score=CADENCE_SCORE, one_sided_after=config.one_sided_after,
                                   **only)

    return _best_and_also_due(read, config, today, limit, lambda row: row.contact_id)


def _let_go_rows(config, today, limit) -> list[tuple[int, str, int]]:
    """The one-sided contacts to ask "let go?", or (with a limit) the first ``limit`` (all
    score the same, so the first by name) plus those due for another reason."""
    def read(**only):
        return queries.one_sided_to_ask(config.one_sided_after, **only)

    return _best_and_also_due(read, config, today, limit, lambda row: row[0])


def _best_and_also_due(read, config, today, limit, contact_id) -> list:
    """``read()``'s rows, or with a limit the best ``limit`` of them and, of the rest,
    those whose contact is due for another reason (their item gains a reason)."""
    if limit is None:
        return read()
    best = read(limit=limit)
    seen = {contact_id(row) for row in best}
    also_due = read(among=_other_reasons(config, today, let_go=False))
    return best + [row for row in also_due if contact_id(row) not in seen]


def _other_reasons(config, today, *, let_go: bool = True):
    return queries.contacts_due_for_other_reasons(
        today, birthday_days=birthday_days(today, config.birthday_lookahead_days),
        life_events_since=today.subtract(days=LIFE_EVENT_WINDOW_DAYS),
        one_sided_after=config.one_sided_after if let_go else None)


def due_count(config: Config, *, today: pendulum.Date | None = None) -> int:
    """How many items the whole queue holds (the regroup review counts as one)."""
    today = today or clock.today()
    contacts = queries.count_due_contacts(today, other_reasons=_other_reasons(config, today),
                                          one_sided_after=config.one_sided_after)
    return contacts + (regroup_reason(config, today) is not None)


def _item(contact_id, name, reasons: list[_Scored], today) -> QueueItem:
    due_on = min(reason.due_on for reason in reasons)
    best_first = sorted(reasons, key=lambda reason: -reason.score)
    return QueueItem(contact_id=contact_id, contact=name, due_on=due_on,
                     overdue_days=max(0, days_between(due_on, today)),
                     reasons=tuple(reason.reason() for reason in best_first),
                     score=_item_score(reasons))


def _cadence(row: CadenceDue) -> _Scored:
    def words() -> str:
        every = f"(every {_days(row.cadence_days)})"
        if row.days_since_touch is None:
            return f"added {_days(row.days_since_added)} ago, never in touch {every}"
        return f"last in touch {_days(row.days_since_touch)} ago {every}"

    return _Scored("cadence", row.next_due, row.score, words)


def _let_go(contact_id: int, unanswered: int, today: pendulum.Date) -> _Scored:
    def words() -> str:
        since = queries.unanswered_since(contact_id)
        when = f" since {_since(since, today)}" if since else ""
        return f"{unanswered} messages without reply{when} — let go?"

    return _Scored("one_sided", today, 250, words)


def _since(moment: pendulum.DateTime, today: pendulum.Date) -> str:
    """ "Tue 17 Nov" within the last four weeks, else "March" this year, "March 2025"."""
    day = moment.in_timezone(clock.now().timezone).date()
    if days_between(day, today) < 28:
        return short_date(day, today=today)
    return day.format("MMMM") if day.year == today.year else day.format("MMMM YYYY")


def _with_online_only(items: list[QueueItem], config: Config,
                      today: pendulum.Date) -> list[QueueItem]:
    """Seed 004's "don't hide online": a reason for the items shown whose contact has been
    touched only by email, message or social for ``online_only_days`` or longer (not for
    one-sided ones: they answer no message, so a coffee is not the point)."""
    since = queries.online_only_since(item.contact_id for item in items
                                      if not item.has("one_sided"))
    window_start = today.subtract(days=config.online_only_days)
    result = []
    for item in items:
        moment = since.get(item.contact_id)
        if moment is not None and moment.in_timezone(clock.now().timezone).date() <= window_start:
            reason = Reason("online_only", f"only online since {_since(moment, today)} — "
                                           "suggest a call or coffee", item.due_on, 0)
            item = replace(item, reasons=(*item.reasons, reason))
        result.append(item)
    return result


def _with_suggestions(items: list[QueueItem], today: pendulum.Date) -> list[QueueItem]:
    from netgarden_tui.garden import openers  # it reads this module's Reason

    ids = [item.contact_id for item in items]
    notes, favours = queries.last_notes(ids), queries.unthanked_favours(ids)
    return [replace(item, suggestion=openers.suggestion(
                item, notes.get(item.contact_id), favours.get(item.contact_id), today))
            for item in items]


def _promise(kind, label, what, due_on, today) -> _Scored:
    overdue = days_between(due_on, today)

    def words() -> str:
        when = "due today" if overdue <= 0 else f"{_days(overdue)} overdue"
        return f"{label} {when}: {what}"

    return _Scored(kind, due_on, 1000 + 10 * min(max(overdue, 0), 60), words)


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


def _birthday(birthday: Birthday, today: pendulum.Date, on_day: pendulum.Date) -> _Scored:
    until = days_between(today, on_day)

    def words() -> str:
        when = "today" if until == 0 else f"on {short_date(on_day, today=today)}"
        if birthday.year:
            return f"turns {on_day.year - birthday.year} {when}"
        return f"birthday {when}"

    return _Scored("birthday", on_day, 900 - 100 * until, words)


def birthday_reason(birthday: Birthday, today: pendulum.Date) -> Reason:
    return _birthday(birthday, today, next_birthday(birthday, today)).reason()


def _life_event(kind: str, text: str, on: pendulum.Date, today: pendulum.Date) -> _Scored:
    since = days_between(on, today)

    def words() -> str:
        detail = f": {text}" if text else ""
        return f"congratulate: {choice_words(kind)}{detail} ({_days_ago(since)})"

    return _Scored("life_event", on, 600 + 5 * min(since, 30), words)


def life_event_reason(kind: str, text: str, on: pendulum.Date, today: pendulum.Date) -> Reason:
    return _life_event(kind, text, on, today).reason()


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
        text = f"regroup your circles (last done {_days_ago(days_between(since_day, today))})"
    else:
        text = "regroup your circles (not done since you started)"
    return Reason("regroup", text, due_on, 300)


def days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole days from one date to another; plain ordinals, as pendulum's subtraction is
    slow for the tens of thousands of items of a big garden."""
    return later.toordinal() - earlier.toordinal()


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _days_ago(n: int) -> str:
    return {0: "today", 1: "yesterday"}.get(n, f"{n} days ago")
