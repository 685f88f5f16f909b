"""Finding the contact a typed name means: exact, then a unique prefix, then fuzzy; and
the contacts a name being typed may mean, for a picker.

``#12`` names a contact by id, the way out when two people share a name.
"""

from netgarden_tui.store import queries

FUZZY_ACCEPT = 90  # a fuzzy match this good, and clearly the best, is taken
FUZZY_SUGGEST = 70
FUZZY_FROM = 3  # letters typed before contacts_like looks for typos
LISTED = 8


class ContactLookupError(LookupError):
    """The base of the lookup errors; str() is one line for the user."""


class NoSuchContact(ContactLookupError):
    pass


class AmbiguousName(ContactLookupError):
    pass


def resolve_contact(text: str) -> tuple[int, str]:
    """The (id, display name) of the one contact ``text`` names."""
    text = " ".join(text.split())
    if not text:
        raise NoSuchContact("no name given")
    if text.startswith("#") and text[1:].isdigit():
        return _by_id(int(text[1:]))
    exact = queries.contacts_named(text)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise AmbiguousName(f'{len(exact)} contacts are named "{text}": {_listing(exact)}')
    prefixed = queries.contacts_with_name_prefix(text, limit=LISTED + 1)
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        more = " ..." if len(prefixed) > LISTED else ""
        raise AmbiguousName(f'"{text}" matches several contacts: {_listing(prefixed[:LISTED])}{more}')
    if text.isdigit():  # a number from `netgarden list`, typed without its #
        raise NoSuchContact(f'no contact named "{text}" (contact number {text} is "#{text}")')
    return _fuzzy(text)


def _by_id(contact_id: int) -> tuple[int, str]:
    card = queries.contact_name(contact_id)
    if card is None:
        raise NoSuchContact(f"no contact #{contact_id}")
    return contact_id, card


def closest_contacts(text: str, *, limit: int = 3,
                     cutoff: float = FUZZY_SUGGEST) -> list[tuple[str, float, int]]:
    """(name, score, id) of the contacts whose names look most like ``text``, best first."""
    from rapidfuzz import fuzz, process, utils  # only a typo needs it: keep start-up quick

    names = dict(queries.names_like(text))
    return process.extract(text, names, scorer=fuzz.WRatio, processor=utils.default_process,
                           limit=limit, score_cutoff=cutoff)


def contacts_like(text: str, *, limit: int,
                  leaving_out: int | None = None) -> list[tuple[int, str]]:
    """(id, display name) of at most ``limit`` contacts ``text`` may mean, for a picker or
    the command palette: those with a name part starting with it, then, from
    FUZZY_FROM letters, those whose names look like it (a typo). Never ``leaving_out``."""
    text = " ".join(text.split())
    if not text:
        return []
    found = [(contact_id, name) for contact_id, name
             in queries.contacts_with_name_prefix(text, limit=limit + 1)
             if contact_id != leaving_out]
    if len(found) < limit and len(text) >= FUZZY_FROM:
        known = {contact_id for contact_id, _ in found} | {leaving_out}
        found += [(contact_id, name) for name, _, contact_id in closest_contacts(text, limit=limit)
                  if contact_id not in known]
    return found[:limit]


def told_apart(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(id, name) pairs, each name another contact has too followed by what tells them
    apart: "Zoë Takahashi (Acme)", "Zoë Takahashi (zoe@example.org)"."""
    asides = queries.told_apart(contact_id for contact_id, _ in found)
    return [(contact_id, f"{name} ({asides[contact_id]})" if contact_id in asides else name)
            for contact_id, name in found]


def _fuzzy(text: str) -> tuple[int, str]:
    best = closest_contacts(text)
    if not best:
        raise NoSuchContact(f'no contact named "{text}"')
    (name, score, contact_id), *rest = best
    clearly_best = not rest or rest[0][1] < score - 5
    if score >= FUZZY_ACCEPT and clearly_best:
        return contact_id, name
    suggestions = " or ".join(f'"{candidate}" (#{contact_id})' for candidate, _, contact_id in best)
    raise NoSuchContact(f'no contact named "{text}"; did you mean {suggestions}?')


def _listing(matches: list[tuple[int, str]]) -> str:
    return ", ".join(f"{name} (#{contact_id})" for contact_id, name in matches)


def words_could_be_one_person(first: list[str], second: list[str]) -> bool:
    """Whether two names, made words by store.merge.name_words, may be one person's,
    written otherwise: "Lee, Ann" and "Ann Lee", "G. Osei" and "Grace Osei", "Zoe" and
    "Zoë Ward"; not "Alice Ward" and "Bob Ward".

    Each word of the shorter name must stand for a word of the other: the same word
    (case, accents and punctuation aside), or its initial (a letter: "Person 1" is not
    "Person 10").
    """
    shorter, longer = sorted((first, second), key=len)
    if not shorter:
        return False
    left = list(longer)
    for word in shorter:
        same = next((other for other in left if other == word), None)
        initial = next((other for other in left if _initial_of(word, other)
                        or _initial_of(other, word)), None)
        if same is None and initial is None:
            return False
        left.remove(same if same is not None else initial)
    return True


def _initial_of(letter: str, word: str) -> bool:
    return len(letter) == 1 and letter.isalpha() and word[0] == letter
