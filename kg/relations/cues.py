"""The word lists the relation rules match, from ``kg/lexicons/relations.yaml``.

Loaded once; every rule reads these frozensets and dicts, never a literal word list.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from .. import lexicons


class Role(NamedTuple):
    """What a role noun means: the relation label and the ontology event class."""

    label: str
    cls: str


class Cues(NamedTuple):
    speech_verbs: frozenset[str]
    speech_modality: dict[str, str]
    claim_nouns: frozenset[str]
    denial_verbs: frozenset[str]
    court_verbs: frozenset[str]
    judge_titles: frozenset[str]
    accusation_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    non_event_verbs: frozenset[str]
    control_verbs: frozenset[str]
    complement_modality: dict[str, str]
    modal_aux: dict[str, str]
    condition_marks: dict[str, str]
    hedges: dict[str, str]
    negations: frozenset[str]
    particles: frozenset[str]
    target_preps: frozenset[str]
    frame_nouns: frozenset[str]
    frame_adjectives: frozenset[str]
    frame_verbs: frozenset[str]
    operation_nouns: frozenset[str]
    judicial_verbs: frozenset[str]
    envoy_roles: frozenset[str]
    group_nouns: frozenset[str]
    help_nouns: frozenset[str]
    affiliation_verbs: frozenset[str]
    affiliation_preps: frozenset[str]
    with_verbs: frozenset[str]
    mutual_nouns: dict[str, str]
    link_nouns: frozenset[str]
    suspicion_nouns: frozenset[str]
    air_attack_nouns: frozenset[str]
    unrealised_heads: frozenset[str]
    purpose_nouns: dict[str, str]
    sending_verbs: frozenset[str]
    prevention_verbs: frozenset[str]
    pressure_nouns: frozenset[str]
    aim_nouns: frozenset[str]
    perpetration_verbs: frozenset[str]
    aspect_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    personnel_nouns: frozenset[str]
    location_verbs: frozenset[str]
    movement_verbs: frozenset[str]
    movement_preps: frozenset[str]
    place_parts: frozenset[str]
    request_verbs: frozenset[str]
    request_for_verbs: frozenset[str]
    response_verbs: frozenset[str]
    proposal_nouns: frozenset[str]
    offer_nouns: frozenset[str]
    death_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    allegiance_nouns: frozenset[str]
    behalf_nouns: frozenset[str]
    kin_groups: frozenset[str]
    office_roles: frozenset[str]
    speaking_roles: frozenset[str]
    national_roles: frozenset[str]
    national_role_modifiers: frozenset[str]
    destination_verbs: frozenset[str]
    reward_verbs: frozenset[str]
    reward_nouns: frozenset[str]
    information_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    roles: dict[str, Role]
    role_preps: frozenset[str]
    place_preps: frozenset[str]
    time_preps: frozenset[str]
    demonyms: dict[str, str]  # "iraqi" -> "Iraq"


def _demonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for country in lexicons.load("places") or []:
        if not isinstance(country, dict) or "name" not in country:
            continue
        for word in country.get("demonyms") or []:
            out.setdefault(word.lower(), country["name"])
    return out


@cache
def cues() -> Cues:
    """The parsed lexicon (cached)."""
    data = lexicons.load("relations")
    values = {}
    for name, typ in Cues.__annotations__.items():
        if name == "demonyms":
            continue
        raw = data.get(name) or ({} if "dict" in str(typ) else [])
        if name == "roles":
            values[name] = {k.lower(): Role(v["label"], v["class"]) for k, v in raw.items()}
        elif isinstance(raw, dict):
            values[name] = {str(k).lower(): "" if v is None else str(v) for k, v in raw.items()}
        else:
            values[name] = frozenset(str(w).lower() for w in raw)
    return Cues(**values, demonyms=_demonyms())
