from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.nlp import load_pipeline
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7c71ae8a3147dccc.txt"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def seed_store(nlp):
    """A store holding the seed article (read-only for tests)."""
    from kg.ingest import ingest_paths

    s = open_store(":memory:")
    ingest_paths([SEED], s)
    return s


@pytest.fixture(scope="module")
def sample():
    """The hand-made two-article export store of tests/export_data.py (one per test module)."""
    from .export_data import sample_store

    s = sample_store()
    yield s
    s.close()


def killed_writer(script: str, path, lines: int) -> list[int]:
    """Run ``script`` (a writer printing one number per article it has written) on ``path`` in a new process,
    SIGKILL it once it has printed ``lines`` numbers, and return them (the process is reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    written = [int(proc.stdout.readline()) for _ in range(lines)]
    proc.send_signal(signal.SIGKILL)  # lands while a later article is being written
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return written
