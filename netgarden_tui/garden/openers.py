"""What to say first: one concrete, friendly opening line for a contact.

Built only from what the garden knows, most pressing first:

1. a birthday in the queue: "Wish Ann a happy 40th birthday on Fri 27 Nov"
2. a life event in the queue: "Congratulate Ann on the new job"
3. a favour you offered, due by today: "Deliver what you offered: the intro to Sam"
4. a follow-up due by today: "Follow up: send the deck"
5. an opening gambit: a child ("Ask how Emma (11) is doing"), an interest ("Ask about
   Ajax"). A health note is never an opener: the card shows it as a caution.
6. the last note: "It's been a while — last time you talked about: the merger"
7. else: "Ask what Ann is working on these days"

Favours and follow-ups are read from the card (their words are there, untouched); birthdays
and life events only from the queue's reasons, as the card holds no events and a birthday
far away is no reason to mention it. Deterministic: the same garden gives the same line.
"""

from collections.abc import Sequence

import pendulum

from netgarden_tui.garden.queue_items import Reason
from netgarden_tui.garden.reason_words import birthday_wishes, congratulations, shortened
from netgarden_tui.store.records import ContactCard, FactRecord, InteractionRecord

# Words that open a child fact ("Daughter Lena") or an interest ("Supports Ajax") but are
# not what you would ask about.
_CHILD_WORDS = {"daughter", "son", "child", "kid", "baby"}
_LIKING_WORDS = {"supports", "follows", "loves", "likes", "enjoys", "plays", "collects", "bakes",
                 "into"}
CAUTION_KINDS = ("health",)  # known, kept in mind, never an opener


def opening_line(card: ContactCard, reasons: Sequence[Reason],
                 last_touches: Sequence[InteractionRecord], today: pendulum.Date) -> str:
    """One suggestion of what to say to this contact today (see the module doc)."""
    name = first_name(card)
    kinds: dict[str, Reason] = {}
    for reason in reasons:
        kinds.setdefault(reason.kind, reason)  # the most pressing of each kind
    if "birthday" in kinds:
        return birthday_wishes(name, kinds["birthday"], today)
    if "life_event" in kinds:
        return congratulations(name, kinds["life_event"])
    if favour := _due_offered_favour(card, today):
        return f"Deliver what you offered: {favour}"
    if follow_up := _due_follow_up(card, today):
        return f"Follow up: {follow_up}"
    if gambit := _gambit_line(card.facts, today):
        return gambit
    if note := _last_note(last_touches):
        return f"It's been a while — last time you talked about: {note}"
    return f"Ask what {name} is working on these days"


def first_name(card: ContactCard) -> str:
    """What you call them: the nickname, else the given name, else the whole name."""
    return card.nickname or card.given_name or card.display_name


def child_age(fact: FactRecord, today: pendulum.Date) -> int | None:
    """A child's age this year, from the year they were born (None when not known)."""
    return None if fact.year is None else max(0, today.year - fact.year)


def fact_words(fact: FactRecord, today: pendulum.Date) -> str:
    """A fact as shown on the card: a child with a known year gets their age, "Emma (11)"."""
    age = child_age(fact, today) if fact.kind == "child" else None
    return fact.text if age is None else f"{fact.text} ({age})"


def _due_offered_favour(card: ContactCard, today: pendulum.Date) -> str | None:
    due = [favour for favour in card.favours  # the card holds open favours only
           if favour.direction == "offered" and (favour.due_on is None or favour.due_on <= today)]
    due.sort(key=lambda favour: (favour.due_on or today, favour.id))
    return (due[0].what or due[0].kind or "the favour") if due else None


def _due_follow_up(card: ContactCard, today: pendulum.Date) -> str | None:
    due = sorted((f for f in card.follow_ups if f.due_on <= today),  # open ones only
                 key=lambda f: (f.due_on, f.id))
    return (due[0].what or "what you promised") if due else None


def _gambit_line(facts: Sequence[FactRecord], today: pendulum.Date) -> str | None:
    """The first child (those with a known year first), else the first interest."""
    children = sorted((f for f in facts if f.kind == "child"), key=lambda f: (f.year is None, f.id))
    if children:
        return _child_line(children[0], today)
    interest = next((fact for fact in facts if fact.kind == "interest"), None)
    return _interest_line(interest) if interest else None


def gambits(facts: Sequence[FactRecord]) -> list[FactRecord]:
    """The facts to open a conversation with: all but the cautions."""
    return [fact for fact in facts if fact.kind not in CAUTION_KINDS]


def cautions(facts: Sequence[FactRecord]) -> list[FactRecord]:
    """The facts to keep in mind but never to bring up first: health notes."""
    return [fact for fact in facts if fact.kind in CAUTION_KINDS]


def _child_line(fact: FactRecord, today: pendulum.Date) -> str:
    words = _clause(fact.text).split()
    if len(words) > 1 and words[0].lower() in _CHILD_WORDS:
        words = words[1:]
    child = " ".join(words) or fact.text
    age = child_age(fact, today)
    if age == 0:
        return f"Ask how baby {child} is doing"
    return f"Ask how {child}{'' if age is None else f' ({age})'} is doing"


def _interest_line(fact: FactRecord) -> str:
    text = fact.text.partition(":")[2].strip() or fact.text  # "Favourite restaurant: Dishoom"
    words = text.split()
    if len(words) > 1 and words[0].lower() in _LIKING_WORDS:
        words = words[1:]
    return f"Ask about {' '.join(words)}"


def _clause(text: str) -> str:
    """The part before the first comma: "Daughter Yui, learning violin" -> "Daughter Yui"."""
    return text.split(",")[0].strip()


def _last_note(touches: Sequence[InteractionRecord]) -> str | None:
    """The first line of the newest note (touches come newest first), shortened."""
    for touch in touches:
        if touch.note.strip():
            return shortened(touch.note)
    return None
