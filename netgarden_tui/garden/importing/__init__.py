"""Importing contacts: vCards (a file or a folder), LinkedIn, Google Contacts, any CSV, and
netgarden's own JSON export (garden/export.py).

``import_path`` tells the format from the content, parses the file into drafts
(drafts.py, vcard.py, csvfiles.py) and matches and writes them (apply.py). The garden
must be open; each record is written whole or not at all, and callers run the whole
import in one transaction (the command line, and the app's ``perform``), so a kill
leaves nothing of a file in.
"""

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netgarden_tui.garden.formats import IMPORT_FORMATS
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.importing import csvfiles, vcard
from netgarden_tui.garden.importing.apply import Progress, RecordOutcome, apply
from netgarden_tui.garden.importing.drafts import (
    ContactDraft, Parsed, SkippedRecord, decode, read_text,
)

__all__ = ["FORMATS", "RESULTS", "ContactDraft", "ImportReport", "RecordOutcome",
           "SkippedRecord", "detect_format", "import_path", "parse_path", "parse_mapping",
           "report_lines"]

FORMATS = IMPORT_FORMATS
RESULTS = ("created", "updated", "unchanged", "skipped")
HEAD_BYTES = 65536  # enough of a file to tell its format
VCARD_START = re.compile(r"(?:[A-Za-z0-9-]+\.)?BEGIN[ \t]*:[ \t]*VCARD", re.IGNORECASE)
# What the report calls each kind of thing not kept, one and many.
NOT_KEPT_WORDS = {"photo": ("photo", "photos"), "logo": ("logo", "logos"),
                  "sound": ("sound", "sounds"), "key": ("key", "keys")}


@dataclass
class ImportReport:
    path: Path
    format: str
    dry_run: bool
    counts: dict[str, int]  # every one of RESULTS
    outcomes: list[RecordOutcome] = field(default_factory=list)  # each record, in order
    ignored_columns: tuple[str, ...] = ()  # columns with data that have no place here
    not_kept: Counter = field(default_factory=Counter)  # what the records held, left out
    encoding: str = "UTF-8"  # what the file was read as

    @property
    def skipped(self) -> list[RecordOutcome]:
        return [outcome for outcome in self.outcomes if outcome.result == "skipped"]

    @property
    def new_jobs(self) -> list[RecordOutcome]:
        return [outcome for outcome in self.outcomes if outcome.new_job]

    @property
    def renamed(self) -> list[RecordOutcome]:
        return [outcome for outcome in self.outcomes if outcome.renamed_from]

    @property
    def problem(self) -> str | None:
        """Why nothing could be imported from a file that had records, or None."""
        count = len(self.outcomes)
        if not count or len(self.skipped) < count:
            return None
        records = ("card" if self.format == "vcard" else "row") + "s" * (count > 1)
        which = f"its one {records} was" if count == 1 else f"all {count} {records} were"
        return f"nothing imported from {self.path.name}: {which} skipped"


def report_lines(report: ImportReport) -> list[str]:
    """The report in words: the counts, the encoding when it was not UTF-8, each job
    change and rename, what was not kept, then each skipped record (raw user text: the command
    line and the TUI escape it their way)."""
    counts = ", ".join(f"{report.counts[result]} {result}" for result in RESULTS)
    verb = "would import (dry run, nothing written)" if report.dry_run else "imported"
    lines = [f"{verb} {report.path.name} as {report.format}: {counts}"]
    if report.encoding != "UTF-8":
        lines.append(f"  read as {report.encoding} (the file is not UTF-8)")
    if report.new_jobs:
        count = len(report.new_jobs)
        lines.append(f"  {count} changed job{'s' * (count > 1)} (Due says to congratulate):")
        lines += [f"    {outcome.name}: {outcome.new_job[0]} → {outcome.new_job[1]}"
                  for outcome in report.new_jobs]
    if report.renamed:
        count = len(report.renamed)
        lines.append(f"  {count} renamed by {'their' if count > 1 else 'its'} own "
                     f"card{'s' * (count > 1)} (the same UID):")
        lines += [f"    {outcome.renamed_from} → {outcome.name}" for outcome in report.renamed]
    if report.not_kept:
        lines.append("  not kept: " + _not_kept_words(report.not_kept))
    for outcome in report.skipped:
        where = f"{outcome.file} line {outcome.line}" if outcome.file else f"line {outcome.line}"
        name = f" ({outcome.name})" if outcome.name else ""
        lines.append(f"  skipped {where}{name}: {outcome.reason}")
    if report.ignored_columns:
        lines.append("  columns left out: " + ", ".join(report.ignored_columns))
    return lines


def _not_kept_words(not_kept: Counter) -> str:
    """"12 photos, 1 key, 3 other fields (GEO, TZ)"."""
    words = [f"{not_kept[what]} {NOT_KEPT_WORDS[what][not_kept[what] > 1]}"
             for what in NOT_KEPT_WORDS if not_kept[what]]
    others = sorted(what for what in not_kept if what not in NOT_KEPT_WORDS)
    if others:
        count = sum(not_kept[what] for what in others)
        words.append(f"{count} other field{'s' * (count > 1)} ({', '.join(others)})")
    return ", ".join(words)


def detect_format(path: Path, mapping: Mapping[str, str] | None = None) -> str:
    """One of FORMATS, from what the file holds (a folder is a folder of vCards).

    A CSV with no column known here (nor in ``mapping``) is no format at all.
    """
    path = Path(path)
    if path.is_dir():
        return "vcard"
    head = _head(path).lstrip("\ufeff \t\r\n")
    if not head.strip():
        raise InvalidInput(f"{path} is empty: nothing to import")
    if VCARD_START.match(head):
        return "vcard"
    if head.startswith("{"):
        return "json"
    if head[:15].upper() == "BEGIN:VCALENDAR":
        raise InvalidInput(f"{path} is a calendar, not an address book "
                           f"(import reads {'|'.join(FORMATS)})")
    rows = [row for row in csvfiles.first_rows(head) if any(cell.strip() for cell in row)]
    if rows and csvfiles.looks_like_linkedin(rows):
        return "linkedin"
    if rows and csvfiles.looks_like_google(rows[0]):
        return "google"
    if rows and csvfiles.has_known_column(rows[0], mapping or {}):
        return "csv"
    raise InvalidInput(f"can't tell what kind of file {path} is "
                       f"(give --format {'|'.join(FORMATS)})")


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(HEAD_BYTES)
    except OSError as error:
        raise InvalidInput(f"can't read {path}: {error.strerror or error}") from None
    return decode(data).text


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``--map`` arguments (``column=field``) as a dict, checked."""
    mapping = {}
    for pair in pairs:
        column, equals, spec = pair.rpartition("=")
        if not equals or not column.strip():
            raise InvalidInput(f'--map takes COLUMN=FIELD (got "{pair}")')
        mapping[column.strip()] = spec.strip().lower()
    csvfiles.check_mapping(mapping)
    return mapping


def parse_path(path: Path, format_name: str, mapping: Mapping[str, str] | None = None) -> Parsed:
    """The records of a file (or a folder of vCards) in a format other than json."""
    path = Path(path)
    if mapping and format_name != "csv":
        raise InvalidInput(f"--map is for a generic CSV; {path.name} reads as {format_name} "
                           "(add --format csv to map its columns yourself)")
    if format_name == "vcard":
        return vcard.parse_vdir(path) if path.is_dir() else vcard.parse_vcard_file(path)
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder (only a folder of vCards can be imported)")
    parsers = {"linkedin": csvfiles.parse_linkedin, "google": csvfiles.parse_google,
               "csv": lambda text: csvfiles.parse_csv(text, mapping)}
    if format_name not in parsers:
        raise InvalidInput(f"unknown format {format_name!r} (one of {', '.join(FORMATS)})")
    text, encoding = read_text(path)
    if not text.strip("\ufeff \t\r\n"):
        raise InvalidInput(f"{path} is empty: nothing to import")
    try:
        parsed = parsers[format_name](text)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}") from None
    parsed.encoding = encoding
    return parsed


def import_path(path: Path | str, *, format_name: str | None = None, circle: str | None = None,
                tags: Sequence[str] = (), mapping: Mapping[str, str] | None = None,
                dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import the contacts of a file or folder into the open garden.

    ``format_name`` None: told from the content. ``circle`` and ``tags`` go to every
    contact imported (a circle only where none is set). ``dry_run`` writes nothing.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise InvalidInput(f"can't read {path}: no such file or folder")
    format_name = format_name or detect_format(path, mapping)
    if format_name == "json":
        return _import_json(path, circle=circle, tags=tags, mapping=mapping, dry_run=dry_run)
    parsed = parse_path(path, format_name, mapping)
    outcomes = apply(parsed, circle=circle, tags=tags, dry_run=dry_run, progress=progress)
    counts = Counter(outcome.result for outcome in outcomes)
    return ImportReport(path, format_name, dry_run, {result: counts[result] for result in RESULTS},
                        outcomes, parsed.ignored_columns, parsed.not_kept, parsed.encoding)


def _import_json(path: Path, *, circle, tags, mapping, dry_run: bool) -> ImportReport:
    """netgarden's own export, loaded whole by garden/export.py (into an empty garden)."""
    from netgarden_tui.garden import export  # icalendar and friends: only when needed

    if circle or tags or mapping:
        raise InvalidInput("--circle, --tag and --map don't apply to a JSON import")
    loaded = export.import_json(path, dry_run=dry_run)
    counts = {result: getattr(loaded, result) for result in RESULTS}
    return ImportReport(path, "json", dry_run, counts)
