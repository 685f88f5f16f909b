"""Be of assistance (issue 26), on the command line: what each person needs and offers
(`netgarden need`, `offer`, `need-met`, a note's `needs:` line), and that a need met
through you counts as a favour you gave. Run as netgarden runs, on a garden in a temp
folder (or a database of its own on a server) with tests/test_cli.py's Runner."""

import pytest

from test_cli import ESC, ESC_SHOWN, Runner, assert_user_error  # tests/ is on the path

EVIL = "[bold]Evil[/] [red"


@pytest.fixture
def ng(tmp_path) -> Runner:
    return Runner(tmp_path)


@pytest.fixture(scope="module")
def pair_template(tmp_path_factory):
    """Ann Lee and Bo Kim."""
    runner = Runner(tmp_path_factory.mktemp("pair"))
    runner.ok("add", "Ann Lee")
    runner.ok("add", "Bo Kim")
    return runner.db


@pytest.fixture
def pair(ng, pair_template) -> Runner:
    return ng.take_copy_of(pair_template)


def listed(runner: Runner, name: str) -> list[tuple[str, str, str]]:
    """(kind, text, met_by) of a person's needs and offers, as `need NAME --json` lists them."""
    return [(each["kind"], each["text"], each["met_by"]) for each in runner.json("need", name)]


def test_a_need_and_an_offer_are_noted_and_listed(pair):
    assert pair.ok("need", "Ann", "a", "designer", "for", "the", "new", "app") == (
        "noted: Ann Lee needs a designer for the new app (#1)\n")
    assert pair.ok("offer", "Bo", "design reviews") == "noted: Bo Kim offers design reviews (#2)\n"
    assert pair.ok("need", "Ann", "an intro to a VC in Berlin") == (
        "noted: Ann Lee needs an intro to a VC in Berlin (#3)\n")

    text = pair.ok("need", "Ann")
    assert text.splitlines()[0] == "Needs and offers of Ann Lee"
    assert "#3     needs  an intro to a VC in Berlin  (since" in text
    assert "#1     needs  a designer for the new app  (since" in text
    assert listed(pair, "Bo") == [("offer", "design reviews", "")]
    assert pair.json("offer", "Bo") == pair.json("need", "Bo")  # either lists both
    card = pair.json("show", "Ann")
    assert [(each["kind"], each["text"]) for each in card["needs"]] == [
        ("need", "an intro to a VC in Berlin"), ("need", "a designer for the new app")]


def test_nothing_noted_yet_says_how(pair):
    assert pair.ok("need", "Bo") == (
        'Nothing noted that Bo Kim needs or offers yet (netgarden need "Bo Kim" TEXT).\n')
    assert pair.json("need", "Bo") == []


@pytest.mark.parametrize(("args", "said"), [
    (("need", "Ann", "   "), 'a need needs some words, e.g. "a designer for the new app"'),
    (("offer", "Ann", ""), 'an offer needs some words, e.g. "design reviews"'),
    (("need", "Ann", "x" * 201), "a need is a short line: at most 200 characters (this one has 201)"),
    (("need", "Nobody Here", "a designer"), None),
    (("need-met", "99"), "no need or offer #99 (netgarden need NAME lists them)"),
    (("need-met", "one"), None),
])
def test_bad_input_is_one_line_and_nothing_is_written(pair, args, said):
    line = assert_user_error(pair(*args))
    if said is not None:
        assert line == f"netgarden: {said}"
    assert listed(pair, "Ann") == []


def test_hostile_text_is_kept_and_shown_as_typed(pair):
    pair.ok("need", "Ann", EVIL)
    pair.ok("offer", "Ann", f"a {ESC}[31mred{ESC}[0m line")
    text = pair.ok("need", "Ann")
    assert f"needs   {EVIL}  (since" in text
    assert f"offers  a {ESC_SHOWN}[31mred{ESC_SHOWN}[0m line" in text
    assert ESC not in text
    assert listed(pair, "Ann") == [("need", EVIL, ""),
                                   ("offer", f"a {ESC}[31mred{ESC}[0m line", "")]


def test_a_need_met_by_you_counts_as_a_favour_you_gave(pair):
    pair.ok("need", "Ann", "a designer")
    pair.ok("need", "Ann", "a flat in Lisbon")
    assert pair.json("favour", "Ann")["balance"] == {"gave": 0, "took": 0}

    assert pair.ok("need-met", "1") == (
        "met by you: Ann Lee needs a designer (#1); it counts as a favour you gave\n")
    assert pair.ok("need-met", "2", "--elsewhere") == (
        "met without you: Ann Lee needs a flat in Lisbon (#2)\n")

    favours = pair.json("favour", "Ann")
    assert favours["balance"] == {"gave": 1, "took": 0}
    assert [each["text"] for each in favours["needs_met"]] == ["a designer"]
    assert "  need   helped    a designer (met" in pair.ok("favour", "Ann")
    assert pair.json("show", "Ann")["needs"] == []  # the card shows the open ones
    assert [(kind, text, by) for kind, text, by in listed(pair, "Ann")] == [
        ("need", "a flat in Lisbon", "elsewhere"), ("need", "a designer", "you")]
    assert pair.json("stats")["favours"]["gave"] == 1
    assert assert_user_error(pair("need-met", "1")) == (
        "netgarden: #1 was met already: Ann Lee needs a designer")


def test_a_note_line_beginning_needs_or_offers_becomes_one_for_everyone_in_the_touch(pair):
    pair.ok("log", "Ann", "Bo", "--note",
            "Lunch at the usual place.\n  Needs: a designer for the new app\n"
            "offers:   design   reviews \nneeds:\nneedsy: nothing\nNotes: needs: not this")
    assert listed(pair, "Ann") == listed(pair, "Bo") == [
        ("need", "a designer for the new app", ""), ("offer", "design reviews", "")]
    note = pair.json("show", "Ann")["interactions"][0]["note"]
    assert note.startswith("Lunch at the usual place.\n  Needs: a designer")  # kept as typed

    pair.ok("undo")  # the touch and what it noted go together
    assert listed(pair, "Ann") == listed(pair, "Bo") == []
    assert pair.json("show", "Ann")["interactions"] == []


def test_a_note_with_a_need_too_long_logs_nothing(pair):
    line = assert_user_error(pair("log", "Ann", "--note", "needs: " + "y" * 300))
    assert "at most 200 characters" in line
    assert pair.json("show", "Ann")["interactions"] == []


def test_undo_takes_back_a_need_and_a_need_met(pair):
    pair.ok("need", "Ann", "a designer")
    pair.ok("need-met", "1")
    assert pair.ok("undo").startswith("undone: netgarden need-met 1")
    assert listed(pair, "Ann") == [("need", "a designer", "")]
    assert pair.json("favour", "Ann")["balance"] == {"gave": 0, "took": 0}
    pair.ok("undo")
    assert listed(pair, "Ann") == []
    pair.ok("redo")
    assert listed(pair, "Ann") == [("need", "a designer", "")]


def test_merging_two_contacts_keeps_both_ones_needs(pair):
    pair.ok("need", "Ann", "a designer")
    pair.ok("offer", "Bo", "design reviews")
    pair.ok("merge", "Ann", "Bo")
    assert listed(pair, "Ann") == [("need", "a designer", ""), ("offer", "design reviews", "")]
