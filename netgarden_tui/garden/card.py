"""The card: what is worth seeing about a contact at a glance, as (label, value) pairs."""

from netgarden_tui import clock
from netgarden_tui.garden.dates import describe_date, short_date
from netgarden_tui.garden.display import when
from netgarden_tui.garden.queue import next_birthday
from netgarden_tui.store.records import ContactCard


def card_fields(card: ContactCard) -> list[tuple[str, str]]:
    """Shared by `netgarden show` and the TUI's History pane."""
    fields = []
    work = " — ".join(part for part in (card.role, card.company) if part)
    if work:
        fields.append(("work", work))
    for method in card.methods:
        fields.append((method.kind, method.value + (f" ({method.label})" if method.label else "")))
    circle = card.circle or "no circle"
    fields.append(("keep in touch", f"{circle}, every {card.cadence_days} days"))
    fields.append(("next due", describe_date(card.next_due)))
    if card.last_touch_at:
        fields.append(("last touch", when(card.last_touch_at)))
    if card.snoozed_until:
        fields.append(("snoozed", describe_date(card.snoozed_until)))
    if card.birthday:
        upcoming = next_birthday(card.birthday, clock.today())
        age = f", turns {upcoming.year - card.birthday.year}" if card.birthday.year else ""
        fields.append(("birthday", f"{short_date(upcoming)}{age}"))
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
    return fields
