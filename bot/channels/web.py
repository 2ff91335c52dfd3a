"""The web chat: `/chat` in the web service, the same intake as a plain HTML page (no
JavaScript). The visitor is an anonymous cookie, never a person; every form carries a CSRF
token derived from that cookie (double submit). Notices wait for the visitor's next turn.

The page is rendered by the web layer (`render`, given to the constructor): bot/ never imports
web/.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot import texts
from bot.channels.base import Channel
from bot.conversation.assistant import Assistant, Turn
from bot.conversation.messages import Incoming

CHANNEL = "web"
CHAT_PATH = "/chat"
COOKIE = "vw_chat"
COOKIE_SECONDS = 90 * 24 * 3600
MAX_FORM_BYTES = 64 * 1024


class Render(Protocol):
    def __call__(self, request: Request, name: str, status: int = 200, **context: Any) -> Response: ...


class WebChatChannel(Channel):
    name = CHANNEL

    def __init__(self, assistant: Assistant, render: Render, *, secure_cookies: bool = False) -> None:
        super().__init__()
        self.assistant = assistant
        self.render = render
        self.secure_cookies = secure_cookies

    def routes(self) -> list[BaseRoute]:
        return [Route(CHAT_PATH, self.chat, methods=["GET", "POST"])]

    async def chat(self, request: Request) -> Response:
        value, csrf, fresh = identity(request)
        user_ref = hashlib.sha256(value.encode()).hexdigest()[:32]
        if request.method == "POST":
            if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
                return self.refused(request, texts.nl.CHAT_TOO_LARGE, 413)
            async with request.form() as form:
                choice, text, token = form.get("choice"), form.get("text"), form.get("csrf")
            if fresh or not isinstance(token, str) or not secrets.compare_digest(token.encode(), csrf.encode()):
                return self.refused(request, texts.nl.CHAT_EXPIRED, 403)
            if not isinstance(choice, str | None) or not isinstance(text, str | None):  # a file instead of text
                incoming = Incoming(CHANNEL, user_ref, unsupported=True)
            else:
                incoming = Incoming(CHANNEL, user_ref, choice=choice or None, text=None if choice else text or "")
            turn: Turn = await asyncio.to_thread(self.assistant.handle, incoming)
        else:
            turn = await asyncio.to_thread(self.assistant.where, CHANNEL, user_ref)
        response = self.render(
            request,
            "chat.html",
            t=texts.for_language(turn.language),
            csrf=csrf,
            replies=turn.replies,
            started=turn.step != "idle" or bool(turn.replies),
        )
        if fresh:
            response.set_cookie(
                COOKIE, value, httponly=True, samesite="lax", secure=self.secure_cookies, max_age=COOKIE_SECONDS
            )
        return response

    def refused(self, request: Request, heading_and_text: tuple[str, str], status: int) -> Response:
        heading, text = heading_and_text
        return self.render(request, "message.html", status, heading=heading, text=text)


def identity(request: Request) -> tuple[str, str, bool]:
    """(cookie value, CSRF token, new visitor): an anonymous id, never a person."""
    value = request.cookies.get(COOKIE, "")
    fresh = len(value) < 20
    if fresh:
        value = secrets.token_urlsafe(24)
    return value, csrf_token(value), fresh


def csrf_token(value: str) -> str:
    # Double submit: only a page that could read the (HttpOnly, SameSite) cookie knows it.
    return hashlib.sha256(f"csrf:{value}".encode()).hexdigest()[:32]
