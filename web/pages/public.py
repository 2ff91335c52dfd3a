"""Pages for anyone: the start, privacy, and the answers for a missing page or a wrong method."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from web.pages.site import nl, not_found, page


async def home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)


async def privacy(request: Request) -> Response:
    """What is kept and why; linked from the Teams app and the web chat."""
    return page(request, "Privacy", nl.PRIVACY, 200)


async def missing(request: Request, exc: Exception) -> Response:
    return not_found(request)


async def not_allowed(request: Request, exc: Exception) -> Response:
    return page(request, *nl.PAGE_NOT_ALLOWED, 405)


def routes() -> list[BaseRoute]:
    return [Route("/", home), Route("/privacy", privacy)]


EXCEPTION_HANDLERS = {404: missing, 405: not_allowed}
