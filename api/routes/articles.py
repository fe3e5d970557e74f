"""Articles: list, read, add (text, HTML, JSON as `kg ingest` reads it, batches; extracted on the server), delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kg.errors import InputError, KGError
from kg.rdf import article_iri
from kg.readers.fields import DEFAULT_NAMES
from kg.text import ID_PATTERN

from ..answers import answer
from ..article_ingest import batch_answer, ingest_each, single_answer
from ..article_input import MEDIA, UNSUPPORTED, read_body
from ..deps import QueriesDep, SettingsDep, StoreDep, WriteAccess, WriteLockDep
from ..examples import (ARTICLE_EXAMPLE, ARTICLES_EXAMPLE, BATCH_EXAMPLE, BATCH_NDJSON, INGEST_EXAMPLE, INGEST_TEXT,
                        not_found)

router = APIRouter(prefix="/articles", tags=["articles"])

ArticleId = Annotated[str, Path(pattern=ID_PATTERN, examples=["000_7c71ae8a3147dccc"])]


def _record_schema() -> dict:
    """A JSON article: any of the names `kg ingest` reads for each field (renamed with ``field``)."""
    kinds = {"published": {"type": ["string", "number"]}, "id": {"type": ["string", "integer"]},
             "source": {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"name": {"type": "string"}}}]}}
    properties = {name: {**kinds.get(name, kinds.get(key, {"type": "string"})), "description": f"the article's {key}"}
                  for key, names in DEFAULT_NAMES.items() for name in names if "." not in name}
    return {"type": "object", "properties": properties, "minProperties": 1,
            "description": "One article. Its text is the first of " + ", ".join(DEFAULT_NAMES["text"]) +
                           " that holds a string; an id that fits the pattern of article ids is its id as it is, "
                           "else the id comes from the url as `kg ingest` makes it, else from the text."}


_RECORD = _record_schema()
_BATCH = {"type": "array", "items": _RECORD, "minItems": 1,
          "description": "A batch: one result per article (at most KG_MAX_BATCH_ARTICLES, 100 by default)"}
_POST_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "text/plain": {"schema": {"type": "string"}, "example": INGEST_TEXT},
            "application/json": {
                "schema": {"anyOf": [_RECORD, _BATCH, {"type": "object", "properties": {"articles": _BATCH},
                                                       "required": ["articles"]}]},
                "example": {"id": "basra-arrests", "title": "Arrests in Basra", "date": "2024-03-04",
                            "text": INGEST_TEXT},
            },
            "application/x-ndjson": {"schema": {"type": "string", "description": "One JSON article per line: a batch"},
                                     "example": BATCH_NDJSON},
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
          "description": "Article id (text and HTML bodies); default: from the url, else a hash of the text."},
         {"name": "field", "in": "query", "required": False, "style": "form", "explode": True,
          "schema": {"type": "array", "items": {"type": "string", "maxLength": 200}},
          "description": "JSON field names as `kg ingest --field`: FIELD=NAME[,NAME], FIELD one of "
                         + ", ".join(DEFAULT_NAMES) + " (JSON and NDJSON bodies)",
          "example": ["text=story", "published=meta.date"]}],
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


@router.post("", status_code=201,
             summary="Add articles (text/plain, HTML, JSON as `kg ingest` reads it, a batch): extract and store them",
             responses={201: {"description": "Stored: the article, or at least one article of a batch (one result per "
                                             "article, in the order sent)",
                              "content": {"application/json": {"examples": {
                                  "article": {"summary": "one article (text, HTML or a JSON object)",
                                              "value": INGEST_EXAMPLE},
                                  "batch": {"summary": "a batch (a JSON list or NDJSON)", "value": BATCH_EXAMPLE}}}}},
                        200: {"description": "Nothing changed: the same text and metadata were stored under this id "
                                              "(unchanged), or the same text under another id, which the answer "
                                              "gives (duplicate); for a batch, no article of it was stored"},
                        400: {"description": "Empty, binary or malformed body, a bad field mapping, an empty batch"},
                        401: {"description": "Missing or wrong token"}, 403: {"description": "Writes are disabled"},
                        413: {"description": "Body too large, or a batch of more articles than the limit"},
                        415: {"description": "Unsupported media type"},
                        500: {"description": "The store failed, or extraction failed on a lone article"}},
             openapi_extra=_POST_DOC)
async def add_article(
    request: Request, store: StoreDep, settings: SettingsDep, queries: QueriesDep, lock: WriteLockDep,
    _: WriteAccess,
):
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in MEDIA:
        raise HTTPException(415, f"unsupported Content-Type {media or 'none'}: {UNSUPPORTED}")
    body = await request.body()
    try:
        read = read_body(media, body, request.query_params, settings.max_batch_articles)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    results: list[dict] = []
    async with lock:
        try:
            await run_in_threadpool(ingest_each, read.items, read.warnings, store, settings.model, results)
        except KGError as exc:
            raise HTTPException(500, f"ingest failed: {exc}") from None
        finally:
            if any(r["ingested"] for r in results):
                await queries.refresh()
    created = 201 if any(r["ingested"] for r in results) else 200
    if read.batch:
        return JSONResponse(batch_answer(results), status_code=created)
    if results[0]["status"] == "failed":
        raise HTTPException(500, f"ingest failed: {results[0]['error']}")
    return JSONResponse(single_answer(results[0]), status_code=created)


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
