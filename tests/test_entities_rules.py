"""Entity rules on hand-built Docs (words, heads, deps, tags, ents): independent of the statistical model."""

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.entities.coref import Coref
from kg.entities.lexicon import load
from kg.entities.mentions import Registry, strip_span
from kg.entities.names import name_words, resolve_names


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def make(blank, rows, ents=None):
    """rows: (word, tag, pos, dep, head index); ents: BIO labels per token."""
    words = [r[0] for r in rows]
    return Doc(
        blank.vocab, words=words, tags=[r[1] for r in rows], pos=[r[2] for r in rows],
        deps=[r[3] for r in rows], heads=[r[4] for r in rows], ents=ents or ["O"] * len(rows),
        lemmas=[r[0].lower() for r in rows],
    )


def mentions(doc, reg):
    return {doc[m.start : m.end].text: m.key for m in reg.mentions}


def test_name_words_drop_particles():
    lex = load()
    assert name_words("Abu Omar al-Masri", lex.name_particles) == ("omar", "masri")
    assert name_words("Al-Masri’s", lex.name_particles) == ("masris",) or name_words("Al-Masri", lex.name_particles) == ("masri",)


def test_surname_typed_as_place_is_the_full_names_person(blank):
    rows = [
        ("Police", "NNS", "NOUN", "nsubj", 1), ("arrested", "VBD", "VERB", "ROOT", 1),
        ("Sami", "NNP", "PROPN", "compound", 3), ("Kaya", "NNP", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1),
        ("Kaya", "NNP", "PROPN", "nsubjpass", 7), ("was", "VBD", "AUX", "auxpass", 7), ("charged", "VBN", "VERB", "ROOT", 7),
        (".", ".", "PUNCT", "punct", 7),
    ]
    doc = make(blank, rows, ["O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert mentions(doc, reg) == {"Sami Kaya": "person/sami-kaya", "Kaya": "person/sami-kaya"}
    assert reg.entities["person/sami-kaya"].mentions == 2


def test_person_vote_from_the_sentence(blank):
    rows = [
        ("Zorlan", "NNP", "PROPN", "nsubjpass", 2), ("was", "VBD", "AUX", "auxpass", 2),
        ("arrested", "VBN", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2),
    ]
    doc = make(blank, rows, ["B-GPE", "O", "O", "O"])
    doc[2].lemma_ = "arrest"
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert mentions(doc, reg) == {"Zorlan": "person/zorlan"}


def test_majority_type_across_mentions(blank):
    rows = [
        ("Velk", "NNP", "PROPN", "nsubj", 1), ("grew", "VBD", "VERB", "ROOT", 1), (".", ".", "PUNCT", "punct", 1),
        ("Velk", "NNP", "PROPN", "nsubj", 4), ("expanded", "VBD", "VERB", "ROOT", 4), (".", ".", "PUNCT", "punct", 4),
        ("Velk", "NNP", "PROPN", "nsubj", 7), ("hired", "VBD", "VERB", "ROOT", 7), (".", ".", "PUNCT", "punct", 7),
    ]
    doc = make(blank, rows, ["B-ORG", "O", "O", "B-GPE", "O", "O", "B-ORG", "O", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert set(mentions(doc, reg).values()) == {"organization/velk"}


def test_org_shaped_name_stays_an_organisation_when_it_speaks(blank):
    rows = [
        ("Coast", "NNP", "PROPN", "compound", 2), ("Police", "NNP", "PROPN", "compound", 2),
        ("Service", "NNP", "PROPN", "nsubj", 3), ("said", "VBD", "VERB", "ROOT", 3), (".", ".", "PUNCT", "punct", 3),
    ]
    doc = make(blank, rows, ["B-GPE", "I-GPE", "I-GPE", "O", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert mentions(doc, reg) == {"Coast Police Service": "organization/coast-police-service"}


@pytest.mark.parametrize(
    "words,ents,expected,title",
    [
        (["President", "Joe", "Biden", "’s"], ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON"], "Joe Biden", "President"),
        (["the", "Taliban"], ["B-ORG", "I-ORG"], "Taliban", None),
        (["Lt.", "Gen.", "Ali", "Omar"], ["B-PERSON"] + ["I-PERSON"] * 3, "Ali Omar", "Lt. Gen."),
        # lower-case words at a name's ends are not part of it; name particles are
        (["arrested", "Karim", "Benali"], ["B-PERSON", "I-PERSON", "I-PERSON"], "Karim Benali", None),
        (["Ahmad", "H.", "under"], ["B-PERSON", "I-PERSON", "I-PERSON"], "Ahmad H.", None),
        (["Abu", "Bakr", "al", "Baghdadi"], ["B-PERSON"] + ["I-PERSON"] * 3, "Abu Bakr al Baghdadi", None),
    ],
)
def test_strip_span(blank, words, ents, expected, title):
    doc = Doc(blank.vocab, words=words, ents=ents)
    doc[-1].tag_ = "POS" if words[-1] == "’s" else "NNP"
    span, got_title = strip_span(doc.ents[0], load())
    assert (span.text, got_title) == (expected, title)


def test_strip_span_rejects_lowercase_and_multiline(blank):
    doc = Doc(blank.vocab, words=["the", "World", "\n\n", "Leave"], spaces=[True, False, False, False], ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG"])
    assert strip_span(doc.ents[0], load()) == (None, None)


def _coref_doc(blank):
    rows = [
        ("Iraq", "NNP", "PROPN", "nsubj", 1), ("said", "VBD", "VERB", "ROOT", 1), ("its", "PRP$", "PRON", "poss", 4),
        ("security", "NN", "NOUN", "compound", 4), ("forces", "NNS", "NOUN", "nsubj", 5),
        ("caught", "VBD", "VERB", "ccomp", 1), ("Ali", "NNP", "PROPN", "compound", 7), ("Demir", "NNP", "PROPN", "dobj", 5),
        (".", ".", "PUNCT", "punct", 1),
        ("He", "PRP", "PRON", "nsubjpass", 11), ("was", "VBD", "AUX", "auxpass", 11), ("jailed", "VBN", "VERB", "ROOT", 11),
        (".", ".", "PUNCT", "punct", 11),
    ]
    doc = make(blank, rows, ["B-GPE", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"])
    return doc


def test_pronouns_pick_compatible_antecedents(blank):
    doc = _coref_doc(blank)
    reg = Registry()
    resolve_names(doc, load(), reg)
    Coref(blank, load()).pronouns(doc, reg)
    got = {doc[m.start].text: m.key for m in reg.mentions if m.kind == "pronoun"}
    assert got == {"its": "location/iraq", "He": "person/ali-demir"}


def test_apposition_with_a_person_noun_makes_a_person(blank):
    rows = [
        ("Ade", "NNP", "PROPN", "compound", 1), ("Okafor", "NNP", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 1),
        ("a", "DT", "DET", "det", 5), ("police", "NN", "NOUN", "compound", 5), ("official", "NN", "NOUN", "appos", 1),
        ("spoke", "VBD", "VERB", "ROOT", 6), (".", ".", "PUNCT", "punct", 6),
    ]
    doc = make(blank, rows, ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert mentions(doc, reg) == {"Ade Okafor": "person/ade-okafor"}


def test_coordination_with_a_known_name_gives_its_type(blank):
    rows = [
        ("Benin", "NNP", "PROPN", "pobj", 3), ("and", "CC", "CCONJ", "cc", 0), ("Zantia", "NNP", "PROPN", "conj", 0),
        ("in", "IN", "ADP", "ROOT", 3),
    ]
    doc = make(blank, rows, ["B-GPE", "O", "B-PERSON", "O"])
    reg = Registry()
    doc.spans["kg_lexicon"] = [Span(doc, 0, 1, label="location/benin")]
    resolve_names(doc, load(), reg)
    assert mentions(doc, reg)["Zantia"] == "location/zantia"


def test_a_name_needs_a_proper_noun(blank):
    rows = [("Kidnappings", "NNS", "NOUN", "nsubj", 1), ("rose", "VBD", "VERB", "ROOT", 1), (".", ".", "PUNCT", "punct", 1)]
    doc = make(blank, rows, ["B-PERSON", "O", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert reg.mentions == []


def test_organisation_named_with_a_demonym_belongs_to_that_country(blank):
    rows = [("Spanish", "NNP", "PROPN", "compound", 2), ("National", "NNP", "PROPN", "compound", 2),
            ("Police", "NNP", "PROPN", "nsubj", 3), ("said", "VBD", "VERB", "ROOT", 3)]
    doc = make(blank, rows, ["B-ORG", "I-ORG", "I-ORG", "O"])
    reg = Registry()
    resolve_names(doc, load(), reg)
    assert reg.entities["organization/spanish-national-police"].country == "location/spain"
