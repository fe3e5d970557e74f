"""Text preparation: furniture lines, sentence starts at line breaks, offsets into the original text."""

import pytest

from kg.prepare import FURNITURE, furniture_ranges, is_furniture, line_starts

from .conftest import SEED

FURNITURE_LINES = [
    ("Leave a Reply", True),
    ("Your email address will not be published. Required fields are marked *", True),
    ("Pin It on Pinterest", True),
    ("Click for More from the World", True),
    ("Click here to subscribe", True),
    ("Share this article", True),
    ("Tweet", True),
    ("Subscribe to our newsletter", True),
    ("We use cookies to improve your experience on our site.", True),
    ("Accept all cookies", True),
    ("Read more: Police arrest two in Paris", True),
    ("© 2024 Example News. All rights reserved.", True),
    ("12 Comments", True),
    ("Police said they would share information with Interpol.", False),
    ("Turkish intelligence helped Iraq capture Daesh leader: Report", False),
    ("The suspect was detained after clicking on a link, police said.", False),
    ("Reuters could not independently verify the authenticity of the image.", False),
]


@pytest.mark.parametrize("line,expected", FURNITURE_LINES)
def test_furniture_lines(line, expected):
    assert is_furniture(line) is expected


def test_short_lines_after_tail_furniture_are_furniture_too():
    text = "Title\n\nPolice arrested a man on Monday.\n\nLeave a Reply\n\nSome Site Name\n\nTrending Now"
    got = [text[a:b] for a, b in furniture_ranges(text)]
    assert got == ["Leave a Reply", "Some Site Name", "Trending Now"]


def test_body_lines_are_never_taken_as_tail():
    text = "Title\n\nBody one.\n\nShare this article\n\nThe police said the man was arrested on Monday in Paris."
    got = [text[a:b] for a, b in furniture_ranges(text)]
    assert got == ["Share this article"]


def test_seed_furniture_is_only_the_page_tail():
    text = SEED.read_text(encoding="utf-8")
    got = [text[a:b] for a, b in furniture_ranges(text)]
    assert got == [
        "Click for More from the World",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Pin It on Pinterest",
    ]


def test_line_starts_split_paragraphs_and_the_title_but_not_wrapped_prose():
    text = "Headline without stop\nFirst paragraph runs\nover two lines.\nNext one.\n\nAnother paragraph"
    starts = line_starts(text)
    assert [text[s:].split("\n")[0] for s in starts] == ["First paragraph runs", "Next one.", "Another paragraph"]


def test_title_is_its_own_sentence_and_offsets_point_into_the_text(nlp):
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    first = next(doc.sents)
    assert first.text.strip() == "Turkish intelligence helped Iraq capture Daesh leader: Report"
    assert doc.text == text  # nothing is removed or rewritten
    spans = doc.spans[FURNITURE]
    assert [s.text for s in spans][0] == "Click for More from the World"
    assert all(text[s.start_char : s.end_char] == s.text for s in spans)


def test_nothing_in_furniture_becomes_a_mention(nlp):
    doc = nlp(SEED.read_text(encoding="utf-8"))
    furniture = {i for s in doc.spans[FURNITURE] for i in range(s.start, s.end)}
    assert furniture
    assert not any(i in furniture for m in doc.spans["kg_mentions"] for i in range(m.start, m.end))


def test_text_without_line_breaks_is_left_alone(nlp):
    doc = nlp("Police arrested a man in Paris on Monday.")
    assert list(doc.spans[FURNITURE]) == []
