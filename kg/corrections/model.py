"""A correction as a value and as RDF in the corrections graph.

Ids are derived from what the correction says (kind, entity, other entity or
statement, label), so the same correction made twice is the same node, and
docs and tests can name it. Who and when are not part of the id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV

from ..errors import KGError
from ..vocab import ID, KG

KINDS = ("merge", "split", "reject", "rename")
CLASSES = {"merge": KG.Merge, "split": KG.Split, "reject": KG.Rejection, "rename": KG.Rename}
KIND_OF = {str(c): k for k, c in CLASSES.items()}
_ID_NS = str(ID)


def local(iri: URIRef | None) -> str | None:
    """``https://w3id.org/kg/id/person/x`` -> ``person/x``."""
    if iri is None:
        return None
    text = str(iri)
    return text[len(_ID_NS):] if text.startswith(_ID_NS) else text


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Correction:
    """One correction. ``entity``: what a merge, split or rename is about; ``other``: the entity a merge goes
    into or a split keeps apart from; ``statement``, ``article``, ``claim``: what a rejection rejects."""

    kind: str
    entity: URIRef | None = None
    other: URIRef | None = None
    label: str | None = None
    statement: URIRef | None = None
    article: URIRef | None = None
    claim: str | None = None
    analyst: str = "analyst"
    created: str = ""
    note: str | None = None

    @property
    def iri(self) -> URIRef:
        parts = (self.kind, str(self.entity or ""), str(self.other or ""), str(self.statement or ""), self.label or "")
        return ID["correction/" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]]

    @property
    def id(self) -> str:
        return local(self.iri)

    def describe(self) -> str:
        """One line saying what the correction does."""
        if self.kind == "merge":
            return f"merge {local(self.entity)} into {local(self.other)}"
        if self.kind == "split":
            return f"split {local(self.entity)} from {local(self.other)}"
        if self.kind == "rename":
            return f"rename {local(self.entity)} to {self.label!r}"
        return f"reject {local(self.statement)} of {local(self.article)}"

    def triples(self) -> list[tuple]:
        node = self.iri
        out = [(node, RDF.type, CLASSES[self.kind]), (node, KG.analyst, Literal(self.analyst)),
               (node, PROV.generatedAtTime, Literal(self.created, datatype=XSD.dateTime))]
        for p, o in ((KG.corrects, self.entity), (KG.rejects, self.statement), (KG.inArticle, self.article)):
            if o is not None:
                out.append((node, p, o))
        if self.other is not None:
            out.append((node, KG.mergedInto if self.kind == "merge" else KG.apartFrom, self.other))
        for p, o in ((KG.newLabel, self.label), (KG.claim, self.claim), (RDFS.comment, self.note)):
            if o:
                out.append((node, p, Literal(o)))
        return out

    def as_dict(self) -> dict:
        """JSON form (ids without the id namespace, as the REST routes take them)."""
        out = {"id": self.id, "kind": self.kind, "entity": local(self.entity), "into": None, "apart_from": None,
               "label": self.label, "statement": None, "article": None, "analyst": self.analyst,
               "created": self.created, "note": self.note, "description": self.describe()}
        if self.kind == "merge":
            out["into"] = local(self.other)
        elif self.kind == "split":
            out["apart_from"] = local(self.other)
        if self.statement is not None:
            out["statement"] = local(self.statement).removeprefix("statement/")
            out["article"] = local(self.article).removeprefix("article/")
        return out


def from_properties(node: URIRef, props: dict[URIRef, object]) -> Correction | None:
    """A correction from its node's properties (predicate -> one object); None when the type is not a correction."""
    kind = KIND_OF.get(str(props.get(RDF.type)))
    if kind is None:
        return None
    text = lambda p: str(props[p]) if props.get(p) is not None else None  # noqa: E731
    return Correction(kind, props.get(KG.corrects), props.get(KG.mergedInto) or props.get(KG.apartFrom),
                      text(KG.newLabel), props.get(KG.rejects), props.get(KG.inArticle), text(KG.claim),
                      text(KG.analyst) or "", (text(PROV.generatedAtTime) or "").replace("+00:00", "Z"),
                      text(RDFS.comment))


class CorrectionError(KGError):
    """A correction that cannot be made as asked (422 over HTTP)."""

    status = 422


class UnknownTarget(CorrectionError):
    """The entity, statement or correction named is not in the store (404)."""

    status = 404


class Conflict(CorrectionError):
    """The correction contradicts one already recorded, or is recorded already (409)."""

    status = 409
