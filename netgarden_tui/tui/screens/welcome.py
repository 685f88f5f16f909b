"""The welcome (issue 25): on an empty garden as the app opens, and from the palette's
"Set up…" at any time.

Step by step: an address book to import (the ImportPanel: a path completed from the disk,
the usual places found listed, the dry run's report first, the import on a second
``enter``); then what the features need -- your own addresses, your home region for phone
numbers, where your mail and calendars are (found where they usually are, offered in the
fields), and whether to capture as the app opens. ``enter`` saves a step's answer and goes
on, ``ctrl+n`` skips it, ``esc`` leaves. Each answer is written to the config as it is
given (one atomic write, garden/setup.py), so leaving halfway keeps what was answered.
The rules -- where to look, what a good answer is, how it goes in the config -- are
garden/setup.py's, shared with ``netgarden init``.
"""

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, Input, Static

from netgarden_tui.garden import setup
from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.import_panel import PATH_PLACEHOLDER, ImportPanel
from netgarden_tui.tui.widgets.path_field import PathPicker

QUESTIONS = {question.name: question for question in setup.QUESTIONS}
STEPS = ("import", *QUESTIONS, "done")
ASKED = len(STEPS) - 1  # the steps that ask something
HINTS = {
    "import": "enter preview, again import · tab complete · ctrl+n skip · esc leave",
    "me": "enter save · ctrl+n skip · esc leave",
    "region": "enter save · ctrl+n skip · esc leave",
    "mail": "enter save · tab complete · ↓ places found · ctrl+n skip · esc leave",
    "calendars": "enter save · tab complete · ↓ places found · ctrl+n skip · esc leave",
    "on_start": "y yes · n no · ctrl+n skip · esc leave",
    "done": "enter or esc close",
}
EMPTY_GARDEN = "Your garden is empty: bring in the people you already know"


@keys_in_help("Set up (ctrl+p Set up…; by itself on an empty garden)", order=242)
class WelcomeScreen(ModalScreen[None]):
    CSS_PATH = ["welcome.tcss", "../widgets/path_field.tcss", "../widgets/import_panel.tcss"]
    BINDINGS = [
        Binding("escape", "leave", "Leave", id="welcome.leave",
                tooltip="Leave: what was answered is saved; ctrl+p Set up… comes back"),
        Binding("ctrl+n", "skip", "Skip", id="welcome.skip",
                tooltip="Skip this step: nothing of it is written"),
        Binding("y", "on_start(True)", "Yes", id="welcome.yes", show=False,
                tooltip="Capture from your mail and calendars as the app opens"),
        Binding("n", "on_start(False)", "No", id="welcome.no", show=False,
                tooltip="Capture only when asked (ctrl+p Capture now, or netgarden capture)"),
        Binding("enter", "close", "Close", id="welcome.close", show=False,
                tooltip="Close, once every step is done"),
    ]

    def __init__(self, home: Path, *, empty_garden: bool = False) -> None:
        super().__init__()
        self.empty_garden = empty_garden
        self.home = home  # where ~ is, and the usual places are looked for
        self.step = "import"
        self.answers = setup.Answers()
        self.imported: list[str] = []  # what each import brought, in words
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Set up netgarden"
            yield Static(id="heading")
            yield Static(id="why")
            with ContentSwitcher(initial="step-import", id="steps"):
                yield ImportPanel(self.home, holds_keys=True, id="step-import",
                                  placeholder=PATH_PLACEHOLDER)
                with Vertical(id="step-me", classes="step"):
                    yield Input(id="me-field", compact=True,
                                placeholder="ann@example.com, ann.lee@work.example")
                with Vertical(id="step-region", classes="step"):
                    yield Input(id="region-field", compact=True, placeholder="GB")
                for name, example in (("mail", "~/Mail"), ("calendars", "~/.calendars")):
                    with Vertical(id=f"step-{name}", classes="step"):
                        yield PathPicker(self.home, several=True, placeholder=example,
                                         field_id=f"{name}-field")
                yield Static(id="step-on_start", classes="step")
                yield Static(id="step-done", classes="step")
            yield Static(id="status")
            yield Static(id="hints")

    def on_mount(self) -> None:
        self._show_step("import")
        environ = dict(os.environ)
        home = self.home
        self.app.run_query(lambda: _look_around(home, environ), self._found,
                           group="welcome-found", could_not="look around this machine")

    # --- steps ---------------------------------------------------------------------------

    def _show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#steps", ContentSwitcher).current = f"step-{step}"
        dialog = self.query_one("#dialog")
        number = STEPS.index(step) + 1
        dialog.border_subtitle = f"{number} of {ASKED}" if step != "done" else "done"
        heading, why = self._words(step)
        self.query_one("#heading", Static).update(Content.styled(heading, "bold"))
        self.query_one("#why", Static).update(safe(why))
        self.query_one("#why").display = bool(why)
        self.query_one("#hints", Static).update(safe(HINTS[step]))
        self.show_status("")
        field = {"import": "#path", "me": "#me-field", "region": "#region-field",
                 "mail": "#mail-field", "calendars": "#calendars-field"}.get(step)
        if field is not None:
            self.query_one(field).focus()
        else:
            self.set_focus(None)
        if step == "on_start":
            self.query_one("#step-on_start", Static).update(Content.from_markup(
                "[b]y[/b] yes, capture each time it opens    [b]n[/b] no, only when asked"))
        if step == "done":
            self.query_one("#step-done", Static).update(safe(
                "\n".join(self._summary()), multiline=True))

    def _words(self, step: str) -> tuple[str, str]:
        if step == "import":
            heading = EMPTY_GARDEN if self.empty_garden else setup.ADDRESS_BOOK.title
            return heading, setup.ADDRESS_BOOK.why
        if step == "done":
            return "All set" if self.answers.any() or self.imported else "Nothing changed", ""
        question = QUESTIONS[step]
        return question.title, question.why

    def _summary(self) -> list[str]:
        lines = [*self.imported]
        if self.answers.any():
            config = self.app.config.path
            lines.append(f"written to {setup.shown(config, self.home) if config else 'the config'}:")
            lines += [f"  {line}" for line in setup.answer_lines(self.answers, self.home)]
        capture = self.app.config.capture
        if self.answers.on_start and not self.app.read_only:
            lines.append("next: closing this captures from your mail and calendars")
        elif capture.mail or capture.calendars:
            lines.append("next: ctrl+p Capture now logs touches from your mail and calendars")
        lines.append("then 3 Due: who to get in touch with, and why")
        lines.append("ctrl+p Set up… comes back here")
        return lines

    def _next(self) -> None:
        following = STEPS[STEPS.index(self.step) + 1]
        capture = self.app.config.capture
        if following == "on_start" and not (capture.mail or capture.calendars):
            following = "done"  # nothing to capture: nothing to ask
        self._show_step(following)

    def show_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(safe(message))
        status.set_class(error, "-error")
        status.display = bool(message)

    # --- what was found ------------------------------------------------------------------

    def _found(self, found: dict) -> None:
        if not self.is_attached:
            return
        self.query_one(ImportPanel).offer(found["import"])
        config = self.app.config
        self._offer("#me-field", setup.typed_list(config.capture.me), found["me"])
        self._offer("#region-field", config.region or "", found["region"])
        for name in ("mail", "calendars"):
            picker = self.query_one(f"#step-{name} PathPicker", PathPicker)
            picker.offer(found[name])
            self._offer(f"#{name}-field", setup.typed_list(getattr(config.capture, name),
                                                           self.home),
                        setup.typed_list([setup.shown(place.path, self.home)
                                          for place in found[name]]))

    def _offer(self, selector: str, configured: str, found: str) -> None:
        """What the config says, else what was found, in the field (unless typed in)."""
        field = self.query_one(selector, Input)
        if not field.value:
            field.value = configured or found
            field.cursor_position = len(field.value)

    # --- answers -------------------------------------------------------------------------

    @on(ImportPanel.Imported)
    def _imported(self, event: ImportPanel.Imported) -> None:
        report = event.report
        words = (f"imported {report.path.name}: {report.counts['created']} new, "
                 f"{report.counts['updated']} updated")
        self.imported.append(words)
        if not report.problem and self.step == "import":
            self._next()
            self.show_status(words)

    @on(Input.Submitted, "#me-field, #region-field")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer(event.value)

    @on(PathPicker.Chosen)
    def _paths(self, event: PathPicker.Chosen) -> None:
        if self.step in ("mail", "calendars"):
            event.stop()
            self._answer(event.text)

    def _answer(self, text: str) -> None:
        if self.saving:
            return
        if not text.strip():
            self.action_skip()
            return
        try:
            answers = self._read(self.step, text)
        except InvalidInput as error:
            self.show_status(str(error), error=True)
            return
        self._save(answers)

    def _read(self, step: str, text: str) -> setup.Answers:
        if step == "me":
            return setup.Answers(me=setup.check_addresses(text))
        if step == "region":
            return setup.Answers(region=setup.check_region(text))
        return setup.Answers(**{step: setup.check_paths(text, self.home)})

    def _save(self, answers: setup.Answers) -> None:
        self.saving = True
        self.show_status("saving…")

        def saved(config) -> None:
            self.saving = False
            self.app.config = config
            self.answers = setup.Answers(**{
                name: value if value is not None else getattr(self.answers, name)
                for name, value in vars(answers).items()})
            self._next()

        def not_saved(message: str) -> None:
            self.saving = False
            self.show_status(f"Not saved: {message}", error=True)

        config = self.app.config
        self.app.perform(f"set up: {QUESTIONS[self.step].title.lower()}",
                         lambda: setup.save_answers(config, answers), done=saved,
                         failed=not_saved, undoable=False)

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "on_start":
            return self.step == "on_start"
        if action == "skip":
            return self.step != "done"
        if action == "close":
            return self.step == "done"
        return True

    def action_on_start(self, yes: bool) -> None:
        if not self.saving:
            self._save(setup.Answers(on_start=yes))

    def action_skip(self) -> None:
        if self.saving or self.query_one(ImportPanel).working:
            return
        self._next()

    def action_close(self) -> None:
        self.action_leave()

    def action_leave(self) -> None:
        if self.saving:
            return
        if self.answers.on_start and not self.app.read_only:
            self.app.capture_now()  # as it will each time the app opens
        self.dismiss(None)


def _look_around(home: Path, environ: dict[str, str]) -> dict:
    """What the steps offer, found on this machine, by step (in a worker: it reads
    folders): places, addresses, a region."""
    return {"import": setup.address_books(home, environ),
            "me": setup.typed_list(setup.own_addresses(home, environ)),
            "region": setup.home_region(environ) or "",
            "mail": setup.mail_folders(home, environ),
            "calendars": setup.calendar_folders(home, environ)}
