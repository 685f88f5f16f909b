"""``netgarden digest``: the morning's queue as a short summary, as plain text (a mail from
cron), as markdown, or as a desktop notification through ``notify-send``.

User text is never markup: control characters are shown, not obeyed (``output.line``),
markdown's own characters are escaped in markdown, and the notification's body, which
notification servers read as a little HTML, has ``<``, ``>`` and ``&`` escaped.
"""

import re

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import garden
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.digest import FIRST_SHOWN, Digest, Line, morning_digest

NOTIFY_SEND = "notify-send"
NOTIFY_SECONDS = 10  # notify-send returns at once; a hung one is not waited for longer
# Inline markdown: emphasis, code, links and images, HTML and entities, tables, strikes.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~#!])")


def add_parsers(command) -> None:
    digest_command = command("digest", digest,
                             "the morning's queue in short, for a mail or a notification")
    form = digest_command.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="as markdown")
    form.add_argument("--notify", action="store_true",
                      help="as a desktop notification (notify-send)")


def digest(args) -> int:
    import shutil

    if args.notify and shutil.which(NOTIFY_SEND) is None:  # said before the garden is read
        raise InvalidInput(f"{NOTIFY_SEND} is not installed here (or not on PATH): no "
                           "notification sent; `netgarden digest` prints it instead")
    with garden(args) as config:
        summary = morning_digest(config)
    if args.notify:
        _notify(summary)
    else:
        print(markdown(summary) if args.markdown else text(summary))
    return 0


def heading(summary: Digest) -> str:
    if not summary.total:
        return f"Nothing due on {short_date(summary.day)}"
    return f"{summary.total} due on {short_date(summary.day)}"


def _more(lines: list[Line], shown: int = FIRST_SHOWN) -> int:
    return max(0, len(lines) - shown)


def text(summary: Digest) -> str:
    out = [heading(summary)]
    for number, line in enumerate(summary.first, 1):
        out.append(f"{number:>3}. {output.line(line.who)}: {output.line(line.what)}")
        if line.then:
            out.append(f"     → {output.line(line.then)}")
    if summary.total > len(summary.first):
        out.append(f"     … and {summary.total - len(summary.first)} more: netgarden due")
    for title, lines in (("Birthdays this week", summary.birthdays),
                         ("Meetings to come", summary.meetings)):
        if lines:
            out += ["", title]
            out += [f"  - {output.line(line.who)}: {output.line(line.what)}"
                    for line in lines[:FIRST_SHOWN]]
            if _more(lines):
                out.append(f"    … and {_more(lines)} more")
    return "\n".join(out)


def escaped(text: str) -> str:
    """User text for markdown: on one line, and markdown's characters taken literally."""
    return _MARKDOWN.sub(r"\\\1", output.line(text))


def markdown(summary: Digest) -> str:
    out = [f"## {heading(summary)}", ""]
    for number, line in enumerate(summary.first, 1):
        out.append(f"{number}. **{escaped(line.who)}**: {escaped(line.what)}")
        if line.then:
            out.append(f"   → {escaped(line.then)}")
    if summary.total > len(summary.first):
        out += ["", f"… and {summary.total - len(summary.first)} more: `netgarden due`"]
    for title, lines in (("Birthdays this week", summary.birthdays),
                         ("Meetings to come", summary.meetings)):
        if lines:
            out += ["", f"### {title}", ""]
            out += [f"- **{escaped(line.who)}**: {escaped(line.what)}"
                    for line in lines[:FIRST_SHOWN]]
            if _more(lines):
                out += [f"- … and {_more(lines)} more"]
    return "\n".join(out)


def notification(summary: Digest) -> tuple[str, str]:
    """A title and a body: each item in a line, its suggestion or else its reason."""
    import html  # its table of entities: not at every command's start

    lines = [f"{line.who}: {line.then or line.what}" for line in summary.first]
    if summary.total > len(summary.first):
        lines.append(f"… and {summary.total - len(summary.first)} more")
    lines += [f"Birthday: {line.who}, {line.what}" for line in summary.birthdays[:3]]
    lines += [f"{line.what} ({line.who})" for line in summary.meetings[:3]]
    body = "\n".join(html.escape(output.line(line), quote=False) for line in lines)
    return f"netgarden: {heading(summary)}", body


def _notify(summary: Digest) -> None:
    import subprocess

    title, body = notification(summary)
    try:
        done = subprocess.run([NOTIFY_SEND, "--app-name=netgarden", title, body],
                              capture_output=True, text=True, timeout=NOTIFY_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InvalidInput(f"{NOTIFY_SEND} failed: {error}") from None
    if done.returncode != 0:
        said = output.line(done.stderr.strip().splitlines()[-1]) if done.stderr.strip() else ""
        raise InvalidInput(f"{NOTIFY_SEND} failed (exit {done.returncode})"
                           + (f": {said}" if said else ""))
