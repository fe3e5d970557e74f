// kg explorer: search, an entity's neighbourhood (sigma.js + graphology), evidence, timeline, articles
// (the SPARQL page is sparql.js).
// Plain browser JS on kg's REST API; every asset comes from this server.
"use strict";

const TYPE_COLOURS = { Person: "#e4572e", Organization: "#2e86ab", Location: "#3bb273", Source: "#9a9a9a" };
const PALETTE = ["#8e44ad", "#d35400", "#16a085", "#c0392b", "#2c3e50", "#f39c12", "#27ae60", "#7f8c8d", "#e84393", "#0984e3"];
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const SigmaClass = window.Sigma.Sigma || window.Sigma;
// Above this many nodes the graph is drawn with points and lines, not discs and arrows, and without its edges while
// it is dragged or zoomed: sigma draws discs and arrows one instance each, which software WebGL (no GPU) pays per
// instance; 5,000 nodes pan at ~1.5 frames/s that way (docs/explorer.md, bench/bench_explorer.py).
const LARGE = 1000;
function rendererSettings(order) {
  const R = window.Sigma.rendering, common = { enableEdgeEvents: true, labelRenderedSizeThreshold: 5 };
  return order > LARGE
    ? { ...common, defaultNodeType: "point", defaultEdgeType: "line", nodeProgramClasses: { point: R.NodePointProgram },
        edgeProgramClasses: { line: R.EdgeLineProgram }, hideEdgesOnMove: true }
    : { ...common, defaultEdgeType: "arrow" };
}

async function getJSON(url, options) {
  const r = await fetch(url, options);
  if (!r.ok) throw new Error(`${r.status}: ${(await r.json().catch(() => ({}))).detail || r.statusText}`);
  return r.json();
}
const cache = new Map();
const cached = (url) => { if (!cache.has(url)) cache.set(url, getJSON(url)); return cache.get(url); };
const entityLink = (e) => `<a href="#/entity/${esc(e.id)}">${esc(e.label)}</a>`;
const eventColour = (name) => name ? PALETTE[[...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % PALETTE.length] : "#b8bec7";

// --- search with suggestions ------------------------------------------------------------
const search = { timer: null, items: [], active: -1, seq: 0 };
function renderSuggestions() {
  const list = $("suggestions");
  list.hidden = search.items.length === 0;
  list.innerHTML = search.items.map((e, i) =>
    `<li role="option" data-id="${esc(e.id)}" class="${i === search.active ? "active" : ""}">
       <span>${esc(e.label)}${e.matched !== e.label ? ` <span class="sub">“${esc(e.matched)}”</span>` : ""}</span>
       <span class="sub">${esc(e.type)} · ${e.statements} statements</span></li>`).join("");
}
async function suggest(q) {
  const seq = ++search.seq;
  const body = q.trim() ? await getJSON(`/entities?q=${encodeURIComponent(q)}&limit=8`) : { entities: [] };
  if (seq !== search.seq) return;  // a newer keystroke won
  search.items = body.entities; search.active = body.entities.length ? 0 : -1;
  renderSuggestions();
}
function choose(id) { search.items = []; renderSuggestions(); $("q").blur(); location.hash = `#/entity/${id}`; }
$("q").addEventListener("input", (ev) => { clearTimeout(search.timer); search.timer = setTimeout(() => suggest(ev.target.value), 120); });
$("q").addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    search.active = Math.max(0, Math.min(search.items.length - 1, search.active + (ev.key === "ArrowDown" ? 1 : -1)));
    renderSuggestions(); ev.preventDefault();
  } else if (ev.key === "Enter" && search.items[search.active]) { choose(search.items[search.active].id); }
  else if (ev.key === "Escape") { search.items = []; renderSuggestions(); }
});
$("suggestions").addEventListener("mousedown", (ev) => { const li = ev.target.closest("li"); if (li) choose(li.dataset.id); });

// --- the entity view: graph ---------------------------------------------------------------
const view = { id: null, expanded: [], graph: null, renderer: null, entity: null, edges: [], hidden: new Set(), evidence: null, large: false };
const HINT = '<p class="hint">Click an edge to read the statements behind it; click a node to expand it.</p>';

function filterParams() {
  const p = new URLSearchParams({ limit: "1000" });
  if ($("f-event").value) p.set("event_type", $("f-event").value);
  if ($("f-since").value) p.set("since", $("f-since").value);
  if ($("f-until").value) p.set("until", $("f-until").value);
  return p;
}

function addNode(graph, node, x, y) {
  if (!graph.hasNode(node.id)) graph.addNode(node.id, { label: node.label, kind: node.type, x, y, size: 4, color: TYPE_COLOURS[node.type] || "#9a9a9a" });
}

// the filters the page applies itself, to each statement of the neighbours route's answer
function kept(e) {
  if (e.confidence !== null && e.confidence < parseFloat($("f-conf").value)) return false;
  if ($("f-negated").checked && e.negated) return false;
  return !($("f-unverified").checked && e.modality);  // unverified: hedged (claimed, alleged, possible…), not asserted
}

function addNeighbours(graph, centre, body) {
  const { x: cx, y: cy } = graph.getNodeAttributes(centre);
  const fresh = body.neighbours.filter((n) => !graph.hasNode(n.id));
  const radius = centre === view.id ? 10 : 4 + Math.sqrt(fresh.length);
  body.neighbours.forEach((n) => {
    const edges = n.edges.filter((e) => kept(e) || (view.hidden.add(e.statement), false));
    if (!edges.length) return;
    const i = fresh.indexOf(n), angle = (2 * Math.PI * i) / Math.max(1, fresh.length) + (centre === view.id ? 0 : 0.3);
    addNode(graph, n, cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
    for (const e of edges) {
      view.edges.push(e);
      const key = `${e.source}->${e.target}`;
      if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
      if (graph.hasEdge(key)) { const st = graph.getEdgeAttribute(key, "statements"); if (!st.some((s) => s.statement === e.statement)) st.push(e); continue; }
      graph.addDirectedEdgeWithKey(key, e.source, e.target, { statements: [e], size: 2, color: eventColour(e.event_types[0]), label: e.relation });
    }
  });
}

async function loadGraph() {
  const graph = new graphology.Graph({ type: "directed" });
  view.edges = []; view.hidden = new Set();
  addNode(graph, view.entity, 0, 0);
  for (const id of [view.id, ...view.expanded]) {
    if (!graph.hasNode(id)) continue;  // filtered away since it was expanded
    addNeighbours(graph, id, await getJSON(`/entities/${id}/neighbours?${filterParams()}`));
  }
  graph.forEachNode((n) => graph.setNodeAttribute(n, "size", 4 + 2.2 * Math.sqrt(graph.degree(n))));
  graph.setNodeAttribute(view.id, "highlighted", true);
  view.graph = graph;
  draw();
  afterFilters();
}

// a renderer for view.graph (a new one when the graph crosses LARGE, which changes how it is drawn)
function draw() {
  if (view.renderer) view.renderer.kill();
  view.large = view.graph.order > LARGE;
  view.renderer = new SigmaClass(view.graph, $("graph"), rendererSettings(view.graph.order));
  view.renderer.on("clickNode", ({ node }) => expand(node));
  view.renderer.on("clickEdge", ({ edge }) => showEvidence(edge));
  view.renderer.on("enterEdge", () => { $("graph").style.cursor = "pointer"; });
  view.renderer.on("leaveEdge", () => { $("graph").style.cursor = ""; });
}

// what the filters hid, and the evidence panel kept in step with the graph: an edge's statements again, or the hint
function afterFilters() {
  $("f-hidden").textContent = view.hidden.size ? `${view.hidden.size} statement(s) hidden` : "";
  renderTimeline();
  if (view.evidence && view.graph.hasEdge(view.evidence)) showEvidence(view.evidence);
  else if (view.evidence) { view.evidence = null; $("evidence").innerHTML = HINT; }
}

async function expand(node) {
  if (node === view.id || view.expanded.includes(node)) return;
  view.expanded.push(node);
  addNeighbours(view.graph, node, await getJSON(`/entities/${node}/neighbours?${filterParams()}`));
  view.graph.forEachNode((n) => view.graph.setNodeAttribute(n, "size", 4 + 2.2 * Math.sqrt(view.graph.degree(n))));
  if (view.large !== view.graph.order > LARGE) draw();
  afterFilters();
}

// --- evidence --------------------------------------------------------------------------------
function highlight(text, marks) {
  // marks: [label, class]; the longest first so that "Iraqi security forces" wins over "Iraq"
  let html = esc(text);
  for (const [label, cls] of marks.filter(([l]) => l).sort((a, b) => b[0].length - a[0].length)) {
    const re = new RegExp(esc(label).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    html = html.replace(re, (m) => `<mark class="${cls}">${m}</mark>`);
  }
  return html;
}

function statementHTML(st, article) {
  const badges = [
    ...st.event_types.map((t) => `<span class="badge" style="background:${eventColour(t)}22">${esc(t)}</span>`),
    st.confidence !== null ? `<span class="badge">confidence ${st.confidence}</span>` : "",
    st.negated ? `<span class="badge neg">negated</span>` : "",
    st.modality ? `<span class="badge">${esc(st.modality)}</span>` : "",
    st.time ? `<span class="badge">${esc(st.time)}</span>` : "",
  ].join("");
  const source = article ? `<div class="meta"><a href="#/article/${esc(article.id)}">${esc(article.title || article.id)}</a>
      ${article.publisher ? "· " + esc(article.publisher) : ""} ${article.published ? "· " + esc(article.published) : ""}
      ${article.url ? `· <a href="${esc(article.url)}" rel="noreferrer">original</a>` : ""}</div>` : "";
  return `<div class="statement" data-statement="${esc(st.id)}">
    <div>${st.agent ? entityLink(st.agent) : "?"} <b>${esc(st.relation)}</b> ${st.target ? entityLink(st.target) : "?"}</div>
    <div>${badges}</div>
    ${st.sentence ? `<blockquote>${highlight(st.sentence.text, [[st.agent?.label, "agent"], [st.target?.label, "target"]])}</blockquote>` : ""}
    ${st.attributed_to ? `<div class="meta">according to ${entityLink(st.attributed_to)}</div>` : ""}
    ${source}</div>`;
}

async function showEvidence(edgeKey) {
  view.evidence = edgeKey;
  const statements = view.graph.getEdgeAttribute(edgeKey, "statements");
  const [source, target] = view.graph.extremities(edgeKey).map((n) => view.graph.getNodeAttribute(n, "label"));
  $("evidence").innerHTML = `<h3>${esc(source)} → ${esc(target)}</h3><p class="meta">${statements.length} statement(s)</p>`;
  const full = await Promise.all(statements.map((s) => cached(`/statements/${s.statement}`)));
  const parts = await Promise.all(full.map(async (st) =>
    statementHTML(st, st.sentence?.article ? await cached(`/articles/${st.sentence.article}`) : null)));
  $("evidence").insertAdjacentHTML("beforeend", parts.join(""));
}

// --- timeline and articles ---------------------------------------------------------------------
async function renderTimeline() {
  const mine = view.edges.filter((e) => e.source === view.id || e.target === view.id);
  const dated = await Promise.all(mine.map(async (e) => ({ e, when: e.time || (e.article ? (await cached(`/articles/${e.article}`)).published : null) })));
  const label = (id) => (view.graph.hasNode(id) ? view.graph.getNodeAttribute(id, "label") : id);
  const seen = new Set();
  const rows = dated.filter(({ e, when }) => when && !seen.has(e.statement) && seen.add(e.statement))
    .sort((a, b) => a.when.localeCompare(b.when));
  $("timeline").innerHTML = rows.map(({ e, when }) => `<li><b>${esc(when)}</b> ${esc(label(e.source))} <i>${esc(e.relation)}</i> ${esc(label(e.target))}
    ${e.negated ? '<span class="badge neg">negated</span>' : ""}${e.modality ? `<span class="badge">${esc(e.modality)}</span>` : ""}
    ${e.time ? "" : '<span class="sub">(article date)</span>'}</li>`).join("") || "<li class='meta'>no dated statements</li>";
}

async function showEntity(id) {
  view.id = id; view.expanded = [];
  view.entity = await getJSON(`/entities/${id}`);
  const e = view.entity;
  $("entity-title").textContent = e.label;
  $("entity-meta").innerHTML = `<span class="legend-dot" style="background:${TYPE_COLOURS[e.type]}"></span>${esc(e.type)} · ${e.mentions} mentions · ` +
    `${e.statements.as_agent} as agent, ${e.statements.as_target} as target${e.aliases.length ? " · also " + e.aliases.map(esc).join(", ") : ""}`;
  for (const fmt of ["gexf", "graphml", "csv"]) $(`export-${fmt}`).href = `/export/graph.${fmt}?entity=${encodeURIComponent(id)}&depth=1`;
  view.evidence = null; $("evidence").innerHTML = HINT;
  $("entity-articles").innerHTML = "";
  await loadGraph();
  renderArticles(e.articles);  // not awaited: the graph is usable while the article details load
}

async function renderArticles(ids) {
  const arts = await Promise.all(ids.slice(0, 100).map((a) => cached(`/articles/${a}`)));
  $("entity-articles").innerHTML = arts.map((a) => `<li><a href="#/article/${esc(a.id)}">${esc(a.title || a.id)}</a> <span class="sub">${esc(a.published || "")}</span></li>`).join("");
}
["f-event", "f-since", "f-until", "f-conf", "f-negated", "f-unverified"].forEach((id) => $(id).addEventListener("change", () => loadGraph()));
$("f-conf").addEventListener("input", () => { $("f-conf-out").textContent = $("f-conf").value; });

// --- article view ------------------------------------------------------------------------------
async function showArticle(id) {
  const a = await getJSON(`/articles/${id}`);
  $("article-title").textContent = a.title || a.id;
  $("article-meta").innerHTML = [a.publisher, a.published, a.url ? `<a href="${esc(a.url)}" rel="noreferrer">${esc(a.url)}</a>` : null, a.source]
    .filter(Boolean).map((x) => (x.startsWith("<a") ? x : esc(x))).join(" · ");
  const statements = await Promise.all(a.statements.slice(0, 300).map((s) => cached(`/statements/${s}`)));
  const bySentence = new Map();
  for (const st of statements.filter((s) => s.sentence)) {
    const key = st.sentence.id;
    if (!bySentence.has(key)) bySentence.set(key, { sentence: st.sentence, items: [] });
    bySentence.get(key).items.push(st);
  }
  const sentences = [...bySentence.values()].sort((x, y) => (x.sentence.start ?? 0) - (y.sentence.start ?? 0));
  $("article-statements").innerHTML = sentences.map(({ sentence, items }) => `<div class="statement">
    <blockquote>${highlight(sentence.text, items.flatMap((st) => [[st.agent?.label, "agent"], [st.target?.label, "target"]])
      .filter((m, i, all) => all.findIndex((o) => o[0] === m[0]) === i))}</blockquote>
    <ul>${items.map((st) => `<li>${st.agent ? entityLink(st.agent) : "?"} <b>${esc(st.relation)}</b> ${st.target ? entityLink(st.target) : "?"}
      <span class="sub">${st.event_types.map(esc).join(", ")}${st.confidence !== null ? " · " + st.confidence : ""}${st.negated ? " · negated" : ""}</span></li>`).join("")}</ul></div>`).join("");
  $("article-entities").innerHTML = a.entities.map((e) => `<li>${entityLink(e)}</li>`).join("");
}

async function showHome() {
  const body = await getJSON("/articles?limit=100");
  $("article-list").innerHTML = body.articles.map((a) => `<li><a href="#/article/${esc(a.id)}">${esc(a.title || a.id)}</a></li>`).join("");
}

// --- routing -----------------------------------------------------------------------------------
async function route() {
  const [, kind, ...rest] = location.hash.replace(/^#/, "").split("/");
  const id = decodeURIComponent(rest.join("/"));
  const name = { entity: "entity", article: "article", sparql: "sparql" }[kind] || "home";
  document.querySelectorAll(".view").forEach((v) => { v.hidden = v.id !== name; });
  document.body.dataset.ready = "";
  try {
    if (name === "entity") await showEntity(id);
    else if (name === "article") await showArticle(id);
    else if (name === "sparql") await setUpSparql();
    else await showHome();
  } catch (err) { document.querySelector(`#${name}`).insertAdjacentHTML("afterbegin", `<p class="error">${esc(err.message)}</p>`); }
  document.body.dataset.ready = name;  // tests wait for this
}
window.addEventListener("hashchange", route);
(async () => {
  // the event classes the neighbours route filters by, from the API's own description
  const api = await cached("/openapi.json");
  const param = api.paths["/entities/{id}/neighbours"].get.parameters.find((p) => p.name === "event_type");
  const classes = (param.schema.anyOf || [param.schema]).flatMap((s) => s.enum || []);
  $("f-event").insertAdjacentHTML("beforeend", classes.map((c) => `<option>${esc(c)}</option>`).join(""));
  await route();
})();
window.kg = { view, showEvidence, expand, sparql, rendererSettings, LARGE };
