"""Printing for the command line: plain text for people, JSON for scripts.

User text goes through ``visible`` in text output (control characters shown, never
obeyed) and through ``json.dumps`` (which escapes them) in JSON.
"""

import json
import sys
from collections.abc import Callable

import pendulum
from rich.cells import cell_len

from netgarden_tui import clock
from netgarden_tui.garden.card import card_fields
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.helping import need_line
from netgarden_tui.garden.display import health, since_last_touch, visible
from netgarden_tui.garden.openers import cautions, fact_words, gambits
from netgarden_tui.garden.queue_items import QueueItem
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.garden.timeline import timeline
from netgarden_tui.store import queries
from netgarden_tui.store.records import ContactCard, ContactRow

line = visible


def json_flag(parser) -> None:
    """The ``--json`` option of a command that lists; ``emit`` honours it."""
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def emit(args, as_json, as_text: Callable[[], str]) -> None:
    """Print JSON (``as_json``: data, or a function making it) or the text ``as_text`` makes."""
    if args.json:
        data = as_json() if callable(as_json) else as_json
        # Indented for a person at a terminal. For a script, on one line: the standard
        # library writes that in C, and indents in Python (36 ms for 2,700 contacts).
        indent = 2 if sys.stdout.isatty() else None
        print(json.dumps(data, indent=indent, ensure_ascii=False, default=_json_value))
    else:
        text = as_text()
        if text:
            print(text)


def _json_value(value):
    if isinstance(value, pendulum.DateTime):
        return value.in_timezone("UTC").isoformat()
    if isinstance(value, pendulum.Date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def as_data(value):
    """A store record as JSON-ready data: records become dicts and tuples lists, all the
    way down (json.dumps would write a record, a named tuple, as a bare list)."""
    if hasattr(value, "_asdict"):
        return {key: as_data(item) for key, item in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [as_data(item) for item in value]
    return value


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


# --- due -------------------------------------------------------------------------------

def due_json(items: list[QueueItem], on: pendulum.Date) -> list[dict]:
    """Each item, its reasons in words and the facts they rest on."""
    return [
        {"contact": item.contact, "contact_id": item.contact_id, "due_on": item.due_on,
         "overdue_days": item.overdue_days, "score": item.score,
         "follow_up_ids": list(item.follow_up_ids), "suggestion": item.suggestion,
         "reasons": [{"kind": reason.kind, "text": reason_text(reason, on),
                      **as_data(reason)} for reason in item.reasons]}
        for item in items
    ]


def due_text(items: list[QueueItem], on: pendulum.Date, total: int) -> str:
    if not items:
        return f"Nothing due on {short_date(on)}."
    shown = f" (the first {len(items)}; --all shows every one)" if total > len(items) else ""
    lines = [f"Due on {short_date(on)} · {total}{shown}"]
    for number, item in enumerate(items, 1):
        who = line(item.contact) if item.contact else "Your garden"
        who += f" (#{item.contact_id})" if item.contact_id else ""
        days = "1 day" if item.overdue_days == 1 else f"{item.overdue_days} days"
        lateness = f" · {days} overdue" if item.overdue_days else ""
        lines.append(f"{number:>3}. {who}{lateness}")
        lines.extend(f"       {reason.kind.replace('_', '-'):<11} {line(reason_text(reason, on))}"
                     for reason in item.reasons)
        if item.suggestion:
            lines.append(f"       {'→':<11} {line(item.suggestion)}")
    return "\n".join(lines)


# --- list ------------------------------------------------------------------------------

def list_json(rows: list[ContactRow]) -> list[dict]:
    today = clock.today()
    return [{"id": row.id, "name": row.name, "circle": row.circle,
             "last_touch_at": row.last_touch_at, "next_due": row.next_due,
             "health": health(row.next_due, today=today)} for row in rows]


def list_text(rows: list[ContactRow]) -> str:
    if not rows:
        return "No contacts match."
    today = clock.today()
    names = [line(row.name) for row in rows]
    name_width = min(32, max(cell_len(name) for name in names))
    circle_width = max(len(row.circle or "-") for row in rows)
    return "\n".join(
        f"#{row.id:<6} {_pad(name, name_width)}  {(row.circle or '-'):<{circle_width}}  "
        f"{since_last_touch(row.days_since_touch):>6}  {health(row.next_due, today=today):<7} "
        f"due {short_date(row.next_due, today=today)}"
        for row, name in zip(rows, names)
    )


# --- show ------------------------------------------------------------------------------

def show_json(card: ContactCard) -> dict:
    data = as_data(card)
    data["interactions"] = [
        {"id": touch.id, "at": touch.at, "channel": touch.channel, "direction": touch.direction,
         "note": touch.note, "awaiting_reply": touch.awaiting_reply,
         "duration_seconds": touch.duration_seconds, "contacts": list(touch.contacts),
         "author": touch.author}
        for touch in queries.interactions(card.id)
    ]
    data["life_events"] = [as_data(event) for event in queries.life_events(contact_id=card.id)]
    data["introductions"] = [as_data(intro) for intro in queries.introductions(card.id)]
    return data


def show_text(card: ContactCard, *, region: str | None = None) -> str:
    lines = [f"{line(card.display_name)} (#{card.id})" + ("  [archived]" if card.archived else "")]
    lines.extend(f"  {label:<15}{line(value)}" for label, value in card_fields(card, region=region))
    for title, facts in (("Take care", cautions(card.facts)),
                         ("Opening gambits", gambits(card.facts))):
        if facts:
            lines.append(f"  {title}")
            lines.extend(f"    {fact.kind}: {line(fact_words(fact, clock.today()))}"
                         for fact in facts)
    if card.follow_ups:
        lines.append("  Open follow-ups")
        lines.extend(f"    #{f.id} {short_date(f.due_on)}" + (f": {line(f.what)}" if f.what else "")
                     for f in card.follow_ups)
    if card.favours:
        lines.append("  Open favours")
        lines.extend(f"    {f.direction} {line(f.kind)}: {line(f.what)}" for f in card.favours)
    if card.needs:
        lines.append("  Needs and offers")
        lines.extend(f"    #{need.id} {line(need_line(need))}" for need in card.needs)
    if card.notes:
        lines.append("  Notes")
        lines.extend(f"    {text}" for text in visible(card.notes, multiline=True).splitlines())
    entries = timeline(card)
    lines.append("Timeline" if entries else "Timeline: nothing yet")
    for entry in entries:
        lines.append(f"  {entry.day.isoformat()}  {line(entry.title)}")
        if entry.note:
            lines.extend(f"      {text}" for text in visible(entry.note, multiline=True).splitlines())
    return "\n".join(lines)
