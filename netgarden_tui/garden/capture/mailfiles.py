"""Reading mail for a capture: Maildir folders and mbox files, the headers only.

The standard library does the reading (``mailbox`` the messages of an mbox file, ``email``
the headers of each message); of each message only the header block is read and parsed,
never the body, and what a capture needs of it becomes a small ``Mail`` record or the
reason it is no touch.
"""

import base64
import email.quoprimime
import email.utils
import hashlib
import mailbox
import os
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import NamedTuple

from netgarden_tui.store.fields import FIRST_YEAR, LAST_YEAR

# Why a message is no touch (the report's words: garden/capture/__init__.py).
LIST = "list"  # a mailing list, bulk or automatic mail
NO_REPLY = "no_reply"  # from an address nobody reads
UNREADABLE_DATE = "date"
NO_SENDER = "no_sender"  # no From: an address can be read in

HEADER_LIMIT = 1 << 20  # a "header block" longer than this is not mail: read no further
_READ = 64 * 1024
_BULK_PRECEDENCE = {"bulk", "list", "junk"}
_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post")
# no-reply@, noreply+x@, do-not-reply@, donotreply@, mailer-daemon@, bounces@ ...
_NO_REPLY = re.compile(r"(^|[._+-])(no[._-]?reply|do[._-]?not[._-]?reply|mailer[._-]?daemon"
                       r"|bounces?|postmaster)([._+-]|$)")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|vs|antw|tr|rif|enc)\s*(\[\d+\])?\s*:\s*)+",
                           re.IGNORECASE)


class Mail(NamedTuple):
    """What a capture uses of one message."""

    key: str  # a hash of its Message-ID, or of its sender, date and subject
    thread: str  # a hash of its thread's first Message-ID (or of the subject)
    parent: str  # the key of the message it replies to ("" when none)
    at: datetime  # in UTC
    sender: tuple[str, str]  # (address in lower case, display name)
    recipients: tuple[tuple[str, str], ...]  # To, Cc and Bcc, each once
    subject: str


class Skipped(NamedTuple):
    reason: str


def digest(text: str) -> str:
    """A key that tells two texts apart without keeping them: 128 bits of SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def thread_subject(subject: str) -> str:
    """The subject without the "Re:" and "Fwd:" replies put before it."""
    return _REPLY_PREFIX.sub("", subject).strip()


# --- finding the mail --------------------------------------------------------------------

class MailSource(NamedTuple):
    kind: str  # "maildir" or "mbox"
    path: Path


def sources(root: Path) -> Iterator[MailSource]:
    """The Maildir folders (those with cur/ or new/) under ``root``, itself included, and
    the mbox files there; ``root`` may be an mbox file itself. Sorted, so runs agree."""
    if not root.is_dir():
        yield MailSource("mbox", root)
        return
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # a folder that can't be listed holds no mail this run can read
        folders = [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
        if any(entry.name in ("cur", "new") for entry in folders):
            yield MailSource("maildir", Path(folder))
        pending.extend(Path(entry.path) for entry in reversed(folders)
                       if entry.name not in ("cur", "new", "tmp"))
        for entry in entries:
            if entry.is_file(follow_symlinks=False) and is_mbox(entry.path, empty=False):
                yield MailSource("mbox", Path(entry.path))


def is_mbox(path, *, empty: bool = True) -> bool:
    """Whether a file is an mbox: it begins "From " (or is ``empty``, an mbox of none)."""
    try:
        with open(path, "rb") as file:
            start = file.read(5)
    except OSError:
        return False
    return start == b"From " or (empty and start == b"")


def maildir_stamp(folder: Path) -> tuple[str, int]:
    """What changes when a message comes, goes or changes its flags: the modification times
    of cur/ and new/; and the newest of them (nanoseconds)."""
    times = []
    for name in ("cur", "new"):
        try:
            times.append((folder / name).stat().st_mtime_ns)
        except OSError:
            times.append(0)
    return ":".join(map(str, times)), max(times)


def mbox_stamp(path: Path) -> tuple[str, int]:
    status = path.stat()
    return f"{status.st_mtime_ns}:{status.st_size}", status.st_mtime_ns


def maildir_files(folder: Path) -> dict[str, str]:
    """The message files of a Maildir folder (in new/ and cur/) by their unique names: the
    name without its flags, which stays when a mail program flags a message or moves it
    from new/ to cur/ (the keys ``mailbox.Maildir`` gives them). Listed with one scandir
    each: ``mailbox.Maildir`` would stat every file to list it, and again to open it,
    which doubled the time of a first capture."""
    files = {}
    for part in ("new", "cur"):
        try:
            with os.scandir(folder / part) as listing:
                for entry in listing:
                    if not entry.name.startswith(".") and entry.is_file():
                        files[entry.name.split(mailbox.Maildir.colon)[0]] = entry.path
        except (FileNotFoundError, NotADirectoryError):
            continue
    return files


def maildir_messages(files: dict[str, str], names) -> Iterator[tuple[str, "Mail | Skipped | None"]]:
    """(name, the message read) for each of these message files; None for one that went
    away or could not be read."""
    for name in names:
        try:
            with open(files[name], "rb") as file:
                yield name, read_headers(file)
        except OSError:
            yield name, None


def mbox_messages(path: Path) -> Iterator["Mail | Skipped"]:
    """Each message of an mbox file; one without a Date it can be read by is taken as sent
    when its "From " line says it was delivered."""
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        for key in box.iterkeys():
            with box.get_file(key, from_=True) as file:
                delivered = _date(_from_line_date(file.readline()))
                yield read_headers(file, delivered)
    finally:
        box.close()


def _from_line_date(line: bytes) -> str:
    """The date of an mbox "From sender Mon Nov 16 09:00:00 2026" line ("" if none)."""
    words = line.decode("latin-1").split(None, 2)
    return words[2] if len(words) == 3 and words[0] == "From" else ""


# --- one message -------------------------------------------------------------------------

def header_block(file) -> bytes:
    """The bytes before the first empty line: the headers, and nothing of the body."""
    data = b""
    while len(data) < HEADER_LIMIT:
        chunk = file.read(_READ)
        if not chunk:
            return data
        start = max(0, len(data) - 3)
        data += chunk
        ends = [found for found in (data.find(b"\n\n", start), data.find(b"\n\r\n", start))
                if found >= 0]
        if ends:
            return data[:min(ends) + 1]
    return data


_PARSER = BytesHeaderParser()


def read_headers(file, delivered: datetime | None = None) -> "Mail | Skipped":
    return message(_PARSER.parsebytes(header_block(file)), delivered)


def message(parsed, delivered: datetime | None = None) -> "Mail | Skipped":
    """A parsed header block as a ``Mail``, or why it is no touch (``Skipped``); the number
    of recipients and who is who are for the caller, who knows whose mail it is.
    ``delivered``: when the message came, if known, for a message whose Date can't be read."""
    headers = _raw(parsed)
    if _is_bulk(headers):
        return Skipped(LIST)
    senders = _addresses(headers.get("from") or headers.get("sender") or [])
    if not senders:
        return Skipped(NO_SENDER)
    sender = senders[0]
    if _NO_REPLY.search(sender[0].partition("@")[0]):
        return Skipped(NO_REPLY)
    at = _date(_one(headers, "date")) or delivered
    if at is None:
        return Skipped(UNREADABLE_DATE)
    recipients = tuple(_addresses([*headers.get("to", ()), *headers.get("cc", ()),
                                   *headers.get("bcc", ())]))
    subject = " ".join(text(_one(headers, "subject")).split())
    own_id = _first_id(_one(headers, "message-id"))
    key = digest(f"id:{own_id}" if own_id else f"mail:{sender[0]}|{at.isoformat()}|{subject}")
    parent = _first_id(_one(headers, "in-reply-to"))
    root = _first_id(_one(headers, "references")) or parent or own_id
    thread = digest(f"id:{root}" if root else f"subject:{thread_subject(subject).casefold()}")
    return Mail(key, thread, digest(f"id:{parent}") if parent else "", at, sender, recipients,
                subject)


# The headers a capture looks at; the rest (Received, DKIM-Signature...) are not read.
_USED = {"from", "sender", "to", "cc", "bcc", "date", "subject", "message-id", "in-reply-to",
         "references", "precedence", "auto-submitted", *_LIST_HEADERS}


def _raw(parsed) -> dict[str, list[str]]:
    """The values of the headers used, as written (unfolded), by name in lower case: the
    email package's own decoding would turn 8-bit bytes into replacement characters."""
    headers: dict[str, list[str]] = {}
    for name, value in parsed.raw_items():
        name = name.lower()
        if name in _USED:
            headers.setdefault(name, []).append(
                _undo_surrogates(str(value)).replace("\r", "").replace("\n", ""))
    return headers


def _one(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def _is_bulk(headers) -> bool:
    if any(name in headers for name in _LIST_HEADERS):
        return True
    if _one(headers, "precedence").strip().lower() in _BULK_PRECEDENCE:
        return True
    auto = _one(headers, "auto-submitted").strip().lower()
    return bool(auto) and auto != "no"


def _date(value: str) -> datetime | None:
    """The Date header as a moment in UTC (the standard library's: pendulum's would take
    as long as the rest of the message)."""
    if not value.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        try:  # "2026-12-01T10:00:00Z": what some programs write instead
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    if moment.tzinfo is None:  # "-0000": the time is UTC, where it was written unknown
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _first_id(value: str) -> str:
    """The first <message-id> in a header; the whole value when it has no brackets."""
    found = _MESSAGE_ID.search(value)
    return found.group(1) if found else value.strip()


def _addresses(values) -> list[tuple[str, str]]:
    """(address in lower case, display name) of each address in these header values, each
    once; anything without an @ is not an address."""
    found = {}
    # Split first, decode the names after: "=?utf-8?q?Lee=2C_Ann?=" holds a comma.
    for name, address in (pair for value in values for pair in _pairs(value)):
        address = address.strip().casefold()
        if "@" in address and address not in found:
            found[address] = " ".join(text(name).split())
    return list(found.items())


_SPECIALS = re.compile(r'["()\\:;]')  # quotes, comments, groups: for the email package
_PLAIN_ADDRESS = re.compile(r"\s*(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))\s*")


def _pairs(value: str) -> list[tuple[str, str]]:
    """(display name, address) of each address in one header value. Most are written
    plainly (`Ann Lee <ann@example.com>, bob@example.com`) and are split here, ten times
    faster than the email package, which reads all the others."""
    if not _SPECIALS.search(value):
        pairs = []
        for part in value.split(","):
            if not part.strip():
                continue
            match = _PLAIN_ADDRESS.fullmatch(part)
            if match is None:
                break
            pairs.append((match[1] or "", match[2] or match[3]))
        else:
            return pairs
    return email.utils.getaddresses([value])


def text(value: str) -> str:
    """A header value as text: RFC 2047 words decoded one by one (one that is broken is
    left as written), the space between two of them dropped."""
    if "=?" not in value:
        return value
    return _ENCODED_WORD.sub(_decoded_word, _BETWEEN_WORDS.sub(r"\1", value))


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(?==\?)")


def _decoded_word(word: re.Match) -> str:
    charset, encoding, data = word.groups()
    try:
        if encoding in "bB":
            raw = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
        else:
            raw = email.quoprimime.header_decode(data).encode("latin-1")
        return raw.decode(charset.partition("*")[0], "replace")  # "*en": RFC 2231's language
    except (ValueError, LookupError, UnicodeError):
        return word.group(0)


_SURROGATE = re.compile("[\udc80-\udcff]")


def _undo_surrogates(value: str) -> str:
    """Header bytes that are not ASCII reach the parser as surrogates: read them as UTF-8,
    or Latin-1 when they are not UTF-8."""
    if not _SURROGATE.search(value):
        return value
    raw = value.encode("ascii", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
