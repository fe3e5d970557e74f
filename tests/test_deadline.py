"""The time limit per article (kg.deadline): an article whose extraction outlives it fails alone, named, and
the run goes on. A rule step that stalls on one marked article stands in for a parse no rule foresaw."""

import time

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import kg.extract
import kg.ingest
from kg.cli import app
from kg.deadline import ArticleTimeout, time_limit
from kg.extract import extract, extract_many
from kg.ingest import ingest_articles
from kg.nlp import RULE_COMPONENTS
from kg.text import article_from_text

STALL = "Stall here."


@Language.component("kg_test_stall")
def _stall(doc):
    if STALL in doc.text:
        for _ in range(600):  # bounded: 60 s at most even if the limit never fired
            time.sleep(0.1)
    return doc


@pytest.fixture
def stalling(nlp, monkeypatch):
    """The session pipeline with a rule step that stalls on articles containing STALL."""
    nlp.add_pipe("kg_test_stall", last=True)
    monkeypatch.setattr(kg.extract, "RULE_COMPONENTS", (*RULE_COMPONENTS, "kg_test_stall"))
    yield nlp
    nlp.remove_pipe("kg_test_stall")


def test_time_limit_raises_in_the_block_and_disarms_after():
    with pytest.raises(ArticleTimeout, match=r"^a1: extraction took longer than 0.05 s \(raise the limit with --time-limit\)$"):
        with time_limit(0.05, "a1"):
            time.sleep(2)
    with time_limit(0.05, "a2"):
        pass
    time.sleep(0.1)  # a disarmed timer does not fire later


def test_no_limit_when_zero_or_none():
    for seconds in (0, None):
        with time_limit(seconds, "a"):
            time.sleep(0.01)


def test_extract_raises_past_the_limit(stalling):
    with pytest.raises(ArticleTimeout, match="^slow: extraction took longer than 0.2 s"):
        extract(article_from_text(f"Police arrested two men in Paris. {STALL}", "slow"), stalling, time_limit=0.2)


def test_extract_many_reports_the_slow_article_and_goes_on(stalling):
    arts = [article_from_text(text, src) for src, text in [
        ("a", "Police arrested two men in Paris."), ("slow", f"Police arrested a man. {STALL}"),
        ("b", "Israeli troops killed a gunman in Gaza.")]]
    errors = []
    got = [ex.article.source for ex in extract_many(arts, stalling, 3, 0.2, errors.append)]
    assert got == ["a", "b"]
    assert [(e.source, e.reason) for e in errors] == [("slow", "extraction took longer than 0.2 s (raise the limit with --time-limit)")]


def test_ingest_stores_the_others_and_fails_the_slow_one(stalling, store, monkeypatch):
    monkeypatch.setattr(kg.ingest, "load_pipeline", lambda model=None: stalling)
    arts = [article_from_text("Police arrested two men in Paris.", "a"),
            article_from_text(f"Police arrested a man. {STALL}", "slow")]
    summary = ingest_articles(arts, store, batch_size=2, time_limit=0.2)
    assert summary.articles == 1
    assert summary.failed == [("slow", "extraction failed: extraction took longer than 0.2 s (raise the limit with --time-limit)")]


def test_cli_extract_names_the_article_and_the_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Police arrested two men in Paris on Monday. " * 50, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--time-limit", "0.001"])
    assert result.exit_code == 1
    assert f"{path}: extraction took longer than 0.001 s (raise the limit with --time-limit)" in result.output
