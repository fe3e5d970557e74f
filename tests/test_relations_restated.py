"""Victims counted twice (kg.relations.restated), through the whole pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.relations.restated import count_of

from .extracted_rows import check, rows

# text, triple that must be found (with fields it must have), triples that must not
RESTATED = [
    # an approximate count and a generic noun restate the group: one node, labelled with who they were
    ("Armed men killed three dozen Nigerians in raids over the weekend. Officials said Boko Haram killed 37 people "
     "on Friday and Saturday in the raids.",
     ("Boko Haram", "kill", "three dozen Nigerians"), {"quantity": "37"}, {("Boko Haram", "kill", "37 people")}),
    # counts that differ: the second group is often part of the first, never the same node
    ("Ethiopian soldiers shot dead six Somalis in two villages. The army said the soldiers shot five Somalis "
     "near Baidoa.",
     ("Ethiopian military", "shoot", "five Somalis"), {}, {("Ethiopian military", "shoot", "six Somalis")}),
    # the same count of another nationality is another group
    ("Palestinian gunmen killed three Israelis on Monday. Israeli troops later killed three Palestinians in Gaza.",
     ("Israeli military", "kill", "three Palestinians"), {}, {("Israeli military", "kill", "three Israelis")}),
]


@pytest.mark.parametrize("text,found,fields,absent", RESTATED)
def test_restated_victims(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)


def test_killings_in_two_places_keep_two_groups(nlp):
    """Two killings the article places apart are two groups, whatever their counts and nouns."""
    got = rows(nlp, "Palestinian gunmen killed two dozen Israelis near Hebron on Monday. In a separate attack, "
                    "Hamas militants killed 25 people in Haifa.")
    assert ("Palestinian gunmen", "kill", "two dozen Israelis") in got
    assert ("Hamas militants", "kill", "25 people") in got


COUNTS = [
    ("25", (25, False)), ("two dozen", (24, True)), ("about 40", (40, True)), ("more than 1,000", (1000, True)),
    ("dozens", (12, True)), ("Three", (3, False)), ("several", None), (None, None),
]


@pytest.mark.parametrize("quantity,expected", COUNTS)
def test_count_of(quantity, expected):
    assert count_of(quantity) == expected
