import json

from fastapi.testclient import TestClient

from api import Settings, create_app


def client_for(store):
    return TestClient(create_app(Settings(store=":memory:"), store=store))


def test_health(seed_store):
    r = client_for(seed_store).get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["quads"] == len(seed_store)


def test_sparql_get_select(seed_store):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kg/ontology#Article> }"
    r = client_for(seed_store).get("/sparql", params={"query": q})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(r.text)["results"]["bindings"][0]["n"]["value"] == "1"


def test_sparql_syntax_error_is_400(seed_store):
    r = client_for(seed_store).get("/sparql", params={"query": "SELEC"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("SPARQL syntax error")


def test_stats(seed_store):
    r = client_for(seed_store).get("/stats")
    assert r.status_code == 200 and r.json()["articles"] == 1


def test_factory_opens_its_own_store(tmp_path):
    with TestClient(create_app(Settings(store=str(tmp_path / "s")))) as client:
        assert client.get("/health").json()["status"] == "ok"
