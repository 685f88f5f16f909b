"""`netgarden export`: the garden as JSON, vCard, CSV or a calendar, to a file or stdout."""

import io
import sys
from pathlib import Path

from netgarden_tui.cli.commands import garden
from netgarden_tui.cli.output import line
from netgarden_tui.garden.formats import EXPORT_FORMATS
from netgarden_tui.store import queries


def add_parsers(command) -> None:
    """Register the subcommand through cli.CommandAdder."""
    parser = command("export", run, "write the garden out: json (everything, re-importable), "
                                    "vcard, csv or ics (birthdays and follow-ups)")
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="json",
                        help="json (the default), vcard, csv or ics")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="where to write (created 0600); - or none: standard output")


def run(args) -> int:
    from netgarden_tui.garden import export as exports  # loaded only when exporting

    with garden(args):
        if args.output in (None, "-"):
            # Whatever the terminal's locale, the file is UTF-8; newline="": CSV and vCard
            # bring their own CRLF line ends.
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            try:
                exports.export(args.format, out)
            finally:
                out.flush()
                out.detach()
            return 0
        path = Path(args.output)
        count = exports.write_privately(path, lambda out: exports.export(args.format, out))
        archived = (queries.count_contacts(include_archived=True) - queries.count_contacts()
                    if args.format in ("vcard", "ics") else 0)  # json and csv keep them
    things = "events" if args.format == "ics" else "contacts"
    left_out = f" (not the {archived} archived: json and csv keep them)" if archived else ""
    print(f"exported {count} {things} as {args.format} to {line(str(path))}{left_out}")
    return 0
