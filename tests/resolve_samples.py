"""Hand-made extractions for the kg.resolve tests: no spaCy, names and statements chosen per test."""

from __future__ import annotations

from kg.ingest import Written, _written, write_written
from kg.keys import entity_key
from kg.model import Article, Entity, Extraction, Statement


def person(label: str, *aliases: str) -> Entity:
    return Entity(entity_key("Person", label), label, "Person", aliases={label, *aliases}, mentions=1)


def org(label: str, *aliases: str, subtype: str | None = None, country: str | None = None) -> Entity:
    return Entity(entity_key("Organization", label), label, "Organization", subtype, {label, *aliases}, 1, country)


def place(label: str, subtype: str | None = None, country: str | None = None) -> Entity:
    return Entity(entity_key("Location", label), label, "Location", subtype, {label}, 1, country)


def extraction(article_id: str, entities: list[Entity], statements: list[Statement] = (), publisher: str | None = None,
               published: str | None = None) -> Extraction:
    text = f"Article {article_id}: " + "; ".join(e.label for e in entities) + "."
    art = Article(article_id, text, f"{article_id}.txt", title=article_id, publisher=publisher, published=published)
    return Extraction(art, {e.key: e for e in entities}, list(statements))


def event(agent: Entity, event_type: str, target: Entity, time: str | None = None, place_: Entity | None = None,
          negated: bool = False, start: int = 0) -> Statement:
    verb = event_type.lower()
    return Statement(agent.key, verb, target.key, f"{agent.label} {verb} {target.label}.", start, start + 20, 0.9,
                     event_type, time, place_.key if place_ else None, None, negated)


def write(store, ex: Extraction, resolve: bool = True) -> Written:
    w = _written(ex)
    write_written(store, w, resolve)
    return w


def arrest_in_peshawar_and_pakistan(store, denied: bool = False) -> tuple[Entity, Entity]:
    """Two outlets report one arrest: Reuters in Peshawar, AP in Pakistan (denying it when ``denied``)."""
    police, suspect = org("Pakistani police"), person("Abu Zubaydah")
    city, country = place("Peshawar", "City"), place("Pakistan", "Country")
    write(store, extraction("a1", [police, suspect, city], [event(police, "Arrest", suspect, "2002-03-28", city)],
                            publisher="Reuters", published="2002-03-29"))
    write(store, extraction("a2", [police, suspect, country],
                            [event(police, "Arrest", suspect, None, country, denied)], publisher="AP",
                            published="2002-03-30"))
    return police, suspect
