"""The Due queue's rules, with the clock frozen on Mon 23 Nov 2026 09:00 UTC.

Each test builds exactly the garden it needs and asserts on the items `due_queue` returns:
who, when, how overdue, and the reasons in words.
"""

from contextlib import contextmanager

import pendulum
import pytest

from netgarden_tui import clock
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.store.records import Birthday
from netgarden_tui.store import queries, writes
from netgarden_tui.store.models import Favour, LifeEvent

NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz="UTC")  # where the frozen_clock fixture stands
TODAY = pendulum.date(2026, 11, 23)


def days_ago(n: int) -> pendulum.DateTime:
    return NOW.subtract(days=n)


@contextmanager
def clock_at(moment: pendulum.DateTime):
    """Stand the clock at ``moment`` for a while, then put it back where it was."""
    back = pendulum.now()
    pendulum.travel_to(moment, freeze=True)
    try:
        yield
    finally:
        pendulum.travel_to(back, freeze=True)


def travel_to_day(day: pendulum.Date) -> None:
    pendulum.travel_to(pendulum.datetime(day.year, day.month, day.day, 9, 0, tz="UTC"), freeze=True)


def add(name: str, *, added_days_ago: int = 0, **details) -> int:
    """Add a contact, today or as if it had been added that many days ago."""
    with clock_at(pendulum.now().subtract(days=added_days_ago)):
        return actions.add_contact(name, ContactDetails(**details))


def old_friend(name: str, **details) -> int:
    """A contact added long ago (not new: its cadence counts in full)."""
    return add(name, added_days_ago=400, **details)


def touch(contact_id: int, n_days_ago: int, **kwargs) -> int:
    return actions.log_touch([contact_id], at=pendulum.now().subtract(days=n_days_ago), **kwargs)


def summary(items):
    """(contact, due_on, overdue_days, reason texts) of each item, in queue order."""
    return [(item.contact, item.due_on, item.overdue_days,
             [reason_text(r, clock.today()) for r in item.reasons])
            for item in items]


def contact_items(config):
    return [item for item in queue.due_queue(config) if item.contact_id is not None]


def follow_up_ids(contact_id: int) -> list[int]:
    return [f.id for f in queries.follow_ups(contact_id=contact_id, include_done=True)]


# --- cadence ----------------------------------------------------------------------------


def test_an_empty_garden_has_an_empty_queue(config):
    assert queue.due_queue(config) == []


def test_own_cadence_beats_the_circles_which_beats_the_default(config):
    own = old_friend("Olivia Own", circle="Clients", cadence_days=10)
    touch(own, 12)
    circle = old_friend("Cora Circle", circle="Clients")
    touch(circle, 31)
    default = old_friend("Dean Default")
    touch(default, 61)
    # Not due: their own 90 days win over Clients' 30; Powerful colleagues' 90 over the default 60.
    touch(old_friend("Nina Notyet", circle="Clients", cadence_days=90), 31)
    touch(old_friend("Paul Powerful", circle="Powerful colleagues"), 61)

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Olivia Own", TODAY.subtract(days=2), 2, ["last in touch 12 days ago (every 10 days)"]),
        ("Cora Circle", TODAY.subtract(days=1), 1, ["last in touch 31 days ago (every 30 days)"]),
        ("Dean Default", TODAY.subtract(days=1), 1, ["last in touch 61 days ago (every 60 days)"]),
    ]
    assert [item.contact_id for item in items] == [own, circle, default]
    assert [r.kind for item in items for r in item.reasons] == ["cadence"] * 3
    # (days overdue + 1) x weight: Clients weigh 5, no circle 1.
    assert [item.score for item in items] == [15, 10, 2]


def test_a_never_touched_contact_counts_from_when_it_was_added(config):
    add("Nell Never", added_days_ago=60)
    add("Ned Notyet", added_days_ago=59)

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Nell Never", TODAY, 0, ["added 60 days ago, never in touch (every 60 days)"]),
    ]
    assert items[0].score == 0.5  # (0 + 1) x 1, halved: added less than 90 days ago


def test_due_exactly_on_the_day_and_not_the_day_before(config):
    on_the_day = old_friend("Dana Day", circle="Clients")
    touch(on_the_day, 30)
    touch(old_friend("Eve Early", circle="Clients"), 29)

    assert summary(queue.due_queue(config)) == [
        ("Dana Day", TODAY, 0, ["last in touch 30 days ago (every 30 days)"]),
    ]

    travel_to_day(TODAY.add(days=1))
    assert summary(queue.due_queue(config)) == [
        ("Dana Day", TODAY, 1, ["last in touch 31 days ago (every 30 days)"]),
        ("Eve Early", TODAY.add(days=1), 0, ["last in touch 30 days ago (every 30 days)"]),
    ]


def test_the_cadence_reason_says_how_long_since_the_last_touch(config):
    cid = old_friend("Sam Seventeen", circle="Clients")
    touch(cid, 90)
    touch(cid, 47)  # the newest touch counts

    [item] = queue.due_queue(config)

    assert item.contact_id == cid
    assert item.due_on == TODAY.subtract(days=17)
    assert item.overdue_days == 17
    assert [(r.kind, reason_text(r, TODAY)) for r in item.reasons] == [
        ("cadence", "last in touch 47 days ago (every 30 days)"),
    ]
    assert item.score == 18 * 5


def test_a_one_day_cadence_reads_in_the_singular(config):
    touch(old_friend("Una Daily", cadence_days=1), 1)

    assert summary(queue.due_queue(config)) == [
        ("Una Daily", TODAY, 0, ["last in touch 1 day ago (every 1 day)"]),
    ]


# --- snooze -----------------------------------------------------------------------------


def test_a_snooze_moves_the_due_date_later(config):
    cid = old_friend("Simon Snooze", circle="Clients")
    touch(cid, 40)
    assert [item.contact_id for item in queue.due_queue(config)] == [cid]

    actions.snooze(cid, TODAY.add(days=3), config)
    assert queue.due_queue(config) == []

    travel_to_day(TODAY.add(days=2))
    assert queue.due_queue(config) == []
    travel_to_day(TODAY.add(days=3))
    assert summary(queue.due_queue(config)) == [
        ("Simon Snooze", TODAY.add(days=3), 0, ["last in touch 43 days ago (every 30 days)"]),
    ]


def test_a_snooze_that_would_change_nothing_says_so_and_changes_nothing(config):
    cid = old_friend("Sue Soon", circle="Clients")
    touch(cid, 10)  # due in 20 days
    with pytest.raises(actions.InvalidInput,
                       match=r"nothing to snooze: Sue Soon is not due until Sun 13 Dec"):
        actions.snooze(cid, TODAY.add(days=1), config)
    writes.add_follow_up(cid, due_on=TODAY.add(days=5), what="send the deck")
    with pytest.raises(actions.InvalidInput, match="not due until Sat 28 Nov"):
        actions.snooze(cid, TODAY.add(days=5), config)

    card = queries.contact_card(cid, default_cadence=60)
    assert (card.snoozed_until, card.next_due) == (None, TODAY.add(days=20))
    actions.snooze(cid, TODAY.add(days=6), config)  # puts the follow-up off a day
    with pytest.raises(actions.InvalidInput, match="already snoozed until Sun 29 Nov"):
        actions.snooze(cid, TODAY.add(days=6), config)


@pytest.mark.parametrize("reason", ["follow-up", "offered favour", "birthday", "life event",
                                    "one-sided"])
def test_a_snooze_keeps_a_contact_out_of_due_whatever_the_reason(config, reason):
    """Until the day chosen: then every reason still true is back."""
    cid = old_friend("Zoë Takahashi", circle="Clients")
    touch(cid, 5)
    if reason == "follow-up":
        writes.add_follow_up(cid, due_on=TODAY.subtract(days=3), what="send the deck")
    elif reason == "offered favour":
        Favour.create(contact=cid, direction="offered", kind="introduction", what="to Sam",
                      status="open", due_on=TODAY, created_at=NOW)
    elif reason == "birthday":
        writes.update_contact(cid, birthday=Birthday(11, 27, None))
    elif reason == "life event":
        LifeEvent.create(contact=cid, kind="new_job", text="Globex", on=TODAY)
    else:
        for days_ago in (4, 3, 2):
            touch(cid, days_ago, channel="email", direction="out")
    [item] = queue.due_queue(config)
    reasons = [reason.kind for reason in item.reasons]

    actions.snooze(cid, TODAY.add(days=2), config)
    assert queue.due_queue(config) == []
    assert queue.due_today(config).total == 0
    travel_to_day(TODAY.add(days=1))
    assert queue.due_queue(config) == []
    travel_to_day(TODAY.add(days=2))
    [item] = queue.due_queue(config)
    assert [reason.kind for reason in item.reasons] == reasons


def test_logging_a_touch_clears_a_snooze(config):
    cid = old_friend("Tess Touched", circle="Clients")
    touch(cid, 50)
    actions.snooze(cid, TODAY.add(days=30), config)
    assert queries.contact_card(cid, default_cadence=60).snoozed_until == TODAY.add(days=30)

    touch(cid, 25)  # a touch logged after the fact: due again 30 days after it

    card = queries.contact_card(cid, default_cadence=60)
    assert card.snoozed_until is None
    assert card.next_due == TODAY.add(days=5)
    travel_to_day(TODAY.add(days=5))
    assert summary(queue.due_queue(config)) == [
        ("Tess Touched", TODAY.add(days=5), 0, ["last in touch 30 days ago (every 30 days)"]),
    ]


# --- birthdays --------------------------------------------------------------------------


def test_birthdays_within_the_seven_day_look_ahead(config):
    add("Tia Today", birthday="11-23")
    add("Bea Forty", birthday="1986-11-27")
    add("Ed Edge", birthday="11-30")  # day 7: in
    add("Olly Outside", birthday="12-01")  # day 8: out
    add("Yan Yesterday", birthday="11-22")  # next one is a year away

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Tia Today", TODAY, 0, ["birthday today"]),
        ("Bea Forty", pendulum.date(2026, 11, 27), 0, ["turns 40 on Fri 27 Nov"]),
        ("Ed Edge", pendulum.date(2026, 11, 30), 0, ["birthday on Mon 30 Nov"]),
    ]
    assert [item.reasons[0].kind for item in items] == ["birthday"] * 3
    assert [item.score for item in items] == [900, 500, 200]


def test_a_birthday_today_with_a_year_says_the_age(config):
    add("Ada Age", birthday="1990-11-23")

    assert summary(queue.due_queue(config)) == [("Ada Age", TODAY, 0, ["turns 36 today"])]


def test_a_29_february_birthday_falls_on_28_february_in_a_non_leap_year(config):
    travel_to_day(pendulum.date(2027, 2, 25))
    add("Lena Leap", birthday="1988-02-29")

    assert summary(contact_items(config)) == [
        ("Lena Leap", pendulum.date(2027, 2, 28), 0, ["turns 39 on Sun 28 Feb"]),
    ]
    travel_to_day(pendulum.date(2027, 2, 28))
    assert summary(contact_items(config)) == [
        ("Lena Leap", pendulum.date(2027, 2, 28), 0, ["turns 39 today"]),
    ]
    travel_to_day(pendulum.date(2027, 3, 1))
    assert contact_items(config) == []


def test_a_29_february_birthday_falls_on_29_february_in_a_leap_year(config):
    travel_to_day(pendulum.date(2028, 2, 25))
    add("Lena Leap", birthday="1988-02-29")

    assert summary(contact_items(config)) == [
        ("Lena Leap", pendulum.date(2028, 2, 29), 0, ["turns 40 on Tue 29 Feb"]),
    ]
    travel_to_day(pendulum.date(2028, 2, 28))
    assert summary(contact_items(config)) == [
        ("Lena Leap", pendulum.date(2028, 2, 29), 0, ["turns 40 on Tue 29 Feb"]),
    ]
    travel_to_day(pendulum.date(2028, 2, 29))
    assert summary(contact_items(config)) == [
        ("Lena Leap", pendulum.date(2028, 2, 29), 0, ["turns 40 today"]),
    ]


def test_birthdays_look_ahead_across_the_new_year(config):
    travel_to_day(pendulum.date(2026, 12, 28))
    add("Jan Newyear", birthday="01-02")
    add("Dec Past", birthday="12-27")

    assert summary(contact_items(config)) == [
        ("Jan Newyear", pendulum.date(2027, 1, 2), 0, ["birthday on Sat 2 Jan 2027"]),
    ]


# --- follow-ups -------------------------------------------------------------------------


def test_due_and_overdue_follow_ups_show_what_was_promised(config):
    late = add("Fay Late")
    touch(late, 10, follow_up_on=TODAY.subtract(days=3), follow_up_note="send the article")
    today = add("Tom Today")
    touch(today, 2, follow_up_on=TODAY, follow_up_note="call back about the lease")
    touch(add("Fred Future"), 2, follow_up_on=TODAY.add(days=1), follow_up_note="not yet")

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Fay Late", TODAY.subtract(days=3), 3, ["follow-up 3 days overdue: send the article"]),
        ("Tom Today", TODAY, 0, ["follow-up due today: call back about the lease"]),
    ]
    assert [item.reasons[0].kind for item in items] == ["follow_up", "follow_up"]
    assert [item.score for item in items] == [1030, 1000]
    assert [item.follow_up_ids for item in items] == [
        tuple(follow_up_ids(late)), tuple(follow_up_ids(today)),
    ]


def test_a_done_follow_up_disappears(config):
    cid = add("Dora Done")
    touch(cid, 5, follow_up_on=TODAY.subtract(days=1), follow_up_note="send the deck")
    [follow_up_id] = follow_up_ids(cid)
    assert summary(queue.due_queue(config)) == [
        ("Dora Done", TODAY.subtract(days=1), 1, ["follow-up 1 day overdue: send the deck"]),
    ]

    actions.complete_follow_up(follow_up_id)

    assert queue.due_queue(config) == []
    assert queries.follow_up(follow_up_id).done_at == NOW
    with pytest.raises(actions.InvalidInput, match="already done"):
        actions.complete_follow_up(follow_up_id)


def test_logging_a_touch_settles_the_follow_ups_due_by_then_and_takes_the_item_off(config):
    cid = add("Lena Later")
    touch(cid, 10, follow_up_on=TODAY.subtract(days=1), follow_up_note="send the deck")
    touch(cid, 9, follow_up_on=TODAY.add(days=3), follow_up_note="book lunch")
    assert [item.contact for item in queue.due_queue(config)] == ["Lena Later"]

    touch(cid, 0, channel="email", note="sent it")

    assert queue.due_queue(config) == []
    assert [f.what for f in queries.follow_ups(contact_id=cid)] == ["book lunch"]


def test_every_due_follow_up_of_a_contact_is_carried_on_its_one_item(config):
    cid = add("Finn Two")
    touch(cid, 9, follow_up_on=TODAY.subtract(days=2), follow_up_note="intro to Ann")
    touch(cid, 3, follow_up_on=TODAY, follow_up_note="book lunch")

    [item] = queue.due_queue(config)

    assert item.contact_id == cid
    assert item.follow_up_ids == tuple(follow_up_ids(cid))
    assert len(item.follow_up_ids) == 2
    assert [reason_text(r, TODAY) for r in item.reasons] == [
        "follow-up 2 days overdue: intro to Ann", "follow-up due today: book lunch",
    ]
    assert item.score == 1020 + 10


# --- favours ----------------------------------------------------------------------------


def test_an_open_favour_i_offered_shows_once_it_is_due(config):
    cid = add("Owen Owed")
    Favour.create(contact=cid, direction="offered", kind="introduction", what="to Ann at Acme",
                  due_on=TODAY.subtract(days=2))
    undated = add("Una Undated")
    Favour.create(contact=undated, direction="offered", kind="CV feedback")
    vague = add("Val Vague")
    Favour.create(contact=vague, direction="offered", due_on=TODAY)
    # None of these is a promise of mine still due:
    other = add("Nora Nothing")
    Favour.create(contact=other, direction="offered", what="delivered", status="delivered",
                  due_on=TODAY.subtract(days=5))
    Favour.create(contact=other, direction="offered", what="declined", status="declined",
                  due_on=TODAY.subtract(days=5))
    Favour.create(contact=other, direction="asked", what="asked of them",
                  due_on=TODAY.subtract(days=5))
    Favour.create(contact=other, direction="offered", what="later", due_on=TODAY.add(days=1))

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Owen Owed", TODAY.subtract(days=2), 2,
         ["you offered 2 days overdue: introduction - to Ann at Acme"]),
        ("Una Undated", TODAY, 0, ["you offered due today: CV feedback"]),
        ("Val Vague", TODAY, 0, ["you offered due today: a favour"]),
    ]
    assert {r.kind for item in items for r in item.reasons} == {"favour"}


def test_a_delivered_favour_does_not_show(config):
    cid = add("Dee Delivered")
    favour = Favour.create(contact=cid, direction="offered", what="send the report",
                           due_on=TODAY.subtract(days=1))
    assert len(queue.due_queue(config)) == 1

    Favour.update(status="delivered", resolved_at=NOW).where(Favour.id == favour.id).execute()

    assert queue.due_queue(config) == []


# --- life events ------------------------------------------------------------------------


def test_a_recent_unacknowledged_life_event_asks_for_congratulations(config):
    cid = add("Carla Congrats")
    LifeEvent.create(contact=cid, kind="new_job", text="CTO at Acme", on=TODAY.subtract(days=3))
    edge = add("Ellie Sixty")
    LifeEvent.create(contact=edge, kind="baby", on=TODAY.subtract(days=60))
    LifeEvent.create(contact=add("Oscar Old"), kind="wedding", on=TODAY.subtract(days=61))
    LifeEvent.create(contact=add("Fiona Future"), kind="move", on=TODAY.add(days=2))

    items = queue.due_queue(config)

    assert summary(items) == [
        ("Ellie Sixty", TODAY.subtract(days=60), 60, ["congratulate: baby (60 days ago)"]),
        ("Carla Congrats", TODAY.subtract(days=3), 3,
         ["congratulate: new job: CTO at Acme (3 days ago)"]),
    ]
    assert [item.score for item in items] == [600 + 5 * 30, 600 + 5 * 3]
    assert {r.kind for item in items for r in item.reasons} == {"life_event"}


def test_logging_a_touch_acknowledges_a_life_event(config):
    cid = add("Pat Promoted")
    event = LifeEvent.create(contact=cid, kind="promotion", text="partner", on=TODAY.subtract(days=3))

    touch(cid, 5)  # before the news: acknowledges nothing
    assert summary(queue.due_queue(config)) == [
        ("Pat Promoted", TODAY.subtract(days=3), 3, ["congratulate: promotion: partner (3 days ago)"]),
    ]

    at = days_ago(1)
    actions.log_touch([cid], at=at, channel="email", note="congratulations!")

    assert queue.due_queue(config) == []
    assert LifeEvent.get_by_id(event.id).acknowledged_at == at


# --- regroup ----------------------------------------------------------------------------


def test_a_regroup_review_is_due_two_months_after_the_garden_started(config):
    travel_to_day(TODAY.add(days=59))
    assert queue.due_queue(config) == []

    travel_to_day(TODAY.add(days=61))
    [item] = queue.due_queue(config)

    assert item.contact_id is None
    assert item.contact is None
    assert item.due_on == TODAY.add(days=60)
    assert item.overdue_days == 1
    assert [(r.kind, reason_text(r, TODAY)) for r in item.reasons] == [
        ("regroup", "regroup your circles (not done since you started)"),
    ]
    assert item.score == 300


def test_a_recent_regroup_puts_the_next_one_off(config):
    writes.set_setting(queue.REGROUP_KEY, TODAY.add(days=50).isoformat())
    travel_to_day(TODAY.add(days=61))
    assert queue.due_queue(config) == []

    travel_to_day(TODAY.add(days=110))
    assert summary(queue.due_queue(config)) == [
        (None, TODAY.add(days=110), 0, ["regroup your circles (last done 60 days ago)"]),
    ]


# --- ranking ----------------------------------------------------------------------------


def test_a_follow_up_ranks_above_a_birthday_above_any_cadence(config):
    cadence = add("Bill Cadence", circle="Clients", added_days_ago=1000)
    touch(cadence, 900)  # as overdue as it gets
    add("Cal Birthday", birthday="11-23")
    follow_up = add("Dan Promise")
    touch(follow_up, 1, follow_up_on=TODAY, follow_up_note="send the contract")

    items = queue.due_queue(config)

    assert [item.contact for item in items] == ["Dan Promise", "Cal Birthday", "Bill Cadence"]
    assert [item.reasons[0].kind for item in items] == ["follow_up", "birthday", "cadence"]
    assert [item.score for item in items] == [1000, 900, 800]
    assert items[2].overdue_days == 870


def test_an_overdue_client_outranks_an_equally_overdue_friend(config):
    friend = old_friend("Aaron Friend", circle="Friends")
    touch(friend, 70)  # 60-day cadence: 10 days overdue
    client = old_friend("Zara Client", circle="Clients")
    touch(client, 40)  # 30-day cadence: 10 days overdue

    items = queue.due_queue(config)

    assert [(item.contact_id, item.overdue_days, item.score) for item in items] == [
        (client, 10, 11 * 5),
        (friend, 10, 11 * 3),
    ]


def test_several_reasons_for_one_contact_make_one_item_with_all_of_them(config):
    cid = old_friend("Mia Many", circle="Clients", birthday="11-25")
    touch(cid, 45, follow_up_on=TODAY.subtract(days=1), follow_up_note="send slides")

    items = queue.due_queue(config)

    assert len(items) == 1
    [item] = items
    assert item.contact_id == cid
    assert [(r.kind, reason_text(r, TODAY), r.due_on) for r in item.reasons] == [
        ("follow_up", "follow-up 1 day overdue: send slides", TODAY.subtract(days=1)),
        ("birthday", "birthday on Wed 25 Nov", pendulum.date(2026, 11, 25)),
        ("cadence", "last in touch 45 days ago (every 30 days)", TODAY.subtract(days=15)),
    ]
    assert item.due_on == TODAY.subtract(days=15)  # the earliest reason
    assert item.overdue_days == 15
    assert item.score == 1010 + 2 * 10
    assert item.follow_up_ids == tuple(follow_up_ids(cid))


def test_a_new_contact_ranks_below_a_long_standing_one_equally_overdue(config):
    new = add("Aaron New", added_days_ago=70)  # never touched: due 10 days ago
    old = old_friend("Zed Old")
    touch(old, 70)

    items = queue.due_queue(config)

    assert [(item.contact_id, item.overdue_days, item.score) for item in items] == [
        (old, 10, 11),
        (new, 10, 5.5),
    ]


def test_archived_contacts_never_appear(config):
    cid = old_friend("Archie Gone", circle="Clients", birthday="11-23")
    touch(cid, 100, follow_up_on=TODAY.subtract(days=1), follow_up_note="call")
    Favour.create(contact=cid, direction="offered", what="an intro", due_on=TODAY)
    LifeEvent.create(contact=cid, kind="award", on=TODAY.subtract(days=1))
    assert [item.contact_id for item in queue.due_queue(config)] == [cid]

    actions.archive(cid)

    assert queue.due_queue(config) == []


# --- the top of a long queue ------------------------------------------------------------

def test_a_limited_queue_is_the_head_of_the_full_one_and_the_count_is_all(config):
    friends = [old_friend(f"Friend {n}", circle="Friends") for n in range(6)]
    for n, cid in enumerate(friends):
        touch(cid, 61 + 5 * n)  # overdue by 1, 6, 11... days
    client = old_friend("Cleo Client", circle="Clients", birthday="11-25")
    touch(client, 31)  # overdue by 1 day, and a birthday in two days
    promised = old_friend("Pia Promise")
    touch(promised, 3, follow_up_on=TODAY, follow_up_note="send the deck")

    everything = queue.due_queue(config)
    assert len(everything) == 8

    for limit in (1, 2, 3, 5, 8, 20):
        assert queue.due_queue(config, limit=limit) == everything[:limit]
    assert queue.due_today(config, limit=2).total == 8
    # The client is in the queue for her birthday and keeps her cadence reason at any limit.
    [cleo] = [item for item in queue.due_queue(config, limit=2) if item.contact == "Cleo Client"]
    assert [reason.kind for reason in cleo.reasons] == ["birthday", "cadence"]


def test_equals_go_by_name_whatever_its_case_and_a_limit_among_them_keeps_the_first(config):
    for name in ("Cy Three", "ab One", "Di Four", "Bo Two"):
        touch(old_friend(name), 61)  # all overdue by 1 day, on the same day
    names = ["ab One", "Bo Two", "Cy Three", "Di Four"]
    assert [item.contact for item in queue.due_queue(config)] == names
    for limit in (1, 2, 3):
        assert [item.contact for item in queue.due_queue(config, limit=limit)] == names[:limit]
    assert queue.due_today(config, limit=1).total == 4
