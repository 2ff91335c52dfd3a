"""The web service's app: the broker dashboard, the pages for research groups, the public pages
and the routes of the chat channels, each area mounted from its own module.

Server-rendered (Starlette + Jinja2, autoescaped), readable without JavaScript. Every broker page
and action needs a logged-in broker; every form carries a CSRF token tied to the session; the
session cookie is HttpOnly and SameSite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from sqlite_utils import Database
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.catalogue import Catalogue
from bot.workflow import Workflow, utc_now
from web.middleware.body_limit import BodySizeLimit
from web.middleware.security_headers import SecurityHeaders
from web.pages import catalogue as catalogue_pages
from web.pages import drafts, institutions, overlaps, overview, public, sessions
from web.pages.site import HERE, Site


class Mounted(Protocol):
    """What the app needs of a chat channel: its routes and their body limits."""

    body_limits: dict[str, int]

    def routes(self) -> list[BaseRoute]: ...


def create_app(
    db: Database,
    *,
    workflow: Workflow | None = None,
    clock: Callable[[], str] = utc_now,
    channels: Sequence[Mounted] = (),
    secure_cookies: bool = False,
    catalogue: Catalogue | None = None,
) -> Starlette:
    """`workflow` carries the database lock shared with the chat turns; without one (tests of the
    pages alone) the pages get a workflow of their own."""
    if workflow is None:
        workflow = Workflow(db, clock=clock)
    site = Site(db, workflow, secure_cookies=secure_cookies)
    routes: list[BaseRoute] = [
        *public.routes(),
        *sessions.routes(site),
        *overlaps.routes(site),  # exact paths under /drafts and /overzicht: before those areas
        *drafts.routes(site),
        *institutions.routes(site),
        *catalogue_pages.routes(site, catalogue),
        *overview.routes(site),
        *(route for channel in channels for route in channel.routes()),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    limits = {prefix: size for channel in channels for prefix, size in channel.body_limits.items()}
    return Starlette(
        routes=routes,
        middleware=[Middleware(BodySizeLimit, limits=limits), Middleware(SecurityHeaders)],
        exception_handlers=public.EXCEPTION_HANDLERS,
    )
