"""The five queries of docs/ontology.md's "Five questions in SPARQL" run on the seed graph and give the rows shown.

Each query must still find the facts it exists to show (``KEY_ROWS``), and every row printed on the page must
still come out. When extraction improves and the output changes, refresh the page with
``python -m tests.test_doc_queries`` (it rewrites only the outputs of that section).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.results import render

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "ontology.md"
SECTION = "## Five questions in SPARQL"
_BLOCK = re.compile(r"```console\n\$ kg query '(?P<query>[^']*)'\n(?P<output>.*?)```", re.S)

# Per query: rows (column -> value) that must be among the results, whatever else extraction finds.
KEY_ROWS = [
    [{"agent": "Iraqi security forces", "target": "Sami Jasim"}, {"agent": "Turkish intelligence", "target": "Sami Jasim"}],
    [{"relation": "capture", "object": "Sami Jasim"}, {"subject": "Sami Jasim", "relation": "national of"}],
    [{"who": "Abu Bakr al-Baghdadi"}],
    [{"source": "three security sources", "target": "Sami Jasim"}],
    [{"title": "Turkish intelligence helped Iraq capture Daesh leader: Report"}],
]


@dataclass
class Example:
    query: str
    output: str
    span: tuple[int, int]  # of the output in the page

    @property
    def header(self) -> list[str]:
        return self.output.splitlines()[0].split()


def examples(text: str) -> list[Example]:
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    end = len(text) if end < 0 else end
    return [Example(m["query"], m["output"], (m.start("output"), m.end("output")))
            for m in _BLOCK.finditer(text, start, end)]


def table_rows(rendered: str) -> list[dict[str, str]]:
    """Rows of a rendered table as dicts, cutting at the column offsets of the dashes line."""
    lines = rendered.splitlines()
    bounds = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[1])]
    names = [lines[0][a:b].strip() for a, b in bounds]
    return [{n: line[a:b + 1].strip() if i < len(bounds) - 1 else line[a:].strip()
             for i, (n, (a, b)) in enumerate(zip(names, bounds))} for line in lines[2:-1]]


PAGE_EXAMPLES = examples(PAGE.read_text(encoding="utf-8"))


def test_the_section_has_five_queries():
    assert len(PAGE_EXAMPLES) == 5 == len(KEY_ROWS)


@pytest.mark.parametrize("number", range(1, 6))
def test_query_gives_the_rows_shown(seed_store, number):
    example = PAGE_EXAMPLES[number - 1]
    actual = render(seed_store.query(example.query), "table")
    assert actual.splitlines()[0].split() == example.header
    rows = table_rows(actual)
    for key in KEY_ROWS[number - 1]:
        assert any(all(row[k] == v for k, v in key.items()) for row in rows), f"query {number} lost {key}"
    missing = [r for r in table_rows(example.output) if r not in rows]
    assert not missing, f"query {number} of docs/ontology.md is stale (refresh: python -m tests.test_doc_queries): {missing}"


def refresh() -> None:
    """Rewrite the outputs of the section with what the queries give on the seed now."""
    from kg.ingest import ingest_paths
    from kg.store import open_store

    from .conftest import SEED

    text = PAGE.read_text(encoding="utf-8")
    with open_store(":memory:") as store:
        ingest_paths([SEED], store)
        for ex in reversed(examples(text)):
            a, b = ex.span
            text = text[:a] + render(store.query(ex.query), "table") + text[b:]
    PAGE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(refresh())
