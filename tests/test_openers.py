"""The opening line: what to say first, from what the garden knows, most pressing first.

Table-driven over plain records: the queue's reasons are records of facts, so the
opener never reads the queue's sentences.
"""

import pendulum
import pytest

from netgarden_tui.garden.openers import fact_words, opening_line
from netgarden_tui.garden.queue_items import BirthdayComing, CadenceDue, LifeEventNews
from netgarden_tui.garden.reason_words import ordinal
from netgarden_tui.store.records import (
    Birthday, ContactCard, FactRecord, FavourRecord, FollowUpRecord, InteractionRecord,
)

TODAY = pendulum.date(2026, 11, 23)  # a Monday
NOW = pendulum.datetime(2026, 11, 23, 9, tz="UTC")

ANN = ContactCard(
    id=1, display_name="Ann Example", given_name="Ann", family_name="Example", nickname="",
    company="Acme", role="CTO", met_where="", met_on=None, introduced_by=None, birthday=None,
    notes="", archived=False, circle="clients", cadence_days=30, own_cadence_days=None,
    snoozed_until=None, last_touch_at=None, next_due=TODAY, created_at=NOW.subtract(years=2),
)


def card(**changes) -> ContactCard:
    return ANN._replace(**changes)


def fact(kind: str, text: str, year: int | None = None, fact_id: int = 1) -> FactRecord:
    return FactRecord(fact_id, kind, text, year)


def follow_up(what: str, due_on: pendulum.Date, follow_up_id: int = 1) -> FollowUpRecord:
    return FollowUpRecord(follow_up_id, 1, "Ann Example", due_on, what, None)


def favour(what: str, *, direction: str = "offered", due_on=None, kind: str = "") -> FavourRecord:
    return FavourRecord(1, 1, "Ann Example", direction, kind, what, "open", due_on, NOW)


def touch(note: str, days_ago: int = 3) -> InteractionRecord:
    return InteractionRecord(days_ago, NOW.subtract(days=days_ago), "call", "mutual", note,
                             False, None)


BIRTHDAY_FRI = BirthdayComing(pendulum.date(2026, 11, 27), 500, born_in=1986)
BIRTHDAY_TODAY = BirthdayComing(TODAY, 900, born_in=None)


def life_event(kind: str, text: str, days_ago: int) -> LifeEventNews:
    return LifeEventNews(TODAY.subtract(days=days_ago), 600 + 5 * days_ago, life_event_id=1,
                         event_kind=kind, what=text, days_ago=days_ago)


NEW_JOB = life_event("new_job", "Started at Globex", 3)
OTHER_EVENT = life_event("other", "Ran her first marathon", 1)
CADENCE = CadenceDue(TODAY, 10, every_days=30, days_since_touch=40, days_since_added=700)

CASES = [
    # (what is known, expected line)
    ("birthday with a year", card(birthday=Birthday(11, 27, 1986)), [BIRTHDAY_FRI], [],
     "Wish Ann a happy 40th birthday on Fri 27 Nov"),
    ("birthday today, no year", card(birthday=Birthday(11, 23, None)), [BIRTHDAY_TODAY], [],
     "Wish Ann a happy birthday today"),
    ("the nickname is what you call them", card(nickname="Annie", birthday=Birthday(11, 23, None)),
     [BIRTHDAY_TODAY], [], "Wish Annie a happy birthday today"),
    ("birthday beats a life event", card(birthday=Birthday(11, 27, 1986)), [NEW_JOB, BIRTHDAY_FRI],
     [], "Wish Ann a happy 40th birthday on Fri 27 Nov"),
    ("life event", card(), [CADENCE, NEW_JOB], [], "Congratulate Ann on the new job"),
    ("other life event uses its words", card(), [OTHER_EVENT], [],
     "Congratulate Ann: Ran her first marathon"),
    ("a favour you offered", card(favours=(favour("the intro to Sam", due_on=TODAY),)), [CADENCE],
     [], "Deliver what you offered: the intro to Sam"),
    ("a favour you offered with no date", card(favours=(favour("the intro to Sam"),)), [], [],
     "Deliver what you offered: the intro to Sam"),
    ("a favour offered for later waits", card(favours=(favour("the intro", due_on=TODAY.add(days=5)),),
                                              facts=(fact("interest", "the Arsenal season"),)),
     [], [], "Ask about the Arsenal season"),
    ("a favour you asked is not yours to deliver",
     card(favours=(favour("a reference", direction="asked"),)), [], [touch("Talked pricing")],
     "It's been a while — last time you talked about: Talked pricing"),
    ("favour beats follow-up", card(favours=(favour("the intro to Sam"),),
                                    follow_ups=(follow_up("send the deck", TODAY),)), [], [],
     "Deliver what you offered: the intro to Sam"),
    ("a follow-up due", card(follow_ups=(follow_up("send the deck", TODAY.subtract(days=2)),)), [],
     [], "Follow up: send the deck"),
    ("the oldest follow-up first", card(follow_ups=(follow_up("book lunch", TODAY, 2),
                                                    follow_up("send the deck", TODAY.subtract(days=9), 3))),
     [], [], "Follow up: send the deck"),
    ("a follow-up not yet due waits", card(follow_ups=(follow_up("send the deck", TODAY.add(days=1)),),
                                           facts=(fact("child", "Emma", 2015),)),
     [], [], "Ask how Emma (11) is doing"),
    ("a child with a year", card(facts=(fact("interest", "Supports Ajax", fact_id=1),
                                        fact("child", "Daughter Lena", 2015, fact_id=2))), [], [],
     "Ask how Lena (11) is doing"),
    ("a child with a year beats one without", card(facts=(fact("child", "Son Mateo", fact_id=1),
                                                          fact("child", "Daughter Yui, learning violin", 2018, fact_id=2))),
     [], [], "Ask how Yui (8) is doing"),
    ("a child without a year", card(facts=(fact("child", "Son Mateo"),)), [], [],
     "Ask how Mateo is doing"),
    ("a baby born this year", card(facts=(fact("child", "Noah", 2026),)), [], [],
     "Ask how baby Noah is doing"),
    ("an interest", card(facts=(fact("interest", "the Arsenal season"),)), [], [],
     "Ask about the Arsenal season"),
    ("an interest after a liking word", card(facts=(fact("interest", "Supports Ajax"),)), [], [],
     "Ask about Ajax"),
    ("an interest after a label", card(facts=(fact("interest", "Favourite restaurant: Dishoom"),)),
     [], [], "Ask about Dishoom"),
    ("a health note is never an opener", card(facts=(fact("health", "Bad knee", fact_id=1),
                                                     fact("interest", "Sails on weekends", fact_id=2))),
     [], [], "Ask about Sails on weekends"),
    ("a health note alone is no opener either", card(facts=(fact("health", "Doesn't drink"),)),
     [], [touch("Caught up about the merger.")],
     "It's been a while — last time you talked about: Caught up about the merger."),
    ("a pet alone is not a gambit", card(facts=(fact("pet", "Dog called Biscuit"),)),
     [], [touch("Caught up about the merger.\nThen family news.")],
     "It's been a while — last time you talked about: Caught up about the merger."),
    ("the newest touch with a note", card(), [CADENCE], [touch("", 1), touch("  \nBoard seat", 5)],
     "It's been a while — last time you talked about: Board seat"),
    ("a long note is shortened", card(), [], [touch("x" * 100)],
     "It's been a while — last time you talked about: " + "x" * 79 + "…"),
    ("nothing known", card(), [CADENCE], [touch("")], "Ask what Ann is working on these days"),
    ("no given name", card(given_name=""), [], [], "Ask what Ann Example is working on these days"),
    ("user text stays as typed", card(display_name="[bold]Evil[/] [red", given_name="[bold]Evil[/]",
                                      follow_ups=(follow_up("[/]", TODAY),)), [], [],
     "Follow up: [/]"),
]


@pytest.mark.parametrize(("known", "reasons", "touches", "expected"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_opening_line(known, reasons, touches, expected):
    assert opening_line(known, reasons, touches, TODAY) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                             (11, "11th"), (12, "12th"), (13, "13th"),
                                             (21, "21st"), (40, "40th"), (102, "102nd")])
def test_ordinal(n, expected):
    assert ordinal(n) == expected


@pytest.mark.parametrize(("known", "expected"), [
    (fact("child", "Emma", 2015), "Emma (11)"),
    (fact("child", "Emma"), "Emma"),
    (fact("interest", "Supports Ajax", 2015), "Supports Ajax"),
])
def test_fact_words_give_a_childs_age(known, expected):
    assert fact_words(known, TODAY) == expected
