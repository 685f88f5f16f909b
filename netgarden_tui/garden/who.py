"""Who do I know who...: one search over everything the garden knows about people (names,
nicknames, companies, roles, towns, tags, circles, opening gambits, needs, offers, notes,
the notes of touches), ranked, each person with the lines that hold the words and where
each came from: "offers: knows the Berlin VC scene", "call 3 Mar: 'is hiring a designer'".

store/words.py searches (stemmed: "hiring" finds "hire") and ranks; here a query becomes
words, and each line found becomes words a person reads. For `netgarden who` and the
app's "Who do I know…" screen.
"""

import re
from typing import NamedTuple

import pendulum

from netgarden_tui import clock
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.dates import short_date
from netgarden_tui.garden.display import local
from netgarden_tui.store import words
from netgarden_tui.store.records import WhoLine
from netgarden_tui.vocabulary import NEED_WORDS, STOP_WORDS

WHO_SHOWN = 20  # people a search shows, unless told
PREFIX_LEAST = 3  # as you type, the last word is a prefix from this many letters on
LINE_MOST = 72  # a long line is shown around its first word found, at most this long
SOURCE_LABELS = {"name": "name", "nickname": "nickname", "company": "company",
                 "role": "role", "notes": "notes", "town": "town", "tag": "tag",
                 "circle": "circle", "met": "met"}


class Why(NamedTuple):
    """One line about a person a search found: ``text`` ("offers: knows the Berlin VC
    scene"), and where in it the words found are ((start, end) pairs), to bold them."""

    source: str  # as store/words.py names it; "offer" for an offer
    text: str
    found: tuple[tuple[int, int], ...] = ()


class Found(NamedTuple):
    contact_id: int
    contact: str
    score: int
    why: tuple[Why, ...]


class WhoAnswer(NamedTuple):
    words: tuple[str, ...]  # what was looked for
    people: list[Found]
    total: int  # how many were found in all (``people`` holds the best of them)


def query_words(query: str, *, as_you_type: bool = False) -> list[tuple[str, bool]]:
    """The words to look for, as (word, prefix): letters and digits only, so nothing typed
    is search syntax; the words that only say how it is asked left out; as you type, the
    last word a prefix (when it is PREFIX_LEAST letters or more and no space follows)."""
    found = re.findall(r"[^\W_]+", query)
    meant = [word for word in found if word.lower() not in STOP_WORDS] or found
    meant = list(dict.fromkeys(meant))[:words.MAX_WORDS]
    typing = (as_you_type and meant and query[-1:].isalnum() and found[-1] == meant[-1]
              and len(meant[-1]) >= PREFIX_LEAST)
    return [(word, typing and index == len(meant) - 1) for index, word in enumerate(meant)]


def who(query: str, *, limit: int = WHO_SHOWN, as_you_type: bool = False) -> WhoAnswer:
    """The people the words of ``query`` are found about, best first (at most ``limit``),
    each with why. InvalidInput when it holds no word to look for."""
    wanted = query_words(query, as_you_type=as_you_type)
    if not wanted:
        raise InvalidInput("type a word to look for, e.g. hiring, Berlin, design")
    hits, total = words.who(wanted, limit=limit)
    today = clock.today()
    people = [Found(hit.contact_id, hit.contact, hit.score,
                    tuple(why for why in (why_of(line, today) for line in hit.lines) if why))
              for hit in hits]
    return WhoAnswer(tuple(word for word, _ in wanted), people, total)


def why_of(line: WhoLine, today: pendulum.Date | None = None) -> Why | None:
    """A line found, in words: "needs: a designer", "call 3 Mar: 'is hiring a designer'",
    "child: Daughter Emma, starting school"; its found words' places with it."""
    text, found = _unmarked(line.text) if line.marked else (line.text, [])
    text, found = _the_line_found(text, found)
    if line.source == "name":
        names = list(dict.fromkeys(text[start:end] for start, end in found))
        text, found = _joined(names)
    elif line.source == "fact" and text.startswith(f"{line.kind} "):  # the line holds its kind
        cut = len(line.kind) + 1
        text, found = text[cut:], [(start - cut, end - cut) for start, end in found
                                   if start >= cut]
    source = line.source
    if line.source == "touch":
        day = short_date(local(line.at).date(), today=today or clock.today(), weekday=False)
        label, text, found = f"{line.channel} {day}", f"'{text}'", _shifted(found, 1)
    elif line.source == "need":
        source = line.kind or "need"
        label = NEED_WORDS.get(line.kind, "needs")
    elif line.source == "fact":
        label = line.kind or "fact"
    else:
        label = SOURCE_LABELS.get(line.source, line.source)
    if not text:
        return None
    head = f"{label}: "
    return Why(source, head + text, _shifted(found, len(head)))


def _unmarked(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without the store's marks, and where the marked words were."""
    start_mark, end_mark = words.MARKS
    text, found, start = "", [], 0
    for piece in re.split(f"({re.escape(start_mark)}|{re.escape(end_mark)})", marked):
        if piece == start_mark:
            start = len(text)
        elif piece == end_mark:
            found.append((start, len(text)))
        else:
            text += piece
    return text, found


def _the_line_found(text: str, found: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Of a text of several lines, the first line holding a word found, spaces tidied at
    its ends, and cut around that word when it is long."""
    first = found[0][0] if found else 0
    begin = text.rfind("\n", 0, first) + 1
    end = text.find("\n", first)
    end = len(text) if end < 0 else end
    line = text[begin:end]
    stripped = len(line) - len(line.lstrip())
    line = line.strip()
    spans = [(start - begin - stripped, stop - begin - stripped) for start, stop in found
             if begin <= start and stop <= end]
    if len(line) <= LINE_MOST:
        return line, spans
    at, after = spans[0] if spans else (0, 0)
    cut = max(0, min(at - LINE_MOST // 3, len(line) - (LINE_MOST - 2)))
    if cut and (space := line.find(" ", cut, at)) >= 0:
        cut = space + 1  # from the start of a word
    stop = cut + LINE_MOST - 2
    if stop < len(line) and (space := line.rfind(" ", after, stop)) >= 0:
        stop = space  # to the end of one
    piece = line[cut:stop]
    shown = ("…" if cut else "") + piece + ("…" if stop < len(line) else "")
    shift = 1 if cut else 0
    return shown, [(start - cut + shift, end - cut + shift) for start, end in spans
                   if start >= cut and end <= stop]


def _joined(names: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, found = "", []
    for name in names:
        if text:
            text += " "
        found.append((len(text), len(text) + len(name)))
        text += name
    return text, found


def _shifted(found, by: int) -> tuple[tuple[int, int], ...]:
    return tuple((start + by, end + by) for start, end in found)
