"""The tests' gardens on a PostgreSQL server, when NETGARDEN_TEST_POSTGRES names one.

``NETGARDEN_TEST_POSTGRES=postgresql://postgres@/postgres?host=/tmp/pg pytest`` runs the
suite with every garden a test makes in a database of its own on that server (a role that
may create databases): the fixtures' fresh gardens are copies of one made once (CREATE
DATABASE ... TEMPLATE), and a garden a test names by its path (``--db FOLDER/garden.db``)
is a database named after that path. Without it, gardens are SQLite files, as they are
for most people. Every database made here is dropped when the run ends.
"""

import atexit
import hashlib
import itertools
import os
from pathlib import Path
from urllib.parse import urlsplit

SERVER = os.environ.get("NETGARDEN_TEST_POSTGRES", "")
PREFIX = f"ng{os.getpid()}"

_made: list[str] = []
_by_path: dict[str, str] = {}
_numbers = itertools.count(1)
_admin = None


def url_of(name: str) -> str:
    """The server's URL with ``name`` as its database."""
    scheme, _, rest = SERVER.partition("://")
    where, _, path = rest.partition("/")
    _, question, query = path.partition("?")
    return f"{scheme}://{where}/{name}{question}{query}"


def _run(sql: str) -> None:
    global _admin
    if _admin is None:
        from netgarden_tui.store import postgres

        psycopg = postgres.load_driver()
        _admin = psycopg.connect(postgres.conninfo(SERVER), autocommit=True)
        atexit.register(_drop_all)
    _admin.execute(sql)


def new_database(kind: str, template: str | None = None) -> str:
    """A new database's URL: empty, or a copy of the database at ``template``'s URL."""
    name = f"{PREFIX}_{kind}_{next(_numbers)}"
    source = urlsplit(template).path.strip("/") if template else "template0"
    _run(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY file_copy')
    _made.append(name)
    return url_of(name)


def garden_at(path: Path) -> str:
    """What ``--db`` names for the garden a test keeps at ``path``: the path itself, or on
    a server a database of its own for it (made empty the first time it is named)."""
    if not SERVER:
        return str(path)
    key = str(Path(path).resolve())
    if key not in _by_path:
        _by_path[key] = new_database("at_" + hashlib.sha1(key.encode()).hexdigest()[:8])
    return _by_path[key]


def copy_database(source: Path, destination: Path) -> None:
    """The garden at ``destination`` made a copy of the one at ``source`` (both paths)."""
    key = str(Path(destination).resolve())
    _by_path[key] = new_database("copy", template=garden_at(source))


def _drop_all() -> None:
    for name in reversed(_made):
        try:
            _admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception:  # the run is over: one left behind is no failure of a test
            pass
    _admin.close()
