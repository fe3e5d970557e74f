"""The explorer page (api/static) in a real headless Chromium against a real `kg serve` on the seed store.

Every test checks that the page logged no console error and sent no request to a host but 127.0.0.1.
With ``KG_EXPLORER_SCREENSHOTS=folder`` the entity and article views are saved there (docs/ holds them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .browser import Watch, free_port, launch, missing, serve
from .conftest import SEED

JASIM = "person/sami-jasim"
TURKISH = "organization/turkish-intelligence"
ARTICLE = "000_7c71ae8a3147dccc"
SHOTS = os.environ.get("KG_EXPLORER_SCREENSHOTS")


@pytest.fixture(scope="module")
def base(tmp_path_factory, nlp):
    from kg.ingest import ingest_paths
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("explorer") / "store"
    with open_store(folder) as store:
        ingest_paths([SEED], store)
    port = free_port()
    proc = serve(folder, port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    assert page.watch.errors == [], [u for u in page.watch.urls if "127.0.0.1" not in u]
    assert page.watch.hosts == {"127.0.0.1"}
    context.close()


def open_entity(page, base, q: str) -> None:
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=home]")
    page.fill("#q", q)
    page.wait_for_selector(f"#suggestions li[data-id='{JASIM}']")
    assert page.locator("#suggestions li").first.get_attribute("data-id") == JASIM
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-ready=entity]")


def screen_point(page, node_or_edge: tuple[str, ...]) -> tuple[float, float]:
    """Page coordinates of a node, or of the middle of an edge between two nodes, as sigma draws them."""
    box = page.locator("#graph").bounding_box()
    x, y = page.evaluate("""(ids) => {
        const r = window.kg.view.renderer, g = window.kg.view.graph;
        const pts = ids.map((id) => r.graphToViewport(g.getNodeAttributes(id)));
        return [pts.reduce((s, p) => s + p.x, 0) / pts.length, pts.reduce((s, p) => s + p.y, 0) / pts.length];
    }""", list(node_or_edge))
    return box["x"] + x, box["y"] + y


@pytest.mark.parametrize("q", ["jasim", "jasin"])
def test_search_opens_the_entity_with_its_neighbours_in_the_graph(page, base, q):
    open_entity(page, base, q)
    assert page.inner_text("#entity-title") == "Sami Jasim"
    import httpx

    expected = {n["id"] for n in httpx.get(f"{base}/entities/{JASIM}/neighbours?limit=1000").json()["neighbours"]}
    nodes = set(page.evaluate("window.kg.view.graph.nodes()"))
    assert nodes == expected | {JASIM} and TURKISH in nodes
    colours = page.evaluate(f"window.kg.view.graph.getNodeAttribute('{TURKISH}', 'color')")
    assert colours == "#2e86ab"  # an organisation
    gexf = f"/export/graph.gexf?entity={JASIM.replace('/', '%2F')}&depth=1"
    assert page.get_attribute("#export-gexf", "href") == gexf


def test_clicking_an_edge_shows_the_sentences_behind_it(page, base):
    open_entity(page, base, "jasim")
    graph = "window.kg.view.graph"
    edge = page.evaluate(f"{graph}.edge('{TURKISH}', '{JASIM}') || {graph}.edge('{JASIM}', '{TURKISH}')")
    assert edge
    page.mouse.move(*screen_point(page, (TURKISH, JASIM)))
    page.mouse.click(*screen_point(page, (TURKISH, JASIM)))
    page.wait_for_selector("#evidence .statement blockquote")
    text = page.inner_text("#evidence")
    assert "Turkish intelligence → Sami Jasim" in text
    assert "Turkish intelligence helped Iraq capture Daesh leader" in text
    assert page.locator("#evidence mark.agent").first.inner_text() == "Turkish intelligence"
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "explorer-entity.png"))


def test_clicking_a_node_expands_it(page, base):
    open_entity(page, base, "jasim")
    assert not page.evaluate("window.kg.view.graph.hasNode('person/basim')")
    page.mouse.click(*screen_point(page, (TURKISH,)))
    page.wait_for_function("window.kg.view.graph.hasNode('person/basim')")
    assert page.evaluate("window.kg.view.expanded") == [TURKISH]
    assert page.evaluate(f"window.kg.view.graph.hasEdge('{TURKISH}->person/abu-bakr-al-baghdadi')") or \
        page.evaluate(f"window.kg.view.graph.hasEdge('person/abu-bakr-al-baghdadi->{TURKISH}')")


def test_a_sparql_preset_runs(page, base):
    page.goto(base + "/#/sparql")
    page.wait_for_selector("body[data-ready=sparql]")
    page.select_option("#presets", "0")
    assert "kg:Capture" in page.input_value("#sparql-text")
    page.click("#sparql-run")
    page.wait_for_selector("#sparql-results table tr:nth-child(2)")
    assert "Sami Jasim" in page.inner_text("#sparql-results")
    assert page.inner_text("#sparql-status").split(" rows")[0].isdigit()


def test_the_article_view_highlights_what_was_extracted(page, base):
    page.goto(f"{base}/#/article/{ARTICLE}")
    page.wait_for_selector("body[data-ready=article]")
    assert page.inner_text("#article-title") == "Turkish intelligence helped Iraq capture Daesh leader: Report"
    first = page.locator("#article-statements .statement").first
    assert first.locator("mark").all_inner_texts()[:1] == ["Turkish intelligence"]
    assert "Sami Jasim" in page.inner_text("#article-entities")
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "explorer-article.png"), full_page=True)


@pytest.mark.parametrize("path, shown", [("/docs", ".swagger-ui .info"), ("/redoc", "h1")])
def test_api_docs_load_from_the_server_itself(page, base, path, shown):
    page.goto(base + path)
    page.wait_for_selector(shown)
    assert "kg" in page.inner_text(shown)
