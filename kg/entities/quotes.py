"""Who speaks each quotation: a third-person pronoun inside a quote ("he has been arrested", Mr X said) is
not its speaker, who would say "I".

A quote runs from an opening to a closing double quote (straight or curly) and may span sentences; its
speaker is the subject of a speech verb outside the quote in a sentence the quote touches ("... ," Mr X
said; Mr X said: "..."), else the speaker of the quote before it in the same paragraph (a quote carried on).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from .. import lexicons

QUOTES = {'"', "\u201c", "\u201d", "``", "''"}
MAX_QUOTES = 500  # quotes per article looked at; the rest have no known speaker


@cache
def speech_verbs() -> frozenset[str]:
    return frozenset(lexicons.load("relations")["speech_verbs"])


def _opening(doc: Doc, i: int) -> bool:
    """A quote mark that opens: curly open, or straight with a space before it and none after."""
    text = doc[i].text
    if text in {"\u201c", "``"}:
        return True
    if text in {"\u201d", "''"}:
        return False
    return (i == 0 or doc[i - 1].whitespace_ != "") and doc[i].whitespace_ == "" and i + 1 < len(doc)


def _spans(doc: Doc, marks: list[int]) -> list[tuple[int, int]]:
    """(open, close) mark pairs. An opening mark with no closing one before the next opening ends at it: news
    opens a new paragraph's quote without closing the last ("... a hoax. "I think ...")."""
    spans, start = [], None
    for i in marks:
        if start is None:
            start = i
        elif _opening(doc, i) and i > 0 and doc[i - 1].text in {".", "?", "!"}:
            spans.append((start, i - 1))  # the last quote ran to the end of its sentence
            start = i
        else:
            spans.append((start, i))
            start = None
    if start is not None and start + 1 < len(doc):
        spans.append((start, len(doc) - 1))  # a quote left open runs to the end of the text
    return spans


def speakers(doc: Doc) -> dict[int, int]:
    """Token index inside a quote -> index of its speaker's head token (cached on the doc)."""
    cached = doc.user_data.get("kg_quote_speakers")
    if cached is not None:
        return cached
    spans = _spans(doc, [t.i for t in doc if t.text in QUOTES][: 2 * MAX_QUOTES])
    inside = {i for a, b in spans for i in range(a, b + 1)}
    out: dict[int, int] = {}
    previous: tuple[int, int] | None = None  # (speaker token, paragraph end) of the last quote with a speaker
    for a, b in spans:
        speaker = None
        for sent in {doc[a].sent, doc[b].sent}:
            for tok in sent:
                if tok.i in inside or tok.lemma_.lower() not in speech_verbs() or tok.pos_ != "VERB":
                    continue
                subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i not in inside]
                if subj:
                    speaker = subj[0].i
                    break
            if speaker is not None:
                break
        if speaker is None and previous is not None and "\n" not in doc[previous[1] : a].text:
            speaker = previous[0]
        if speaker is not None:
            previous = (speaker, b)
            out.update({i: speaker for i in range(a + 1, b)})
    for (a, b), (c, d) in zip(reversed(spans[:-1]), reversed(spans[1:])):
        if a + 1 < b and a + 1 not in out and c == b + 1 and c + 1 in out:  # '"... training. "He entered ...," X said'
            out.update({i: out[c + 1] for i in range(a + 1, b)})  # a quote carried on into one X is said to speak
    doc.user_data["kg_quote_speakers"] = out
    return out
