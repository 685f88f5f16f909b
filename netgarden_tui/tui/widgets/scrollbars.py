"""A list's scrollbar in its first frame, not the one after."""

from textual.geometry import Size
from textual.scroll_view import ScrollView


def scrollbar_before_layout(widget: ScrollView, lines: int) -> None:
    """Before a list is first laid out, set the ``lines`` it scrolls through and, if they
    are more than the terminal is high, its vertical scrollbar.

    Textual decides on a scrollbar only after it has laid the widget out: the first frame
    is drawn without one, and a second frame, tens of milliseconds later on a big screen,
    adds it. A list taller than the whole terminal is sure to need one, so it is there from
    the first frame. Once laid out, Textual decides (and would correct a wrong guess)."""
    if widget.size:
        return
    widget.virtual_size = Size(widget.virtual_size.width, lines)
    if lines > widget.app.size.height:
        widget.show_vertical_scrollbar = True
