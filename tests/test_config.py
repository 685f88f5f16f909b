import stat

import platformdirs
import pytest

from netgarden_tui.config import (
    Circle,
    Config,
    ConfigError,
    config_to_toml,
    default_config,
    load_config,
    locate,
)

# --- locate -------------------------------------------------------------------------


def test_locate_defaults_to_platformdirs():
    where = locate(env={})
    assert where.database == platformdirs.user_data_path("netgarden") / "garden.db"
    assert where.config_file == platformdirs.user_config_path("netgarden") / "config.toml"
    assert where.backups == platformdirs.user_data_path("netgarden") / "backups"


def test_env_beats_platformdirs(tmp_path):
    where = locate(env={"NETGARDEN_DB": str(tmp_path / "env.db")})
    assert where.database == tmp_path / "env.db"
    assert where.backups == tmp_path / "backups"


def test_flag_beats_env(tmp_path):
    flag_dir = tmp_path / "flag"
    where = locate(db=flag_dir / "mine.db", env={"NETGARDEN_DB": str(tmp_path / "env.db")})
    assert where.database == flag_dir / "mine.db"
    assert where.backups == flag_dir / "backups"


def test_flag_accepts_a_string(tmp_path):
    assert locate(db=str(tmp_path / "a.db"), env={}).database == tmp_path / "a.db"


def test_empty_env_var_counts_as_unset():
    where = locate(env={"NETGARDEN_DB": "", "NETGARDEN_CONFIG_DIR": ""})
    assert where.database == platformdirs.user_data_path("netgarden") / "garden.db"
    assert where.config_file == platformdirs.user_config_path("netgarden") / "config.toml"


def test_config_dir_from_env(tmp_path):
    where = locate(env={"NETGARDEN_CONFIG_DIR": str(tmp_path / "conf")})
    assert where.config_file == tmp_path / "conf" / "config.toml"


def test_paths_expand_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    where = locate(db="~/g.db", env={"NETGARDEN_CONFIG_DIR": "~/conf"})
    assert where.database == tmp_path / "g.db"
    assert where.config_file == tmp_path / "conf" / "config.toml"
    assert where.backups == tmp_path / "backups"


def test_locate_reads_os_environ_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("NETGARDEN_DB", str(tmp_path / "os.db"))
    assert locate().database == tmp_path / "os.db"


# --- first run ----------------------------------------------------------------------


def test_first_run_writes_defaults_with_mode_0600(tmp_path):
    path = tmp_path / "deep" / "nested" / "config.toml"
    config = load_config(path)

    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config == default_config()
    assert config.path == path
    text = path.read_text()
    assert text.count("[[circles]]") == 5
    assert "[keymap]" in text


def test_existing_file_is_not_overwritten(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \"nord\"\n")
    assert load_config(path).theme == "nord"
    assert path.read_text() == "theme = \"nord\"\n"


def test_default_circles_run_from_clients_to_friends():
    assert default_config().circles == (
        Circle("Clients", 1, 30),
        Circle("Prospects", 2, 45),
        Circle("Influential colleagues", 2, 60),
        Circle("Powerful colleagues", 3, 90),
        Circle("Friends", 3, 60),
    )
    config = default_config()
    assert (config.default_cadence_days, config.birthday_lookahead_days) == (60, 7)
    assert (config.one_sided_after, config.online_only_days) == (3, 180)
    assert (config.regroup_interval_days, config.theme) == (60, "textual-dark")
    assert dict(config.keymap) == {}
    assert config.path is None


def test_config_to_toml_round_trips(tmp_path):
    custom = Config(
        circles=(Circle("Mentors", 1, 14),),
        birthday_lookahead_days=0,
        theme="nord",
        keymap={"quick_log": "L", "open palette": "ctrl+p"},
    )
    path = tmp_path / "config.toml"
    path.write_text(config_to_toml(custom))
    assert load_config(path) == custom


# --- user-edited files --------------------------------------------------------------

EDITED = """\
default_cadence_days = 90
birthday_lookahead_days = 14
one_sided_after = 2
online_only_days = 365
regroup_interval_days = 30
theme = "gruvbox"

[[circles]]
name = "Board"
priority = 1
cadence_days = 21

[[circles]]
name = "Alumni"
priority = 4
cadence_days = 120

[keymap]
quick_log = "L"
add_contact = "ctrl+n"
"""


def test_user_edited_file_is_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(EDITED)
    config = load_config(path)
    assert config.circles == (Circle("Board", 1, 21), Circle("Alumni", 4, 120))
    assert config.default_cadence_days == 90
    assert config.birthday_lookahead_days == 14
    assert config.one_sided_after == 2
    assert config.online_only_days == 365
    assert config.regroup_interval_days == 30
    assert config.theme == "gruvbox"
    assert dict(config.keymap) == {"quick_log": "L", "add_contact": "ctrl+n"}


def test_missing_keys_take_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("one_sided_after = 5\n")
    assert load_config(path) == Config(one_sided_after=5)


def test_keymap_is_read_only(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(EDITED)
    with pytest.raises(TypeError):
        load_config(path).keymap["quick_log"] = "Q"  # type: ignore[index]


# --- bad values ---------------------------------------------------------------------

CIRCLE = '[[circles]]\nname = "{name}"\npriority = {priority}\ncadence_days = {cadence}\n'


def circles(*rows: tuple[str, str, str]) -> str:
    return "".join(CIRCLE.format(name=n, priority=p, cadence=c) for n, p, c in rows)


BAD = {
    "string for int": (
        'birthday_lookahead_days = "seven"\n',
        'birthday_lookahead_days must be a whole number from 0 to 366 (got "seven")',
    ),
    "out of range": (
        "birthday_lookahead_days = 400\n",
        "birthday_lookahead_days must be a whole number from 0 to 366 (got 400)",
    ),
    "negative": (
        "online_only_days = -5\n",
        "online_only_days must be a positive whole number (got -5)",
    ),
    "float for int": (
        "default_cadence_days = 7.5\n",
        "default_cadence_days must be a positive whole number (got 7.5)",
    ),
    "bool for int": (
        "one_sided_after = true\n",
        "one_sided_after must be a positive whole number (got true)",
    ),
    "zero cadence": (
        circles(("A", "1", "30"), ("B", "2", "0")),
        "circles[2].cadence_days must be a positive whole number (got 0)",
    ),
    "bool priority": (
        circles(("A", "false", "30")),
        "circles[1].priority must be a positive whole number (got false)",
    ),
    "duplicate circle": (
        circles(("Friends", "1", "30"), ("Clients", "1", "30"), ("FRIENDS", "2", "60")),
        'circles[3].name "FRIENDS" repeats circle "Friends"',
    ),
    "empty circle name": (
        circles((" ", "1", "30")),
        'circles[1].name must be a non-empty string (got " ")',
    ),
    "missing circle key": (
        '[[circles]]\nname = "A"\npriority = 1\n',
        "circles[1].cadence_days is missing",
    ),
    "unknown circle key": (
        circles(("A", "1", "30")) + 'colour = "red"\n',
        "circles[1].colour is not a known setting",
    ),
    "no circles": ("circles = []\n", "circles must list at least one circle"),
    "circles not a list": (
        'circles = "Friends"\n',
        'circles must be a list of [[circles]] tables (got "Friends")',
    ),
    "unknown top-level key": (
        "birthday_lookahed_days = 3\n",
        "birthday_lookahed_days is not a known setting",
    ),
    "empty theme": ('theme = ""\n', 'theme must be a non-empty string (got "")'),
    "keymap not a table": (
        'keymap = "vim"\n',
        'keymap must be a table of binding = "key" (got "vim")',
    ),
    "keymap value not a string": (
        "[keymap]\nquick_log = 5\n",
        "keymap.quick_log must be a non-empty string (got 5)",
    ),
    "broken TOML": (
        "theme = \nbirthday_lookahead_days = 7\n",
        "not valid TOML: Invalid value (at line 1, column 9)",
    ),
}


@pytest.mark.parametrize("text, problem", BAD.values(), ids=BAD.keys())
def test_bad_config_names_key_and_file(tmp_path, text, problem):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"config error in {path}: ")
    assert problem in message
    assert "\n" not in message
    assert caught.value.path == path


def test_error_carries_the_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(circles(("A", "1", "0")))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == "circles[1].cadence_days"


def test_unreadable_bytes_are_a_config_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_config_path_is_a_directory(tmp_path):
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_unwritable_config_dir_is_a_config_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="cannot write the default config"):
        load_config(blocker / "config.toml")
