"""Headless Chromium for the explorer's tests: Debian's ``chromium`` driven by Playwright (never
``playwright install``).

Where chromium or playwright is missing the tests skip, except under ``KG_REQUIRE_BROWSER=1`` (set by
``.ci/run``), where they fail: CI must run them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def missing(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (KG_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def launch(playwright):
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing(f"chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path, port: int) -> subprocess.Popen:
    """``kg serve`` on ``store`` at 127.0.0.1:``port``, once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--query-workers", "1", "--log-level", "warning"])
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("kg serve did not start") from None
            time.sleep(0.2)


class Watch:
    """What a page did: console errors, uncaught exceptions, and every host it sent a request to."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.urls: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        url = request.url.removeprefix("blob:")  # a blob (ReDoc's worker) is the page's own origin's
        if not url.startswith("data:"):
            self.hosts.add(urlparse(url).hostname or url)
            self.urls.append(url)
