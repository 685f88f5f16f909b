"""Who do I know who...: one search over what the garden knows about people, ranked, each
person found with the lines that hold the words (store/records.py's WhoHit).

The words come from the word index (``backend.install_word_index``): a line per source of
models.WORD_SOURCES (names, nicknames, companies and departments, roles, notes, where you
met, towns, tags, circles, opening gambits, needs and offers), stemmed ("hiring" finds
"hire", "designers" "designer"), and the touches' notes in an index of their own. Each
word is searched on its own; a person is found when every word is somewhere about them
(on one line or several), scored by the best source of each word (SOURCE_WEIGHTS), then
by how close they are (their circle, their last touch). A million touches are not read:
for each word, its newest TOUCH_LIMIT touches are (a word in older notes than those finds
nobody by them alone).
"""

from collections.abc import Sequence

from peewee import JOIN, SQL, Case, Cast, Select, Value, fn

from netgarden_tui.store import backend
from netgarden_tui.store.models import (
    MARKS, TOUCH_SOURCE, WORD_SLOTS, WORD_SOURCES, Circle, Contact, ContactAddress, ContactTag,
    Fact, Interaction, InteractionContact, Need, db,
)

__all__ = ["MARKS", "SOURCE_WEIGHTS", "who"]  # MARKS: for garden/who.py, which reads them
from netgarden_tui.store.records import WhoHit, WhoLine

# How much a word found in each source counts: a name above a role, a role above a note.
SOURCE_WEIGHTS = {"name": 100, "nickname": 95, "need": 90, "role": 85, "company": 85,
                  "tag": 80, "town": 75, "met": 70, "fact": 70, "circle": 60, "notes": 55,
                  "touch": 50}
TOGETHER_POINTS = 25  # for each further word found on the same line as another
TOUCH_LIMIT = 1000  # the newest touches read for each word
MAX_WORDS = 8  # a search looks for at most this many words
LINES_SHOWN = 3  # lines kept for each person found
BY_NUMBER = {source.number: source for source in (*WORD_SOURCES, TOUCH_SOURCE)}
CONTACT_NUMBERS = [source.number for source in WORD_SOURCES if source.model is Contact]


def who(words: Sequence[tuple[str, bool]], *, limit: int = 20) -> tuple[list[WhoHit], int]:
    """The people every word of ``words`` ((word, prefix) pairs: letters and digits only,
    at most MAX_WORDS) is found about, best first, at most ``limit``; and how many there
    are in all. Archived people are left out."""
    words = list(words)[:MAX_WORDS]
    if not words:
        return [], 0
    slots = WORD_SLOTS
    parts = []
    for place, (word, prefix) in enumerate(words):
        lines = backend.word_matches(WORD_SOURCES, slots, word, prefix).alias(f"w{place}")
        parts.append(Select([lines], [SQL("line"), Value(place, converter=False)]))
        touches = backend.touch_matches(word, prefix, TOUCH_LIMIT).alias(f"t{place}")
        parts.append(Select([touches], [SQL("id") * slots + TOUCH_SOURCE.number,
                                        Value(place, converter=False)]))
    union = parts[0]
    for part in parts[1:]:
        union = union + part  # UNION ALL
    hit = union.cte("hit", columns=("line", "term"))
    key = hit.c.line / slots
    number = hit.c.line - key * slots
    weight = Case(number, [(source.number, SOURCE_WEIGHTS[source.name])
                           for source in (*WORD_SOURCES, TOUCH_SOURCE)], 0)

    def owned(contact, *joins, where=None):
        query = Select([hit], [contact.alias("contact_id"), hit.c.line.alias("line"),
                               hit.c.term.alias("term"), weight.alias("weight")])
        for model, on in joins:
            query = query.join(model, on=on)
        return query.where(where)

    owners = (
        owned(key, where=number.in_(CONTACT_NUMBERS))
        + owned(ContactAddress.contact, (ContactAddress, ContactAddress.id == key), where=number == 5)
        + owned(ContactTag.contact, (ContactTag, ContactTag.tag == key), where=number == 6)
        + owned(Contact.id, (Contact, Contact.circle == key), where=number == 7)
        + owned(Fact.contact, (Fact, Fact.id == key), where=number == 8)
        + owned(Need.contact, (Need, (Need.id == key) & Need.met_at.is_null()), where=number == 9)
        + owned(InteractionContact.contact,
                (InteractionContact, InteractionContact.interaction == key),
                where=number == TOUCH_SOURCE.number)
    )
    # How many of the words each line holds: words found together on one line count more.
    held = fn.count(SQL("*")).over(partition_by=[SQL("contact_id"), SQL("line")])
    owned_lines = Select([owners.alias("owned")], [SQL("contact_id"), SQL("line"), SQL("term"),
                                                   SQL("weight"), held])
    owner = owned_lines.cte("owner", columns=("contact_id", "line", "term", "weight", "held"))
    by_word = (Select([owner], [owner.c.contact_id, owner.c.term,
                                fn.max(owner.c.weight).alias("best"),
                                fn.max(owner.c.held).alias("held"),
                                backend.joined_text(Cast(owner.c.line, "TEXT"), ",").alias("lines")])
               .group_by(owner.c.contact_id, owner.c.term)
               .cte("by_word", columns=("contact_id", "term", "best", "held", "lines")))
    score = fn.sum(by_word.c.best) + (fn.max(by_word.c.held) - 1) * TOGETHER_POINTS
    found = (Select([by_word], [by_word.c.contact_id, score.alias("score"),
                                backend.joined_text(Cast(by_word.c.term, "TEXT").concat(":")
                                                    .concat(by_word.c.lines), ";").alias("lines")])
             .group_by(by_word.c.contact_id)
             .having(fn.count(SQL("*")) == len(words))
             .cte("found", columns=("contact_id", "score", "lines")))
    query = (Select([found], [found.c.contact_id, Contact.display_name, found.c.score,
                              found.c.lines, fn.count(SQL("*")).over()])
             .join(Contact, on=(Contact.id == found.c.contact_id))
             .join(Circle, JOIN.LEFT_OUTER, on=(Circle.id == Contact.circle))
             .where(Contact.archived == False)  # noqa: E712
             .order_by(found.c.score.desc(), fn.coalesce(Circle.priority, 9),
                       fn.coalesce(Contact.last_touch_at, "").desc(), Contact.display_name,
                       Contact.id)
             .limit(limit).with_cte(hit, owner, by_word, found).bind(db))
    rows = list(query.tuples())
    if not rows:
        return [], 0
    chosen = {contact_id: _chosen_lines(lines) for contact_id, _, _, lines, _ in rows}
    texts = _line_texts([line for lines in chosen.values() for line, _ in lines], words)
    hits = [WhoHit(contact_id, name, int(score),
                   tuple(_who_line(line, places, texts) for line, places in chosen[contact_id]))
            for contact_id, name, score, _, _ in rows]
    return hits, rows[0][-1]


def _weight(line: int) -> int:
    return SOURCE_WEIGHTS[BY_NUMBER[line % WORD_SLOTS].name]


def _chosen_lines(joined: str) -> list[tuple[int, tuple[int, ...]]]:
    """The lines to show for one person, from "term:line,line;term:line": for each word,
    its best line (by source, then the newest), fewest lines first; each with the places
    of the words it holds."""
    lines_of: dict[int, set[int]] = {}
    for part in joined.split(";"):
        term, _, lines = part.partition(":")
        for line in lines.split(","):
            lines_of.setdefault(int(line), set()).add(int(term))
    picked: list[int] = []
    covered: set[int] = set()
    for line in sorted(lines_of, key=lambda line: (-len(lines_of[line]), -_weight(line), -line)):
        if not lines_of[line] <= covered:
            picked.append(line)
            covered |= lines_of[line]
    return [(line, tuple(sorted(lines_of[line]))) for line in picked[:LINES_SHOWN]]


def _line_texts(lines: list[int], words) -> dict[int, tuple]:
    """Each line's marked text and what else its words need: a fact's or a need's kind, a
    touch's moment and channel."""
    slots = WORD_SLOTS
    touch_ids = [line // slots for line in lines if line % slots == TOUCH_SOURCE.number]
    word_lines = [line for line in lines if line % slots != TOUCH_SOURCE.number]
    texts = {line: (*_shown(found), "", None, "") for line, found in
             backend.marked_lines(WORD_SOURCES, word_lines, words).items()}
    for model, number in ((Fact, 8), (Need, 9)):
        ids = [line // slots for line in word_lines if line % slots == number]
        if ids:
            for row_id, kind in model.select(model.id, model.kind).where(
                    model.id.in_(ids)).tuples():
                line = row_id * slots + number
                text, marked = texts.get(line, ("", True))[:2]
                texts[line] = (text, marked, kind, None, "")
    if touch_ids:
        notes = backend.marked_touches(touch_ids, words)
        for touch_id, at, channel in (Interaction.select(Interaction.id, Interaction.at,
                                                         Interaction.channel)
                                      .where(Interaction.id.in_(touch_ids)).tuples()):
            texts[touch_id * slots + TOUCH_SOURCE.number] = (
                *_shown(notes.get(touch_id, ("", ""))), "", at, channel)
    return texts


def _shown(found: tuple[str, str]) -> tuple[str, bool]:
    """A line's marked text, or, when it holds the marks' own characters (typed by
    someone), the text as written, unmarked."""
    marked, written = found
    if any(mark in (written or "") for mark in MARKS):
        return written, False
    return marked or "", True


def _who_line(line: int, places: tuple[int, ...], texts: dict[int, tuple]) -> WhoLine:
    text, marked, kind, at, channel = texts.get(line, ("", True, "", None, ""))
    return WhoLine(BY_NUMBER[line % WORD_SLOTS].name, text or "", places, kind, at, channel,
                   marked)
