"""The broker dashboard: login links, the queue, the draft page and review actions.

Server-rendered (Starlette + Jinja2, autoescaped), readable without JavaScript. Every page and
action needs a logged-in broker; every form carries a CSRF token tied to the session; the
session cookie is HttpOnly and SameSite. Review rules live in `knowledge.review`.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import re
import secrets
import threading
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from sqlite_utils import Database
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import texts
from bot.analysis import AnalysisError, shared_frog
from bot.assistant import Assistant
from bot.dialog import Incoming, Reply, draft_from_json
from bot.document import write_docx
from bot.drafting import Draft
from bot.drafting.drafter import Drafter
from bot.drafting.records import group_records, similar_records
from bot.mail import Mailer
from bot.notify import mail_region_brokers, notify_change
from knowledge import catalog, intakes, review, sessions, suggestions
from knowledge.errors import NotFoundError
from knowledge.review import Broker, ReviewError
from knowledge.vocabulary import THEME_LABELS

HERE = Path(__file__).parent
COOKIE = "vw_session"
CHAT_COOKIE = "vw_chat"
MAX_FORM_BYTES = 64 * 1024
MAX_TEXT = 2000  # the longest free text in a form, as in the chat
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REJECT_LABELS = {
    "geen_onderzoeksvraag": "Geen vraag voor onderzoek door studenten",
    "al_onderzocht": "Al eerder onderzocht",
    "buiten_scope": "Buiten de scope van het programma",
    "onvoldoende_informatie": "Onvoldoende informatie",
    "anders": "Anders (zie toelichting)",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


# Largest request body per path prefix (anything else: MAX_BODY_BYTES). Bigger bodies get 413
# before any of it is parsed, whether announced by Content-Length or streamed.
MAX_BODY_BYTES = 256 * 1024
BODY_LIMITS = {"/api/messages": 256 * 1024, "/telegram": 1024 * 1024}


class BodySizeLimit:
    """Pure ASGI middleware: refuse request bodies above the limit with 413."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = next((n for prefix, n in BODY_LIMITS.items() if path.startswith(prefix)), MAX_BODY_BYTES)
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


class SecurityHeaders:
    """Pure ASGI middleware: every response gets the security headers (unless it set its own)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


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


log = logging.getLogger(__name__)


def create_app(
    db: Database,
    *,
    clock: Callable[[], str],
    secure_cookies: bool = False,
    db_lock: threading.RLock | None = None,
    assistant: Assistant | None = None,
    extra_routes: list[BaseRoute] | None = None,
    mailer: Mailer | None = None,
    base_url: str = "",
    reindex: Callable[[], object] | None = None,
    secret: bytes | None = None,
) -> Starlette:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    templates = Jinja2Templates(env=environment)
    lock = db_lock or threading.RLock()
    nl = texts.nl
    # Signs suggestion links; the service passes the one kept in the data folder.
    link_secret = secret or secrets.token_bytes(32)

    def drafter() -> Drafter:
        if assistant is not None and assistant.dialog.services.drafter is not None:
            return assistant.dialog.services.drafter
        return Drafter(shared_frog())

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

    def current(request: Request) -> tuple[Broker, str] | None:
        session_id = request.cookies.get(COOKIE)
        if not session_id:
            return None
        with lock:
            return sessions.session_broker(db, session_id, clock())

    def not_logged_in(request: Request) -> Response:
        return page(
            request,
            "Niet ingelogd",
            "Log in met de inloglink die u van de beheerder krijgt (`vraagwijzer brokers login-link E-MAIL`).",
            401,
        )

    def checked_form(request: Request, csrf: str) -> dict[str, Any] | Response:
        """The posted form (read by `in_thread`), or the page that refuses it: too large, or a
        stale or forged token."""
        form = request.state.form
        if form is None:
            return page(request, "Te groot", "Het formulier is te groot; maak de tekst korter.", 413)
        if form.get("csrf") != csrf:
            return page(request, "Verboden", "Het formulier is verlopen; laad de pagina opnieuw.", 403)
        return dict(form)

    def login(request: Request) -> Response:
        try:
            with lock:
                broker = sessions.redeem_login_token(db, request.path_params["token"], clock())
                session_id, _ = sessions.create_session(db, broker, clock())
        except sessions.LoginError as error:
            return page(request, "Inloggen mislukt", str(error), 400)
        response = RedirectResponse("/queue", status_code=303)
        response.set_cookie(
            COOKIE,
            session_id,
            httponly=True,
            samesite="lax",
            secure=secure_cookies,
            max_age=sessions.SESSION_HOURS * 3600,
        )
        return response

    def posted_by_broker(request: Request) -> tuple[Broker, str] | Response:
        """(broker, CSRF token) of a logged-in broker's valid form, or the page that refuses it."""
        who = current(request)
        if who is None:
            return not_logged_in(request)
        form = checked_form(request, who[1])
        return form if isinstance(form, Response) else who

    def chat_code(request: Request) -> Response:
        """A single-use code that links the broker's Teams or Telegram account (typed there as
        `koppel CODE`), so new drafts reach them in the chat."""
        who = posted_by_broker(request)
        if isinstance(who, Response):
            return who
        with lock:
            code = sessions.create_chat_link_code(db, who[0], clock())
        return render(
            request, "chat_code.html", 200, code=code, minutes=sessions.CHAT_CODE_MINUTES, broker=who[0], csrf=who[1]
        )

    def logout(request: Request) -> Response:
        who = posted_by_broker(request)
        if isinstance(who, Response):
            return who
        with lock:
            sessions.end_session(db, request.cookies[COOKIE])
        response = page(request, "Uitgelogd", "U bent uitgelogd.", 200)
        response.delete_cookie(COOKIE)
        return response

    def queue(request: Request) -> Response:
        who = current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        params = request.query_params
        region = params.get("region") if params.get("region") in nl.REGION_OPTION_LABELS else broker.region
        state = params.get("state") if params.get("state") in nl.STATE_LABELS else ""
        theme = params.get("theme") if params.get("theme") in THEME_LABELS else ""
        organisation = params.get("organisation", "").strip()[:100]
        with lock:
            found = review.list_drafts(db, state=state or None, region=region)
            rows = []
            for d in found:
                themes = d.draft.get("themes", [])
                if theme and theme not in themes:
                    continue
                if organisation and organisation.lower() not in d.organisation.lower():
                    continue
                rows.append(
                    {
                        "draft": d,
                        "themes": ", ".join(THEME_LABELS.get(t, t) for t in themes),
                        "age": _age(d.created_at, clock()),
                        "duo": _duo(db, d.id),
                    }
                )
        return render(
            request,
            "queue.html",
            broker=broker,
            csrf=csrf,
            rows=rows,
            region=region,
            state=state,
            theme=theme,
            organisation=organisation,
            theme_labels=THEME_LABELS,
        )

    def all_groups() -> list[tuple[str, str]]:
        with lock:
            institutions = catalog.institutions(db)
            return sorted(
                (g.id, f"{g.name} ({institutions[g.institution_id].short_name or g.institution_id})")
                for g in catalog.groups(db).values()
                if g.institution_id in institutions
            )

    def load(request: Request) -> Any:
        with lock:
            return intakes.get_draft(db, request.path_params["draft_id"])

    def draft_page(request: Request, error: str = "", status: int = 200) -> Response:
        who = current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        try:
            d = load(request)
        except NotFoundError:
            return page(request, "Niet gevonden", "Dit concept bestaat niet.", 404)
        with lock:
            events = intakes.events_of(db, d.id)
            duo = _duo(db, d.id)
            suggestion_rows = _suggestion_rows(db, d.id)
            default_groups = _default_recipients(db, d.draft, clock())
        return render(
            request,
            "draft.html",
            status,
            broker=broker,
            csrf=csrf,
            d=d,
            q=d.draft,
            events=events,
            duo=duo,
            error=error,
            may_act=d.region == broker.region and d.state not in review.CLOSED,
            can_take_over=d.region != broker.region and d.state not in review.CLOSED,
            field_labels=nl.FIELD_LABELS,
            reject_reasons=REJECT_LABELS,
            all_groups=all_groups(),
            form_labels=nl.FORM_LABELS,
            level_labels=nl.LEVEL_LABELS,
            theme_labels=THEME_LABELS,
            suggestions=suggestion_rows,
            default_groups=default_groups,
        )

    def action(
        run: Callable[[Broker, str, dict[str, Any]], Any], done: str, *, tell: bool = False
    ) -> Callable[[Request], Any]:
        def endpoint(request: Request) -> Response:
            who = current(request)
            if who is None:
                return not_logged_in(request)
            broker, csrf = who
            form = checked_form(request, csrf)
            if isinstance(form, Response):
                return form
            draft_id = request.path_params["draft_id"]
            try:
                with lock:
                    run(broker, draft_id, form)
                    if tell:  # the civil servant hears every state change in their channel
                        notify_change(db, draft_id, clock())
            except NotFoundError:
                return page(request, "Niet gevonden", "Dit concept bestaat niet.", 404)
            except ReviewError as error:
                return draft_page(request, error=str(error), status=409)
            return RedirectResponse(f"/drafts/{draft_id}?ok={done}", status_code=303)

        return in_thread(endpoint)

    def lines(value: Any) -> list[str]:
        return [line.strip() for line in str(value or "").splitlines() if line.strip()]

    def rematch(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        if assistant is None:
            raise ReviewError("Opnieuw matchen kan alleen in de volledige dienst.")
        d = intakes.get_draft(db, draft_id)
        answers = d.intake
        level = answers.get("level") if answers.get("level") in ("hbo", "wo") else None
        result = assistant.matcher.find(
            " ".join(str(answers.get(k, "")) for k in ("problem", "context", "goal")) or d.draft.get("background", ""),
            region=d.region,
            form=answers.get("form"),
            level=level,
            k=5,
            k_assignments=3,
        )
        review.set_suggestions(
            db,
            draft_id,
            broker,
            groups=group_records(result),
            similar=similar_records(result, nl.SIMILAR_WHY),
            reason="opnieuw gematcht",
            now=clock(),
        )

    def add_group(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        groups = catalog.groups(db)
        group = groups.get(str(form.get("group_id", "")))
        if group is None:
            raise ReviewError("Kies een bestaande onderzoeksgroep.")
        d = intakes.get_draft(db, draft_id)
        current = [g for g in d.draft.get("suggested_groups", []) if g["id"] != group.id]
        institution = catalog.institutions(db).get(group.institution_id)
        entry = {
            "id": group.id,
            "name": group.name,
            "institution": institution.name if institution else "",
            "region": institution.region if institution else "",
            "score": None,
            "why": [f"toegevoegd door {broker.name}"],
        }
        review.set_suggestions(
            db, draft_id, broker, groups=[*current, entry], similar=None, reason="groep toegevoegd", now=clock()
        )

    def remove_group(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        d = intakes.get_draft(db, draft_id)
        gone = str(form.get("group_id", ""))
        kept = [g for g in d.draft.get("suggested_groups", []) if g["id"] != gone]
        if len(kept) == len(d.draft.get("suggested_groups", [])):
            raise ReviewError("Deze groep staat niet bij de voorgestelde groepen.")
        review.set_suggestions(db, draft_id, broker, groups=kept, similar=None, reason="groep verwijderd", now=clock())

    def suggest(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        chosen = [key.removeprefix("group_") for key in form if key.startswith("group_")]
        groups = catalog.groups(db)
        without_address = [groups[g].name for g in chosen if g in groups and not groups[g].contact_email]
        if without_address:  # checked before anything is sent: all or nothing
            raise ReviewError(
                f"Geen contactadres bekend voor {', '.join(without_address)}; vul het aan met "
                "`vraagwijzer import groups` of kies een andere groep."
            )
        sent = suggestions.send_suggestions(db, draft_id, broker, chosen, clock(), link_secret)
        d = intakes.get_draft(db, draft_id)
        for suggestion, token in sent:
            group = groups[suggestion.group_id]
            if mailer:
                mailer.send(
                    group.contact_email,
                    nl.SUGGESTION_SUBJECT.format(title=d.title),
                    nl.SUGGESTION_MAIL.format(
                        group=group.name,
                        title=d.title,
                        question=d.draft["main_question"],
                        organisation=d.organisation,
                        form=d.draft.get("form") or "-",
                        level=d.draft.get("level") or "-",
                        timeline=d.intake.get("timeline", "-"),
                        why="; ".join(suggestion.why) or "-",
                        link=f"{base_url}/s/{token}",
                    ),
                )

    def match(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        suggestions.confirm_match(db, draft_id, broker, str(form.get("suggestion_id", "")), clock())
        groups = catalog.groups(db)
        d = intakes.get_draft(db, draft_id)
        for other in suggestions.suggestions_of(db, draft_id):
            if other.state == "thanked" and mailer and groups[other.group_id].contact_email:
                mailer.send(
                    groups[other.group_id].contact_email,
                    nl.THANKS_SUBJECT.format(title=d.title),
                    nl.THANKS_MAIL.format(group=groups[other.group_id].name, title=d.title),
                )

    def complete(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        suggestions.record_outcome(db, draft_id, broker.actor, *_outcome_fields(form), clock())
        if reindex:
            reindex()

    def do_edit(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        labels = {"title": "Titel", **nl.DOCUMENT_LABELS}
        changes: dict[str, Any] = {
            k: _form_text(form, k, labels[k], limit=None)
            for k in ("title", "main_question", "background", "objective", "scope")
            if k in form
        }
        changes.update(
            {
                k: lines(_form_text(form, k, labels[k], limit=None))
                for k in ("sub_questions", "deliverables", "constraints")
                if k in form
            }
        )
        if "form" in form:
            changes["form"] = str(form["form"])
        if "level" in form:
            changes["level"] = str(form["level"])
        if "themes_present" in form:
            changes["themes"] = [t for t in THEME_LABELS if form.get(f"theme_{t}")]
        edited = review.edit_draft(db, draft_id, broker, changes, clock())
        recheck(edited)

    def recheck(edited: Any) -> None:
        """The quality checks again on the edited wording (a fresh Dutch analysis)."""
        try:
            checked = drafter().recheck(Draft.from_json(edited.draft), [edited.organisation])
        except AnalysisError:
            log.exception("Could not re-check draft %s after an edit", edited.id)
            return
        intakes.set_quality(db, edited.id, [q.__dict__ for q in checked.quality])

    def docx(request: Request) -> Response:
        if current(request) is None:
            return not_logged_in(request)
        try:
            d = load(request)
        except NotFoundError:
            return page(request, "Niet gevonden", "Dit concept bestaat niet.", 404)
        buffer = io.BytesIO()
        write_docx(draft_from_json(d.draft), buffer)
        return Response(
            buffer.getvalue(),
            media_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            headers={"Content-Disposition": f'attachment; filename="{d.id}.docx"'},
        )

    def suggestion_page(request: Request) -> Response:
        token = request.path_params["token"]
        try:
            with lock:
                found = suggestions.suggestion_by_token(db, token)
        except NotFoundError:
            return page(request, "Niet gevonden", "Deze pagina bestaat niet.", 404)
        csrf = hashlib.sha256(f"s:{token}".encode()).hexdigest()[:32]
        error = ""
        if request.method == "POST":
            form = checked_form(request, csrf)
            if isinstance(form, Response):
                return form
            try:
                with lock:
                    if form.get("kind") == "outcome":
                        # The group reports the result itself: completed, and the knowledge grows.
                        if found.state != "accepted":
                            raise ReviewError("Alleen de groep die de opdracht uitvoert kan het resultaat doorgeven.")
                        suggestions.record_outcome(
                            db, found.draft_id, f"groep:{found.group_id}", *_outcome_fields(form), clock()
                        )
                        notify_change(db, found.draft_id, clock())
                        if reindex:
                            reindex()
                    else:
                        fields = {
                            "reason": str(form.get("reason", "")),
                            "proposed_start": _form_text(form, "proposed_start", "Mogelijke start", 100),
                            "contact_name": _form_text(form, "contact_name", "Contactpersoon", 100),
                            "text": _form_text(form, "text", "Toelichting"),
                        }
                        found = suggestions.answer(db, token, str(form.get("kind", "")), fields, clock())
                        notify_answer(found)
            except ReviewError as problem:
                error = str(problem)
        with lock:
            d = intakes.get_draft(db, found.draft_id)
            group = catalog.get_group(db, found.group_id)
        return render(
            request,
            "suggestion.html",
            409 if error else 200,
            d=d,
            q=d.draft,
            s=found,
            group=group,
            csrf=csrf,
            error=error,
            reasons=DECLINE_LABELS,
            message="Dank u, uw antwoord is ontvangen." if request.method == "POST" and not error else "",
        )

    def group_page(request: Request) -> Response:
        """Everything suggested to one group, reachable from any of its suggestion links."""
        try:
            with lock:
                found = suggestions.suggestion_by_token(db, request.path_params["token"])
                group = catalog.get_group(db, found.group_id)
                rows = suggestions.suggestions_for_groups(db, [group.id])
        except NotFoundError:
            return page(request, "Niet gevonden", "Deze pagina bestaat niet.", 404)
        return render(request, "group.html", group=group, rows=rows)

    def notify_answer(found: suggestions.Suggestion) -> None:
        """Brokers hear an institution's answer (their region's duo, by e-mail)."""
        if not mailer:
            return
        d = intakes.get_draft(db, found.draft_id)
        group = catalog.get_group(db, found.group_id)
        mail_region_brokers(
            db,
            mailer,
            d.region,
            nl.ANSWER_SUBJECT.format(id=d.id),
            nl.ANSWER_MAIL.format(
                group=group.name, state=found.state, id=d.id, text=found.text or "", link=f"{base_url}/drafts/{d.id}"
            ),
        )

    async def home(request: Request) -> Response:
        return RedirectResponse("/queue", status_code=303)

    async def privacy(request: Request) -> Response:
        """What is kept and why; linked from the Teams app and the web chat."""
        return page(request, "Privacy", nl.PRIVACY, 200)

    def chat_identity(request: Request) -> tuple[str, str, bool]:
        """(cookie value, CSRF token, new visitor): an anonymous id, never a person."""
        value = request.cookies.get(CHAT_COOKIE, "")
        fresh = len(value) < 20
        if fresh:
            value = secrets.token_urlsafe(24)
        return value, _chat_csrf(value), fresh

    async def chat(request: Request) -> Response:
        if assistant is None:
            return page(request, "Niet beschikbaar", "De webchat draait niet in deze dienst.", 404)
        value, csrf, fresh = chat_identity(request)
        user_ref = hashlib.sha256(value.encode()).hexdigest()[:32]
        replies: list[Reply] = []
        if request.method == "POST":
            if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
                return page(request, "Te groot", "Uw bericht is te lang.", 413)
            async with request.form() as form:
                choice, text, token = form.get("choice"), form.get("text"), form.get("csrf")
            if fresh or not isinstance(token, str) or not secrets.compare_digest(token.encode(), csrf.encode()):
                return page(request, "Verboden", "Het formulier is verlopen; laad de pagina opnieuw.", 403)
            if not isinstance(choice, str | None) or not isinstance(text, str | None):  # a file instead of text
                incoming = Incoming("web", user_ref, unsupported=True)
            else:
                incoming = Incoming("web", user_ref, choice=choice or None, text=None if choice else text or "")
            replies = await asyncio.to_thread(assistant.handle, incoming)
        conversation_step = await asyncio.to_thread(assistant.step_of, "web", user_ref)
        language = await asyncio.to_thread(assistant.language_of, "web", user_ref)
        response = render(
            request,
            "chat.html",
            t=texts.for_language(language) if language == "en" else nl,
            csrf=csrf,
            replies=replies,
            started=conversation_step != "idle" or bool(replies),
        )
        if fresh:
            response.set_cookie(
                CHAT_COOKIE, value, httponly=True, samesite="lax", secure=secure_cookies, max_age=90 * 24 * 3600
            )
        return response

    async def not_found(request: Request, exc: Exception) -> Response:
        return page(request, "Niet gevonden", "Deze pagina bestaat niet.", 404)

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return page(
            request, "Niet mogelijk", "Zo kunt u deze pagina niet gebruiken; ga terug en probeer het opnieuw.", 405
        )

    routes = [
        Route("/", home),
        Route("/privacy", privacy),
        Route("/chat", chat, methods=["GET", "POST"]),
        Route("/login/{token}", in_thread(login)),
        Route("/logout", in_thread(logout), methods=["POST"]),
        Route("/account/chat-code", in_thread(chat_code), methods=["POST"]),
        Route("/queue", in_thread(queue)),
        Route("/drafts/{draft_id}", in_thread(draft_page)),
        Route("/drafts/{draft_id}/docx", in_thread(docx)),
        Route(
            "/drafts/{draft_id}/approve",
            action(lambda b, i, f: review.approve(db, i, b, clock()), "Goedgekeurd.", tell=True),
            methods=["POST"],
        ),
        Route(
            "/drafts/{draft_id}/request-changes",
            action(
                lambda b, i, f: review.request_changes(
                    db, i, b, _form_text(f, "question", "Vraag aan de indiener"), clock()
                ),
                "Vraag verstuurd.",
                tell=True,
            ),
            methods=["POST"],
        ),
        Route(
            "/drafts/{draft_id}/reject",
            action(
                lambda b, i, f: review.reject(
                    db, i, b, str(f.get("reason", "")), _form_text(f, "text", "Toelichting"), clock()
                ),
                "Afgewezen.",
                tell=True,
            ),
            methods=["POST"],
        ),
        Route(
            "/drafts/{draft_id}/take-over",
            action(lambda b, i, f: review.take_over(db, i, b, clock()), "Overgenomen."),
            methods=["POST"],
        ),
        Route("/drafts/{draft_id}/edit", action(do_edit, "Opgeslagen."), methods=["POST"]),
        Route("/drafts/{draft_id}/rematch", action(rematch, "Opnieuw gematcht."), methods=["POST"]),
        Route("/drafts/{draft_id}/suggest", action(suggest, "Voorgelegd.", tell=True), methods=["POST"]),
        Route("/drafts/{draft_id}/match", action(match, "Match bevestigd.", tell=True), methods=["POST"]),
        Route("/drafts/{draft_id}/complete", action(complete, "Afgerond.", tell=True), methods=["POST"]),
        Route("/s/{token}", in_thread(suggestion_page), methods=["GET", "POST"]),
        Route("/s/{token}/groep", in_thread(group_page)),
        Route("/drafts/{draft_id}/groups/add", action(add_group, "Groep toegevoegd."), methods=["POST"]),
        Route("/drafts/{draft_id}/groups/remove", action(remove_group, "Groep verwijderd."), methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        *(extra_routes or []),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(BodySizeLimit), Middleware(SecurityHeaders)],
        exception_handlers={404: not_found, 405: not_allowed},
    )


DECLINE_LABELS = {
    "geen_capaciteit": "Geen capaciteit dit semester",
    "buiten_expertise": "Buiten onze expertise",
    "planning_past_niet": "De planning past niet",
    "vorm_past_niet": "De vorm past niet",
    "anders": "Anders (zie toelichting)",
}


def _suggestion_rows(db: Database, draft_id: str) -> list[dict[str, Any]]:
    groups = catalog.groups(db)
    return [{"s": s, "group": groups.get(s.group_id)} for s in suggestions.suggestions_of(db, draft_id)]


def _default_recipients(db: Database, draft: dict[str, Any], now: str) -> list[dict[str, Any]]:
    """The suggested groups, the first three with capacity left ticked."""
    rows, ticked = [], 0
    for g in draft.get("suggested_groups", []):
        try:
            left = suggestions.capacity_left(db, g["id"], now)
        except NotFoundError:
            continue
        tick = left > 0 and ticked < suggestions.MAX_RECIPIENTS
        ticked += tick
        rows.append({**g, "left": left, "checked": tick})
    return rows


def _form_text(form: dict[str, Any], key: str, label: str, limit: int | None = MAX_TEXT) -> str:
    """A typed form value as typed (stripped), or a ReviewError naming the field: never silently
    cut short, and without control characters (they break the Word document and the mail)."""
    value = form.get(key) or ""
    if not isinstance(value, str):  # a file where text belongs
        raise ReviewError(f"{label}: verwacht tekst.")
    value = value.strip()
    length = len(value.replace("\r\n", "\n"))  # as the browser's maxlength counts a line break
    if limit is not None and length > limit:
        raise ReviewError(f"{label}: de tekst is te lang ({length} tekens, hooguit {limit}).")
    if CONTROL_CHARACTERS.search(value):
        raise ReviewError(f"{label}: de tekst bevat onzichtbare stuurtekens (zoals een nul-teken); typ hem opnieuw.")
    return value


def _outcome_fields(form: dict[str, Any]) -> tuple[str, str, str]:
    """Summary, link and date (JJJJ-MM-DD or empty) of a finished assignment, checked."""
    day = _form_text(form, "date", "Datum", 10)
    if day:
        try:
            year = date.fromisoformat(day).year if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else 0
        except ValueError:
            year = 0
        if not 1990 <= year <= 2100:
            raise ReviewError("Datum: vul een bestaande datum in als JJJJ-MM-DD.")
    return _form_text(form, "summary", "Uitkomst"), _form_text(form, "link", "Link", 500), day


def _chat_csrf(value: str) -> str:
    # Double-submit: only a page that could read the (HttpOnly, SameSite) cookie's page knows it.
    return hashlib.sha256(f"csrf:{value}".encode()).hexdigest()[:32]


def _age(created_at: str, now: str) -> str:
    days = (datetime.fromisoformat(now) - datetime.fromisoformat(created_at)).days
    return "vandaag" if days <= 0 else f"{days} dag{'en' if days != 1 else ''}"


def _duo(db: Database, draft_id: str) -> str:
    given = review.approvals(db, draft_id)
    return ", ".join(f"kant {side}" for side in sorted(given))
