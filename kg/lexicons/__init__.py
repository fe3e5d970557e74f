"""Extraction data (YAML): event verbs and nouns, group aliases, agencies, demonyms.

Rules live in code; what they match lives here, so a new group or verb is a
one-line change that needs no code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str):
    """Parse ``kg/lexicons/<name>.yaml`` once and return its content."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
