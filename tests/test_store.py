"""The store: a private file, forward migrations, refusing what it cannot read, full-text
search, dates in and out, and one transaction per action."""

import datetime as dt
import hashlib
import sqlite3
import stat
from pathlib import Path

import peewee
import pendulum
import pytest

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.store import database, migrations, queries, writes
from netgarden_tui.store import search as search_index
from netgarden_tui.store.database import GardenError
from netgarden_tui.store.models import (
    Contact, ContactMethod, Fact, FollowUp, Interaction, InteractionContact, LifeEvent, Tag, db,
)
from netgarden_tui.store.records import Method

from conftest import raw_sql


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads a closed garden without leaving -wal/-shm files beside it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


@pytest.fixture
def opened():
    """Close whatever garden a test opened itself."""
    yield
    database.close_garden()


# --- a private file -----------------------------------------------------------------------


def test_a_new_garden_is_readable_by_its_owner_only(frozen_clock, tmp_path, opened):
    folder = tmp_path / "fresh"
    locations = Locations(database=folder / "garden.db", config_file=tmp_path / "config.toml",
                          backups=folder / "backups")

    actions.open_garden(locations, default_config())
    actions.add_contact("Hana Health", ContactDetails(notes="bad knee"))

    assert mode(folder) == 0o700
    assert mode(folder / "garden.db") == 0o600
    sidecars = [folder / "garden.db-wal", folder / "garden.db-shm"]
    assert all(path.exists() for path in sidecars)  # WAL mode
    assert [mode(path) for path in sidecars] == [0o600, 0o600]


# --- migrating a version-1 garden ----------------------------------------------------------

# The schema netgarden wrote at version 1, as peewee created it: the version-2 tables without
# interaction.duration_seconds and contact.external_uid (and its index).
V1_SCHEMA = """
CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "circle" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL COLLATE NOCASE,
    "priority" INTEGER NOT NULL, "cadence_days" INTEGER NOT NULL);
CREATE UNIQUE INDEX "circle_name" ON "circle" ("name");
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY,
    "display_name" TEXT NOT NULL COLLATE NOCASE, "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL, "nickname" TEXT NOT NULL, "company" TEXT NOT NULL,
    "role" TEXT NOT NULL, "met_where" TEXT NOT NULL, "met_on" TEXT, "introduced_by_id" INTEGER,
    "birthday_month" INTEGER, "birthday_day" INTEGER, "birthday_year" INTEGER,
    "notes" TEXT NOT NULL, "archived" INTEGER NOT NULL, "circle_id" INTEGER,
    "cadence_days" INTEGER, "snoozed_until" TEXT, "last_touch_at" TEXT,
    "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL,
    FOREIGN KEY ("introduced_by_id") REFERENCES "contact" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("circle_id") REFERENCES "circle" ("id") ON DELETE SET NULL);
CREATE INDEX "contact_introduced_by_id" ON "contact" ("introduced_by_id");
CREATE INDEX "contact_circle_id" ON "contact" ("circle_id");
CREATE INDEX "contact_archived_display_name" ON "contact" ("archived", "display_name");
CREATE INDEX "contact_birthday_month_birthday_day" ON "contact" ("birthday_month", "birthday_day");
CREATE INDEX "contact_circle_id_archived" ON "contact" ("circle_id", "archived");
CREATE INDEX "contact_archived_last_touch_at" ON "contact" ("archived", "last_touch_at");
CREATE TABLE "contact_method" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL, "value" TEXT NOT NULL, "label" TEXT NOT NULL,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_method_contact_id" ON "contact_method" ("contact_id");
CREATE INDEX "contact_method_kind_value" ON "contact_method" ("kind", "value");
CREATE VIRTUAL TABLE "contact_search" USING fts5 ("names", "work", "notes", prefix='2 3',
    tokenize="unicode61 remove_diacritics 2");
CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL COLLATE NOCASE);
CREATE UNIQUE INDEX "tag_name" ON "tag" ("name");
CREATE TABLE "contact_tag" ("contact_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL,
    PRIMARY KEY ("contact_id", "tag_id"),
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_tag_contact_id" ON "contact_tag" ("contact_id");
CREATE INDEX "contact_tag_tag_id" ON "contact_tag" ("tag_id");
CREATE INDEX "contact_tag_tag_id_contact_id" ON "contact_tag" ("tag_id", "contact_id");
CREATE TABLE "fact" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL, "text" TEXT NOT NULL, "year" INTEGER, "created_at" TEXT NOT NULL,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "fact_contact_id" ON "fact" ("contact_id");
CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "at" TEXT NOT NULL,
    "channel" TEXT NOT NULL, "direction" TEXT NOT NULL, "note" TEXT NOT NULL,
    "awaiting_reply" INTEGER NOT NULL, "created_at" TEXT NOT NULL);
CREATE INDEX "interaction_at" ON "interaction" ("at");
CREATE TABLE "interaction_contact" ("interaction_id" INTEGER NOT NULL,
    "contact_id" INTEGER NOT NULL, PRIMARY KEY ("contact_id", "interaction_id"),
    FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "interaction_contact_interaction_id" ON "interaction_contact" ("interaction_id");
CREATE INDEX "interaction_contact_contact_id" ON "interaction_contact" ("contact_id");
CREATE TABLE "follow_up" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
    "interaction_id" INTEGER, "due_on" TEXT NOT NULL, "what" TEXT NOT NULL, "done_at" TEXT,
    "created_at" TEXT NOT NULL,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE SET NULL);
CREATE INDEX "follow_up_contact_id" ON "follow_up" ("contact_id");
CREATE INDEX "follow_up_interaction_id" ON "follow_up" ("interaction_id");
CREATE INDEX "follow_up_done_at_due_on" ON "follow_up" ("done_at", "due_on");
CREATE TABLE "favour" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
    "direction" TEXT NOT NULL, "kind" TEXT NOT NULL, "what" TEXT NOT NULL,
    "status" TEXT NOT NULL, "due_on" TEXT, "created_at" TEXT NOT NULL, "resolved_at" TEXT,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "favour_contact_id" ON "favour" ("contact_id");
CREATE INDEX "favour_direction_status_due_on" ON "favour" ("direction", "status", "due_on");
CREATE TABLE "introduction" ("id" INTEGER NOT NULL PRIMARY KEY, "introducer_id" INTEGER,
    "person_a_id" INTEGER NOT NULL, "person_b_id" INTEGER NOT NULL, "on" TEXT NOT NULL,
    "note" TEXT NOT NULL, "outcome" TEXT NOT NULL,
    FOREIGN KEY ("introducer_id") REFERENCES "contact" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("person_a_id") REFERENCES "contact" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("person_b_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "introduction_introducer_id" ON "introduction" ("introducer_id");
CREATE INDEX "introduction_person_a_id" ON "introduction" ("person_a_id");
CREATE INDEX "introduction_person_b_id" ON "introduction" ("person_b_id");
CREATE TABLE "life_event" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL, "text" TEXT NOT NULL, "on" TEXT NOT NULL, "acknowledged_at" TEXT,
    FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "life_event_contact_id" ON "life_event" ("contact_id");
CREATE INDEX "life_event_acknowledged_at_on" ON "life_event" ("acknowledged_at", "on");
PRAGMA journal_mode = wal;
"""

V1_ROWS = """
INSERT INTO setting VALUES ('schema_version', '1'), ('garden_created_on', '2025-01-10'),
    ('last_regroup_on', '2026-10-01');
INSERT INTO circle VALUES (1, 'Clients', 1, 30), (2, 'Board', 2, 40);
INSERT INTO contact VALUES
    (1, 'Zoë Martin', 'Zoë', 'Martin', 'Z', 'Acme', 'CTO', 'PyCon', '2019-05-04', NULL,
     7, 14, 1980, 'bad **knee**', 0, 1, 21, '2026-12-01', '2026-11-01 10:30:00',
     '2025-01-10 08:00:00', '2026-11-01 10:30:00'),
    (2, 'Sam Lee', 'Sam', 'Lee', '', '', '', '', NULL, 1,
     2, 29, NULL, '', 1, 2, NULL, NULL, NULL, '2025-02-01 12:00:00', '2025-02-01 12:00:00');
INSERT INTO contact_method VALUES (1, 1, 'email', 'zoe@acme.example', 'work'),
    (2, 1, 'url', 'https://linkedin.example/zoe', '');
INSERT INTO contact_search (rowid, names, work, notes) VALUES
    (1, 'Zoë Martin Zoë Martin Z', 'Acme CTO', 'bad **knee** sails'),
    (2, 'Sam Lee Sam Lee ', ' ', ' ');
INSERT INTO tag VALUES (1, 'python'), (2, 'board');
INSERT INTO contact_tag VALUES (1, 1), (1, 2), (2, 2);
INSERT INTO fact VALUES (1, 1, 'interest', 'sails', NULL, '2025-01-10 08:00:00'),
    (2, 1, 'child', 'Mila', 2015, '2025-01-10 08:01:00');
INSERT INTO interaction VALUES (1, '2026-11-01 10:30:00', 'call', 'out', 'talked knees', 0,
    '2026-11-01 10:31:00'), (2, '2026-10-01 09:00:00', 'email', 'out', '', 1, '2026-10-01 09:00:00');
INSERT INTO interaction_contact VALUES (1, 1), (2, 1), (2, 2);
INSERT INTO follow_up VALUES (1, 1, 1, '2026-11-20', 'send the article', NULL,
    '2026-11-01 10:31:00');
INSERT INTO favour VALUES (1, 2, 'offered', 'introduction', 'to Zoë', 'open', '2026-12-01',
    '2026-10-01 09:00:00', NULL);
INSERT INTO introduction VALUES (1, NULL, 1, 2, '2026-10-01', 'both sail', 'met twice');
INSERT INTO life_event VALUES (1, 1, 'promotion', 'CTO', '2026-11-15', NULL);
"""

V1_TABLES = ("setting", "circle", "contact", "contact_method", "tag", "contact_tag", "fact",
             "interaction", "interaction_contact", "follow_up", "favour", "introduction",
             "life_event")


# What version 7 added to the tables of version 1.
V7_COLUMNS = {("contact", "department"), ("contact", "function"),
              ("contact", "anniversary_month"), ("contact", "anniversary_day"),
              ("contact", "anniversary_year"), ("contact_method", "match_key")}


def build_v1_garden(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA + V1_ROWS)
    conn.close()


def v1_snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every version-1 table, in the version-1 columns only."""
    snapshot = {}
    for table in V1_TABLES:
        v1_columns = [c for c in columns(conn, table)
                      if (table, c) not in {("contact", "external_uid"),
                                            ("interaction", "duration_seconds"),
                                            ("contact", "next_due_on"),
                                            ("contact", "unanswered_in_a_row"),
                                            ("contact", "let_go_asked_on"),
                                            ("interaction", "author"),
                                            *V7_COLUMNS}]
        names = ", ".join(f'"{c}"' for c in v1_columns)
        snapshot[table] = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()
    snapshot["contact_search"] = conn.execute(
        "SELECT rowid, names, work, notes FROM contact_search ORDER BY rowid").fetchall()
    return snapshot


def test_a_version_1_garden_migrates_forward_keeping_every_row(frozen_clock, locations, opened):
    build_v1_garden(locations.database)
    with read_only(locations.database) as conn:
        before = v1_snapshot(conn)
        assert "external_uid" not in columns(conn, "contact")
        assert "duration_seconds" not in columns(conn, "interaction")
    assert sum(len(rows) for rows in before.values()) == 27

    actions.open_garden(locations, default_config())
    database.close_garden()

    with read_only(locations.database) as conn:
        after = v1_snapshot(conn)
        settings = dict(after.pop("setting"))
        assert settings == {"schema_version": str(migrations.SCHEMA_VERSION),
                            "garden_created_on": "2025-01-10", "last_regroup_on": "2026-10-01",
                            "default_cadence_days": "60"}
        # Opening also adds the config's circles the garden lacks, after the ones it had.
        assert after.pop("circle") == before["circle"] + [
            (3, "Prospects", 2, 45), (4, "Influential colleagues", 2, 60),
            (5, "Powerful colleagues", 3, 90), (6, "Friends", 3, 60)]
        assert after == {table: rows for table, rows in before.items()
                         if table not in ("setting", "circle")}
        assert "external_uid" in columns(conn, "contact")
        assert "duration_seconds" in columns(conn, "interaction")
        assert conn.execute("SELECT external_uid FROM contact").fetchall() == [(None,), (None,)]
        assert conn.execute("SELECT duration_seconds FROM interaction").fetchall() == [(None,), (None,)]
        # v7 keyed every method for matching, and left the new fields empty.
        assert conn.execute("SELECT match_key FROM contact_method ORDER BY id").fetchall() == [
            ("zoe@acme.example",), ("linkedin.example/zoe",)]
        assert conn.execute("SELECT DISTINCT department, function, anniversary_month "
                            "FROM contact").fetchall() == [("", "", None)]
        # v4 worked out each contact's next due day from its last touch and cadence.
        assert None not in [row[0] for row in conn.execute("SELECT next_due_on FROM contact")]
        indexes = [row[1] for row in conn.execute('PRAGMA index_list("contact")')]
        assert "contact_external_uid" in indexes
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


SCHEMA_6_GARDEN = Path(__file__).parent / "data" / "garden-schema6.sql"


def every_row(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """Each table's rows as {column: value}, the search index's shadow tables left out."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'contact_search%' "
        "AND name NOT LIKE 'word_search%' AND name NOT LIKE 'touch_search%' "
        "AND name NOT LIKE 'match_words%' AND name NOT LIKE 'sqlite_%'")]
    rows = {}
    for table in tables:
        cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        names = [column[0] for column in cursor.description]
        rows[table] = [dict(zip(names, row)) for row in cursor]
    return rows


def test_a_schema_6_garden_opens_with_every_field_intact(frozen_clock, locations, opened):
    with sqlite3.connect(locations.database) as conn:
        conn.executescript(SCHEMA_6_GARDEN.read_text(encoding="utf-8"))
    conn.close()
    with read_only(locations.database) as conn:
        before = every_row(conn)
    assert len(before["contact"]) == 15 and len(before["interaction"]) == 40

    actions.open_garden(locations, default_config())
    hannah = queries.contact_card(queries.contacts_named("Hannah Okafor")[0][0], default_cadence=60)
    database.close_garden()

    with read_only(locations.database) as conn:
        after = every_row(conn)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    settings = {row["key"]: row["value"] for row in before.pop("setting")}
    assert {row["key"]: row["value"] for row in after["setting"]} == {
        **settings, "schema_version": str(migrations.SCHEMA_VERSION)}
    for table, rows in before.items():
        kept = [{column: row[column] for column in old} for row, old in zip(after[table], rows)]
        assert kept == rows, table
    assert {(row["department"], row["function"], row["anniversary_month"])
            for row in after["contact"]} == {("", "", None)}
    assert all(row["match_key"] for row in after["contact_method"])
    assert after["contact_address"] == [] and after["past_job"] == []
    assert after["capture_seen"] == [] and after["capture_touch"] == []  # schema 8: nothing captured yet
    assert list(locations.backups.glob("garden-*-schema6.db"))
    assert (hannah.company, hannah.role, hannah.nickname) == ("Keel Street Chambers",
                                                              "Barrister", "Han")
    assert Method("phone", "+44 7700 900123", "cell") in hannah.methods
    assert hannah.tags == ("barristers", "mentors")


def indexes(path: Path) -> dict[str, dict[str, list[str]]]:
    """Each table's indexes (SQLite's own left out) with their columns, by name."""
    with read_only(path) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contact_search%' "
            "AND name NOT LIKE 'word_search%' AND name NOT LIKE 'touch_search%' "
            "AND name NOT LIKE 'match_words%'")]
        return {table: {index[1]: [column[2] for column in conn.execute(
                            f'PRAGMA index_info("{index[1]}")')]
                        for index in conn.execute(f'PRAGMA index_list("{table}")')
                        if not index[1].startswith("sqlite_")}
                for table in tables}


def test_a_migrated_garden_has_the_indexes_of_a_new_one(frozen_clock, tmp_path, locations, opened):
    build_v1_garden(locations.database)
    actions.open_garden(locations, default_config())
    database.close_garden()
    new = Locations(database=tmp_path / "new" / "garden.db", config_file=locations.config_file,
                    backups=tmp_path / "new" / "backups")
    actions.open_garden(new, default_config())
    database.close_garden()

    assert indexes(locations.database) == indexes(new.database)
    # The queue scores who is due on cadence from the due-day index alone.
    assert ["archived", "next_due_on", "unanswered_in_a_row", "circle_id", "created_at"] in (
        indexes(new.database)["contact"].values())


def test_the_migrated_garden_is_usable(frozen_clock, locations, opened):
    build_v1_garden(locations.database)
    actions.open_garden(locations, default_config())

    card = queries.contact_card(1, default_cadence=60)
    assert (card.display_name, card.company, card.circle, card.cadence_days) == (
        "Zoë Martin", "Acme", "Clients", 21)
    assert [f.text for f in card.facts] == ["Mila", "sails"]
    assert [r.name for r in queries.contact_rows(default_cadence=60, search="knee")] == ["Zoë Martin"]
    new = writes.create_contact(display_name="Uma Uid", external_uid="vcard-123")
    actions.log_touch([new], channel="call", duration_seconds=95)
    assert Contact.get_by_id(new).external_uid == "vcard-123"
    assert [i.duration_seconds for i in queries.interactions(new)] == [95]


def test_a_migration_first_leaves_a_copy_of_the_old_garden(frozen_clock, locations, opened):
    build_v1_garden(locations.database)
    with read_only(locations.database) as conn:
        before = v1_snapshot(conn)

    actions.open_garden(locations, default_config())
    database.close_garden()

    backups = sorted(locations.backups.iterdir())
    assert [path.name for path in backups] == ["garden-20261123T090000-schema1.db"]  # alone: no -wal
    [backup] = backups
    assert mode(backup) == 0o600
    assert mode(locations.backups) == 0o700
    with read_only(backup) as conn:
        assert conn.execute(
            "SELECT value FROM setting WHERE key = 'schema_version'").fetchone() == ("1",)
        assert "external_uid" not in columns(conn, "contact")
        assert v1_snapshot(conn) == before

    # Opening the now up-to-date garden again takes no second copy.
    actions.open_garden(locations, default_config())
    assert [path.name for path in locations.backups.iterdir()] == [backup.name]


def test_a_migration_that_fails_midway_changes_nothing(frozen_clock, locations, opened, monkeypatch):
    build_v1_garden(locations.database)
    last = migrations.MIGRATIONS[migrations.SCHEMA_VERSION]

    def broken(migrator):
        last(migrator)
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(migrations.MIGRATIONS, migrations.SCHEMA_VERSION, broken)

    with pytest.raises(RuntimeError, match="disk on fire"):
        actions.open_garden(locations, default_config())
    database.close_garden()

    with read_only(locations.database) as conn:
        assert conn.execute(
            "SELECT value FROM setting WHERE key = 'schema_version'").fetchone() == ("1",)
        assert "external_uid" not in columns(conn, "contact")
        assert "duration_seconds" not in columns(conn, "interaction")


# --- refusing what it cannot read -------------------------------------------------------


def closed_garden(locations: Locations) -> None:
    """A garden with one contact, closed (its -wal folded back into the file)."""
    actions.open_garden(locations, default_config())
    actions.add_contact("Ann Lee")
    database.close_garden()


def test_a_garden_from_a_newer_netgarden_is_refused_untouched(frozen_clock, locations, opened):
    closed_garden(locations)
    newer = migrations.SCHEMA_VERSION + 1
    with sqlite3.connect(locations.database) as conn:
        conn.execute("UPDATE setting SET value = ? WHERE key = 'schema_version'", (str(newer),))
    conn.close()
    folder = locations.database.parent
    files_before = sorted(folder.iterdir())
    digest = sha256(locations.database)

    with pytest.raises(GardenError) as caught:
        actions.open_garden(locations, default_config())

    assert str(caught.value) == (
        f"{locations.database} was written by a newer netgarden (schema {newer}; this version "
        f"reads up to {migrations.SCHEMA_VERSION}); upgrade netgarden to open it")
    assert sha256(locations.database) == digest
    assert sorted(folder.iterdir()) == files_before  # no -wal, -shm or backups appeared
    assert not Path(f"{locations.database}-wal").exists()


def test_a_garden_in_a_folder_with_uri_characters_in_its_name(frozen_clock, tmp_path, opened):
    folder = tmp_path / "clients #1 100%?"
    locations = Locations(database=folder / "garden.db", config_file=tmp_path / "config.toml",
                          backups=folder / "backups")
    closed_garden(locations)

    actions.open_garden(locations, default_config())  # reads the stored version first

    assert [r.name for r in queries.contact_rows(default_cadence=60)] == ["Ann Lee"]


def test_a_file_that_is_not_a_database_is_refused_in_one_line(frozen_clock, locations, opened):
    locations.database.write_bytes(b"These are my notes, not a database.\n" * 100)
    digest = sha256(locations.database)

    with pytest.raises(GardenError) as caught:
        actions.open_garden(locations, default_config())

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{locations.database} is not a netgarden database")
    assert sha256(locations.database) == digest
    assert sorted(p.name for p in locations.database.parent.iterdir()) == ["garden.db"]


def test_another_programs_database_is_refused_untouched(frozen_clock, locations, opened):
    with sqlite3.connect(locations.database) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://example.com')")
    conn.close()
    digest = sha256(locations.database)

    with pytest.raises(GardenError) as caught:
        actions.open_garden(locations, default_config())

    assert str(caught.value) == (
        f"{locations.database} is not a netgarden database (it holds other tables)")
    assert sha256(locations.database) == digest


def test_a_folder_is_refused(frozen_clock, locations, opened):
    locations.database.mkdir()

    with pytest.raises(GardenError, match="is a folder, not a database file"):
        actions.open_garden(locations, default_config())


def test_an_empty_file_becomes_a_garden(frozen_clock, locations, opened):
    locations.database.touch()

    actions.open_garden(locations, default_config())

    assert queries.setting("schema_version") == str(migrations.SCHEMA_VERSION)
    assert queries.circle_names()[0] == "Clients"


# --- full-text search ------------------------------------------------------------------


@pytest.fixture
def searchable(config):
    ids = {
        "zoe": actions.add_contact("Zoë Martin", ContactDetails(
            company="Acme Widgets", role="CTO", notes="asked about unterminated strings")),
        "lars": actions.add_contact("Lars Andersen"),
        "ruth": actions.add_contact("Nearing Ruth"),
        "sean": actions.add_contact("Sean O'Brien", ContactDetails(notes="Bad knee; *loves* jazz")),
    }
    with database.transaction():
        Fact.create(contact=ids["lars"], kind="interest", text="sails a Folkboat")
        search_index.reindex_contacts([ids["lars"]])
    return ids


EVERYONE = ["Lars Andersen", "Nearing Ruth", "Sean O'Brien", "Zoë Martin"]


def search(text: str) -> list[str]:
    names = [row.name for row in queries.contact_rows(default_cadence=60, search=text)]
    assert queries.count_contacts(search=text) == len(names)
    return names


@pytest.mark.parametrize("typed, found", [
    ("zoe", ["Zoë Martin"]),  # accents folded
    ("ZOË", ["Zoë Martin"]),
    ("mart", ["Zoë Martin"]),  # a prefix
    ("acme", ["Zoë Martin"]),  # company
    ("cto", ["Zoë Martin"]),  # role
    ("zoe acme", ["Zoë Martin"]),  # every word, across fields
    ("zoe lars", []),
    ("folkboat", ["Lars Andersen"]),  # a fact
    ("knee", ["Sean O'Brien"]),  # notes
    ("jazz", ["Sean O'Brien"]),
    ("o'brien", ["Sean O'Brien"]),
    ("nobody", []),
])
def test_search_finds_by_name_company_fact_and_notes(searchable, typed, found):
    assert search(typed) == found


@pytest.mark.parametrize("typed, found", [
    ("", EVERYONE),
    ("   ", EVERYONE),
    ('"', EVERYONE),  # nothing searchable: no filter
    ("'", EVERYONE),
    ("*", EVERYONE),
    ("(", EVERYONE),
    ("-", EVERYONE),
    ("( - *", EVERYONE),
    ("AND", ["Lars Andersen"]),  # a word, not an operator
    ("OR", []),
    ("NEAR(", ["Nearing Ruth"]),
    ("NEAR(zoe, lars)", []),
    ('"unterminated', ["Zoë Martin"]),
    ('zoe"', ["Zoë Martin"]),
    ("zoe*", ["Zoë Martin"]),
    ("(zoe", ["Zoë Martin"]),
    ("-zoe", ["Zoë Martin"]),  # not a NOT
    ("zoe -", ["Zoë Martin"]),
    ("names:lars", []),  # not a column filter: "names" is just a word
    ("^lars", ["Lars Andersen"]),
    ("{notes}: knee", []),
])
def test_hostile_search_text_never_raises_and_is_taken_as_words(searchable, typed, found):
    assert search(typed) == found


def test_the_search_index_follows_edits(searchable):
    actions.edit_contact(searchable["zoe"], ContactDetails(company="Globex"))

    assert search("acme") == []
    assert search("globex") == ["Zoë Martin"]


# --- dates in and out ------------------------------------------------------------------


def test_moments_are_stored_as_utc_text_and_read_back_in_utc(config):
    cid = actions.add_contact("Tim Zone")
    paris = pendulum.datetime(2026, 11, 20, 14, 30, 15, tz="Europe/Paris")
    iid = actions.log_touch([cid], at=paris)

    raw = raw_sql("SELECT at, created_at FROM interaction WHERE id = ?", (iid,)).fetchone()
    assert raw == ("2026-11-20 13:30:15", "2026-11-23 09:00:00")
    at = Interaction.get_by_id(iid).at
    assert isinstance(at, pendulum.DateTime)
    assert at.timezone_name == "UTC"
    assert at == paris
    assert at == pendulum.datetime(2026, 11, 20, 13, 30, 15, tz="UTC")
    assert Contact.get_by_id(cid).last_touch_at == paris


def test_a_stdlib_aware_datetime_is_stored_in_utc(config):
    cid = actions.add_contact("Ed East")
    eastern = dt.datetime(2026, 11, 20, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    Contact.update(last_touch_at=eastern).where(Contact.id == cid).execute()

    raw = raw_sql("SELECT last_touch_at FROM contact WHERE id = ?", (cid,)).fetchone()
    assert raw == ("2026-11-21 03:00:00",)
    assert Contact.get_by_id(cid).last_touch_at == pendulum.datetime(2026, 11, 21, 3, tz="UTC")


def test_days_are_stored_as_iso_text_and_read_back_as_pendulum_dates(config):
    cid = actions.add_contact("Dee Day")
    actions.log_touch([cid], follow_up_on=pendulum.date(2026, 11, 27), follow_up_note="call")
    writes.update_contact(cid, met_on=pendulum.date(2019, 5, 4))

    raw = db.execute_sql("SELECT due_on FROM follow_up").fetchone()
    assert raw == ("2026-11-27",)
    due_on = FollowUp.get().due_on
    assert type(due_on) is pendulum.Date
    assert due_on == pendulum.date(2026, 11, 27)
    met_on = Contact.get_by_id(cid).met_on
    assert type(met_on) is pendulum.Date
    assert met_on == pendulum.date(2019, 5, 4)


def test_wrong_kinds_of_time_are_refused(config):
    cid = actions.add_contact("Nia Naive")
    with pytest.raises(ValueError, match="timezone-aware"):
        Contact.update(last_touch_at=dt.datetime(2026, 1, 1, 12)).where(Contact.id == cid).execute()
    with pytest.raises(TypeError, match="expects a datetime"):
        Contact.update(last_touch_at=pendulum.date(2026, 1, 1)).where(Contact.id == cid).execute()
    with pytest.raises(TypeError, match="expects a date"):
        Contact.update(met_on=pendulum.now()).where(Contact.id == cid).execute()
    assert Contact.get_by_id(cid).last_touch_at is None


# --- one action, one transaction ---------------------------------------------------------


def counts() -> dict[str, int]:
    return {model.__name__: model.select().count()
            for model in (Contact, ContactMethod, Tag, Interaction, InteractionContact, FollowUp)}


def test_a_touch_with_one_unknown_contact_writes_nothing(config):
    cid = actions.add_contact("Val Valid")
    before = counts()

    with pytest.raises(peewee.IntegrityError):
        actions.log_touch([cid, 9999], note="lunch", follow_up_on=pendulum.date(2026, 12, 1))

    assert counts() == before
    assert before["Interaction"] == 0
    assert Contact.get_by_id(cid).last_touch_at is None
    assert not db.in_transaction()


def test_a_touch_that_fails_after_its_first_writes_leaves_no_trace(config, monkeypatch):
    cid = actions.add_contact("Sue Snoozed")
    actions.snooze(cid, pendulum.date(2027, 3, 1), config)
    event = LifeEvent.create(contact=cid, kind="move", text="Lisbon", on=pendulum.date(2026, 11, 20))
    before = counts()

    def fail(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(writes, "_mark_outreach_answered", fail)
    with pytest.raises(RuntimeError, match="power cut"):
        actions.log_touch([cid], direction="in", follow_up_on=pendulum.date(2026, 12, 1))

    assert counts() == before
    contact = Contact.get_by_id(cid)
    assert contact.last_touch_at is None
    assert contact.snoozed_until == pendulum.date(2027, 3, 1)
    assert LifeEvent.get_by_id(event.id).acknowledged_at is None

    monkeypatch.undo()  # and the garden still takes the next write
    actions.log_touch([cid], direction="in")
    assert Contact.get_by_id(cid).snoozed_until is None


def test_adding_a_contact_that_fails_midway_writes_nothing(config, monkeypatch):
    def fail(contact_ids):
        raise RuntimeError("index broken")

    monkeypatch.setattr(search_index, "reindex_contacts", fail)
    with pytest.raises(RuntimeError, match="index broken"):
        actions.add_contact("Pia Partial", ContactDetails(emails=["pia@example.com"], tags=["vip"]))

    assert counts() == dict.fromkeys(counts(), 0)


def test_two_writers_at_once_lose_nothing(config):
    """Two sessions logging at the same moment (each thread has its own connection)."""
    import threading

    ids = [actions.add_contact(name) for name in ("Wren One", "Wren Two")]
    errors = []

    def log_many(contact_id: int) -> None:
        try:
            for n in range(30):
                with database.transaction():
                    actions.log_touch([contact_id], note=f"touch {n}")
        except Exception as error:  # collected: an assert in a thread would be lost
            errors.append(error)

    writers = [threading.Thread(target=log_many, args=(cid,)) for cid in ids]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert errors == []
    assert [len(queries.interactions(cid)) for cid in ids] == [30, 30]


def test_a_refused_write_is_explained_by_its_first_cause():
    full = peewee.OperationalError("database or disk is full")
    try:
        try:
            raise full
        except peewee.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")
    except peewee.OperationalError as error:
        assert database.explain(error) == "the disk is full: nothing was written"
    assert database.explain(peewee.OperationalError("database is locked")).startswith(
        "the garden is busy: another netgarden or a script kept it locked for 30 s")
    assert database.explain(peewee.OperationalError("no such table: x")) == "no such table: x"
