"""Write operations. Each is one transaction (a savepoint when nested in a caller's)."""

from collections.abc import Iterable, Sequence

import pendulum
from peewee import fn

from netgarden_tui import clock
from netgarden_tui.store import sqlite
from netgarden_tui.store.models import (
    Circle, Contact, ContactMethod, ContactTag, Fact, Favour, FollowUp, Interaction,
    InteractionContact, Introduction, LifeEvent, Setting, Tag, db,
)
from netgarden_tui.store.records import Birthday, Method

CONTACT_FIELDS = (
    "display_name", "given_name", "family_name", "nickname", "company", "role", "met_where",
    "met_on", "notes", "circle", "cadence_days", "introduced_by", "external_uid",
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
    Setting.replace(key=key, value=value).execute()


def create_contact(*, display_name: str, birthday: Birthday | None = None,
                   methods: Sequence[Method] = (), tags: Sequence[str] = (), **fields) -> int:
    """Add a contact with its ways to reach them and tags; returns its id."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    with db.atomic():
        contact = Contact.create(display_name=display_name, **_birthday_columns(birthday),
                                 **fields)
        _add_methods(contact.id, methods)
        _add_tags(contact.id, tags)
        refresh_schedule([contact.id])
        sqlite.reindex_contacts([contact.id])
    return contact.id


def update_contact(contact_id: int, *, birthday: Birthday | None = None,
                   methods: Sequence[Method] = (), tags: Sequence[str] = (), **changes) -> None:
    """Change the given fields; ``methods`` and ``tags`` are added to those it has."""
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    if birthday is not None:
        changes.update(_birthday_columns(birthday))
    with db.atomic():
        if changes:
            Contact.update(updated_at=clock.utcnow(), **changes).where(
                Contact.id == contact_id).execute()
        _add_methods(contact_id, methods)
        _add_tags(contact_id, tags)
        refresh_schedule([contact_id])
        sqlite.reindex_contacts([contact_id])


def _birthday_columns(birthday: Birthday | None) -> dict:
    if birthday is None:
        return {}
    return {"birthday_month": birthday.month, "birthday_day": birthday.day,
            "birthday_year": birthday.year}


def _add_methods(contact_id: int, methods: Sequence[Method]) -> None:
    existing = set(ContactMethod.select(ContactMethod.kind, ContactMethod.value)
                   .where(ContactMethod.contact == contact_id).tuples())
    for method in methods:
        if (method.kind, method.value) not in existing:
            ContactMethod.create(contact=contact_id, kind=method.kind, value=method.value,
                                 label=method.label)
            existing.add((method.kind, method.value))


def _add_tags(contact_id: int, tags: Sequence[str]) -> None:
    for name in tags:
        tag, _ = Tag.get_or_create(name=name)
        ContactTag.insert(contact=contact_id, tag=tag.id).on_conflict_ignore().execute()


def create_contacts(contacts: Sequence[dict]) -> list[int]:
    """Add many contacts in one transaction (an import); returns their ids, in order.

    Each dict holds create_contact's arguments. create_contact builds a dozen queries per
    contact (6 ms: a minute for 10,000); here each contact is one prepared INSERT and the
    rest is a few statements for the whole batch.
    """
    rows = [_contact_row(**contact) for contact in contacts]
    with db.atomic():
        ids = _insert_contact_rows(rows)
        methods = {(cid, m.kind, m.value): m.label
                   for cid, contact in zip(ids, contacts) for m in contact.get("methods", ())}
        _insert_many(ContactMethod, ("contact", "kind", "value", "label"),
                     [(*key, label) for key, label in methods.items()])
        tag_ids = {name.lower(): Tag.get_or_create(name=name)[0].id
                   for name in {name for contact in contacts for name in contact.get("tags", ())}}
        _insert_many(ContactTag, ("contact", "tag"), list(dict.fromkeys(
            (cid, tag_ids[name.lower()])
            for cid, contact in zip(ids, contacts) for name in contact.get("tags", ()))))
        refresh_schedule(ids)
        sqlite.reindex_contacts(ids)
    return ids


def _contact_row(*, display_name: str, birthday: Birthday | None = None,
                 methods: Sequence[Method] = (), tags: Sequence[str] = (), **fields) -> dict:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    return {"display_name": display_name, **_birthday_columns(birthday), **fields}


def _insert_sql(model, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in columns)
    marks = ", ".join([db.param] * len(columns))
    return f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'


def _insert_contact_rows(rows: Sequence[dict]) -> list[int]:
    """One prepared INSERT per contact, every column given (defaults filled in here)."""
    fields = [field for field in Contact._meta.sorted_fields if field is not Contact.id]
    sql = _insert_sql(Contact, [field.name for field in fields])
    ids = []
    for row in rows:
        values = [field.db_value(row[field.name] if field.name in row else
                                 field.default() if callable(field.default) else field.default)
                  for field in fields]
        ids.append(db.execute_sql(sql, values).lastrowid)
    return ids


def _insert_many(model, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    if rows:
        db.cursor().executemany(_insert_sql(model, columns), rows)


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
            awaiting_reply=awaiting_reply, duration_seconds=duration_seconds)
        InteractionContact.insert_many(
            [{"interaction": interaction.id, "contact": cid} for cid in contact_ids]).execute()
        refresh_last_touch(contact_ids)
        Contact.update(snoozed_until=None).where(Contact.id.in_(contact_ids)).execute()
        refresh_schedule(contact_ids)
        day = at.in_timezone(clock.now().timezone).date()
        (LifeEvent.update(acknowledged_at=at)
         .where(LifeEvent.contact.in_(contact_ids), LifeEvent.acknowledged_at.is_null(),
                LifeEvent.on <= day)
         .execute())
        (FollowUp.update(done_at=at)
         .where(FollowUp.contact.in_(contact_ids), FollowUp.done_at.is_null(),
                FollowUp.due_on <= day)
         .execute())
        if direction in ("in", "mutual"):
            _mark_outreach_answered(contact_ids, at)
        refresh_outreach(contact_ids)
        if follow_up is not None:
            due_on, what = follow_up
            FollowUp.insert_many([
                {"contact": cid, "interaction": interaction.id, "due_on": due_on, "what": what}
                for cid in contact_ids]).execute()
    return interaction.id


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
    def touches(*where):
        return (Interaction.select(*where[:1]).join(InteractionContact)
                .where(InteractionContact.contact == Contact.id, *where[1:]))

    last_answered = touches(fn.max(Interaction.at), Interaction.awaiting_reply == False)  # noqa: E712
    waiting = touches(fn.count(Interaction.id), Interaction.awaiting_reply == True,  # noqa: E712
                      Interaction.at > fn.coalesce(last_answered, ""))
    update = Contact.update(unanswered_in_a_row=waiting)
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()
    reset = Contact.update(let_go_asked_on=None).where(Contact.unanswered_in_a_row == 0,
                                                        Contact.let_go_asked_on.is_null(False))
    if contact_ids is not None:
        reset = reset.where(Contact.id.in_(list(contact_ids)))
    reset.execute()


DEFAULT_CADENCE_KEY = "default_cadence_days"


def refresh_schedule(contact_ids: Sequence[int] | None = None) -> None:
    """Recompute ``Contact.next_due_on`` for these contacts (all when None).

    The cadence rule, once: last touch (or when added, if never touched) + the effective
    cadence (the contact's own, else its circle's, else the configured default), or the
    snooze date if later.
    """
    stored = Setting.get_or_none(Setting.key == DEFAULT_CADENCE_KEY)
    default = int(stored.value) if stored else 60
    circle_cadence = Circle.select(Circle.cadence_days).where(Circle.id == Contact.circle)
    cadence = fn.coalesce(Contact.cadence_days, circle_cadence, default)
    offset = clock.utc_offset_seconds()
    since = sqlite.local_day(fn.coalesce(Contact.last_touch_at, Contact.created_at), offset)
    due = sqlite.greatest(sqlite.add_days(since, cadence), fn.coalesce(Contact.snoozed_until, ""))
    update = Contact.update(next_due_on=due)
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()


def set_default_cadence(days: int) -> None:
    """Record the configured default cadence; when it changed, every due day moves."""
    current = Setting.get_or_none(Setting.key == DEFAULT_CADENCE_KEY)
    if current is None or int(current.value) != days:
        set_setting(DEFAULT_CADENCE_KEY, str(days))
        refresh_schedule()


def refresh_last_touch(contact_ids: Sequence[int] | None) -> None:
    """Recompute the denormalised ``Contact.last_touch_at`` from the timeline (all when None)."""
    newest = (Interaction.select(fn.max(Interaction.at)).join(InteractionContact)
              .where(InteractionContact.contact == Contact.id))
    update = Contact.update(last_touch_at=newest)
    if contact_ids is not None:
        update = update.where(Contact.id.in_(list(contact_ids)))
    update.execute()


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
    return Fact.create(contact=contact_id, kind=kind, text=text, year=year).id


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
