"""`kg serve` as a real subprocess on a free loopback port, for tests that need a whole server (or its death)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=REPO, capture_output=True, text=True,
                          check=True, **kwargs)


def wait_until_up(server: subprocess.Popen, base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{base}/health", timeout=2).read()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start:\n{server.stdout.read()}") from None
            time.sleep(0.2)


@contextmanager
def kg_serve(store: str | Path, *args: str, env: dict[str, str] | None = None):
    """Start ``kg --store STORE serve ARGS`` and yield (process, base URL); stop it afterwards.

    Its standard output and error are one text pipe: what it printed before it was up (the banner) can be read
    from ``process.stdout``; past that it logs only warnings.
    """
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "serve", "--port", str(port), "--log-level", "warning",
         *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, base)
        yield server, base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
