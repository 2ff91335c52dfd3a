"""Pages for anyone: the start, privacy, accessibility, and the answers for a missing page or a wrong method."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from web.pages.site import nl, not_found, page, render


async def home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)


async def privacy(request: Request) -> Response:
    """What is kept and why; linked from the Teams app and the web chat."""
    sections = [*nl.PRIVACY_SUBMITTER, *nl.PRIVACY_CATALOGUE_VISITORS]
    return render(request, "message.html", heading=nl.PRIVACY_HEADING, text="", sections=sections)


async def accessibility(request: Request) -> Response:
    """The accessibility statement: what was tested, what is known not to work, how to report it."""
    sections = [(part, body.format(address=nl.CONTACT_ADDRESS)) for part, body in nl.ACCESSIBILITY]
    return render(request, "message.html", heading=nl.ACCESSIBILITY_HEADING, text="", sections=sections)


async def missing(request: Request, exc: Exception) -> Response:
    return not_found(request)


async def not_allowed(request: Request, exc: Exception) -> Response:
    return page(request, *nl.PAGE_NOT_ALLOWED, 405)


def routes() -> list[BaseRoute]:
    return [Route("/", home), Route("/privacy", privacy), Route("/toegankelijkheid", accessibility)]


EXCEPTION_HANDLERS = {404: missing, 405: not_allowed}
