"""The SPARQL tokenizer: strings, IRIs, escaped local names and comments are read as the grammar says."""

from __future__ import annotations

import pytest

from api.sparql_lexer import LexError, iri_value, max_depth, pname_parts, tokens


def _words(text: str) -> list[str]:
    return [t.text for t in tokens(text) if t.kind == "word"]


def test_a_hash_in_an_iri_a_string_or_an_escaped_local_name_is_not_a_comment():
    text = r'PREFIX ex: <http://e/> ASK { ex:a\#b <http://e/\u0023x> "#", """ "# """, ' + r"'\'#' FILTER(true) } # LIMIT"
    assert _words(text) == ["PREFIX", "ASK", "FILTER", "TRUE"]
    kinds = [t.kind for t in tokens(text)]
    assert kinds.count("string") == 3 and kinds.count("iri") == 2


def test_escapes_are_decoded():
    iri, pname = [t for t in tokens(r"<http://e/\u0041b> ex:a\#b") if t.kind in ("iri", "pname")]
    assert iri_value(iri) == "http://e/Ab"
    assert pname_parts(pname) == ("ex", "a#b")


def test_keywords_glued_to_a_colon_are_split_where_the_engine_reads_them_as_keywords():
    assert _words("ASK { SERVICE:x { } }") == ["ASK", "SERVICE"]
    assert _words("ASK { SERVICE SILENT:x { } }") == ["ASK", "SERVICE", "SILENT"]
    assert _words("LOAD:x") == ["LOAD"]
    assert _words("ASK { ?s service:x ?o . ?s load:y ?o }") == ["ASK"]


def test_depth_counts_every_kind_of_bracket():
    assert max_depth(tokens("ASK { ?s ?p [ ?q ( 1 2 ) ] }")) == 3
    assert [t.depth for t in tokens("{ } ( )")] == [1, 1, 1, 1]


def test_a_character_no_token_starts_with_is_an_error():
    with pytest.raises(LexError, match="unexpected character '`' at offset 6"):
        tokens("ASK { ` }")
