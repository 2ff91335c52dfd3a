"""What every page needs: the templates, the database and its lock, the workflow, the clock,
the logged-in broker, checked forms, and running a handler off the event loop."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from sqlite_utils import Database
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot import texts
from bot.workflow import Workflow
from knowledge import sessions
from knowledge.review import Broker

HERE = Path(__file__).parent.parent
COOKIE = "vw_session"
MAX_FORM_BYTES = 64 * 1024
nl = texts.nl  # the pages speak Dutch (the web chat follows its user's language)

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a text missing in one language fails loudly, not blank
    )
)
templates.env.globals["site_texts"] = nl  # the header and footer of every page (base.html)


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    base = {
        "region_labels": nl.REGION_OPTION_LABELS,
        "state_labels": nl.STATE_LABELS,
        "broker": None,
        "csrf": "",
        "message": request.query_params.get("ok", "")[:200],
        "error": "",
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


def page(request: Request, heading: str, text: str, status: int) -> Response:
    return render(request, "message.html", status, heading=heading, text=text)


def not_found(request: Request, text: str = nl.PAGE_NOT_FOUND[1]) -> Response:
    return page(request, nl.PAGE_NOT_FOUND[0], text, 404)


def in_thread(handler: Callable[[Request], Response]) -> Callable[[Request], Awaitable[Response]]:
    """Read a posted form on the event loop, then run the handler (session, database, lock,
    rendering) in Starlette's thread pool: a chat turn holding the lock never stalls the loop."""

    async def endpoint(request: Request) -> Response:
        request.state.form = None
        if request.method == "POST" and int(request.headers.get("content-length") or 0) <= MAX_FORM_BYTES:
            async with request.form() as form:  # closes uploaded files, which no form here expects
                request.state.form = dict(form)  # files stay as (closed) UploadFile: refused by field
        return await run_in_threadpool(handler, request)

    return endpoint


@dataclass
class Site:
    """The shared parts, handed to every page family."""

    db: Database
    workflow: Workflow
    secure_cookies: bool = False

    @property
    def lock(self) -> Any:
        return self.workflow.lock

    def now(self) -> str:
        return self.workflow.clock()

    def current(self, request: Request) -> tuple[Broker, str] | None:
        """(broker, CSRF token) of the session cookie's logged-in broker."""
        session_id = request.cookies.get(COOKIE)
        if not session_id:
            return None
        with self.lock:
            return sessions.session_broker(self.db, session_id, self.now())

    def posted_by_broker(self, request: Request) -> tuple[Broker, str, dict[str, Any]] | Response:
        """(broker, CSRF token, form) of a logged-in broker's valid form, or the page that refuses it."""
        who = self.current(request)
        if who is None:
            return not_logged_in(request)
        form = checked_form(request, who[1])
        return form if isinstance(form, Response) else (*who, form)


def not_logged_in(request: Request) -> Response:
    return page(request, *nl.NOT_LOGGED_IN, 401)


def checked_form(request: Request, csrf: str) -> dict[str, Any] | Response:
    """The posted form (read by `in_thread`), or the page that refuses it: too large, or a stale
    or forged token."""
    form = request.state.form
    if form is None:
        return page(request, *nl.FORM_TOO_LARGE, 413)
    if form.get("csrf") != csrf:
        return page(request, *nl.FORM_EXPIRED, 403)
    return dict(form)
