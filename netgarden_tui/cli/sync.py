"""`netgarden sync`: the garden and a vdir (the folder vdirsyncer keeps in step with your
phone's address book) kept in step, both ways.

The sync code (and vobject) loads only when this command runs.
"""

import argparse
from typing import TYPE_CHECKING

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.cli.errors import CliParser
from netgarden_tui.config import SYNC_DIRECTIONS
from netgarden_tui.garden.actions import InvalidInput

if TYPE_CHECKING:
    from netgarden_tui.garden.vdir import SyncReport


def add_parsers(command) -> None:
    """Register ``sync`` and ``sync vdir`` (cli.CommandAdder)."""
    parser = command("sync", sync, "sync contacts with a vdir, the folder vdirsyncer keeps in "
                                   "step with your phone (with no subcommand: the config's "
                                   "[sync])")
    _options(parser, parent=True)
    sub = parser.add_subparsers(dest="sync_command", metavar="WHAT", parser_class=CliParser)
    what = "sync contacts with a vdir: a folder of .vcf files, one card each"
    vdir = sub.add_parser("vdir", parents=[command.common], help=what, description=what)
    vdir.add_argument("path", metavar="PATH")
    _options(vdir)


def _options(parser, *, parent: bool = False) -> None:
    # A subcommand's options default to nothing, so they never undo the same ones given
    # before the subcommand's name ("sync --json vdir PATH").
    default = {} if parent else {"default": argparse.SUPPRESS}
    parser.add_argument("--direction", choices=SYNC_DIRECTIONS,
                        **({"default": None} if parent else default),
                        help="both ways (default), to-vdir (the folder follows the garden) "
                             "or from-vdir (the garden follows the folder); the config's "
                             "[sync] direction unless given")
    parser.add_argument("--dry-run", action="store_true", **default,
                        help="report what would change and write nothing")
    parser.add_argument("--json", action="store_true", **default, help="print the report as JSON")


def sync(args) -> int:
    from netgarden_tui.garden.vdir import report_lines, sync_vdir  # only when used

    with garden(args) as config:
        path = args.path if args.sync_command == "vdir" else config.sync.vdir
        if not path:
            raise InvalidInput("nothing to sync: name a folder (netgarden sync vdir PATH) or "
                               'set one in the config\'s [sync] (vdir = "~/.contacts/garden")')
        direction = args.direction or config.sync.direction
        with change(args):  # one transaction, one undo step: all of a run, or none
            report = sync_vdir(path, direction=direction, dry_run=args.dry_run)
    output.emit(args, lambda: report_json(report),
                lambda: "\n".join(output.line(line) for line in report_lines(report)))
    return 0


def report_json(report: "SyncReport") -> dict:
    def cards(outcomes) -> list[dict]:
        return [{"file": o.file, "contact": o.name, "contact_id": o.contact_id, "new": o.new}
                for o in outcomes]

    return {
        "folder": str(report.folder), "direction": report.direction, "dry_run": report.dry_run,
        "written": cards(report.written), "read": cards(report.read),
        "archived": cards(report.archived), "removed": cards(report.removed),
        "conflicts": [{"file": c.file, "contact": c.name, "contact_id": c.contact_id,
                       "field": c.field, "kept": c.kept, "in_notes": c.lost}
                      for c in report.conflicts],
        "skipped": [{"file": s.file, "reason": s.reason} for s in report.skipped],
        "unchanged": report.unchanged, "seconds": round(report.seconds, 3),
    }
