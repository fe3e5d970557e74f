"""Articles: list, read, add (text, JSON or HTML; extraction runs on the server), delete."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from kg.errors import InputError, KGError
from kg.graph_queries import article as stored_article
from kg.ingest import ingest_articles, stored_graphs_with_hash
from kg.rdf import article_iri
from kg.readers import ReadOptions
from kg.readers.html import read_html
from kg.text import article_from_text, decode

from ..answers import answer
from ..deps import QueriesDep, SettingsDep, StoreDep, WriteAccess, WriteLockDep
from ..examples import ARTICLE_EXAMPLE, ARTICLES_EXAMPLE, INGEST_EXAMPLE, INGEST_TEXT, not_found

router = APIRouter(prefix="/articles", tags=["articles"])

ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,100}$"
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, examples=["000_7c71ae8a3147dccc"])]


class ArticleIn(BaseModel):
    """An article sent as JSON."""

    text: str = Field(min_length=1, description="The article's full text.")
    title: str | None = Field(None, max_length=500)
    date: str | None = Field(None, max_length=40, description="Publication date, ISO 8601.", examples=["2024-03-01"])
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, pattern=ID_PATTERN, description="Article id; default: a hash of the text.")


_POST_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "text/plain": {"schema": {"type": "string"}, "example": INGEST_TEXT},
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "text/html": {"schema": {"type": "string"},
                          "example": "<html><h1>Arrests in Basra</h1><p>Police arrested two suspects.</p></html>"},
        },
    },
    "parameters": [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string", "maxLength": 500},
         "description": text}
        for name, text in (("title", "Title (text and HTML bodies)"), ("url", "Source URL (text and HTML bodies)"),
                           ("date", "Publication date (text and HTML bodies)"))
    ] + [{"name": "id", "in": "query", "required": False, "schema": {"type": "string", "pattern": ID_PATTERN},
          "description": "Article id (text and HTML bodies); default: a hash of the text."}],
}


@router.get("", summary="Articles, by id", responses={200: {"content": {"application/json": {"example": ARTICLES_EXAMPLE}}}})
async def list_articles(
    queries: QueriesDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    return await answer(queries, "articles", limit, offset)


@router.get("/{id}", summary="One article: title, source, entities, statements",
            responses={200: {"content": {"application/json": {"example": ARTICLE_EXAMPLE}}}, **not_found("article")})
async def get_article(queries: QueriesDep, id: ArticleId) -> Response:
    return await answer(queries, "article", id)


def _check_params(params) -> None:
    for name in ("title", "url", "date"):
        if len(params.get(name) or "") > 500:
            raise HTTPException(400, f"{name} is longer than 500 characters")
    article_id = params.get("id")
    if article_id is not None and not _valid_id(article_id):
        raise HTTPException(400, "id may hold letters, digits, '_', '.' and '-' (at most 100)")


def _article_from_request(media: str, body: bytes, params) -> object:
    """An Article from a request body in one of the accepted media types."""
    _check_params(params)
    if media == "application/json":
        try:
            data = ArticleIn.model_validate(json.loads(body))
        except (ValueError, ValidationError) as exc:
            raise HTTPException(400, f"the JSON body is not an article: {_first_error(exc)}") from None
        except RecursionError:
            raise HTTPException(400, "the JSON body is not an article: it nests too deeply") from None
        meta = {"title": data.title, "url": data.url, "published": data.date}
        return article_from_text(data.text, data.url or "<api>", data.id, **meta)
    article_id, url = params.get("id"), params.get("url")
    if media == "text/html":
        page = read_html(body, "request body", article_id, ReadOptions())
        meta = {"title": params.get("title") or page.title, "url": url or page.url,
                "published": params.get("date") or page.published, "publisher": page.publisher}
        return article_from_text(page.text, url or page.url or "<api>", article_id, **meta)
    return article_from_text(decode(body, "request body"), url or "<api>", article_id,
                             title=params.get("title"), url=url, published=params.get("date"))


def _valid_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "body"
        return f"{where}: {err['msg']}"
    return str(exc)


@router.post("", status_code=201, summary="Add an article (text/plain, JSON or HTML): extract and store it",
             responses={201: {"content": {"application/json": {"example": INGEST_EXAMPLE}}},
                        200: {"description": "Nothing changed: the same text and metadata were stored under this id "
                                              "(unchanged), or the same text under another id, which the answer "
                                              "gives (duplicate)"},
                        400: {"description": "Empty, binary or malformed body"},
                        401: {"description": "Missing or wrong token"}, 403: {"description": "Writes are disabled"},
                        413: {"description": "Body too large"}, 415: {"description": "Unsupported media type"}},
             openapi_extra=_POST_DOC)
async def add_article(
    request: Request, store: StoreDep, settings: SettingsDep, queries: QueriesDep, lock: WriteLockDep,
    _: WriteAccess,
):
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ("text/plain", "application/json", "text/html"):
        raise HTTPException(415, f"unsupported Content-Type {media or 'none'}: use text/plain, application/json or text/html")
    body = await request.body()
    try:
        art = _article_from_request(media, body, request.query_params)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    async with lock:
        try:
            summary = await run_in_threadpool(ingest_articles, [art], store, settings.model)
        except KGError as exc:
            raise HTTPException(500, f"ingest failed: {exc}") from None
        if summary.articles:
            await queries.refresh()
        shown = {"id": art.id, "title": art.title}
        if summary.duplicates:  # the text is stored under another id: answer with that article, as stored
            shown = await run_in_threadpool(_stored_copy, store, art.sha256)
    result = {**shown, "ingested": bool(summary.articles), "unchanged": bool(summary.unchanged),
              "duplicate": bool(summary.duplicates), "entities": summary.entities,
              "statements": summary.statements, "triples_added": summary.triples_added}
    return JSONResponse(result, status_code=201 if summary.articles else 200)


def _stored_copy(store, sha256: str) -> dict:
    """Id and title of the stored article with this text (the first by IRI)."""
    graph = stored_graphs_with_hash(store, sha256)[0]
    found = stored_article(store, str(graph).removeprefix(str(article_iri(""))))
    return {"id": found["id"], "title": found["title"]}


@router.delete("/{id}", summary="Remove an article and everything extracted from it",
               responses={401: {"description": "Missing or wrong token"}, 403: {"description": "Writes are disabled"},
                          **not_found("article")})
async def delete_article(store: StoreDep, queries: QueriesDep, lock: WriteLockDep, id: ArticleId, _: WriteAccess) -> dict:
    async with lock:
        removed = await run_in_threadpool(store.delete_graph, article_iri(id))
        if not removed:
            raise HTTPException(404, f"no article with id {id!r}")
        await queries.refresh()
    return {"deleted": id}
