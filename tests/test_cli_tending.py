"""Tending from the command line (issue 6): `netgarden fact`, `favour`, `favour-status`,
`intro`, `event`, `circles` and `regroup`, run as real processes on a garden in a temp
folder with tests/test_cli.py's Runner. The product reads the real clock, so expected days
are computed from today (UTC, as the Runner sets TZ=UTC)."""

import pytest

from netgarden_tui.garden.dates import describe_date, short_date
from test_cli import ESC, ESC_SHOWN, TODAY, Runner, assert_user_error, dump, iso  # tests/ is on the path

EVIL = "[bold]Evil[/] [red"
PUSHED_LUCK = ("Ann Example declined or did not answer your last 2 asks: don't push your "
               "luck (ask someone else, or for something smaller)")


@pytest.fixture
def ng(tmp_path) -> Runner:
    return Runner(tmp_path)


@pytest.fixture(scope="module")
def three_template(tmp_path_factory):
    """Ann Example (Clients), Bob Smith and Cy Young, in no circle."""
    runner = Runner(tmp_path_factory.mktemp("three"))
    runner.ok("add", "Ann Example", "--circle", "Clients")
    runner.ok("add", "Bob Smith")
    runner.ok("add", "Cy Young")
    return runner.db


@pytest.fixture
def three(ng, three_template) -> Runner:
    return ng.take_copy_of(three_template)


def reasons(queue: list[dict], kind: str) -> list[tuple[str | None, str]]:
    """(contact, text) of the queue's reasons of one kind."""
    return [(item["contact"], reason["text"]) for item in queue for reason in item["reasons"]
            if reason["kind"] == kind]


# --- fact ----------------------------------------------------------------------------------


def test_fact_with_a_childs_birth_year_shows_their_age(three):
    born = TODAY.year - 11
    assert three.ok("fact", "Ann", "child", "Emma", "--year", str(born)) == (
        "noted for Ann Example: child Emma (11)\n")
    assert three.ok("fact", "ann", "int", "Ajax") == "noted for Ann Example: interest Ajax\n"

    assert three.ok("fact", "Ann") == ("Opening gambits for Ann Example\n"
                                       "  child     Emma (11)\n"
                                       "  interest  Ajax\n")
    assert three.json("fact", "Ann") == [
        {"id": 1, "kind": "child", "text": "Emma", "year": born, "age": 11},
        {"id": 2, "kind": "interest", "text": "Ajax", "year": None, "age": None},
    ]
    card = three.json("show", "Ann")
    assert [(fact["kind"], fact["text"]) for fact in card["facts"]] == [
        ("child", "Emma"), ("interest", "Ajax")]
    assert three.ok("fact", "Bob") == "No opening gambits for Bob Smith yet.\n"


def test_a_health_note_shows_as_something_to_take_care_with_not_a_gambit(three):
    three.ok("fact", "Ann", "interest", "Ajax")
    three.ok("fact", "Ann", "health", "Doesn't drink")
    shown = three.ok("show", "Ann")
    assert ("  Take care\n    health: Doesn't drink\n"
            "  Opening gambits\n    interest: Ajax\n") in shown


# --- errors: one line, exit 1, nothing written -----------------------------------------------

FACT_KINDS = "partner, child, pet, interest, health, other"
FAVOUR_KINDS = ("introduction, job lead, cv feedback, interview practice, career advice, "
                "event invitation, event help, project help, teaching a skill, sector advice, "
                "news, profile feedback, reference, other")

ERROR_CASES = {
    "unknown fact kind": (["fact", "Ann", "robot", "R2"],
                          f'netgarden: unknown kind of fact "robot" (use one of: {FACT_KINDS})'),
    "fact without text": (["fact", "Ann", "pet"],
                          'netgarden: a fact needs some text, e.g. "Daughter Emma"'),
    "birth year ahead": (["fact", "Ann", "child", "Emma", "--year", str(TODAY.year + 1)],
                         f"netgarden: a birth year between 1900 and {TODAY.year}, please "
                         f"(got {TODAY.year + 1})"),
    "fact for nobody": (["fact", "Nobody Here", "pet", "Rex"],
                        'netgarden: no contact named "Nobody Here"'),
    "unknown direction": (["favour", "Ann", "lent", "news"],
                          'netgarden: unknown favour direction "lent" (use one of: given, '
                          'offered, asked, received)'),
    "ambiguous favour kind": (["favour", "Ann", "given", "event"],
                              f'netgarden: unknown kind of favour "event" (use one of: '
                              f'{FAVOUR_KINDS})'),
    "favour without kind": (["favour", "Ann", "given"],
                            f"netgarden: a favour needs a kind too ({FAVOUR_KINDS})"),
    "bad --by": (["favour", "Ann", "offered", "intro", "--by", "soonish"],
                 'netgarden: can\'t read "soonish" as a date (try: today, tomorrow, 3d, 2w, '
                 '1m, fri, next week, 2026-12-01, 12-01)'),
    "bad --status": (["favour", "Ann", "asked", "news", "--status", "maybe"],
                     'netgarden: unknown favour status "maybe" (use one of: open, delivered, '
                     'declined, no answer)'),
    "no such favour": (["favour-status", "99", "delivered"], "netgarden: no favour #99"),
    "intro of one person": (["intro", "Ann", "ann example"],
                            "netgarden: an introduction needs two different people"),
    "introducer in the pair": (["intro", "Ann", "Bob", "--by", "Bob"],
                               "netgarden: the introducer can't be one of the two introduced"),
    "introduced by themselves": (["intro", "Ann", "--by", "Ann"],
                                 "netgarden: nobody introduces themselves"),
    "note without a pair": (["intro", "Ann", "--by", "Bob", "--note", "hi"],
                            "netgarden: --note goes with an introduction of two people "
                            "(intro A B)"),
    "event ahead": (["event", "Ann", "wedding", "--on", "tomorrow"],
                    f"netgarden: a life event is logged once it happened "
                    f"(got {iso(TODAY.add(days=1))})"),
    "unknown event kind": (["event", "Ann", "party"],
                           'netgarden: unknown kind of life event "party" (use one of: new job, '
                           'promotion, move, baby, wedding, award, other)'),
    "unknown circle": (["circles", "--move", "Ann", "Inner"],
                       'netgarden: no circle "Inner" (circles: Clients, Influential colleagues, '
                       'Prospects, Friends, Powerful colleagues)'),
}


@pytest.mark.parametrize("argv, message", list(ERROR_CASES.values()), ids=list(ERROR_CASES))
def test_user_errors_are_one_line_and_write_nothing(three, argv, message):
    before = dump(three.db)
    assert assert_user_error(three(*argv)) == message
    assert dump(three.db) == before


# --- favour --------------------------------------------------------------------------------


def test_an_offered_favour_is_due_on_its_day_until_delivered(three):
    by = TODAY.add(weeks=2)
    out = three.ok("favour", "Ann", "offered", "intro", "intro to Sam", "--by", "2w")
    assert out == (f"favour #1 with Ann Example: offered introduction: intro to Sam, open, "
                   f"by {short_date(by, today=TODAY)}\n")

    assert reasons(three.json("due", "--date", iso(by.subtract(days=1))), "favour") == []
    assert reasons(three.json("due", "--date", iso(by)), "favour") == [
        ("Ann Example", "you offered due today: introduction - intro to Sam")]

    assert three.ok("favour-status", "1", "delivered") == "favour #1 with Ann Example: delivered\n"
    assert reasons(three.json("due", "--date", iso(by)), "favour") == []
    assert three.json("show", "Ann")["balance"] == {"gave": 1, "took": 0}


def test_a_third_ask_after_two_refusals_needs_yes(three):
    three.ok("favour", "Ann", "asked", "job lead", "--status", "declined")
    assert three.ok("favour", "Ann", "asked", "cv") == "favour #2 with Ann Example: asked cv feedback, open\n"
    assert three.ok("favour-status", "2", "no answer") == "favour #2 with Ann Example: no answer\n"
    three.ok("favour", "Ann", "offered", "news")  # only asks count

    before = dump(three.db)
    line = assert_user_error(three("favour", "Ann", "asked", "reference"))
    assert line == f"netgarden: {PUSHED_LUCK}; --yes logs the ask anyway"
    assert dump(three.db) == before

    done = three("favour", "Ann", "asked", "reference", "--yes")
    assert (done.returncode, done.stderr) == (0, f"netgarden: {PUSHED_LUCK}\n")
    assert done.stdout == "favour #4 with Ann Example: asked reference, open\n"
    # The newest ask is open, so the next one is no longer pushing it.
    three.ok("favour", "Ann", "asked", "news")
    assert [(f["direction"], f["kind"], f["status"]) for f in three.json("favour", "Ann")["favours"]] == [
        ("asked", "news", "open"), ("asked", "reference", "open"), ("offered", "news", "open"),
        ("asked", "cv feedback", "no_answer"), ("asked", "job lead", "declined")]
    three.ok("favour", "Bob", "asked", "news")  # someone else: no warning (ok: empty stderr)


def test_favour_listing_with_ids_and_the_balance(three):
    due = TODAY.add(days=10)
    three.ok("favour", "Ann", "given", "news", "an article on fintech")
    three.ok("favour", "Ann", "received", "job lead", "the Acme opening")
    three.ok("favour", "Ann", "asked", "cv", "--status", "delivered")
    three.ok("favour", "Ann", "offered", "intro", "to Sam", "--by", iso(due))
    assert three.ok("favour", "Ann").splitlines() == [
        "Favours with Ann Example",
        f"  #4     offered   introduction        open       {'by ' + short_date(due, today=TODAY):<19} to Sam",
        "  #3     asked     cv feedback         delivered",
        "  #2     received  job lead            delivered  " + " " * 19 + " the Acme opening",
        "  #1     given     news                delivered  " + " " * 19 + " an article on fintech",
        "Balance: you gave 1, took 2",
    ]
    listing = three.json("favour", "Ann")
    assert listing["balance"] == {"gave": 1, "took": 2}
    assert listing["favours"][0] | {"created_at": None} == {
        "id": 4, "contact_id": 1, "contact": "Ann Example", "direction": "offered",
        "kind": "introduction", "what": "to Sam", "status": "open", "due_on": iso(due),
        "created_at": None}
    assert three.json("show", "Ann")["balance"] == {"gave": 1, "took": 2}
    assert three.ok("favour", "Bob") == "No favours with Bob Smith yet.\n"


# --- intro ---------------------------------------------------------------------------------


def test_my_introduction_makes_a_follow_up_with_each_of_the_two(three):
    ask_on = TODAY.add(days=14)
    out = three.ok("intro", "Ann", "Bob", "--note", "both in fintech")
    assert out == (f"you introduced Ann Example and Bob Smith; ask each how it went "
                   f"{describe_date(ask_on, today=TODAY)}\n")
    for name, other in (("Ann", "Bob Smith"), ("Bob", "Ann Example")):
        card = three.json("show", name)
        assert [(f["due_on"], f["what"]) for f in card["follow_ups"]] == [
            (iso(ask_on), f"ask how the introduction to {other} went")]
        [introduction] = card["introductions"]
        assert (introduction["introducer"], introduction["note"]) == (None, "both in fintech")
    assert sorted(reasons(three.json("due", "--date", iso(ask_on)), "follow_up")) == [
        ("Ann Example", "follow-up due today: ask how the introduction to Bob Smith went"),
        ("Bob Smith", "follow-up due today: ask how the introduction to Ann Example went")]


def test_introductions_by_others_and_who_knows_whom(three):
    assert three.ok("intro", "Ann", "Bob", "--by", "Cy") == (
        "noted: Cy Young introduced Ann Example and Bob Smith\n")
    assert three.json("show", "Ann")["follow_ups"] == []  # not mine to follow up
    assert three.ok("intro", "Bob", "--by", "Cy") == "noted: Cy Young introduced Bob Smith to you\n"
    assert three.json("show", "Bob")["introduced_by"] == "Cy Young"
    three.ok("log", "Ann", "Cy")

    month = TODAY.format("MMM YYYY")
    assert three.ok("intro", "Ann") == ("Who knows whom around Ann Example\n"
                                        f"  Bob Smith (#2): introduced by Cy Young ({month})\n"
                                        "  Cy Young (#3): met together once\n")
    assert three.json("intro", "Cy") == [
        {"contact_id": 2, "contact": "Bob Smith", "how": "introduced to you by them"},
        {"contact_id": 1, "contact": "Ann Example", "how": f"they introduced them ({month})"}]
    assert three.json("intro", "Bob")[0] == {"contact_id": 3, "contact": "Cy Young",
                                             "how": "introduced them to you"}
    three.ok("add", "Dee Lone")
    assert three.ok("intro", "Dee") == "Nobody known around Dee Lone yet.\n"


# --- event ---------------------------------------------------------------------------------


def test_a_life_event_says_congratulate_until_a_touch(three):
    out = three.ok("event", "Ann", "new", "Started at Acme")
    assert out == (f"noted for Ann Example: new job: Started at Acme on "
                   f"{short_date(TODAY, today=TODAY)}; Due says congratulate until you are "
                   f"next in touch\n")
    yesterday = TODAY.subtract(days=1)
    three.ok("event", "Ann", "promotion", "--on", "yesterday")

    assert three.ok("event", "Ann").splitlines() == [
        "Life events of Ann Example",
        f"  {iso(TODAY)}  new job    congratulate  Started at Acme",
        f"  {iso(yesterday)}  promotion  congratulate",
    ]
    assert sorted(reasons(three.json("due"), "life_event")) == [
        ("Ann Example", "congratulate: new job: Started at Acme (today)"),
        ("Ann Example", "congratulate: promotion (yesterday)")]

    three.ok("log", "Ann", "--note", "congratulated her")
    assert reasons(three.json("due"), "life_event") == []
    assert three.ok("event", "Ann").splitlines()[1:] == [
        f"  {iso(TODAY)}  new job    acknowledged  Started at Acme",
        f"  {iso(yesterday)}  promotion  acknowledged",
    ]
    events = three.json("event", "Ann")
    assert [(e["kind"], e["on"]) for e in events] == [("new_job", iso(TODAY)),
                                                      ("promotion", iso(yesterday))]
    assert all(e["acknowledged_at"] for e in events)


# --- circles -------------------------------------------------------------------------------


def test_circles_count_due_overdue_and_one_sided_and_move_contacts(ng):
    ng.ok("add", "Ann Late", "--circle", "Clients", "--cadence", "2")
    ng.ok("log", "Ann", "--at", f"{iso(TODAY.subtract(days=12))} 10:00")  # due 10 days ago
    ng.ok("add", "Bob Fine", "--circle", "Clients")
    ng.ok("add", "Cy Due", "--circle", "Friends", "--cadence", "3")
    ng.ok("log", "Cy", "--at", f"{iso(TODAY.subtract(days=4))} 10:00")  # due yesterday
    ng.ok("add", "Dee Silent")
    for _ in range(3):
        ng.ok("log", "Dee", "--via", "email")  # three unanswered: one-sided

    counts = {c["name"]: (c["contacts"], c["due"], c["overdue"], c["one_sided"])
              for c in ng.json("circles")}
    assert counts == {"Clients": (2, 1, 1, 0), "Friends": (1, 1, 0, 0), "Prospects": (0, 0, 0, 0),
                      "Influential colleagues": (0, 0, 0, 0),
                      "Powerful colleagues": (0, 0, 0, 0), None: (1, 0, 0, 1)}
    text = ng.ok("circles").splitlines()
    assert text[0] == "contacts  due  overdue  one-sided  circle"
    assert text[1] == "       2    1        1          0  Clients (priority 1, every 30 days)"
    assert text[-2] == "       1    0        0          1  No circle"

    assert ng.ok("circles", "--move", "Bob", "friends") == (
        f"moved Bob Fine into Friends; next due {describe_date(TODAY.add(days=60), today=TODAY)}\n")
    assert ng.json("show", "Bob")["circle"] == "Friends"
    out = ng.ok("circles", "--move", "Ann", "none")
    assert out.startswith("moved Ann Late out of any circle; next due ")
    assert ng.json("show", "Ann")["circle"] is None
    counts = {c["name"]: c["contacts"] for c in ng.json("circles")}
    assert (counts["Clients"], counts["Friends"], counts[None]) == (0, 2, 2)


# --- regroup -------------------------------------------------------------------------------


def started_long_ago(runner: Runner, days: int) -> None:
    """Pretend the garden was started ``days`` ago, so the regroup review is due."""
    runner.sql("UPDATE setting SET value = ? WHERE key = 'garden_created_on'",
               (iso(TODAY.subtract(days=days)),))


def test_regroup_shows_each_circle_and_done_clears_it_from_the_queue(ng, tmp_path):
    ng.ok("add", "Ann Active", "--circle", "Clients")
    ng.ok("log", "Ann", "--at", "yesterday 9am")
    ng.ok("favour", "Ann", "given", "news")
    ng.ok("add", "Bob Quiet", "--circle", "Clients", "--cadence", "14")
    members = tmp_path / "members.csv"
    members.write_text("name\n" + "".join(f"Member {n:02}\n" for n in range(1, 53)),
                       encoding="utf-8")
    ng.ok("import", str(members), "--circle", "Friends")
    started_long_ago(ng, 100)
    assert reasons(ng.json("due"), "regroup") == [
        (None, "regroup your circles (not done since you started)")]

    review = {circle["name"]: circle for circle in ng.json("regroup")}
    clients = review["Clients"]
    assert clients["contacts"] == 2
    assert [(p["contact"], p["touches_recently"], p["balance"], p["own_cadence_days"])
            for p in clients["people"]] == [
        ("Bob Quiet", 0, {"gave": 0, "took": 0}, 14),  # least recently touched first
        ("Ann Active", 1, {"gave": 1, "took": 0}, None)]
    assert review["Friends"]["contacts"] == 52 and len(review["Friends"]["people"]) == 50

    text = ng.ok("regroup").splitlines()
    start = text.index("Clients (priority 1, every 30 days) · contacts: 2")
    assert text[start + 1] == ("  never in touch               0×  gave 0 · took 0  Bob Quiet (#2) "
                               "(own cadence: every 14 days)")
    yesterday = TODAY.subtract(days=1)
    assert text[start + 2] == (f"  {'yesterday · ' + short_date(yesterday, today=TODAY):<26}   1×  "
                               f"gave 1 · took 0  Ann Active (#1)")
    assert "  … and 2 more" in text
    assert text[-1] == "When you are done: netgarden regroup --done"

    next_on = TODAY.add(days=60)
    assert ng.ok("regroup", "--done") == (
        f"regroup done; the next one is due {describe_date(next_on, today=TODAY)}\n")
    assert reasons(ng.json("due"), "regroup") == []
    assert reasons(ng.json("due", "--date", iso(next_on)), "regroup") == [
        (None, "regroup your circles (last done 60 days ago)")]


# --- user text is data -----------------------------------------------------------------------


def test_markup_and_escapes_print_literally_in_every_listing(ng):
    inner = "[b]Inner[/b] [red"
    ng.config_dir.mkdir()
    (ng.config_dir / "config.toml").write_text(
        f'[[circles]]\nname = "{inner}"\npriority = 1\ncadence_days = 30\n', encoding="utf-8")
    assert ng.ok("add", EVIL, "--circle", inner) == f"added {EVIL} (#1)\n"
    ng.ok("add", "Bob Smith")
    assert ng.ok("fact", "#1", "pet", f"Rex [/] {ESC}[2J") == (
        f"noted for {EVIL}: pet Rex [/] {ESC_SHOWN}[2J\n")
    assert ng.ok("favour", "#1", "given", "news", "[red]hot") == (
        f"favour #1 with {EVIL}: given news: [red]hot, delivered\n")
    assert ng.ok("favour-status", "1", "open") == f"favour #1 with {EVIL}: open\n"
    assert ng.ok("intro", "#1", "Bob").startswith(f"you introduced {EVIL} and Bob Smith; ")
    assert ng.ok("event", "#1", "award", "[i]Best[/i]").startswith(
        f"noted for {EVIL}: award: [i]Best[/i] on ")

    assert ng.ok("fact", "#1").splitlines() == [f"Opening gambits for {EVIL}",
                                                f"  pet       Rex [/] {ESC_SHOWN}[2J"]
    favours = ng.ok("favour", "#1").splitlines()
    assert favours[0] == f"Favours with {EVIL}" and favours[1].endswith(" [red]hot")
    assert ng.ok("intro", "Bob").splitlines()[1].startswith(f"  {EVIL} (#1): you introduced them")
    events = ng.ok("event", "#1").splitlines()
    assert events[0] == f"Life events of {EVIL}" and events[1].endswith("  [i]Best[/i]")
    assert ng.ok("circles").splitlines()[1].endswith(f"  {inner} (priority 1, every 30 days)")
    regroup = ng.ok("regroup").splitlines()
    assert f"{inner} (priority 1, every 30 days) · contacts: 1" in regroup
    assert any(line.endswith(f"  {EVIL} (#1)") for line in regroup)
    assert ng.ok("circles", "--move", "#1", "none").startswith(f"moved {EVIL} out of any circle")

    for argv in (["fact", "#1"], ["favour", "#1"], ["intro", "Bob"], ["event", "#1"],
                 ["circles"], ["regroup"]):
        done = ng(*argv)
        assert b"\x1b" not in done.out_bytes
    assert ng.json("fact", "#1")[0]["text"] == f"Rex [/] {ESC}[2J"
    assert ng.json("intro", "Bob")[0]["contact"] == EVIL
    assert ng.json("event", "#1")[0]["text"] == "[i]Best[/i]"
