"""Words and safe text for showing the garden, shared by the command line and the TUI."""

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.dates import describe_date, relative_day, short_date

HEALTH_SOON_DAYS = 7


def choice_words(choice: str) -> str:
    """A stored choice as words: ``no_answer`` → "no answer", ``new_job`` → "new job"."""
    return choice.replace("_", " ")


def _shown_as(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: U+2400 "␀" onwards
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return " "  # the line and paragraph separators


_CONTROLS = (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
_ONE_LINE = {code: _shown_as(code) for code in _CONTROLS}
_MULTILINE = {code: shown for code, shown in _ONE_LINE.items() if chr(code) not in "\n\t"}


def visible(text: str, *, multiline: bool = False) -> str:
    """User text made safe for a terminal: control characters shown, never obeyed.

    An escape byte becomes the symbol "␛" (U+241B), so a name holding a terminal escape
    sequence prints as the characters it is made of instead of recolouring the screen.
    """
    return text.translate(_MULTILINE if multiline else _ONE_LINE)


def local(moment: pendulum.DateTime) -> pendulum.DateTime:
    return moment.in_timezone(clock.now().timezone)


def when(moment: pendulum.DateTime, *, today: pendulum.Date | None = None) -> str:
    """ "3 days ago · Tue 17 Nov" for a moment, in local time."""
    day = local(moment).date()
    return f"{relative_day(day, today=today)} · {short_date(day, today=today)}"


def meeting_when(starts_at: pendulum.DateTime, whole_day: bool, *,
                 today: pendulum.Date | None = None) -> str:
    """When a meeting to come is, in local time: "today 15:00", "tomorrow (all day)",
    "Thu 10 Dec 10:00"."""
    start = local(starts_at)
    today = today or clock.today()
    day = start.date()
    name = (relative_day(day, today=today) if 0 <= (day - today).days <= 1
            else short_date(day, today=today))
    return f"{name} (all day)" if whole_day else f"{name} {start.format('HH:mm')}"


def meeting_kind(channel: str) -> str:
    """What a meeting read from a calendar is called: "video call" or "meeting"."""
    return "video call" if channel == "video" else "meeting"


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values) -> str:
    """One glyph per value, from ▁ for 0 to █ for the largest (all ▁ when all are 0)."""
    values = list(values)
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(max(value, 0) / top * (len(SPARKS) - 1))] for value in values)


def since_last_touch(days: int | None) -> str:
    """How long since we were last in touch, short: "today", "3d", "5w", "8mo", "2y", "never"."""
    if days is None:
        return "never"
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def health(next_due: pendulum.Date, *, today: pendulum.Date | None = None) -> str:
    """ "overdue", "due" (today), "soon" (within a week) or "fine"."""
    days_left = next_due.toordinal() - (today or clock.today()).toordinal()
    if days_left <= 0:
        return "overdue" if days_left < 0 else "due"
    return "soon" if days_left <= HEALTH_SOON_DAYS else "fine"


def duration(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


REGROUP_NAME = "the regroup"  # the regroup review, where a contact's name would stand


def snoozed_words(name: str | None, until: pendulum.Date) -> str:
    """ "Snoozed until Mon 30 Nov (in 7 days) · Ann Lee" (no name: the regroup review)."""
    return f"Snoozed until {describe_date(until)} · {name or REGROUP_NAME}"
