import json
from pathlib import Path

import pytest

from kg.extract import extract, write_jsonl
from kg.text import read_article

from .conftest import SEED

REQUIRED = {"source", "sentence", "subject", "subject_type", "predicate", "object", "object_type", "event_type", "confidence"}


def test_seed_yields_real_triples_with_the_jsonl_fields(nlp, tmp_path):
    ex = extract(read_article(SEED), nlp)
    out = tmp_path / "t.jsonl"
    with out.open("w") as fh:
        n = write_jsonl([ex], fh)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(rows) > 0
    for row in rows:
        assert REQUIRED <= row.keys()
        assert row["source"] == "000_7c71ae8a3147dccc"
        assert row["subject_type"] in {"Person", "Organization", "Location"}
        assert 0 < row["confidence"] <= 1
        assert row["sentence"] in ex.article.text
        assert ex.article.text[row["start"]:row["end"]].strip() == row["sentence"]


PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "who", "which", "that", "one"}


def test_seed_core_events_through_the_whole_pipeline(nlp):
    """The seed's security events and ties, with the real entity layer (model- and entity-dependent)."""
    ex = extract(read_article(SEED), nlp)
    rows = ex.rows()
    got = {(r["subject_id"], r["predicate"], r["object_id"]) for r in rows}
    jasim, baghdadi = "person/sami-jasim", "person/abu-bakr-al-baghdadi"
    for triple in [
        ("organization/turkish-intelligence", "help capture", jasim),
        ("location/iraq", "capture", jasim),
        ("organization/iraqi-intelligence", "track", jasim),
        (jasim, "deputy of", baghdadi),
        ("person/basim", "right-hand man of", baghdadi),
        ("organization/turkish-intelligence", "capture", "person/basim"),
        ("organization/turkish-police", "capture", "person/basim"),
    ]:
        assert triple in got, triple
    for r in rows:
        assert r["subject"].lower() not in PRONOUNS and r["object"].lower() not in PRONOUNS
    basim = next(r for r in rows if r["object_id"] == "person/basim" and r["predicate"] == "capture")
    assert basim["place"] == "Istanbul" and basim["event_type"] == "Capture"


def test_publication_date_normalises_relative_times(nlp):
    from dataclasses import replace

    article = replace(read_article(SEED), published="2021-05-12")
    rows = extract(article, nlp).rows()
    basim = next(r for r in rows if r["object_id"] == "person/basim" and r["predicate"] == "capture")
    assert basim["time"] == "2021"  # "earlier this year"


STORY = Path(__file__).parent / "data" / "stories" / "pakistan_let_arrest.txt"
MAKKI, SAEED, LET = "person/abdul-rehman-makki", "person/hafiz-saeed", "organization/lashkar-e-taiba"
POLICE = "organization/pakistani-police"


# What a reader expects from an article the rules were never tuned on (subject id, predicate, object id).
STORY_TRIPLES = [
    (POLICE, "arrest", MAKKI),
    (MAKKI, "commander of", LET),
    (MAKKI, "brother-in-law of", SAEED),  # hyphenated role noun, surname at a sentence start
    (SAEED, "founder of", LET),  # "the group's founder Hafiz Saeed"
    ("location/india", "accuse", LET),
    ("location/united-states", "designate", MAKKI),  # "designated him a global terrorist": object + predicate
    (MAKKI, "hand over to", "organization/counter-terrorism-department"),  # agentless transfer to an organisation
    (POLICE, "detain", MAKKI),  # "Police said he was detained": the reporting force is the agent
]


@pytest.fixture(scope="module")
def story_rows(nlp):
    return extract(read_article(STORY), nlp).rows()


@pytest.mark.parametrize("triple", STORY_TRIPLES)
def test_unseen_story_triples(story_rows, triple):
    got = {(r["subject_id"], r["predicate"], r["object_id"]) for r in story_rows}
    assert triple in got, sorted(got)


def test_unseen_story_arrest_details(story_rows):
    arrest = [r for r in story_rows if r["predicate"] == "arrest" and r["object_id"] == MAKKI]
    assert arrest and arrest[0]["place"] == "Lahore" and arrest[0]["time"] == "Wednesday"


@pytest.mark.xfail(reason="'The group denied involvement': a denial with no participant other than the group", strict=True)
def test_unseen_story_denial(story_rows):
    assert any(r["subject_id"] == LET and r["negated"] for r in story_rows)
