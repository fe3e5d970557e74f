"""Unnamed people and groups an article describes (the part of :class:`kg.entities.describe.Describer` that makes
them, mixed in):

- relational nouns: "the wife of X", "his older sister", "one of his aides", "X's right-hand man" -> a Person
  labelled by the description, ``described_by`` X; in apposition to a named person it is that person;
- unnamed groups: "a suspected Islamic State cell", "a network that ..." -> an armed group of the article
  ("Islamic State cell", "network"); in the lead, the group named in the next sentences instead;
- unnamed people: "a 19-year-old woman", "a Syrian man" -> a Person of the article (nationality from a
  demonym, gender from the noun);
- counted people: "at least 850 suspects", "29 cartel members", "three Russian nationals" -> a Person (group)
  node "850 suspects"; "four of his bodyguards" -> "four bodyguards of X".
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .called import NAMING
from .mentions import Registry, drop, scoped_key, sentence_starts
from .participant_words import marked_aircraft

LEAD_SENTENCES = 3  # headline and lead: where an unnamed group may be named in the sentences that follow
PARTICIPLES = {"suspected", "alleged", "so-called", "purported"}
ACTIVITY_GROUP_NOUNS = {"insurgency"}  # "waged an insurgency": an activity, not a group the article introduces


def _lemma(doc: Doc, start: int, end: int) -> str:
    return " ".join([*(t.lower_ for t in doc[start : end - 1]), doc[end - 1].lemma_.lower()])


def _following_person(doc: Doc, reg: Registry, at, end: int) -> str | None:
    """The person an apposition after token ``end`` names: "X's right-hand man, an Afghan national …"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    if j < len(doc) and doc[j].lower_ in {"a", "an", "the"}:
        j += 1
    m = at.get(j)
    return m.key if m is not None and reg.entities[m.key].type == "Person" else None


def _short_name(ent) -> str:
    """The shortest alias of a person that ends with their last name ("Godane" for Ahmed Abdi Godane), else the
    shortest alias made of words of the name ("Salazar" for a double surname "Joaquin Salazar Ortega")."""
    last = ent.label.split()[-1]
    names = [a for a in ent.aliases | {ent.label} if a.endswith(last) and a[:1].isalpha()]
    short = min(names, key=lambda a: (len(a.split()), len(a), a)) if names else ent.label
    if short == ent.label:  # "Salazar" for Joaquin Salazar Ortega: a shorter alias made of the name's own words
        words = ent.label.split()
        parts = [a for a in ent.aliases if a[:1].isupper() and 0 < len(a.split()) < len(words)
                 and any(words[i : i + len(a.split())] == a.split() for i in range(len(words)))]
        short = min(parts, key=lambda a: (len(a.split()), len(a), a)) if parts else short
    return short


class UnnamedPeople:
    """Makes unnamed people and groups of an article (mixed into :class:`kg.entities.describe.Describer`, which sets
    ``lex``)."""

    def _relational(self, doc: Doc, reg: Registry, at, matches) -> None:
        lex = self.lex
        for start, end in matches:
            if any(i in at for i in range(start, end)):
                continue
            head = doc[end - 1]
            noun = doc[start:end].text.lower()
            relation = lex.relational_nouns.get(noun) or lex.relational_nouns.get(_lemma(doc, start, end))
            if relation is None or head.dep_ in {"attr", "compound"}:
                continue
            owner, mod_start, np_start = self._owner(doc, reg, at, start, end)
            if owner is None:
                continue
            one = np_start >= 2 and doc[np_start - 1].lower_ == "of" and doc[np_start - 2].lower_ == "one"
            span = doc[mod_start:end]
            same = _following_person(doc, reg, at, end) or self._apposed_name(doc, reg, at, end)
            singular = relation[: -len(" of")] if relation.endswith(" of") else relation
            adjectives = [t.lower_ for t in doc[mod_start:start] if t.pos_ == "ADJ"]
            phrase = " ".join([*adjectives, singular if (one or head.tag_ != "NNS") else noun])
            owner_ent = reg.entities[owner]
            label = f"{phrase} of {_short_name(owner_ent)}"
            if same is not None:
                key = same
            else:
                key = scoped_key(doc, "Person", f"{phrase} of {owner_ent.label}")
                reg.entity(key, label, "Person")
            ent = reg.entities[key]
            ent.described_by = ent.described_by or (relation, owner)
            ent.aliases.add(label)
            reg.add(key, span.start, span.end, "description", alias=span.text)
            if one and np_start - 2 not in at:
                reg.add(key, np_start - 2, np_start - 1, "description", alias="one")

    def _owner(self, doc: Doc, reg: Registry, at, start: int, end: int) -> tuple[str | None, int, int]:
        """The person an NP with a relational noun belongs to, where the NP's own modifiers start, and where it starts.

        "his older sister" / "Godane's wife" (possessor before), "the wife of Godane" (of after).
        """
        i = start - 1
        while i >= 0 and doc[i].pos_ in {"ADJ", "ADV"} and i not in at:
            i -= 1
        mod_start = i + 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        m = at.get(i) if i >= 0 else None
        if m is not None and reg.entities[m.key].type == "Person" and (doc[i].tag_ == "PRP$" or doc[i + 1].tag_ == "POS"):
            return m.key, mod_start, m.start
        np_start = i + 1 if i >= 0 and doc[i].lower_ in {"the", "a", "an"} else mod_start
        if np_start > 0 and doc[np_start - 1].lower_ in {"the", "a", "an"}:
            np_start -= 1
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            m = None
            for j in range(end + 1, min(end + 5, len(doc))):  # "of (the) (transport minister) Samir Tahan"
                m = at.get(j)
                if m is not None or not (doc[j].pos_ in {"DET", "ADJ", "NOUN"} and doc[j].is_lower):
                    break
            if m is not None and reg.entities[m.key].type == "Person":
                return m.key, mod_start, np_start
        return None, mod_start, np_start

    def _apposed_name(self, doc: Doc, reg: Registry, at, end: int) -> str | None:
        """'his brother Yusuf': a person name right after the relational noun is the same person."""
        m = at.get(end)
        return m.key if m is not None and m.start == end and reg.entities[m.key].type == "Person" and m.kind == "name" else None

    def _unnamed_groups(self, doc: Doc, reg: Registry, at, matches) -> None:
        """'a suspected Islamic State cell', 'a network that ...', 'an al-Qaeda-linked group': a group the article
        introduces without naming it is an armed group of its own, labelled by its words ("Islamic State cell");
        in the headline or lead, one named within the next two sentences ("... by JNIM") is that group."""
        starts = sentence_starts(doc)
        headline_end = starts[1] if len(starts) > 1 else len(doc)
        for start, end in sorted(matches, key=lambda m: (m[0] < headline_end, m[0])):  # the headline's last
            noun = doc[end - 1]
            if noun.lower_ in ACTIVITY_GROUP_NOUNS:
                continue
            if start in at or noun.tag_ != "NN" or noun.dep_ in {"attr", "appos", "compound", "oprd"} or (
                    noun.dep_ in {"ccomp", "xcomp", "dobj"} and any(c.dep_ == "nsubj" for c in noun.children)):
                continue  # predicative: "X is a group", "X, a group", "declared X a group" (a small clause too)
            if noun.dep_ == "pobj" and noun.head.lower_ in {"as", "like"}:
                continue  # "recognized X as a terrorist group"
            if noun.dep_ == "pobj" and noun.head.lower_ == "of" and not self._people_word(noun.head.head):
                continue  # "membership of a criminal organisation" (but "members of a ransomware gang")
            if any(c.dep_ == "acl" and c.lemma_.lower() in NAMING for c in noun.children):
                continue  # "the group known as X": the name is the group
            lo = noun.left_edge.i
            sent = bisect_right(starts, noun.i) - 1
            det = doc[lo].lower_ if doc[lo].dep_ == "det" else None
            if not (det in {"a", "an"} or (det is None and sent == 0)) or lo < starts[sent]:
                continue
            if det is None:  # a headline's bare "ransomware gang": the same group the lead introduces, if it does
                later = self._lead_group(doc, reg, starts, noun)
                if later is not None:
                    reg.add(later, noun.left_edge.i, noun.i + 1, "description", alias=doc[noun.left_edge.i : noun.i + 1].text)
                    at.update({i: reg.mentions[-1] for i in range(noun.left_edge.i, noun.i + 1)})
                    continue
            first = lo + (det is not None)
            while first < noun.i and doc[first].lower_ in PARTICIPLES:
                first += 1
            inner = [at[i] for i in range(first, noun.i) if i in at]
            key = self._named_later(doc, reg, starts, sent, noun.i, {m.key for m in inner})
            if key is None:
                words = [reg.entities[at[t.i].key].label if t.i in at else t.text for t in doc[first : noun.i + 1]
                         if t.i not in at or t.i == at[t.i].start]
                label = " ".join(words)
                key = scoped_key(doc, "Organization", label)
                reg.entity(key, label, "Organization", subtype="ArmedGroup")
            for m in inner:
                drop(reg, m)
            reg.add(key, first, noun.i + 1, "description", alias=doc[first : noun.i + 1].text)
            at.update({i: reg.mentions[-1] for i in range(first, noun.i + 1)})

    def _people_word(self, tok) -> bool:
        lex, lemma = self.lex, tok.lemma_.lower()
        return lemma in lex.role_nouns or lemma in lex.person_nouns or tok.lower_ in lex.counted_person_nouns

    def _lead_group(self, doc: Doc, reg: Registry, starts: list[int], noun) -> str | None:
        """The group an indefinite NP with the same head noun introduces in the two sentences after the headline."""
        if len(starts) < 2:
            return None
        hi = starts[3] if len(starts) > 3 else len(doc)
        for tok in doc[starts[1] : hi]:
            if tok.lower_ == noun.lower_ and tok.tag_ == "NN" and doc[tok.left_edge.i].lower_ in {"a", "an"}:
                m = next((m for m in reg.mentions if m.start <= tok.i < m.end), None)
                if m is None:
                    return None
                return m.key if reg.entities[m.key].type == "Organization" else None
        return None

    def _unnamed_people(self, doc: Doc, reg: Registry, at, matches) -> None:
        """'a 19-year-old woman', 'a Syrian man': an unnamed person the article introduces with a describing word is
        a node of its own ("19-year-old woman"; a demonym gives a nationality; the noun may give a gender). In
        apposition to another unnamed NP ("A fifth suspect, a 19-year-old woman,") that NP is the person too."""
        lex = self.lex
        for start, end in matches:
            noun = doc[end - 1]
            if noun.tag_ != "NN" or start in at or noun.dep_ in {"attr", "oprd", "compound"}:
                continue
            if noun.dep_ == "pobj" and noun.head.lower_ in {"as", "like"}:
                continue
            if noun.dep_ == "appos" and (noun.head.i in at or noun.head.pos_ == "PROPN"):
                continue  # "Omar Haddad, a Syrian man": a description of the named person
            lo = noun.left_edge.i
            if doc[lo].lower_ not in {"a", "an"} or lo + 1 >= noun.i or any(i in at for i in range(lo, noun.i + 1)):
                continue  # indefinite, with at least one describing word
            if any(t.dep_ in {"relcl", "acl"} for t in noun.children):
                continue  # "a man who ...", "a man identified as X": left to the clause
            if marked_aircraft(noun):
                continue  # "a B-52 bomber": aircraft, a force the participants make
            if any(c.dep_ == "appos" and c.tag_ == "NN" and doc[c.left_edge.i].lower_ in {"a", "an"} for c in noun.children):
                continue  # "A fifth suspect, a 19-year-old woman": the apposition describes, and takes this NP in
            label = doc[lo + 1 : noun.i + 1].text
            named = [at[c.i] for c in noun.children if c.dep_ == "appos" and c.i in at and at[c.i].kind == "name"
                     and reg.entities[at[c.i].key].type == "Person"]
            key = named[0].key if named else scoped_key(doc, "Person", label)  # "a senior Somali commander, Aden
            ent = reg.entity(key, label, "Person")  # Farah": the named person, who is Somali
            for tok in doc[lo + 1 : noun.i]:
                if tok.text in lex.demonyms:
                    ent.nationality = ent.nationality or lex.demonyms[tok.text]
            word = noun.lower_
            if word in lex.female_nouns or word in lex.male_nouns:
                reg.gender[key] = "female" if word in lex.female_nouns else "male"
            first = lo + 1
            head = noun.head
            if noun.dep_ == "appos" and head.pos_ == "NOUN" and doc[head.left_edge.i].lower_ in {"a", "an"}:
                h0 = head.left_edge.i
                if not any(i in at for i in range(h0, head.i + 1)):
                    reg.add(key, h0 + 1, head.i + 1, "description", alias=doc[h0 + 1 : head.i + 1].text)
                    at.update({i: reg.mentions[-1] for i in range(h0 + 1, head.i + 1)})
            reg.add(key, first, noun.i + 1, "description", alias=label)
            at.update({i: reg.mentions[-1] for i in range(first, noun.i + 1)})

    def _named_later(self, doc: Doc, reg: Registry, starts: list[int], sent: int, after: int, inner: set[str]) -> str | None:
        """In the headline or lead: the first armed group named in the next two sentences (not the group's own
        sentence, not a group named inside the description)."""
        if sent >= LEAD_SENTENCES or sent + 1 >= len(starts):
            return None
        lo = starts[sent + 1]
        hi = starts[sent + 3] if sent + 3 < len(starts) else len(doc)
        named = [m for m in reg.mentions if lo <= m.start < hi and m.kind == "name" and m.key not in inner
                 and reg.entities[m.key].type == "Organization" and reg.entities[m.key].subtype == "ArmedGroup"]
        return min(named, key=lambda m: m.start).key if named else None

    def _counted(self, doc: Doc, reg: Registry, at, matches) -> None:
        lex = self.lex
        for start, end in matches:
            owner = None
            if doc[start + 1].lower_ == "of" and doc[start].like_num:  # "four of his bodyguards"
                owner = next((at[i] for i in range(start + 2, end - 1) if i in at), None)
                if owner is not None and reg.entities[owner.key].type != "Person":
                    owner = None
                words = [doc[start], *(t for t in doc[start + 2 : end] if t.i not in at and t.tag_ not in {"PRP$", "POS", "DT"})]
            else:
                words = list(doc[start:end])
            if any(i in at for i in range(start, end) if owner is None or not owner.start <= i < owner.end):
                continue
            label = " ".join(t.text if t.text in lex.demonyms else t.lower_ for t in words)
            if owner is not None:
                label = f"{label} of {_short_name(reg.entities[owner.key])}"
            lo = start - 2 if start >= 2 and doc[start - 2 : start].text.lower() in {"at least", "up to", "more than", "at most"} else start
            key = scoped_key(doc, "Person", label)
            ent = reg.entity(key, label, "Person")
            dems = [lex.demonyms[t.text] for t in words if t.text in lex.demonyms]
            if dems:
                ent.nationality = ent.nationality or dems[0]  # "three Russian nationals"
            reg.add(key, lo, end, "description", alias=doc[lo:end].text)
