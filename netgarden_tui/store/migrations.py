"""Schema versions and the migrations between them.

The version lives in the ``setting`` table. Opening a garden applies every migration after
its version, in order, in one transaction, after taking a copy of the file. A garden
written by a newer netgarden is refused before anything touches it.
"""

from collections.abc import Callable

from netgarden_tui.store import backend, match_keys, writes
from netgarden_tui.store.models import (
    ALL_MODELS, CAPTURE_MODELS, DUE_DAY_INDEX, JOURNAL_MODELS, WORD_SLOTS, WORD_SOURCES,
    CaptureMeeting, Contact, ContactAddress, ContactMethod, Interaction, Need, PastJob, Setting,
    SuggestedIntroduction, SyncCard, db,
)

SCHEMA_VERSION = 14
SCHEMA_KEY = "schema_version"  # the setting that holds it


class GardenTooNew(Exception):
    pass


def _v2_call_durations_and_import_uids(migrator) -> None:
    """v2: a call's duration (call mode) and a vCard UID per contact (re-import)."""
    migrator.migrate(
        migrator.add_column("interaction", "duration_seconds", Interaction.duration_seconds),
        # index=True on the field: add_column creates contact_external_uid itself.
        migrator.add_column("contact", "external_uid", Contact.external_uid),
    )


def _v3_undo_journal(migrator) -> None:
    """v3: the undo journal behind the app's ``u`` key, kept across restarts."""
    db.create_tables(JOURNAL_MODELS)


def _v4_next_due_column(migrator) -> None:
    """v4: each contact's next due day, stored and indexed, so big queues come from an index."""
    migrator.migrate(
        migrator.add_column("contact", "next_due_on", Contact.next_due_on),
        migrator.add_index("contact", ("archived", "next_due_on"), False),
    )
    writes.refresh_schedule()


def _v5_unanswered_outreaches(migrator) -> None:
    """v5: unanswered outreaches in a row per contact (one-sided), and the day the queue's
    "let go?" question was answered; the due-day index covers the first too."""
    backend.add_counter_column("contact", "unanswered_in_a_row")
    migrator.migrate(
        migrator.add_column("contact", "let_go_asked_on", Contact.let_go_asked_on),
        migrator.add_index("contact", ("archived", "unanswered_in_a_row"), False),
        migrator.drop_index("contact", "contact_archived_next_due_on"),
        migrator.add_index("contact", ("archived", "next_due_on", "unanswered_in_a_row"), False),
    )
    writes.refresh_outreach()


def _v6_due_day_index_scores(migrator) -> None:
    """v6: the due-day index also holds the circle and the day added, so the queue scores
    every contact due from the index alone, without reading their rows."""
    columns = tuple(getattr(Contact, field).column_name for field in DUE_DAY_INDEX)
    migrator.migrate(
        migrator.drop_index("contact", "contact_archived_next_due_on_unanswered_in_a_row"),
        migrator.add_index("contact", columns, False),
    )


def _v7_whole_address_book(migrator) -> None:
    """v7: what an address book holds beyond names and methods (postal addresses, the
    department, the vCard ROLE, an anniversary), work history, and each method's match
    key, indexed in place of its value."""
    for field in (Contact.department, Contact.function):
        backend.add_text_column("contact", field.column_name)
    backend.add_text_column("contact_method", ContactMethod.match_key.column_name)
    migrator.migrate(
        *(migrator.add_column("contact", field.column_name, field)
          for field in (Contact.anniversary_month, Contact.anniversary_day,
                        Contact.anniversary_year)),
        migrator.drop_index("contact_method", "contact_method_kind_value"),
        migrator.add_index("contact_method", ("kind", "match_key"), False),
    )
    db.create_tables([ContactAddress, PastJob])
    match_keys.rekey()


def _v8_capture(migrator) -> None:
    """v8: what capturing mail and calendars remembers: the messages and occurrences seen
    (as hashes), the touches it logged by thread and day, the addresses of people not in
    the garden, and where each file stood when last read."""
    db.create_tables(CAPTURE_MODELS)


def _v9_redo(_migrator) -> None:
    """v9: redo: a step taken back is kept, marked redo, until a new change is made."""
    if "redo" not in {column.name for column in db.get_columns("undo_step")}:
        backend.add_counter_column("undo_step", "redo")  # absent when v3 made it just now


def _v10_meetings_and_ignored(_migrator) -> None:
    """v10: meetings to come, read from calendars; addresses not to suggest again."""
    if "ignored" not in {column.name for column in db.get_columns("capture_address")}:
        backend.add_counter_column("capture_address", "ignored")  # absent unless v8 just ran
    db.create_tables([CaptureMeeting])


def _v11_channel_index(migrator) -> None:
    """v11: touches indexed by channel and moment, so the garden overview counts each
    channel's touches a month from the index (store/stats.py)."""
    if "interaction_channel_at" not in {index.name for index in db.get_indexes("interaction")}:
        migrator.migrate(migrator.add_index("interaction", ("channel", "at"), False))


def _v12_touch_authors(_migrator) -> None:
    """v12: who logged each touch, for a garden several people share (on a server)."""
    column = Interaction.author.column_name
    if column not in {found.name for found in db.get_columns("interaction")}:
        backend.add_text_column("interaction", column)


def _v13_vdir_sync(_migrator) -> None:
    """v13: where each card of a synced vdir stood when last synced (netgarden sync)."""
    db.create_tables([SyncCard])  # safe: a table made already is left as it is


def _v14_needs_offers_and_words(_migrator) -> None:
    """v14: what each person needs and can offer, the introductions suggested from them
    and decided on, and the word index behind "who do I know who..." (stemmed: "hiring"
    finds "hire"), touches' notes included. Self-contained and idempotent: the tables
    only if missing, the index made (again) whole."""
    added = [model for model in (Need, SuggestedIntroduction)
             if not db.table_exists(model._meta.table_name)]
    db.create_tables(added)
    backend.finish_tables(added)
    backend.install_word_index(WORD_SOURCES, WORD_SLOTS)


MIGRATIONS: dict[int, Callable] = {
    2: _v2_call_durations_and_import_uids,
    3: _v3_undo_journal,
    4: _v4_next_due_column,
    5: _v5_unanswered_outreaches,
    6: _v6_due_day_index_scores,
    7: _v7_whole_address_book,
    8: _v8_capture,
    9: _v9_redo,
    10: _v10_meetings_and_ignored,
    11: _v11_channel_index,
    12: _v12_touch_authors,
    13: _v13_vdir_sync,
    14: _v14_needs_offers_and_words,
}


def refuse_newer(version: int | None, path) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise GardenTooNew(
            f"{path} was written by a newer netgarden (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}); upgrade netgarden to open it"
        )


def create_schema() -> None:
    with db.atomic():
        backend.prepare_schema()
        db.create_tables([*ALL_MODELS, backend.ContactSearch])
        backend.finish_schema()
        backend.install_word_index(WORD_SOURCES, WORD_SLOTS)
        _set_version(SCHEMA_VERSION)


def upgrade(version: int) -> None:
    """Apply the migrations after ``version``; all or nothing."""
    migrator = backend.schema_migrator()
    with db.atomic():
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](migrator)
        _set_version(SCHEMA_VERSION)


def _set_version(version: int) -> None:
    Setting.put(SCHEMA_KEY, str(version))
