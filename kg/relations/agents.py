"""Agents of events a clause does not name in its subject: passive agents, the forces of an operation a
casualty happened in, what happened "when" it did, the reporting force or judge, the country of an arrest.

- a "by" agent, an agent inside an operation noun ("in a joint operation by X and Y", "during a U.S. raid") or a
  helper ("with help from X");
- the reporting security force as the agent of an agentless arrest ("Police said he was detained"), else the
  country it happened in ("was arrested in Spain"; not a city);
- casualties of what happened "when" or "as" (or, for an attack, "after") something else did ("12 people were
  killed when Turkish jets struck lorries", "the farmers died when drones fired");
- a casualty with no agent after an attack told the sentence before ("They fired shells at a depot ... But three
  guards were wounded").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..entities.participant_words import is_weapon
from .args import Arg, Mentions, resolve_all
from .cues import cues
from .events import event_class
from .heads import SUBJECT_DEPS, _pobjs, is_passive, subject_heads
from .light import light_verb
from .perpetrators import event_noun, is_event_noun, noun_agents

HARM = {"Killing", "Attack"}
ROLE_CLASSES = {"Membership", "Leadership", "Association", "Affiliation", "Kinship", "Nationality"}  # nouns of people
AGENT_PREPS = {"in", "during", "under", "after", "through", "amid", "with"}
# pattern strengths of these agents (documented in kg.relations.confidence)
PASSIVE_BY, OPERATION_BY, OPERATION_MOD, HELPER, EVENT_AGENT = 0.85, 0.75, 0.7, 0.7, 0.7
REPORTED_JUDGE = 0.9  # evidence weight of the article's one judge as the agent of an agentless sentence


def agent_heads(verb: Token, m: Mentions) -> Iterator[tuple[Token, str, float]]:
    """(head, label prefix, strength) of each agent of a passive verb."""
    c = cues()
    by_preps = [ch for ch in verb.children if ch.dep_ == "agent" or (ch.dep_ == "prep" and ch.lower_ == "by")]
    for oprd in verb.children:  # "was designated a global terrorist by the United States"
        if oprd.dep_ in {"oprd", "attr", "xcomp"}:
            by_preps += [ch for ch in oprd.children if ch.dep_ in {"agent", "prep"} and ch.lower_ == "by"]
    for child in by_preps:
        for pobj in _pobjs(child):
            if pobj.tag_ != "VBG":
                yield pobj, "", PASSIVE_BY
            operation = _lasting(pobj)  # "by (weeks of) heavy Russian shelling": who shelled; not "by the FLN
            cls = event_class(operation.lemma_.lower(), "NOUN")  # militants", people a role noun names
            if operation.lemma_.lower() in c.operation_nouns or (cls is not None and cls not in ROLE_CLASSES):
                yield from _operation_modifiers(operation, m)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in AGENT_PREPS:
            for noun in _pobjs(child):
                lemma = noun.lemma_.lower()
                if lemma in c.help_nouns and child.lower_ == "with":
                    for prep in noun.children:
                        if prep.dep_ == "prep" and prep.lower_ in {"from", "of", "by"}:
                            for pobj in _pobjs(prep):
                                yield pobj, lemma, HELPER
                elif lemma in c.operation_nouns or event_class(lemma, "NOUN"):
                    yield from _operation_modifiers(noun, m)


def _operation_modifiers(noun: Token, m: Mentions) -> Iterator[tuple[Token, str, float]]:
    """Agents an operation noun names: "by X" after it, or a group or country modifying it ("US air strikes")."""
    for sub in noun.children:
        if sub.dep_ == "prep" and sub.lower_ == "by":
            for pobj in _pobjs(sub):
                yield pobj, "", OPERATION_BY
        elif sub.dep_ in {"compound", "amod", "nmod", "poss"}:
            arg = m.arg(sub)
            if arg is not None and m.type(arg.key) != "Person" and not _site(arg, m):  # not "the Gaza strikes"
                yield sub, "", OPERATION_MOD


def _lasting(noun: Token) -> Token:
    """The event a span of time is made of: "weeks of heavy bombing" -> bombing (else the noun itself)."""
    if noun.ent_type_ in {"DATE", "TIME"} or noun.lemma_.lower() in {"day", "week", "month", "year", "hour", "night"}:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((p for p in prep.children if p.dep_ == "pobj"), noun)
    return noun


def _site(arg: Arg, m: Mentions) -> bool:
    """A place below a country ("Gaza", "Kabul"): where an operation happened, not who carried it out."""
    ent = m.entities[arg.key]
    return ent.type == "Location" and ent.subtype not in {None, "Country"}


def reporting_force(verb: Token, m: Mentions) -> list[Arg]:
    """The security force that reports an agentless arrest as its own: "Police said he was detained" -> police."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in cues().speech_verbs:
        return []
    speakers = resolve_all([ch for ch in head.children if ch.dep_ in SUBJECT_DEPS], m)
    return [a for a in speakers if m.entities[a.key].subtype == "SecurityForce"]


def the_judge(verb: Token, m: Mentions) -> list[Arg]:
    """The one judge the article names ("trial judge Justice Anne Whitlock"), as the agent of a sentence."""
    judges = [k for k, e in m.entities.items()
              if e.type == "Person" and {r.lower() for r in e.roles} & cues().judge_titles]
    return [Arg(judges[0], verb, REPORTED_JUDGE)] if len(judges) == 1 else []


def arresting_country(verb: Token, m: Mentions) -> list[Arg]:
    """The country an agentless arrest happened in ("was arrested in Spain"); a city or region says nothing."""
    out = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            out += [a for a in resolve_all(_pobjs(prep), m) if m.entities[a.key].subtype == "Country"]
    return out


def helping_party(agent: Token, m: Mentions) -> Arg | None:
    """Who helped an agent: "local forces helped by the U.S.-led coalition", "Iraqi forces, backed by X"."""
    for acl in agent.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in cues().control_verbs | {"back", "support"}:
            for by in acl.children:
                if by.dep_ == "agent":
                    found = resolve_all(_pobjs(by), m)
                    if found:
                        return found[0]
    return None


def operation_agents(verb: Token, m: Mentions) -> list[Arg]:
    """Agents of the operation a passive event happened in, found beyond its own phrase ("in the strike")."""
    out: list[Arg] = []
    # the phrase may close the coordination: "Three were killed and more than 40 injured in the drone strikes"
    later = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i]
    hosts = [verb, *later, *(a for c in later for a in c.children if a.dep_ in {"acl", "conj"} and a.pos_ == "VERB")]
    for prep in (p for h in hosts for p in h.children):
        if prep.dep_ == "prep" and prep.lower_ in AGENT_PREPS:
            for noun in _pobjs(prep):
                if is_event_noun(noun):
                    out += [a for a in noun_agents(noun, m) if a.key not in {o.key for o in out}]
    return out


def when_agents(verb: Token, m: Mentions) -> list[Arg]:
    """Who did what a casualty came of: "were killed when Turkish jets struck ..." -> Turkish jets."""
    out: list[Arg] = []
    casualty = verb.lemma_.lower() in cues().harm_verbs
    later = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and c.pos_ == "VERB"]
    for clause in [*verb.children, *(a for c in later for a in c.children)]:  # "... were killed and 15 others
        # wounded when an Su-24 dropped a bomb": the clause closing the coordination is each verb's
        if clause.dep_ != "advcl" or clause.pos_ != "VERB" or is_passive(clause):
            continue
        cls = event_class(clause.lemma_.lower()) or (light_verb(clause) or ("", None))[1]
        markers = {c.lower_ for c in clause.children if c.dep_ in {"advmod", "mark", "prep"}}
        if casualty and markers & {"when", "as"}:  # "killed when a bomb dropped by an Su-24 landed ...": the Su-24
            out += _weapon_users(clause, m)
        # "after" is only causal for casualties of an attack ("were hurt after a gunman opened fire"); else
        # it may be what the event answered ("was shelled after a crowd beat two guards")
        if cls == "Fight" and any(c.dep_ == "prep" and c.lower_ == "with" for c in clause.children):
            continue  # "hurt when the guards scuffled with strikers": either side may have done it
        if (cls in HARM | {"Raid", "Fight"} and markers & {"when", "as"}) or (casualty and cls == "Attack" and "after" in markers):
            out += [a for a in resolve_all(subject_heads(clause), m) if m.type(a.key) != "Location"]
    return out


def previous_attackers(verb: Token, m: Mentions) -> list[Arg]:
    """The forces that carried out the attack the sentence before tells, when a casualty has no agent of its own
    and its own sentence tells of no other event: "Cobra helicopters fired shells at a border depot. Three
    guards were wounded." (the helicopters)."""
    sent = verb.sent
    if sent.start == 0 or any(t.pos_ == "VERB" and t.i != verb.i and event_class(t.lemma_.lower()) is not None
                              and t not in verb.conjuncts for t in sent):
        return []
    before = verb.doc[sent.start - 1].sent
    for tok in reversed(list(before)):
        if tok.pos_ == "VERB" and event_class(tok.lemma_.lower()) == "Attack" and not is_passive(tok):
            found = [a for a in resolve_all(subject_heads(tok), m) if m.type(a.key) == "Organization"]
            if found:
                return found
    return []


def _weapon_users(clause: Token, m: Mentions) -> list[Arg]:
    """Who used the weapon a clause is about: "a bomb dropped by a Russian Su-24" -> the Su-24."""
    out: list[Arg] = []
    for weapon in subject_heads(clause):
        if not is_weapon(weapon):
            continue
        users = [p for ch in [*clause.children, *weapon.children] if ch.dep_ in {"agent", "acl"}
                 for p in ([ch] if ch.dep_ == "acl" else _pobjs(ch))]
        for user in users:
            if user.dep_ == "acl":  # "a bomb, dropped by X, landed"
                users += [p for ch in user.children if ch.dep_ == "agent" for p in _pobjs(ch)]
        out += [a for a in resolve_all([u for u in users if u.dep_ != "acl"], m) if m.type(a.key) != "Location"]
    return out


def event_subjects(heads: list[Token], m: Mentions) -> list[Arg]:
    """The perpetrators of the event nouns standing as a clause's subject."""
    out: list[Arg] = []
    for head in heads:
        noun = event_noun(head)
        if noun is not None:
            out += [a._replace(weight=a.weight * EVENT_AGENT) for a in noun_agents(noun, m)]
    return out
