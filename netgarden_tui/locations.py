"""Where netgarden keeps its files, and a config file's fingerprint.

Nothing here is heavier than the standard library (platformdirs only when asked for the
platform's folders), so that ``netgarden due --count`` finds the garden and knows whether
its config changed in a few milliseconds (quick.py); config.py builds on it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

APP_NAME = "netgarden"


class Locations(NamedTuple):
    database: Path
    config_file: Path
    backups: Path


def locate(db: str | Path | None = None, env: Mapping[str, str] | None = None) -> Locations:
    """Resolve the file locations: the `--db` flag beats NETGARDEN_DB beats platformdirs.

    Backups live next to the database, so a garden opened with `--db` keeps its own.
    Empty environment variables count as unset. Nothing is created on disk.
    """
    env = os.environ if env is None else env
    if db:
        database = Path(db)
    elif env.get("NETGARDEN_DB"):
        database = Path(env["NETGARDEN_DB"])
    else:
        import platformdirs

        database = platformdirs.user_data_path(APP_NAME) / "garden.db"
    database = database.expanduser()

    if env.get("NETGARDEN_CONFIG_DIR"):
        config_dir = Path(env["NETGARDEN_CONFIG_DIR"])
    else:
        import platformdirs

        config_dir = platformdirs.user_config_path(APP_NAME)
    return Locations(
        database=database,
        config_file=config_dir.expanduser() / "config.toml",
        backups=database.parent / "backups",
    )


def fingerprint(data: bytes) -> str:
    """A config file's bytes in a few characters: equal fingerprints, equal files."""
    try:
        from _blake2 import blake2b  # hashlib's, without the half a dozen ms OpenSSL costs
    except ImportError:  # another Python than CPython
        from hashlib import blake2b
    return blake2b(data, digest_size=20).hexdigest()
