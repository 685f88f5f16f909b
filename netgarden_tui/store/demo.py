"""A demo garden: a realistic professional network, generated from a seed.

``fill_demo_garden`` fills the open, empty garden, dated relative to ``clock.today()``.
Small sizes are shaped on purpose (a handful overdue, a few due soon, one-sided and
online-only contacts, birthdays this week); large ones serve benchmarks. Touches follow the
seasons (``_Seasons``): quiet weekends and holidays, a few busy weeks a year.

Speed: rows are plain tuples with precomputed ids and preformatted dates, written with
``executemany`` of the one-row INSERT that peewee renders for the model. peewee's
``insert_many`` converts and binds every value in Python: 35 s for a million interactions
alone, against 4 s this way.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice

from peewee import fn

from netgarden_tui import clock
from netgarden_tui.store import backend, search, writes
from netgarden_tui.store.match_keys import match_key, phone_region
from netgarden_tui.store.database import transaction
from netgarden_tui.store.fields import moment_text
from netgarden_tui.store.models import (
    WORD_SLOTS, WORD_SOURCES, ALL_MODELS, Circle, Contact, ContactAddress, ContactMethod, ContactTag, Fact, Favour, FollowUp,
    Interaction, InteractionContact, Introduction, LifeEvent, Need, PastJob,
    SuggestedIntroduction, Tag,
)
from netgarden_tui.vocabulary import (
    DIRECTIONS, FACT_KINDS, FAVOUR_DIRECTIONS, LIFE_EVENT_KINDS, ONLINE_CHANNELS,
)

FEATURED_NAMES = (("Zoë", "Okafor"), ("José", "García"), ("Søren", "Østergaard"))
GIVEN_NAMES = (
    "Zoë", "José", "Søren", "Amara", "Björn", "Chloé", "Daniel", "Elena", "François", "Hannah",
    "Hiroshi", "Ingrid", "Jürgen", "Katherine", "Kwame", "Lucía", "Mateo", "Mei", "Nadia", "Niamh",
    "Olusegun", "Priya", "Rafael", "Robert", "Sofia", "Tomasz", "William", "Yasmin", "Aleksandr",
    "Elizabeth", "Jonathan", "Anneke", "Dmitri", "Fatima", "Gustavo", "Leila",
)
FAMILY_NAMES = (
    "Okafor", "García", "Østergaard", "Müller", "Nakamura", "Dubois", "Kowalski", "Silva", "Chen",
    "Patel", "Andersson", "O'Brien", "Rossi", "Haddad", "Novák", "Fernández", "Kim", "Mensah",
    "van der Berg", "Ivanova", "Schmidt", "Lefèvre", "Costa", "Yılmaz", "Nguyen", "Murphy",
    "Çelik", "Jansen", "Ahmed", "Larsen", "Byrne", "Moreau", "Takahashi", "Wójcik",
)
NICKNAMES = {"Aleksandr": "Sasha", "Elizabeth": "Liz", "Jonathan": "Jon", "Katherine": "Kate",
             "Robert": "Bob", "William": "Will", "Olusegun": "Segun", "Gustavo": "Guga"}
COMPANIES = (
    "Northwind Legal", "Brightwater Capital", "Kestrel Analytics", "Lumen Health", "Atlas Freight",
    "Helix Biotech", "Parallax Studio", "Oakridge Partners", "Sable Recruitment", "Fjord Energy",
    "Quanta Robotics", "Meridian Bank", "Tessellate AI", "Harbour & Finch", "Greenleaf Foods",
    "University of Leiden", "Vireo Ventures", "Copperline Media", "Solent Consulting", "Ibis Labs",
)
ROLES = ("Partner", "Associate", "General Counsel", "CTO", "Head of Talent", "Founder & CEO",
         "Product Director", "Investment Manager", "Professor", "Senior Recruiter", "CFO",
         "Head of Sales", "Engineering Manager", "Managing Director", "Research Fellow", "COO")
DEPARTMENTS = ("Legal", "Finance", "Engineering", "Talent", "Research", "Sales", "Operations")
# (street, town, region, postal code, country) of the demo's work addresses.
OFFICES = (
    ("1 Canada Square", "London", "", "E14 5AB", "United Kingdom"),
    ("Friedrichstraße 68", "Berlin", "", "10117", "Germany"),
    ("350 Fifth Avenue", "New York", "NY", "10118", "United States"),
    ("Rua Augusta 24", "Lisboa", "", "1100-053", "Portugal"),
    ("Keizersgracht 62", "Amsterdam", "", "1015 CS", "Netherlands"),
    ("2-7-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005", "Japan"),
)
MET_WHERE = ("Web Summit, Lisbon", "alumni dinner", "client workshop", "LinkedIn", "previous firm",
             "a friend's wedding", "bar association panel", "data engineering meetup", "MBA class",
             "SaaStr Europa", "industry awards night", "co-working space", "board meeting")
TAGS = ("conference", "alumni", "investor", "mentor", "ex-colleague", "speaker", "founder",
        "recruiter", "board", "neighbour", "referral", "podcast", "book-club", "open-source")
CONTACT_NOTES = (
    "", "", "", "Prefers mornings; replies fast on Signal.", "Knows everyone in Nordic fintech.",
    "Happy to mentor juniors. Ask about **public speaking**.", "Moving to Berlin next year.",
    "Always early. Likes to walk and talk.", "Writes long emails; call instead.",
    "Great at pricing questions.\nSkeptical of hype.", "Hiring for two senior roles.",
)
MARKUP_NOTE = 'Loves the "[/]" joke and [bold] claims to have invented it. Uses [[wiki]] links.'
FACT_TEXTS = {
    "partner": ("Partner Maria, an architect", "Married to Tom, a pilot", "Wife runs a bakery",
                "Husband teaches maths", "Partner Alex works at the UN"),
    "child": ("Daughter Lena", "Son Mateo", "Daughter Yui, learning violin", "Son Finn, football"),
    "pet": ("Dog called Biscuit", "Two cats, Miso and Tofu", "Rescue greyhound", "Keeps bees"),
    "interest": ("Supports Ajax", "Marathon runner", "Loves Lisbon in spring", "Sails on weekends",
                 "Favourite restaurant: Dishoom", "Collects jazz vinyl", "Bakes sourdough"),
    "health": ("Bad knee (skiing)", "Allergic to nuts", "Back surgery last year", "Doesn't drink"),
    "other": ("Speaks four languages", "Ex-Olympic rower", "Writes a fintech newsletter"),
}
TOPICS = ("the Q3 pitch", "the move to Berlin", "hiring a CTO", "the merger", "the funding round",
          "the conference panel", "pricing", "a sabbatical", "remote work", "the new regulation",
          "AI in due diligence", "the alumni reunion", "a board seat", "the book deal")
TOUCH_NOTES = tuple(template.format(topic) for template in (
    "Caught up about {}.", "Talked through {}; promised to send notes.", "Quick check-in on {}.",
    "Coffee: mostly {}, then family news.", "Asked my advice on {}.", "Shared an article on {}.",
    "Long chat about {}; wants to meet again next quarter.", "Intro call re {}.",
    "Lunch: {} and the new office.", "Sent a note about {}.",
) for topic in TOPICS) + ("",) * 20  # quick messages often have no note
TIMES = tuple(f"{hour:02d}:{minute:02d}:00" for hour in range(7, 20) for minute in (0, 15, 30, 45))
CHANNEL_WEIGHTS = {"call": 14, "video": 12, "meeting": 10, "meal": 5, "event": 5, "email": 25,
                   "message": 18, "social": 6, "letter": 2, "gift": 1}
GROUP_CHANNELS = ("meeting", "meal", "event", "video")
OUTREACH_CHANNELS = ("email", "message", "call", "social")
PHONE_PREFIXES = ("+44 7700 900", "+1 202 555 01", "+49 30 555 0", "+33 6 55 55 0", "+81 90 5555 ")
FOLLOW_UPS = ("Send the article we discussed", "Intro to my accountant", "Share the deck",
              "Ask how the interview went", "Send CV feedback", "Book lunch", "Forward the job ad")
FOLLOW_UP_PLAN = (5, 0, -7, 60)  # due, in days before today: overdue, today, next week, done
DONE_AFTER = 30  # follow-ups due longer ago than this were done
FAVOURS = (("introduction", "Intro to a partner at Vireo Ventures"), ("CV feedback", "CV review"),
           ("job lead", "Head of legal opening"), ("reference", "Reference for the fellowship"),
           ("advice", "Thoughts on pricing the new service"), ("speaking slot", "Panel in March"))
FAVOUR_STATUSES_BY_DIRECTION = {"given": ("delivered",), "offered": ("open", "delivered"),
                                "asked": ("open", "delivered", "declined", "no_answer"),
                                "received": ("delivered", "open")}
# (direction, status, due in days before today); the two refused asks go to one contact,
# so the "don't push your luck" warning has something to show.
FAVOUR_PLAN = (("offered", "open", 4), ("asked", "declined", None), ("asked", "no_answer", None),
               ("given", "delivered", None), ("received", "delivered", None), ("asked", "open", -10))
INTRO_NOTES = ("Both work on payments", "Needs a patent lawyer", "Looking for a co-founder", "")
INTRO_OUTCOMES = ("They started working together", "Had coffee, nothing yet", "Hired", "")
LIFE_TEXTS = {"new_job": "Started a new job", "promotion": "Promoted to partner",
              "move": "Moved to Lisbon", "baby": "Had a baby", "wedding": "Got married",
              "award": "Won an industry award", "other": "Ran a first marathon"}
LIFE_PLAN = (3, 12, 200)  # days ago: two recent, unacknowledged; one acknowledged
# What people need and offer (issue 26): each pair's need and offer share a word, so Due
# has introductions to suggest; the last pair's was dismissed already (never again).
NEED_PAIRS = (
    ("a designer for the new app", "design reviews"),
    ("an intro to a VC in Berlin", "knows the Berlin VC scene"),
    ("a role in legal tech", "hiring: Head of Legal"),
    ("a mentor for public speaking", "public speaking coaching"),
    ("advice on pricing the new service", "runs pricing workshops"),
    ("someone to review the fundraising deck", "happy to review decks"),
)
LONE_NEEDS = ("a flat in Lisbon for the summer", "a sailing crew for June",
              "a reference for the fellowship")  # the last one met, by you
LONE_OFFERS = ("a spare desk in the Amsterdam office", "reads grant proposals")
STATE_WEIGHTS = {"fine": 88, "overdue": 5, "due_soon": 3, "one_sided": 2, "online_only": 2}
# At least these, whatever the size, so even 60 contacts make an interesting queue.
FORCED_STATES = ("overdue",) * 5 + ("due_soon",) * 3 + ("one_sided",) * 3 + ("online_only",) * 2
MIN_TOUCHES = {"one_sided": 4, "online_only": 3}  # else 1
# Loaded without their secondary indexes, which are built at the end (faster).
BULK_MODELS = (Contact, ContactMethod, ContactTag, Fact, Interaction, InteractionContact)
CHUNK = 20_000  # rows per executemany, so progress moves


def _slug(text: str) -> str:
    """ASCII for e-mail addresses and URLs: "Østergaard" -> "ostergaard"."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("ı", "i"))
    return "".join(c for c in text if c.isascii() and c.isalnum())


SLUGS = {name: _slug(name) for name in (*GIVEN_NAMES, *FAMILY_NAMES, *COMPANIES)}


@dataclass(frozen=True)
class DemoSummary:
    contacts: int
    contact_methods: int
    addresses: int
    past_jobs: int
    tag_links: int
    facts: int
    interactions: int
    follow_ups: int
    favours: int
    introductions: int
    life_events: int
    needs: int = 0  # needs and offers


@dataclass(slots=True)
class _Person:
    """The plan of one contact; every day is counted in days before today."""

    circle: int | None
    own_cadence: int | None
    cadence: int | None  # the one that applies
    archived: bool
    state: str  # a key of STATE_WEIGHTS
    touches: int = 0
    pinned: tuple[int, ...] = ()  # the newest touches, placed for the state
    guard: int = 0  # a shared touch joins this contact only if older than this
    window: int = 0  # online-only: no touch in person since this day
    oldest: int = 0
    met: int = 0


class _Seasons:
    """When a working year has people in touch: little at weekends and over the holidays
    (from 20 December to 3 January, and the first three weeks of August), more in a few
    busy weeks (ISO weeks BUSY_WEEKS: conferences, the end of a quarter). ``move`` takes
    an older touch's day (days before today) to where the seasons would put it, never
    nearer today, so the newest touches that shape the queue stay where they are. Its
    random stream is its own: the rest of the demo is as it was before it came."""

    QUIET_MOVED = 0.8  # the share of touches on a quiet day moved to a working day before
    QUIET_SPREAD = 10  # ... within this many days of the last one before them
    BUSY_DRAWN = 0.15  # the share of touches drawn back into a busy week ...
    BUSY_REACH = 45  # ... that began at most this many days before them
    BUSY_WEEKS = (11, 24, 39, 46)

    def __init__(self, rng: random.Random, today: date, back: int = 6000) -> None:
        self.rng, self.back = rng, back
        base = today.toordinal()
        days = [date.fromordinal(base - ago) for ago in range(back + 1)]
        self.quiet = [day.weekday() >= 5 or (day.month, day.day) >= (12, 20)
                      or (day.month, day.day) <= (1, 3) or (day.month == 8 and day.day <= 21)
                      for day in days]
        # From the oldest day on: the working day at or before each day, and the Monday
        # of the busy week at or before it (None: none yet).
        self.working, self.busy = [back] * (back + 1), [None] * (back + 1)
        working, busy = back, None
        for ago in range(back, -1, -1):
            if not self.quiet[ago]:
                working = ago
            if days[ago].weekday() == 0 and days[ago].isocalendar().week in self.BUSY_WEEKS:
                busy = ago
            self.working[ago], self.busy[ago] = working, busy

    def move(self, ago: int) -> int:
        if ago >= self.back:
            return ago
        if self.quiet[ago] and self.rng.random() < self.QUIET_MOVED:
            # to one of the working days before the quiet days, not all to the last one
            before = self.working[ago] + self.rng.randrange(self.QUIET_SPREAD)
            return self.working[min(before, self.back)]
        busy = self.busy[ago]
        if busy is not None and busy - ago <= self.BUSY_REACH and self.rng.random() < self.BUSY_DRAWN:
            return max(ago, busy - self.rng.randrange(5))  # a day of that working week
        return ago


def _day_texts(today: date, back: int = 6000, ahead: int = 400) -> Callable[[int], str]:
    """``YYYY-MM-DD`` by days before today (negative: ahead), formatted once."""
    base = today.toordinal()
    texts = [date.fromordinal(base - k).isoformat() for k in range(-ahead, back + 1)]
    return lambda days_ago: texts[days_ago + ahead]


def fill_demo_garden(contacts: int = 60, interactions: int = 600, seed: int = 7,
                     progress: Callable[[float], None] | None = None) -> DemoSummary:
    """Fill the open garden with a demo network: the same seed and day give the same rows.

    All in one transaction. ValueError if the garden already has contacts. ``progress``
    hears fractions from 0 to 1.
    """
    if contacts < 1 or interactions < 0:
        raise ValueError("a demo garden needs at least one contact and no negative interactions")
    report = progress or (lambda fraction: None)
    with transaction():
        if Contact.select().exists():
            raise ValueError("the demo only fills an empty garden, and this one has contacts")
        with _indexes_built_afterwards(BULK_MODELS), \
                backend.word_index_paused(WORD_SOURCES, WORD_SLOTS):
            count = _fill(random.Random(seed), random.Random(f"work-{seed}"),
                          random.Random(f"seasons-{seed}"), contacts, interactions, clock.now(),
                          report, seed)
        backend.rows_loaded(ALL_MODELS)
        report(0.85)
        _set_last_touches()
        writes.refresh_schedule()
        writes.refresh_outreach()
        report(0.9)
        search.rebuild_search_index()
    report(1.0)
    return DemoSummary(**count)


@contextmanager
def _indexes_built_afterwards(models):
    """Load into tables without their secondary indexes, then build each index in one go.

    Keeping the index on a million random ``Interaction.at`` values sorted row by row takes
    longer than sorting them once. The transaction puts the indexes back on failure.
    """
    for model in models:
        model._schema.drop_indexes()
    yield
    for model in models:
        model._schema.create_indexes()


def _fill(rng: random.Random, work: random.Random, seasons: random.Random, contacts: int,
          interactions: int, now, report, seed: int = 7) -> dict[str, int]:
    """Insert every row; return how many of each, by DemoSummary field.

    Departments, addresses and work history draw from ``work``, a random stream of their
    own, and the touches' seasons from ``seasons``: the rest of the demo is as it was
    before they came.
    """
    today, stamp = now.date(), moment_text(now.in_timezone("UTC"))
    days = _day_texts(today)
    people = _plan(rng, contacts, interactions, _circle_cadences())
    active = [i for i, person in enumerate(people) if not person.archived]
    cards = list(_contact_rows(rng, people, active, today, days, stamp, work))
    _insert(Tag, "id name", enumerate(TAGS, 1))
    count = {
        "contacts": _insert(Contact, CONTACT_COLUMNS, cards),
        "contact_methods": _insert(ContactMethod, "id contact kind value label match_key",
                                   _method_rows(rng, cards)),
        "addresses": _insert(ContactAddress, "contact label po_box extended street locality "
                             "region postal_code country", _address_rows(work, contacts)),
        "past_jobs": _insert(PastJob, "contact company department role ended_on",
                             _past_job_rows(work, active, days)),
        "tag_links": _insert(ContactTag, "contact tag", _tag_rows(rng, contacts)),
        "facts": _insert(Fact, "id contact kind text year created_at",
                         _fact_rows(rng, contacts, today.year, stamp)),
    }
    report(0.1)
    count["interactions"], newest = _insert_touches(rng, people, days, _Seasons(seasons, today),
                                                    report)
    count["follow_ups"] = _insert(FollowUp, "id contact interaction due_on what done_at "
                                  "created_at", _follow_up_rows(rng, active, newest, days))
    count["favours"] = _insert(Favour, "id contact direction kind what status due_on created_at "
                               "resolved_at", _favour_rows(rng, active, days))
    count["introductions"] = _insert(Introduction, "id introducer person_a person_b on note "
                                     "outcome", _introduction_rows(rng, active, days))
    count["life_events"] = _insert(LifeEvent, "id contact kind text on acknowledged_at",
                                   _life_event_rows(rng, active, days))
    needs, dismissed = _need_rows(random.Random(f"needs-{seed}"), active, days)
    count["needs"] = _insert(Need, "id contact kind text created_at met_at met_by", needs)
    _insert(SuggestedIntroduction, "needer offerer need decision on", dismissed)
    return count


CONTACT_COLUMNS = ("id display_name given_name family_name nickname company department role "
                   "function met_where met_on introduced_by birthday_month birthday_day "
                   "birthday_year notes archived circle cadence_days unanswered_in_a_row "
                   "created_at updated_at")


def _insert(model, columns: str, rows: Iterable[tuple]) -> int:
    """Insert tuples in the order of the space-separated ``columns``; return how many.

    Every column that may not be null must be named: a default is peewee's, not the table's.
    """
    sql = writes.insert_sql(model, columns.split())
    rows, total = iter(rows), 0
    while chunk := list(islice(rows, CHUNK)):
        writes.run_many(sql, chunk)
        total += len(chunk)
    return total


def _circle_cadences() -> dict[int, int]:
    """The garden's circles: opening a garden brings them in from the config."""
    cadences = dict(Circle.select(Circle.id, Circle.cadence_days).order_by(Circle.id).tuples())
    if not cadences:
        raise ValueError("the garden has no circles yet: open it with its config first")
    return cadences


def _sample(rng: random.Random, population, minimum: int, share: float) -> list:
    """A share of the population, but at least ``minimum`` so small gardens show everything."""
    size = min(len(population), max(minimum, round(len(population) * share)))
    return rng.sample(population, size)


def _plan(rng: random.Random, n: int, total: int, cadences: dict[int, int]) -> list[_Person]:
    """Each contact's circle, cadence, queue state and number of touches, and when they fall."""
    circles = rng.choices([*cadences, None], [1] * len(cadences) + [0.6 * len(cadences)], k=n)
    states = rng.choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()), k=n)
    archived = set(_sample(rng, range(len(FEATURED_NAMES), n), 2, 0.03))
    own_cadence = set(_sample(rng, range(n), 3, 0.05))
    people = []
    for i, (circle, state) in enumerate(zip(circles, states)):
        own = rng.choice((14, 21, 120, 180)) if i in own_cadence else None
        people.append(_Person(circle, own, own or cadences.get(circle), i in archived,
                              "fine" if i in archived else state))
    candidates = [i for i, person in enumerate(people) if person.cadence and not person.archived]
    forced = rng.sample(candidates, min(len(FORCED_STATES), len(candidates)))
    for i, state in zip(forced, FORCED_STATES):
        people[i].state = state
    left = total
    for i in (*forced, *range(n)):  # the shaped contacts first, in case touches run short
        if not people[i].touches and left:
            people[i].touches = min(left, MIN_TOUCHES.get(people[i].state, 1))
            left -= people[i].touches
    weights = [(0.3 if p.archived else 1.0) * 90 / (p.cadence or 120) for p in people]
    for i in rng.choices(range(n), weights, k=left):
        people[i].touches += 1
    for person in people:
        _place(rng, person)
    return people


def _place(rng: random.Random, person: _Person) -> None:
    """Place the newest touches so the contact lands in its queue state."""
    cadence, state = person.cadence or 120, person.state
    if person.archived:
        last = rng.randint(150, 900)
    elif state == "overdue":
        last = cadence + rng.randint(0, cadence)
    elif state == "due_soon":
        last = max(1, cadence - rng.randint(1, 6))
    elif state in ("one_sided", "online_only"):
        last = rng.randint(2, 30)
    else:
        last = rng.randint(1, max(1, cadence - 8))
    person.pinned = (last,)
    if state == "one_sided":  # unanswered outreaches, two to four weeks apart
        for _ in range(min(person.touches, rng.choice((3, 4))) - 1):
            person.pinned += (person.pinned[-1] + rng.randint(10, 25),)
    person.window = rng.randint(215, 330) if state == "online_only" else 0
    person.guard = max(person.pinned[-1], person.window)
    person.oldest = person.guard + rng.randint(30, 1100)
    person.met = person.oldest + rng.randint(0, 3000)
    if not person.touches:
        person.guard = person.met  # a shared touch would be its last touch, against its plan


def _contact_rows(rng, people, active, today, days, stamp, work):
    markup = rng.choice(active)
    soon = [today.add(days=k) for k in (1, 2, 4, 6)]
    birthdays = dict(zip(rng.sample(active, min(5, len(active))),
                         [(d.month, d.day, None) for d in soon] + [(2, 29, 1988)]))
    for i, person in enumerate(people):
        given, family = FEATURED_NAMES[i] if i < len(FEATURED_NAMES) else (
            rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES))
        nickname = NICKNAMES.get(given, "") if rng.random() < 0.5 else ""
        month, day, year = birthdays.get(i) or _birthday(rng, today.year)
        introducer = rng.randrange(i) + 1 if i and rng.random() < 0.1 else None
        met_on = days(person.met) if rng.random() < 0.9 else None
        notes = MARKUP_NOTE if i == markup else rng.choice(CONTACT_NOTES)
        department = work.choice(DEPARTMENTS) if work.random() < 0.3 else ""
        yield (i + 1, f"{given} {family}", given, family, nickname, rng.choice(COMPANIES),
               department, rng.choice(ROLES), "", rng.choice(MET_WHERE), met_on, introducer,
               month, day, year, notes, person.archived, person.circle, person.own_cadence, 0, stamp, stamp)


def _birthday(rng: random.Random, this_year: int) -> tuple:
    if rng.random() < 0.4:
        return None, None, None
    day = date.fromordinal(date(2025, 1, 1).toordinal() + rng.randrange(365))
    year = rng.randint(this_year - 70, this_year - 24) if rng.random() < 0.5 else None
    return day.month, day.day, year


def _method_rows(rng, cards):
    method_id, region = 0, phone_region()
    for contact_id, _, given, family, _, company, *_ in cards:
        name = f"{SLUGS[given]}.{SLUGS[family]}"
        methods = [("email", f"{name}@{SLUGS[company]}.example", "work")]
        if rng.random() < 0.55:
            phone = f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(100, 1000)}"
            methods.append(("phone", phone, "mobile"))
        if rng.random() < 0.45:
            profile = f"{name.replace('.', '-')}-{rng.randrange(100, 1000)}"
            methods.append(("url", f"https://www.linkedin.com/in/{profile}", "linkedin"))
        for kind, value, label in methods:
            method_id += 1
            yield method_id, contact_id, kind, value, label, match_key(kind, value, region)


def _address_rows(work, n):
    """A work address for about a third of the contacts."""
    for contact_id in range(1, n + 1):
        if work.random() < 0.35:
            yield (contact_id, "work", "", "", *work.choice(OFFICES))


def _past_job_rows(work, active, days):
    """A job before this one for one active contact in ten."""
    for i in active:
        if work.random() < 0.1:
            yield (i + 1, work.choice(COMPANIES), work.choice(("", *DEPARTMENTS)),
                   work.choice(ROLES), days(work.randint(60, 2500)))


def _tag_rows(rng, n):
    for contact_id in range(1, n + 1):
        for tag_id in sorted(rng.sample(range(1, len(TAGS) + 1), rng.choice((0, 1, 1, 2, 3)))):
            yield contact_id, tag_id


def _fact_rows(rng, n, this_year, stamp):
    fact_id = 0
    for contact_id in range(1, n + 1):
        for kind in rng.sample(FACT_KINDS, rng.choice((0, 0, 1, 1, 2, 3))):
            fact_id += 1
            year = this_year - rng.randint(0, 25) if kind == "child" else None
            yield fact_id, contact_id, kind, rng.choice(FACT_TEXTS[kind]), year, stamp


def _insert_touches(rng, people, days, seasons, report) -> tuple[int, list[int | None]]:
    """Insert the interactions and their links; return how many, and each contact's newest."""
    total = sum(person.touches for person in people) or 1
    newest: list[int | None] = [None] * len(people)
    rows, links, interaction_id = [], [], 0
    for index, person in enumerate(people):
        times = rng.choices(TIMES, k=person.touches)
        notes = rng.choices(TOUCH_NOTES, k=person.touches)
        for k, (ago, channel, direction, awaiting, partner) in enumerate(
                _timeline(rng, index, people, seasons)):
            interaction_id += 1
            at = f"{days(ago)} {times[k]}"
            duration = rng.randrange(5, 75) * 60 if channel in ("call", "video") else None
            rows.append((interaction_id, at, channel, direction, notes[k], awaiting, duration, at))
            links.append((interaction_id, index + 1))
            if partner is not None:
                links.append((interaction_id, partner + 1))
            if k == 0:
                newest[index] = interaction_id
        if len(rows) >= CHUNK or index == len(people) - 1:
            _insert(Interaction, "id at channel direction note awaiting_reply duration_seconds "
                    "created_at", rows)
            _insert(InteractionContact, "interaction contact", links)
            rows, links = [], []
            report(0.1 + 0.65 * interaction_id / total)
    return interaction_id, newest


def _timeline(rng, index, people, seasons: _Seasons) -> list[tuple]:
    """One contact's touches, newest first: (days ago, channel, direction, awaiting, partner)."""
    person = people[index]
    n, pinned, window = person.touches, person.pinned, person.window
    channels = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()), k=n)
    directions = rng.choices(DIRECTIONS, (45, 25, 30), k=n)
    span = person.oldest - pinned[-1] - 1  # older touches crowd towards the recent end
    older = sorted(min(seasons.move(pinned[-1] + 1 + int(span * rng.random() ** 2)),
                       person.oldest) for _ in range(n - len(pinned)))
    agos = [*pinned[:n], *older]
    if window and n > 1:
        agos[-1] = person.oldest  # the last time in person, before the online-only stretch
    if person.state != "one_sided" and directions[:3] == ["out"] * 3:
        directions[1] = "in"  # three unanswered in a row would make it one-sided
    touches = []
    for k, ago in enumerate(agos):
        channel, direction, partner = channels[k], directions[k], None
        awaiting = k == 0 and direction == "out" and rng.random() < 0.3
        if person.state == "one_sided" and k < len(pinned):
            channel, direction, awaiting = rng.choice(OUTREACH_CHANNELS), "out", True
        elif ago <= window:
            channel = rng.choice(ONLINE_CHANNELS)
        elif window and k == n - 1:
            channel = rng.choice(GROUP_CHANNELS)
        elif k >= len(pinned) and rng.random() < 0.08:
            partner = _partner(rng, index, people, ago)
            if partner is not None:
                channel, direction = rng.choice(GROUP_CHANNELS), "mutual"
        touches.append((ago, channel, direction, awaiting, partner))
    return touches


def _partner(rng, index, people, ago) -> int | None:
    """A second contact for a shared touch, if one fits without changing its queue state."""
    other = rng.randrange(len(people))
    return other if other != index and people[other].guard < ago <= people[other].met else None


def _follow_up_rows(rng, active, newest, days):
    for j, i in enumerate(_sample(rng, active, len(FOLLOW_UP_PLAN), 0.15)):
        due = FOLLOW_UP_PLAN[j] if j < len(FOLLOW_UP_PLAN) else rng.randint(-30, 120)
        done_at = f"{days(due - 3)} 17:00:00" if due > DONE_AFTER else None
        yield (j + 1, i + 1, newest[i], days(due), rng.choice(FOLLOW_UPS), done_at,
               f"{days(max(due, 0) + 14)} 09:00:00")


def _favour_rows(rng, active, days):
    picks = _sample(rng, active, len(FAVOUR_PLAN), 0.08)
    for j, i in enumerate(picks):
        if j < len(FAVOUR_PLAN):
            direction, status, due = FAVOUR_PLAN[j]
            i = picks[1] if j == 2 else i  # both refused asks went to one contact
        else:
            direction = rng.choice(FAVOUR_DIRECTIONS)
            status = rng.choice(FAVOUR_STATUSES_BY_DIRECTION[direction])
            due = rng.randint(-30, 30) if status == "open" else None
        kind, what = rng.choice(FAVOURS)
        resolved = None if status == "open" else f"{days(rng.randint(1, 39))} 18:00:00"
        yield (j + 1, i + 1, direction, kind, what, status, None if due is None else days(due),
               f"{days(rng.randint(40, 400))} 10:00:00", resolved)


def _introduction_rows(rng, active, days):
    if len(active) < 2:
        return
    for j in range(max(3, round(len(active) * 0.03))):
        a, b, *others = rng.sample(active, min(3, len(active)))
        introducer = others[0] + 1 if others and j % 2 else None  # every other one was me
        yield (j + 1, introducer, a + 1, b + 1, days(rng.randint(10, 1000)),
               rng.choice(INTRO_NOTES), rng.choice(INTRO_OUTCOMES))


def _life_event_rows(rng, active, days):
    for j, i in enumerate(_sample(rng, active, len(LIFE_PLAN), 0.05)):
        on = LIFE_PLAN[j] if j < len(LIFE_PLAN) else rng.randint(1, 900)
        kind = rng.choice(LIFE_EVENT_KINDS)
        acknowledged = f"{days(on - rng.randint(0, 10))} 12:00:00" if on > 30 else None
        yield j + 1, i + 1, kind, LIFE_TEXTS[kind], days(on), acknowledged


def _need_rows(rng, active, days) -> tuple[list[tuple], list[tuple]]:
    """Needs and offers (NEED_PAIRS, a percent of the active contacts on a big garden, and
    the lone ones), and the one suggestion of them dismissed already."""
    if len(active) < 2:
        return [], []
    rows, dismissed = [], []

    def add(contact: int, kind: str, text: str, met: bool = False) -> int:
        made = rng.randint(1, 60)
        met_at = f"{days(made // 2)} 16:00:00" if met else None
        rows.append((len(rows) + 1, contact + 1, kind, text, f"{days(made)} 10:00:00", met_at,
                     "you" if met else ""))
        return len(rows)

    for j in range(max(len(NEED_PAIRS), round(len(active) * 0.01))):
        need, offer = NEED_PAIRS[j % len(NEED_PAIRS)]
        needer, offerer = rng.sample(active, 2)
        need_id = add(needer, "need", need)
        add(offerer, "offer", offer)
        if j == len(NEED_PAIRS) - 1:
            dismissed.append((needer + 1, offerer + 1, need_id, "dismissed", days(2)))
    for j, text in enumerate(LONE_NEEDS):
        add(rng.choice(active), "need", text, met=j == len(LONE_NEEDS) - 1)
    for text in LONE_OFFERS:
        add(rng.choice(active), "offer", text)
    return rows, dismissed


def _set_last_touches() -> None:
    """Every contact's last_touch_at: the newest of its interactions, in one UPDATE."""
    newest = (InteractionContact.select(fn.MAX(Interaction.at)).join(Interaction)
              .where(InteractionContact.contact == Contact.id))
    Contact.update(last_touch_at=newest).execute()
