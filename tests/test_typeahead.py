"""Keys typed faster than the app draws, as a slow SSH link delivers them: all at once.

Textual hands a key to the focused widget before it checks ordinary bindings, so keys that
move focus must not strand the keys queued behind them.
"""

import pendulum
import pytest
from textual import events
from textual.widgets import Input

from netgarden_tui.config import default_config
from netgarden_tui.garden import actions
from netgarden_tui.tui.app import make_app
from netgarden_tui.tui.widgets.contact_list import ContactList


@pytest.fixture
def app(frozen_clock, locations):
    application = make_app(locations, default_config())
    # Last touched 90, 80 and 70 days ago: all due, in Due as in Contacts Ann, Bob, Zoë.
    for name, days in (("Zoë Andersson", 70), ("Ann Lee", 90), ("Bob Stone", 80)):
        contact_id = actions.add_contact(name)
        actions.log_touch([contact_id], at=pendulum.now().subtract(days=days))
    return application


async def settle(pilot) -> None:
    from conftest import settle as settle_app
    await settle_app(pilot)


def burst(app, keys: str) -> None:
    """Queue every key before the app handles the first, as one read from the terminal does."""
    for key in keys:
        name = {"/": "slash"}.get(key, key)
        app.post_message(events.Key(name, key))


async def test_letters_typed_right_after_slash_land_in_the_filter(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)

        burst(app, "/zoe")
        await settle(pilot)

        assert app.screen.query_one("#filter", Input).value == "zoe"
        contacts = app.screen.query_one(ContactList)
        assert contacts.count == 1
        assert contacts.sort == "name"  # the "o" did not reach the sort key


async def test_a_slash_typed_in_the_filter_is_text(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/a/b")
        await settle(pilot)

        assert app.screen.query_one("#filter", Input).value == "a/b"


@pytest.mark.parametrize("pane_key", ["1", "3"])
async def test_moves_typed_ahead_of_an_action_reach_the_list_first(app, pane_key):
    """ "j j l" in one burst logs with the contact two rows down, not the first one."""
    from netgarden_tui.tui.screens.quick_log import QuickLogModal

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(pane_key)
        await settle(pilot)
        burst(app, "jjl")
        await settle(pilot)

        assert isinstance(app.screen, QuickLogModal)
        assert app.screen.contact_name == "Zoë Andersson"
