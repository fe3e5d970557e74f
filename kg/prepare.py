"""Text preparation for extraction: sentence boundaries at line breaks and page furniture.

The text itself is never changed, so every offset stays an offset into the
original article. Instead the ``kg_prepare`` component (run first, before the
parser) does two things:

- it starts a new sentence at every paragraph break, and after a line that is
  a title (first line, short, no final full stop) or that ends a sentence,
  so the headline is its own sentence and no sentence runs across paragraphs;
- it marks page furniture ("Leave a Reply", "Click for More …", share and
  cookie prompts) as spans in ``doc.spans["kg_furniture"]``; the entity
  components ignore mentions inside them, so they yield no nodes or triples.

Furniture is recognised by line-level regular expressions kept as data in
``kg/lexicons/furniture.yaml``, plus one positional heuristic: after the first
furniture line of the article's last block, short lines without a final full
stop are furniture too.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import lexicons

FURNITURE = "kg_furniture"  # the doc.spans key of furniture spans
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")
TAIL_LINES = 8  # furniture only counts as the article's tail within this many last lines
SHORT_LINE_WORDS = 8


@cache
def _patterns() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in lexicons.load("furniture")), re.IGNORECASE)


def is_furniture(line: str) -> bool:
    """True when a single line is page furniture by the patterns in furniture.yaml."""
    return bool(_patterns().search(line.strip()))


def _short(line: str) -> bool:
    return len(line.split()) <= SHORT_LINE_WORDS and not line.rstrip().endswith((".", "!", "?"))


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (start, end) of furniture lines in ``text``."""
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    ranges: list[tuple[int, int]] = []
    in_tail = False
    for n, (start, end, line) in enumerate(lines):
        tail = n >= len(lines) - TAIL_LINES
        if is_furniture(line):
            ranges.append((start, end))
            in_tail = in_tail or tail
        elif in_tail and _short(line):
            ranges.append((start, end))
    return ranges + dateline_ranges(lines)


# "KABUL (Reuters) -", "WASHINGTON, Dec 3 (AP) --", "ISLAMABAD, Pakistan —": a place in capitals, maybe a date or
# country, maybe an agency in parentheses, then a dash; it says where the report was filed, it names no one
DATELINE = re.compile(r"^\s*([A-Z][A-Z.' -]{2,40})(?:,\s*[A-Z][\w .']{1,30})?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|\u2013|\u2014)\s")
DATELINE_LINES = 3  # the lines at the top of an article a dateline may open


def dateline_ranges(lines: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Character ranges of the datelines that open the first lines of an article."""
    out = []
    for start, _end, line in lines[:DATELINE_LINES]:
        m = DATELINE.match(line)
        if m and sum(c.isalpha() for c in m.group(1)) >= 3:
            out.append((start, start + m.end()))
    return out


def line_starts(text: str) -> list[int]:
    """Offsets where a new sentence must begin: after a blank line, or after a line that ends one.

    A single line break inside running text (hard-wrapped prose) does not
    start a sentence unless the line before it ends with sentence punctuation
    or is the first line (the title).
    """
    starts = []
    first = True
    title_end = _first_line_end(text)
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        if first:
            first = False
            prev_end = m.end()
            continue
        gap = text[prev_end : m.start()]
        if gap.count("\n") >= 2 or _SENTENCE_END.search(text[:prev_end]) or prev_end == title_end:
            starts.append(m.start() + len(line) - len(line.lstrip()))
        prev_end = m.end()
    return starts


def _first_line_end(text: str) -> int:
    m = _LINE.search(text)
    while m and not m.group().strip():
        m = _LINE.search(text, m.end())
    return m.end() if m else -1


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


@Language.component("kg_prepare")
def kg_prepare(doc: Doc) -> Doc:
    """Set sentence starts at line breaks and record furniture spans (run before the parser)."""
    text = doc.text
    if "\n" not in text:
        doline = dateline_ranges([(0, len(text), text)])
        doc.spans[FURNITURE] = [s for a, b in doline if (s := doc.char_span(a, b, alignment_mode="expand")) is not None]
        return doc
    for char in line_starts(text):
        i = _token_at(doc, char)
        if i is not None and i > 0:
            doc[i].is_sent_start = True
    spans: list[Span] = []
    for start, end in furniture_ranges(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            if span.start > 0:
                doc[span.start].is_sent_start = True
            if span.end < len(doc) and not doc[span.end].is_space:
                doc[span.end].is_sent_start = True
    doc.spans[FURNITURE] = spans
    return doc


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """True when the token range [start, end) overlaps a furniture span."""
    return any(s.start < end and start < s.end for s in doc.spans.get(FURNITURE, ()))
