"""kg: a knowledge-graph builder for security-event reporting.

The pipeline, one module (or package) per step::

    text.py        raw bytes -> Article (decoding, title, page furniture)
    prepare.py     sentence starts at line breaks, page furniture marked (offsets kept)
    nlp.py         the spaCy pipeline with kg's registered components
    entities/      mentions -> typed, resolved entities (one node each)
    relations/     sentences -> subject-relation-object statements with event classes
    extract.py     Article -> Extraction (entities + statements), JSONL rows
    vocab.py       ontology terms (closed rdflib namespaces)
    rdf.py         Extraction -> RDF quads in the article's named graph
    store.py       embedded Oxigraph (disk or memory) or a remote SPARQL endpoint
    ingest.py      paths -> articles -> store, idempotently
    export/        the graph as GEXF, GraphML, CSV, JSON, Turtle, N-Quads
    cli.py         the ``kg`` command
"""

__version__ = "0.1.0"
