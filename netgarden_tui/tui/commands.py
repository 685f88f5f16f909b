"""The command palette: every action of the screen, and any contact by (fuzzy) name."""

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from netgarden_tui.garden.display import visible
from netgarden_tui.garden.names import contacts_like, told_apart

CONTACT_HITS = 12


def _highlight(matcher, text: str) -> Content:
    """The matcher's highlight, but on plain Content: a name is never markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style or "bold underline", offset, offset + 1)
    return content


class GardenCommands(Provider):
    def _actions(self):
        """(description, help, action) for every binding of the screen and the app."""
        seen = set()
        for node in (self.screen, self.app):
            for binding in node.BINDINGS:
                if binding.description and binding.action not in seen:
                    seen.add(binding.action)
                    yield binding.description, binding.tooltip, partial(
                        node.run_action, binding.action)

    def _screens(self):
        """(description, help, open) for the screens the palette alone opens."""
        yield "Find duplicates…", "Contacts that may be one person: preview and merge", self._dupes
        yield ("Set up…", "Import your address book; your addresses, home region, mail and "
               "calendars", self.app.set_up)
        yield "Import contacts…", "From vCards, LinkedIn, Google Contacts or any CSV", self._import
        yield "Export the garden…", "Everything as JSON, or vCards, CSV or a calendar", self._export
        yield ("Capture now", "Touches from the mail and calendars the config's [capture] "
               "lists", self.app.capture_now)
        yield ("People you write to…", "Who you exchange mail with but have not added: add "
               "them, or ignore them for good", self._suggestions)

    def _dupes(self) -> None:
        from netgarden_tui.tui.screens.merge import MergeScreen

        if not isinstance(self.screen, MergeScreen):
            self.app.push_screen(MergeScreen())

    def _import(self) -> None:
        from netgarden_tui.tui.screens.import_file import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.app.push_screen(ImportScreen(self.app.home))

    def _export(self) -> None:
        from netgarden_tui.tui.screens.import_file import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.app.push_screen(ExportScreen())

    def _suggestions(self) -> None:
        from netgarden_tui.tui.screens.suggestions import SuggestionsModal

        if not isinstance(self.screen, SuggestionsModal):
            self.app.push_screen(SuggestionsModal())

    async def discover(self) -> Hits:
        for description, help_text, run in (*self._actions(), *self._screens()):
            yield DiscoveryHit(description, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, help_text, run in (*self._actions(), *self._screens()):
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, _highlight(matcher, description), run, text=description,
                          help=help_text)
        if len(query.strip()) < 2 or not hasattr(self.screen, "open_contact"):
            return
        for contact_id, name in await asyncio.to_thread(
                lambda: told_apart(contacts_like(query, limit=CONTACT_HITS))):
            shown = visible(name)
            yield Hit(max(matcher.match(shown), 0.3), _highlight(matcher, shown),
                      partial(self.screen.open_contact, contact_id, focus=True),
                      text=shown, help="open in History")
