"""How fast the explorer draws big neighbourhoods, in headless Debian chromium (software WebGL: no GPU here).

    .venv/bin/python bench/bench_explorer.py

1. A hub entity with ``--neighbours`` (500) neighbours, one statement each, in a store served by `kg serve`:
   the time from opening its view (hash change) to the first frame drawn after the graph is built, which
   covers the entity and neighbours requests, building the graphology graph and sigma's first render;
   ``--runs`` runs, median and max.
2. A view of ``--nodes`` (5,000) nodes and twice as many edges built in the page: the time per frame while
   the camera pans (60 frames), median and p95, i.e. whether it stays interactive: drawn as the page draws it
   (``rendererSettings`` in explorer.js: discs and arrows up to 1,000 nodes, points and lines above), for 1,000
   and 1,001 nodes too (either side of that switch); then with sigma's defaults (discs and thick lines, both
   drawn an instance each, like the page's arrows) with labels, without labels, without labels and edges; and
   for 10 nodes (the browser's own frame time here).
3. The same ``--nodes`` view dragged with the mouse (a real pan: sigma hides edges while the mouse drags them
   when the page asks it to): the time between two frames drawn during the drag, median and p95, as the page
   draws it and with sigma's defaults.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import ARGS, CHROMIUM, free_port, serve  # noqa: E402

ID, KG = "https://w3id.org/kg/id/", "https://w3id.org/kg/ontology#"
RDFS_LABEL, RDF_TYPE = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS = ("Person", "Organization", "Location")


def hub_nquads(n: int) -> str:
    g = f"<{ID}article/hub>"
    lines = [f"{g} <{RDF_TYPE}> <{KG}Article> {g} .", f"<{ID}person/hub> <{RDF_TYPE}> <{KG}Person> {g} .",
             f'<{ID}person/hub> <{RDFS_LABEL}> "Hub Person" {g} .']
    for i in range(n):
        kind = KINDS[i % 3]
        e, st = f"<{ID}{kind.lower()}/n{i}>", f"<{ID}statement/h{i}>"
        lines += [f"{e} <{RDF_TYPE}> <{KG}{kind}> {g} .", f'{e} <{RDFS_LABEL}> "Neighbour {i}" {g} .',
                  f"{st} <{RDF_TYPE}> <{KG}Statement> {g} .", f"{st} <{RDF_TYPE}> <{KG}{('Attack', 'Arrest', 'Support')[i % 3]}> {g} .",
                  f"{st} <{KG}agent> <{ID}person/hub> {g} .", f"{st} <{KG}target> {e} {g} .",
                  f'{st} <{KG}relationLabel> "meets" {g} .']
    return "\n".join(lines) + "\n"


# a renderer (window.kg.view.renderer, so the page kills it with the next) on n nodes and 2n edges, drawn as SETTINGS
# says or, for "page", as the page draws a view of n nodes
RENDERER = """
  const g = new graphology.Graph({ type: "directed" });
  for (let i = 0; i < n; i++) g.addNode("n" + i, { x: Math.cos(i) * Math.sqrt(i), y: Math.sin(i) * Math.sqrt(i), size: 3, color: "#2e86ab", label: "Node " + i });
  for (let i = 0; i < 2 * n; i++) { const a = "n" + (i % n), b = "n" + ((i * 7919 + 13) % n); if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b, { size: 1, color: "#b8bec7" }); }
  const Sigma = window.Sigma.Sigma || window.Sigma;
  window.kg.view.renderer?.kill();
  const settings = SETTINGS === "page" ? window.kg.rendererSettings(n) : SETTINGS;
  const r = window.kg.view.renderer = new Sigma(g, document.getElementById("graph"), settings);
"""

FRAMES = """async ([n, SETTINGS]) => {""" + RENDERER + """
  const times = [];
  let last = performance.now();
  for (let f = 0; f < 60; f++) {
    r.getCamera().setState({ x: 0.5 + 0.2 * Math.sin(f / 10), y: 0.5, ratio: 1 });
    await new Promise((res) => requestAnimationFrame(res));
    const now = performance.now(); times.push(now - last); last = now;
  }
  return times;
}"""

DRAG_SETUP = """([n, SETTINGS]) => {""" + RENDERER + """
  window.drawn = [];
  r.on("afterRender", () => window.drawn.push(performance.now()));
}"""


def drag(page, n: int, settings) -> list[float]:
    """Frame gaps (ms, sorted) while the mouse drags a view of ``n`` nodes across the graph, 40 moves."""
    page.evaluate(DRAG_SETUP, [n, settings])
    page.wait_for_timeout(1000)
    box = page.locator("#graph").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.evaluate("window.drawn = []")
    for i in range(40):
        page.mouse.move(x + 200 * ((i % 20) / 20 - 0.5), y + 50)
    page.mouse.up()
    stamps = page.evaluate("window.drawn")
    return sorted(b - a for a, b in zip(stamps, stamps[1:]))


OPEN = """async (id) => {
  const t0 = performance.now();
  document.body.dataset.ready = "";
  location.hash = "#/entity/" + id;
  while (document.body.dataset.ready !== "entity") await new Promise((res) => setTimeout(res, 5));
  await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
  const api = performance.getEntriesByType("resource").filter((e) => e.startTime >= t0 && e.name.includes("/entities/"))
    .reduce((s, e) => s + e.duration, 0);
  return [performance.now() - t0, window.kg.view.graph.order, api];
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--neighbours", type=int, default=500)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from kg.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-explorer-"))
    proc = None
    try:
        with open_store(folder / "store") as store:
            store.load(hub_nquads(args.neighbours).encode(), "nquads")
        port = free_port()
        proc = serve(folder / "store", port)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("body[data-ready=home]")
            page.evaluate(OPEN, "person/hub")  # warm: workers up, scripts compiled
            runs = []
            for _ in range(args.runs):
                page.evaluate("location.hash = '#/'")
                page.wait_for_selector("body[data-ready=home]")
                runs.append(page.evaluate(OPEN, "person/hub"))
            ms = [t for t, _, _ in runs]
            print(f"entity with {args.neighbours} neighbours ({runs[0][1]} nodes drawn): open to first frame "
                  f"median {statistics.median(ms):.0f} ms, max {max(ms):.0f} ms over {args.runs} runs; of which "
                  f"waiting for /entities requests median {statistics.median(a for _, _, a in runs):.0f} ms")
            frames = sorted(page.evaluate(FRAMES, [10, {}])[5:])
            print(f"baseline, 10 nodes: frame time while panning median {statistics.median(frames):.1f} ms")
            for n in (1000, 1001, args.nodes):
                frames = sorted(page.evaluate(FRAMES, [n, "page"])[5:])
                how = "points and lines" if n > page.evaluate("window.kg.LARGE") else "discs and arrows"
                print(f"{n} nodes, {2 * n} edges, as the page draws them ({how}, labels on): frame time while panning "
                      f"median {statistics.median(frames):.1f} ms, p95 {frames[int(0.95 * (len(frames) - 1))]:.1f} ms "
                      f"({1000 / statistics.median(frames):.1f} frames/s)")
            for name, settings in (("labels on", {}), ("labels off", {"renderLabels": False}),
                                   ("labels and edges off", {"renderLabels": False, "renderEdges": False})):
                frames = sorted(page.evaluate(FRAMES, [args.nodes, settings])[5:])
                print(f"{args.nodes} nodes, {2 * args.nodes} edges, sigma's defaults, {name}: frame time while "
                      f"panning median {statistics.median(frames):.1f} ms, p95 {frames[int(0.95 * (len(frames) - 1))]:.1f}"
                      f" ms ({1000 / statistics.median(frames):.1f} frames/s)")
            for name, settings in (("as the page draws them", "page"), ("sigma's defaults", {})):
                gaps = drag(page, args.nodes, settings)
                print(f"{args.nodes} nodes, {2 * args.nodes} edges, {name}, dragged with the mouse: {len(gaps) + 1} "
                      f"frames, time between frames median {statistics.median(gaps):.1f} ms, p95 "
                      f"{gaps[int(0.95 * (len(gaps) - 1))]:.1f} ms ({1000 / statistics.median(gaps):.1f} frames/s)")
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
