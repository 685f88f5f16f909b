"""Introductions suggested (issue 26): when one person's need shares words with another's
offer (or one of their tags), Due suggests introducing them, a few a day at most, never a
pair dismissed; `i` makes the introduction and the need is met, a favour you gave. A
small garden with the clock frozen on Mon 23 Nov 2026, on either engine."""

import dataclasses

import pendulum
import pytest

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions, queue, tending
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.store import queries, undo
from netgarden_tui.vocabulary import NEED_WORDS

from test_queue import old_friend

TODAY = pendulum.date(2026, 11, 23)


def suggested(config=None) -> list[tuple[str, str]]:
    """(the one in need, the suggestion in words) of each introduction Due suggests, in
    the queue's order."""
    items = queue.due_queue(config or default_config())
    return [(item.contact, reason_text(reason, TODAY)) for item in items
            for reason in item.reasons if reason.kind == "introduction"]


def the_suggestion(name: str, config=None):
    """(item, its first suggested introduction) of the person named."""
    item = next(item for item in queue.due_queue(config or default_config())
                if item.contact == name)
    return item, item.introductions[0]


@pytest.fixture
def people(config):
    """Four old friends, each touched lately (so no cadence is due): Ann and Cy need,
    Bo and Di offer."""
    ids = {name: old_friend(name) for name in ("Ann Lee", "Bo Kim", "Cy Young", "Di Evans")}
    actions.log_touch(list(ids.values()), channel="meeting")
    return ids


def note(contact_id: int, kind: str, text: str) -> int:
    return tending.add_need(contact_id, kind, text)


def test_a_need_and_an_offer_sharing_a_word_are_suggested_in_words(people):
    note(people["Ann Lee"], "need", "a designer for the new app")
    note(people["Bo Kim"], "offer", "design reviews")
    assert suggested() == [("Ann Lee", "looking for a designer for the new app; Bo Kim "
                                       "offers design reviews — introduce them?")]
    item, reason = the_suggestion("Ann Lee")
    assert (reason.other_id, reason.other, reason.need_id, reason.shared) == (
        people["Bo Kim"], "Bo Kim", 1, 1)
    assert item.suggestion == ""  # the reason says what to do


def test_only_words_of_asking_shared_is_no_match(people):
    note(people["Ann Lee"], "need", "someone who is looking for a lawyer")
    note(people["Bo Kim"], "offer", "is a designer, looking for someone")
    note(people["Cy Young"], "need", "a flat")
    note(people["Di Evans"], "offer", "flat-pack furniture assembly")  # "flat": a match
    assert suggested() == [("Cy Young", "looking for a flat; Di Evans offers flat-pack "
                                        "furniture assembly — introduce them?")]


def test_more_shared_words_and_closer_people_rank_first(people):
    tending.move_to_circle(people["Cy Young"], "Clients")  # priority 1: weighs 5
    note(people["Ann Lee"], "need", "an intro to a VC in Berlin")
    note(people["Bo Kim"], "offer", "knows the Berlin VC scene")  # vc, berlin: 2 words
    note(people["Cy Young"], "need", "a Berlin flat")
    note(people["Di Evans"], "offer", "rents a flat in Berlin")  # flat, berlin: 2, and closer
    note(people["Bo Kim"], "need", "pricing advice")
    note(people["Di Evans"], "offer", "pricing workshops")  # 1 word
    assert [who for who, _ in suggested()] == ["Cy Young", "Ann Lee", "Bo Kim"]
    scores = {item.contact: item.introductions[0].score
              for item in queue.due_queue(default_config()) if item.introductions}
    assert scores == {"Cy Young": 400 + 100 + 10 * (5 + 1), "Ann Lee": 400 + 100 + 10 * 2,
                      "Bo Kim": 400 + 10 * 2}


def test_each_need_gets_its_best_match_and_the_words_are_stemmed(people):
    note(people["Ann Lee"], "need", "someone hiring designers")
    note(people["Bo Kim"], "offer", "design reviews")
    note(people["Di Evans"], "offer", "hires designers often")  # hire + design: the best
    assert suggested() == [("Ann Lee", "looking for someone hiring designers; Di Evans "
                                       "offers hires designers often — introduce them?")]


def test_a_tag_of_someone_who_offers_something_matches_too(people):
    actions.edit_contact(people["Di Evans"], ContactDetails(tags=["investor"]))
    actions.edit_contact(people["Bo Kim"], ContactDetails(tags=["investor"]))
    note(people["Ann Lee"], "need", "an investor for the seed round")
    assert suggested() == []  # a tag alone offers nothing: `netgarden who` finds them
    note(people["Di Evans"], "offer", "pricing workshops")
    assert suggested() == [("Ann Lee", "looking for an investor for the seed round; Di Evans "
                                       "is tagged investor — introduce them?")]
    assert the_suggestion("Ann Lee")[1].by_tag is True


def test_no_suggestion_for_oneself_the_archived_the_introduced_or_what_was_met(people):
    note(people["Ann Lee"], "need", "a designer")
    note(people["Ann Lee"], "offer", "design reviews")  # her own
    offer = note(people["Cy Young"], "offer", "design help")
    actions.archive(people["Cy Young"])
    assert suggested() == []
    actions.edit_contact(people["Cy Young"], ContactDetails())  # still archived
    tending.introduce(people["Ann Lee"], people["Bo Kim"])
    note(people["Bo Kim"], "offer", "designs logos")  # they know each other already
    assert suggested() == []
    need = note(people["Di Evans"], "need", "logo design")
    assert [who for who, _ in suggested()] == ["Di Evans"]
    tending.mark_need_met(need)
    assert suggested() == []
    assert offer


def test_a_dismissed_pair_is_never_suggested_again(people):
    config = dataclasses.replace(default_config(), introductions_a_day=10)
    note(people["Ann Lee"], "need", "a designer")
    note(people["Bo Kim"], "offer", "design reviews")
    item, reason = the_suggestion("Ann Lee")
    assert tending.dismiss_suggested_introduction(item.contact_id, reason) == (
        "Not suggesting Ann Lee and Bo Kim again (u undoes)")
    assert suggested(config) == []
    note(people["Ann Lee"], "need", "a logo designer")  # another need of hers,
    note(people["Bo Kim"], "need", "a design critic")  # or his, the other way round
    note(people["Ann Lee"], "offer", "design critiques")
    assert suggested(config) == []
    note(people["Cy Young"], "offer", "design sprints")  # someone else is suggested
    assert {who for who, _ in suggested(config)} == {"Ann Lee", "Bo Kim"}
    pendulum.travel_to(pendulum.datetime(2027, 6, 1, 9, tz="UTC"), freeze=True)
    assert "Bo Kim offers" not in " ".join(text for _, text in suggested(config))  # for good


def test_a_few_a_day_at_most_the_decided_ones_counted(people):
    config = dataclasses.replace(default_config(), introductions_a_day=2)
    for word in ("design", "pricing", "hiring"):
        note(people["Ann Lee"], "need", f"{word} help")
        note(people["Bo Kim"], "offer", f"{word} advice")
    assert len(suggested(config)) == 2
    assert queue.due_count(config) == len(queue.due_queue(config))  # the count agrees
    item, reason = the_suggestion("Ann Lee", config)
    tending.dismiss_suggested_introduction(item.contact_id, reason)
    note(people["Cy Young"], "need", "a pricing mentor")
    note(people["Di Evans"], "offer", "pricing mentoring")
    assert len(suggested(config)) == 1  # two a day: one decided already
    assert queue.due_count(config) == len(queue.due_queue(config))
    pendulum.travel_to(pendulum.datetime(2026, 11, 24, 9, tz="UTC"), freeze=True)
    assert len(suggested(config)) == 2  # a new day
    assert suggested(dataclasses.replace(config, introductions_a_day=0)) == []


def test_i_makes_the_introduction_meets_the_need_and_counts_as_a_favour(people):
    need = note(people["Ann Lee"], "need", "a designer for the new app")
    note(people["Bo Kim"], "offer", "design reviews")
    item, reason = the_suggestion("Ann Lee")
    undo.enable()
    try:
        with undo.recording("introduce Ann Lee and Bo Kim"):
            said = tending.make_suggested_introduction(item.contact_id, reason)
        assert said == "Introduced Ann Lee and Bo Kim · Ann Lee's need met"
        assert suggested() == []
        [introduction] = queries.introductions(people["Ann Lee"])
        assert (introduction.person_a, introduction.person_b, introduction.introducer) == (
            "Ann Lee", "Bo Kim", None)
        assert introduction.note == "a designer for the new app"
        asks = {(f.contact, f.due_on, f.what) for f in queries.follow_ups()}
        assert asks == {("Ann Lee", TODAY.add(days=14), "ask how the introduction to Bo Kim went"),
                        ("Bo Kim", TODAY.add(days=14), "ask how the introduction to Ann Lee went")}
        met = queries.need(need)
        assert (met.met_by, met.introduction_id) == ("introduction", introduction.id)
        assert queries.favour_balance(people["Ann Lee"]).gave == 1  # helping counts
        assert queries.favour_balance(people["Bo Kim"]).gave == 0
        assert queries.contact_card(people["Ann Lee"], default_cadence=60).needs == ()
        assert undo.undo_last() == "introduce Ann Lee and Bo Kim"  # all of it, one step
    finally:
        undo.disable()
    assert queries.introductions(people["Ann Lee"]) == [] and queries.follow_ups() == []
    assert queries.need(need).met_at is None
    assert queries.favour_balance(people["Ann Lee"]).gave == 0
    assert [who for who, _ in suggested()] == ["Ann Lee"]


def test_due_json_carries_both_ids(tmp_path):
    from test_cli import Runner

    runner = Runner(tmp_path)
    runner.ok("add", "Ann Lee")
    runner.ok("add", "Bo Kim")
    runner.ok("need", "Ann", "a designer")
    runner.ok("offer", "Bo", "design reviews")
    [item] = [item for item in runner.json("due") if item["contact"] == "Ann Lee"]
    [reason] = [reason for reason in item["reasons"] if reason["kind"] == "introduction"]
    assert (item["contact_id"], reason["other_id"], reason["need_id"]) == (1, 2, 1)
    assert reason["text"] == ("looking for a designer; Bo Kim offers design reviews — "
                              "introduce them?")
    assert (reason["what"], reason["offer"], reason["by_tag"], reason["shared"]) == (
        "a designer", "design reviews", False, 1)
    assert "introduction looking for a designer; Bo Kim" in runner.ok("due")


def test_words_of_needs_are_what_their_kind_says():
    assert NEED_WORDS == {"need": "needs", "offer": "offers"}
