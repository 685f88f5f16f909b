"""The garden's words, each named once: channels, directions, sorts, and the kinds of
facts, favours and life events.

No peewee and no Textual here, so every layer derives from it: the models' comments, the
command line's choices and help, the quick log's keys, the demo, the queue's rules. Adding
a channel is one Channel below (and its tests).
"""

from typing import NamedTuple


class Channel(NamedTuple):
    """A way a touch happens."""

    name: str  # as stored and typed: `netgarden log ann --via call`
    key: str  # its key in the quick log
    word: str  # how the quick log shows it
    online: bool  # only online for long: "don't hide online" suggests a call or coffee
    awaits_reply: bool  # an outreach on it waits for an answer (a call is its own answer)
    aliases: tuple[str, ...] = ()  # other words people type for it


# In the quick log's order: the commonest first.
CHANNEL_LIST = (
    Channel("call", "c", "call", False, False, ("phone",)),
    Channel("email", "e", "email", True, True, ("mail",)),
    Channel("meeting", "m", "meeting", False, False, ("coffee", "meet")),
    Channel("message", "t", "text", True, True, ("text", "sms", "chat", "dm")),
    Channel("video", "v", "video", False, False, ("zoom",)),
    Channel("meal", "l", "meal", False, False, ("lunch", "dinner", "breakfast")),
    Channel("event", "n", "event", False, False),
    Channel("social", "s", "social", True, True, ("linkedin",)),
    Channel("letter", "r", "letter", False, True, ("card",)),
    Channel("gift", "g", "gift", False, True, ("present",)),
)
CHANNELS = tuple(channel.name for channel in CHANNEL_LIST)
ONLINE_CHANNELS = tuple(channel.name for channel in CHANNEL_LIST if channel.online)
AWAITING_CHANNELS = tuple(channel.name for channel in CHANNEL_LIST if channel.awaits_reply)
CHANNEL_ALIASES = {alias: channel.name for channel in CHANNEL_LIST for alias in channel.aliases}
DEFAULT_CHANNEL = "call"  # a touch's channel unless told


class Direction(NamedTuple):
    """Who reached out in a touch."""

    name: str  # as stored and typed: `netgarden log ann --in`
    word: str  # how the quick log and the command line's help show it
    told: str  # how a contact's history tells it: "call · they reached out"


DIRECTION_LIST = (
    Direction("out", "I reached out", "I reached out"),
    Direction("in", "they reached out", "they reached out"),
    Direction("mutual", "both, mutual", "mutual"),
)
DIRECTIONS = tuple(direction.name for direction in DIRECTION_LIST)
DEFAULT_DIRECTION = "out"  # a touch's direction unless told
DIRECTION_WORDS = {direction.name: direction.word for direction in DIRECTION_LIST}
DIRECTIONS_TOLD = {direction.name: direction.told for direction in DIRECTION_LIST}

METHOD_KINDS = ("email", "phone", "url")
# The contact list's orders, as typed (`netgarden list --sort`) and as shown ("by next due").
SORT_WORDS = {"name": "name", "next_due": "next due", "last_touch": "last touch",
              "circle": "circle"}
SORTS = tuple(SORT_WORDS)

FACT_KINDS = ("partner", "child", "pet", "interest", "health", "other")
FAVOUR_DIRECTIONS = ("given", "offered", "asked", "received")  # given, offered: by me
FAVOUR_STATUSES = ("open", "delivered", "declined", "no_answer")
FAVOURS_DONE_WHEN_LOGGED = ("given", "received")  # logged as delivered: they are done
# What to offer ("pay it forward") and what one asks for.
FAVOUR_KINDS = (
    "introduction", "job lead", "cv feedback", "interview practice", "career advice",
    "event invitation", "event help", "project help", "teaching a skill", "sector advice",
    "news", "profile feedback", "reference", "other",
)
LIFE_EVENT_KINDS = ("new_job", "promotion", "move", "baby", "wedding", "award", "other")
# What a contact is looking for (a need) or can give (an offer): short dated lines.
NEED_KINDS = ("need", "offer")
NEED_WORDS = {"need": "needs", "offer": "offers"}  # "needs: a designer"
# How a need (or an offer taken up) was met: by you, through an introduction you made
# (both count as a favour you gave), or without you.
MET_BY = ("you", "introduction", "elsewhere")
MET_THROUGH_YOU = ("you", "introduction")
# A suggested introduction, once decided on: dismissed (never suggested again) or made.
SUGGESTION_DECISIONS = ("dismissed", "introduced")
# Words that say how a question is asked, not what it is about: `netgarden who is hiring`
# looks for "hiring" (the words are kept when nothing else is asked), and a need and an
# offer that share only these do not match.
STOP_WORDS = frozenset((
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
    "is", "are", "was", "be", "been", "who", "whom", "whose", "do", "does", "did", "i", "me",
    "my", "you", "your", "someone", "somebody", "anyone", "anybody", "know", "knows", "has",
    "have", "had", "that", "this", "it", "as", "about", "into", "works",
))
