"""Today's Due reasons, found and scored in SQL; garden/queue.py sets the rules and writes
the words.

Every reason is a row: (contact, points, due day), and the facts its words rest on, named
as garden/queue_items.py's records name them. A contact's item scores its best reason
plus ``further_reason_points`` for each other one. On a big garden tens of thousands of
contacts are due, so SQL ranks the items and hands Python only the ones shown: their rank,
then their reasons. Both reads come from the same reason queries, so the scores agree.
"""

from collections.abc import Sequence
from typing import NamedTuple

import pendulum
from peewee import CTE, JOIN, OP, SQL, Case, Expression, Select, Value, ValuesList, fn

from netgarden_tui import clock
from netgarden_tui.store import backend
from netgarden_tui.store.migrations import SCHEMA_KEY, SCHEMA_VERSION
from netgarden_tui.store.models import (
    CaptureMeeting, Circle, Contact, ContactMethod, ContactTag, Favour, FollowUp, Introduction,
    LifeEvent, Need, Setting, SuggestedIntroduction, Tag, db,
)
from netgarden_tui.store.queries import effective_cadence_expression
from netgarden_tui.store.stored_count import CountStatement
from netgarden_tui.store.records import CadenceScore, DaysScore, DueRules, RankedItem, ReasonRow


class _Reasons(NamedTuple):
    """One kind of reason: which rows, and how each is scored and dated."""

    query: Select  # FROM, JOINs and WHERE; the columns are picked by the reader
    contact: Expression
    points: Expression
    due_on: Expression  # YYYY-MM-DD
    facts: dict[str, Expression]  # what the reason rests on, by the name its record gives it
    order: tuple  # how a contact's reasons of this kind are listed


def ranked(rules: DueRules, *, limit: int | None = None) -> tuple[list[RankedItem], int]:
    """The best ``limit`` (1 or more) items, or all without a limit, best first; and how
    many items there are in all."""
    items = _items(rules)
    ctes, item = items.ctes, items.cte
    shown = item
    if limit is not None:
        best = _at_least_the(limit, item)
        ctes, shown = ctes + best.ctes, best.cte
    total = Select([item], [fn.count(SQL("*"))])
    query = (Select([shown], [shown.c.contact_id, Contact.display_name, shown.c.score,
                              shown.c.due_on, total])
             .join(Contact, on=(Contact.id == shown.c.contact_id)).with_cte(*ctes)
             .order_by(shown.c.score.desc(), shown.c.due_on, Contact.display_name, Contact.id)
             .limit(limit).bind(Contact._meta.database).tuples())
    rows = list(query)
    items = [RankedItem(cid, name, score, pendulum.Date.fromisoformat(due_on))
             for cid, name, score, due_on, _ in rows]
    return items, (rows[0][-1] if rows else 0)  # no rows: nothing is due


def count_statement(rules: DueRules, *, plus: int,
                    as_long_as: dict[str, str | None]) -> CountStatement:
    """How many items there are (``ranked``'s total), plus ``plus``, as one statement the
    standard library can run again (store/stored_count.py): the contacts with any reason,
    each once, from the same reason queries; "now" a parameter of its own (seconds since
    1970, turned into a stored moment by SQLite); no row once a setting in ``as_long_as``
    holds another value, or the schema is another."""
    now = object()  # its place among the parameters
    moment = backend.stored_moment_of_epoch(now)
    kinds = _kinds(rules._replace(meetings=rules.meetings._replace(now=moment)))
    contacts = {name: kind.query.select(kind.contact) for name, kind in kinds.items()}
    # The cadence's contacts, most of them, each once: counted as they are, then the
    # others not among them (a UNION of all, SQLite sorting out each contact once, took
    # half as long again on a 100,000-contact garden).
    cadence = contacts.pop("cadence")
    others = None
    for more in contacts.values():
        others = more if others is None else others | more  # UNION
    items = Expression(_count_rows(cadence), OP.ADD, _count_rows(others - cadence))  # EXCEPT
    held = [Expression(Setting.select(Setting.value).where(Setting.key == key), backend.SAME, value)
            for key, value in sorted({**as_long_as, SCHEMA_KEY: str(SCHEMA_VERSION)}.items())]
    sql, params = Select(None, [Expression(items, OP.ADD, plus)]).where(*held).bind(db).sql()
    now_at = [index for index, param in enumerate(params) if param is now]
    if len(now_at) != 1:
        raise AssertionError(f"the count reads now {len(now_at)} times, not once")
    params[now_at[0]] = None
    return CountStatement(sql, params, now_at[0])


def _count_rows(query: Select) -> Select:
    return Select([query.alias("counted")], [fn.count(SQL("*"))])


def count(statement: CountStatement, now: pendulum.DateTime) -> int | None:
    """Run a count statement (None: a setting it rests on changed)."""
    row = db.execute_sql(statement.sql, statement.with_now(int(now.timestamp()))).fetchone()
    return None if row is None else row[0]


class _Table(NamedTuple):
    cte: CTE  # columns contact_id, score, due_on
    ctes: list[CTE]  # for the WITH: the ones it reads, then itself


def _items(rules: DueRules) -> _Table:
    """Every reason as a row, then one item per contact."""
    kinds = _kinds(rules).values()
    rows = [kind.query.select(kind.contact, kind.points, kind.due_on) for kind in kinds]
    union = rows[0]
    for more in rows[1:]:
        union = union + more  # UNION ALL
    reason = union.cte("reason", columns=("contact_id", "points", "due_on"))
    further = rules.further_reason_points * (fn.count(SQL("*")) - 1)
    item = (Select([reason], [reason.c.contact_id, fn.max(reason.c.points) + further,
                              fn.min(reason.c.due_on)])
            .group_by(reason.c.contact_id).cte("item", columns=("contact_id", "score", "due_on")))
    return _Table(item, [reason, item])


def _at_least_the(limit: int, item: CTE) -> _Table:
    """The items ranked ``limit``-th or better on score and due day, with any tied with the
    ``limit``-th: the name breaks those ties, and is read only for these. Materialized, so
    that SQLite filters before it reads a name (a row of the contact table each)."""
    cut = (Select([item], [item.c.score, item.c.due_on])
           .order_by(item.c.score.desc(), item.c.due_on).limit(1).offset(limit - 1)
           .cte("cut", columns=("score", "due_on")))
    at_least = ((item.c.score > cut.c.score)
                | ((item.c.score == cut.c.score) & (item.c.due_on <= cut.c.due_on)))
    shown = (Select([item], [item.c.contact_id, item.c.score, item.c.due_on])
             .join(cut, JOIN.LEFT_OUTER, on=SQL("TRUE"))  # no cut: fewer items than the limit
             .where(cut.c.score.is_null() | at_least)
             .cte("shown", columns=("contact_id", "score", "due_on"), materialized=True))
    return _Table(shown, [cut, shown])


def reasons(rules: DueRules, contact_ids: Sequence[int] | None, *,
            kinds: Sequence[str] | None = None) -> dict[str, list[ReasonRow]]:
    """Each kind's reasons (or only these ``kinds``') for these contacts (None: for
    everyone due, without listing tens of thousands of ids in the SQL)."""
    found = {}
    for name, kind in _kinds(rules).items():
        if kinds is not None and name not in kinds:
            continue
        due_on = kind.due_on.coerce(False)  # as text, whatever column it comes from
        query = kind.query.select(kind.contact, kind.points, due_on, *kind.facts.values())
        if contact_ids is not None:
            query = query.where(kind.contact.in_(list(contact_ids)))
        found[name] = [ReasonRow(cid, points, pendulum.Date.fromisoformat(due_on),
                                 dict(zip(kind.facts, facts)))
                       for cid, points, due_on, *facts in query.order_by(*kind.order).tuples()]
    return found


def _kinds(rules: DueRules) -> dict[str, _Reasons]:
    """The reasons by kind; a contact's reasons of equal score are listed in this order."""
    today = rules.today.isoformat()
    # Archived contacts are never due; snoozed ones not until their day, whatever the reason.
    active = ((Contact.archived == False)  # noqa: E712
              & (Contact.snoozed_until.is_null() | (Contact.snoozed_until <= today)))
    kinds = {
        "meeting": _meetings(rules, today, active),
        "follow_up": _follow_ups(rules, today, active),
        "favour": _favours(rules, today, active),
        "birthday": _birthdays(rules, active),
        "life_event": _life_events(rules, today, active),
        "introduction": _introductions(rules, today, active),
        "one_sided": _one_sided(rules, today, active),
        "cadence": _cadence(rules, today),
    }
    return {name: kind for name, kind in kinds.items() if kind is not None}


def _meetings(rules, today, active) -> _Reasons:
    """Meetings today or tomorrow, not over yet, with a contact (by an email of theirs),
    read from calendars by capture.

    The meetings first (CROSS JOIN: SQLite keeps that order), then their addresses: left
    to choose, SQLite read every email address of the garden and looked each up among the
    meetings, a quarter of a second on a 100,000-contact garden with none."""
    window = rules.meetings
    query = (CaptureMeeting.select()
             .join(ContactMethod, JOIN.CROSS)
             .join(Contact, on=(Contact.id == ContactMethod.contact))
             .where(ContactMethod.match_key == CaptureMeeting.address,
                    ContactMethod.kind == "email",
                    active, CaptureMeeting.starts_at >= window.start,
                    CaptureMeeting.starts_at < window.end, CaptureMeeting.ends_at > window.now))
    day = backend.local_day(CaptureMeeting.starts_at, clock.utc_offset_seconds())
    points = Case(None, [(day == today, window.today_points)], window.tomorrow_points)
    facts = {"starts_at": CaptureMeeting.starts_at, "whole_day": CaptureMeeting.whole_day,
             "channel": CaptureMeeting.channel, "summary": CaptureMeeting.summary}
    return _Reasons(query, ContactMethod.contact, points, day, facts,
                    (CaptureMeeting.starts_at, CaptureMeeting.id))


def _follow_ups(rules, today, active) -> _Reasons:
    query = FollowUp.select().join(Contact).where(
        active, FollowUp.done_at.is_null(), FollowUp.due_on <= today)
    facts = {"follow_up_id": FollowUp.id, "what": FollowUp.what,
             "days_overdue": backend.days_between(FollowUp.due_on, today)}
    return _Reasons(query, FollowUp.contact, _days_points(rules.promise, FollowUp.due_on, today),
                    FollowUp.due_on, facts, (FollowUp.due_on, FollowUp.id))


def _favours(rules, today, active) -> _Reasons:
    """Favours I offered, still open, due by today (or with no day set)."""
    due_on = fn.coalesce(Favour.due_on, today)
    query = Favour.select().join(Contact).where(
        active, Favour.direction == "offered", Favour.status == "open",
        Favour.due_on.is_null() | (Favour.due_on <= today))
    facts = {"favour_id": Favour.id, "favour_kind": Favour.kind, "what": Favour.what,
             "days_overdue": backend.days_between(due_on, today)}
    return _Reasons(query, Favour.contact, _days_points(rules.promise, due_on, today), due_on,
                    facts, (Favour.created_at.desc(), Favour.id.desc()))


def _birthdays(rules, active) -> _Reasons:
    """One indexed lookup per (month, day) of the look-ahead: a join with their VALUES (an
    OR of the pairs makes SQLite scan every contact)."""
    # SQLite names the columns of VALUES column1, column2, ... (it takes no column list).
    days = ValuesList([(month, day, on_day.isoformat(), points)
                       for month, day, on_day, points in rules.birthdays]).alias("birthday_day")
    month, day, on_day, points = (getattr(days.c, f"column{n}") for n in range(1, 5))
    query = (Contact.select().join(days, on=((Contact.birthday_month == month)
                                             & (Contact.birthday_day == day)))
             .where(active))
    return _Reasons(query, Contact.id, points, on_day, {"born_in": Contact.birthday_year},
                    (on_day,))


def _life_events(rules, today, active) -> _Reasons:
    """Life events not yet acknowledged, from the last ``life_events_since`` days."""
    query = LifeEvent.select().join(Contact).where(
        active, LifeEvent.acknowledged_at.is_null(), LifeEvent.on <= today,
        LifeEvent.on >= rules.life_events_since.isoformat())
    facts = {"life_event_id": LifeEvent.id, "event_kind": LifeEvent.kind,
             "what": LifeEvent.text, "days_ago": backend.days_between(LifeEvent.on, today)}
    return _Reasons(query, LifeEvent.contact, _days_points(rules.life_event, LifeEvent.on, today),
                    LifeEvent.on, facts, (LifeEvent.on.desc(), LifeEvent.id.desc()))


def _introductions(rules, today, active) -> _Reasons | None:
    """Introductions to suggest: one person's open need shares a (stemmed) word with
    another's open offer, or with a tag of someone who offers something; the best pair of
    each need, the best needs first, at most a few a day (those decided on today counted
    among them); never a pair dismissed, nor two people introduced already. Its item is
    the one in need's.

    Derived tables, not CTEs: a reason's query is one part of a UNION."""
    rules_of = rules.introductions
    if rules_of is None or rules_of.per_day < 1:
        return None
    offer, other, other_circle = Need.alias("offer"), Contact.alias("other"), Circle.alias("oc")

    def words_of(lines_of_tags: bool, name: str):
        terms = backend.match_terms().alias(f"{name}_term")
        line = terms.c.line
        kept = ((line - (line / 2) * 2) == int(lines_of_tags)) & (fn.length(terms.c.term) > 1)
        if rules_of.ignored_words:
            kept &= terms.c.term.not_in(list(rules_of.ignored_words))
        return terms, line / 2, kept

    def newest(kind: str, most: int):
        """The ids of the newest ``most`` open needs (or offers): a garden with thousands
        is matched in milliseconds, its newest first (an old one is likely met or moot)."""
        pick = Need.alias(f"newest_{kind}")
        return (pick.select(pick.id).where(pick.kind == kind, pick.met_at.is_null())
                .order_by(pick.created_at.desc(), pick.id.desc()).limit(most))

    open_offers = newest("offer", rules_of.offers_considered)
    terms, need_id, kept = words_of(False, "need")
    needs = (Select([terms], [Need.id.alias("need_id"), Need.contact.alias("needer"),
                              terms.c.term.alias("term")])
             .join(Need, on=(Need.id == need_id))
             .where(kept, Need.id.in_(newest("need", rules_of.needs_considered)))
             .alias("wanted"))
    terms, offer_id, kept = words_of(False, "offer")
    offers = (Select([terms], [offer.contact.alias("other"), terms.c.line.alias("line"),
                               terms.c.term.alias("term")])
              .join(offer, on=(offer.id == offer_id))
              .where(kept, offer.id.in_(open_offers)))
    # The tags of those who offer something: "design reviews", tagged designer.
    offering = Need.alias("offering")
    terms, tag_id, kept = words_of(True, "tag")
    tagged = (Select([terms], [ContactTag.contact.alias("other"), terms.c.line.alias("line"),
                               terms.c.term.alias("term")])
              .join(ContactTag, on=(ContactTag.tag == tag_id))
              .where(kept, ContactTag.contact.in_(
                  offering.select(offering.contact).where(offering.id.in_(open_offers)))))
    givers = (offers + tagged).alias("giving")  # UNION ALL
    shared = fn.count(SQL("*"))
    matched = (Select([needs], [needs.c.need_id, needs.c.needer, givers.c.other, givers.c.line,
                                shared.alias("shared"),
                                fn.ROW_NUMBER().over(partition_by=[needs.c.need_id],
                                                     order_by=[shared.desc(), givers.c.line.desc()])
                                .alias("place")])
               .join(givers, on=(givers.c.term == needs.c.term))
               .where(needs.c.needer != givers.c.other)
               .group_by(needs.c.need_id, needs.c.needer, givers.c.other, givers.c.line)
               .alias("matched"))
    # Each need's best few matches by the words they share, before anyone is looked up:
    # closeness then orders these, and what was dismissed or made is left out of them.
    pairs = (Select([matched], [matched.c.need_id, matched.c.needer, matched.c.other,
                                matched.c.line, matched.c.shared])
             .where(matched.c.place <= rules_of.shortlist).alias("pair"))

    def weight(circle):
        return backend.greatest(1, fn.coalesce(rules_of.weight_base - circle.priority, 1))

    extra = backend.least(pairs.c.shared - 1, rules_of.most_words)
    points = (rules_of.base + rules_of.per_word * extra
              + rules_of.per_closeness * (weight(Circle) + weight(other_circle)))

    def between(model, first, second):
        """A row of ``model`` pairing the two people, either way round."""
        a, b = first, second
        return model.select(SQL("1")).where(
            ((a == pairs.c.needer) & (b == pairs.c.other))
            | ((a == pairs.c.other) & (b == pairs.c.needer)))

    dismissed = between(SuggestedIntroduction, SuggestedIntroduction.needer,
                        SuggestedIntroduction.offerer).where(
        SuggestedIntroduction.decision == "dismissed")
    introduced = between(Introduction, Introduction.person_a, Introduction.person_b)
    best_first = [points.desc(), pairs.c.shared.desc(), pairs.c.line]
    scored = (Select([pairs], [pairs.c.need_id, pairs.c.needer, pairs.c.other, pairs.c.line,
                               pairs.c.shared, points.alias("points"),
                               fn.ROW_NUMBER().over(partition_by=[pairs.c.need_id],
                                                    order_by=best_first).alias("place")])
              .join(Contact, on=(Contact.id == pairs.c.needer))
              .join(Circle, JOIN.LEFT_OUTER, on=(Circle.id == Contact.circle))
              .join(other, on=(other.id == pairs.c.other))
              .join(other_circle, JOIN.LEFT_OUTER, on=(other_circle.id == other.circle))
              .where(active, other.archived == False,  # noqa: E712
                     ~fn.EXISTS(dismissed), ~fn.EXISTS(introduced))
              .alias("scored"))
    decided_today = (SuggestedIntroduction.select(fn.count(SuggestedIntroduction.id))
                     .where(SuggestedIntroduction.on == today))
    ranked = (Select([scored], [scored.c.need_id, scored.c.needer, scored.c.other,
                                scored.c.line, scored.c.shared, scored.c.points,
                                fn.ROW_NUMBER().over(order_by=[scored.c.points.desc(),
                                                               scored.c.need_id]).alias("place")])
              .where(scored.c.place == 1).alias("suggested"))
    wanted, other_name = Need.alias("wanted_need"), Contact.alias("other_name")
    given_line = ranked.c.line
    offer_text = Case(None, [((given_line - (given_line / 2) * 2) == 0,
                              Need.select(Need.text).where(Need.id == given_line / 2))],
                      Tag.select(Tag.name).where(Tag.id == given_line / 2))
    query = (Select([ranked])
             .join(wanted, on=(wanted.id == ranked.c.need_id))
             .join(other_name, on=(other_name.id == ranked.c.other))
             .where(ranked.c.place <= Value(rules_of.per_day) - decided_today).bind(db))
    is_tag = (given_line - (given_line / 2) * 2) == 1
    facts = {"need_id": ranked.c.need_id, "what": wanted.text, "other_id": ranked.c.other,
             "other": other_name.display_name, "offer": offer_text,
             "by_tag": Case(None, [(is_tag, 1)], 0), "shared": ranked.c.shared}
    return _Reasons(query, ranked.c.needer, ranked.c.points, Value(today), facts,
                    (ranked.c.points.desc(), ranked.c.need_id))


def _one_sided(rules, today, active) -> _Reasons:
    """One-sided contacts not yet asked "let go?" (the queue asks once)."""
    query = Contact.select().where(active, Contact.unanswered_in_a_row >= rules.one_sided_after,
                                   Contact.let_go_asked_on.is_null())
    return _Reasons(query, Contact.id, Value(rules.let_go_points), Value(today),
                    {"unanswered": Contact.unanswered_in_a_row}, (Contact.id,))


def _cadence(rules, today) -> _Reasons:
    """Active contacts whose next due day is today or earlier, one-sided ones left out (the
    cadence stops asking then). The due-day index holds every column the score needs.

    ``+ 0`` keeps SQLite off the (archived, unanswered_in_a_row) index, which it would
    otherwise pick and then read nearly every contact."""
    query = (Contact.select().join(Circle, JOIN.LEFT_OUTER)
             .where(Contact.archived == False, Contact.next_due_on <= today,  # noqa: E712
                    Contact.unanswered_in_a_row + 0 < rules.one_sided_after))
    offset = clock.utc_offset_seconds()
    facts = {"every_days": effective_cadence_expression(rules.default_cadence),
             "days_since_touch": backend.days_between(
                 backend.local_day(Contact.last_touch_at, offset), today),
             "days_since_added": backend.days_between(
                 backend.local_day(Contact.created_at, offset), today)}
    return _Reasons(query, Contact.id, _cadence_points(rules.cadence, rules.today),
                    Contact.next_due_on, facts, (Contact.id,))


def _days_points(score: DaysScore, day, today: str) -> Expression:
    """``base + per_day x days`` from ``day`` to today, counting 0 to ``max_days`` days."""
    days = backend.least(backend.greatest(backend.days_between(day, today), 0), score.max_days)
    return score.base + score.per_day * days


def _cadence_points(score: CadenceScore, today: pendulum.Date) -> Expression:
    overdue = backend.days_between(Contact.next_due_on, today.isoformat())
    weight = backend.greatest(1, fn.coalesce(score.weight_base - Circle.priority, 1))
    points = backend.least(score.cap, (overdue + 1) * weight)
    # Added less than new_days ago = added since local midnight new_days - 1 days ago: one
    # text comparison with the stored UTC moment instead of date arithmetic on every row.
    first_new_day = today.subtract(days=score.new_days - 1)
    new_since = pendulum.datetime(first_new_day.year, first_new_day.month, first_new_day.day,
                                  tz=clock.now().timezone)
    return Case(None, [(Contact.created_at >= new_since, points / 2.0)], points * 1.0)
