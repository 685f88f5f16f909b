"""Undo (the app's ``u``): after undoing an action the garden is exactly as it was before it.

A real SQLite file, the clock frozen on Mon 23 Nov 2026 09:00 UTC. "The garden" is every
table but the undo journal, row by row, plus the search results a user would see.
"""

import threading

import pendulum
import pytest

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store.demo import fill_demo_garden
from netgarden_tui.store import (
    backend, database, match_keys, migrations, queries, sqlite, undo, writes,
)
from netgarden_tui.store.merge import likely_duplicates
from netgarden_tui.store.models import (
    JOURNAL_MODELS, Contact, ContactMethod, Fact, FollowUp, Interaction, Introduction, LifeEvent,
    UndoEntry, UndoStep, db,
)

from conftest import every_row

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")  # where the frozen_clock fixture stands
TODAY = NOW.date()
CONFIG = default_config()
SEARCHES = ("", "ann", "acme", "initech", "zoe", "globex", "bouldering", "moved", "bob")


@pytest.fixture
def people(undoable) -> dict[str, int]:
    """Ann, Bob and Cleo, with a history every action can change; written outside any step.

    Ann: snoozed, an unanswered email, a new job, a fact, a tag; she introduced Bob, and
    Bob to Cleo. Bob: an open follow-up from a call. A setting a step can REPLACE.
    """
    ann = actions.add_contact("Ann Lee", ContactDetails(
        company="Acme", circle="Clients", emails=["ann@acme.example"], tags=["climbing"],
        birthday="03-04", notes="met at [/] PyCon"))
    bob = actions.add_contact("Bob Stone", ContactDetails(company="Umbrella", tags=["climbing"]))
    cleo = actions.add_contact("Cleo Park")
    writes.update_contact(bob, introduced_by=ann)
    Fact.create(contact=ann, kind="interest", text="bouldering")
    writes.update_contact(ann)  # re-index her search row with the fact
    LifeEvent.create(contact=ann, kind="new_job", text="new job", on=TODAY.subtract(days=3))
    Introduction.create(introducer=ann, person_a=bob, person_b=cleo, on=TODAY.subtract(days=40))
    actions.log_touch([ann], channel="email", at=NOW.subtract(days=20))
    actions.log_touch([bob], channel="call", at=NOW.subtract(days=10),
                      follow_up_on=TODAY.add(days=3), follow_up_note="send the article")
    actions.snooze(ann, TODAY.add(days=5), CONFIG)
    writes.set_setting("last_regroup", "2026-09-01")
    follow_up = FollowUp.get(FollowUp.contact == bob)
    return {"ann": ann, "bob": bob, "cleo": cleo, "follow_up": follow_up.id}


def what_a_user_sees() -> dict[str, list]:
    return {search: queries.contact_rows(default_cadence=60, search=search)
            for search in SEARCHES}


def garden_state() -> tuple:
    return every_row(), what_a_user_sees()


ACTIONS = {
    "add": lambda ids: actions.add_contact("Zoë Okafor", ContactDetails(
        company="Globex", role="CTO", circle="Friends", birthday="1990-02-03",
        cadence_days=30, notes="[bold]Evil[/] [red", emails=["zoe@globex.example"],
        phones=["+44 20 7946 0000"], urls=["https://example.com/zoe"],
        tags=["climbing", "new-tag"])),
    # A group touch: clears Ann's snooze, answers her email, acknowledges her new job,
    # moves both last touches, adds a follow-up each.
    "log": lambda ids: actions.log_touch(
        [ids["ann"], ids["bob"]], channel="coffee", direction="in", note="[/] talked",
        duration_seconds=1800, follow_up_on=TODAY.add(days=7), follow_up_note="intro to Cleo"),
    # "ann lee": a rename that changes only case, in a NOCASE column.
    "edit": lambda ids: actions.edit_contact(ids["ann"], ContactDetails(
        company="Initech", role="CTO", circle="Friends", cadence_days=21, met="a meetup",
        birthday="1985-05-06", notes="moved to Lyon", emails=["ann@initech.example"],
        tags=["new-tag"]), rename="ann lee"),
    "snooze": lambda ids: actions.snooze(ids["bob"], TODAY.add(days=14), CONFIG),
    "done": lambda ids: actions.complete_follow_up(ids["follow_up"]),
    "archive": lambda ids: actions.archive(ids["ann"]),
}


@pytest.mark.parametrize("action", ACTIONS, ids=list(ACTIONS))
def test_undo_puts_the_garden_back_as_it_was(people, action):
    before = garden_state()
    with undo.recording(f"{action} something"):
        ACTIONS[action](people)
    assert garden_state() != before  # the action did change what undo must put back

    assert undo.undo_last() == f"{action} something"

    assert garden_state() == before
    assert undo.undo_last() is None


def test_two_steps_are_undone_newest_first(people):
    at_first = garden_state()
    with undo.recording("log a call with Ann Lee"):
        actions.log_touch([people["ann"]], channel="call")
    after_log = garden_state()
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])

    assert undo.undo_last() == "archive Ann Lee"
    assert garden_state() == after_log
    assert undo.undo_last() == "log a call with Ann Lee"
    assert garden_state() == at_first


def test_undo_recomputes_last_touches_from_what_is_there_now(people):
    """Another copy of the app may have logged a touch since: undo must not hide it."""
    with undo.recording("log a call with Ann Lee"):
        actions.log_touch([people["ann"]], channel="call", at=NOW.subtract(hours=2))
    actions.log_touch([people["ann"]], channel="email", at=NOW.subtract(hours=1))  # the other copy

    undo.undo_last()

    assert Contact.get_by_id(people["ann"]).last_touch_at == NOW.subtract(hours=1)


def test_undoing_a_moved_touch_recomputes_its_contacts_last_touch(people):
    """A step that only moved a touch (no last touch changed), then another copy deleted
    the newest touch: undo finds the touch's contacts through its links."""
    bob = people["bob"]
    call = queries.interactions(bob)[0].id
    newest = actions.log_touch([bob], channel="email", at=NOW.subtract(days=5))
    with undo.recording("move the call with Bob two days back"):
        Interaction.update(at=NOW.subtract(days=12)).where(Interaction.id == call).execute()
        writes.refresh_last_touch([bob])
    Interaction.delete_by_id(newest)  # the other copy
    writes.refresh_last_touch([bob])

    assert undo.undo_last() == "move the call with Bob two days back"

    assert Contact.get_by_id(bob).last_touch_at == NOW.subtract(days=10)


def test_nothing_to_undo_in_a_new_garden(undoable):
    assert undo.undo_last() is None


def test_writes_outside_a_step_are_not_undone(people):
    with undo.recording("add Zoë Okafor"):
        actions.add_contact("Zoë Okafor")
    actions.log_touch([people["bob"]], channel="call", note="outside any step")
    with_bobs_touch = queries.contact_rows(default_cadence=60, search="bob")

    assert undo.undo_last() == "add Zoë Okafor"

    assert queries.contact_rows(default_cadence=60, search="zoe") == []
    assert queries.contact_rows(default_cadence=60, search="bob") == with_bobs_touch
    assert queries.interactions(people["bob"])[0].note == "outside any step"
    assert undo.undo_last() is None


def test_nothing_is_recorded_before_enable(config):
    """The command line never enables undo: its writes (a demo fill of 100k contacts) must
    not pay for journaling, so its connection gets no triggers at all."""
    with undo.recording("add Zoë Okafor"):
        actions.add_contact("Zoë Okafor")

    assert UndoStep.select().count() == 0
    if backend.engine() is sqlite:  # on a server the triggers are the schema's
        assert db.execute_sql("SELECT count(*) FROM temp.sqlite_master").fetchone() == (0,)
    assert undo.undo_last() is None
    assert queries.contacts_named("Zoë Okafor")


def test_a_demo_fill_outside_a_step_is_not_recorded(undoable):
    with undo.recording("add Ann Lee"):  # this connection now has the journaling triggers
        actions.add_contact("Ann Lee")
    Contact.delete().execute()  # the demo only fills an empty garden
    recorded = UndoEntry.select().count()  # Ann's insert; her delete was outside a step too

    fill_demo_garden(contacts=60, interactions=600)

    assert UndoEntry.select().count() == recorded


def test_a_failed_action_leaves_no_step_and_no_change(people):
    before = garden_state()
    with pytest.raises(actions.InvalidInput):
        with undo.recording("log with a stranger"):
            actions.log_touch([people["ann"]], channel="call")
            actions.log_touch([people["bob"]], channel="carrier pigeon")

    assert garden_state() == before
    assert UndoStep.select().count() == 0


def test_a_step_that_changes_nothing_is_not_kept(people):
    with undo.recording("snooze Bob"):
        actions.snooze(people["bob"], TODAY.add(days=14), CONFIG)
    with undo.recording("snooze Bob again, to the same day"):
        writes.snooze(people["bob"], TODAY.add(days=14))

    assert undo.undo_last() == "snooze Bob"


def test_undo_run_as_an_app_action_is_not_itself_undoable(people):
    """The app runs undo_last inside recording("undo"), like every other action."""
    at_first = garden_state()
    with undo.recording("log a call with Ann Lee"):
        actions.log_touch([people["ann"]], channel="call")

    with undo.recording("undo"):
        assert undo.undo_last() == "log a call with Ann Lee"

    assert garden_state() == at_first
    with undo.recording("undo"):
        assert undo.undo_last() is None
    assert undo.recent_steps() == []
    assert [step.label for step in UndoStep.select().where(UndoStep.redo)] == [
        "log a call with Ann Lee"]  # what redo makes again


@pytest.mark.parametrize("action", ACTIONS, ids=list(ACTIONS))
def test_redo_makes_again_what_undo_took_back(people, action):
    before = garden_state()
    with undo.recording(f"{action} something"):
        ACTIONS[action](people)
    done = garden_state()
    undo.undo_last()

    assert undo.redo_last() == f"{action} something"

    assert garden_state() == done
    assert undo.redo_last() is None
    assert undo.undo_last() == f"{action} something"  # and undo takes it back once more
    assert garden_state() == before


def test_redo_goes_forward_through_what_was_undone_oldest_first(people):
    at_first = garden_state()
    with undo.recording("log a call with Ann Lee"):
        actions.log_touch([people["ann"]], channel="call")
    after_log = garden_state()
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    after_archive = garden_state()
    undo.undo_last()
    undo.undo_last()
    assert garden_state() == at_first

    assert undo.redo_last() == "log a call with Ann Lee"
    assert garden_state() == after_log
    assert undo.redo_last() == "archive Ann Lee"
    assert garden_state() == after_archive
    assert undo.redo_last() is None
    assert [step.label for step in undo.recent_steps()] == ["archive Ann Lee",
                                                            "log a call with Ann Lee"]


def test_a_new_change_forgets_what_could_be_redone(people):
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    undo.undo_last()
    with undo.recording("snooze Bob"):
        actions.snooze(people["bob"], TODAY.add(days=14), CONFIG)

    assert undo.redo_last() is None
    assert undo.undo_last() == "snooze Bob"
    assert undo.undo_last() is None


def test_a_change_that_changes_nothing_keeps_what_could_be_redone(people):
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    undo.undo_last()
    with undo.recording("snooze Bob to the day he is snoozed to"):
        pass

    assert undo.redo_last() == "archive Ann Lee"


def test_undo_and_redo_are_one_transaction_each(people, monkeypatch):
    """A redo that fails half-way changes nothing and keeps the step to redo."""
    with undo.recording("log and archive"):
        actions.log_touch([people["ann"]], channel="call")
        actions.archive(people["ann"])
    undo.undo_last()
    undone = garden_state()
    monkeypatch.setattr(writes, "refresh_outreach", lambda _ids: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        undo.redo_last()

    assert garden_state() == undone
    monkeypatch.undo()
    assert undo.redo_last() == "log and archive"


def test_redo_survives_a_restart(people, undoable, fresh_garden):
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    archived = garden_state()
    undo.undo_last()
    database.close_garden()

    actions.open_garden(fresh_garden, undoable)

    assert not Contact.get_by_id(people["ann"]).archived
    assert undo.redo_last() == "archive Ann Lee"
    assert Contact.get_by_id(people["ann"]).archived
    assert garden_state() == archived  # all of it, as it was before the undo


def test_a_nested_step_joins_the_open_one(people):
    at_first = garden_state()
    with undo.recording("log and archive"):
        actions.log_touch([people["ann"]], channel="call")
        with undo.recording("archive"):
            actions.archive(people["ann"])
        actions.snooze(people["bob"], TODAY.add(days=9), CONFIG)

    assert undo.undo_last() == "log and archive"
    assert garden_state() == at_first


def test_deleting_contacts_with_all_they_own_is_undone(people):
    """What a merge will do: cascading deletes, SET NULL links, a REPLACEd setting.

    Ann goes first, so Bob (whom she introduced) loses his link before he goes too: undone
    newest first, his link comes back before she does.
    """
    before = garden_state()
    with undo.recording("delete Ann Lee and Bob Stone"):
        writes.set_setting("last_regroup", "2026-11-23")  # REPLACE: a delete and an insert
        Contact.delete().where(Contact.id.in_([people["ann"], people["bob"]])).execute()
    assert Contact.select().count() == 1

    assert undo.undo_last() == "delete Ann Lee and Bob Stone"

    assert garden_state() == before


def test_undo_keeps_the_newest_hundred_steps(people):
    for step in range(1, undo.MAX_STEPS + 6):
        with undo.recording(f"snooze Bob, step {step}"):
            actions.snooze(people["bob"], TODAY.add(days=10 + step), CONFIG)

    labels = [step.label for step in UndoStep.select().order_by(UndoStep.id)]
    assert len(labels) == undo.MAX_STEPS
    assert labels[0] == "snooze Bob, step 6"
    assert undo.undo_last() == f"snooze Bob, step {undo.MAX_STEPS + 5}"
    assert undo.redo_last() == f"snooze Bob, step {undo.MAX_STEPS + 5}"
    assert len(undo.recent_steps(limit=undo.MAX_STEPS + 10)) == undo.MAX_STEPS


def test_undo_survives_a_restart(people, undoable, fresh_garden):
    at_first = garden_state()
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    database.close_garden()

    actions.open_garden(fresh_garden, undoable)

    assert undo.undo_last() == "archive Ann Lee"
    assert garden_state() == at_first


def test_recording_and_undo_work_from_a_worker_thread(people):
    """The app writes from thread workers, each with its own connection."""
    at_first = garden_state()
    with undo.recording("archive Ann Lee"):  # recorded on the main thread's connection
        actions.archive(people["ann"])
    labels = []

    def worker():
        try:
            with undo.recording("log a call with Bob Stone"):
                actions.log_touch([people["bob"]], channel="call")
            labels.append(undo.undo_last())
            labels.append(undo.undo_last())
        finally:
            db.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()

    assert labels == ["log a call with Bob Stone", "archive Ann Lee"]
    assert garden_state() == at_first


@pytest.mark.sqlite_only
def test_a_v2_garden_gets_the_journal(config, locations):
    journal = [model._meta.table_name for model in JOURNAL_MODELS]
    for (trigger,) in db.execute_sql(  # what v14 added: the word index, needs and offers
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE 'words_%' OR name LIKE 'match_%')").fetchall():
        db.execute_sql(f'DROP TRIGGER "{trigger}"')
    for table in ("match_words_terms", "match_words", "touch_search", "word_search",
                  "suggested_introduction", "need"):
        db.execute_sql(f'DROP TABLE "{table}"')
    db.drop_tables(JOURNAL_MODELS)
    [(due_day_index,)] = db.execute_sql(  # v4, widened by v5 and v6
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%next_due_on%'")
    db.execute_sql(f'DROP INDEX "{due_day_index}"')
    db.execute_sql('DROP INDEX "contact_archived_unanswered_in_a_row"')  # and what v5 added
    db.execute_sql('ALTER TABLE "contact" DROP COLUMN "next_due_on"')
    db.execute_sql('ALTER TABLE "contact" DROP COLUMN "unanswered_in_a_row"')
    db.execute_sql('ALTER TABLE "contact" DROP COLUMN "let_go_asked_on"')
    for column in ("department", "function", "anniversary_month", "anniversary_day",
                   "anniversary_year"):  # and what v7 added
        db.execute_sql(f'ALTER TABLE "contact" DROP COLUMN "{column}"')
    db.execute_sql('DROP INDEX "contact_method_kind_match_key"')
    db.execute_sql('ALTER TABLE "contact_method" DROP COLUMN "match_key"')
    db.execute_sql('CREATE INDEX "contact_method_kind_value" ON "contact_method" ("kind", "value")')
    db.execute_sql('DROP TABLE "contact_address"')
    db.execute_sql('DROP TABLE "past_job"')
    writes.set_setting("schema_version", "2")
    database.close_garden()

    actions.open_garden(locations, config)

    assert queries.setting("schema_version") == str(migrations.SCHEMA_VERSION)
    assert all(db.table_exists(name) for name in journal)
    assert list(locations.backups.glob("garden-*-schema2.db"))
    undo.enable()
    try:
        with undo.recording("add Ann Lee"):
            actions.add_contact("Ann Lee")
        assert undo.undo_last() == "add Ann Lee"
    finally:
        undo.disable()
    assert queries.contacts_named("Ann Lee") == []


def test_an_undone_change_keys_the_methods_it_puts_back_as_they_are_keyed_now(undoable):
    """A phone deleted before the home region changed comes back keyed by the region:
    as stored in the step it would match nothing, nor be listed by dupes."""
    bob = actions.add_contact("Bob Stone", ContactDetails(phones=["020 7946 0958"]))
    actions.add_contact("Robert Stone", ContactDetails(phones=["+44 20 7946 0958"]))
    with undo.recording("drop Bob's phone"):
        ContactMethod.delete().where(ContactMethod.contact == bob).execute()
    match_keys.set_phone_region("GB")

    assert undo.undo_last() == "drop Bob's phone"

    assert (ContactMethod.select(ContactMethod.match_key)
            .where(ContactMethod.contact == bob).scalar()) == "+442079460958"
    assert [pair.reason for pair in likely_duplicates()] == ["same phone +44 20 7946 0958"]


@pytest.mark.sqlite_only
def test_a_v7_garden_keeps_its_undo_steps_and_gets_redo(people, undoable, locations):
    with undo.recording("archive Ann Lee"):
        actions.archive(people["ann"])
    db.execute_sql('ALTER TABLE "undo_step" DROP COLUMN "redo"')
    writes.set_setting("schema_version", "7")
    database.close_garden()

    actions.open_garden(locations, undoable)

    assert queries.setting("schema_version") == str(migrations.SCHEMA_VERSION)
    assert undo.undo_last() == "archive Ann Lee"
    assert not Contact.get_by_id(people["ann"]).archived
    assert undo.redo_last() == "archive Ann Lee"
    assert Contact.get_by_id(people["ann"]).archived
