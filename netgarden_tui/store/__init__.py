"""The store: peewee models, schema and migrations, queries (imported by garden, cli and tui;
it imports none of them).

peewee imports every database driver it finds as it loads, and psycopg takes 0.2 s to
import: a garden on SQLite, the default, should not pay that because the PostgreSQL extra
is installed. Both drivers are hidden from that first import here; store/postgres.py
imports psycopg itself when a garden on a server is opened.
"""

import sys

if "peewee" not in sys.modules:
    for _driver in ("psycopg", "psycopg2"):
        sys.modules.setdefault(_driver, None)  # None: "import psycopg" raises ImportError
