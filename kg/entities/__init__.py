"""Entities: spaCy mentions -> typed nodes, one per real-world thing.

Components, in pipeline order (see :mod:`kg.nlp`):

- ``kg_prepare`` (:mod:`kg.prepare`, first): sentence starts at line breaks, page furniture;
- ``kg_lexicon`` (:mod:`.ruler`, before ``ner``): known names, aliases and institution phrases;
- ``kg_entities`` (after ``ner``): names typed and clustered (:mod:`.names`),
  descriptions of people and institutions (:mod:`.describe`), pronouns and
  definite descriptions resolved to their antecedents (:mod:`.coref`), and the unnamed participants
  of events ("Israeli soldiers", "five Palestinians", "security targets"; :mod:`.participants`).

``kg_entities`` fills

- ``doc._.kg_entities``: entity key -> :class:`~kg.model.Entity`;
- ``doc.spans["kg_mentions"]``: every mention it resolved (names, aliases,
  pronouns, descriptions), each with ``span._.kg_key`` set. Mentions do not overlap.

The relation components read only these two, never ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import prepare as _prepare  # noqa: F401  (registers kg_prepare)
from . import ruler as _ruler  # noqa: F401  (registers kg_lexicon)
from ..keys import entity_key
from .lexicon import Lexicon, load
from .mentions import Registry, merge
from .names import resolve_names
from .acronyms import join_acronyms
from .numbers import counted_anaphora, definite_counts, restated_forces
from .participants import Participants
from .lemmas import fix_lemmas
from .called import called_names
from .governments import article_governments
from .introduced import introduced_names, quoted_protagonists, same_deed

MENTIONS = "kg_mentions"  # the doc.spans key of resolved mentions

Doc.set_extension("kg_entities", default=None, force=True)
Span.set_extension("kg_key", default=None, force=True)


ARMOUR = {"tanks", "bulldozers", "armour", "armor"}  # a country's ground armour: its military


class EntityResolver:
    """The ``kg_entities`` component: names, descriptions and pronouns -> entities and mentions."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None):
        from .coref import Coref
        from .describe import Describer

        self.lex = lexicon or load()
        self.describer = Describer(nlp, self.lex)
        self.coref = Coref(nlp, self.lex)
        self.participants = Participants(self.lex)

    def __call__(self, doc: Doc) -> Doc:
        fix_lemmas(doc)
        reg = Registry()
        resolve_names(doc, self.lex, reg)
        join_acronyms(doc, reg)
        self.coref.pronouns(doc, reg)
        self.describer(doc, reg)
        self.participants(doc, reg)
        self.coref.descriptions(doc, reg)
        self.coref.ages(doc, reg)
        self.coref.lead(doc, reg)
        self.coref.plural_descriptions(doc, reg)
        counted_anaphora(doc, reg)
        self.participants(doc, reg, bare=True)
        restated_forces(doc, reg)
        definite_counts(doc, reg, self.lex)
        self.coref.pronouns(doc, reg, late=True)
        introduced_names(doc, reg)
        called_names(doc, reg)
        same_deed(doc, reg)
        quoted_protagonists(doc, reg)
        self._forces_as_military(doc, reg)
        article_governments(doc, reg)
        self._national_authorities(doc, reg)
        self._add_countries(reg)
        publish(doc, reg)
        return doc

    def _forces_as_military(self, doc: Doc, reg: Registry) -> None:
        """A country's bare "forces" ("Israeli forces", "its forces") are its military when the article names that
        military too ("Israeli troops", "the army"): one node, as a reader takes them; "security forces" said
        in so many words stay apart."""
        for ent in list(reg.entities.values()):
            forces = self.lex.institution(ent.country, "forces") if ent.country else None
            if (forces is None or forces.key != ent.key or ent.mentions == 0) and not self._armour(ent):
                continue
            military = self.lex.institution(ent.country, "military")
            if military.key in reg.entities and reg.entities[military.key].mentions > 0 and not any(
                    "security" in alias.lower() for alias in ent.aliases):
                merge(reg, ent.key, military.key)
                fleets = doc.user_data.get("kg_aircraft", {})  # "the air strikes" of a fleet: the military's now
                fleets.update({k: military.key for k, v in fleets.items() if v == ent.key})

    def _armour(self, ent) -> bool:
        """"Turkish tanks", "his drones, attack helicopters and tanks": a country's armour, alone or ending a
        list of its weapons, nothing more said of it, is its military's."""
        words = ent.label.split()
        return (ent.type == "Organization" and ent.country is not None and len(words) >= 2
                and words[-1].lower() in ARMOUR and self.lex.demonyms.get(words[0]) == ent.country
                and (len(words) == 2 or words[-2] == "and"))

    def _national_authorities(self, doc: Doc, reg: Registry) -> None:
        """"Kurdish leader Dilan Baran": the demonym of a country whose leader leads an authority
        (`authority` in places.yaml) names that authority, a node whether or not the article names it."""
        from ..relations.cues import cues  # the relations package imports this one

        c = cues()
        covered = reg.covered(doc)
        for tok in doc:
            country = self.lex.demonyms.get(tok.text)
            name = self.lex.authorities.get(country) if country else None
            if name is None or tok.i in covered:
                continue
            j = tok.i + 1
            while j < len(doc) and doc[j].lower_ in c.national_role_modifiers:
                j += 1
            if j < len(doc) and doc[j].lemma_.lower() in c.national_roles and doc[j].head.i != tok.i:
                ref = self.lex.refs.get(entity_key("Organization", name))
                if ref is not None:
                    reg.from_ref(ref)
                    reg.add(ref.key, tok.i, tok.i + 1, "description", alias=tok.text)

    def _add_countries(self, reg: Registry) -> None:
        """Countries that entities belong to (from the lexicon: RUSI -> United Kingdom) are nodes too."""
        for ent in list(reg.entities.values()):
            for key in (ent.country, ent.nationality):
                if key and key not in reg.entities and key in self.lex.refs:
                    reg.from_ref(self.lex.refs[key])


def publish(doc: Doc, reg: Registry) -> None:
    """Write the registry to ``doc._.kg_entities`` and ``doc.spans[MENTIONS]`` (sorted, no overlaps)."""
    spans, taken = [], set()
    for m in sorted(reg.mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        span = doc[m.start : m.end]
        span._.kg_key = m.key
        spans.append(span)
    doc.spans[MENTIONS] = spans
    used = {s._.kg_key for s in spans}
    doc._.kg_entities = {k: e for k, e in reg.entities.items() if k in used or _referenced(k, reg)}


def _referenced(key: str, reg: Registry) -> bool:
    return any(e.country == key or e.nationality == key or (e.described_by and e.described_by[1] == key)
               for e in reg.entities.values())


@Language.factory("kg_entities")
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp)
