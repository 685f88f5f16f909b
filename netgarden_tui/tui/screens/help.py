"""Help: every key, generated from the bindings (with the config's remaps), so it never drifts.

Its sections are those the screens and widgets register (tui/help_registry.py); the help
imports them all to find them, and names none.
"""

import importlib
import pkgutil
import textwrap

from rich.cells import cell_len
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from netgarden_tui.tui import screens, widgets
from netgarden_tui.tui.help_registry import help_sections, keys_in_help, legend_of


def _import_screens_and_widgets() -> None:
    """Import every module of the screens and the widgets: each class with keys of its own
    adds itself to the help registry as it is defined."""
    for package in (screens, widgets):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)


def _sections(app_bindings) -> list[tuple[str, list]]:
    """(title, bindings) for the app (its ``app_bindings``), then every screen and widget
    with keys of its own, in the registry's order."""
    _import_screens_and_widgets()
    return [("Everywhere", app_bindings),
            *((section.title, section.owner.BINDINGS) for section in help_sections())]


def binding_ids(app_bindings) -> set[str]:
    """Every binding id the config's [keymap] can remap (``app_bindings``: the app's own)."""
    return {binding.id for _, bindings in _sections(app_bindings) for binding in bindings
            if isinstance(binding, Binding) and binding.id}


KEYS_WIDTH = 16
DESCRIPTION_WIDTH = 16


@keys_in_help("This help (?)", order=270)
class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close",
                tooltip="Close the help"),
        Binding("j", "scroll(1)", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def compose(self):
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc closes · ctrl+p finds any action or contact"
            yield Static(self.keys_content(self._text_width()), id="help-keys")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body").scroll_relative(y=lines, animate=False)

    def _text_width(self) -> int:
        """The width inside #help-body: 90% of the screen, at most 100, less its border and
        padding (4) and the scrollbar of a help longer than the screen (2)."""
        return max(30, min(int(self.app.size.width * 0.9), 100) - 6)

    def keys_content(self, width: int) -> Content:
        """Every binding: key, what it does, and its tooltip wrapped under the tooltip column."""
        lines = []
        for title, bindings in _sections(self.app.BINDINGS):
            lines.append(Content.styled(title, "bold $accent"))
            lines.extend(Content.styled(f"  {wrapped}", "italic") for line in legend_of(title)
                         for wrapped in textwrap.wrap(line, width - 2))
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    lines.extend(self._lines(binding, width))
            lines.append(Content(""))
        return Content("\n").join(lines)

    def _lines(self, binding: Binding, width: int) -> list[Content]:
        """The key, what it does and its tooltip, each in its column; after a key or a
        description longer than its column the tooltip starts on the next line, so that
        the two never run together, and every line of it stays within ``width``, under its
        column."""
        keys = self.app.config.keymap.get(binding.id, binding.key) if binding.id else binding.key
        shown = ", ".join(self.app.get_key_display(Binding(key, "")) for key in keys.split(","))
        key_cell = f"  {shown:<{KEYS_WIDTH - 1}} "
        head = f"{key_cell}{binding.description:<{DESCRIPTION_WIDTH - 1}} "
        indent = 2 + KEYS_WIDTH + DESCRIPTION_WIDTH
        words = (binding.tooltip or "").split()
        first_width = width - cell_len(head) if cell_len(head) <= indent else 0
        first: list[str] = []
        while words and cell_len(" ".join([*first, words[0]])) <= first_width:
            first.append(words.pop(0))
        more = textwrap.wrap(" ".join(words), max(10, width - indent))
        row = Content.assemble((key_cell, "bold"), head[len(key_cell):],
                               (" ".join(first), "$text-muted"))
        return [row, *(Content.styled(" " * indent + line, "$text-muted") for line in more)]
