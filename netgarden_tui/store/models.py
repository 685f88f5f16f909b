"""The garden's tables, as peewee models.

``db`` is a proxy: the backend module (``sqlite.py``) binds a real database to it at
start-up, so nothing here is tied to SQLite.
"""

from typing import NamedTuple

from peewee import (
    SQL,
    BooleanField,
    CompositeKey,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)

from netgarden_tui import clock
from netgarden_tui.store.fields import DayField, MomentField

db = DatabaseProxy()

# The words stored in channel, direction and kind columns: netgarden_tui/vocabulary.py.


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


# The setting that lists who has logged touches, a name a line (writes.note_author).
AUTHORS_SETTING = "authors"


class Setting(BaseModel):
    """Key/value facts about the garden itself: schema version, last regroup, ..."""

    key = TextField(primary_key=True)
    value = TextField()

    @classmethod
    def put(cls, key: str, value: str) -> None:
        """Set a setting, adding it or changing its value (an upsert both engines run)."""
        cls.insert(key=key, value=value).on_conflict(
            conflict_target=[cls.key], update={cls.value: value}).execute()


class Circle(BaseModel):
    name = TextField(unique=True, collation="NOCASE")
    priority = SmallIntegerField(default=3)  # 1 = most important
    cadence_days = IntegerField()


# The queue finds who is due on cadence from this index, and scores them from it alone:
# it holds the circle and the day added too (one-sided ones are left out by the third).
DUE_DAY_INDEX = ("archived", "next_due_on", "unanswered_in_a_row", "circle", "created_at")


class Contact(BaseModel):
    display_name = TextField(collation="NOCASE")
    given_name = TextField(default="")
    family_name = TextField(default="")
    nickname = TextField(default="")
    company = TextField(default="")
    department = TextField(default="")
    role = TextField(default="")  # the job title (a vCard's TITLE)
    function = TextField(default="")  # the part they play (a vCard's ROLE; Outlook's profession)
    met_where = TextField(default="")
    met_on = DayField(null=True)
    introduced_by = ForeignKeyField("self", null=True, backref="introduced", on_delete="SET NULL")
    birthday_month = SmallIntegerField(null=True)
    birthday_day = SmallIntegerField(null=True)
    birthday_year = SmallIntegerField(null=True)
    anniversary_month = SmallIntegerField(null=True)  # a wedding anniversary, say
    anniversary_day = SmallIntegerField(null=True)
    anniversary_year = SmallIntegerField(null=True)
    notes = TextField(default="")
    archived = BooleanField(default=False)
    circle = ForeignKeyField(Circle, null=True, backref="contacts", on_delete="SET NULL")
    cadence_days = IntegerField(null=True)  # wins over the circle's
    snoozed_until = DayField(null=True)
    # Denormalised newest Interaction.at, kept by the store on every write to a timeline,
    # so the queue never has to scan a million interactions.
    last_touch_at = MomentField(null=True)
    # Denormalised too: the day the cadence next asks for a touch (writes.refresh_schedule),
    # so the queue and the "next due" sort read an index instead of doing date arithmetic
    # over every contact.
    next_due_on = DayField(null=True)
    external_uid = TextField(null=True, index=True)  # a vCard UID, kept for re-import
    # Denormalised from the timeline (writes.refresh_outreach): my outreaches still
    # waiting for a reply since they last answered. At the config's one_sided_after the
    # contact is one-sided: the cadence stops asking, and the queue asks once to let go.
    unanswered_in_a_row = IntegerField(default=0)
    let_go_asked_on = DayField(null=True)  # the day the "let go?" question was answered
    created_at = MomentField(default=clock.utcnow)
    updated_at = MomentField(default=clock.utcnow)

    class Meta:
        indexes = (
            (("archived", "display_name"), False),
            (("birthday_month", "birthday_day"), False),
            (("circle", "archived"), False),
            (("archived", "last_touch_at"), False),
            (DUE_DAY_INDEX, False),
            (("archived", "unanswered_in_a_row"), False),
        )


class ContactMethod(BaseModel):
    contact = ForeignKeyField(Contact, backref="methods", on_delete="CASCADE")
    kind = TextField()  # METHOD_KINDS
    value = TextField()  # as the person typed it
    label = TextField(default="")
    # What two of one kind share when they are the same (store/match_keys.py): a phone's
    # E.164 number, an email in lower case. Imports match on it; dupes group by it.
    match_key = TextField(default="")

    class Meta:
        indexes = ((("kind", "match_key"), False),)


class ContactAddress(BaseModel):
    """A postal address, in a vCard ADR's parts."""

    contact = ForeignKeyField(Contact, backref="addresses", on_delete="CASCADE")
    label = TextField(default="")  # home, work, ...
    po_box = TextField(default="")
    extended = TextField(default="")  # flat, suite, building
    street = TextField(default="")
    locality = TextField(default="")  # town or city
    region = TextField(default="")  # county, state
    postal_code = TextField(default="")
    country = TextField(default="")


class PastJob(BaseModel):
    """Work history: a job a contact held before the one on their card, kept when an
    import brought a new company or title (garden/importing/jobs.py)."""

    contact = ForeignKeyField(Contact, backref="past_jobs", on_delete="CASCADE")
    company = TextField(default="")
    department = TextField(default="")
    role = TextField(default="")
    ended_on = DayField(null=True)  # when netgarden learnt of the next one


class Tag(BaseModel):
    name = TextField(unique=True, collation="NOCASE")


class ContactTag(BaseModel):
    contact = ForeignKeyField(Contact, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="contact_links", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("contact", "tag")
        indexes = ((("tag", "contact"), False),)


class Fact(BaseModel):
    """An opening gambit: a small personal detail worth mentioning."""

    contact = ForeignKeyField(Contact, backref="facts", on_delete="CASCADE")
    kind = TextField()  # FACT_KINDS
    text = TextField()
    year = SmallIntegerField(null=True)  # a child's birth year
    created_at = MomentField(default=clock.utcnow)


class Interaction(BaseModel):
    """A touch: one conversation or message, with one or more contacts."""

    at = MomentField(index=True)
    channel = TextField()  # CHANNELS
    direction = TextField(default="out")  # DIRECTIONS
    note = TextField(default="")
    awaiting_reply = BooleanField(default=False)
    duration_seconds = IntegerField(null=True)
    created_at = MomentField(default=clock.utcnow)
    # Who logged it (the config's name, else the login name: writes.set_author), so a
    # garden several people share shows whose touch it was; "" for a touch from before.
    author = TextField(default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        # The garden overview's channel mix counts each channel's touches a month at a
        # time from this index alone (store/stats.py), never reading a row.
        indexes = ((("channel", "at"), False),)


class InteractionContact(BaseModel):
    interaction = ForeignKeyField(Interaction, backref="contact_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="interaction_links", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("contact", "interaction")


class FollowUp(BaseModel):
    """A dated promise: "send the article by Friday"."""

    contact = ForeignKeyField(Contact, backref="follow_ups", on_delete="CASCADE")
    interaction = ForeignKeyField(Interaction, null=True, backref="follow_ups", on_delete="SET NULL")
    due_on = DayField()
    what = TextField(default="")
    done_at = MomentField(null=True)
    created_at = MomentField(default=clock.utcnow)

    class Meta:
        indexes = ((("done_at", "due_on"), False),)


class Favour(BaseModel):
    contact = ForeignKeyField(Contact, backref="favours", on_delete="CASCADE")
    direction = TextField()  # FAVOUR_DIRECTIONS
    kind = TextField(default="")  # introduction, job lead, CV feedback, ...
    what = TextField(default="")
    status = TextField(default="open")  # FAVOUR_STATUSES
    due_on = DayField(null=True)
    created_at = MomentField(default=clock.utcnow)
    resolved_at = MomentField(null=True)

    class Meta:
        indexes = ((("direction", "status", "due_on"), False),)


class Introduction(BaseModel):
    """Who introduced whom. ``introducer`` is empty when it was me."""

    introducer = ForeignKeyField(Contact, null=True, backref="introductions_made", on_delete="SET NULL")
    person_a = ForeignKeyField(Contact, backref="introductions_a", on_delete="CASCADE")
    person_b = ForeignKeyField(Contact, backref="introductions_b", on_delete="CASCADE")
    on = DayField()
    note = TextField(default="")
    outcome = TextField(default="")


class LifeEvent(BaseModel):
    """A new job, a move, a baby: a reason to congratulate until a touch acknowledges it."""

    contact = ForeignKeyField(Contact, backref="life_events", on_delete="CASCADE")
    kind = TextField()  # LIFE_EVENT_KINDS
    text = TextField(default="")
    on = DayField()
    acknowledged_at = MomentField(null=True)

    class Meta:
        indexes = ((("acknowledged_at", "on"), False),)


class Need(BaseModel):
    """What a contact is looking for ("a designer for the new app") or can give ("design
    reviews"): a short dated line, open until met (by me, through an introduction, or
    elsewhere)."""

    contact = ForeignKeyField(Contact, backref="needs", on_delete="CASCADE")
    kind = TextField()  # NEED_KINDS: need, offer
    text = TextField()
    created_at = MomentField(default=clock.utcnow)
    met_at = MomentField(null=True)
    met_by = TextField(default="")  # MET_BY; "" while open
    introduction = ForeignKeyField(Introduction, null=True, backref="needs_met",
                                   on_delete="SET NULL")

    class Meta:
        indexes = ((("kind", "met_at"), False),)


class SuggestedIntroduction(BaseModel):
    """An introduction Due suggested (one person's need, another's offer), once decided on:
    dismissed, the pair is never suggested again; introduced, the need is met. Due shows
    a few a day at most, these counted among them on the day they were decided."""

    needer = ForeignKeyField(Contact, backref="suggested_for", on_delete="CASCADE")
    offerer = ForeignKeyField(Contact, backref="suggested_to", on_delete="CASCADE")
    need = ForeignKeyField(Need, null=True, backref="suggestions", on_delete="SET NULL")
    decision = TextField()  # SUGGESTION_DECISIONS
    on = DayField()

    class Meta:
        indexes = ((("needer", "offerer"), False), (("on",), False))


# --- capture (store/capture.py): what was read from mail and calendars, never the messages --

class CaptureRun(BaseModel):
    """One capture: what it saw (CaptureSeen, CaptureTouch, CaptureFile) goes when an undo
    takes it back."""

    at = MomentField(default=clock.utcnow)


class CaptureSeen(BaseModel):
    """A message or an event occurrence already captured, as a hash: of its Message-ID (or
    of its sender, date and subject), or of an event's UID and occurrence."""

    key = TextField(unique=True)
    run = ForeignKeyField(CaptureRun, backref="seen", on_delete="CASCADE")


class CaptureTouch(BaseModel):
    """The mail of one thread on one day that a capture run made a touch of, or joined to
    one ("3 emails"): a row per run, the touch's counts their sum. Its one contact is the
    interaction's."""

    interaction = ForeignKeyField(Interaction, backref="capture", on_delete="CASCADE")
    run = ForeignKeyField(CaptureRun, backref="touches", on_delete="CASCADE")
    thread = TextField()  # a hash of the thread's first Message-ID
    day = DayField()
    sent = IntegerField(default=0)  # messages I wrote
    received = IntegerField(default=0)  # messages they wrote

    class Meta:
        indexes = ((("thread", "day"), False),)


class CaptureAddress(BaseModel):
    """An address I exchanged mail with that no contact has (``capture suggest``): how
    many messages each way, and when the last was."""

    address = TextField(unique=True)  # its match key (store/match_keys.py)
    name = TextField(default="")  # the display name it came with
    sent = IntegerField(default=0)
    received = IntegerField(default=0)
    last_at = MomentField()
    ignored = BooleanField(default=False)  # "not someone to add": never suggested again


class CaptureSource(BaseModel):
    """A Maildir folder, mbox file or .ics file as the last capture left it, so the next
    reads only what is new: its modification times and size (``stamp``), the day reading
    began (``since``; None: all of it) and, for a calendar, when it next has an event to
    capture (``next_at``; None: never)."""

    path = TextField(unique=True)
    stamp = TextField(null=True)  # None: read it again next time
    since = DayField(null=True)
    next_at = MomentField(null=True)


class CaptureFile(BaseModel):
    """A message file of a Maildir folder that was read (its unique name, without flags)."""

    source = ForeignKeyField(CaptureSource, backref="files", on_delete="CASCADE")
    name = TextField()
    run = ForeignKeyField(CaptureRun, backref="files", on_delete="CASCADE")

    class Meta:
        indexes = ((("source", "name"), True),)


class CaptureMeeting(BaseModel):
    """A meeting to come, within the look-ahead, read from a calendar file: one row for
    each address in it but yours (the contact holding it, now or later, sees it on their
    card, and in Due the day before). Replaced whenever its file is read again."""

    source = ForeignKeyField(CaptureSource, backref="meetings", on_delete="CASCADE")
    address = TextField()  # a match key (store/match_keys.py)
    starts_at = MomentField()
    ends_at = MomentField()
    whole_day = BooleanField(default=False)
    channel = TextField()  # video or meeting
    summary = TextField(default="")

    class Meta:
        indexes = ((("address", "starts_at"), False), (("starts_at",), False))


# --- sync (store/sync.py): where each card of a vdir stood when last synced -------------

class SyncCard(BaseModel):
    """A card of a vdir (a folder of .vcf files, one card each, that vdirsyncer keeps in
    step with a CardDAV address book) as the last ``netgarden sync`` left it, and the
    contact it is: so the next run reads only the files that changed, and tells, field by
    field, which side changed what."""

    folder = TextField()  # this machine's name and the folder's path (garden/vdir says)
    name = TextField()  # the file's name in the folder
    uid = TextField(default="")  # the card's UID ("" when it has none)
    # A plain id, not a foreign key: a contact merged away (or whose creation an undo took
    # back) leaves its row, so the next run knows the card was the garden's.
    contact_id = IntegerField()
    stamp = TextField(null=True)  # the file's modification time and size; None: read it
    digest = TextField()  # a hash of the file's bytes
    version = TextField()  # a hash of the contact's card fields at the end of the run
    fields = TextField()  # the card's fields both sides are reckoned from (JSON)
    # Whether the contact was archived then: archiving takes a card away, but the card of
    # someone archived before it was synced stays (their phone's card is theirs).
    archived = BooleanField(default=False)
    # Whether the contact was made from this card: when it is gone (an undo took it
    # back), the card is new again, not the garden's to take away.
    came_in = BooleanField(default=False)

    class Meta:
        indexes = ((("folder", "name"), True),)


SYNC_MODELS = (SyncCard,)

CAPTURE_MODELS = (CaptureRun, CaptureSeen, CaptureTouch, CaptureAddress, CaptureSource,
                  CaptureFile, CaptureMeeting)
# Rows the undo journal leaves alone: tens of thousands a first capture writes, which go
# with their run's row (journaled) when an undo takes the capture back.
# A sync's rows too: an undo takes back what a sync changed in the garden and leaves
# where the folder stands, so the next sync brings the folder back in line with the garden.
UNJOURNALED_MODELS = (CaptureSeen, CaptureTouch, CaptureFile, SyncCard)
# Where this machine's files stood when last read: not part of the garden's story, so an
# export leaves them out (a garden loaded from one reads every file again, and its seen
# messages keep that from counting any twice).
CACHE_MODELS = (CaptureSource, CaptureFile, CaptureMeeting, SyncCard)


# --- the undo journal (store/undo.py): written by triggers, never journaled itself -------

class UndoStep(BaseModel):
    """One change a user can take back with ``u``: "log a call with Ann Lee"; or, once
    taken back, one ``U`` can make again (``redo``)."""

    label = TextField()
    created_at = MomentField(default=clock.utcnow)
    redo = BooleanField(default=False)


class UndoEntry(BaseModel):
    """One SQL statement that reverts one row change of a step; run newest first."""

    step = ForeignKeyField(UndoStep, backref="entries", on_delete="CASCADE")
    statement = TextField()


class UndoContact(BaseModel):
    """A contact whose rows a step changed: its last touch and search row are recomputed
    after an undo. A plain id, not a foreign key: the contact may be gone."""

    step = ForeignKeyField(UndoStep, backref="contacts", on_delete="CASCADE")
    contact_id = IntegerField()

    class Meta:
        primary_key = CompositeKey("step", "contact_id")


JOURNAL_MODELS = (UndoStep, UndoEntry, UndoContact)


# --- the word index (store/words.py): who do I know who... ---------------------------------

class WordSource(NamedTuple):
    """Where words about people come from: a table's row, some of its columns joined with
    spaces. The word index (backend.install_word_index) holds each such line, found by its
    number: the row's id x WORD_SLOTS + ``number``."""

    number: int
    name: str  # as store/words.py names the source: "name", "town", "need" ...
    model: type
    columns: tuple[str, ...]  # column names, joined with a space

    @property
    def table(self) -> str:
        return self.model._meta.table_name


MARKS = ("\x02", "\x03")  # around each word a search matched, in a line it shows
WORD_SLOTS = 16  # a line's number: its row's id x WORD_SLOTS + its source's number
WORD_SOURCES = (
    WordSource(0, "name", Contact, ("display_name", "given_name", "family_name")),
    WordSource(1, "nickname", Contact, ("nickname",)),
    WordSource(2, "company", Contact, ("company", "department")),
    WordSource(3, "role", Contact, ("role", "function")),
    WordSource(4, "notes", Contact, ("notes",)),
    WordSource(5, "town", ContactAddress, ("locality",)),
    WordSource(6, "tag", Tag, ("name",)),
    WordSource(7, "circle", Circle, ("name",)),
    WordSource(8, "fact", Fact, ("kind", "text")),  # "child Daughter Emma": a child
    WordSource(9, "need", Need, ("text",)),  # needs and offers
    WordSource(10, "met", Contact, ("met_where",)),
)
# The notes of touches have an index of their own (a million of them: searched newest
# first, a bounded number), their lines numbered so too.
TOUCH_SOURCE = WordSource(15, "touch", Interaction, ("note",))

ALL_MODELS = (
    Setting, Circle, Contact, ContactMethod, ContactAddress, PastJob, Tag, ContactTag, Fact,
    Interaction, InteractionContact, FollowUp, Favour, Introduction, LifeEvent, Need,
    SuggestedIntroduction, *CAPTURE_MODELS, *SYNC_MODELS, *JOURNAL_MODELS,
)
# What an undo can take back (store/undo.py): every change to these tables is journaled.
JOURNALED_MODELS = tuple(model for model in ALL_MODELS
                         if model not in JOURNAL_MODELS and model not in UNJOURNALED_MODELS)
