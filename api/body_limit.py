"""A maximum size for request bodies, enforced before and while a body is read.

``BodyLimit(app, limit, larger={("POST", "/documents"): upload_limit}, answer=...)``: a
request whose Content-Length is over its limit is answered 413 at once, by ``answer``
(the app's error answer), without running the route or reading a byte of the body. A body
without Content-Length (chunked) is counted as the route reads it; the read that goes over
the limit raises HTTPException 413, which the app's error handlers answer. Both answers
carry ``Connection: close``: the rest of the body is never read.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException, Request
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MB = 1024 * 1024
CLOSE = {"Connection": "close"}


def size_text(size: int) -> str:
    """1048576 -> '1 MB'; 1500 -> '1500 bytes'."""
    return f"{size // MB} MB" if size % MB == 0 else f"{size} bytes"


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int, larger: dict[tuple[str, str], int],
                 answer: Callable[[Request, int, str, dict], Response]) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get((scope["method"], scope["path"]), self.limit)
        too_large = f"The request body is larger than {size_text(limit)}, the most this route accepts."
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = self.answer(Request(scope), 413, too_large, dict(CLOSE))
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, too_large, headers=dict(CLOSE))
            return message

        await self.app(scope, counted, send)
