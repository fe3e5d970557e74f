"""``kg correct``: merge, rename, reject, list, undo from the command line, errors as one-line messages."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

from .resolve_samples import event, extraction, org, person, write


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        na, naf, hicks = org("Northern Alliance"), org("Northern Alliance forces"), person("David Hicks")
        write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks)]))
        write(store, extraction("a2", [naf, hicks], [event(naf, "Arrest", hicks)]))
    return str(path)


def kg(store_path, *args):
    return CliRunner().invoke(app, ["correct", *args, "--store", store_path])


def test_merge_rename_list_undo(store_path):
    merged = kg(store_path, "merge", "organization/northern-alliance-forces", "organization/northern-alliance",
                "--by", "ann", "--note", "one militia")
    assert merged.exit_code == 0, merged.output
    cid = merged.output.split(":")[0]
    assert merged.output == (f"{cid}: merge organization/northern-alliance-forces into organization/northern-alliance"
                             " (1 article rewritten)\n")
    renamed = kg(store_path, "rename", "person/david-hicks", "David Matthew Hicks", "--by", "ann")
    assert renamed.output.endswith(": rename person/david-hicks to 'David Matthew Hicks' (2 articles rewritten)\n")
    listed = kg(store_path, "list").output.splitlines()
    assert listed[0] == f"{cid}  merge organization/northern-alliance-forces into organization/northern-alliance"
    assert listed[1].startswith("    by ann at ") and listed[1].endswith("Z: one militia")
    assert len(listed) == 4
    undone = kg(store_path, "undo", cid)  # both articles: a1 names the entity a2's was merged into
    assert undone.output == (f"undone {cid}: merge organization/northern-alliance-forces into "
                             "organization/northern-alliance (2 articles rewritten)\n")
    assert len(kg(store_path, "list").output.splitlines()) == 2


def test_errors_are_one_line_messages(store_path):
    unknown = kg(store_path, "merge", "person/nobody", "person/david-hicks")
    assert (unknown.exit_code, unknown.output) == (1, "Error: no entity with id 'person/nobody'\n")
    statement = kg(store_path, "reject", "0000")
    assert (statement.exit_code, statement.output) == (1, "Error: no statement with id '0000'\n")
    undo = kg(store_path, "undo", "correction/abc")
    assert (undo.exit_code, undo.output) == (1, "Error: no correction with id 'correction/abc'\n")
    assert kg(store_path, "list").output == "no corrections\n"
