"""CSV exports: LinkedIn's Connections.csv, Google Contacts (both headers), any CSV.

All three are one table-driven reader: each column of the header is resolved to a field
(``Column``), and every row becomes a draft through those columns. A postal address
spreads over several columns (street, city, ...): those of one address share a group.
"""

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from netgarden_tui.garden.actions import InvalidInput
from netgarden_tui.garden.formats import FORMULA_STARTS
from netgarden_tui.garden.importing.drafts import (
    BadRecord, ContactDraft, Parsed, SkippedRecord, address, birthday, day, draft, method,
)
from netgarden_tui.store.records import Address
from netgarden_tui.vocabulary import METHOD_KINDS

# What a field name in ``--map column=field`` may be; email, phone and url take a label
# after a colon ("email:work"), and "ignore" leaves a column out. "address" is a whole
# address in one cell.
FIELDS = ("name", "given_name", "family_name", "nickname", "company", "department", "role",
          "function", "email", "phone", "url", "address", "birthday", "anniversary", "met_on",
          "met_where", "notes", "tags", "uid", "ignore")
# A record is named from one of these (drafts.draft: the company, an email or a phone
# when it has no name).
NAMING_FIELDS = ("name", "given_name", "family_name", "company", "email", "phone")
NOT_KEPT = ("photo",)  # counted in the report when a row has one
# Address parts, by the words columns use for them (Google's, Outlook's, people's).
ADDRESS_PARTS = {
    **dict.fromkeys(("street", "street1", "street2", "street3", "streetaddress",
                     "address1", "address2", "addressline1", "addressline2"), "street"),
    **dict.fromkeys(("city", "town", "locality"), "locality"),
    **dict.fromkeys(("state", "region", "county", "province"), "region"),
    **dict.fromkeys(("postalcode", "postcode", "zip", "zipcode"), "postal_code"),
    **dict.fromkeys(("country", "countryregion"), "country"),
    **dict.fromkeys(("pobox", "addresspobox"), "po_box"),
    "extendedaddress": "extended",
    **dict.fromkeys(("address", "formatted", "fulladdress", "postaladdress"), "formatted"),
}
ADDRESS_LABELS = {"home": "home", "business": "work", "work": "work", "other": "other"}
# Outlook's and people's phone columns: "Business Fax", "Home Phone 2", "Mobile Phone".
PHONE_LABELS = {"business": "work", "companymain": "main", "assistants": "assistant"}
LABELLED_PHONE = re.compile(r"^(home|business|work|other|primary|car|companymain|assistants?|"
                            r"callback|radio|pager)?(phone|fax)\d?$")

# Header names people use, lowercased with everything but letters and digits dropped.
KNOWN_COLUMNS = {
    **dict.fromkeys(("name", "fullname", "displayname", "fn", "contact"), "name"),
    **dict.fromkeys(("firstname", "givenname", "first", "given", "forename"), "given_name"),
    **dict.fromkeys(("lastname", "familyname", "surname", "last", "family"), "family_name"),
    **dict.fromkeys(("nickname", "nick"), "nickname"),
    **dict.fromkeys(("email", "emailaddress", "mail", "emails", "email2address",
                     "email3address", "email2", "email3"), "email"),
    **dict.fromkeys(("phone", "telephone", "tel", "phonenumber", "phones"), "phone"),
    **dict.fromkeys(("mobile", "mobilephone", "cell", "cellphone"), "phone:mobile"),
    **dict.fromkeys(("url", "website", "web", "homepage", "link", "profile"), "url"),
    "linkedin": "url:linkedin",
    **dict.fromkeys(("company", "organization", "organisation", "org", "employer",
                     "organizationname", "organization1name"), "company"),
    **dict.fromkeys(("department", "organizationdepartment", "organization1department"),
                    "department"),
    **dict.fromkeys(("title", "jobtitle", "role", "position", "organizationtitle",
                     "organization1title"), "role"),
    **dict.fromkeys(("profession", "function"), "function"),
    **dict.fromkeys(("birthday", "bday", "birthdate", "dateofbirth", "dob"), "birthday"),
    **dict.fromkeys(("anniversary", "weddinganniversary"), "anniversary"),
    **dict.fromkeys(("webpage", "personalwebpage", "businesswebpage"), "url"),
    "photo": "photo",
    # Outlook's bookkeeping, filled in on every row: nothing a person would miss.
    **dict.fromkeys(("emailtype", "email2type", "email3type", "emaildisplayname",
                     "email2displayname", "email3displayname", "gender", "initials",
                     "priority", "private", "sensitivity", "internetfreebusy", "mileage",
                     "billinginformation", "directoryserver"), "ignore"),
    **dict.fromkeys(("notes", "note", "comments", "comment"), "notes"),
    **dict.fromkeys(("tags", "tag", "labels", "groups", "categories", "groupmembership"), "tags"),
    **dict.fromkeys(("met", "metwhere", "howmet", "wheremet", "metat"), "met_where"),
    **dict.fromkeys(("meton", "connectedon", "datemet", "firstmet", "metdate"), "met_on"),
    "uid": "uid",
}
LINKEDIN_HEADER = ("first name", "last name", "url")
# Google's numbered columns: "E-mail 2 - Value" with its "E-mail 2 - Label" (now) or
# "E-mail 2 - Type" (the older export); an address's parts are "Address 1 - City"...
GOOGLE_NUMBERED = re.compile(r"^(E-mail|Phone|Website|Event) (\d+) - Value$", re.IGNORECASE)
GOOGLE_ADDRESS = re.compile(r"^Address (\d+) - (.+)$", re.IGNORECASE)
GOOGLE_KINDS = {"e-mail": "email", "phone": "phone", "website": "url", "event": "event"}
MULTIPLE = " ::: "  # Google puts several values, or labels, in one cell this way
PHONES_APART = re.compile(r";(?!\s*ext\s*=)", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    field: str
    title: str  # the column's name in the header, for the report
    label: str = ""
    label_column: int | None = None  # Google: the label is in another column of the row
    part: str = ""  # an address's: an Address field, or "formatted" (the whole of it)
    group: str = ""  # the columns of one address share it


def parse_linkedin(text: str) -> Parsed:
    """LinkedIn's export: lines of notes, then the header, then one row per connection."""
    def is_header(row):
        return tuple(cell.strip().lower() for cell in row[:3]) == LINKEDIN_HEADER

    def resolve(header):
        columns = _generic_columns(header, {})
        url = next(i for i, name in enumerate(header) if name.strip().lower() == "url")
        return {**columns, url: Column("url", header[url].strip(), "linkedin")}

    return _parse(text, is_header, resolve, ",")


def parse_google(text: str) -> Parsed:
    return _parse(text, lambda row: any(cell.strip() for cell in row), _google_columns, ",")


def parse_csv(text: str, mapping: Mapping[str, str] | None = None) -> Parsed:
    """Any CSV with a header: known column names, and ``mapping`` (column -> field) for the rest."""
    return _parse(text, lambda row: any(cell.strip() for cell in row),
                  lambda header: _generic_columns(header, mapping or {}), _delimiter(text))


def looks_like_linkedin(rows: list[list[str]]) -> bool:
    return any(tuple(c.strip().lower() for c in row[:3]) == LINKEDIN_HEADER for row in rows)


def looks_like_google(header: list[str]) -> bool:
    return any(GOOGLE_NUMBERED.match(name.strip()) for name in header) or any(
        name.strip().lower() == "group membership" for name in header)


def first_rows(text: str, count: int = 12) -> list[list[str]]:
    """The first rows of a CSV text, for telling its kind; [] when it is not CSV at all."""
    try:
        reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=_delimiter(text))
        return [row for _, row in zip(range(count), reader)]
    except csv.Error:
        return []


def has_known_column(header: list[str], mapping: Mapping[str, str]) -> bool:
    mapped = {column.strip().casefold() for column in mapping}
    return any(_known_column(name) or name.strip().casefold() in mapped for name in header)


def _delimiter(text: str) -> str:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _normalised(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _column(spec: str, title: str) -> Column:
    field, _, label = spec.partition(":")
    if field == "address":  # --map COLUMN=address: the whole address in one cell
        return Column("address", title.strip(), part="formatted", group=title.strip())
    return Column(field, title.strip(), label)


def _known_column(name: str) -> Column | None:
    """The field of a column named as people (and Outlook) name them, or None."""
    key = _normalised(name)
    if spec := KNOWN_COLUMNS.get(key):
        return _column(spec, name)
    for prefix in ("", *ADDRESS_LABELS):
        part = ADDRESS_PARTS.get(key.removeprefix(prefix)) if key.startswith(prefix) else None
        if part:
            return Column("address", name.strip(), ADDRESS_LABELS.get(prefix, ""), part=part,
                          group=prefix)
    if phone := LABELLED_PHONE.match(key):
        where, kind = phone.groups()
        label = " ".join(word for word in (PHONE_LABELS.get(where, where), kind) if word
                         and word != "phone")
        return Column("phone", name.strip(), label)
    return None


def _generic_columns(header: list[str], mapping: Mapping[str, str]) -> dict[int, Column]:
    """Each column's field: the user's mapping first, then the names people use."""
    chosen = {column.strip().casefold(): spec for column, spec in mapping.items()}
    present = {name.strip().casefold() for name in header}
    missing = [column for column in mapping if column.strip().casefold() not in present]
    if missing:
        raise InvalidInput(f'no column "{missing[0]}" in the file '
                           f'(its columns: {", ".join(h.strip() for h in header)})')
    columns = {}
    for index, name in enumerate(header):
        spec = chosen.get(name.strip().casefold())
        column = _column(spec, name) if spec else _known_column(name)
        if column:
            columns[index] = column  # "ignore" too: what the user (or KNOWN_COLUMNS) left out
    return _without_honorific(columns, chosen)


def _without_honorific(columns: dict[int, Column], chosen: Mapping[str, str]) -> dict[int, Column]:
    """Beside a "Job Title" column, "Title" is Mr, Ms or Dr (Outlook writes both): not
    the job, unless the user mapped it so."""
    titled = [index for index, column in columns.items() if column.field == "role"]
    if len(titled) < 2:
        return columns
    return {index: column for index, column in columns.items()
            if not (column.field == "role" and _normalised(column.title) == "title"
                    and column.title.casefold() not in chosen)}


def _google_columns(header: list[str]) -> dict[int, Column]:
    positions = {name.strip().lower(): index for index, name in enumerate(header)}

    def label_column(prefix: str) -> int | None:
        for word in ("label", "type"):
            if f"{prefix} - {word}".lower() in positions:
                return positions[f"{prefix} - {word}".lower()]
        return None

    columns = {}
    for index, name in enumerate(header):
        name = name.strip()
        numbered = GOOGLE_NUMBERED.match(name)
        in_address = GOOGLE_ADDRESS.match(name)
        if numbered:
            kind, number = numbered.groups()
            columns[index] = Column(GOOGLE_KINDS[kind.lower()], name,
                                    label_column=label_column(f"{kind} {number}"))
        elif in_address and (part := ADDRESS_PARTS.get(_normalised(in_address[2]))):
            columns[index] = Column("address", name, part=part, group=in_address[1],
                                    label_column=label_column(f"Address {in_address[1]}"))
        elif column := _known_column(name):
            columns[index] = column
    return columns


def check_mapping(mapping: Mapping[str, str]) -> None:
    for column, spec in mapping.items():
        field, _, label = spec.partition(":")
        if field not in FIELDS or (label and field not in METHOD_KINDS):
            raise InvalidInput(f'can\'t map "{column}" to "{spec}" (fields: {", ".join(FIELDS)}; '
                               "email, phone and url take a label: email:work)")


# --- reading rows ------------------------------------------------------------------------

def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]] | SkippedRecord]:
    """(first line, cells) of each row; a row the csv module can't read is skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield SkippedRecord(start, f"can't read the row: {error}")
        else:
            yield start, row
        start = reader.line_num + 1


def _parse(text: str, is_header: Callable[[list[str]], bool],
           resolve: Callable[[list[str]], dict[int, Column]], delimiter: str) -> Parsed:
    rows = _rows(text, delimiter)
    header = next((row for row in rows if not isinstance(row, SkippedRecord) and is_header(row[1])),
                  None)
    if header is None:
        raise InvalidInput("no header row found")
    header_cells = header[1]
    columns = resolve(header_cells)
    if not any(c.field in NAMING_FIELDS for c in columns.values()):
        raise InvalidInput("no name column in the header (name it, or use --map COLUMN=name)")
    parsed, used = Parsed(), set()
    for row in rows:
        if isinstance(row, SkippedRecord):
            parsed.records.append(row)
        elif any(cell.strip() for cell in row[1]):
            record = _record(*row, header_cells, columns)
            parsed.records.append(record)
            used.update(i for i, cell in enumerate(row[1]) if cell.strip())
            if isinstance(record, ContactDraft):
                parsed.not_kept.update(column.field for index, column in columns.items()
                                       if column.field in NOT_KEPT and index < len(row[1])
                                       and row[1][index].strip())
    parsed.ignored_columns = tuple(header_cells[i].strip() for i in sorted(used)
                                   if i < len(header_cells) and i not in columns
                                   and not _is_label_column(i, columns))
    return parsed


def _is_label_column(index: int, columns: dict[int, Column]) -> bool:
    return any(column.label_column == index for column in columns.values())


def _record(line: int, cells: list[str], header: list[str],
            columns: dict[int, Column]) -> ContactDraft | SkippedRecord:
    filled = [(column, _as_typed(cells[index])) for index, column in columns.items()
              if index < len(cells) and cells[index].strip()]
    name = " ".join(next((cell for column, cell in filled if column.field == field), "")
                    for field in ("name", "given_name", "family_name")).strip()
    if len(cells) < len(header):
        return SkippedRecord(line, f"the row is cut short ({len(cells)} of {len(header)} "
                                   "columns)", name=name)
    try:
        return _draft(line, filled, cells)
    except BadRecord as error:
        return SkippedRecord(line, str(error), name=name)


def _draft(line: int, filled: list[tuple[Column, str]], cells: list[str]) -> ContactDraft:
    """A draft from a row's filled cells; a field given by two columns takes the first."""
    first: dict[str, tuple[Column, str]] = {}
    methods, tags, notes, addresses = [], [], [], {}
    for column, cell in filled:
        if column.field == "ignore":
            continue
        label = column.label or _google_label(cells, column.label_column)
        if column.field in METHOD_KINDS:
            methods += [method(column.field, value, label)
                        for value in _split_methods(column.field, cell)]
        elif column.field == "address":
            parts = addresses.setdefault(column.group, {"label": label})
            parts[column.part] = "\n".join(filter(None, (parts.get(column.part), cell)))
        elif column.field == "event":  # Google: an anniversary, or another day worth a note
            if label.lower() == "anniversary":
                first.setdefault("anniversary", (column, cell))
            else:
                notes.append(f"{label or 'Event'}: {cell.strip()}")
        elif column.field == "tags":
            tags += _tags(cell)
        elif column.field == "notes":
            notes.append(cell)
        else:
            first.setdefault(column.field, (column, cell))

    def text(field: str) -> str:
        return first[field][1] if field in first else ""

    def yearly(field: str, title: str):
        """A birthday or anniversary; one that is not a date becomes a line of the notes."""
        try:
            return birthday(text(field))
        except BadRecord:
            notes.append(f"{title}: {text(field).strip()}")
            return None

    try:
        met_on = day(text("met_on"), "") if "met_on" in first else None
    except BadRecord:  # kept as the file wrote it
        met_on = None
        notes.append(f"{first['met_on'][0].title}: {text('met_on').strip()}")
    return draft(
        line, display_name=text("name"), given_name=text("given_name"),
        family_name=text("family_name"), nickname=text("nickname"), company=text("company"),
        department=text("department"), role=text("role"), function=text("function"),
        met_where=text("met_where"), met_on=met_on, birthday=yearly("birthday", "Birthday"),
        anniversary=yearly("anniversary", "Anniversary"), external_uid=text("uid").strip(),
        methods=methods, tags=tags, notes=notes,
        addresses=[_address(parts) for parts in addresses.values()])


def _address(parts: dict[str, str]) -> Address | None:
    """An address from its columns: the parts, or the formatted whole when there are none."""
    formatted = parts.pop("formatted", "")
    label = parts.pop("label", "")
    if not any(value.strip() for value in parts.values()):
        parts = {"street": formatted}
    return address(label, **parts)


def _as_typed(cell: str) -> str:
    """A cell without the apostrophe a spreadsheet export (netgarden's own too) puts before
    what a spreadsheet would take for a formula: "'+44 20 7946 0000"."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _google_label(row: list[str], label_column: int | None) -> str:
    if label_column is None or label_column >= len(row):
        return ""
    return row[label_column].split(MULTIPLE)[0].strip().lstrip("*").strip()


def _split_methods(kind: str, cell: str) -> list[str]:
    """The values of a cell: Google's " ::: " between them, or a semicolon (but not the
    one of a phone's ";ext=")."""
    separator = PHONES_APART if kind == "phone" else ";"
    return [value for part in cell.split(MULTIPLE) for value in re.split(separator, part)]


def _tags(cell: str) -> list[str]:
    """Tags of a cell, split on Google's " ::: " (else commas or semicolons), with the
    "* " of Google's system groups taken off (drafts.draft drops its everyone-group)."""
    parts = cell.split(MULTIPLE) if MULTIPLE in cell else re.split(r"[;,]", cell)
    return [part.strip().lstrip("*").strip() for part in parts]
