"""The key bar at the bottom of a screen: the keys of the focused widget and its screen.

Textual's Footer makes a widget per key and restyles each one whenever focus moves, which
cost most of a tenth of a second at start-up; this is one line of text, rebuilt when the
active bindings change. A click on a key presses it, as on the Footer. When the keys do
not all fit, the bar keeps help and the palette, which lead to the rest.
"""

from textual.app import RenderResult
from textual.content import Content
from textual.style import Style
from textual.widget import Widget


SEPARATORS = (Content("  "), Content(" "))  # the second where the first leaves keys out
ELLIPSIS = Content("…")
# The keys that lead to every other key: kept on a bar too narrow for them all (60 columns).
WAYS_TO_EVERY_KEY = ("help", "command_palette")


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
        keys, ways = [], []
        shown_actions = set()
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in shown_actions:
                shown_actions.add(binding.action)
                is_way = binding.action in WAYS_TO_EVERY_KEY
                (ways if is_way else keys).append(self._key(binding, enabled))
        if self.show_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                ways.append(self._key(palette.binding, palette.enabled))
        return self._fit(keys, ways)

    def _fit(self, keys: list[Content], ways: list[Content]) -> Content:
        """Every key, two spaces apart, or one where two do not fit. On a bar too narrow
        even so, the ``ways`` (help, the palette), which lead to every key, and before
        them the ``keys`` that fit, in order, with a mark for the rest where it fits too."""
        width = self.size.width
        for separator in SEPARATORS:
            line = separator.join([*keys, *ways])
            if line.cell_length <= width:
                return line
        narrowest = SEPARATORS[-1]
        room = width - (narrowest.join(ways).cell_length + narrowest.cell_length if ways else 0)
        shown = []
        for key in keys:
            if narrowest.join([*shown, key]).cell_length <= room:
                shown.append(key)
        if narrowest.join([*shown, ELLIPSIS]).cell_length <= room:
            shown.append(ELLIPSIS)
        return narrowest.join([*shown, *ways])

    def _key(self, binding, enabled: bool) -> Content:
        """' l Log', the key lit; dim when the binding is disabled; a click presses it."""
        click = Style.from_meta({"@click": f"app.simulate_key({binding.key!r})"})
        key = Content.styled(self.app.get_key_display(binding), "bold $footer-key-foreground")
        content = Content.assemble(key, " ", binding.description).stylize(click)
        return content if enabled else content.stylize("dim")
