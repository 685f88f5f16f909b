"""A yes/no question, and the base of the forms that ask one before losing what was typed."""

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from netgarden_tui.tui.text import safe, styled

ResultT = TypeVar("ResultT")


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


def ask_first(app, question: str | None, then: Callable[[], object], *,
              yes: str, no: str) -> None:
    """Do ``then`` at once when there is nothing to ask (``question`` is None), or else once
    the answer to ``question`` is yes."""
    if question is None:
        then()
        return
    app.push_screen(ConfirmModal(question, yes=yes, no=no),
                    lambda sure: then() if sure else None)


class LetGoModal(ModalScreen[str]):
    """Seed 004's "don't be desperate", asked once for a one-sided contact: dismisses with
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


class FormModal(ModalScreen[ResultT]):
    """A modal form that saves through ``app.perform`` (one transaction, one undo step).

    While a save runs, ``escape`` and a second save wait; when it fails the form stays open
    with everything typed and says why in its ``#status`` line; ``escape`` asks before it
    throws typed text away. Subclasses say what counts as typed and how to ask.
    """

    def __init__(self) -> None:
        super().__init__()
        self.saving = False

    def typed_anything(self) -> bool:
        raise NotImplementedError

    def discard_question(self) -> str:
        raise NotImplementedError

    def save_with(self, label: str, write: Callable[[], ResultT], *, undoable: bool = True,
                  saved: Callable[[ResultT], None] | None = None) -> None:
        """Run ``write`` as the undo step ``label`` (if ``undoable``); when it worked, hand
        its result to ``saved`` (if given) and close with it."""
        if self.saving:
            return
        self.saving = True
        self.show_status("saving…")

        def done(result: ResultT) -> None:
            if saved is not None:
                saved(result)
            self.dismiss(result)

        self.app.perform(label, write, done=done, failed=self._not_saved, undoable=undoable)

    def _not_saved(self, message: str) -> None:
        self.saving = False
        self.show_status(f"Not saved: {message}", error=True)

    def show_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(safe(message))
        status.set_class(error, "-error")
        status.display = bool(message)

    def leave_question(self) -> str | None:
        """What to ask before what was typed here is thrown away; None: nothing would be.
        The app asks it too before it quits (NetgardenApp.action_quit)."""
        return self.discard_question() if self.typed_anything() else None

    def action_cancel(self) -> None:
        if self.saving:
            return
        ask_first(self.app, self.leave_question(), lambda: self.dismiss(None),
                  yes="Discard", no="Keep editing")
