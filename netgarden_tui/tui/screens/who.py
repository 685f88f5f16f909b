"""Who do I know who... (``W``, or the palette): one search over everything the garden
knows about people, as you type; each person found with the lines that say why, the words
found in bold. ``enter`` opens the first (or the one the cursor is on) in History.

The search is garden/who.py's, the last word typed a prefix while you type. Keys typed in
a burst land as typed slowly would: ``W``, the words and ``enter`` open the person the
words find, whether or not the screen had shown them yet.
"""

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.garden import who
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.text import safe

SHOWN = 50  # people listed at most (the line above them says how many were found)
HINT = "Type what you are looking for: hiring, Berlin VC, design, a town, a tag…"


def found_option(person: who.Found) -> Option:
    """The name in bold, then each line of why, its found words in bold."""
    lines = [safe(person.contact).stylize("bold")]
    for why in person.why:
        line = safe(why.text)
        for start, end in why.found:
            line = line.stylize("bold $accent", start, end)
        lines.append(Content.assemble("  ", line))
    return Option(Content("\n").join(lines), id=str(person.contact_id))


def count_words(answer: who.WhoAnswer) -> str:
    if not answer.people:
        return f"Nobody found for {' '.join(answer.words)}"
    people = "1 person" if answer.total == 1 else f"{answer.total:,} people"
    if answer.total > len(answer.people):
        return f"{people}; the best {len(answer.people)} (more words narrow it down)"
    return people


@keys_in_help("Who do I know who… (W)", order=165)
class WhoScreen(ModalScreen[int | None]):
    """Dismisses with the id of the person to open, or None."""

    CSS_PATH = "who.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", id="who.close", tooltip="Close without opening anyone"),
        Binding("down", "to_list", "Results", id="who.results", show=False,
                tooltip="From the words to the people found"),
        Binding("ctrl+u", "clear", "Clear", id="who.clear", show=False,
                tooltip="Clear the words"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.first_query = query
        self.answer: who.WhoAnswer | None = None
        self.shown_for: str | None = None  # the words the list shows people for
        self.asked = 0  # searches asked for; only the newest is shown

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Who do I know who…"
            yield Input(self.first_query, placeholder="is hiring, knows Berlin, design…",
                        id="words", compact=True)
            yield Static(HINT, id="count", markup=False)
            yield OptionList(id="people", compact=True)
            yield Static("enter open · ↓ the list · esc close", id="keys")

    def on_mount(self) -> None:
        self.query_one("#people", OptionList).display = False
        self.set_focus(self.query_one("#words", Input))  # at once: words typed after W land
        if self.first_query:
            self._search(self.first_query)

    @property
    def words(self) -> str:
        return self.query_one("#words", Input).value

    @on(Input.Changed, "#words")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, text: str, *, then_open: bool = False) -> None:
        """Look for the people ``text`` finds, in the background; the newest search wins.
        ``then_open``: open the first one found (enter typed before the list came)."""
        self.asked += 1
        asked = self.asked
        if not who.query_words(text):
            self._show(text, None, asked)
            return
        as_you_type = not then_open
        self.app.run_query(lambda: who.who(text, limit=SHOWN, as_you_type=as_you_type),
                           lambda answer: self._show(text, answer, asked, then_open=then_open),
                           group="who", could_not="look for them", holds_keys=then_open)

    def _show(self, text: str, answer: who.WhoAnswer | None, asked: int, *,
              then_open: bool = False) -> None:
        if not self.is_attached or asked != self.asked:
            return  # closed, or words typed since
        self.answer, self.shown_for = answer, text
        people = self.query_one("#people", OptionList)
        count = self.query_one("#count", Static)
        if answer is None:
            count.update(HINT)
            people.clear_options()
            people.display = False
            return
        count.update(count_words(answer))
        people.set_options([found_option(person) for person in answer.people])
        people.display = bool(answer.people)
        if answer.people:
            people.highlighted = 0
        if then_open:
            self._open_first()

    @on(Input.Submitted, "#words")
    def _submitted(self) -> None:
        """Enter in the words: the first person they find, searched for whole if the list
        does not show them yet."""
        if self.shown_for == self.words and self.answer is not None:
            self._open_first()
        elif who.query_words(self.words):
            self._search(self.words, then_open=True)
        else:
            self.app.bell()

    def _open_first(self) -> None:
        if self.answer is None or not self.answer.people:
            self.app.bell()
            return
        self.dismiss(self.answer.people[0].contact_id)

    @on(OptionList.OptionSelected, "#people")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_to_list(self) -> None:
        people = self.query_one("#people", OptionList)
        if people.display and people.option_count:
            self.set_focus(people)

    def action_clear(self) -> None:
        field = self.query_one("#words", Input)
        field.value = ""
        self.set_focus(field)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        """In the list, a letter typed goes on with the words, and up from the first
        person goes back to them."""
        people = self.query_one("#people", OptionList)
        if self.focused is not people:
            return
        field = self.query_one("#words", Input)
        if event.is_printable and event.character:
            event.stop()
            self.set_focus(field)
            field.insert_text_at_cursor(event.character)
        elif event.key == "up" and people.highlighted in (None, 0):
            event.stop()
            self.set_focus(field)

    def on_garden_changed(self, _: GardenChanged) -> None:
        if self.shown_for is not None and who.query_words(self.shown_for):
            self._search(self.shown_for)
