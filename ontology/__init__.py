"""The kg ontology as Turtle files, shipped with the package (see kg.vocab)."""
