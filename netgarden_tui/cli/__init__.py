"""The `netgarden` command: a subcommand per action, or the full-screen app with none."""

import argparse
import os
import sys

from netgarden_tui import __version__
from netgarden_tui.cli import capture as cli_capture
from netgarden_tui.cli import commands
from netgarden_tui.cli import digest as cli_digest
from netgarden_tui.cli import dupes as cli_dupes
from netgarden_tui.cli import export as cli_export
from netgarden_tui.cli import helping as cli_helping
from netgarden_tui.cli import importing as cli_importing
from netgarden_tui.cli import init as cli_init
from netgarden_tui.cli import keeping as cli_keeping
from netgarden_tui.cli import stats as cli_stats
from netgarden_tui.cli import sync as cli_sync
from netgarden_tui.cli import tending as cli_tending
from netgarden_tui.cli.errors import USER_ERRORS, CliParser, one_or_more
from netgarden_tui.cli.output import json_flag
from netgarden_tui.garden.display import visible
from netgarden_tui.garden.dupes import DUPES_LIMIT
from netgarden_tui.garden.queue import DUE_SHOWN
from netgarden_tui.locations import PasswordShown, refuse_password
from netgarden_tui.startup import resume_collector
from netgarden_tui.vocabulary import (
    CHANNELS, DEFAULT_CHANNEL, DEFAULT_DIRECTION, DIRECTION_LIST, SORTS,
)
from netgarden_tui.store.database import StoreError, explain


def garden_address(text: str) -> str:
    """An argparse type: a garden file or server URL, without a password."""
    try:
        refuse_password(text)
    except PasswordShown as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _common() -> argparse.ArgumentParser:
    """Options every subcommand takes; SUPPRESS keeps a top-level --db from being reset."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, type=garden_address,
                        help="the garden: a file, or a postgresql:// URL (default: "
                             "$NETGARDEN_DB, else the config's database, else your data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show a traceback on unexpected errors")
    return common


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


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = CliParser(prog="netgarden", parents=[common],
                       description="A keyboard-driven personal CRM for your professional network. "
                                   "With no command, opens the full-screen app.")
    parser.add_argument("--version", action="version", version=f"netgarden {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway demo garden")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)

    def command(name, handler, help_text):
        child = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        child.set_defaults(handler=handler)
        return child

    add = command("add", commands.add, "add a contact")
    add.add_argument("name")
    _contact_options(add)

    edit = command("edit", commands.edit, "change a contact (emails, phones, urls, tags are "
                                          "added; --drop-... takes one off)")
    edit.add_argument("name")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename")
    _contact_options(edit)
    for kind, metavar in (("email", "E"), ("phone", "P"), ("url", "U")):
        edit.add_argument(f"--drop-{kind}", metavar=metavar, action="append", default=[],
                          help=f"take this {kind} off (to change one: drop the old, add the new)")

    log = command("log", commands.log, "log a touch: a call, coffee, email... with one or more contacts")
    log.add_argument("names", nargs="+", metavar="NAME")
    log.add_argument("--via", metavar="CHANNEL", default=DEFAULT_CHANNEL,
                     help=", ".join(CHANNELS))
    directions = log.add_mutually_exclusive_group()
    for direction in DIRECTION_LIST:
        default = " (the default)" if direction.name == DEFAULT_DIRECTION else ""
        directions.add_argument(f"--{direction.name}", dest="direction", action="store_const",
                                const=direction.name, help=direction.word + default)
    log.set_defaults(direction=DEFAULT_DIRECTION)
    log.add_argument("--note", metavar="TEXT", default="")
    log.add_argument("--at", metavar="WHEN", help='when it happened: "yesterday 9am", "14:30", "fri"')
    log.add_argument("--follow-up", metavar="WHEN", help="a follow-up due then: 2w, fri, 12-01")
    log.add_argument("--follow-up-note", metavar="TEXT", default="")

    due = command("due", commands.due, "the queue: who to get in touch with, and why")
    json_flag(due)
    due.add_argument("--date", metavar="DAY", help="the queue as it will be on another day")
    size = due.add_mutually_exclusive_group()
    size.add_argument("--limit", metavar="N", type=one_or_more, default=DUE_SHOWN,
                      help=f"show the best N (default {DUE_SHOWN})")
    size.add_argument("--all", action="store_true", help="show the whole queue")
    size.add_argument("--count", action="store_true",
                      help="print how many are due, and nothing else (quick: for a status line)")

    listing = command("list", commands.list_contacts, "list contacts")
    json_flag(listing)
    listing.add_argument("--search", metavar="Q", default="")
    listing.add_argument("--circle", metavar="C", default="")
    listing.add_argument("--tag", metavar="T", default="")
    listing.add_argument("--sort", choices=SORTS, default="name")
    listing.add_argument("--archived", action="store_true", help="include archived contacts")

    show = command("show", commands.show, "a contact's card and timeline")
    show.add_argument("name")
    json_flag(show)

    snooze = command("snooze", commands.snooze, "put off a contact until a day")
    snooze.add_argument("name")
    snooze.add_argument("when", metavar="WHEN", help="3d, 1w, 1m, fri, 2026-12-01 ...")

    done = command("done", commands.done, "mark a follow-up done")
    done.add_argument("follow_up_id", metavar="FOLLOW-UP-ID", type=int)

    archive = command("archive", commands.archive, "archive a contact (kept, no longer due)")
    archive.add_argument("name")

    cli_digest.add_parser(command)

    dupes_command = command("dupes", cli_dupes.dupes,
                            "list likely duplicates: same email or phone, or nearly the same name")
    json_flag(dupes_command)
    dupes_command.add_argument("--limit", metavar="N", type=int, default=DUPES_LIMIT,
                               help=f"show at most N pairs (default {DUPES_LIMIT})")

    merge = command("merge", cli_dupes.merge,
                    "fold contact B into contact A, keeping every method, fact, tag and touch")
    merge.add_argument("keep", metavar="A", help="the contact that stays")
    merge.add_argument("fold", metavar="B", help="the contact folded into A, then gone")

    cli_tending.add_parsers(command)
    cli_helping.add_parsers(command)
    cli_stats.add_parser(command)
    cli_export.add_parser(command)

    demo = command("demo", commands.demo, "fill an empty garden with a realistic demo")
    demo.add_argument("--contacts", type=int, default=60, metavar="N")
    demo.add_argument("--interactions", type=int, default=600, metavar="M")
    demo.add_argument("--seed", type=int, default=7, metavar="S")

    cli_init.add_parser(command)
    cli_importing.add_import_command(command)
    cli_keeping.add_parsers(command)
    cli_capture.add_parsers(command, common)
    cli_sync.add_parsers(command, common)

    command("where", commands.where, "print where the database, config and backups live")
    return parser


def _undecodable(word: str) -> bool:
    """Bytes the system's encoding could not read come in as lone surrogates."""
    return any("\udc80" <= char <= "\udcff" for char in word)


def _typed(argv: list[str]) -> str:
    """The command as typed, for the undo step it makes: without --db and --debug."""
    words, skip = [], False
    for word in argv:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif word != "--debug" and not word.startswith("--db="):
            words.append(word if word and " " not in word else repr(word))
    return " ".join(words)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    garbled = next((word for word in argv if _undecodable(word)), None)
    if garbled is not None:
        shown = visible(garbled.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        print(f"netgarden: an argument is not text this system can read ({shown}): "
              "check your terminal's encoding (UTF-8)", file=sys.stderr)
        return 1
    args = build_parser().parse_args(argv)
    args.typed = _typed(argv)
    debug = getattr(args, "debug", False)
    try:
        if args.command is None:
            return commands.open_app(args)  # the app resumes the collector after its first frame
        resume_collector()
        return args.handler(args)
    except USER_ERRORS as error:
        # visible(): names from the garden are data, never terminal escapes or extra lines
        message = explain(error) if isinstance(error, StoreError) else str(error)
        print(f"netgarden: {visible(message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `netgarden due | head`: the reader had enough, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the last line of defence: no traceback for users
        if debug:
            raise
        print(f"netgarden: unexpected error: {error!r} (run again with --debug for details)",
              file=sys.stderr)
        return 1
