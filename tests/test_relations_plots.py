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
    # "X voiced concern over a man who was held ... and has admitted to ...": the man admitted it, not X
    ("The Interior Minister, Anna Berg, has voiced concern over a man who was held in Tunisia and has apparently "
     "admitted to plotting suicide attacks in Germany.",
     ("man", "plot suicide attack in", "Germany"), {}, {("Anna Berg", "plot suicide attack in", "Germany")}),
]


@pytest.mark.parametrize("text,found,fields,absent", PLOTS)
def test_plots(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)
