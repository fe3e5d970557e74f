"""A read task's answer as an HTTP response (see :mod:`api.reads`)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import HTTPException, Response

from .query_pool import InlineQueries, QueryPool, QueryTimeout


async def answer(queries: QueryPool | InlineQueries, task: str, *args, headers: Mapping[str, str] | None = None
                 ) -> Response:
    """Run ``task`` under the query timeout: 200 as a response, anything else as an HTTPException with its message."""
    try:
        status, media, body = await queries.run(task, *args)
    except QueryTimeout as exc:
        raise HTTPException(503, str(exc)) from None
    if status != 200:
        raise HTTPException(status, body.decode("utf-8", "replace"))
    return Response(body, media_type=media, headers=headers)
