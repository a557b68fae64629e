"""HEAD wherever GET is, and the right ``Allow`` header on a 405.

FastAPI's routes answer only the methods they declare, so without help HEAD is 405
everywhere. ``HeadAsGet`` runs a HEAD request as the GET of the same URL and sends that
GET's status and headers (Content-Length included) without its body (RFC 9110, 9.3.2).

``allowed(routes, scope)`` is every method some route of the request's path answers: a
path can have several routes (GET and POST /documents are in two routers; the SPARQL
endpoint has a GET and a POST route), and Starlette's own 405 names the methods of only
the first route whose path matched.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] in ("http.response.body", "http.response.pathsend"):
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        # a copy: the server keeps its own scope, and knows the request was HEAD
        await self.app({**scope, "method": "GET"}, receive, without_body)


def allowed(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """The methods the routes answer at the scope's path, HEAD wherever GET is. Each route
    is asked whether it fully matches the path with each method (FastAPI keeps an included
    router as one route, so there is no list of methods to read); a mount (static files)
    answers GET."""
    # the app's own root path: a mount the request went into has changed root_path
    scope = {**scope, "root_path": scope.get("app_root_path", scope.get("root_path", ""))}
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Mount):
            if route.matches(scope)[0] != Match.NONE:
                methods.add("GET")
            continue
        methods |= {method for method in ORDER if route.matches({**scope, "method": method})[0] == Match.FULL}
    if "GET" in methods:
        methods.add("HEAD")
    return [method for method in ORDER if method in methods]
