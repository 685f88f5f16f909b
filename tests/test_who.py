"""Who do I know who... (issue 26): one search over everything the garden knows about
people, stemmed, ranked, each person found with the line that holds the words and where
it came from. A small garden with a frozen clock (Mon 23 Nov 2026), on either engine."""

import pendulum
import pytest

from conftest import raw_sql
from netgarden_tui.garden import actions, tending, who
from netgarden_tui.garden.actions import ContactDetails, InvalidInput
from netgarden_tui.config import default_config
from netgarden_tui.store import check, database, search, undo, writes
from netgarden_tui.store.records import Address

import server
from test_cli import Runner, assert_user_error

EVIL = "[bold]Evil[/] [red"


@pytest.fixture
def garden(config):
    """Ann Lee, a client in Leeds; Bo Kim, a designer; Cy Young, archived; Di Evans with a
    hostile name; each with something to be found by."""
    with database.transaction():
        ann = writes.create_contact(
            display_name="Ann Lee", given_name="Ann", family_name="Lee", nickname="Annie",
            company="Acme Legal", role="General Counsel", met_where="Web Summit, Lisbon",
            notes="Prefers mornings.\nHer firm hires juniors every spring.\nCall, don't mail.",
            addresses=[Address(label="work", locality="Leeds")], tags=["investor"])
        tending.move_to_circle(ann, "Clients")
        tending.add_fact(ann, "child", "Daughter Emma, starting school", year=2020)
        tending.add_need(ann, "need", "a designer for the new app")
        bo = writes.create_contact(display_name="Bo Kim", role="Product Designer",
                                   company="Parallax Studio")
        tending.add_need(bo, "offer", "knows the Berlin VC scene")
        actions.log_touch([bo], channel="call", note="Coffee.\nSaid they are hiring a designer",
                          at=pendulum.datetime(2026, 3, 3, 10, tz="UTC"))
        cy = writes.create_contact(display_name="Cy Young", role="Designer")
        writes.set_archived(cy)
        di = writes.create_contact(display_name=EVIL, notes="Loves [/] and \x1b[31m escapes")
    return {"ann": ann, "bo": bo, "cy": cy, "di": di}


def found(query: str, **options) -> list[tuple[str, list[str]]]:
    """(name, why lines) of each person found, best first."""
    return [(person.contact, [why.text for why in person.why])
            for person in who.who(query, **options).people]


@pytest.mark.parametrize(("query", "why"), [
    ("Annie", "nickname: Annie"),
    ("Acme", "company: Acme Legal"),
    ("counsel", "role: General Counsel"),
    ("spring", "notes: Her firm hires juniors every spring."),
    ("summit", "met: Web Summit, Lisbon"),
    ("Leeds", "town: Leeds"),
    ("investor", "tag: investor"),
    ("clients", "circle: Clients"),
    ("school", "child: Daughter Emma, starting school"),
    ("child", "child: Daughter Emma, starting school"),
    ("app", "needs: a designer for the new app"),
])
def test_each_source_finds_ann_with_its_line(garden, query, why):
    assert found(query)[0] == ("Ann Lee", [why])


def test_a_name_an_offer_and_a_touch_say_where_they_came_from(garden):
    assert found("Lee") == [("Ann Lee", ["name: Lee"])]
    assert found("Berlin VC") == [("Bo Kim", ["offers: knows the Berlin VC scene"])]
    assert found("coffee") == [("Bo Kim", ["call 3 Mar: 'Coffee.'"])]


def test_words_are_stemmed(garden):
    # "hiring" finds "hires" (a note) and "hiring" (a touch); "designers" a designer
    assert [name for name, _ in found("hiring")] == ["Ann Lee", "Bo Kim"]
    assert found("hiring")[1] == ("Bo Kim", ["call 3 Mar: 'Said they are hiring a designer'"])
    assert [name for name, _ in found("designers")] == ["Ann Lee", "Bo Kim"]  # a need first


def test_every_word_must_be_found_about_the_person_on_one_line_or_several(garden):
    assert found("designer Leeds") == [
        ("Ann Lee", ["needs: a designer for the new app", "town: Leeds"])]
    assert found("hiring designer") == [  # the two words together on one line: first
        ("Bo Kim", ["call 3 Mar: 'Said they are hiring a designer'"]),
        ("Ann Lee", ["needs: a designer for the new app",
                     "notes: Her firm hires juniors every spring."])]
    assert found("designer Tokyo") == []


def test_a_better_source_ranks_first_and_words_of_asking_are_left_out(garden):
    # Bo's role says designer (85), Ann needs one (90); her need comes first
    assert [name for name, _ in found("who do I know who is a designer")] == [
        "Ann Lee", "Bo Kim"]
    assert who.who("who is a designer").words == ("designer",)
    assert who.query_words("who is") == [("who", False), ("is", False)]  # nothing else asked


def test_archived_people_and_met_needs_are_not_found(garden):
    assert "Cy Young" not in [name for name, _ in found("designer")]
    need = tending.add_need(garden["bo"], "need", "a tax adviser")
    assert found("tax adviser") == [("Bo Kim", ["needs: a tax adviser"])]
    tending.mark_need_met(need)
    assert found("tax adviser") == []


def test_as_you_type_the_last_word_is_a_prefix_of_three_letters_or_more(garden):
    assert found("Summi", as_you_type=True) == [("Ann Lee", ["met: Web Summit, Lisbon"])]
    assert found("Summi") == []  # a whole word, said and done
    assert found("Su", as_you_type=True) == []  # too short to stand for every word it starts
    assert found("Summi ", as_you_type=True) == []  # a space after it: typed whole


@pytest.mark.parametrize("query", [
    '"', "*", "NEAR(a b)", "AND OR NOT", "-Ann", "Ann:*", "col:Ann", "^Ann", "(", "a'b",
    "[bold]", "\x1b[31m", "Ann\x00Lee", "%_%", "'; DROP TABLE contact; --", "ü" * 300,
])
def test_hostile_queries_are_words_never_syntax(garden, query):
    try:
        who.who(query)
    except InvalidInput as error:
        assert str(error) == "type a word to look for, e.g. hiring, Berlin, design"
    assert found("Ann")[0][0] == "Ann Lee"  # nothing was harmed


def test_hostile_text_is_found_and_shown_as_written(garden):
    assert found("Evil") == [(EVIL, ["name: Evil"])]
    assert found("escapes") == [(EVIL, ["notes: Loves [/] and \x1b[31m escapes"])]
    writes.create_contact(display_name="Mark Stx", notes="odd \x02 mark \x03 text")
    # The characters the search marks words with, typed: shown as typed, nothing in bold.
    assert found("odd")[0][1] == ["notes: odd \x02 mark \x03 text"]
    assert who.who("odd").people[0].why[0].found == ()


def test_the_found_words_are_placed_for_bold(garden):
    [why] = who.who("designer app").people[0].why
    assert why.text == "needs: a designer for the new app"
    assert [why.text[start:end] for start, end in why.found] == ["designer", "app"]


def test_a_long_line_is_shown_around_its_word(garden):
    writes.update_contact(garden["bo"], notes="word " * 40 + "pineapple " + "more " * 40)
    [why] = found("pineapple")[0][1]
    assert why.startswith("notes: …word word") and "pineapple" in why and why.endswith("…")
    assert len(why) <= len("notes: ") + who.LINE_MOST + 1


def test_the_index_follows_every_change_and_undo(garden):
    undo.enable()
    try:
        with undo.recording("rename Bo"):
            actions.edit_contact(garden["bo"], ContactDetails(), rename="Boris Kim")
        assert found("Boris") == [("Boris Kim", ["name: Boris"])]
        with undo.recording("delete a touch"):
            writes.delete_interaction(raw_sql("SELECT id FROM interaction").fetchone()[0])
        assert found("coffee") == []
        undo.undo_last()
        undo.undo_last()
        assert found("coffee") == [("Bo Kim", ["call 3 Mar: 'Coffee.'"])]
        assert found("Boris") == []
        with undo.recording("a new tag name"):
            raw_sql("UPDATE tag SET name = 'angel' WHERE name = 'investor'")
        assert found("angel") == [("Ann Lee", ["tag: angel"])] and found("investor") == []
        undo.undo_last()
        assert found("investor") == [("Ann Lee", ["tag: investor"])]
    finally:
        undo.disable()
    with database.transaction():
        raw_sql("DELETE FROM contact WHERE id = ?", (garden["ann"],))  # its rows go with it
        search.reindex_contacts([garden["ann"]])  # the list's search index, kept by writes
    assert found("Leeds") == [] and found("spring") == [] and found("school") == []
    assert check.problems() == []


@pytest.mark.sqlite_only
def test_check_finds_a_word_index_out_of_step_and_repair_rebuilds_it(garden):
    raw_sql("DROP TRIGGER words_contact_update")
    raw_sql("UPDATE contact SET nickname = 'Nan' WHERE id = ?", (garden["ann"],))
    assert "the word index (who do I know who...) has 2 lines wrong" in [
        problem.text for problem in check.problems()]
    assert found("Nan") == []
    with database.transaction():
        check.repair()
    assert found("Nan") == [("Ann Lee", ["nickname: Nan"])]


def test_a_schema_13_garden_gets_the_word_index_of_its_rows(garden, fresh_garden):
    """What v14 adds, taken away (the tables, the index), then opened again: migrated."""
    if server.SERVER:
        for name in ("nickname", "town", "touch", "name", "company", "role", "notes", "tag",
                     "circle", "fact", "need", "met"):
            raw_sql(f'DROP INDEX IF EXISTS "words_{name}"')
    else:
        for (trigger,) in raw_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                  "AND (name LIKE 'words_%' OR name LIKE 'match_%')").fetchall():
            raw_sql(f'DROP TRIGGER "{trigger}"')
        for table in ("match_words_terms", "match_words", "touch_search", "word_search"):
            raw_sql(f'DROP TABLE "{table}"')
    raw_sql('DROP TABLE "suggested_introduction"')
    raw_sql('DROP TABLE "need"')
    raw_sql("UPDATE setting SET value = '13' WHERE key = 'schema_version'")
    database.close_garden()

    actions.open_garden(fresh_garden, default_config())

    assert found("coffee") == [("Bo Kim", ["call 3 Mar: 'Coffee.'"])]
    assert found("Leeds") == [("Ann Lee", ["town: Leeds"])]
    undo.enable()
    try:  # the new tables are journaled: undo takes a need and a dismissal back
        with undo.recording("a need"):
            tending.add_need(garden["ann"], "need", "a patent lawyer")
        assert found("patent") == [("Ann Lee", ["needs: a patent lawyer"])]
        with undo.recording("a dismissal"):
            writes.decide_suggestion(garden["ann"], garden["bo"], need_id=None,
                                     decision="dismissed", on=pendulum.date(2026, 11, 23))
        assert undo.undo_last() == "a dismissal" and undo.undo_last() == "a need"
        assert found("patent") == []
        assert raw_sql("SELECT count(*) FROM suggested_introduction").fetchone()[0] == 0
    finally:
        undo.disable()
    assert check.problems() == []


# --- the command -------------------------------------------------------------------------------

@pytest.fixture
def ng(tmp_path) -> Runner:
    runner = Runner(tmp_path)
    runner.ok("add", "Ann Lee", "--role", "Head of Talent", "--tag", "recruiter")
    runner.ok("add", "Bo Kim")
    runner.ok("offer", "Bo", "design reviews")
    runner.ok("log", "Bo", "--note", "They're hiring a Head of Design")
    return runner


def test_who_prints_each_person_with_why(ng):
    out = ng.ok("who", "head")
    lines = out.splitlines()
    assert lines[0] == "Who do I know who… head: 2 people"
    assert lines[1] == "  Ann Lee (#1)  role: Head of Talent"
    assert lines[2].startswith("  Bo Kim (#2)   call ") and lines[2].endswith(
        ": 'They're hiring a Head of Design'")
    assert ng.ok("who", "hiring", "design").splitlines()[1:] == [
        "  Bo Kim (#2)  " + lines[2].split(None, 3)[3]]
    assert ng.ok("who", "nobody-here") == "Nobody found for nobody here.\n"


def test_who_json_and_limit(ng):
    data = ng.json("who", "head", "--limit", "1")
    assert data == [{"contact": "Ann Lee", "contact_id": 1, "score": 85,
                     "why": [{"source": "role", "text": "role: Head of Talent"}]}]
    assert ng.ok("who", "head", "--limit", "1").splitlines()[0] == (
        "Who do I know who… head: 2 people (the best 1; --limit shows more)")
    assert ng.json("who", "design")[0]["why"] == [
        {"source": "offer", "text": "offers: design reviews"}]


@pytest.mark.parametrize("query", ["", "   ", '"*"', "()"])
def test_who_without_a_word_is_one_line(ng, query):
    assert assert_user_error(ng("who", query)) == (
        "netgarden: type a word to look for, e.g. hiring, Berlin, design")
