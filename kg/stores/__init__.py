"""Store backends behind :class:`kg.store.Store`: ``embedded`` (Oxigraph, disk or memory) and ``remote`` (SPARQL 1.1)."""
