"""The demo garden: deterministic, sized as asked, and shaped so the queue has something to show."""

import pendulum
import pytest

from netgarden_tui import clock
from netgarden_tui.config import DEFAULT_CIRCLES
from netgarden_tui.store import backend, database, search, writes
from netgarden_tui.store.demo import DemoSummary, fill_demo_garden
from netgarden_tui.vocabulary import FACT_KINDS, ONLINE_CHANNELS
from netgarden_tui.store.models import (
    ALL_MODELS, Circle, Contact, ContactAddress, ContactMethod,
    ContactTag, Fact, Favour, FollowUp, Interaction, Introduction, LifeEvent, Need, PastJob,
    Setting, db,
)

FROZEN = pendulum.datetime(2026, 11, 23, 9, tz="UTC")


@pytest.fixture
def frozen():
    pendulum.travel_to(FROZEN, freeze=True)
    yield
    pendulum.travel_back()


def open_with_circles(path) -> None:
    """Open a garden as netgarden does: the config's circles come in on opening."""
    database.open_garden(path, path.parent / "b")
    writes.sync_circles((c.name, c.priority, c.cadence_days) for c in DEFAULT_CIRCLES)


@pytest.fixture
def garden(tmp_path, frozen):
    open_with_circles(tmp_path / "g.db")
    yield tmp_path / "g.db"
    database.close_garden()


@pytest.fixture
def demo(garden) -> DemoSummary:
    return fill_demo_garden()


def dump_filled(path, **arguments) -> dict:
    """Fill a fresh garden at ``path`` and return every table's rows, in a stable order."""
    open_with_circles(path)
    try:
        fill_demo_garden(**arguments)
        return {model.__name__: list(model.select().order_by(*model._meta.sorted_fields).tuples())
                for model in ALL_MODELS if model is not Setting}
    finally:
        database.close_garden()


def rows(sql, *params):
    return db.execute_sql(sql, params).fetchall()


def timelines() -> dict[int, list[tuple]]:
    """Each contact's interactions, newest first: (at, channel, direction, awaiting_reply)."""
    result = {}
    for contact_id, *touch in rows(
            "SELECT ic.contact_id, i.at, i.channel, i.direction, i.awaiting_reply "
            "FROM interaction i JOIN interaction_contact ic ON ic.interaction_id = i.id "
            "ORDER BY ic.contact_id, i.at DESC"):
        result.setdefault(contact_id, []).append(tuple(touch))
    return result


def days_until_due() -> list[int]:
    """For active contacts with a cadence and a touch: days until due (negative: overdue)."""
    today = clock.today()
    due = []
    for contact in Contact.select().where(~Contact.archived, Contact.last_touch_at.is_null(False)):
        cadence = contact.cadence_days or (contact.circle.cadence_days if contact.circle else None)
        if cadence:
            due.append((contact.last_touch_at.date().add(days=cadence) - today).days)
    return due


# --- determinism ----------------------------------------------------------------------


def test_same_seed_same_day_gives_identical_gardens(tmp_path, frozen):
    first = dump_filled(tmp_path / "a" / "g.db", contacts=80, interactions=900, seed=3)
    second = dump_filled(tmp_path / "b" / "g.db", contacts=80, interactions=900, seed=3)
    assert first["Contact"] and first["Interaction"] and first["Favour"]
    assert first == second


def test_another_seed_gives_another_garden(tmp_path, frozen):
    first = dump_filled(tmp_path / "a" / "g.db", seed=1)
    second = dump_filled(tmp_path / "b" / "g.db", seed=2)
    assert first["Contact"] != second["Contact"]
    assert first["Interaction"] != second["Interaction"]


# --- size -----------------------------------------------------------------------------


def test_counts_match_the_arguments_and_the_summary(garden):
    summary = fill_demo_garden(contacts=75, interactions=640, seed=11)
    assert Contact.select().count() == summary.contacts == 75
    assert Interaction.select().count() == summary.interactions == 640
    assert summary == DemoSummary(
        contacts=75, contact_methods=ContactMethod.select().count(),
        addresses=ContactAddress.select().count(), past_jobs=PastJob.select().count(),
        tag_links=ContactTag.select().count(), facts=Fact.select().count(), interactions=640,
        follow_ups=FollowUp.select().count(), favours=Favour.select().count(),
        introductions=Introduction.select().count(), life_events=LifeEvent.select().count(),
        needs=Need.select().count(),
    )


def test_every_interaction_has_one_or_two_contacts_and_every_contact_methods(demo):
    per_interaction = rows("SELECT count(*) FROM interaction_contact GROUP BY interaction_id")
    assert len(per_interaction) == demo.interactions
    assert {n for (n,) in per_interaction} == {1, 2}
    per_contact = rows("SELECT count(*) FROM contact_method GROUP BY contact_id")
    assert len(per_contact) == demo.contacts and all(1 <= n <= 3 for (n,) in per_contact)
    assert rows("SELECT count(*) FROM contact_method WHERE value LIKE 'https://www.linkedin.com/in/%'")[0][0]


def test_tiny_gardens_work(garden):
    summary = fill_demo_garden(contacts=1, interactions=0)
    assert (summary.contacts, summary.interactions) == (1, 0)
    assert Contact.get().last_touch_at is None


# --- shape ----------------------------------------------------------------------------


def test_several_birthdays_fall_within_the_next_week_and_one_on_29_february(demo):
    today = clock.today()
    soon = []
    for month, day in rows("SELECT birthday_month, birthday_day FROM contact "
                           "WHERE birthday_month IS NOT NULL AND NOT archived"):
        if (month, day) == (2, 29):
            continue
        upcoming = pendulum.date(today.year, month, day)
        if upcoming < today:
            upcoming = upcoming.add(years=1)
        soon += [upcoming] if (upcoming - today).days <= 7 else []
    assert len(soon) >= 3
    assert rows("SELECT count(*) FROM contact WHERE birthday_month = 2 AND birthday_day = 29")[0][0] >= 1
    assert rows("SELECT count(*) FROM contact WHERE birthday_year IS NULL "
                "AND birthday_month IS NOT NULL")[0][0]


def test_the_queue_has_a_handful_overdue_a_few_due_soon_and_most_fine(demo):
    due = days_until_due()
    assert sum(d <= 0 for d in due) >= 3
    assert sum(0 < d <= 7 for d in due) >= 2
    assert sum(d > 7 for d in due) > len(due) / 2


def test_a_one_sided_contact_exists(demo):
    one_sided = [touches for touches in timelines().values()
                 if len(touches) >= 3 and all(t[2] == "out" and t[3] for t in touches[:3])]
    assert one_sided


def test_a_contact_touched_only_online_for_seven_months_exists(demo):
    since = clock.now().subtract(months=7).in_timezone("UTC").strftime("%Y-%m-%d %H:%M:%S")
    online_only = [touches for touches in timelines().values()
                   if touches[0][0] >= since and any(t[0] < since for t in touches)
                   and all(t[1] in ONLINE_CHANNELS for t in touches if t[0] >= since)]
    assert len(online_only) >= 2


def test_nothing_happened_in_the_future_and_the_history_spans_years(demo):
    now = clock.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    oldest, newest = rows("SELECT min(at), max(at) FROM interaction")[0]
    assert newest < now
    assert oldest < clock.today().subtract(years=2).isoformat()


def test_follow_ups_favours_and_life_events_cover_every_case(demo):
    today = clock.today()
    open_follow_ups = FollowUp.select().where(FollowUp.done_at.is_null())
    assert {(f.due_on > today) - (f.due_on < today) for f in open_follow_ups} == {-1, 0, 1}
    assert FollowUp.select().where(FollowUp.done_at.is_null(False)).exists()
    assert Favour.select().where(Favour.direction == "offered", Favour.status == "open",
                                 Favour.due_on < today).exists()
    assert {f.direction for f in Favour.select()} == {"given", "offered", "asked", "received"}
    assert LifeEvent.select().where(LifeEvent.acknowledged_at.is_null()).exists()
    assert LifeEvent.select().where(LifeEvent.acknowledged_at.is_null(False)).exists()
    assert {i.introducer_id is None for i in Introduction.select()} == {True, False}  # me, or not


def test_every_fact_kind_is_there(demo):
    assert {kind for (kind,) in rows("SELECT DISTINCT kind FROM fact")} == set(FACT_KINDS)


def test_exactly_one_contact_has_markup_like_notes_and_a_plain_name(demo):
    marked = Contact.select().where(Contact.notes.contains("[/]"))
    assert len(marked) == 1
    assert "[" not in marked[0].display_name
    assert Contact.select().where(Contact.notes.contains("[")).count() == 1


def test_some_contacts_have_no_circle_some_their_own_cadence_some_are_archived(demo):
    assert Contact.select().where(Contact.circle.is_null()).exists()
    assert Contact.select().where(Contact.cadence_days.is_null(False)).exists()
    assert Contact.select().where(Contact.archived).exists()
    assert Contact.select().where(Contact.introduced_by.is_null(False)).exists()


# --- circles, denormalised last touch, search -----------------------------------------


def test_the_circles_of_the_config_are_used(demo):
    assert [(c.name, c.priority, c.cadence_days) for c in Circle.select().order_by(Circle.id)] == [
        (c.name, c.priority, c.cadence_days) for c in DEFAULT_CIRCLES]
    assert {c for (c,) in rows("SELECT DISTINCT circle_id FROM contact")} == {1, 2, 3, 4, 5, None}


def test_a_garden_without_circles_is_refused_and_left_empty(garden):
    Circle.delete().execute()
    with pytest.raises(ValueError, match="no circles"):
        fill_demo_garden()
    assert Contact.select().count() == 0


def test_last_touch_at_is_the_newest_interaction_of_each_contact(demo):
    newest = dict(rows("SELECT ic.contact_id, max(i.at) FROM interaction_contact ic "
                       "JOIN interaction i ON i.id = ic.interaction_id GROUP BY ic.contact_id"))
    stored = dict(rows("SELECT id, last_touch_at FROM contact"))
    assert len(newest) > demo.contacts / 2
    for contact_id in list(stored)[::3]:
        assert stored[contact_id] == newest.get(contact_id)


def test_search_finds_a_demo_contact_by_an_accent_folded_name(demo):
    found = Contact.select().where(Contact.id.in_(backend.matching_contact_ids("zoe okafor")))
    assert "Zoë Okafor" in [contact.display_name for contact in found]


# --- refusals and progress ------------------------------------------------------------


def test_a_garden_with_contacts_is_refused_and_left_alone(garden):
    Contact.create(display_name="Already Here")
    with pytest.raises(ValueError, match="empty garden"):
        fill_demo_garden()
    assert Contact.select().count() == 1
    assert Interaction.select().count() == 0


def test_filling_twice_is_refused(demo):
    with pytest.raises(ValueError, match="empty garden"):
        fill_demo_garden()
    assert Contact.select().count() == demo.contacts


def test_the_schema_is_the_same_after_filling(garden):
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    before = rows(schema)
    fill_demo_garden()
    assert rows(schema) == before


def test_a_failure_leaves_the_garden_as_it_was(garden, monkeypatch):
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    before = rows(schema)

    def broken():
        raise RuntimeError("disk full")

    monkeypatch.setattr(search, "rebuild_search_index", broken)
    with pytest.raises(RuntimeError):
        fill_demo_garden()
    assert rows(schema) == before
    assert Contact.select().count() == Interaction.select().count() == 0


def test_progress_climbs_to_one(garden):
    seen = []
    fill_demo_garden(contacts=200, interactions=50_000, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3
