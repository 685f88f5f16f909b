"""Every sentence about why someone is due, written from the queue's records
(garden/queue_items.py): a reason's line in the Due pane, the review and `netgarden due`,
and the one suggestion of what to reach out about.

Nothing here reads the garden: the records hold the facts, and ``today`` says how to name
a day ("today", "Fri 27 Nov").
"""

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import choice_words, meeting_kind, meeting_when
from netgarden_tui.garden.queue_items import (
    BirthdayComing, CadenceDue, FavourDue, FollowUpDue, IntroductionSuggested, LifeEventNews,
    MeetingComing, OneSided, OnlineOnly, QueueItem, Reason, RegroupDue,
)

NOTE_MAX_CHARS = 80  # a note's first line quoted in a suggestion, at most this long
# Congratulations on a life event, by its kind: "Congratulate Ann on the new job".
EVENT_PHRASES = {
    "new_job": "the new job", "promotion": "the promotion", "move": "the move",
    "baby": "the baby", "wedding": "the wedding", "award": "the award",
}
# Reasons whose line already says what to reach out about.
SAID_BY_THEIR_REASON = ("birthday", "life_event", "favour", "follow_up", "introduction")
REGROUP_SUGGESTION = "Walk through your circles: who to move, slow down or let go (R)"


def reason_text(reason: Reason, today: pendulum.Date) -> str:
    """The reason in a line: "follow-up 3 days overdue: send the deck"."""
    match reason:
        case CadenceDue():
            return _cadence_words(reason)
        case MeetingComing():
            when = meeting_when(reason.starts_at, reason.whole_day, today=today)
            summary = f": {reason.summary}" if reason.summary else ""
            return f"{meeting_kind(reason.channel)} {when}{summary}"
        case FollowUpDue():
            return _promise_words("follow-up", reason.what, reason.days_overdue)
        case FavourDue():
            return _promise_words("you offered", favour_words(reason), reason.days_overdue)
        case BirthdayComing():
            when = _day_words(reason.due_on, today)
            return f"turns {reason.age} {when}" if reason.age is not None else f"birthday {when}"
        case LifeEventNews():
            detail = f": {reason.what}" if reason.what else ""
            return (f"congratulate: {choice_words(reason.event_kind)}{detail} "
                    f"({_days_ago(reason.days_ago)})")
        case IntroductionSuggested():
            return introduction_question(reason)
        case OneSided():
            when = f" since {_since(reason.since, today)}" if reason.since else ""
            return f"{reason.unanswered} messages without reply{when} — let go?"
        case OnlineOnly():
            return f"only online since {_since(reason.since, today)} — suggest a call or coffee"
        case RegroupDue():
            if reason.last_done_days_ago is None:
                return "regroup your circles (not done since you started)"
            return f"regroup your circles (last done {_days_ago(reason.last_done_days_ago)})"
    raise TypeError(f"not a reason: {reason!r}")


def introduction_question(reason: IntroductionSuggested, needer: str | None = None) -> str:
    """ "looking for a designer; Bo Kim offers design reviews — introduce them?" (with
    ``needer``: "Ann Lee is looking for ...")."""
    who = f"{needer} is looking" if needer else "looking"
    other = (f"{reason.other} is tagged {reason.offer}" if reason.by_tag
             else f"{reason.other} offers {reason.offer}")
    return f"{who} for {reason.what}; {other} — introduce them?"


def introduction_lines(reason: IntroductionSuggested) -> tuple[str, str]:
    """The question in two lines, for a pane that does not wrap: what they look for, then
    who offers what."""
    first, _, second = introduction_question(reason).partition("; ")
    return f"{first};", second


def suggestion(item: QueueItem, last_note: str | None, unthanked: tuple[str, str] | None,
               today: pendulum.Date) -> str:
    """One concrete thing to reach out about that the item's reasons do not say already
    ("" when they say it all: a promise, a birthday or a life event is its own reason),
    from two things the queue reads for the items shown: thanks for a favour they did
    you, letting go, the regroup's key, "it's been a while" with the last topic."""
    name = (item.contact or "").split(" ")[0]
    if item.has("regroup"):
        return REGROUP_SUGGESTION
    if item.has("meeting"):  # what to pick up when you meet
        return f"Last time you talked about: {shortened(last_note)}" if last_note else ""
    if unthanked is not None:
        kind, what = unthanked
        return f"Thank {name} for the {what or kind}"
    if any(item.has(kind) for kind in SAID_BY_THEIR_REASON):
        return ""
    if item.has("one_sided"):
        return "Let go? Lower the cadence, archive, or try once more"
    if last_note:
        return f"It's been a while — last time you talked about: {shortened(last_note)}"
    return f"Ask what {name} is working on these days"


def birthday_wishes(name: str, birthday: BirthdayComing, today: pendulum.Date) -> str:
    """ "Wish Ann a happy 40th birthday on Fri 27 Nov"."""
    age = f"{ordinal(birthday.age)} " if birthday.age is not None else ""
    return f"Wish {name} a happy {age}birthday {_day_words(birthday.due_on, today)}"


def congratulations(name: str, event: LifeEventNews) -> str:
    """ "Congratulate Ann on the new job"; an event of another kind by its own words."""
    phrase = EVENT_PHRASES.get(event.event_kind)
    if phrase:
        return f"Congratulate {name} on {phrase}"
    return f"Congratulate {name}: {event.what or choice_words(event.event_kind)}"


def favour_words(favour: FavourDue) -> str:
    """What was offered: "introduction - to Sam", or its kind or its words alone."""
    return " - ".join(part for part in (favour.favour_kind, favour.what) if part) or "a favour"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shortened(note: str) -> str:
    """A note's first line, at most NOTE_MAX_CHARS long."""
    line = next(line.strip() for line in note.splitlines() if line.strip())
    return line if len(line) <= NOTE_MAX_CHARS else line[:NOTE_MAX_CHARS - 1] + "…"


def _cadence_words(reason: CadenceDue) -> str:
    every = f"(every {_days(reason.every_days)})"
    if reason.days_since_touch is None:
        return f"added {_days(reason.days_since_added)} ago, never in touch {every}"
    return f"last in touch {_days(reason.days_since_touch)} ago {every}"


def _promise_words(label: str, what: str, days_overdue: int) -> str:
    when = "due today" if days_overdue <= 0 else f"{_days(days_overdue)} overdue"
    return f"{label} {when}: {what}"


def _day_words(day: pendulum.Date, today: pendulum.Date) -> str:
    return "today" if day == today else f"on {short_date(day, today=today)}"


def _since(moment: pendulum.DateTime, today: pendulum.Date) -> str:
    """ "Tue 17 Nov" within the last four weeks, else "March" this year, "March 2025"."""
    day = moment.in_timezone(clock.now().timezone).date()
    if today.toordinal() - day.toordinal() < 28:
        return short_date(day, today=today)
    return day.format("MMMM") if day.year == today.year else day.format("MMMM YYYY")


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _days_ago(n: int) -> str:
    return {0: "today", 1: "yesterday"}.get(n, f"{n} days ago")
