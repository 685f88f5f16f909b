"""What to say first: one concrete, friendly opening line for a contact.

Built only from what the garden knows, most pressing first:

1. a birthday in the queue: "Wish Ann a happy 40th birthday on Fri 27 Nov"
2. a life event in the queue: "Congratulate Ann on the new job"
3. a favour you offered, due by today: "Deliver what you offered: the intro to Sam"
4. a follow-up due by today: "Follow up: send the deck"
5. an opening gambit: a child ("Ask how Emma (11) is doing"), an interest ("Ask about
   Ajax"), a health note ("Ask how the knee is")
6. the last note: "It's been a while — last time you talked about: the merger"
7. else: "Ask what Ann is working on these days"

Favours and follow-ups are read from the card (their words are there, untouched); birthdays
and life events only from the queue's reasons, as the card holds no events and a birthday
far away is no reason to mention it. Deterministic: the same garden gives the same line.
"""

import re
from collections.abc import Sequence

import pendulum

from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.queue_items import QueueItem, Reason
from netgarden_tui.store.records import ContactCard, FactRecord, InteractionRecord

NOTE_MAX_CHARS = 80

EVENT_PHRASES = {
    "new job": "the new job", "promotion": "the promotion", "move": "the move",
    "baby": "the baby", "wedding": "the wedding", "award": "the award",
}
# queue.life_event_words writes "congratulate: new job: Started at Acme (3 days ago)".
_LIFE_EVENT_TEXT = re.compile(r"congratulate: (?P<label>[^:]+?)(?:: (?P<detail>.*))? \([^()]*\)")
# Words that open a child fact ("Daughter Lena") or an interest ("Supports Ajax") but are
# not what you would ask about.
_CHILD_WORDS = {"daughter", "son", "child", "kid", "baby"}
_LIKING_WORDS = {"supports", "follows", "loves", "likes", "enjoys", "plays", "collects", "bakes",
                 "into"}
_AILING_WORDS = {"bad", "sore", "broken", "injured", "twisted", "torn", "stiff"}


def opening_line(card: ContactCard, reasons: Sequence[Reason],
                 last_touches: Sequence[InteractionRecord], today: pendulum.Date) -> str:
    """One suggestion of what to say to this contact today (see the module doc)."""
    name = first_name(card)
    kinds = {reason.kind: reason for reason in reasons}
    if "birthday" in kinds:
        return _birthday_line(name, card, kinds["birthday"], today)
    if "life_event" in kinds:
        return _life_event_line(name, kinds["life_event"])
    if favour := _due_offered_favour(card, today):
        return f"Deliver what you offered: {favour}"
    if follow_up := _due_follow_up(card, today):
        return f"Follow up: {follow_up}"
    if gambit := _gambit_line(name, card.facts, today):
        return gambit
    if note := _last_note(last_touches):
        return f"It's been a while — last time you talked about: {note}"
    return f"Ask what {name} is working on these days"


def suggestion(item: QueueItem, last_note: str | None, unthanked: tuple[str, str] | None,
               today: pendulum.Date) -> str:
    """One concrete reason to reach out for a Due item, from its reasons and two things
    the queue reads for the items shown (seeds 002, 004), most pressing first: birthday
    wishes, congratulations, a favour you promised, how an introduction went, another
    promise, thanks for a favour, letting go, a call instead of messages, "it's been a
    while" with the last topic."""
    name = (item.contact or "").split(" ")[0]
    kinds: dict[str, Reason] = {}
    for reason in item.reasons:
        kinds.setdefault(reason.kind, reason)
    if "birthday" in kinds:
        return _birthday_wishes(name, kinds["birthday"], today)
    if "life_event" in kinds:
        return _life_event_line(name, kinds["life_event"])
    if "favour" in kinds:
        return f"Deliver what you offered: {_promised(kinds['favour'])}"
    if "follow_up" in kinds:
        what = _promised(kinds["follow_up"])
        if what.startswith("ask how the introduction"):
            return what[0].upper() + what[1:]
        return f"Follow up: {what}"
    if unthanked is not None:
        kind, what = unthanked
        return f"Thank {name} for the {what or kind}"
    if "one_sided" in kinds:
        return "Let go? Lower the cadence, archive, or try once more"
    if "online_only" in kinds:
        return f"Suggest a call or a coffee: it has only been messages with {name} lately"
    if last_note:
        return f"It's been a while — last time you talked about: {_shortened(last_note)}"
    return f"Ask what {name} is working on these days"


def _promised(reason: Reason) -> str:
    """What a promise reason is about: "follow-up due today: send the deck" -> "send the deck"."""
    return reason.text.split(": ", 1)[-1]


_TURNS = re.compile(r"turns (?P<age>\d+)")


def _birthday_wishes(name: str, reason: Reason, today: pendulum.Date) -> str:
    turns = _TURNS.match(reason.text)  # queue words: "turns 40 on Fri 27 Nov"
    age = f"{ordinal(int(turns['age']))} " if turns else ""
    when = "today" if reason.due_on == today else f"on {short_date(reason.due_on, today=today)}"
    return f"Wish {name} a happy {age}birthday {when}"


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


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _birthday_line(name: str, card: ContactCard, reason: Reason, today: pendulum.Date) -> str:
    day = reason.due_on
    year = card.birthday.year if card.birthday else None
    age = f"{ordinal(day.year - year)} " if year else ""
    when = "today" if day == today else f"on {short_date(day, today=today)}"
    return f"Wish {name} a happy {age}birthday {when}"


def _life_event_line(name: str, reason: Reason) -> str:
    match = _LIFE_EVENT_TEXT.fullmatch(reason.text)
    if match is None:
        return f"Congratulate {name}"
    phrase = EVENT_PHRASES.get(match["label"])
    if phrase:
        return f"Congratulate {name} on {phrase}"
    return f"Congratulate {name}: {match['detail'] or match['label']}"


def _due_offered_favour(card: ContactCard, today: pendulum.Date) -> str | None:
    due = [favour for favour in card.favours  # the card holds open favours only
           if favour.direction == "offered" and (favour.due_on is None or favour.due_on <= today)]
    due.sort(key=lambda favour: (favour.due_on or today, favour.id))
    return (due[0].what or due[0].kind or "the favour") if due else None


def _due_follow_up(card: ContactCard, today: pendulum.Date) -> str | None:
    due = sorted((f for f in card.follow_ups if f.due_on <= today),  # open ones only
                 key=lambda f: (f.due_on, f.id))
    return (due[0].what or "what you promised") if due else None


def _gambit_line(name: str, facts: Sequence[FactRecord], today: pendulum.Date) -> str | None:
    """The first child (those with a known year first), else interest, else health note."""
    children = sorted((f for f in facts if f.kind == "child"), key=lambda f: (f.year is None, f.id))
    if children:
        return _child_line(children[0], today)
    if interest := _first_of_kind(facts, "interest"):
        return _interest_line(interest)
    if health := _first_of_kind(facts, "health"):
        return _health_line(name, health)
    return None


def _first_of_kind(facts: Sequence[FactRecord], kind: str) -> FactRecord | None:
    return next((fact for fact in facts if fact.kind == kind), None)


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


def _health_line(name: str, fact: FactRecord) -> str:
    """"Bad knee (skiing)" asks after the knee; anything else asks how they are keeping."""
    words = _clause(fact.text).split("(")[0].split()
    if len(words) > 1 and words[0].lower() in _AILING_WORDS:
        return f"Ask how the {' '.join(words[1:])} is"
    return f"Ask how {name} is keeping ({fact.text})"


def _clause(text: str) -> str:
    """The part before the first comma: "Daughter Yui, learning violin" -> "Daughter Yui"."""
    return text.split(",")[0].strip()


def _last_note(touches: Sequence[InteractionRecord]) -> str | None:
    """The first line of the newest note (touches come newest first), shortened."""
    for touch in touches:
        if touch.note.strip():
            return _shortened(touch.note)
    return None


def _shortened(note: str) -> str:
    """A note's first line, at most NOTE_MAX_CHARS long."""
    line = next(line.strip() for line in note.splitlines() if line.strip())
    return line if len(line) <= NOTE_MAX_CHARS else line[:NOTE_MAX_CHARS - 1] + "…"
