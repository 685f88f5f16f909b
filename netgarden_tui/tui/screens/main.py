"""The main screen: Contacts, History and Due, side by side when wide, one at a time when not."""

from functools import partial

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.content import Content
from textual.widgets import Input, Static

from netgarden_tui import clock
from netgarden_tui.garden import actions, queue, tending
from netgarden_tui.garden.display import REGROUP_NAME, snoozed_words
from netgarden_tui.garden.reason_words import reason_text
from netgarden_tui.store.database import StoreError
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.contact_rows import FirstPage, read_first_page
from netgarden_tui.tui.read_ahead import ReadAhead
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.contact_list import ContactList, marks_key
from netgarden_tui.tui.widgets.due_list import DueList
from netgarden_tui.tui.widgets.garden_overview import GardenOverview
from netgarden_tui.tui.history_data import HistoryData, load_history
from netgarden_tui.tui.widgets.history import HistoryPane
from netgarden_tui.tui.widgets.key_bar import KeyBar
from netgarden_tui.vocabulary import SORT_WORDS, SORTS

PANES = ("contacts", "history", "due", "garden")
WORKING_PANES = PANES[:3]  # tab goes round these
WIDE = 120  # columns from which the three panes stand side by side
WIDER = 160  # ... and each is as wide as its lines need (main.tcss)
def pane_bar(active: str, *, read_only: bool = False) -> Content:
    """ "1 Contacts  2 History  3 Due", the active one lit; a click switches (a plain line
    rather than Tabs, which cost a tenth of a second at start-up). A garden that cannot be
    written here says so at its end, all the time."""
    parts = []
    for number, pane in enumerate(PANES, 1):
        style = "reverse bold" if pane == active else "$text-muted"
        parts.append(Content.from_markup(f"[{style} @click=screen.pane('{pane}')] {number} "
                                         f"{pane.title()} [/]"))
    if read_only:
        parts.append(Content.styled(" read-only: you can look, not change ", "bold $warning"))
    return Content(" ").join(parts)


def contacts_width(screen_width: int, layout: str) -> int:
    """How wide the Contacts pane is in a layout (as main.tcss makes it): its bottom border
    has a key to its marks that fits, settled before the first frame."""
    if layout == "-narrow":
        return screen_width
    return 46 if layout == "-wider" else max(36, screen_width // 4)


def history_width(screen_width: int, layout: str) -> int | None:
    """The columns History's text has in a layout (as main.tcss makes it, less its border,
    padding and scrollbar's gutter), known before it is laid out: a contact shown in the
    first frame then has their lines wrapped right. (None between WIDE and WIDER, where
    Textual shares the columns out: History wraps once it knows.)"""
    if layout == "-narrow":
        return screen_width - 5
    if layout == "-wider":
        return screen_width - contacts_width(screen_width, layout) - max(
            48, screen_width * 44 // 100) - 5
    return None


def contacts_title(count: int, sort: str) -> str:
    """ "Contacts · 58 · by name"."""
    return f"Contacts · {count} · by {SORT_WORDS[sort]}"


@keys_in_help("Main screen", order=10)
class MainScreen(Screen):
    # Its styles (main.tcss and its widgets') are in the app's CSS_PATH: see NetgardenApp.

    # Priority: Textual hands a key to the focused widget before it looks at ordinary
    # bindings, so keys typed right behind one of these (a burst over a slow link: "l" then
    # the note) would reach the list and be lost. check_action lets the filter have them.
    BINDINGS = [
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane", priority=True,
                tooltip="Move to the next pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False,
                id="main.previous_pane", priority=True, tooltip="Move to the previous pane"),
        Binding("1", "pane('contacts')", "Contacts", show=False, id="main.contacts", priority=True,
                tooltip="Jump to Contacts"),
        Binding("2", "pane('history')", "History", show=False, id="main.history", priority=True,
                tooltip="Jump to History"),
        Binding("3", "pane('due')", "Due", show=False, id="main.due", priority=True, tooltip="Jump to Due"),
        Binding("4", "pane('garden')", "Garden", show=False, id="main.garden", priority=True,
                tooltip="The garden at a glance: touches over the year, circles, trends"),
        Binding("slash", "filter", "Filter", id="main.filter", priority=True,
                tooltip="Filter contacts as you type (names, company, notes, facts)"),
        Binding("o", "sort", "Sort", id="main.sort", priority=True, show=False,
                tooltip="Sort contacts by name, next due, last touch or circle"),
        Binding("l", "quick_log", "Log", id="main.quick_log", priority=True,
                tooltip="Log a touch with the selected contact"),
        Binding("c", "call", "Call", id="main.call", priority=True,
                tooltip="Call mode: card, timer and notes for the selected contact"),
        Binding("a", "add", "Add", id="main.add", priority=True, show=False, tooltip="Add a contact"),
        Binding("e", "edit", "Edit", id="main.edit", priority=True, show=False, tooltip="Edit the selected contact"),
        Binding("s", "snooze", "Snooze", id="main.snooze", priority=True,
                tooltip="Put off the selected contact: 1d, 3d, 1w, 1m or a date"),
        Binding("d", "done", "Done", id="main.done", priority=True, show=False,
                tooltip="Mark the selected contact's open follow-up done"),
        Binding("x", "archive", "Archive", id="main.archive", priority=True, show=False,
                tooltip="Archive the selected contact (asks first; on a suggested "
                        "introduction in Due: never suggest it again)"),
        Binding("r", "review", "Review", id="main.review", priority=True,
                tooltip="Daily review: the Due items one at a time"),
        # Tending the relationship: one key each, on the selected contact.
        Binding("F", "tend('fact')", "Fact", id="main.fact", priority=True, show=False,
                tooltip="Note an opening gambit: partner, child, pet, interest, health"),
        Binding("f", "tend('favour')", "Favour", id="main.favour", priority=True, show=False,
                tooltip="Log a favour offered, given, asked or received"),
        Binding("b", "favours", "Favours", id="main.favours", priority=True, show=False,
                tooltip="Favours with the selected contact: the balance, and settle open ones"),
        Binding("i", "tend('introduce')", "Introduce", id="main.introduce", priority=True,
                show=False, tooltip="Introduce the selected contact to someone (on a "
                                    "suggested introduction in Due: make it)"),
        Binding("n", "tend('need')", "Needs, offers", id="main.need", priority=True,
                show=False, tooltip="Note what the selected contact needs or can offer"),
        Binding("W", "who", "Who do I know…", id="main.who", priority=True, show=False,
                tooltip="Who do I know who… is hiring, knows Berlin, offers design: one "
                        "search over everything the garden knows"),
        Binding("v", "tend('life_event')", "Life event", id="main.life_event", priority=True,
                show=False, tooltip="Log a new job, move, baby, wedding, award..."),
        Binding("w", "acquaintances", "Who knows whom", id="main.acquaintances",
                priority=True, show=False, tooltip="Who knows whom around the selected contact"),
        Binding("m", "move_circle", "Move circle", id="main.move_circle", priority=True,
                show=False, tooltip="Move the selected contact to another circle"),
        Binding("C", "circles", "Circles", id="main.circles", priority=True, show=False,
                tooltip="Manage circles and see how each is doing"),
        Binding("R", "regroup", "Regroup", id="main.regroup", priority=True, show=False,
                tooltip="Regroup: walk your circles, who to move, slow down or let go"),
    ]

    # The narrow and wide layouts are CSS classes Textual sets from the width, and the
    # titles, the hidden filter and the first focus are all settled before mounting: each
    # change after mounting restyles the screen, which the first frame would wait for.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide"), (WIDER, "-wider")]
    AUTO_FOCUS = "#contact-list"

    def compose(self):
        self._filter: Input | None = None  # made by the first / (the first screen is faster)
        # The breakpoint's class now: Textual sets it on the first Resize, restyling it all.
        width = self.app.size.width
        layout = self._layout(width)
        self.add_class(layout, update=False)
        self._followed: int | None = None  # see _follow
        self._history_wanted: int | None = None  # see open_contact
        self._history_asked = 0
        self._history_reading = False
        yield Static(pane_bar("contacts", read_only=self.app.read_only), id="pane-bar")
        with Horizontal(id="panes"):
            with Vertical(id="contacts", classes="pane active") as contacts:
                first_page = self._first_contacts()
                if first_page is not None and first_page.lines:
                    self._followed = first_page.lines[0].contact_id  # the cursor's row
                contacts.border_title = (contacts_title(first_page.count, first_page.query.sort)
                                         if first_page else "Contacts")
                contacts.border_subtitle = marks_key(contacts_width(width, layout))
                yield ContactList(first_page=first_page, id="contact-list")
            self._empty_list = first_page is not None and first_page.count == 0
            history = HistoryPane(id="history", classes="pane", empty_garden=self._empty_list)
            history.width_hint = history_width(width, layout)
            history.border_title = "History"
            yield history
            due = DueList(id="due", classes="pane")
            due.hint(self._empty_list)
            due.border_title = "Due"
            yield due
            garden = Vertical(id="garden", classes="pane")  # filled when first shown
            garden.border_title = "Garden"
            yield garden
        yield KeyBar(show_palette=True)

    def _layout(self, width: int) -> str:
        """The breakpoint's class for a screen ``width`` columns wide."""
        return next(name for start, name in reversed(self.HORIZONTAL_BREAKPOINTS)
                    if width >= start)

    def on_resize(self, event) -> None:
        width = event.size.width
        key = marks_key(contacts_width(width, self._layout(width)))
        contacts = self.query_one("#contacts")
        if contacts.border_subtitle != key:
            contacts.border_subtitle = key
        self.query_one(HistoryPane).width_hint = history_width(width, self._layout(width))

    def _first_contacts(self) -> FirstPage | None:
        """The list's first page: read ahead by another process, or else read here, not
        in a worker: there is no frame yet to keep responsive, and the first frame then
        shows rows instead of waiting a frame for a worker. If it fails, the list reads
        it again and says why."""
        ahead = self.app.read_ahead
        if ahead is not None and (first_page := ahead.first_page_if_ready()) is not None:
            return first_page
        try:
            return read_first_page(self.app.config.default_cadence_days)
        except StoreError:
            return None

    def on_mount(self) -> None:
        self.watch(self.app, "activity", self._show_activity, init=False)
        ahead, self.app.read_ahead = self.app.read_ahead, None
        if ahead is not None and (due := ahead.due_if_ready()) is not None:
            self._show_due(due)  # read by another process already: in the first frame
        elif ahead is not None:
            self.load_due(ahead)  # still being read by another process (or it failed)
        else:
            # Read once the first frame is drawn: the read shares the interpreter with the
            # frames, and on a big garden it would hold the first one back.
            self.call_after_refresh(self.load_due)
        if ahead is not None and self._followed is not None and not self.has_class("-narrow"):
            self._history_from(ahead)
        elif ahead is not None:
            ahead.history_not_wanted()

    def _show_activity(self, activity: str | None) -> None:
        """A line above the keys while something runs in the background (a capture);
        made the first time, so the first screen is not held back by it."""
        line = next(iter(self.query("#activity")), None)
        if line is None and activity is None:
            return
        if line is None:
            line = Static(id="activity", markup=False)
            self.mount(line, before=self.query_one(KeyBar))
        line.update(f"⟳ {activity}…" if activity else "")
        line.display = activity is not None

    def _history_from(self, ahead: ReadAhead) -> None:
        """The first row's history, read by another process: in the first frame if it is
        here already, else once it is (read here if that process failed)."""
        first = self._followed
        self._history_wanted = first
        if (history := ahead.history_if_ready()) is not None and history.card.id == first:
            self._show_history(history)
            return
        default, region = self.app.config.default_cadence_days, self.app.config.region

        def read() -> HistoryData | None:
            history = ahead.history()
            if history is None or history.card.id != first:
                return load_history(first, default, region)
            return history

        self._read_history(read)

    # --- panes ---------------------------------------------------------------------------

    @property
    def active_pane(self) -> str:
        focused = self.focused
        for pane in PANES:
            node = self.query_one(f"#{pane}")
            if focused is not None and (focused is node or node in focused.ancestors):
                return pane
        return next(p for p in PANES if self.query_one(f"#{p}").has_class("active"))

    def action_pane(self, pane: str) -> None:
        self._show_pane(pane)
        if pane == "garden":
            self.set_focus(self._overview())
            return
        target = {"contacts": ContactList, "history": HistoryPane, "due": DueList}[pane]
        self.set_focus(self.query_one(target))
        item = self.query_one(DueList).highlighted_item
        if pane == "due" and item is not None and item.contact_id is not None:
            self.open_contact(item.contact_id)  # History follows the Due cursor
        elif pane == "contacts":
            self._follow(self.query_one(ContactList).highlighted_contact_id)
        elif pane == "history" and self._followed not in (None, self._history_wanted):
            self._ask_history(self._followed)  # one pane at a time: read now it shows

    def _show_pane(self, pane: str) -> None:
        """Make ``pane`` the one shown when narrow (and the one lit in the pane bar); the
        garden overview stands alone, in the place of the three, when wide too."""
        for name in PANES:
            self.query_one(f"#{name}").set_class(name == pane, "active")
        self.query_one("#panes").set_class(pane == "garden", "-overview")
        self.query_one("#pane-bar", Static).update(pane_bar(pane, read_only=self.app.read_only))
        if pane == "garden":
            self._overview().shown()

    def _overview(self) -> GardenOverview:
        """The garden overview, made the first time it is asked for (the first screen
        does without it)."""
        found = self.query(GardenOverview)
        if found:
            return found.first()
        overview = GardenOverview(id="overview")
        self.query_one("#garden").mount(overview)
        return overview

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def _step_pane(self, step: int) -> None:
        """Tab goes round the three working panes; from the garden overview (4), which
        is a look rather than a place to work, back to them."""
        active = self.active_pane
        if active not in WORKING_PANES:
            self.action_pane(WORKING_PANES[0 if step > 0 else -1])
            return
        self.action_pane(WORKING_PANES[(WORKING_PANES.index(active) + step) % len(WORKING_PANES)])

    # --- data -----------------------------------------------------------------------------

    def load_due(self, ahead: ReadAhead | None = None) -> None:
        """Read today's queue into the Due pane, or take it from a read under way."""
        config = self.app.config
        read = (ahead.due if ahead is not None
                else lambda: queue.due_today(config, limit=queue.DUE_SHOWN))
        self.app.run_query(read, self._show_due, group="due", could_not="read today's queue",
                           failed=lambda message: self.query_one(DueList).show_message(message))

    def _show_due(self, due: queue.DueToday) -> None:
        self.query_one("#due").border_title = f"Due · {due.total}"
        self.query_one(DueList).show_items(due.items, due.total)

    def open_contact(self, contact_id: int, *, focus: bool = False) -> None:
        """Show this contact in History, and go there if ``focus``."""
        self._followed = contact_id
        self._ask_history(contact_id)
        if focus:
            self.action_pane("history")

    def _follow(self, contact_id: int | None) -> None:
        """The cursor is on this contact in Contacts: History shows them when it stands
        beside the list, else once it is shown (action_pane)."""
        if contact_id is None:
            return
        self._followed = contact_id
        if not self.has_class("-narrow") and contact_id != self._history_wanted:
            self._ask_history(contact_id)

    def _ask_history(self, contact_id: int) -> None:
        """Read a contact's history for the pane, one read at a time: when the cursor runs
        down a list, the reads keep up with where it is, not with every row it passed."""
        self._history_wanted = contact_id
        self._history_asked += 1
        if not self._history_reading:
            self._read_history()

    def _read_history(self, read=None) -> None:
        """Read the history wanted (``read``: how, if not from the store here)."""
        contact_id, asked = self._history_wanted, self._history_asked
        default, region = self.app.config.default_cadence_days, self.app.config.region
        self._history_reading = True

        def failed(_: str) -> None:
            self._history_reading = False

        self.app.run_query(read or (lambda: load_history(contact_id, default, region)),
                           lambda data: self._history_read(data, asked), group="history",
                           could_not="read this contact's history", failed=failed)

    def _history_read(self, data, asked: int) -> None:
        self._history_reading = False
        if asked != self._history_asked:
            self._read_history()  # asked again meanwhile: another contact, or a change
        else:
            self._show_history(data)

    def _show_history(self, data) -> None:
        pane = self.query_one(HistoryPane)
        pane.show(data)
        pane.border_title = safe(f"History · {data.card.display_name}") if data else "History"

    def on_garden_changed(self, _: GardenChanged) -> None:
        self.load_due()
        self.query_one(ContactList).reload()
        for overview in self.query(GardenOverview):
            overview.garden_changed()
        if self._history_wanted is not None:
            self._ask_history(self._history_wanted)

    def _update_contacts_title(self) -> None:
        contacts = self.query_one(ContactList)
        self.query_one("#contacts").border_title = contacts_title(contacts.count, contacts.sort)

    @on(ContactList.Counted)
    def _counted(self, event: ContactList.Counted) -> None:
        self._update_contacts_title()
        if not self.query_one(ContactList).search:
            self.query_one(HistoryPane).hint(event.count == 0)
            self.query_one(DueList).hint(event.count == 0)

    @on(ContactList.Highlighted)
    def _contact_highlighted(self, event: ContactList.Highlighted) -> None:
        if self.active_pane == "contacts":
            # After the frame: the first contact is highlighted as the screen is built,
            # and its history must not hold the first frame back.
            self.call_after_refresh(self._follow, event.contact_id)

    @on(ContactList.Selected)
    def _contact_selected(self, event: ContactList.Selected) -> None:
        self.open_contact(event.contact_id, focus=True)

    @on(DueList.ItemHighlighted)
    def _due_highlighted(self, event: DueList.ItemHighlighted) -> None:
        if event.item.contact_id is not None and self.active_pane == "due":
            self.open_contact(event.item.contact_id)

    @on(DueList.ItemSelected)
    async def _due_selected(self, event: DueList.ItemSelected) -> None:
        """Enter on an item: the regroup walk, the "let go?" question, or the person."""
        item = event.item
        if item.has("regroup"):
            await self.action_regroup()
        elif item.has("one_sided"):
            await self._ask_let_go(item)
        elif item.contact_id is not None:
            self.open_contact(item.contact_id, focus=True)

    async def _ask_let_go(self, item) -> None:
        from netgarden_tui.tui.screens.confirm import LetGoModal

        contact_id, name = item.contact_id, item.contact
        default = self.app.config.default_cadence_days
        answers = {
            "lower": (f"slow down with {name}",
                      lambda: tending.lower_cadence(contact_id, default_cadence=default),
                      lambda days: f"{name}: every {days} days from now on"),
            "archive": (f"archive {name}", lambda: actions.archive(contact_id),
                        lambda _: f"Archived {name} (u undoes)"),
            "keep": (f"keep trying with {name}", lambda: tending.keep_trying(contact_id),
                     lambda _: f"Keep trying with {name}: not asked again"),
        }

        def answered(answer: str | None) -> None:
            if answer is not None:
                label, write, said = answers[answer]
                self.app.perform(label, write,
                                 done=lambda result: self.notify(said(result)))

        reason = reason_text(item.first("one_sided"), clock.today())
        await self._open(LetGoModal(f"{name}: {reason}"), answered)

    # --- filter and sort ------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """While the filter has focus, every key is text (the screen's keys stand aside)."""
        return self._filter is None or self.focused is not self._filter

    async def action_filter(self) -> None:
        """Show the filter above the list, made on first use. Keys typed right after / wait
        in the queue while it is mounted, then go to it."""
        self._show_pane("contacts")
        if self._filter is None:
            self._filter = Input(placeholder="filter: name, company, notes… (enter opens, esc clears)",
                                 id="filter", compact=True)  # one row: the list keeps the rest
            await self.query_one("#contacts").mount(self._filter, before=0)
        self._filter.display = True
        self.set_focus(self._filter)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one(ContactList).search = event.value

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        contacts = self.query_one(ContactList)
        self.set_focus(contacts)
        contacts.select_first()

    def on_key(self, event) -> None:
        """Escape clears the filter: while typing it, or from the list it filters."""
        field = self._filter
        filtering = field is not None and (field.has_focus or (
            field.value and self.active_pane == "contacts"))
        if event.key == "escape" and filtering:
            event.stop()
            field.value = ""
            field.display = False
            self.set_focus(self.query_one(ContactList))

    def action_sort(self) -> None:
        contacts = self.query_one(ContactList)
        contacts.sort = SORTS[(SORTS.index(contacts.sort) + 1) % len(SORTS)]
        self._update_contacts_title()

    # --- actions on the selected contact ----------------------------------------------------

    def selected_contact(self) -> tuple[int, str] | None:
        """(id, name) of the contact the keys act on: under the cursor of the focused pane."""
        pane = self.active_pane
        if pane == "contacts":
            selected = self.query_one(ContactList).highlighted_contact
        elif pane == "due":
            item = self.query_one(DueList).highlighted_item
            selected = (item.contact_id, item.contact) if item and item.contact_id else None
        else:
            data = self.query_one(HistoryPane).data
            selected = (data.card.id, data.card.display_name) if data else None
        if selected is None:
            self.notify("Pick a contact first", severity="warning")
        return selected

    def _due_item(self):
        """The Due item under the cursor, when Due is the pane the keys act on."""
        return self.query_one(DueList).highlighted_item if self.active_pane == "due" else None

    def show_again(self, contact_id: int) -> None:
        """After an undo: Due's cursor on the person it brought back, once the queue reloads."""
        self.query_one(DueList).go_to(contact_id)

    def _moving_on(self, contact_id: int | None) -> None:
        """Something is being done with this person: in Due, the cursor goes on to the
        next item once the queue reloads (None: nothing after all)."""
        if self.active_pane == "due":
            self.query_one(DueList).move_on_from(contact_id)

    async def _open(self, screen, callback=None) -> None:
        """Push ``screen`` and wait until it is mounted and focused: keys typed behind the one
        that opened it wait in the queue meanwhile, and then go to the new screen."""
        await self.app.push_screen(screen, callback)

    async def action_quick_log(self) -> None:
        from netgarden_tui.tui.screens.quick_log import QuickLogModal

        if selected := self.selected_contact():
            contact_id, name = selected
            self._moving_on(contact_id)
            await self._open(QuickLogModal(contact_id, name, last_channel=self.app.last_channel),
                             lambda saved: None if saved else self._moving_on(None))

    async def action_call(self) -> None:
        from netgarden_tui.tui.screens.call import CallScreen

        if selected := self.selected_contact():
            await self._open(CallScreen(*selected))

    async def action_add(self) -> None:
        from netgarden_tui.tui.screens.contact_form import ContactFormModal

        await self._open(ContactFormModal(), self._open_saved_contact)

    async def action_edit(self) -> None:
        from netgarden_tui.tui.screens.contact_form import ContactFormModal

        if selected := self.selected_contact():
            await self._open(ContactFormModal(selected[0]), self._open_saved_contact)

    def _open_saved_contact(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.open_contact(contact_id)

    async def action_snooze(self) -> None:
        from netgarden_tui.tui.screens.snooze import SnoozeModal

        item = self._due_item()
        if item is not None and item.contact_id is None:  # the regroup review
            contact_id, name = None, REGROUP_NAME
        elif selected := self.selected_contact():
            contact_id, name = selected
        else:
            return
        config = self.app.config

        def snooze_until(day) -> None:
            if day is not None:
                self._moving_on(contact_id)
                self.app.perform(f"snooze {name}",
                                 lambda: tending.snooze_due(contact_id, day, config),
                                 done=lambda _: self.notify(snoozed_words(name, day)),
                                 failed=lambda _: self._moving_on(None))

        await self._open(SnoozeModal(name), snooze_until)

    def action_done(self) -> None:
        if not (selected := self.selected_contact()):
            return
        contact_id, name = selected
        item = self._due_item()
        on_item = item if item is not None and item.contact_id == contact_id else None
        self._moving_on(contact_id)
        self.app.perform(f"done with {name}",
                         lambda: tending.keep_a_promise(contact_id, name, on_item),
                         done=lambda said: self.notify(said),
                         failed=lambda _: self._moving_on(None))

    async def action_archive(self) -> None:
        from netgarden_tui.tui.screens.confirm import ConfirmModal

        if self._suggested_introduction(dismiss=True):
            return
        if not (selected := self.selected_contact()):
            return
        contact_id, name = selected

        def archive(yes: bool | None) -> None:
            if yes:
                self.app.perform(f"archive {name}", lambda: actions.archive(contact_id),
                                    done=lambda _: self.notify(f"Archived {name} (u undoes)"))

        await self._open(ConfirmModal(f"Archive {name}?", yes="Archive", no="Keep"), archive)

    async def action_tend(self, what: str) -> None:
        """A fact, favour, introduction, need or offer, or life event for the selected
        contact; on a suggested introduction in Due, ``i`` makes it."""
        from netgarden_tui.tui.screens.tending.fact import FactModal
        from netgarden_tui.tui.screens.tending.favour import FavourModal
        from netgarden_tui.tui.screens.tending.introduce import IntroduceModal
        from netgarden_tui.tui.screens.tending.life_event import LifeEventModal
        from netgarden_tui.tui.screens.tending.need import NeedModal

        if what == "introduce" and self._suggested_introduction(dismiss=False):
            return
        modal, saved = {
            "fact": (FactModal, "Noted for {name}"),
            "favour": (FavourModal, "Favour logged with {name}"),
            "introduce": (IntroduceModal, "Introduction recorded for {name}"),
            "need": (NeedModal, "Noted for {name}: Due suggests whom to introduce"),
            "life_event": (LifeEventModal, "Life event logged for {name}"),
        }[what]
        if selected := self.selected_contact():
            contact_id, name = selected

            def done(result: int | None) -> None:
                if result is not None:
                    self.notify(saved.format(name=name))

            await self._open(modal(contact_id, name), done)

    def _suggested_introduction(self, *, dismiss: bool) -> bool:
        """``i`` (or, with ``dismiss``, ``x``) on a Due item suggesting an introduction:
        make it (both get a follow-up, the need is met), or never suggest the pair again.
        Whether there was one to act on."""
        item = self._due_item()
        if item is None or not item.introductions:
            return False
        contact_id, suggested = item.contact_id, item.introductions[0]
        if dismiss:
            label = f"never suggest {item.contact} and {suggested.other}"
            write = partial(tending.dismiss_suggested_introduction, contact_id, suggested)
        else:
            label = f"introduce {item.contact} and {suggested.other}"
            write = partial(tending.make_suggested_introduction, contact_id, suggested)
        self._moving_on(contact_id)
        self.app.perform(label, write, done=lambda said: self.notify(said),
                         failed=lambda _: self._moving_on(None))
        return True

    async def action_who(self) -> None:
        from netgarden_tui.tui.screens.who import WhoScreen

        def opened(contact_id: int | None) -> None:
            if contact_id is not None:
                self.open_contact(contact_id, focus=True)

        await self._open(WhoScreen(), opened)

    async def action_acquaintances(self) -> None:
        from netgarden_tui.tui.screens.tending.acquaintances import AcquaintancesModal

        if selected := self.selected_contact():
            await self._open(AcquaintancesModal(*selected), self._open_saved_contact)

    async def action_favours(self) -> None:
        from netgarden_tui.tui.screens.tending.favours import FavoursModal

        if selected := self.selected_contact():
            await self._open(FavoursModal(*selected))

    async def action_move_circle(self) -> None:
        from netgarden_tui.tui.screens.contact_circle import MoveCircleModal

        if selected := self.selected_contact():
            await self._open(MoveCircleModal(*selected))

    async def action_circles(self) -> None:
        from netgarden_tui.tui.screens.circles import CirclesScreen

        await self._open(CirclesScreen())

    async def action_regroup(self) -> None:
        from netgarden_tui.tui.screens.regroup import RegroupScreen

        await self._open(RegroupScreen())

    async def action_review(self) -> None:
        from netgarden_tui.tui.screens.review import ReviewScreen

        def opened(contact_id: int | None) -> None:
            if contact_id is not None:
                self.open_contact(contact_id, focus=True)

        await self._open(ReviewScreen(), opened)
