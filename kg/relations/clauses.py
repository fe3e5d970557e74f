"""Clause patterns: who did what to whom, read off a verb's dependents.

The ``*_heads`` helpers of ``heads.py`` return syntactic heads (tokens); :func:`clause_triples`
resolves them to entities and yields :class:`Candidate` triples:

- active subject-verb-object, with coordinated subjects, objects and verbs
  ("detaining and extraditing one of his aides" -> two events);
- passives, with the agents ``agents.py`` finds: a "by" agent, an agent inside an operation noun ("in a joint
  operation by X and Y", "during a U.S. raid"), a helper ("with help from X"), what happened "when" ...;
- control and causative verbs ("X helped Y capture Z" -> X "help capture" Z and
  Y "capture" Z);
- relative clauses ("groups who are fighting X"), participial and gerund
  clauses that share the main clause's subject ("by detaining ...");
- prepositional targets ("fought against X", "operations against X");
- destinations of transfers without an agent ("X was flown to Iraq", "handed over to the FBI");
- the object of a verb with an object predicate ("designated him a terrorist");
- being somewhere ("X had been hiding in Y");
- ties of one group to another ("which is linked to al-Qaeda", "an al-Qaeda-linked group");
- partners after "with" ("negotiated with the group");
- the perpetrator of an event noun as a subject or passive agent ("a bombing ... that killed X" claimed
  by Y; "killed in the strike" after "a U.S. strike"; see ``perpetrators``), and the subject of a
  perpetration verb over an event noun's patient ("approved his extradition");
- the object of a verb as the subject of its "of"/"for" gerund ("accused X of supplying Y");
- answers to another party's proposal ("rejected a truce offer by three factions"), requests over an event
  noun ("would seek his extradition"), partners "alongside" ("searching the valleys alongside militias") and
  where a transfer sends its forces ("sent troops to border posts").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .agents import (HARM, OPERATION_MOD, arresting_country, event_subjects, helping_party, operation_agents,
                     previous_attackers, reporting_force, the_judge, when_agents, agent_heads)
from .args import Arg, Mentions, resolve_all
from .candidate import Candidate
from .cues import cues
from .events import event_class
from .judgements import JUDGING  # verbs that judge an act someone else did ("condemned the attack on X")
from .light import counted, light_target_preps, light_verb
from ..entities.arguments import (destinations, partner_preps, proposal_makers, search_targets, verb_preps,
                                     whereabouts_subjects)
from .heads import (OBJECT_DEPS, SUBJECT_DEPS, VERBS, _pobjs, is_passive, object_heads, patient_heads, subject_heads,
                    verb_label)
from ..entities.mentions import plural_person
from .nominal import participants
from .perpetrators import is_event_noun, noun_patients
from .scenes import REFLEXIVES

CAPTIVE_EVENTS = {"Capture", "Arrest"}  # "X was taken to Y": X is the one taken
DESTINATION_TYPES = {"Location", "Organization"}  # "flown to Iraq", "handed over to the Counter Terrorism Department"

# pattern strengths (documented in kg.relations.confidence)
ACTIVE = 0.85
CONTROL, EMBEDDED, SHARED, PREP_TARGET, DESTINATION, LOCATED = 0.8, 0.8, 0.75, 0.65, 0.6, 0.55
PREVIOUS_ATTACK = 0.6  # the forces of the attack told the sentence before, for a casualty with no agent
REPORTED = 0.6  # the reporting security force as the agent of an agentless arrest
ARRESTED_IN = 0.5  # the country an agentless arrest happened in
AFFILIATION, PERPETRATION = 0.8, 0.65


def _label(prefix: str, label: str) -> str:
    return f"{prefix} {label}" if prefix else label


def _pairs(subjects: list[Arg], objects: list[Arg]) -> Iterator[tuple[Arg, Arg]]:
    for s in subjects:
        for o in objects:
            if s.key != o.key:
                yield s, o


def _prep_targets(verb: Token, m: Mentions) -> Iterator[tuple[str, Arg]]:
    """("against", X) for "fought against X"; (noun, X) for "conducted operations against X"."""
    c = cues()
    attack = event_class(verb.lemma_.lower()) == "Attack"
    if event_class(verb.lemma_.lower()) == "Surveillance":  # "scouring the hills for X", "hunting for X"
        for arg in resolve_all(search_targets(verb), m):
            yield "for", arg
    for child in verb.children:
        if child.dep_ == "prep" and (child.lower_ in c.target_preps or (child.lower_ == "into" and attack)
                                     or (child.lower_ == "with" and verb.lemma_.lower() in c.with_verbs)):
            for arg in resolve_all(_pobjs(child), m):
                yield child.lower_, arg
    light = light_verb(verb)
    for child in verb.children:
        if child.dep_ not in OBJECT_DEPS:
            continue
        obj = counted(child)
        noun = obj.lemma_.lower()
        if light is not None and " " in light[0]:  # "cut its ties with X": the light verb's own label
            extra = light_target_preps(light[0])  # "keep the peace in Juba"
            on_noun, on_verb = c.target_preps | {"with"} | extra, {"with"} | extra  # "undertaken training with X":
            for prep in [*obj.children, *verb.children]:  # a "with" phrase the parser hung on the verb
                if prep.dep_ == "prep" and prep.lower_ in (on_noun if prep.head.i == obj.i else on_verb):
                    for arg in resolve_all(_pobjs(prep), m):
                        yield f"{light[0]} {prep.lower_}", arg
        elif (noun in c.operation_nouns or event_class(noun, "NOUN")) and (
                verb.lemma_.lower() in c.perpetration_verbs or verb.lower_ in c.perpetration_verbs
                or event_class(verb.lemma_.lower()) not in JUDGING | {None}):  # not "condemned the attack on X"
            # "conducted operations against X", "stepped up raids on X"; not "provoking raids against X"
            aspect = f"{verb_label(verb)} " if verb.lemma_.lower() in c.aspect_verbs else ""  # "step up raid on"
            for prep in [*obj.children, *(child.children if obj is not child else ())]:  # "a series of raids on X"
                if prep.dep_ == "prep" and prep.lower_ in c.target_preps:
                    for arg in resolve_all(_pobjs(prep), m):
                        yield f"{aspect}{obj.lemma_.lower()} {prep.lower_}", arg


def _fought_with(verb: Token, label: str, subjects: list[Arg], m: Mentions) -> Iterator[Candidate]:
    """"a Belgian man said to be fighting with al-Shabaab": one person fighting "with" an armed group is
    on its side (two forces fighting with each other are not: "troops fought with gunmen")."""
    people = [s for s in subjects if m.type(s.key) == "Person" and not plural_person(m.entities[s.key])]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            groups = [a for a in resolve_all(_pobjs(prep), m) if m.entities[a.key].subtype == "ArmedGroup"]
            for s, o in _pairs(people, groups):
                yield Candidate(s, f"{label} with", o, verb, None, PREP_TARGET, "alongside")


def _taken_from(verb: Token, m: Mentions) -> Iterator[Arg]:
    """Whom a place or thing was captured from: "captured two hilltops from rebel fighters" (not "seized
    him from his home")."""
    objects = object_heads(verb)
    if any(m.type(a.key) == "Person" for a in resolve_all(objects, m)):
        return
    for child in [*verb.children, *(ch for o in objects for ch in o.children)]:
        if child.dep_ == "prep" and child.lower_ == "from":
            yield from (a for a in resolve_all(_pobjs(child), m) if m.type(a.key) != "Location")


def _rewarded(verb: Token, m: Mentions) -> Iterator[Arg]:
    """Whom a reward is offered for: "offered $5 million for information on Y", "a bounty on Y"."""
    c = cues()
    if verb.lemma_.lower() not in c.reward_verbs:
        return
    for obj in verb.children:
        if obj.dep_ not in OBJECT_DEPS or not (obj.ent_type_ == "MONEY" or obj.lemma_.lower() in c.reward_nouns):
            continue
        preps = [p for p in list(verb.children) + list(obj.subtree) if p.dep_ == "prep" and p.lower_ in {"for", "on"}]
        for prep in preps:
            for pobj in _pobjs(prep):
                direct = resolve_all([pobj], m)
                if direct:
                    yield from direct
                elif pobj.lemma_.lower() in c.information_nouns:
                    for sub in pobj.children:
                        if sub.dep_ == "prep" and sub.lower_ in {"on", "about", "of", "to", "regarding"}:
                            yield from resolve_all(_pobjs(sub), m)
                        elif sub.dep_ == "acl":  # "information leading to the arrest of Y"
                            for p2 in sub.children:
                                if p2.dep_ == "prep":
                                    for n in _pobjs(p2):
                                        for p3 in n.children:
                                            if p3.dep_ == "prep" and p3.lower_ == "of":
                                                yield from resolve_all(_pobjs(p3), m)
                                            elif p3.dep_ == "poss":  # "leading to his capture"
                                                yield from resolve_all([p3], m)


def _located(verb: Token, m: Mentions) -> Iterator[Candidate]:
    """X "be in" / "hide out in" a place; X "travel to" / "flee to" a place."""
    if any(c.dep_ in {"attr", "acomp", "dobj"} for c in verb.children):
        return
    preps = {"in", "inside"} | (cues().movement_preps if verb.lemma_.lower() in cues().movement_verbs else set())
    subjects = resolve_all(whereabouts_subjects(verb), m)  # "rebel fighters trapped in the area of Koh Sabz"
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        host = verb.head  # "the Koh Sabz complex in northern Mali, where ...": the complex, not the region
        if host.dep_ == "pobj" and host.head.lower_ == "in" and host.head.head.pos_ in {"NOUN", "PROPN"} and any(
                m.type(a.key) == "Location" for a in resolve_all([host.head.head], m)):
            host = host.head.head
        places = [a for a in resolve_all([host], m) if m.type(a.key) == "Location"]  # "the mountain complex,
        for s, o in _pairs(subjects, places):  # where the warlord's fighters have been hiding"
            if m.type(s.key) != "Location":
                yield Candidate(s, f"{verb_label(verb)} in", o, verb, None, LOCATED, "located")
    for prep in verb_preps(verb):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            places = [a for a in resolve_all(_pobjs(prep), m) if m.type(a.key) == "Location"]
            for s, o in _pairs(subjects, places):
                if m.type(s.key) != "Location":
                    yield Candidate(s, f"{verb_label(verb)} {prep.lower_}", o, verb, None, LOCATED, "located")


def _affiliations(verb: Token, m: Mentions) -> Iterator[Candidate]:
    """Group ties: "X, which is linked to Y" / "X is affiliated with Y" -> X "link to" Y;
    "an al-Qaeda-linked group" -> the group "link to" al-Qaeda."""
    c = cues()
    lemma = verb.lemma_.lower()
    if verb.dep_ == "amod" and verb.tag_ == "VBN":  # "the al-Qaeda-linked group"
        holders = resolve_all([verb.head], m)
        partners = resolve_all([ch for ch in verb.children if ch.dep_ in {"npadvmod", "compound", "nmod"}], m)
        prep = "with" if lemma == "ally" else "to"
        for s, o in _pairs(holders, partners):
            yield Candidate(s, f"{lemma} {prep}", o, verb, "Association", AFFILIATION, "affiliation")
        return
    if not is_passive(verb):
        return
    holders = resolve_all(patient_heads(verb), m)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in c.affiliation_preps:
            for s, o in _pairs(holders, resolve_all(_pobjs(prep), m)):
                yield Candidate(s, f"{lemma} {prep.lower_}", o, verb, "Association", AFFILIATION, "affiliation")


def _requests(verb: Token, m: Mentions) -> Iterator[Candidate]:
    """A request over an event noun: "Washington would seek his extradition" -> "seek extradition", no event class
    (nothing happened yet)."""
    subjects = resolve_all(subject_heads(verb), m)
    for noun, o in _perpetrated(verb, m, cues().request_verbs):
        for s, _ in _pairs(subjects, [o]):
            yield Candidate(s, f"{verb_label(verb)} {noun.lemma_.lower()}", o, verb, None, PERPETRATION, "request")
    if verb.lemma_.lower() not in cues().request_for_verbs:
        return
    for prep in verb.children:  # "called for more bomb attacks against Kenya" -> "call for attack"
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for noun in _pobjs(prep):
            if is_event_noun(noun):
                for s, o in _pairs(subjects, participants(noun, m)[1] or noun_patients(noun, m)):
                    yield Candidate(s, f"{verb.lemma_.lower()} for {noun.lemma_.lower()}", o, verb, None,
                                    PERPETRATION, "request")


def _responses(verb: Token, m: Mentions) -> Iterator[Candidate]:
    """An answer to another party's proposal: "Colombia rejected a truce offer by three factions" -> Colombia "reject
    offer" factions; "accepted the Taliban's offer" -> "accept offer" Taliban."""
    subjects = resolve_all(subject_heads(verb), m)
    for obj in verb.children:
        if obj.dep_ not in OBJECT_DEPS:
            continue
        makers = resolve_all(proposal_makers(obj), m)
        for s, o in _pairs(subjects, makers):
            yield Candidate(s, f"{verb_label(verb)} {obj.lemma_.lower()}", o, verb, None, PERPETRATION, "response")
        # whoever answers the offer is whom it was made to: "a ceasefire offer by X" -> X "make ceasefire offer to"
        noun = next((t for t in obj.children if t.dep_ == "acl" and t.lemma_.lower() in cues().proposal_nouns), obj)
        if noun.lemma_.lower() not in cues().offer_nouns:
            continue
        words = [t.lower_ for t in obj.lefts if t.dep_ == "compound"] + [obj.lemma_.lower()]
        words += [noun.lemma_.lower()] if noun is not obj else []
        for o, s in _pairs(makers, subjects):
            anchor = noun if noun is not obj else o.token  # not the rejected object itself: the offer was made
            yield Candidate(o, f"make {' '.join(words)} to", s, anchor, None, PERPETRATION, "proposal")


def _perpetrated(verb: Token, m: Mentions, verbs: frozenset[str] | None = None) -> Iterator[tuple[Token, Arg]]:
    """(event noun, patient) of a perpetration verb's object: "ordered the arrest of X", "approved his extradition"."""
    if verb.lemma_.lower() not in (verbs if verbs is not None else cues().perpetration_verbs):
        return
    aspect = verb.lemma_.lower() in cues().aspect_verbs
    for obj in verb.children:
        if obj.dep_ in OBJECT_DEPS and is_event_noun(obj):
            owners = {c.i for c in obj.children if c.dep_ == "poss"}
            if aspect and owners:
                continue  # "stop its assassinations": its own, and whom they target is not said
            for arg in noun_patients(obj, m):
                yield obj, arg


def _kin_of(verb: Token, m: Mentions) -> Iterator[tuple[str, Arg]]:
    """(noun, person) of an object that is someone's kin as a group: "the family of X", "his relatives"."""
    for obj in verb.children:
        if obj.dep_ not in OBJECT_DEPS or obj.lemma_.lower() not in cues().kin_groups:
            continue
        owners = [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in _pobjs(prep)]
        owners += [c for c in obj.children if c.dep_ == "poss"]
        for arg in resolve_all(owners, m):
            if m.type(arg.key) == "Person":
                yield obj.lower_, arg


def _on_behalf_of(verb: Token, m: Mentions) -> Iterator[Arg]:
    """For whom the subject acted: "plotting an attack on behalf of X" (the phrase on the verb or its object)."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    for prep in [c for t in [verb, *objects] for c in t.children]:
        if prep.dep_ == "prep" and prep.lower_ in {"on", "in"}:
            for noun in _pobjs(prep):
                if noun.lemma_.lower() in cues().behalf_nouns:
                    for of in noun.children:
                        if of.dep_ == "prep" and of.lower_ == "of":
                            yield from resolve_all(_pobjs(of), m)


def _sworn_to(verb: Token, m: Mentions) -> Iterator[Arg]:
    """To whom loyalty was sworn: "had sworn allegiance to X", "pledged loyalty to X"."""
    for obj in verb.children:
        if obj.dep_ in OBJECT_DEPS and obj.lemma_.lower() in cues().allegiance_nouns:
            for prep in list(obj.children) + list(verb.children):
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    yield from resolve_all(_pobjs(prep), m)


def _controller(verb: Token) -> Token | None:
    """The control verb governing this one: "helped Y capture", "helped Y track and capture"."""
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
    if verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() in cues().control_verbs:
        return verb.head
    return None


def _dealt_with(verb: Token) -> bool:
    """An active "dealt with X": negotiating or dealing with someone, unlike "it is dealt with by X" or "deal a blow"."""
    return verb.lemma_.lower() in cues().with_verbs and not is_passive(verb) and any(
        p.dep_ == "prep" and p.lower_ == "with" and _pobjs(p) for p in verb.children)


def _aspect_of_event(verb: Token) -> bool:
    """An aspect verb that takes an event noun: "will continue its attacks on X", "decided to stop bombings"."""
    return verb.lemma_.lower() in cues().aspect_verbs and any(
        o.dep_ in OBJECT_DEPS and is_event_noun(counted(o)) for o in verb.children)


def clause_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Every verb-centred triple of a sentence."""
    c = cues()
    for verb in sent:
        if verb.pos_ not in VERBS:
            continue
        lemma = verb.lemma_.lower()
        if lemma in c.location_verbs or lemma in c.movement_verbs:
            yield from _located(verb, m)
        if verb.pos_ == "VERB" and (lemma in c.request_verbs or lemma in c.request_for_verbs):
            yield from _requests(verb, m)
        if verb.pos_ == "VERB" and lemma in c.response_verbs:
            yield from _responses(verb, m)
        if verb.pos_ == "VERB" and lemma in c.death_verbs:  # "the farmers died when drones fired on a lorry"
            for s, o in _pairs(when_agents(verb, m), resolve_all(subject_heads(verb), m)):
                yield Candidate(s, "kill", o, verb, "Killing", OPERATION_MOD, "when-agent")
        if verb.pos_ != "VERB" or lemma in c.speech_verbs:
            continue
        light = light_verb(verb)
        if lemma in c.non_event_verbs and light is None and not _aspect_of_event(verb) and not _dealt_with(verb):
            continue  # "gave Israel a deadline" is an event for all that "give" is not; "stop attacks on X" too
        label, event = light or (verb_label(verb), event_class(lemma))
        if lemma in c.affiliation_verbs:
            yield from _affiliations(verb, m)
        if is_passive(verb):
            patients = resolve_all(patient_heads(verb), m)
            found_agent = False
            for head, prefix, strength in agent_heads(verb, m):
                for agent in resolve_all([head], m):
                    for s, o in _pairs([agent], patients):
                        found_agent = True
                        helper = None if prefix else helping_party(head, m)
                        yield Candidate(s, _label(prefix, label), o, verb, event, strength, "passive", helper)
            if not found_agent and event is not None:  # "killed in the strike": whoever carried out the strike
                for s, o in _pairs(operation_agents(verb, m), patients):
                    found_agent = True
                    yield Candidate(s, label, o, verb, event, OPERATION_MOD, "operation-agent")
            if not found_agent and event in HARM:  # "12 people were killed when Turkish jets struck lorries"
                for s, o in _pairs(when_agents(verb, m), patients):
                    found_agent = True
                    yield Candidate(s, label, o, verb, event, OPERATION_MOD, "when-agent")
            if not found_agent and event in HARM and lemma in c.harm_verbs:  # "They fired shells at a depot ...
                for s, o in _pairs(previous_attackers(verb, m), patients):  # But three guards were wounded"
                    found_agent = True
                    yield Candidate(s, label, o, verb, event, PREVIOUS_ATTACK, "previous-attack")
            if not found_agent and lemma in c.court_verbs:  # "X was sentenced to life": the article's judge
                for s, o in _pairs(the_judge(verb, m), patients):
                    found_agent = True
                    yield Candidate(s, label, o, verb, event, REPORTED, "judge")
            if not found_agent and (event == "Arrest" or event == "Charge") and lemma in c.judicial_verbs:
                forces = reporting_force(verb, m)
                for s, o in _pairs(forces, patients):
                    yield Candidate(s, label, o, verb, event, REPORTED, "reported-agent")
                if not forces:  # "Sidorenko was arrested in Spain": the country's authorities did it
                    for s, o in _pairs(arresting_country(verb, m), patients):
                        yield Candidate(s, label, o, verb, event, ARRESTED_IN, "arrest-country")
            if not found_agent and lemma in c.destination_verbs:
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"to", "into"}:
                        places = [a for a in resolve_all(_pobjs(prep), m) if m.type(a.key) in DESTINATION_TYPES]
                        moved = "Transfer" if event in CAPTIVE_EVENTS else event  # the captive is moved, not capturing
                        for s, o in _pairs(patients, places):
                            yield Candidate(s, f"{label} to", o, verb, moved, DESTINATION, "destination")
            continue
        controller = _controller(verb)
        objects = resolve_all([o for o in object_heads(verb) if o.lower_ not in REFLEXIVES], m)  # "blew himself up
        # at a market": the act of the subject alone, whatever "himself" was resolved to; its target follows
        if not objects and light is not None:  # "gave Israel a 48-hour deadline": the dative undergoes it
            objects = resolve_all([c for c in verb.children if c.dep_ == "dative"], m)
        own_subject = any(ch.dep_ in SUBJECT_DEPS for ch in verb.children)
        subject_toks = subject_heads(verb)
        bosses = resolve_all(subject_heads(controller), m) if controller is not None else []
        if controller is None or not set(subject_toks) <= set(subject_heads(controller)):
            subjects = resolve_all(subject_toks, m)
            if not subjects and event is not None:  # "a bombing ... that killed X", claimed by Y
                subjects = event_subjects(subject_toks, m)
                own_subject = own_subject and not subjects
            if event is not None and event != "Transfer" and lemma in c.destination_verbs:  # "handing over Kidal
                recipients = [a for a in resolve_all(destinations(verb), m) if m.type(a.key) != "Location"]  # to clan
                for s, o in _pairs([a for a in subjects if m.type(a.key) != "Location"], recipients):  # leaders"
                    yield Candidate(s, f"{label} to", o, verb, event, DESTINATION, "recipient")
            if event == "Transfer":  # "sent troops to Malian border posts", "moved back into a district of X"
                places = [a for a in resolve_all(destinations(verb), m) if m.type(a.key) == "Location"]
                for s, o in _pairs([a for a in subjects if m.type(a.key) != "Location"], places):
                    yield Candidate(s, f"{label} to", o, verb, event, DESTINATION, "destination")
            if event is not None or lemma in c.with_verbs:  # "searching the valleys alongside local militias"
                for prep in partner_preps(verb):
                    partners = resolve_all(_pobjs(prep), m)
                    for s, o in _pairs(subjects, partners):
                        yield Candidate(s, f"{label} {prep.lower_}", o, verb, None, PREP_TARGET, "partner")
                    for s, o in _pairs([p for p in partners if m.type(p.key) != "Location"], objects):
                        yield Candidate(s, label, o, verb, event, PREP_TARGET, "partner-act")  # the partner does it too
            if event == "Fight":  # one man "fighting with al-Shabaab" fights in its ranks, not against it
                yield from _fought_with(verb, label, subjects, m)
            if event == "Capture":
                for s, o in _pairs(subjects, list(_taken_from(verb, m))):
                    yield Candidate(s, f"{label} from", o, verb, event, PREP_TARGET, "taken-from")
            strength = EMBEDDED if controller is not None else ACTIVE if own_subject else SHARED
            for s, o in _pairs(subjects, objects):
                helper = next((b for b in bosses if b.key not in {s.key, o.key}), None) or helping_party(s.token, m)
                yield Candidate(s, label, o, verb, event, strength, "active", helper)
            if not objects:
                for o in _rewarded(verb, m):
                    for s, _ in _pairs(subjects, [o]):
                        yield Candidate(s, f"{label} reward for", o, verb, "Reward", PREP_TARGET, "reward")
                for noun, o in _perpetrated(verb, m):
                    for s, _ in _pairs(subjects, [o]):
                        yield Candidate(s, f"{label} {noun.lemma_.lower()}", o, verb,
                                        event_class(noun.lemma_.lower(), "NOUN"), PERPETRATION, "perpetration")
                for noun, o in _kin_of(verb, m):  # "interviewed the family of a Belgian man"
                    for s, _ in _pairs(subjects, [o]):
                        yield Candidate(s, f"{label} {noun} of", o, verb, event, PREP_TARGET, "kin")
                for o in _on_behalf_of(verb, m):
                    for s, _ in _pairs(subjects, [o]):
                        yield Candidate(s, f"{label} on behalf of", o, verb, None, PERPETRATION, "behalf")
                for o in _sworn_to(verb, m):
                    for s, _ in _pairs(subjects, [o]):
                        yield Candidate(s, f"{label} allegiance to", o, verb, "Membership", PERPETRATION, "allegiance")
                for prep, o in _prep_targets(verb, m):
                    for s, _ in _pairs(subjects, [o]):
                        noun_event = event_class(prep.split()[-2], "NOUN") if " " in prep else None  # "stop bombing against": bombing
                        pred = prep if " " in prep else f"{label} {prep}"
                        yield Candidate(s, pred, o, verb, noun_event or event, PREP_TARGET, "prep-target")
        if controller is not None:
            if verb.dep_ == "ccomp" and own_subject:  # "X helped Y capture Z": X help Y
                helped = resolve_all([ch for ch in verb.children if ch.dep_ in SUBJECT_DEPS], m)
                clabel = controller.lemma_.lower()
                for s, o in _pairs(bosses, helped):
                    yield Candidate(s, clabel, o, controller, event_class(clabel), CONTROL, "control-object")
            clabel = controller.lemma_.lower()
            for s, o in _pairs(bosses, objects):
                yield Candidate(s, f"{clabel} {label}", o, verb, event or event_class(clabel), CONTROL, "control")
            shared = set(subject_toks) <= set(subject_heads(controller))  # the doer is the controller's own subject
            for prep, o in _prep_targets(verb, m) if shared and not objects else ():  # "helped keep the peace in Juba"
                pred = prep if " " in prep else f"{label} {prep}"
                for s, _ in _pairs(bosses, [o]):
                    yield Candidate(s, f"{clabel} {pred}", o, verb, event or event_class(clabel), CONTROL, "control")

