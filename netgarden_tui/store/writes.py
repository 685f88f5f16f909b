"""Write operations. Each is one transaction (a savepoint when nested in a caller's)."""

from collections.abc import Iterable, Sequence

import pendulum
import peewee
from peewee import fn

from netgarden_tui import clock
from netgarden_tui.store import backend, match_keys, search
from netgarden_tui.store.models import (
    AUTHORS_SETTING, Circle, Contact, ContactAddress, ContactMethod, ContactTag, Fact, Favour, FollowUp,
    Interaction, InteractionContact, Introduction, LifeEvent, Need, PastJob, Setting,
    SuggestedIntroduction, Tag, db,
)
from netgarden_tui.store.records import Address, Birthday, Method, PastJobRecord

CONTACT_FIELDS = (
    "display_name", "given_name", "family_name", "nickname", "company", "department", "role",
    "function", "met_where", "met_on", "notes", "circle", "cadence_days", "introduced_by",
    "external_uid",
)


def sync_circles(circles: Iterable[tuple[str, int, int]]) -> None:
    """Make the circle table hold these (name, priority, cadence days); keep any others."""
    with db.atomic():
        cadence_changed = False
        for name, priority, cadence_days in circles:
            circle = Circle.get_or_none(Circle.name == name)
            if circle is None:
                Circle.create(name=name, priority=priority, cadence_days=cadence_days)
            elif (circle.priority, circle.cadence_days) != (priority, cadence_days):
                cadence_changed |= circle.cadence_days != cadence_days
                Circle.update(priority=priority, cadence_days=cadence_days).where(
                    Circle.id == circle.id).execute()
        if cadence_changed:
            refresh_schedule()


def set_setting(key: str, value: str) -> None:
    Setting.put(key, value)


def create_contact(**contact) -> int:
    """Add a contact with its ways to reach them, tags, addresses and past jobs (the
    arguments of create_contacts' dicts); returns its id."""
    return create_contacts([contact])[0]


def update_contact(contact_id: int, *, birthday: Birthday | None = None,
                   anniversary: Birthday | None = None, methods: Sequence[Method] = (),
                   tags: Sequence[str] = (), addresses: Sequence[Address] = (),
                   past_jobs: Sequence[PastJobRecord] = (), **changes) -> None:
    """Change the given fields; methods, tags, addresses and past jobs are added to those
    it has (a method or an address it has already is not added twice)."""
    _check_fields(changes)
    changes.update(_yearly_columns("birthday", birthday))
    changes.update(_yearly_columns("anniversary", anniversary))
    with db.atomic():
        if changes:
            Contact.update(updated_at=clock.utcnow(), **changes).where(
                Contact.id == contact_id).execute()
        _add_methods(contact_id, methods)
        _add_tags(contact_id, tags)
        _add_addresses(contact_id, addresses)
        _insert_many(PastJob, PAST_JOB_COLUMNS, _past_job_rows(contact_id, past_jobs))
        refresh_schedule([contact_id])
        search.reindex_contacts([contact_id])


def replace_card(contact_id: int, *, changes: dict | None = None,
                 yearly: dict[str, Birthday | None] | None = None,
                 methods: Sequence[Method] | None = None, tags: Sequence[str] | None = None,
                 addresses: Sequence[Address] | None = None,
                 past_jobs: Sequence[PastJobRecord] = ()) -> None:
    """Make a contact's card what a synced vCard says: the fields in ``changes``, the
    ``birthday`` and ``anniversary`` in ``yearly`` (None clears one), and, each list
    given, exactly those methods, tags and addresses: the others are removed, a method or
    address kept keeps its row (a new label or spelling is written into it). Past jobs
    are added."""
    changes = dict(changes or {})
    _check_fields(changes)
    for name, day in (yearly or {}).items():
        changes.update({f"{name}_month": day.month if day else None,
                        f"{name}_day": day.day if day else None,
                        f"{name}_year": day.year if day else None})
    with db.atomic():
        Contact.update(updated_at=clock.utcnow(), **changes).where(
            Contact.id == contact_id).execute()
        if methods is not None:
            _replace_methods(contact_id, methods)
        if tags is not None:
            _replace_tags(contact_id, tags)
        if addresses is not None:
            _replace_addresses(contact_id, addresses)
        _insert_many(PastJob, PAST_JOB_COLUMNS, _past_job_rows(contact_id, past_jobs))
        refresh_schedule([contact_id])
        search.reindex_contacts([contact_id])


def _replace_methods(contact_id: int, methods: Sequence[Method]) -> None:
    region = match_keys.phone_region()
    wanted: dict[tuple[str, str], Method] = {}
    for method in methods:
        wanted.setdefault((method.kind, match_keys.match_key(method.kind, method.value, region)),
                          method)
    kept = set()
    for row_id, kind, key, value, label in (
            ContactMethod.select(ContactMethod.id, ContactMethod.kind, ContactMethod.match_key,
                                 ContactMethod.value, ContactMethod.label)
            .where(ContactMethod.contact == contact_id).order_by(ContactMethod.id).tuples()):
        want = wanted.get((kind, key))
        if want is None or (kind, key) in kept:
            ContactMethod.delete().where(ContactMethod.id == row_id).execute()
            continue
        kept.add((kind, key))
        if (value, label) != (want.value, want.label):
            ContactMethod.update(value=want.value, label=want.label).where(
                ContactMethod.id == row_id).execute()
    _insert_many(ContactMethod, METHOD_COLUMNS, _method_rows(
        [(contact_id, [method for key, method in wanted.items() if key not in kept])]))


def _replace_tags(contact_id: int, tags: Sequence[str]) -> None:
    wanted = {name.casefold(): name for name in tags}
    for tag_id, name in (ContactTag.select(ContactTag.tag, Tag.name).join(Tag)
                         .where(ContactTag.contact == contact_id).tuples()):
        if wanted.pop(name.casefold(), None) is None:
            ContactTag.delete().where(ContactTag.contact == contact_id,
                                      ContactTag.tag == tag_id).execute()
    _add_tags(contact_id, list(wanted.values()))


def _replace_addresses(contact_id: int, addresses: Sequence[Address]) -> None:
    wanted: dict[tuple[str, ...], Address] = {}
    for address in addresses:
        wanted.setdefault(address_key(address), address)
    columns = [getattr(ContactAddress, name) for name in Address._fields]
    kept = set()
    for row_id, *parts in (ContactAddress.select(ContactAddress.id, *columns)
                           .where(ContactAddress.contact == contact_id)
                           .order_by(ContactAddress.id).tuples()):
        have = Address(*parts)
        key = address_key(have)
        want = wanted.get(key)
        if want is None or key in kept:
            ContactAddress.delete().where(ContactAddress.id == row_id).execute()
            continue
        kept.add(key)
        if want != have:
            ContactAddress.update(**want._asdict()).where(ContactAddress.id == row_id).execute()
    _insert_many(ContactAddress, ADDRESS_COLUMNS, _address_rows(
        contact_id, [address for key, address in wanted.items() if key not in kept]))


def _check_fields(fields) -> None:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")


def _yearly_columns(name: str, day: Birthday | None) -> dict:
    """A birthday's (or an anniversary's) three columns; none when there is no day."""
    if day is None:
        return {}
    return {f"{name}_month": day.month, f"{name}_day": day.day, f"{name}_year": day.year}


def remove_methods(contact_id: int, methods: Sequence[Method]) -> list[Method]:
    """Take these emails, phones or links off the contact, each found by its match key (so
    "020 7946 0000" finds "+44 20 7946 0000"); the ones it did not have."""
    region, missing = match_keys.phone_region(), []
    for method in methods:
        gone = ContactMethod.delete().where(
            ContactMethod.contact == contact_id, ContactMethod.kind == method.kind,
            ContactMethod.match_key == match_keys.match_key(method.kind, method.value, region),
        ).execute()
        if not gone:
            missing.append(method)
    return missing


def _add_methods(contact_id: int, methods: Sequence[Method]) -> None:
    existing = set(ContactMethod.select(ContactMethod.kind, ContactMethod.match_key)
                   .where(ContactMethod.contact == contact_id).tuples())
    rows = _method_rows([(contact_id, methods)], existing)
    _insert_many(ContactMethod, METHOD_COLUMNS, rows)


def _method_rows(contacts: Iterable[tuple[int, Sequence[Method]]],
                 existing: set[tuple[str, str]] | None = None) -> list[tuple]:
    """ContactMethod rows, keyed (store/match_keys.py); a contact's second method of one kind
    and key is left out, as is one already among ``existing`` (kind, key) pairs."""
    region = match_keys.phone_region()
    rows, seen = [], set()
    for contact_id, methods in contacts:
        for method in methods:
            key = match_keys.match_key(method.kind, method.value, region)
            if (contact_id, method.kind, key) in seen or (method.kind, key) in (existing or ()):
                continue
            seen.add((contact_id, method.kind, key))
            rows.append((contact_id, method.kind, method.value, method.label, key))
    return rows


def _add_tags(contact_id: int, tags: Sequence[str]) -> None:
    for name in tags:
        tag, _ = Tag.get_or_create(name=name)
        ContactTag.insert(contact=contact_id, tag=tag.id).on_conflict_ignore().execute()


def address_key(address: Address) -> tuple[str, ...]:
    """Two addresses are one when their parts agree, whatever the case or label (an
    import tidies the spacing of each part as it reads it)."""
    return tuple(part.casefold() for part in address[1:])


def _add_addresses(contact_id: int, addresses: Sequence[Address]) -> None:
    columns = [getattr(ContactAddress, name) for name in Address._fields]
    have = {address_key(Address(*row)) for row in ContactAddress.select(*columns)
            .where(ContactAddress.contact == contact_id).tuples()}
    _insert_many(ContactAddress, ADDRESS_COLUMNS, _address_rows(contact_id, addresses, have))


def _address_rows(contact_id: int, addresses: Sequence[Address],
                  have: set[tuple[str, ...]] = frozenset()) -> list[tuple]:
    """ContactAddress rows of the addresses not had yet, each once (by address_key), in order."""
    seen, rows = set(have), []
    for address in addresses:
        if address_key(address) not in seen:
            seen.add(address_key(address))
            rows.append((contact_id, *address))
    return rows


def create_contacts(contacts: Sequence[dict]) -> list[int]:
    """Add many contacts in one transaction (an import); returns their ids, in order.

    Each dict holds a contact's fields (CONTACT_FIELDS and display_name), and may hold a
    ``birthday`` and an ``anniversary`` (Birthday), ``methods``, ``tags``, ``addresses``
    and ``past_jobs``. Each contact is one prepared INSERT and the rest is a few
    statements for the whole batch: a dozen queries per contact would take a minute for
    10,000.
    """
    rows = [_contact_row(**contact) for contact in contacts]
    with db.atomic():
        ids = _insert_contact_rows(rows)
        _insert_many(ContactMethod, METHOD_COLUMNS, _method_rows(
            (cid, contact.get("methods", ())) for cid, contact in zip(ids, contacts)))
        tag_ids = {name.lower(): Tag.get_or_create(name=name)[0].id
                   for name in {name for contact in contacts for name in contact.get("tags", ())}}
        _insert_many(ContactTag, ("contact", "tag"), list(dict.fromkeys(
            (cid, tag_ids[name.lower()])
            for cid, contact in zip(ids, contacts) for name in contact.get("tags", ()))))
        _insert_many(ContactAddress, ADDRESS_COLUMNS, [
            row for cid, contact in zip(ids, contacts)
            for row in _address_rows(cid, contact.get("addresses", ()))])
        _insert_many(PastJob, PAST_JOB_COLUMNS, [
            row for cid, contact in zip(ids, contacts)
            for row in _past_job_rows(cid, contact.get("past_jobs", ()))])
        refresh_schedule(ids)
        search.reindex_contacts(ids)
    return ids


def _past_job_rows(contact_id: int, past_jobs: Sequence[PastJobRecord]) -> list[tuple]:
    return [(contact_id, job.company, job.department, job.role,
             PastJob.ended_on.db_value(job.ended_on)) for job in past_jobs]


METHOD_COLUMNS = ("contact", "kind", "value", "label", "match_key")
ADDRESS_COLUMNS = ("contact", *Address._fields)
PAST_JOB_COLUMNS = ("contact", *PastJobRecord._fields)


def _contact_row(*, display_name: str, birthday: Birthday | None = None,
                 anniversary: Birthday | None = None, methods: Sequence[Method] = (),
                 tags: Sequence[str] = (), addresses: Sequence[Address] = (),
                 past_jobs: Sequence[PastJobRecord] = (), **fields) -> dict:
    _check_fields(fields)
    return {"display_name": display_name, **_yearly_columns("birthday", birthday),
            **_yearly_columns("anniversary", anniversary), **fields}


def insert_sql(model, columns: Sequence[str]) -> str:
    """An INSERT of these columns (field names), in this order, with a mark for each value:
    peewee's own insert would put them in the model's order and add the defaults."""
    names = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in columns)
    marks = ", ".join([db.param] * len(columns))
    return f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'


def _insert_contact_rows(rows: Sequence[dict]) -> list[int]:
    """One prepared INSERT per contact, every column given (defaults filled in here)."""
    fields = [field for field in Contact._meta.sorted_fields if field is not Contact.id]
    sql = insert_sql(Contact, [field.name for field in fields]) + ' RETURNING "id"'
    ids = []
    for row in rows:
        values = [field.db_value(row[field.name] if field.name in row else
                                 field.default() if callable(field.default) else field.default)
                  for field in fields]
        ids.append(db.execute_sql(sql, values).fetchone()[0])
    return ids


def _insert_many(model, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    if rows:
        run_many(insert_sql(model, columns), rows)


def run_many(sql: str, rows: Sequence[tuple]) -> None:
    """One statement for each of many rows (the driver's executemany, with a mark for
    each value), its errors peewee's (IntegrityError, OperationalError) on either engine."""
    with peewee.__exception_wrapper__:
        db.cursor().executemany(sql, rows)


_author = ""  # who this process logs touches as: set_author


def set_author(name: str) -> None:
    """Who this process logs touches as: the config's name, else the login name."""
    global _author
    _author = " ".join(name.split())


def current_author() -> str:
    return _author


def note_author() -> None:
    """Add this process's author to the garden's list of those who have logged touches
    (a setting, so the timeline knows at once whether to say who logged each)."""
    known = Setting.get_or_none(Setting.key == AUTHORS_SETTING)
    names = known.value.split("\n") if known and known.value else []
    if _author and _author not in names:
        Setting.put(AUTHORS_SETTING, "\n".join([*names, _author]))


def log_interaction(contact_ids: Sequence[int], *, at: pendulum.DateTime, channel: str,
                    direction: str, note: str = "", awaiting_reply: bool = False,
                    duration_seconds: int | None = None,
                    follow_up: tuple[pendulum.Date, str] | None = None) -> int:
    """Record a touch with these contacts; returns the interaction's id.

    A touch resets each contact's cadence clock (and clears a snooze), settles their
    follow-ups due by that day and acknowledges their life events up to it (both were
    reasons to get in touch), and, if they reached out, answers my earlier outreach.
    """
    with db.atomic():
        interaction = Interaction.create(
            at=at, channel=channel, direction=direction, note=note,
            awaiting_reply=awaiting_reply, duration_seconds=duration_seconds, author=_author)
        note_author()
        InteractionContact.insert_many(
            [{"interaction": interaction.id, "contact": cid} for cid in contact_ids]).execute()
        touched(contact_ids, at, answered_at=at if direction in ANSWERING else None)
        if follow_up is not None:
            due_on, what = follow_up
            FollowUp.insert_many([
                {"contact": cid, "interaction": interaction.id, "due_on": due_on, "what": what}
                for cid in contact_ids]).execute()
    return interaction.id


# A touch in these directions answers my outreaches before it: they wrote, or we talked.
ANSWERING = ("in", "mutual")


def touched(contact_ids: Sequence[int], at: pendulum.DateTime, *,
            answered_at: pendulum.DateTime | None) -> None:
    """What a touch at ``at`` does to these contacts beyond its own rows: what it settles
    (``settle_touch``), then the cadence clock reset (``refresh_after_touch``)."""
    settle_touch(contact_ids, at, answered_at=answered_at)
    refresh_after_touch(contact_ids)


def settle_touch(contact_ids: Sequence[int], at: pendulum.DateTime, *,
                 answered_at: pendulum.DateTime | None) -> None:
    """What a touch at ``at`` settles: their follow-ups due by that day, their life events
    up to it (acknowledged), and, with ``answered_at`` (they wrote or we talked then), my
    outreaches up to that moment (answered). A capture that logs many touches at once
    calls it only for the contacts with something of the kind (store/capture.py)."""
    day = at.in_timezone(clock.now().timezone).date()
    (LifeEvent.update(acknowledged_at=at)
     .where(LifeEvent.contact.in_(contact_ids), LifeEvent.acknowledged_at.is_null(),
            LifeEvent.on <= day)
     .execute())
    (FollowUp.update(done_at=at)
     .where(FollowUp.contact.in_(contact_ids), FollowUp.done_at.is_null(),
            FollowUp.due_on <= day)
     .execute())
    if answered_at is not None:
        _mark_outreach_answered(contact_ids, answered_at)


def refresh_after_touch(contact_ids: Sequence[int]) -> None:
    """After touches with these contacts: the last touch, a snooze cleared, the next due
    day and the outreaches waiting for a reply, each worked out again."""
    refresh_last_touch(contact_ids)
    Contact.update(snoozed_until=None).where(Contact.id.in_(contact_ids)).execute()
    refresh_schedule(contact_ids)
    refresh_outreach(contact_ids)


def delete_interaction(interaction_id: int) -> list[int]:
    """Remove one touch; the ids of the contacts it was with (their last touch, due day and
    unanswered outreaches follow). [] when there is no such touch."""
    with db.atomic():
        contact_ids = [cid for (cid,) in InteractionContact.select(InteractionContact.contact)
                       .where(InteractionContact.interaction == interaction_id).tuples()]
        if not Interaction.delete().where(Interaction.id == interaction_id).execute():
            return []
        refresh_last_touch(contact_ids)
        refresh_schedule(contact_ids)
        refresh_outreach(contact_ids)
    return contact_ids


def _mark_outreach_answered(contact_ids: Sequence[int], at: pendulum.DateTime) -> None:
    answered = (InteractionContact.select(InteractionContact.interaction)
                .where(InteractionContact.contact.in_(contact_ids)))
    (Interaction.update(awaiting_reply=False)
     .where(Interaction.id.in_(answered), Interaction.awaiting_reply == True,  # noqa: E712
            Interaction.at <= at)
     .execute())


def refresh_outreach(contact_ids: Sequence[int] | None = None) -> None:
    """Recompute ``Contact.unanswered_in_a_row`` (all contacts when None): my touches still
    awaiting a reply since their newest touch that is not; once it is back to 0, the
    "let go?" question may be asked again."""
    update = Contact.update(unanswered_in_a_row=_unanswered_in_a_row())
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()
    reset = Contact.update(let_go_asked_on=None).where(Contact.unanswered_in_a_row == 0,
                                                        Contact.let_go_asked_on.is_null(False))
    if contact_ids is not None:
        reset = reset.where(Contact.id.in_(list(contact_ids)))
    reset.execute()


def _unanswered_in_a_row():
    def touches(*where):
        return (Interaction.select(*where[:1]).join(InteractionContact)
                .where(InteractionContact.contact == Contact.id, *where[1:]))

    last_answered = touches(fn.max(Interaction.at), Interaction.awaiting_reply == False)  # noqa: E712
    return touches(fn.count(Interaction.id), Interaction.awaiting_reply == True,  # noqa: E712
                   Interaction.at > fn.coalesce(last_answered, ""))


def derived_columns() -> dict[str, tuple]:
    """Each column a contact keeps from other rows, by what it is, with the SQL
    expression it is kept equal to (``netgarden check`` compares the two)."""
    return {"last touch": (Contact.last_touch_at, _last_touch()),
            "next due day": (Contact.next_due_on, _next_due_on()),
            "unanswered outreaches": (Contact.unanswered_in_a_row, _unanswered_in_a_row())}


DEFAULT_CADENCE_KEY = "default_cadence_days"


def refresh_schedule(contact_ids: Sequence[int] | None = None) -> None:
    """Recompute ``Contact.next_due_on`` for these contacts (all when None)."""
    update = Contact.update(next_due_on=_next_due_on())
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()


def _next_due_on():
    """The cadence rule, once: last touch (or when added, if never touched) + the
    effective cadence (the contact's own, else its circle's, else the configured
    default), or the snooze date if later."""
    stored = Setting.get_or_none(Setting.key == DEFAULT_CADENCE_KEY)
    default = int(stored.value) if stored else 60
    circle_cadence = Circle.select(Circle.cadence_days).where(Circle.id == Contact.circle)
    cadence = fn.coalesce(Contact.cadence_days, circle_cadence, default)
    offset = clock.utc_offset_seconds()
    since = backend.local_day(fn.coalesce(Contact.last_touch_at, Contact.created_at), offset)
    return backend.greatest(backend.add_days(since, cadence), fn.coalesce(Contact.snoozed_until, ""))


def set_default_cadence(days: int) -> None:
    """Record the configured default cadence; when it changed, every due day moves."""
    current = Setting.get_or_none(Setting.key == DEFAULT_CADENCE_KEY)
    if current is None or int(current.value) != days:
        set_setting(DEFAULT_CADENCE_KEY, str(days))
        refresh_schedule()


def refresh_last_touch(contact_ids: Sequence[int] | None) -> None:
    """Recompute the denormalised ``Contact.last_touch_at`` from the timeline (all when None)."""
    update = Contact.update(last_touch_at=_last_touch())
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()


def _last_touch():
    return (Interaction.select(fn.max(Interaction.at)).join(InteractionContact)
            .where(InteractionContact.contact == Contact.id))


def snooze(contact_id: int, until: pendulum.Date) -> None:
    with db.atomic():
        Contact.update(snoozed_until=until).where(Contact.id == contact_id).execute()
        refresh_schedule([contact_id])


def complete_follow_up(follow_up_id: int, at: pendulum.DateTime) -> None:
    with db.atomic():
        FollowUp.update(done_at=at).where(FollowUp.id == follow_up_id).execute()


def set_archived(contact_id: int, archived: bool = True) -> None:
    with db.atomic():
        Contact.update(archived=archived, updated_at=clock.utcnow()).where(
            Contact.id == contact_id).execute()


def set_circle(contact_id: int, circle_id: int | None) -> None:
    with db.atomic():
        Contact.update(circle=circle_id, updated_at=clock.utcnow()).where(
            Contact.id == contact_id).execute()
        refresh_schedule([contact_id])


def set_cadence(contact_id: int, days: int | None) -> None:
    """The contact's own cadence (None: back to its circle's)."""
    with db.atomic():
        Contact.update(cadence_days=days, updated_at=clock.utcnow()).where(
            Contact.id == contact_id).execute()
        refresh_schedule([contact_id])


def set_let_go_asked(contact_id: int, day: pendulum.Date) -> None:
    Contact.update(let_go_asked_on=day).where(Contact.id == contact_id).execute()


def set_introduced_by(contact_id: int, introducer_id: int | None) -> None:
    Contact.update(introduced_by=introducer_id, updated_at=clock.utcnow()).where(
        Contact.id == contact_id).execute()


# --- circles -----------------------------------------------------------------------------

def save_circle(circle_id: int | None, *, name: str, priority: int, cadence_days: int) -> int:
    """Create a circle (``circle_id`` None) or change one; every due day it moves is moved."""
    with db.atomic():
        if circle_id is None:
            circle_id = Circle.create(name=name, priority=priority, cadence_days=cadence_days).id
        else:
            Circle.update(name=name, priority=priority, cadence_days=cadence_days).where(
                Circle.id == circle_id).execute()
            refresh_schedule(_members(circle_id))
    return circle_id


def delete_circle(circle_id: int) -> None:
    """Its contacts stay, with no circle (the default cadence)."""
    with db.atomic():
        members = _members(circle_id)
        Contact.update(circle=None).where(Contact.circle == circle_id).execute()
        Circle.delete().where(Circle.id == circle_id).execute()
        refresh_schedule(members)


def _members(circle_id: int) -> list[int]:
    return [cid for (cid,) in Contact.select(Contact.id).where(Contact.circle == circle_id).tuples()]


# --- facts, favours, introductions, life events ------------------------------------------

def add_fact(contact_id: int, *, kind: str, text: str, year: int | None = None) -> int:
    with db.atomic():
        fact_id = Fact.create(contact=contact_id, kind=kind, text=text, year=year).id
        search.reindex_contacts([contact_id])  # the list's search holds the facts too
    return fact_id


def add_follow_up(contact_id: int, *, due_on: pendulum.Date, what: str) -> int:
    return FollowUp.create(contact=contact_id, due_on=due_on, what=what).id


def add_favour(contact_id: int, *, direction: str, kind: str, what: str, status: str,
               due_on: pendulum.Date | None) -> int:
    resolved_at = None if status == "open" else clock.utcnow()
    return Favour.create(contact=contact_id, direction=direction, kind=kind, what=what,
                         status=status, due_on=due_on, resolved_at=resolved_at).id


def set_favour_status(favour_id: int, status: str) -> None:
    resolved_at = None if status == "open" else clock.utcnow()
    Favour.update(status=status, resolved_at=resolved_at).where(Favour.id == favour_id).execute()


def add_introduction(person_a: int, person_b: int, *, on: pendulum.Date, note: str,
                     introducer: int | None) -> int:
    return Introduction.create(person_a=person_a, person_b=person_b, on=on, note=note,
                               introducer=introducer).id


def add_life_event(contact_id: int, *, kind: str, text: str, on: pendulum.Date) -> int:
    return LifeEvent.create(contact=contact_id, kind=kind, text=text, on=on).id


# --- needs and offers, and the introductions suggested from them -----------------------------

def add_need(contact_id: int, *, kind: str, text: str) -> int:
    return Need.create(contact=contact_id, kind=kind, text=text).id


def set_need_met(need_id: int, *, met_by: str, at: pendulum.DateTime | None,
                 introduction_id: int | None = None) -> None:
    """Mark a need (or an offer) met, and how; ``at`` None opens it again."""
    Need.update(met_at=at, met_by=met_by if at is not None else "",
                introduction=introduction_id if at is not None else None).where(
        Need.id == need_id).execute()


def decide_suggestion(needer: int, offerer: int, *, need_id: int | None, decision: str,
                      on: pendulum.Date) -> int:
    """A suggested introduction decided on: dismissed for good, or made."""
    return SuggestedIntroduction.create(needer=needer, offerer=offerer, need=need_id,
                                        decision=decision, on=on).id
