"""An HTTP/1.1 protocol for uvicorn that closes connections whose request line and headers do not arrive in time.

uvicorn times out idle keep-alive connections but not a client that sends a request's headers slowly or never
finishes them ("slowloris"): each such connection holds a socket and its buffers for as long as the client
likes. :func:`header_timeout_protocol` makes a subclass of uvicorn's h11 protocol that arms a timer when a
connection opens and whenever a new request starts arriving, disarms it once h11 has the whole request line and
headers, and closes the connection when it fires first.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT = 10.0  # seconds a client has to send a request line and its headers
# bytes a request line and its headers may take (h11's default is 16 KiB, enforced only while they are incomplete,
# so a longer SPARQL GET was answered when it arrived in one read and reset when it came in pieces)
MAX_REQUEST_HEAD = 1 << 20


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout = DEFAULT_HEADER_TIMEOUT
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # a new request on a kept-alive connection starts arriving
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are in
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class to give uvicorn (``http=``) for a header timeout of ``seconds``."""
    if not seconds > 0:
        raise ValueError(f"header timeout must be positive, not {seconds}")
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout": float(seconds)})
