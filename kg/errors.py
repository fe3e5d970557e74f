"""Errors the library raises on purpose; the CLI and the API turn them into clean messages."""


class KGError(Exception):
    """Base class: a problem the user can fix, with a message meant for them."""


class InputError(KGError):
    """An input (file, text, request body) that cannot be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):  # pickled by worker processes (the pool, Dask) with what extract_chunk adds (sha256)
        return type(self), (self.source, self.reason), self.__dict__


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query or update that is malformed or fails."""


class SparqlSyntaxError(QueryError):
    """A query or update that does not parse; ``raw`` is the parser's message, ``sparql`` the text it read."""

    def __init__(self, raw: str, sparql: str):
        super().__init__(f"SPARQL syntax error: {raw}")
        self.raw = raw
        self.sparql = sparql

    def explained(self) -> str:
        """One line with line, column and what was expected (see kg.sparql_errors)."""
        from .sparql_errors import explain

        return explain(self.raw, self.sparql)


class FilterError(KGError):
    """An export filter (entity type, event type, date, confidence, ego entity, depth) that makes no sense."""
