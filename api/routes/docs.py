"""The API's documentation pages, Swagger UI at ``/docs`` and ReDoc at ``/redoc``, from kg's own vendored copies.

FastAPI's defaults load both from a CDN (a blank page offline) and Swagger's favicon and ReDoc's fonts from
other hosts; these pages load nothing but ``/static`` and ``/openapi.json``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse

from ..static import vendored

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    return get_swagger_ui_html(
        openapi_url=app.openapi_url, title=f"{app.title} - Swagger UI",
        swagger_js_url=vendored("swagger-ui-dist", "swagger-ui-bundle.js"),
        swagger_css_url=vendored("swagger-ui-dist", "swagger-ui.css"),
        swagger_favicon_url=vendored("swagger-ui-dist", "favicon-32x32.png"),
        oauth2_redirect_url="/docs/oauth2-redirect",
    )


@router.get("/docs/oauth2-redirect")
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    app = request.app
    return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} - ReDoc",
                          redoc_js_url=vendored("redoc", "redoc.standalone.js"),
                          redoc_favicon_url=vendored("swagger-ui-dist", "favicon-32x32.png"), with_google_fonts=False)
