"""Read queries, each a small function named for what it returns (plain records).

Who is due comes from ``Contact.next_due_on``, which ``writes.refresh_schedule`` keeps (the
cadence rule, once), so the queue, the list and the card agree and nothing loads the
whole garden to find who is due.
"""

from collections.abc import Sequence

import pendulum
from peewee import JOIN, SQL, Case, Cast, TextField, Value, fn

from netgarden_tui import clock
from netgarden_tui.vocabulary import MET_THROUGH_YOU, ONLINE_CHANNELS
from netgarden_tui.store import backend
from netgarden_tui.store.models import (
    AUTHORS_SETTING, CaptureMeeting, Circle, Contact, ContactAddress, ContactMethod, ContactTag, Fact, Favour,
    FollowUp, Interaction, InteractionContact, Introduction, LifeEvent, Need, PastJob, Setting,
    Tag, db,
)
from netgarden_tui.store.records import (
    Acquaintance, Address, Birthday, CircleHealth, CircleRecord,
    ContactCard, ContactFields, ContactRow, FactRecord, FavourBalance, FavourRecord,
    FollowUpRecord, InteractionRecord, IntroductionRecord, LifeEventRecord, MeetingRecord,
    MeetingWith, Method, NeedRecord, PastJobRecord, RegroupRow,
)

CHUNK = 500  # ids per IN (...): well under SQLite's limit on parameters



def effective_cadence_expression(default_cadence: int):
    """The contact's own cadence, else its circle's, else the configured default."""
    return fn.coalesce(Contact.cadence_days, Circle.cadence_days, default_cadence)


# --- the contact list -------------------------------------------------------------------

def _filtered_contacts(query, search, circle, tag, include_archived):
    matching = backend.matching_contact_ids(search) if search else None
    if matching is not None:
        query = query.where(Contact.id.in_(matching))
    if not include_archived:
        # With a search, test `archived` as an expression so SQLite starts from the few
        # full-text matches instead of walking the archived/name index (22 ms -> 3 ms).
        archived = fn.coalesce(Contact.archived, False) if matching is not None else Contact.archived
        query = query.where(archived == False)  # noqa: E712 (peewee expression)
    if circle:
        query = query.where(fn.lower(Circle.name) == circle.lower())
    if tag:
        tagged = (ContactTag.select(ContactTag.contact).join(Tag)
                  .where(fn.lower(Tag.name) == tag.lower()))
        query = query.where(Contact.id.in_(tagged))
    return query


def has_contacts() -> bool:
    """Whether the garden has anyone at all, archived or not (one row looked at)."""
    return Contact.select(Contact.id).limit(1).exists()


def count_contacts(*, search: str = "", circle: str = "", tag: str = "",
                   include_archived: bool = False) -> int:
    query = Contact.select(fn.count(SQL("*")))
    if circle:
        query = query.join(Circle, JOIN.LEFT_OUTER)
    return _filtered_contacts(query, search, circle, tag, include_archived).scalar()


def contact_rows(*, default_cadence: int, search: str = "", circle: str = "", tag: str = "",
                 sort: str = "name", offset: int = 0, limit: int | None = None,
                 include_archived: bool = False) -> list[ContactRow]:
    """A window of the contact list, filtered and sorted in SQL."""
    next_due = Contact.next_due_on
    since_touch = backend.days_between(
        backend.local_day(Contact.last_touch_at, clock.utc_offset_seconds()),
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
    return ContactCard(
        id=row.id, display_name=row.display_name, given_name=row.given_name,
        family_name=row.family_name, nickname=row.nickname, company=row.company,
        role=row.role, met_where=row.met_where, met_on=row.met_on, introduced_by=introducer,
        birthday=yearly_day(row, "birthday"), notes=row.notes, archived=row.archived,
        circle=row.circle_name, cadence_days=row.cadence, own_cadence_days=row.cadence_days,
        snoozed_until=row.snoozed_until, last_touch_at=row.last_touch_at,
        next_due=row.next_due_on, created_at=row.created_at,
        methods=tuple(Method(m.kind, m.value, m.label) for m in
                      row.methods.order_by(ContactMethod.kind, ContactMethod.id)),
        tags=tuple(tag_names(contact_id)),
        facts=tuple(FactRecord(f.id, f.kind, f.text, f.year)
                    for f in row.facts.order_by(Fact.kind, Fact.id)),
        follow_ups=tuple(follow_ups(contact_id=contact_id)),
        favours=tuple(favours(contact_id=contact_id, open_only=True)),
        balance=favour_balance(contact_id),
        unanswered_in_a_row=row.unanswered_in_a_row,
        department=row.department, function=row.function,
        anniversary=yearly_day(row, "anniversary"),
        addresses=addresses_by_contact(contact_id).get(contact_id, ()),
        past_jobs=past_jobs_by_contact(contact_id).get(contact_id, ()),
        meetings=tuple(meetings_to_come(contact_id)),
        touches_by_month=touches_by_month(contact_id),
        needs=tuple(needs(contact_id=contact_id, open_only=True)),
    )


CARD_MONTHS = 24  # the card's line of touches a month: the last two years


def touches_by_month(contact_id: int, months: int = CARD_MONTHS) -> tuple[int, ...]:
    """Touches with a contact in each of the last ``months`` local months, this one last."""
    this_month = clock.today().start_of("month")
    first = this_month.subtract(months=months - 1)
    start = pendulum.datetime(first.year, first.month, 1, tz=clock.now().timezone)
    month = backend.local_month(Interaction.at, clock.utc_offset_seconds())
    counts = dict(Interaction.select(month, fn.count(Interaction.id))
                  .join(InteractionContact)
                  .where(InteractionContact.contact == contact_id, Interaction.at >= start)
                  .group_by(month).tuples())
    return tuple(counts.get(first.add(months=n).format("YYYY-MM"), 0) for n in range(months))


def meetings_to_come(contact_id: int, *, limit: int = 5) -> list[MeetingRecord]:
    """The next meetings with a contact (by their emails), read from calendars by capture;
    the first ``limit`` not over yet, soonest first."""
    query = (CaptureMeeting.select(CaptureMeeting.starts_at, CaptureMeeting.ends_at,
                                   CaptureMeeting.whole_day, CaptureMeeting.channel,
                                   CaptureMeeting.summary)
             .join(ContactMethod, on=(ContactMethod.match_key == CaptureMeeting.address))
             .where(ContactMethod.contact == contact_id, ContactMethod.kind == "email",
                    CaptureMeeting.ends_at > clock.utcnow())
             .distinct().order_by(CaptureMeeting.starts_at).limit(limit).tuples())
    return [MeetingRecord(*row) for row in query]


def meetings_between(start: pendulum.DateTime, end: pendulum.DateTime) -> list[MeetingWith]:
    """The meetings with contacts (by their emails) starting before ``end`` and not over
    at ``start``, soonest first: each once, with the names of the contacts in it."""
    rows = (CaptureMeeting.select(CaptureMeeting.id, CaptureMeeting.starts_at,
                                  CaptureMeeting.ends_at, CaptureMeeting.whole_day,
                                  CaptureMeeting.channel, CaptureMeeting.summary,
                                  Contact.display_name)
            .join(ContactMethod, JOIN.CROSS)  # the meetings first: see due._meetings
            .join(Contact, on=(Contact.id == ContactMethod.contact))
            .where(ContactMethod.match_key == CaptureMeeting.address,
                   ContactMethod.kind == "email", Contact.archived == False,  # noqa: E712
                   CaptureMeeting.ends_at > start, CaptureMeeting.starts_at < end)
            .order_by(CaptureMeeting.starts_at, CaptureMeeting.id, Contact.display_name)
            .tuples())
    meetings: dict[int, MeetingWith] = {}
    for meeting_id, starts_at, ends_at, whole_day, channel, summary, name in rows:
        meeting = MeetingWith(MeetingRecord(starts_at, ends_at, whole_day, channel, summary), ())
        meeting = meetings.setdefault(meeting_id, meeting)
        if name not in meeting.contacts:
            meetings[meeting_id] = meeting._replace(contacts=(*meeting.contacts, name))
    return list(meetings.values())


def yearly_day(row: Contact, name: str) -> Birthday | None:
    """A contact's birthday (or anniversary) from its three columns, or None."""
    return _yearly(*(getattr(row, f"{name}_{part}") for part in ("month", "day", "year")))


def _yearly(month: int | None, day: int | None, year: int | None) -> Birthday | None:
    return Birthday(month, day, year) if month else None


def _by_contact(model, record, contact_id: int | None,
                contact_ids: Sequence[int] | None = None) -> dict[int, tuple]:
    """A table's rows as ``record``s (its fields, by name), grouped by contact, in the
    order they were added; one contact's, these contacts' (``contact_ids``), or every
    contact's.

    Read from the driver's cursor, converting only what is not text: an import reads
    every contact's, and peewee's conversion of each value took longer than the query.
    """
    fields = [getattr(model, name) for name in record._fields]
    convert = [None if isinstance(field, TextField) else field.python_value for field in fields]
    query = model.select(model.contact, *fields).order_by(model.id)
    if contact_id is not None:
        query = query.where(model.contact == contact_id)
    grouped: dict[int, list] = {}
    for owner, *values in _rows_of(query, model.contact, contact_ids):
        if any(convert):
            values = [to(value) if to else value for to, value in zip(convert, values)]
        grouped.setdefault(owner, []).append(record(*values))
    return {owner: tuple(rows) for owner, rows in grouped.items()}


def _rows_of(query, column, contact_ids: Sequence[int] | None):
    """The query's rows from the driver's cursor: all of them, or those whose ``column``
    is one of ``contact_ids`` (asked CHUNK ids at a time)."""
    if contact_ids is None:
        yield from db.execute(query)
        return
    ids = list(contact_ids)
    for start in range(0, len(ids), CHUNK):
        yield from db.execute(query.where(column.in_(ids[start:start + CHUNK])))


def addresses_by_contact(contact_id: int | None = None, *,
                         contact_ids: Sequence[int] | None = None
                         ) -> dict[int, tuple[Address, ...]]:
    return _by_contact(ContactAddress, Address, contact_id, contact_ids)


def past_jobs_by_contact(contact_id: int | None = None, *,
                         contact_ids: Sequence[int] | None = None
                         ) -> dict[int, tuple[PastJobRecord, ...]]:
    """Work history, oldest first."""
    return _by_contact(PastJob, PastJobRecord, contact_id, contact_ids)


def tag_names(contact_id: int) -> list[str]:
    query = (Tag.select(Tag.name).join(ContactTag)
             .where(ContactTag.contact == contact_id).order_by(Tag.name))
    return [tag.name for tag in query]


def interactions(contact_id: int, *, limit: int | None = None) -> list[InteractionRecord]:
    """A contact's touches, newest first, each with everyone it involved."""
    query = (Interaction.select().join(InteractionContact)
             .where(InteractionContact.contact == contact_id)
             .order_by(Interaction.at.desc(), Interaction.id.desc()).limit(limit))
    return _interaction_records(list(query))


def authors() -> tuple[str, ...]:
    """Everyone who has logged a touch in the garden (writes.note_author keeps the list)."""
    value = setting(AUTHORS_SETTING)
    return tuple(value.split("\n")) if value else ()


def interaction(interaction_id: int) -> InteractionRecord | None:
    """One touch, with everyone it involved."""
    found = _interaction_records(list(Interaction.select().where(Interaction.id == interaction_id)))
    return found[0] if found else None


def _interaction_records(rows) -> list[InteractionRecord]:
    people = _people_in([row.id for row in rows])
    return [
        InteractionRecord(id=row.id, at=row.at, channel=row.channel, direction=row.direction,
                          note=row.note, awaiting_reply=row.awaiting_reply,
                          duration_seconds=row.duration_seconds,
                          contacts=tuple(people.get(row.id, ())), author=row.author)
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


def follow_ups(*, contact_id: int | None = None,
               include_done: bool = False) -> list[FollowUpRecord]:
    query = FollowUp.select(*_FOLLOW_UP_COLUMNS).join(Contact)
    if contact_id is not None:
        query = query.where(FollowUp.contact == contact_id)
    if not include_done:
        query = query.where(FollowUp.done_at.is_null())
    return _follow_up_records(query.order_by(FollowUp.due_on, FollowUp.id))


def follow_up(follow_up_id: int) -> FollowUpRecord | None:
    query = FollowUp.select(*_FOLLOW_UP_COLUMNS).join(Contact).where(FollowUp.id == follow_up_id)
    records = _follow_up_records(query)
    return records[0] if records else None


def favours(*, contact_id: int | None = None, open_only: bool = False) -> list[FavourRecord]:
    query = Favour.select(Favour.id, Favour.contact, Contact.display_name, Favour.direction,
                          Favour.kind, Favour.what, Favour.status, Favour.due_on,
                          Favour.created_at).join(Contact)
    if contact_id is not None:
        query = query.where(Favour.contact == contact_id)
    if open_only:
        query = query.where(Favour.status == "open")
    query = query.order_by(Favour.created_at.desc(), Favour.id.desc()).tuples()
    return [FavourRecord(*row) for row in query]  # tuples: model objects cost ten times more


def needs(*, contact_id: int | None = None, open_only: bool = False,
          kind: str | None = None) -> list[NeedRecord]:
    """Needs and offers (of one contact, open ones only, of one kind): the open ones
    first, needs before offers, newest first."""
    query = Need.select(Need.id, Need.contact, Contact.display_name, Need.kind, Need.text,
                        Need.created_at, Need.met_at, Need.met_by, Need.introduction).join(Contact)
    if contact_id is not None:
        query = query.where(Need.contact == contact_id)
    if open_only:
        query = query.where(Need.met_at.is_null())
    if kind is not None:
        query = query.where(Need.kind == kind)
    query = query.order_by(Need.met_at.is_null(False), Need.kind, Need.created_at.desc(),
                           Need.id.desc())
    return [NeedRecord(*row) for row in query.tuples()]


def need(need_id: int) -> NeedRecord | None:
    query = (Need.select(Need.id, Need.contact, Contact.display_name, Need.kind, Need.text,
                         Need.created_at, Need.met_at, Need.met_by, Need.introduction)
             .join(Contact).where(Need.id == need_id).tuples())
    rows = [NeedRecord(*row) for row in query]
    return rows[0] if rows else None


def life_events(*, contact_id: int | None = None) -> list[LifeEventRecord]:
    query = LifeEvent.select(LifeEvent, Contact.id, Contact.display_name).join(Contact)
    if contact_id is not None:
        query = query.where(LifeEvent.contact == contact_id)
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


# --- names, circles, settings ------------------------------------------------------------

def contacts_named(name: str) -> list[tuple[int, str]]:
    """Contacts whose display name is exactly ``name`` (ignoring case)."""
    query = Contact.select(Contact.id, Contact.display_name).where(Contact.display_name == name)
    return list(query.order_by(Contact.archived, Contact.id).tuples())


def told_apart(contact_ids) -> dict[int, str]:
    """What tells each of these contacts from another of the same name, for those whose
    name another contact has too: their company (unless a namesake works there as well),
    else their first email, else their id ("#12"). Others are left out: the lists ask for
    their rows' ids, and a name nobody else has costs an index lookup."""
    ids = list(dict.fromkeys(contact_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), IDS_AT_ONCE):
        found.update(_told_apart(ids[start:start + IDS_AT_ONCE]))
    return found


IDS_AT_ONCE = 500  # ids in one IN (...): well under SQLite's limit on parameters


def _told_apart(contact_ids: list[int]) -> dict[int, str]:
    other = Contact.alias("namesake")

    def namesakes(*also):
        # archived IN (0, 1): the (archived, display_name) index finds them.
        return fn.EXISTS(other.select(SQL("1")).where(
            other.archived.in_([False, True]), other.display_name == Contact.display_name,
            other.id != Contact.id, *also))

    first_email = (ContactMethod.select(ContactMethod.value)
                   .where(ContactMethod.contact == Contact.id, ContactMethod.kind == "email")
                   .order_by(ContactMethod.id).limit(1))
    by_company = (Contact.company != "") & ~namesakes(fn.lower(other.company)
                                                       == fn.lower(Contact.company))
    aside = Case(None, [(by_company, Contact.company)],
                 fn.coalesce(first_email, Value("#").concat(Cast(Contact.id, "TEXT"))))
    query = (Contact.select(Contact.id, aside)
             .where(Contact.id.in_(contact_ids), namesakes()).tuples())
    return dict(query)


def contacts_with_name_prefix(prefix: str, *, limit: int = 20) -> list[tuple[int, str]]:
    """Contacts with any name part (display, given, family, nickname) starting with ``prefix``."""
    parts = (Contact.display_name, Contact.given_name, Contact.family_name, Contact.nickname)
    condition = None
    for part in parts:
        clause = backend.starts_with(part, prefix)
        condition = clause if condition is None else condition | clause
    query = (Contact.select(Contact.id, Contact.display_name).where(condition)
             .order_by(Contact.archived, Contact.display_name).limit(limit))
    return list(query.tuples())


def names_like(text: str):
    """(id, display name) of the contacts whose names may be ``text`` mistyped, streamed,
    for fuzzy matching to rank: every contact's on SQLite, the names sharing enough of
    its letter triples on a server (from an index, not a million rows over the wire)."""
    query = Contact.select(Contact.id, Contact.display_name)
    alike = backend.alike(Contact.display_name, text)
    if alike is not None:
        query = query.where(alike)
    return query.tuples().iterator()


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

def contacts_to_match(contact_ids: Sequence[int] | None = None) -> list[ContactFields]:
    """Every contact's own fields (or these contacts'), ways to reach them (with their
    match keys), tags, addresses and past jobs, in a few queries.

    An import matches each record in memory against these: a query per record would cost
    more than writing it. A sync reads again those it changed.
    """
    methods: dict[int, list[Method]] = {}
    keys: dict[int, set[tuple[str, str]]] = {}
    query = ContactMethod.select(ContactMethod.contact, ContactMethod.kind, ContactMethod.value,
                                 ContactMethod.label, ContactMethod.match_key).order_by(
                                     ContactMethod.id)
    # plain texts: no conversion
    for contact_id, kind, value, label, key in _rows_of(query, ContactMethod.contact,
                                                        contact_ids):
        methods.setdefault(contact_id, []).append(Method(kind, value, label))
        keys.setdefault(contact_id, set()).add((kind, key))
    tags: dict[int, list[str]] = {}
    query = ContactTag.select(ContactTag.contact, Tag.name).join(Tag).order_by(
        ContactTag.contact, Tag.name)
    for contact_id, name in _rows_of(query, ContactTag.contact, contact_ids):
        tags.setdefault(contact_id, []).append(name)
    addresses = addresses_by_contact(contact_ids=contact_ids)
    past_jobs = past_jobs_by_contact(contact_ids=contact_ids)
    query = Contact.select(
        Contact.id, Contact.display_name, Contact.given_name, Contact.family_name,
        Contact.nickname, Contact.company, Contact.role, Contact.met_where, Contact.met_on,
        Contact.birthday_month, Contact.birthday_day, Contact.birthday_year, Contact.notes,
        Contact.circle, Contact.external_uid, Contact.department, Contact.function,
        Contact.anniversary_month, Contact.anniversary_day, Contact.anniversary_year,
    ).order_by(Contact.id)
    return [
        ContactFields(id=cid, display_name=name, given_name=given, family_name=family,
                      nickname=nickname, company=company, role=role, met_where=met_where,
                      met_on=met_on, birthday=_yearly(month, day, year),
                      notes=notes, circle_id=circle, external_uid=uid,
                      methods=tuple(methods.get(cid, ())), tags=tuple(tags.get(cid, ())),
                      department=department, function=function,
                      anniversary=_yearly(a_month, a_day, a_year),
                      addresses=addresses.get(cid, ()), past_jobs=past_jobs.get(cid, ()),
                      method_keys=frozenset(keys.get(cid, ())))
        for (cid, name, given, family, nickname, company, role, met_where, met_on, month, day,
             year, notes, circle, uid, department, function, a_month, a_day, a_year)
        in _contact_rows(query, contact_ids)
    ]


def _contact_rows(query, contact_ids: Sequence[int] | None):
    """contacts_to_match's contact rows, their dates as dates."""
    if contact_ids is None:
        yield from query.tuples().iterator()
        return
    ids = list(contact_ids)
    for start in range(0, len(ids), CHUNK):
        yield from query.where(Contact.id.in_(ids[start:start + CHUNK])).tuples().iterator()


# --- tending: favours, one-sided, online only, circles, regroup, who knows whom ----------

def favour_balances(contact_ids) -> dict[int, FavourBalance]:
    """Favours done by me and for me, per contact (those with none are left out)."""
    gave = Case(None, [((Favour.direction == "given") | ((Favour.direction == "offered")
                                                          & (Favour.status == "delivered")), 1)], 0)
    took = Case(None, [((Favour.direction == "received") | ((Favour.direction == "asked")
                                                             & (Favour.status == "delivered")), 1)], 0)
    contact_ids = list(contact_ids)
    query = (Favour.select(Favour.contact, fn.sum(gave), fn.sum(took))
             .where(Favour.contact.in_(contact_ids)).group_by(Favour.contact).tuples())
    balances = {cid: FavourBalance(int(g or 0), int(t or 0)) for cid, g, t in query}
    for cid, helped in _needs_met_through_me(contact_ids).items():
        gave_before, took = balances.get(cid, FavourBalance(0, 0))
        balances[cid] = FavourBalance(gave_before + helped, took)
    return balances


def _needs_met_through_me(contact_ids=None) -> dict[int, int]:
    """Helping counts: per contact, their needs met by me or through an introduction I
    made, each a favour I gave (all contacts when None)."""
    query = Need.select(Need.contact, fn.count(Need.id)).where(
        Need.kind == "need", Need.met_at.is_null(False), Need.met_by.in_(MET_THROUGH_YOU))
    if contact_ids is not None:
        query = query.where(Need.contact.in_(list(contact_ids)))
    return dict(query.group_by(Need.contact).tuples())


def needs_met_through_me() -> int:
    """How many needs, across the garden, were met by me or through my introductions."""
    return sum(_needs_met_through_me().values())


def favour_balance(contact_id: int) -> FavourBalance:
    """One contact's favours done by me and for me."""
    return favour_balances([contact_id]).get(contact_id, FavourBalance(0, 0))


def recent_asks(contact_id: int, count: int) -> list[str]:
    """The statuses of my last ``count`` asks of this contact, newest first."""
    query = (Favour.select(Favour.status)
             .where(Favour.contact == contact_id, Favour.direction == "asked")
             .order_by(Favour.created_at.desc(), Favour.id.desc()).limit(count).tuples())
    return [status for (status,) in query]


def favour(favour_id: int) -> FavourRecord | None:
    query = (Favour.select(Favour.id, Favour.contact, Contact.display_name, Favour.direction,
                           Favour.kind, Favour.what, Favour.status, Favour.due_on,
                           Favour.created_at).join(Contact).where(Favour.id == favour_id).tuples())
    rows = [FavourRecord(*row) for row in query]
    return rows[0] if rows else None


def unanswered_since(contact_id: int) -> pendulum.DateTime | None:
    """When the first of a contact's outreaches still awaiting a reply was sent (since
    their last answered touch)."""
    def touches(*where):
        return (Interaction.select(*where[:1]).join(InteractionContact)
                .where(InteractionContact.contact == contact_id, *where[1:]))

    answered = touches(fn.max(Interaction.at), Interaction.awaiting_reply == False)  # noqa: E712
    first = touches(fn.min(Interaction.at), Interaction.awaiting_reply == True,  # noqa: E712
                    Interaction.at > fn.coalesce(answered, "")).scalar()
    return _moment(first) if first else None


def online_only_since(contact_ids) -> dict[int, pendulum.DateTime]:
    """For each of these contacts touched only online (email, message, social) since some
    moment: the first of those online touches after their last touch in person or by
    voice (or ever). Contacts last touched in person or by voice are left out."""
    contact_ids = list(contact_ids)
    if not contact_ids:
        return {}
    offline = Case(None, [(Interaction.channel.not_in(ONLINE_CHANNELS), Interaction.at)], None)
    last_offline = (Interaction.select(InteractionContact.contact.alias("cid"),
                                       fn.max(offline).alias("at"))
                    .join(InteractionContact)
                    .where(InteractionContact.contact.in_(contact_ids))
                    .group_by(InteractionContact.contact)).alias("last_offline")
    query = (Interaction.select(InteractionContact.contact, fn.min(Interaction.at))
             .join(InteractionContact)
             .join(last_offline, on=(last_offline.c.cid == InteractionContact.contact))
             .where(Interaction.at > fn.coalesce(last_offline.c.at, ""))
             .group_by(InteractionContact.contact).tuples())
    return {cid: _moment(at) for cid, at in query if at is not None}


def _moment(value) -> pendulum.DateTime:
    return value if isinstance(value, pendulum.DateTime) else pendulum.parse(value)


def last_notes(contact_ids) -> dict[int, str]:
    """Each contact's newest non-empty note from a touch."""
    contact_ids = list(contact_ids)
    if not contact_ids:
        return {}
    newest = (Interaction.select(fn.max(Interaction.at)).join(InteractionContact, on=(
        InteractionContact.interaction == Interaction.id)).where(
        InteractionContact.contact == SQL("outer_link.contact_id"), Interaction.note != ""))
    outer = InteractionContact.alias("outer_link")
    query = (Interaction.select(outer.contact, Interaction.note)
             .join(outer, on=(outer.interaction == Interaction.id))
             .where(outer.contact.in_(contact_ids), Interaction.note != "",
                    Interaction.at == newest).tuples())
    return {cid: note for cid, note in query}


def unthanked_favours(contact_ids) -> dict[int, tuple[str, str]]:
    """(kind, what) of a favour done for me by each contact since I was last in touch."""
    contact_ids = list(contact_ids)
    if not contact_ids:
        return {}
    done_for_me = (Favour.direction == "received") | (
        (Favour.direction == "asked") & (Favour.status == "delivered"))
    moment = fn.coalesce(Favour.resolved_at, Favour.created_at)
    query = (Favour.select(Favour.contact, Favour.kind, Favour.what).join(Contact)
             .where(Favour.contact.in_(contact_ids), done_for_me,
                    Contact.last_touch_at.is_null() | (moment > Contact.last_touch_at))
             .order_by(moment).tuples())
    return {cid: (kind, what) for cid, kind, what in query}


def circles() -> list[CircleRecord]:
    query = Circle.select(Circle.id, Circle.name, Circle.priority, Circle.cadence_days)
    return [CircleRecord(*row) for row in query.order_by(Circle.priority, Circle.name).tuples()]


def circle_health(today: pendulum.Date, *, one_sided_after: int,
                  overdue_after_days: int) -> list[CircleHealth]:
    """Each circle (and no circle, if anyone is in none) with its active contacts counted:
    all, due (today or before), overdue (by more than ``overdue_after_days``), one-sided."""
    def count(condition):
        return fn.sum(Case(None, [(condition, 1)], 0))

    due = Contact.next_due_on <= today.isoformat()
    overdue = Contact.next_due_on < today.subtract(days=overdue_after_days).isoformat()
    members = (Contact.select(Contact.circle.alias("circle_id"), fn.count(SQL("*")).alias("n"),
                              count(due).alias("due"), count(overdue).alias("overdue"),
                              count(Contact.unanswered_in_a_row >= one_sided_after)
                              .alias("one_sided"))
               .where(Contact.archived == False)  # noqa: E712
               .group_by(Contact.circle)).alias("members")
    rows = {circle_id: (n, d, o, s) for circle_id, n, d, o, s in
            Contact.select(members.c.circle_id, members.c.n, members.c.due, members.c.overdue,
                           members.c.one_sided).from_(members).tuples()}
    health = [CircleHealth(c.id, c.name, c.priority, c.cadence_days,
                           *(int(x or 0) for x in rows.get(c.id, (0, 0, 0, 0))))
              for c in circles()]
    if None in rows:
        health.append(CircleHealth(None, None, None, None, *(int(x or 0) for x in rows[None])))
    return health


def regroup_rows(circle_id: int | None, *, default_cadence: int, active_since: pendulum.DateTime,
                 limit: int, offset: int = 0) -> list[RegroupRow]:
    """The active contacts of a circle (None: of no circle), least recently touched first,
    with their touches since ``active_since`` and their favour balance."""
    recent = (InteractionContact.select(fn.count(SQL("*"))).join(Interaction)
              .where(InteractionContact.contact == Contact.id, Interaction.at >= active_since))
    in_circle = Contact.circle.is_null() if circle_id is None else Contact.circle == circle_id
    query = (Contact.select(Contact.id, Contact.display_name, Contact.cadence_days,
                            effective_cadence_expression(default_cadence), Contact.last_touch_at,
                            recent)
             .join(Circle, JOIN.LEFT_OUTER)
             .where(in_circle, Contact.archived == False)  # noqa: E712
             .order_by(Contact.last_touch_at.asc(nulls="first"), Contact.display_name)
             .limit(limit).offset(offset).tuples())
    rows = list(query)
    balances = favour_balances([row[0] for row in rows])
    return [RegroupRow(cid, name, own, cadence, last, touches,
                       balances.get(cid, FavourBalance(0, 0)))
            for cid, name, own, cadence, last, touches in rows]


def acquaintances(contact_id: int, *, limit: int = 12) -> list[Acquaintance]:
    """Who knows whom around a contact: introductions either way, and people met together."""
    people: dict[int, Acquaintance] = {}

    def add(cid: int, name: str, how: str) -> None:
        if cid != contact_id and cid not in people:
            people[cid] = Acquaintance(cid, name, how)

    card = Contact.get_or_none(Contact.id == contact_id)
    if card is not None and card.introduced_by_id:
        add(card.introduced_by_id, card.introduced_by.display_name, "introduced them to you")
    for cid, name in (Contact.select(Contact.id, Contact.display_name)
                      .where(Contact.introduced_by == contact_id).tuples()):
        add(cid, name, "introduced to you by them")
    for intro in introductions(contact_id):
        pair = [(intro.person_a_id, intro.person_a), (intro.person_b_id, intro.person_b)]
        if contact_id not in (intro.person_a_id, intro.person_b_id):
            how = "they introduced them"  # this contact was the introducer
        else:
            how = f"introduced by {intro.introducer}" if intro.introducer else "you introduced them"
        for cid, name in pair:
            add(cid, name, f"{how} ({intro.on.format('MMM YYYY')})")
    mine = InteractionContact.select(InteractionContact.interaction).where(
        InteractionContact.contact == contact_id)
    together = (InteractionContact.select(Contact.id, Contact.display_name,
                                          fn.count(SQL("*")).alias("n"))
                .join(Contact)
                .where(InteractionContact.interaction.in_(mine),
                       InteractionContact.contact != contact_id)
                .group_by(Contact.id).order_by(SQL("n").desc(), Contact.display_name)
                .limit(limit).tuples())
    for cid, name, n in together:
        add(cid, name, "met together once" if n == 1 else f"met together {n} times")
    return list(people.values())[:limit]
