"""Job changes: a re-import (LinkedIn's monthly export, a phone's vCards) that brings a new
company or job title for someone already in the garden.

The job they leave is kept as work history, and a "new job" life event puts them in Due
to be congratulated, as one logged by hand would. Only a real change counts: "Acme" and
"ACME Ltd." are one company, a company filled in where there was none is no change, and a
job already in their history (an older export read again) is not news.
"""

import re
from typing import NamedTuple

from netgarden_tui import clock
from netgarden_tui.store.records import ContactFields, PastJobRecord

# Legal forms that say nothing about which company it is.
LEGAL_FORMS = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "sa",
    "sas", "sarl", "srl", "spa", "bv", "nv", "co", "corp", "corporation", "company", "pty",
    "oy", "ab", "as", "kk", "pllc", "pc",
}
_WORDS = re.compile(r"[^\w]+")


class Job(NamedTuple):
    """A job as a card holds it."""

    company: str = ""
    department: str = ""
    role: str = ""


def company_key(company: str) -> str:
    """A company's name as compared: its words in lower case, legal forms dropped."""
    words = _WORDS.sub(" ", company.casefold()).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def title_key(title: str) -> str:
    return " ".join(_WORDS.sub(" ", title.casefold()).split())


def changed_job(contact: ContactFields, new: Job) -> PastJobRecord | None:
    """The job ``contact`` leaves when a file says they now hold ``new``, or None.

    A change needs something to change from: a company (or title) on the card, and a
    different one in the file. A job already in their work history is an older export,
    not a new job.
    """
    new_company = bool(contact.company and new.company
                       and company_key(contact.company) != company_key(new.company))
    new_title = bool(contact.role and new.role and title_key(contact.role) != title_key(new.role))
    if not (new_company or new_title) or is_past_job(contact, new):
        return None
    return PastJobRecord(contact.company, contact.department, contact.role, clock.today())


def is_past_job(contact: ContactFields, job: Job) -> bool:
    """Whether ``job`` is one the contact held before (an older file read again)."""
    return any(company_key(past.company) == company_key(job.company)
               and title_key(past.role) == title_key(job.role or past.role)
               for past in contact.past_jobs)


def describe(company: str, role: str) -> str:
    """"Head of Legal at Arden Capital", or either alone."""
    return " at ".join(part for part in (role, company) if part)
