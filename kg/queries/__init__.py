"""The graph queries behind the REST API, a module for each thing asked about; :mod:`kg.graph_queries` gathers them.

- :mod:`.common`: ids and IRIs, type names, SPARQL helpers, node summaries, the errors
- :mod:`.entities`: entity search and one entity
- :mod:`.edges`: neighbours and paths
- :mod:`.statements`: one statement
- :mod:`.articles`: the articles and one article
"""
