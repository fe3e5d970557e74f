"""Extraction on a Dask cluster (kg.cluster): the same graph as a local ingest, also when a worker is killed.

A real LocalCluster of two worker processes (one thread each) serves the in-process tests through its
tcp:// address; the CLI test starts its own with ``--cluster local:2``. Skipped where Dask is not installed,
except under ``KG_REQUIRE_CLUSTER=1`` (.ci/run), where that fails.
"""

from __future__ import annotations

import importlib.util
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

from distributed import Client, LocalCluster  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from kg.cli import app  # noqa: E402
from kg.cluster import ClusterSpec, parse_cluster  # noqa: E402
from kg.errors import KGError  # noqa: E402
from kg.ingest import Reporter, ingest_articles, ingest_paths  # noqa: E402
from kg.store import open_store  # noqa: E402
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


def test_an_article_that_breaks_extraction_on_a_worker_fails_alone(client):
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

    arts = [article_from_text(f"{STORIES[i].read_text(encoding='utf-8')}\nBulletin {i}.", f"s{i}") for i in range(4)]
    client.run(break_bulletin_2)
    try:
        with open_store(":memory:") as store:
            summary = ingest_articles(arts, store, batch_size=4, cluster=client.scheduler.address)
    finally:
        client.run(mend)
    assert summary.articles == 3
    assert summary.failed == [("s2", "extraction failed: ValueError: boom")]


def test_a_cluster_ingest_into_an_oxigraph_server_gives_the_local_graph(corpus, local, client, oxigraph_endpoint):
    reference, graph = local
    with fresh_remote_store(oxigraph_endpoint) as store:
        summary = ingest_paths([corpus], store, batch_size=4, cluster=client.scheduler.address)
        assert counts(summary) == counts(reference)
        assert nquads(store) == graph


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
