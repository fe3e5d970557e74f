"""Dependencies shared by the routers: the store, the settings, the query runner, write access.

They are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a hop
that cost more than the rest of a small request.
"""

from __future__ import annotations

import asyncio
from secrets import compare_digest
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kg.store import Store

from .query_pool import InlineQueries, QueryPool
from .settings import Settings

bearer = HTTPBearer(auto_error=False, description="The server's update token (KG_UPDATE_TOKEN).")


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_queries(request: Request) -> QueryPool | InlineQueries:
    return request.app.state.queries


async def get_write_lock(request: Request) -> asyncio.Lock:
    return request.app.state.write_lock


def check_token(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Writes need a configured token sent as ``Authorization: Bearer TOKEN``: 403 when off, 401 when wrong."""
    if not settings.update_token:
        raise HTTPException(403, "writes are disabled on this server: start it with an update token (KG_UPDATE_TOKEN)")
    if credentials is None:
        raise HTTPException(401, "this request writes: send Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    if not compare_digest(credentials.credentials.encode(), settings.update_token.encode()):
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def bearer_credentials(request: Request) -> HTTPAuthorizationCredentials | None:
    """The ``Authorization: Bearer`` credentials of a request, for routes where only some requests write."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return HTTPAuthorizationCredentials(scheme="Bearer", credentials=token.strip())


async def require_token(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    check_token(request.app.state.settings, credentials)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
QueriesDep = Annotated[QueryPool | InlineQueries, Depends(get_queries)]
WriteLockDep = Annotated[asyncio.Lock, Depends(get_write_lock)]
WriteAccess = Annotated[None, Depends(require_token)]
