"""Names compared across articles: normal forms, phonetic keys, token similarity, acronyms.

A name is reduced to its *core words*: folded to lower-case ASCII, titles and
honorifics dropped from the front ("Mr", "President", "Sheikh"), name
particles dropped ("bin", "al", "abu"), and for organisations generic head
words dropped ("network", "group"). Two words *match* when they are equal, or
long enough and either very close by Jaro-Winkler, or fairly close and sounding
alike (Metaphone, a leading vowel counted as any vowel: "Osman"/"Usman").
Phonetics and similarity come from jellyfish and rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

from ..entities.lexicon import load as load_lexicon

MIN_FUZZY_LEN = 4  # shorter words must be equal ("Ali" is not "Ala")
MIN_JARO_WINKLER = 0.92  # alike enough on spelling alone
MIN_SOUND_JARO_WINKLER = 0.84  # alike enough when they also sound alike ("Hassan" and "Hussein" are not: 0.77)
# words that say what kind of organisation a name is, not which one ("the al-Qaeda network")
GENERIC_ORG_WORDS = frozenset({"network", "group", "organisation", "organization", "movement", "the"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "sheikh", "shaikh", "sheik", "mullah", "imam",
                        "haji", "hajji", "maulana", "ayatollah", "lord", "lady", "madam", "monsieur", "herr"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "al"})
_WORD = re.compile(r"[a-z0-9]+")
_ACRONYM = re.compile(r"[A-Z][A-Z.&]{1,7}")


_APOSTROPHES = str.maketrans("", "", "'\u2019`")


def fold(text: str) -> str:
    """Lower-case ASCII: "Jāsim" -> "jasim"; apostrophes vanish ("Sana'a" -> "sanaa")."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@cache
def _titles() -> frozenset[str]:
    """Honorifics plus the lexicon's titles, as folded single words ("president", "gen")."""
    words = set(HONORIFICS)
    for title in load_lexicon().titles:
        words.update(_WORD.findall(fold(title)))
    return frozenset(words)


@cache
def _particles() -> frozenset[str]:
    return frozenset(w for p in load_lexicon().name_particles for w in _WORD.findall(fold(p)))


@lru_cache(maxsize=1 << 16)
def core_words(name: str, type_: str) -> tuple[str, ...]:
    """The words that identify: "Mr Yusuf bin Rashid" -> ("yusuf", "rashid"); "the Al Qaeda network" -> ("qaeda",)."""
    words = _WORD.findall(fold(name))
    titles = _titles()
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    drop = _particles() | (GENERIC_ORG_WORDS if type_ == "Organization" else frozenset())
    core = tuple(w for w in words if w not in drop)
    return core or tuple(words)


@lru_cache(maxsize=1 << 16)
def sound(word: str) -> str:
    """Metaphone of a word with a leading vowel written "A" ("osama", "usama" -> "ASM")."""
    code = jellyfish.metaphone(word) or word
    return "A" + code[1:] if code[0] in "AEIOU" else code


def word_score(a: str, b: str) -> float:
    """How alike two core words are, 0..1; 0 when they do not match (see the module doc)."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_FUZZY_LEN or a[0].isdigit() or b[0].isdigit():
        return 0.0
    similarity = JaroWinkler.similarity(a, b)
    if similarity >= MIN_JARO_WINKLER or (similarity >= MIN_SOUND_JARO_WINKLER and sound(a) == sound(b)):
        return similarity
    return 0.0


def words_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Mean word score of two names word by word; 0 unless they have as many words and every pair matches."""
    if len(a) != len(b) or not a:
        return 0.0
    scores = [word_score(x, y) for x, y in zip(a, b)]
    return 0.0 if min(scores) == 0.0 else sum(scores) / len(scores)


_NAME_WORD = re.compile(r"[^\W_]+")


def is_name(text: str) -> bool:
    """A proper name rather than a description: every word but particles and small words ("of", "the") starts
    with a capital or a digit. "Jasim", "Abu Bakr al-Baghdadi", "Department of the Treasury" are names;
    "Somali national", "senior Daesh terrorist leader" and "terrorist group", aliases the extraction keeps from
    appositions, are not, and two people are never the same for being both "a Somali national"."""
    skip = _particles() | ACRONYM_SKIP
    words = _NAME_WORD.findall(text)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or fold(w) in skip for w in words)


def acronym_of(name: str) -> str | None:
    """The letters of a name written as an acronym ("PA", "U.N." -> "pa", "un"), else None."""
    stripped = name.strip()
    if not _ACRONYM.fullmatch(stripped):
        return None
    letters = "".join(ch for ch in stripped if ch.isalpha()).lower()
    return letters if 2 <= len(letters) <= 6 else None


def initials(name: str) -> str | None:
    """The acronym a multi-word name would have ("Palestinian Authority" -> "pa"), else None."""
    words = [w for w in _WORD.findall(fold(name)) if w not in ACRONYM_SKIP]
    return "".join(w[0] for w in words) if 2 <= len(words) <= 6 else None
