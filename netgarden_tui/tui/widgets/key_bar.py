"""The key bar at the bottom of a screen: the keys of the focused widget and its screen.

Textual's Footer makes a widget per key and restyles each one whenever focus moves, which
cost most of a tenth of a second at start-up; this is one line of text, rebuilt when the
active bindings change. A click on a key presses it, as on the Footer.
"""

from textual.app import RenderResult
from textual.content import Content
from textual.style import Style
from textual.widget import Widget


class KeyBar(Widget):
    """One line of keys; ``show_palette`` adds the command palette's key (ctrl+p) at the end."""

    def __init__(self, *, show_palette: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_palette = show_palette

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        keys = []
        shown_actions = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown_actions:
                shown_actions.add(binding.action)
                keys.append(self._key(binding, enabled))
        if self.show_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                keys.append(self._key(palette.binding, palette.enabled))
        return Content("  ").join(keys)

    def _key(self, binding, enabled: bool) -> Content:
        """' l Log', the key lit; dim when the binding is disabled; a click presses it."""
        click = Style.from_meta({"@click": f"app.simulate_key({binding.key!r})"})
        key = Content.styled(self.app.get_key_display(binding), "bold $footer-key-foreground")
        content = Content.assemble(key, " ", binding.description).stylize(click)
        return content if enabled else content.stylize("dim")
