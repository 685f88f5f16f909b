"""Add a contact (``a``) or edit one (``e``): one form, every field a line.

Editing can only add ways to reach someone and tags (``actions.edit_contact`` never removes
any), so in edit mode the ones a contact has are shown under their field, read-only, and the
field takes new ones.
"""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from netgarden_tui.garden import actions
from netgarden_tui.garden.card import birthday_words
from netgarden_tui.store import queries
from netgarden_tui.store.records import Birthday, ContactCard
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.screens.form import FormModal
from netgarden_tui.tui.text import safe, styled
from netgarden_tui.tui.widgets.date_field import DateField, a_birthday

# The one-line text fields, in order: (name, label, placeholder when adding, when editing).
TEXT_FIELDS = (
    ("name", "Name", "Ann Lee", "Ann Lee"),
    ("emails", "Emails", "ann@example.com, ann@work.com", "add more, comma-separated (these stay)"),
    ("phones", "Phones", "+44 20 7946 0000, ...", "add more, comma-separated (these stay)"),
    ("company", "Company", "", ""),
    ("role", "Role", "", ""),
    ("birthday", "Birthday", "MM-DD or YYYY-MM-DD", "MM-DD or YYYY-MM-DD (empty: unchanged)"),
    ("tags", "Tags", "mentor, fintech", "add more, comma-separated (these stay)"),
    ("cadence", "Every", "days between touches (empty: the circle's)",
     "days between touches (empty: unchanged)"),
    ("met", "Where met", "a conference, a friend's dinner", ""),
)
LISTED_FIELDS = {"emails": "email", "phones": "phone", "tags": "tag"}  # field -> what it lists


@dataclass(frozen=True)
class FormData:
    """What the form needs from the garden: the circles, and the card when editing."""

    circles: list[str]
    card: ContactCard | None


def load_form(contact_id: int | None, *, default_cadence: int) -> FormData:
    card = (queries.contact_card(contact_id, default_cadence=default_cadence)
            if contact_id is not None else None)
    return FormData(queries.circle_names(), card)


def prefill(card: ContactCard | None) -> dict[str, str]:
    """The form's starting values: empty when adding, the card's when editing."""
    values = dict.fromkeys([field[0] for field in TEXT_FIELDS] + ["circle", "notes"], "")
    if card is not None:
        values.update(name=card.display_name, circle=card.circle or "", company=card.company,
                      role=card.role, birthday=birthday_text(card.birthday),
                      cadence=str(card.own_cadence_days or ""), met=card.met_where,
                      notes=card.notes)
    return values


def birthday_text(birthday: Birthday | None) -> str:
    if birthday is None:
        return ""
    month_day = f"{birthday.month:02d}-{birthday.day:02d}"
    return f"{birthday.year:04d}-{month_day}" if birthday.year else month_day


def listed(card: ContactCard, field: str) -> list[str]:
    """The emails, phones or tags a contact already has."""
    if field == "tags":
        return list(card.tags)
    return [method.value for method in card.methods if method.kind == LISTED_FIELDS[field]]


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def contact_details(typed: dict[str, str]) -> actions.ContactDetails:
    """The form's text as the garden's ContactDetails; raises InvalidInput for a bad cadence."""
    cadence = typed["cadence"].strip()
    if cadence and not cadence.isdigit():
        raise actions.InvalidInput(f'"{cadence}" is not a number of days')
    return actions.ContactDetails(
        company=typed["company"].strip(), role=typed["role"].strip(),
        circle=typed["circle"] or None, birthday=typed["birthday"].strip() or None,
        cadence_days=int(cadence) if cadence else None, met=typed["met"].strip(),
        notes=typed["notes"].strip(), emails=split_list(typed["emails"]),
        phones=split_list(typed["phones"]), tags=split_list(typed["tags"]))


def save_contact(contact_id: int | None, typed: dict[str, str], *, old_name: str) -> int:
    """Add or edit from what the form holds (in a worker); the contact's id."""
    details = contact_details(typed)
    if contact_id is None:
        return actions.add_contact(typed["name"], details)
    rename = typed["name"] if typed["name"].strip() != old_name else None
    actions.edit_contact(contact_id, details, rename=rename)
    return contact_id


@keys_in_help("Add and edit (a, e)", order=90)
class ContactFormModal(FormModal[int | None]):
    """Add (``contact_id`` None) or edit a contact; dismisses with the contact's id.

    The fields are there at once, so a name typed straight after ``a`` is kept; the circles
    (and, when editing, the contact) arrive from a worker: until then the circle is a
    placeholder and, when editing, the form is disabled.
    """

    CSS_PATH = ["contact_form.tcss", "../widgets/date_field.tcss"]
    BINDINGS = [
        # Not a priority binding: it then reaches the form behind the keys typed before
        # it (a burst over a slow link), so the save sees all of them.
        Binding("ctrl+s", "save", "Save", id="contact_form.save",
                tooltip="Save the contact"),
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel",
                tooltip="Close without saving (asks first if you changed anything)"),
    ]

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.loaded = False
        self.initial = prefill(None)

    @property
    def editing(self) -> bool:
        return self.contact_id is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=False, disabled=self.editing) as dialog:
            dialog.border_title = "Edit a contact" if self.editing else "Add a contact"
            dialog.border_subtitle = "ctrl+s save · esc cancel"
            for name, label, add_hint, edit_hint in TEXT_FIELDS:
                field = self._field(name, edit_hint if self.editing else add_hint)
                yield self._row(label, field)
                if isinstance(field, DateField):
                    yield field.meaning
                if name == "name":
                    yield self._row("Circle", Static("loading…", id="circle-loading"))
                if name in LISTED_FIELDS:
                    yield Static(id=f"has-{name}", classes="has")
            yield self._row("Notes", TextArea(id="notes", compact=True))
            yield Static(id="status")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", compact=True, action="screen.save")
                yield Button("Cancel", compact=True, action="screen.cancel")

    @staticmethod
    def _field(name: str, placeholder: str) -> Input:
        """The field for one of TEXT_FIELDS; the birthday says what it means as it is typed."""
        if name == "birthday":
            return DateField(placeholder=placeholder, id=name, meaning_id="birthday-meaning",
                             reader=a_birthday, describe=birthday_words)
        return Input(placeholder=placeholder, id=name, compact=True,
                     type="integer" if name == "cadence" else "text")

    @staticmethod
    def _row(label: str, field: Widget) -> Horizontal:
        return Horizontal(Static(label, classes="label"), field, classes="row")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name", Input))  # at once: a name typed after `a` lands
        self.app.run_query(partial(load_form, self.contact_id,
                                   default_cadence=self.app.config.default_cadence_days),
                           self._show_form, group="contact_form", could_not="fill in the form")

    async def _show_form(self, data: FormData) -> None:
        if not self.is_attached:
            return
        if self.editing and data.card is None:
            self.notify("That contact is gone", severity="warning")
            self.dismiss(None)
            return
        if data.card is not None:
            self._fill(data.card)
        placeholder = self.query_one("#circle-loading")
        await placeholder.parent.mount(self._circle_select(data.circles), after=placeholder)
        await placeholder.remove()
        self.loaded = True
        if self.editing:
            self.query_one("#dialog").disabled = False
            self.query_one("#name", Input).focus()

    def _fill(self, card: ContactCard) -> None:
        """Show the contact being edited: its values in the fields, its lists under theirs."""
        self.initial = prefill(card)
        self.query_one("#dialog").border_title = styled("Edit [b]$name[/b]", name=card.display_name)
        for name, *_ in TEXT_FIELDS:
            self.query_one(f"#{name}", Input).value = self.initial[name]
        self.query_one("#notes", TextArea).text = self.initial["notes"]
        for name in LISTED_FIELDS:
            if values := listed(card, name):
                self.query_one(f"#has-{name}", Static).update(safe("has: " + ", ".join(values)))
                self.query_one(f"#has-{name}").display = True

    def _circle_select(self, circles: list[str]) -> Select:
        current = self.initial["circle"]
        if current and current not in circles:
            circles = [*circles, current]
        # edit_contact cannot take a circle away: an edited contact in a circle gets no blank.
        # Rich Text, not Content: Select's type-to-search only reads str and Text prompts.
        return Select([(Text(safe(name).plain), name) for name in circles], prompt="no circle",
                      allow_blank=not current, value=current or Select.NULL, id="circle",
                      compact=True)

    def typed(self) -> dict[str, str]:
        values = {name: self.query_one(f"#{name}", Input).value for name, *_ in TEXT_FIELDS}
        select = self.query_one_optional("#circle", Select)
        circle = self.initial["circle"] if select is None else select.value
        values["circle"] = "" if circle is Select.NULL else circle
        values["notes"] = self.query_one("#notes", TextArea).text
        return values

    def typed_anything(self) -> bool:
        return self.typed() != self.initial

    def discard_question(self) -> str:
        return "Throw away what you typed in this contact?"

    def action_save(self) -> None:
        if not self.loaded:
            return
        typed = self.typed()
        old_name = self.initial["name"]
        label = f"edit {old_name}" if self.editing else f"add {typed['name'].strip()}"
        self.save_with(label, partial(save_contact, self.contact_id, typed, old_name=old_name))
