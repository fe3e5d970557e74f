"""The ``kg_lexicon`` component: known names and institution phrases, matched before the NER.

It runs after the parser and before ``ner``. Matches are written to
``doc.spans["kg_lexicon"]`` (span label = entity key) and set as preset
entities, which the statistical NER respects and predicts around, so
"al-Shabaab" is an organisation however the model would have typed it.

What it matches, all from the lexicons:

- names and aliases of organisations, countries and cities ("al-Shabaab", "ISIS", "U.S.");
- demonym + institution noun ("Turkish intelligence", "Iraqi forces") and
  country possessive + institution noun ("Iraq's security forces"): the
  organisation of that country, one node per (country, canonical noun);
- "<country>-led <noun>" ("U.S.-led coalition").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
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
        self.phrases = Matcher(nlp.vocab)
        forms = [[{"LOWER": t.lower_} for t in nlp.make_doc(form)] for form in self.lex.institutions]
        dem_single = [d for d in self.lex.demonyms if len(nlp.make_doc(d)) == 1]
        dem_multi = [[{"ORTH": t.text} for t in nlp.make_doc(d)] for d in self.lex.demonyms if d not in dem_single]
        countries = [n for n, k in self.lex.country_by_name.items() if n not in self.lex.demonyms]
        country_single = [c for c in countries if len(nlp.make_doc(c)) == 1]
        self.phrases.add("DEMONYM_INST", [[{"ORTH": {"IN": dem_single}}, *f] for f in forms])
        if dem_multi:
            self.phrases.add("DEMONYM_INST", [[*d, *f] for d in dem_multi for f in forms])
        self.phrases.add("POSS_INST", [[{"ORTH": {"IN": country_single}}, {"TAG": "POS"}, *f] for f in forms])
        self.phrases.add("LED", [[{"LOWER": {"REGEX": r"^\S+-led$"}}, {"LOWER": {"IN": sorted(self.lex.led_nouns)}}]])

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Ref]] = []
        for _, start, end in self.names(doc):
            text = doc[start:end].text
            found.append((doc[start:end], self.lex.names[text]))
        vocab = doc.vocab.strings
        for match_id, start, end in self.phrases(doc):
            ref = self._phrase(vocab[match_id], doc[start:end])
            if ref is not None:
                found.append((doc[start:end], ref))
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

    def _phrase(self, kind: str, span: Span) -> Ref | None:
        lex = self.lex
        last = span[-1]
        if last.head.i >= span.end and last.dep_ in MODIFIER_DEPS:
            return None  # "Iraqi military source": the institution noun only modifies another noun
        if kind == "DEMONYM_INST":
            for n in range(len(span) - 1, 0, -1):
                country = lex.demonyms.get(span[:n].text)
                if country:
                    return lex.institution(country, span[n:].text)
        elif kind == "POSS_INST":
            country = lex.country_by_name.get(span[0].text)
            return lex.institution(country, span[2:].text) if country else None
        elif kind == "LED":
            m = _LED.match(span[0].text)
            country = lex.country_by_name.get(m.group(1)) if m else None
            return lex.led(country, span[1].text) if country else None
        return None


@Language.factory("kg_lexicon")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp)
