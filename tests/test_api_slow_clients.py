"""A client that never finishes its request headers is cut off (api/slow_clients.py), against a real `kg serve`."""

from __future__ import annotations

import socket
import time
import urllib.parse
import urllib.request

import pytest

from api.slow_clients import header_timeout_protocol

from .serve_process import kg_serve

TIMEOUT = 1.0  # the server's header timeout in these tests


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with kg_serve(tmp_path_factory.mktemp("slow") / "store", "--header-timeout", str(TIMEOUT)) as (process, base):
        yield process, base


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _closed_after(sock: socket.socket) -> float:
    """Seconds until the server closes the connection (recv returns b'')."""
    start = time.monotonic()
    while sock.recv(4096):
        pass
    return time.monotonic() - start


@pytest.mark.parametrize("sent", [b"", b"GET /health HTTP/1.1\r\nHost: kg\r\n", b"GET /heal"], ids=["nothing", "headers unfinished", "request line unfinished"])
def test_a_client_that_does_not_finish_its_headers_is_cut_off(server, sent):
    _, base = server
    with _connect(base) as sock:
        sock.sendall(sent)
        waited = _closed_after(sock)
    assert TIMEOUT * 0.8 <= waited < TIMEOUT + 5


def test_a_kept_alive_connection_gets_the_same_limit_for_its_next_request(server):
    _, base = server
    with _connect(base) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: kg\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: kg\r\n")  # the next request's headers, never finished
        assert _closed_after(sock) < TIMEOUT + 5


def test_a_slow_but_complete_request_and_a_long_response_are_served(server):
    _, base = server
    with _connect(base) as sock:
        for line in (b"GET /health HTTP/1.1\r\n", b"Host: kg\r\n", b"\r\n"):
            sock.sendall(line)
            time.sleep(TIMEOUT / 4)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    assert urllib.request.urlopen(f"{base}/health", timeout=10).status == 200


def test_the_timeout_must_be_positive():
    assert header_timeout_protocol(2.5).header_timeout == 2.5
    with pytest.raises(ValueError, match="header timeout must be positive, not 0"):
        header_timeout_protocol(0)


def test_kg_serve_refuses_a_timeout_that_is_not_positive(tmp_path):
    import subprocess
    import sys

    from .serve_process import REPO

    done = subprocess.run([sys.executable, "-m", "kg", "--store", str(tmp_path / "s"), "serve", "--header-timeout", "0"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "Error: --header-timeout must be positive, not 0.0"


def test_a_long_query_string_sent_in_pieces_is_read_whole(server):
    """h11 took at most 16 KiB of an incomplete request head: a 30 KB SPARQL GET that came in pieces was reset
    (it passed when it arrived in one read). The server reads heads up to api.slow_clients.MAX_REQUEST_HEAD."""
    _, base = server
    query = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1 # " + "x" * 30_000)
    head = f"GET /sparql?query={query} HTTP/1.1\r\nHost: kg\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n"
    with _connect(base) as sock:
        data = head.encode()
        for start in range(0, len(data), 4096):  # in pieces, with pauses well inside the header timeout
            sock.sendall(data[start:start + 4096])
            time.sleep(0.02)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
