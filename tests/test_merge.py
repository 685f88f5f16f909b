"""Duplicates and merging: `netgarden dupes`, `netgarden merge`, and the TUI's merge screen.

A real SQLite file, the clock frozen on Mon 23 Nov 2026 09:00 UTC (conftest's frozen_clock).
"""

import json

import pendulum
import pytest
from textual.screen import Screen

from conftest import every_row, every_row_at, netgarden, raw_sql
from netgarden_tui.config import default_config
from netgarden_tui.garden import actions, dupes
from netgarden_tui.garden.actions import ContactDetails, InvalidInput
from netgarden_tui.store import match_keys, queries, undo, writes
from netgarden_tui.store.merge import likely_duplicates, name_key
from netgarden_tui.store.models import (
    Contact, ContactMethod, Fact, Favour, FollowUp, InteractionContact,
    Introduction, LifeEvent,
)
from netgarden_tui.tui.app import NetgardenApp, make_app
from netgarden_tui.tui.screens.merge import MergeScreen

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")
TODAY = NOW.date()
HOSTILE = "[bold]Evil[/] [red"


@pytest.fixture
def two_anns(undoable) -> dict[str, int]:
    """Ann Lee (to keep) and Annie Lee (to fold in): one person entered twice, each with
    her own history, a touch with both, and Cleo and Dan around them. At home in the UK:
    her phone written with and without +44 is one number."""
    match_keys.set_phone_region("GB")
    ann = actions.add_contact("Ann Lee", ContactDetails(
        company="Acme", emails=["ann@acme.example"], phones=["+44 20 7946 0958"],
        tags=["climbing"], notes="met at [/] PyCon"))
    annie = actions.add_contact("Annie Lee", ContactDetails(
        role="CTO", emails=["ANN@acme.example", "annie@home.example"],
        phones=["020 7946 0958"], urls=["https://annie.example"], tags=["climbing", "friends"],
        birthday="1990-03-04", notes="[/] second notes"))
    cleo = actions.add_contact("Cleo Park")
    dan = actions.add_contact("Dan Moss")
    writes.update_contact(annie, introduced_by=cleo, external_uid="uid-annie")
    writes.update_contact(dan, introduced_by=annie)
    Fact.create(contact=ann, kind="interest", text="bouldering")
    Fact.create(contact=annie, kind="child", text="two kids")
    writes.update_contact(ann)  # re-index both search rows with their facts
    writes.update_contact(annie)
    LifeEvent.create(contact=annie, kind="new_job", text="CTO at Initech", on=TODAY.add(days=30))
    Favour.create(contact=annie, direction="offered", kind="intro", what="intro to a VC")
    Introduction.create(introducer=cleo, person_a=annie, person_b=dan, on=TODAY.subtract(days=50))
    Introduction.create(introducer=annie, person_a=dan, person_b=cleo, on=TODAY.subtract(days=40))
    Introduction.create(introducer=None, person_a=ann, person_b=annie, on=TODAY.subtract(days=30))
    actions.log_touch([ann], channel="email", at=NOW.subtract(days=20), note="ann alone")
    actions.log_touch([annie], channel="call", at=NOW.subtract(days=10), note="annie alone",
                      follow_up_on=TODAY.add(days=3), follow_up_note="send the article")
    actions.log_touch([ann, annie, cleo], channel="meeting", at=NOW.subtract(days=5),
                      note="all of us")
    return {"ann": ann, "annie": annie, "cleo": cleo, "dan": dan}


def found_by(text: str) -> list[int]:
    return [row.id for row in queries.contact_rows(default_cadence=60, search=text)]


def touch_notes(contact_id: int) -> list[str]:
    return [touch.note for touch in queries.interactions(contact_id)]


# --- the merge ---------------------------------------------------------------------------

def test_merge_keeps_every_method_tag_and_fact_once(two_anns):
    ann, annie = two_anns["ann"], two_anns["annie"]
    summary = dupes.merge(ann, annie)
    card = queries.contact_card(ann, default_cadence=60)
    assert sorted((m.kind, m.value) for m in card.methods) == [
        ("email", "ann@acme.example"), ("email", "annie@home.example"),
        ("phone", "+44 20 7946 0958"), ("url", "https://annie.example")]
    assert card.tags == ("climbing", "friends")
    assert sorted(fact.text for fact in card.facts) == ["bouldering", "two kids"]
    assert (summary.methods, summary.tags, summary.facts, summary.touches) == (4, 2, 2, 3)
    assert queries.contact_name(annie) is None
    assert not ContactMethod.select().where(ContactMethod.contact == annie).exists()


def test_merge_keeps_both_timelines_and_one_link_for_a_shared_touch(two_anns):
    ann, annie, cleo = two_anns["ann"], two_anns["annie"], two_anns["cleo"]
    dupes.merge(ann, annie)
    assert touch_notes(ann) == ["all of us", "annie alone", "ann alone"]
    shared = queries.interactions(ann)[0]
    assert sorted(shared.contacts) == ["Ann Lee", "Cleo Park"]
    assert InteractionContact.select().where(InteractionContact.contact == ann).count() == 3
    assert touch_notes(cleo) == ["all of us"]
    card = queries.contact_card(ann, default_cadence=60)
    assert card.last_touch_at == NOW.subtract(days=5)
    assert card.next_due == TODAY.subtract(days=5).add(days=60)


def test_merge_moves_follow_ups_favours_life_events_and_introductions(two_anns):
    ann, annie, cleo, dan = (two_anns[name] for name in ("ann", "annie", "cleo", "dan"))
    dupes.merge(ann, annie)
    assert [f.what for f in queries.follow_ups(contact_id=ann)] == ["send the article"]
    assert [f.what for f in queries.favours(contact_id=ann)] == ["intro to a VC"]
    assert [e.text for e in queries.life_events(contact_id=ann)] == ["CTO at Initech"]
    introductions = {(i.introducer_id, i.person_a_id, i.person_b_id) for i in Introduction.select()}
    # Ann introduced to Annie was Ann introduced to herself: dropped.
    assert introductions == {(cleo, ann, dan), (ann, dan, cleo)}
    for model in (FollowUp, Favour, LifeEvent, Fact):
        assert not model.select().where(model.contact == annie).exists()


def test_merge_repoints_introduced_by_and_fills_only_empty_fields(two_anns):
    ann, annie, cleo, dan = (two_anns[name] for name in ("ann", "annie", "cleo", "dan"))
    dupes.merge(ann, annie)
    assert Contact.get_by_id(dan).introduced_by_id == ann
    kept = Contact.get_by_id(ann)
    assert kept.display_name == "Ann Lee"
    assert (kept.company, kept.role) == ("Acme", "CTO")  # hers kept, the empty one filled
    assert (kept.birthday_month, kept.birthday_day, kept.birthday_year) == (3, 4, 1990)
    assert kept.introduced_by_id == cleo
    assert kept.external_uid == "uid-annie"
    assert kept.notes == "met at [/] PyCon\n\n---\n\n[/] second notes"
    assert kept.nickname == "Annie Lee"


def test_the_folded_name_finds_the_kept_contact_and_nothing_else(two_anns):
    ann, annie = two_anns["ann"], two_anns["annie"]
    assert found_by("annie") == [annie]
    dupes.merge(ann, annie)
    assert found_by("annie") == [ann]  # her name became Ann's nickname
    assert found_by("two kids") == [ann]  # facts and notes follow her into the search
    count = raw_sql("SELECT count(*) FROM contact_search WHERE rowid = ?", (annie,))
    assert count.fetchone()[0] == 0


def test_a_name_that_only_differs_in_order_or_accents_is_not_made_a_nickname(undoable):
    zoe = actions.add_contact("Zoë Okafor")
    other = actions.add_contact("Okafor, Zoe")
    dupes.merge(zoe, other)
    assert Contact.get_by_id(zoe).nickname == ""


def test_undo_restores_both_contacts_exactly(two_anns):
    before = every_row()
    searches = {text: found_by(text) for text in ("ann", "annie", "two kids", "lee")}
    with undo.recording("merge Annie Lee into Ann Lee"):
        dupes.merge(two_anns["ann"], two_anns["annie"])
    assert every_row() != before
    assert undo.undo_last() == "merge Annie Lee into Ann Lee"
    assert every_row() == before
    assert {text: found_by(text) for text in searches} == searches


@pytest.mark.parametrize("pair, message", [
    (("ann", "ann"), "can't merge contact #1 into itself"),
    (("ann", 999), "no contact #999"),
    ((999, "ann"), "no contact #999"),
])
def test_merging_into_itself_or_with_a_missing_contact_is_refused(two_anns, pair, message):
    keep, fold = (two_anns.get(part, part) for part in pair)
    before = every_row()
    with pytest.raises(InvalidInput, match=message):
        dupes.merge(keep, fold)
    with pytest.raises(InvalidInput):
        dupes.preview(keep, fold, default_cadence=60)
    assert every_row() == before


def test_the_preview_shows_the_merge_and_writes_nothing(two_anns):
    before = every_row()
    preview = dupes.preview(two_anns["ann"], two_anns["annie"], default_cadence=60)
    assert every_row() == before
    assert (preview.keep.display_name, preview.fold.display_name) == ("Ann Lee", "Annie Lee")
    assert (preview.keep_touches, preview.fold_touches, preview.merged_touches) == (2, 2, 3)
    assert len(preview.merged.methods) == 4 and preview.merged.tags == ("climbing", "friends")
    assert len(preview.merged.facts) == 2 and preview.merged.role == "CTO"


# --- finding duplicates --------------------------------------------------------------------

def reasons_by_names() -> dict[frozenset, str]:
    return {frozenset((pair.a_name, pair.b_name)): pair.reason
            for pair in likely_duplicates(limit=None)}


def test_likely_duplicates_by_email_phone_swapped_and_accented_names(config):
    match_keys.set_phone_region("US")  # where numbers without a country code are from
    actions.add_contact("Ann Lee", ContactDetails(emails=["Ann@Acme.example"]))
    actions.add_contact("A. Lee", ContactDetails(emails=["ann@acme.example "]))
    actions.add_contact("Bob Stone", ContactDetails(phones=["+1 (202) 555-0149"]))
    actions.add_contact("Robert Stone", ContactDetails(phones=["202.555.0149"]))
    actions.add_contact("Lee-Ann Chu")
    actions.add_contact("Chu Lee Ann")
    actions.add_contact("José García")
    actions.add_contact("JOSE GARCIA")
    actions.add_contact("Jon Smithson")
    actions.add_contact("John Smithson")
    # Unrelated people that share a part of a name, a company, or a long family name.
    actions.add_contact("Zoe van der Berg", ContactDetails(company="Acme"))
    actions.add_contact("Jose van der Berg", ContactDetails(company="Acme"))
    actions.add_contact("Mark Lee", ContactDetails(phones=["555 0149"]))
    actions.add_contact(HOSTILE, ContactDetails(emails=["evil@example.com"]))
    found = reasons_by_names()
    assert found == {
        frozenset(("Ann Lee", "A. Lee")): "same email ann@acme.example",
        frozenset(("Bob Stone", "Robert Stone")): "same phone +1 202-555-0149",
        frozenset(("Lee-Ann Chu", "Chu Lee Ann")): "same name",
        frozenset(("José García", "JOSE GARCIA")): "same name",
        frozenset(("Jon Smithson", "John Smithson")): "nearly the same name",
    }
    pairs = likely_duplicates(limit=2)
    assert [pair.reason.split()[1] for pair in pairs] == ["email", "phone"]  # surest first
    assert all(pair.a_id < pair.b_id for pair in pairs)


def test_merged_contacts_are_no_longer_listed_as_duplicates(two_anns):
    assert frozenset(("Ann Lee", "Annie Lee")) in reasons_by_names()
    dupes.merge(two_anns["ann"], two_anns["annie"])
    assert reasons_by_names() == {}


def test_name_keys():
    assert name_key("Søren Østergaard") == name_key("ostergaard, soren")
    assert name_key("Mary-Jane O'Neil") == name_key("o'neil mary jane") == "jane mary oneil"
    assert name_key("Ann Lee") != name_key("Anne Lee")


def test_phones_are_one_number_however_written_and_only_then(config):
    actions.add_contact("Bob Stone", ContactDetails(phones=["+44 20 7946 0958"]))
    actions.add_contact("Robert Stone", ContactDetails(phones=["020 7946 0958"]))
    actions.add_contact("Flowers", ContactDetails(phones=["1-800-FLOWERS"]))
    actions.add_contact("Dentist", ContactDetails(phones=["1-800-DENTIST"]))
    assert reasons_by_names() == {}  # no region: a number without +44 is only what it says
    match_keys.set_phone_region("GB")
    assert reasons_by_names() == {
        frozenset(("Bob Stone", "Robert Stone")): "same phone +44 20 7946 0958"}


# --- the command line --------------------------------------------------------------------

def run_cli(tmp_path, *args: str):
    return netgarden(tmp_path, *args)


def test_dupes_and_merge_on_the_command_line(tmp_path):
    for args in (("Ann Lee", "--email", "ann@acme.example", "--tag", "climbing"),
                 ("Annie Lee", "--email", "ANN@acme.example", "--tag", "friends"),
                 (HOSTILE,)):
        assert run_cli(tmp_path, "add", *args).returncode == 0
    assert run_cli(tmp_path, "log", "Ann Lee", "--note", "hello").returncode == 0
    listed = run_cli(tmp_path, "dupes", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [{"a_id": 1, "a_name": "Ann Lee", "b_id": 2,
                                          "b_name": "Annie Lee",
                                          "reason": "same email ann@acme.example"}]
    text = run_cli(tmp_path, "dupes").stdout
    assert "#1 Ann Lee  ~  #2 Annie Lee  (same email ann@acme.example)" in text
    merged = run_cli(tmp_path, "merge", "#2", "Ann Lee")
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout == ("merged Ann Lee (#1) into Annie Lee (#2): 1 way to reach, "
                             "2 tags, 0 facts, 1 touch\n")
    shown = json.loads(run_cli(tmp_path, "show", "#2", "--json").stdout)
    assert shown["tags"] == ["climbing", "friends"]
    assert [touch["note"] for touch in shown["interactions"]] == ["hello"]
    assert run_cli(tmp_path, "dupes").stdout == "No likely duplicates.\n"


@pytest.mark.parametrize("args, message", [
    (("merge", "#1", "#1"), "netgarden: can't merge contact #1 into itself"),
    (("merge", "#1", "#7"), "netgarden: no contact #7"),
    (("merge", "Ann Lee", "Nobody At All"), 'netgarden: no contact named "Nobody At All"'),
    (("dupes", "--limit", "0"), "netgarden: the limit must be 1 or more (got 0)"),
])
def test_command_line_errors_are_one_line_and_write_nothing(tmp_path, args, message):
    assert run_cli(tmp_path, "add", "Ann Lee").returncode == 0
    assert run_cli(tmp_path, "add", "Bob Stone").returncode == 0
    before = every_row_at(tmp_path / "garden.db")
    done = run_cli(tmp_path, *args)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [message]
    assert every_row_at(tmp_path / "garden.db") == before


# --- the merge screen ------------------------------------------------------------------------

@pytest.fixture
def app(frozen_clock, locations, monkeypatch) -> NetgardenApp:
    """The real app on a fresh garden, minus its main screen: the test opens what it checks."""
    monkeypatch.setattr(NetgardenApp, "get_default_screen", lambda self: Screen())
    application = make_app(locations, default_config(), welcome=False)
    yield application
    undo.disable()


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


def screen_text(app) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query("Static"))


async def test_the_merge_screen_merges_and_u_undoes_it(app, size):
    evil = actions.add_contact(HOSTILE, ContactDetails(emails=["evil@example.com"],
                                                       notes="[/]"))
    twin = actions.add_contact("Evil Twin", ContactDetails(emails=["EVIL@example.com"],
                                                           company="[red", tags=["x"]))
    async with app.run_test(size=size) as pilot:
        await app.push_screen(MergeScreen())
        await settle(pilot)
        text = screen_text(app)
        assert "Likely duplicates: 1" in text
        assert HOSTILE in text and "After the merge" in text and "[red" in text
        await pilot.press("m")
        await settle(pilot)
        assert queries.contact_name(twin) is None
        assert queries.contact_card(evil, default_cadence=60).company == "[red"
        assert "No likely duplicates." in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert queries.contact_name(twin) == "Evil Twin"
        assert queries.contact_card(evil, default_cadence=60).company == ""
        assert "Likely duplicates: 1" in screen_text(app)


async def test_s_swaps_which_contact_is_kept(app):
    first = actions.add_contact("Ann Lee", ContactDetails(emails=["ann@acme.example"]))
    second = actions.add_contact("Annie Lee", ContactDetails(emails=["ann@acme.example"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MergeScreen())
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        kept = str(app.screen.query_one("#merge-keep").render())
        assert "Annie Lee" in kept
        await pilot.press("m")
        await settle(pilot)
        assert queries.contact_name(first) is None
        assert queries.contact_card(second, default_cadence=60).nickname == "Ann Lee"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MergeScreen)


async def test_j_and_k_pick_the_pair_even_typed_ahead_of_m(app):
    """`j j m` in one burst merges the third pair, as the arrows would."""
    for one, other in (("Ann Lee", "A. Lee"), ("Bob Ray", "Robert Ray"), ("Cy Dee", "Cyrus Dee")):
        email = f"{one.split()[0].lower()}@acme.example"
        actions.add_contact(one, ContactDetails(emails=[email]))
        actions.add_contact(other, ContactDetails(emails=[email.upper()]))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MergeScreen())
        await settle(pilot)
        first, second, third = app.screen.pairs
        await pilot.press("j", "j", "k", "j", "m")
        await settle(pilot)
        assert queries.contact_name(third.b_id) is None  # the third pair merged
        assert app.screen.pairs == [first, second]  # and only it


async def test_the_command_palette_opens_find_duplicates(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"duplicates")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MergeScreen)
        assert "No likely duplicates." in screen_text(app)


def test_a_switchboard_many_people_share_is_not_a_sign_of_duplicates(config):
    for name in ("Ann Lee", "Bob Stone", "Cleo Park", "Dan Moss", "Eve Ward"):
        actions.add_contact(name, ContactDetails(phones=["+44 20 7946 0000"]))
    actions.add_contact("Fay Holt", ContactDetails(phones=["+44 20 7946 0001"]))
    actions.add_contact("Gus Holt", ContactDetails(phones=["+44 20 7946 0001"]))
    assert reasons_by_names() == {
        frozenset(("Fay Holt", "Gus Holt")): "same phone +44 20 7946 0001"}
