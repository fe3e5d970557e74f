// kg explorer, the SPARQL page (#/sparql): YASGUI on this server's /sparql, with the documented example queries as
// presets. YASGUI (vendored, 1 MB) loads on the first visit only. Uses $, esc and cached from explorer.js.
"use strict";

const YASGUI = "/static/vendor/@zazuko/yasgui-4.6.2/";
const sparql = { yasgui: null, loading: null };

function loadYasgui() {
  if (!sparql.loading) {
    sparql.loading = new Promise((resolve, reject) => {
      const css = Object.assign(document.createElement("link"), { rel: "stylesheet", href: YASGUI + "yasgui.min.css" });
      const js = Object.assign(document.createElement("script"), { src: YASGUI + "yasgui.min.js" });
      js.onload = () => resolve(window.Yasgui);
      js.onerror = () => { sparql.loading = null; reject(new Error("could not load YASGUI")); };
      document.head.append(css, js);
    });
  }
  return sparql.loading;
}

function makeYasgui(Yasgui, firstQuery) {
  const endpoint = location.origin + "/sparql";
  // Nothing may leave this server: the "class" and "property" completions ask lov.linkeddata.es, so only the
  // "prefixes" (a list inside the bundle; prefixCcApi stays null) and "variables" completions are kept. No CORS
  // proxy, no endpoint suggestions but this one, nothing read from the URL (the page's own #/ routes) and nothing
  // kept in localStorage (a stored tab would keep an endpoint of another port).
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter((n) => n !== "class" && n !== "property");
  Yasgui.Yasqe.Autocompleters.prefixes.persistenceId = null;  // the bundle's prefix list, not copied to localStorage
  return new Yasgui($("yasgui"), {
    requestConfig: { endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint }], keys: [] },
    corsProxy: undefined, populateFromUrl: false, persistenceId: null, autofocus: false,
    yasqe: { value: firstQuery, prefixCcApi: null, editorHeight: "320px" },
  });
}

async function setUpSparql() {
  const [presets, Yasgui] = await Promise.all([cached("/static/sparql-presets.json"), loadYasgui()]);
  if (!sparql.yasgui) sparql.yasgui = makeYasgui(Yasgui, presets[0].query);
  $("presets").innerHTML = '<option value="">choose a query…</option>' +
    presets.map((p, i) => `<option value="${i}">${esc(p.name)}</option>`).join("");
  $("presets").onchange = () => {
    const p = presets[+$("presets").value];
    if ($("presets").value !== "") sparql.yasgui.getTab().setQuery(p.query);
  };
}
