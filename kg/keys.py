"""Stable entity keys: the same thing gets the same key in every article."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(label: str) -> str:
    """ASCII, lower-case, hyphen-separated form of a label ("Ahmed Abdi Godane" -> "ahmed-abdi-godane")."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_WORD.sub("-", text.replace("'", "").replace("\u2019", "")).strip("-") or "unnamed"


def entity_key(type_: str, label: str) -> str:
    """Key of an entity from its type and canonical label, e.g. ``person/sami-jasim``."""
    return f"{type_.lower()}/{slug(label)}"


SCOPE_LENGTH = 8  # hex digits of the article's text hash an unnamed entity's key ends with
_SCOPED = re.compile(rf"-[0-9a-f]{{{SCOPE_LENGTH}}}$")


def scope_key(key: str, scope: str) -> str:
    """The key of an unnamed entity of one article: its description's key and the article's scope."""
    return f"{key}-{scope}"


def is_scoped(key: str) -> bool:
    """True for the key of one article's unnamed entity ("organization/israeli-soldiers-3f809b52")."""
    return _SCOPED.search(key) is not None
