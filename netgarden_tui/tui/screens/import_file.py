"""Import and export: type a path, watch the progress, read what happened.

An import (widgets/import_panel.py) shows what it would do first, then runs through
``app.perform`` as one transaction and ONE undo step: a wrong file is taken back whole with
``u``; the lists reload on the GardenChanged that follows. An export only reads, in a
worker.
"""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from netgarden_tui.garden.export import export, export_json, write_privately
from netgarden_tui.garden import setup
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.import_panel import PATH_PLACEHOLDER, ImportPanel

KINDS = "a .vcf file or a folder of them, LinkedIn's Connections.csv, Google Contacts CSV, any CSV"
EXPORT_KINDS = "the format follows the name: .json (everything), .vcf, .csv or .ics"
FORMAT_BY_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".csv": "csv", ".ics": "ics"}


class FileScreen(ModalScreen[None]):
    """A path to type, a progress bar and a report: what import and export share."""

    CSS_PATH = "import_file.tcss"
    TITLE = ""
    KINDS = ""
    PLACEHOLDER = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.TITLE
            yield Static(safe(self.KINDS), id="kinds")
            yield Input(placeholder=self.PLACEHOLDER, id="path", compact=True)
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="report")
            yield Static("enter start · esc close", id="hints")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.app.bell()
            return
        self.query_one("#path", Input).disabled = True
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.start(Path(text).expanduser())

    def start(self, path: Path) -> None:
        raise NotImplementedError

    def _progress_from_worker(self, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=total, progress=done)

    def _show(self, text: str) -> None:
        """What happened; the progress bar, if it still shows, full."""
        self.query_one("#progress", ProgressBar).update(total=1, progress=1)
        self.query_one("#report", Static).update(safe(text, multiline=True))
        self._ready_for_another()

    def _show_failure(self, message: str) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self._show(message)

    def _ready_for_another(self) -> None:
        field = self.query_one("#path", Input)
        field.disabled = False
        self.set_focus(field)


@keys_in_help("Import (ctrl+p)", order=250)
class ImportScreen(FileScreen):
    """The palette's import: the ImportPanel (a path completed from the disk, the usual
    places listed, a dry run's report first, then the import), in the export's frame."""

    TITLE = "Import contacts"
    KINDS = KINDS
    PLACEHOLDER = PATH_PLACEHOLDER
    CSS_PATH = ["import_file.tcss", "../widgets/path_field.tcss",
                "../widgets/import_panel.tcss"]
    BINDINGS = [
        Binding("escape", "close", "Close", id="import_file.close",
                tooltip="Close (an import already running finishes)"),
    ]

    def __init__(self, home: Path | None = None) -> None:
        super().__init__()
        self.home = home or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.TITLE
            yield Static(safe(self.KINDS), id="kinds")
            yield ImportPanel(self.home, placeholder=self.PLACEHOLDER)
            yield Static("enter preview, again import · tab complete · ↓ places found · "
                         "esc close", id="hints")

    def on_mount(self) -> None:
        self.query_one("#path").focus()
        self.app.run_query(lambda: setup.address_books(self.home), self._found,
                           group="import-places", could_not="look for address books")

    def _found(self, places: list[setup.Found]) -> None:
        if self.is_attached:
            self.query_one(ImportPanel).offer(places)


@keys_in_help("Export (ctrl+p)", order=260)
class ExportScreen(FileScreen):
    TITLE = "Export the garden"
    KINDS = EXPORT_KINDS
    PLACEHOLDER = "~/netgarden-export.json"
    BINDINGS = [
        Binding("escape", "close", "Close", id="export_file.close",
                tooltip="Close (an export already running finishes)"),
    ]

    def start(self, path: Path) -> None:
        format_name = FORMAT_BY_SUFFIX.get(path.suffix.lower(), "json")
        self.query_one("#report", Static).update(safe(f"exporting {format_name}…"))

        def write(out) -> int:
            if format_name == "json":
                return export_json(out, progress=lambda share: self._progress_from_worker(
                    round(share * 100), 100))
            return export(format_name, out)

        self.app.run_query(lambda: write_privately(path, write),
                           lambda count: self._show(f"exported {count} as {format_name} to {path}"),
                           group="export", failed=self._show_failure, could_not="export",
                           holds_keys=False)
