"""Errors as the API answers them: ``{"detail": "..."}`` (api.models.Error) as JSON, or the
error page for a browser (Accept: text/html before application/json).

Every HTTPException, 404 and 405 of the router included, and every request that did not
validate (422, each problem also listed in ``errors``) is answered here; a 405 carries the
methods the path really answers in ``Allow``. An exception nobody expected is the last
resort: it is logged with its traceback and answered 500 with ``Connection: close``. The
goal is that it never happens: routes parse what they are given and answer 4xx.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from api import http_methods, i18n
from api.dependencies import templates, wants_html

log = logging.getLogger(__name__)

INTERNAL = "An internal error; it has been logged. Please report what you asked for."


def answer(request: Request, status: int, detail: str, headers: dict | None = None,
           problems: list[dict] | None = None) -> Response:
    """The error answer: the error page for a browser, else JSON."""
    if wants_html(request):
        heading = f"error.{status}" if f"error.{status}" in i18n.messages() else "error.other"
        return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail,
                                                                  "heading": heading},
                                          status_code=status, headers=headers)
    body: dict = {"detail": detail}
    if problems:
        body["errors"] = problems
    return JSONResponse(body, status_code=status, headers=headers)


async def http_error(request: Request, exc: HTTPException) -> Response:
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(http_methods.allowed(request.app.router.routes, request.scope))
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":  # the router's own: no route has this path
        detail = f"Nothing here: no page or resource has the path {request.url.path[:200]!r}."
    return answer(request, exc.status_code, detail, headers)


def _where(loc: tuple) -> str:
    """('query', 'limit') -> "query parameter 'limit'"; ('body', 'file') -> "body field 'file'"."""
    if not loc:
        return "the request"
    kind, *rest = loc
    name = ".".join(str(part) for part in rest)
    label = {"query": "query parameter", "path": "path parameter", "header": "header", "cookie": "cookie",
             "body": "body field"}.get(str(kind), str(kind))
    return f"{label} {name!r}" if name else label


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = [{"loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
                 "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))} for error in exc.errors()]
    detail = "; ".join(f"{_where(tuple(p['loc']))}: {p['msg']}" for p in problems) or "The request did not validate."
    return answer(request, 422, detail, problems=problems)


async def last_resort(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    headers = {"Connection": "close"}
    try:
        return answer(request, 500, INTERNAL, headers)
    except Exception:  # the error page itself failed: plain words, nothing more to go wrong
        return PlainTextResponse(INTERNAL, status_code=500, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, last_resort)
