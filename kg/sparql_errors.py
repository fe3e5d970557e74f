"""SPARQL syntax errors a person can read: line, column, the text there and what was expected, on one line.

Oxigraph's parser reports ``error at 1:33: expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' | …]``:
for a missing PREFIX the expected set is every character a name may hold, a wall of Unicode ranges.
:func:`explain` keeps the position, names the token found there, drops the character classes and says which
PREFIX line is missing (with the IRI for the prefixes kg's graphs use).
"""

from __future__ import annotations

import re

from .vocab import BASE

KNOWN_PREFIXES = {
    "kg": BASE + "ontology#",
    "rel": BASE + "relation/",
    "id": BASE + "id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
}

_MESSAGE = re.compile(r"error at (?P<line>\d+):(?P<column>\d+): expected (?:one of )?(?P<expected>.*)", re.S)
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
_WORDS = {"IRI parsing failed": "a valid IRI"}
MAX_EXPECTED = 6


def _expected(items: str) -> list[str]:
    """The alternatives of an 'expected one of' list, without the character classes ([...])."""
    out, depth, current = [], 0, ""
    for ch in items:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    out.append(current.strip())
    words = [_WORDS.get(x, x) for x in out if x and not x.startswith("[")]
    return words or ["something else"]


def explain(message: str, query: str) -> str:
    """One line for a pyoxigraph SyntaxError ``message`` about ``query``; the message as it is when unknown."""
    m = _MESSAGE.fullmatch(message.strip())
    if m is None:
        return f"SPARQL syntax error: {message}"
    line, column = int(m["line"]), int(m["column"])
    lines = query.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    where = f"SPARQL syntax error at line {line}, column {column}"
    expected = _expected(m["expected"])
    if "Prefix not found" in expected:
        prefixed = _PREFIXED.search(text[: column - 1])
        name = (prefixed.group(1) or "") if prefixed else ""
        iri = KNOWN_PREFIXES.get(name)
        fix = f"PREFIX {name}: <{iri}>" if iri else f"PREFIX {name}: <...>"
        return f"{where}: undefined prefix '{name}:'; add {fix}"
    before = " ".join(text[: max(column - 1, 0)].split())[-24:]
    near = f" after '{before}'" if before else ""
    shown = expected[:MAX_EXPECTED] + (["…"] if len(expected) > MAX_EXPECTED else [])
    return f"{where}{near}: expected {' or '.join(shown) if len(shown) < 3 else 'one of ' + ', '.join(shown)}"
