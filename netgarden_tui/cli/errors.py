"""The errors a user can cause, shown as one line on stderr with exit code 1."""

import argparse
import sys

from netgarden_tui.config import ConfigError
from netgarden_tui.garden import actions
from netgarden_tui.locations import PasswordShown
from netgarden_tui.store.backups import BackupError
from netgarden_tui.store.database import GardenError, StoreError

# StoreError: the database is locked or unreadable; its message says which.
USER_ERRORS = (*actions.USER_ERRORS, ConfigError, GardenError, StoreError, BackupError,
               PasswordShown)


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit code 1 like every other error."""

    def error(self, message: str):
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(1)


def one_or_more(text: str) -> int:
    """An argparse type: a whole number, 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {number})")
    return number
