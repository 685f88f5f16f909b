"""The README's keys table and command reference must say what the code does."""

import re
from pathlib import Path

from netgarden_tui.cli import build_parser
from netgarden_tui.tui.app import NetgardenApp
from netgarden_tui.tui.screens.main import MainScreen

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
KEY_NAMES = {"slash": "/", "question_mark": "?", "shift+tab": "shift+tab"}


def keys_table() -> str:
    return README.split("## Keys", 1)[1].split("\n## ", 1)[0]


def test_every_key_of_the_main_screen_and_the_app_is_in_the_keys_table():
    table = keys_table()
    listed = set(re.findall(r"`([^`]+)`", table))
    for binding in (*NetgardenApp.BINDINGS, *MainScreen.BINDINGS):
        key = KEY_NAMES.get(binding.key, binding.key)
        assert key in listed, f"{binding.id} ({key}) is missing from the README's keys table"


def test_every_subcommand_and_option_is_in_the_command_reference():
    reference = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, command in commands.items():
        assert f"netgarden {name}" in reference, f"`netgarden {name}` is not in the README"
        for action in command._actions:
            for option in action.option_strings:
                if option in ("-h", "--help", "--db", "--debug"):
                    continue
                assert option in reference, f"`netgarden {name} {option}` is not in the README"


def test_the_channels_and_their_aliases_are_the_vocabularys():
    from netgarden_tui.vocabulary import CHANNEL_ALIASES, CHANNELS

    line = README.split("Channels: ", 1)[1].split("Dates in words", 1)[0]
    assert line.startswith(", ".join(CHANNELS) + " (also")
    named = set(re.findall(r"`([a-z]+)`", line))
    assert named and named <= set(CHANNEL_ALIASES)
