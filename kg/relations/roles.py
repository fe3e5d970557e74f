"""Roles and affiliations from noun phrases: who is whose leader, deputy, aide, wife, national.

A role noun (``roles`` in ``kg/lexicons/relations.yaml``) links its *holder*
to its *target*:

- holder by apposition: "Pantucci, a senior associate fellow at RUSI",
  "Daesh's founder Abu Bakr al-Baghdadi";
- holder by copula: "He was a deputy to X", "Jasim is one of the most senior
  Daesh leaders";
- holder as the mention the role noun heads: "al-Baghdadi's right-hand man"
  when the entity layer resolved that description to a person;
- target by possessive, modifier or preposition: "Daesh's founder", "Daesh
  leaders", "a deputy to X", "a fellow at RUSI", "the wife of X";
- nationality from a demonym: "an Iraqi national" -> national of Iraq; a person described with a
  demonym: "the Canadian hostage, Julie Tremblay" -> national of Canada;
- offices held for a country a demonym names: "Somali Information Minister X" -> minister of Somalia;
- holder by predicative complement: "X was considered a possible successor to Y".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from spacy.tokens import Token

from ..entities.lexicon import load as load_lexicon
from ..entities.mentions import plural_person
from ..entities.phrases import against_prefixed
from ..keys import entity_key
from .args import Arg, Mentions, is_relative_pronoun, relative_head, resolve, resolve_all
from .candidate import Candidate
from .cues import Role, cues
from .heads import _pobjs

APPOSITION, COPULA, DESCRIPTION, NAMED, CONJOINED = 0.85, 0.8, 0.75, 0.75, 0.6
PERSON_ONLY = {"Leadership", "Membership", "Affiliation", "Kinship", "Nationality"}
# what a role may point at: kin and associates are people; offices are held in groups and places
TARGET_TYPES = {
    "Kinship": {"Person"},
    "Association": {"Person", "Organization"},
    "Nationality": {"Location"},
    "Leadership": {"Organization", "Location"},
    "Membership": {"Organization"},
    "Affiliation": {"Organization"},
}
ORGANIZATION_PREPS = {"in", "within", "from"}  # "a commander in X" names a group, "in Syria" a place
PRONOUN_POSSESSIVES = {"his", "her", "its", "their", "my", "our", "your"}
MISATTACHED = 0.9  # an apposition read off the role's prepositional object rather than the role noun
KNOWN_BODY_ROLES = {"commissioner of"}  # roles whose title words often look like a body: only a known one counts
BODY_WORDS = {"police", "service", "force", "commission", "department", "agency", "office", "authority", "bureau",
              "ministry", "council", "organisation", "organization"}  # the last word of a body's own name
MAX_HANG = 4  # words above a noun where the parser may hang its own "in"/"from" phrase
QUANTIFIERS = {"one", "some", "many", "several", "most", "among", "all", "two", "three"}


def role_of(noun: Token) -> Role | None:
    """The role a noun names, matching multi-word roles on the words that end its phrase."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    roles = cues().roles
    single = roles.get(noun.lemma_.lower()) or roles.get(noun.lower_)
    joined = _hyphenated(noun)
    if joined != noun.lower_ and joined in roles:  # "brother-in-law", which the tokenizer splits at its hyphens
        return roles[joined]
    if noun.lower_ not in _multiword_ends():
        return single
    phrase = " " + noun.doc[noun.left_edge.i : noun.i + 1].text.lower()
    for name in _multiword():
        if phrase.endswith(" " + name):
            return roles[name]
    return single


def _hyphenated(noun: Token) -> str:
    """The hyphenated word a token starts ("brother" -> "brother-in-law"), lower-cased; the token itself if none."""
    doc, j = noun.doc, noun.i
    while j + 2 < len(doc) and doc[j].whitespace_ == "" and doc[j + 1].text == "-" and doc[j + 1].whitespace_ == "" \
            and doc[j + 2].is_alpha:
        j += 2
    return doc[noun.i : j + 1].text.lower()


@cache
def _multiword() -> tuple[str, ...]:
    return tuple(sorted((r for r in cues().roles if " " in r or "-" in r), key=len, reverse=True))


@cache
def _multiword_ends() -> frozenset[str]:
    """Last words of multi-word roles ("man" of "right-hand man"): only these need the phrase check."""
    return frozenset(name.replace("-", " ").split()[-1] for name in _multiword())


def _copula_subject(tok: Token) -> list[Token]:
    verb = tok.head
    if verb.lemma_ == "be" or verb.pos_ == "AUX":
        return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}][:1]
    return []


def _as_host(noun: Token) -> tuple[Token, list[Token]] | None:
    """(the noun, the holders) of "<noun>, with X as <role>": "the government, with X as Prime Minister" (the "as"
    phrase on the noun or on X)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "as":
        return None
    if prep.head.pos_ == "NOUN":
        return prep.head, [p for w in prep.head.children if w.dep_ == "prep" and w.lower_ == "with"
                           for p in w.children if p.dep_ == "pobj"]
    holder = prep.head
    if holder.dep_ == "pobj" and holder.head.lower_ == "with" and holder.head.head.pos_ == "NOUN":
        return holder.head.head, [holder]
    return None


def _run_into_name(pobj: Token, m: Mentions) -> Arg | None:
    """The place a role's object runs into a person's name with: "envoy for Somalia Jan Kowalski" (one noun
    phrase to the parser: the place is the role's object, the person its holder)."""
    if pobj.dep_ != "pobj" or pobj.pos_ != "PROPN":
        return None
    person = m.arg(pobj)
    if person is None or m.type(person.key) != "Person":
        return None
    for c in pobj.children:
        place = m.arg(c) if c.dep_ == "compound" and c.i < pobj.i else None
        if place is not None and place.key != person.key and m.type(place.key) == "Location":
            return place
    return None


def envoy_places(noun: Token, role: Role, m: Mentions) -> list[Arg]:
    """Where an envoy is sent: "ambassador to Kenya", "special envoy for Somalia" (no envoy of that place)."""
    if role.label.rsplit(" ", 1)[0] not in cues().envoy_roles:
        return []
    out = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "for"}:
            for pobj in prep.children:
                place = _run_into_name(pobj, m)
                found = [place] if place is not None else resolve_all([pobj], m) if pobj.dep_ == "pobj" else []
                out += [a for a in found if m.type(a.key) == "Location"]
            after = m.arg(prep.nbor(1)) if prep.i + 1 < len(prep.doc) and not list(prep.children) else None
            if after is not None and m.type(after.key) == "Location":  # "ambassador to Kenya Hassan Warsame",
                out.append(after)  # the place parsed into the name that follows
    return out


def holder_heads(noun: Token, m: Mentions) -> list[tuple[Token, float]]:
    """Who holds the role the noun names, with the pattern's strength."""
    out: list[tuple[Token, float]] = []
    span = m.span(noun)
    if span is not None and span.root.i == noun.i:
        out.append((noun, DESCRIPTION))
    if noun.dep_ == "appos":
        out.append((noun.head, APPOSITION))
    if noun.dep_ == "compound" and noun.head.pos_ == "PROPN" and noun.head.i > noun.i:
        out.append((noun.head, APPOSITION))  # "the group's founder Hafiz Saeed": the name the role noun precedes
    out += [(c, APPOSITION) for c in noun.children if c.dep_ == "appos"]
    for prep in noun.children:  # "the EU's envoy to Somalia, Anna Lind": the apposition the parser hung on
        if prep.dep_ == "prep":  # the role's own object, when that object is a place or a group
            for pobj in prep.children:
                late = [c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                named = m.arg(pobj) if pobj.dep_ == "pobj" else None
                if late and named is not None and m.type(named.key) in {"Location", "Organization"}:
                    out += [(c, APPOSITION * MISATTACHED) for c in late]
                if _run_into_name(pobj, m) is not None:  # "envoy for Somalia Jan Kowalski": the parser
                    out.append((pobj, APPOSITION * MISATTACHED))  # took the name for the role's object
    if noun.dep_ == "attr":
        out += [(s, COPULA) for s in _copula_subject(noun)]
    if noun.dep_ == "oprd":  # "X was considered a successor to Y", "they named X deputy to Y"
        verb = noun.head
        deps = ({"nsubjpass"}, {"dobj", "dative"}, {"nsubj"})
        for dep in deps:
            found = [c for c in verb.children if c.dep_ in dep]
            if found:
                out.append((found[0], COPULA))
                break
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTIFIERS:
        quant = noun.head.head  # "one of the most senior Daesh leaders"
        if quant.dep_ == "attr":
            out += [(s, COPULA) for s in _copula_subject(quant)]
        elif quant.dep_ == "appos":
            out.append((quant.head, APPOSITION))
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in cues().naming_verbs:
        verb = noun.head.head  # "whom officials described as the group's leader", "X was identified as its leader"
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                heads = relative_head(child, verb) if is_relative_pronoun(child) else [child]
                out += [(h, NAMED) for h in heads]
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head  # "X served as the group's spokesman", "X rose as a lieutenant of Y"
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                heads = relative_head(child, verb) if is_relative_pronoun(child) else [child]
                out += [(h, NAMED) for h in heads]
    hosted = _as_host(noun)
    if hosted is not None:  # "the new cabinet, with Farid Osmani as Prime Minister": who comes "with" it
        out += [(p, NAMED) for p in hosted[1]]
    if noun.dep_ == "conj" and not out:
        first = noun
        while first.dep_ == "conj":
            first = first.head
        if first.pos_ in {"NOUN", "PROPN"}:
            out += [(t, s * 0.8) for t, s in holder_heads(first, m)]
        else:  # a role noun misattached to a verb: climb to the clause that has a subject
            clause = first
            for _ in range(3):
                subj = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subj:
                    out += [(subj[0], CONJOINED)]
                    break
                if clause.head.i == clause.i:
                    break
                clause = clause.head
    return out


def _country(word: str, m: Mentions) -> str | None:
    """The key of the country a demonym names, if that country is an entity of the article."""
    name = cues().demonyms.get(word.lower())
    if name is None:
        return None
    for key, ent in m.entities.items():
        if ent.type == "Location" and (ent.label == name or name in ent.aliases):
            return key
    key = entity_key("Location", name)
    return key if key in m.entities else None


def _authority(country: str, m: Mentions) -> str:
    """The key of the body a national leader of ``country`` leads, when the article names it; else the country."""
    name = load_lexicon().authorities.get(country)
    if name is None:
        return country
    return next((k for k, e in m.entities.items() if e.label == name or name in e.aliases), country)


def target_args(noun: Token, role: Role, m: Mentions) -> list[Arg]:
    """Whom or what the role is held for."""
    c = cues()
    out: list[Arg] = []
    own_words = set(role.label.split()[:-1])  # "Interior" of "interior minister" is the office, not its target
    for child in noun.children:
        if child.lower_ in own_words:
            continue
        if role.cls == "Nationality":
            if child.dep_ in {"amod", "compound", "nmod"}:
                key = _country(child.text, m)
                if key:
                    out.append(Arg(key, child, 0.9))
            continue
        if child.dep_ == "poss" or (child.dep_ in {"compound", "amod", "nmod"} and child.i < noun.i):
            arg = m.arg(child)
            span = m.span(child)
            if arg is not None and role.cls == "Support" and child.dep_ != "poss" and m.type(arg.key) != "Person":
                continue  # "Taliban protectors", "Hamas loyalists": the group's own, who back someone else
            if arg is not None and not against_prefixed(noun.doc, span.start if span is not None else child.i):
                out.append(arg)
        elif child.dep_ == "prep" and child.lower_ in c.role_preps:
            args = resolve_all([p for p in child.children if p.dep_ == "pobj"], m)
            if child.lower_ in ORGANIZATION_PREPS or (child.lower_ in {"to", "for"} and role.label.rsplit(" ", 1)[0] in c.envoy_roles):
                args = [a for a in args if m.type(a.key) == "Organization"]  # "envoy to Somalia": sent there
            out += args
    if role.cls == "Membership" and noun.tag_ == "NNS":  # "the arrest of militants [in the group Hamas]": the
        after = noun.right_edge.i + 1  # parser hangs the group on a word above the noun
        hosts = [a for _, a in zip(range(MAX_HANG), noun.ancestors)]
        for prep in [c for h in hosts for c in h.children if c.i == after]:
            if prep.dep_ == "prep" and prep.lower_ in ORGANIZATION_PREPS:
                out += [a for a in resolve_all(_pobjs(prep), m) if m.type(a.key) == "Organization"]
    if role.label.rsplit(" ", 1)[0] in c.office_roles:  # "Somali Information Minister X", "an Iraqi official"
        for child in noun.children:
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < noun.i and m.arg(child) is None:
                key = _country(child.text, m)
                if key:
                    out.append(Arg(key, child, 0.9))
    if role.label.rsplit(" ", 1)[0] in c.national_roles:  # "Armenian leader Aram Sarkis"
        j = noun.i - 1
        while j >= 0 and noun.doc[j].lower_ in c.national_role_modifiers:
            j -= 1
        before = noun.doc[j] if j >= 0 else None
        named = m.arg(before) if before is not None and before.head.i == noun.i else None
        key = _country(before.text, m) if before is not None and before.head.i == noun.i and named is None else None
        if key:
            out.append(Arg(_authority(key, m), before, 0.9))
        elif named is not None and m.type(named.key) == "Organization":  # the demonym named the authority
            out.append(named._replace(weight=0.9))
    hosted = _as_host(noun)
    if hosted is not None:  # what the role is held in: the government itself, else whose government it is
        host = hosted[0]
        out += resolve_all([host], m) or resolve_all([p for p in host.children if p.dep_ == "poss"], m)
    allowed = TARGET_TYPES.get(role.cls)
    if role.label.rsplit(" ", 1)[0] in c.speaking_roles:  # "Mr Osmani's spokesman, Yusuf": speaks for a person too
        allowed = (allowed or set()) | {"Person"}
    if role.label.rsplit(" ", 1)[0] in c.office_roles | c.national_roles:
        allowed = (allowed or set()) | {"Location"}  # "US peace envoy X": an office held for a country
    return [a for a in out if allowed is None or m.type(a.key) in allowed]


LED_THROUGH_PRONOUNS = {"ArmedGroup", "Government"}  # subtypes whose "his <group>" is led by him


def possessed_groups(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """A person's organisation: "Mr Baran's Unity movement", "Assad's army", "the warlord's al-Shabaab network", "his
    al-Shabaab fighters" (a pronoun only for an armed group or its fighters) -> the person leads it."""
    for noun in sent:
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ == "compound":
            continue
        group = m.arg(noun) or resolve(noun, m)  # "Al Qaeda network": the group through its group noun
        if group is None:
            continue
        ent = m.entities[group.key]
        named = ent.type == "Organization" and (_named_group(ent.label) or ent.subtype == "ArmedGroup")  # "al-Qaeda"
        fighters = ent.type == "Person" and plural_person(ent) and ent.described_by is not None \
            and ent.described_by[0] == "member of"  # "Aden Farah's al-Shabaab fighters"
        if not named and not fighters:
            continue  # "Baran's Unity movement", not "Baran's two helicopters"
        for child in noun.children:
            if child.dep_ != "poss":
                continue
            if child.lower_ in PRONOUN_POSSESSIVES and not (fighters or ent.subtype in LED_THROUGH_PRONOUNS):
                continue  # "his al-Shabaab fighters", "his self-rule regional Authority"; not "his Liberal Party"
            owner = m.arg(child)
            if owner is not None and owner.key != group.key and m.type(owner.key) == "Person":
                yield Candidate(owner, "leader of", group, noun, "Leadership", DESCRIPTION, "role")


def _named_group(label: str) -> bool:
    first = label.split()[0]
    return label[:1].isupper() and not first.replace(",", "").isdigit()


def demonym_nationalities(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Nationality of a person a demonym describes: "the Canadian hostage, Julie Tremblay" -> national of Canada."""
    c_ = cues()
    for noun in sent:
        role = role_of(noun) if noun.pos_ == "NOUN" else None
        if noun.pos_ != "NOUN" or (role is not None and (role.cls == "Nationality" or role.label.rsplit(" ", 1)[0]
                                                          in c_.office_roles | c_.national_roles)):
            continue  # an office held for the country ("Iraqi official"), not a nationality; "a senior Afghan
            # commander" is an Afghan national
        countries = [k for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < noun.i
                     and m.arg(c) is None for k in [_country(c.text, m)] if k]
        if not countries:
            continue
        holder = resolve(noun, m)
        if holder is None or m.type(holder.key) != "Person":
            continue
        for key in countries:
            yield Candidate(holder, "national of", Arg(key, noun, 0.9), noun, "Nationality", DESCRIPTION, "role")


MEMBER_WORDS = {"member", "ally"}  # "NATO members France, Turkey and Italy", "EU member Spain"


def member_compounds(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """"NATO members France, Turkey and Italy": each named one is a member of the organisation before the noun."""
    for noun in sent:
        if noun.lemma_.lower() not in MEMBER_WORDS:
            continue
        if noun.dep_ == "compound" and noun.head.pos_ == "PROPN":
            named = [noun.head]  # "NATO members France, ..."
        else:
            named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]  # the parser's other reading
        groups = [m.arg(c) for c in noun.children if c.dep_ in {"compound", "poss"}]
        groups = [g for g in groups if g is not None and m.type(g.key) == "Organization"]
        members = resolve_all([t for n in named for t in (n, *n.conjuncts)], m)
        for g in groups:
            for member in members:
                if member.key != g.key:
                    yield Candidate(member, "member of", g, noun, "Membership", DESCRIPTION, "role")


def _body(ent) -> bool:
    """A body an office is held in: a known one (subtype) or one its name says is a body ("... Police")."""
    return ent.subtype is not None or ent.label.split()[-1].lower() in BODY_WORDS


def role_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Role, affiliation, kinship and nationality triples of a sentence."""
    yield from demonym_nationalities(sent, m)
    yield from possessed_groups(sent, m)
    yield from member_compounds(sent, m)
    for noun in sent:
        role = role_of(noun)
        if role is None:
            continue
        targets = target_args(noun, role, m)
        sent_to = envoy_places(noun, role, m)
        if not targets and not sent_to:
            continue
        for head, strength in holder_heads(noun, m):
            holder = m.arg(head) if head.i == noun.i else resolve(head, m)
            if holder is None:
                continue
            htype = m.type(holder.key)
            if htype == "Location" or (role.cls in PERSON_ONLY and htype != "Person"):
                continue
            for t in targets:
                if t.key == holder.key or (role.label in KNOWN_BODY_ROLES and not _body(m.entities[t.key])):
                    continue  # "Royal Commissioner X", "the Federal Privacy Commissioner": titles, not bodies
                yield Candidate(holder, role.label, t, noun, role.cls, strength, "role")
            if htype == "Person":
                for place in sent_to:
                    yield Candidate(holder, f"{role.label.rsplit(' ', 1)[0]} to", place, noun, "Affiliation", strength,
                                    "role")
