"""The regroup: every couple of months, a walk through your circles to regroup your ties.

A full-screen walk, one circle at a time ("Clients · 2 of 6 circles"), through each circle's
contacts with their activity: touches in the last 90 days, the last touch, favours given
and taken. One key deals with the highlighted contact: ``m`` moves them to another circle,
``c`` changes their cadence, ``x`` archives them, ``space`` keeps them as they are and goes
on. ``f`` finishes: the day is recorded, so Due stops asking to regroup, and a summary says
what changed. ``escape`` leaves without finishing, without asking: every change was saved
when it was made (and ``u`` undoes it), so leaving loses nothing but the finish.

Circles with nobody in them are left out of the walk. A big circle shows its ``PAGE``
contacts touched longest ago, then "… and N more": moving or archiving some brings the
next ones up.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from netgarden_tui.config import Config
from netgarden_tui.garden import actions, tending
from netgarden_tui.garden.dates import relative_day, short_date
from netgarden_tui.garden.display import local
from netgarden_tui.store import queries
from netgarden_tui.store.records import CircleHealth, RegroupRow
from netgarden_tui.tui.circle_health import circle_title, health_words, load_health
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.screens.confirm import ConfirmModal
from netgarden_tui.tui.screens.contact_circle import CadenceModal, MoveCircleModal
from netgarden_tui.tui.text import safe
from netgarden_tui.tui.widgets.key_bar import KeyBar
from netgarden_tui.tui.widgets.tables import cut, fill_table

PAGE = 200  # contacts read per circle: a regroup looks at those touched longest ago first
NAME_COLUMN_WIDTH = 22  # the line under the table has the whole name
COLUMNS = ("Name", f"{tending.REGROUP_ACTIVITY_DAYS} days", "Last touch", "Give / take", "Every")
# Which actions each state of the screen offers (the key bar shows only these).
ACTIONS_BY_STATE = {
    "loading": {"leave"},
    "circle": {"move", "cadence", "archive", "keep", "cursor", "next_circle",
               "previous_circle", "finish", "leave"},
    "empty": {"finish", "leave"},
}
SCREEN_ACTIONS = set().union(*ACTIONS_BY_STATE.values())
CONTACT_ACTIONS = {"move", "cadence", "archive", "keep"}


@dataclass(frozen=True)
class CirclePage:
    """Every circle's counts, and the first page of one circle's contacts."""

    health: list[CircleHealth]
    rows: list[RegroupRow]


def load_page(circle_id: int | None, config: Config) -> CirclePage:
    rows = queries.regroup_rows(circle_id, default_cadence=config.default_cadence_days,
                                active_since=tending.regroup_activity_since(), limit=PAGE)
    return CirclePage(load_health(config), rows)


@dataclass
class Tally:
    """Who was changed in this regroup, by what (a contact counts once per kind)."""

    moved: set[int] = field(default_factory=set)
    slowed: set[int] = field(default_factory=set)
    sped_up: set[int] = field(default_factory=set)
    archived: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.moved or self.slowed or self.sped_up or self.archived)

    def words(self) -> str:
        """ "2 moved, 1 slowed, 1 archived" (and "1 sped up" when any was)."""
        counts = [(len(self.moved), "moved"), (len(self.slowed), "slowed"),
                  (len(self.sped_up), "sped up"), (len(self.archived), "archived")]
        return ", ".join(f"{count} {what}" for count, what in counts
                         if count or what != "sped up")


def touches_words(count: int, *, none: str = "none") -> str:
    return {0: none, 1: "1 touch"}.get(count, f"{count} touches")


def last_touch_words(row: RegroupRow) -> str:
    """ "3 days ago", or "never"."""
    return relative_day(local(row.last_touch_at).date()) if row.last_touch_at else "never"


def balance_words(row: RegroupRow) -> str:
    """ "gave 2 · took 1", or "" when no favour went either way."""
    gave, took = row.balance.gave, row.balance.took
    return f"gave {gave} · took {took}" if gave or took else ""


def row_cells(row: RegroupRow) -> tuple[Content, ...]:
    """The table's cells (plain styles: a DataTable cell does not resolve $variables)."""
    balance = balance_words(row)
    return (cut(safe(row.contact), NAME_COLUMN_WIDTH),
            Content.styled(touches_words(row.touches_recently),
                           "" if row.touches_recently else "dim"),
            Content.styled(last_touch_words(row), "" if row.last_touch_at else "yellow"),
            Content(balance) if balance else Content.styled("—", "dim"),
            Content(f"{row.cadence_days}d" + (" own" if row.own_cadence_days else "")))


def row_detail(row: RegroupRow, circle_days: int) -> Content:
    """Everything about the highlighted contact, in words that wrap."""
    if row.last_touch_at:
        day = local(row.last_touch_at).date()
        last = f"last touch {relative_day(day)} ({short_date(day)})"
    else:
        last = "never in touch"
    balance = balance_words(row) or "no favours either way"
    pace = f"every {row.cadence_days} days"
    if row.own_cadence_days:
        pace += f" (their own; the circle's is {circle_days})"
    return Content.assemble(
        safe(row.contact).stylize("bold"),
        f" · {touches_words(row.touches_recently, none='no touches')} in the last "
        f"{tending.REGROUP_ACTIVITY_DAYS} days · {last} · {balance} · {pace}")


@keys_in_help("Regroup (R)", order=220)
class RegroupScreen(Screen[None]):
    CSS_PATH = "regroup.tcss"
    BINDINGS = [
        Binding("m", "move", "Move", id="regroup.move",
                tooltip="Move the highlighted contact to another circle"),
        Binding("c", "cadence", "Cadence", id="regroup.cadence",
                tooltip="Change how often to be in touch with the highlighted contact"),
        Binding("x", "archive", "Archive", id="regroup.archive",
                tooltip="Archive the highlighted contact (u undoes it)"),
        Binding("space", "keep", "Keep", id="regroup.keep",
                tooltip="Keep the highlighted contact as they are and go on to the next"),
        Binding("n", "next_circle", "Next", id="regroup.next_circle",
                tooltip="On to the next circle"),
        Binding("p", "previous_circle", "Previous circle", id="regroup.previous_circle",
                show=False, tooltip="Back to the previous circle"),
        # Not shown: tab and shift+tab are first in Screen's bindings, so the key bar would
        # show them in front of everything else.
        Binding("tab", "next_circle", "Next circle", show=False, id="regroup.next_circle_tab",
                tooltip="On to the next circle"),
        Binding("shift+tab", "previous_circle", "Previous circle", show=False,
                id="regroup.previous_circle_tab", tooltip="Back to the previous circle"),
        Binding("f", "finish", "Finish", id="regroup.finish",
                tooltip="Finish the regroup: Due stops asking for one until the next is due"),
        Binding("j", "cursor(1)", "Down", show=False, id="regroup.down",
                tooltip="Next contact"),
        Binding("k", "cursor(-1)", "Up", show=False, id="regroup.up",
                tooltip="Previous contact"),
        Binding("escape,q", "leave", "Leave", id="regroup.leave",
                tooltip="Leave without finishing (every change made is kept)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state = "loading"
        self.walk: list[CircleHealth] = []  # the circles with contacts, as they were at the start
        self.index = 0
        self.rows: list[RegroupRow] = []
        self.rows_loaded = False
        self.tally = Tally()
        self.finishing = False

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Regroup", "bold"), id="regroup-progress")
        yield Static(id="regroup-circle")
        yield DataTable(id="regroup-table", cursor_type="row")
        yield Static(id="regroup-more")
        yield Static(id="regroup-detail")
        yield Static(Content.styled("Loading your circles…", "$text-muted"), id="regroup-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self._set_state("loading")
        self.app.run_query(partial(load_health, self.app.config), self._walk_loaded,
                           group="regroup circles")

    def _walk_loaded(self, health: list[CircleHealth]) -> None:
        if not self.is_attached:
            return
        self.walk = [circle for circle in health if circle.contacts]
        if self.walk:
            self._show_circle(0)
            return
        self.query_one("#regroup-message", Static).update(Content.assemble(
            ("Nobody to regroup yet", "bold"), "\n\n",
            ("f records the regroup as done; escape leaves.", "$text-muted")))
        self._set_state("empty")

    def _set_state(self, state: str) -> None:
        self.state = state
        for part in ("#regroup-circle", "#regroup-table", "#regroup-more", "#regroup-detail"):
            self.query_one(part).display = state == "circle"
        self.query_one("#regroup-message").display = state != "circle"
        self.refresh_bindings()

    # --- one circle at a time -------------------------------------------------------------

    @property
    def circle(self) -> CircleHealth:
        return self.walk[self.index]

    @property
    def circle_days(self) -> int:
        """The highlighted circle's cadence (the default for "No circle")."""
        return self.circle.cadence_days or self.app.config.default_cadence_days

    @property
    def row(self) -> RegroupRow | None:
        if self.state != "circle" or not self.rows_loaded:
            return None
        index = self.query_one(DataTable).cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_circle(self, index: int) -> None:
        self.index = index
        self.rows, self.rows_loaded = [], False
        table = self.query_one(DataTable)
        table.clear()
        self._set_state("circle")
        table.focus()  # arrows, page keys, home and end move through the contacts
        self._show_heading()
        self.query_one("#regroup-detail", Static).update(
            Content.styled("Loading this circle…", "$text-muted"))
        self.query_one("#regroup-more").display = False
        self._load_rows()

    def _load_rows(self) -> None:
        self.app.run_query(partial(load_page, self.circle.circle_id, self.app.config),
                           partial(self._rows_loaded, self.index), group="regroup rows")

    @on(GardenChanged)
    def _reload(self) -> None:
        if self.state == "circle":
            self._load_rows()

    def _rows_loaded(self, index: int, page: CirclePage) -> None:
        if not self.is_attached or self.state != "circle" or index != self.index:
            return  # left, or on another circle since
        self._update_counts(page.health)
        table = self.query_one(DataTable)
        keep = self.row.contact_id if self.row else None
        position = table.cursor_row
        self.rows, self.rows_loaded = page.rows, True
        fill_table(table, COLUMNS, [row_cells(row) for row in page.rows],
                   [str(row.contact_id) for row in page.rows])
        ids = [row.contact_id for row in page.rows]
        # The same contact if still here; else (moved, archived) whoever took their place.
        position = ids.index(keep) if keep in ids else position
        if page.rows:
            table.move_cursor(row=min(max(position, 0), len(page.rows) - 1), scroll=True)
        self._show_heading()
        self._show_more()
        self._show_detail()

    def _update_counts(self, health: Iterable[CircleHealth]) -> None:
        """Fresh counts for the circles of the walk (its order stays as it started)."""
        fresh = {circle.circle_id: circle for circle in health}
        self.walk = [fresh.get(circle.circle_id, circle) for circle in self.walk]

    def _show_heading(self) -> None:
        circle = self.circle
        progress = [circle_title(circle).stylize("bold"),
                    f" · {self.index + 1} of {len(self.walk)} circles"]
        if self.tally:
            progress.append((f"   so far: {self.tally.words()}", "$text-muted"))
        self.query_one("#regroup-progress", Static).update(Content.assemble(*progress))
        self.query_one("#regroup-circle", Static).update(
            health_words(circle, default_cadence=self.app.config.default_cadence_days,
                         named=False))

    def _show_more(self) -> None:
        more = self.circle.contacts - len(self.rows)
        line = self.query_one("#regroup-more", Static)
        line.display = more > 0 and len(self.rows) >= PAGE
        line.update(Content.styled(
            f"… and {more} more, touched more recently: moving or archiving some here "
            "brings them up", "$text-muted"))

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        detail = self.query_one("#regroup-detail", Static)
        row = self.row
        if row is not None:
            detail.update(row_detail(row, self.circle_days))
        elif self.rows_loaded:
            detail.update(Content.styled("Nobody left in this circle: n goes on to the next.",
                                         "$text-muted"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that mean something now; the key bar shows just those."""
        if action not in SCREEN_ACTIONS:
            return True
        if action not in ACTIONS_BY_STATE[self.state]:
            return False
        if action in CONTACT_ACTIONS and self.row is None:
            return None
        if action == "finish" and self.finishing:
            return None
        return True

    # --- moving through the walk -----------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def action_keep(self) -> None:
        table = self.query_one(DataTable)
        if table.cursor_row + 1 < len(self.rows):
            table.action_cursor_down()
        else:
            self.action_next_circle()

    def action_next_circle(self) -> None:
        if self.index + 1 < len(self.walk):
            self._show_circle(self.index + 1)
        else:
            self.notify("That was the last circle: f finishes the regroup")

    def action_previous_circle(self) -> None:
        if self.index > 0:
            self._show_circle(self.index - 1)
        else:
            self.app.bell()

    def action_finish(self) -> None:
        if self.finishing:
            return
        self.finishing = True
        self.refresh_bindings()
        summary = f"Regroup done: {self.tally.words()}"

        def finished(_) -> None:
            self.notify(summary)
            self.dismiss(None)

        def failed(_message: str) -> None:
            self.finishing = False
            self.refresh_bindings()

        self.app.perform("finish the regroup", tending.finish_regroup, done=finished,
                         failed=failed)

    def action_leave(self) -> None:
        if self.finishing:
            return  # closes by itself once the finish is saved
        self.notify("Regroup not finished: Due keeps asking until one is (f finishes)")
        self.dismiss(None)

    # --- dealing with a contact ---------------------------------------------------------------

    def action_move(self) -> None:
        row = self.row

        def moved(circle: str | None) -> None:
            if circle is not None:
                self.tally.moved.add(row.contact_id)
                self._show_heading()

        self.app.push_screen(MoveCircleModal(row.contact_id, row.contact), moved)

    def action_cadence(self) -> None:
        row = self.row

        def paced(days: int | None) -> None:
            if days is None:
                return
            self.tally.slowed.discard(row.contact_id)
            self.tally.sped_up.discard(row.contact_id)
            if days > row.cadence_days:
                self.tally.slowed.add(row.contact_id)
            elif days < row.cadence_days:
                self.tally.sped_up.add(row.contact_id)
            self.notify(f"{row.contact}: every {days} days")
            self._show_heading()
            if self.row is not None and self.row.contact_id == row.contact_id:
                self.action_cursor(1)  # on to the next; the reload keeps the cursor there

        self.app.push_screen(CadenceModal(row.contact_id, row.contact,
                                          own_days=row.own_cadence_days,
                                          circle=self.circle.name, circle_days=self.circle_days),
                             paced)

    def action_archive(self) -> None:
        row = self.row

        def archived(_) -> None:
            self.tally.archived.add(row.contact_id)
            self.notify(f"archived {row.contact} (u undoes it)")
            self._show_heading()

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.perform(f"archive {row.contact}",
                                 partial(actions.archive, row.contact_id), done=archived)

        self.app.push_screen(ConfirmModal(f"Archive {row.contact}?", yes="Archive", no="Keep"),
                             answered)
