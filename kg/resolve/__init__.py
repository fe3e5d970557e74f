"""One graph of many reports: entities, places and events joined across articles at write time.

See docs/cross-article.md. :mod:`.resolver` plans and writes one article;
:mod:`.match` holds the rules, :mod:`.names` the name comparison, :mod:`.index`
the blocking index in the resolution graph, :mod:`.places` the GeoNames links,
:mod:`.events` the events across reports.
"""

from .resolver import Plan, forget, mentions_of, plan, reports_of, write

__all__ = ["Plan", "forget", "mentions_of", "plan", "reports_of", "write"]
