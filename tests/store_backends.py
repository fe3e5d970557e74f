"""Fixtures that give store tests each backend: memory, disk, and a real Oxigraph server over HTTP.

Import ``store`` / ``oxigraph_endpoint`` from here in a test module to run its
tests on all three backends. Without the ``oxigraph`` server the remote tests skip, except under
``KG_REQUIRE_STORE_SERVER=1`` (.ci/run), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.store import open_store

BACKENDS = ("memory", "disk", "remote")


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server from PyPI (``pip install oxigraph``), next to this Python or on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory):
    """Query URL of an ``oxigraph serve`` process on a free loopback port (union default graph, like kg's own)."""
    exe = oxigraph_binary()
    if exe is None:
        reason = "the oxigraph server is not installed (`pip install oxigraph`, part of the test extra)"
        if os.environ.get("KG_REQUIRE_STORE_SERVER") == "1":
            pytest.fail(f"{reason} (KG_REQUIRE_STORE_SERVER=1)")
        pytest.skip(reason)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read().decode()}") from None
            time.sleep(0.1)
    yield base + "/query"
    proc.terminate()
    proc.wait(timeout=10)


def fresh_remote_store(endpoint: str):
    """An emptied endpoint (DROP ALL), opened as a kg store."""
    httpx.post(endpoint.replace("/query", "/update"), data={"update": "DROP ALL"}, timeout=10).raise_for_status()
    return open_store(endpoint)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A new, empty store on each backend."""
    if request.param == "remote":
        s = fresh_remote_store(request.getfixturevalue("oxigraph_endpoint"))
    else:
        s = open_store(":memory:" if request.param == "memory" else tmp_path / "store")
    yield s
    s.close()
