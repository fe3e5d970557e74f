"""An ingest killed (kill -9) or interrupted (Ctrl-C) midway, then run again, gives exactly the graph of one clean run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import open_store

from .processes import descendants, survivors
from .test_ingest import STORIES, nquads

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES = 30


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct small articles built from the test stories."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in STORIES]
    for i in range(n):
        (folder / f"story-{i:03d}.txt").write_text(f"{texts[i % len(texts)]}\nFiled by desk {i}.\n", encoding="utf-8")
    return folder


def _ctrl_c_as_at_a_terminal() -> None:
    """In the child: Ctrl-C handled as in a terminal, even when the tests run as a background job (which starts
    with SIGINT ignored, and Python then keeps ignoring it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def kg(store: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "ingest", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_at_a_terminal,
        **popen,
    )


def dump(store: Path) -> list[str]:
    with open_store(store) as s:
        return nquads(s)


@pytest.fixture(scope="module")
def corpus_and_clean_dump(tmp_path_factory):
    base = tmp_path_factory.mktemp("resume")
    corpus = make_corpus(base / "corpus", N_ARTICLES)
    proc = kg(base / "clean", str(corpus))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.startswith(f"{N_ARTICLES} articles ingested")
    return corpus, dump(base / "clean")


@pytest.mark.parametrize(
    "sig, workers", [(signal.SIGKILL, "1"), (signal.SIGKILL, "2"), (signal.SIGINT, "2")],
    ids=["kill-9-one-process", "kill-9-two-workers", "ctrl-c-two-workers"],
)
def test_interrupted_ingest_resumes_to_the_same_graph(tmp_path, corpus_and_clean_dump, sig, workers):
    corpus, clean = corpus_and_clean_dump
    store = tmp_path / "store"
    proc = kg(store, str(corpus), "--log-interval", "0", "--batch-size", "2", "--workers", workers)
    written = 0
    for line in proc.stderr:  # progress lines after every article (not a terminal)
        m = re.match(r"ingest: (\d+) ingested", line)
        if m and int(m.group(1)) >= 5:
            written = int(m.group(1))
            break
    assert 5 <= written < N_ARTICLES
    children = descendants(proc.pid)
    assert len(children) >= (3 if workers == "2" else 0)  # spaCy workers and multiprocessing's resource tracker
    os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=120)
    assert survivors(children) == []  # none left behind under PID 1
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130 and "interrupted" in out
    partial = dump(store)
    assert 0 < len(partial) < len(clean)

    again = kg(store, str(corpus))
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    done, skipped = map(int, re.match(r"(\d+) articles ingested, (\d+) unchanged", out).groups())
    assert done + skipped == N_ARTICLES and skipped >= written
    assert dump(store) == clean
