"""The web chat: `/chat` in the web service, the same intake as an HTML page that works
without JavaScript (web/static/chat.js only adds Enter to send). The visitor is an anonymous
cookie, never a person; every form carries a CSRF token derived from that cookie (double
submit). Notices wait for the visitor's next turn.

Post/Redirect/Get: every POST answers with a redirect to GET /chat, and GET changes nothing,
so a reload or Back never sends an answer again. The page shows the whole conversation from
the stored transcript (knowledge.transcripts), the user's side as the dialog kept it
(redacted). Every form carries the step it answers; a form from an earlier step is not
answered as if it belonged to the current one.

The page is rendered by the web layer (`render`, given to the constructor): bot/ never imports
web/.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot import texts
from bot.channels.base import Channel
from bot.conversation.answers import MAX_ANSWER, without_names
from bot.conversation.assistant import Assistant, Turn
from bot.conversation.messages import Incoming, Option, Reply
from bot.conversation.redaction import redact
from bot.conversation.services import DialogServices
from bot.conversation.steps import TEXT_FIELDS
from bot.conversation.turns import TurnOrder
from knowledge import intakes, transcripts
from knowledge.records import Conversation

CHANNEL = "web"
CHAT_PATH = "/chat"
COOKIE = "vw_chat"
COOKIE_SECONDS = 90 * 24 * 3600
MAX_FORM_BYTES = 64 * 1024

Said = tuple[str, str, tuple[tuple[str, str], ...]]  # (side, text, options) as stored
# (side, text, options, card) as stored: a bot reply with its card (the draft) as a dict
SaidWithCard = tuple[str, str, tuple[tuple[str, str], ...], dict[str, Any] | None]


class Render(Protocol):
    def __call__(self, request: Request, name: str, status: int = 200, **context: Any) -> Response: ...


@dataclass(frozen=True)
class Shown:
    """One message on the page."""

    side: str  # transcripts.USER | transcripts.BOT
    text: str
    options: tuple[tuple[str, str], ...] = ()
    card: dict[str, Any] | None = None  # the draft's structure, shown as a card in the latest turn


class WebChatChannel(Channel):
    name = CHANNEL

    def __init__(self, assistant: Assistant, render: Render, *, secure_cookies: bool = False) -> None:
        super().__init__()
        self.assistant = assistant
        self.render = render
        self.secure_cookies = secure_cookies
        # One visitor's posts one at a time, from the step check to the transcript: a form sent
        # twice at once is then stale the second time, and the transcript keeps each turn whole.
        self.order = TurnOrder()

    def routes(self) -> list[BaseRoute]:
        return [Route(CHAT_PATH, self.chat, methods=["GET", "POST"])]

    async def chat(self, request: Request) -> Response:
        value, csrf, fresh = identity(request)
        user_ref = hashlib.sha256(value.encode()).hexdigest()[:32]
        if request.method == "POST":
            if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
                return self.refused(request, texts.nl.CHAT_TOO_LARGE, 413)
            async with request.form() as form:
                choice, text, token, step = form.get("choice"), form.get("text"), form.get("csrf"), form.get("step")
            if fresh or not isinstance(token, str) or not secrets.compare_digest(token.encode(), csrf.encode()):
                return self.refused(request, texts.nl.CHAT_EXPIRED, 403)
            if not isinstance(choice, str | None) or not isinstance(text, str | None):  # a file instead of text
                incoming = Incoming(CHANNEL, user_ref, unsupported=True)
            else:
                incoming = Incoming(CHANNEL, user_ref, choice=choice or None, text=None if choice else text or "")
            answers = step if isinstance(step, str) else None
            await asyncio.to_thread(self.turn, incoming, answers)
            return RedirectResponse(CHAT_PATH, status_code=303)
        page = await asyncio.to_thread(self.page, user_ref)
        response = self.render(request, "chat.html", csrf=csrf, **page)
        if fresh:
            response.set_cookie(
                COOKIE, value, httponly=True, samesite="lax", secure=self.secure_cookies, max_age=COOKIE_SECONDS
            )
        return response

    def refused(self, request: Request, heading_and_text: tuple[str, str], status: int) -> Response:
        heading, text = heading_and_text
        return self.render(request, "message.html", status, heading=heading, text=text)

    # -- a turn (POST) -------------------------------------------------------------------
    def turn(self, incoming: Incoming, answers_step: str | None) -> None:
        """Answer one posted form and store the turn in the transcript. A form that carries a
        step other than the current one (a stale page, a form sent twice) is not handed to the
        dialog: it gets a notice and the current question again."""
        with self.order.turn((incoming.channel, incoming.user_ref)):
            self._turn(incoming, answers_step)

    def _turn(self, incoming: Incoming, answers_step: str | None) -> None:
        db, who = self.assistant.db, (incoming.channel, incoming.user_ref)
        with self.assistant.lock:
            before = intakes.load_conversation(db, *who)
            last = transcripts.last_id(db, *who)
            shown = transcripts.transcript_of(db, *who)
        if answers_step is not None and answers_step != step_marker(before.step, last):
            t = texts.for_language(before.language)
            current = [m for m in shown if m.side == transcripts.BOT and m.turn == shown[-1].turn] if shown else []
            said: list[SaidWithCard] = [(transcripts.BOT, t.CHAT_STALE, (), None)]
            said += [(transcripts.BOT, m.text, m.options, m.card) for m in current if m.text != t.CHAT_STALE]
            with self.assistant.lock:
                transcripts.add_turn(db, *who, said, self.assistant.clock())
            return
        turn: Turn = self.assistant.handle(incoming)
        latest = [m for m in shown if m.turn == shown[-1].turn] if shown else []
        with self.assistant.lock:
            after = intakes.load_conversation(db, *who)
            forgotten = transcripts.last_id(db, *who) < last  # /verwijder: only its answer is kept
        # Outside the lock: the user's side may need a Dutch analysis (names), which other chat
        # turns must not wait for.
        offered = [*latest_options(latest), *turn.replies]
        users = [] if forgotten else user_side(self.assistant.dialog.services, incoming, before, after, offered)
        said = [(side, text, options, None) for side, text, options in users]
        said += [bot_said(r) for r in turn.replies]
        if said:
            with self.assistant.lock:
                transcripts.add_turn(db, *who, said, self.assistant.clock())

    # -- the page (GET) ------------------------------------------------------------------
    def page(self, user_ref: str) -> dict[str, Any]:
        """What the page shows: earlier turns, the latest turn with the news waiting (the
        only part announced), and the step the forms answer. Reading only."""
        turn = self.assistant.where(CHANNEL, user_ref)
        with self.assistant.lock:
            shown = transcripts.transcript_of(self.assistant.db, CHANNEL, user_ref)
        last_turn = shown[-1].turn if shown else 0
        history = [Shown(m.side, m.text) for m in shown if m.turn != last_turn]
        latest = [Shown(m.side, m.text, m.options, m.card) for m in shown if m.turn == last_turn]
        latest += [Shown(*bot_said(r)) for r in turn.replies]
        asked = [i for i, m in enumerate(latest) if m.side == transcripts.BOT]
        return {
            "t": texts.for_language(turn.language),
            "asked": asked[-1] if asked else -1,  # the message that describes the text box
            "history": history,
            "latest": latest,
            "step": step_marker(turn.step, shown[-1].id if shown else 0),
            "started": turn.step != "idle" or bool(shown) or bool(turn.replies),
        }


def step_marker(step: str, last_message: int) -> str:
    """What a form answers: the dialog's step and the newest message shown; both change with
    every turn, so a form from an earlier page no longer matches."""
    return f"{step}.{last_message}"


def bot_said(reply: Reply) -> SaidWithCard:
    """A reply as stored: its text (every page can show it), buttons, and its card if any."""
    card = asdict(reply.card) if reply.card is not None else None
    return (transcripts.BOT, reply.text, tuple((o.key, o.label) for o in reply.options), card)


def latest_options(latest: list[transcripts.Message]) -> list[Reply]:
    return [Reply(m.text, tuple(Option(k, label) for k, label in m.options)) for m in latest if m.options]


def user_side(
    services: DialogServices, incoming: Incoming, before: Conversation, after: Conversation, offered: list[Reply]
) -> list[Said]:
    """The user's message as stored: a button as its label; a typed answer to a text field as
    the dialog kept it (personal data and names redacted); any other typed text (the
    organisation, the answer to the brokers' question) cut and redacted as the dialog redacts
    what it keeps: personal data, then the names of people. Never the raw text."""
    if incoming.unsupported:
        return []
    if incoming.choice:
        labels = {o.key: o.label for r in offered for o in r.options}
        label = labels.get(incoming.choice)
        return [(transcripts.USER, label, ())] if label else []
    typed = (incoming.text or "").strip()
    if not typed:
        return []
    answered = after.answers.get(before.step)
    joined = f"partial_{before.step}" in before.pending  # a follow-up: the dialog kept both parts as one
    fresh = isinstance(answered, str) and answered != before.answers.get(before.step)
    if before.step in TEXT_FIELDS and fresh and not joined:
        return [(transcripts.USER, str(answered), ())]
    _, text, _, _ = without_names(services, before, redact(typed[:MAX_ANSWER]).text)
    return [(transcripts.USER, text, ())]


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
