"""The headers every answer carries, and the language cookie a ``?lang=`` asks for.

A plain ASGI middleware: it edits the response's start message on its way out, so an answer
costs no extra task or stream (Starlette's ``BaseHTTPMiddleware`` runs the app in a task
group and copies the body through a memory stream, about a third of a cached answer's time).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders, QueryParams
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import i18n

# Scripts and everything else only from this server; vis-network sets element styles.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")

EVERY_ANSWER = {"Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer"}

LANGUAGE_REMEMBERED = 365 * 24 * 3600  # seconds


def _language_cookie(language: str) -> str:
    """The Set-Cookie value that remembers `language`, as Starlette writes it."""
    response = Response()
    response.set_cookie(i18n.COOKIE, language, max_age=LANGUAGE_REMEMBERED, samesite="lax")
    return response.headers["set-cookie"]


LANGUAGE_COOKIES = {language: _language_cookie(language) for language in i18n.LANGUAGES}


class SecurityHeaders:
    """Adds EVERY_ANSWER's headers to each HTTP answer that does not set them itself, and the
    language cookie when the query string asks for a language we have."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        cookie = LANGUAGE_COOKIES.get(QueryParams(query).get("lang")) if query else None

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in EVERY_ANSWER.items():
                    headers.setdefault(name, value)
                if cookie is not None:
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, with_headers)
