"""Lemmas the small model gets wrong in a regular way, corrected before the rules read them.

Its lemmatizer turns the "-ied" forms of verbs it does not know into "-ie": "reoccupied" -> "reoccupie", so the
lexicon's "reoccupy" never matched. The correction reads the lemma and the word as string hashes (no Token object
per word) and rewrites only the tokens it corrects.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

ENDINGS = ("ied", "ies")  # "reoccupied", "reoccupies"
TRUE_IE = ("die", "lie", "tie", "vie")  # verbs whose lemma does end in "-ie" ("untie", "belie")


def fix_lemmas(doc: Doc) -> None:
    """"reoccupie" -> "reoccupy" where the word ends in "-ied" or "-ies" and its lemma in "-ie"."""
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LEMMA])
    for orth, lemma in {(int(o), int(lm)) for o, lm in arr}:
        word, lem = strings[orth].lower(), strings[lemma]
        if word.endswith(ENDINGS) and lem.endswith("ie") and not lem.endswith(TRUE_IE):
            fixed = lem[:-2] + "y"
            for i in numpy.flatnonzero((arr[:, 0] == orth) & (arr[:, 1] == lemma)):
                doc[int(i)].lemma_ = fixed
