"""Trial runs of SPARQL updates, so that an update that crashes the engine cannot take the server down.

The embedded engine (pyoxigraph) runs in the server's process, and some inputs crash it outright instead of
raising an error: its parser and evaluator recurse, and a long enough expression overflows the stack. For
example, ``BIND(1+1+…+1 AS ?x)`` with 10,000 terms segfaults pyoxigraph 0.5 although it nests only one
bracket deep (:mod:`api.sparql_guard` refuses deep nesting, not long chains). So before an update reaches
the live store it runs in another process, against a new, empty in-memory store: parsing, algebra and
evaluation over no data. Crashes of this kind do not depend on the data. If that process dies, the update is
refused (400, :data:`CRASHED`) and never applied.

With query workers the trial is the task ``trial_update`` of :data:`api.reads.TASKS`, run in a SPARQL worker
(:mod:`api.query_pool`, which replaces a worker that dies). Without them (in-memory stores,
``--query-workers 0``) it runs in a short-lived child process (:func:`run_in_child`, about 0.1 s). Updates
with ``LOAD`` are not tried (the trial would fetch the source a second time), nor are updates to a remote
store (its engine runs in another server).

This module imports no web framework: the workers and the child process load it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox

from kg.errors import SparqlSyntaxError

CRASHED = "the update crashed the SPARQL engine in a trial run; it was not applied"
OK = (200, "text/plain", b"")


class EngineCrashed(Exception):
    """The process running a read or a trial died: the engine crashed (or the process was killed)."""


def trial_update(store, text: str) -> tuple[int, str, bytes]:
    """Run ``text`` on a new, empty in-memory store (``store``, the snapshot a worker reads, is not used).

    200 when the engine survives it; 400 with the syntax error, worded as the live store words it. Other
    failures (``DROP`` of a graph the empty store lacks) say nothing of the live store: it decides them."""
    try:
        ox.Store().update(text)
    except SyntaxError as exc:
        return 400, "text/plain", str(SparqlSyntaxError(str(exc), text)).encode()
    except Exception:  # noqa: BLE001 - only a crash or a syntax error matters here
        pass
    return OK


def main() -> None:
    """The child process: the update on standard input, ``[status, message]`` as JSON on standard output."""
    status, _, body = trial_update(None, sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.write(json.dumps([status, body.decode("utf-8")]))


def run_in_child(text: str, timeout: float) -> tuple[int, str, bytes]:
    """:func:`trial_update` in a child process (blocking: call it from a thread); EngineCrashed if it dies.

    The child imports modules from the server's own ``sys.path``, not from its working directory."""
    code = f"import sys; sys.path[:] = {sys.path!r}; from api.update_trial import main; main()"
    try:
        done = subprocess.run([sys.executable, "-c", code], input=text.encode("utf-8"), capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:  # killed; the caller stopped waiting already
        return 503, "text/plain", b"the trial run took too long"
    try:
        status, message = json.loads(done.stdout)
    except ValueError:  # no answer: it died (a signal, or an uncaught panic)
        raise EngineCrashed(f"the trial process ended with code {done.returncode} and no answer") from None
    return int(status), "text/plain", message.encode("utf-8")
