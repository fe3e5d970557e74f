"""Who carried out an event named by a noun, when the clause around it does not say.

- the noun's own agent: a modifier or possessor that is a group or a country ("a U.S. drone strike",
  "Daesh's attack"; not "the Mumbai attacks"), or "by X" ("the bombing by X");
- a perpetration frame: "X claimed responsibility for the bombing", "X carried out the attack",
  "X ordered the raid" -> X;
- a definite noun repeating an earlier one of the same kind: "killed in the strike" after "A U.S. drone
  strike killed ..." -> the U.S. (event coreference by lemma).

:func:`event_noun` finds the event noun a clause argument stands for ("a bombing at a base that killed X":
the relative clause hangs on "base", the event is "bombing"). Used by the clause patterns for subjects
and passive agents that name an event rather than an entity.
"""

from __future__ import annotations

from spacy.tokens import Token

from .args import Arg, Mentions, resolve_all
from .cues import cues
from .events import event_class

AGENT_DEPS = {"compound", "amod", "nmod", "poss"}
DEFINITE = {"the", "this", "that"}
ANAPHORA = 0.9  # weight factor of an agent found through an earlier mention of the same event
LOOKBACK_CLASSES = {"Attack", "Raid"}  # classes whose definite nouns ("the strikes") refer to the last such event
LOOKBACK_SENTENCES = 2
SAME_NOUN_SENTENCES = 5  # "The hunt for X ..." four sentences later "the hunt": the same hunt


def is_event_noun(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in cues().operation_nouns or event_class(lemma, "NOUN") is not None)


def event_noun(tok: Token) -> Token | None:
    """The event noun a head stands for: itself, or the event its prepositional phrase sits in."""
    if is_event_noun(tok):
        return tok
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in {"at", "in", "on", "near", "against"}:
        host = tok.head.head
        if is_event_noun(host):
            return host
    return None


def can_act(arg: Arg, m: Mentions) -> bool:
    """A modifier that can carry out an event: a group or a country ("a U.S. raid"), not a person (who undergoes
    "the Jasim capture") nor a city or region (where it happened: "the Mumbai attacks")."""
    ent = m.entities[arg.key]
    return ent.type == "Organization" or (ent.type == "Location" and ent.subtype == "Country")


def _own_agents(noun: Token, m: Mentions) -> list[Arg]:
    """Agents the noun phrase names itself: non-person modifiers and possessors, and "by X"."""
    out: list[Arg] = []
    for child in noun.children:
        if child.dep_ in AGENT_DEPS:
            arg = m.arg(child)
            if arg is None and child.dep_ == "compound":  # "U.S. drone strike": U.S. modifies "drone"
                arg = next((m.arg(g) for g in child.children if g.dep_ in AGENT_DEPS and m.arg(g)), None)
            if arg is not None and can_act(arg, m):
                out.append(arg)
        elif child.dep_ == "prep" and child.lower_ == "by":
            out += resolve_all([p for p in child.children if p.dep_ == "pobj"], m)
        elif child.dep_ == "prep" and child.lower_ == "with" and event_class(noun.lemma_.lower(), "NOUN") == "Fight":
            # "killed in a gunfight with Kenyan troops": the other side did the killing
            out += [a for a in resolve_all([p for p in child.children if p.dep_ == "pobj"], m) if can_act(a, m)]
    return out


def _frame_agents(noun: Token, m: Mentions) -> list[Arg]:
    """The subject of a perpetration verb the noun is the object of ("X carried out the attack",
    "X claimed responsibility for the bombing")."""
    from .heads import subject_heads  # heads uses this module for its subjects

    c = cues()
    verb = None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in c.quantity_nouns:
        noun = noun.head.head  # "X launched a series of strikes"
    if noun.dep_ in {"dobj", "obj"}:
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in c.responsibility_nouns:
        verb = noun.head.head.head
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in c.perpetration_verbs:
        return []
    if any(ch.dep_ in {"nsubjpass", "auxpass"} for ch in verb.children):
        return []
    return resolve_all(subject_heads(verb), m)


def _earlier(noun: Token, m: Mentions) -> list[Arg]:
    """The agents of the closest earlier mention of the same event noun that names its agents; failing that,
    of the closest event of the same class in the sentences just before ("Turkish F-4s bombed Afrin ...
    Three people were killed in the raids")."""
    if not any(ch.dep_ == "det" and ch.lower_ in DEFINITE for ch in noun.children):
        return []
    lemma = noun.lemma_.lower()
    for tok in reversed(noun.doc[: noun.i]):
        if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma:
            found = _own_agents(tok, m) or _frame_agents(tok, m)
            if found:
                return [a._replace(token=noun, weight=a.weight * ANAPHORA) for a in found]
    found = _same_class_before(noun, m)
    return [a._replace(token=noun, weight=a.weight * ANAPHORA * ANAPHORA) for a in found]


def _same_class_before(noun: Token, m: Mentions) -> list[Arg]:
    """Agents (groups or countries) of the closest earlier event of the noun's class within
    ``LOOKBACK_SENTENCES`` sentences: an event noun naming them, or an active verb's subject."""
    from .heads import is_passive, subject_heads  # heads uses this module for its subjects

    cls = event_class(noun.lemma_.lower(), "NOUN")
    if cls not in LOOKBACK_CLASSES:
        return []
    for tok in reversed(noun.doc[_lookback_start(noun): noun.i]):
        if tok.pos_ == "NOUN" and event_class(tok.lemma_.lower(), "NOUN") == cls:
            found = _own_agents(tok, m) or _frame_agents(tok, m)
        elif tok.pos_ == "VERB" and event_class(tok.lemma_.lower()) == cls and not is_passive(tok):
            found = resolve_all(subject_heads(tok), m)
        else:
            continue
        found = [a for a in found if can_act(a, m)]
        if found:
            return found
    return []


def noun_patients(noun: Token, m: Mentions) -> list[Arg]:
    """Whom the event the noun names happened to: "the arrest of X", "his extradition"; for a definite noun that
    says neither, whom the closest earlier event of its class happened to ("police tried to put X under house
    arrest ... Y ordered the arrest")."""
    own = _own_patients(noun, m)
    if own or not any(ch.dep_ == "det" and ch.lower_ in DEFINITE for ch in noun.children):
        return own
    from .heads import is_passive, object_heads, patient_heads  # heads uses this module for its subjects
    from .light import light_verb

    lemma = noun.lemma_.lower()
    for tok in reversed(noun.doc[_lookback_start(noun, SAME_NOUN_SENTENCES): noun.i]):  # "The hunt for X ... the hunt"
        found = _own_patients(tok, m) if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma else []
        if found:
            return [a._replace(token=noun, weight=a.weight * ANAPHORA) for a in found]
    cls = event_class(lemma, "NOUN")
    for tok in reversed(noun.doc[_lookback_start(noun): noun.i]):
        if tok.pos_ == "NOUN" and event_class(tok.lemma_.lower(), "NOUN") == cls:
            found = _own_patients(tok, m)
        elif tok.pos_ == "VERB" and cls in {event_class(tok.lemma_.lower()), (light_verb(tok) or ("", None))[1]}:
            found = resolve_all(patient_heads(tok) if is_passive(tok) else object_heads(tok), m)
        else:
            continue
        if found:
            return [a._replace(token=noun, weight=a.weight * ANAPHORA * ANAPHORA) for a in found]
    return []


def _own_patients(noun: Token, m: Mentions) -> list[Arg]:
    preps = {"of", "for"} if event_class(noun.lemma_.lower(), "NOUN") == "Surveillance" else {"of"}  # "the hunt for X"
    of = [p for ch in noun.children if ch.dep_ == "prep" and ch.lower_ in preps for p in ch.children if p.dep_ == "pobj"]
    if of:
        return resolve_all(of, m)
    return resolve_all([ch for ch in noun.children if ch.dep_ == "poss"], m)


def _lookback_start(tok: Token, sentences: int = LOOKBACK_SENTENCES) -> int:
    """The first token of the sentence ``sentences`` before the token's."""
    first = tok.sent.start
    for _ in range(sentences):
        if first == 0:
            break
        first = tok.doc[first - 1].sent.start
    return first


def _air_force(noun: Token, m: Mentions) -> list[Arg]:
    """"Three Kurds were killed in the air raids": a definite air attack nothing else names the agent of is
    by the article's aircraft, when they are of one force (see ``kg.entities.participants``)."""
    if not any(ch.dep_ == "det" and ch.lower_ in DEFINITE for ch in noun.children):
        return []
    lemma = noun.lemma_.lower()
    forms = {lemma, *(f"{c.lower_} {lemma}" for c in noun.children if c.dep_ in {"compound", "amod"})}
    if not forms & cues().air_attack_nouns:
        return []
    fleet = {key for key in noun.doc.user_data.get("kg_aircraft", {}).values() if key in m.entities}
    return [Arg(fleet.pop(), noun, ANAPHORA * ANAPHORA)] if len(fleet) == 1 else []


def noun_agents(noun: Token, m: Mentions) -> list[Arg]:
    """Who carried out the event the noun names; empty when nothing says."""
    return _own_agents(noun, m) or _frame_agents(noun, m) or _earlier(noun, m) or _air_force(noun, m)
