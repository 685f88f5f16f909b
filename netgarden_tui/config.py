"""The typed, validated config.toml (where the files are: locations.py).

Reads with stdlib tomllib and writes with tomli_w. Nothing here imports textual or
peewee, so every layer (store, garden, cli, tui) can use it.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import tomli_w

from netgarden_tui.locations import APP_NAME, Locations, fingerprint, locate  # noqa: F401


class BackupsKept(NamedTuple):
    daily: int = 7
    weekly: int = 4


class CaptureSettings(NamedTuple):
    """[capture]: where your mail and calendars are, and who you are in them."""

    me: tuple[str, ...] = ()  # your own addresses: who sent a message tells its direction
    mail: tuple[str, ...] = ()  # Maildir folders and mbox files `netgarden capture` reads
    calendars: tuple[str, ...] = ()  # .ics files and calendar folders
    subjects: bool = True  # a message's subject becomes its touch's note
    max_recipients: int = 10  # a message to more people than this is no touch
    on_start: bool = False  # the app captures in the background as it opens
    look_ahead_days: int = 14  # meetings this far ahead show on the card


SYNC_DIRECTIONS = ("both", "to-vdir", "from-vdir")


class SyncSettings(NamedTuple):
    """[sync]: the vdir `netgarden sync` keeps in step with the garden, and which way."""

    vdir: str | None = None  # a folder of .vcf files, one card each (vdirsyncer's)
    direction: str = "both"  # SYNC_DIRECTIONS: both ways, garden to folder, folder to garden


class Circle(NamedTuple):
    name: str
    priority: int  # 1 = most important
    cadence_days: int  # how often to be in touch


# The circles of a professional network: current clients, potential clients, influential
# colleagues, powerful colleagues and friends.
DEFAULT_CIRCLES: tuple[Circle, ...] = (
    Circle("Clients", priority=1, cadence_days=30),
    Circle("Prospects", priority=2, cadence_days=45),
    Circle("Influential colleagues", priority=2, cadence_days=60),
    Circle("Powerful colleagues", priority=3, cadence_days=90),
    Circle("Friends", priority=3, cadence_days=60),
)


@dataclass(frozen=True)
class Config:
    circles: tuple[Circle, ...] = DEFAULT_CIRCLES
    default_cadence_days: int = 60
    birthday_lookahead_days: int = 7
    one_sided_after: int = 3  # unanswered outreaches in a row
    online_only_days: int = 180
    regroup_interval_days: int = 60
    # Due suggests at most this many introductions a day (a need of one person, an offer
    # of another); 0: none.
    introductions_a_day: int = 3
    theme: str = "textual-dark"
    # Your name, on the touches you log: a garden several people share shows whose each
    # was. None: your login name.
    name: str | None = None
    # The garden: a file, or a postgresql:// URL (locations.locate reads it). None: the
    # file in your data folder.
    database: str | None = None
    # Where phone numbers written without a country code are from ("GB", "US"); None:
    # such numbers compare as written (phones.py).
    region: str | None = None
    # binding id -> key string, e.g. {"quick_log": "L"}; read-only view.
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # How many automatic backups to keep ([backups]): the newest of each of the last
    # `daily` days, and of each of the last `weekly` weeks.
    backups: BackupsKept = BackupsKept()
    capture: CaptureSettings = CaptureSettings()
    sync: SyncSettings = SyncSettings()
    # Where it was read from, and its bytes' fingerprint (locations.fingerprint); not part
    # of equality, so a loaded config equals the same settings built in code.
    path: Path | None = field(default=None, compare=False)
    fingerprint: str | None = field(default=None, compare=False)


class ConfigError(Exception):
    """A config file that cannot be used. str() is one line naming the file and key."""

    def __init__(self, path: Path, problem: str, key: str | None = None):
        super().__init__(f"config error in {path}: {problem}")
        self.path = path
        self.problem = problem
        self.key = key


class _Invalid(Exception):
    """A bad value at `key`; load_config adds the file path."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"{key} {problem}")
        self.key = key


def default_config() -> Config:
    return Config()


def config_to_toml(config: Config) -> str:
    """Render as TOML: settings first, then one `[[circles]]` table per circle, then `[keymap]`.

    tomli_w writes short arrays of tables inline, so each circle is rendered as its own
    table body under an explicit `[[circles]]` header to keep the file easy to edit.
    """
    settings = {name: getattr(config, name) for name in _SETTINGS
                if getattr(config, name) is not None}
    parts = [tomli_w.dumps(settings)]
    if config.region is None:
        parts[0] += REGION_HINT
    parts += ["[[circles]]\n" + tomli_w.dumps(circle._asdict()) for circle in config.circles]
    parts.append(tomli_w.dumps({"backups": config.backups._asdict()}))
    parts.append(tomli_w.dumps({"capture": {name: list(value) if isinstance(value, tuple) else value
                                            for name, value in config.capture._asdict().items()}}))
    if config.sync != SyncSettings():
        parts.append(tomli_w.dumps({"sync": {name: value for name, value
                                             in config.sync._asdict().items()
                                             if value is not None}}))
    parts.append(tomli_w.dumps({"keymap": dict(config.keymap)}))
    return "\n".join(parts)


def load_config(path: Path) -> Config:
    """Read and validate the config at `path`, writing the defaults there first if absent.

    Missing keys take their defaults; unknown keys are errors so typos don't pass
    silently. Raises ConfigError on the first problem, never returns a partial config.
    """
    if not path.exists():
        _write_defaults(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, f"not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot read the file ({error})") from error
    try:
        config = _parse(data, path)
    except _Invalid as error:
        raise ConfigError(path, str(error), key=error.key) from None
    return replace(config, fingerprint=fingerprint(raw))  # of the very bytes read


def _write_defaults(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # yours alone, as the garden
        # O_EXCL: never overwrite a file that appeared since the exists() check.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        if path.exists():
            return
        raise ConfigError(path, f"cannot write the default config ({error})") from error
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(config_to_toml(default_config()))


def save_config(config: Config) -> None:
    """Write ``config`` back to the file it was read from (owner-only, replaced whole so a
    crash leaves the old file or the new one, never half of one). A config built in code
    (no path) is not written."""
    if config.path is None:
        return
    temporary = config.path.with_name(config.path.name + ".new")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(config_to_toml(config))
        os.replace(temporary, config.path)
    except OSError as error:
        raise ConfigError(config.path, f"cannot save the config ({error})") from error


# Top-level integer settings: name -> allowed range, or None for any positive number.
_INT_SETTINGS: dict[str, range | None] = {
    "default_cadence_days": None,
    "birthday_lookahead_days": range(0, 367),
    "one_sided_after": None,
    "online_only_days": None,
    "regroup_interval_days": None,
    "introductions_a_day": range(0, 21),
}
_SETTINGS = (*_INT_SETTINGS, "theme", "name", "database", "region")
REGION_HINT = ('# region = "GB"  # where phone numbers without a country code are from '
               "(a two-letter code)\n")
_REGION = re.compile(r"[A-Z]{2}")
_TOP_LEVEL_KEYS = ("circles", *_SETTINGS, "backups", "capture", "sync", "keymap")
_CIRCLE_KEYS = ("name", "priority", "cadence_days")


def _parse(data: dict[str, Any], path: Path) -> Config:
    _reject_unknown(data, _TOP_LEVEL_KEYS, prefix="")
    values: dict[str, Any] = {}
    for key, allowed in _INT_SETTINGS.items():
        if key in data:
            values[key] = _whole_number(key, data[key], allowed)
    for key in ("theme", "name", "database"):
        if key in data:
            values[key] = _text(key, data[key])
    if "region" in data:
        values["region"] = _region(data["region"])
    if "circles" in data:
        values["circles"] = _circles(data["circles"])
    if "backups" in data:
        values["backups"] = _backups(data["backups"])
    if "capture" in data:
        values["capture"] = _capture(data["capture"])
    if "sync" in data:
        values["sync"] = _sync(data["sync"])
    if "keymap" in data:
        values["keymap"] = _keymap(data["keymap"])
    return Config(**values, path=path)


def _circles(value: Any) -> tuple[Circle, ...]:
    """Circles are numbered from 1 in messages, counting `[[circles]]` tables in the file."""
    if not isinstance(value, list):
        raise _Invalid("circles", f"must be a list of [[circles]] tables (got {_show(value)})")
    if not value:
        raise _Invalid("circles", "must list at least one circle")
    circles: list[Circle] = []
    seen: dict[str, str] = {}
    for number, table in enumerate(value, start=1):
        key = f"circles[{number}]"
        if not isinstance(table, dict):
            raise _Invalid(key, f"must be a table (got {_show(table)})")
        _reject_unknown(table, _CIRCLE_KEYS, prefix=f"{key}.")
        for part in _CIRCLE_KEYS:
            if part not in table:
                raise _Invalid(f"{key}.{part}", "is missing")
        name = _text(f"{key}.name", table["name"])
        if name.casefold() in seen:
            raise _Invalid(
                f"{key}.name",
                f"{_show(name)} repeats circle {_show(seen[name.casefold()])} (names ignore case)",
            )
        seen[name.casefold()] = name
        circles.append(
            Circle(
                name=name,
                priority=_whole_number(f"{key}.priority", table["priority"]),
                cadence_days=_whole_number(f"{key}.cadence_days", table["cadence_days"]),
            )
        )
    return tuple(circles)


def _backups(value: Any) -> BackupsKept:
    if not isinstance(value, dict):
        raise _Invalid("backups", f"must be a table of daily = N, weekly = N (got {_show(value)})")
    _reject_unknown(value, BackupsKept._fields, prefix="backups.")
    return BackupsKept(**{name: _whole_number(f"backups.{name}", number, range(0, 1000))
                          for name, number in value.items()})


def _capture(value: Any) -> CaptureSettings:
    if not isinstance(value, dict):
        raise _Invalid("capture", f"must be a table (got {_show(value)})")
    _reject_unknown(value, CaptureSettings._fields, prefix="capture.")
    settings = {}
    for name in ("me", "mail", "calendars"):
        if name in value:
            items = value[name]
            if not isinstance(items, list):
                raise _Invalid(f"capture.{name}", f"must be a list of strings (got {_show(items)})")
            settings[name] = tuple(_text(f"capture.{name}", item) for item in items)
    for name in ("subjects", "on_start"):
        if name in value:
            if not isinstance(value[name], bool):
                raise _Invalid(f"capture.{name}", f"must be true or false (got {_show(value[name])})")
            settings[name] = value[name]
    if "max_recipients" in value:
        settings["max_recipients"] = _whole_number("capture.max_recipients",
                                                   value["max_recipients"], range(1, 10_001))
    if "look_ahead_days" in value:
        settings["look_ahead_days"] = _whole_number("capture.look_ahead_days",
                                                    value["look_ahead_days"], range(0, 61))
    return CaptureSettings(**settings)


def _sync(value: Any) -> SyncSettings:
    if not isinstance(value, dict):
        raise _Invalid("sync", f"must be a table (got {_show(value)})")
    _reject_unknown(value, SyncSettings._fields, prefix="sync.")
    settings = {}
    if "vdir" in value:
        settings["vdir"] = _text("sync.vdir", value["vdir"])
    if "direction" in value:
        direction = value["direction"]
        if direction not in SYNC_DIRECTIONS:
            raise _Invalid("sync.direction", f"must be one of {', '.join(SYNC_DIRECTIONS)} "
                                             f"(got {_show(direction)})")
        settings["direction"] = direction
    return SyncSettings(**settings)


def _region(value: Any) -> str:
    """A two-letter region code, in upper case; whether phonenumbers knows it is checked
    when the garden opens (importing phonenumbers here would slow every start)."""
    code = _text("region", value).upper()
    if not _REGION.fullmatch(code):
        raise _Invalid("region", f"must be a two-letter region code such as \"GB\" or \"US\" "
                                 f"(got {_show(value)})")
    return code


def _keymap(value: Any) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise _Invalid("keymap", f'must be a table of binding = "key" (got {_show(value)})')
    return MappingProxyType(
        {binding: _text(f"keymap.{binding}", key) for binding, key in value.items()}
    )


def _reject_unknown(table: dict[str, Any], known: tuple[str, ...], prefix: str) -> None:
    for key in table:
        if key not in known:
            raise _Invalid(f"{prefix}{key}", f"is not a known setting (known: {', '.join(known)})")


def _whole_number(key: str, value: Any, allowed: range | None = None) -> int:
    """An int in `allowed`, or any positive int when `allowed` is None."""
    # bool is a subclass of int; `true` is not a number of days.
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if is_int and (value >= 1 if allowed is None else value in allowed):
        return value
    if allowed is None:
        wanted = "a positive whole number"
    else:
        wanted = f"a whole number from {allowed.start} to {allowed.stop - 1}"
    raise _Invalid(key, f"must be {wanted} (got {_show(value)})")


def _text(key: str, value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise _Invalid(key, f"must be a non-empty string (got {_show(value)})")


def _show(value: Any) -> str:
    """A value as it was written in TOML, on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)
