"""The W3C SPARQL 1.1 Protocol tests against a real `kg serve` (uvicorn subprocess on a free loopback port)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .serve_process import kg, kg_serve

SHARED = Path(__file__).resolve().parents[2] / "shared"
PROTOCOL = SHARED / "sparql-protocol"
RUNNER = PROTOCOL / "run_protocol_tests.py"
TOKEN = "protocol-test-token"

pytestmark = pytest.mark.skipif(not RUNNER.is_file(), reason=f"the W3C protocol tests are not at {PROTOCOL}")


@pytest.fixture
def endpoint(tmp_path):
    """`kg serve` with data1-3.nt loaded as the kasei named graphs; yields its /sparql URL."""
    store = str(tmp_path / "store")
    for n in (1, 2, 3):
        kg("--store", store, "load", str(PROTOCOL / f"data{n}.nt"),
            "--graph", f"http://kasei.us/2009/09/sparql/data/data{n}.rdf")
    with kg_serve(store, "--update-token", TOKEN, env={"KG_QUERY_WORKERS": "2"}) as (_, base):
        yield f"{base}/sparql"


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(RUNNER), *args], capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def test_w3c_protocol_query_and_update_tests(endpoint):
    out = _run(endpoint)
    assert out.strip().endswith("20 passed, 0 failed"), out
    out = _run(endpoint, "--update", "--token", TOKEN)  # the update tests clear the store: run them last
    assert "FAIL" not in out and out.strip().endswith("34 passed, 0 failed"), out
