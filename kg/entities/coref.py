"""Rule-based coreference: pronouns and definite descriptions -> their antecedents.

No statistical coreference model can be installed offline, so this is a small
resolver with one tested heuristic per case:

- **he/him/his/she/her** -> a Person; **it/its** -> an Organization or Location;
  **they/them/their** -> an Organization or a group of people, and only when no
  plural noun that is not an entity ("the sources") stands in between.
- Where to look: a subject pronoun prefers the highest subject of its own
  sentence before it ("Iraq announced that its forces … in what *it* described");
  otherwise the nearest compatible mention in its sentence; then, sentence by
  sentence backwards (up to ``WINDOW``), the highest subject, then the nearest mention.
- What fits: "its leader", "its founder" need an organisation; "its security
  forces" prefers a country (and becomes that country's organisation in :mod:`.describe`).
- **Definite descriptions**: "the group", "the terrorist group" -> the last
  armed group named ("the cartel": the last organisation named "... Cartel", if any); "the vicious man", "the suspect" -> the
  last named person who is not the subject of the same clause; "the man, identified as X" -> X, and so
  is "a Syrian man" introduced just before it.
- **Gender**: he/she never refer to a person a noun says is of the other gender ("a 19-year-old woman");
  with such a noun just before, outside any name, they wait for it to become a node (late pass).
- **Plural descriptions**: "the workers" after "four aid workers" -> that counted group; a plural
  pronoun whose sentence had such a plural subject waits for it ("The workers … They were seized").
- **Ages**: "the 34-year-old" -> the named person the article gave that age ("X, 34," or "X, a
  34-year-old …"), else the last named person.
- **The lead's protagonist**: a role description in the headline or lead before anyone is named
  ("Marines capture cartel leader") -> the first person named, if named within the next two sentences.
- **Role descriptions**: "a senior al-Shabaab terrorist leader", "al-Shabaab leader" -> the
  named person whom the article gives that role in that group ("X is one of the
  most senior al-Shabaab leaders", "X, an al-Shabaab commander", "al-Shabaab's founder X").
"""

from __future__ import annotations

from bisect import bisect_right, insort

from spacy.lang.en.lex_attrs import like_num
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..prepare import in_furniture
from .describe import _index
from .lexicon import Lexicon
from .participant_words import is_inert_noun, verb_class
from .quotes import speech_verbs, speakers
from .mentions import Mention, Registry, sentence_starts

BLOCKED = Mention(-1, -1, "", "blocked")  # a governing subject that is no node: the pronoun stays unresolved
WINDOW = 3  # sentences to look back for a pronoun's antecedent
PRONOUNS = {
    "he": "Person", "him": "Person", "his": "Person", "himself": "Person",
    "she": "Person", "her": "Person", "hers": "Person", "herself": "Person",
    "it": "Thing", "its": "Thing", "itself": "Thing",
    "they": "Plural", "them": "Plural", "their": "Plural", "themselves": "Plural",
}
GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
          "she": "female", "her": "female", "hers": "female", "herself": "female"}
SUBJECTS = {"nsubj", "nsubjpass"}
THIRD_PERSON = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
REFLEXIVE_PRONOUNS = {"himself", "herself", "itself", "themselves"}
EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "remain", "rain"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"}


PLURAL_NOUNS = {"people", "police", "men", "women", "children", "gunmen", "policemen", "tribesmen", "mujahideen"}


def _compatible(kind: str, ent) -> bool:
    if kind == "Person":
        return ent.type == "Person" and not plural_person(ent)
    if kind == "Thing":
        return ent.type in {"Organization", "Location"}
    return ent.type == "Organization" or plural_person(ent)


PERCEPTION_VERBS = frozenset({"see", "watch", "hear", "witness", "notice", "observe"})


def _reports(noun: Token, pronoun: Token) -> bool:
    """The noun is the subject of a verb of saying or seeing whose clause holds the pronoun: a witness of it."""
    return noun.dep_ in SUBJECTS and pronoun in noun.head.subtree \
        and noun.head.lemma_.lower() in speech_verbs() | PERCEPTION_VERBS


def plural_person(ent) -> bool:
    """A counted group of people ("850 suspects", "four aid workers"), or people a plural noun describes
    ("Palestinian gunmen", "Hamas supporters")."""
    if ent.type != "Person":
        return False
    words = ent.label.split()
    last = words[-1]
    return like_num(words[0].replace(",", "")) or (last.islower() and (
        (last.endswith("s") and not last.endswith("ss")) or last in PLURAL_NOUNS))


class Coref:
    """Resolves pronouns (before :mod:`.describe`) and descriptions (after it)."""

    def __init__(self, nlp: Language, lex: Lexicon):
        self.lex = lex
        self.pronoun_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pronoun_matcher.add("PRONOUN", list(nlp.tokenizer.pipe(sorted(PRONOUNS))))
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.heads.add("HEAD", list(nlp.tokenizer.pipe(sorted(lex.group_nouns | lex.person_nouns | lex.role_nouns))))

    # -- pronouns -----------------------------------------------------------------------------------
    def pronouns(self, doc: Doc, reg: Registry, late: bool = False) -> None:
        """Resolve pronouns to name mentions. The late pass (after descriptions) resolves plural pronouns left
        open because a plural noun subject stood for their antecedent ("The workers ... They were seized")."""
        starts = sentence_starts(doc)
        names = sorted(reg.mentions, key=lambda m: m.start)
        covered = reg.covered(doc)
        for _, i, _end in self.pronoun_matcher(doc):
            tok = doc[i]
            if tok.pos_ != "PRON" or in_furniture(doc, i, i + 1) or self._expletive(tok):
                continue
            held = doc.user_data.setdefault("kg_held_pronouns", set())
            if late and (i in covered or (PRONOUNS[tok.lower_] != "Plural" and i not in held)):
                continue
            if not late and self._gender_held(doc, reg, names, tok, starts):
                held.add(i)  # "a 19-year-old woman ... She": wait for the description to become a node
                continue
            key = self._antecedent(doc, reg, names, tok, starts)
            if key is not None:
                reg.add(key, i, i + 1, "pronoun")
                insort(names, reg.mentions[-1], key=lambda m: m.start)  # a resolved pronoun is an antecedent too

    def _gender_held(self, doc: Doc, reg: Registry, names: list[Mention], tok: Token, starts: list[int]) -> bool:
        """A he/she pronoun with an indefinite NP of its gender ("a 19-year-old woman") in its sentence or the one
        before, outside any mention and after the last person named: that unnamed person is the likelier antecedent.
        So is a description subject of the clause a possessive's adverbial clause modifies ("The Saudi-born Islamist
        ... appeared isolated after his protectors ..."), once descriptions are resolved."""
        gender = GENDER.get(tok.lower_)
        if gender is None:
            return False
        clause = _governing_clause(tok)
        if clause is not None:
            main = [c for c in clause.children if c.dep_ in SUBJECTS and c.pos_ in {"NOUN", "PROPN"}]
            covered = {i for m in names for i in range(m.start, m.end)}
            if main and main[0].i not in covered and any(c.lower_ == "the" for c in main[0].children):
                return True
        nouns = self.lex.female_nouns if gender == "female" else self.lex.male_nouns
        s = bisect_right(starts, tok.i) - 1
        lo = starts[max(0, s - 1)]
        covered = {i for m in names if m.start < tok.i and lo < m.end for i in range(m.start, m.end)}
        last_name = max((m.end for m in names if lo <= m.start and m.end <= tok.i
                         and reg.entities[m.key].type == "Person"), default=lo)
        return any(t.lower_ in nouns and t.tag_ == "NN" and t.i not in covered and doc[t.left_edge.i].lower_ in {"a", "an"}
                   for t in doc[last_name : tok.i])  # an indefinite NP: a person of their own ("his brother" is not)

    def _expletive(self, tok: Token) -> bool:
        return tok.lower_ == "it" and tok.dep_ in SUBJECTS and tok.head.lemma_ in EXPLETIVE_HEADS

    def _wants(self, tok: Token) -> tuple[str, str | None]:
        """What a pronoun can refer to, and a preferred subtype ("its leader" -> organisation only)."""
        kind = PRONOUNS[tok.lower_]
        if kind == "Thing" and tok.dep_ == "poss":
            noun = tok.head
            if noun.lemma_.lower() in self.lex.role_nouns:
                return "Organization", None
            phrase = tok.doc[tok.i + 1 : noun.i + 1].text.lower()
            if phrase in self.lex.institutions or noun.lower_ in self.lex.institutions:
                return kind, "Country"
        return kind, None

    def _antecedent(self, doc: Doc, reg: Registry, names: list[Mention], tok: Token, starts: list[int]) -> str | None:
        """The entity a pronoun refers to among the name mentions (sorted by position), or None."""
        if tok.lower_ in REFLEXIVE_PRONOUNS:  # "a bomber tried to blow himself up": its own clause's subject
            verb = tok.head
            for _ in range(4):
                subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
                if subjects or verb.head.i == verb.i or verb.dep_ not in {"xcomp", "conj", "advcl"}:
                    break
                verb = verb.head
            own = [m for m in names if subjects and m.start <= subjects[0].i < m.end]
            return own[0].key if own else None
        kind, prefer = self._wants(tok)
        s = bisect_right(starts, tok.i) - 1
        lo = starts[max(0, s - WINDOW)]
        ok = [m for m in names if lo <= m.start and m.end <= tok.i and self._fits(reg, m, kind, GENDER.get(tok.lower_))]
        speaker = speakers(doc).get(tok.i) if tok.lower_ in THIRD_PERSON else None
        if speaker is not None:  # '"... he has been arrested," Mr X said': not Mr X
            ok = [m for m in ok if not any(n.key == m.key and n.start <= speaker < n.end for n in names)]
        quoted = speakers(doc)
        if tok.i not in quoted and any(quoted.get(i) == tok.i for i in range(max(0, tok.i - 3), tok.i)):
            ok = [m for m in ok if quoted.get(m.start) != tok.i]  # '"Osama is guilty," he said': not Osama
        if tok.lower_ in {"they", "them"} and tok.head.dep_ == "ccomp" and tok.head.head.lemma_.lower() in speech_verbs():
            # "The Pentagon said they served in ...": a single speaker is not "they"
            single = {c.i for c in tok.head.head.children if c.dep_ in SUBJECTS and c.tag_ == "NNP"}
            speakers_ = {n.key for n in names if doc[n.start : n.end].root.i in single}
            ok = [m for m in ok if m.key not in speakers_]
        blamer = _blamer(tok)
        if blamer is not None:  # "Sharon branded his administration a sponsor of terrorism": not his own
            own = {n.key for n in names if n.start <= blamer.i < n.end}
            ok = [m for m in ok if m.key not in own]
        if not ok:
            return None
        if prefer:
            preferred = [m for m in ok if reg.entities[m.key].subtype == prefer]
            if preferred:
                return preferred[-1].key
        governing = self._governing_subject(doc, ok, tok)
        if governing is BLOCKED:  # "the police clashed with protesters as they tried ...", police no node: no one
            return None
        if governing is not None:  # ... else the police; "the army said it killed X": the army
            return governing.key
        for back in range(0, WINDOW + 1):
            if s - back < 0:
                break
            lo = starts[s - back]
            hi = starts[s - back + 1] if s - back + 1 < len(starts) else len(doc)
            here = [m for m in ok if lo <= m.start < hi]
            if not here:
                if kind == "Plural" and self._plural_subject(doc, names, lo, min(hi, tok.i), reporting=tok):
                    return None  # "The three were identified as ... They served ...": the three, once a node
                continue
            subjects = [m for m in here if doc[m.start : m.end].root.dep_ in SUBJECTS]
            topic = self._clause_subject(doc, here, tok) if back == 0 and tok.dep_ not in SUBJECTS else None
            if topic is not None:  # "Makki, a brother-in-law of Saeed, was wanted for his role": the subject
                best = topic
            elif subjects and (back > 0 or tok.dep_ in SUBJECTS):
                best = min(subjects, key=lambda m: (_depth(doc[m.start : m.end].root), -m.start))
            else:
                best = here[-1]
            if kind == "Plural" and self._blocked(doc, names, best.end, tok.i):
                return None
            if kind == "Plural" and best not in subjects and self._plural_subject(doc, names, lo, min(hi, tok.i)):
                return None  # "The workers ... were employed by Doctors Without Borders. They ...": the workers
            return best.key
        return None

    def _governing_subject(self, doc: Doc, here: list[Mention], tok: Token) -> Mention | None:
        """For the subject pronoun of an adverbial clause, the subject of the clause it modifies, if a compatible
        mention ("X clashed with Y as they tried ..." -> X); for "it" reported by a speech verb, the speaker ("the
        army said it killed X"). BLOCKED when that subject is a noun that is no node."""
        verb = tok.head
        reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in speech_verbs() and tok.lower_ == "it"
        if tok.dep_ not in SUBJECTS or not (verb.dep_ == "advcl" or reported) or verb.head.pos_ not in {"VERB", "AUX"}:
            return None  # "X clashed with Y as they ...", "the army said it killed X": the governing subject
        roots = {doc[m.start : m.end].root.i: m for m in here}
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS and c.i < tok.i]
        if not subjects:
            return None
        if subjects[0].i in roots:
            return roots[subjects[0].i]
        if reported:  # "the army said it killed X", the army no node: "it" is still no one else
            return BLOCKED if subjects[0].pos_ == "NOUN" and subjects[0].tag_ == "NN" else None
        return BLOCKED if subjects[0].pos_ == "NOUN" else None

    def _clause_subject(self, doc: Doc, here: list[Mention], tok: Token) -> Mention | None:
        """The mention that is the subject of the nearest clause around a pronoun, outside the pronoun's own
        phrase ("X ... was wanted for his role" -> X); None when that clause's subject is no compatible name."""
        roots = {doc[m.start : m.end].root.i: m for m in here}
        seen = {tok.i}
        for node in tok.ancestors:  # bounded: spaCy walks head offsets up to the root
            seen.add(node.i)
            for c in node.children:
                if c.dep_ in SUBJECTS and c.i not in seen and c.i in roots:
                    return roots[c.i]
            if node.dep_ in {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj"} and node.pos_ in {"VERB", "AUX"}:
                if node.dep_ == "advcl" and tok.dep_ == "poss" and _inside_subject(tok, node):
                    continue  # "X appeared isolated after his protectors handed over ...": X's protectors
                if any(c.dep_ in SUBJECTS for c in node.children):
                    return None  # the clause has a subject, and it is not a compatible name
        return None

    def _fits(self, reg: Registry, m: Mention, kind: str, gender: str | None = None) -> bool:
        ent = reg.entities[m.key]
        if gender and reg.gender.get(m.key, gender) != gender:
            return False
        if kind == "Organization":
            return ent.type == "Organization"
        return _compatible(kind, ent)

    def _plural_subject(self, doc: Doc, names: list[Mention], lo: int, hi: int, reporting: Token | None = None) -> bool:
        """A plural common noun that is the subject of a sentence in [lo, hi) and no mention; with ``reporting``
        (a pronoun), not the subject of a verb of saying or seeing whose clause holds it ("Eyewitnesses report
        seeing them fire": not the eyewitnesses)."""
        covered = {i for m in names if m.start < hi and lo < m.end for i in range(m.start, m.end)}
        return any((t.tag_ == "NNS" or (t.pos_ == "NUM" and t.i and doc[t.i - 1].lower_ == "the"))  # "the three"
                   and t.dep_ in SUBJECTS and t.i not in covered
                   and not (reporting is not None and _reports(t, reporting)) for t in doc[lo:hi])

    # -- plural descriptions ------------------------------------------------------------------------
    def plural_descriptions(self, doc: Doc, reg: Registry) -> None:
        """'the workers' after 'four aid workers': a definite plural noun -> the counted group with that noun."""
        at = _index(reg)
        groups = [m for m in sorted(reg.mentions, key=lambda m: m.start) if plural_person(reg.entities[m.key])]
        if not groups:
            return
        for tok in doc:
            if tok.tag_ != "NNS" or tok.i in at or in_furniture(doc, tok.i, tok.i + 1):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "ADJ" and start - 1 not in at:
                start -= 1
            if start == 0 or doc[start - 1].lower_ != "the":
                continue
            same = [m for m in groups if m.end <= start and reg.entities[m.key].label.split()[-1] == tok.lower_]
            if same:
                reg.add(same[-1].key, start, tok.i + 1, "description", alias=doc[start : tok.i + 1].text)
                at.update({i: reg.mentions[-1] for i in range(start, tok.i + 1)})

    def _blocked(self, doc: Doc, names: list[Mention], start: int, end: int) -> bool:
        """A plural noun that is no entity ("the sources") between a candidate and a plural pronoun."""
        covered = {i for m in names if m.start < end and start < m.end for i in range(m.start, m.end)}
        return any(t.tag_ in {"NNS", "NNPS"} and t.dep_ in ARGUMENTS and t.i not in covered and not is_inert_noun(t)
                   and not _reports(t, doc[end]) for t in doc[start:end])  # "... fired rockets on offices. They
        # ...": not the rockets; "Eyewitnesses report seeing them fire": not the eyewitnesses

    # -- descriptions -------------------------------------------------------------------------------
    def descriptions(self, doc: Doc, reg: Registry) -> None:
        at = _index(reg)
        evidence = self._role_evidence(doc, reg, at)
        lex = self.lex
        for _, head, _end in self.heads(doc):
            noun = doc[head]
            proper = noun.tag_ == "NNP" and noun.lower_ in CAPITALISED_PERSON_NOUNS  # "the Saudi-born Islamist"
            if (noun.tag_ != "NN" and not proper) or head in at or in_furniture(doc, head, head + 1):
                continue
            word, key, start = noun.lower_, None, head
            if word in lex.group_nouns:  # "the (terrorist) group"
                start = _walk_left(doc, head, GROUP_MODIFIERS)
                named = [at[i] for i in range(start, head) if i in at and reg.entities[at[i].key].type == "Organization"]
                if named:  # "the Islamic State group": the group named in it
                    key = named[-1].key
                elif start > 0 and doc[start - 1].lower_ == "the":
                    start -= 1
                    key = self._last_group(reg, start, noun.lemma_.lower())
            if key is None and word in lex.role_nouns:  # "a senior al-Shabaab leader"
                start = _walk_left(doc, head, ROLE_MODIFIERS)
                key = self._role(doc, reg, at, start, head, evidence)
            if key is None and word in lex.person_nouns:  # "the vicious man"
                start = _walk_left(doc, head, {"ADJ"})
                while start >= 3 and doc[start - 1].lower_ == "born" and doc[start - 2].text == "-":
                    start = _walk_left(doc, start - 3, {"ADJ"})  # "the Saudi-born fugitive"
                if start > 0 and doc[start - 1].lower_ == "the":
                    start -= 1
                    key = _identified_as(doc, reg, at, noun)
                    if key is not None:
                        self._introduced(doc, reg, at, noun, key)
                    else:
                        dems = {self.lex.demonyms[t.text] for t in doc[start:head] if t.text in self.lex.demonyms}
                        key = self._same_noun(doc, reg, start, noun) or self._last_person(doc, reg, start, head, dems)
            if key is None:
                continue
            if start in at and at[start].start < start:
                start = at[start].start  # never start inside a name ("Lashkar-e-Taiba" is split at its hyphens)
            end = head + 1
            lo = start
            while lo < head and (doc[lo].pos_ == "DET" or lo in at):
                lo += 1
            if any(i in at for i in range(lo, end)):
                lo = max(i for i in range(lo, end) if i in at) + 1
            phrase = doc[start:end]
            reg.add(key, lo, end, "description", alias=phrase[1:].text if phrase[0].pos_ == "DET" else phrase.text)
            at.update({i: reg.mentions[-1] for i in range(lo, end)})

    # -- ages -------------------------------------------------------------------------------------------
    def ages(self, doc: Doc, reg: Registry) -> None:
        """'the 34-year-old' -> the person the article gave that age ("Karim Benali, a 34-year-old ...",
        "Dmitry Volkov, 31,"), else the last person named before it."""
        at = _index(reg)
        given: dict[str, list[Mention]] = {}
        for m in reg.mentions:
            if m.kind == "name" and reg.entities[m.key].type == "Person":
                age = _age_given(doc, m)
                if age:
                    given.setdefault(age, []).append(m)
        for start, end in _age_phrases(doc):
            if start == 0 or doc[start - 1].lower_ != "the" or any(i in at for i in range(start - 1, end)):
                continue
            if in_furniture(doc, start, end):
                continue
            if end < len(doc) and doc[end].lower_ in self.lex.person_nouns and end not in at:
                end += 1  # "the 34-year-old man"
            age = doc[start].text
            earlier = [m for m in given.get(age, []) if m.end <= start]
            if earlier:
                key = earlier[-1].key
            else:
                key = self._last(reg, start - 1, lambda e: e.type == "Person" and not plural_person(e), kind="name")
            if key is None:
                continue
            reg.add(key, start, end, "description", alias=doc[start:end].text)
            at.update({i: reg.mentions[-1] for i in range(start, end)})

    # -- the lead's protagonist -----------------------------------------------------------------------
    def lead(self, doc: Doc, reg: Registry) -> None:
        """'Marines capture cartel leader' / '... captured one of the country's most wanted drug lords': a role
        description in the headline or lead, before any person is named, is the first person the article names,
        when it names one within the next two sentences (wire style names the protagonist right after the lead)."""
        starts = sentence_starts(doc)
        people = sorted((m for m in reg.mentions if m.kind == "name" and reg.entities[m.key].type == "Person"
                         and not plural_person(reg.entities[m.key])), key=lambda m: m.start)
        if not people or len(starts) < 2:
            return
        first = people[0]
        first_sent = bisect_right(starts, first.start) - 1
        lead_end = starts[2] if len(starts) > 2 else len(doc)
        if first_sent > 3:
            return
        at = _index(reg)
        for noun in doc[: min(lead_end, first.start)]:
            if noun.lemma_.lower() not in self.lex.role_nouns or noun.pos_ != "NOUN" or noun.i in at:
                continue
            if noun.dep_ in {"attr", "compound", "appos"} or in_furniture(doc, noun.i, noun.i + 1):
                continue
            if _speaks(noun) and not _speaks(doc[first.start : first.end].root):
                continue  # "an Israeli official says ...": an unnamed source, unless the one named speaks too
            start = _walk_left(doc, noun.i, ROLE_MODIFIERS - {"PROPN"})
            if any(i in at for i in range(start, noun.i + 1)):
                continue
            one = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
            one = one.head if one is not None and one.head.lower_ == "one" else None
            if noun.tag_ == "NNS" and one is None:
                continue  # plural and not "one of them": a group, not the protagonist
            lo = start
            while lo < noun.i and doc[lo].pos_ == "DET":
                lo += 1
            reg.add(first.key, lo, noun.i + 1, "description", alias=doc[lo : noun.i + 1].text)
            at.update({i: reg.mentions[-1] for i in range(lo, noun.i + 1)})
            if one is not None and one.i not in at:
                reg.add(first.key, one.i, one.i + 1, "description", alias="one")
                at[one.i] = reg.mentions[-1]

    def _last_group(self, reg: Registry, before: int, word: str) -> str | None:
        """'the cartel' -> the last organisation named with that head word ("Sinaloa Cartel"), else the last armed group."""
        named = self._last(reg, before, lambda e: e.type == "Organization" and e.label.lower().split()[-1] == word)
        return named or self._last(reg, before, lambda e: e.type == "Organization" and e.subtype == "ArmedGroup")

    def _introduced(self, doc: Doc, reg: Registry, at, noun: Token, key: str) -> None:
        """'German police arrested a Syrian man. The man, identified as X, ...': the indefinite NP with the same
        noun in the sentence or two before is X too (a demonym in it gives X's nationality)."""
        starts = sentence_starts(doc)
        s = bisect_right(starts, noun.i) - 1
        lo = starts[max(0, s - 2)]
        for tok in reversed(doc[lo : noun.i]):
            if tok.lower_ != noun.lower_:
                continue
            if tok.i in at:  # already an unnamed person of its own ("a Syrian man"): it is X
                old = at[tok.i]
                if old.kind == "description" and old.key != key and reg.entities[old.key].type == "Person":
                    _merge(reg, old.key, key)
                return
            start = tok.i
            while start > lo and doc[start - 1].head.i == tok.i and doc[start - 1].dep_ in {"amod", "compound", "nummod"} \
                    and start - 1 not in at:
                start -= 1
            if start == lo or doc[start - 1].lower_ not in {"a", "an"}:
                return
            for mod in doc[start : tok.i]:
                if mod.text in self.lex.demonyms:
                    reg.entities[key].nationality = reg.entities[key].nationality or self.lex.demonyms[mod.text]
            reg.add(key, start, tok.i + 1, "description", alias=doc[start : tok.i + 1].text)
            at.update({i: reg.mentions[-1] for i in range(start, tok.i + 1)})
            return

    def _last(self, reg: Registry, before: int, test, kind: str | None = None) -> str | None:
        cands = [m for m in reg.mentions if m.end <= before and test(reg.entities[m.key]) and kind in (None, m.kind)]
        return max(cands, key=lambda m: m.start).key if cands else None

    def _same_noun(self, doc: Doc, reg: Registry, start: int, noun: Token) -> str | None:
        """The unnamed person an earlier description with the same noun made: "a man who was arrested ... the man"."""
        cands = [m for m in reg.mentions if m.end <= start and m.kind == "description"
                 and doc[m.end - 1].lemma_.lower() == noun.lemma_.lower() and reg.entities[m.key].type == "Person"
                 and not plural_person(reg.entities[m.key])]
        return max(cands, key=lambda m: m.start).key if cands else None

    def _last_person(self, doc: Doc, reg: Registry, start: int, head: int, countries: set[str] = frozenset()) -> str | None:
        """The last person, named or described ("a Palestinian suicide bomber ... the militant"), before a definite
        description who is not the subject of its clause, and whom no other country's demonym describes ("the
        Israeli Foreign Minister, Shimon Peres" is not "the Palestinian leader")."""
        clause = doc[head].head
        while clause.dep_ not in {"ROOT", "relcl", "ccomp", "advcl"} and clause.head.i != clause.i:
            clause = clause.head
        own = {c.i for c in clause.children if c.dep_ in SUBJECTS}
        for node in doc[head].ancestors:  # "X told the jury how the defendant ...": the speaker talks of another
            if node.pos_ == "VERB" and node.lemma_.lower() in speech_verbs():
                own |= {c.i for c in node.children if c.dep_ in SUBJECTS}
        cands = [m for m in reg.mentions if m.end <= start and m.kind in {"name", "description"}
                 and reg.entities[m.key].type == "Person" and not own.intersection(range(m.start, m.end))
                 and (m.kind == "name" or not plural_person(reg.entities[m.key]))]
        if countries:
            foreign = {m.key for m in cands if self._described_countries(doc, m) - countries}
            cands = [m for m in cands if m.key not in foreign]
        return max(cands, key=lambda m: m.start).key if cands else None

    def _described_countries(self, doc: Doc, m: Mention) -> set[str]:
        """Countries the demonyms of a name's title or apposition give ("Israeli Foreign Minister Shimon Peres")."""
        root = doc[m.start : m.end].root
        words = list(doc[max(0, m.start - 4) : m.start])
        if root.dep_ == "appos":
            words += list(root.head.subtree)
        words += [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
        return {self.lex.demonyms[t.text] for t in words if t.text in self.lex.demonyms}

    def _role_evidence(self, doc: Doc, reg: Registry, at) -> dict[tuple[str, str], list[str]]:
        """(role lemma, group key) -> named people the article gives that role ("X is one of the al-Shabaab leaders")."""
        out: dict[tuple[str, str], list[str]] = {}
        for m in reg.mentions:
            ent = reg.entities[m.key]
            if ent.type != "Person":
                continue
            root = doc[m.start : m.end].root
            for noun in self._role_nouns_of(root):
                group = self._group_of(reg, at, noun)
                if group:
                    out.setdefault((noun.lemma_.lower(), group), []).append(m.key)
        return out

    def _role_nouns_of(self, root: Token):
        """Role nouns predicated of a mention: copula attribute ("is one of the leaders"), apposition either way."""
        roles = self.lex.role_nouns
        cands = []
        if root.dep_ in SUBJECTS:
            for c in root.head.children:
                if c.dep_ == "attr":
                    cands.append(c)
                    cands.extend(p for prep in c.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj")
        cands.extend(c for c in root.children if c.dep_ == "appos")
        if root.dep_ == "appos":
            cands.append(root.head)
        return [t for t in cands if t.lemma_.lower() in roles]

    def _group_of(self, reg: Registry, at, noun: Token) -> str | None:
        for c in noun.children:
            m = at.get(c.i)
            if m is not None and c.dep_ in {"compound", "amod", "poss", "nmod"} and reg.entities[m.key].type == "Organization":
                return m.key
        return None

    def _role(self, doc: Doc, reg: Registry, at, start: int, head: int, evidence) -> str | None:
        """'a senior al-Shabaab terrorist leader' -> the person with that role in that group, if the article names one."""
        noun = doc[head]
        if noun.dep_ in {"attr", "compound"} or (noun.dep_ == "appos" and noun.head.pos_ == "PROPN") or any(
            c.dep_ == "appos" and c.pos_ == "PROPN" for c in noun.children
        ):
            return None  # predicative ("is a leader") or named in apposition ("its leader, X")
        if head + 1 < len(doc) and doc[head + 1].pos_ == "PROPN":
            return None  # "its current leader Abu Ibrahim …": the name follows
        group = self._group_of(reg, at, noun)
        if group is None:
            return None
        people = evidence.get((noun.lemma_.lower(), group), [])
        if not people:
            return None
        counts = {k: people.count(k) for k in people}
        return max(counts, key=lambda k: (counts[k], reg.entities[k].mentions))


BLAMING = {"Accusation", "Designation"}
BRANDING = {"brand", "label", "dub", "condemn", "denounce"}


def _blamer(tok: Token) -> Token | None:
    """The subject of the accusing or branding verb whose object a possessive pronoun sits in ("X accused his
    government", "X branded his administration a ..."): one does not accuse oneself, so not the antecedent."""
    noun = tok.head
    verb = noun.head
    if tok.tag_ != "PRP$" or noun.dep_ not in {"dobj", "obj"} or verb.pos_ != "VERB":
        return None
    if verb_class(verb) not in BLAMING and verb.lemma_.lower() not in BRANDING:
        return None
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


CAPITALISED_PERSON_NOUNS = {"islamist"}  # person nouns the tagger takes for names


def _speaks(noun: Token) -> bool:
    """The subject of a verb of saying ("an official says", "former ambassador X told CNN")."""
    for _ in range(3):
        if noun.dep_ not in {"compound", "appos", "flat"}:
            break
        noun = noun.head
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in speech_verbs()


TIME_PREPS = {"after", "before", "since", "until", "as", "when"}


def _governing_clause(tok: Token) -> Token | None:
    """The clause a possessive's adverbial phrase modifies: "X appeared isolated after his protectors handed over
    ..." (an adverbial clause, or "after" with a noun and its participle, as the parser has it) -> appeared."""
    if tok.dep_ != "poss":
        return None
    noun = tok.head
    if noun.dep_ in SUBJECTS and noun.head.dep_ == "advcl":
        return noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ in TIME_PREPS and noun.head.head.pos_ == "VERB" \
            and any(c.dep_ == "acl" for c in noun.children):
        return noun.head.head
    return None


def _inside_subject(tok: Token, clause: Token) -> bool:
    """True when the token is in the subject phrase of the clause."""
    return any(c.dep_ in SUBJECTS and c.left_edge.i <= tok.i <= c.right_edge.i for c in clause.children)


def _merge(reg: Registry, old: str, new: str) -> None:
    """Every mention of the unnamed person ``old`` becomes one of ``new``, with what was known about them."""
    gone, ent = reg.entities[old], reg.entities[new]
    for m in reg.mentions:
        if m.key == old:
            m.key = new
            ent.mentions += 1
    gone.mentions = 0
    ent.nationality = ent.nationality or gone.nationality
    ent.aliases.update(gone.aliases)
    if old in reg.gender:
        reg.gender.setdefault(new, reg.gender[old])


def _identified_as(doc: Doc, reg: Registry, at, noun: Token) -> str | None:
    """'the man, identified (only) as Ahmad H.,' / 'the man, named as X': the person named in the description."""
    for acl in noun.children:
        if acl.dep_ != "acl":
            continue
        for prep in acl.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for obj in prep.children:
                    m = at.get(obj.i)
                    if obj.dep_ == "pobj" and m is not None and m.kind == "name" and reg.entities[m.key].type == "Person":
                        return m.key
    return None


def _age_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of "NUM-year-old" (tokenised NUM - year - old)."""
    out = []
    for tok in doc:
        i = tok.i
        if tok.lower_ == "year" and 2 <= i and i + 2 < len(doc) and doc[i - 1].text == "-" and doc[i + 1].text == "-" \
                and doc[i + 2].lower_ == "old" and doc[i - 2].like_num:
            out.append((i - 2, i + 3))
    return out


def _age_given(doc: Doc, m: Mention) -> str | None:
    """The age an apposition gives a named person: "X, 31," or "X, a 31-year-old ..."; else None."""
    i = m.end
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text in {",", "."}:
        return doc[i + 1].text
    if i + 6 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an"} and doc[i + 3 : i + 6].text == "-year-":
        return doc[i + 2].text
    if m.start >= 5 and doc[m.start - 4 : m.start - 1].text == "-year-" and doc[m.start - 1].lower_ == "old":
        return doc[m.start - 5].text  # "34-year-old Karim Benali"
    return None


GROUP_MODIFIERS = {"ADJ", "NOUN", "PROPN", "VERB"}
ROLE_MODIFIERS = {"DET", "ADJ", "PROPN", "NOUN", "ADV"}


def _walk_left(doc: Doc, head: int, pos: set[str]) -> int:
    """Start of the noun phrase before ``head``: tokens with these parts of speech that attach inside it."""
    i = head
    while i > 0 and doc[i - 1].pos_ in pos and not doc[i].is_sent_start and i - 1 < doc[i - 1].head.i <= head:
        i -= 1
    return i


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d
