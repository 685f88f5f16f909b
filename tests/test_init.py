"""`netgarden init` (issue 25): with flags, with its questions answered in a terminal, and
with none asked (--yes, or not a terminal); a bad answer changes nothing."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import newcomers_home, run_netgarden
from netgarden_tui.config import load_config

DATA = Path(__file__).parent / "data"
REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path) -> Path:
    return newcomers_home(tmp_path / "home")


def environment(folder: Path, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NETGARDEN_DB", "LC_ALL", "LC_TELEPHONE")}
    env.update(NETGARDEN_CONFIG_DIR=str(folder / "conf"), HOME=str(home), TZ="UTC",
               LANG="en_GB.UTF-8", NETGARDEN_DB=str(folder / "garden.db"))
    return env


def netgarden(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """`netgarden ARGS` in ``folder`` (its garden and config there), ``home`` its home;
    its input is no terminal (pytest's)."""
    return run_netgarden(list(args), env=environment(folder, home), cwd=folder)


def contacts(folder: Path, home: Path) -> list[str]:
    done = netgarden(folder, home, "list", "--json")
    assert done.returncode == 0, done.stderr
    return sorted(row["name"] for row in json.loads(done.stdout))


def test_init_with_a_flag_for_each_answer(tmp_path, home):
    done = netgarden(tmp_path, home, "init", "--import", "~/Downloads/Connections.csv",
                     "--email", "ann@example.com", "--email", "ann@work.example",
                     "--region", "gb", "--maildir", "~/Mail", "--calendars", "~/.calendars",
                     "--capture-on-start")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "imported Connections.csv as linkedin: 4 created, 0 updated, 0 unchanged, 0 skipped",
        f"wrote {tmp_path / 'conf' / 'config.toml'}:",
        "  your addresses (capture.me): ann@example.com, ann@work.example",
        "  home region for phone numbers (region): GB",
        "  mail (capture.mail): ~/Mail",
        "  calendars (capture.calendars): ~/.calendars",
        "  capture as the app opens (capture.on_start): yes",
        "next: netgarden capture, then netgarden (the queue: netgarden due)",
    ]
    config = load_config(tmp_path / "conf" / "config.toml")
    assert config.region == "GB"
    assert config.capture.me == ("ann@example.com", "ann@work.example")
    assert config.capture.mail == ("~/Mail",) and config.capture.calendars == ("~/.calendars",)
    assert config.capture.on_start is True
    assert contacts(tmp_path, home) == ["Mei Chen", "Olusegun Adeyemi", "Priya Raman",
                                        "Tomás Ferreira"]
    # The import is one undo step, as netgarden import's
    undone = netgarden(tmp_path, home, "undo")
    assert undone.stdout.startswith("undone: netgarden init --import")
    assert contacts(tmp_path, home) == []


@pytest.mark.parametrize("args, said", [
    (["--region", "zz"], '"zz" is not a region phone numbers know'),
    (["--email", "ann.example.com"], '"ann.example.com" is not an email address'),
    (["--maildir", "~/Nope"], "no such file or folder"),
    (["--import", "~/Downloads/missing.vcf"], "can't read ~/Downloads/missing.vcf"),
    (["--import", str(DATA / "not-contacts.txt")], "can't tell what kind of address book"),
    (["--capture-on-start", "--no-capture-on-start"], "not allowed with argument"),
    (["--email", "ann@example.com", "--region", "XX"], '"XX" is not a region'),
])
def test_a_bad_answer_is_one_line_and_nothing_is_written(tmp_path, home, args, said):
    done = netgarden(tmp_path, home, "init", *args)
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and said in done.stderr, done.stderr
    assert not (tmp_path / "conf").exists() and not (tmp_path / "garden.db").exists()


def test_not_in_a_terminal_it_asks_nothing_and_writes_only_the_flags(tmp_path, home):
    done = netgarden(tmp_path, home, "init")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("nothing to write: answer with --import, --email")
    config = load_config(tmp_path / "conf" / "config.toml")
    assert config.capture.me == () and config.region is None  # found, but not asked
    assert (tmp_path / "garden.db").exists()  # the garden is made, empty
    done = netgarden(tmp_path, home, "init", "--region", "DE")
    assert done.stdout.splitlines()[:2] == [
        f"wrote {tmp_path / 'conf' / 'config.toml'}:",
        "  home region for phone numbers (region): DE"]
    assert load_config(tmp_path / "conf" / "config.toml").region == "DE"


def test_yes_takes_what_was_found_and_imports_nothing_unasked(tmp_path, home):
    done = netgarden(tmp_path, home, "init", "--yes", "--region", "IE")
    assert done.returncode == 0 and done.stderr == ""
    config = load_config(tmp_path / "conf" / "config.toml")
    assert config.capture.me == ("ann@example.com",)  # git's
    assert config.region == "IE"  # the flag's, not the locale's
    assert config.capture.mail == ("~/Mail",) and config.capture.calendars == ("~/.calendars",)
    assert config.capture.on_start is False
    assert contacts(tmp_path, home) == []  # Connections.csv is in Downloads: not imported


def test_the_questions_answered_in_a_terminal(tmp_path, home):
    """A process whose input is a terminal: the questions, with what was found offered;
    a bad answer asked again; Enter takes what is offered, "-" skips."""
    answers = ("1\n"  # the first address book found
               "\n"  # yes, import it (after its dry run)
               "\n"  # the addresses found (git's)
               "zz\n"  # a region phone numbers do not know: asked again
               "ie\n"
               "-\n"  # no mail
               "\n"  # the calendars found
               "y\n")  # capture as the app opens
    master, terminal = pty.openpty()
    env = environment(tmp_path, home)
    env["PYTHONPATH"] = str(REPOSITORY)
    try:
        process = subprocess.Popen([sys.executable, "-m", "netgarden_tui", "init"],
                                   stdin=terminal, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env, cwd=tmp_path)
        os.write(master, answers.encode() + b"\x04")  # then the end of the input
        out, err = process.communicate(timeout=60)
    finally:
        os.close(terminal)
        os.close(master)
    out, err = out.decode(), err.decode()
    assert process.returncode == 0, err
    assert "  1  ~/Downloads/Connections.csv  (LinkedIn connections)" in out
    assert ("would import (dry run, nothing written) Connections.csv as linkedin: "
            "4 created") in out
    assert "Addresses, separated by commas [ann@example.com]" in out
    assert "Region [GB]" in out  # the locale's, offered
    assert "  found ~/Mail  (1 mail folder)" in out
    assert err.splitlines() == ['netgarden: "zz" is not a region phone numbers know (a '
                                'two-letter code such as "GB", "US", "DE")']
    config = load_config(tmp_path / "conf" / "config.toml")
    assert config.capture.me == ("ann@example.com",) and config.region == "IE"
    assert config.capture.mail == () and config.capture.calendars == ("~/.calendars",)
    assert config.capture.on_start is True
    assert len(contacts(tmp_path, home)) == 4


def test_due_on_an_empty_garden_points_to_init_in_a_terminal_only(tmp_path, home):
    done = netgarden(tmp_path, home, "due")  # its output is no terminal: as it was
    assert done.stdout.startswith("Nothing due on ") and len(done.stdout.splitlines()) == 1
    assert done.stderr == ""
    master, terminal = pty.openpty()
    env = environment(tmp_path, home)
    env["PYTHONPATH"] = str(REPOSITORY)
    try:
        subprocess.run([sys.executable, "-m", "netgarden_tui", "due"], stdout=terminal,
                       stderr=subprocess.PIPE, env=env, cwd=tmp_path, timeout=60, check=True)
        shown = os.read(master, 4096).decode()
    finally:
        os.close(terminal)
        os.close(master)
    assert shown.splitlines()[-1] == (
        "Your garden is empty: netgarden init sets it up, from your address book.")
