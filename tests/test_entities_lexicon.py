"""Lexicon tables and keys: aliases share one key, institution phrases are canonical, no seed names in code."""

from pathlib import Path

import pytest

from kg.keys import entity_key, slug
from kg.entities.lexicon import load

ALIASES = [
    ("Daesh", "ISIS", "organization/islamic-state"),
    ("ISIL", "Islamic State", "organization/islamic-state"),
    ("Al Qaeda", "al-Qaeda", "organization/al-qaeda"),
    ("U.S.", "United States", "location/united-states"),
    ("US", "America", "location/united-states"),
    ("Türkiye", "Turkey", "location/turkey"),
    ("MIT", "National Intelligence Organization", "organization/national-intelligence-organization"),
    ("Kiev", "Kyiv", "location/kyiv"),
]


@pytest.mark.parametrize("a,b,key", ALIASES)
def test_aliases_share_one_stable_key(a, b, key):
    lex = load()
    assert lex.names[a].key == lex.names[b].key == key


def test_types_and_countries_of_known_names():
    lex = load()
    assert (lex.names["Hezbollah"].type, lex.names["Hezbollah"].subtype) == ("Organization", "ArmedGroup")
    assert (lex.names["CIA"].subtype, lex.names["CIA"].country) == ("IntelligenceAgency", "location/united-states")
    assert (lex.names["Istanbul"].subtype, lex.names["Istanbul"].country) == ("City", "location/turkey")
    assert lex.names["Syria"].subtype == "Country"


@pytest.mark.parametrize(
    "country,form,label,subtype",
    [
        ("location/iraq", "forces", "Iraqi security forces", "SecurityForce"),
        ("location/iraq", "security forces", "Iraqi security forces", "SecurityForce"),
        ("location/turkey", "intelligence", "Turkish intelligence", "IntelligenceAgency"),
        ("location/turkey", "intelligence agents", "Turkish intelligence", "IntelligenceAgency"),
        ("location/pakistan", "Police", "Pakistani police", "SecurityForce"),
        ("location/israel", "army", "Israeli military", "SecurityForce"),
        ("location/united-states", "authorities", "U.S. government", "Government"),
    ],
)
def test_institutions_of_a_country_are_one_node_per_canonical_noun(country, form, label, subtype):
    ref = load().institution(country, form)
    assert (ref.label, ref.type, ref.subtype, ref.country) == (label, "Organization", subtype, country)
    assert ref.key == entity_key("Organization", label)


def test_not_an_institution():
    lex = load()
    assert lex.institution("location/iraq", "sources") is None
    assert lex.institution("location/atlantis", "police") is None


def test_led_coalition_uses_the_short_form():
    assert load().led("location/united-states", "coalition").label == "U.S.-led coalition"


def test_slug_is_ascii_and_stable():
    assert slug("Abu Bakr al-Baghdadi") == "abu-bakr-al-baghdadi"
    assert slug("Türkiye") == "turkiye"
    assert entity_key("Person", "Sami Jasim") == "person/sami-jasim"


def test_extraction_code_names_no_seed_entities():
    """Rules are general: names from the seed article live only in lexicons (well-known ones) or nowhere."""
    root = Path(__file__).resolve().parent.parent / "kg"
    files = [*(root / "entities").rglob("*.py"), root / "prepare.py"]
    code = "\n".join(p.read_text(encoding="utf-8") for p in files)
    for name in ("Jasim", "Basim", "Baghdadi", "Quraishi", "Pantucci", "Daesh"):
        assert name not in code
