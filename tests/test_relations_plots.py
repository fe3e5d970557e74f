"""Plotted attacks (kg.relations.plots) and the subject of a verb conjoined after a relative clause
(kg.relations.heads), through the whole pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .extracted_rows import check


PLOTS = [
    # the planner, the country the attacks were for, and a target phrase hung on the verb; a plot is a Threat
    ("Police said Karim Haddad had confessed to planning bomb attacks in France and Belgium, as well as on the "
     "European Parliament.", ("Karim Haddad", "plan bomb attack in", "France"), {"event_type": "Threat"}, set()),
    ("Police said Karim Haddad had confessed to planning bomb attacks in France and Belgium, as well as on the "
     "European Parliament.", ("Karim Haddad", "plan bomb attack in", "Belgium"), {}, set()),
    ("Police said Karim Haddad had confessed to planning bomb attacks in France and Belgium, as well as on the "
     "European Parliament.", ("Karim Haddad", "plan bomb attack on", "European Parliament"), {}, set()),
    ("Hamas plotted attacks against Israeli officials, the army said.",
     ("Hamas", "plot attack against", "Israeli officials"), {"event_type": "Threat"},
     {("Hamas", "attack", "Israeli officials")}),
    # "X expressed concern about a man who was arrested ... and has confessed to ...": the man confessed, not X
    ("The Prime Minister, Peter Walsh, has expressed concern about a man who was arrested in Morocco and has "
     "reportedly confessed to planning suicide attacks in France.",
     ("man", "plan suicide attack in", "France"), {}, {("Peter Walsh", "plan suicide attack in", "France")}),
]


@pytest.mark.parametrize("text,found,fields,absent", PLOTS)
def test_plots(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)
