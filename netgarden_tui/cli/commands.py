"""The everyday commands: their options (add_parsers), and one function each that reads
the arguments, calls the garden and prints."""

import contextlib
import sys
import tempfile
from pathlib import Path

from netgarden_tui import clock
from netgarden_tui.cli import output
from netgarden_tui.cli.errors import one_or_more
from netgarden_tui.cli.output import json_flag
from netgarden_tui.config import Locations, load_config, locate
from netgarden_tui.locations import shown
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.dates import describe_date, parse_date, parse_moment
from netgarden_tui.garden.names import resolve_contact
from netgarden_tui.store import database, queries, undo
from netgarden_tui.vocabulary import (
    CHANNELS, DEFAULT_CHANNEL, DEFAULT_DIRECTION, DIRECTION_LIST, SORTS,
)


def add_parsers(command) -> None:
    """The everyday commands, through cli.CommandAdder."""
    _add_contact_commands(command)
    _add_touch_commands(command)
    demo_command = command("demo", demo, "fill an empty garden with a realistic demo")
    demo_command.add_argument("--contacts", type=int, default=60, metavar="N")
    demo_command.add_argument("--interactions", type=int, default=600, metavar="M")
    demo_command.add_argument("--seed", type=int, default=7, metavar="S")
    command("where", where, "print where the database, config and backups live")


def _add_contact_commands(command) -> None:
    add_command = command("add", add, "add a contact")
    add_command.add_argument("name")
    _contact_options(add_command)

    edit_command = command("edit", edit, "change a contact (emails, phones, urls, tags are "
                                         "added; --drop-... takes one off)")
    edit_command.add_argument("name")
    edit_command.add_argument("--name", dest="new_name", metavar="NEW", help="rename")
    _contact_options(edit_command)
    for kind, metavar in (("email", "E"), ("phone", "P"), ("url", "U")):
        edit_command.add_argument(
            f"--drop-{kind}", metavar=metavar, action="append", default=[],
            help=f"take this {kind} off (to change one: drop the old, add the new)")

    listing = command("list", list_contacts, "list contacts")
    json_flag(listing)
    listing.add_argument("--search", metavar="Q", default="")
    listing.add_argument("--circle", metavar="C", default="")
    listing.add_argument("--tag", metavar="T", default="")
    listing.add_argument("--sort", choices=SORTS, default="name")
    listing.add_argument("--archived", action="store_true", help="include archived contacts")

    show_command = command("show", show, "a contact's card and timeline")
    show_command.add_argument("name")
    json_flag(show_command)

    snooze_command = command("snooze", snooze, "put off a contact until a day")
    snooze_command.add_argument("name")
    snooze_command.add_argument("when", metavar="WHEN", help="3d, 1w, 1m, fri, 2026-12-01 ...")

    archive_command = command("archive", archive, "archive a contact (kept, no longer due)")
    archive_command.add_argument("name")


def _add_touch_commands(command) -> None:
    log_command = command("log", log, "log a touch: a call, coffee, email... with one or more "
                                      "contacts")
    log_command.add_argument("names", nargs="+", metavar="NAME")
    log_command.add_argument("--via", metavar="CHANNEL", default=DEFAULT_CHANNEL,
                             help=", ".join(CHANNELS))
    directions = log_command.add_mutually_exclusive_group()
    for direction in DIRECTION_LIST:
        default = " (the default)" if direction.name == DEFAULT_DIRECTION else ""
        directions.add_argument(f"--{direction.name}", dest="direction", action="store_const",
                                const=direction.name, help=direction.word + default)
    log_command.set_defaults(direction=DEFAULT_DIRECTION)
    log_command.add_argument("--note", metavar="TEXT", default="")
    log_command.add_argument("--at", metavar="WHEN",
                             help='when it happened: "yesterday 9am", "14:30", "fri"')
    log_command.add_argument("--follow-up", metavar="WHEN",
                             help="a follow-up due then: 2w, fri, 12-01")
    log_command.add_argument("--follow-up-note", metavar="TEXT", default="")

    due_command = command("due", due, "the queue: who to get in touch with, and why")
    json_flag(due_command)
    due_command.add_argument("--date", metavar="DAY",
                             help="the queue as it will be on another day")
    size = due_command.add_mutually_exclusive_group()
    size.add_argument("--limit", metavar="N", type=one_or_more, default=queue.DUE_SHOWN,
                      help=f"show the best N (default {queue.DUE_SHOWN})")
    size.add_argument("--all", action="store_true", help="show the whole queue")
    size.add_argument("--count", action="store_true",
                      help="print how many are due, and nothing else (quick: for a status line)")

    done_command = command("done", done, "mark a follow-up done")
    done_command.add_argument("follow_up_id", metavar="FOLLOW-UP-ID", type=int)


def _contact_options(parser) -> None:
    parser.add_argument("--circle", metavar="C")
    parser.add_argument("--email", metavar="E", action="append", default=[])
    parser.add_argument("--phone", metavar="P", action="append", default=[])
    parser.add_argument("--url", metavar="U", action="append", default=[])
    parser.add_argument("--company", metavar="X")
    parser.add_argument("--role", metavar="R")
    parser.add_argument("--birthday", metavar="MM-DD|YYYY-MM-DD")
    parser.add_argument("--tag", metavar="T", action="append", default=[])
    parser.add_argument("--cadence", metavar="DAYS", type=int,
                        help="days between touches (wins over the circle's)")
    parser.add_argument("--met", metavar="TEXT", help="where and how you met")
    parser.add_argument("--note", metavar="TEXT", help="free notes")


@contextlib.contextmanager
def garden(args):
    """Locate, configure and open the garden for one command; take the day's backup
    (if none was taken yet) and close it after."""
    locations = locate(getattr(args, "db", None))
    config = load_config(locations.config_file)
    tell(actions.open_garden(locations, config))
    try:
        yield config
    finally:
        # The day's backup after the command, so its answer is not kept waiting.
        tell(actions.take_daily_backup(locations, config))
        database.close_garden()


def change(args):
    """A command's write: one transaction, and one undo step named as the command was
    typed ("netgarden log ann --via call"), which `netgarden undo` and the app's ``u``
    take back like any other."""
    undo.enable()
    return undo.recording(f"netgarden {args.typed}")


def tell(notices) -> None:
    for notice in notices:
        print(f"netgarden: {output.line(notice)}", file=sys.stderr)


def _details(args) -> actions.ContactDetails:
    return actions.ContactDetails(
        company=args.company, role=args.role, circle=args.circle, birthday=args.birthday,
        cadence_days=args.cadence, met=args.met, notes=args.note, emails=args.email,
        phones=args.phone, urls=args.url, tags=args.tag)


def add(args) -> int:
    with garden(args), change(args):
        contact_id = actions.add_contact(args.name, _details(args))
    print(f"added {output.line(args.name)} (#{contact_id})")
    return 0


def edit(args) -> int:
    with garden(args), change(args):
        contact_id, name = resolve_contact(args.name)
        details = _details(args)._replace(drop_emails=args.drop_email,
                                          drop_phones=args.drop_phone, drop_urls=args.drop_url)
        actions.edit_contact(contact_id, details, rename=args.new_name)
    print(f"updated {output.line(args.new_name or name)} (#{contact_id})")
    return 0


def log(args) -> int:
    with garden(args):
        at = parse_moment(args.at) if args.at else clock.now()
        follow_up_on = parse_date(args.follow_up) if args.follow_up else None
        with change(args):
            people = [resolve_contact(name) for name in args.names]
            actions.log_touch([cid for cid, _ in people], channel=args.via,
                              direction=args.direction, note=args.note, at=at,
                              follow_up_on=follow_up_on, follow_up_note=args.follow_up_note)
    names = ", ".join(output.line(name) for _, name in people)
    extra = f"; follow-up {describe_date(follow_up_on)}" if follow_up_on else ""
    print(f"logged {actions.channel_named(args.via)} with {names}{extra}")
    return 0


def due(args) -> int:
    with garden(args) as config:
        day = parse_date(args.date) if args.date else clock.today()
        if args.count:
            print(queue.due_count(config, today=day))
            return 0
        limit = None if args.all else args.limit
        due_today = queue.due_today(config, today=day, limit=limit)
        items = due_today.items
        output.emit(args, lambda: output.due_json(items, day),
                    lambda: output.due_text(items, day, due_today.total))
        if not items:
            _next_step(args)
    return 0


def _next_step(args) -> None:
    """On an empty garden, the next step, in one line, for a person at a terminal: what
    a script or cron reads (stdout not a terminal, or JSON) stays as it was, and nothing
    goes to stderr, which cron mails as a problem."""
    from netgarden_tui.garden.setup import NEXT_STEP, garden_is_empty

    if not getattr(args, "json", False) and sys.stdout.isatty() and garden_is_empty():
        print(NEXT_STEP)


def list_contacts(args) -> int:
    with garden(args) as config:
        if args.circle:
            actions.circle_id(args.circle)  # a circle mistyped is not an empty list
        rows = queries.contact_rows(default_cadence=config.default_cadence_days,
                                    search=args.search, circle=args.circle, tag=args.tag,
                                    sort=args.sort, include_archived=args.archived)
        output.emit(args, lambda: output.list_json(rows), lambda: output.list_text(rows))
        if not rows:
            _next_step(args)
    return 0


def show(args) -> int:
    with garden(args) as config:
        contact_id, _ = resolve_contact(args.name)
        card = queries.contact_card(contact_id, default_cadence=config.default_cadence_days)
        output.emit(args, lambda: output.show_json(card),
                    lambda: output.show_text(card, region=config.region))
    return 0


def snooze(args) -> int:
    with garden(args) as config:
        until = parse_date(args.when)
        with change(args):
            contact_id, name = resolve_contact(args.name)
            actions.snooze(contact_id, until, config)
    print(f"snoozed {output.line(name)} until {describe_date(until)}")
    return 0


def done(args) -> int:
    with garden(args), change(args):
        actions.complete_follow_up(args.follow_up_id)
        record = queries.follow_up(args.follow_up_id)
    print(f"done: follow-up #{record.id} with {output.line(record.contact)}")
    return 0


def archive(args) -> int:
    with garden(args), change(args):
        contact_id, name = resolve_contact(args.name)
        actions.archive(contact_id)
    print(f"archived {output.line(name)} (#{contact_id})")
    return 0


def demo(args) -> int:
    from netgarden_tui.store.demo import fill_demo_garden

    with garden(args):
        try:
            summary = fill_demo_garden(contacts=args.contacts, interactions=args.interactions,
                                       seed=args.seed)
        except ValueError as error:
            raise actions.InvalidInput(str(error)) from None
    print(f"demo garden ready: {summary.contacts} contacts, {summary.interactions} interactions"
          f" in {shown(locate(getattr(args, 'db', None)).database)}")
    return 0


def where(args) -> int:
    locations = locate(getattr(args, "db", None))
    print(f"database  {shown(locations.database)}")
    print(f"config    {locations.config_file}")
    print(f"backups   {locations.backups}")
    return 0


def open_app(args) -> int:
    """The full-screen app; with --demo, on a throwaway demo garden in a temp folder."""
    from netgarden_tui.tui.read_ahead import read_ahead  # no Textual in it

    if not args.demo:
        locations = locate(getattr(args, "db", None))
        config = load_config(locations.config_file)
        notices = actions.open_garden(locations, config)
        ahead = read_ahead(config, locations.database, locations.backups)
        from netgarden_tui.tui.app import build_app  # Textual: most of start-up

        build_app(locations, config, read_ahead=ahead, notices=notices).run()
        return 0
    from netgarden_tui.tui.app import make_app
    from netgarden_tui.store.demo import fill_demo_garden

    with tempfile.TemporaryDirectory(prefix="netgarden-demo-") as folder:
        locations = Locations(database=Path(folder) / "garden.db",
                              config_file=Path(folder) / "config.toml",
                              backups=Path(folder) / "backups")
        app = make_app(locations, load_config(locations.config_file))
        fill_demo_garden()
        app.run()
    return 0


