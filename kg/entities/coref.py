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
- **Gender**: he/she never refer to a person a noun says is of the other gender ("a 19-year-old woman");
  with such a noun just before, outside any name, they wait for it to become a node (late pass); so does a
  possessive in an adverbial phrase whose clause's subject is a description ("The Yemeni-born Islamist
  looked isolated after his backers ...").
- **Quotes**: a pronoun inside a quote is not its speaker; the pronoun that speaks a quote is no one the quote names.
- **Descriptions** (definite, plural, ages, the lead's protagonist, roles): :mod:`.definites`, mixed in.
"""

from __future__ import annotations

from bisect import bisect_right, insort

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..prepare import in_furniture
from .lexicon import Lexicon
from .participant_words import verb_class
from .quotes import speech_verbs, speakers
from .definites import DefiniteDescriptions, _reports
from .mentions import Mention, Registry, plural_person, sentence_starts

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


def _compatible(kind: str, ent) -> bool:
    if kind == "Person":
        return ent.type == "Person" and not plural_person(ent)
    if kind == "Thing":
        return ent.type in {"Organization", "Location"}
    return ent.type == "Organization" or plural_person(ent)


class Coref(DefiniteDescriptions):
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
        So is a description subject of the clause a possessive's adverbial clause modifies ("The Yemeni-born Islamist
        ... looked isolated after his backers ..."), once descriptions are resolved."""
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
        if tok.lower_ in REFLEXIVE_PRONOUNS:  # "a gunman tried to shoot himself": its own clause's subject
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
            ok = [m for m in ok if quoted.get(m.start) != tok.i]  # '"Karim is guilty," he said': not Karim
        if tok.lower_ in {"they", "them"} and tok.head.dep_ == "ccomp" and tok.head.head.lemma_.lower() in speech_verbs():
            # "The ministry said they worked in ...": a single speaker is not "they"
            single = {c.i for c in tok.head.head.children if c.dep_ in SUBJECTS and c.tag_ == "NNP"}
            speakers_ = {n.key for n in names if doc[n.start : n.end].root.i in single}
            ok = [m for m in ok if m.key not in speakers_]
        blamer = _blamer(tok)
        if blamer is not None:  # "Novak branded his government a haven for smugglers": not his own
            own = {n.key for n in names if n.start <= blamer.i < n.end}
            ok = [m for m in ok if m.key not in own]
        if not ok:
            return None
        if prefer:
            preferred = [m for m in ok if reg.entities[m.key].subtype == prefer]
            if preferred:
                return preferred[-1].key
        governing = self._governing_subject(doc, ok, tok)
        if governing is BLOCKED:  # "the guards scuffled with strikers as they tried ...", guards no node: no one
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
                    return None  # "The four were named as ... They worked ...": the four, once a node
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
        (a pronoun), not the subject of a verb of saying or seeing whose clause holds it ("Villagers report
        seeing them shoot": not the villagers)."""
        covered = {i for m in names if m.start < hi and lo < m.end for i in range(m.start, m.end)}
        return any((t.tag_ == "NNS" or (t.pos_ == "NUM" and t.i and doc[t.i - 1].lower_ == "the"))  # "the three"
                   and t.dep_ in SUBJECTS and t.i not in covered
                   and not (reporting is not None and _reports(t, reporting)) for t in doc[lo:hi])

    # -- plural descriptions ------------------------------------------------------------------------
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


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d
