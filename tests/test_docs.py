"""Every command the README and docs/ show runs, and prints what they show (see tests/docs_examples.py)."""

from __future__ import annotations

import os
import shutil

import pytest

from .docs_examples import NOT_RUN, PAGES, ROOT, Session, commands, problem, seed_store

PAGE_COMMANDS = {page: commands(page) for page in PAGES}


TOOLS = ("jq", "column", "curl")  # the examples pipe through jq and column and call the server with curl


@pytest.fixture(scope="module")
def seed(tmp_path_factory, nlp):
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing and not os.environ.get("KG_REQUIRE_DOC_TOOLS"):
        pytest.skip(f"not installed: {', '.join(missing)} (.ci/run installs them)")
    assert not missing, f"not installed: {', '.join(missing)}"
    return seed_store(tmp_path_factory.mktemp("docs"))


def test_the_docs_have_pages_with_commands():
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/index.md", "docs/cli.md", "docs/extraction.md", "docs/ontology.md",
            "docs/http-api.md", "docs/exports.md", "docs/operations.md", "docs/benchmarks.md",
            "docs/contributing.md"} <= names
    assert sum(len(c) for c in PAGE_COMMANDS.values()) > 50


def test_only_listed_kinds_of_command_are_not_run():
    skipped = [c for cs in PAGE_COMMANDS.values() for c in cs if c.skipped]
    assert {next(p for p in NOT_RUN if c.text.startswith(p)) for c in skipped} <= set(NOT_RUN)
    run = [c for cs in PAGE_COMMANDS.values() for c in cs if not c.skipped]
    assert len(run) > 3 * len(skipped), [str(c) for c in skipped]


@pytest.mark.parametrize("page", [p for p in PAGES if any(not c.skipped for c in PAGE_COMMANDS[p])],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_command_of_the_page_prints_what_it_shows(page, seed, tmp_path):
    session = Session(tmp_path, seed)
    problems = []
    try:
        for command in PAGE_COMMANDS[page]:
            if not command.skipped:
                found = problem(command, *session.run(command.text))
                if found:
                    problems.append(found)
    finally:
        session.stop()
    assert not problems, "\n\n".join(problems)


def test_the_readme_fits_on_a_few_screens_and_links_every_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert ". .venv/bin/activate" in readme  # how to have `kg` on the PATH
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "index.md")
    assert [p for p in pages if f"](docs/{p})" not in readme] == []


def test_the_site_nav_lists_every_page():
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert sorted(next(iter(item.values())) for item in nav) == sorted(p.name for p in (ROOT / "docs").glob("*.md"))
