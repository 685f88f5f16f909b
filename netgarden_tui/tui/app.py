"""The full-screen app: one factory for the command line and the tests."""

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

import pendulum
from textual import events, work
from textual.worker import get_current_worker
from textual.app import App
from textual.binding import Binding
from textual.reactive import var

from netgarden_tui import clock
from netgarden_tui.config import Config, Locations
from netgarden_tui.garden import actions
from netgarden_tui.garden.display import visible
from netgarden_tui.garden.setup import garden_is_empty
from netgarden_tui.startup import resume_collector
from netgarden_tui.store import database, undo
from netgarden_tui.tui.key_queue import KeyQueue
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.read_ahead import ReadAhead
from netgarden_tui.tui.commands import GardenCommands

T = TypeVar("T")
HERE = Path(__file__).parent


WATCH_SECONDS = 1.0  # how often the app looks for what other sessions wrote
STATE_COLOURS = ("error", "warning", "success", "text-error", "text-warning", "text-success")


class NetgardenApp(App[None]):
    # The main screen's styles are the app's: it is the default screen, whose CSS_PATH
    # Textual would not load. Absolute paths, so subclasses elsewhere (tests) find them.
    CSS_PATH = [HERE / "app.tcss", HERE / "screens" / "main.tcss",
                *(HERE / "widgets" / f"{widget}.tcss"
                  for widget in ("key_bar", "contact_list", "due_list", "history", "card",
                               "garden_overview"))]
    TITLE = "netgarden"
    COMMANDS = App.COMMANDS | {GardenCommands}
    BINDINGS = [
        # Not "quit": that is ctrl+q's too, which works everywhere.
        Binding("q", "quit_by_letter", "Quit", id="app.quit", tooltip="Leave netgarden"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Every key, on one page"),
        Binding("u", "undo", "Undo", id="app.undo",
                tooltip="Undo the last change: add, log, edit, snooze, done, archive"),
        Binding("U", "redo", "Redo", id="app.redo", show=False,
                tooltip="Make again the last change undone"),
    ]
    # Single letters that change the garden or leave it: they stand aside on full screens
    # where letters are typed (TAKES_TEXT: call mode), whatever has the focus there. The
    # forms are modal screens, whose keys Textual never hands on to the app's bindings.
    LETTER_ACTIONS = frozenset({"quit_by_letter", "undo", "redo"})
    # What runs in the background for a while (a capture), in words: the main screen shows
    # it while it runs; None when nothing does.
    activity: var[str | None] = var(None)

    def __init__(self, locations: Locations, config: Config, *,
                 read_ahead: ReadAhead | None = None, notices: Sequence[str] = (),
                 welcome: bool = True, home: Path | None = None) -> None:
        super().__init__()
        self.locations = locations
        self.config = config
        # The welcome opens by itself on an empty garden (the tests of other things can
        # do without); ``home`` is where it looks for address books, mail and calendars.
        self.welcome = welcome
        self.home = home or Path.home()
        self.notices = tuple(notices)
        self.keys = KeyQueue(self)  # keys typed ahead wait their turn: see key_queue.py
        self.backed_up_on: pendulum.Date | None = None  # the day of the last backup check
        self.watcher = None  # what other sessions write (set once the app is up)
        self.read_only = database.is_read_only()  # on media this process cannot write
        # The first page of contacts and today's queue, being read since start-up
        # (read_ahead.py); the main screen takes them.
        self.read_ahead = read_ahead
        self.last_channel: str | None = None  # the quick log's default: the last one used
        self.review_progress = None  # where today's review was left (review.ReviewProgress)

    def notify(self, message: str, *, title: str = "", markup: bool = False,
               **options) -> None:
        """Every notice as plain text with its control characters shown, whatever
        ``markup`` says (a widget's notify passes True): a notice names people and quotes
        notes and follow-ups, which are data, never markup nor terminal escapes. Here,
        once, so that no notice anywhere can forget it."""
        super().notify(visible(message, multiline=True), title=visible(title), markup=False,
                       **options)

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collector)  # start-up is over: see startup.py
        for notice in self.notices:
            self.notify(notice, severity="warning")
        if self.welcome and not self.read_only:
            # Keys typed as the app opens wait for this read: on an empty garden they are
            # the welcome's (a path typed at once), not the main screen's.
            self.run_query(garden_is_empty, self._welcome_if_empty, group="welcome",
                           could_not="look into the garden")
        self.call_after_refresh(self.back_up_once_a_day)
        self.call_after_refresh(self._watch_other_writers)
        capture = self.config.capture
        if capture.on_start and (capture.mail or capture.calendars) and not self.read_only:
            self.call_after_refresh(self.capture_now)
        if self.config.keymap:
            self.set_keymap(dict(self.config.keymap))
            self._warn_about_unknown_keymap_ids()
        if self.config.theme == self.theme:
            pass  # switching themes restyles every widget: only when it is another one
        elif self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            self.notify(f"unknown theme {self.config.theme!r} in the config; using the default",
                        severity="warning")

    def get_css_variables(self) -> dict[str, str]:
        """Under NO_COLOR the colours that mark a state (overdue, due, an error) are the
        text's own: Textual would turn them into greys darker than the text, so what is
        most pressing would look dimmest. The states read by their glyphs and words, and
        bold where they are pressing."""
        variables = super().get_css_variables()
        if self.no_color:
            for state in STATE_COLOURS:
                variables[state] = variables["foreground"]
        return variables

    def _watch_other_writers(self) -> None:
        """Live panes: what another session, a script or cron writes shows within a second."""
        self.watcher = database.watch(self.locations.database)
        self.set_interval(WATCH_SECONDS, self.check_for_changes, name="watch other writers")

    def check_for_changes(self) -> None:
        """Reload what is on screen if anything was written since the last look."""
        if self.watcher is not None and self.watcher.changed():
            self._garden_changed()

    def _garden_changed(self) -> None:
        """Every screen reloads what it shows from the garden, keeping its place."""
        for screen in self.screen_stack:
            screen.post_message(GardenChanged())

    async def action_quit(self) -> None:
        """Quit, asking first when a screen holds work quitting would lose (a note being
        typed, a call not logged yet): ``q`` reaches the app whenever the focused widget
        does not take it as text."""
        from netgarden_tui.tui.screens.form import ask_first

        question = next(filter(None, (screen.leave_question()
                                      for screen in reversed(self.screen_stack)
                                      if hasattr(screen, "leave_question"))), None)
        ask_first(self, question, self.exit, yes="Quit", no="Go back")

    async def action_quit_by_letter(self) -> None:
        await self.action_quit()

    def get_default_screen(self):
        """The main screen is the app's first screen (no blank one pushed over)."""
        from netgarden_tui.tui.screens.main import MainScreen  # it imports this module

        return MainScreen()

    def _warn_about_unknown_keymap_ids(self) -> None:
        from netgarden_tui.tui.screens.help import binding_ids  # every screen: only when asked

        unknown = sorted(set(self.config.keymap) - binding_ids(self.BINDINGS))
        if unknown:
            self.notify(f"unknown key ids in the config's [keymap]: {', '.join(unknown)} "
                        "(? lists them)", severity="warning", timeout=10)

    async def on_event(self, event: events.Event) -> None:
        if (isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
                and self.keys.holds(event)):
            return  # typed ahead: handled once the keys before it have settled
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.keys.close()
        if self.watcher is not None:
            self.watcher.close()
        database.close_garden()

    # --- database work, always off the UI thread ------------------------------------------

    def run_query(self, query: Callable[[], T], deliver: Callable[[T], None], *,
                  group: str, failed: Callable[[str], None] | None = None,
                  could_not: str = "read the garden", holds_keys: bool = True) -> None:
        """Run a read in a thread; hand its result to ``deliver`` on the UI thread.

        A newer query in the same group cancels an older one, so the last keystroke wins.
        A failure shows "could not <could_not>: <why>" and, if given, goes to ``failed``.
        ``group`` names the worker, never shown to a person. Keys typed meanwhile wait until
        it is delivered (they act on what it shows) unless ``holds_keys`` is False.
        """
        worker = self.run_worker(partial(self._read, query, deliver, could_not, failed),
                                 thread=True, group=group, exclusive=True, exit_on_error=False)
        if holds_keys:
            self.keys.wait_for(worker)

    def _read(self, query, deliver, could_not, failed) -> None:
        try:
            result = query()
        except Exception as error:  # a read that fails says so, and the app goes on
            message = str(error) if isinstance(error, actions.USER_ERRORS) else (
                f"could not {could_not}: {database.explain(error)}")
            self.call_from_thread(self.notify, message, title="Error", severity="error",
                                  markup=False)
            if failed is not None:
                self.call_from_thread(failed, message)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(deliver, result)

    def perform(self, label: str, action: Callable[[], T], *,
                   done: Callable[[T], None] | None = None,
                   failed: Callable[[str], None] | None = None, undoable: bool = True,
                   holds_keys: bool = True, failed_shows_why: bool = False) -> None:
        """Run a write as one transaction and (if ``undoable``) one undo step, in a thread.

        On success the panes reload and ``done`` gets the result; on failure nothing was
        written, a notice says why and ``failed`` gets the message (with
        ``failed_shows_why``, ``failed`` alone shows it: a form's status line, which a
        notice would cover). Keys typed meanwhile wait until it is done, unless
        ``holds_keys`` is False.
        """
        def failure(message: str) -> None:
            if not failed_shows_why:
                self.notify(message, title="Not saved", severity="error")
            if failed is not None:
                failed(message)

        worker = self._action_worker(label, action, done, failure, undoable)
        if holds_keys:
            self.keys.wait_for(worker)

    @work(thread=True, exclusive=False, exit_on_error=False, group="write")
    def _action_worker(self, label, action, done, failure, undoable) -> None:
        try:
            with undo.recording(label) if undoable else database.transaction():
                result = action()
        except actions.USER_ERRORS as error:
            self.call_from_thread(failure, str(error))
            return
        except Exception as error:  # keep the app alive; the user's input is kept by `failed`
            self.call_from_thread(failure, f"could not save: {database.explain(error)}")
            return
        self.call_from_thread(self._action_done, result, done)

    def back_up_once_a_day(self) -> None:
        """The day's backup, in a worker, when the app starts or first writes that day."""
        if self.backed_up_on == clock.today():
            return
        self.backed_up_on = clock.today()
        self.run_query(lambda: actions.take_daily_backup(self.locations, self.config,
                                                         in_background=True),
                       self._backed_up, group="backup", could_not="take today's backup",
                       holds_keys=False)

    def capture_now(self) -> None:
        """Capture what the config's [capture] lists, in the background, as one undo step:
        how far it has got shows as the app's activity, what it did in a notice."""
        if self.activity is not None:
            self.notify(f"{self.activity}: one capture at a time")
            return
        from netgarden_tui.garden import capture as capturing  # only when used

        def tell(report) -> None:
            self.call_from_thread(setattr, self, "activity", capturing.progress_words(report))

        def done(reports) -> None:
            self.activity = None
            self.notify(capturing.summary(reports), title="Capture")

        self.activity = "Capturing"
        self.perform("capture mail and calendars",
                     lambda: capturing.capture_configured(self.config.capture, progress=tell),
                     done=done, failed=lambda _: setattr(self, "activity", None),
                     holds_keys=False)

    def _backed_up(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(notice, title="Backup", severity="warning")

    def _action_done(self, result, done) -> None:
        self.back_up_once_a_day()
        if self.watcher is not None:
            self.watcher.changed()  # our own write: reloaded here, not again by the watch
        self._garden_changed()
        if done is not None:
            done(result)

    # --- app-wide keys --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen_stack[-1] if self.screen_stack else None
        return not (action in self.LETTER_ACTIONS and getattr(screen, "TAKES_TEXT", False))

    def action_undo(self) -> None:
        def undo_it() -> tuple[str | None, bool, list[int]]:
            people = undo.contacts_to_undo()
            return undo.undo_last(), undo.can_redo(), people

        def undone(result: tuple[str | None, bool, list[int]]) -> None:
            label, redoable, people = result
            again = "U redoes it" if redoable else "capture again to make it again"
            self.notify(f"undone: {label} ({again})" if label else "nothing to undo")
            from netgarden_tui.tui.screens.main import MainScreen  # it imports this module

            if people and isinstance(self.screen, MainScreen):
                self.screen.show_again(people[0])

        self.perform("undo", undo_it, done=undone, undoable=False)

    def action_redo(self) -> None:
        def redone(label: str | None) -> None:
            self.notify(f"redone: {label}" if label else "nothing to redo")

        self.perform("redo", undo.redo_last, done=redone, undoable=False)

    def _welcome_if_empty(self, empty: bool) -> None:
        """The welcome, when the garden has nobody in it yet (not on a garden that cannot
        be written here: see on_mount)."""
        if empty:
            self.set_up(empty_garden=True)

    def set_up(self, *, empty_garden: bool = False) -> None:
        """The welcome's steps: import an address book, then what the features need."""
        from netgarden_tui.tui.screens.welcome import WelcomeScreen

        if self.read_only:
            self.notify("This garden is read-only here: set up where it can be written "
                        "(or netgarden init)", severity="warning")
        elif not isinstance(self.screen, WelcomeScreen):
            self.push_screen(WelcomeScreen(self.home, empty_garden=empty_garden))

    def action_help(self) -> None:
        from netgarden_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(locations: Locations, config: Config, *, welcome: bool = True,
             home: Path | None = None) -> NetgardenApp:
    """Open the garden and build the app: the tests and the demo start it so."""
    notices = actions.open_garden(locations, config)
    return build_app(locations, config, notices=notices, welcome=welcome, home=home)


def build_app(locations: Locations, config: Config, *, read_ahead: ReadAhead | None = None,
              notices: Sequence[str] = (), welcome: bool = True,
              home: Path | None = None) -> NetgardenApp:
    """The app on a garden already open (without its daily backup, which the app takes
    once it is up): ``netgarden`` opens it first, to start reading what the first screen
    shows (``read_ahead``) before it imports this module. ``notices``: what opening it
    had to say; ``welcome``: whether an empty garden opens with the welcome; ``home``:
    where it looks for what the welcome offers (the tests give a temporary one)."""
    undo.enable()
    return NetgardenApp(locations, config, read_ahead=read_ahead, notices=notices,
                        welcome=welcome, home=home)
