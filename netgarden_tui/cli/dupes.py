"""`netgarden dupes` (who may be one person twice) and `netgarden merge A B`."""

from netgarden_tui.cli import output
from netgarden_tui.cli.commands import change, garden
from netgarden_tui.cli.output import json_flag
from netgarden_tui.garden import dupes as garden_dupes
from netgarden_tui.garden.dupes import DUPES_LIMIT
from netgarden_tui.garden.names import resolve_contact
from netgarden_tui.store.records import DuplicatePair


def add_parsers(command) -> None:
    """``dupes`` and ``merge``, through cli.CommandAdder."""
    dupes_command = command("dupes", dupes,
                            "list likely duplicates: same email or phone, or nearly the same name")
    json_flag(dupes_command)
    dupes_command.add_argument("--limit", metavar="N", type=int, default=DUPES_LIMIT,
                               help=f"show at most N pairs (default {DUPES_LIMIT})")

    merge_command = command("merge", merge,
                            "fold contact B into contact A, keeping every method, fact, tag and touch")
    merge_command.add_argument("keep", metavar="A", help="the contact that stays")
    merge_command.add_argument("fold", metavar="B", help="the contact folded into A, then gone")


def dupes(args) -> int:
    with garden(args):
        pairs = garden_dupes.likely_duplicates(limit=args.limit)
    output.emit(args, lambda: [output.as_data(pair) for pair in pairs], lambda: dupes_text(pairs))
    return 0


def dupes_text(pairs: list[DuplicatePair]) -> str:
    if not pairs:
        return "No likely duplicates."
    lines = [f"{len(pairs)} likely duplicate pairs (merge with: netgarden merge '#A' '#B')"]
    lines.extend(f"#{pair.a_id} {output.line(pair.a_name)}  ~  #{pair.b_id} "
                 f"{output.line(pair.b_name)}  ({output.line(pair.reason)})" for pair in pairs)
    return "\n".join(lines)


def merge(args) -> int:
    with garden(args), change(args):
        keep_id, _ = resolve_contact(args.keep)
        fold_id, _ = resolve_contact(args.fold)
        summary = garden_dupes.merge(keep_id, fold_id)
    print(f"merged {output.line(summary.folded)} (#{fold_id}) into {output.line(summary.kept)} "
          f"(#{keep_id}): {_count(summary.methods, 'way to reach', 'ways to reach')}, "
          f"{_count(summary.tags, 'tag')}, {_count(summary.facts, 'fact')}, "
          f"{_count(summary.touches, 'touch', 'touches')}")
    return 0


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
