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

    def save_with(self, label: str, write: Callable[[], ResultT]) -> None:
        """Run ``write`` as the undo step ``label``; close with its result when it worked."""
        if self.saving:
            return
        self.saving = True
        self.show_status("saving…")
        self.app.perform(label, write, done=self.dismiss, failed=self._not_saved)

    def _not_saved(self, message: str) -> None:
        self.saving = False
        self.show_status(f"Not saved: {message}", error=True)

    def show_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(safe(message))
        status.set_class(error, "-error")
        status.display = bool(message)

    def action_cancel(self) -> None:
        if self.saving:
            return
        if not self.typed_anything():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal(self.discard_question(), yes="Discard",
                                          no="Keep editing"), answered)
