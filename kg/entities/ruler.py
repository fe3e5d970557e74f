"""The ``kg_lexicon`` component: known names and institution phrases, matched before the NER.

It runs after the parser and before ``ner``. Matches are written to
``doc.spans["kg_lexicon"]`` (span label = entity key) and set as preset
entities, which the statistical NER respects and predicts around, so
"al-Shabaab" is an organisation however the model would have typed it.

What it matches, all from the lexicons:

- names and aliases of organisations, countries and cities ("al-Shabaab", "ISIS", "U.S."), unless a
  capitalised word compounded onto them makes them part of a longer name ("State Security Service");
- demonym + institution noun ("Turkish intelligence", "Iraqi forces") and
  country possessive + institution noun ("Iraq's security forces"): the
  organisation of that country, one node per (country, canonical noun);
- "<country>-led <noun>" ("U.S.-led coalition").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..prepare import in_furniture
from .lexicon import Lexicon, Ref, load

LEXICON = "kg_lexicon"  # the doc.spans key of lexicon matches (label = entity key)
NER_LABEL = {"Organization": "ORG", "Person": "PERSON", "Country": "GPE", "City": "GPE", "Region": "LOC"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}
_LED = re.compile(r"^(.+)-led$")


def ner_label(ref: Ref) -> str:
    return NER_LABEL.get(ref.subtype or "", NER_LABEL.get(ref.type, "ORG"))


class LexiconRuler:
    """Match lexicon names and institution phrases; see the module docstring."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None):
        self.lex = lexicon or load()
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.names.add("NAME", list(nlp.tokenizer.pipe(self.lex.names)))
        # Institution nouns and "-led" nouns are found by one phrase lookup; what precedes them
        # (a demonym, a country's possessive, "<country>-led") is checked only where they occur.
        self.nouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.nouns.add("INST", list(nlp.tokenizer.pipe(self.lex.institutions)))
        self.nouns.add("LED", list(nlp.tokenizer.pipe(sorted(self.lex.led_nouns))))
        self.inst_id, self.led_id = nlp.vocab.strings["INST"], nlp.vocab.strings["LED"]
        self.demonym_len = max(len(nlp.make_doc(d)) for d in self.lex.demonyms)

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Ref]] = []
        for _, start, end in self.names(doc):
            if not self._inside_longer_name(doc, start, end):
                found.append((doc[start:end], self.lex.names[doc[start:end].text]))
        for match_id, start, end in self.nouns(doc):
            hit = self._institution(doc, start, end) if match_id == self.inst_id else self._led(doc, start, end)
            if hit is not None:
                found.append(hit)
        refs = {(s.start, s.end): r for s, r in found}
        spans = [
            Span(doc, s.start, s.end, label=refs[(s.start, s.end)].key)
            for s in filter_spans([s for s, _ in found])
            if not in_furniture(doc, s.start, s.end)
        ]
        doc.spans[LEXICON] = spans
        ents = [Span(doc, s.start, s.end, label=ner_label(self.lex.refs[s.label_])) for s in spans]
        doc.set_ents(ents, default="unmodified")
        return doc

    def _inside_longer_name(self, doc: Doc, start: int, end: int) -> bool:
        """'State Security Service' is not MI5's 'Security Service': a capitalised word that is not a country,
        demonym or title, compounded onto the match, makes it part of a longer name."""
        if start == 0 or doc[start].is_sent_start:
            return False
        prev = doc[start - 1]
        return (
            prev.tag_ in {"NNP", "NNPS"} and prev.is_title and prev.dep_ == "compound" and start <= prev.head.i < end
            and prev.text not in self.lex.country_by_name and prev.text not in self.lex.titles
        )

    def _institution(self, doc: Doc, start: int, end: int) -> tuple[Span, Ref] | None:
        """'Turkish intelligence', 'Iraq's security forces': the institution of the country just before."""
        lex = self.lex
        last = doc[end - 1]
        if last.head.i >= end and last.dep_ in MODIFIER_DEPS:
            return None  # "Iraqi military source": the institution noun only modifies another noun
        form = doc[start:end].text
        for n in range(1, min(self.demonym_len, start) + 1):
            country = lex.demonyms.get(doc[start - n : start].text)
            if country:
                ref = lex.institution(country, form)
                return (doc[start - n : end], ref) if ref else None
        if start >= 2 and doc[start - 1].tag_ == "POS":
            country = lex.country_by_name.get(doc[start - 2].text)
            ref = lex.institution(country, form) if country else None
            return (doc[start - 2 : end], ref) if ref else None
        return None

    def _led(self, doc: Doc, start: int, end: int) -> tuple[Span, Ref] | None:
        """'U.S.-led coalition'."""
        m = _LED.match(doc[start - 1].text) if start > 0 else None
        country = self.lex.country_by_name.get(m.group(1)) if m else None
        return (doc[start - 1 : end], self.lex.led(country, doc[start:end].text)) if country else None


@Language.factory("kg_lexicon")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp)
