"""An address book to import: its path (completed from the disk, the usual places listed),
what importing it would do, and the import itself on a second ``enter``.

The first ``enter`` on a path runs the import as a dry run (a read: nothing is written)
and shows its report: how many new, updated, unchanged, skipped, and the job changes. An
``enter`` on the same path imports it, through ``app.perform`` as one transaction and one
undo step (``u`` takes a wrong file back whole); editing the path forgets the preview.
The palette's import (screens/import_file.py) and the welcome's first step
(screens/welcome.py) are both this panel; it posts ``Imported`` when an import is done.
"""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, ProgressBar, Static

from netgarden_tui.garden import setup
from netgarden_tui.garden.importing import ImportReport, import_path, report_lines
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.path_field import PathPicker

CONFIRM = "enter imports it · or type or pick another"
# Not a path: one that looks like a real one reads as typed already on 16 colours.
PATH_PLACEHOLDER = "type a path (tab completes it), or ↓ to pick one found"


class ImportPanel(Vertical):
    class Imported(Message):
        def __init__(self, report: ImportReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self, home: Path, *, holds_keys: bool = False, placeholder: str = "",
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.home = home
        self.holds_keys = holds_keys  # keys typed while it imports wait for it (the welcome)
        self.placeholder = placeholder
        self.previewed: str | None = None  # the path whose dry run is shown (or running)
        self.working = False

    def compose(self) -> ComposeResult:
        yield PathPicker(self.home, placeholder=self.placeholder, field_id="path",
                         select_on_focus=False)
        yield ProgressBar(id="progress", show_eta=False)
        yield Static(id="report")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#report").display = False

    @property
    def picker(self) -> PathPicker:
        return self.query_one(PathPicker)

    def offer(self, places: list[setup.Found]) -> None:
        self.picker.offer(places)

    @on(Input.Changed, "#path")
    def _edited(self, event: Input.Changed) -> None:
        """Another path typed: what was shown of the last one goes, the places come back."""
        if self.working or event.value.strip() == self.previewed:
            return
        self.previewed = None
        self.query_one("#report", Static).display = False
        self.picker.show_places(True)

    @on(PathPicker.Chosen)
    def _chosen(self, event: PathPicker.Chosen) -> None:
        event.stop()
        if self.working:
            return
        if not event.text:
            self.app.bell()
            return
        path = setup.expand(event.text, self.home)
        if event.text == self.previewed:
            self._import(path)
        else:
            self.previewed = event.text
            self._preview(path)

    def _started(self, words: str) -> None:
        self.working = True
        self.picker.field.disabled = True
        self.picker.show_places(False)  # room for the report
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._report(words)

    def _preview(self, path: Path) -> None:
        self._started(f"reading {path.name}…")
        self.app.run_query(lambda: import_path(path, dry_run=True,
                                               progress=self._progress_from_worker),
                           self._show_preview, group="import-preview",
                           failed=self._show_failure, could_not="read the file")

    def _import(self, path: Path) -> None:
        self._started("importing…")
        self.app.perform(f"import {path.name}",
                         lambda: import_path(path, progress=self._progress_from_worker),
                         done=self._imported, failed=self._show_failure,
                         holds_keys=self.holds_keys)

    def _progress_from_worker(self, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=total, progress=done)

    def _show_preview(self, report: ImportReport) -> None:
        if report.problem:  # nothing would come in: another path, then
            self.previewed = None
        confirm = [] if report.problem else [CONFIRM]
        self._show([*report_lines(report), *filter(None, [report.problem]), *confirm])

    def _imported(self, report: ImportReport) -> None:
        """The report the command line prints, and why nothing came in if nothing did."""
        self.previewed = None
        self._show([*report_lines(report), *filter(None, [report.problem])])
        self.post_message(self.Imported(report))

    def _show_failure(self, message: str) -> None:
        self.previewed = None
        self._show([message])
        self.picker.show_places(True)

    def _report(self, text: str) -> None:
        report = self.query_one("#report", Static)
        report.update(safe(text, multiline=True))
        report.display = True

    def _show(self, lines: list[str]) -> None:
        """What happened, in place of the progress bar; the field ready for another
        path."""
        self.working = False
        self.query_one("#progress", ProgressBar).display = False
        self._report("\n".join(lines))
        field = self.picker.field
        field.disabled = False
        field.focus()
