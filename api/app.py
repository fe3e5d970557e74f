"""The application factory."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from kg import __version__
from kg.errors import KGError, QueryError, StoreError
from kg.store import Store, open_store

from .limits import BodyLimit, BodyTooLarge, too_large
from .query_pool import query_runner
from .routes import (articles, corrections, docs, entities, events, explorer, export, health, paths, sparql, statements,
                     stats)
from .settings import Settings
from .static import STATIC

DESCRIPTION = """A knowledge graph of security events extracted from news articles.

* **SPARQL 1.1 Protocol** at `/sparql` (query by GET or POST; update by POST with `Authorization: Bearer <token>`).
* **REST**: search entities, look at one, walk its neighbours, find paths between two, read statements with their
  source sentence, list, add and delete articles, export the graph for Gephi; events across reports with their
  independent sources.
* **Corrections**: merge, split, reject, rename (`POST /corrections`, with the token); kept across re-extraction.
* **Explorer**: the page at `/` searches, draws an entity's neighbourhood, shows the evidence behind each edge.

Writes (SPARQL Update, `POST`/`DELETE /articles`, `POST`/`DELETE /corrections`) are refused unless the server has an
update token.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the service for ``settings``; pass ``store`` to serve an already open store."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = app.state.store is None
        if owned:
            app.state.store = open_store(settings.store)
        app.state.write_lock = asyncio.Lock()
        app.state.queries = query_runner(app.state.store, settings.query_workers, settings.query_timeout,
                                         settings.sparql_workers, settings.sparql_queue)
        app.state.queries.start()
        try:
            yield
        finally:
            app.state.queries.close()
            if owned:
                app.state.store.close()
                app.state.store = None

    # /docs and /redoc come from api.routes.docs, on vendored assets: FastAPI's own load them from a CDN
    app = FastAPI(title="kg", version=__version__, description=DESCRIPTION, lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.settings = settings
    app.state.store = store

    @app.exception_handler(405)
    async def method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
        """405 with every method the path supports in Allow (a path may have one route per method)."""
        allowed: set[str] = set()
        for route in app.router.routes:
            methods = getattr(route, "methods", None)
            if methods and route.path_regex.match(request.url.path):
                allowed |= methods
        return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                            headers={"Allow": ", ".join(sorted(allowed))})

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        return too_large(exc.limit)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"the store failed: {exc}"}, status_code=500)

    @app.exception_handler(KGError)
    async def kg_error(request: Request, exc: KGError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    for module in (health, stats, sparql, entities, paths, statements, events, articles, corrections, export, docs,
                   explorer):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
