"""``kg correct``: analyst corrections (kg.corrections) from the command line."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .cli import StoreOpt, app, errors_as_messages, opened_store, use

correct = typer.Typer(
    help="Analyst corrections kept across re-extraction: merge, split, reject, rename, list, undo.\n\n"
         "Example: kg correct rename person/sami-jasim \"Sami Jasim Muhammad al-Jaburi\" --by ann",
    no_args_is_help=True,
)
app.add_typer(correct, name="correct")
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Why (kept with the correction).")]
ByOpt = Annotated[Optional[str], typer.Option("--by", help="Who makes it. Default: $USER.")]


def _record(correction) -> None:
    from .corrections import record

    with opened_store() as store, errors_as_messages():
        made, rewritten = record(store, correction)
    typer.echo(f"{made.id}: {made.describe()} ({rewritten} article{'s' * (rewritten != 1)} rewritten)")


def _made(kind: str, note: str | None, by: str | None, **fields):
    import getpass

    from .corrections import Correction

    return Correction(kind, **fields, analyst=by or getpass.getuser(), note=note)


def _entity(id_: str):
    from .vocab import ID

    return ID[id_.removeprefix(str(ID))]


@correct.command("merge")
def correct_merge(
    entity: Annotated[str, typer.Argument(help="The entity that goes (person/usama-bin-ladin).")],
    into: Annotated[str, typer.Argument(help="The entity that stays (person/osama-bin-laden).")],
    note: NoteOpt = None, by: ByOpt = None, store: StoreOpt = None,
) -> None:
    """Two entities are one: ENTITY becomes INTO in every article, now and whenever one is written again.

    Example: kg correct merge organization/northern-alliance-forces organization/northern-alliance
    """
    use(store)
    _record(_made("merge", note, by, entity=_entity(entity), other=_entity(into)))


@correct.command("split")
def correct_split(
    entity: Annotated[str, typer.Argument(help="The entity as extraction made it (person/hamza-bin-laden).")],
    apart_from: Annotated[str, typer.Argument(help="The entity resolution joined it to.")],
    note: NoteOpt = None, by: ByOpt = None, store: StoreOpt = None,
) -> None:
    """Undo a wrong join of resolution: the articles' ENTITY stays apart from APART_FROM.

    (A merge made with kg correct merge is undone with kg correct undo.)

    Example: kg correct split person/usama-bin-ladin person/osama-bin-laden
    """
    use(store)
    _record(_made("split", note, by, entity=_entity(entity), other=_entity(apart_from)))


@correct.command("reject")
def correct_reject(
    statement: Annotated[str, typer.Argument(help="The statement id (as GET /statements/{id} takes it).")],
    note: NoteOpt = None, by: ByOpt = None, store: StoreOpt = None,
) -> None:
    """A statement is wrong: it leaves its article (and its event) and is never written again.

    Example: kg correct reject ba9bd43f8be12c918a6c --note "Turkey does not recognise Islamic State"
    """
    use(store)
    _record(_made("reject", note, by, statement=_entity("statement/" + statement.removeprefix("statement/"))))


@correct.command("rename")
def correct_rename(
    entity: Annotated[str, typer.Argument(help="The entity (person/david-hicks).")],
    label: Annotated[str, typer.Argument(help="Its label from now on.")],
    note: NoteOpt = None, by: ByOpt = None, store: StoreOpt = None,
) -> None:
    """Give an entity the label you want; the extracted labels stay as aliases.

    Example: kg correct rename person/sami-jasim "Sami Jasim Muhammad al-Jaburi"
    """
    use(store)
    _record(_made("rename", note, by, entity=_entity(entity), label=label))


@correct.command("list")
def correct_list(store: StoreOpt = None) -> None:
    """The corrections, oldest first: id, what, who and when, note.

    Example: kg correct list
    """
    from .corrections import corrections

    use(store)
    with opened_store(read_only=True) as store, errors_as_messages():
        found = corrections(store)
    for c in found:
        typer.echo(f"{c.id}  {c.describe()}")
        typer.echo(f"    by {c.analyst} at {c.created}" + (f": {c.note}" if c.note else ""))
    if not found:
        typer.echo("no corrections")


@correct.command("undo")
def correct_undo(
    correction: Annotated[str, typer.Argument(help="The correction id (kg correct list).")],
    store: StoreOpt = None,
) -> None:
    """Remove a correction: the articles it changed are as extraction and resolution made them again.

    Example: kg correct undo correction/4dedcd099e8c
    """
    from .corrections import undo

    use(store)
    with opened_store() as store, errors_as_messages():
        c, rewritten = undo(store, correction)
    typer.echo(f"undone {c.id}: {c.describe()} ({rewritten} article{'s' * (rewritten != 1)} rewritten)")
