"""The heads of a verb's arguments: who did it (subject, through coordination, control, participles and
relative clauses), to whom (object, passive subject), and the verb's label with its particles. The clause
patterns (``clauses.py``) resolve these tokens to entities."""

from __future__ import annotations

from spacy.tokens import Token

from ..entities.participant_words import is_place_noun
from ..entities.arguments import included
from .args import is_relative_pronoun, relative_head
from .cues import cues
from .events import event_class
from .perpetrators import is_event_noun

VERBS = {"VERB", "AUX"}
PREPOSITION_PARTICLES = {"in", "on", "to", "at", "into"}  # "sent in troops": a preposition, not a phrasal verb's
AGENTIVE = {"Killing", "Attack", "Raid", "Capture", "Arrest", "Fight"}  # events a place cannot be the agent of
OBJECT_DEPS = {"dobj", "obj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
NOMINAL_DEPS = {"NOUN", "PROPN", "PRON", "NUM"}
BARE_VERB_DEPS = {"cc", "conj", "aux", "auxpass", "advmod", "neg", "punct", "nsubj", "mark"}
SENT_TO = {"Arrest", "Capture", "Killing", "Attack", "Raid", "Fight", "Surveillance", "Release", "Transfer"}  # what
# forces sent somewhere do themselves ("sent his guards to detain X"); other aims are the sender's ("to pile pressure")
GERUND_OBJECT_PREPS = {"of", "for"}  # "accused X of supplying", "arrested X for plotting": X does it


def verb_label(verb: Token) -> str:
    """Lemma plus particles: "beat back", "carry out", "hand over"."""
    parts = [verb.lemma_.lower()]
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ in {"advmod", "acomp", "oprd", "xcomp"} and child.lower_ in cues().particles
            and 0 < child.i - verb.i <= 2
        ):
            if child.dep_ == "prt" and child.lower_ in PREPOSITION_PARTICLES \
                    and any(c.dep_ == "pobj" for c in child.children):
                continue  # "sent in troops": the particle heads an object, not a phrasal verb ("handing over X" is)
            parts.append(child.lower_)
    return " ".join(parts)


def is_passive(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    if deps & PASSIVE_SUBJECT_DEPS or "auxpass" in deps:
        return True
    # a bare past participle modifying a noun or trailing a clause: "X, killed during a raid"
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "advcl"} and not deps & (SUBJECT_DEPS | {"aux"})


def _addressees(verb: Token) -> list[Token]:
    """Whom a request is made of: "called on France to restrain X", "appealed to the UN to ..."."""
    if cues().complement_modality.get(verb.lemma_.lower()) != "requested":
        return []
    return [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in {"on", "upon", "to"}
            for p in prep.children if p.dep_ == "pobj"]


def _participle_subject(root: Token) -> list[Token]:
    """A main verb without a subject after a participle that has one: "Mr Baran, apparently getting tough on
    smugglers, sent his guards ..." (the parser gives "Mr Baran" to "getting"): the participle's subject."""
    for clause in root.children:
        if clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i < root.i:
            subj = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < clause.i]
            if subj:
                return [subj[0]]
    return []


def _relative_before(verb: Token) -> Token | None:
    """The noun a relative clause right before a conjoined verb describes, when that clause's subject is its relative
    pronoun: "worry about a man who was detained in Peru and has admitted to ..." (the parser conjoins
    "confessed" with "expressed"): the man confessed."""
    cc = [c for c in verb.head.children if c.dep_ == "cc" and c.i == verb.left_edge.i - 1]
    if not cc or cc[0].i < 2:
        return None
    rel = cc[0].nbor(-1)
    while rel.dep_ != "relcl" and rel.head.i != rel.i and verb.head.i < rel.head.i < cc[0].i:
        rel = rel.head
    if rel.dep_ != "relcl" or rel.right_edge.i != cc[0].i - 1 or not verb.head.i < rel.head.i:
        return None
    if not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and is_relative_pronoun(c) for c in rel.children):
        return None
    return rel.head


def subject_heads(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the verb's subject, inherited through coordination, control and participles."""
    if depth > 4:
        return []
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subj:
        near = min(subj, key=lambda t: abs(t.i - verb.i))  # a dateline parsed as a second subject is farther
        if is_relative_pronoun(near):
            heads = relative_head(near, verb)
            if heads and _scene(heads[0]) is not None and event_class(verb.lemma_.lower()) in AGENTIVE:
                return [_scene(heads[0])]  # "a bombing at a military base that killed ...": the bombing did
            return _one_of(_event_agent(heads[0]) or heads[0], depth) if heads else []  # "Turkish air strikes that
        return [_event_agent(near) or near]  # drove out the rebels": Turkey
    head = verb.head
    if head.i == verb.i:
        return _participle_subject(verb)
    if verb.dep_ == "conj" and head.pos_ in VERBS:
        antecedent = _relative_before(verb)
        if antecedent is not None:
            return [antecedent]
        return subject_heads(head, depth + 1)
    if verb.dep_ == "xcomp" and head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in {"NOUN", "PROPN"} \
            and head.lemma_.lower() in cues().complement_modality:
        return [head.head]  # "a man believed to have trafficked X": the man
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
        patients = [c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]  # "X was captured fighting ..."
        return objects[:1] or patients[:1] or _addressees(head)[:1] or subject_heads(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
        return [head]  # "Kenyan guards trying to keep him in custody": the guards
    if is_purpose(verb):
        return _purpose_doers(verb, depth)
    participle = verb.tag_ == "VBG" or any(a.lower_ == "having" for a in verb.children)
    if verb.dep_ in {"advcl", "pcomp", "acl"} and participle:
        prep = None
        if head.dep_ == "prep" or (head.dep_ == "conj" and head.pos_ == "ADP"):
            prep = head
            while prep.dep_ == "conj" and prep.head.pos_ == "ADP":  # "of supplying ... and of helping ..."
                prep = prep.head
            head = prep.head
        if prep is not None and prep.lower_ in GERUND_OBJECT_PREPS and verb.dep_ == "pcomp" and head.tag_ != "VBG":
            doer = _gerund_doer(head)
            if doer is not None:
                return [doer]
        if prep is not None and prep.lower_ == "by" and verb.dep_ == "pcomp" and _charged(head):
            doer = _gerund_doer(head)  # "accused X of escalating violence by killing Y": how X did it, X kills
            if doer is not None:
                return [doer]
        if head.pos_ in VERBS:
            return _aim_owners(subject_heads(head, depth + 1)) if head.lemma_ == "be" else subject_heads(head, depth + 1)
    return []


def _charged(verb: Token) -> bool:
    """An accusation with its charge: "accused X of ...", "blamed X for ..."."""
    return event_class(verb.lemma_.lower()) == "Accusation" and any(
        c.dep_ == "prep" and c.lower_ in GERUND_OBJECT_PREPS for c in verb.children)


def _aim_owners(subjects: list[Token]) -> list[Token]:
    """"The FLN's focus is on attacking X": whose aim it is does it, not the aim."""
    if subjects and subjects[0].lemma_.lower() in cues().aim_nouns:
        return [c for c in subjects[0].children if c.dep_ == "poss"]
    return subjects


def is_purpose(verb: Token) -> bool:
    """An infinitive of purpose: "raided the village to arrest X", "in a bid to prevent X", "a drive to root
    out X" (on a verb, or on a purpose noun of ``purpose_nouns``)."""
    if verb.dep_ not in {"advcl", "acl"} or verb.tag_ != "VB" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    return head.pos_ == "VERB" if verb.dep_ == "advcl" else head.lemma_.lower() in cues().purpose_nouns


def _pressed(verb: Token) -> list[Token]:
    """Whom a verb puts pressure on: "pile pressure on Mr Baran (to detain X)" -> Baran."""
    return [p for obj in verb.children if obj.dep_ in OBJECT_DEPS and obj.lemma_.lower() in cues().pressure_nouns
            for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in {"on", "upon"}
            for p in prep.children if p.dep_ == "pobj"]


def purpose_modality(verb: Token) -> str | None:
    """What a purpose infinitive makes its event: asked of someone ("pressure on X to arrest Y"), what its purpose
    noun says ("a bid to" attempted, "a decision to" as done), else attempted."""
    if verb.dep_ == "acl":
        return cues().purpose_nouns.get(verb.head.lemma_.lower()) or None
    return "requested" if _pressed(verb.head) else "attempted"


def _purpose_doers(verb: Token, depth: int) -> list[Token]:
    """Who does what a purpose infinitive names: whom a sending verb sends ("sent his guards to detain X"), else
    the subject of the clause the purpose belongs to ("X shelled the depot to kill Y", "X spread out in a bid to")."""
    head = verb.head
    if verb.dep_ == "advcl":
        pressed = _pressed(head)
        if pressed:
            return pressed
        if head.lemma_.lower() in cues().sending_verbs and event_class(verb.lemma_.lower()) in SENT_TO:
            sent = [c for c in head.children if c.dep_ in OBJECT_DEPS]
            if sent:
                return sent[:1]
        return subject_heads(head, depth + 1)
    host = head.head  # the purpose noun's verb: "[fanned] in a bid", "[made] an attempt"
    if head.dep_ == "pobj" and host.dep_ == "prep" and host.lower_ in {"in", "with"}:
        host = host.head
    elif head.dep_ not in OBJECT_DEPS or host.lemma_.lower() not in cues().perpetration_verbs | {"make"}:
        return []  # "foiled a bid to ...": someone else's
    return subject_heads(host, depth + 1) if host.pos_ in VERBS else []


def _gerund_doer(head: Token) -> Token | None:
    """Who does an "of"/"for" gerund: the object of the verb ("accused X of ...", "arrested X for ..."),
    the subject of a passive ("X was accused of ..."), the noun a predicate adjective describes
    ("found X guilty of ...")."""
    if head.pos_ == "ADJ":
        subject = [c for c in head.children if c.dep_ in SUBJECT_DEPS]  # "found [X guilty] of"
        if subject:
            return subject[0]
        if head.dep_ == "amod" and head.head.pos_ in NOMINAL_DEPS:
            return head.head
        if head.dep_ in {"acomp", "oprd"}:
            head = head.head
        else:
            return None
    if head.pos_ not in VERBS:
        return None
    for dep in (OBJECT_DEPS, PASSIVE_SUBJECT_DEPS):
        found = [c for c in head.children if c.dep_ in dep]
        if found:
            return found[0]
    return None


def _scene(noun: Token) -> Token | None:
    """The event noun a place noun is the scene of ("a bombing at a military base" -> bombing), if any."""
    if not is_place_noun(noun) or noun.dep_ != "pobj" or noun.head.head.pos_ != "NOUN":
        return None
    event = noun.head.head
    return event if is_event_noun(event) else None


def _event_agent(noun: Token) -> Token | None:
    """The agent modifying an operation noun that stands as a subject: "A U.S. drone strike killed X" -> U.S."""
    if noun.lemma_.lower() not in cues().operation_nouns:
        return None
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"} and child.pos_ == "PROPN":
            return child
        if child.dep_ == "compound":  # "U.S. drone strike": U.S. modifies "drone"
            for grand in child.children:
                if grand.dep_ in {"compound", "amod", "nmod"} and grand.pos_ == "PROPN":
                    return grand
    return None


def _one_of(noun: Token, depth: int) -> list[Token]:
    """The subject of "X is one of the countries that ...": the copula's subject, else the noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        one = noun.head.head
        if one.dep_ == "attr" and one.head.pos_ in VERBS:
            return subject_heads(one.head, depth + 1) or [noun]
    return [noun]


def object_heads(verb: Token) -> list[Token]:
    """Heads of the direct object, with objects misattached as verb conjuncts and objects shared by coordination."""
    objs = []
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            objs += relative_head(c, verb) if is_relative_pronoun(c) else [c]
        elif c.dep_ == "prt" and c.lower_ not in PREPOSITION_PARTICLES:  # "handing over its last stronghold"
            objs += [p for p in c.children if p.dep_ == "pobj"]
    dative = [c for c in verb.children if c.dep_ == "dative"]
    if dative and (any(c.dep_ == "oprd" for c in verb.children) or _names_as(verb)):
        objs = dative  # "designated him a global terrorist": "him" is the object, the rest says what he is
    if not objs and verb.lemma_.lower() in cues().prevention_verbs:  # "to prevent any fighters (from) escaping"
        objs = [g for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.tag_ == "VBG"
                for g in c.children if g.dep_ == "nsubj"]
    if objs:
        objs += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in NOMINAL_DEPS and c.i > objs[0].i]
        return objs + [p for o in (verb, *objs) for p in included(o)]  # "attacked targets, including X and Y"
    # right-node raising: "detaining and extraditing one of his aides" (a phrase after the shared object, such as
    # "... in the past week", may hang on the first verb)
    later = [c.i for c in verb.conjuncts if c.i > verb.i]
    if any(c.dep_ not in BARE_VERB_DEPS and not (later and c.i > later[0]) for c in verb.children):
        return []
    for conj in verb.conjuncts:
        if conj.i > verb.i and conj.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            shared = [c for c in conj.children if c.dep_ in OBJECT_DEPS]
            if shared:
                return shared
    return []


def _names_as(verb: Token) -> bool:
    """A verb whose second object says what the first is ("named him leader", "designated him a terrorist")."""
    lemma = verb.lemma_.lower()
    return lemma in cues().naming_verbs or event_class(lemma) == "Designation"


def patient_heads(verb: Token) -> list[Token]:
    """Heads of what a passive verb happened to."""
    for c in verb.children:
        if c.dep_ in PASSIVE_SUBJECT_DEPS:
            return relative_head(c, verb) if is_relative_pronoun(c) else [c]
    if verb.dep_ == "acl":
        return [verb.head]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and is_passive(verb.head):
        return patient_heads(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return subject_heads(verb.head.head)  # "X shot him before being killed by Y": X was killed
    if verb.dep_ == "advcl" and verb.i >= 2 and verb.doc[verb.i - 1].lower_ == ",":
        return [verb.doc[verb.i - 2]]  # reduced relative after a comma: "X, killed during ..."
    return []


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]
