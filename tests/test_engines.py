"""A garden in a file or on a PostgreSQL server: one contract for both engines, addresses
that never show a password, a driver loaded only for a server, and one line for a server
that cannot be reached."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netgarden_tui.locations import has_password, locate, shown
from netgarden_tui.store import backend, postgres, sqlite

from conftest import netgarden, run_netgarden

REPOSITORY = Path(__file__).parent.parent


def test_each_engine_defines_everything_the_store_asks_of_it():
    for engine in (sqlite, postgres):
        assert [name for name in backend.ENGINE_NAMES if not hasattr(engine, name)] == []


@pytest.mark.parametrize(("url", "printed"), [
    ("postgresql://ann:s3cret@db.example:5432/garden?sslmode=require",
     "postgresql://ann@db.example:5432/garden?sslmode=require"),
    ("postgres://ann:p%40ss@db/garden", "postgres://ann@db/garden"),
    ("postgresql:///garden?host=/run/pg&password=s3cret", "postgresql:///garden?host=/run/pg"),
    ("postgresql://ann@db/garden", "postgresql://ann@db/garden"),
])
def test_a_server_address_is_printed_without_its_password(url, printed):
    assert shown(url) == printed
    assert has_password(url) == (url != printed)


def test_the_config_can_name_the_garden_and_the_flag_wins(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('database = "postgresql://ann@db/team"\n')
    env = {"NETGARDEN_CONFIG_DIR": str(tmp_path)}
    assert locate(None, env).database == "postgresql://ann@db/team"
    assert locate(None, {**env, "NETGARDEN_DB": str(tmp_path / "g.db")}).database == \
        tmp_path / "g.db"
    assert locate("postgresql://ann@db/other", env).database == "postgresql://ann@db/other"
    assert "db-team" in str(locate(None, env).backups)  # this machine's, for that database


def test_a_password_on_the_command_line_is_refused_in_one_line(tmp_path):
    done = netgarden(tmp_path, "where", "--db", "postgresql://ann:s3cret@db/garden")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert "process list" in done.stderr and "s3cret" not in done.stderr


def test_where_never_prints_the_configs_password(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.toml").write_text(
        'database = "postgresql://ann:s3cret@db.example/garden"\n')
    done = run_netgarden(["where"], env={**os.environ, "NETGARDEN_CONFIG_DIR":
                                          str(tmp_path / "conf")}, cwd=tmp_path)
    assert done.returncode == 0
    assert "database  postgresql://ann@db.example/garden" in done.stdout
    assert "s3cret" not in done.stdout + done.stderr


def test_a_server_that_cannot_be_reached_is_one_line_naming_it_and_no_password(tmp_path):
    try:
        postgres.load_driver()
    except postgres.DriverMissing:
        pytest.skip("psycopg is not installed")
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "config.toml").write_text(  # port 1: nothing listens there
        'database = "postgresql://ann:s3cret@127.0.0.1:1/garden?connect_timeout=3"\n')
    env = {key: value for key, value in os.environ.items() if key != "NETGARDEN_DB"}
    done = run_netgarden(["due"], env={**env, "NETGARDEN_CONFIG_DIR": str(tmp_path / "conf")},
                         cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "netgarden: can't open the garden at "
        "postgresql://ann@127.0.0.1:1/garden?connect_timeout=3: Connection refused"]


def run_python(code: str, path: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=path,
                          env={**os.environ, "PYTHONPATH": str(REPOSITORY), **(env or {})})


def test_a_garden_file_never_loads_the_postgresql_driver(tmp_path):
    """psycopg takes 0.2 s to import: a garden file's commands never pay for it, even
    with the driver installed."""
    done = run_python(
        "import sys\n"
        "from netgarden_tui.cli import main\n"
        f"main(['add', 'Ann Lee', '--db', {str(tmp_path / 'g.db')!r}])\n"
        "print(sys.modules.get('psycopg') is not None)", tmp_path,
        {"NETGARDEN_CONFIG_DIR": str(tmp_path / "conf")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"


def test_without_the_driver_a_server_garden_says_how_to_install_it(tmp_path):
    fake = tmp_path / "fake" / "psycopg"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('no psycopg here')\n")
    done = subprocess.run(
        [sys.executable, "-m", "netgarden_tui", "due", "--db", "postgresql://ann@db/garden"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), str(REPOSITORY)]),
             "NETGARDEN_CONFIG_DIR": str(tmp_path / "conf")})
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "netgarden: a garden on PostgreSQL needs psycopg: pip install 'netgarden-tui[postgres]'"]
