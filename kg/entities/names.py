"""Names: NER and lexicon mentions -> typed entities, one per real-world thing.

Rules, each small and data-driven:

- a lexicon match (``kg_lexicon`` span) names its lexicon entity, whatever the model said;
- titles are stripped off names ("President Joe Biden" -> "Joe Biden", role "President");
- a name whose words are a contiguous part of a longer PERSON name in the same
  document ("Farah", "Hassan Farah", "Godane") is that person;
- otherwise a name's type is the majority of the votes of all its mentions:
  the model's label, plus votes from the name's shape and its sentence (an
  organisation's head word, apposition with a person noun, coordination with a
  known name, subject of a verb only people do: said, was arrested ...);
- demonyms (NORP) are never nodes; other labels (DATE, MONEY ...) are ignored;
- a capital that acts ("Washington has asked Madrid ...") is its country; one that is a place stays the city.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from ..prepare import in_furniture
from ..keys import entity_key
from .lexicon import Lexicon
from .mentions import Registry, strip_span
from .participant_words import aircraft_model, is_place_noun, participant_type
from .ruler import LEXICON

MODEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location", "FAC": "Location"}
CANDIDATE_LABELS = set(MODEL_TYPES) | {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
LOCATION_SUBTYPE = {"GPE": None, "LOC": "Region", "FAC": "Facility"}
# Verbs whose subject (active: said; passive: was arrested) is a person, not a place.
PERSON_SUBJECT_VERBS = {"say", "tell", "add", "explain", "claim", "deny", "admit", "confess", "plead", "testify"}
PERSON_PASSIVE_VERBS = {
    "arrest", "capture", "detain", "kill", "assassinate", "execute", "extradite", "deport", "charge", "indict",
    "convict", "sentence", "jail", "imprison", "wound", "injure", "abduct", "kidnap", "seize", "fly", "bring",
    "release", "free", "interrogate", "question", "try", "hang", "behead", "shoot", "nab", "catch",
}
# Nouns whose "of" names a place ("the northwestern state of Sinaloa", "the town of Choix").
PLACE_NOUNS = {"state", "province", "region", "city", "town", "village", "district", "county", "municipality",
               "capital", "port", "island", "governorate", "prefecture", "canton", "suburb", "neighbourhood",
               "neighborhood", "valley", "border", "outskirts"}
TITLE_JOINERS = {"for", "of", "and"}  # "Secretary for Terrorism and Financial Intelligence Brian Nelson"
TITLE_REACH = 8  # tokens before a name where the title it continues may start
NEAR_PREPS = {"near", "outside", "around"}
CONTESTED_NOUNS = {"battle", "siege", "fight"}  # "the battle for X", "the siege of X"
LOCATIVE_PREPS = {"in", "near", "outside", "across", "throughout"}
OPEN_QUOTES, CLOSE_QUOTES = {'"', "\u201c", "``", "'", "\u2018"}, {'"', "\u201d", "''", "'", "\u2019"}
_WORD = re.compile(r"[a-z0-9]+")


def name_words(text: str, particles: frozenset[str]) -> tuple[str, ...]:
    """Lower-case words of a name without name particles: "Ahmed Abdi Godane" -> (ahmed, abdi, godane)."""
    words = _WORD.findall(text.lower().replace("\u2019", "").replace("'", ""))
    return tuple(w for w in words if w not in particles)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n < len(full) and any(full[i : i + n] == part for i in range(len(full) - n + 1))


def person_shaped(span: Span, lex: Lexicon) -> bool:
    """Two or more capitalised words with a name particle ("Abu Ibrahim al-Hashemi")."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or not all(t.text[:1].isupper() or t.lower_ in lex.name_particles for t in words):
        return False
    return any(t.lower_ in lex.name_particles for t in words)


def _said_person(span: Span, lex: Lexicon) -> bool:
    """The sentence says the name is a person's: in apposition with a person noun ("Adebayo Okafor, a police
    official"), followed by an age ("Arnaud Dupre, 27,") or after a role phrase."""
    root = span.root
    people = lex.person_nouns | lex.role_nouns | lex.nationality_nouns
    return (root.dep_ == "appos" and root.head.lemma_.lower() in people
            or any(c.dep_ == "appos" and c.lemma_.lower() in people for c in root.children)
            or _age_apposition(span) or _after_role_phrase(span, people, lex))


def _sentence_votes(span: Span, label: str, lex: Lexicon, known: dict[int, str]) -> list[tuple[str, int]]:
    """Evidence from the name's shape and its sentence, as (type, weight) votes.

    - an organisation's head word ("... Police Service", "Jaish al-...") -> Organization, 3;
    - in apposition with a person noun ("Adebayo Okafor, a police official") -> Person, 2;
    - followed by an age ("Pavel Orlov, 28,", "X, a 34-year-old ...") -> Person, 2;
    - coordinated with a name of known type ("Benin and Togo") -> that type, 2;
    - subject of a verb only people do ("X said", "X was arrested"), unless the model said ORG -> Person, 1;
    - named by a place noun ("the state of X", "the states of Y and X") -> Location, 2;
    - fought over ("the battle for X", "the siege of X") -> Location, 2;
    - object of a locative preposition ("violence in X"), unless the model said PERSON -> Location, 1.

    An organisation introduced by a group noun ("the group known as X", "X, a ransomware gang") is an
    armed group (see :func:`_introduced_as_group`), so "the group" can refer to it.
    """
    votes = []
    if _org_headed(span, lex):
        votes.append(("Organization", 3))  # outweighs the model's PERSON and a verb people do ("X said")
    if participant_type(span[-1]) == "Organization":
        votes.append(("Organization", 3))  # "Apaches", "F-16s": aircraft of a force, not people
    root = span.root
    if _said_person(span, lex):
        votes.append(("Person", 2))
    partners = [root.head.i] if root.dep_ == "conj" else []
    partners += [c.i for c in root.children if c.dep_ == "conj"]
    votes += [(known[i], 2) for i in partners if i in known]
    if label != "ORG" and (
        root.dep_ == "nsubj" and root.head.lemma_.lower() in PERSON_SUBJECT_VERBS
        or root.dep_ == "nsubjpass" and root.head.lemma_.lower() in PERSON_PASSIVE_VERBS
    ):
        votes.append(("Person", 1))
    place = root.head if root.dep_ == "conj" else root
    if place.dep_ == "pobj" and place.head.lower_ == "of" and _place_noun(place.head.head):
        votes.append(("Location", 2))
    elif root.dep_ == "compound" and _place_noun(root.head) and root.head.tag_ != "NNP":
        votes.append(("Location", 2))  # "the Koh Sabz mountain complex", "the X caves"
    elif any(c.dep_ == "appos" and _place_noun(c) for c in root.children):
        votes.append(("Location", 2))  # "Dolna, the provincial capital of Varsk"
    elif place.dep_ == "pobj" and place.head.lower_ in {"for", "of"} and place.head.head.lemma_.lower() in CONTESTED_NOUNS:
        votes.append(("Location", 2))  # "the battle for X", "the siege of X": ground is fought over
    elif place.dep_ == "pobj" and place.head.lower_ in NEAR_PREPS:
        votes.append(("Location", 2))  # "the caves near X": people are seldom near things in the news
    elif label != "PERSON" and place.dep_ == "pobj" and place.head.lower_ in LOCATIVE_PREPS:
        votes.append(("Location", 1))
    return votes


def _after_role_phrase(span: Span, people: frozenset[str], lex: Lexicon) -> bool:
    """"the Kenyan head of intelligence, Joseph Mwangi": a name after a comma that ends a phrase a person noun
    heads (the parser seldom makes it an apposition); not "the spokesman for the group, X", which names the group."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    tok = doc[span.start - 2]
    if tok.lemma_.lower() in lex.group_nouns or tok.lower_ in lex.org_heads or tok.pos_ != "NOUN":
        return False
    for _ in range(4):  # up through "of security" to "head"
        if tok.lemma_.lower() in people:
            return True
        if tok.dep_ not in {"pobj", "prep"}:
            return False
        tok = tok.head
    return False


def _org_headed(span: Span, lex: Lexicon) -> bool:
    """A name whose first or last word names a kind of organisation ("... Police Service", "Jaish al-Adl")."""
    return span[-1].lower_ in lex.org_heads or span[0].lower_ in lex.org_heads


def _place_noun(tok) -> bool:
    """A noun that names a kind of place: "the state of X", "the mountainous area of X", "the X caves"."""
    return tok.lemma_.lower() in PLACE_NOUNS or is_place_noun(tok) or (
        tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and is_place_noun(tok.head))


NAMING_VERBS = {"know", "call", "name", "dub", "nickname", "brand"}


def _introduced_as_group(span: Span, lex: Lexicon) -> bool:
    """'the group known as BlackIce', 'BlackIce, a ransomware gang', 'the BlackIce gang': an armed or criminal
    group the lexicon does not know."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in NAMING_VERBS:
        return head.head.head.lemma_.lower() in lex.group_nouns
    if root.dep_ in {"compound", "appos"} and head.lemma_.lower() in lex.group_nouns and head.i > span.end - 1:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in lex.group_nouns for c in root.children)


def _inside_title(doc: Doc, ent: Span, lex: Lexicon) -> bool:
    """A span that is a word of a multi-word title around it ("First" of "Sergeant First Class")."""
    window = doc[max(0, ent.start - 2) : min(len(doc), ent.end + 2)].text
    words = set(ent.text.split())
    return any(" " in t and words <= set(t.split()) and t in window for t in lex.titles)


def _age_apposition(span: Span) -> bool:
    """", 28," or ", a 28-year-old" right after a name: only people have ages."""
    doc, i = span.doc, span.end
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text in {",", "."}:
        return doc[i + 1].text.isdigit() and 0 < int(doc[i + 1].text) < 120
    return i + 5 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an"} and doc[i + 3 : i + 6].text == "-year-"


def resolve_names(doc: Doc, lex: Lexicon, reg: Registry) -> None:
    """Add a mention (and entity) to ``reg`` for every lexicon match and every named-entity name."""
    lexicon_spans = {(s.start, s.end): s.label_ for s in doc.spans.get(LEXICON, ())}
    known: dict[int, str] = {}  # token -> type of the lexicon name it is in
    for (start, end), key in lexicon_spans.items():
        reg.from_ref(lex.refs[key])
        reg.add(key, start, end, alias=doc[start:end].text)
        known.update({i: lex.refs[key].type for i in range(start, end)})

    candidates: list[tuple[Span, str, str | None]] = []  # (clean span, model label, title)
    titles_alone: list[Span] = []  # spans that are a title and nothing else
    for ent in doc.ents:
        if ent.label_ not in CANDIDATE_LABELS or (ent.start, ent.end) in lexicon_spans:
            continue
        if in_furniture(doc, ent.start, ent.end):
            continue
        if len(ent) == 1 and ent.text.endswith("s") and ent.text[:-1] in lex.demonyms:
            continue  # "the Pakistanis" (ORG to the model at times): a people, the participants' country, no name
        label = ent.label_
        if label == "PERSON":
            ent = _extend_person(ent, lex)
        elif label == "ORG":
            ent = _extend_org_left(ent)
        span, title = strip_span(ent, lex)
        title = title or _title_before(doc, ent.start, lex)
        if label == "PERSON" and span is not None:
            span = _out_of_title(span, lex)
        if label == "ORG" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].text in {"Minister", "Secretary"}:
            continue  # "India's Home Minister": a portfolio, part of a title
        if label != "PERSON" and _inside_title(doc, ent, lex):
            continue  # "Sergeant First Class": a rank
        if label == "ORG" and ent.start >= 2 and doc[ent.start - 1].lower_ in {"for", "of"} \
                and doc[ent.start - 2].text in lex.titles:
            continue  # "Secretary for Terrorism", "Minister of Interior": a portfolio, part of a title
        if span is None or any(start < span.end and span.start < end for start, end in lexicon_spans):
            continue
        if span.text in lex.titles:
            titles_alone.append(span)  # "The 70-year-old Sheikh is respected ...": the Sheikh named before, if any
            continue
        if not any(t.tag_ in {"NNP", "NNPS"} for t in span):
            continue  # a name has a proper noun in it ("Kidnappings" at a sentence start is none)
        if aircraft_model(span):
            continue  # "Apache helicopters": a description of aircraft (a participant), not a name
        candidates.append((span, label, title))

    words = {span.text: name_words(span.text, lex.name_particles) for span, _, _ in candidates}
    people = list(dict.fromkeys(
        span.text for span, label, _ in candidates
        if (label == "PERSON" or person_shaped(span, lex) or _said_person(span, lex)) and not _org_headed(span, lex)
    ))  # "Jaish al-Mukalla" (a group, whatever the model says) is no full name of "Mukalla"; "Arnaud Dupre, 27,"
    # (ORG to the model) is that of "Dupre"
    full_of = _full_names(people, words, candidates)
    votes: dict[str, Counter] = defaultdict(Counter)
    for span, label, _ in candidates:
        if full_of.get(span.text, span.text) != span.text:
            continue  # part of a longer person name: a person
        if label in MODEL_TYPES:
            votes[span.text][MODEL_TYPES[label]] += 1
        for vote, weight in _sentence_votes(span, label, lex, known):
            votes[span.text][vote] += weight
    for span, label, title in candidates:
        text = span.text
        if full_of.get(text, text) != text or (text in full_of and (not votes[text] or _majority(votes[text]) == "Person")):
            type_, label_text = "Person", full_of[text]
        elif votes[text]:
            type_, label_text = _majority(votes[text]), text
        else:
            continue
        key = entity_key(type_, label_text)
        subtype = LOCATION_SUBTYPE.get(label) if type_ == "Location" else None
        if type_ == "Organization" and _introduced_as_group(span, lex):
            subtype = "ArmedGroup"
        country = lex.demonyms.get(span[0].text) if type_ == "Organization" else None  # "Spanish National Police"
        ent = reg.entity(key, label_text, type_, subtype=subtype, country=country)
        if title:
            ent.roles.add(title)
        reg.add(key, span.start, span.end, alias=text)
    _titled(reg, titles_alone)
    _quoted_nicknames(doc, reg)
    _bare_surnames(doc, lex, reg)
    _capitals_as_governments(doc, lex, reg)


def _titled(reg: Registry, spans: list[Span]) -> None:
    """A title standing alone ("the Sheikh") is the last person named before it with that title, else nobody."""
    for span in spans:
        before = [m for m in reg.mentions if m.kind == "name" and m.end <= span.start
                  and reg.entities[m.key].type == "Person" and span.text in reg.entities[m.key].roles]
        if before:
            reg.add(max(before, key=lambda m: m.start).key, span.start, span.end, "description", alias=span.text)


# Dependencies of a capital acting for its government: "Washington asked", "asked Madrid", "Moscow's support".
ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss"}
RECALL_VERBS = {"recall", "return", "summon"}  # an envoy sent back "to Washington" goes back to its government


def _capitals_as_governments(doc: Doc, lex: Lexicon, reg: Registry) -> None:
    """A capital that acts ("Washington has asked Madrid to extradite her", "pressure from Washington, which
    has designated ...") stands for its country; a capital that is only a place ("in Madrid") stays the city."""
    for m in list(reg.mentions):
        if m.key not in lex.capitals or m.kind != "name":
            continue
        country = lex.refs[m.key].country
        if country not in lex.refs:
            continue
        root = doc[m.start : m.end].root
        node = root.head if root.dep_ == "conj" else root
        acting = node.dep_ in ACTOR_DEPS or (node.dep_ == "agent" or node.dep_ == "pobj" and node.head.dep_ == "agent")
        acting = acting or any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.tag_ == "WDT" for g in c.children)
                               for c in root.children)
        acting = acting or (node.dep_ == "pobj" and node.head.lower_ == "to"  # "recalled to Washington": home,
                            and node.head.head.lemma_.lower() in RECALL_VERBS)  # its government
        if not acting:
            continue
        reg.mentions.remove(m)
        reg.entities[m.key].mentions -= 1
        reg.from_ref(lex.refs[country])
        reg.add(country, m.start, m.end, alias=doc[m.start : m.end].text)

def _quoted_nicknames(doc: Doc, reg: Registry) -> None:
    """'Ismael "El Mayo" Zambada': capitalised words, a quoted nickname, capitalised words -> one person,
    labelled without the nickname, which becomes an alias (whatever the model made of the parts)."""
    i, n = 0, len(doc)
    while i < n:
        if doc[i].text not in OPEN_QUOTES or i == 0 or not _capitalised(doc[i - 1]):
            i += 1
            continue
        j = i + 1
        while j < n and _capitalised(doc[j]) and not doc[j].is_sent_start:
            j += 1
        if j == i + 1 or j >= n or doc[j].text not in CLOSE_QUOTES or j + 1 >= n or not _capitalised(doc[j + 1]):
            i += 1
            continue
        lo, hi = i - 1, j + 1
        while lo > 0 and _capitalised(doc[lo - 1]) and not doc[lo].is_sent_start:
            lo -= 1
        while hi < n and _capitalised(doc[hi]):
            hi += 1
        if in_furniture(doc, lo, hi) or any(t.is_sent_start for t in doc[lo + 1 : hi]):
            i = hi
            continue
        label = " ".join([doc[lo:i].text, doc[j + 1 : hi].text])
        for m in [m for m in reg.mentions if m.start < hi and lo < m.end]:
            reg.mentions.remove(m)
            reg.entities[m.key].mentions -= 1
        key = entity_key("Person", label)
        ent = reg.entity(key, label, "Person")
        ent.aliases.add(doc[i + 1 : j].text)
        reg.add(key, lo, hi, alias=label)
        i = hi


def _capitalised(tok) -> bool:
    return tok.is_title and tok.tag_ in {"NNP", "NNPS"}


def _bare_surnames(doc: Doc, lex: Lexicon, reg: Registry) -> None:
    """A lone capitalised word the model did not tag that is the last name of exactly one person named in
    full in the document ("Makki, a brother-in-law of ..." after "Abdul Rehman Makki") is that person."""
    owners: dict[str, set[str]] = defaultdict(set)
    for ent in reg.entities.values():
        words = name_words(ent.label, lex.name_particles)
        if ent.type == "Person" and len(words) >= 2:
            owners[words[-1]].add(ent.key)
    if not owners:
        return
    taken = reg.covered(doc) | {i for e in doc.ents for i in range(e.start, e.end)}
    for tok in doc:
        i = tok.i
        if i in taken or tok.tag_ != "NNP" or not tok.is_title or in_furniture(doc, i, i + 1):
            continue
        keys = owners.get(tok.lower_, ())
        if len(keys) != 1:
            continue
        if i > 0 and not tok.is_sent_start and doc[i - 1].tag_ in {"NNP", "NNPS"}:
            continue  # part of a longer name ("Makki Street")
        if i + 1 < len(doc) and doc[i + 1].tag_ in {"NNP", "NNPS"}:
            continue
        reg.add(next(iter(keys)), i, i + 1, alias=tok.text)


def _extend_person(ent: Span, lex: Lexicon) -> Span:
    """A PERSON name the model cut short ("Mehmet [Yilmaz]", "[Iyad Ag] Ghaly"): take in adjacent proper nouns
    on the left, and on the right those the name's last word is a compound of."""
    doc, start = ent.doc, ent.start
    while (
        start > 0
        and not doc[start].is_sent_start
        and doc[start - 1].tag_ == "NNP"
        and doc[start - 1].is_title
        and (not doc[start - 1].ent_type_ or _stray_given_name(doc[start - 1], ent, lex))
        and doc[start - 1].text not in lex.titles
        and _title_before(doc, start, lex) is None
    ):
        start -= 1
    end = ent.end
    while (
        end < len(doc)
        and doc[end].tag_ == "NNP"
        and doc[end].is_title
        and not doc[end].ent_type_
        and not doc[end].is_sent_start
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
    ):
        end += 1  # "[Iyad Ag] Ghaly": the name's last word is a compound of the next proper noun
    return doc[start:end] if (start, end) != (ent.start, ent.end) else ent


def _stray_given_name(tok, ent: Span, lex: Lexicon) -> bool:
    """"[Abdiweli] Farah Gedi": a one-word name the model typed apart (a place, say) that is a compound of the
    person's name and no country, demonym or known name is the person's first name."""
    return (tok.ent_iob_ == "B" and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
            and tok.dep_ == "compound" and ent.start <= tok.head.i < ent.end
            and tok.text not in lex.country_by_name and tok.text not in lex.demonyms and tok.text not in lex.names)


def _out_of_title(span: Span, lex: Lexicon) -> Span:
    """"Under Secretary for Terrorism and Financial Intelligence Brian Nelson": a PERSON span that continues a
    title's "for"/"of"/"and" phrase holds the title's last words; the name is its last two words (three with
    an initial or a particle)."""
    doc = span.doc
    if len(span) <= 2 or span.start == 0 or doc[span.start - 1].lower_ not in TITLE_JOINERS:
        return span
    if not any(doc[k].text in lex.titles for k in range(max(0, span.start - TITLE_REACH), span.start)):
        return span
    keep = 3 if len(span) > 3 and (len(doc[span.end - 2].text) <= 2 or doc[span.end - 2].lower_ in lex.name_particles) else 2
    return doc[span.end - keep : span.end]


def _extend_org_left(ent: Span) -> Span:
    """An ORG name the model cut short on the left ("the Attorney [General's Office]"): take in capitalised
    compounds that modify a word of the name."""
    doc, start = ent.doc, ent.start
    while (
        start > 0
        and not doc[start].is_sent_start
        and doc[start - 1].tag_ == "NNP"
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and doc[start - 1].dep_ == "compound"
        and start <= doc[start - 1].head.i < ent.end
    ):
        start -= 1
    return doc[start : ent.end] if start != ent.start else ent


def _title_before(doc: Doc, start: int, lex: Lexicon) -> str | None:
    """A title right before a name the model left it out of ("Lieutenant-General" before "Peter Mwangi")."""
    for n in (4, 3, 2, 1):
        if start - n >= 0 and doc[start - n : start].text in lex.titles:
            return doc[start - n : start].text
    return None


def _majority(votes: Counter) -> str:
    order = ("Person", "Organization", "Location")
    return max(votes, key=lambda t: (votes[t], -order.index(t)))


def _full_names(people: list[str], words: dict[str, tuple[str, ...]], candidates) -> dict[str, str]:
    """Every candidate text that is part of a longer person name -> that full name.

    When several full names fit, a surname match ("Hassan" -> "Ali Hassan", not
    "Hassan Nasrallah") beats a match elsewhere in the name, then the most
    frequent name, then the first one in the text; so the choice never depends
    on hashing order.
    """
    counts = Counter(span.text for span, _, _ in candidates)
    first = {}
    for n, (span, _, _) in enumerate(candidates):
        first.setdefault(span.text, n)
    fulls: list[str] = []  # canonical person names, longest first
    out: dict[str, str] = {}

    def best(text: str) -> str | None:
        match = [f for f in fulls if _contains(words[f], words[text])]
        if not match:
            return None
        return max(match, key=lambda f: (words[f][-len(words[text]):] == words[text], counts[f], -first[f]))

    for text in sorted(people, key=lambda t: (-len(words[t]), -counts[t], first[t])):
        full = best(text)
        if full is None:
            fulls.append(text)
        out[text] = full or text
    for text in sorted(counts, key=lambda t: first[t]):
        if text not in out:
            full = best(text)
            if full:
                out[text] = full
    return out
