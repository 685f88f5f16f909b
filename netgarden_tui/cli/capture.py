"""`netgarden capture`: touches from your mail and calendars, and people you write to.

The capture code loads only when this command runs: every other command starts without it.
"""

import argparse
from typing import TYPE_CHECKING

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.cli.errors import CliParser
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import local

if TYPE_CHECKING:
    from netgarden_tui.garden.capture import CaptureReport


def add_parsers(command) -> None:
    """Register ``capture`` and its subcommands (cli.CommandAdder)."""
    parser = command("capture", capture,
                     "log touches from your mail and calendars (with no subcommand: those "
                     "the config's [capture] lists)")
    _run_options(parser, parent=True)
    sub = parser.add_subparsers(dest="capture_command", metavar="SOURCE", parser_class=CliParser)

    for name, what in (("mail", "touches from Maildir folders and mbox files (headers only)"),
                       ("calendar", "touches from the meetings in .ics files and calendar "
                                    "folders")):
        source = sub.add_parser(name, parents=[command.common], help=what, description=what)
        source.add_argument("paths", nargs="+", metavar="PATH")
        source.add_argument("--me", metavar="ADDRESS", action="append", default=[],
                            help="an address of yours (as well as the config's [capture] me)")
        _run_options(source)

    suggest = sub.add_parser("suggest", parents=[command.common], help="people you exchange mail with "
                             "who are not in your garden", description="people you exchange "
                             "mail with who are not in your garden")
    suggest.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                         help="print JSON for scripts")


def _run_options(parser, *, parent: bool = False) -> None:
    # A subcommand's options default to nothing, so they never undo the same ones given
    # before the subcommand's name ("capture --json mail ...").
    default = {} if parent else {"default": argparse.SUPPRESS}
    parser.add_argument("--since", metavar="DAY", **({"default": None} if parent else default),
                        help="only what happened from this day on (2026-01-31, mon, "
                             "yesterday); a calendar's default: a year ago")
    parser.add_argument("--dry-run", action="store_true", **default,
                        help="report what would be logged and write nothing")
    parser.add_argument("--json", action="store_true", **default, help="print the report as JSON")


def capture(args) -> int:
    from netgarden_tui.garden import capture as capturing  # only when used

    if args.capture_command == "suggest":
        return suggest(args)
    with garden(args) as config:
        since = capturing.parse_since(args.since) if args.since else None
        settings = config.capture
        with change(args):  # one transaction, one undo step: all of a run, or none
            if args.capture_command == "mail":
                reports = [capturing.capture_mail(args.paths, settings, me=args.me, since=since,
                                                  dry_run=args.dry_run)]
            elif args.capture_command == "calendar":
                from netgarden_tui.garden.capture import calendar as calendars  # icalendar

                reports = [calendars.capture_calendar(args.paths, settings, me=args.me,
                                                      since=since, dry_run=args.dry_run)]
            else:
                reports = capturing.capture_configured(settings, since=since,
                                                       dry_run=args.dry_run)
    output.emit(args, lambda: _reports_json(reports), lambda: "\n".join(
        output.line(line) for report in reports for line in capturing.report_lines(report)))
    return 0


def _reports_json(reports: list["CaptureReport"]):
    data = [report_json(report) for report in reports]
    return data[0] if len(data) == 1 else data


def report_json(report: "CaptureReport") -> dict:
    return {
        "kind": report.kind, "dry_run": report.dry_run, "read": report.read,
        "captured_before": report.already, "touches": report.logged,
        "contacts": [{"contact_id": contact_id, "contact": report.names[contact_id],
                      "touches": report.touches[contact_id], "items": count}
                     for contact_id, count in sorted(report.items.items())],
        "skipped": {reason: count for reason, count in sorted(report.skipped.items()) if count},
        "sources_read": report.sources_read, "sources_unchanged": report.sources_unchanged,
        "not_read": [{"path": path, "reason": why} for path, why in report.problems],
        "seconds": round(report.seconds, 3),
    }


def suggest(args) -> int:
    from netgarden_tui.garden.capture import suggestions

    with garden(args):
        found = suggestions()
    output.emit(args, lambda: [
        {"address": row.address, "name": row.name, "sent": row.sent, "received": row.received,
         "last_at": row.last_at} for row in found], lambda: _suggest_text(found))
    return 0


def _suggest_text(found) -> str:
    if not found:
        return ("No one to suggest: nobody you exchanged mail with both ways (3 messages or "
                "more) is missing from your garden.")
    lines = [f"{len(found)} you exchange mail with, not in your garden "
             "(netgarden add NAME --email ADDRESS adds one):"]
    for row in found:
        who = f"{output.line(row.name)} <{output.line(row.address)}>" if row.name else \
            output.line(row.address)
        lines.append(f"  {who}: {row.sent} sent, {row.received} received, last "
                     f"{short_date(local(row.last_at).date())}")
    return "\n".join(lines)
