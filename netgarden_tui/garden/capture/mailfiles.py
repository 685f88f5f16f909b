"""Reading mail for a capture: Maildir folders and mbox files, the headers only.

The standard library does the reading (``mailbox`` finds the messages, ``email`` parses
their headers); of each message only the header block is read and parsed, never the body,
and what a capture needs of it becomes a small ``Mail`` record or the reason it is no touch.
"""

import base64
import email.quoprimime
import email.utils
import hashlib
import mailbox
import os
import re
from collections.abc import Iterator
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import NamedTuple

import pendulum

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
    at: pendulum.DateTime  # in UTC
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


def maildir(folder: Path) -> mailbox.Maildir:
    return mailbox.Maildir(folder, factory=None, create=False)


def maildir_messages(box: mailbox.Maildir, names) -> Iterator[tuple[str, "Mail | Skipped | None"]]:
    """(name, the message read) for each of these message files; None for one that went
    away or could not be read."""
    for name in names:
        try:
            with box.get_file(name) as file:
                yield name, read_headers(file)
        except (OSError, KeyError):
            yield name, None


def mbox_messages(path: Path) -> Iterator["Mail | Skipped"]:
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        for key in box.iterkeys():
            with box.get_file(key) as file:
                yield read_headers(file)
    finally:
        box.close()


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


def read_headers(file) -> "Mail | Skipped":
    return message(_PARSER.parsebytes(header_block(file)))


def message(parsed) -> "Mail | Skipped":
    """A parsed header block as a ``Mail``, or why it is no touch (``Skipped``); the number
    of recipients and who is who are for the caller, who knows whose mail it is."""
    headers = _raw(parsed)
    if _is_bulk(headers):
        return Skipped(LIST)
    senders = _addresses(headers.get("from") or headers.get("sender") or [])
    if not senders:
        return Skipped(NO_SENDER)
    sender = senders[0]
    if _NO_REPLY.search(sender[0].partition("@")[0]):
        return Skipped(NO_REPLY)
    at = _date(_one(headers, "date"))
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


def _raw(parsed) -> dict[str, list[str]]:
    """Each header's values as written (unfolded), by its name in lower case: the email
    package's own decoding would turn 8-bit bytes into replacement characters."""
    headers: dict[str, list[str]] = {}
    for name, value in parsed.raw_items():
        headers.setdefault(name.lower(), []).append(
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


def _date(value: str) -> pendulum.DateTime | None:
    if not value.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    if moment.tzinfo is None:  # "-0000": the time is UTC, where it was written unknown
        moment = moment.replace(tzinfo=pendulum.UTC)
    return pendulum.instance(moment).in_timezone("UTC")


def _first_id(value: str) -> str:
    """The first <message-id> in a header; the whole value when it has no brackets."""
    found = _MESSAGE_ID.search(value)
    return found.group(1) if found else value.strip()


def _addresses(values) -> list[tuple[str, str]]:
    """(address in lower case, display name) of each address in these header values, each
    once; anything without an @ is not an address."""
    found = {}
    # Split first, decode the names after: "=?utf-8?q?Lee=2C_Ann?=" holds a comma.
    for name, address in email.utils.getaddresses(list(values)):
        address = address.strip().casefold()
        if "@" in address and address not in found:
            found[address] = " ".join(text(name).split())
    return list(found.items())


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


def _undo_surrogates(value: str) -> str:
    """Header bytes that are not ASCII reach the parser as surrogates: read them as UTF-8,
    or Latin-1 when they are not UTF-8."""
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    raw = value.encode("ascii", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
