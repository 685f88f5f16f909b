"""The errors a user can cause, shown as one line on stderr with exit code 1."""

import argparse
import sys

from peewee import OperationalError

from netgarden_tui.config import ConfigError
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.dates import DateParseError
from netgarden_tui.garden.names import ContactLookupError
from netgarden_tui.store.database import GardenError

USER_ERRORS = (InvalidInput, DateParseError, ContactLookupError, ConfigError, GardenError,
               OperationalError)


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit code 1 like every other error."""

    def error(self, message: str):
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(1)
