"""Event classes of verbs and nouns, from ``kg/lexicons/events.yaml``."""

from __future__ import annotations

from functools import cache

from .. import lexicons

SCENE_CLASSES = frozenset({"Attack", "Killing", "Raid", "Fight", "Capture", "Arrest", "Surveillance"})  # events that
# happen at a place: their scene is a circumstance worth a statement (kg.relations.scenes, kg.relations.details)


@cache
def _index() -> tuple[dict[str, str], dict[str, str]]:
    verbs, nouns = {}, {}
    for cls, entry in lexicons.load("events").items():
        for lemma in entry.get("verbs") or []:
            verbs.setdefault(lemma, cls)
        for lemma in entry.get("nouns") or []:
            nouns.setdefault(lemma, cls)
    return verbs, nouns


def event_class(lemma: str, pos: str = "VERB") -> str | None:
    """The ontology event class a verb (or, with pos='NOUN', a noun) lemma evokes, if any."""
    verbs, nouns = _index()
    return (nouns if pos == "NOUN" else verbs).get(lemma)
