"""`netgarden import PATH`: contacts from vCards, LinkedIn, Google, CSV or a JSON export.

The import code (and vobject) loads only when this command runs: every other command
starts without it.
"""

import sys
from typing import TYPE_CHECKING

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.garden.formats import IMPORT_FORMATS

if TYPE_CHECKING:
    from netgarden_tui.garden.importing import ImportReport


def add_parsers(command) -> None:
    """Register the subcommand; ``command``: cli.CommandAdder."""
    parser = command("import", import_contacts,
                     "import contacts: vCards (a file or a folder), LinkedIn, Google, CSV, JSON")
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--format", choices=IMPORT_FORMATS, dest="format_name",
                        help="what the file is (default: told from its content)")
    parser.add_argument("--circle", metavar="C", help="put new contacts (and any without one) "
                                                      "in this circle")
    parser.add_argument("--tag", metavar="T", action="append", default=[],
                        help="tag every contact imported")
    parser.add_argument("--dry-run", action="store_true",
                        help="report what would happen and write nothing")
    parser.add_argument("--map", metavar="COLUMN=FIELD", action="append", default=[],
                        help="a CSV column's field: name, given_name, family_name, nickname, "
                             "company, role, email[:label], phone[:label], url[:label], "
                             "birthday, met_on, met_where, notes, tags, uid or ignore")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def import_contacts(args) -> int:
    from netgarden_tui.garden.importing import import_path, parse_mapping  # only when used

    mapping = parse_mapping(args.map)
    with garden(args), change(args):  # all or nothing: a kill leaves none of it
        report = import_path(args.path, format_name=args.format_name, circle=args.circle,
                             tags=args.tag, mapping=mapping, dry_run=args.dry_run)
    output.emit(args, lambda: report_json(report), lambda: report_text(report))
    if report.problem:  # the report above says why each record was skipped
        print(f"netgarden: {output.line(report.problem)}", file=sys.stderr)
        return 1
    return 0


def report_json(report: "ImportReport") -> dict:
    return {
        "path": str(report.path), "format": report.format, "dry_run": report.dry_run,
        **report.counts,
        "encoding": report.encoding,
        "records": [{"line": o.line, "file": o.file, "name": o.name, "result": o.result,
                     "contact_id": o.contact_id, "reason": o.reason,
                     "new_job": dict(zip(("before", "after"), o.new_job)) if o.new_job else None,
                     "renamed_from": o.renamed_from or None}
                    for o in report.outcomes],
        "changed_jobs": len(report.new_jobs),
        "not_kept": dict(sorted(report.not_kept.items())),
        "ignored_columns": list(report.ignored_columns),
    }


def report_text(report: "ImportReport") -> str:
    from netgarden_tui.garden.importing import report_lines

    return "\n".join(output.line(line) for line in report_lines(report))
