"""How long importing 10,000 vCards takes (target 5 s), then importing them again (target
5 s too), then a staff list of as many people on one switchboard (not a test: pytest does
not collect it). Each card has two postal addresses,
three phones (one written without its country code, read in the config's region) and
a department, as a phone's export has them.

CPU time is printed beside wall time because the machine may be busy with other work.

    python tests/bench_import.py [cards]    # default: 10000
"""

import sys
import tempfile
import time
from pathlib import Path

from dataclasses import replace

from netgarden_tui.config import Locations, default_config
from netgarden_tui.garden import actions
from netgarden_tui.garden.importing import import_path
from netgarden_tui.store import database

CARD = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Person {i} Example\r
N:Example;Person {i};;;\r
NICKNAME:P{i}\r
ORG:Company {company};Department {role}\r
TITLE:Role {role}\r
EMAIL;TYPE=INTERNET,WORK:person{i}@example.com\r
EMAIL;TYPE=INTERNET,HOME:p{i}@home.example\r
TEL;TYPE=CELL:+44 7700 {i:06d}\r
TEL;TYPE=WORK,VOICE:020 7946 {company:04d}\r
item1.TEL:+1 (202) 555-{role:04d}\r
item1.X-ABLabel:_$!<Other>!$_\r
ADR;TYPE=HOME:;Flat {group};{i} High Street;Leeds;West Yorkshire;LS1 {group}AB;United Kin\r
 gdom\r
ADR;TYPE=WORK:;;{company} Canada Square;London;;E14 5AB;United Kingdom\r
URL:https://example.com/people/{i}\r
BDAY:19{year:02d}-{month:02d}-{day:02d}\r
CATEGORIES:imported,group{group}\r
NOTE:A note about person {i}\\, folded over the line because it is longer than seventy-f\r
 ive octets.\r
UID:urn:uuid:00000000-0000-4000-8000-{i:012d}\r
END:VCARD\r
"""


def write_cards(path: Path, count: int) -> None:
    path.write_text("".join(
        CARD.format(i=i, company=i % 500, role=i % 40, year=50 + i % 50, month=1 + i % 12,
                    day=1 + i % 28, group=i % 20)
        for i in range(count)), encoding="utf-8")


def write_switchboard(path: Path, count: int) -> None:
    """A staff list: everyone on the one switchboard, no UIDs (the case that once compared
    every name with every other)."""
    path.write_text("First Name,Last Name,Phone\n" + "".join(
        f"Staff {i},Member,+44 20 7946 0000\n" for i in range(count)), encoding="utf-8")


def timed(label: str, path: Path) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    report = import_path(path)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label}: {elapsed:.2f} s wall ({cpu:.2f} s CPU): {report.counts}")


def main(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cards = root / "cards.vcf"
        write_cards(cards, count)
        print(f"{count} cards, {cards.stat().st_size / 2**20:.1f} MiB")
        actions.open_garden(Locations(root / "garden.db", root / "config.toml", root / "backups"),
                            replace(default_config(), region="GB"))
        staff = root / "staff.csv"
        write_switchboard(staff, count)
        try:
            timed("first import (all created)", cards)
            timed("second import (all unchanged)", cards)
            timed("a staff list on one switchboard", staff)
            timed("the staff list again", staff)
        finally:
            database.close_garden()


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:2]))
