"""Be of assistance: what each person needs and can offer, in words, for the card, call
mode, the review and `netgarden need` (the rules are garden/tending.py's; who do I know
who... is garden/who.py)."""

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import local
from netgarden_tui.store.records import NeedRecord
from netgarden_tui.vocabulary import NEED_WORDS

MET_WORDS = {"you": "by you", "introduction": "through your introduction",
             "elsewhere": "without you"}


def need_line(need: NeedRecord) -> str:
    """ "needs: a designer for the new app" (plain text: user text inside)."""
    return f"{NEED_WORDS[need.kind]}: {need.text}"


def need_said(need: NeedRecord) -> str:
    """ "Ann Lee needs a designer for the new app" (plain text: user text inside)."""
    return f"{need.contact} {NEED_WORDS[need.kind]} {need.text}"


def since_words(need: NeedRecord, today: pendulum.Date | None = None) -> str:
    """ "since 3 Mar", or "met 1 Feb, through your introduction"."""
    today = today or clock.today()
    if need.met_at is None:
        return f"since {short_date(local(need.created_at).date(), today=today, weekday=False)}"
    met = short_date(local(need.met_at).date(), today=today, weekday=False)
    return f"met {met}, {MET_WORDS.get(need.met_by, need.met_by)}"


def card_rows(needs) -> list[tuple[str, str]]:
    """(label, text) rows for the card: "needs" / "offers", the open ones."""
    return [(NEED_WORDS[need.kind], need.text) for need in needs if need.met_at is None]
