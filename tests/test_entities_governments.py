"""An article's government under other words (kg.entities.governments), on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.entities import MENTIONS

# text, mention, the key it must resolve to
GOVERNMENTS = [
    # "the Government" alone: the government the article named before it
    ("The Federal Government has tabled a bill to widen police powers. Critics say the Government is moving too "
     "fast.", "Government", "organization/federal-government"),
    # none named: it stays as it is
    ("Storms have forced the Government to declare a disaster zone.", "Government", "organization/government"),
    # a head of government's government: the one national government the article names
    ("Kenyan Prime Minister Paul Otieno defended the raids. Mr Otieno's Government has also banned the militia, "
     "an aide said. The Kenyan government denied abuses.",
     "Otieno's Government", "organization/kenyan-government"),
    # two national governments named: which one is not said
    ("Kenyan Prime Minister Paul Otieno defended the raids. Mr Otieno's Government has also banned the militia. "
     "The Kenyan government and the Ugandan government denied abuses.",
     "Otieno's Government", "organization/otienos-government"),
]


@pytest.mark.parametrize("text,mention,key", GOVERNMENTS)
def test_government_mentions(nlp, text, mention, key):
    doc = nlp(text)
    got = {span.text: span._.kg_key for span in doc.spans[MENTIONS]}
    assert got.get(mention) == key, got
