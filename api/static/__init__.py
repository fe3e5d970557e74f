"""Files the service serves under ``/static``: the explorer page's own, and third-party ones in ``vendor/``.

Each vendored package sits in ``vendor/<npm name>-<version>/`` with its licence; ``vendor/README.md``
lists them. Nothing is built or fetched at install or run time.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent
VENDOR = STATIC / "vendor"
# npm package -> the pinned version vendored (the folder name's suffix)
VERSIONS = {"sigma": "3.0.3", "graphology": "0.26.0", "swagger-ui-dist": "5.35.0", "redoc": "2.5.4",
            "@zazuko/yasgui": "4.6.2"}


def vendored(package: str, file: str) -> str:
    """The URL of a vendored file: ``/static/vendor/<package>-<version>/<file>``."""
    return f"/static/vendor/{package}-{VERSIONS[package]}/{file}"
