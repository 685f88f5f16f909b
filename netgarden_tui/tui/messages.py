"""Messages the whole app listens to, apart from the app and its screens, so screens never
import the app to hear them."""

from textual.message import Message


class GardenChanged(Message):
    """Something was written (here, or by another session): panes that show garden data
    reload themselves, keeping their place."""
