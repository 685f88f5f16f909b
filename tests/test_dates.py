"""The typed-date parser, against a clock frozen at Monday 23 Nov 2026, 10:00 in London."""

import pendulum
import pytest

from netgarden_tui.garden.dates import DateParseError, describe_date, parse_date, parse_moment

LONDON = "Europe/London"
D = pendulum.date


def at(*args) -> pendulum.DateTime:
    return pendulum.datetime(*args, tz=LONDON)


@pytest.fixture(autouse=True)
def frozen_clock():
    """Freeze time and pin the local timezone; both are undone so other tests see the real clock."""
    pendulum.set_local_timezone(pendulum.timezone(LONDON))
    pendulum.travel_to(at(2026, 11, 23, 10, 0), freeze=True)
    yield
    pendulum.travel_back()
    pendulum.set_local_timezone()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named days, any case, whitespace ignored
        ("today", D(2026, 11, 23)),
        ("tomorrow", D(2026, 11, 24)),
        ("yesterday", D(2026, 11, 22)),
        ("  Tomorrow\t", D(2026, 11, 24)),
        ("TODAY", D(2026, 11, 23)),
        # relative amounts
        ("0d", D(2026, 11, 23)),
        ("3d", D(2026, 11, 26)),
        ("3 d", D(2026, 11, 26)),
        ("1 day", D(2026, 11, 24)),
        ("3 days", D(2026, 11, 26)),
        ("in 3d", D(2026, 11, 26)),
        ("In  3 Days", D(2026, 11, 26)),
        ("2w", D(2026, 12, 7)),
        ("1 week", D(2026, 11, 30)),
        ("in 2 weeks", D(2026, 12, 7)),
        ("1m", D(2026, 12, 23)),
        ("1 month", D(2026, 12, 23)),
        ("2 months", D(2027, 1, 23)),
        ("1y", D(2027, 11, 23)),
        ("2 years", D(2028, 11, 23)),
        # the limit is MAX_YEARS_AHEAD (10) years, inclusive
        ("10y", D(2036, 11, 23)),
        ("120m", D(2036, 11, 23)),
        ("3653d", D(2036, 11, 23)),
        # weekdays: the next one strictly after today (today is a Monday)
        ("mon", D(2026, 11, 30)),
        ("tue", D(2026, 11, 24)),
        ("wed", D(2026, 11, 25)),
        ("thu", D(2026, 11, 26)),
        ("fri", D(2026, 11, 27)),
        ("sat", D(2026, 11, 28)),
        ("sun", D(2026, 11, 29)),
        ("monday", D(2026, 11, 30)),
        ("Tuesday", D(2026, 11, 24)),
        ("wednesday", D(2026, 11, 25)),
        ("thursday", D(2026, 11, 26)),
        ("FRIDAY", D(2026, 11, 27)),
        ("saturday", D(2026, 11, 28)),
        ("sunday", D(2026, 11, 29)),
        ("next week", D(2026, 11, 30)),
        ("Next   Week", D(2026, 11, 30)),
        # ISO dates, past ones included
        ("2026-12-01", D(2026, 12, 1)),
        ("2027-1-5", D(2027, 1, 5)),
        ("2020-02-29", D(2020, 2, 29)),
        # MM-DD at its next occurrence, today or later
        ("12-01", D(2026, 12, 1)),
        ("11-23", D(2026, 11, 23)),
        ("11-22", D(2027, 11, 22)),
        ("01-15", D(2027, 1, 15)),
        ("1-5", D(2027, 1, 5)),
        ("12-31", D(2026, 12, 31)),
        ("02-29", D(2028, 2, 29)),
    ],
)
def test_parse_date_against_the_clock(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # month-end arithmetic clamps to the last day of the month
        (D(2026, 1, 31), "1m", D(2026, 2, 28)),
        (D(2028, 1, 31), "1m", D(2028, 2, 29)),
        (D(2026, 3, 31), "1 month", D(2026, 4, 30)),
        (D(2026, 11, 30), "3m", D(2027, 2, 28)),
        (D(2028, 2, 29), "1y", D(2029, 2, 28)),
        (D(2026, 12, 31), "1d", D(2027, 1, 1)),
        # a weekday on that same weekday is a week later
        (D(2026, 11, 27), "fri", D(2026, 12, 4)),
        (D(2026, 11, 27), "friday", D(2026, 12, 4)),
        (D(2026, 11, 27), "sat", D(2026, 11, 28)),
        (D(2026, 11, 27), "thu", D(2026, 12, 3)),
        (D(2026, 11, 29), "next week", D(2026, 11, 30)),
        (D(2026, 11, 27), "next week", D(2026, 11, 30)),
        # MM-DD: today counts, earlier this year rolls to next year
        (D(2026, 12, 1), "12-01", D(2026, 12, 1)),
        (D(2026, 12, 1), "11-30", D(2027, 11, 30)),
        (D(2026, 12, 31), "01-01", D(2027, 1, 1)),
        # 02-29 is the next leap day, today included; 2100 is not a leap year
        (D(2028, 2, 29), "02-29", D(2028, 2, 29)),
        (D(2028, 3, 1), "02-29", D(2032, 2, 29)),
        (D(2096, 3, 1), "02-29", D(2104, 2, 29)),
    ],
)
def test_parse_date_with_an_explicit_today(today, text, expected):
    assert parse_date(text, today=today) == expected


def test_parse_date_returns_a_pendulum_date():
    assert type(parse_date("2w")) is pendulum.Date
    assert type(parse_date("12-01")) is pendulum.Date


def test_unknown_text_names_it_and_suggests_forms():
    with pytest.raises(DateParseError) as caught:
        parse_date("fridy")
    assert str(caught.value) == (
        'can\'t read "fridy" as a date '
        "(try: today, tomorrow, 3d, 2w, 1m, fri, next week, 2026-12-01, 12-01)"
    )


@pytest.mark.parametrize(
    ("text", "named", "reason"),
    [
        ("fridy", "fridy", "can't read"),
        ("tomorow", "tomorow", "can't read"),
        ("  Next Month ", "Next Month", "can't read"),
        ("", "", "can't read"),
        ("   ", "", "can't read"),
        ("-3d", "-3d", "can't read"),
        ("3x", "3x", "can't read"),
        ("3 fortnights", "3 fortnights", "can't read"),
        ("d", "d", "can't read"),
        ("9am", "9am", "can't read"),
        ("2026/12/01", "2026/12/01", "can't read"),
        ("2026-02-30", "2026-02-30", "no such date"),
        ("2026-13-01", "2026-13-01", "no such date"),
        ("2027-02-29", "2027-02-29", "no such date"),
        ("13-01", "13-01", "no such date"),
        ("02-30", "02-30", "no such date"),
        ("00-10", "00-10", "no such date"),
        ("04-31", "04-31", "no such date"),
        ("3654d", "3654d", "too far ahead"),
        ("11y", "11y", "too far ahead"),
        ("100000d", "100000d", "too far ahead"),
        ("9999y", "9999y", "too far ahead"),
        ("1" + "0" * 30 + "d", "1" + "0" * 30 + "d", "too far ahead"),
    ],
)
def test_parse_date_errors_name_the_bad_text(text, named, reason):
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert f'"{named}"' in message
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare time is today at that time
        ("14:30", at(2026, 11, 23, 14, 30)),
        ("0:05", at(2026, 11, 23, 0, 5)),
        ("23:59", at(2026, 11, 23, 23, 59)),
        ("9am", at(2026, 11, 23, 9, 0)),
        ("9 am", at(2026, 11, 23, 9, 0)),
        ("9AM", at(2026, 11, 23, 9, 0)),
        ("9:15pm", at(2026, 11, 23, 21, 15)),
        ("9:15 PM", at(2026, 11, 23, 21, 15)),
        ("12am", at(2026, 11, 23, 0, 0)),
        ("12:30am", at(2026, 11, 23, 0, 30)),
        ("12pm", at(2026, 11, 23, 12, 0)),
        ("1pm", at(2026, 11, 23, 13, 0)),
        # a day then a time
        ("yesterday 9am", at(2026, 11, 22, 9, 0)),
        ("yesterday 14:30", at(2026, 11, 22, 14, 30)),
        ("Yesterday  9 pm", at(2026, 11, 22, 21, 0)),
        ("mon 10:00", at(2026, 11, 23, 10, 0)),
        ("friday 8:05am", at(2026, 11, 20, 8, 5)),
        ("tomorrow 9:15pm", at(2026, 11, 24, 21, 15)),
        ("2w 9am", at(2026, 12, 7, 9, 0)),
        ("12-01 16:00", at(2026, 12, 1, 16, 0)),
        ("2026-11-20 14:30", at(2026, 11, 20, 14, 30)),
        ("2026-11-20T14:30", at(2026, 11, 20, 14, 30)),
        ("2026-11-20t14:30", at(2026, 11, 20, 14, 30)),
        # a day alone: now if it is today, else noon
        ("today", at(2026, 11, 23, 10, 0)),
        ("0d", at(2026, 11, 23, 10, 0)),
        ("yesterday", at(2026, 11, 22, 12, 0)),
        ("fri", at(2026, 11, 20, 12, 0)),
        ("next week", at(2026, 11, 30, 12, 0)),
        ("2026-11-20", at(2026, 11, 20, 12, 0)),
        ("3d", at(2026, 11, 26, 12, 0)),
    ],
)
def test_parse_moment_against_the_clock(text, expected):
    moment = parse_moment(text)
    assert moment == expected
    assert moment.timezone_name == LONDON


def test_parse_moment_is_local_time_in_summer_too():
    """14:30 in July is 13:30 UTC: the wall-clock time is local, not UTC."""
    moment = parse_moment("2026-07-01 14:30")
    assert moment == pendulum.datetime(2026, 7, 1, 13, 30, tz="UTC")
    assert moment.offset == 3600


def test_parse_moment_with_an_explicit_now():
    now = at(2026, 11, 23, 10, 17, 42)
    assert parse_moment("today", now=now) == now
    assert parse_moment("14:30", now=now) == at(2026, 11, 23, 14, 30, 0)
    assert parse_moment("yesterday", now=now) == at(2026, 11, 22, 12, 0)
    assert parse_moment("fri", now=at(2026, 11, 27, 9, 0)) == at(2026, 11, 27, 9, 0)  # looking back, today counts
    tokyo = pendulum.datetime(2026, 11, 24, 1, 0, tz="Asia/Tokyo")
    assert parse_moment("9am", now=tokyo) == pendulum.datetime(2026, 11, 24, 9, 0, tz="Asia/Tokyo")


def test_parse_moment_returns_a_pendulum_datetime():
    assert isinstance(parse_moment("yesterday 9am"), pendulum.DateTime)


@pytest.mark.parametrize(
    ("text", "named", "reason"),
    [
        ("xyz", "xyz", "can't read"),
        ("", "", "can't read"),
        ("9", "9", "can't read"),
        ("Fridy", "Fridy", "can't read"),
        ("fridy 9am", "fridy", "can't read"),
        ("sat14:30", "sat14:30", "can't read"),
        ("25:00", "25:00", "no such time"),
        ("24:00", "24:00", "no such time"),
        ("9:60", "9:60", "no such time"),
        ("13pm", "13pm", "no such time"),
        ("0am", "0am", "no such time"),
        ("yesterday 25:00", "25:00", "no such time"),
        ("2026-02-30 14:30", "2026-02-30", "no such date"),
        ("100000d 9am", "100000d", "too far ahead"),
    ],
)
def test_parse_moment_errors_name_the_bad_text(text, named, reason):
    with pytest.raises(DateParseError) as caught:
        parse_moment(text)
    message = str(caught.value)
    assert f'"{named}"' in message
    assert reason in message


def test_unknown_moment_suggests_times():
    with pytest.raises(DateParseError) as caught:
        parse_moment("lunchtime")
    assert str(caught.value) == (
        'can\'t read "lunchtime" as a date or time '
        "(try: 14:30, 9am, 9:15pm, yesterday 9am, mon 10:00, 2026-11-20 14:30)"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 11, 23), "Mon 23 Nov (today)"),
        (D(2026, 11, 24), "Tue 24 Nov (tomorrow)"),
        (D(2026, 11, 22), "Sun 22 Nov (yesterday)"),
        (D(2026, 11, 25), "Wed 25 Nov (in 2 days)"),
        (D(2026, 11, 26), "Thu 26 Nov (in 3 days)"),
        (D(2026, 11, 27), "Fri 27 Nov (in 4 days)"),
        (D(2026, 11, 21), "Sat 21 Nov (2 days ago)"),
        (D(2026, 12, 1), "Tue 1 Dec (in 8 days)"),
        (D(2026, 1, 1), "Thu 1 Jan (326 days ago)"),
        (D(2027, 1, 5), "Tue 5 Jan 2027 (in 43 days)"),
        (D(2028, 2, 29), "Tue 29 Feb 2028 (in 1 year)"),  # a year or more: in whole years
        (D(2025, 12, 25), "Thu 25 Dec 2025 (333 days ago)"),
        (D(2025, 11, 23), "Sun 23 Nov 2025 (1 year ago)"),
        (D(2024, 3, 10), "Sun 10 Mar 2024 (2 years ago)"),  # 988 days
    ],
)
def test_describe_date(day, expected):
    assert describe_date(day) == expected


def test_describe_date_names_every_month_in_english():
    names = [describe_date(D(2026, month, 1)).split(" ")[2] for month in range(1, 13)]
    assert names == "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def test_describe_date_with_an_explicit_today():
    assert describe_date(D(2026, 12, 4), today=D(2026, 11, 27)) == "Fri 4 Dec (in 7 days)"
    assert describe_date(D(2027, 1, 1), today=D(2026, 12, 31)) == "Fri 1 Jan 2027 (tomorrow)"


def test_describe_date_reads_back_what_was_typed():
    assert describe_date(parse_date("fri")) == "Fri 27 Nov (in 4 days)"
    assert describe_date(parse_date("12-01")) == "Tue 1 Dec (in 8 days)"
