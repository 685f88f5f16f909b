"""Help: every key, generated from the bindings (with the config's remaps), so it never drifts."""

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def _sections():
    """(title, bindings) for every screen and widget, imported here to avoid import cycles."""
    from netgarden_tui.tui.app import NetgardenApp
    from netgarden_tui.tui.screens.call import CallScreen
    from netgarden_tui.tui.screens.contact_form import ContactFormModal
    from netgarden_tui.tui.screens.main import MainScreen
    from netgarden_tui.tui.screens.quick_log import QuickLogModal
    from netgarden_tui.tui.screens.review import ReviewScreen
    from netgarden_tui.tui.screens.snooze import SnoozeModal
    from netgarden_tui.tui.widgets.contact_list import ContactList
    from netgarden_tui.tui.widgets.due_list import DueList
    from netgarden_tui.tui.widgets.history import HistoryPane

    return [
        ("Everywhere", NetgardenApp.BINDINGS),
        ("Main screen", MainScreen.BINDINGS),
        ("Contacts", ContactList.BINDINGS),
        ("History", HistoryPane.BINDINGS),
        ("Due", DueList.BINDINGS),
        ("Quick log (l)", QuickLogModal.BINDINGS),
        ("Call mode (c)", CallScreen.BINDINGS),
        ("Daily review (r)", ReviewScreen.BINDINGS),
        ("Snooze (s)", SnoozeModal.BINDINGS),
        ("Add and edit (a, e)", ContactFormModal.BINDINGS),
    ]


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
            yield Static(self.keys_content(), id="help-keys")

    def keys_content(self) -> Content:
        lines = []
        for title, bindings in _sections():
            lines.append(Content.styled(title, "bold $accent"))
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    lines.append(self._line(binding))
            lines.append(Content(""))
        return Content("\n").join(lines)

    def _line(self, binding: Binding) -> Content:
        keys = self.app.config.keymap.get(binding.id, binding.key) if binding.id else binding.key
        shown = ", ".join(self.app.get_key_display(Binding(key, "")) for key in keys.split(","))
        help_text = binding.tooltip or ""
        return Content.assemble((f"  {shown:<14}", "bold"), f"{binding.description:<16}",
                                (help_text, "$text-muted"))
