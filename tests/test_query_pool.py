"""REST reads keep answering while runaway SPARQL queries hold every SPARQL worker; past the queue, 429."""

from __future__ import annotations

import threading

import httpx
import pytest

from .serve_process import kg, kg_serve

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BUSY = {"detail": "1 SPARQL queries are running and 1 waiting, the most this server takes; retry in a few seconds"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """kg serve with 1 REST worker, 1 SPARQL worker, a queue of 1 and a 5 s timeout, on 300 triples."""
    folder = tmp_path_factory.mktemp("pool")
    data = folder / "data.nt"
    data.write_text("".join(f"<http://e/s{i}> <http://e/p> <http://e/o{i}> .\n" for i in range(300)))
    store = str(folder / "store")
    kg("--store", store, "load", str(data))
    env = {"KG_QUERY_WORKERS": "1", "KG_SPARQL_WORKERS": "1", "KG_SPARQL_QUEUE": "1", "KG_QUERY_TIMEOUT": "5"}
    with kg_serve(store, env=env) as (_, base):
        yield base


def _runaway(base: str, answers: list) -> threading.Thread:
    def run() -> None:
        answers.append(httpx.get(f"{base}/sparql", params={"query": RUNAWAY}, timeout=60))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_rest_reads_answer_while_runaway_queries_hold_the_sparql_workers(server):
    for path in ("/sparql?query=ASK%7B%7D", "/stats"):  # both workers up
        assert httpx.get(f"{server}{path}", timeout=60).status_code == 200
    answers: list[httpx.Response] = []
    threads = []
    for _ in range(2):  # one runs, one waits
        threads.append(_runaway(server, answers))
        threading.Event().wait(0.5)
    r = httpx.get(f"{server}/sparql", params={"query": "ASK {}"}, timeout=60)
    assert (r.status_code, r.json(), r.headers["retry-after"]) == (429, BUSY, "5")
    for path in ("/stats", "/articles", "/entities?q=a"):
        r = httpx.get(f"{server}{path}", timeout=60)
        assert r.status_code == 200, r.text
    assert answers == []  # the REST reads came back while both runaway queries were still held
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [503, 503]
    assert answers[0].json() == {"detail": "the query ran longer than the 5 s limit and was stopped"}


def test_a_query_past_the_timeout_keeps_its_slot_until_its_thread_ends_when_reads_run_inline(store):
    """With --query-workers 0 a thread cannot be stopped: it keeps counting against --sparql-workers."""
    from fastapi.testclient import TestClient

    from api import Settings, create_app

    store.load("".join(f"<http://e/s{i}> <http://e/p> <http://e/o{i}> .\n" for i in range(200)).encode(), "nt")
    slow = "SELECT (COUNT(*) AS ?n) { ?a <http://e/p> ?c . ?d <http://e/p> ?f . ?g <http://e/p> ?i }"  # 8M rows
    settings = Settings(store=":memory:", query_workers=0, sparql_workers=1, sparql_queue=0, query_timeout=0.3)
    with TestClient(create_app(settings, store=store)) as c:
        r = c.get("/sparql", params={"query": slow})
        assert (r.status_code, r.json()) == (503, {"detail": "the query ran longer than the 0.3 s limit"})
        r = c.get("/sparql", params={"query": "ASK {}"})
        assert (r.status_code, r.json()) == (429, {"detail": "1 SPARQL queries are running and 0 waiting, the most "
                                                             "this server takes; retry in a few seconds"})
        assert c.get("/stats").status_code == 200  # REST reads are not counted
        for _ in range(1200):  # at most a minute: the thread ends, and its slot is free again
            r = c.get("/sparql", params={"query": "ASK {}"})
            if r.status_code != 429:
                break
            threading.Event().wait(0.05)
        assert r.status_code == 200
