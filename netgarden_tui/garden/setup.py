"""First steps (issue 25): what a newcomer's garden needs, found where it usually is, and
the answers written to the config. ``netgarden init`` and the app's welcome both use it.

Everything is looked for under a given home folder (the tests give a temporary one), and
only read: address books in Downloads (vCards, LinkedIn's Connections.csv, Google
Contacts' CSV) and vdirs under ``~/.contacts``; mail in ``~/Mail``, ``~/.mail``,
``~/Maildir``; calendars in ``~/.calendars``; the folders khal, khard, vdirsyncer,
notmuch and mbsync are configured with; your own addresses in git's, notmuch's and
msmtp's configs; your home region from the locale. A file that cannot be read, or does
not say what it should, is passed over: finding is a help, never an error.

The answers (``Answers``) replace what the config said; ``save_answers`` writes them in
one atomic write of the config file (``config.save_config``), the garden's phone keys
brought in line with a new region in the same action.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from netgarden_tui import phones
from netgarden_tui.config import Config, load_config, save_config
from netgarden_tui.garden.actions import InvalidInput

MAX_FOUND = 8  # places of each kind offered: the newest first
VCARD_SUFFIXES = (".vcf", ".vcard")
MAIL_PLACES = ("Mail", ".mail", "Maildir")
CALENDAR_PLACES = (".calendars", ".local/share/calendars", ".local/share/khal/calendars")
CONTACT_PLACES = (".contacts", ".local/share/contacts")
DOWNLOADS = ("Downloads", "Desktop", "")  # "": the home folder itself
LINKEDIN_EXPORTS = re.compile(r"(basic|complete)_linkedindataexport|linkedin", re.IGNORECASE)
_READ_AT_MOST = 1 << 20  # a config file longer than this is no config file
_COUNT_AT_MOST = 16 << 20  # bytes of a vCard file read to count its cards
_EMAIL = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+")
_SECTION = re.compile(r"(\[+)\s*([^\[\]]*?)\s*(\]+)")
REGION_ALIASES = {"UK": "GB"}  # what people write for a region ISO names otherwise
_LOCALE = re.compile(r"[a-z]{2,3}_([A-Za-z]{2})\b")


class Found(NamedTuple):
    """A place found: where, and what it is in words ("LinkedIn connections",
    "a vCard folder, 42 cards", "from khal's config")."""

    path: Path
    what: str


# The next step, in one line, wherever an empty garden is seen (netgarden due, list).
NEXT_STEP = "Your garden is empty: netgarden init sets it up, from your address book."


class Question(NamedTuple):
    """One thing the features need to know, as init and the welcome ask it."""

    name: str  # the field of Answers it fills
    title: str
    why: str  # what it is for, in one line


ADDRESS_BOOK = Question(
    "import", "Your address book",
    "a vCard file or folder, LinkedIn's Connections.csv or Google's CSV")
QUESTIONS = (
    Question("me", "Your own email addresses",
             "capture tells the mail you sent from the mail you received by them"),
    Question("region", "Your home region, for phone numbers",
             'numbers without a country code are read as from there ("GB", "US", "DE")'),
    Question("mail", "Where your mail is",
             "Maildir folders or mbox files; each exchange with your people is a touch"),
    Question("calendars", "Where your calendars are",
             ".ics files or calendar folders; each meeting with your people is a touch"),
    Question("on_start", "Capture as the app opens?",
             "new mail and meetings read in the background each time it opens"),
)


@dataclass(frozen=True)
class Answers:
    """What a person answered; None: not asked, or skipped (the config keeps its value).
    Each answer given replaces the config's."""

    me: tuple[str, ...] | None = None  # your own email addresses
    region: str | None = None  # where phone numbers without a country code are from
    mail: tuple[str, ...] | None = None  # Maildir folders and mbox files, as the config has them
    calendars: tuple[str, ...] | None = None  # .ics files and calendar folders
    on_start: bool | None = None  # capture as the app opens

    def any(self) -> bool:
        return any(value is not None for value in vars(self).values())


# --- paths as a person types them --------------------------------------------------------

def expand(text: str, home: Path) -> Path:
    """A path typed: ``~`` is ``home``; a relative one is from the current folder."""
    text = text.strip()
    if text == "~" or text.startswith("~/"):
        return home / text[2:]
    return Path(text).absolute()


def shown(path: Path, home: Path) -> str:
    """A path as a person reads it: ``~/Downloads/contacts.vcf`` under ``home``."""
    try:
        inside = path.relative_to(home)
    except ValueError:
        return str(path)
    return "~" if str(inside) == "." else f"~/{inside}"


def config_path(text: str, home: Path) -> str:
    """A path typed, as the config keeps it: ``~/Mail`` under your own home (the config
    expands ``~`` itself), the whole path otherwise (a home given for a test, a relative
    path typed: cron runs capture from another folder)."""
    path = expand(text, home)
    return shown(path, home) if home == Path.home() else str(path)


def config_home(home: Path, environ: Mapping[str, str] | None = None) -> Path:
    """Where programs keep their configs: $XDG_CONFIG_HOME for your own home, else
    ``home/.config``."""
    environ = os.environ if environ is None else environ
    if environ.get("XDG_CONFIG_HOME") and home == Path.home():
        return Path(environ["XDG_CONFIG_HOME"])
    return home / ".config"


def completions(text: str, home: Path, *, limit: int = 100) -> list[str]:
    """What a path being typed could go on to be, as typed: ``~/Dow`` gives
    ``~/Downloads/`` (a folder ends in "/"). Hidden names only when what is typed of the
    name starts with "."; case counts, as it does on the disk."""
    if not text.strip() or text.startswith("~") and not text.startswith("~/"):
        return ["~/"] if text == "~" else []
    head, slash, part = text.rpartition("/")
    folder = expand(head + slash, home) if slash else Path.cwd()
    if slash and not head and not text.startswith("~"):
        folder = Path("/")
    found = []
    for entry in _entries(folder):
        name = entry.name
        if name.startswith(part) and (part.startswith(".") or not name.startswith(".")):
            found.append(f"{head}{slash}{name}{'/' if entry.is_dir() else ''}")
            if len(found) == limit:
                break
    return found


def completed(text: str, home: Path) -> str | None:
    """``text`` completed as far as it can be (as a shell's tab does), else with the
    first of several; None when nothing on the disk goes on from it."""
    found = completions(text, home)
    if not found:
        return None
    common = os.path.commonprefix(found)
    return common if len(common) > len(text) else found[0]


# --- checking answers ----------------------------------------------------------------------

def check_addresses(text: str | Iterable[str]) -> tuple[str, ...]:
    """Email addresses, separated by commas or spaces (or given one by one), each once."""
    words = text.replace(",", " ").split() if isinstance(text, str) else [
        word for item in text for word in item.replace(",", " ").split()]
    addresses = []
    for word in words:
        if not _EMAIL.fullmatch(word) or word.startswith("@") or word.endswith("@"):
            raise InvalidInput(f'"{word}" is not an email address (such as ann@example.com)')
        if word.lower() not in (known.lower() for known in addresses):
            addresses.append(word)
    return tuple(addresses)


def check_region(text: str) -> str:
    """A two-letter region that phone numbers know ("GB", "US", "DE"), in upper case
    ("UK", as people write it, is GB)."""
    code = text.strip().upper()
    code = REGION_ALIASES.get(code, code)
    if len(code) != 2 or not code.isalpha() or not phones.is_region(code):
        raise InvalidInput(f'"{text.strip()}" is not a region phone numbers know (a two-letter '
                           'code such as "GB", "US", "DE")')
    return code


def check_paths(text: str | Iterable[str], home: Path) -> tuple[str, ...]:
    """Paths that are there, separated by commas (or given one by one), as the config
    keeps them."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    paths = []
    for part in filter(None, (part.strip() for part in parts)):
        if not expand(part, home).exists():
            raise InvalidInput(f"{part}: no such file or folder")
        kept = config_path(part, home)
        if kept not in paths:
            paths.append(kept)
    return tuple(paths)


def typed_list(values: Iterable[str], home: Path | None = None) -> str:
    """A list as a field shows it, separated by commas: addresses, or (with ``home``)
    paths, those under ``home`` with ``~``."""
    if home is not None:
        values = [shown(Path(value), home) if Path(value).is_absolute() else value
                  for value in values]
    return ", ".join(values)


# --- the config ----------------------------------------------------------------------------

def configured(config: Config, answers: Answers) -> Config:
    """``config`` with the answers given in place of what it said."""
    capture = config.capture._replace(**{
        name: value for name, value in (("me", answers.me), ("mail", answers.mail),
                                        ("calendars", answers.calendars),
                                        ("on_start", answers.on_start))
        if value is not None})
    region = answers.region if answers.region is not None else config.region
    return replace(config, capture=capture, region=region)


def save_answers(config: Config, answers: Answers) -> Config:
    """Write the answers into the config file (read again first, so what was changed in
    it meanwhile stays), in one atomic write; a new region keys the open garden's phone
    numbers again (call it inside the action's transaction). Returns the config now."""
    from netgarden_tui.store import match_keys

    current = load_config(config.path) if config.path is not None else config
    new = configured(current, answers)
    if answers.region is not None and new.region != match_keys.phone_region():
        match_keys.set_phone_region(new.region)
    save_config(new)
    return new


def garden_is_empty() -> bool:
    """Whether the open garden has no contact at all, archived ones counted."""
    from netgarden_tui.store import queries

    return not queries.has_contacts()


def answer_lines(answers: Answers, home: Path | None = None) -> list[str]:
    """What was written, one line a setting, with the config's name for it (paths under
    ``home`` with ``~``)."""
    def paths(values: tuple[str, ...]) -> str:
        return (typed_list(values, home) if home is not None else ", ".join(values)) or "none"

    lines = []
    if answers.me is not None:
        lines.append(f"your addresses (capture.me): {', '.join(answers.me) or 'none'}")
    if answers.region is not None:
        lines.append(f"home region for phone numbers (region): {answers.region}")
    if answers.mail is not None:
        lines.append(f"mail (capture.mail): {paths(answers.mail)}")
    if answers.calendars is not None:
        lines.append(f"calendars (capture.calendars): {paths(answers.calendars)}")
    if answers.on_start is not None:
        lines.append(f"capture as the app opens (capture.on_start): "
                     f"{'yes' if answers.on_start else 'no'}")
    return lines


# --- finding: address books ----------------------------------------------------------------

def address_books(home: Path, environ: Mapping[str, str] | None = None) -> list[Found]:
    """Address books to import: vCard files, LinkedIn's and Google's CSV exports in
    Downloads, on the desktop or at home (the newest first, LinkedIn's export folders
    looked into), then the vdirs (one card a file) under ~/.contacts and wherever khard
    and vdirsyncer keep contacts."""
    files: list[tuple[float, Found]] = []
    for name in DOWNLOADS:
        folder = home / name
        for entry in _entries(folder):
            if entry.is_dir() and LINKEDIN_EXPORTS.search(entry.name):
                files += [found for inner in _entries(entry) if (found := _address_file(inner))]
            elif found := _address_file(entry):
                files.append(found)
    files.sort(key=lambda pair: -pair[0])
    found = [found for _, found in files]
    roots = [*(Found(home / place, "") for place in CONTACT_PLACES),
             *_configured_folders(home, environ, "contacts")]
    for root in roots:
        for folder in _vdirs(root.path):
            cards = sum(1 for entry in _entries(folder)
                        if entry.suffix.lower() in VCARD_SUFFIXES)
            source = f", {root.what}" if root.what else ""
            found.append(Found(folder, f"a vCard folder, {_count(cards, 'card')}{source}"))
    return _without_repeats(found)[:MAX_FOUND]


def _address_file(path: Path) -> tuple[float, Found] | None:
    """(when it was written, what it is) for a file that is an address book."""
    suffix = path.suffix.lower()
    if suffix not in (*VCARD_SUFFIXES, ".csv") or not path.is_file():
        return None
    try:
        written = path.stat().st_mtime
    except OSError:
        return None
    if suffix in VCARD_SUFFIXES:
        cards = _vcard_count(path)
        return (written, Found(path, f"vCards, {_count(cards, 'card')}")) if cards else None
    from netgarden_tui.garden.importing import detect_format  # only when a CSV is there

    try:
        kind = detect_format(path)
    except InvalidInput:
        return None
    words = {"linkedin": "LinkedIn connections", "google": "Google Contacts"}
    if kind in words:
        return written, Found(path, words[kind])
    if kind == "csv" and "contact" in path.name.lower():
        return written, Found(path, "a CSV of contacts")
    return None


def _vcard_count(path: Path) -> int:
    try:
        with path.open("rb") as file:
            data = file.read(_COUNT_AT_MOST)
    except OSError:
        return 0
    return len(re.findall(rb"(?im)^(?:[a-z0-9-]+\.)?begin[ \t]*:[ \t]*vcard", data))


def _vdirs(root: Path, depth: int = 3) -> Iterator[Path]:
    """Folders at or under ``root`` (``depth`` levels at most) holding .vcf files."""
    entries = _entries(root)
    if any(entry.suffix.lower() in VCARD_SUFFIXES and entry.is_file() for entry in entries):
        yield root
    if depth:
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith("."):
                yield from _vdirs(entry, depth - 1)


# --- finding: mail and calendars -------------------------------------------------------

def mail_folders(home: Path, environ: Mapping[str, str] | None = None) -> list[Found]:
    """Where mail is: ~/Mail, ~/.mail, ~/Maildir, and the folders notmuch and mbsync are
    configured with; each holding a Maildir folder or an mbox file."""
    from netgarden_tui.garden.capture.mailfiles import sources

    places = [Found(home / name, "") for name in MAIL_PLACES]
    places += _configured_folders(home, environ, "mail")
    found = []
    for place in places:
        if place.path.is_dir() and next(sources(place.path), None) is not None:
            count = sum(1 for _ in zip(range(1000), sources(place.path)))
            words = _count(count, "mail folder") if count < 1000 else "1000 mail folders or more"
            found.append(Found(place.path, words + (f", {place.what}" if place.what else "")))
    return _roots_only(found)[:MAX_FOUND]


def calendar_folders(home: Path, environ: Mapping[str, str] | None = None) -> list[Found]:
    """Where calendars are: ~/.calendars, and the folders khal and vdirsyncer are
    configured with; each holding .ics files."""
    places = [Found(home / name, "") for name in CALENDAR_PLACES]
    places += _configured_folders(home, environ, "calendars")
    found = []
    for place in places:
        count = _ics_count(place.path)
        if count:
            words = _count(count, "event file") if count < 1000 else "1000 event files or more"
            found.append(Found(place.path, words + (f", {place.what}" if place.what else "")))
    return _roots_only(found)[:MAX_FOUND]


def _ics_count(path: Path) -> int:
    if path.is_file():
        return int(path.suffix.lower() == ".ics")
    if not path.is_dir():
        return 0
    try:
        return sum(1 for _ in zip(range(1000), path.rglob("*.ics")))
    except OSError:
        return 0


# --- finding: you ----------------------------------------------------------------------------

def own_addresses(home: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """Your addresses as your programs know them: git's user.email, notmuch's primary and
    other addresses, msmtp's "from"."""
    configs = config_home(home, environ)
    found = []
    for path in (home / ".gitconfig", configs / "git" / "config"):
        found += [keys["email"] for name, keys in _sections(path)
                  if name == ("user",) and "email" in keys]
    for path in (home / ".notmuch-config", configs / "notmuch" / "default" / "config"):
        for name, keys in _sections(path):
            if name == ("user",):
                found += [keys.get("primary_email", ""), *keys.get("other_email", "").split(";")]
    found += [line.split()[1] for line in _lines(home / ".msmtprc")
              if line.split()[:1] == ["from"] and len(line.split()) > 1]
    kept = []
    for address in found:
        address = address.strip()
        if _EMAIL.fullmatch(address) and address.lower() not in map(str.lower, kept):
            kept.append(address)
    return kept


def home_region(environ: Mapping[str, str] | None = None) -> str | None:
    """The region of your locale (LC_ALL, LC_TELEPHONE, LANG: "en_GB.UTF-8" is GB), if
    phone numbers know it."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        match = _LOCALE.match(environ.get(name, ""))
        if match:
            code = match.group(1).upper()
            return code if phones.is_region(code) else None
    return None


# --- other programs' configs -----------------------------------------------------------

def _configured_folders(home: Path, environ: Mapping[str, str] | None,
                        kind: str) -> list[Found]:
    """The folders of ``kind`` ("contacts", "calendars" or "mail") other programs'
    configs name, each with whose config named it."""
    configs = config_home(home, environ)
    found: list[Found] = []

    def add(value: str, whose: str, discover: bool = False) -> None:
        value = value.strip()
        if not value.startswith(("~/", "/")):
            return  # empty, or relative to what we cannot know
        path = expand(value, home)
        paths = [Path(each) for each in sorted(glob.glob(str(path)))] if discover else [path]
        found.extend(Found(each, f"from {whose}'s config") for each in paths)

    if kind in ("calendars", "contacts"):
        extension = ".ics" if kind == "calendars" else ".vcf"
        for path in (configs / "vdirsyncer" / "config", home / ".vdirsyncer" / "config"):
            for name, keys in _sections(path):
                if (name[0].split()[:1] == ["storage"] and keys.get("type") == "filesystem"
                        and keys.get("fileext", "").lower() == extension):
                    add(keys.get("path", ""), "vdirsyncer")
    if kind == "calendars":
        for path in (configs / "khal" / "config", configs / "khal" / "khal.conf",
                     home / ".khal" / "khal.conf"):
            for name, keys in _sections(path):
                if len(name) == 2 and name[0] == "calendars" and "path" in keys:
                    add(keys["path"], "khal", discover=keys.get("type") == "discover")
    if kind == "contacts":
        for path in (configs / "khard" / "khard.conf", home / ".khard" / "khard.conf"):
            for name, keys in _sections(path):
                if len(name) == 2 and name[0] == "addressbooks" and "path" in keys:
                    add(keys["path"], "khard")
    if kind == "mail":
        for path in (home / ".notmuch-config", configs / "notmuch" / "default" / "config"):
            for name, keys in _sections(path):
                if name == ("database",) and "path" in keys:
                    add(keys["path"] if keys["path"].startswith(("~", "/"))
                        else str(home / keys["path"]), "notmuch")
        for rc in (home / ".mbsyncrc", configs / "isync" / "mbsyncrc"):
            for line in _lines(rc):
                words = line.split(None, 1)
                if len(words) == 2 and words[0].lower() == "path":
                    add(words[1].strip().strip('"'), "mbsync")
    return found


def _sections(path: Path) -> list[tuple[tuple[str, ...], dict[str, str]]]:
    """The sections of an INI-like config (git's, notmuch's, vdirsyncer's, and khal's and
    khard's with their nested ``[[name]]``): each as its name (with its parent's, when
    nested) and its keys, in lower case, with their values unquoted."""
    sections: list[tuple[tuple[str, ...], dict[str, str]]] = []
    keys: dict[str, str] | None = None
    top = ""
    for line in _lines(path):
        header = _SECTION.fullmatch(line)
        if header:
            keys = {}
            if len(header.group(1)) == 1:
                top = header.group(2)
                sections.append(((top,), keys))
            else:
                sections.append(((top, header.group(2)), keys))
            continue
        key, equals, value = line.partition("=")
        if equals and keys is not None:
            keys[key.strip().lower()] = _unquoted(value.strip())
    return sections


def _lines(path: Path) -> list[str]:
    """A small text file's lines, stripped, without blank lines and comments; none when
    it is not there, too big or cannot be read."""
    try:
        if not path.is_file() or path.stat().st_size > _READ_AT_MOST:
            return []
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in (raw.strip() for raw in text.splitlines())
            if line and line[0] not in "#;"]


def _unquoted(value: str) -> str:
    """A value as vdirsyncer (JSON), git or configobj write it: quotes and a trailing
    comment taken off."""
    if value[:1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value.strip('"')
        return decoded if isinstance(decoded, str) else ""
    if value[:1] == "'":
        return value.strip("'")
    return value.split(" #", 1)[0].strip()


# --- helpers -------------------------------------------------------------------------

def _entries(folder: Path) -> list[Path]:
    """What a folder holds, by name; nothing when it is not there or cannot be read."""
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def _without_repeats(found: list[Found]) -> list[Found]:
    seen: set[Path] = set()
    kept = []
    for each in found:
        key = _real(each.path)
        if key not in seen:
            seen.add(key)
            kept.append(each)
    return kept


def _roots_only(found: list[Found]) -> list[Found]:
    """Each place once, and none inside another found (capture reads a folder whole)."""
    found = _without_repeats(found)
    real = [_real(each.path) for each in found]
    return [each for each, path in zip(found, real)
            if not any(other != path and other in path.parents for other in real)]


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
