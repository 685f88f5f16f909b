"""Tending a relationship (issue 6): one-sided contacts, online-only stretches, the reason
to reach out, favours and their balance, introductions, life events, circles and the
regroup, with the clock frozen on Mon 23 Nov 2026 09:00 UTC."""

import dataclasses

import pytest

from netgarden_tui.config import Circle, default_config, load_config
from netgarden_tui.garden import actions, queue, tending
from netgarden_tui.garden.openers import fact_words
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.store import queries
from netgarden_tui.store.records import FavourBalance
from test_queue import NOW, TODAY, add, clock_at, old_friend, touch  # tests/ is on the path

CONFIG = default_config()  # one_sided_after 3, online_only_days 180, regroup every 60 days


def items(config=CONFIG, today=TODAY):
    return queue.due_queue(config, today=today)


def item_for(contact_id: int, config=CONFIG, today=TODAY):
    return next((item for item in items(config, today) if item.contact_id == contact_id), None)


def reason_kinds(item) -> list[str]:
    return [reason.kind for reason in item.reasons]


def emails_out(contact_id: int, *days_ago: int) -> None:
    for ago in days_ago:
        touch(contact_id, ago, channel="email", direction="out")


# --- don't be desperate --------------------------------------------------------------------

def test_three_unanswered_outreaches_make_a_contact_one_sided_and_the_queue_asks_once(config):
    ann = old_friend("Ann Lee")
    touch(ann, 200, channel="meeting", direction="mutual")
    emails_out(ann, 190, 150, 100)  # due again 40 days ago, on cadence, were it not one-sided

    item = item_for(ann)
    assert reason_kinds(item) == ["one_sided"]  # no cadence nagging
    assert reason_text(item.reasons[0], TODAY) == "3 messages without reply since May — let go?"
    assert queries.contact_card(ann, default_cadence=60).unanswered_in_a_row == 3

    tending.keep_trying(ann)
    assert item_for(ann) is None  # asked once: not again, and the cadence stays quiet


def test_two_unanswered_outreaches_are_still_nagged_on_cadence(config):
    ann = old_friend("Ann Lee")
    touch(ann, 200, channel="meeting", direction="mutual")
    emails_out(ann, 150, 100)
    assert reason_kinds(item_for(ann)) == ["cadence"]


def test_a_reply_ends_the_one_sided_stretch_and_the_question_can_come_back(config):
    ann = old_friend("Ann Lee")
    emails_out(ann, 190, 150, 100)
    tending.keep_trying(ann)
    touch(ann, 90, channel="call", direction="in")  # she called back
    assert queries.contact_card(ann, default_cadence=60).unanswered_in_a_row == 0
    assert reason_kinds(item_for(ann)) == ["cadence"]

    emails_out(ann, 80, 70, 65)
    assert reason_kinds(item_for(ann)) == ["one_sided"]


def test_one_sided_after_follows_the_config(config):
    ann = old_friend("Ann Lee")
    emails_out(ann, 190, 150)
    patient = dataclasses.replace(CONFIG, one_sided_after=2)
    assert reason_kinds(item_for(ann, patient)) == ["one_sided"]
    assert queue.due_today(patient, today=TODAY).total == 1


def test_letting_go_halves_how_often_or_archives(config):
    ann, bo = old_friend("Ann Lee"), old_friend("Bo Chen")
    emails_out(ann, 190, 150, 100)
    emails_out(bo, 190, 150, 100)

    assert tending.lower_cadence(ann, default_cadence=60) == 120
    actions.archive(bo)

    assert items() == []
    assert queries.contact_card(ann, default_cadence=60).own_cadence_days == 120


# --- don't hide online ----------------------------------------------------------------------

def test_only_messages_for_half_a_year_suggest_a_call_or_coffee(config):
    ann = old_friend("Ann Lee")
    touch(ann, 400, channel="meeting", direction="mutual")
    for ago in (300, 200, 90):
        touch(ann, ago, channel="email", direction="in")  # answered: not one-sided

    item = item_for(ann)
    assert [reason_text(r, TODAY) for r in item.reasons] == [
        "last in touch 90 days ago (every 60 days)",
        "only online since January — suggest a call or coffee"]
    assert item.score == item.overdue_days + 1  # the cadence's score: the nudge adds nothing
    assert item.suggestion == "Ask what Ann is working on these days"  # the call is said


def test_a_recent_coffee_or_a_short_online_stretch_is_no_nudge(config):
    ann, bo = old_friend("Ann Lee"), old_friend("Bo Chen")
    touch(ann, 300, channel="email", direction="in")
    touch(ann, 90, channel="meeting", direction="mutual")
    touch(bo, 150, channel="call", direction="mutual")
    touch(bo, 100, channel="email", direction="in")  # online for 100 days only
    assert "online_only" not in reason_kinds(item_for(ann))
    assert "online_only" not in reason_kinds(item_for(bo))


# --- a reason to reach out ------------------------------------------------------------------

def test_each_item_suggests_one_concrete_reason_its_reasons_do_not_say(config):
    old_friend("Ann Lee", birthday="1986-11-25")
    congratulated = old_friend("Bo Chen")
    tending.log_life_event(congratulated, "new_job", "Head of design at Acme", on=TODAY.subtract(days=2))
    promised = old_friend("Cy Diaz")
    tending.log_favour(promised, "offered", "job lead", "the Acme opening", due_on=TODAY)
    thanked = old_friend("Di Evans")
    touch(thanked, 100, note="Talked about sailing")
    tending.log_favour(thanked, "received", "cv feedback", "notes on my CV")
    topic = old_friend("Ed Fox")
    touch(topic, 100, note="The merger\nand more")
    old_friend("Fay Gill")

    suggestions = {item.contact: item.suggestion for item in items()}
    assert suggestions == {
        "Ann Lee": "",  # "turns 40 on Wed 25 Nov" says it
        "Bo Chen": "",  # "congratulate: new job: ..." says it
        "Cy Diaz": "",  # "you offered due today: job lead - the Acme opening" says it
        "Di Evans": "Thank Di for the notes on my CV",
        "Ed Fox": "It's been a while — last time you talked about: The merger",
        "Fay Gill": "Ask what Fay is working on these days",
    }


def test_an_introduction_asks_both_how_it_went_two_weeks_later(config):
    ann, bo = old_friend("Ann Lee"), old_friend("Bo Chen")
    touch(ann, 1)
    touch(bo, 1)
    tending.introduce(ann, bo, note="both into sailing")
    assert item_for(ann) is None

    later = TODAY.add(days=14)
    for person, other in ((ann, "Bo Chen"), (bo, "Ann Lee")):
        [reason] = item_for(person, today=later).reasons
        assert reason_text(reason, later) == (
            f"follow-up due today: ask how the introduction to {other} went")
    around_ann = [(a.contact, a.how) for a in queries.acquaintances(ann)]
    assert around_ann == [("Bo Chen", "you introduced them (Nov 2026)")]


def test_an_introduction_by_someone_else_and_introduced_by(config):
    ann, bo, cy = old_friend("Ann Lee"), old_friend("Bo Chen"), old_friend("Cy Diaz")
    tending.introduce(ann, bo, introducer=cy)
    tending.set_introduced_by(ann, cy)
    assert queries.follow_ups(contact_id=ann) == []  # not mine to follow up
    assert queries.contact_card(ann, default_cadence=60).introduced_by == "Cy Diaz"
    assert {(a.contact, a.how) for a in queries.acquaintances(cy)} == {
        ("Ann Lee", "introduced to you by them"), ("Bo Chen", "they introduced them (Nov 2026)")}
    with pytest.raises(actions.InvalidInput, match="two different people"):
        tending.introduce(ann, ann)


# --- favours ----------------------------------------------------------------------------------

def test_the_give_take_balance_counts_favours_done(config):
    ann = old_friend("Ann Lee")
    tending.log_favour(ann, "given", "cv feedback")
    offered = tending.log_favour(ann, "offered", "introduction", due_on=TODAY.add(days=7))
    tending.log_favour(ann, "received", "career advice")
    tending.log_favour(ann, "asked", "reference", status="declined")
    assert queries.contact_card(ann, default_cadence=60).balance == FavourBalance(gave=1, took=1)
    tending.set_favour_status(offered, "delivered")
    assert queries.contact_card(ann, default_cadence=60).balance.gave == 2


def test_asking_after_two_declined_or_unanswered_asks_warns(config):
    ann = old_friend("Ann Lee")
    assert tending.pushed_luck_warning(ann, "Ann Lee") is None
    tending.log_favour(ann, "asked", "job lead", status="declined")
    assert tending.pushed_luck_warning(ann, "Ann Lee") is None  # once is bad luck
    tending.log_favour(ann, "asked", "reference", status="no_answer")
    assert tending.pushed_luck_warning(ann, "Ann Lee") == (
        "Ann Lee declined or did not answer your last 2 asks: don't push your luck "
        "(ask someone else, or for something smaller)")
    tending.log_favour(ann, "asked", "news", status="delivered")
    assert tending.pushed_luck_warning(ann, "Ann Lee") is None


def test_favour_words_are_checked(config):
    ann = old_friend("Ann Lee")
    assert tending.log_favour(ann, "off", "job")  # unique starts are enough
    with pytest.raises(actions.InvalidInput, match='unknown kind of favour "pony"'):
        tending.log_favour(ann, "offered", "pony")
    with pytest.raises(actions.InvalidInput, match="favour direction"):
        tending.log_favour(ann, "sideways", "news")


# --- facts and life events ------------------------------------------------------------------

def test_a_childs_age_comes_from_the_birth_year(config):
    ann = old_friend("Ann Lee")
    tending.add_fact(ann, "child", "Daughter Emma", year=2015)
    card = queries.contact_card(ann, default_cadence=60)
    assert [(f.kind, f.text, f.year) for f in card.facts] == [("child", "Daughter Emma", 2015)]
    assert fact_words(card.facts[0], TODAY) == "Daughter Emma (11)"
    with pytest.raises(actions.InvalidInput, match="birth year"):
        tending.add_fact(ann, "child", "Leo", year=2031)
    with pytest.raises(actions.InvalidInput, match="kind of fact"):
        tending.add_fact(ann, "horoscope", "Leo")


def test_a_life_event_says_congratulate_until_a_touch(config):
    ann = old_friend("Ann Lee")
    touch(ann, 1)
    tending.log_life_event(ann, "promotion", "Partner", on=TODAY.subtract(days=3))
    [reason] = item_for(ann).reasons
    assert reason_text(reason, TODAY) == "congratulate: promotion: Partner (3 days ago)"
    touch(ann, 0, channel="message")
    assert item_for(ann) is None
    with pytest.raises(actions.InvalidInput, match="once it happened"):
        tending.log_life_event(ann, "wedding", on=TODAY.add(days=10))


# --- circles and the regroup ------------------------------------------------------------------

def test_circle_health_counts_due_overdue_and_one_sided(config):
    ann = old_friend("Ann Lee", circle="Clients")  # every 30 days
    touch(ann, 31)  # due a day ago
    bo = old_friend("Bo Chen", circle="Clients")
    touch(bo, 60)  # a month overdue
    cy = old_friend("Cy Diaz", circle="Clients")
    emails_out(cy, 20, 10, 5)
    old_friend("Di Evans")  # no circle, long overdue

    health = {h.name: (h.contacts, h.due, h.overdue, h.one_sided)
              for h in queries.circle_health(TODAY, one_sided_after=3, overdue_after_days=7)}
    assert health["Clients"] == (3, 2, 1, 1)
    assert health["Friends"] == (0, 0, 0, 0)
    assert health[None] == (1, 1, 1, 0)


def test_a_circle_saved_or_deleted_changes_the_garden_and_the_config_file(config, locations):
    config = load_config(locations.config_file)  # written with the defaults, so it has a path
    ann = old_friend("Ann Lee", circle="Friends")
    touch(ann, 50)

    config = tending.save_circle(config, "Friends", name="Close friends", priority=1,
                                 cadence_days=30)
    assert reason_text(item_for(ann).reasons[0], TODAY) == "last in touch 50 days ago (every 30 days)"
    assert Circle("Close friends", 1, 30) in load_config(locations.config_file).circles

    config = tending.delete_circle(config, "Close friends")
    assert queries.contact_card(ann, default_cadence=60).circle is None
    assert "Close friends" not in {c.name for c in load_config(locations.config_file).circles}
    with pytest.raises(actions.InvalidInput, match='already a circle "Clients"'):
        tending.save_circle(config, None, name="clients", priority=1, cadence_days=10)


def test_finishing_a_regroup_puts_the_next_one_off_by_the_interval(config):
    later = TODAY.add(days=60)  # the garden started today: the first regroup is due then
    assert [item.reasons[0].kind for item in items(today=later)] == ["regroup"]
    with clock_at(NOW.add(days=60)):
        tending.finish_regroup()
    assert items(today=later) == []
    assert items(today=later.add(days=59)) == []
    assert [item.reasons[0].kind for item in items(today=later.add(days=60))] == ["regroup"]


def test_the_regroup_rows_show_activity_and_balance_least_touched_first(config):
    ann = old_friend("Ann Lee", circle="Clients")
    bo = old_friend("Bo Chen", circle="Clients")
    touch(ann, 10)
    touch(ann, 100)
    touch(bo, 200)
    tending.log_favour(ann, "given", "news")
    rows = queries.regroup_rows(queries.circle_id("Clients"), default_cadence=60,
                                active_since=tending.regroup_activity_since(), limit=10)
    assert [(r.contact, r.touches_recently, r.balance.gave) for r in rows] == [
        ("Bo Chen", 0, 0), ("Ann Lee", 1, 1)]
    tending.move_to_circle(bo, "Friends")
    tending.set_cadence(ann, 14)
    assert queries.contact_card(bo, default_cadence=60).circle == "Friends"
    assert queries.contact_card(ann, default_cadence=60).cadence_days == 14
    with pytest.raises(actions.InvalidInput, match='no circle "Enemies"'):
        tending.move_to_circle(bo, "Enemies")


def test_new_faces_do_not_crowd_out_old_friends(config):
    """Don't neglect who you already know: equally overdue, the long-standing one first."""
    new = add("Nia New", added_days_ago=70)
    old = old_friend("Olu Old")
    touch(old, 70)
    assert [item.contact_id for item in items()] == [old, new]


def test_done_on_a_due_item_keeps_its_promises_and_says_which(config):
    ann = old_friend("Ann Lee")
    touch(ann, 5, follow_up_on=TODAY, follow_up_note="send the deck")
    favour = tending.log_favour(ann, "offered", "cv feedback", "CV review", due_on=TODAY)
    assert tending.keep_item_promises(item_for(ann)) == (
        "Follow-up 'send the deck' done, favour 'CV review' delivered · Ann Lee")
    assert item_for(ann) is None
    assert queries.favour(favour).status == "delivered"

    touch(ann, 0, follow_up_on=TODAY.add(days=9), follow_up_note="")  # not due yet
    assert tending.keep_a_promise(ann, "Ann Lee") == "Follow-up done · Ann Lee"
    with pytest.raises(actions.InvalidInput, match="Ann Lee has no open follow-up"):
        tending.keep_a_promise(ann, "Ann Lee")
