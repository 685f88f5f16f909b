"""A yes/no question, and "let go?" for a one-sided contact."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.text import safe, styled


@keys_in_help("A yes-or-no question (archive, delete, leave unsaved)", order=170)
class ConfirmModal(ModalScreen[bool]):
    """``y``/``enter`` answer yes, ``n``/``escape`` no.

    The question often holds a contact's name ("Archive [bold]Evil[/]?"), so it is shown as
    plain text, never as markup. The buttons take clicks but never focus, so ``enter`` always
    means yes.
    """

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes",
                tooltip="Answer yes to the question"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no",
                tooltip="Answer no to the question"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.question, multiline=True), id="question")
            with Horizontal(id="answers"):
                yield self._button(styled("$label [dim](y)[/]", label=self.yes), "yes", "primary")
                yield self._button(styled("$label [dim](n)[/]", label=self.no), "no", "default")

    @staticmethod
    def _button(label: Content, answer: str, variant: str) -> Button:
        button = Button(label, variant=variant, id=answer, compact=True,
                        action=f"screen.answer({answer == 'yes'})")
        button.can_focus = False
        return button

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


@keys_in_help("Let go? (enter on it in Due)", order=180)
class LetGoModal(ModalScreen[str]):
    """Don't be desperate: asked once for a one-sided contact, dismisses with
    "lower" (touch half as often), "archive", "keep" (keep trying), or None (not now)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("l", "answer('lower')", "Lower cadence", id="let_go.lower",
                tooltip="Touch them half as often"),
        Binding("x", "answer('archive')", "Archive", id="let_go.archive",
                tooltip="Archive them: kept, never due"),
        Binding("k", "answer('keep')", "Keep trying", id="let_go.keep",
                tooltip="Change nothing; the question is not asked again"),
        Binding("escape", "answer(None)", "Not now", id="let_go.cancel",
                tooltip="Decide later"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe(self.question, multiline=True), id="question")
            with Horizontal(id="answers"):
                for label, answer, key in (("Lower cadence", "lower", "l"),
                                           ("Archive", "archive", "x"), ("Keep trying", "keep", "k")):
                    button = Button(styled("$label [dim]($key)[/]", label=label, key=key),
                                    compact=True, action=f"screen.answer('{answer}')")
                    button.can_focus = False
                    yield button

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
