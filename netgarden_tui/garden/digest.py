"""The morning's digest: the queue in a few lines a person reads in a mail or a
notification (``netgarden digest``): how many are due, the first few with their one
suggestion each, the birthdays of the week ahead and the meetings to come. The words are
the queue's (reason_words); cli/digest.py sets them as text, markdown or a notification.

The birthdays are the queue's own (store/due.py's birthday reasons, looking a week ahead
whatever the config's look-ahead), so a snoozed or archived contact's is left out, as it
is in Due.
"""

import dataclasses
from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.config import Config
from netgarden_tui.garden import queue
from netgarden_tui.garden.display import REGROUP_NAME
from netgarden_tui.garden.queue_items import BirthdayComing, MeetingComing
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.store import due, queries

FIRST_SHOWN = 10  # items of the queue in a digest, and birthdays, and meetings
DAYS_AHEAD = 7  # birthdays and meetings from today to the sixth day after it


class Line(NamedTuple):
    who: str  # a contact, some contacts, or the regroup review
    what: str  # why, or what: the reason in words
    then: str = ""  # the one suggestion, if there is one to make


class Digest(NamedTuple):
    day: pendulum.Date
    total: int  # items in the whole queue
    first: list[Line]  # its best FIRST_SHOWN
    birthdays: list[Line]  # the week's, soonest first: all of them
    meetings: list[Line]  # from now to the end of the week, soonest first: all of them


def morning_digest(config: Config, *, today: pendulum.Date | None = None) -> Digest:
    today = today or clock.today()
    due_today = queue.due_today(config, today=today, limit=FIRST_SHOWN)
    first = [Line(item.contact or REGROUP_NAME, reason_text(item.reasons[0], today),
                  item.suggestion) for item in due_today.items]
    return Digest(today, due_today.total, first, _birthdays(config, today), _meetings(today))


def _birthdays(config: Config, today: pendulum.Date) -> list[Line]:
    from netgarden_tui.store.capture import contact_names  # not at every command's start

    week = dataclasses.replace(config, birthday_lookahead_days=DAYS_AHEAD - 1)
    rows = due.reasons(queue.due_rules(week, today), None, kinds=("birthday",))["birthday"]
    names = contact_names(row.contact_id for row in rows)
    birthdays = sorted(((BirthdayComing(due_on=row.due_on, score=row.points, **row.facts),
                         names[row.contact_id]) for row in rows),
                       key=lambda birthday: (birthday[0].due_on, birthday[1]))
    return [Line(name, reason_text(reason, today)) for reason, name in birthdays]


def _meetings(today: pendulum.Date) -> list[Line]:
    start = pendulum.datetime(today.year, today.month, today.day, tz=clock.now().timezone)
    meetings = queries.meetings_between(max(start, clock.now()), start.add(days=DAYS_AHEAD))
    return [Line(", ".join(names), reason_text(MeetingComing(
                meeting.starts_at.date(), 0, meeting.starts_at, meeting.whole_day,
                meeting.channel, meeting.summary), today))
            for meeting, names in meetings]
