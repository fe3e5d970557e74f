"""An article's government under other words: one node for it.

- "the Government" alone is the government the article named last before it ("The Federal Government has
  tabled the bill ... the Government says ..."), else the first it names after it; with none named, it stays
  as it is;
- "<leader>'s Government" ("Mr Dlamini's government", "the Chancellor's cabinet" aside) is the one national
  government the article names ("the Kenyan government"), when the leader holds a head of government's title
  (`government_heads` in roles.yaml) and the article names exactly one country's government.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import lexicons
from .mentions import Registry, drop, merge

GOVERNMENT_NOUNS = ("government", "administration", "cabinet")
LEADERS_GOVERNMENT = re.compile(r"^(?P<owner>.+?)['’]s? (?:government|administration|cabinet)$", re.IGNORECASE)


def _named_governments(reg: Registry) -> dict[str, int]:
    """Key -> first mention start of every government named with more than its noun ("Federal Government")."""
    out: dict[str, int] = {}
    for m in sorted(reg.mentions, key=lambda m: m.start):
        ent = reg.entities[m.key]
        words = ent.label.lower().split()
        if ent.type == "Organization" and len(words) >= 2 and words[-1] in GOVERNMENT_NOUNS \
                and not LEADERS_GOVERNMENT.match(ent.label):
            out.setdefault(m.key, m.start)
    return out


def _bare(reg: Registry, named: dict[str, int]) -> None:
    if not named:
        return
    first, last = min(named, key=named.get), None
    for m in sorted(reg.mentions, key=lambda m: m.start):
        ent = reg.entities[m.key]
        if m.key in named:
            last = m.key
        elif ent.type == "Organization" and ent.label.lower() == "government":
            drop(reg, m)
            reg.add(last or first, m.start, m.end, m.kind, alias=ent.label)


def _leaders(reg: Registry, named: dict[str, int]) -> None:
    national = [k for k in named if reg.entities[k].country]
    if len(national) != 1:
        return
    heads = set(lexicons.load("roles")["government_heads"])
    for key, ent in list(reg.entities.items()):
        match = LEADERS_GOVERNMENT.match(ent.label)
        if ent.type != "Organization" or match is None or ent.mentions == 0:
            continue
        owner = match.group("owner").split()[-1]
        leader = any(p.type == "Person" and p.label.split()[-1] == owner and p.roles & heads
                     for p in reg.entities.values())
        if leader:
            merge(reg, key, national[0])


def article_governments(doc: Doc, reg: Registry) -> None:
    """One node for the article's government (see the module docstring)."""
    named = _named_governments(reg)
    _bare(reg, named)
    _leaders(reg, named)
