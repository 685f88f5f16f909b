"""The garden overview's figures (issue 22) on small gardens built here, the clock frozen
at Mon 23 Nov 2026 09:00 UTC: these touches on these days -> these cells at these levels;
these contacts -> these bars; the trends, the channel mix, give and take, who drifts; and
`netgarden stats` as text and as JSON."""

import json

import pendulum
import pytest

from conftest import netgarden
from netgarden_tui.garden import actions, tending
from netgarden_tui.garden.actions import ContactDetails
from netgarden_tui.garden.stats import garden_stats, level, quartiles
from netgarden_tui.garden.display import sparkline
from netgarden_tui.garden.stats_text import bar_widths, circle_bar, heat_map_lines, stats_text
from netgarden_tui.store import stats as store_stats

TODAY = pendulum.date(2026, 11, 23)  # a Monday


def at(day: pendulum.Date, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz="UTC")


def touch(contact_ids, day: pendulum.Date, channel: str = "call", direction: str = "out",
          hour: int = 10) -> None:
    actions.log_touch(list(contact_ids), channel=channel, direction=direction, at=at(day, hour))


# --- the heat map ------------------------------------------------------------------------

def test_touches_on_these_days_make_these_cells_at_these_levels(config):
    ann, bob = actions.add_contact("Ann Lee"), actions.add_contact("Bob Roy")
    touch([ann, bob], pendulum.date(2026, 11, 16))  # one touch with two people: one touch
    for _ in range(2):
        touch([ann], pendulum.date(2026, 11, 17))
    for _ in range(3):
        touch([bob], pendulum.date(2026, 11, 18))
    for _ in range(4):
        touch([ann], pendulum.date(2026, 11, 19))
    touch([ann], pendulum.date(2026, 11, 8))  # the week before the map: not in it

    heat = garden_stats(config, weeks=2).heat_map

    assert heat.first_day == pendulum.date(2026, 11, 16) and heat.weeks == 2
    assert [(cell.day.day, cell.touches, cell.level) for cell in heat.cells] == [
        (16, 1, 1), (17, 2, 2), (18, 3, 3), (19, 4, 4), (20, 0, 0), (21, 0, 0), (22, 0, 0),
        (23, 0, 0)]  # today, a Monday: the last column has one day
    assert heat.thresholds == (1, 2, 3)
    rows = heat.rows()
    assert [cell.day.day for cell in rows[0]] == [16, 23]  # Mondays
    assert rows[1][1] is None  # Tuesday 24 Nov is still to come
    assert heat.months == ((0, "Nov"),) and heat.weekdays[0] == "Mon"
    assert heat_map_lines(heat) == [
        "    Nov", "Mon ░·", "    ▒", "Wed ▓", "    █", "Fri ·", "    ·", "    ·"]


def test_levels_are_quartiles_of_the_days_with_touches():
    assert quartiles([0, 1, 1, 1, 2, 2, 3]) == (1, 1, 2)
    assert [level(n, (1, 1, 2)) for n in (0, 1, 2, 3)] == [0, 1, 3, 4]
    assert quartiles([0, 0]) == (0, 0, 0)
    assert quartiles([5] * 8) == (5, 5, 5) and level(5, (5, 5, 5)) == 1


def test_a_day_is_a_local_day(config):
    ann = actions.add_contact("Ann Lee")
    touch([ann], pendulum.date(2026, 11, 20), hour=3)  # Thursday 22:00 in New York
    pendulum.set_local_timezone(pendulum.timezone("America/New_York"))
    try:
        days = store_stats.touches_per_day(pendulum.date(2026, 11, 19), pendulum.date(2026, 11, 20))
    finally:
        pendulum.set_local_timezone(pendulum.timezone("UTC"))
    assert days == {pendulum.date(2026, 11, 19): 1, pendulum.date(2026, 11, 20): 0}


def test_month_labels_sit_on_the_week_each_month_begins_in(config):
    heat = garden_stats(config, weeks=10).heat_map  # from Mon 21 Sep
    assert heat.months == ((1, "Oct"), (5, "Nov"))  # no room for Sep before Oct
    assert heat_map_lines(heat)[0] == "     Oct Nov"
    # From Mon 31 Aug: its week holds 1 Sep.
    assert garden_stats(config, weeks=13).heat_map.months == ((0, "Sep"), (4, "Oct"), (8, "Nov"))


# --- circles, trends, channels, give and take, drifting -------------------------------------

@pytest.fixture
def tended(config):
    """Clients (every 30 days): one on track, one due within the week, one overdue (and
    overdue in two spells before), one one-sided, one archived; one in no circle."""
    ids = {name: actions.add_contact(name, ContactDetails(circle=circle)) for name, circle in (
        ("On Track", "Clients"), ("Due Soon", "Clients"), ("Over Due", "Clients"),
        ("One Sided", "Clients"), ("Gone Away", "Clients"), ("[bold]No\x1b[31m Circle", None))}
    touch([ids["On Track"]], TODAY.subtract(days=2), channel="meeting")
    touch([ids["Due Soon"]], TODAY.subtract(days=25), channel="email")  # due Sat 28 Nov
    touch([ids["Over Due"]], pendulum.date(2026, 9, 1))  # overdue from 2 Oct
    touch([ids["Over Due"]], pendulum.date(2026, 10, 14), channel="message")  # from 14 Nov
    for days in (3, 2, 1):
        touch([ids["One Sided"]], TODAY.subtract(days=days), channel="email")
    touch([ids["Gone Away"]], pendulum.date(2026, 6, 1))
    actions.archive(ids["Gone Away"])
    tending.log_favour(ids["On Track"], "given", "introduction")
    tending.log_favour(ids["On Track"], "received", "job lead")
    tending.log_favour(ids["Due Soon"], "given", "cv feedback")
    tending.log_favour(ids["Due Soon"], "offered", "reference")
    return ids


def test_these_contacts_make_these_bars(tended, config):
    circles = garden_stats(config).circles
    counts = {circle.name: (circle.on_track, circle.due, circle.overdue, circle.one_sided)
              for circle in circles}
    assert counts == {"Clients": (1, 1, 1, 1), "Influential colleagues": (0, 0, 0, 0),
                      "Prospects": (0, 0, 0, 0), "Friends": (0, 0, 0, 0),
                      "Powerful colleagues": (0, 0, 0, 0), None: (1, 0, 0, 0)}
    assert circles[-1].circle_id is None  # no circle comes last
    assert circle_bar(circles[0], width=8) == "██▒▒░░××"
    assert circle_bar(circles[1], width=8) == ""


def test_bars_share_their_width_in_proportion_and_show_every_kind():
    assert bar_widths([3, 1, 0, 0], 8) == [6, 2, 0, 0]
    assert bar_widths([100, 0, 1, 0], 10) == [9, 0, 1, 0]  # the one overdue still shows
    assert sum(bar_widths([7, 5, 3, 1], 30)) == 30
    assert bar_widths([0, 0, 0, 0], 30) == [0, 0, 0, 0]


def test_trends_over_twelve_weeks(tended, config):
    figures = garden_stats(config)
    weeks = [figure.week for figure in figures.touches_per_week]
    assert weeks[0] == pendulum.date(2026, 9, 7) and weeks[-1] == TODAY and len(weeks) == 12
    touches = {figure.week: figure.value for figure in figures.touches_per_week}
    assert touches[pendulum.date(2026, 10, 12)] == 1  # Over Due's message
    assert touches[pendulum.date(2026, 10, 26)] == 1  # Due Soon's email
    assert touches[pendulum.date(2026, 11, 16)] == 4  # three emails, one meeting
    assert sum(touches.values()) == 6
    # Over Due: past 30 days from 2 Oct until touched on 14 Oct, again from 14 Nov.
    assert [figure.value for figure in figures.overdue_per_week] == [
        0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1]
    assert not figures.overdue_estimated
    assert sparkline([figure.value for figure in figures.overdue_per_week]) == "▁▁▁██▁▁▁▁███"
    assert sparkline([0, 7, 14]) == "▁▅█" and sparkline([0, 0]) == "▁▁"


def test_a_big_garden_is_estimated_from_a_sample(tended, config):
    ends = [TODAY.subtract(days=1), TODAY]
    exact = store_stats.overdue_history(ends, default_cadence=60)
    assert exact.counts == (1, 1) and exact.active == exact.sampled == 5
    sampled = store_stats.overdue_history(ends, default_cadence=60, sample=2)
    assert sampled.active == 5 and sampled.sampled < 5
    assert all(count % 1 == 0 and count <= 5 for count in sampled.counts)


def test_channel_mix_favours_and_drifting(tended, config):
    figures = garden_stats(config)
    mix = {each.month: each for each in figures.channel_mix}
    assert len(mix) == 12 and list(mix)[-1] == pendulum.date(2026, 11, 1)
    november, october = mix[pendulum.date(2026, 11, 1)], mix[pendulum.date(2026, 10, 1)]
    assert (november.offline, november.online) == (1, 3)  # a meeting against three emails
    assert (october.offline, october.online) == (0, 2)  # a message and an email
    assert november.channels["email"] == 3 and november.channels["video"] == 0
    assert mix[pendulum.date(2026, 6, 1)].offline == 1  # an archived contact's touch still happened
    assert figures.favours == (2, 1, 1, 0)  # gave, took, offered open, asked open
    assert [(d.contact, d.days_overdue, d.cadence_days) for d in figures.drifting] == [
        ("Over Due", 10, 30)]


# --- netgarden stats --------------------------------------------------------------------------

def test_stats_prints_the_overview_and_names_literally(tmp_path, frozen_clock):
    assert netgarden(tmp_path, "add", "[bold]Ann\x1b[31m", "--circle", "Clients").returncode == 0
    assert netgarden(tmp_path, "log", "[bold]Ann\x1b[31m", "--at", "2026-09-01 10:00").returncode == 0
    done = netgarden(tmp_path, "stats", "--weeks", "4")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "Mon " in text and "Clients" in text and "█ on track" in text
    assert "[bold]Ann␛[31m (#1, every 30 days)" in text and "\x1b" not in text
    assert "past their cadence" in text


def test_stats_json_has_every_figure(tmp_path, frozen_clock):
    netgarden(tmp_path, "add", "Ann Lee")
    netgarden(tmp_path, "log", "Ann Lee", "--via", "email", "--at", "2026-11-20 10:00")
    done = netgarden(tmp_path, "stats", "--json", "--weeks", "3")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"today", "heat_map", "circles", "touches_per_week", "overdue_per_week",
                         "overdue_estimated", "channel_mix", "favours", "drifting"}
    assert data["today"] == "2026-11-23"
    heat = data["heat_map"]
    assert heat["first_day"] == "2026-11-09" and heat["weeks"] == 3 and len(heat["cells"]) == 15
    assert {"day": "2026-11-20", "touches": 1, "level": 1} in heat["cells"]
    assert heat["weekdays"][:2] == ["Mon", "Tue"] and heat["months"] == [{"column": 0, "name": "Nov"}]
    assert data["circles"][-1] == {"circle_id": None, "name": None, "priority": None,
                                   "cadence_days": None, "on_track": 1, "due": 0, "overdue": 0,
                                   "one_sided": 0}
    assert data["channel_mix"][-1]["online"] == 1 and data["channel_mix"][-1]["channels"]["email"] == 1
    assert data["favours"] == {"gave": 0, "took": 0, "offered_open": 0, "asked_open": 0}
    assert len(data["touches_per_week"]) == 12 and data["touches_per_week"][-2]["value"] == 1


@pytest.mark.parametrize("weeks", ["0", "521", "many", "-3", "2.5"])
def test_stats_refuses_a_bad_number_of_weeks_in_one_line(tmp_path, frozen_clock, weeks):
    done = netgarden(tmp_path, "stats", f"--weeks={weeks}")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--weeks" in done.stderr
    assert "Traceback" not in done.stderr


def test_stats_text_of_an_empty_garden(config):
    text = stats_text(garden_stats(config))
    assert "Touches, 25 Nov 2025 to 23 Nov 2026: 0" not in text  # the map starts on a Monday
    assert text.startswith("Touches, 24 Nov 2025 to 23 Nov 2026: 0")
    assert "Nobody is past their cadence." in text


def test_due_today_is_due_not_overdue_nor_past_its_cadence(config):
    ann = actions.add_contact("Ann Lee", ContactDetails(circle="Clients"))  # every 30 days
    touch([ann], pendulum.date(2026, 10, 24))  # due today, 23 Nov
    clients = garden_stats(config).circles[0]
    assert (clients.on_track, clients.due, clients.overdue, clients.one_sided) == (0, 1, 0, 0)
    history = store_stats.overdue_history([TODAY, TODAY.add(days=1)], default_cadence=60)
    assert history.counts == (0, 1)
