"""Home places, bases, sites and places of detention (kg.relations.sites), through the whole pipeline, on sentences
written for these tests."""

from __future__ import annotations

import pytest

from .extracted_rows import check


# text, triple that must be found (with fields it must have), triples that must not
SITES = [
    # a named person "of" a named place, after the age: where they come from
    ("The two were named as Corporal Peter James Walsh, 24, of Ohio, and Private Mark Lee Dunn, 31, of Texas.",
     ("Peter James Walsh", "from", "Ohio"), {"event_type": "Nationality"}, {("Peter James Walsh", "from", "Texas")}),
    ("The two were named as Corporal Peter James Walsh, 24, of Ohio, and Private Mark Lee Dunn, 31, of Texas.",
     ("Mark Lee Dunn", "from", "Texas"), {}, set()),
    # a unit "based at" a named place, in a participle or a passive
    ("The Army said the soldiers served with the 101st Airborne Division, based at Fort Bragg, North Carolina.",
     ("101st Airborne Division", "based in", "Fort Bragg"), {"event_type": None}, set()),
    # a site "in" a named town: where it stands, held beyond the clause
    ("Israeli tanks shelled a police post in the southern town of Rafah on Monday.",
     ("police post", "located in", "Rafah"), {"time": None}, set()),
    # an agentless arrest "in" a country: where it happened, and no event class (the country arrested no one)
    ("Karim Haddad, 35, was arrested in Morocco last week on suspicion of financing the group.",
     ("Karim Haddad", "arrested in", "Morocco"), {"event_type": None}, set()),
    ("Karim Haddad was arrested in Morocco by Moroccan police.",
     ("Karim Haddad", "arrested in", "Morocco"), {}, set()),
]


@pytest.mark.parametrize("text,found,fields,absent", SITES)
def test_sites(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)


def test_a_count_of_heights_is_no_site():
    """Only the head of a place mention makes a site fact: "a string of key hilltops in X" is no node "located in" X
    (the hilltops are a part of X, not a site)."""
    from kg.relations.sites import _site

    class Place:
        type, subtype = "Location", None

        def __init__(self, label):
            self.label = label

    assert _site(Place("security post")) and not _site(Place("Rafah"))
