"""Reads in worker processes, so that a runaway one can be stopped.

pyoxigraph cannot cancel a running query, and a thread cannot be killed, so
every read (a SPARQL query or a REST lookup: :mod:`api.reads`) runs in a small
pool of worker processes: a read that outlives the timeout has its worker
killed (the CPU it was burning is freed at once) and replaced, and the client
gets 503.

The workers never open the live store: the server writes to it (SPARQL Update,
article ingest), and a second process may not read a RocksDB store that
another one writes. Instead they open a read-only *snapshot*, a RocksDB
checkpoint made of hard links to the store's immutable files (about 10 ms,
no copy). The server takes a new snapshot after each write, before it
answers, so a query always sees every write acknowledged before it was sent.
Superseded snapshots are deleted once no worker reads them.

SPARQL queries and REST reads have separate workers (lanes), so that runaway
queries cannot hold up the REST API: at most ``sparql_workers`` queries run at
once, at a lower CPU priority (nice 10), at most ``queue`` more wait for a
worker, and beyond that a query is refused at once with 429.

Stores that cannot be snapshotted (in memory, remote) run reads in a thread
instead; there the timeout answers 503 but cannot stop the engine, so a query
keeps its place among the ``sparql_workers`` until its thread ends.

The trial run of a SPARQL update (:mod:`api.update_trial`) is a task of the
SPARQL lane: it runs client-written SPARQL like a query, so it takes a SPARQL
worker (a crash then costs a SPARQL worker, never a REST one) and counts against
the SPARQL workers and queue. Inline, it runs in a child process of its own.
A worker that dies while it runs a task raises EngineCrashed (and is replaced).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import signal
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from kg.store import Store

from .query_worker import READY, worker_main
from .reads import TASKS
from .sparql_exec import Answer
from .update_trial import OK, EngineCrashed, run_in_child

_CTX = multiprocessing.get_context("spawn")  # never fork the server's threads


SPARQL_TASKS = frozenset({"sparql", "trial_update"})  # tasks that run client-written SPARQL
STARTUP_SECONDS = 60  # how long a query may wait for a worker that is still starting
SPARQL_NICE = 10  # SPARQL workers yield the CPU to REST reads and to the server


class QueryTimeout(Exception):
    """A query ran longer than the configured timeout (or found no free worker in time)."""


class Busy(Exception):
    """Every worker of the lane is busy and its queue is full: try again later (429)."""


def _lane_of(task: str) -> str:
    return "sparql" if task in SPARQL_TASKS else "rest"


def _busy(size: int, queue: int) -> Busy:
    return Busy(f"{size} SPARQL queries are running and {queue} waiting, the most this server takes; "
                "retry in a few seconds")


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object  # multiprocessing Connection
    generation: int = -1  # the snapshot it last read

    @classmethod
    def spawn(cls, nice: int) -> _Worker:
        parent, child = _CTX.Pipe()
        process = _CTX.Process(target=worker_main, args=(child, nice), daemon=True, name="kg-query-worker")
        # born ignoring Ctrl-C (an ignored signal stays ignored across exec, and Python then installs no
        # KeyboardInterrupt handler): a SIGINT to the process group is the server's to handle, also while a worker
        # still imports; signal handlers can only be swapped in the main thread, where the pool starts its workers
        main = threading.current_thread() is threading.main_thread()
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            process.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, old)
        child.close()
        return cls(process, parent)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class Lane:
    """Workers for one kind of read: ``size`` of them, at CPU priority ``nice``, ``queue`` requests may wait."""

    size: int
    nice: int = 0
    queue: int | None = None  # None: any number may wait (each for at most the timeout)
    idle: asyncio.Queue = field(default_factory=asyncio.Queue)
    workers: list[_Worker] = field(default_factory=list)
    waiting: int = 0


class QueryPool:
    """Runs reads against snapshots of ``store``: REST reads in ``size`` workers, SPARQL in ``sparql_size``."""

    def __init__(self, store: Store, size: int, timeout: float, sparql_size: int = 1, queue: int = 16):
        if store.path is None:
            raise ValueError("a query pool needs an on-disk store")
        self.store, self.timeout = store, timeout
        self.dir = store.path.parent / f".{store.path.name}.kg-snapshots"
        self.generation = 0
        self.lanes = {"rest": Lane(size), "sparql": Lane(sparql_size, SPARQL_NICE, queue)}

    @property
    def _workers(self) -> list[_Worker]:
        return [w for lane in self.lanes.values() for w in lane.workers]

    # --- life cycle ------------------------------------------------------------------

    def start(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)  # left over by a server that crashed
        self.dir.mkdir(parents=True)
        self._snapshot()
        for lane in self.lanes.values():
            for _ in range(lane.size):
                self._add_worker(lane)

    def close(self) -> None:
        loop = asyncio.get_running_loop()
        for lane in self.lanes.values():
            for worker in lane.workers:
                loop.remove_reader(worker.conn.fileno())  # a worker still starting has a reader registered
                worker.kill()
            lane.workers.clear()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _add_worker(self, lane: Lane) -> None:
        """Start a worker; it joins the idle queue once it has imported its modules and said so."""
        worker = _Worker.spawn(lane.nice)
        lane.workers.append(worker)
        loop = asyncio.get_running_loop()
        fd = worker.conn.fileno()

        def ready() -> None:
            loop.remove_reader(fd)
            os.set_blocking(fd, True)
            try:
                if worker.conn.recv_bytes() == READY:
                    lane.idle.put_nowait(worker)
                    return
            except (EOFError, OSError):
                pass
            lane.workers.remove(worker)  # died while starting: try once more later, on the next query
            worker.kill()

        loop.add_reader(fd, ready)

    def _replace(self, lane: Lane, worker: _Worker) -> None:
        worker.kill()
        lane.workers.remove(worker)
        self._add_worker(lane)

    # --- snapshots -------------------------------------------------------------------

    def _path(self, generation: int) -> Path:
        return self.dir / str(generation)

    def _snapshot(self) -> None:
        self.store.flush()
        self.store.ox.backup(str(self._path(self.generation + 1)))
        self.generation += 1
        self._snapshot_path = str(self._path(self.generation))

    def _collect(self) -> None:
        """Delete the snapshots that neither the pool nor any worker reads any more."""
        keep = {self.generation} | {w.generation for w in self._workers}
        for path in self.dir.iterdir():
            if path.name.isdigit() and int(path.name) not in keep:
                shutil.rmtree(path, ignore_errors=True)

    async def refresh(self) -> None:
        """Take a new snapshot after a write, so that later queries see it."""
        await run_in_threadpool(self._snapshot)
        self._collect()

    # --- queries ---------------------------------------------------------------------

    async def run(self, task: str, *args) -> Answer:
        """Run one of :data:`api.reads.TASKS` on the newest snapshot, within the timeout, in its lane."""
        lane = self.lanes[_lane_of(task)]
        if len(lane.workers) < lane.size:
            self._add_worker(lane)
        if lane.idle.empty():
            if lane.queue is not None and lane.waiting >= lane.queue:
                raise _busy(lane.size, lane.waiting)
            lane.waiting += 1
            try:  # busy workers free up within the timeout (or are killed); starting ones take a few seconds
                worker = await asyncio.wait_for(lane.idle.get(), self.timeout + STARTUP_SECONDS)
            except TimeoutError:
                raise QueryTimeout(f"no query worker became free within {self.timeout + STARTUP_SECONDS:g} s") from None
            finally:
                lane.waiting -= 1
        else:
            worker = lane.idle.get_nowait()
        worker.generation = self.generation
        request = (self._snapshot_path, task, args)
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.conn.fileno()
        try:  # the fd is blocking here (Connection needs it): uvloop's add_reader unsets it, so it is reset below
            worker.conn.send_bytes(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
            await asyncio.wait_for(ready, self.timeout)
            loop.remove_reader(fd)
            os.set_blocking(fd, True)
            answer = pickle.loads(worker.conn.recv_bytes())  # the first bytes are in: the rest follows at once
        except TimeoutError:
            loop.remove_reader(fd)
            self._replace(lane, worker)
            raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s limit and was stopped") from None
        except (EOFError, OSError):  # the pipe broke: the worker died running the task (a crash of the engine)
            loop.remove_reader(fd)
            self._replace(lane, worker)
            raise EngineCrashed(f"the query worker running {task!r} died") from None
        except BaseException:
            loop.remove_reader(fd)
            self._replace(lane, worker)  # died, or the request was cancelled while it ran
            raise
        lane.idle.put_nowait(worker)
        return answer


class InlineQueries:
    """Reads in a thread of this process (stores a worker cannot open); the timeout stops only the wait.

    At most ``sparql_size`` SPARQL queries run at once, counted until their thread ends (a query past the
    timeout goes on in its thread), ``queue`` more may wait, and beyond that a query is refused (429)."""

    def __init__(self, store: Store, timeout: float, sparql_size: int = 1, queue: int = 16):
        self.store, self.timeout, self.sparql_size, self.queue = store, timeout, sparql_size, queue
        self._sparql = asyncio.Semaphore(sparql_size)
        self._waiting = 0
        self._running: set[asyncio.Future] = set()  # at most sparql_size

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass

    async def refresh(self) -> None:
        pass

    async def run(self, task: str, *args) -> Answer:
        """Run one of :data:`api.reads.TASKS` on the live store in a thread, answering 503 after the timeout."""
        fn = self._trial if task == "trial_update" else TASKS[task]  # a trial must not run in this process
        if _lane_of(task) == "rest":
            return await self._wait(run_in_threadpool(fn, self.store, *args))
        if self._sparql.locked():
            if self._waiting >= self.queue:
                raise _busy(self.sparql_size, self._waiting)
            self._waiting += 1
            try:
                await asyncio.wait_for(self._sparql.acquire(), self.timeout)
            except TimeoutError:
                raise QueryTimeout(f"no SPARQL query slot became free within {self.timeout:g} s") from None
            finally:
                self._waiting -= 1
        else:
            await self._sparql.acquire()
        running = asyncio.ensure_future(run_in_threadpool(fn, self.store, *args))
        self._running.add(running)  # the loop keeps only a weak reference to a task
        running.add_done_callback(self._finished)  # the slot is freed when the thread ends, not the wait
        return await self._wait(asyncio.shield(running))

    def _trial(self, store: Store, text: str) -> Answer:
        """An update's trial run in a child process: an embedded engine runs in this process, a remote one not."""
        from kg.stores.embedded import OxigraphStore

        if not isinstance(store, OxigraphStore):
            return OK
        return run_in_child(text, self.timeout + 1)  # the wait ends at the timeout, the child a second later

    def _finished(self, running: asyncio.Future) -> None:
        self._running.discard(running)
        self._sparql.release()

    async def _wait(self, read) -> Answer:
        try:
            return await asyncio.wait_for(read, self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s limit") from None


def query_runner(store: Store, workers: int, timeout: float, sparql_workers: int = 1, queue: int = 16
                 ) -> QueryPool | InlineQueries:
    """A worker pool when the store is an embedded on-disk one and ``workers`` > 0, else inline."""
    from kg.stores.embedded import OxigraphStore

    if workers > 0 and isinstance(store, OxigraphStore) and store.path is not None:
        return QueryPool(store, workers, timeout, sparql_workers, queue)
    return InlineQueries(store, timeout, sparql_workers, queue)
