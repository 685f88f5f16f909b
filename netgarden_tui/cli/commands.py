"""One function per subcommand: read the arguments, call the garden, print."""

import contextlib
import sys
import tempfile
from pathlib import Path

from netgarden_tui import clock
from netgarden_tui.cli import output
from netgarden_tui.config import Locations, load_config, locate
from netgarden_tui.locations import shown
from netgarden_tui.garden import actions, queue
from netgarden_tui.garden.dates import describe_date, parse_date, parse_moment
from netgarden_tui.garden.names import resolve_contact
from netgarden_tui.store import database, queries, undo


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
        output.emit(args, output.due_json(items, day),
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
        rows = queries.contact_rows(default_cadence=config.default_cadence_days,
                                    search=args.search, circle=args.circle, tag=args.tag,
                                    sort=args.sort, include_archived=args.archived)
        output.emit(args, output.list_json(rows), lambda: output.list_text(rows))
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


