"""``netgarden due --count`` without loading the app: a status line runs it every few
seconds.

Only the standard library and two small modules of ours: where the garden and the config
are (locations.py), and the count the full path kept in the garden for today
(store/stored_count.py). When that count does not hold (another day, another config, a
garden not yet counted today, anything unexpected), ``quick_count`` says None and
``netgarden`` takes its full path, which counts and keeps the count's statement anew.
"""

import os
import sys
import time

from netgarden_tui.locations import fingerprint, locate, on_server
from netgarden_tui.store import stored_count


def asked_db(argv: list[str]) -> str | None | bool:
    """For ``due --count``, with at most a ``--db PATH``: the path given (None without
    one); False for any other command line (the full path reads those)."""
    words, db = list(argv), None
    for flag in [word for word in words if word == "--db" or word.startswith("--db=")]:
        at = words.index(flag)
        if flag == "--db":
            if at + 1 >= len(words) or db is not None:
                return False
            db = words.pop(at + 1)
        else:
            if db is not None:
                return False
            db = flag.removeprefix("--db=")
        words.pop(at)
    return db if words == ["due", "--count"] else False


def quick_count(argv: list[str], env=None, now: float | None = None) -> int | None:
    """The size of today's queue from the statement kept in the garden, or None."""
    db = asked_db(argv)
    if db is False:
        return None
    env = os.environ if env is None else env
    locations = locate(db, env)
    if on_server(locations.database):
        return None  # the count is kept for a garden file's own connection
    try:
        config = locations.config_file.read_bytes()
    except OSError:
        return None
    now = time.time() if now is None else now
    local = time.localtime(now)
    day = f"{local.tm_year:04d}-{local.tm_mon:02d}-{local.tm_mday:02d}"
    valid_for = stored_count.validity(day, local.tm_gmtoff, fingerprint(config))
    return stored_count.read(locations.database, valid_for, int(now))


def main() -> bool:
    """Print the count and say True, or say False for the full path to answer."""
    count = quick_count(sys.argv[1:])
    if count is None:
        return False
    print(count)
    return True
