"""The W3C SPARQL 1.1 Protocol tests against a real `kg serve` (uvicorn subprocess on a free loopback port)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
PROTOCOL = SHARED / "sparql-protocol"
RUNNER = PROTOCOL / "run_protocol_tests.py"
REPO = Path(__file__).resolve().parents[1]
TOKEN = "protocol-test-token"

pytestmark = pytest.mark.skipif(not RUNNER.is_file(), reason=f"the W3C protocol tests are not at {PROTOCOL}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=REPO, capture_output=True, text=True,
                          check=True, **kwargs)


@pytest.fixture
def endpoint(tmp_path):
    """`kg serve` with data1-3.nt loaded as the kasei named graphs; yields its /sparql URL."""
    store = str(tmp_path / "store")
    for n in (1, 2, 3):
        _kg("--store", store, "load", str(PROTOCOL / f"data{n}.nt"),
            "--graph", f"http://kasei.us/2009/09/sparql/data/data{n}.rdf")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", store, "serve", "--port", str(port), "--update-token", TOKEN],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "KG_QUERY_WORKERS": "2"},
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"kg serve did not start:\n{server.stdout.read().decode()}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(RUNNER), *args], capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def test_w3c_protocol_query_and_update_tests(endpoint):
    out = _run(endpoint)
    assert out.strip().endswith("20 passed, 0 failed"), out
    out = _run(endpoint, "--update", "--token", TOKEN)  # the update tests clear the store: run them last
    assert "FAIL" not in out and out.strip().endswith("34 passed, 0 failed"), out
