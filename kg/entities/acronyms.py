"""An acronym and its expansion are one node: "the Office of Foreign Assets Control (OFAC) ... OFAC said" ->
every "OFAC" is a mention of the Office of Foreign Assets Control, and "OFAC" is one of its aliases.

The acronym is the upper-case word in parentheses right after a name; it joins that name when its letters
are the initials of the name's capitalised words, in order (small words and particles may be skipped:
"Tehreek-e-Taliban Pakistan (TTP)"), or when the name is one of the lexicon's.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .mentions import Registry

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")


def _initials(words: list[str]) -> str:
    parts = [p for w in words for p in re.split(r"[-\s]", w) if p]
    return "".join(p[0] for p in parts if p[0].isupper())


def _matches(acronym: str, name: str) -> bool:
    """The acronym's letters are initials of the name's capitalised words, in order."""
    letters = acronym.replace("-", "").replace("&", "")
    initials = _initials(name.split())
    i = 0
    for ch in initials:
        if i < len(letters) and ch == letters[i]:
            i += 1
    return i == len(letters) and len(letters) >= 2


def join_acronyms(doc: Doc, reg: Registry) -> None:
    """Give every mention of an acronym introduced in parentheses the key of the name it abbreviates."""
    at = {m.start: m for m in reg.mentions}
    found: dict[str, str] = {}  # acronym -> key of its expansion
    for m in sorted(reg.mentions, key=lambda m: m.start):
        e = m.end
        if e + 2 >= len(doc) or doc[e].text != "(" or doc[e + 2].text != ")" or not ACRONYM.match(doc[e + 1].text):
            continue
        acronym, ent = doc[e + 1].text, reg.entities[m.key]
        if ent.type == "Person" or not (_matches(acronym, doc[m.start : m.end].text) or _matches(acronym, ent.label)):
            continue
        found.setdefault(acronym, m.key)
        ent.aliases.add(acronym)
        if e + 1 not in at:
            reg.add(m.key, e + 1, e + 2, "name")
    if not found:
        return
    for m in reg.mentions:
        key = found.get(doc[m.start : m.end].text)
        if key is not None and m.key != key and reg.entities[m.key].type != "Person":
            reg.entities[m.key].mentions -= 1
            m.key = key
            reg.entities[key].mentions += 1
