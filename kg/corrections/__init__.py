"""Analyst corrections that survive re-extraction: merge, split, reject, rename.

See docs/cross-article.md. :mod:`.model` holds a correction and its RDF,
:mod:`.transform` applies corrections to one article's triples in memory,
:mod:`.ledger` records, lists and undoes them in the store and applies them
whenever an article is written (kg.resolve.write and kg.ingest call
:func:`prepare`).
"""

from .ledger import corrections, forget_update, get, prepare, record, rewrite, undo
from .model import KINDS, Conflict, Correction, CorrectionError, UnknownTarget

__all__ = ["KINDS", "Conflict", "Correction", "CorrectionError", "UnknownTarget", "corrections", "forget_update",
           "get", "prepare", "record", "rewrite", "undo"]
