"""A real `kg serve` in a subprocess on a free loopback port, for tests that need the process, not the app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def kg_serve(store: Path | str, *args: str, port: int | None = None,
             workers: int = 1) -> Iterator[tuple[str, list[str]]]:
    """Run `kg --store STORE serve ARGS`; yield its base URL and the lines it printed before it was up."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "serve", "--port", str(port), *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "KG_QUERY_WORKERS": str(workers)},
    )
    base = f"http://127.0.0.1:{port}"
    printed: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                raise RuntimeError("kg serve stopped:\n" + "".join(printed))
            printed.append(line)
            if "Uvicorn running on" in line or time.monotonic() > deadline:
                break
        urllib.request.urlopen(f"{base}/health", timeout=10).read()
        yield base, printed
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
