"""Plain data classes passed between the pipeline steps.

They carry no behaviour beyond small conveniences, so that every step can be
tested on hand-made values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "Location"]


@dataclass(frozen=True)
class Article:
    """One news article, decoded and ready for extraction."""

    id: str  # stable identifier: file stem, URL slug or content hash
    text: str  # the full text as read (offsets point into it)
    source: str  # where it came from: a path, a URL or "<stdin>"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime when known
    publisher: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Entity:
    """One node: all mentions of one real-world thing within an article."""

    key: str  # canonical key, identical across articles (see kg.keys)
    label: str  # canonical label: the longest proper name seen
    type: EntityType
    subtype: str | None = None  # e.g. ArmedGroup, IntelligenceAgency, Country, City
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    country: str | None = None  # key of a Location entity this one belongs to
    nationality: str | None = None  # key of the Location (country) a person is a national of
    roles: set[str] = field(default_factory=set)  # titles and roles seen with the name ("President")
    described_by: tuple[str, str] | None = None  # unnamed people: (relation, key), e.g. ("wife of", "person/…")


@dataclass
class Statement:
    """One subject-relation-object triple with its event class and evidence."""

    subject: str  # Entity.key
    predicate: str  # short normalised verb phrase from lemmas, e.g. "help capture"
    object: str  # Entity.key
    sentence: str
    start: int  # character offsets of the sentence in Article.text
    end: int
    confidence: float
    event_type: str | None = None  # ontology class local name, e.g. "Capture"
    time: str | None = None  # normalised date (ISO) or the surface expression
    place: str | None = None  # Entity.key of a Location
    attributed_to: str | None = None  # who says so, e.g. "three security sources"
    negated: bool = False
    modality: str | None = None  # e.g. "possible", "planned", "unverified"
    quantity: str | None = None  # e.g. "at least 850"
    assisting: str | None = None  # Entity.key of a party that helped the agent ("with Turkish help")


@dataclass
class Extraction:
    """What one article yields: its entities and the statements about them."""

    article: Article
    entities: dict[str, Entity]
    statements: list[Statement]

    def rows(self) -> list[dict]:
        """The statements as flat dicts: the `kg extract` JSONL schema."""
        rows = []
        for st in self.statements:
            subj, obj = self.entities[st.subject], self.entities[st.object]
            rows.append(
                {
                    "source": self.article.id,
                    "sentence": st.sentence,
                    "subject": subj.label,
                    "subject_type": subj.type,
                    "predicate": st.predicate,
                    "object": obj.label,
                    "object_type": obj.type,
                    "event_type": st.event_type,
                    "confidence": round(st.confidence, 3),
                    "subject_id": subj.key,
                    "object_id": obj.key,
                    "time": st.time,
                    "place": self.entities[st.place].label if st.place else None,
                    "attributed_to": st.attributed_to,
                    "negated": st.negated,
                    "modality": st.modality,
                    "quantity": st.quantity,
                    "assisting": self.entities[st.assisting].label if st.assisting in self.entities else None,
                    "start": st.start,
                    "end": st.end,
                }
            )
        return rows
