"""User text for widgets: always a Content object, so it is never read as markup."""

from textual.content import Content

from netgarden_tui.garden.display import visible


def safe(text: str | None, *, multiline: bool = False) -> Content:
    """A name or a note as plain Content: ``[bold]`` and ``[/]`` show as typed, control
    characters as visible symbols."""
    return Content(visible(text or "", multiline=multiline))


def styled(template: str, **values: str) -> Content:
    """Markup we wrote, with user values dropped in as data:
    ``styled("[b]$name[/b] is due", name=contact)``."""
    return Content.from_markup(template, **{key: visible(value) for key, value in values.items()})
