"""The SPARQL 1.1 Protocol endpoint: query (GET, form POST, direct POST) and update (POST, with a token).

Requests are read by hand rather than through declared parameters, because
the protocol counts repeated parameters (two ``query`` values are an error),
accepts the same names in the URL and in a form body, and turns on the
request's media type and charset.
"""

from __future__ import annotations

import re
import urllib.parse
from functools import lru_cache

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool

from kg.errors import QueryError, StoreError
from kg.sparql import term_n3

from ..deps import QueriesDep, SettingsDep, StoreDep, WriteLockDep, bearer_credentials, check_token
from ..negotiation import GRAPH_TYPES, RESULT_TYPES, choose
from ..answers import RETRY_AFTER, run_read
from ..query_pool import Busy, QueryTimeout
from ..sparql_guard import Refused, check_target, fetch_targets
from ..sparql_lexer import LexError
from ..update_dataset import DatasetConflict, with_using
from ..update_trial import CRASHED, EngineCrashed

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
_POSITION = re.compile(r"at 1:(\d+)")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

def _uri_list_params(described: tuple[tuple[str, str], ...]) -> list[dict]:
    """OpenAPI entries of repeatable IRI query parameters (name, description)."""
    return [{"name": name, "in": "query", "required": False, "description": text,
             "schema": {"type": "array", "items": {"type": "string", "format": "uri"}}, "style": "form",
             "explode": True} for name, text in described]


_DATASET_PARAMS = _uri_list_params((
    ("default-graph-uri", "A graph of the query's default graph (repeatable); default: the union of all graphs."),
    ("named-graph-uri", "A graph the query may name with GRAPH (repeatable); default: all named graphs."),
))
_USING_PARAMS = _uri_list_params((
    ("using-graph-uri", "For updates: a graph of the WHERE clause's default graph (repeatable)."),
    ("using-named-graph-uri", "For updates: a named graph the WHERE clause may use (repeatable)."),
))
_ERRORS = {
    "400": {"description": "Malformed request or query (syntax error, two queries, wrong media type or charset)"},
    "401": {"description": "An update without a valid token"},
    "403": {"description": "Updates are disabled (no token configured)"},
    "406": {"description": "No acceptable result type"},
    "413": {"description": "Request body too large"},
    "429": {"description": "Too many SPARQL queries running and waiting: retry after Retry-After seconds"},
    "503": {"description": "The query ran longer than the timeout and was stopped"},
}
_JSON_RESULTS = {"type": "object", "required": ["head"],
                 "properties": {"head": {"type": "object"}, "results": {"type": "object"}, "boolean": {"type": "boolean"}}}
_RESULT_SCHEMAS = {"application/sparql-results+json": _JSON_RESULTS, "application/json": _JSON_RESULTS}
_RESULTS = {
    "200": {
        "description": "Query results (SELECT/ASK) or an RDF graph (CONSTRUCT/DESCRIBE, or the service description)",
        "content": {media: {"schema": _RESULT_SCHEMAS.get(media, {})} for media in {**RESULT_TYPES, **GRAPH_TYPES}},
    },
    "204": {"description": "The update was applied"},
}
_GET_DOC = {
    "parameters": [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "A SPARQL 1.1 query. Without it, the endpoint answers with its service description.",
         "example": "SELECT ?type (COUNT(*) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"},
        *_DATASET_PARAMS,
    ],
    "responses": {**_RESULTS, **_ERRORS},
}
_TEXT = {"schema": {"type": "string"}}
_POST_DOC = {
    "security": [{"HTTPBearer": []}, {}],  # updates only
    "parameters": _DATASET_PARAMS + _USING_PARAMS,
    "requestBody": {
        "required": True,
        "content": {
            FORM: {"schema": {"type": "object", "properties": {
                "query": {"type": "string"}, "update": {"type": "string"},
                "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                "using-named-graph-uri": {"type": "array", "items": {"type": "string"}},
            }}},
            QUERY: {**_TEXT, "example": "ASK { ?s ?p ?o }"},
            UPDATE: {**_TEXT, "example": "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> "
                                         "<https://example.org/p> 1 } }"},
        },
    },
    "responses": {**_RESULTS, **_ERRORS},
}


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise HTTPException(400, f"more than one {name} parameter; send exactly one")
    return values[0] if values else None


def _iris(params: dict[str, list[str]], name: str) -> list[str] | None:
    values = params.get(name)
    if not values:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise HTTPException(400, f"{name} is not an absolute IRI: {value!r}") from None
    return values


def _media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type (lower case) and its charset parameter, if any."""
    header = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in header.split(";")]
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, f"the {what} is not valid UTF-8") from None


def _base(request: Request) -> str:
    """The endpoint's own URL: the base IRI of relative IRIs in queries and updates."""
    return str(request.url.replace(query="", fragment=""))


def _with_base(text: str, base: str) -> str:
    """``text`` with the endpoint as its base IRI, on the same line so that error positions stay right."""
    return _base_clause(base) + text


@lru_cache(maxsize=64)
def _base_clause(base: str) -> str:
    return f"BASE {term_n3(URIRef(base))} "


def _unshift(message: str, base: str) -> str:
    """Error positions on line 1 as the client wrote it (without the BASE prefix)."""
    shift = len(_with_base("", base))
    return _POSITION.sub(lambda m: f"at 1:{max(int(m.group(1)) - shift, 0)}", message)


_DISABLED = {
    "SERVICE": "SERVICE (federated query) is disabled on this server (KG_SPARQL_SERVICE=1 enables it)",
    "LOAD": "LOAD (the server fetching a URL) is disabled on this server (KG_SPARQL_SERVICE=1 enables it)",
}


async def _guard(request: Request, text: str) -> list[tuple[str, str]]:
    """400 for a request nested too deep, or fetching (SERVICE, LOAD) what the server may not fetch; else what
    it fetches."""
    settings = request.app.state.settings
    try:
        targets = fetch_targets(text, _base(request), settings.max_sparql_operators)
        for keyword, _ in targets:
            if not settings.allow_service:
                raise Refused(_DISABLED[keyword])
        if targets:
            await run_in_threadpool(_check_targets, targets, frozenset(settings.service_hosts))
    except Refused as exc:
        raise HTTPException(400, str(exc)) from None
    return targets


def _check_targets(targets: list[tuple[str, str]], hosts: frozenset[str]) -> None:
    for keyword, iri in targets:
        check_target(keyword, iri, hosts)


def service_description(request: Request, updates: bool) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    endpoint = URIRef(_base(request))
    node = URIRef(f"{endpoint}#service")
    g.add((node, RDF.type, SD.Service))
    g.add((node, SD.endpoint, endpoint))
    g.add((node, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        g.add((node, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((node, SD.feature, SD.UnionDefaultGraph))
    if request.app.state.settings.allow_service:
        g.add((node, SD.feature, SD.BasicFederatedQuery))
    formats = {
        "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
        "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
        "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "text/turtle": "http://www.w3.org/ns/formats/Turtle",
        "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
        "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
        "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
    }
    for iri in formats.values():
        g.add((node, SD.resultFormat, URIRef(iri)))
    g.add((node, URIRef("http://purl.org/dc/terms/title"), Literal("kg SPARQL endpoint")))
    return g


def _describe_service(request: Request, updates: bool) -> Response:
    media = choose(request.headers.get("accept"), tuple(GRAPH_TYPES))
    if media is None:
        raise HTTPException(406, f"the service description is RDF; acceptable types: {', '.join(GRAPH_TYPES)}")
    fmt = {ox.RdfFormat.TURTLE: "turtle", ox.RdfFormat.N_TRIPLES: "nt", ox.RdfFormat.JSON_LD: "json-ld",
           ox.RdfFormat.RDF_XML: "xml"}[GRAPH_TYPES[media]]
    return Response(service_description(request, updates).serialize(format=fmt, encoding="utf-8"), media_type=media)


def _check_graphs(params: dict[str, list[str]]) -> None:
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        _iris(params, name)


async def _query(request: Request, queries, params: dict[str, list[str]], sparql: str) -> Response:
    for name in ("using-graph-uri", "using-named-graph-uri"):
        if params.get(name):
            raise HTTPException(400, f"{name} applies to updates; queries take default-graph-uri and named-graph-uri")
    default_graphs, named_graphs = _iris(params, "default-graph-uri"), _iris(params, "named-graph-uri")
    await _guard(request, sparql)
    base = _base(request)
    status, media, body = await run_read(
        queries, "sparql", _with_base(sparql, base), default_graphs, named_graphs, request.headers.get("accept"),
        request.app.state.settings.max_result_bytes,
    )
    if status != 200:
        raise HTTPException(status, _unshift(body.decode("utf-8", "replace"), base))
    return Response(body, media_type=media)


async def _trial(queries, text: str, base: str) -> None:
    """Run the update on an empty store in another process first, where a crash of the engine cannot take the
    server down (:mod:`api.update_trial`): 400 if it crashed there or does not parse."""
    try:
        status, _, body = await queries.run("trial_update", text)
    except EngineCrashed:
        raise HTTPException(400, CRASHED) from None
    except QueryTimeout:
        raise HTTPException(503, f"the update's trial run took longer than the {queries.timeout:g} s limit; "
                                 "it was not applied") from None
    except Busy as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": RETRY_AFTER}) from None
    if status != 200:
        raise HTTPException(status, _unshift(body.decode("utf-8", "replace"), base))


async def _update(request: Request, params, text: str, store, queries, lock, settings, credentials) -> Response:
    check_token(settings, credentials)
    for name in ("default-graph-uri", "named-graph-uri"):
        if params.get(name):
            raise HTTPException(400, f"{name} applies to queries; updates take using-graph-uri and using-named-graph-uri")
    loads = [iri for keyword, iri in await _guard(request, text) if keyword == "LOAD"]
    try:
        text = with_using(text, _iris(params, "using-graph-uri") or (), _iris(params, "using-named-graph-uri") or ())
    except DatasetConflict as exc:
        raise HTTPException(400, str(exc)) from None
    except LexError as exc:
        raise HTTPException(400, f"SPARQL syntax error: {exc}") from None
    base = _base(request)
    text = _with_base(text, base)
    if not loads:  # a trial of LOAD would fetch its source a second time: the guard checked the target instead
        await _trial(queries, text, base)
    async with lock:
        try:
            await run_in_threadpool(store.update, text)
        except QueryError as exc:
            raise HTTPException(400, _unshift(str(exc), base)) from None
        except StoreError as exc:
            if loads:  # an unreadable source is the request's fault
                raise HTTPException(400, f"LOAD failed: {exc}") from None
            raise HTTPException(500, f"the store failed: {exc}") from None
        await queries.refresh()
    return Response(status_code=204)


@router.get(
    "/sparql",
    summary="SPARQL query by GET (no query: the service description)",
    response_class=Response,
    openapi_extra=_GET_DOC,
)
async def sparql_get(request: Request, queries: QueriesDep, settings: SettingsDep) -> Response:
    params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    if "update" in params:
        raise HTTPException(400, "SPARQL Update must be sent by POST")
    sparql = _one(params, "query")
    _check_graphs(params)  # malformed IRIs are 400 in any case
    if sparql is None:
        return _describe_service(request, bool(settings.update_token))
    return await _query(request, queries, params, sparql)


@router.post(
    "/sparql",
    summary="SPARQL query or update by POST (form, application/sparql-query or application/sparql-update)",
    response_class=Response,
    openapi_extra=_POST_DOC,
)
async def sparql_post(
    request: Request,
    store: StoreDep,
    queries: QueriesDep,
    settings: SettingsDep,
    lock: WriteLockDep,
) -> Response:
    credentials = bearer_credentials(request)  # only updates need it: not a declared (required) dependency
    media, charset = _media_type(request)
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(400, f"unsupported charset {charset!r}: send UTF-8")
    params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
    _check_graphs(params)
    body = await request.body()
    if media == FORM:
        form = urllib.parse.parse_qs(_decode(body, "form body"), keep_blank_values=True)
        for name, values in form.items():
            params.setdefault(name, []).extend(values)
        _check_graphs(params)
        sparql, update = _one(params, "query"), _one(params, "update")
        if sparql is not None and update is not None:
            raise HTTPException(400, "send either query or update, not both")
        if sparql is not None:
            return await _query(request, queries, params, sparql)
        if update is not None:
            return await _update(request, params, update, store, queries, lock, settings, credentials)
        raise HTTPException(400, "the form has neither a query nor an update parameter")
    if media == QUERY:
        if "query" in params or "update" in params:
            raise HTTPException(400, "a direct POST carries the query in its body, not in a query parameter")
        return await _query(request, queries, params, _decode(body, "query"))
    if media == UPDATE:
        if "query" in params or "update" in params:
            raise HTTPException(400, "a direct POST carries the update in its body, not in an update parameter")
        return await _update(request, params, _decode(body, "update"), store, queries, lock, settings, credentials)
    shown = media or "none"
    raise HTTPException(400, f"unsupported Content-Type {shown}: use {FORM}, {QUERY} or {UPDATE}")
