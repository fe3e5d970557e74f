"""Nominal events: an event noun with its participants.

- "the capture of X by Y", "a U.S. raid on X", "Daesh's attack on X"
  -> Y capture X, U.S. raid X, Daesh attack X;
- the charge a person is judged for: "X was sentenced for the kidnapping and murder of Y", "charged X with
  the killing of Y" -> X abduction Y, X murder Y (the grounds of a charge, an arrest, a conviction);
- frames that make a clause's subject a participant: "X played a key role in
  the death of Y" -> X "role in death" Y; "X was key to Y's capture" -> X
  "key to capture" Y; "X contributed to the arrest of Y".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Arg, Mentions, resolve, resolve_all
from .candidate import Candidate
from .heads import is_passive, object_heads, patient_heads, subject_heads, verb_label
from .cues import cues
from .events import event_class

SEQUEL_VERBS = {"come", "follow"}  # "the detention comes after / follows an inquiry by X"
SEQUEL = 0.9  # weight of a patient read off the event that followed
BLAME_FRAMES = {"behind", "responsible for", "guilty of"}  # "X was behind the attacks", "X is guilty of murder"
MAX_BLAME_CLIMB = 6  # from the event noun up to the verb of saying

PATIENT_PREPS = {"of", "on", "against", "upon"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}

JUDGING = {"Charge", "Arrest", "Accusation"}  # verbs whose "for"/"of"/"with" phrase says what the person did
GROUNDS_PREPS = {"for", "of", "with", "over"}
GUILTY = {"guilty", "convicted", "accused", "suspected"}  # "found guilty of", "suspected of"
NOMINAL, FRAME, GROUNDS, BETWEEN = 0.7, 0.7, 0.65, 0.6


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def participants(noun: Token, m: Mentions) -> tuple[list[Arg], list[Arg]]:
    """(agents, patients) of an event noun from its modifiers and prepositions."""
    agents: list[Arg] = []
    patients: list[Arg] = []
    poss: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in PATIENT_PREPS:
            patients += resolve_all(_pobjs(child), m)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents += resolve_all(_pobjs(child), m)
        elif child.dep_ == "poss":
            poss.append(child)
        elif child.dep_ in MODIFIER_DEPS:
            arg = m.arg(child)
            if arg is not None and m.type(arg.key) != "Person":
                agents.append(arg)
    if poss:
        # "Jasim's capture": the possessor undergoes it, unless a patient is named ("Daesh's attack on X")
        (agents if patients else patients).extend(resolve_all(poss, m))
    return agents, patients


def _frame_subjects(noun: Token) -> tuple[list[Token], str] | None:
    """The clause subject and frame label when the event noun sits in a participation frame."""
    c = cues()
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    frame = prep.head
    lemma = frame.lemma_.lower()
    if lemma == "be" and prep.lower_ in c.frame_adjectives:  # "the warlord was behind the raids on X"
        return subject_heads(frame), prep.lower_
    if lemma in c.frame_nouns and frame.dep_ in {"dobj", "attr"}:
        return subject_heads(frame.head), f"{lemma} {prep.lower_}"
    if lemma in c.frame_adjectives and frame.dep_ in {"acomp", "attr", "amod"}:
        return subject_heads(frame.head), f"{lemma} {prep.lower_}"
    if frame.lemma_.lower() in c.frame_verbs and frame.pos_ == "VERB":
        return subject_heads(frame), f"{lemma} {prep.lower_}"
    if lemma in c.frame_nouns and frame.dep_ == "pobj":  # "... with a role in ..."
        return None
    if prep.head.pos_ == "VERB":  # the noun's own clause: "played a key role in the death", prep on the verb
        role = [ch for ch in frame.children if ch.dep_ in {"dobj", "attr"} and ch.lemma_.lower() in c.frame_nouns]
        if role:
            return subject_heads(frame), f"{role[0].lemma_.lower()} {prep.lower_}"
    return None


def _judged(noun: Token) -> list[Token]:
    """Who is charged with, arrested for or found guilty of the event noun: "X was sentenced for the murder"."""
    while noun.dep_ == "conj":  # "for the kidnapping and murder of Y"
        noun = noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in GROUNDS_PREPS:
        return []
    verb = prep.head
    owners = [c for c in verb.children if c.dep_ == "poss"] if verb.pos_ == "NOUN" else []
    if owners and event_class(verb.lemma_.lower(), "NOUN") in JUDGING:
        return owners  # "Dawson's earlier conviction for the abduction of a boy": the possessor was judged
    if verb.lower_ in GUILTY:  # "found him guilty of", "was found guilty of"
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        if own or verb.head.pos_ not in {"VERB", "AUX"}:
            return own
        verb = verb.head
        return patient_heads(verb) if is_passive(verb) else subject_heads(verb)
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.head.pos_ == "VERB":
        verb = verb.head.head  # "sentenced to life in prison for the killing"
    if verb.pos_ != "VERB" or event_class(verb.lemma_.lower()) not in JUDGING:
        return []
    return patient_heads(verb) if is_passive(verb) else object_heads(verb)


def _shared_patients(noun: Token, m: Mentions) -> list[Arg]:
    """The patients of a noun, or of the conjunct it shares them with: "the kidnapping and murder of Y"."""
    patients = participants(noun, m)[1]
    if patients:
        return patients
    for conj in noun.conjuncts:
        if event_class(conj.lemma_.lower(), "NOUN") is not None:
            return participants(conj, m)[1]
    return []


def _mutual_noun(prep: Token) -> Token | None:
    """The noun of a shared relation a "between" phrase names the sides of: on the noun ("talks between"), or on
    the verb the noun is the subject of ("tensions erupted between")."""
    host = prep.head
    if mutual_lemma(host) is not None:
        return host
    if host.pos_ in {"VERB", "AUX"}:
        for subj in host.children:
            if subj.dep_ in {"nsubj", "nsubjpass"} and mutual_lemma(subj) is not None:
                return subj
    return None


def mutual_lemma(tok: Token) -> str | None:
    """The mutual-relation noun a token is ("tensions", "stand-off", "Fighting" as a subject), else None."""
    mutual = cues().mutual_nouns
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and f"{doc[tok.i - 2].lower_}-{tok.lower_}" in mutual:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    nominal = tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"})
    for form in (tok.lemma_.lower(), tok.lower_):
        if nominal and form in mutual:
            return form
    return None


def _sides(prep: Token, m: Mentions) -> tuple[Arg, Arg] | None:
    """"between X and Y": X from the phrase's object, Y from the mention right after its last "and" (the parser
    often hangs Y somewhere inside X's phrase)."""
    first = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if first is None:
        return None
    x = resolve(first, m)
    ands = [t for t in prep.subtree if t.lower_ == "and" and t.i > first.i]
    if x is None or not ands:
        return None
    nxt = ands[-1].i + 1
    doc = prep.doc
    while nxt < len(doc) and doc[nxt].pos_ == "DET":
        nxt += 1
    end = max(t.i for t in prep.subtree) + 1
    spans = (m.span(doc[i]) for i in range(nxt, end))
    span = next((sp for sp in spans if sp is not None), None)  # "and Greek Prime Minister Nikos Aris"
    y = resolve(span.root, m) if span is not None and (span.start == nxt or doc[nxt] in span.root.subtree) else None
    return (x, y) if y is not None and y.key != x.key else None


def _unrealised(noun: Token) -> bool:
    """"close to a confrontation between X and Y", "the risk of war between": a relation that has not come about."""
    tok = noun
    for _ in range(5):  # "close as they have ever been to open war": five words up
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        said = [tok, *(c for c in tok.children if c.dep_ in {"acomp", "attr"})]  # "they are close as they have been to"
        if any(t.lemma_.lower() in cues().unrealised_heads for t in said):
            return True
    return False


def between_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """"clashes broke out between Sudan and Chad", "a stand-off between X and Y": X "<noun> with" Y."""
    for prep in sent:
        if prep.dep_ != "prep" or prep.lower_ != "between":
            continue
        noun = _mutual_noun(prep)
        sides = _sides(prep, m) if noun is not None and not _unrealised(noun) else None
        if sides is None:
            continue
        lemma = mutual_lemma(noun)
        cls = cues().mutual_nouns[lemma] or None
        yield Candidate(sides[0], f"{lemma} with", sides[1], noun, cls, BETWEEN, "between")


def _link_holders(noun: Token) -> list[Token]:
    """Who has the links a link noun names: its possessor ("his links to X"), the subject of "have" ("X has
    links to Y"), or whom an arrest or a charge was "on suspicion of" them ("X was arrested on suspicion of links
    to Y")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    head = noun.head
    if noun.dep_ in {"dobj", "obj"} and head.lemma_.lower() in {"have", "maintain", "keep"}:
        return subject_heads(head)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in cues().suspicion_nouns:
        suspicion = head.head
        if suspicion.dep_ == "pobj" and suspicion.head.dep_ == "prep" and suspicion.head.head.pos_ == "VERB":
            verb = suspicion.head.head
            return patient_heads(verb) if is_passive(verb) else object_heads(verb)
    return []


def link_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """"X was arrested on suspicion of links to Y", "his ties with Y", "X has links to Y" -> X "link to" Y
    (an association; suspected when an arrest was on suspicion of it)."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues().link_nouns:
            continue
        partners = [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in {"to", "with"}
                    for p in prep.children if p.dep_ == "pobj"]
        if not partners:
            continue
        for s in resolve_all(_link_holders(noun), m):
            for o in resolve_all(partners, m):
                if s.key != o.key and m.type(o.key) == "Organization":
                    yield Candidate(s, "link to", o, noun, "Association", GROUNDS, "link")


def _blamed(noun: Token, culprits: list[Arg], m: Mentions) -> Iterator[Candidate]:
    """Who says the culprits were behind the event accuses them: "Nigeria says a recording proves the warlord
    was behind the raids" -> Nigeria "accuse" the warlord."""
    tok = noun
    for _ in range(MAX_BLAME_CLIMB):
        head = tok.head
        if head.i == tok.i:
            return
        if head.pos_ == "VERB" and head.lemma_.lower() in cues().speech_verbs and tok.dep_ in {"ccomp", "parataxis"}:
            for speaker in resolve_all(subject_heads(head), m):
                for culprit in culprits:
                    if speaker.key != culprit.key:
                        yield Candidate(speaker, "accuse", culprit, head, "Accusation", FRAME, "blame")
            return
        tok = head


def _sequel_patients(noun: Token, m: Mentions) -> list[Arg]:
    """Whom the event that came "after" this one happened to: "The detention comes after a year-long inquiry by
    Interpol" -> the detained; the earlier event is the one that led to it."""
    from .perpetrators import noun_patients  # perpetrators uses this module's neighbours

    prep, verb = noun.head, noun.head.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"after", "following"} or verb.lemma_.lower() not in SEQUEL_VERBS:
        return []
    later = [s for s in verb.children if s.dep_ == "nsubj" and s.pos_ == "NOUN"
             and event_class(s.lemma_.lower(), "NOUN") is not None]
    return [a._replace(weight=a.weight * SEQUEL) for s in later for a in noun_patients(s, m)]


def _aspect(noun: Token) -> str:
    """ "resume " when the noun is what an aspect verb takes ("will resume its attacks on X"), else ""."""
    verb = noun.head
    if noun.dep_ in {"dobj", "obj"} and verb.pos_ == "VERB" and verb.lemma_.lower() in cues().aspect_verbs:
        return f"{verb_label(verb)} "
    return ""


def nominal_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Triples whose event is a noun."""
    yield from between_triples(sent, m)
    yield from link_triples(sent, m)
    for noun in sent:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_.lower()
        event = event_class(lemma, "NOUN")
        if event is None or lemma in cues().roles:
            continue
        agents, patients = participants(noun, m)
        if agents and not patients:  # "The detention comes after an inquiry by X": X investigated the detained
            patients = _sequel_patients(noun, m)
        label = _aspect(noun) + lemma
        for a in agents:
            for p in patients:
                if a.key != p.key:
                    yield Candidate(a, label, p, noun, event, NOMINAL, "nominal")
        judged = resolve_all(_judged(noun), m)
        if judged and not agents:
            for s in judged:
                for p in _shared_patients(noun, m):
                    if s.key != p.key and m.type(p.key) == "Person":
                        yield Candidate(s, lemma, p, noun, event, GROUNDS, "grounds")
        frame = _frame_subjects(noun)
        if frame is None:
            continue
        heads, label = frame
        culprits = resolve_all(heads, m)
        if label in BLAME_FRAMES:
            yield from _blamed(noun, culprits, m)
        for s in culprits:
            for p in patients:
                if s.key != p.key:
                    yield Candidate(s, f"{label} {lemma}", p, noun, event, FRAME, "frame")
