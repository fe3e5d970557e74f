"""Service settings, from arguments or ``KG_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kg.store import default_store_path


# one worker per core, plus one to keep the cores busy while a worker waits for the server to hand it the next read
DEFAULT_WORKERS = str((os.cpu_count() or 1) + 1)
DEFAULT_SPARQL = str(os.cpu_count() or 1)


def _env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


@dataclass
class Settings:
    store: str = field(default_factory=default_store_path)  # folder path or ":memory:"
    model: str | None = field(default_factory=lambda: os.environ.get("KG_MODEL"))
    # SPARQL Update and article writes are refused unless a token is set (sent as "Authorization: Bearer TOKEN")
    update_token: str | None = field(default_factory=lambda: os.environ.get("KG_UPDATE_TOKEN") or None)
    # seconds a read (SPARQL query or REST lookup) may run before its worker is killed and the client gets 503
    query_timeout: float = field(default_factory=lambda: float(os.environ.get("KG_QUERY_TIMEOUT", "10")))
    # worker processes for REST reads (0: run all reads in the server process, where a timeout cannot stop them)
    query_workers: int = field(default_factory=lambda: int(os.environ.get("KG_QUERY_WORKERS", DEFAULT_WORKERS)))
    # SPARQL queries that may run at once, each in a worker process of its own (or a thread, with 0 workers)
    sparql_workers: int = field(default_factory=lambda: int(os.environ.get("KG_SPARQL_WORKERS", DEFAULT_SPARQL)))
    # SPARQL queries that may wait for one of those; more are refused with 429
    sparql_queue: int = field(default_factory=lambda: int(os.environ.get("KG_SPARQL_QUEUE", "16")))
    # largest request body accepted, in bytes (larger ones get 413)
    max_body_bytes: int = field(default_factory=lambda: int(os.environ.get("KG_MAX_BODY_BYTES", str(5_000_000))))
    # most articles one POST /articles may carry as a JSON list or NDJSON (more get 413)
    max_batch_articles: int = field(default_factory=lambda: int(os.environ.get("KG_MAX_BATCH_ARTICLES", "100")))
    # largest SPARQL result a query may produce, in bytes (larger ones get 400: add a LIMIT)
    max_result_bytes: int = field(default_factory=lambda: int(os.environ.get("KG_MAX_RESULT_BYTES", str(50_000_000))))
    # operators, UNIONs, FILTERs and other pattern keywords one SPARQL request may hold (api.sparql_guard)
    max_sparql_operators: int = field(default_factory=lambda: int(os.environ.get("KG_MAX_SPARQL_OPERATORS", "1000")))
    # let SPARQL queries call other endpoints with SERVICE and updates LOAD URLs (the server then makes HTTP requests
    # a client chose; to public addresses only, unless listed in service_hosts)
    allow_service: bool = field(default_factory=lambda: os.environ.get("KG_SPARQL_SERVICE", "") in ("1", "true", "yes"))
    # hosts SERVICE and LOAD may reach even when they resolve to loopback, link-local or private addresses
    service_hosts: list[str] = field(default_factory=lambda: [h.lower() for h in _env_list("KG_SPARQL_SERVICE_HOSTS")])
    cors_origins: list[str] = field(default_factory=lambda: _env_list("KG_CORS_ORIGINS"))
