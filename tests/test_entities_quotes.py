"""Who speaks each quotation (kg.entities.quotes), on texts written for these tests."""

from kg.entities.quotes import speakers


def _speaker_of(doc, word):
    i = next(t.i for t in doc if t.text == word)
    j = speakers(doc).get(i)
    return None if j is None else doc[j].text


def test_a_closed_quote_has_the_speaker_of_its_sentence(nlp):
    doc = nlp('"He was arrested in May," Mr Said said.')
    assert _speaker_of(doc, "arrested") == "Said"


def test_a_quote_carried_on_without_closing_keeps_its_speaker(nlp):
    # news opens the next paragraph's quote without closing the last one
    doc = nlp('"I understand his claim," Mr Said said. "I do not think this is a hoax. "We are grateful he was arrested."')
    assert _speaker_of(doc, "hoax") == "Said"
    assert _speaker_of(doc, "grateful") == "Said"


def test_a_quote_carried_into_an_attributed_one_has_its_speaker(nlp):
    doc = nlp('Mr Said spoke on Monday. "He travelled to Europe in 1999. "He entered Afghanistan in 2000," Mr Omar said.')
    assert _speaker_of(doc, "Europe") == "Omar"
    assert _speaker_of(doc, "Afghanistan") == "Omar"
