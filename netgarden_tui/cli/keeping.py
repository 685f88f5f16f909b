"""Keeping a garden safe: `backup`, `backups`, `restore`, `check`, `undo`, `redo`,
`touch rm`; and moving it: `copy`."""

import textwrap
from pathlib import Path

from netgarden_tui import clock
from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden, tell
from netgarden_tui.config import Locations, locate
from netgarden_tui.garden import actions, copying
from netgarden_tui.garden.display import local
from netgarden_tui.locations import on_server, refuse_password, shown
from netgarden_tui.store import backups, check as garden_check, database, undo


def add_parsers(command) -> None:
    """Register the subcommands; ``command``: cli.CommandAdder."""
    command("backup", backup, "take a backup of the garden now")
    listing = command("backups", list_backups, "the garden's backups, newest first")
    output.json_flag(listing)
    restore_command = command("restore", restore,
                              "put a backup in the garden's place (the garden as it is kept first)")
    restore_command.add_argument("backup", metavar="BACKUP", nargs="?",
                                 help="a file name from `netgarden backups`, or a path "
                                      "(default: the newest that passes its check)")
    undoing = command("undo", undo_last, "take back the last change (the app's, a command's, "
                                        "an import)")
    output.json_flag(undoing)
    undoing.add_argument("--list", action="store_true", help="the changes undo would take "
                                                             "back, newest first")
    command("redo", redo_last, "make again the last change undone (until a new change)")
    touch = command("touch", remove_touch, "remove a touch: netgarden touch rm ID (ids are "
                                           "in show --json)")
    touch.add_argument("action", choices=("rm",))
    touch.add_argument("interaction_id", metavar="ID", type=int)
    checking = command("check", check, "check the garden: the file, dates, what is derived")
    output.json_flag(checking)
    checking.add_argument("--repair", action="store_true",
                          help="take a backup, then rebuild what is derived and clear dates "
                               "that cannot be read")
    copy_command = command("copy", copy, "copy a whole garden into a new file or an empty "
                                         "database: SQLite to PostgreSQL, and back")
    copy_command.add_argument("source", metavar="SOURCE",
                              help="a garden file, or postgresql://user@host/database")
    copy_command.add_argument("destination", metavar="DEST",
                              help="a new file, or an empty database's postgresql:// URL")


def _locations(args) -> Locations:
    return locate(getattr(args, "db", None))


def backup(args) -> int:
    locations = _locations(args)
    with garden(args) as config:
        path = backups.take(locations.database, locations.backups, "manual")
        backups.prune(locations.database, locations.backups, daily=config.backups.daily,
                      weekly=config.backups.weekly)
    made = backups.described(path)
    print(f"backed up to {path} ({_size(made.size)}, {made.contacts} contacts)")
    return 0


def list_backups(args) -> int:
    locations = _locations(args)
    found = backups.listing(locations.database, locations.backups)
    rows = [{"file": backup.path.name, "path": str(backup.path), "taken_at": backup.taken_at,
             "reason": backup.reason, "size": backup.size, "contacts": backup.contacts}
            for backup in found]

    def text() -> str:
        if not rows:
            return f"No backups yet in {locations.backups} (netgarden backup takes one)."
        return "\n".join(
            f"{row['file']:48} {_local(row['taken_at'])}  {_size(row['size']):>8}  "
            f"{row['contacts'] if row['contacts'] is not None else '?':>6} contacts  "
            f"{row['reason']}" for row in rows)

    output.emit(args, rows, text)
    return 0


def restore(args) -> int:
    locations = _locations(args)
    chosen = _chosen(locations, args.backup)
    if on_server(locations.database):
        with garden(args):
            kept = backups.restore_rows(chosen.path, locations.database, locations.backups)
    else:
        kept = _keep_as_it_is(locations)
        backups.restore(chosen.path, locations.database)
        with garden(args):  # opens it: brings an older backup's schema up to date
            pass
    print(f"restored {chosen.path.name} ({_local(chosen.taken_at)}, {chosen.contacts} "
          f"contacts)" + (f"; the garden as it was is kept as {kept.name}" if kept else ""))
    return 0


def _chosen(locations: Locations, name: str | None) -> backups.Backup:
    """The backup named (a file in the backups folder, or a path), or the newest that
    passes its check. BackupError when there is none."""
    found = backups.listing(locations.database, locations.backups)
    if name:
        path = Path(name) if Path(name).exists() else locations.backups / name
        match = next((backup for backup in found if backup.path == path), None)
        if match is None and path.is_file():
            match = backups.Backup(path, clock.utcnow(), "named", path.stat().st_size)
        if match is None:
            raise backups.BackupError(f"no backup {name} (netgarden backups lists them)")
        return match
    for backup in found:
        if not backups.problems(backup.path):
            return backup
    raise backups.BackupError(f"no good backup in {locations.backups} to restore")


def _keep_as_it_is(locations: Locations) -> Path | None:
    """A copy of the garden before a restore replaces it: a checked backup when it opens,
    else the file as it is (a damaged garden is kept too: it may hold what the backup lacks)."""
    if not locations.database.exists():
        return None
    try:
        database.open_garden(locations.database, locations.backups)
    except database.GardenError:
        return backups.keep_file(locations.database, locations.backups, "before-restore")
    try:
        return backups.take(locations.database, locations.backups, "before-restore")
    finally:
        database.close_garden()


def copy(args) -> int:
    if getattr(args, "db", None):
        raise actions.InvalidInput("copy names both gardens itself: netgarden copy SOURCE "
                                   "DEST (without --db)")
    gardens = []
    for address in (args.source, args.destination):
        if not address.strip():
            raise actions.InvalidInput("copy needs a SOURCE and a DEST: a garden file or a "
                                       "postgresql:// URL each")
        refuse_password(address)
        gardens.append(locate(address))
    report = copying.copy_garden(*gardens)
    tell(report.notices)
    counts = ", ".join(f"{table} {rows}" for table, rows in report.rows.items() if rows)
    print(f"copied {shown(gardens[0].database)} to {shown(gardens[1].database)}, each "
          "table's rows counted in both:")
    print(textwrap.fill(counts, width=80, initial_indent="  ", subsequent_indent="  "))
    return 0


def undo_last(args) -> int:
    if args.list:
        with garden(args):
            steps = undo.recent_steps()
        rows = [step._asdict() for step in steps]
        output.emit(args, rows, lambda: "\n".join(
            f"{_local(step.created_at)}  {output.line(step.label)}  ({step.changes} "
            f"change{'s' * (step.changes > 1)})" for step in steps) or "Nothing to undo.")
        return 0
    with garden(args), database.transaction():
        label = undo.undo_last()
        redoable = undo.can_redo()
    again = "" if redoable else " (capture again to make it again)"
    output.emit(args, lambda: {"undone": label, "redoable": bool(label) and redoable},
                lambda: f"undone: {output.line(label)}{again}" if label else "Nothing to undo.")
    return 0


def redo_last(args) -> int:
    with garden(args), database.transaction():
        label = undo.redo_last()
    print(f"redone: {output.line(label)}" if label else "Nothing to redo.")
    return 0


def remove_touch(args) -> int:
    with garden(args), change(args):
        what = actions.remove_touch(args.interaction_id)
    print(f"removed touch #{args.interaction_id}: {output.line(what)} (netgarden undo puts it back)")
    return 0


def check(args) -> int:
    locations = _locations(args)
    changes = []
    with garden(args):
        if args.repair:
            kept = backups.take(locations.database, locations.backups, "before-repair")
            changes = [f"backed up to {kept}", *garden_check.repair()]
        problems = garden_check.problems()
    output.emit(args, lambda: {"ok": not problems, "changes": changes,
                               "problems": [problem._asdict() for problem in problems]},
                lambda: _check_text(changes, problems, on_server(locations.database)))
    return 1 if problems else 0


def _check_text(changes: list[str], problems, server: bool) -> str:
    lines = [output.line(change) for change in changes]
    for problem in problems:
        hint = " (netgarden check --repair mends it)" if problem.repairable else (
            " (restore a backup: netgarden restore)")
        lines.append(f"{problem.what}: {output.line(problem.text)}{hint}")
    if not problems:
        checked = "the schema" if server else "the file, its foreign keys, the schema"
        lines.append(f"ok: {checked}, every date, the search index, what is derived and the "
                     "match keys all hold")
    return "\n".join(lines)


def _local(moment) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


def _size(size: float) -> str:
    if size < 1024:
        return f"{size:.0f} B"
    for unit in ("KB", "MB"):
        size /= 1024
        if size < 1024:
            return f"{size:.1f} {unit}"
    return f"{size / 1024:.1f} GB"
