"""Runners for the external validators of the export tests: jing (RELAX NG) and graphology-gexf (node).

Where a tool is missing, the test is skipped with the reason, except under ``KG_REQUIRE_EXPORT_TOOLS=1``
(set by ``.ci/run``) where it fails: CI must run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GEXF_SCHEMA = ROOT / "tests" / "schemas" / "gexf-1.3" / "gexf.rnc"
JS = ROOT / "tests" / "js"


def _missing(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_EXPORT_TOOLS") == "1":
        pytest.fail(f"{reason} (KG_REQUIRE_EXPORT_TOOLS=1)")
    pytest.skip(reason)


def jing(path: Path) -> subprocess.CompletedProcess:
    """``jing -c gexf.rnc path``; returncode 0 means valid, stdout lists the errors otherwise."""
    if not shutil.which("jing"):
        _missing("jing is not installed (Debian: apt-get install jing)")
    return subprocess.run(["jing", "-c", str(GEXF_SCHEMA), str(path)], capture_output=True, text=True, timeout=120)


def graphology(path: Path) -> dict:
    """The graph graphology-gexf reads from ``path``: ``{type, multi, order, size, graph: graph.export()}``."""
    if not shutil.which("node"):
        _missing("node is not installed")
    if not (JS / "node_modules" / "graphology-gexf").is_dir():
        _missing("graphology-gexf is not installed (cd tests/js && npm ci)")
    done = subprocess.run(["node", str(JS / "parse_gexf.js"), str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
