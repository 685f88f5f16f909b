"""Help: every key, generated from the bindings (with the config's remaps), so it never drifts."""

import textwrap

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from netgarden_tui.tui.screens.call import CallScreen
from netgarden_tui.tui.screens.circles import CircleFormModal, CirclesScreen
from netgarden_tui.tui.screens.confirm import ConfirmModal, LetGoModal
from netgarden_tui.tui.screens.contact_circle import CadenceModal, MoveCircleModal
from netgarden_tui.tui.screens.contact_form import ContactFormModal
from netgarden_tui.tui.screens.import_file import ExportScreen, ImportScreen
from netgarden_tui.tui.screens.main import MainScreen
from netgarden_tui.tui.screens.merge import MergeScreen
from netgarden_tui.tui.screens.quick_log import QuickLogModal
from netgarden_tui.tui.screens.regroup import RegroupScreen
from netgarden_tui.tui.screens.review import ReviewScreen
from netgarden_tui.tui.screens.snooze import SnoozeModal
from netgarden_tui.tui.screens.tending.acquaintances import AcquaintancesModal
from netgarden_tui.tui.screens.tending.fact import FactModal
from netgarden_tui.tui.screens.tending.favour import FavourModal
from netgarden_tui.tui.screens.tending.favours import FavoursModal
from netgarden_tui.tui.screens.tending.introduce import IntroduceModal
from netgarden_tui.tui.screens.tending.life_event import LifeEventModal
from netgarden_tui.tui.widgets.contact_list import ContactList
from netgarden_tui.tui.widgets.due_list import DueList
from netgarden_tui.tui.widgets.history import HistoryPane
from netgarden_tui.tui.widgets.key_picker import KeyPicker


def _sections(app_bindings) -> list[tuple[str, list]]:
    """(title, bindings) for the app (its ``app_bindings``), every screen and widget."""
    return [
        ("Everywhere", app_bindings),
        ("Main screen", MainScreen.BINDINGS),
        ("Contacts", ContactList.BINDINGS),
        ("History", HistoryPane.BINDINGS),
        ("Due", DueList.BINDINGS),
        ("Quick log (l)", QuickLogModal.BINDINGS),
        ("Call mode (c)", CallScreen.BINDINGS),
        ("Daily review (r)", ReviewScreen.BINDINGS),
        ("Snooze (s)", SnoozeModal.BINDINGS),
        ("Add and edit (a, e)", ContactFormModal.BINDINGS),
        ("Opening gambit (F)", FactModal.BINDINGS),
        ("Favour (f)", FavourModal.BINDINGS),
        ("Favours (b)", FavoursModal.BINDINGS),
        ("Introduce (i)", IntroduceModal.BINDINGS),
        ("Life event (v)", LifeEventModal.BINDINGS),
        ("Choosing a channel or a kind (tab to the row)", KeyPicker.BINDINGS),
        ("Who knows whom (w)", AcquaintancesModal.BINDINGS),
        ("A yes-or-no question (archive, delete, leave unsaved)", ConfirmModal.BINDINGS),
        ("Let go? (enter on it in Due)", LetGoModal.BINDINGS),
        ("Move to a circle (m)", MoveCircleModal.BINDINGS),
        ("Circles (C)", CirclesScreen.BINDINGS),
        ("Add or edit a circle", CircleFormModal.BINDINGS),
        ("Regroup (R)", RegroupScreen.BINDINGS),
        ("Cadence (c in the regroup)", CadenceModal.BINDINGS),
        ("Find duplicates (ctrl+p)", MergeScreen.BINDINGS),
        ("Import (ctrl+p)", ImportScreen.BINDINGS),
        ("Export (ctrl+p)", ExportScreen.BINDINGS),
        ("This help (?)", HelpScreen.BINDINGS),
    ]


def binding_ids(app_bindings) -> set[str]:
    """Every binding id the config's [keymap] can remap (``app_bindings``: the app's own)."""
    return {binding.id for _, bindings in _sections(app_bindings) for binding in bindings
            if isinstance(binding, Binding) and binding.id}


KEYS_WIDTH = 16
DESCRIPTION_WIDTH = 16


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close",
                tooltip="Close the help"),
    ]

    def compose(self):
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc closes · ctrl+p finds any action or contact"
            yield Static(self.keys_content(self._text_width()), id="help-keys")

    def _text_width(self) -> int:
        """The width inside #help-body (90% of the screen, at most 100, less border and padding)."""
        return max(30, min(int(self.app.size.width * 0.9), 100) - 4)

    def keys_content(self, width: int) -> Content:
        """Every binding: key, what it does, and its tooltip wrapped under the tooltip column."""
        lines = []
        for title, bindings in _sections(self.app.BINDINGS):
            lines.append(Content.styled(title, "bold $accent"))
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    lines.extend(self._lines(binding, width))
            lines.append(Content(""))
        return Content("\n").join(lines)

    def _lines(self, binding: Binding, width: int) -> list[Content]:
        keys = self.app.config.keymap.get(binding.id, binding.key) if binding.id else binding.key
        shown = ", ".join(self.app.get_key_display(Binding(key, "")) for key in keys.split(","))
        indent = 2 + KEYS_WIDTH + DESCRIPTION_WIDTH
        tooltip = textwrap.wrap(binding.tooltip or "", max(10, width - indent)) or [""]
        first = Content.assemble((f"  {shown:<{KEYS_WIDTH}}", "bold"),
                                 f"{binding.description:<{DESCRIPTION_WIDTH}}",
                                 (tooltip[0], "$text-muted"))
        return [first, *(Content.styled(" " * indent + more, "$text-muted") for more in tooltip[1:])]
