"""SERVICE and LOAD cannot make the server fetch what it was not configured to fetch; deep nesting is refused."""

from __future__ import annotations

import http.server
import json
import re
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from api import Settings, create_app
from api.sparql_guard import MAX_NESTING, MAX_OPERATORS, Refused, check_target, fetch_targets

from .serve_process import free_port, kg_serve

ROW = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "from the listener"}}]}}
OFF = "SERVICE (federated query) is disabled on this server (KG_SPARQL_SERVICE=1 enables it)"
LOAD_OFF = "LOAD (the server fetching a URL) is disabled on this server (KG_SPARQL_SERVICE=1 enables it)"
AUTH = {"authorization": "Bearer t"}


@pytest.fixture(scope="module")
def listener():
    """A loopback HTTP server answering every request with one SPARQL result row; ``.hits`` lists the paths."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            server.hits.append(self.path)
            body = json.dumps(ROW).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def _client(seed_store, **settings) -> TestClient:
    return TestClient(create_app(Settings(store=":memory:", query_workers=0, update_token="t", **settings),
                                 store=seed_store))


# Each spelling calls http://127.0.0.1:PORT/x; the second item is the IRI the guard resolves it to.
SPELLINGS = [
    # the probe's: a '\#' in a prefixed name made the old check skip the rest of the line
    r"PREFIX ex: <http://example.org/> SELECT ?x { OPTIONAL { ?s ex:a\#b ?o } SERVICE <{L}/x> { ?x ?y ?z } }",
    # an IRI written with \u escapes before the call, then the '#' it holds
    r"SELECT ?x { OPTIONAL { ?s <http://example.org/a\u0023b> ?o } SERVICE <{L}/x> { ?x ?y ?z } }",
    "select ?x { service <{L}/x> { ?x ?y ?z } }",
    "SELECT ?x { SeRvIcE <{L}/x> { ?x ?y ?z } }",
    "SELECT ?x { SERVICE SILENT <{L}/x> { ?x ?y ?z } }",
    r"SELECT ?x { SERVICE <{L}/\u0078> { ?x ?y ?z } }",
    "PREFIX loop: <{L}/> SELECT ?x { SERVICE loop:x { ?x ?y ?z } }",
    "PREFIX : <{L}/> SELECT ?x { SERVICE:x { ?x ?y ?z } }",
    "PREFIX : <{L}/> SELECT ?x { SERVICE SILENT:x { ?x ?y ?z } }",
    "BASE <{L}/> SELECT ?x { SERVICE <x> { ?x ?y ?z } }",
    'SELECT ?x { ?s ?p "#" . ?s ?p "a\\"#" . ?s ?p """ "# """ OPTIONAL{?s ?p ?o}SERVICE<{L}/x>{ ?x ?y ?z } }',
    "SELECT ?x { # SERVICE in a comment\n SERVICE <{L}/x> { ?x ?y ?z } }",
    "SELECT ?x { { SELECT ?x { SERVICE <{L}/x> { ?x ?y ?z } } } }",
]


def _spell(template: str, listener) -> str:
    return template.replace("{L}", f"http://127.0.0.1:{listener.server_address[1]}")


@pytest.mark.parametrize("template", SPELLINGS)
def test_service_is_refused_in_every_spelling_and_nothing_is_fetched(seed_store, listener, template):
    with _client(seed_store) as c:
        r = c.get("/sparql", params={"query": _spell(template, listener)})
    assert (r.status_code, r.json()) == (400, {"detail": OFF})
    assert listener.hits == []


@pytest.mark.parametrize("template", SPELLINGS)
def test_with_service_on_loopback_stays_refused(seed_store, listener, template):
    with _client(seed_store, allow_service=True) as c:
        r = c.get("/sparql", params={"query": _spell(template, listener)})
    assert r.status_code == 400
    assert r.json() == {"detail": f"SERVICE <{_spell('{L}/x', listener)}>: 127.0.0.1 is a loopback, link-local "
                                  "or private address (127.0.0.1); allow it with KG_SPARQL_SERVICE_HOSTS"}
    assert listener.hits == []


def test_an_allowed_host_is_fetched(seed_store, listener):
    with _client(seed_store, allow_service=True, service_hosts=["127.0.0.1"]) as c:
        r = c.get("/sparql", params={"query": _spell(SPELLINGS[0], listener)})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"] == [{"x": {"type": "literal", "value": "from the listener"}}]
    assert [hit.split("?")[0] for hit in listener.hits] == ["/x"]  # the engine's one request
    listener.hits.clear()


def test_service_in_an_update_and_load_are_refused(seed_store, listener):
    loop = _spell("{L}", listener)
    with _client(seed_store) as c:
        r = c.post("/sparql", data={"update": f"INSERT {{ ?x ?x ?x }} WHERE {{ SERVICE <{loop}/x> {{ ?x ?y ?z }} }}"},
                   headers=AUTH)
        assert (r.status_code, r.json()) == (400, {"detail": OFF})
        r = c.post("/sparql", content=f"LOAD <{loop}/data.ttl>", headers={**AUTH, "content-type": "application/sparql-update"})
        assert (r.status_code, r.json()) == (400, {"detail": LOAD_OFF})
    assert listener.hits == []


@pytest.mark.parametrize("iri, detail", [
    ("http://localhost/x", "localhost is a loopback, link-local or private address (127.0.0.1)"),
    ("http://[::1]:8000/x", "::1 is a loopback, link-local or private address (::1)"),
    ("http://169.254.169.254/latest", "169.254.169.254 is a loopback, link-local or private address (169.254.169.254)"),
    ("http://10.1.2.3/x", "10.1.2.3 is a loopback, link-local or private address (10.1.2.3)"),
    ("http://192.168.0.1/x", "192.168.0.1 is a loopback, link-local or private address (192.168.0.1)"),
    ("http://2130706433/x", "2130706433 is a loopback, link-local or private address (127.0.0.1)"),
    ("http://[::ffff:127.0.0.1]/x", "::ffff:127.0.0.1 is a loopback, link-local or private address (127.0.0.1)"),
    ("http://user@127.0.0.1/x", "the host must be a plain name or address (no user, no escapes)"),
    ("file:///etc/passwd", "only http and https endpoints"),
])
def test_check_target_refuses_local_addresses(iri, detail):
    with pytest.raises(Refused) as caught:
        check_target("SERVICE", iri, frozenset())
    assert str(caught.value).startswith(f"SERVICE <{iri}>: {detail}")


def test_targets_are_resolved_as_the_engine_resolves_them():
    q = "BASE <http://a.example/q/> PREFIX p: <r/> SELECT * { SERVICE p:s\\~t {} SERVICE <../u> {} }"
    assert fetch_targets(q, "http://endpoint/sparql") == [("SERVICE", "http://a.example/q/r/s~t"),
                                                          ("SERVICE", "http://a.example/u")]
    update = "LOAD SILENT <data.ttl> INTO GRAPH <g>"
    assert fetch_targets(update, "http://endpoint/sparql") == [("LOAD", "http://endpoint/data.ttl")]
    # a prefix may be called service, and the word may sit in strings, IRIs and comments
    assert fetch_targets('PREFIX service: <http://e/> ASK { ?s service:x "service" ; <http://e/service> ?o }', "") == []


def test_a_variable_or_an_undeclared_prefix_as_endpoint_is_refused():
    with pytest.raises(Refused, match=r"^SERVICE must name its endpoint with an IRI, not '\?e', on this server$"):
        fetch_targets("SELECT * { SERVICE ?e { ?s ?p ?o } }", "")
    with pytest.raises(Refused, match=r"^SERVICE names its endpoint with the undeclared prefix 'nope:'$"):
        fetch_targets("SELECT * { SERVICE nope:x { ?s ?p ?o } }", "")


def test_nesting_deeper_than_the_limit_is_refused(seed_store):
    deep = MAX_NESTING + 1
    detail = f"the request nests {{, ( and [ deeper than {MAX_NESTING} levels"
    with _client(seed_store) as c:
        ok = "SELECT * " + "{ " * MAX_NESTING + "?s ?p ?o" + " }" * MAX_NESTING
        assert c.get("/sparql", params={"query": ok}).status_code == 200
        for text in ("SELECT * " + "{ " * deep + "?s ?p ?o" + " }" * deep,
                     "ASK { FILTER(" + "(" * deep + "1" + ")" * deep + ") }",
                     "ASK { ?s ?p " + "[ ?p " * deep + "?o" + " ]" * deep + " }"):
            r = c.get("/sparql", params={"query": text})
            assert (r.status_code, r.json()) == (400, {"detail": detail})
        r = c.post("/sparql", data={"update": "INSERT { ?s ?p ?o } WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000},
                   headers=AUTH)
        assert (r.status_code, r.json()) == (400, {"detail": detail})


CHAIN = f"the request has more than {MAX_OPERATORS} operators, UNIONs, FILTERs and other pattern keywords; split it into several requests"
N = MAX_OPERATORS + 2  # links, so N - 1 operators


@pytest.mark.parametrize("text", [
    "SELECT ?x { BIND(" + "+".join(["1"] * N) + " AS ?x) }",
    "ASK { FILTER(" + " || ".join(["true"] * N) + ") }",
    "SELECT ?s { ?s " + "/".join(["<http://e/p>"] * N) + " ?o }",
    "SELECT ?s { " + " UNION ".join(["{ ?s ?p ?o }"] * N) + " }",
    "SELECT ?s { ?s ?p ?o " + " ".join(["FILTER(?s)"] * N) + " }",
    "ASK { FILTER(" + "!" * N + "true) }",
], ids=["plus", "or", "path", "union", "filters", "not"])
def test_a_chain_longer_than_the_limit_is_refused(text):
    """Flat chains are trees as deep as they are long to the engine: 10,000 links overflowed its stack."""
    with pytest.raises(Refused, match="^" + re.escape(CHAIN) + "$"):
        fetch_targets(text, "")


def test_chains_up_to_the_limit_and_bulk_data_pass():
    assert fetch_targets("SELECT ?x { BIND(" + "+".join(["1"] * MAX_OPERATORS) + " AS ?x) }", "") == []  # BIND + 999
    data = " ".join(f'<http://e/s{i}> <http://e/p> "a+b/c"^^<http://e/t> .' for i in range(5000))
    assert fetch_targets(f"INSERT DATA {{ {data} }}", "") == []  # IRIs, strings and datatypes are no operators
    assert fetch_targets("SELECT ?x { BIND(" + "+".join(["1"] * N) + " AS ?x) }", "", max_operators=N) == []


def test_a_long_operator_chain_is_refused(seed_store):
    with _client(seed_store) as c:
        r = c.post("/sparql", data={"query": "SELECT ?x { BIND(" + "+".join(["1"] * 20_000) + " AS ?x) }"})
        assert (r.status_code, r.json()) == (400, {"detail": CHAIN})


def test_a_deep_query_does_not_kill_a_server_that_reads_in_its_own_process(tmp_path):
    """5,000 nested braces overflowed the engine's stack: with --query-workers 0 that was the whole server."""
    query = "SELECT * " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000
    with kg_serve(str(tmp_path / "store"), "--query-workers", "0") as (server, base):
        r = httpx.get(f"{base}/sparql", params={"query": query}, timeout=30)
        assert (r.status_code, r.json()) == (400, {"detail": f"the request nests {{, ( and [ deeper than {MAX_NESTING} levels"})
        assert httpx.get(f"{base}/health", timeout=10).status_code == 200
        assert server.poll() is None


def test_load_of_an_unreadable_source_is_the_requests_fault(seed_store):
    with _client(seed_store, allow_service=True, service_hosts=["127.0.0.1"]) as c:
        r = c.post("/sparql", data={"update": f"LOAD <http://127.0.0.1:{free_port()}/data.ttl>"}, headers=AUTH)
    assert (r.status_code, r.json()) == (400, {"detail": "LOAD failed: Connection refused (os error 111)"})
