"""Extraction on a Dask cluster (kg.cluster): the same graph as a local ingest, also when a worker is killed.

A real LocalCluster of two worker processes (one thread each) serves the in-process tests through its
tcp:// address; the CLI test starts its own with ``--cluster local:2``. Into a real ``oxigraph serve``
(tests/store_backends.py) the workers write the articles themselves (kg.cluster_write). Skipped where Dask is
not installed, except under ``KG_REQUIRE_CLUSTER=1`` (.ci/run), where that fails (and the server's absence,
under ``KG_REQUIRE_STORE_SERVER=1``).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import signal
import subprocess
import sys

import pytest

if importlib.util.find_spec("distributed") is None:
    if os.environ.get("KG_REQUIRE_CLUSTER") == "1":
        raise ImportError("dask.distributed is not installed (KG_REQUIRE_CLUSTER=1): `make install` installs it")
    pytest.skip("dask.distributed is not installed (pip install 'kg[cluster]')", allow_module_level=True)

import dask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from kg.cli import app  # noqa: E402
from kg.cluster import LOST_WORKER_TIMEOUT, ClusterSpec, parse_cluster  # noqa: E402
from kg.cluster_write import plugin_name  # noqa: E402
from kg.errors import KGError, StoreError  # noqa: E402
from kg.ingest import Reporter, ingest_articles, ingest_paths  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.stores.remote import RemoteStore  # noqa: E402
from kg.text import article_from_text  # noqa: E402

from .conftest import ROOT, SEED  # noqa: E402
from .store_backends import fresh_remote_store, oxigraph_endpoint  # noqa: E402, F401 (a fixture)
from .test_ingest import STORIES, nquads  # noqa: E402

BAD_VALUE = ("Error: --cluster {!r}: use tcp://HOST:PORT (a Dask scheduler's address) "
             "or local:N (N worker processes on this machine)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seed, the test stories, and one story again under another name (a duplicate)."""
    folder = tmp_path_factory.mktemp("cluster-corpus")
    for path in [SEED, *STORIES]:
        shutil.copy(path, folder / path.name)
    shutil.copy(STORIES[0], folder / "zz_copy_of_first_story.txt")
    return folder


@pytest.fixture(scope="module")
def local(corpus, nlp):
    """(summary, N-Quads) of a local ingest of the corpus, the reference."""
    with open_store(":memory:") as store:
        summary = ingest_paths([corpus], store, batch_size=2)
        return summary, nquads(store)


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"distributed.deploy.lost-worker-timeout": LOST_WORKER_TIMEOUT}):  # as kg.cluster does
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        yield client
        client.close()
        cluster.close()


def counts(summary) -> tuple:
    return (summary.articles, summary.unchanged, summary.duplicates, summary.failures, summary.entities,
            summary.statements, summary.words, summary.triples_added)


def test_cluster_values_are_parsed():
    assert parse_cluster("local:2") == ClusterSpec(local=2)
    assert parse_cluster("tcp://10.0.0.5:8786") == ClusterSpec(address="tcp://10.0.0.5:8786")
    for bad in ("local:0", "local:two", "10.0.0.5:8786", "tcp://host", "http://host:8786", ""):
        with pytest.raises(KGError, match="use tcp://HOST:PORT"):
            parse_cluster(bad)


def test_a_cluster_ingest_gives_the_local_graph_and_skips_what_is_stored(corpus, local, client):
    reference, graph = local
    assert (reference.articles, reference.duplicates) == (len(STORIES) + 1, 1)
    with open_store(":memory:") as store:
        summary = ingest_paths([corpus], store, batch_size=2, cluster=client.scheduler.address)
        assert counts(summary) == counts(reference)
        assert nquads(store) == graph
        again = ingest_paths([corpus], store, batch_size=2, cluster=client.scheduler.address)
        assert (again.articles, again.unchanged, again.duplicates, again.triples_added) == (0, len(STORIES) + 1, 1, 0)
        nothing_to_do = ingest_paths([corpus], store, cluster="tcp://127.0.0.1:9")  # no scheduler: not reached
        assert (nothing_to_do.articles, nothing_to_do.unchanged, nothing_to_do.elapsed < 5) == (0, len(STORIES) + 1, True)


def extraction_breaker():
    """(break, mend): functions for ``client.run`` that make extraction fail on articles ending "Bulletin 2." and
    undo that (local functions, which Dask pickles by value)."""

    def break_bulletin_2():
        import kg.ingest

        real = kg.ingest._written

        def flaky(ex):
            if "Bulletin 2." in ex.article.text:
                raise ValueError("boom")
            return real(ex)

        flaky.real = real
        kg.ingest._written = flaky

    def mend():
        import kg.ingest

        kg.ingest._written = getattr(kg.ingest._written, "real", kg.ingest._written)

    return break_bulletin_2, mend


def test_an_article_that_breaks_extraction_on_a_worker_fails_alone(client):
    arts = [article_from_text(f"{STORIES[i].read_text(encoding='utf-8')}\nBulletin {i}.", f"s{i}") for i in range(4)]
    break_bulletin_2, mend = extraction_breaker()
    client.run(break_bulletin_2)
    try:
        with open_store(":memory:") as store:
            summary = ingest_articles(arts, store, batch_size=4, cluster=client.scheduler.address)
    finally:
        client.run(mend)
    assert summary.articles == 3
    assert summary.failed == [("s2", "extraction failed: ValueError: boom")]


class DriverDoesNotWrite(RemoteStore):
    """The endpoint as the driver sees it once opened (which may load the ontology): reads go through, a write
    fails the test (the workers must write)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened = True

    def update(self, sparql: str) -> None:
        if getattr(self, "opened", False):
            raise AssertionError("the driver wrote into the endpoint")
        super().update(sparql)


def test_workers_write_into_an_oxigraph_server_the_graph_of_a_local_ingest(corpus, local, client, oxigraph_endpoint):
    reference, graph = local
    fresh_remote_store(oxigraph_endpoint).close()
    with DriverDoesNotWrite(oxigraph_endpoint) as store:
        summary = ingest_paths([corpus], store, batch_size=4, cluster=client.scheduler.address)
        assert counts(summary) == counts(reference)
        assert nquads(store) == graph
        again = ingest_paths([corpus], store, batch_size=4, cluster=client.scheduler.address)
        assert (again.articles, again.unchanged, again.duplicates, again.triples_added) == (0, len(STORIES) + 1, 1, 0)
    assert not turns_left(client)


def turns_left(client) -> list[str]:
    """The turns (kg.cluster_write: variables and events) the scheduler still holds: a finished run ends its own."""
    return client.run_on_scheduler(lambda dask_scheduler: [
        name for extension, names in (("variables", "variables"), ("events", "_events"))
        for name in getattr(dask_scheduler.extensions[extension], names) if name.startswith("kg-turn-")])


class KillOneWorker(Reporter):
    """Kills one worker process (SIGKILL) once the first article is written, while other batches are on it."""

    def __init__(self, client):
        self.client = client
        self.pids = client.run(os.getpid)  # {worker address: pid}
        self.killed = None
        self.updates_after_kill = 0

    def update(self, summary) -> None:
        if self.killed is None and summary.articles >= 1:
            self.killed = next(iter(self.pids.values()))
            os.kill(self.killed, signal.SIGKILL)
        elif self.killed is not None:
            self.updates_after_kill += 1


def test_a_worker_killed_mid_run_leaves_the_same_graph(corpus, local, client):
    reference, graph = local
    reporter = KillOneWorker(client)
    with open_store(":memory:") as store:
        summary = ingest_paths([corpus], store, batch_size=1, cluster=client.scheduler.address, reporter=reporter)
        assert counts(summary) == counts(reference)
        assert nquads(store) == graph
    assert reporter.killed is not None and reporter.updates_after_kill >= len(STORIES) // 2
    client.wait_for_workers(2, timeout=120)  # the nanny started a new worker in place of the killed one
    assert reporter.killed not in client.run(os.getpid).values()


def test_a_worker_killed_while_workers_write_leaves_the_same_graph(corpus, local, client, oxigraph_endpoint):
    reference, graph = local
    client.wait_for_workers(2, timeout=120)
    reporter = KillOneWorker(client)
    with fresh_remote_store(oxigraph_endpoint) as store:
        summary = ingest_paths([corpus], store, batch_size=1, cluster=client.scheduler.address, reporter=reporter)
        assert counts(summary) == counts(reference)
        assert nquads(store) == graph
    assert reporter.killed is not None and reporter.updates_after_kill >= len(STORIES) // 2
    client.wait_for_workers(2, timeout=120)
    assert not turns_left(client)


def test_a_worker_that_dies_halfway_through_writing_a_batch_leaves_the_same_graph(
        corpus, local, client, oxigraph_endpoint, tmp_path):
    """The batch runs again on another worker: the articles its first attempt wrote are not written twice."""
    reference, graph = local
    client.wait_for_workers(2, timeout=120)
    marker = str(tmp_path / "died")

    def die_after_the_second_write():  # on every worker; the first to write its second article dies (once)
        import kg.cluster_write

        real, done = kg.cluster_write.write_written, []

        def dying(store, w, *args):
            count = real(store, w, *args)
            done.append(w.article_id)
            if len(done) == 2:
                try:
                    os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
                except FileExistsError:
                    return count
                os._exit(1)  # the article is written, the rest of its batch is not
            return count

        kg.cluster_write.write_written = dying

    def mend():
        import kg.cluster_write
        import kg.ingest

        kg.cluster_write.write_written = kg.ingest.write_written

    before = set(client.run(os.getpid).values())
    client.run(die_after_the_second_write)
    try:
        with fresh_remote_store(oxigraph_endpoint) as store:
            summary = ingest_paths([corpus], store, batch_size=4, cluster=client.scheduler.address)
            assert counts(summary) == counts(reference)
            assert nquads(store) == graph
    finally:
        client.run(mend)
    assert os.path.exists(marker)
    client.wait_for_workers(2, timeout=120)
    assert len(before - set(client.run(os.getpid).values())) == 1  # one worker died and was replaced


def test_bad_input_is_reported_per_article_when_workers_write(client, oxigraph_endpoint, tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"title": p.stem, "text": f"{p.read_text(encoding='utf-8')}\nBulletin {i}."})
             for i, p in enumerate(STORIES[:4])]
    lines.insert(1, '{"title": "cut off in the middle", "text": "Police arr')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    break_bulletin_2, mend = extraction_breaker()
    client.run(break_bulletin_2)
    try:
        with fresh_remote_store(oxigraph_endpoint) as store:
            summary = ingest_paths([path], store, batch_size=2, cluster=client.scheduler.address)
            titles = sorted(str(r["t"]) for r in store.select(
                "SELECT ?t WHERE { ?a <https://w3id.org/kg/ontology#title> ?t }"))
    finally:
        client.run(mend)
    assert (summary.articles, summary.failures) == (3, 2)
    assert summary.failed[0][0] == f"{path}:2" and summary.failed[0][1].startswith("malformed JSON")
    assert summary.failed[1] == (f"{path}:4", "extraction failed: ValueError: boom")
    assert titles == sorted(p.stem for i, p in enumerate(STORIES[:4]) if i != 2)


def test_credentials_reach_the_workers_and_no_log(client, oxigraph_endpoint):
    """A write that fails on the workers (an update URL that does not take updates) stops the run with the
    endpoint's error; the token went to the workers (kg.stores.remote.Access), and no log shows it."""
    fresh_remote_store(oxigraph_endpoint).close()  # the ontology is loaded: opening needs no update
    token = "s3cret-token-of-the-test"
    store = RemoteStore(oxigraph_endpoint, oxigraph_endpoint.replace("/query", "/nowhere"), token=token)
    assert token not in repr(store.access) and token not in str(store.access)
    arts = [article_from_text(STORIES[0].read_text(encoding="utf-8"), "one")]
    with store, pytest.raises(StoreError, match="/nowhere failed with HTTP"):
        ingest_articles(arts, store, cluster=client.scheduler.address)
    name = plugin_name(store.query_url)
    tokens = client.run(lambda dask_worker: dask_worker.plugins[name].access.token)
    assert set(tokens.values()) == {token}
    logs = [*client.get_scheduler_logs(), *(line for lines in client.get_worker_logs().values() for line in lines)]
    assert logs and not any(token in str(entry) for entry in logs)
    assert not turns_left(client)


def test_cli_ingest_on_a_local_cluster(corpus, local, tmp_path):
    store = tmp_path / "store"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "--store", str(store), "ingest", str(corpus), "--cluster", "local:2",
         "--batch-size", "4", "--log-interval", "3600"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{len(STORIES) + 1} articles ingested, 0 unchanged")
    assert "1 duplicates skipped" in proc.stdout
    with open_store(store) as s:
        assert nquads(s) == local[1]


def test_cli_ingest_on_a_local_cluster_into_an_oxigraph_server(corpus, local, oxigraph_endpoint):
    """The workers write, with the token of KG_STORE_TOKEN (which `oxigraph serve` does not check), and no output
    shows it."""
    fresh_remote_store(oxigraph_endpoint).close()
    token = "s3cret-token-of-the-cli-test"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "--store", oxigraph_endpoint, "ingest", str(corpus), "--cluster", "local:2",
         "--batch-size", "4", "--log-interval", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "KG_STORE_TOKEN": token},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{len(STORIES) + 1} articles ingested, 0 unchanged")
    assert token not in proc.stdout + proc.stderr
    with open_store(oxigraph_endpoint) as s:
        assert nquads(s) == local[1]


@pytest.mark.parametrize("value", ["local:0", "localhost:8786", "tcp://scheduler"])
def test_a_bad_cluster_value_is_one_clear_error(value, tmp_path):
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "s"), "ingest", str(SEED), "--cluster", value])
    assert result.exit_code == 1
    assert result.output.strip() == BAD_VALUE.format(value)
    assert not (tmp_path / "s").exists()  # refused before the store was opened


def test_workers_and_cluster_together_are_refused(tmp_path):
    result = CliRunner().invoke(app, ["--store", str(tmp_path / "s"), "ingest", str(SEED), "--cluster", "local:2",
                                      "--workers", "2"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: give --workers or --cluster, not both"
