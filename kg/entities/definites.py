"""Definite descriptions -> their antecedents (the description half of :class:`kg.entities.coref.Coref`).

- "the group", "the terrorist group" -> the last armed group named ("the cartel": the last organisation named
  "... Cartel", if any); "the vicious man", "the suspect" -> the last named person who is not the subject of the
  same clause; "the man, identified as X" -> X, and so is "a Syrian man" introduced just before it;
- plural descriptions: "the workers" after "four aid workers" -> that counted group;
- ages: "the 34-year-old" -> the named person the article gave that age, else the last named person;
- the lead's protagonist: a role description in the headline or lead before anyone is named -> the first
  person named, if named within the next two sentences;
- role descriptions: "a senior al-Shabaab terrorist leader" -> the named person whom the article gives that role.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from ..prepare import in_furniture
from .mentions import Mention, Registry, merge, plural_person, sentence_starts, token_index
from .participant_words import indefinite_singular, is_inert_noun, participant_type
from .quotes import speech_verbs

SUBJECTS = {"nsubj", "nsubjpass"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"}


PERCEPTION_VERBS = frozenset({"see", "watch", "hear", "witness", "notice", "observe"})


def _reports(noun: Token, pronoun: Token) -> bool:
    """The noun is the subject of a verb of saying or seeing whose clause holds the pronoun: a witness of it."""
    return noun.dep_ in SUBJECTS and pronoun in noun.head.subtree \
        and noun.head.lemma_.lower() in speech_verbs() | PERCEPTION_VERBS


def _apposed_to(tok: Token) -> Token:
    """The noun a name is in apposition to ("The Health Minister, Helen Marsh, says"), else the name itself."""
    return tok.head if tok.dep_ == "appos" else tok


CAPITALISED_PERSON_NOUNS = {"islamist"}  # person nouns the tagger takes for names


def _speaks(noun: Token) -> bool:
    """The subject of a verb of saying ("an official says", "former ambassador X told CNN")."""
    for _ in range(3):
        if noun.dep_ not in {"compound", "appos", "flat"}:
            break
        noun = noun.head
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in speech_verbs()


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


class DefiniteDescriptions:
    """Resolves definite, plural, age and role descriptions (mixed into :class:`kg.entities.coref.Coref`, which
    sets ``lex`` and ``heads``)."""

    def plural_descriptions(self, doc: Doc, reg: Registry) -> None:
        """'the workers' after 'four aid workers': a definite plural noun -> the counted group with that noun."""
        at = token_index(reg)
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
                   and not _reports(t, doc[end]) for t in doc[start:end])  # "... fired shells at depots. They
        # ...": not the shells; "Villagers report seeing them shoot": not the villagers

    # -- descriptions -------------------------------------------------------------------------------
    def descriptions(self, doc: Doc, reg: Registry) -> None:
        at = token_index(reg)
        evidence = self._role_evidence(doc, reg, at)
        lex = self.lex
        for _, head, _end in self.heads(doc):
            noun = doc[head]
            proper = noun.tag_ == "NNP" and noun.lower_ in CAPITALISED_PERSON_NOUNS  # "the Yemeni-born Islamist"
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
                    start = _walk_left(doc, start - 3, {"ADJ"})  # "the Yemeni-born fugitive"
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
        at = token_index(reg)
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
            else:  # not who says it: "Helen Marsh says the 31-year-old is still being held ..."
                speakers_ = {m.key for m in reg.mentions
                             if m.end <= start and _reports(_apposed_to(doc[m.start : m.end].root), doc[start])}
                key = self._last(reg, start - 1, lambda e: e.type == "Person" and not plural_person(e)
                                 and e.key not in speakers_, kind="name")
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
        if first_sent > 3 or self._principal(doc[first.start : first.end].root):
            return
        at = token_index(reg)
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
            if any(t.tag_ == "POS" for t in doc[max(0, start - 1) : noun.i]):
                continue  # "one of the movement's senior commanders": a group's, resolved by the role rule if at all
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

    def _principal(self, name: Token) -> bool:
        """A person named as someone else's principal ("a spokesman for provincial governor X", "an aide of X"):
        not the protagonist a lead describes."""
        prep = name.head if name.dep_ == "pobj" else None
        return prep is not None and prep.lower_ in {"for", "of", "to"} and prep.head.lemma_.lower() in self.lex.role_nouns

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
                    merge(reg, old.key, key)
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
        """The unnamed person an earlier description with the same noun made: "a man who was detained ... the man"."""
        cands = [m for m in reg.mentions if m.end <= start and m.kind == "description"
                 and doc[m.end - 1].lemma_.lower() == noun.lemma_.lower() and reg.entities[m.key].type == "Person"
                 and not plural_person(reg.entities[m.key])]
        return max(cands, key=lambda m: m.start).key if cands else None

    def _last_person(self, doc: Doc, reg: Registry, start: int, head: int, countries: set[str] = frozenset()) -> str | None:
        """The last person, named or described ("a Chechen car bomber ... the militant"), before a definite
        description who is not the subject of its clause, and whom no other country's demonym describes ("the
        Greek Foreign Minister, Nikos Aris" is not "the Turkish leader")."""
        clause = doc[head].head
        while clause.dep_ not in {"ROOT", "relcl", "ccomp", "advcl"} and clause.head.i != clause.i:
            clause = clause.head
        own = {c.i for c in clause.children if c.dep_ in SUBJECTS}
        for node in doc[head].ancestors:  # "X told the court how the accused ...": the speaker talks of another,
            if node.pos_ == "VERB" and node.lemma_.lower() in speech_verbs():  # and so does "a spokesman for X"
                own |= {t.i for c in node.children if c.dep_ in SUBJECTS for t in c.subtree}
        cands = [m for m in reg.mentions if m.end <= start and m.kind in {"name", "description"}
                 and reg.entities[m.key].type == "Person" and not own.intersection(range(m.start, m.end))
                 and (m.kind == "name" or not plural_person(reg.entities[m.key]))]
        if countries:
            foreign = {m.key for m in cands if self._described_countries(doc, m) - countries}
            cands = [m for m in cands if m.key not in foreign]
        if not cands:
            return None
        last = max(cands, key=lambda m: m.start)
        starts = sentence_starts(doc)
        lo = max(last.end, starts[bisect_right(starts, start) - 1])
        if any(self._someone(t) for t in doc[lo:start]):
            return None  # "police hunting a wanted smuggler shot the suspect dead": the one just introduced
        return last.key

    def _someone(self, tok: Token) -> bool:
        """An indefinite singular person noun ("a wanted smuggler", "an elderly man")."""
        lemma = tok.lemma_.lower()
        return indefinite_singular(tok) and (
            lemma in self.lex.person_nouns or lemma in self.lex.role_nouns or participant_type(tok) == "Person")

    def _described_countries(self, doc: Doc, m: Mention) -> set[str]:
        """Countries the demonyms of a name's title or apposition give ("Greek Foreign Minister Nikos Aris")."""
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
