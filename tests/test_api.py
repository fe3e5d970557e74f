"""The REST API on the seed article: answers, exact status codes and messages."""

from __future__ import annotations

import os
import signal

import pytest
from fastapi.testclient import TestClient

from api import Settings, create_app
from kg import __version__
from kg.search import RANKS

IRAQ = "location/iraq"


@pytest.fixture(scope="module")
def client(seed_store):
    with TestClient(create_app(Settings(store=":memory:", query_workers=0), store=seed_store)) as c:
        yield c


def test_health(client, seed_store):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": __version__, "has_data": True}


def test_stats(client):
    r = client.get("/stats")
    assert r.status_code == 200 and r.json()["articles"] == 1


def test_factory_opens_its_own_store(tmp_path):
    with TestClient(create_app(Settings(store=str(tmp_path / "s"), query_workers=1))) as c:
        assert c.get("/health").json()["status"] == "ok"
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_rest_reads_run_in_query_workers_under_the_timeout(tmp_path):
    """A REST read that does not finish in time is stopped like a SPARQL query: 503, its worker replaced."""
    with TestClient(create_app(Settings(store=str(tmp_path / "s"), query_workers=1, query_timeout=1))) as c:
        assert c.get("/stats").json()["articles"] == 0  # answered by the worker, once it is up
        pool = c.app.state.queries
        stuck = pool.lanes["rest"].workers[0].process.pid
        os.kill(stuck, signal.SIGSTOP)  # the next read never finishes
        r = c.get("/entities/location/iraq")
        assert r.status_code == 503
        assert r.json() == {"detail": "the query ran longer than the 1 s limit and was stopped"}
        assert pool.lanes["rest"].workers[0].process.pid != stuck
        r = c.get("/entities/location/iraq")  # the replacement answers
        assert r.status_code == 404 and r.json() == {"detail": "no entity with id 'location/iraq'"}


# --- entities ------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["ira", "IRA", "Íra", "  ira "])
def test_search_is_case_and_accent_insensitive_and_ranks_prefixes_first(client, q):
    r = client.get("/entities", params={"q": q})
    assert r.status_code == 200
    found = r.json()["entities"]
    assert found[0]["id"] == IRAQ and found[0]["match"] == "prefix" and found[0]["matched"] == "Iraq"
    ranks = [RANKS.index(e["match"]) for e in found]
    assert ranks == sorted(ranks)


def test_search_finds_the_middle_of_a_name_and_typos(client):
    middle = client.get("/entities", params={"q": "raq"}).json()["entities"]
    assert IRAQ in [e["id"] for e in middle] and {e["match"] for e in middle} == {"substring"}
    assert client.get("/entities", params={"q": "iraq"}).json()["entities"][0]["id"] == IRAQ
    typo = client.get("/entities", params={"q": "jasin"}).json()["entities"]
    assert typo[0] | {"statements": 0} == {"id": "person/sami-jasim", "iri": "https://w3id.org/kg/id/person/sami-jasim",
                                          "label": "Sami Jasim", "type": "Person", "matched": "Jasim",
                                          "match": "fuzzy", "statements": 0}


def test_search_in_the_workers_sees_every_acknowledged_write(tmp_path):
    """The query workers read the index file beside the store, which each write brings in step before it answers."""
    entity = "<https://w3id.org/kg/id/person/jalal-al-dhahab>"
    graph = "<https://w3id.org/kg/id/article/notes>"
    insert = (f"INSERT DATA {{ GRAPH {graph} {{ {entity} a <https://w3id.org/kg/ontology#Person> ; "
              f'<http://www.w3.org/2000/01/rdf-schema#label> "Jalal al-Dhahab" . '
              f"{graph} a <https://w3id.org/kg/ontology#Article> }} }}")
    auth = {"Authorization": "Bearer t", "Content-Type": "application/sparql-update"}
    with TestClient(create_app(Settings(store=str(tmp_path / "s"), query_workers=1, update_token="t"))) as c:
        assert c.get("/entities", params={"q": "dhahab"}).json()["entities"] == []
        assert c.post("/sparql", content=insert, headers=auth).status_code == 204
        found = c.get("/entities", params={"q": "dhahab"}).json()["entities"]
        assert [(e["id"], e["match"]) for e in found] == [("person/jalal-al-dhahab", "word")]
        r = c.delete("/articles/notes", headers={"Authorization": "Bearer t"})
        assert r.status_code == 200 and r.json() == {"deleted": "notes"}
        assert c.get("/entities", params={"q": "dhahab"}).json()["entities"] == []


def test_search_by_type_and_pagination_is_stable(client):
    everyone = client.get("/entities", params={"type": "Person", "limit": 100}).json()["entities"]
    assert everyone and {e["type"] for e in everyone} == {"Person"}
    pages = [client.get("/entities", params={"type": "Person", "limit": 2, "offset": o}).json()["entities"]
             for o in range(0, len(everyone), 2)]
    assert [e["id"] for page in pages for e in page] == [e["id"] for e in everyone]
    labels = [e["label"].lower() for e in everyone]
    assert labels == sorted(labels)


def test_search_regex_characters_are_literal(client):
    for q in [".*", "(", "[a-z]", "\\", "a|b", '"', "'"]:
        r = client.get("/entities", params={"q": q})
        assert r.status_code == 200 and r.json()["entities"] == [], q


def test_search_rejects_unknown_type(client):
    r = client.get("/entities", params={"type": "Animal"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "type"]


def test_entity(client):
    r = client.get(f"/entities/{IRAQ}")
    assert r.status_code == 200
    body = r.json()
    assert body["label"] == "Iraq" and body["type"] == "Location"
    assert body["articles"] == ["000_7c71ae8a3147dccc"]
    assert body["statements"]["as_agent"] >= 1 and body["mentions"] >= 1


def test_entity_not_found(client):
    r = client.get("/entities/person/nobody")
    assert r.status_code == 404
    assert r.json() == {"detail": "no entity with id 'person/nobody'"}


def _neighbours(client, **params):
    r = client.get(f"/entities/{IRAQ}/neighbours", params=params)
    assert r.status_code == 200
    return r.json()["neighbours"]


def test_neighbours_one_hop(client):
    r = client.get(f"/entities/{IRAQ}/neighbours")
    assert r.status_code == 200
    body = r.json()
    assert body["entity"]["id"] == IRAQ and body["total"] == len(body["neighbours"]) > 0
    for n in body["neighbours"]:
        assert n["depth"] == 1 and n["edges"]
        for edge in n["edges"]:
            assert (edge["source"], edge["target"]) == ((IRAQ, n["id"]) if edge["direction"] == "out" else (n["id"], IRAQ))
            assert edge["article"] == "000_7c71ae8a3147dccc" and 0 < edge["confidence"] <= 1
            assert edge["relation"] and client.get(f"/statements/{edge['statement']}").status_code == 200


def test_neighbours_two_hops_reach_further(client):
    one = client.get(f"/entities/{IRAQ}/neighbours", params={"depth": 1}).json()
    two = client.get(f"/entities/{IRAQ}/neighbours", params={"depth": 2}).json()
    assert two["total"] > one["total"]
    assert [n["id"] for n in two["neighbours"] if n["depth"] == 1] == [n["id"] for n in one["neighbours"]]


def _edges(neighbours):
    return [e for n in neighbours for e in n["edges"]]


def test_neighbours_direction(client):
    both, out, in_ = _neighbours(client), _neighbours(client, direction="out"), _neighbours(client, direction="in")
    assert {e["direction"] for e in _edges(out)} <= {"out"} and {e["direction"] for e in _edges(in_)} <= {"in"}
    assert sorted(map(str, _edges(out) + _edges(in_))) == sorted(map(str, _edges(both)))


def test_neighbours_relation_and_event_type(client):
    edge = _edges(_neighbours(client))[0]
    same = _edges(_neighbours(client, relation=edge["relation"].upper()))
    assert edge in same and {e["relation"] for e in same} == {edge["relation"]}
    assert _neighbours(client, relation="no such relation") == []
    event = edge["event_types"][0]
    typed = _edges(_neighbours(client, event_type=event))
    assert edge in typed and all(event in e["event_types"] for e in typed)


def test_neighbours_date_range_drops_undated(client):
    published = {a["id"]: client.get(f"/articles/{a['id']}").json()["published"]
                 for a in client.get("/articles").json()["articles"]}
    dated = _edges(_neighbours(client, depth=3, since="1900-01-01"))
    assert all(e["time"] or published[e["article"]] for e in dated)
    assert len(dated) <= len(_edges(_neighbours(client, depth=3)))


def test_neighbours_pagination(client):
    whole = client.get(f"/entities/{IRAQ}/neighbours", params={"depth": 2}).json()["neighbours"]
    paged = [client.get(f"/entities/{IRAQ}/neighbours", params={"depth": 2, "limit": 1, "offset": i}).json()
             ["neighbours"][0] for i in range(len(whole))]
    assert paged == whole


@pytest.mark.parametrize("params, loc", [
    ({"depth": 4}, ["query", "depth"]),
    ({"depth": 0}, ["query", "depth"]),
    ({"direction": "sideways"}, ["query", "direction"]),
    ({"since": "yesterday"}, ["query", "since"]),
    ({"limit": 0}, ["query", "limit"]),
    ({"event_type": "Picnic"}, ["query", "event_type"]),
])
def test_neighbours_bad_parameters(client, params, loc):
    r = client.get(f"/entities/{IRAQ}/neighbours", params=params)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == loc


def test_neighbours_since_after_until(client):
    r = client.get(f"/entities/{IRAQ}/neighbours", params={"since": "2020-01-02", "until": "2020-01-01"})
    assert r.status_code == 400
    assert r.json() == {"detail": "since is after until"}


def test_neighbours_not_found(client):
    r = client.get("/entities/person/nobody/neighbours")
    assert r.status_code == 404
    assert r.json() == {"detail": "no entity with id 'person/nobody'"}


def test_neighbours_example_is_the_seed_articles_answer(client):
    from api.examples import NEIGHBOURS_EXAMPLE

    assert client.get(f"/entities/{IRAQ}/neighbours", params={"limit": 2}).json() == NEIGHBOURS_EXAMPLE


def test_neighbours_edges_say_whether_negated_and_how_hedged(store):
    """A denial, an alleged capture, and a statement without kg:negated (as loaded RDF may be)."""
    kg, xsd = "https://w3id.org/kg/ontology#", "http://www.w3.org/2001/XMLSchema#"
    g = "<https://w3id.org/kg/id/article/a>"
    p = "<https://w3id.org/kg/id/person/p>"
    quads = [f"{p} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kg}Person>"]
    for name, details in (("denied", [f'<{kg}negated> "true"^^<{xsd}boolean>']),
                          ("alleged", [f'<{kg}negated> "false"^^<{xsd}boolean>', f'<{kg}modality> "alleged"']),
                          ("bare", [])):
        st = f"<https://w3id.org/kg/id/statement/{name}>"
        quads += [f"{st} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kg}Statement>", f"{st} <{kg}agent> {p}",
                  f"{st} <{kg}target> <https://w3id.org/kg/id/location/{name}>", f'{st} <{kg}relationLabel> "capture"',
                  *(f"{st} {d}" for d in details)]
    store.load("".join(f"{q} {g} .\n" for q in quads).encode(), "nquads")
    with TestClient(create_app(Settings(store=":memory:", query_workers=0), store=store)) as c:
        r = c.get("/entities/person/p/neighbours")
    assert r.status_code == 200
    edges = {e["statement"]: (e["negated"], e["modality"]) for n in r.json()["neighbours"] for e in n["edges"]}
    assert edges == {"denied": (True, None), "alleged": (False, "alleged"), "bare": (False, None)}


# --- paths, statements -----------------------------------------------------------------------


def test_paths(client):
    far = [n for n in _neighbours(client, depth=2) if n["depth"] == 2][0]
    r = client.get("/paths", params={"from": IRAQ, "to": far["id"]})
    assert r.status_code == 200
    body = r.json()
    assert body["length"] == 2 and body["paths"]
    for path in body["paths"]:
        ids = [e["id"] for e in path["entities"]]
        assert ids[0] == IRAQ and ids[-1] == far["id"] and len(path["edges"]) == 2
        for (a, b), edge in zip(zip(ids, ids[1:]), path["edges"]):
            assert {edge["source"], edge["target"]} == {a, b}
    r = client.get("/paths", params={"from": IRAQ, "to": far["id"], "max_depth": 1})
    assert r.status_code == 200 and r.json() == {"from": IRAQ, "to": far["id"], "length": None, "paths": []}


def test_paths_not_found(client):
    r = client.get("/paths", params={"from": IRAQ, "to": "person/nobody"})
    assert r.status_code == 404
    assert r.json() == {"detail": "no entity with id 'person/nobody'"}


def test_paths_requires_both_ends(client):
    r = client.get("/paths", params={"from": IRAQ})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "to"]


def test_statement_with_provenance(client):
    edge = client.get(f"/entities/{IRAQ}/neighbours").json()["neighbours"][0]["edges"][0]
    r = client.get(f"/statements/{edge['statement']}")
    assert r.status_code == 200
    body = r.json()
    assert body["relation"] == edge["relation"] and {body["agent"]["id"], body["target"]["id"]} >= {IRAQ}
    sentence = body["sentence"]
    assert sentence["article"] == "000_7c71ae8a3147dccc" and 0 <= sentence["start"] < sentence["end"]
    assert "Iraq" in sentence["text"]


def test_statement_not_found(client):
    r = client.get("/statements/0000")
    assert r.status_code == 404
    assert r.json() == {"detail": "no statement with id '0000'"}


# --- articles --------------------------------------------------------------------------------


def test_articles(client):
    r = client.get("/articles")
    assert r.status_code == 200
    assert r.json()["total"] == 1 and r.json()["articles"][0]["id"] == "000_7c71ae8a3147dccc"
    one = client.get("/articles/000_7c71ae8a3147dccc").json()
    assert one["title"].startswith("Turkish intelligence")
    assert len(one["statements"]) == client.get("/stats").json()["statements"]
    assert IRAQ in [e["id"] for e in one["entities"]]


def test_article_not_found(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404
    assert r.json() == {"detail": "no article with id 'nope'"}


def test_writes_refused_without_configured_token(client):
    r = client.post("/articles", content="Police arrested a man.", headers={"content-type": "text/plain"})
    assert r.status_code == 403
    assert r.json() == {"detail": "writes are disabled on this server: start it with an update token (KG_UPDATE_TOKEN)"}
    assert client.delete("/articles/000_7c71ae8a3147dccc").status_code == 403


# --- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, media, start", [
    ("gexf", "application/gexf+xml", b"<?xml"),
    ("graphml", "application/graphml+xml", b"<?xml"),
    ("json", "application/json", b"{"),
    ("csv", "application/zip", b"PK"),
])
def test_export(client, fmt, media, start):
    r = client.get(f"/export/graph.{fmt}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.content.startswith(start)


def test_export_unknown_format(client):
    r = client.get("/export/graph.pdf")
    assert r.status_code == 422


# --- limits and CORS -------------------------------------------------------------------------


def test_body_too_large(seed_store):
    with TestClient(create_app(Settings(store=":memory:", max_body_bytes=100, query_workers=0), store=seed_store)) as c:
        r = c.post("/sparql", content="ASK {}" + " " * 200, headers={"content-type": "application/sparql-query"})
        assert r.status_code == 413
        assert r.json() == {"detail": "request body larger than the 100-byte limit"}

        def chunks():  # no Content-Length: counted while read
            yield b"ASK {}"
            yield b" " * 200

        r = c.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
        assert r.status_code == 413


def test_cors(seed_store):
    app = create_app(Settings(store=":memory:", cors_origins=["https://ui.example"], query_workers=0), store=seed_store)
    with TestClient(app) as c:
        r = c.get("/stats", headers={"Origin": "https://ui.example"})
        assert r.headers["access-control-allow-origin"] == "https://ui.example"
        r = c.get("/stats", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_export_filters(client):
    whole = client.get("/export/graph.json").json()
    ego = client.get("/export/graph.json", params={"entity": IRAQ, "depth": 1}).json()
    assert 0 < len(ego["nodes"]) < len(whole["nodes"])
    r = client.get("/export/graph.json", params={"event_type": "Picnic"})
    assert r.status_code == 400 and r.json()["detail"].startswith("unknown event type 'Picnic'; choose from: ")


def test_ingest_example_is_what_the_server_answers(tmp_path):
    """The OpenAPI example of POST /articles is a real answer (its counts follow extraction: regenerate on change)."""
    from api.examples import INGEST_EXAMPLE, INGEST_TEXT

    with TestClient(create_app(Settings(store=":memory:", query_workers=0, update_token="t"))) as c:
        r = c.post("/articles", params={"id": "basra-arrests", "title": "Arrests in Basra"},
                   headers={"authorization": "Bearer t", "content-type": "text/plain"}, content=INGEST_TEXT)
    assert r.status_code == 201 and r.json() == INGEST_EXAMPLE


def test_deeply_nested_json_is_a_bad_request(tmp_path):
    with TestClient(create_app(Settings(store=":memory:", query_workers=0, update_token="t"))) as c:
        r = c.post("/articles", content="[" * 100_000, headers={"authorization": "Bearer t",
                                                                 "content-type": "application/json"})
    assert (r.status_code, r.json()) == (400, {"detail": "the JSON body is not an article: it nests too deeply"})


def test_post_answers_say_what_the_store_holds(tmp_path):
    """A corrected title is stored, not just echoed; a duplicate's answer names the article that holds the text."""
    from api.examples import INGEST_EXAMPLE, INGEST_TEXT

    settings = Settings(store=str(tmp_path / "s"), update_token="tok", query_workers=1)
    auth = {"authorization": "Bearer tok"}
    article = {"text": INGEST_TEXT, "title": "Arrests in Basar", "id": "basra-arrests", "date": "2024-03-01"}
    with TestClient(create_app(settings)) as c:
        assert c.post("/articles", json=article, headers=auth).status_code == 201
        r = c.post("/articles", json={**article, "title": "Arrests in Basra"}, headers=auth)
        assert (r.status_code, r.json()) == (201, INGEST_EXAMPLE | {"triples_added": 0})
        assert c.get("/articles/basra-arrests").json()["title"] == "Arrests in Basra"
        r = c.post("/articles", json={**article, "id": "copy"}, headers=auth)
        assert (r.status_code, r.json()) == (200, {
            "id": "basra-arrests", "title": "Arrests in Basra", "ingested": False, "unchanged": False,
            "duplicate": True, "entities": 0, "statements": 0, "triples_added": 0, "warnings": []})
        assert c.get(f"/articles/{r.json()['id']}").json()["title"] == "Arrests in Basra"


def test_post_article_then_delete(tmp_path):
    """Ingest over HTTP (JSON, text, HTML), re-ingest unchanged, read back, export, delete: with the token."""
    settings = Settings(store=str(tmp_path / "s"), update_token="tok", query_workers=1)
    auth = {"authorization": "Bearer tok"}
    text = "Police in Basra arrested Ahmed Saleh on Monday.\x0b He was later charged.\n"
    with TestClient(create_app(settings)) as c:
        assert c.get("/stats").json()["articles"] == 0  # a worker counts its snapshot once...
        r = c.post("/articles", json={"text": text, "title": "Basra\x00 arrest", "id": "basra-1", "date": "2024-03-01"},
                   headers=auth)
        assert r.status_code == 201 and r.json()["id"] == "basra-1" and r.json()["ingested"] is True
        assert c.get("/stats").json()["articles"] == 1  # ...and a write gives it a new snapshot to count
        assert c.post("/articles", json={"text": text.replace("\x0b", " "), "title": "Basra\x00 arrest", "id": "basra-1",
                                         "date": "2024-03-01"}, headers=auth).json()["unchanged"] is True
        one = c.get("/articles/basra-1").json()
        assert one["title"] == "Basra  arrest" and one["published"] == "2024-03-01"
        r = c.post("/articles", params={"id": "html-1"}, headers={**auth, "content-type": "text/html"},
                   content="<html><head><title>T</title><script>x()</script></head><body><h1>Raid in Mosul</h1>"
                           "<p>Iraqi forces raided a house in Mosul.</p></body></html>")
        assert r.status_code == 201 and r.json()["title"] == "Raid in Mosul"
        r = c.post("/articles", headers={**auth, "content-type": "text/plain"}, content="Troops killed a commander.")
        assert r.status_code == 201
        assert c.get("/sparql", params={"query": "ASK { GRAPH <https://w3id.org/kg/id/article/basra-1> {} }"}
                     ).json()["boolean"] is True  # the query workers see the write
        for fmt in ("graphml", "gexf"):
            assert c.get(f"/export/graph.{fmt}").status_code == 200
        assert c.post("/articles", headers={**auth, "content-type": "application/pdf"}, content=b"%PDF").status_code == 415
        r = c.post("/articles", headers={**auth, "content-type": "text/plain"}, content=b"   ")
        assert r.status_code == 400 and r.json() == {"detail": "request body: empty input"}
        r = c.post("/articles", json={"title": "no text"}, headers=auth)
        assert r.status_code == 400 and r.json() == {"detail": "the JSON body is not an article: no text: none of the "
                                                               "fields text, content, body, full_text, article, maintext "
                                                               "holds a string"}
        assert c.delete("/articles/basra-1").status_code == 401
        assert c.delete("/articles/basra-1", headers=auth).json() == {"deleted": "basra-1"}
        assert c.get("/articles/basra-1").status_code == 404
        r = c.delete("/articles/basra-1", headers=auth)
        assert r.status_code == 404 and r.json() == {"detail": "no article with id 'basra-1'"}
