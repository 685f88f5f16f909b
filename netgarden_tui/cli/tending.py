"""Tending from the command line (issue 6): `fact`, `favour`, `favour-status`, `intro`,
`event`, `circles` and `regroup`.

The rules are garden/tending.py's; here each command reads its arguments, makes one
transaction of the write, and prints one confirming line, or a listing (``--json`` for
scripts). A command given only a name lists what it would otherwise add.
"""

import sys

from netgarden_tui import clock
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.cli.output import as_data, emit, json_flag, line
from netgarden_tui.config import Config
from netgarden_tui.garden import tending
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.helping import since_words
from netgarden_tui.garden.dates import describe_date, parse_date, parse_moment, short_date
from netgarden_tui.garden.display import choice_words, when
from netgarden_tui.garden.names import resolve_contact
from netgarden_tui.garden.openers import child_age, fact_words
from netgarden_tui.store import queries
from netgarden_tui.vocabulary import (
    FACT_KINDS, FAVOUR_DIRECTIONS, FAVOUR_KINDS, FAVOUR_STATUSES, LIFE_EVENT_KINDS,
    MET_THROUGH_YOU,
)
from netgarden_tui.store.records import CircleHealth, FavourBalance, FavourRecord, RegroupRow

OVERDUE_AFTER_DAYS = 7  # `circles` counts as overdue who is late by more than a week
REGROUP_LIMIT = 50  # contacts shown per circle; a last line says how many more there are


def add_parsers(command) -> None:
    """Register the subcommands through cli.CommandAdder."""
    fact_parser = command("fact", fact, "note an opening gambit (a partner, a child, an "
                                        "interest...); with only a name, list them")
    fact_parser.add_argument("name")
    fact_parser.add_argument("kind", nargs="?", metavar="KIND", help=", ".join(FACT_KINDS))
    fact_parser.add_argument("text", nargs="?", default="", metavar="TEXT")
    fact_parser.add_argument("--year", metavar="YYYY", type=int,
                             help="a child's birth year: their age is shown")
    json_flag(fact_parser)

    favour_parser = command("favour", favour, "log a favour given, offered, asked or "
                                              "received; with only a name, list them")
    favour_parser.add_argument("name")
    favour_parser.add_argument("direction", nargs="?", metavar="DIRECTION",
                               help=", ".join(FAVOUR_DIRECTIONS))
    favour_parser.add_argument("kind", nargs="?", metavar="KIND", help=", ".join(FAVOUR_KINDS))
    favour_parser.add_argument("what", nargs="?", default="", metavar="WHAT")
    favour_parser.add_argument("--by", metavar="WHEN", help="when an offered favour is due")
    favour_parser.add_argument("--status", metavar="S", default="open",
                               help=", ".join(FAVOUR_STATUSES))
    favour_parser.add_argument("--yes", action="store_true",
                               help="ask again even after asks declined or unanswered")
    json_flag(favour_parser)

    status_parser = command("favour-status", favour_status,
                            "mark a favour delivered, declined, no_answer or open again")
    status_parser.add_argument("favour_id", metavar="FAVOUR-ID", type=int)
    status_parser.add_argument("status", metavar="STATUS", help=", ".join(FAVOUR_STATUSES))

    intro_parser = command("intro", intro, "record an introduction of A and B (by you, or "
                                           "--by C), or that C introduced A to you; with only "
                                           "A, list who knows whom around A")
    intro_parser.add_argument("name", metavar="A")
    intro_parser.add_argument("other", nargs="?", metavar="B")
    intro_parser.add_argument("--by", metavar="C", help="who made the introduction")
    intro_parser.add_argument("--note", metavar="TEXT", default="")
    json_flag(intro_parser)

    event_parser = command("event", event, "log a life event (Due says congratulate until "
                                           "you are next in touch); with only a name, list them")
    event_parser.add_argument("name")
    event_parser.add_argument("kind", nargs="?", metavar="KIND", help=", ".join(LIFE_EVENT_KINDS))
    event_parser.add_argument("text", nargs="?", default="", metavar="TEXT")
    event_parser.add_argument("--on", metavar="WHEN", help="the day it happened (default today)")
    json_flag(event_parser)

    circles_parser = command("circles", circles, "your circles and how their contacts are "
                                                 "doing, or --move a contact into one")
    circles_parser.add_argument("--move", nargs=2, metavar=("NAME", "CIRCLE"),
                                help='put a contact in a circle ("none": in no circle)')
    json_flag(circles_parser)

    regroup_parser = command("regroup", regroup, "the regroup review: each circle's contacts, "
                                                 "least recently touched first")
    regroup_parser.add_argument("--done", action="store_true",
                                help="the review is done: Due asks again after the interval")
    json_flag(regroup_parser)


# --- fact ----------------------------------------------------------------------------------

def fact(args) -> int:
    if args.kind is None:
        return _list_facts(args)
    with garden(args) as config, change(args):
        contact_id, name = resolve_contact(args.name)
        fact_id = tending.add_fact(contact_id, args.kind, args.text, year=args.year)
        added = next(each for each in _facts(contact_id, config) if each.id == fact_id)
    print(f"noted for {line(name)}: {added.kind} {line(fact_words(added, clock.today()))}")
    return 0


def _facts(contact_id: int, config: Config):
    return queries.contact_card(contact_id, default_cadence=config.default_cadence_days).facts


def _list_facts(args) -> int:
    with garden(args) as config:
        contact_id, name = resolve_contact(args.name)
        facts = _facts(contact_id, config)
    today = clock.today()
    ages = [child_age(each, today) if each.kind == "child" else None for each in facts]
    emit(args, lambda: [{**as_data(each), "age": age} for each, age in zip(facts, ages)],
         lambda: _facts_text(name, facts, today))
    return 0


def _facts_text(name: str, facts, today) -> str:
    if not facts:
        return f"No opening gambits for {line(name)} yet."
    lines = [f"Opening gambits for {line(name)}"]
    lines.extend(f"  {each.kind:<9} {line(fact_words(each, today))}" for each in facts)
    return "\n".join(lines)


# --- favour --------------------------------------------------------------------------------

def favour(args) -> int:
    if args.direction is None:
        return _list_favours(args)
    if args.kind is None:
        raise InvalidInput(f"a favour needs a kind too ({', '.join(FAVOUR_KINDS)})")
    due_on = parse_date(args.by) if args.by else None
    with garden(args), change(args):
        contact_id, name = resolve_contact(args.name)
        warning = _pushed_luck(contact_id, name, args)
        favour_id = tending.log_favour(contact_id, args.direction, args.kind, args.what,
                                       due_on=due_on, status=args.status)
        record = queries.favour(favour_id)
    if warning:
        print(f"netgarden: {line(warning)}", file=sys.stderr)
    print(f"favour #{favour_id} with {line(name)}: {_favour_words(record)}")
    return 0


def _pushed_luck(contact_id: int, name: str, args) -> str | None:
    """Don't push your luck: before another ask of someone who declined or ignored the last
    ones, the warning refuses the ask unless --yes is given, and is returned to be shown
    beside the confirmation."""
    direction = tending.pick(args.direction, FAVOUR_DIRECTIONS, "favour direction")
    warning = tending.pushed_luck_warning(contact_id, name) if direction == "asked" else None
    if warning and not args.yes:
        raise InvalidInput(f"{warning}; --yes logs the ask anyway")
    return warning


def _favour_words(record: FavourRecord) -> str:
    """ "offered introduction: intro to Sam, open, by Fri 4 Dec"."""
    what = f": {line(record.what)}" if record.what else ""
    by = f", by {short_date(record.due_on)}" if record.due_on else ""
    return f"{record.direction} {record.kind}{what}, {choice_words(record.status)}{by}"


def _list_favours(args) -> int:
    with garden(args):
        contact_id, name = resolve_contact(args.name)
        favours = queries.favours(contact_id=contact_id)
        balance = queries.favour_balance(contact_id)
        helped = [each for each in queries.needs(contact_id=contact_id, kind="need")
                  if each.met_by in MET_THROUGH_YOU]
    emit(args, lambda: {"favours": [as_data(each) for each in favours], "balance": as_data(balance),
                        "needs_met": [as_data(each) for each in helped]},
         lambda: _favours_text(name, favours, balance, helped))
    return 0


def _favours_text(name: str, favours: list[FavourRecord], balance: FavourBalance,
                  helped=()) -> str:
    if not favours and not helped:
        return f"No favours with {line(name)} yet."
    lines = [f"Favours with {line(name)}"]
    for each in favours:
        by = f"by {short_date(each.due_on)}" if each.due_on else ""
        lines.append(f"  #{each.id:<5} {each.direction:<9} {each.kind:<19} "
                     f"{choice_words(each.status):<10} {by:<19} {line(each.what)}".rstrip())
    # Helping counts: a need of theirs met through you is a favour you gave.
    lines.extend(f"  need   helped    {line(each.text)} ({since_words(each)})" for each in helped)
    lines.append(f"Balance: you gave {balance.gave}, took {balance.took}")
    return "\n".join(lines)


def favour_status(args) -> int:
    with garden(args), change(args):
        status = tending.set_favour_status(args.favour_id, args.status)
        record = queries.favour(args.favour_id)
    print(f"favour #{record.id} with {line(record.contact)}: {choice_words(status)}")
    return 0


# --- intro ---------------------------------------------------------------------------------

def intro(args) -> int:
    if args.other is not None:
        return _introduce(args)
    if args.note:
        raise InvalidInput("--note goes with an introduction of two people (intro A B)")
    if args.by is not None:
        return _introduced_to_me(args)
    return _list_acquaintances(args)


def _introduce(args) -> int:
    with garden(args), change(args):
        a_id, a_name = resolve_contact(args.name)
        b_id, b_name = resolve_contact(args.other)
        by_id, by_name = resolve_contact(args.by) if args.by is not None else (None, None)
        tending.introduce(a_id, b_id, note=args.note, introducer=by_id)
    pair = f"{line(a_name)} and {line(b_name)}"
    if by_name is not None:
        print(f"noted: {line(by_name)} introduced {pair}")
    else:
        ask_on = clock.today().add(days=tending.INTRODUCTION_FOLLOW_UP_DAYS)
        print(f"you introduced {pair}; ask each how it went {describe_date(ask_on)}")
    return 0


def _introduced_to_me(args) -> int:
    with garden(args), change(args):
        contact_id, name = resolve_contact(args.name)
        by_id, by_name = resolve_contact(args.by)
        tending.set_introduced_by(contact_id, by_id)
    print(f"noted: {line(by_name)} introduced {line(name)} to you")
    return 0


def _list_acquaintances(args) -> int:
    with garden(args):
        contact_id, name = resolve_contact(args.name)
        people = queries.acquaintances(contact_id)
    emit(args, lambda: [as_data(person) for person in people],
         lambda: _acquaintances_text(name, people))
    return 0


def _acquaintances_text(name: str, people) -> str:
    if not people:
        return f"Nobody known around {line(name)} yet."
    lines = [f"Who knows whom around {line(name)}"]
    lines.extend(f"  {line(person.contact)} (#{person.contact_id}): {line(person.how)}"
                 for person in people)
    return "\n".join(lines)


# --- event ---------------------------------------------------------------------------------

def event(args) -> int:
    if args.kind is None:
        return _list_events(args)
    # A moment's reading of a day looks back: "--on fri" is the Friday just gone.
    on = parse_moment(args.on).date() if args.on else None
    with garden(args), change(args):
        contact_id, name = resolve_contact(args.name)
        event_id = tending.log_life_event(contact_id, args.kind, args.text, on=on)
        added = next(each for each in queries.life_events(contact_id=contact_id)
                     if each.id == event_id)
    text = f": {line(added.text)}" if added.text else ""
    print(f"noted for {line(name)}: {choice_words(added.kind)}{text} on {short_date(added.on)}; "
          "Due says congratulate until you are next in touch")
    return 0


def _list_events(args) -> int:
    with garden(args):
        contact_id, name = resolve_contact(args.name)
        events = queries.life_events(contact_id=contact_id)
    emit(args, lambda: [as_data(each) for each in events], lambda: _events_text(name, events))
    return 0


def _events_text(name: str, events) -> str:
    if not events:
        return f"No life events for {line(name)} yet."
    lines = [f"Life events of {line(name)}"]
    for each in events:
        state = "acknowledged" if each.acknowledged_at else "congratulate"
        lines.append(f"  {each.on.isoformat()}  {choice_words(each.kind):<10} {state:<12}  "
                     f"{line(each.text)}".rstrip())
    return "\n".join(lines)


# --- circles and the regroup ---------------------------------------------------------------

def circles(args) -> int:
    if args.move:
        return _move(args)
    with garden(args) as config:
        health = _circle_health(config)
    emit(args, lambda: [as_data(each) for each in health], lambda: _circles_text(health))
    return 0


def _circle_health(config: Config) -> list[CircleHealth]:
    return queries.circle_health(clock.today(), one_sided_after=config.one_sided_after,
                                 overdue_after_days=OVERDUE_AFTER_DAYS)


def _circles_text(health: list[CircleHealth]) -> str:
    lines = ["contacts  due  overdue  one-sided  circle"]
    lines.extend(f"{each.contacts:>8}  {each.due:>3}  {each.overdue:>7}  {each.one_sided:>9}  "
                 f"{_circle_title(each)}" for each in health)
    lines.append(f"(due: today or late; overdue: more than {OVERDUE_AFTER_DAYS} days late)")
    return "\n".join(lines)


def _circle_title(circle: CircleHealth) -> str:
    if circle.name is None:
        return "No circle"
    return f"{line(circle.name)} (priority {circle.priority}, every {circle.cadence_days} days)"


def _move(args) -> int:
    name, circle = args.move
    into = None if circle.strip().lower() in ("", "none") else circle
    with garden(args) as config, change(args):
        contact_id, contact = resolve_contact(name)
        tending.move_to_circle(contact_id, into)
        card = queries.contact_card(contact_id, default_cadence=config.default_cadence_days)
    where = f"into {line(card.circle)}" if card.circle else "out of any circle"
    print(f"moved {line(contact)} {where}; next due {describe_date(card.next_due)}")
    return 0


def regroup(args) -> int:
    if args.done:
        return _finish_regroup(args)
    with garden(args) as config:
        since = tending.regroup_activity_since()
        review = [(circle, queries.regroup_rows(circle.circle_id, limit=REGROUP_LIMIT,
                                                default_cadence=config.default_cadence_days,
                                                active_since=since))
                  for circle in _circle_health(config)]
    emit(args, lambda: [{**as_data(circle), "people": [as_data(row) for row in rows]}
                        for circle, rows in review],
         lambda: _regroup_text(review))
    return 0


def _regroup_text(review: list[tuple[CircleHealth, list[RegroupRow]]]) -> str:
    lines = [f"Regroup: who to move, slow down or let go; least recently touched first "
             f"(3× = 3 touches in the last {tending.REGROUP_ACTIVITY_DAYS} days)"]
    for circle, rows in review:
        lines.append(f"{_circle_title(circle)} · contacts: {circle.contacts}")
        lines.extend(_regroup_line(row) for row in rows)
        if circle.contacts > len(rows):
            lines.append(f"  … and {circle.contacts - len(rows)} more")
    lines.append("When you are done: netgarden regroup --done")
    return "\n".join(lines)


def _regroup_line(row: RegroupRow) -> str:
    last = when(row.last_touch_at) if row.last_touch_at else "never in touch"
    own = f"(own cadence: every {row.cadence_days} days)" if row.own_cadence_days else ""
    return (f"  {last:<26} {row.touches_recently:>3}×  gave {row.balance.gave} · "
            f"took {row.balance.took}  {line(row.contact)} (#{row.contact_id}) {own}").rstrip()


def _finish_regroup(args) -> int:
    with garden(args) as config, change(args):
        tending.finish_regroup()
    next_on = clock.today().add(days=config.regroup_interval_days)
    print(f"regroup done; the next one is due {describe_date(next_on)}")
    return 0
