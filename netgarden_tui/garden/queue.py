"""The Due queue: who to get in touch with today, and why, in words.

The reasons: cadence due or overdue, follow-ups due, favours I offered and have not
delivered, birthdays in the look-ahead, unacknowledged life events, meetings today or
tomorrow, the "let go?" question, and the regroup review. SQL finds, scores and ranks them (store/due.py, with the numbers
set here), never loading every contact; words are written only for the items shown.

Ranking (higher first; then the earlier due day, then the name). Each reason scores on
its own; an item takes its best reason's score plus 10 for each further reason:

- follow-up or promised favour due: 1000 + 10 x days overdue (at most 60 days counted)
- a meeting (from a calendar, by capture) today: 950; tomorrow: 850
- birthday: 900 on the day, 100 less for each day before it
- unacknowledged life event: 600 + 5 x days since it happened (at most 30 days counted)
- an introduction to suggest (one person's need shares words with another's offer or tag):
  400, + 100 for each shared word after the first (two counted), + 10 x each one's circle
  weight; the best pair of each need, at most the config's introductions_a_day a day
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

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden import reason_words
from netgarden_tui.garden.queue_items import (
    FOUND_IN_SQL, DueToday, IntroductionSuggested, OneSided, OnlineOnly, QueueItem, Reason, RegroupDue,
)
from netgarden_tui.store import database, due, queries, stored_count, writes
from netgarden_tui.vocabulary import STOP_WORDS
from netgarden_tui.store.records import (
    Birthday, CadenceScore, ContactCard, DaysScore, DueRules, IntroductionRules, MeetingWindow,
    RankedItem, ReasonRow,
)

NEW_CONTACT_DAYS = 90
LIFE_EVENT_WINDOW_DAYS = 60
REGROUP_KEY = "last_regroup_on"
REGROUP_SNOOZE_KEY = "regroup_snoozed_until"
CREATED_KEY = "garden_created_on"
REGROUP_SETTINGS = (REGROUP_KEY, REGROUP_SNOOZE_KEY, CREATED_KEY)  # what regroup_reason reads

CADENCE_SCORE = CadenceScore(cap=800, weight_base=6, new_days=NEW_CONTACT_DAYS)
PROMISE_SCORE = DaysScore(base=1000, per_day=10, max_days=60)
LIFE_EVENT_SCORE = DaysScore(base=600, per_day=5, max_days=30)
LET_GO_POINTS = 250
MEETING_POINTS = (950, 850)  # a meeting today, tomorrow
INTRODUCTION_SCORE = dict(base=400, per_word=100, most_words=2, per_closeness=10,
                          weight_base=6)
# Words a need and an offer share that make no match: what asking is made of ("a",
# "someone", "looking for"), as both engines' stemmers spell them ("has": "ha", "was": "wa").
NOT_MATCHING = tuple(sorted({
    *STOP_WORDS, "ha", "wa", "doe", "thi", "hi", "look", "looking", "need", "needs", "want",
    "wants", "new", "help", "someon", "find", "get", "good", "great", "some", "one", "lot",
    "more", "will", "would", "can", "could", "like",
}))
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
    reasons = _reasons_by_contact(due.reasons(rules, shown))
    # A contact whose reasons went in between the two reads (another session wrote) is left out.
    items = [_item(item, reasons[item.contact_id], today)
             for item in ranked if item.contact_id in reasons]
    items = _with_suggestions(_with_online_only(_with_let_go_since(items), config, today), today)
    asides = queries.told_apart(item.contact_id for item in items)  # same names told apart
    items = [item._replace(aside=asides.get(item.contact_id, "")) for item in items]
    regroup = regroup_reason(config, today)
    if regroup is not None:
        review = QueueItem(contact_id=None, contact=None, due_on=regroup.due_on,
                           overdue_days=max(0, days_between(regroup.due_on, today)),
                           reasons=(regroup,), score=regroup.score)
        items.append(review._replace(suggestion=reason_words.suggestion(review, None, None, today)))
        # Stable: SQL's order stands among equals, with the regroup review first of them.
        items.sort(key=lambda item: (-item.score, item.due_on, item.contact_id is not None))
    return DueToday(items[:limit], total + (regroup is not None))


def reasons_for(config: Config, contact_id: int, *,
                today: pendulum.Date | None = None) -> tuple[Reason, ...]:
    """Why this one person is due today, most pressing first (empty when they are not):
    their queue item's reasons, for a screen that shows them alone (the call)."""
    today = today or clock.today()
    rows = due.reasons(due_rules(config, today), [contact_id])
    return _most_pressing_first(_reasons_by_contact(rows).get(contact_id, []))


def due_count(config: Config, *, today: pendulum.Date | None = None) -> int:
    """How many items the queue has (``due_today``'s total), from one SQL statement; for
    today, that statement is kept in the garden, so that ``netgarden due --count`` can run
    it again without the garden's rules until the day, the config or a setting it rests on
    changes (store/stored_count.py)."""
    day = today or clock.today()
    for _ in range(3):
        # The regroup review is decided here, once: the statement holds as long as the
        # settings it was decided on are the same.
        rests_on = {key: queries.setting(key) for key in REGROUP_SETTINGS}
        regroup = regroup_reason(config, day) is not None
        statement = due.count_statement(due_rules(config, day), plus=int(regroup),
                                        as_long_as=rests_on)
        count = due.count(statement, clock.now())
        if count is not None:  # else another session changed a setting in between
            break
    else:  # the settings keep changing under it: counted the long way, and not kept
        return due_today(config, today=day, limit=1).total
    valid_for = stored_count.validity(day.isoformat(), clock.utc_offset_seconds(),
                                      config.fingerprint)
    if (day == clock.today() and valid_for is not None and not database.is_read_only()
            and not database.on_a_server()):  # the quick path reads a garden file alone
        writes.set_setting(stored_count.SETTING_KEY, stored_count.encode(valid_for, statement))
    return count


def first_due_on(config: Config, card: ContactCard) -> pendulum.Date:
    """The first day from today this contact (not snoozed) is in Due, for any reason."""
    today = clock.today()
    if any(due.reasons(due_rules(config, today), [card.id]).values()):
        return today
    days = [card.next_due, *(follow_up.due_on for follow_up in card.follow_ups),
            *(favour.due_on or today for favour in card.favours if favour.direction == "offered")]
    if card.birthday:
        birthday = next_birthday(card.birthday, today)
        days.append(birthday.subtract(days=config.birthday_lookahead_days))
    return max(today, min(days))


def due_rules(config: Config, today: pendulum.Date) -> DueRules:
    """The queue's rules for ``today``, as the store reads and scores them."""
    birthdays = []
    for month, day in birthday_days(today, config.birthday_lookahead_days):
        on_day = next_birthday(Birthday(month, day, None), today)
        birthdays.append((month, day, on_day, _birthday_points(today, on_day)))
    zone = clock.now().timezone
    start = pendulum.datetime(today.year, today.month, today.day, tz=zone)
    meetings = MeetingWindow(start, start.add(days=2), clock.now(), *MEETING_POINTS)
    return DueRules(today=today, default_cadence=config.default_cadence_days,
                    cadence=CADENCE_SCORE, promise=PROMISE_SCORE, life_event=LIFE_EVENT_SCORE,
                    life_events_since=today.subtract(days=LIFE_EVENT_WINDOW_DAYS),
                    birthdays=tuple(birthdays), one_sided_after=config.one_sided_after,
                    let_go_points=LET_GO_POINTS, further_reason_points=FURTHER_REASON_POINTS,
                    meetings=meetings, introductions=IntroductionRules(
                        per_day=config.introductions_a_day, ignored_words=NOT_MATCHING,
                        **INTRODUCTION_SCORE))


def _item(ranked: RankedItem, reasons: list[Reason], today: pendulum.Date) -> QueueItem:
    return QueueItem(contact_id=ranked.contact_id, contact=ranked.contact, due_on=ranked.due_on,
                     overdue_days=max(0, days_between(ranked.due_on, today)),
                     reasons=_most_pressing_first(reasons), score=ranked.score)


def _most_pressing_first(reasons: list[Reason]) -> tuple[Reason, ...]:
    return tuple(sorted(reasons, key=lambda reason: -reason.score))


def _reasons_by_contact(rows: dict[str, list[ReasonRow]]) -> dict[int, list[Reason]]:
    """Each contact's reasons as records, in store/due.py's order of kinds."""
    found: dict[int, list[Reason]] = {}
    for kind, kind_rows in rows.items():
        record = FOUND_IN_SQL[kind]
        for row in kind_rows:
            reason = record(due_on=row.due_on, score=row.points, **row.facts)
            if isinstance(reason, IntroductionSuggested):  # 0 or 1 from SQL
                reason = reason._replace(by_tag=bool(reason.by_tag))
            found.setdefault(row.contact_id, []).append(reason)
    return found


def _with_let_go_since(items: list[QueueItem]) -> list[QueueItem]:
    """When the unanswered outreaches of the one-sided items shown began."""
    def dated(reason: Reason, contact_id: int) -> Reason:
        if isinstance(reason, OneSided):
            return reason._replace(since=queries.unanswered_since(contact_id))
        return reason

    return [item._replace(reasons=tuple(dated(reason, item.contact_id) for reason in item.reasons))
            if item.has("one_sided") else item for item in items]


def _with_online_only(items: list[QueueItem], config: Config,
                      today: pendulum.Date) -> list[QueueItem]:
    """Don't hide online: a reason for the items shown whose contact has been touched only
    by email, message or social for ``online_only_days`` or longer (not for one-sided
    ones: they answer no message, so a coffee is not the point)."""
    since = queries.online_only_since(item.contact_id for item in items
                                      if not item.has("one_sided"))
    window_start = today.subtract(days=config.online_only_days)
    result = []
    for item in items:
        moment = since.get(item.contact_id)
        if moment is not None and moment.in_timezone(clock.now().timezone).date() <= window_start:
            item = item._replace(reasons=(*item.reasons, OnlineOnly(item.due_on, 0, moment)))
        result.append(item)
    return result


def _with_suggestions(items: list[QueueItem], today: pendulum.Date) -> list[QueueItem]:
    ids = [item.contact_id for item in items]
    notes, favours = queries.last_notes(ids), queries.unthanked_favours(ids)
    return [item._replace(suggestion=reason_words.suggestion(
                item, notes.get(item.contact_id), favours.get(item.contact_id), today))
            for item in items]


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


def regroup_reason(config: Config, today: pendulum.Date) -> RegroupDue | None:
    """Due every regroup interval, counted from the last regroup (or the garden's start)."""
    last_regroup = queries.setting(REGROUP_KEY)
    since = last_regroup or queries.setting(CREATED_KEY)
    if since is None:
        return None
    since_day = pendulum.Date.fromisoformat(since)
    due_on = since_day.add(days=config.regroup_interval_days)
    snoozed_until = queries.setting(REGROUP_SNOOZE_KEY)
    if due_on > today or (snoozed_until and pendulum.Date.fromisoformat(snoozed_until) > today):
        return None
    days_ago = days_between(since_day, today) if last_regroup else None
    return RegroupDue(due_on, REGROUP_POINTS, days_ago)


def days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole days from one date to another; plain ordinals, as pendulum's subtraction is
    slow for the tens of thousands of items of a big garden."""
    return later.toordinal() - earlier.toordinal()
