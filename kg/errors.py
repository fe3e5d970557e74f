"""Errors the library raises on purpose; the CLI and the API turn them into clean messages."""


class KGError(Exception):
    """Base class: a problem the user can fix, with a message meant for them."""


class InputError(KGError):
    """An input (file, text, request body) that cannot be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query or update that is malformed or fails."""


class FilterError(KGError):
    """An export filter (entity type, event type, date, confidence, ego entity, depth) that makes no sense."""
