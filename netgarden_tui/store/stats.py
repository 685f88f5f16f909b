"""The garden overview's figures, counted in SQL (garden/stats.py puts them together).

Touches are counted by day and by month from indexes alone: each local day (or month) is
a range of the stored UTC moments, its bounds worked out here in the local timezone (so a
day is a day across a change of clock), and SQLite counts the index entries in each range
without reading a row (``interaction_at`` for days, ``interaction_channel_at`` for each
channel's months). Grouping a million moments by ``date(at, ...)`` costs ten times as much.
"""

import math
from collections.abc import Sequence
from datetime import date

import pendulum
from peewee import JOIN, SQL, Case, fn

from netgarden_tui import clock
from netgarden_tui.store import backend
from netgarden_tui.store.fields import moment_text
from netgarden_tui.store.models import (
    Circle, Contact, Favour, Interaction, InteractionContact, db,
)
from netgarden_tui.store.queries import effective_cadence_expression, needs_met_through_me
from netgarden_tui.store.records import (
    CircleCounts, Drifter, FavourTotals, OverdueHistory,
)
from netgarden_tui.vocabulary import CHANNELS

# Past their cadence, week by week: a garden of up to this many active contacts is
# walked whole; a bigger one through an even sample of this many (see overdue_history).
OVERDUE_SAMPLE = 1500


def _local_start(day: pendulum.Date) -> str:
    """The UTC moment, as stored, at which a local day begins."""
    start = pendulum.datetime(day.year, day.month, day.day, tz=clock.now().timezone)
    return moment_text(start.in_timezone("UTC"))


def _range_counts(ranges: Sequence[tuple[str, str]], channel: str | None = None) -> list[int]:
    """How many touches fall in each [start, stop) of stored moments (of one channel, or
    of all): a count of index entries each, no row read."""
    if not ranges:
        return []
    mark = db.param
    values = ", ".join([f"({mark}, {mark}, {mark})"] * len(ranges))
    params: list = [value for number, (start, stop) in enumerate(ranges)
                    for value in (number, start, stop)]
    table, at = Interaction._meta.table_name, Interaction.at.column_name
    ctes, tables, of_channel = f"r(n, start, stop) AS (VALUES {values})", "r", ""
    if channel is not None:
        ctes += f", ch(name) AS (VALUES ({mark}))"
        params.append(channel)
        tables, of_channel = "r, ch", f"i.{Interaction.channel.column_name} = ch.name AND "
    sql = (f"WITH {ctes} SELECT (SELECT count(*) FROM {table} AS i "
           f"WHERE {of_channel}i.{at} >= r.start AND i.{at} < r.stop) FROM {tables} ORDER BY r.n")
    return [count for (count,) in db.execute_sql(sql, params)]


def touches_per_day(first: pendulum.Date, last: pendulum.Date) -> dict[pendulum.Date, int]:
    """Touches on each local day from ``first`` to ``last`` (both included; a touch with
    three people is one touch)."""
    days = [first.add(days=n) for n in range((last - first).days + 1)]
    bounds = [_local_start(day) for day in [*days, last.add(days=1)]]
    counts = _range_counts(list(zip(bounds, bounds[1:])))
    return dict(zip(days, counts))


def touches_per_month(months: Sequence[pendulum.Date]) -> dict[pendulum.Date, dict[str, int]]:
    """For each month (given by its first day), its touches by channel (every channel of
    the vocabulary, 0 when none)."""
    bounds = [(_local_start(month), _local_start(month.add(months=1))) for month in months]
    found = {month: {} for month in months}
    for channel in CHANNELS:
        for month, count in zip(months, _range_counts(bounds, channel)):
            found[month][channel] = count
    return found


def circle_counts(today: pendulum.Date, *, one_sided_after: int,
                  due_within_days: int) -> list[CircleCounts]:
    """Each circle (and no circle, if anyone is in none) with its active contacts in four
    kinds, each contact in one: one-sided (``one_sided_after`` unanswered outreaches in a
    row: the cadence stops asking), else overdue (next due before today), else due (today
    or within ``due_within_days``), else on track. Read from the due-day index alone."""
    def count(condition):
        return fn.sum(Case(None, [(condition, 1)], 0))

    one_sided = Contact.unanswered_in_a_row >= one_sided_after
    overdue = ~one_sided & (Contact.next_due_on < today.isoformat())
    due = (~one_sided & (Contact.next_due_on >= today.isoformat())
           & (Contact.next_due_on <= today.add(days=due_within_days).isoformat()))
    query = (Contact.select(Contact.circle, fn.count(SQL("*")), count(due), count(overdue),
                            count(one_sided))
             .where(Contact.archived == False)  # noqa: E712
             .group_by(Contact.circle).tuples())
    rows = {circle: (int(n), int(d or 0), int(o or 0), int(s or 0))
            for circle, n, d, o, s in query}
    found = []
    for cid, name, priority, cadence in (Circle.select(Circle.id, Circle.name, Circle.priority,
                                                      Circle.cadence_days)
                                         .order_by(Circle.priority, Circle.name).tuples()):
        n, d, o, s = rows.get(cid, (0, 0, 0, 0))
        found.append(CircleCounts(cid, name, priority, cadence, n - d - o - s, d, o, s))
    if None in rows:
        n, d, o, s = rows[None]
        found.append(CircleCounts(None, None, None, None, n - d - o - s, d, o, s))
    return found


def drifting(today: pendulum.Date, *, one_sided_after: int, default_cadence: int,
             limit: int) -> list[Drifter]:
    """The active contacts longest past their next due day (one-sided ones left out, as
    the cadence stops asking for them), the longest first: from the due-day index, in
    its order."""
    query = (Contact.select(Contact.id, Contact.display_name, Circle.name,
                            effective_cadence_expression(default_cadence), Contact.next_due_on,
                            Contact.last_touch_at)
             .join(Circle, JOIN.LEFT_OUTER)
             .where(Contact.archived == False, Contact.next_due_on < today.isoformat(),  # noqa: E712
                    Contact.unanswered_in_a_row + 0 < one_sided_after)
             .order_by(Contact.next_due_on, Contact.display_name, Contact.id).limit(limit))
    return [Drifter(cid, name, circle, cadence, next_due, (today - next_due).days, last)
            for cid, name, circle, cadence, next_due, last in query.tuples()]


def favour_totals() -> FavourTotals:
    """Favours across the garden: done by me (given, or offered and delivered), done for
    me (received, or asked and delivered), and those still open each way."""
    def count(condition):
        return fn.sum(Case(None, [(condition, 1)], 0))

    delivered = Favour.status == "delivered"
    is_open = Favour.status == "open"
    query = Favour.select(
        count((Favour.direction == "given") | ((Favour.direction == "offered") & delivered)),
        count((Favour.direction == "received") | ((Favour.direction == "asked") & delivered)),
        count((Favour.direction == "offered") & is_open),
        count((Favour.direction == "asked") & is_open)).tuples()
    gave, took, offered_open, asked_open = (int(value or 0) for value in query.get())
    # Helping counts: a need met by me, or through my introduction, is a favour I gave.
    return FavourTotals(gave + needs_met_through_me(), took, offered_open, asked_open)


def overdue_history(week_ends: Sequence[pendulum.Date], *, default_cadence: int,
                    sample: int = OVERDUE_SAMPLE) -> OverdueHistory:
    """How many of today's active contacts were past their cadence at the end of each of
    these days: their last touch on or before it (or, never touched by then, the day they
    were added) more than their cadence before it. A contact added after the day, with no
    touch by then, is not counted then (one imported with its history is, from its first
    touch).

    What the garden does not keep is taken as it is today: each contact's cadence and
    circle, and whether they are archived; snoozes are not counted (when one was set is
    not kept), nor are one-sided contacts left out, so today's figure can differ a little
    from the circle bars' overdue ones.

    Exact, from every touch of every contact, for a garden of up to ``sample`` active
    contacts. A bigger one is walked through an even sample of about ``sample`` of them
    (every n-th contact id), and each count scaled up by active contacts over sampled
    ones: walking every touch of a hundred thousand contacts costs seconds, the sample
    under a hundred milliseconds; the error is about a percent of the garden (one standard
    deviation: about 1% of it at 1,500 sampled, 0.7% at 3,000), and the same sample
    serves every week, so the trend's shape is steadier than that.
    """
    active = Contact.select(fn.count(SQL("*"))).where(Contact.archived == False).scalar()  # noqa: E712
    if not week_ends or not active:
        return OverdueHistory(tuple(0 for _ in week_ends), active, active)
    top = Contact.select(fn.max(Contact.id)).scalar()
    step = max(1, math.ceil(active / sample)) if active > sample else 1
    offset = clock.utc_offset_seconds()
    cadence = effective_cadence_expression(default_cadence)
    touched_on = backend.local_day(Interaction.at, offset).coerce(False)  # text, not a moment
    added_on = backend.local_day(Contact.created_at, offset).coerce(False)
    query = (Contact.select(Contact.id, added_on, cadence,
                            touched_on)
             .join(Circle, JOIN.LEFT_OUTER)
             .switch(Contact).join(InteractionContact, JOIN.LEFT_OUTER,
                                   on=(InteractionContact.contact == Contact.id))
             .join(Interaction, JOIN.LEFT_OUTER, on=(Interaction.id == InteractionContact.interaction))
             .order_by(Contact.id, touched_on))
    # Not archived, tested as an expression: SQLite would otherwise walk the (archived, ...)
    # index through every contact instead of looking up the sampled ids.
    query = query.where(fn.coalesce(Contact.archived, False) == False)  # noqa: E712
    if step > 1:
        ids = (f"WITH RECURSIVE picked(id) AS (SELECT {step // 2 + 1} UNION ALL "
               f"SELECT id + {step} FROM picked WHERE id + {step} <= {int(top)}) "
               "SELECT id FROM picked")
        query = query.where(Contact.id.in_(SQL(f"({ids})")))
    ends = [day.toordinal() for day in week_ends]
    counts = [0] * len(ends)
    sampled = 0

    def walk(created: int, every: int, touches: list[int]) -> None:
        at = 0
        for index, end in enumerate(ends):
            while at < len(touches) and touches[at] <= end:
                at += 1
            since = touches[at - 1] if at else created
            if (at or created <= end) and since + every < end:
                counts[index] += 1

    current, created, every, touches = None, 0, 0, []
    ordinals: dict[str, int] = {}  # a day's text, read once for all the touches on it

    def ordinal(text: str) -> int:
        found = ordinals.get(text)
        if found is None:
            found = ordinals[text] = date.fromisoformat(text).toordinal()
        return found

    for cid, added, cadence_days, day in db.execute(query):  # plain values: no conversion
        if cid != current:
            if current is not None:
                walk(created, every, touches)
            current, created, every, touches = cid, ordinal(added), cadence_days, []
            sampled += 1
        if day is not None:
            touches.append(ordinal(day))
    if current is not None:
        walk(created, every, touches)
    if sampled and sampled != active:
        counts = [round(count * active / sampled) for count in counts]
    return OverdueHistory(tuple(counts), active, sampled)
