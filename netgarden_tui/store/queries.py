"""Read queries, each a small function named for what it returns (plain records).

Who is due comes from ``Contact.next_due_on``, which ``writes.refresh_schedule`` keeps (the
cadence rule, once), so the queue, the list and the card agree and nothing loads the
whole garden to find who is due.
"""

import pendulum
from peewee import JOIN, SQL, Case, fn

from netgarden_tui import clock
from netgarden_tui.store import sqlite
from netgarden_tui.store.models import (
    Circle, Contact, ContactMethod, ContactTag, Fact, Favour, FollowUp, Interaction,
    InteractionContact, Introduction, LifeEvent, Setting, Tag,
)
from netgarden_tui.store.records import (
    Birthday, BirthdayRow, CadenceDue, CadenceScore, ContactCard, ContactFields, ContactRow,
    FactRecord,
    FavourRecord, FollowUpRecord, InteractionRecord, IntroductionRecord, LifeEventRecord, Method,
)

SORTS = ("name", "next_due", "last_touch", "circle")


def effective_cadence_expression(default_cadence: int):
    """The contact's own cadence, else its circle's, else the configured default."""
    return fn.coalesce(Contact.cadence_days, Circle.cadence_days, default_cadence)


# --- the contact list -------------------------------------------------------------------

def _filtered_contacts(query, search, circle, tag, include_archived):
    matching = sqlite.matching_contact_ids(search) if search else None
    if matching is not None:
        query = query.where(Contact.id.in_(matching))
    if not include_archived:
        # With a search, test `archived` as an expression so SQLite starts from the few
        # full-text matches instead of walking the archived/name index (22 ms -> 3 ms).
        archived = fn.coalesce(Contact.archived, 0) if matching is not None else Contact.archived
        query = query.where(archived == False)  # noqa: E712 (peewee expression)
    if circle:
        query = query.where(fn.lower(Circle.name) == circle.lower())
    if tag:
        tagged = (ContactTag.select(ContactTag.contact).join(Tag)
                  .where(fn.lower(Tag.name) == tag.lower()))
        query = query.where(Contact.id.in_(tagged))
    return query


def count_contacts(*, search: str = "", circle: str = "", tag: str = "",
                   include_archived: bool = False) -> int:
    query = Contact.select(fn.count(Contact.id))
    if circle:
        query = query.join(Circle, JOIN.LEFT_OUTER)
    return _filtered_contacts(query, search, circle, tag, include_archived).scalar()


def contact_rows(*, default_cadence: int, search: str = "", circle: str = "", tag: str = "",
                 sort: str = "name", offset: int = 0, limit: int | None = None,
                 include_archived: bool = False) -> list[ContactRow]:
    """A window of the contact list, filtered and sorted in SQL."""
    next_due = Contact.next_due_on
    since_touch = sqlite.days_between(
        sqlite.local_day(Contact.last_touch_at, clock.utc_offset_seconds()),
        clock.today().isoformat())
    query = (Contact.select(Contact.id, Contact.display_name, Circle.name.alias("circle_name"),
                            Contact.last_touch_at, next_due.alias("next_due"),
                            since_touch.alias("since_touch"))
             .join(Circle, JOIN.LEFT_OUTER))
    query = _filtered_contacts(query, search, circle, tag, include_archived)
    order = {
        "name": (Contact.display_name, Contact.id),
        "next_due": (next_due, Contact.display_name),
        "last_touch": (Contact.last_touch_at.asc(nulls="FIRST"), Contact.display_name),
        "circle": (Circle.priority.asc(nulls="LAST"), Circle.name, Contact.display_name),
    }[sort]
    query = query.order_by(*order).offset(offset or None).limit(limit)
    return [
        ContactRow(id=row["id"], name=row["display_name"], circle=row["circle_name"],
                   last_touch_at=row["last_touch_at"], next_due=row["next_due"],
                   days_since_touch=row["since_touch"])
        for row in query.dicts()
    ]


# --- one contact -----------------------------------------------------------------------

def contact_card(contact_id: int, *, default_cadence: int) -> ContactCard | None:
    row = (Contact.select(Contact, Circle.name.alias("circle_name"),
                          effective_cadence_expression(default_cadence).alias("cadence"))
           .join(Circle, JOIN.LEFT_OUTER).where(Contact.id == contact_id)
           .objects().first())
    if row is None:
        return None
    introducer = row.introduced_by.display_name if row.introduced_by_id else None
    birthday = (Birthday(row.birthday_month, row.birthday_day, row.birthday_year)
                if row.birthday_month else None)
    return ContactCard(
        id=row.id, display_name=row.display_name, given_name=row.given_name,
        family_name=row.family_name, nickname=row.nickname, company=row.company,
        role=row.role, met_where=row.met_where, met_on=row.met_on, introduced_by=introducer,
        birthday=birthday, notes=row.notes, archived=row.archived, circle=row.circle_name,
        cadence_days=row.cadence, own_cadence_days=row.cadence_days,
        snoozed_until=row.snoozed_until, last_touch_at=row.last_touch_at,
        next_due=row.next_due_on, created_at=row.created_at,
        methods=tuple(Method(m.kind, m.value, m.label) for m in
                      row.methods.order_by(ContactMethod.kind, ContactMethod.id)),
        tags=tuple(tag_names(contact_id)),
        facts=tuple(FactRecord(f.id, f.kind, f.text, f.year)
                    for f in row.facts.order_by(Fact.kind, Fact.id)),
        follow_ups=tuple(follow_ups(contact_id=contact_id)),
        favours=tuple(favours(contact_id=contact_id, open_only=True)),
    )


def tag_names(contact_id: int) -> list[str]:
    query = (Tag.select(Tag.name).join(ContactTag)
             .where(ContactTag.contact == contact_id).order_by(Tag.name))
    return [tag.name for tag in query]


def interactions(contact_id: int, *, limit: int | None = None) -> list[InteractionRecord]:
    """A contact's touches, newest first, each with everyone it involved."""
    query = (Interaction.select().join(InteractionContact)
             .where(InteractionContact.contact == contact_id)
             .order_by(Interaction.at.desc(), Interaction.id.desc()).limit(limit))
    rows = list(query)
    people = _people_in([row.id for row in rows])
    return [
        InteractionRecord(id=row.id, at=row.at, channel=row.channel, direction=row.direction,
                          note=row.note, awaiting_reply=row.awaiting_reply,
                          duration_seconds=row.duration_seconds,
                          contacts=tuple(people.get(row.id, ())))
        for row in rows
    ]


def _people_in(interaction_ids) -> dict[int, list[str]]:
    if not interaction_ids:
        return {}
    links = (InteractionContact.select(InteractionContact.interaction, Contact.display_name)
             .join(Contact).where(InteractionContact.interaction.in_(interaction_ids))
             .order_by(Contact.display_name).tuples())
    people: dict[int, list[str]] = {}
    for interaction_id, name in links:
        people.setdefault(interaction_id, []).append(name)
    return people


_FOLLOW_UP_COLUMNS = (FollowUp.id, FollowUp.contact, Contact.display_name, FollowUp.due_on,
                      FollowUp.what, FollowUp.done_at)


def _follow_up_records(query) -> list[FollowUpRecord]:
    """Read as tuples: model objects cost ten times as much, and a big queue reads thousands."""
    return [FollowUpRecord(*row) for row in query.tuples()]


def follow_ups(*, contact_id: int | None = None, due_by: pendulum.Date | None = None,
               include_done: bool = False) -> list[FollowUpRecord]:
    query = FollowUp.select(*_FOLLOW_UP_COLUMNS).join(Contact)
    if contact_id is not None:
        query = query.where(FollowUp.contact == contact_id)
    if not include_done:
        query = query.where(FollowUp.done_at.is_null())
    if due_by is not None:
        query = query.where(FollowUp.due_on <= due_by, Contact.archived == False)  # noqa: E712
    return _follow_up_records(query.order_by(FollowUp.due_on, FollowUp.id))


def follow_up(follow_up_id: int) -> FollowUpRecord | None:
    query = FollowUp.select(*_FOLLOW_UP_COLUMNS).join(Contact).where(FollowUp.id == follow_up_id)
    records = _follow_up_records(query)
    return records[0] if records else None


def favours(*, contact_id: int | None = None, open_only: bool = False,
            promised_by: pendulum.Date | None = None) -> list[FavourRecord]:
    """Favours; ``promised_by`` keeps the ones I offered, still open, due by that day."""
    query = Favour.select(Favour.id, Favour.contact, Contact.display_name, Favour.direction,
                          Favour.kind, Favour.what, Favour.status, Favour.due_on,
                          Favour.created_at).join(Contact)
    if contact_id is not None:
        query = query.where(Favour.contact == contact_id)
    if open_only:
        query = query.where(Favour.status == "open")
    if promised_by is not None:
        query = query.where(Favour.direction == "offered", Favour.status == "open",
                            Favour.due_on.is_null() | (Favour.due_on <= promised_by),
                            Contact.archived == False)  # noqa: E712
    query = query.order_by(Favour.created_at.desc(), Favour.id.desc()).tuples()
    return [FavourRecord(*row) for row in query]  # tuples: model objects cost ten times more


def life_events(*, contact_id: int | None = None, unacknowledged_since: pendulum.Date | None = None,
                until: pendulum.Date | None = None) -> list[LifeEventRecord]:
    query = LifeEvent.select(LifeEvent, Contact.id, Contact.display_name).join(Contact)
    if contact_id is not None:
        query = query.where(LifeEvent.contact == contact_id)
    if unacknowledged_since is not None:
        query = query.where(LifeEvent.acknowledged_at.is_null(),
                            LifeEvent.on >= unacknowledged_since, Contact.archived == False)  # noqa: E712
    if until is not None:
        query = query.where(LifeEvent.on <= until)
    return [
        LifeEventRecord(id=row.id, contact_id=row.contact_id, contact=row.contact.display_name,
                        kind=row.kind, text=row.text, on=row.on, acknowledged_at=row.acknowledged_at)
        for row in query.order_by(LifeEvent.on.desc(), LifeEvent.id.desc())
    ]


def introductions(contact_id: int) -> list[IntroductionRecord]:
    """Introductions this contact was part of, as one of the pair or as the introducer."""
    introducer = Contact.alias()
    a, b = Contact.alias(), Contact.alias()
    query = (Introduction.select(Introduction, introducer.display_name.alias("by"),
                                 a.display_name.alias("a_name"), b.display_name.alias("b_name"))
             .join(introducer, JOIN.LEFT_OUTER, on=(Introduction.introducer == introducer.id))
             .switch(Introduction).join(a, on=(Introduction.person_a == a.id))
             .switch(Introduction).join(b, on=(Introduction.person_b == b.id))
             .where((Introduction.person_a == contact_id) | (Introduction.person_b == contact_id)
                    | (Introduction.introducer == contact_id))
             .order_by(Introduction.on.desc()).objects())
    return [
        IntroductionRecord(id=row.id, introducer=row.by, person_a_id=row.person_a_id,
                           person_a=row.a_name, person_b_id=row.person_b_id, person_b=row.b_name,
                           on=row.on, note=row.note, outcome=row.outcome)
        for row in query
    ]


# --- queue candidates ------------------------------------------------------------------

def _cadence_score_expression(score: CadenceScore, overdue, today: pendulum.Date):
    weight = sqlite.greatest(1, fn.coalesce(score.weight_base - Circle.priority, 1))
    points = sqlite.least(score.cap, (overdue + 1) * weight)
    # Added less than new_days ago = added since local midnight new_days - 1 days ago: one
    # text comparison with the stored UTC moment instead of date arithmetic on every row.
    first_new_day = today.subtract(days=score.new_days - 1)
    new_since = pendulum.datetime(first_new_day.year, first_new_day.month, first_new_day.day,
                                  tz=clock.now().timezone)
    return Case(None, [(Contact.created_at >= new_since, points / 2.0)], points * 1.0)


def cadence_due(today: pendulum.Date, *, default_cadence: int, score: CadenceScore,
                limit: int | None = None, among=None) -> list[CadenceDue]:
    """Active contacts whose next due day is today or earlier, best score first.

    ``limit`` keeps only the best; ``among`` (ids, or a subquery of them) only those.
    """
    offset = clock.utc_offset_seconds()
    today_text = today.isoformat()
    overdue = sqlite.days_between(Contact.next_due_on, today_text)
    points = _cadence_score_expression(score, overdue, today)
    due = (Contact.archived == False) & (Contact.next_due_on <= today_text)  # noqa: E712
    order = (points.desc(), Contact.next_due_on, Contact.display_name)
    if among is not None:
        due &= Contact.id.in_(among)
    if limit is not None:
        # Rank on the score alone, then work out the other columns for the best few only.
        best = Contact.select(Contact.id).join(Circle, JOIN.LEFT_OUTER).where(due)
        due = Contact.id.in_(best.order_by(*order).limit(limit))
    query = (Contact.select(
                Contact.id, Contact.display_name, Circle.name, Circle.priority,
                effective_cadence_expression(default_cadence), Contact.next_due_on, overdue,
                sqlite.days_between(sqlite.local_day(Contact.last_touch_at, offset), today_text),
                sqlite.days_between(sqlite.local_day(Contact.created_at, offset), today_text),
                points)
             .join(Circle, JOIN.LEFT_OUTER).where(due).order_by(*order).tuples())
    return [
        CadenceDue(contact_id=cid, contact=name, circle=circle, priority=priority,
                   cadence_days=cadence, next_due=due_on, overdue_days=late,
                   days_since_touch=since_touch, days_since_added=added, score=points)
        for cid, name, circle, priority, cadence, due_on, late, since_touch, added, points in query
    ]


def contacts_due_for_other_reasons(today: pendulum.Date, *, birthday_days: list[tuple[int, int]],
                                   life_events_since: pendulum.Date):
    """A subquery of the contacts due today for a promise, a birthday or a life event."""
    active = Contact.archived == False  # noqa: E712
    day = today.isoformat()
    sets = [
        FollowUp.select(FollowUp.contact).join(Contact).where(
            active, FollowUp.done_at.is_null(), FollowUp.due_on <= day),
        Favour.select(Favour.contact).join(Contact).where(
            active, Favour.direction == "offered", Favour.status == "open",
            Favour.due_on.is_null() | (Favour.due_on <= day)),
        LifeEvent.select(LifeEvent.contact).join(Contact).where(
            active, LifeEvent.acknowledged_at.is_null(), LifeEvent.on <= day,
            LifeEvent.on >= life_events_since.isoformat()),
        *(Contact.select(Contact.id).where(active, Contact.birthday_month == month,
                                            Contact.birthday_day == birth_day)
          for month, birth_day in birthday_days),
    ]
    union = sets[0]
    for more in sets[1:]:
        union = union | more
    return union


def count_due_contacts(today: pendulum.Date, *, other_reasons) -> int:
    """How many contacts the queue holds today: cadence due, or due for ``other_reasons``."""
    cadence = Contact.select(Contact.id).where(Contact.archived == False,  # noqa: E712
                                               Contact.next_due_on <= today.isoformat())
    return Contact.select(fn.count(SQL("*"))).from_((cadence | other_reasons).alias("due")).scalar()


def birthdays_on(days: list[tuple[int, int]]) -> list[BirthdayRow]:
    """Active contacts whose birthday (month, day) is one of ``days``.

    One indexed lookup per day: an OR of the pairs makes SQLite scan every contact.
    """
    rows = []
    for month, day in days:
        query = (Contact.select(Contact.id, Contact.display_name, Contact.birthday_month,
                                Contact.birthday_day, Contact.birthday_year)
                 .where(Contact.birthday_month == month, Contact.birthday_day == day,
                        Contact.archived == False).tuples())  # noqa: E712
        rows += [BirthdayRow(cid, name, Birthday(m, d, year)) for cid, name, m, d, year in query]
    return rows


# --- names, circles, settings ------------------------------------------------------------

def contacts_named(name: str) -> list[tuple[int, str]]:
    """Contacts whose display name is exactly ``name`` (ignoring case)."""
    query = Contact.select(Contact.id, Contact.display_name).where(Contact.display_name == name)
    return list(query.order_by(Contact.archived, Contact.id).tuples())


def contacts_with_name_prefix(prefix: str, *, limit: int = 20) -> list[tuple[int, str]]:
    """Contacts with any name part (display, given, family, nickname) starting with ``prefix``."""
    parts = (Contact.display_name, Contact.given_name, Contact.family_name, Contact.nickname)
    condition = None
    for part in parts:
        clause = part.startswith(prefix)  # LIKE: ignores ASCII case, escapes % and _
        condition = clause if condition is None else condition | clause
    query = (Contact.select(Contact.id, Contact.display_name).where(condition)
             .order_by(Contact.archived, Contact.display_name).limit(limit))
    return list(query.tuples())


def all_contact_names():
    """(id, display name) of every contact, streamed: only for fuzzy matching a typed name."""
    return Contact.select(Contact.id, Contact.display_name).tuples().iterator()


def circle_names() -> list[str]:
    return [c.name for c in Circle.select(Circle.name).order_by(Circle.priority, Circle.name)]


def circle_id(name: str) -> int | None:
    row = Circle.select(Circle.id).where(Circle.name == name).first()
    return row.id if row else None


def setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else None


def contact_name(contact_id: int) -> str | None:
    row = Contact.select(Contact.display_name).where(Contact.id == contact_id).first()
    return row.display_name if row else None


# --- importing ---------------------------------------------------------------------------

def contacts_to_match() -> list[ContactFields]:
    """Every contact's own fields, ways to reach them and tags, in three queries.

    An import matches each record in memory against these: a query per record would cost
    more than writing it.
    """
    methods: dict[int, list[Method]] = {}
    query = ContactMethod.select(ContactMethod.contact, ContactMethod.kind, ContactMethod.value,
                                 ContactMethod.label).order_by(ContactMethod.id).tuples()
    for contact_id, kind, value, label in query:
        methods.setdefault(contact_id, []).append(Method(kind, value, label))
    tags: dict[int, list[str]] = {}
    for contact_id, name in ContactTag.select(ContactTag.contact, Tag.name).join(Tag).tuples():
        tags.setdefault(contact_id, []).append(name)
    query = Contact.select(
        Contact.id, Contact.display_name, Contact.given_name, Contact.family_name,
        Contact.nickname, Contact.company, Contact.role, Contact.met_where, Contact.met_on,
        Contact.birthday_month, Contact.birthday_day, Contact.birthday_year, Contact.notes,
        Contact.circle, Contact.external_uid).order_by(Contact.id).tuples()
    return [
        ContactFields(id=cid, display_name=name, given_name=given, family_name=family,
                      nickname=nickname, company=company, role=role, met_where=met_where,
                      met_on=met_on, birthday=Birthday(month, day, year) if month else None,
                      notes=notes, circle_id=circle, external_uid=uid,
                      methods=tuple(methods.get(cid, ())), tags=tuple(tags.get(cid, ())))
        for (cid, name, given, family, nickname, company, role, met_where, met_on, month, day,
             year, notes, circle, uid) in query
    ]
