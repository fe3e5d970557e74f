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
def _speech_verbs() -> frozenset[str]:
    return frozenset(lexicons.load("relations")["speech_verbs"])


def speakers(doc: Doc) -> dict[int, int]:
    """Token index inside a quote -> index of its speaker's head token (cached on the doc)."""
    cached = doc.user_data.get("kg_quote_speakers")
    if cached is not None:
        return cached
    marks = [t.i for t in doc if t.text in QUOTES][: 2 * MAX_QUOTES]
    spans = [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    inside = {i for a, b in spans for i in range(a, b + 1)}
    out: dict[int, int] = {}
    previous: tuple[int, int] | None = None  # (speaker token, paragraph end) of the last quote with a speaker
    for a, b in spans:
        speaker = None
        for sent in {doc[a].sent, doc[b].sent}:
            for tok in sent:
                if tok.i in inside or tok.lemma_.lower() not in _speech_verbs() or tok.pos_ != "VERB":
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
    doc.user_data["kg_quote_speakers"] = out
    return out
