"""Be of assistance from the command line (issue 26): `need`, `offer`, `need-met`, and
`who`: who do I know who...

A command given only a name lists that person's needs and offers (``--json`` for
scripts); with words, it notes one. The rules are garden/tending.py's.
"""

from rich.cells import cell_len

from netgarden_tui.cli.commands import change, garden
from netgarden_tui.cli.errors import one_or_more
from netgarden_tui.cli.output import as_data, emit, json_flag, line
from netgarden_tui.garden import tending
from netgarden_tui.garden import who as who_search
from netgarden_tui.garden.who import WHO_SHOWN
from netgarden_tui.garden.helping import MET_WORDS, need_said, since_words
from netgarden_tui.garden.names import resolve_contact
from netgarden_tui.store import queries
from netgarden_tui.vocabulary import NEED_WORDS


def add_parsers(command) -> None:
    """Register the subcommands through cli.CommandAdder."""
    for kind, example in (("need", "a designer for the new app"), ("offer", "design reviews")):
        parser = command(kind, _noting(kind), f'note what someone {NEED_WORDS[kind]} ("{example}"); '
                                              "with only a name, list their needs and offers")
        parser.add_argument("name")
        parser.add_argument("text", nargs="*", metavar="TEXT", help="the words (quotes optional)")
        json_flag(parser)

    met = command("need-met", need_met, "mark a need (or an offer) met: by you (a favour you "
                                        "gave), or --elsewhere without you")
    met.add_argument("need_id", metavar="ID", type=int)
    how = met.add_mutually_exclusive_group()
    how.add_argument("--elsewhere", action="store_true",
                     help="met without you: no favour in your balance")
    how.add_argument("--via", metavar="NAME", help="met through your introduction to NAME "
                                                   "(recorded: both get a follow-up)")

    who_parser = command("who", who, "who do I know who...: one search over names, companies, "
                                     "roles, towns, tags, circles, opening gambits, needs, "
                                     "offers, notes and touches, each found with why")
    who_parser.add_argument("query", nargs="+", metavar="QUERY", help="words: hiring, Berlin VC")
    who_parser.add_argument("--limit", metavar="N", type=one_or_more, default=WHO_SHOWN,
                            help=f"show the best N (default {WHO_SHOWN})")
    json_flag(who_parser)


def _noting(kind: str):
    def handler(args) -> int:
        if not args.text:
            return _list(args)
        with garden(args), change(args):
            contact_id, name = resolve_contact(args.name)
            need_id = tending.add_need(contact_id, kind, " ".join(args.text))
            added = queries.need(need_id)
        print(f"noted: {line(need_said(added))} (#{need_id})")
        return 0

    return handler


def _list(args) -> int:
    with garden(args):
        contact_id, name = resolve_contact(args.name)
        needs = queries.needs(contact_id=contact_id)
    emit(args, lambda: [as_data(each) for each in needs], lambda: _needs_text(name, needs))
    return 0


def _needs_text(name: str, needs) -> str:
    if not needs:
        return (f"Nothing noted that {line(name)} needs or offers yet "
                f'(netgarden need "{line(name)}" TEXT).')
    lines = [f"Needs and offers of {line(name)}"]
    width = max(len(NEED_WORDS[each.kind]) for each in needs)
    lines.extend(f"  #{each.id:<5} {NEED_WORDS[each.kind]:<{width}}  {line(each.text)}  "
                 f"({since_words(each)})" for each in needs)
    return "\n".join(lines)


def need_met(args) -> int:
    if args.via is not None:
        with garden(args), change(args):
            other_id, _ = resolve_contact(args.via)
            said = tending.introduce_for_need(args.need_id, other_id)
        print(f"{line(said)}; it counts as a favour you gave")
        return 0
    by = "elsewhere" if args.elsewhere else "you"
    with garden(args), change(args):
        need = tending.mark_need_met(args.need_id, by=by)
    helped = "; it counts as a favour you gave" if by == "you" else ""
    print(f"met {MET_WORDS[by]}: {line(need_said(need))} (#{need.id}){helped}")
    return 0


# --- who -------------------------------------------------------------------------------------

def who(args) -> int:
    query = " ".join(args.query)
    with garden(args):
        answer = who_search.who(query, limit=args.limit)
    emit(args, lambda: [{"contact": person.contact, "contact_id": person.contact_id,
                         "score": person.score,
                         "why": [{"source": why.source, "text": why.text} for why in person.why]}
                        for person in answer.people],
         lambda: _who_text(answer))
    return 0


def _who_text(answer) -> str:
    looked_for = " ".join(answer.words)
    if not answer.people:
        return f"Nobody found for {line(looked_for)}."
    people = "1 person" if answer.total == 1 else f"{answer.total} people"
    best = f" (the best {len(answer.people)}; --limit shows more)" if answer.total > len(
        answer.people) else ""
    lines = [f"Who do I know who… {line(looked_for)}: {people}{best}"]
    names = [f"{line(person.contact)} (#{person.contact_id})" for person in answer.people]
    width = min(34, max(cell_len(name) for name in names))
    for person, name in zip(answer.people, names):
        whys = [line(why.text) for why in person.why] or [""]
        lines.append(f"  {name}{' ' * max(1, width - cell_len(name) + 2)}{whys[0]}".rstrip())
        lines.extend(f"  {' ' * (width + 2)}{why}" for why in whys[1:])
    return "\n".join(lines)
