"""Culprit and aspect frames of event nouns (kg.relations.nominal), offers answered (kg.relations.clauses), members
of a listed target ("including", kg.relations.heads) and places of someone named (kg.entities.participants), through
the whole pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from .extracted_rows import check, rows


# text, triple that must be found (with fields it must have), triples that must not
FRAMES = [
    # the bare verb "take" captures a place ("took X", "took over the airport"), nothing else
    ("Rebel fighters took Kismayo on Monday after a week of fighting.", ("Rebel fighters", "take", "Kismayo"),
     {"event_type": "Capture"}, set()),
    ("Rebel fighters took over the airport on Monday.", ("Rebel fighters", "take over", "airport"),
     {"event_type": "Capture"}, set()),
    ("Rebel fighters took the matter to the Security Council.", None, {},
     {("Rebel fighters", "take to", "United Nations Security Council")}),
    ("Kenyan troops will take on the rebels in Kismayo.", None, {}, {("Kenyan military", "take on in", "Kismayo")}),
    # one fighter of a group is not the group: an arrest of "a wounded al-Shabaab fighter" arrests no al-Shabaab
    ("Kenyan police have arrested a wounded al-Shabaab fighter in Garissa.", None, {},
     {("Kenyan police", "arrest", "al-Shabaab")}),
    # "accused X of Z by doing W": how X did it (the parser hangs "by" on the accusation), X does W
    ("Omar Said has accused Kenya of escalating tension by killing three Somalis, including a child.",
     ("Kenya", "kill", "three Somalis"), {"event_type": "Killing"}, {("Omar Said", "kill", "three Somalis")}),
    # "X was behind the attacks on Y": X attacked Y, as the speaker says, and the speaker accuses X
    ("Peru says a diary seized in Lima shows the Shining Path was behind the recent attacks on the Larcomar Mall.",
     ("Shining Path", "behind attack", "Larcomar Mall"), {"attributed_to": "Peru"}, set()),
    ("Peru says a diary seized in Lima shows the Shining Path was behind the recent attacks on the Larcomar Mall.",
     ("Peru", "accuse", "Shining Path"), {"event_type": "Accusation"}, set()),
    ("Officials in Lima said the Shining Path was responsible for the bombing of the Larcomar Mall.",
     ("Shining Path", "responsible for bombing", "Larcomar Mall"), {}, set()),
    # an aspect verb stays in the label: the attacks are to come back, not done
    ("The Kenyan army says it will resume its attacks on Somali targets if the hostages are not freed.",
     ("Kenyan military", "resume attack", "Somali targets"), {"modality": "expected"},
     {("Kenyan military", "attack", "Somali targets"), ("Kenyan military", "attack on", "Somali targets")}),
    # a stopping is an aspect too, and a possessor's acts stopped say nothing of whom they target
    ("Boko Haram has agreed to stop suicide bombings against Chad, a local official said.",
     ("Boko Haram", "stop bombing against", "Chad"), {"event_type": "Attack"}, set()),
    ("The envoy asked Kenya to stop its assassinations.", None, {},
     {("Kenya", "stop assassination", "Kenya"), ("envoy", "attempt to stop assassination", "Kenya")}),
    # "the hunt" four sentences after "The hunt for X": the same hunt, whoever coordinates it hunts X
    ("The hunt for Ahmed Farah has moved to the hills. Kenyan troops are searching the villages. Somali militias "
     "joined them on Monday. The weather is cold. Kenyan special forces flew in to coordinate the hunt.",
     ("Kenyan military", "coordinate hunt", "Ahmed Farah"), {"event_type": "Surveillance"}, set()),
    # a description apposed after a name describes that name, wherever the parser hangs it
    ("The appointment of Ahmed Farah, a 50-year-old clan leader currently fighting al-Shabaab near Kismayo, was "
     "welcomed.", ("Ahmed Farah", "fight", "al-Shabaab"), {"event_type": "Fight"}, set()),
    # "<country> air strikes that dislodged X": the country did; "the Ansar Dine militia" is Ansar Dine; "put X back
    # in charge" says nothing
    ("This comes after heavy French air strikes that dislodged the Ansar Dine militia from much of the north and put "
     "the Malian army back in charge.", ("France", "dislodge", "Ansar Dine"), {"event_type": "Fight"},
     {("France", "put", "Malian military"), ("France", "dislodge", "Ansar Dine militia")}),
    # "carried out the majority of the car bombings against X": the bombings, whoever the relative clause is about
    ("The imam is idolised by the Boko Haram militants who carried out the majority of the car bombings against "
     "Niger last year.", ("Boko Haram militants", "bombing against", "Niger"), {"event_type": "Attack"}, set()),
    ("The imam is idolised by the Boko Haram militants who carried out the majority of the car bombings against "
     "Niger last year.", ("Boko Haram militants", "member of", "Boko Haram"), {}, set()),
    # militants "in" a group, the phrase hung on a word above them
    ("Mr Okoro staked his career on ordering the detention of several senior Nigerian militants in the largest armed "
     "group Boko Haram.", ("several senior Nigerian militants", "member of", "Boko Haram"), {}, set()),
    # "it is dealt with by X": no one dealt with
    ("\"We hope the matter is dealt with soon by the Senate,\" the Kenyan opposition said.", None, {},
     {("Parliament", "deal", "Kenyan opposition")}),
    # an age said after a speaker is not the speaker's
    ("Ahmed Farah was arrested by Kenyan troops in Somalia. The Attorney-General, Hassan Ali, says the 26-year-old "
     "from Mombasa is now being held in custody by US forces aboard the USS Kearsarge in the Red Sea.",
     ("Ahmed Farah", "held in", "Red Sea"), {}, {("Hassan Ali", "held in", "Red Sea")}),
    # dealing "with" someone
    ("A spokesman said Kenya deals only with the Somali government and not with terrorist organisations.",
     ("Kenya", "deal with", "Somali government"), {}, set()),
    # whoever answers an offer is whom it was made to; a rejected offer was still made
    ("Kenya rejected a ceasefire offer by al-Shabaab.",
     ("al-Shabaab", "make ceasefire offer to", "Kenya"), {"negated": False}, set()),
    # ... but a call or a bid may have been addressed to someone else
    ("Al-Shabaab rejected a call by the Kenyan President for an end to the fighting.", None, {},
     {("Kenya", "make call to", "al-Shabaab")}),
    # "attacked targets ..., including X and Y": X and Y were attacked; a place of someone named is a node
    ("Kenyan jets attacked targets in Somalia, including Ahmed Farah's house and a police headquarters in Kismayo.",
     ("Kenyan jets", "attack", "Ahmed Farah's house"), {}, set()),
    ("Kenyan jets attacked targets in Somalia, including Ahmed Farah's house and a police headquarters in Kismayo.",
     ("Kenyan jets", "attack", "police headquarters"), {}, set()),
    # whose aim it is does the gerund the aim is "on"
    ("Officials say al-Shabaab's focus will be on attacking Kenyan soldiers.",
     ("al-Shabaab", "attack", "Kenyan military"), {"modality": "expected"}, set()),
    # whom a handing over is made to
    ("Al-Shabaab began handing over Kismayo to Somali clan elders on Friday.",
     ("al-Shabaab", "hand over to", "Somali clan elders"), {}, set()),
    # a part of a named place stands for the place; a phrase may hang on a directional adverb
    ("French soldiers moved back into a district of Gao on Thursday.",
     ("French military", "move back into", "Gao"), {}, set()),
    # a participle of belief over the clause: its noun does it, as believed
    ("Italian police detained a woman believed to have smuggled hundreds of refugees into Italy.",
     ("woman", "smuggle to", "Italy"), {"modality": "believed"}, set()),
    # counted aircraft without a country are the fleet described with the same noun, and the scene's plural nouns
    # ("the skies", "the early hours") are no antecedent of "them"
    ("Turkish helicopters struck Kurdish targets. Three helicopters went back into the skies during the early hours "
     "of Sunday. Witnesses say they saw them fire six rockets into an army post in the town of Qamishli.",
     ("Turkish helicopters", "fire into", "army post"), {}, set()),
    # kin as a group are no node: the act is on them as someone's ("interview family of")
    ("Spanish police have now interviewed the family of Pablo Ortega.",
     ("Spanish police", "interview family of", "Pablo Ortega"), {"event_type": "Surveillance"}, set()),
    # an event that something "comes after" happened to the same one
    ("Kenyan police arrested Hassan Ali. The arrest comes after a long investigation by the Kenyan intelligence.",
     ("Kenyan intelligence", "investigation", "Hassan Ali"), {}, set()),
    # a spokesman speaks for a person too
    ("Mr Farah's spokesman, Hassan Ali, told reporters that Kenyan troops had captured the town.",
     ("Hassan Ali", "spokesman of", "Farah"), {"event_type": "Membership"}, set()),
    # a blockade is a sanction; "towns in" a named place stand for the place
    ("Kenya has tightened its blockade of towns in Somalia.", ("Kenya", "blockade", "Somalia"),
     {"event_type": "Sanction"}, set()),
    # a purpose under a negated verb is no attempt either
    ("Ahmed Farah is not working to dismantle the militias and to arrest Hassan Ali.",
     ("Ahmed Farah", "attempt to arrest", "Hassan Ali"), {"negated": True}, set()),
]


@pytest.mark.parametrize("text,found,fields,absent", FRAMES)
def test_frames(nlp, text, found, fields, absent):
    check(nlp, text, found, fields, absent)


# text, (subject, object) of a "national of" statement that must be found, or None when none may be
NATIONALITIES = [
    ("Kenyan police questioned American John Walker about the attack.", ("John Walker", "United States")),
    ("Dutch police detained a Moroccan man who had been fighting with ISIS.", ("Moroccan man", "Morocco")),
    # a hypothetical leader and a crowd are nobody's nationality in particular
    ("A diplomat said the time had come for a new Haitian leader.", None),
    ("A Somali mob attacked the police station.", None),
]


@pytest.mark.parametrize("text,found", NATIONALITIES)
def test_nationalities(nlp, text, found):
    got = {(s, o) for s, p, o in rows(nlp, text) if p == "national of"}
    assert got == ({found} if found else set()), got


def test_a_place_verb_makes_its_plural_subject_a_participant(nlp):
    got = rows(nlp, "Kismayo, where Ahmed Farah's al-Shabaab fighters have been hiding, was captured by Kenyan troops.")
    assert ("Ahmed Farah", "leader of", "al-Shabaab fighters") in got, sorted(got)


def test_where_a_relative_clause_happens_and_what_a_participle_leaves_somewhere(nlp):
    got = rows(nlp, "Kenyan troops captured the Kismayo camp, where al-Shabaab fighters have been hiding, on Monday. "
                    "Talks on the surrender of al-Shabaab militants trapped in the town of Kismayo collapsed.")
    assert ("al-Shabaab fighters", "hide in", "Kismayo") in got, sorted(got)
    # "al-Shabaab militants" are the "al-Shabaab fighters" described before: one node
    assert ("al-Shabaab fighters", "trap in", "Kismayo") in got, sorted(got)
    # "the X complex in <region>, where ...": the complex, not the region it is in
    got = rows(nlp, "Kenyan troops have captured the Baidoa airport complex in southern Somalia, where al-Shabaab "
                    "fighters have been hiding.")
    assert ("al-Shabaab fighters", "hide in", "Baidoa airport complex") in got, sorted(got)
    assert ("al-Shabaab fighters", "hide in", "southern Somalia") not in got, sorted(got)


def test_the_town_is_the_last_town_named_and_a_countrys_tanks_its_military(nlp):
    got = rows(nlp, "In Gao, shells struck an army barracks in the heart of the town, which was partly reoccupied by "
                    "French tanks on Friday. French troops also raided Kidal.")
    assert ("French military", "reoccupy", "Gao") in got, sorted(got)


def test_a_list_of_a_countrys_weapons_ending_in_armour_is_its_military(nlp):
    """"his jets, helicopter gunships and tanks" are the military the article names, and "the air strikes" are its
    strikes; a list of aircraft alone stays a fleet."""
    got = rows(nlp, "Ethiopian troops guarded the frontier. Ethiopian President Tesfaye Bekele has sent in his jets, "
                    "helicopter gunships and tanks to Eritrean army posts. Three Eritreans were killed and more than 15 "
                    "injured in the air strikes.")
    assert ("Ethiopian military", "kill", "Three Eritreans") in got, sorted(got)
    got = rows(nlp, "Ethiopian troops guarded the frontier. Ethiopian helicopters and warplanes attacked several "
                    "targets in Assab.")
    assert ("Ethiopian helicopters and warplanes", "attack in", "Assab") in got, sorted(got)


# text, role triple that must be found with its negation, triples that must not be found
ROLES = [
    ("The plan names no numbers, with EU members France and Italy among the first to send troops.",
     ("France", "member of", "European Union"), False),
    ("Nepal's new government, with Ram Thapa as Prime Minister, will take office on Friday.",
     ("Ram Thapa", "prime minister of", "Nepal"), False),
    # a role said in apposition holds whatever its clause says; said of its holder, the clause's negation is its own
    ("Hassan Ali, the leader of al-Shabaab, did not comment.", ("Hassan Ali", "leader of", "al-Shabaab"), False),
    ("Hassan Ali is not a member of al-Shabaab.", ("Hassan Ali", "member of", "al-Shabaab"), True),
    # an envoy is sent to a place, and is no envoy of it; the parser may run the place into the holder's name
    ("The talks were opened by UN special envoy for Somalia Ahmed Farah.", ("Ahmed Farah", "envoy to", "Somalia"), False),
    ("The deal was announced by former al-Shabaab ambassador to Kenya Ahmed Farah.",
     ("Ahmed Farah", "ambassador to", "Kenya"), False),
    ("Europol Commissioner Hassan Ali says the arrests will disrupt the network.",
     ("Hassan Ali", "commissioner of", "Europol"), False),
    # a person's loyalists back that person; a group's protectors are its own (and protect someone else)
    ("Kenyan troops are scouring the hills for Ahmed Farah loyalists.", ("Ahmed Farah loyalists", "loyalist of",
                                                                        "Ahmed Farah"), False),
]


@pytest.mark.parametrize("text,found,negated", ROLES)
def test_roles(nlp, text, found, negated):
    got = rows(nlp, text)
    assert found in got, sorted(got)
    assert got[found]["negated"] is negated


def test_a_commissioner_is_one_of_a_body():
    """"Royal Commissioner X", "the Federal Privacy Commissioner": the words before a commissioner's title often look
    like a name the model took for an organisation; only a known body or one its name says is a body counts."""
    from types import SimpleNamespace

    from kg.relations.roles import _body

    assert _body(SimpleNamespace(label="Australian Federal Police", subtype="SecurityForce"))
    assert _body(SimpleNamespace(label="Rural Fire Service", subtype=None))
    assert not _body(SimpleNamespace(label="Royal", subtype=None))
    assert not _body(SimpleNamespace(label="Federal Privacy", subtype=None))


def test_a_main_verb_without_a_subject_takes_the_subject_of_the_participle_before_it(nlp):
    """"Mr Ruto, apparently getting tough on militants, sent his police ...": the small model at times makes "Mr
    Ruto" the subject of "getting" and leaves "sent" without one; the participle's subject is the main verb's."""
    from spacy.tokens import Doc

    from kg.relations.heads import subject_heads

    words = ["Mr", "Ruto", ",", "apparently", "getting", "tough", ",", "sent", "his", "police", "."]
    heads = [1, 4, 4, 4, 7, 4, 7, 7, 9, 7, 7]
    deps = ["compound", "nsubj", "punct", "advmod", "advcl", "acomp", "punct", "ROOT", "poss", "dobj", "punct"]
    tags = ["NNP", "NNP", ",", "RB", "VBG", "JJ", ",", "VBD", "PRP$", "NN", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert [t.text for t in subject_heads(doc[7])] == ["Ruto"]
    assert [t.text for t in subject_heads(doc[4])] == ["Ruto"]
