"""Refuse request bodies above a limit with 413 before any of it is parsed, whether announced
by Content-Length or streamed."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Largest request body for any path without its own limit (forms, the web chat).
MAX_BODY_BYTES = 256 * 1024


class BodySizeLimit:
    """`limits`: the largest body per path prefix (channels' endpoints declare their own)."""

    def __init__(self, app: ASGIApp, limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.limits = dict(limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = next((n for prefix, n in self.limits.items() if path.startswith(prefix)), MAX_BODY_BYTES)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await too_large(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await too_large(scope, receive, send)


class BodyTooLarge(Exception):
    pass


async def too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = Response("Het verzoek is te groot.", status_code=413, media_type="text/plain; charset=utf-8")
    await response(scope, receive, send)
