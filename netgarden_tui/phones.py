"""Phone numbers as numbers: what makes two the same, and how one is shown.

Google's libphonenumber (the ``phonenumbers`` package) reads a number the way a phone
would: ``020 7946 0000`` in the United Kingdom is ``+44 20 7946 0000``, and the letters
of ``1-800-FLOWERS`` are the digits on the keypad. A number is kept as the person typed
it; its key (stored beside it, indexed) is what comparisons use, and it is shown in
international format where the number can be read.

``region`` is the config's home region (``region = "GB"``): how to read a number written
without its country code. Without one, such numbers compare as written: their digits and
letters, spaces and punctuation aside.

Every layer may use this module; phonenumbers (about 12 ms to import) loads on first use.
"""

import re
from functools import lru_cache

# What a number written without a country code keeps for comparing: digits, letters
# (vanity numbers), and a leading "+".
_AS_WRITTEN_DROPPED = re.compile(r"[^0-9A-Z]")
# An extension at the end: "x12", "ext. 12", "#12", and vCard 4's ";ext=12".
EXTENSION = re.compile(r"\s*(?:;\s*ext\s*=|ext\.?|x|#)\s*\d+$", re.IGNORECASE)


def is_region(code: str) -> bool:
    """A region phonenumbers knows: "GB", "US", "DE"... (upper case)."""
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


@lru_cache(maxsize=16384)  # an import keys each number twice: to match it, and to store it
def match_key(number: str, region: str | None = None) -> str:
    """What two numbers share when they are the same number.

    A number that can be read (it has a country code, or ``region`` says which) becomes
    E.164, with ``;ext=`` for an extension: ``+442079460000``. Any other is kept as
    written, in upper case without spaces or punctuation: ``1800FLOWERS``.
    """
    parsed = _parsed(number.strip(), region)
    if parsed is None:
        return _as_written(number)
    import phonenumbers

    key = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return f"{key};ext={parsed.extension}" if parsed.extension else key


def international(number: str, region: str | None = None) -> str:
    """The number as it is dialled from abroad (``+44 20 7946 0000``), or as typed when it
    is not a valid number, or when it has letters (a vanity number keeps them)."""
    text = number.strip()
    if any(char.isalpha() for char in _without_extension(text)):
        return text
    parsed = _parsed(text, region)
    if parsed is None:
        return text
    import phonenumbers

    if not phonenumbers.is_valid_number(parsed):
        return text

    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _as_written(number: str) -> str:
    text = number.strip().upper()
    return ("+" if text.startswith("+") else "") + _AS_WRITTEN_DROPPED.sub("", text)


def _without_extension(text: str) -> str:
    return EXTENSION.split(text)[0]


@lru_cache(maxsize=4096)
def _parsed(text: str, region: str | None):
    """The number phonenumbers reads, or None: no country code and no region, or not a
    number at all. Only a number it deems possible counts (not "12" or "ask reception")."""
    import phonenumbers

    if not text.startswith("+") and region is None:
        return None
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None
