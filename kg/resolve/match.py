"""Which stored entity, if any, an article's entity is: the resolution rules, free of any store.

Rules, strongest first (each also needs the entity and the candidate to have no
conflict: a different subtype, country or GeoNames place; for people a full
name with the same surname but another given name; for organisations another
name with the same initials):

- ``gazetteer``: both places are linked to the same GeoNames place;
- ``exact``: a name with the same core words (for people, a full name);
- ``honorific``: the same, once a title or honorific is dropped ("Mr Novak");
- ``variant``: names whose words match one by one ("Yusuf bin Rashid", "al-Qaida"); for people, full names only;
- ``middle``: a given name and surname, and a full name with a middle name between them (people);
- ``acronym``: an acronym and a name with those initials ("PA"), when only one stored entity has them;
- ``surname``: a surname alone and a full name ending with it, when only one stored
  person has that surname.

Within an article each stored entity is taken at most once: the article's own
coreference already said its entities are different.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .names import _WORD, _titles, acronym_of, core_words, fold, initials, sound, word_score, words_score

RANK = {"gazetteer": 7, "exact": 6, "honorific": 5, "variant": 4, "middle": 3, "acronym": 2, "surname": 1}
SURNAME_DISCOUNT = 0.8  # a surname alone says less than a full name
MIDDLE_DISCOUNT = 0.9  # a given name and surname without the middle name say a little less than all three
ACRONYM_SCORE = 0.9
TIE = 0.02  # two candidates this close under the same rule: too close to call


@dataclass(frozen=True)
class Mention:
    """What resolution needs of one entity of an article."""

    key: str  # the entity's key in its article (kg.keys)
    type: str  # Person | Organization | Location
    names: tuple[str, ...]  # label first, then aliases
    subtype: str | None = None
    country: str | None = None  # key of its country
    geonames: int | None = None  # GeoNames id, for a linked place


@dataclass
class Candidate:
    """A stored entity, as far as the blocks of an article show it."""

    iri: str
    names: set[str] = field(default_factory=set)
    subtypes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # keys
    geonames: set[int] = field(default_factory=set)

    def ordered(self) -> list[str]:
        """The names in a fixed order: decisions must not depend on set order (it changes between runs)."""
        return sorted(self.names)


@dataclass(frozen=True)
class Match:
    key: str  # the article's entity
    iri: str  # the stored entity it is
    rule: str
    score: float
    matched: str  # the stored name that decided it


def _type_tag(type_: str) -> str:
    return type_.lower()


def block_keys(type_: str, name: str, geonames: int | None = None) -> set[str]:
    """The blocking keys under which a name of an entity of ``type_`` is filed and looked up."""
    tag, core = _type_tag(type_), core_words(name, type_)
    keys = {f"{tag}={' '.join(core)}"}
    if type_ == "Person":
        keys.add(f"person#{sound(core[-1])}")
        if len(core) >= 2:
            keys.add(f"person~{sound(core[0])}|{sound(core[-1])}")
            keys.add(f"person%{sound(core[0])}|{core[-1][:3]}")  # "al-Hadrami" sounds unlike "al-Hadhrami"
    elif type_ == "Organization":
        keys.add("organization~" + "|".join(sound(w) for w in core))
        for letters in (acronym_of(name), initials(name)):
            if letters:
                keys.add(f"organization^{letters}")
    if geonames is not None:
        keys.add(f"location@{geonames}")
    return keys


def mention_keys(m: Mention) -> set[str]:
    keys = set().union(*(block_keys(m.type, n) for n in m.names)) if m.names else set()
    if m.geonames is not None:
        keys.add(f"location@{m.geonames}")
    return keys


def _full(names: Iterable[str], type_: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(n, c) for n in names if len(c := core_words(n, type_)) >= 2]


def _conflict(m: Mention, c: Candidate) -> bool:
    if m.subtype and c.subtypes and m.subtype not in c.subtypes:
        return True
    if m.type == "Organization" and m.country and c.countries and m.country not in c.countries:
        return True
    if m.geonames is not None and c.geonames and m.geonames not in c.geonames:
        return True
    if m.type == "Organization":
        for x in m.names:
            for y in c.ordered():
                letters = initials(x)
                if letters and letters == initials(y) and not words_score(core_words(x, m.type), core_words(y, m.type)):
                    return True  # "Press Association" is not "Palestinian Authority", though both are "PA"
    if m.type == "Person":
        for _, a in _full(m.names, m.type):
            for _, b in _full(c.ordered(), m.type):
                if word_score(a[-1], b[-1]) and not word_score(a[0], b[0]):
                    return True  # same surname, another given name: two people
    return False


def _titled(name: str) -> bool:
    words = _WORD.findall(fold(name))
    return len(words) > 1 and words[0] in _titles()


def _shared_acronym(name: str, owners: dict[str, set[str]]) -> bool:
    """An acronym that more than one stored organisation answers to ("PA")."""
    letters = acronym_of(name)
    return letters is not None and len(owners.get(f"organization^{letters}", ())) > 1


def _exact(m: Mention, c: Candidate, owners: dict[str, set[str]]) -> Match | None:
    cores: dict[tuple[str, ...], str] = {}
    for n in c.ordered():
        cores.setdefault(core_words(n, m.type), n)
    for name in m.names:
        core = core_words(name, m.type)
        if core in cores and (m.type != "Person" or len(core) >= 2) and not _shared_acronym(name, owners):
            titled = _titled(name) or _titled(cores[core])
            return Match(m.key, c.iri, "honorific" if titled else "exact", 1.0, cores[core])
    return None


def _variant(m: Mention, c: Candidate) -> Match | None:
    """Names that match word by word: people's full names; organisations' names of any length."""
    names = _full if m.type == "Person" else (lambda ns, t: [(n, core_words(n, t)) for n in ns if not acronym_of(n)])
    best = None
    for _, a in names(m.names, m.type):
        for name, b in names(c.ordered(), m.type):
            score = words_score(a, b)
            if score and (best is None or score > best.score):
                best = Match(m.key, c.iri, "variant", score, name)
    return best


def _middle(m: Mention, c: Candidate) -> Match | None:
    """A given name and surname, and a full name with a middle name between the same two ("Musa Danjuma",
    "Musa Abdulkarim Danjuma")."""
    for _, a in _full(m.names, m.type):
        for name, b in _full(c.ordered(), m.type):
            short, long_ = sorted((a, b), key=len)
            if len(short) != 2 or len(long_) < 3:
                continue
            first, last = word_score(short[0], long_[0]), word_score(short[-1], long_[-1])
            if first and last:
                return Match(m.key, c.iri, "middle", MIDDLE_DISCOUNT * (first + last) / 2, name)
    return None


def _acronym(m: Mention, c: Candidate, owners: dict[str, set[str]]) -> Match | None:
    for name in m.names:
        for other in c.ordered():
            for short, long_ in ((name, other), (other, name)):
                letters = acronym_of(short)
                if letters and letters == initials(long_) and owners.get(f"organization^{letters}") == {c.iri}:
                    return Match(m.key, c.iri, "acronym", ACRONYM_SCORE, other)
    return None


def _surname(m: Mention, c: Candidate, owners: dict[str, set[str]]) -> Match | None:
    mine, theirs = _full(m.names, m.type), _full(c.ordered(), m.type)
    if mine and theirs:
        return None  # two full names: variant or nothing
    for name in m.names:
        a = core_words(name, m.type)
        for other in c.ordered():
            b = core_words(other, m.type)
            if len(a) > 1 and len(b) > 1:
                continue
            score = word_score(a[-1], b[-1])
            if score and owners.get(f"person#{sound(a[-1])}") == {c.iri}:
                return Match(m.key, c.iri, "surname", SURNAME_DISCOUNT * score, other)
    return None


def judge(m: Mention, c: Candidate, owners: dict[str, set[str]]) -> Match | None:
    """The strongest rule by which ``m`` is ``c``, or None; ``owners``: block key -> stored entities filed under it."""
    if _conflict(m, c):
        return None
    if m.geonames is not None and m.geonames in c.geonames:
        return Match(m.key, c.iri, "gazetteer", 1.0, c.ordered()[0] if c.names else c.iri)
    found = _exact(m, c, owners)
    if found or m.type == "Location":
        return found
    found = _variant(m, c)
    if found:
        return found
    if m.type == "Organization":
        return _acronym(m, c, owners)
    if m.type == "Person":
        return _middle(m, c) or _surname(m, c, owners)
    return None


def _rank(match: Match) -> tuple[int, float]:
    return RANK[match.rule], match.score


def choose(mentions: Iterable[Mention], candidates: dict[str, Candidate], owners: dict[str, set[str]]) -> dict[str, Match]:
    """The match of each mention that has a clear one: article entity key -> Match.

    A mention is judged against the stored entities filed under its own block keys only.
    """
    proposals = []
    for m in mentions:
        reached = set().union(*(owners.get(k, ()) for k in mention_keys(m)))
        found = [x for iri in sorted(reached) if (x := judge(m, candidates[iri], owners))]
        found.sort(key=_rank, reverse=True)
        if len(found) > 1 and RANK[found[0].rule] == RANK[found[1].rule] and found[0].score - found[1].score < TIE:
            continue  # two stored entities fit as well: leave it unresolved
        if found:
            proposals.append(found[0])
    taken: dict[str, Match] = {}
    used: set[str] = set()
    for match in sorted(proposals, key=_rank, reverse=True):
        if match.iri not in used:
            taken[match.key] = match
            used.add(match.iri)
    return taken


def owners_of(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """(block key, stored entity) rows -> block key -> stored entities."""
    out: dict[str, set[str]] = defaultdict(set)
    for key, iri in rows:
        out[key].add(iri)
    return out
