"""Where netgarden keeps its files (or which server holds the garden), and a config file's
fingerprint.

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
SERVER_SCHEMES = ("postgresql://", "postgres://")

# A garden is a SQLite file (a Path) or a database on a PostgreSQL server (its URL, a str).
GardenAddress = Path | str


class Locations(NamedTuple):
    database: GardenAddress
    config_file: Path
    backups: Path


def on_server(database: GardenAddress) -> bool:
    """Whether a garden lives on a PostgreSQL server (its address a URL), not in a file."""
    return isinstance(database, str) and database.startswith(SERVER_SCHEMES)


def locate(db: str | Path | None = None, env: Mapping[str, str] | None = None) -> Locations:
    """Resolve the locations: the `--db` flag beats NETGARDEN_DB beats the config's
    ``database`` beats platformdirs. Each may name a file or a PostgreSQL URL.

    Backups live next to a garden file, so a garden opened with `--db` keeps its own; a
    garden on a server keeps its backups in this machine's data folder. Empty environment
    variables count as unset. Nothing is created on disk.
    """
    env = os.environ if env is None else env
    if env.get("NETGARDEN_CONFIG_DIR"):
        config_dir = Path(env["NETGARDEN_CONFIG_DIR"])
    else:
        import platformdirs

        config_dir = platformdirs.user_config_path(APP_NAME)
    config_file = config_dir.expanduser() / "config.toml"
    asked = db or env.get("NETGARDEN_DB") or configured_database(config_file)
    if asked and on_server(str(asked)):
        database = str(asked)
        backups = _data_folder() / "backups" / _server_folder_name(database)
    else:
        database = Path(asked).expanduser() if asked else _data_folder() / "garden.db"
        backups = database.parent / "backups"
    return Locations(database=database, config_file=config_file, backups=backups)


def _data_folder() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def configured_database(config_file: Path) -> str | None:
    """The config's ``database``, if it names one. A config that cannot be read names
    none here: loading it (config.py) says what is wrong with it."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "database" not in text:  # most configs: no TOML parser needed
        return None
    import tomllib

    try:
        value = tomllib.loads(text).get("database")
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, str) and value.strip() else None


def _server_folder_name(url: str) -> str:
    """A folder name for a server garden's backups: host, port and database."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = "-".join(part for part in (parts.hostname or "local", str(parts.port or ""),
                                      parts.path.strip("/")) if part)
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in name)


def shown(database: GardenAddress) -> str:
    """A garden's address as it may be printed: a server URL without its password."""
    if not has_password(database):
        return str(database)
    scheme, _, rest = database.partition("://")
    rest, question, query = rest.partition("?")
    where, slash, path = rest.partition("/")
    login, at, host = where.rpartition("@")
    login = login.partition(":")[0]
    query = "&".join(pair for pair in query.split("&")
                     if pair.partition("=")[0] != "password")
    return f"{scheme}://{login}{at}{host}{slash}{path}{question if query else ''}{query}"


class PasswordShown(ValueError):
    """A server URL given with its password where others can read it; str() says where
    the password goes instead."""


def refuse_password(database: GardenAddress) -> None:
    """PasswordShown for a server URL with a password, given on the command line: every
    user of the machine sees a command's arguments (the process list)."""
    if has_password(database):
        raise PasswordShown(f"{shown(database)}: a password on the command line shows in "
                            "the process list; keep it in ~/.pgpass or PGPASSWORD instead")


def has_password(database: GardenAddress) -> bool:
    """Whether a server URL carries a password (which ``--db`` would show to every user of
    the machine, in the process list)."""
    if not on_server(database):
        return False
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(database)
    return parts.password is not None or any(
        key == "password" for key, _ in parse_qsl(parts.query))


def fingerprint(data: bytes) -> str:
    """A config file's bytes in a few characters: equal fingerprints, equal files."""
    try:
        from _blake2 import blake2b  # hashlib's, without the half a dozen ms OpenSSL costs
    except ImportError:  # another Python than CPython
        from hashlib import blake2b
    return blake2b(data, digest_size=20).hexdigest()
