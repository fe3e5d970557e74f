"""Judgements of deeds (kg.relations.judgements), culprits found guilty in a quote, partners who act too, and the
speaker of a quote who is not someone the quote names (kg.entities.coref), on sentences written for these tests."""

from __future__ import annotations

import pytest

from .extracted_rows import check


JUDGEMENTS = [
    # whoever condemns an act by X condemns X; an act named alone says nothing of whom
    ("Human Rights Watch has condemned the deliberate attacks by Somali gunmen on aid workers.",
     ("Human Rights Watch", "condemn", "Somali gunmen"), {"event_type": "Accusation"}, set()),
    ("Human Rights Watch has condemned the attacks.", None, {}, {("Human Rights Watch", "condemn", "Somali gunmen")}),
    # "X is guilty of ...", said by a speaker after the quote: the speaker accuses X, and "he" is not X
    ("President William Ruto spoke in Nairobi on Friday. \"Anyone who reads this report will see that Ahmed Farah is "
     "guilty of murder,\" he said.", ("William Ruto", "accuse", "Ahmed Farah"), {"event_type": "Accusation"}, set()),
    # "his" in the subject of an adverbial clause is the main clause's subject's, a description resolved later
    ("Colonel Luis Vega said Pedro Ramos had escaped to the jungle. The Colombian-born militant seemed increasingly "
     "isolated after his FARC protectors handed over the Meta province to village elders.",
     ("FARC protectors", "protector of", "Pedro Ramos"), {"event_type": "Support"},
     {("FARC protectors", "protector of", "Luis Vega"), ("FARC protectors", "protector of", "FARC")}),
    # declaring or branding someone something designates them so, in the parser's small clause or with an object
    ("Kenya's President William Ruto declared Mr Farah \"irrelevant\" after the attack.",
     ("William Ruto", "declare irrelevant", "Farah"), {"event_type": "Designation"}, set()),
    ("Kenya declared al-Shabaab a terrorist organisation on Monday.",
     ("Kenya", "declare terrorist organisation", "al-Shabaab"), {"event_type": "Designation"},
     {("Kenya", "declare terrorist organisation", "al-Shabaab a terrorist organisation")}),
    # condemning an attack on X is no attack on X; a demonym's country is no doer of it
    ("Kenya condemned the al-Shabaab attack on the Westgate Mall.", ("Kenya", "condemn", "al-Shabaab"), {},
     {("Kenya", "attack on", "Westgate Mall")}),
    # a partner "alongside" the doer does the same to the same object
    ("Kenyan troops are combing the forests alongside Somali militias.",
     ("Somali militias", "comb", "forests"), {"event_type": "Surveillance"}, set()),
]


@pytest.mark.parametrize("text,found,fields,absent", JUDGEMENTS)
def test_judgements(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)
