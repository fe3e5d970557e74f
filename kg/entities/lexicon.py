"""The entity lexicons as lookup tables: names -> references, demonyms -> countries, people words.

Everything here is data from ``kg/lexicons/*.yaml`` arranged for fast lookup;
the components in this package hold the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .. import lexicons
from ..keys import entity_key, slug


@dataclass(frozen=True)
class Ref:
    """What a lexicon phrase names: a known organisation, country, city, or a country's institution."""

    key: str
    label: str
    type: str  # Person | Organization | Location
    subtype: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Country:
    key: str
    name: str
    demonym: str  # canonical demonym, used in institution labels ("Iraqi security forces")
    abbr: str  # short form used in compounds ("U.S.-led coalition")


@dataclass(frozen=True)
class Lexicon:
    names: dict[str, Ref]  # surface form (exact case) -> reference
    refs: dict[str, Ref]  # key -> reference (every reference, incl. institutions)
    countries: dict[str, Country]  # country key -> country
    country_by_name: dict[str, str]  # country name, alias, demonym or abbr (exact case) -> country key
    demonyms: dict[str, str]  # demonym -> country key
    institutions: dict[str, tuple[str, str]]  # lower-case form -> (canonical noun, subtype)
    local_modifiers: frozenset[str]
    led_nouns: frozenset[str]
    org_heads: frozenset[str]
    titles: frozenset[str]
    name_particles: frozenset[str]
    role_nouns: frozenset[str]
    relational_nouns: dict[str, str]  # noun (lower) -> relation label ("wife" -> "wife of")
    person_nouns: frozenset[str]
    group_nouns: frozenset[str]
    counted_person_nouns: frozenset[str]
    nationality_nouns: frozenset[str]
    naming_words: tuple[str, ...]
    female_nouns: frozenset[str] = frozenset()
    faiths: frozenset[str] = frozenset()  # "Muslim" before a full name: a description, not part of it
    male_nouns: frozenset[str] = frozenset()
    capitals: frozenset[str] = frozenset()  # keys of capitals that stand for their country's government
    authorities: dict[str, str] = field(default_factory=dict)  # country key -> the body its leader leads (places.yaml)

    def institution(self, country: str, form: str) -> Ref | None:
        """The organisation ``form`` ("forces", "intelligence") of a country key, if form is an institution noun."""
        hit = self.institutions.get(form.lower())
        if hit is None or country not in self.countries:
            return None
        noun, subtype = hit
        label = f"{self.countries[country].demonym} {noun}"
        return self._register(Ref(entity_key("Organization", label), label, "Organization", subtype, country))

    def led(self, country: str, noun: str) -> Ref:
        """The coalition or force led by a country ("U.S.-led coalition")."""
        label = f"{self.countries[country].abbr}-led {noun.lower()}"
        return self._register(Ref(entity_key("Organization", label), label, "Organization", "SecurityForce", country))

    def _register(self, ref: Ref) -> Ref:
        return self.refs.setdefault(ref.key, ref)


def _country_key(name: str) -> str:
    return entity_key("Location", name)


def _country_ref(value: str | None) -> str | None:
    """A country given in a lexicon as a slug ("united-states") -> its Location key."""
    return f"location/{slug(value)}" if value else None


@cache
def load() -> Lexicon:
    names: dict[str, Ref] = {}
    countries: dict[str, Country] = {}
    country_by_name: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    authorities: dict[str, str] = {}
    for entry in lexicons.load("places"):
        key = _country_key(entry["name"])
        ref = Ref(key, entry["name"], "Location", "Country")
        dems = entry.get("demonyms") or []
        countries[key] = Country(key, entry["name"], dems[0] if dems else entry["name"], entry.get("abbr") or entry["name"])
        for form in [entry["name"], *(entry.get("aliases") or [])]:
            names.setdefault(form, ref)
            country_by_name.setdefault(form, key)
        for dem in dems:
            demonyms.setdefault(dem, key)
            country_by_name.setdefault(dem, key)
        if entry.get("abbr"):
            country_by_name.setdefault(entry["abbr"], key)
        if entry.get("authority"):
            authorities[key] = entry["authority"]
    capitals = set()
    for entry in lexicons.load("cities"):
        subtype = entry.get("subtype") or "City"
        ref = Ref(entity_key("Location", entry["name"]), entry["name"], "Location", subtype, _country_ref(entry.get("country")))
        if entry.get("capital"):
            capitals.add(ref.key)
        for form in [entry["name"], *(entry.get("aliases") or [])]:
            names.setdefault(form, ref)
    for entry in lexicons.load("organizations"):
        label = entry["names"][0]
        ref = Ref(entity_key("Organization", label), label, "Organization", entry.get("subtype"), _country_ref(entry.get("country")))
        for form in entry["names"]:
            names.setdefault(form, ref)
    inst = lexicons.load("institutions")
    institutions: dict[str, tuple[str, str]] = {}
    for noun, entry in inst.items():
        if isinstance(entry, dict) and "forms" in entry:
            for form in entry["forms"]:
                institutions.setdefault(form.lower(), (noun, entry["subtype"]))
    lex = Lexicon(
        names=names,
        refs={},
        countries=countries,
        country_by_name=country_by_name,
        demonyms=demonyms,
        institutions=institutions,
        local_modifiers=frozenset(inst.get("local_modifiers") or ()),
        led_nouns=frozenset(inst.get("led_nouns") or ()),
        org_heads=frozenset(w.lower() for w in inst.get("org_heads") or ()),
        capitals=frozenset(capitals),
        authorities=authorities,
        **_people(),
    )
    lex.refs.update({ref.key: ref for ref in names.values()})
    return lex


def _people() -> dict:
    roles = lexicons.load("roles")
    low = lambda name: frozenset(w.lower() for w in roles.get(name) or ())  # noqa: E731
    return {
        "titles": frozenset(roles.get("titles") or ()),
        "faiths": frozenset(roles.get("faiths") or ()),
        "name_particles": low("name_particles"),
        "role_nouns": low("role_nouns"),
        "relational_nouns": {k.lower(): v for k, v in (roles.get("relational_nouns") or {}).items()},
        "person_nouns": low("person_nouns"),
        "group_nouns": low("group_nouns"),
        "counted_person_nouns": low("counted_person_nouns"),
        "nationality_nouns": low("nationality_nouns"),
        "naming_words": tuple(w.lower() for w in roles.get("naming_words") or ()),
        "female_nouns": low("female_nouns"),
        "male_nouns": low("male_nouns"),
    }
