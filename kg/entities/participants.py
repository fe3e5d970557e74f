"""Participants: the unnamed but specific actors, victims and targets of events.

Event-first: the step starts from the event verbs and nouns of the lexicon (``kg/lexicons/events.yaml``),
takes their arguments from the parse whatever they are — subject, object, passive agent, objects of
target and place prepositions, the noun a participle describes, and the conjuncts of each — and keeps
those that denote participants (``kg/lexicons/participants.yaml``) and that no name or description
already covers:

- forces and weapon platforms ("Israeli soldiers" aside, which the lexicon's institutions already make a
  country's military): "armed commandos", "US warplanes", "Apache helicopters" -> Organization;
- people: "five Palestinians", "Palestinian gunmen", "Hamas supporters", "seven people" -> Person;
- targets and scenes: "security targets", "a police station", "the caves" -> Location.

Where the arguments are: :mod:`.arguments`; what their noun phrases say: :mod:`.phrases`.

One node per article for the same description (an article-scoped key, see ``scoped_key``); a later bare
definite ("the gunmen", "the building") is the last participant with that head noun. A demonym or
country in the description gives the node its country ("US warplanes") or nationality ("Palestinian
gunmen"); a group named in it makes the people its members ("Hamas supporters").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .arguments import event_arguments, hung_after, partitive
from .elided import count_label, elided_counts
from .lexicon import Lexicon
from .mentions import Mention, Registry, scoped_key, token_index
from .owners import commander_country
from .participant_words import is_aircraft, is_place_noun, marked_aircraft, words
from .phrases import (against_prefixed, anaphor_key, harmed_one, is_bare, last_town, modifiers_start, part_of_named,
                      pronoun_owner, searched_or_stormed, specific_one, strip_leading)

OPERATION_CLASSES = {"Attack", "Raid"}  # event nouns whose demonym names who carried them out
MAKER_WORDS = {"made", "built", "supplied", "designed", "manufactured"}
NAMED_GROUP_NOUNS = {"militia", "movement", "regime", "network", "organisation", "organization"}
MEMBERS_OF_A_FORCE = {("troop", True), ("peacekeeper", True)}  # plural people a singular "force" is made of
MAX_WORDS = 6  # longer descriptions are clauses a parser ran together, not participants


class Participants:
    """Adds the unnamed participants of events to a registry (see the module docstring)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    def __call__(self, doc: Doc, reg: Registry, bare: bool = False) -> None:
        """Described participants ("Palestinian gunmen", "two policemen"); with ``bare``, after the definite
        descriptions have been resolved to named antecedents, the bare ones too ("the gunmen")."""
        at = token_index(reg)
        last: dict[tuple[str, bool], list[tuple[int, str]]] = {}  # (head lemma, plural) -> (start, key) with that head
        for m in sorted(reg.mentions, key=lambda m: m.start):
            ent = reg.entities[m.key]
            if m.kind == "description" or (ent.type == "Organization" and words()["types"].get(
                    doc[m.end - 1].lemma_.lower()) == "Organization"):  # "Iraqi forces" ... "the forces"
                last.setdefault(anaphor_key(doc[m.end - 1]), []).append((m.start, m.key))
            elif ent.type == "Location" and m.end < len(doc) and is_place_noun(doc[m.end]) \
                    and doc[m.end - 1].head.i == m.end:  # "the Koh Sabz area" ... "the area"
                last.setdefault(anaphor_key(doc[m.end]), []).append((m.start, m.key))
        elided = elided_counts(doc)
        for head in sorted(set(event_arguments(doc)), key=lambda t: t.i):
            if head.i in at:
                self._counted_force(doc, reg, at, head)
                continue
            if head.i in elided or (head.pos_ == "NUM" and head.dep_ in {"dobj", "nsubjpass"} and head.like_num
                                    and not list(head.children)):
                # "killed 14 people and wounded 37", "were killed and 120 injured"
                self._casualties(doc, reg, at, head, head.i in elided)
                continue
            if not bare and is_bare(doc, head) and not specific_one(head) and not harmed_one(head):
                continue
            if head.lemma_.lower() in words()["weapons"]:
                self._weapon(doc, reg, at, head)
                continue
            found = self._participant(doc, reg, at, head, last, bare)
            if found is None:
                continue
            key, start, end = found
            reg.add(key, start, end, "description", alias=doc[start:end].text)
            mention = reg.mentions[-1]
            for i in range(start, end):
                at[i] = mention
            last.setdefault(anaphor_key(head), []).append((start, key))
        self._groups_from(doc, reg, at)
        if not bare:
            self._operating_countries(doc, reg, at)

    def _air_force(self, doc: Doc, reg: Registry, key: str) -> str:
        """One node for an article's aircraft of one country: the first description's, which later ones join (and
        descriptions without a country, when the article has one air force only)."""
        fleet: dict[str | None, str] = doc.user_data.setdefault("kg_aircraft", {})
        ent = reg.entities[key]
        country = ent.country
        known = set(fleet.values())
        if country is not None and country not in fleet and None in fleet and len(known) == 1:
            fleet[country] = fleet[None]  # "Apache helicopters" ... "Israeli warplanes"
            reg.entities[fleet[country]].country = country
        target = fleet.get(country) if country is not None else (known.pop() if len(known) == 1 else None)
        if target is None or target == key:
            fleet.setdefault(country, key)
            return key
        if ent.mentions == 0:
            del reg.entities[key]
        reg.entities[target].aliases.add(ent.label)
        return target

    def _same_combatants(self, doc: Doc, reg: Registry, label: str, head: Token) -> str | None:
        """"Al Qaeda fighters" ... "Al Qaeda militants": an uncounted plural of combatants is the one the article
        described before with the same words and another combatant noun."""
        combatants = words()["combatants"]
        if head.tag_ != "NNS" or head.lemma_.lower() not in combatants or any(c.dep_ == "nummod" for c in head.children):
            return None
        stem = label[: -len(head.text)]
        for key, ent in reg.entities.items():
            last = ent.label.split()[-1].lower()
            if ent.type == "Person" and ent.label.startswith(stem) and ent.label != label and len(ent.label.split()) == \
                    len(label.split()) and last.endswith("s") and last[:-1] in combatants:
                return key
        return None

    def _same_fleet(self, doc: Doc, reg: Registry, key: str, head: Token) -> str:
        """Counted aircraft without a country join the article's one fleet when it was described with the same noun
        ("Israeli helicopters ... Two helicopters"); other counts ("80 strike aircraft") stay apart."""
        fleets = set(doc.user_data.get("kg_aircraft", {}).values())
        if len(fleets) != 1:
            return key
        target = fleets.pop()
        if target == key or reg.entities[target].label.split()[-1].lower() != head.lower_:
            return key
        if reg.entities[key].mentions == 0:
            del reg.entities[key]
        return target

    def _groups_from(self, doc: Doc, reg: Registry, at: dict[int, Mention]) -> None:
        """"(detained) some 40 gunmen from the FLN", "supporters of the FLN": counted or described people "from" or
        "of" a group are its members; "supporters of Sheikh Mansour" are a person's supporters."""
        for m in reg.mentions:
            ent, head = reg.entities[m.key], doc[m.end - 1]
            if m.kind != "description" or ent.type != "Person" or ent.described_by is not None \
                    or head.lemma_.lower() not in words()["members"]:
                continue
            for prep in [*head.children, *(hung_after(head) if head.dep_ == "dobj" else ())]:
                if prep.dep_ == "prep" and prep.lower_ in {"from", "of"}:
                    for pobj in prep.children:
                        other = reg.entities[at[pobj.i].key] if pobj.dep_ == "pobj" and pobj.i in at else None
                        if other is not None and other.type == "Organization":
                            ent.described_by = ent.described_by or ("member of", other.key)
                        elif other is not None and other.type == "Person" and prep.lower_ == "of" \
                                and head.lemma_.lower() in words()["followers"]:  # "supporters of Sheikh Mansour"
                            ent.described_by = ent.described_by or (f"{head.lemma_.lower()} of", other.key)

    def _counted_force(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token) -> None:
        """"two Israeli soldiers": counted people a lexicon phrase took for a country's force are people."""
        mention = at[head.i]
        if mention.kind != "name" or mention.end != head.i + 1 or reg.entities[mention.key].type != "Organization":
            return
        lemma = head.lemma_.lower()
        if words()["types"].get(lemma) != "Person" and lemma not in words()["counted"]:
            return
        if not any(c.dep_ == "nummod" and c.i < mention.start for c in head.children):
            return
        country = reg.entities[mention.key].country
        reg.mentions.remove(mention)
        reg.entities[mention.key].mentions -= 1
        for i in range(mention.start, mention.end):
            del at[i]
        found = self._participant(doc, reg, at, head, {})
        if found is None:
            return
        key, start, end = found
        reg.entities[key].country = reg.entities[key].country or country
        reg.add(key, start, end, "description", alias=doc[start:end].text)
        for i in range(start, end):
            at[i] = reg.mentions[-1]

    def _casualties(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token, elided: bool) -> None:
        """A bare count as the object of a casualty verb: so many people ("wounded 37" -> "37 people"; "and 20 others
        wounded" -> "20 others")."""
        if not elided and head.head.lemma_.lower() not in words()["casualty_verbs"]:
            return
        label = count_label(head)
        start = min([head.i] + [c.i for c in head.children if c.dep_ == "nummod"])
        key = scoped_key(doc, "Person", f"{label}-{head.i}")
        reg.entity(key, label, "Person")
        reg.add(key, start, head.i + 1, "description", alias=doc[start:head.i + 1].text)
        for i in range(start, head.i + 1):
            at[i] = reg.mentions[-1]

    def _operating_countries(self, doc: Doc, reg: Registry, at: dict[int, Mention]) -> None:
        """"Israeli air raids", "American bombing": a demonym on an attack noun is the country that carried it
        out (a mention of the country on the demonym), as a country's name would be ("Russian air strikes")."""
        for tok in doc:
            country = self.lex.demonyms.get(tok.text)
            if country is None or tok.i in at or tok.dep_ != "amod" or country not in self.lex.refs:
                continue
            if words()["noun_classes"].get(tok.head.lemma_.lower()) not in OPERATION_CLASSES:
                continue
            if country not in reg.entities:
                reg.from_ref(self.lex.refs[country])
            reg.add(country, tok.i, tok.i + 1, "description")
            at[tok.i] = reg.mentions[-1]

    def _weapon(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token) -> None:
        """"a Russian missile", "a stray Turkish shell": a weapon stands for the country that fired it."""
        country = None
        for tok in doc[modifiers_start(head) : head.i]:
            country = self.lex.demonyms.get(tok.text) or self.lex.country_by_name.get(tok.text)
            other = reg.entities[at[tok.i].key] if tok.i in at else None
            if country is None and other is not None and other.type == "Location" and other.subtype == "Country":
                country = other.key
            if country is not None:
                break
        if country is None or (country not in reg.entities and country not in self.lex.refs):
            return
        if country not in reg.entities:
            reg.from_ref(self.lex.refs[country])
        reg.add(country, head.i, head.i + 1, "description")
        at[head.i] = reg.mentions[-1]

    def _type(self, head: Token) -> str | None:
        d = words()
        lemma, word = head.lemma_.lower(), head.lower_
        doc = head.doc
        before = doc[head.i - 1].lower_ if head.i else ""
        if lemma in d["not"] or word in d["not"] or f"{before} {lemma}" in d["not"]:
            return None
        hyphened = head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_
        forms = [f"{doc[head.i - 2].lower_}-{lemma}", f"{doc[head.i - 2].lower_}-{word}"] if hyphened else []
        for form in (*forms, word, lemma):
            if form in d["types"]:
                return d["types"][form]
        if self._plural_demonym(head) is not None:
            return "Person"  # "five Palestinians"
        if head.tag_ in {"NNP", "NN"} and head.text in self.lex.demonyms and head.i and doc[head.i - 1].lower_ in {"a", "an"}:
            return "Person"  # "the death of a Chechen"
        return None

    def _participant(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token,
                     last: dict[tuple[str, bool], list[tuple[int, str]]], bare: bool = True) -> tuple[str, int, int] | None:
        """(key, start, end) of the mention a participant head makes, or None when it denotes none."""
        type_ = self._type(head)
        if type_ is None:
            return None
        if head.lemma_.lower() in words()["counted"] and any(c.dep_ == "nummod" for c in head.children):
            type_ = "Person"  # "three US troops"
        if marked_aircraft(head):
            type_ = "Organization"  # "long-range B-52 bombers": aircraft, not suicide bombers
        start, end = strip_leading(doc, modifiers_start(head), head.i), head.i + 1
        owner = pronoun_owner(head)
        if owner is not None and owner.head.i != head.i and type_ == "Organization":
            return None  # "his jets, helicopter gunships and armoured cars": the gunships go with the jets
        if owner is not None and start == head.i:  # "his warplanes": his country's; "its militants": the group's
            if type_ == "Organization":
                return self._owned(doc, reg, at, head, owner, type_)
            return self._members(doc, reg, at, head, owner) if type_ == "Person" else None
        dated = [t.i for t in doc[start : head.i] if t.ent_type_ in {"DATE", "TIME"}]
        if dated:  # "Tuesday's attackers", "a Christmas market": the date belongs to the event, not the node
            start = max(dated) + 1
            while start < head.i and doc[start].tag_ in {"POS", "HYPH"}:
                start += 1
        if type_ == "Organization":  # "Cobra helicopters and F-15 fighter-bombers": one force
            end = self._force_end(head)
        quantity = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        first = start
        if quantity is not None and quantity.i < head.i and partitive(quantity).i == head.i:
            first = strip_leading(doc, quantity.left_edge.i, quantity.i)  # "hundreds of", "some 100 of"
        if quantity is not None and quantity.lower_ == "one" and quantity.dep_ == "appos" and quantity.head.i in at \
                and reg.entities[at[quantity.head.i].key].type == "Person":
            return at[quantity.head.i].key, quantity.i, end  # "Karim Nasser, one of three raiders who ..."
        if sum(not t.is_punct for t in doc[first:end]) > MAX_WORDS or any(t.is_space for t in doc[first:end]):
            return None
        if first == start == head.i and end == head.i + 1 and (specific_one(head) or harmed_one(head)) \
                and type_ == "Person":
            label = head.text if head.text in self.lex.demonyms else head.lower_  # "a man who was detained in
            # Peru", "the death of a Chechen": someone the story is about, unnamed
            key = scoped_key(doc, type_, f"{label}-{head.i}")
            ent = reg.entity(key, label, type_)
            return key, head.i, end
        if first == start == head.i and end == head.i + 1:
            owners = [c for c in head.children if c.dep_ == "poss"]
            if owners and type_ == "Location" and owners[0].pos_ == "NOUN" and self._type(owners[0]) == "Person":
                owner = owners[0]  # "the militants' position": a place of people the story is about
                label = " ".join(doc[owner.i : end].text.split())
                key = scoped_key(doc, type_, label)
                reg.entity(key, label, type_)
                return key, (head.i if owner.i in at else owner.i), end
            named = at.get(owners[0].i) if owners else None
            if named is not None and type_ == "Location" and named.kind == "name" \
                    and reg.entities[named.key].type in {"Person", "Organization"}:
                label = f"{reg.entities[named.key].label}'s {head.lower_}"  # "Baran's offices", "Mansour's home":
                key = scoped_key(doc, type_, label)  # a place of someone named, as the story calls it
                reg.entity(key, label, type_)
                return key, head.i, end
            if owners:
                return None  # "Assad's forces": the owner's, not the forces named before
            # a bare noun ("the gunmen", "forces") is the participant named before with that noun, or no one
            before = [(start, key) for start, key in last.get(anaphor_key(head), ()) if start < head.i]
            if not before and anaphor_key(head) in MEMBERS_OF_A_FORCE:  # "a multinational force ... the troops"
                before = [(start, key) for start, key in last.get(("force", False), ()) if start < head.i]
            if before:
                return max(before)[1], head.i, end
            town = last_town(doc, reg, head)
            if type_ == "Location" and town is not None:  # "In Tiraspol ... the town, which has been retaken"
                return town, head.i, end
            if type_ == "Location" and searched_or_stormed(head):  # "combing the forests", "stormed the palace":
                key = scoped_key(doc, type_, head.lower_)  # a site the story is about, named by its noun
                reg.entity(key, head.lower_, type_)
                return key, head.i, end
            people = self._people(head)
            if people is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                if people not in reg.entities:  # "gave Armenia and the Azeris a deadline", "accused the
                    reg.from_ref(self.lex.refs[people])  # Armenians of ...": a side, as its country stands for it
                return people, head.i, end
            if people is not None:  # "troops fired on Palestinians": people of that country
                key = scoped_key(doc, "Person", head.text)
                reg.entity(key, head.text, "Person").country = people
                return key, head.i, end
            return None
        if type_ == "Location" and head.pos_ == "PROPN":
            return None  # "Gaza City", "Red Square": a name, the name layer's
        named = at.get(head.i - 1)
        if type_ == "Organization" and head.lemma_.lower() in NAMED_GROUP_NOUNS and named is not None \
                and named.end == head.i and named.kind == "name" and reg.entities[named.key].type == "Organization" \
                and not against_prefixed(doc, named.start):
            return named.key, head.i, end  # "the Taliban militia", "the Hamas movement": the group named
        if type_ == "Location" and named is not None and named.end == head.i and named.kind == "name" \
                and reg.entities[named.key].type == "Location" and head.tag_ == "NN":
            return named.key, head.i, end  # "the Koh Sabz area", "the Dara Khel region": the named place
        if type_ == "Location" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children) for c in head.children):
            return None  # "the northern city of Mosul": the named place
        within = part_of_named(head, at, reg)
        if type_ == "Location" and within is not None:
            return within, start, end  # "key areas in the Koh Sabz region", "a suburb of Mostar": that place
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
            return None  # "a fourth suspect, Sofiane Belkacem": the named person
        if type_ == "Person" and head.tag_ not in {"NNS", "NNPS"} and (
                doc[head.left_edge.i].lower_ not in {"a", "an"} or head.lemma_.lower() in self.lex.role_nouns
                or head.dep_ in {"appos", "attr"}):
            return None  # "the senior commander", "cartel leader": left to the descriptions of named people
        label = " ".join(doc[first:end].text.split())
        known = self._institution(label) if type_ == "Organization" else None
        if known is not None:  # "Kenyan police" a misparse left to the participants: the country's police
            reg.from_ref(known)
        key = known.key if known is not None else self._same_combatants(doc, reg, label, head) or scoped_key(
            doc, type_, label)
        ent = reg.entity(key, reg.entities[key].label if key in reg.entities else label, type_)
        self._ties(doc, reg, at, ent, start, head)
        if type_ == "Organization" and is_aircraft(head) and not any(c.dep_ in {"poss", "nummod"} for c in head.children):
            key = self._air_force(doc, reg, key)  # not "Mr Baran's two helicopters" nor "60 strike aircraft"
        elif type_ == "Organization" and is_aircraft(head) and ent.country is None \
                and not any(c.dep_ == "poss" for c in head.children):
            key = self._same_fleet(doc, reg, key, head)  # "Israeli helicopters ... Two helicopters returned"
        # the mention: from the first word no name covers ("Hamas supporters" -> "supporters")
        lo = first
        while lo < head.i and any(i in at for i in range(lo, end)):
            lo += 1
        if any(i in at for i in range(lo, end)):
            return None
        return key, lo, end

    def _institution(self, label: str):
        """The lexicon's institution a two-word "<demonym> <institution noun>" label names ("Kenyan police"), else
        None: one node across articles, as the name layer makes it when the parse allows."""
        words = label.split()
        country = self.lex.demonyms.get(words[0]) if len(words) == 2 else None
        return self.lex.institution(country, words[1]) if country else None

    def _force_end(self, head: Token) -> int:
        """Where a force's description ends: after its conjuncts when every later one is a force too ("Cobra
        helicopters and F-15 fighter-bombers"), else after its head."""
        later = [c for c in head.conjuncts if c.i > head.i]
        if later and all(self._type(c) == "Organization" for c in later):
            return max(c.i for c in later) + 1
        return head.i + 1

    def _plural_demonym(self, head: Token) -> str | None:
        """The country key of a plural demonym ("Palestinians"), else None."""
        singular = head.text[:-1] if head.text.endswith("s") else head.text
        return self.lex.demonyms.get(singular) if head.tag_ in {"NNPS", "NNS"} else None

    def _people(self, head: Token) -> str | None:
        """The country of a plural demonym that names a people ("Palestinians", "the Israelis"), else None."""
        country = self._plural_demonym(head)
        return country if country in self.lex.countries and country in self.lex.refs else None

    def _owned(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token, owner: Token,
               type_: str) -> tuple[str, int, int] | None:
        """"Mr Novak has sent in his jets, helicopter gunships and armoured cars": a force a pronoun's antecedent owns
        is the force of that person's (or group's) country, named by its demonym."""
        mention = at.get(owner.i)
        if owner.tag_ != "PRP$" or mention is None or mention.kind != "pronoun":
            return None
        country = commander_country(doc, reg, mention.key, self.lex)
        person = reg.entities[mention.key]
        if country not in self.lex.countries and person.type != "Person":
            return None
        end = self._force_end(head)  # "his jets, helicopter gunships and armoured cars": one force
        if sum(not t.is_punct for t in doc[head.i : end]) > MAX_WORDS:
            return None
        owner_word = self.lex.countries[country].demonym if country in self.lex.countries else f"{person.label}'s"
        label = f"{owner_word} {' '.join(doc[head.i : end].text.split())}"  # "Lena Varga's jets" if his
        key = scoped_key(doc, type_, label)  # country is not given
        reg.entity(key, label, type_).country = country if country in self.lex.countries else None
        if is_aircraft(head):
            key = self._air_force(doc, reg, key)
        return key, head.i, end

    def _members(self, doc: Doc, reg: Registry, at: dict[int, Mention], head: Token, owner: Token
                 ) -> tuple[str, int, int] | None:
        """"(the council) has started detaining its gunmen": members a pronoun's group owns are that group's."""
        mention = at.get(owner.i)
        group = reg.entities[mention.key] if mention is not None and mention.kind == "pronoun" else None
        if group is None or group.subtype != "ArmedGroup" or head.lemma_.lower() not in words()["members"] \
                or head.tag_ not in {"NNS", "NNPS"} or head.dep_ == "pobj":
            return None  # "several of its fighters": a part, left to the group
        label = f"{group.label} {head.text}"
        key = scoped_key(doc, "Person", label)
        ent = reg.entity(key, label, "Person")
        ent.described_by = ent.described_by or ("member of", group.key)
        return key, head.i, head.i + 1

    def _ties(self, doc: Doc, reg: Registry, at: dict[int, Mention], ent, start: int, head: Token) -> None:
        """Country or group of a participant from the words of its description ("US warplanes", "Hamas
        supporters"): the country is a tie of the node, a group makes people its members."""
        for tok in doc[start : head.i]:
            if tok.head.lower_ in MAKER_WORDS and tok.head.i < head.i:
                continue  # "US-made F-16s": where they were made, not whose they are
            country = self.lex.demonyms.get(tok.text) or self.lex.country_by_name.get(tok.text)
            mention = at.get(tok.i)
            if country is None and mention is not None:
                other = reg.entities[mention.key]
                if other.type == "Location" and other.subtype == "Country":
                    country = other.key
                elif other.type == "Organization" and ent.type == "Person" and head.lemma_.lower() in words()["members"] \
                        and not against_prefixed(doc, mention.start):
                    ent.described_by = ent.described_by or ("member of", other.key)
                    continue
            if country is None:
                continue
            if country not in reg.entities and country in self.lex.refs:
                reg.from_ref(self.lex.refs[country])
            ent.country = ent.country or country
