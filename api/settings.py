"""Service settings, from arguments or ``KG_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kg.store import default_store_path


def _env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


@dataclass
class Settings:
    store: str = field(default_factory=default_store_path)  # folder path or ":memory:"
    model: str | None = field(default_factory=lambda: os.environ.get("KG_MODEL"))
    update_token: str | None = field(default_factory=lambda: os.environ.get("KG_UPDATE_TOKEN") or None)
    query_timeout: float = field(default_factory=lambda: float(os.environ.get("KG_QUERY_TIMEOUT", "30")))
    cors_origins: list[str] = field(default_factory=lambda: _env_list("KG_CORS_ORIGINS"))
