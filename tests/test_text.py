import pytest

from kg.errors import InputError
from kg.text import decode, guess_title, read_article

from .conftest import SEED


def test_seed_reads_with_title_and_stable_id():
    art = read_article(SEED)
    assert art.id == "000_7c71ae8a3147dccc"
    assert art.title == "Turkish intelligence helped Iraq capture Daesh leader: Report"
    assert art.text.startswith("Turkish intelligence")
    assert read_article(SEED).sha256 == art.sha256


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty input"),
        (b"  \n\t ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data, not text"),
    ],
)
def test_bad_bytes_raise_with_source(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert str(err.value) == f"x.txt: {reason}"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected(encoding):
    text = "Police in Bogotá arrested the café owner’s cousin, officials said on Tuesday."
    if encoding == "latin-1":
        text = text.replace("’", "'")
    assert decode(text.encode(encoding), "x.txt") == text


def test_utf8_bom_is_dropped():
    assert decode("\ufeffHello world".encode("utf-8"), "x") == "Hello world"


def test_oversize_is_rejected():
    with pytest.raises(InputError, match="too large"):
        decode(b"a" * 6_000_000, "big.txt")


def test_title_is_first_line_only_when_it_looks_like_one():
    assert guess_title("Police arrest suspect\n\nPolice arrested a man.") == "Police arrest suspect"
    assert guess_title("Police arrested a man on Monday.\nHe was charged.") is None


def test_characters_xml_cannot_carry_become_spaces_one_for_one():
    from kg.text import article_from_text

    art = article_from_text("Police arrest\x01 suspect\n\nPolice arrested Ahmed\x0b Khan.", "x", title="A\x02 title")
    assert art.text == "Police arrest  suspect\n\nPolice arrested Ahmed  Khan."
    assert art.title == "A  title"
