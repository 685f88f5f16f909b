"""The card: what is worth seeing about a contact at a glance, as (label, value) pairs."""

from netgarden_tui import clock, phones
from netgarden_tui.garden.dates import describe_date, short_date
from netgarden_tui.garden.display import meeting_kind, meeting_when, when
from netgarden_tui.garden.queue import next_birthday
from netgarden_tui.store.records import Address, Birthday, ContactCard


def card_fields(card: ContactCard, *, region: str | None = None) -> list[tuple[str, str]]:
    """Shared by `netgarden show` and the TUI's History pane. ``region`` is the config's
    home region: phones are shown in international format where they can be read."""
    fields = []
    work = job_words(card.company, card.department, card.role)
    if work:
        fields.append(("work", work))
    if card.function:
        fields.append(("function", card.function))
    for method in card.methods:
        value = (phones.international(method.value, region) if method.kind == "phone"
                 else method.value)
        fields.append((method.kind, value + (f" ({method.label})" if method.label else "")))
    for address in card.addresses:
        fields.append((f"{address.label} address".strip(), address_words(address)))
    circle = card.circle or "no circle"
    fields.append(("keep in touch", f"{circle}, every {card.cadence_days} days"))
    fields.append(("next due", describe_date(card.next_due)))
    if card.last_touch_at:
        fields.append(("last touch", when(card.last_touch_at)))
    for meeting in card.meetings:
        summary = f": {meeting.summary}" if meeting.summary else ""
        fields.append(("coming up", f"{meeting_when(meeting.starts_at, meeting.whole_day)} · "
                                    f"{meeting_kind(meeting.channel)}{summary}"))
    if card.snoozed_until:
        fields.append(("snoozed", describe_date(card.snoozed_until)))
    if card.birthday:
        fields.append(("birthday", birthday_words(card.birthday)))
    if card.anniversary:
        fields.append(("anniversary", _yearly_words(card.anniversary, "{} years")))
    if card.met_where or card.met_on:
        met = card.met_where + (f" ({card.met_on.isoformat()})" if card.met_on else "")
        fields.append(("met", met.strip()))
    if card.introduced_by:
        fields.append(("introduced by", card.introduced_by))
    if card.balance.gave or card.balance.took:
        fields.append(("give / take", f"gave {card.balance.gave} · took {card.balance.took}"))
    if card.unanswered_in_a_row:
        unanswered = card.unanswered_in_a_row
        fields.append(("no reply", "to your last message" if unanswered == 1
                       else f"to your last {unanswered} messages"))
    if card.tags:
        fields.append(("tags", ", ".join(card.tags)))
    for job in reversed(card.past_jobs):
        until = f", until {short_date(job.ended_on)}" if job.ended_on else ""
        fields.append(("worked", job_words(job.company, job.department, job.role) + until))
    return fields


def job_words(company: str, department: str, role: str) -> str:
    """"Head of Legal — Arden Capital (Legal)": the title, the company and its department."""
    where = f"{company} ({department})" if company and department else company or department
    return " — ".join(part for part in (role, where) if part)


def address_words(address: Address, separator: str = ", ") -> str:
    """An address on one line: its parts in the order a letter has them (a street on two
    lines is two parts)."""
    parts = (address.po_box, address.extended, address.street, address.locality,
             " ".join(p for p in (address.region, address.postal_code) if p), address.country)
    return separator.join(line for part in parts for line in part.splitlines() if line.strip())


def birthday_words(birthday: Birthday) -> str:
    """When it next comes: "Sat 12 Jun, turns 40"."""
    return _yearly_words(birthday, "turns {}")


def _yearly_words(day: Birthday, years: str) -> str:
    """The next time a birthday (or an anniversary) comes round: "Sat 12 Jun, turns 40"."""
    upcoming = next_birthday(day, clock.today())
    count = f", {years.format(upcoming.year - day.year)}" if day.year else ""
    return f"{short_date(upcoming)}{count}"
