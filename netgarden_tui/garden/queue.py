"""The Due queue: who to get in touch with today, and why, in words.

The reasons: cadence due or overdue, follow-ups due, favours I offered and have not
delivered, birthdays in the look-ahead, unacknowledged life events, the "let go?" question,
and the regroup review. SQL finds, scores and ranks them (store/due.py, with the numbers
set here), never loading every contact; words are written only for the items shown.

Ranking (higher first; then the earlier due day, then the name). Each reason scores on
its own; an item takes its best reason's score plus 10 for each further reason:

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

from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden import openers
from netgarden_tui.garden.display import choice_words
from netgarden_tui.garden.queue_items import DueToday, QueueItem, Reason
from netgarden_tui.store import due, queries
from netgarden_tui.store.records import (
    Birthday, CadenceScore, DaysScore, DueRules, RankedItem,
)

NEW_CONTACT_DAYS = 90
LIFE_EVENT_WINDOW_DAYS = 60
REGROUP_KEY = "last_regroup_on"
CREATED_KEY = "garden_created_on"

CADENCE_SCORE = CadenceScore(cap=800, weight_base=6, new_days=NEW_CONTACT_DAYS)
PROMISE_SCORE = DaysScore(base=1000, per_day=10, max_days=60)
LIFE_EVENT_SCORE = DaysScore(base=600, per_day=5, max_days=30)
LET_GO_POINTS = 250
REGROUP_POINTS = 300
FURTHER_REASON_POINTS = 10
DUE_SHOWN = 50  # a morning's worth: the Due pane and `netgarden due` show the best this many


def due_queue(config: Config, *, today: pendulum.Date | None = None,
              limit: int | None = None) -> list[QueueItem]:
    """Today's queue, best first; with ``limit``, only the best that many."""
    return due_today(config, today=today, limit=limit).items


def due_today(config: Config, *, today: pendulum.Date | None = None,
              limit: int | None = None) -> DueToday:
    """Today's queue (with ``limit``, its best that many items) and how long it is.

    SQL ranks every contact due; reasons and words are read and written only for those
    shown.
    """
    today = today or clock.today()
    rules = due_rules(config, today)
    ranked, total = due.ranked(rules, limit=limit)
    shown = None if limit is None else [item.contact_id for item in ranked]
    reasons = _reasons_by_contact(due.reasons(rules, shown), today)
    # A contact whose reasons went in between the two reads (another session wrote) is left out.
    items = [_item(item, reasons[item.contact_id], today)
             for item in ranked if item.contact_id in reasons]
    items = _with_suggestions(_with_online_only(items, config, today), today)
    regroup = regroup_reason(config, today)
    if regroup is not None:
        items.append(QueueItem(
            contact_id=None, contact=None, due_on=regroup.due_on,
            overdue_days=max(0, days_between(regroup.due_on, today)), reasons=(regroup,),
            score=regroup.score,
            suggestion="Walk through your circles: who to move, slow down or let go (R)"))
        # Stable: SQL's order stands among equals, with the regroup review first of them.
        items.sort(key=lambda item: (-item.score, item.due_on, item.contact_id is not None))
    return DueToday(items[:limit], total + (regroup is not None))


def due_rules(config: Config, today: pendulum.Date) -> DueRules:
    """The queue's rules for ``today``, as the store reads and scores them."""
    birthdays = []
    for month, day in birthday_days(today, config.birthday_lookahead_days):
        on_day = next_birthday(Birthday(month, day, None), today)
        birthdays.append((month, day, on_day, _birthday_points(today, on_day)))
    return DueRules(today=today, default_cadence=config.default_cadence_days,
                    cadence=CADENCE_SCORE, promise=PROMISE_SCORE, life_event=LIFE_EVENT_SCORE,
                    life_events_since=today.subtract(days=LIFE_EVENT_WINDOW_DAYS),
                    birthdays=tuple(birthdays), one_sided_after=config.one_sided_after,
                    let_go_points=LET_GO_POINTS, further_reason_points=FURTHER_REASON_POINTS)


class _ContactReasons(NamedTuple):
    reasons: list[Reason]
    follow_ups: list[int]  # due follow-ups, which "done" settles
    favours: list[int]  # favours offered and due, which "done" delivers


def _item(ranked: RankedItem, found: _ContactReasons, today: pendulum.Date) -> QueueItem:
    return QueueItem(contact_id=ranked.contact_id, contact=ranked.contact, due_on=ranked.due_on,
                     overdue_days=max(0, days_between(ranked.due_on, today)),
                     reasons=tuple(sorted(found.reasons, key=lambda reason: -reason.score)),
                     score=ranked.score, follow_up_ids=tuple(found.follow_ups),
                     favour_ids=tuple(found.favours))


def _reasons_by_contact(rows: dict[str, list[tuple]], today) -> dict[int, _ContactReasons]:
    """Each contact's reasons in words, in store/due.py's KINDS order."""
    found: dict[int, _ContactReasons] = {}

    def add(contact_id, kind, text, due_on, points) -> _ContactReasons:
        entry = found.setdefault(contact_id, _ContactReasons([], [], []))
        entry.reasons.append(Reason(kind, text, due_on, points))
        return entry

    for cid, points, due_on, follow_up_id, what in rows["follow_up"]:
        add(cid, "follow_up", _promise_words("follow-up", what, due_on, today), due_on,
            points).follow_ups.append(follow_up_id)
    for cid, points, due_on, favour_id, kind, what in rows["favour"]:
        what = " - ".join(part for part in (kind, what) if part) or "a favour"
        add(cid, "favour", _promise_words("you offered", what, due_on, today), due_on,
            points).favours.append(favour_id)
    for cid, points, on_day, year in rows["birthday"]:
        add(cid, "birthday", _birthday_words(year, on_day, today), on_day, points)
    for cid, points, on, kind, text in rows["life_event"]:
        add(cid, "life_event", life_event_words(kind, text, on, today), on, points)
    for cid, points, due_on, unanswered in rows["one_sided"]:
        add(cid, "one_sided", _let_go_words(cid, unanswered, today), due_on, points)
    for cid, points, due_on, cadence_days, since_touch, since_added in rows["cadence"]:
        add(cid, "cadence", _cadence_words(cadence_days, since_touch, since_added), due_on,
            points)
    return found


def _cadence_words(cadence_days: int, days_since_touch: int | None, days_since_added: int) -> str:
    every = f"(every {_days(cadence_days)})"
    if days_since_touch is None:
        return f"added {_days(days_since_added)} ago, never in touch {every}"
    return f"last in touch {_days(days_since_touch)} ago {every}"


def _let_go_words(contact_id: int, unanswered: int, today: pendulum.Date) -> str:
    since = queries.unanswered_since(contact_id)
    when = f" since {_since(since, today)}" if since else ""
    return f"{unanswered} messages without reply{when} — let go?"


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
            item = item._replace(reasons=(*item.reasons, reason))
        result.append(item)
    return result


def _with_suggestions(items: list[QueueItem], today: pendulum.Date) -> list[QueueItem]:

    ids = [item.contact_id for item in items]
    notes, favours = queries.last_notes(ids), queries.unthanked_favours(ids)
    return [item._replace(suggestion=openers.suggestion(
                item, notes.get(item.contact_id), favours.get(item.contact_id), today))
            for item in items]


def _promise_words(label: str, what: str, due_on: pendulum.Date, today: pendulum.Date) -> str:
    overdue = days_between(due_on, today)
    when = "due today" if overdue <= 0 else f"{_days(overdue)} overdue"
    return f"{label} {when}: {what}"


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


def _birthday_points(today: pendulum.Date, on_day: pendulum.Date) -> int:
    return 900 - 100 * days_between(today, on_day)


def _birthday_words(year: int | None, on_day: pendulum.Date, today: pendulum.Date) -> str:
    when = "today" if on_day == today else f"on {short_date(on_day, today=today)}"
    return f"turns {on_day.year - year} {when}" if year else f"birthday {when}"


def birthday_reason(birthday: Birthday, today: pendulum.Date) -> Reason:
    """The reason a birthday in the look-ahead gives (the queue reads them in SQL)."""
    on_day = next_birthday(birthday, today)
    return Reason("birthday", _birthday_words(birthday.year, on_day, today), on_day,
                  _birthday_points(today, on_day))


def life_event_words(kind: str, text: str, on: pendulum.Date, today: pendulum.Date) -> str:
    detail = f": {text}" if text else ""
    return f"congratulate: {choice_words(kind)}{detail} ({_days_ago(days_between(on, today))})"


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
    return Reason("regroup", text, due_on, REGROUP_POINTS)


def days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole days from one date to another; plain ordinals, as pendulum's subtraction is
    slow for the tens of thousands of items of a big garden."""
    return later.toordinal() - earlier.toordinal()


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _days_ago(n: int) -> str:
    return {0: "today", 1: "yesterday"}.get(n, f"{n} days ago")
