"""Brokers' sessions: the login link, logging out, and the code that links a chat account."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from knowledge import sessions
from web.pages.site import COOKIE, Site, in_thread, nl, page, render


def routes(site: Site) -> list[BaseRoute]:
    def login(request: Request) -> Response:
        try:
            with site.lock:
                broker = sessions.redeem_login_token(site.db, request.path_params["token"], site.now())
                session_id, _ = sessions.create_session(site.db, broker, site.now())
        except sessions.LoginError as error:
            return page(request, nl.LOGIN_FAILED, str(error), 400)
        response = RedirectResponse("/queue", status_code=303)
        response.set_cookie(
            COOKIE,
            session_id,
            httponly=True,
            samesite="lax",
            secure=site.secure_cookies,
            max_age=sessions.SESSION_HOURS * 3600,
        )
        return response

    def logout(request: Request) -> Response:
        posted = site.posted_by_broker(request)
        if isinstance(posted, Response):
            return posted
        with site.lock:
            sessions.end_session(site.db, request.cookies[COOKIE])
        response = page(request, *nl.LOGGED_OUT, 200)
        response.delete_cookie(COOKIE)
        return response

    def chat_code(request: Request) -> Response:
        """A single-use code that links the broker's chat account (typed there as
        `koppel CODE`), so new drafts reach them in the chat."""
        posted = site.posted_by_broker(request)
        if isinstance(posted, Response):
            return posted
        broker, csrf, _ = posted
        with site.lock:
            code = sessions.create_chat_link_code(site.db, broker, site.now())
        return render(
            request, "chat_code.html", 200, code=code, minutes=sessions.CHAT_CODE_MINUTES, broker=broker, csrf=csrf
        )

    return [
        Route("/login/{token}", in_thread(login)),
        Route("/logout", in_thread(logout), methods=["POST"]),
        Route("/account/chat-code", in_thread(chat_code), methods=["POST"]),
    ]
