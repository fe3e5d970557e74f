"""Descriptions: unnamed people and institutions, nationalities, regions, aliases introduced by naming words.

Each rule is a phrase lookup (spaCy ``PhraseMatcher``, words from the lexicons) plus a
small check; none depends on a particular article:

- possessive institutions: a pronoun resolved to a country + institution noun
  ("its security forces" after "Iraq") -> that country's organisation;
- coordinated demonyms: "the Iraqi and Turkish governments" -> both governments;
- a bare institution noun ("Police also detained …") -> the same institution named earlier ("Kenyan police");
  a bare institution noun coordinated with a country's one ("Turkish
  intelligence and police") -> the same country's;
- "local security forces", "opposition groups": an unnamed organisation of the article;
- regions: "northwestern Syria", "Syria's northwest" -> one Location (Region) in that country;
- nationality: "<Person>, an Iraqi national" sets the person's nationality;
- naming words: "an Afghan national code-named “Abu Yusuf”" -> the person Abu Yusuf;
  "<Person>, known as “El Tigre”" -> an alias of that person;
- relational nouns, unnamed groups, unnamed and counted people: :mod:`.unnamed`, mixed in.

Unnamed nodes get article-scoped keys (see :func:`kg.entities.mentions.scoped_key`): two articles'
"850 suspects" are different people.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..prepare import in_furniture
from ..keys import entity_key
from .lexicon import Lexicon
from .owners import is_country, owner_country
from .mentions import Mention, Registry, drop, scoped_key, token_index
from .unnamed import UnnamedPeople

# Compass words -> the adjective used in a region's canonical label ("Syria's northwest" -> "northwestern Syria").
DIRECTIONS = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northern": "northern", "southern": "southern", "eastern": "eastern", "western": "western",
    "northeast": "northeastern", "northwest": "northwestern", "southeast": "southeastern", "southwest": "southwestern",
    "northeastern": "northeastern", "northwestern": "northwestern", "southeastern": "southeastern",
    "southwestern": "southwestern", "central": "central",
}
QUOTES = {'"', "“", "”", "'", "‘", "’", "``", "''"}


def _lemma_doc(nlp: Language, phrase: str) -> Doc:
    """A pattern for a LEMMA phrase matcher: the lexicon word is its own lemma ("aide" matches "aides")."""
    words = [t.text for t in nlp.make_doc(phrase)]
    return Doc(nlp.vocab, words=words, lemmas=[w.lower() for w in words])


class Describer(UnnamedPeople):
    """Runs the description rules of this module over a doc whose names and pronouns are resolved."""

    def __init__(self, nlp: Language, lex: Lexicon):
        self.lex = lex
        # Phrase lookups of the head words; what must precede them (a demonym, a number, "local")
        # is checked only where they occur, which keeps the stage cheap.
        words = self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        words.add("INSTITUTION", list(nlp.tokenizer.pipe(lex.institutions)))
        words.add("GROUPS", list(nlp.tokenizer.pipe(sorted(g + "s" for g in lex.group_nouns))))
        words.add("GROUP", list(nlp.tokenizer.pipe(sorted(lex.group_nouns))))
        single = {w for w in lex.person_nouns | lex.female_nouns | lex.male_nouns if " " not in w}
        words.add("PERSON", list(nlp.tokenizer.pipe(sorted(single))))
        words.add("NATIONALITY", list(nlp.tokenizer.pipe(sorted(lex.nationality_nouns))))
        words.add("NAMING", list(nlp.tokenizer.pipe(lex.naming_words)))
        words.add("COUNTED", list(nlp.tokenizer.pipe(sorted(lex.counted_person_nouns))))
        words.add("REGION", list(nlp.tokenizer.pipe([*DIRECTIONS, *(f"{a}-{b}" for a in ("north", "south") for b in ("eastern", "western", "east", "west"))])))
        self.lemmas = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.lemmas.add("RELATIONAL", [_lemma_doc(nlp, n) for n in lex.relational_nouns])
        self.lower_rel = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lower_rel.add("RELATIONAL", [nlp.make_doc(n) for n in lex.relational_nouns])

    def _matches(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        lex = self.lex
        out: dict[str, list[tuple[int, int]]] = {}
        strings = doc.vocab.strings
        found = [(strings[m], s, e) for m, s, e in self.words(doc)]
        found += [(strings[m], s, e) for m, s, e in self.lemmas(doc)] + [(strings[m], s, e) for m, s, e in self.lower_rel(doc)]
        for label, start, end in found:
            if label in {"GROUP", "PERSON"}:
                pass
            elif label in {"INSTITUTION", "GROUPS"}:
                if start > 0 and doc[start - 1].lower_ in lex.local_modifiers:
                    out.setdefault("LOCAL", []).append((start - 1, end))
                if label == "GROUPS":
                    continue
            elif label == "NATIONALITY":
                if start == 0 or doc[start - 1].text not in lex.demonyms:
                    continue
                start -= 1
            elif label == "COUNTED":
                lo = _counted_start(doc, start, lex)
                if lo is None:
                    continue
                start = lo
            if not in_furniture(doc, start, end):
                out.setdefault(label, []).append((start, end))
        return out

    def __call__(self, doc: Doc, reg: Registry) -> None:
        by_label = self._matches(doc)
        at = token_index(reg)
        self._institutions(doc, reg, at, by_label.get("INSTITUTION", []))
        self._regions(doc, reg, at, by_label.get("REGION", []))
        self._local(doc, reg, at, by_label.get("LOCAL", []))
        at = token_index(reg)
        named = self._naming(doc, reg, at, by_label.get("NAMING", []))
        at = token_index(reg)
        self._nationality(doc, reg, at, by_label.get("NATIONALITY", []), named)
        self._demonym_before_name(doc, reg)
        at = token_index(reg)
        self._relational(doc, reg, at, _longest(by_label.get("RELATIONAL", [])))
        at = token_index(reg)
        self._counted(doc, reg, at, _longest(by_label.get("COUNTED", [])))
        at = token_index(reg)
        self._unnamed_groups(doc, reg, at, by_label.get("GROUP", []))
        at = token_index(reg)
        self._unnamed_people(doc, reg, at, by_label.get("PERSON", []))

    # -- institutions -------------------------------------------------------------------------------
    def _institutions(self, doc: Doc, reg: Registry, at: dict[int, Mention], matches) -> None:
        lex = self.lex
        for start, end in _longest(matches):
            if start in at or _adjective(doc[end - 1]):
                continue
            prev = at.get(start - 1)
            if prev is not None and prev.kind == "pronoun" and doc[start - 1].dep_ == "poss":
                country = owner_country(doc, reg, prev.key, lex)
                ref = lex.institution(country, doc[start:end].text) if country else None
                if ref is not None:  # "its security forces" after a country, "his police" after its leader
                    _replace(reg, prev, start - 1, end, ref, doc)
                    continue
            conj = self._conjoined_institution(doc, at, start, end, reg)
            if conj is not None:
                reg.from_ref(conj)
                reg.add(conj.key, start, end, "name", alias=doc[start:end].text)
                continue
            same = self._earlier_institution(doc, reg, start, end)
            if same is not None:  # "Police also detained ..." after "Kenyan police"
                reg.add(same, start, end, "description", alias=doc[start:end].text)
        # "the Iraqi and Turkish governments": the first demonym names the same institution of its own country
        for mention in list(reg.mentions):
            ent = reg.entities[mention.key]
            if ent.type != "Organization" or not ent.country or mention.start < 2:
                continue
            cc, dem = doc[mention.start - 1], doc[mention.start - 2]
            noun = doc[mention.start + 1 : mention.end].text
            if cc.lower_ in {"and", "or"} and dem.text in lex.demonyms and dem.i not in at:
                ref = lex.institution(lex.demonyms[dem.text], noun)
                if ref is not None and doc[mention.start].text in lex.demonyms:
                    reg.from_ref(ref)
                    reg.add(ref.key, dem.i, dem.i + 1, "name", alias=f"{dem.text} {noun}")

    def _earlier_institution(self, doc: Doc, reg: Registry, start: int, end: int) -> str | None:
        """A bare institution noun ("police", "the security forces") -> the same institution named earlier, if any.

        Only a bare noun counts: one with a possessor or a modifier ("Assad's forces",
        "local police", "two police officers") names something else.
        """
        head = doc[end - 1]
        if any(c.dep_ in {"poss", "amod", "compound", "nummod", "nmod"} and c.i < start for c in head.children):
            return None
        if any(c.dep_ == "det" and c.lower_ != "the" for c in head.children):
            return None
        noun = self.lex.institutions[doc[start:end].text.lower()][0]
        earlier = [m for m in reg.mentions if m.end <= start and m.kind == "name"
                   and reg.entities[m.key].type == "Organization" and reg.entities[m.key].country
                   and reg.entities[m.key].label.endswith(" " + noun)]
        return max(earlier, key=lambda m: m.start).key if earlier else None

    def _conjoined_institution(self, doc: Doc, at, start: int, end: int, reg: Registry):
        """'Turkish intelligence and police': a bare institution noun conjoined with a country's institution."""
        head = doc[end - 1]
        if head.dep_ != "conj" or doc[start - 1].lower_ not in {"and", "or", ","}:
            return None
        other = at.get(head.head.i)
        ent = reg.entities.get(other.key) if other else None
        if ent is None or ent.type != "Organization" or not ent.country:
            return None
        return self.lex.institution(ent.country, doc[start:end].text)

    # -- regions ------------------------------------------------------------------------------------
    def _regions(self, doc: Doc, reg: Registry, at, matches) -> None:
        for start, end in _longest(matches):
            direction = DIRECTIONS.get(doc[start:end].text.lower().replace("-", ""))
            if direction is None:
                continue
            after, before = at.get(end), at.get(start - 2) if start >= 2 else None
            if after is not None and after.start == end and is_country(reg, after.key, self.lex):
                country, span_start, span_end, old = after.key, start, after.end, after  # "northwestern Syria"
            elif before is not None and doc[start - 1].tag_ == "POS" and is_country(reg, before.key, self.lex):
                country, span_start, span_end, old = before.key, before.start, end, before  # "Syria's northwest"
            else:
                continue
            name = reg.entities[country].label
            label = f"{direction} {name}"
            key = entity_key("Location", label)
            reg.entity(key, label, "Location", subtype="Region", country=country)
            drop(reg, old)
            reg.add(key, span_start, span_end, "name", alias=doc[span_start:span_end].text)

    def _local(self, doc: Doc, reg: Registry, at, matches) -> None:
        for start, end in _longest(matches):
            if any(i in at for i in range(start, end)) or (start > 0 and doc[start - 1].text in self.lex.demonyms):
                continue
            label = doc[start:end].text.lower()
            key = scoped_key(doc, "Organization", label)
            subtype = self.lex.institutions.get(doc[start + 1 : end].text.lower(), (None, None))[1]
            reg.entity(key, label, "Organization", subtype=subtype)
            reg.add(key, start, end, "description", alias=doc[start:end].text)

    # -- people -------------------------------------------------------------------------------------
    def _naming(self, doc: Doc, reg: Registry, at, matches) -> dict[int, str]:
        """'code-named “Abu Yusuf”': the name after a naming word is a person; returns naming-word start -> key."""
        out: dict[int, str] = {}
        for start, end in _longest(matches):
            i = end
            while i < len(doc) and doc[i].text in QUOTES:
                i += 1
            j = i
            while j < len(doc) and doc[j].text[:1].isupper() and not doc[j].is_punct and not (j > i and doc[j].is_sent_start):
                j += 1
            if j == i or start == 0:
                continue
            if any(c.dep_ == "nsubj" for c in doc[start].children) or doc[start - 1].tag_ == "NNS":
                continue  # "officials called Mr X's campaign ...": a clause of its own, not a naming
            named = _person_before_comma(doc, reg, at, start)
            if named is not None:  # "Joaquin Salazar, known as “El Tigre”,": an alias of the person just named
                for k in range(i, j):
                    old = at.get(k)
                    if old is not None and old.key != named:
                        drop(reg, old)
                reg.add(named, i, j, "name", alias=doc[i:j].text)
                out[start] = named
                continue
            if not self._person_before(doc, start):
                continue
            existing = at.get(i)
            if existing is not None and reg.entities[existing.key].type == "Person":
                out[start] = existing.key
                self._named_np(doc, reg, at, start, existing.key)
                continue
            for k in range(i, j):
                old = at.get(k)
                if old is not None:
                    drop(reg, old)
            label = doc[i:j].text
            key = entity_key("Person", label)
            reg.entity(key, label, "Person")
            reg.add(key, i, j, "name", alias=label)
            out[start] = key
            self._named_np(doc, reg, at, start, key)
        return out

    def _named_np(self, doc: Doc, reg: Registry, at, start: int, key: str) -> None:
        """'a Kenyan man known as X': the NP before the naming word is X too (and gives a nationality)."""
        noun = doc[start - 1]
        if noun.lower_ in self.lex.nationality_nouns or start - 1 in at:
            return  # "an Afghan national code-named X" is left to the nationality rule
        lo = start - 1
        while lo > 0 and lo - 1 not in at and (doc[lo - 1].pos_ in {"ADJ", "PROPN"} or doc[lo - 1].text in self.lex.demonyms):
            lo -= 1
        for tok in doc[lo : start - 1]:
            if tok.text in self.lex.demonyms:
                reg.entities[key].nationality = reg.entities[key].nationality or self.lex.demonyms[tok.text]
        reg.add(key, lo, start, "description", alias=doc[lo:start].text)

    def _person_before(self, doc: Doc, start: int) -> bool:
        """The noun before a naming word is a person noun ("national", "man", "militant", "his deputy")."""
        lex = self.lex
        prev = doc[start - 1]
        words = lex.person_nouns | lex.role_nouns | lex.nationality_nouns | set(lex.relational_nouns) | lex.counted_person_nouns
        return prev.lower_ in words or prev.lemma_.lower() in words

    def _nationality(self, doc: Doc, reg: Registry, at, matches, named: dict[int, str]) -> None:
        for start, end in _longest(matches):
            country = self.lex.demonyms[doc[start].text]
            person = named.get(end)  # "... national code-named Abu Yusuf"
            if person is None:
                person = _appositive_person(doc, reg, at, start)
            if person is None:
                continue
            ent = reg.entities[person]
            ent.nationality = ent.nationality or country
            reg.add(person, start, end, "description", alias=doc[start:end].text)

    def _demonym_before_name(self, doc: Doc, reg: Registry) -> None:
        """"Canadian Peter Dale Morrow": a demonym right before a person's full name gives the nationality."""
        for m in reg.mentions:
            if m.kind != "name" or m.start == 0 or reg.entities[m.key].type != "Person" or m.end - m.start < 2:
                continue
            word = doc[m.start - 1]
            if word.text in self.lex.demonyms and word.head.i in range(m.start, m.end) and word.dep_ in {"amod", "compound"}:
                ent = reg.entities[m.key]
                ent.nationality = ent.nationality or self.lex.demonyms[word.text]


def _counted_start(doc: Doc, noun: int, lex: Lexicon) -> int | None:
    """Where a counted group of people starts before its plural noun, or None when it is not counted:
    "850 suspects", "29 cartel members", "three Russian nationals", "four of his bodyguards"."""
    lo = noun
    while lo > 0 and noun - lo < 3 and doc[lo - 1].head.i == noun and doc[lo - 1].dep_ in {"compound", "amod"} \
            and not doc[lo - 1].like_num:
        lo -= 1  # modifiers of the noun
    if lo > 0 and doc[lo - 1].like_num:
        while lo > 0 and doc[lo - 1].like_num:
            lo -= 1
        return lo
    # partitive: NUM of (his | the | X's) [modifiers] NOUNS
    i = lo - 1
    if i >= 0 and doc[i].tag_ in {"PRP$", "DT"}:
        i -= 1
    elif i >= 1 and doc[i].tag_ == "POS":
        i -= 1
        while i > 0 and doc[i - 1].tag_ == "NNP":
            i -= 1
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].like_num and doc[i - 1].lower_ != "one":
        return i - 1
    return None


def _adjective(tok) -> bool:
    """An institution word used as an adjective: "its military operations" names no military."""
    return tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.i > tok.i and tok.head.pos_ == "NOUN"


def _longest(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping matches, longest first, returned in text order."""
    taken: set[int] = set()
    out = []
    for start, end in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            out.append((start, end))
    return sorted(out)


def _replace(reg: Registry, old: Mention, start: int, end: int, ref, doc: Doc) -> None:
    drop(reg, old)
    reg.from_ref(ref)
    reg.add(ref.key, start, end, "name", alias=doc[start:end].text)


def _appositive_person(doc: Doc, reg: Registry, at, start: int) -> str | None:
    """The person named just before ', a/an <description>' starting at token ``start``."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in {"a", "an", "the"}:
        i -= 1
    if i < 0 or doc[i].text != ",":
        return None
    m = at.get(i - 1)
    if m is None or reg.entities[m.key].type != "Person":
        return None
    return m.key


def _person_before_comma(doc: Doc, reg: Registry, at, start: int) -> str | None:
    """The person named right before ', <naming word>' ("Joaquin Salazar, known as ...", "X, 28, known as"), if any."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    i = start - 2
    if i >= 2 and doc[i].like_num and doc[i - 1].text == ",":
        i -= 2  # "Sergei Antonov, 28, known online as ..."
    m = at.get(i)
    return m.key if m is not None and m.kind == "name" and reg.entities[m.key].type == "Person" else None
