"""A path typed as in a shell, and the usual places found, to pick from: the import's file
(the palette's and the welcome's) and the welcome's mail and calendar folders.

``PathField`` completes from the disk as you type: the rest of the first name that fits
shows dimmed, ``tab`` (or ``right`` at the end) takes it, as far as the names that fit
agree; ``~`` is the home folder the field was given (the tests give a temporary one).
With ``several``, it takes paths separated by commas and completes the last.
``PathPicker`` puts the places found (``garden.setup``) under it: ``down`` goes to them,
``enter`` picks one. ``tab`` reads the disk when it is pressed, whatever the dimmed
suggestion shows by then, so a ``tab`` typed right behind the letters completes what they
spell.
Styles: path_field.tcss, which each screen using it lists in CSS_PATH.
"""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.garden import setup
from netgarden_tui.garden.display import visible
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.widgets.card import MUTED


def _last_part(text: str, several: bool) -> tuple[str, str]:
    """(what comes before the path being typed, that path): with ``several``, the path
    after the last comma."""
    if not several or "," not in text:
        return "", text
    before, _, last = text.rpartition(",")
    spaces = len(last) - len(last.lstrip())
    return f"{before},{last[:spaces]}", last[spaces:]


class PathSuggester(Suggester):
    """The rest of the first name on the disk that the path typed so far goes on to."""

    def __init__(self, home: Path, *, several: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the disk changes
        self.home = home
        self.several = several

    async def get_suggestion(self, value: str) -> str | None:
        before, typed = _last_part(value, self.several)
        found = setup.completions(typed, self.home, limit=1)
        return before + found[0] if found else None


@keys_in_help("Path fields (import, set up)", order=245)
class PathField(Input):
    BINDINGS = [
        Binding("tab", "complete", "Complete", id="path_field.complete", show=False,
                tooltip="Complete the path from the disk, as a shell does (when there is "
                        "nothing to complete: the next field)"),
        Binding("down", "to_places", "Places found", id="path_field.places", show=False,
                tooltip="Down to the places found (enter picks one)"),
    ]

    def __init__(self, home: Path, *, several: bool = False, **kwargs) -> None:
        super().__init__(suggester=PathSuggester(home, several=several), compact=True,
                         **kwargs)
        self.home = home
        self.several = several

    @property
    def paths(self) -> list[Path]:
        """The paths typed, ``~`` expanded (with ``several``, each between commas)."""
        parts = self.value.split(",") if self.several else [self.value]
        return [setup.expand(part, self.home) for part in parts if part.strip()]

    def action_complete(self) -> None:
        before, typed = _last_part(self.value, self.several)
        found = setup.completed(typed, self.home) if self.cursor_at_end else None
        if found is None:
            self.screen.focus_next()
            return
        self.value = before + found
        self.cursor_position = len(self.value)

    def action_to_places(self) -> None:
        places = self.parent.query(PlacesList) if self.parent is not None else []
        for places_list in places:
            if places_list.display and places_list.option_count:
                places_list.focus()
                if places_list.highlighted is None:
                    places_list.highlighted = 0


class PlacesList(OptionList):
    """The places found; ``up`` from the first goes back to the field."""

    def action_cursor_up(self) -> None:
        if not self.highlighted:
            self.parent.query_one(PathField).focus()
            return
        super().action_cursor_up()


class PathPicker(Vertical):
    """A PathField, and under it the places found (hidden while there are none)."""

    class Chosen(Message):
        """Enter in the field, or on a place found (which puts it in the field first)."""

        def __init__(self, picker: "PathPicker", text: str) -> None:
            super().__init__()
            self.picker = picker
            self.text = text

        @property
        def control(self) -> "PathPicker":
            return self.picker

    def __init__(self, home: Path, *, several: bool = False, placeholder: str = "",
                 field_id: str | None = None, select_on_focus: bool = True,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.home = home
        self.several = several
        self.placeholder = placeholder
        self.field_id = field_id
        # Typing replaces a path offered in the field; a field that starts empty (the
        # import's) says False, so keys typed as the app opens are not selected away.
        self.select_on_focus = select_on_focus
        self.places: list[setup.Found] = []

    def compose(self) -> ComposeResult:
        yield PathField(self.home, several=self.several, placeholder=self.placeholder,
                        id=self.field_id, select_on_focus=self.select_on_focus)
        label = Static("found here (↓, then enter picks one):", classes="places-label")
        places = PlacesList(classes="places")
        label.display = places.display = False
        yield label
        yield places

    @property
    def field(self) -> PathField:
        return self.query_one(PathField)

    def offer(self, places: list[setup.Found]) -> None:
        """List the places found under the field."""
        self.places = list(places)
        listing = self.query_one(PlacesList)
        listing.clear_options()
        listing.add_options([Option(Content.assemble(
            (visible(setup.shown(place.path, self.home)), "bold"), "  ",
            (visible(place.what), MUTED))) for place in self.places])
        self.show_places(True)

    def show_places(self, shown: bool) -> None:
        """Show the places found under the field (if any), or hide them for room."""
        shown = shown and bool(self.places)
        self.query_one(".places-label").display = shown
        self.query_one(PlacesList).display = shown

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Chosen(self, event.value.strip()))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        text = setup.shown(self.places[event.option_index].path, self.home)
        field = self.field
        if self.several:
            typed = [part.strip() for part in field.value.split(",") if part.strip()]
            if text not in typed:
                field.value = ", ".join([*typed, text])
            field.cursor_position = len(field.value)
            field.focus()
            return
        field.value = text
        field.cursor_position = len(text)
        field.focus()
        self.post_message(self.Chosen(self, text))
