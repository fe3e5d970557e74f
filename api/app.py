"""The application factory."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg import __version__
from kg.store import Store, open_store

from .routes import health, sparql, stats
from .settings import Settings


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the service for ``settings``; pass ``store`` to serve an already open store."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = app.state.store is None
        if owned:
            app.state.store = open_store(settings.store)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()
                app.state.store = None

    app = FastAPI(
        title="kg",
        version=__version__,
        description="A knowledge graph of security events extracted from news articles: SPARQL and REST.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"])
    for module in (health, stats, sparql):
        app.include_router(module.router)
    return app
