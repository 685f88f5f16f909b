"""The base of the modal forms, ``ask_first`` (what asks before work typed is lost), and
``number``, a whole number typed in a field."""

from collections.abc import Callable
from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Static

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.text import safe

ResultT = TypeVar("ResultT")


def ask_first(app, question: str | None, then: Callable[[], object], *,
              yes: str, no: str) -> None:
    """Do ``then`` at once when there is nothing to ask (``question`` is None), or else once
    the answer to ``question`` is yes."""
    if question is None:
        then()
        return
    app.push_screen(ConfirmModal(question, yes=yes, no=no),
                    lambda sure: then() if sure else None)


def number(text: str, what: str) -> int:
    """A whole number typed in a field; InvalidInput naming the field if it is not one."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"{what}: type a number")
    if not cleaned.isdigit():
        raise InvalidInput(f'{what}: "{cleaned}" is not a whole number')
    return int(cleaned)


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

        self.app.perform(label, write, done=done, failed=self._not_saved, undoable=undoable,
                         failed_shows_why=True)

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
