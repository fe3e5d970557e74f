"""A read task's answer as an HTTP response (see :mod:`api.reads`)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import HTTPException, Response

from .query_pool import Busy, InlineQueries, QueryPool, QueryTimeout
from .sparql_exec import Answer

RETRY_AFTER = "5"  # seconds, for 429


async def run_read(queries: QueryPool | InlineQueries, task: str, *args) -> Answer:
    """Run ``task`` under the query timeout: 503 past it, 429 when too many SPARQL queries run and wait."""
    try:
        return await queries.run(task, *args)
    except QueryTimeout as exc:
        raise HTTPException(503, str(exc)) from None
    except Busy as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": RETRY_AFTER}) from None


async def answer(queries: QueryPool | InlineQueries, task: str, *args, headers: Mapping[str, str] | None = None
                 ) -> Response:
    """Run ``task`` under the query timeout: 200 as a response, anything else as an HTTPException with its message."""
    status, media, body = await run_read(queries, task, *args)
    if status != 200:
        raise HTTPException(status, body.decode("utf-8", "replace"))
    return Response(body, media_type=media, headers=headers)
