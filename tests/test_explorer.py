"""The explorer page (api/static) in a real headless Chromium against a real `kg serve` on the seed store, with
tests/data/explorer-denial.txt beside it: an article that denies one capture of Sami Jasim and alleges another.

Every test checks that the page logged no console error and sent no request to a host but 127.0.0.1.
With ``KG_EXPLORER_SCREENSHOTS=folder`` the entity and article views are saved there (docs/ holds them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .browser import Watch, free_port, launch, missing, serve
from .conftest import SEED

DENIAL = Path(__file__).parent / "data" / "explorer-denial.txt"
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
        ingest_paths([SEED, DENIAL], store)
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


def test_a_view_past_a_thousand_nodes_is_drawn_with_points_and_lines(page, base):
    """Discs and arrows are drawn an instance each, which software WebGL pays per instance (bench_explorer.py)."""
    open_entity(page, base, "jasim")
    settings = lambda: page.evaluate(  # noqa: E731
        "(keys) => keys.map((k) => window.kg.view.renderer.getSetting(k))", ["defaultNodeType", "defaultEdgeType"])
    assert settings() == ["circle", "arrow"]
    page.evaluate("""() => { const g = window.kg.view.graph;
        for (let i = 0; i < window.kg.LARGE; i++) g.addNode("test/n" + i, { x: i % 40, y: i / 40, size: 3 }); }""")
    page.evaluate(f"window.kg.expand('{TURKISH}')")  # crossing LARGE makes a new renderer
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert settings() == ["point", "line"] and page.evaluate("window.kg.view.renderer.getSetting('hideEdgesOnMove')")
    assert page.evaluate("window.kg.view.graph.hasNode('person/basim')")


def drawn(page) -> tuple[set[str], set[str]]:
    """The graph's edges and the statements behind them."""
    return tuple(map(set, page.evaluate("""() => { const g = window.kg.view.graph;
        const statements = (e) => g.getEdgeAttribute(e, "statements").map((s) => s.statement);
        return [g.edges(), g.edges().flatMap(statements)]; }""")))


def expected(base, keep) -> tuple[set[str], set[str]]:
    """What the entity view should draw for Sami Jasim: the edges and statements ``keep`` keeps of the REST answer."""
    import httpx

    edges = [e for n in httpx.get(f"{base}/entities/{JASIM}/neighbours?limit=1000").json()["neighbours"]
             for e in n["edges"] if keep(e)]
    return {f"{e['source']}->{e['target']}" for e in edges}, {e["statement"] for e in edges}


def test_hiding_negated_and_unverified_statements(page, base):
    open_entity(page, base, "jasim")
    everything = expected(base, lambda e: True)
    negated = everything[1] - expected(base, lambda e: not e["negated"])[1]
    unverified = everything[1] - expected(base, lambda e: e["modality"] is None)[1]
    assert len(negated) == 1 and len(unverified) == 1  # from tests/data/explorer-denial.txt
    assert drawn(page) == everything and page.inner_text("#f-hidden") == ""

    page.check("#f-negated")
    page.wait_for_selector("#f-hidden >> text=1 statement(s) hidden")
    assert drawn(page) == expected(base, lambda e: not e["negated"])

    # the evidence panel of the edge behind the alleged statement loses it when unverified statements are hidden
    page.uncheck("#f-negated")
    page.wait_for_function("document.querySelector('#f-hidden').textContent === ''")
    alleged = f"organization/iraqi-security-forces->{JASIM}"
    page.evaluate(f"window.kg.showEvidence('{alleged}')")
    page.wait_for_selector(f"#evidence .statement[data-statement='{min(unverified)}']")
    shown = page.locator("#evidence .statement").count()
    page.check("#f-unverified")
    page.wait_for_selector("#f-hidden >> text=1 statement(s) hidden")
    assert drawn(page) == expected(base, lambda e: e["modality"] is None)
    if alleged in drawn(page)[0]:  # asserted statements keep the edge
        page.wait_for_function(f"document.querySelectorAll('#evidence .statement').length === {shown - 1}")
    else:
        page.wait_for_selector("#evidence .hint")
    assert page.locator(f"#evidence .statement[data-statement='{min(unverified)}']").count() == 0

    page.check("#f-negated")
    page.wait_for_selector("#f-hidden >> text=2 statement(s) hidden")
    assert drawn(page) == expected(base, lambda e: not e["negated"] and e["modality"] is None)


def test_sparql_page_is_yasgui_with_the_documented_presets(page, base):
    import json

    from api.static import STATIC

    presets = json.loads((STATIC / "sparql-presets.json").read_text(encoding="utf-8"))
    page.goto(base + "/#/sparql")
    page.wait_for_selector("body[data-ready=sparql]")
    page.wait_for_selector("#yasgui .yasqe .CodeMirror")
    names = page.locator("#presets option").all_inner_texts()[1:]
    assert names == [p["name"] for p in presets]
    page.select_option("#presets", "0")
    assert page.evaluate("window.kg.sparql.yasgui.getTab().getQuery()") == presets[0]["query"]
    assert page.evaluate("window.kg.sparql.yasgui.getTab().getEndpoint()") == base + "/sparql"
    page.click("#yasgui .yasqe_queryButton")
    page.wait_for_selector("#yasgui .yasr table tbody tr td")
    assert "Sami Jasim" in page.inner_text("#yasgui .yasr table")
    page.select_option("#presets", "1")
    page.click("#yasgui .CodeMirror")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelector('#yasgui .yasr table')?.innerText.includes('sentence')")
    assert page.evaluate("Object.keys(localStorage)") == [] and "query=" not in page.url
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "explorer-sparql.png"))


def test_sparql_editor_completes_without_asking_another_host(page, base):
    """YASGUI's class and property completions ask lov.linkeddata.es; the page keeps only local ones."""
    page.goto(base + "/#/sparql")
    page.wait_for_selector("#yasgui .yasqe .CodeMirror")
    page.evaluate("() => { window.kg.sparql.yasgui.getTab().setQuery(''); }")
    page.click("#yasgui .CodeMirror")
    page.keyboard.type("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT * WHERE { ?s a foaf:Pers")
    page.keyboard.press("Control+Space")
    page.keyboard.type("on ; foaf:na")
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(1500)  # a look-up would have been sent by now
    assert page.evaluate("Object.keys(window.kg.sparql.yasgui.getTab().getYasqe().autocompleters).sort()") == \
        ["prefixes", "variables"]


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


def test_vendored_assets_are_pinned_licensed_and_listed():
    """Every vendored package is in VERSIONS, has its folder with a licence, a row in vendor/README.md, and the pages
    load no other version of it."""
    import re

    from api.static import STATIC, VENDOR, VERSIONS

    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for package, version in VERSIONS.items():
        folder = VENDOR / f"{package}-{version}"
        assert any(f.name.upper().startswith("LICENSE") for f in folder.iterdir()), package
        assert f"| [{package}](https://www.npmjs.com/package/{package}) | {version} |" in readme
    pages = "".join((STATIC / name).read_text(encoding="utf-8") for name in ("explorer.html", "sparql.js"))
    loaded = set(re.findall(r"/static/vendor/((?:@[\w.-]+/)?[\w.-]+?)-(\d[\w.]*)/", pages))
    assert loaded == {("sigma", "3.0.3"), ("graphology", "0.26.0"), ("@zazuko/yasgui", "4.6.2")}
    assert all(VERSIONS[package] == version for package, version in loaded)
