"""The `netgarden` command: a subcommand per action, or the full-screen app with none."""

import argparse
import importlib
import os
import sys

from netgarden_tui import __version__
from netgarden_tui.cli.errors import USER_ERRORS, CliParser
from netgarden_tui.garden.display import visible
from netgarden_tui.locations import PasswordShown, refuse_password
from netgarden_tui.startup import end_process, resume_collector
from netgarden_tui.store.database import StoreError, explain

# The commands each module of cli/ adds (its add_parsers), in the order --help lists them.
# Only the module of the command typed is imported and its commands built, which keeps
# every command's start short however many there are (tests/bench_core.py): all of them
# only for --help or a command mistyped, none for the app.
COMMANDS_BY_MODULE = {
    "commands": ("add", "edit", "log", "due", "list", "show", "snooze", "done", "archive",
                 "demo", "where"),
    "digest": ("digest",),
    "dupes": ("dupes", "merge"),
    "tending": ("fact", "favour", "favour-status", "intro", "event", "circles", "regroup"),
    "helping": ("need", "offer", "need-met", "who"),
    "stats": ("stats",),
    "export": ("export",),
    "init": ("init",),
    "importing": ("import",),
    "keeping": ("backup", "backups", "restore", "undo", "redo", "touch", "check", "copy"),
    "capture": ("capture",),
    "sync": ("sync",),
}


def garden_address(text: str) -> str:
    """An argparse type: a garden file or server URL, without a password."""
    if not text.strip():  # an unset variable in a script: never the default garden instead
        raise argparse.ArgumentTypeError("empty: give a garden file or a postgresql:// URL")
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


class CommandAdder:
    """What each module's ``add_parsers(command)`` adds its commands with:
    ``command(name, handler, help)`` is a new subcommand's parser, taking the options every
    command takes, which are ``command.common`` (for a command's own subcommands)."""

    def __init__(self, subparsers, common: argparse.ArgumentParser):
        self.subparsers, self.common = subparsers, common

    def __call__(self, name: str, handler, help_text: str) -> argparse.ArgumentParser:
        child = self.subparsers.add_parser(name, parents=[self.common], help=help_text,
                                           description=help_text)
        child.set_defaults(handler=handler)
        return child


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for this command line (every command's without one)."""
    common = _common()
    parser = CliParser(prog="netgarden", parents=[common],
                       description="A keyboard-driven personal CRM for your professional network. "
                                   "With no command, opens the full-screen app.")
    parser.add_argument("--version", action="version", version=f"netgarden {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway demo garden")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)
    command = CommandAdder(sub, common)
    for module in _modules_needed(argv):
        importlib.import_module(f"netgarden_tui.cli.{module}").add_parsers(command)
    return parser


def _modules_needed(argv: list[str] | None) -> list[str]:
    """The module of the command typed; none without a command (the app); all of them
    for help before any command, or a command mistyped (argparse then lists them)."""
    everything = list(COMMANDS_BY_MODULE)
    if argv is None:
        return everything
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return everything
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return [module for module, names in COMMANDS_BY_MODULE.items() if word in names] \
                or everything
    return []


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


def main(argv: list[str] | None = None, *, ends_process: bool = False) -> int:
    """Run the command line; with ``ends_process`` (the installed command), a finished
    command ends the process at once (startup.end_process)."""
    argv = sys.argv[1:] if argv is None else argv
    garbled = next((word for word in argv if _undecodable(word)), None)
    if garbled is not None:
        shown = visible(garbled.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        print(f"netgarden: an argument is not text this system can read ({shown}): "
              "check your terminal's encoding (UTF-8)", file=sys.stderr)
        return 1
    args = build_parser(argv).parse_args(argv)
    args.typed = _typed(argv)
    if args.command is None:
        from netgarden_tui.cli.commands import open_app

        return _run(open_app, args)  # the app resumes the collector after its first frame
    resume_collector()
    code = _run(args.handler, args)
    if ends_process:
        end_process(code)
    return code


def _run(handler, args) -> int:
    """The handler's exit code, with a user's error as one line on stderr."""
    debug = getattr(args, "debug", False)
    try:
        return handler(args)
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
