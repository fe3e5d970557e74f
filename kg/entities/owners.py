"""Whose a possessive is: the country "its forces" or "his police" belong to (the country itself, or the one
country of a person's nationality or title: "Armenian leader Aram Sarkis ... his police")."""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon
from .mentions import Registry


def is_country(reg: Registry, key: str, lex: Lexicon) -> bool:
    ent = reg.entities.get(key)
    return ent is not None and ent.type == "Location" and ent.subtype == "Country" and key in lex.countries


def owner_country(doc: Doc, reg: Registry, key: str, lex: Lexicon) -> str | None:
    """The country whose institution "its/his/their <institution>" names: the country itself, or the one country
    of a person's nationality or titles ("Armenian leader Aram Sarkis ... his police")."""
    if is_country(reg, key, lex):
        return key
    ent = reg.entities.get(key)
    if ent is None or ent.type != "Person":
        return None
    if ent.nationality or ent.country:
        return ent.nationality or ent.country
    countries = {c for m in reg.mentions if m.key == key and m.kind == "name" for c in _title_countries(doc, m.start, lex)}
    return countries.pop() if len(countries) == 1 else None


def commander_country(doc: Doc, reg: Registry, key: str, lex: Lexicon) -> str | None:
    """The country whose forces "his warplanes" are: the owner's (see :func:`owner_country`), or, for a holder of an
    office whose country the article does not give ("Prime Minister Lena Varga"), the one country whose security
    forces the article names ("the Hungarian armed forces")."""
    country = owner_country(doc, reg, key, lex)
    if country is not None or not any(_titled(doc, m.start, lex) for m in reg.mentions if m.key == key
                                      and m.kind == "name"):
        return country
    forces = _forces_countries(reg, lex)
    return forces.pop() if len(forces) == 1 else None


def _forces_countries(reg: Registry, lex: Lexicon) -> set[str]:
    """The countries of the security forces an article names ("the Hungarian armed forces")."""
    return {e.country for e in reg.entities.values()
            if e.type == "Organization" and e.subtype == "SecurityForce" and e.country in lex.countries}


def _titled(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A title of office right before a name: "Prime Minister Lena Varga"."""
    before = doc[max(0, start - 3) : start].text
    return any(before.endswith(title) for title in lex.titles)


def _title_countries(doc: Doc, start: int, lex: Lexicon) -> set[str]:
    """Countries the demonyms of the title right before a name give: "Armenian leader(,) Aram Sarkis"."""
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words = []
    while i >= 0 and len(words) < 4 and doc[i].pos_ in {"PROPN", "ADJ", "NOUN"} and doc[i].sent == doc[start].sent:
        words.append(doc[i])
        i -= 1
    title_words = {word for title in lex.titles for word in title.split()}
    if not any(w.lower_ in lex.role_nouns or w.text in title_words for w in words):
        return set()
    return {lex.demonyms[w.text] for w in words if w.text in lex.demonyms and lex.demonyms[w.text] in lex.countries}
