"""A remote SPARQL 1.1 endpoint (Protocol for queries and updates) as a kg store.

Queries are POSTed form-encoded to the query URL, updates to the update URL;
an article's write is one update request, which a conforming endpoint applies
atomically. Answers are parsed into pyoxigraph result objects, so callers see
the same types as with the embedded store.

The endpoint should use the union of its named graphs as the default graph
(Oxigraph: ``oxigraph serve --union-default-graph``; Fuseki:
``tdb2:unionDefaultGraph true``), as the embedded store does: kg keeps every
article in its own named graph and queries them together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

import httpx
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..sparql import bind
from ..store import RDF_FORMATS, Store, insert_data, parse_quads

ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5"
)

_COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def default_update_url(query_url: str) -> str:
    """``…/query`` -> ``…/update`` (Oxigraph, Fuseki); any other URL takes updates itself."""
    url = httpx.URL(query_url)
    if url.path.endswith("/query"):
        return str(url.copy_with(path=url.path[: -len("query")] + "update"))
    return query_url


def _triples_result(triples: list[ox.Triple]) -> ox.QueryTriples:
    """Wrap parsed triples as a real ``QueryTriples`` (a CONSTRUCT over a scratch in-memory store)."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


@dataclass(frozen=True)
class Access:
    """How to reach an endpoint, credentials included, for another process (a Dask worker, kg.cluster_write) to
    open the same store: :meth:`open`. Its repr names the URLs only, so that a log line that prints it (Dask's
    do, for a task's arguments) does not carry the password or token."""

    query_url: str
    update_url: str
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    timeout: float = 60.0

    def open(self) -> RemoteStore:
        return RemoteStore(self.query_url, self.update_url, user=self.user, password=self.password,
                           token=self.token, timeout=self.timeout)


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint reached over HTTP with httpx."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 60.0,
    ):
        url = httpx.URL(query_url)
        if url.userinfo:
            user, password = user or url.username, password or url.password
            url = url.copy_with(username=None, password=None)
        self.query_url = str(url)
        self.update_url = update_url or default_update_url(self.query_url)
        self.spec = self.query_url
        self.access = Access(self.query_url, self.update_url, user, password, token, timeout)
        auth = httpx.BasicAuth(user, password or "") if user else None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.Client(auth=auth, headers=headers, timeout=timeout)
        self.timeout = timeout
        self._ensure_ontology()
        self._upgrade()

    # --- HTTP --------------------------------------------------------------------------

    def _post(self, url: str, data: Mapping[str, object], accept: str | None = None) -> httpx.Response:
        try:
            response = self._client.post(url, data=data, headers={"Accept": accept} if accept else None)
        except httpx.TimeoutException:
            raise StoreError(f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s "
                             "(KG_QUERY_TIMEOUT sets the limit)") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {exc}") from None
        if response.status_code in (400, 422):
            raise QueryError(f"SPARQL error from the endpoint: {response.text.strip()[:500]}")
        if response.status_code in (401, 403):
            raise StoreError(f"the SPARQL endpoint {url} refused the request (HTTP {response.status_code}); check credentials")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL endpoint {url} failed with HTTP {response.status_code}: {response.text.strip()[:500]}")
        return response

    # --- reading -------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union: bool = True,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ):
        data: dict[str, object] = {"query": bind(sparql, bindings)}
        if default_graphs is not None or named_graphs is not None:
            data["default-graph-uri"] = [str(g) for g in default_graphs or ()]
            data["named-graph-uri"] = [str(g) for g in named_graphs or ()]
        response = self._post(self.query_url, data, ACCEPT)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        if results_format is not None:
            try:
                return ox.parse_query_results(response.content, results_format)
            except SyntaxError as exc:
                raise StoreError(f"the SPARQL endpoint sent unreadable results: {exc}") from None
        rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
        if rdf_format is None:
            raise StoreError(f"the SPARQL endpoint answered with an unknown media type {media_type!r}")
        try:
            return _triples_result(list(ox.parse(response.content, rdf_format)))
        except SyntaxError as exc:
            raise StoreError(f"the SPARQL endpoint sent unreadable RDF: {exc}") from None

    query.__doc__ = Store.query.__doc__ + "\n\n        Remote: ``union`` is the endpoint's own setting (see the module docs).\n"

    def _scalar(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> int:
        rows = self.select(sparql, bindings)
        return int(rows[0]["n"].toPython()) if rows else 0

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(str(r["g"])) for r in self.select(_GRAPHS) if isinstance(r["g"], URIRef))

    def has_graph(self, graph: URIRef) -> bool:
        return self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})

    def count(self, graph: URIRef | None = None) -> int:
        """Quads in the named graphs (the endpoint's own default graph is not counted), or triples in one graph."""
        if graph is None:
            return self._scalar(_COUNT_QUADS)
        return self._scalar("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})

    def dump(self, out: IO[bytes], format: str = "nquads", graph: URIRef | None = None) -> None:
        fmt = RDF_FORMATS[format]
        if graph is None:
            rows = list(self.query(_QUADS))
            if fmt.supports_datasets:
                items = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
            else:  # triple formats get the union of all graphs
                items = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
        else:
            rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
            items = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
        out.write(ox.serialize(items, format=fmt))

    # --- writing -------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql})

    def load(self, data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> int:
        quads = [(q.subject, q.predicate, q.object, q.graph_name) for q in parse_quads(data, format, graph)]
        before = len(self)
        update = insert_data(quads)
        if update:
            self.update(update)  # one request
        if any(q[3] is None or isinstance(q[3], ox.DefaultGraph) for q in quads):
            return len(quads)  # the endpoint's default graph is not counted: report what was sent
        return len(self) - before

    def close(self) -> None:
        self._client.close()
