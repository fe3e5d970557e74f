"""Extraction on a Dask cluster: ``kg ingest --cluster tcp://HOST:PORT`` or ``--cluster local:N``.

Batches of articles go to Dask workers, each of which loads the spaCy pipeline once (a worker plugin, run
again on every worker that joins later), and the results come back in input order to the single writer in
this process, which stores them exactly as a local ingest does (see :mod:`kg.ingest`); into a SPARQL
endpoint, the workers write them themselves, in input order, and only counts come back
(:mod:`kg.cluster_write`). A worker that dies with batches on it is replaced by its nanny and Dask runs those
batches again elsewhere; a batch that kills ``distributed.scheduler.allowed-failures`` + 1 workers (3 + 1 by
default) stops the run, which can be started again to resume.

Dask is the optional ``cluster`` extra (``pip install 'kg[cluster]'``): without it, only :func:`parse_cluster`
works, and :func:`in_cluster` says what to install.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import chain, count, islice

from .cluster_write import RemoteStorePlugin, Stored, end_turn, extract_and_write, give_turn, graph_sizes, new_run
from .errors import InputError, KGError
from .ingest import Written, _chunks, extract_chunk
from .model import Article
from .nlp import load_pipeline, model_name
from .store import Store

try:
    import dask
    from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin
except ImportError:  # the cluster extra is not installed
    Client = KilledWorker = LocalCluster = None
    WorkerPlugin = object

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
# a LocalCluster gives up a worker its nanny restarts (after a crash) when it has not joined after this long;
# Dask's 15 s default is shorter than a restart that loads spaCy on a busy machine
LOST_WORKER_TIMEOUT = "5 minutes"
# A LocalCluster's Dask settings. Without a dashboard, nothing reads the workers' profiles (stacks sampled every
# 10 ms) or the system monitor's figures, and the memory monitors and the event loops' tick can look less often.
# Measured on a 77-article corpus (CPU seconds of the ingest's processes): Dask's defaults 19.5, without the
# profiles 17.6, with these settings 15.3 and 15.5; kg's own 2-worker pool 14.8 and 15.7 (docs/benchmarks.md).
LOCAL_CONFIG = {
    "distributed.deploy.lost-worker-timeout": LOST_WORKER_TIMEOUT,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.tick.interval": "500ms",
}
_LOCAL = re.compile(r"local:([1-9][0-9]*)")
_ADDRESS = re.compile(r"tcp://[^\s/:]+:[0-9]{1,5}")


@dataclass(frozen=True)
class ClusterSpec:
    """Where batches go: ``local`` worker processes on this machine, or the scheduler at ``address``."""

    local: int = 0
    address: str = ""


def parse_cluster(value: str) -> ClusterSpec:
    """``local:N`` (a LocalCluster of N worker processes) or ``tcp://HOST:PORT`` (a running Dask scheduler)."""
    if match := _LOCAL.fullmatch(value):
        return ClusterSpec(local=int(match.group(1)))
    if _ADDRESS.fullmatch(value):
        return ClusterSpec(address=value)
    raise KGError(
        f"--cluster {value!r}: use tcp://HOST:PORT (a Dask scheduler's address) "
        "or local:N (N worker processes on this machine)"
    )


class SpacyPipeline(WorkerPlugin):
    """Loads the spaCy pipeline once on each worker, when the worker starts (or when the run starts)."""

    name = "kg-spacy"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        load_pipeline(self.model)  # cached: every batch on this worker reuses it


@contextmanager
def connected(spec: ClusterSpec) -> Iterator[Client]:
    """A client of the cluster ``spec`` names, closed (with the LocalCluster it started) on exit."""
    if Client is None:
        raise KGError("--cluster needs Dask: pip install 'kg[cluster]' (dask and distributed)")
    cluster = None
    stack = ExitStack()
    try:
        if spec.local:
            stack.enter_context(dask.config.set(LOCAL_CONFIG))  # for the whole run: the nannies read it on restarts
            cluster = LocalCluster(n_workers=spec.local, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster, direct_to_workers=True)  # results straight from the workers, not via the scheduler
        else:
            client = Client(spec.address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        stack.close()
        raise KGError(f"cannot reach the Dask scheduler at {spec.address or 'local'}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        stack.close()


def in_cluster(
    articles: Iterable[Article], model: str | None, batch_size: int, cluster: str, *extra, idle=None,
    store: Store | None = None, resolve: bool = True,
) -> Iterator[Written | Stored | InputError]:
    """Batches of ``articles`` through :func:`kg.ingest.extract_chunk` on the Dask cluster ``cluster`` names.

    Results come in input order, with at most 2 batches per worker thread in flight (counted again before each
    batch, as workers join or leave). ``extra`` goes to ``extract_chunk`` after the model. No cluster is
    reached (or started) when there is nothing to extract, as when a finished run is run again. ``idle`` is
    called before waiting for a batch that is not done (the writer commits its batch then).

    ``store``, a SPARQL endpoint (kg.stores.remote): the workers write the articles into it themselves, in input
    order (``resolve`` as in :func:`kg.ingest.write_written`), and what comes back is a
    :class:`kg.cluster_write.Stored` summary per article (see :mod:`kg.cluster_write`).
    """
    spec = parse_cluster(cluster)
    model = model_name(model)  # resolved here: a worker's environment may name another default
    chunks = _chunks(articles, batch_size)
    first = next(chunks, None)
    if first is None:
        return
    chunks = chain([first], chunks)
    run = new_run()
    with connected(spec) as client:
        client.register_plugin(SpacyPipeline(model), name=SpacyPipeline.name)
        if store is not None:
            plugin = RemoteStorePlugin(store.access)
            client.register_plugin(plugin, name=plugin.name)
        pending: deque = deque()  # (batch number, articles, future), in input order
        numbers = count()
        turn = None  # the turn variable of the batch being waited for
        try:
            while True:
                window = 2 * max(1, sum(client.nthreads().values()))
                for chunk in islice(chunks, max(0, window - len(pending))):
                    n = next(numbers)
                    if store is None:
                        future = client.submit(extract_chunk, chunk, model, *extra, pure=False)
                    else:
                        future = client.submit(extract_and_write, chunk, model, f"{run}{n}", plugin.name, resolve,
                                               *extra, pure=False)
                    pending.append((n, chunk, future))
                if not pending:
                    return
                n, chunk, future = pending[0]
                if store is not None:  # its turn to write: the batches before it are written
                    turn = f"{run}{n}"
                    give_turn(client, turn, graph_sizes(store, chunk))
                if idle is not None and not future.done():
                    idle()
                try:
                    results = future.result()
                except KilledWorker as exc:
                    raise KGError(f"a batch of articles killed every worker it ran on ({exc}); "
                                  "run again to resume") from None
                pending.popleft()
                if turn is not None:
                    end_turn(client, turn)
                    turn = None
                yield from results
        finally:
            client.cancel([future for _, _, future in pending])
            if turn is not None:
                end_turn(client, turn)
