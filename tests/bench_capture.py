"""How long `netgarden capture` takes on a year of mail and a calendar folder (not a
test: pytest does not collect it). Targets: the first capture of a Maildir of 50,000
messages under 8 s, a second run with nothing new under 0.5 s; a calendar folder of
5,000 events under 5 s.

The mail: 2,000 contacts, and a year of threads with them (one to four messages, you and
them in turn, in INBOX and Sent), newsletters, mail from people not in the garden and
messages to crowds, in four Maildir folders with cur/ and new/. The calendar: 5,000 .ics
files as vdirsyncer writes them, one event each, a tenth of them weekly, a third with a
video link, some still to come. Each run is the command a person types (a process of its
own), timed as they wait; CPU time is printed beside it because the machine may be busy.

    python tests/bench_capture.py [messages] [events]    # default: 50000 5000
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

import pendulum

ME = "me@example.org"
CONTACTS = 2_000
NOW = pendulum.now("UTC")
BODY = "Hello,\n\n" + "A line of the body that capture never reads.\n" * 40


def person(i: int) -> str:
    return f"Person {i} <person{i}@example.com>"


def write_mail(root: Path, count: int, rng: random.Random) -> None:
    folders = {name: root / name for name in ("INBOX", ".Sent", ".Archive", ".Lists")}
    for folder in folders.values():
        for part in ("cur", "new", "tmp"):
            (folder / part).mkdir(parents=True)
    written = 0

    def drop(folder: str, headers: list[str], *, seen: bool = True) -> None:
        nonlocal written
        written += 1
        name = f"{1_700_000_000 + written}.M{written}P4242.bench"
        part, suffix = ("cur", ":2,S") if seen else ("new", "")
        (folders[folder] / part / f"{name}{suffix}").write_text(
            "\n".join(headers) + "\n\n" + BODY, encoding="utf-8")

    while written < count:
        at = NOW.subtract(seconds=rng.randrange(365 * 86_400))
        kind = rng.random()
        if kind < 0.2:  # a newsletter
            drop(".Lists", [f"From: News {written % 50} <news{written % 50}@lists.example.net>",
                            f"To: {ME}", f"Subject: Issue {written}", f"Date: {format_datetime(at)}",
                            f"Message-ID: <n{written}@lists.example.net>",
                            "List-Id: <news.lists.example.net>",
                            "List-Unsubscribe: <mailto:leave@lists.example.net>"])
            continue
        if kind < 0.22:  # to a crowd
            crowd = ", ".join(f"guest{j}@example.net" for j in range(30))
            drop(".Sent", [f"From: {ME}", f"To: {crowd}", "Subject: Party",
                           f"Date: {format_datetime(at)}", f"Message-ID: <c{written}@me>"])
            continue
        them = person(rng.randrange(CONTACTS)) if kind < 0.9 else \
            f"Stranger {written % 300} <stranger{written % 300}@example.net>"
        root_id, previous = f"t{written}@bench", None
        mine = rng.random() < 0.5
        for step in range(rng.randint(1, 4)):
            if written >= count:
                break
            message_id = root_id if previous is None else f"t{written}r{step}@bench"
            sender, to = (ME, them) if mine else (them, ME)
            headers = [f"From: {sender}", f"To: {to}",
                       f"Subject: {'Re: ' if previous else ''}Thread {root_id}",
                       f"Date: {format_datetime(at)}", f"Message-ID: <{message_id}>"]
            if previous:
                headers += [f"In-Reply-To: <{previous}>", f"References: <{root_id}> <{previous}>"]
            folder = ".Sent" if mine else rng.choice(("INBOX", "INBOX", ".Archive"))
            drop(folder, headers, seen=rng.random() < 0.95)
            previous, mine = message_id, not mine
            at = at.add(minutes=rng.randrange(10, 3000))
            if at > NOW:
                break


def write_calendar(folder: Path, count: int, rng: random.Random) -> None:
    folder.mkdir()
    for i in range(count):
        start = NOW.subtract(days=rng.randrange(-30, 365)).replace(minute=0, second=0,
                                                                  microsecond=0)
        attendees = "".join(f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Person {j}:mailto:person{j}@example.com\r\n"
                            for j in rng.sample(range(CONTACTS), rng.randint(1, 2)))
        video = "LOCATION:https://meet.google.com/abc-defg-hij\r\n" if i % 3 == 0 else \
            "LOCATION:The café\r\n"
        weekly = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if i % 10 == 0 else ""
        (folder / f"event-{i}.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:event-{i}@bench\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{start.format('YYYYMMDDTHHmmss')}Z\r\n"
            f"DTEND:{start.add(minutes=45).format('YYYYMMDDTHHmmss')}Z\r\n{weekly}"
            f"SUMMARY:Meeting {i}\r\n{video}ORGANIZER:mailto:{ME}\r\n{attendees}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")


def backdate(root: Path) -> None:
    """As if synced an hour ago (a folder changed within two seconds is read again)."""
    past = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (past, past))
        os.utime(folder, (past, past))


def netgarden(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NETGARDEN_CONFIG_DIR=str(root / "conf"))
    env.pop("NETGARDEN_DB", None)
    return subprocess.run([sys.executable, "-m", "netgarden_tui", *args, "--db",
                           str(root / "garden.db")], env=env, capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parent.parent)


def timed(label: str, root: Path, *args: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = netgarden(root, *args, "--json")
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(done.stdout)
    print(f"{label}: {elapsed:.2f} s wall ({cpu:.2f} s CPU): read {report['read']}, "
          f"{report['touches']} touches with {len(report['contacts'])} contacts, "
          f"captured before {report['captured_before']}, skipped {report['skipped']}")


def fill_garden(root: Path) -> None:
    script = (
        "import sys\n"
        "from netgarden_tui.config import Locations, default_config\n"
        "from netgarden_tui.garden import actions\n"
        "from netgarden_tui.store import database, writes\n"
        "from netgarden_tui.store.records import Method\n"
        "root = sys.argv[1]\n"
        "actions.open_garden(Locations(f'{root}/garden.db', f'{root}/conf/config.toml', "
        "f'{root}/backups'), default_config())\n"
        f"writes.create_contacts([dict(display_name=f'Person {{i}}', methods=[Method('email', "
        f"f'person{{i}}@example.com')]) for i in range({CONTACTS})])\n"
        "database.close_garden()\n")
    subprocess.run([sys.executable, "-c", script, str(root)], check=True,
                   cwd=Path(__file__).parent.parent)


def main(messages: int = 50_000, events: int = 5_000) -> None:
    rng = random.Random(21)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        started = time.perf_counter()
        write_mail(root / "Mail", messages, rng)
        write_calendar(root / "calendar", events, rng)
        backdate(root)
        fill_garden(root)
        size = sum(path.stat().st_size for path in (root / "Mail").rglob("*") if path.is_file())
        print(f"{messages} messages ({size / 2**20:.0f} MiB), {events} events, {CONTACTS} "
              f"contacts: made in {time.perf_counter() - started:.1f} s")
        mail = ("capture", "mail", str(root / "Mail"), "--me", ME)
        timed("mail, first run", root, *mail)
        timed("mail, second run (nothing new)", root, *mail)
        calendar = ("capture", "calendar", str(root / "calendar"), "--me", ME)
        timed("calendar, first run", root, *calendar)
        timed("calendar, second run (nothing new)", root, *calendar)


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
