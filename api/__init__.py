"""kg's HTTP service: ``create_app(settings)`` builds the FastAPI application.

The names load lazily so that a query worker process (:mod:`api.query_worker`)
imports only what it needs, not the web framework or the NLP pipeline.
"""

from __future__ import annotations

__all__ = ["Settings", "create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(f"module 'api' has no attribute {name!r}")
