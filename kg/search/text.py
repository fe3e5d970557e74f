"""Text as the search index compares it: folded (no case, no accents) and cut into words."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# letters NFKD does not take apart: folded by hand so that "Ørsted" and "Orsted", "Łódź" and "Lodz" meet
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                          "þ": "th", "ð": "d", "ʿ": "", "ʾ": "", "’": "", "'": ""})


def fold(text: str) -> str:
    """Lower case without accents: "Jāsim" -> "jasim"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalize(text: str) -> str:
    """Folded words joined by one space, punctuation and hyphens dropped: "al-Dhahab’s" -> "al dhahabs"."""
    return _NON_WORD.sub(" ", fold(text).translate(_LETTERS)).strip()
