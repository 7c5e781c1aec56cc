"""The one normalisation used to compare country names, aliases and phrases."""

from __future__ import annotations

import unicodedata

_AMPERSANDS = {"&", "\uff06", "\ufe60"}
# Latin letters that NFKD does not decompose into a base letter plus an accent.
_LETTERS = str.maketrans(
    {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h"}
)


def _fold_char(char: str) -> str:
    if char in _AMPERSANDS:
        return " and "
    category = unicodedata.category(char)
    if category == "Mn":  # combining accents left over from NFKD
        return ""
    if category[0] in "PSZC":  # punctuation (quotes, apostrophes, dashes), symbols, spaces
        return " "
    return char


def normalise_name(text: str) -> str:
    """Fold a name for exact matching.

    Case-folds, strips accents, turns every apostrophe, quote, dash and other punctuation or
    symbol into a space, turns "&" into "and", collapses whitespace and drops a leading
    "the". ``"Côte d’Ivoire"`` and ``"Cote D'Ivoire"`` both become ``"cote d ivoire"``;
    ``"The Gambia"`` becomes ``"gambia"``; ``"St. Lucia"`` becomes ``"st lucia"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_LETTERS)
    folded = "".join(_fold_char(char) for char in decomposed)
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def acronym_key(text: str) -> str:
    """An acronym's comparison key: the folded letters and digits with no spaces
    (``"CAMDOC-UK"`` and ``"Camdoc UK"`` both become ``"camdocuk"``)."""
    return normalise_name(text).replace(" ", "")
