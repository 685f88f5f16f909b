"""`netgarden init`: the app's welcome for the command line and scripts (issue 25).

An address book to import, then what the features need: your own addresses, your home
region for phone numbers, where your mail and calendars are, whether to capture as the
app opens. Each has a flag; run in a terminal, it asks for what no flag gave, offering
what it found in the usual places (garden/setup.py, shared with the welcome). With
``--yes`` it asks nothing and takes what it found for each question no flag answered;
when its input is not a terminal it asks nothing and writes only what the flags say.

Every answer is checked before anything is written: a bad one is one line on stderr and
exit code 1, and the config and the garden are as they were. Then the config is written
whole (one atomic write) and the import is one transaction, as ``netgarden import``'s.
"""

import sys
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.config import Config, default_config, load_config, locate
from netgarden_tui.garden import setup
from netgarden_tui.garden.actions import InvalidInput

SKIP = "-"


def add_parsers(command) -> None:
    """Register the subcommand; ``command``: cli.CommandAdder."""
    parser = command("init", init, "set up: import your address book, then your addresses, "
                                   "home region, mail and calendars (asks in a terminal)")
    parser.add_argument("--import", dest="import_path", metavar="PATH",
                        help="an address book: a vCard file or folder, LinkedIn's "
                             "Connections.csv, a Google Contacts CSV")
    parser.add_argument("--email", metavar="ADDRESS", action="append",
                        help="an address of yours (repeat for each): capture tells what you "
                             "sent from what you received by them")
    parser.add_argument("--region", metavar="XX",
                        help='your home region for phone numbers: "GB", "US", "DE"...')
    parser.add_argument("--maildir", metavar="PATH", action="append",
                        help="a Maildir folder or mbox file to capture from (repeat for each)")
    parser.add_argument("--calendars", metavar="PATH", action="append",
                        help="an .ics file or calendar folder to capture from (repeat for each)")
    on_start = parser.add_mutually_exclusive_group()
    on_start.add_argument("--capture-on-start", dest="on_start", action="store_const",
                          const=True, help="capture in the background as the app opens")
    on_start.add_argument("--no-capture-on-start", dest="on_start", action="store_const",
                          const=False, help="capture only when asked")
    parser.add_argument("--yes", "-y", action="store_true",
                        help="ask nothing: take what was found for each question no flag "
                             "answered (an import only with --import)")


def init(args) -> int:
    home = Path.home()
    config_file = locate(getattr(args, "db", None)).config_file
    current = _current_config(config_file)
    answers = _from_flags(args, home)  # checked: a bad flag stops here, nothing written
    import_path = _import_path(args.import_path, home) if args.import_path else None
    found = _Found(home)
    if args.yes:
        answers = _take_found(answers, current, found, home)
    elif sys.stdin.isatty():
        try:
            import_path = import_path or _ask_import(found, home)
            if import_path is not None and not _confirmed(args, import_path):
                import_path = None
        except EOFError:  # the input ended: nothing more is asked
            print()
        else:
            answers = _ask(answers, current, found, home)
    report = None
    with garden(args) as config:  # made now if there was none
        if answers.any():
            config = setup.save_answers(config, answers)  # a new region keys the phones
        if import_path is not None:
            from netgarden_tui.garden.importing import import_path as run_import

            with change(args):  # one transaction, one undo step, as netgarden import
                report = run_import(import_path)
    _tell(report, answers, config, config_file, home)
    return 1 if report is not None and report.problem else 0


def _confirmed(args, path: Path) -> bool:
    """The import's dry run shown, and the person's yes."""
    from netgarden_tui.garden.importing import import_path, report_lines

    with garden(args):
        preview = import_path(path, dry_run=True)
    print("\n".join(output.line(line) for line in report_lines(preview)))
    if preview.problem:
        print(f"netgarden: {output.line(preview.problem)}", file=sys.stderr)
        return False
    return _yes(f"Import {path.name}?", default=True)


def _current_config(config_file: Path) -> Config:
    """The config as it is, without writing one when there is none yet."""
    if config_file.exists():
        return load_config(config_file)
    return replace(default_config(), path=config_file)


def _from_flags(args, home: Path) -> setup.Answers:
    return setup.Answers(
        me=setup.check_addresses(args.email) if args.email else None,
        region=setup.check_region(args.region) if args.region else None,
        mail=setup.check_paths(args.maildir, home) if args.maildir else None,
        calendars=setup.check_paths(args.calendars, home) if args.calendars else None,
        on_start=args.on_start)


def _import_path(text: str, home: Path) -> Path:
    """An address book that is there and can be read as one (told from its content)."""
    from netgarden_tui.garden.importing import detect_format

    path = setup.expand(text, home)
    if not path.exists():
        raise InvalidInput(f"can't read {text}: no such file or folder")
    try:
        kind = detect_format(path)
    except InvalidInput as error:
        if "--format" not in str(error):
            raise
        raise InvalidInput(f"can't tell what kind of address book {text} is (netgarden import "
                           f"{text} --format vcard|linkedin|google|csv reads it as one)") from None
    if kind == "json":
        raise InvalidInput(f"{text} is a netgarden export: netgarden import {text} loads it")
    return path


class _Found:
    """What the usual places hold, each looked for when first asked."""

    def __init__(self, home: Path) -> None:
        self.home = home

    @cached_property
    def address_books(self) -> list[setup.Found]:
        return setup.address_books(self.home)

    @cached_property
    def me(self) -> list[str]:
        return setup.own_addresses(self.home)

    @cached_property
    def region(self) -> str | None:
        return setup.home_region()

    @cached_property
    def mail(self) -> list[setup.Found]:
        return setup.mail_folders(self.home)

    @cached_property
    def calendars(self) -> list[setup.Found]:
        return setup.calendar_folders(self.home)

    def paths(self, name: str) -> tuple[str, ...]:
        """The mail or calendar folders found, as the config keeps them."""
        return tuple(setup.config_path(str(place.path), self.home)
                     for place in getattr(self, name))


def _take_found(answers: setup.Answers, current: Config, found: _Found,
                home: Path) -> setup.Answers:
    """--yes: what was found, for each question no flag answered and the config leaves
    unset; never an import (that takes --import)."""
    capture = current.capture

    def unset(name: str, configured) -> bool:
        return getattr(answers, name) is None and not configured

    return replace(answers, **{name: value for name, value in (
        ("me", tuple(found.me) if unset("me", capture.me) else None),
        ("region", found.region if unset("region", current.region) else None),
        ("mail", found.paths("mail") if unset("mail", capture.mail) else None),
        ("calendars", found.paths("calendars") if unset("calendars", capture.calendars)
         else None)) if value})


# --- asking --------------------------------------------------------------------------------

def _ask(answers: setup.Answers, current: Config, found: _Found, home: Path) -> setup.Answers:
    """Ask for what no flag gave, in a terminal; the end of the input skips the rest."""
    try:
        questions = {question.name: question for question in setup.QUESTIONS}
        capture = current.capture
        if answers.me is None:
            default = setup.typed_list(capture.me) or setup.typed_list(found.me)
            answers = replace(answers, me=_ask_one(
                questions["me"], "Addresses, separated by commas", default,
                setup.check_addresses))
        if answers.region is None:
            answers = replace(answers, region=_ask_one(
                questions["region"], "Region", current.region or found.region or "",
                setup.check_region))
        for name in ("mail", "calendars"):
            if getattr(answers, name) is None:
                places = getattr(found, name)
                default = setup.typed_list(getattr(capture, name), home) or setup.typed_list(
                    [setup.shown(place.path, home) for place in places])
                answers = replace(answers, **{name: _ask_one(
                    questions[name], "Paths, separated by commas", default,
                    lambda text: setup.check_paths(text, home),
                    found=[_place(place, home) for place in places])})
        will_capture = (answers.mail or answers.calendars
                        or (answers.mail is None and capture.mail)
                        or (answers.calendars is None and capture.calendars))
        if answers.on_start is None and will_capture:
            question = questions["on_start"]
            print(f"\n{question.title.rstrip('?')}\n  {question.why}")
            answers = replace(answers, on_start=_yes("Capture?", default=capture.on_start))
    except EOFError:
        print()
    return answers


def _ask_import(found: _Found, home: Path) -> Path | None:
    """The address book to import: a path, or the number of one found; None: skipped."""
    question = setup.ADDRESS_BOOK
    print(f"{question.title}\n  {question.why}")
    places = found.address_books
    for number, place in enumerate(places, 1):
        print(f"  {number}  {_place(place, home)}")
    which = "a path or a number" if places else "a path"
    while True:
        text = input(f"Import ({which}; Enter skips): ").strip()
        if not text:
            return None
        if text.isdigit() and 1 <= int(text) <= len(places):
            return places[int(text) - 1].path
        try:
            return _import_path(text, home)
        except InvalidInput as error:
            print(f"netgarden: {output.line(str(error))}", file=sys.stderr)


def _place(place: setup.Found, home: Path) -> str:
    """ "~/Mail  (1 mail folder)": a place found, on one line."""
    return f"{output.line(setup.shown(place.path, home))}  ({output.line(place.what)})"


def _ask_one(question: setup.Question, what: str, default: str, check, *,
             found: list[str] = ()):
    """One answer, checked (a bad one is said and asked again); None: skipped. ``found``:
    lines saying what was found, under the question."""
    print(f"\n{question.title}\n  {question.why}")
    for line in found:
        print(f"  found {line}")
    offer = f" [{default}]" if default else ""
    keys = "Enter takes it, - skips" if default else "Enter skips"
    while True:
        text = input(f"{what}{offer} ({keys}): ").strip()
        if text == SKIP or not (text or default):
            return None
        try:
            return check(text or default)
        except InvalidInput as error:
            print(f"netgarden: {output.line(str(error))}", file=sys.stderr)


def _yes(prompt: str, *, default: bool) -> bool:
    text = input(f"{prompt} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
    return default if not text else text.startswith("y")


# --- saying what was done ------------------------------------------------------------------

def _tell(report, answers: setup.Answers, config: Config, config_file: Path,
          home: Path) -> None:
    from netgarden_tui.cli.importing import report_text

    if report is not None:
        print(report_text(report))
    if answers.any():
        print(f"wrote {output.line(setup.shown(config_file, home))}:")
        print("\n".join(f"  {output.line(line)}" for line in setup.answer_lines(answers, home)))
    elif report is None:
        print("nothing to write: answer with --import, --email, --region, --maildir, "
              "--calendars (netgarden init --help), or run it in a terminal to be asked")
    capture = config.capture
    if capture.mail or capture.calendars:
        print("next: netgarden capture, then netgarden (the queue: netgarden due)")
    else:
        print("next: netgarden (the queue: netgarden due)")
