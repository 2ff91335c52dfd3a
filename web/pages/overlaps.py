"""Overlap across organisations for brokers: the clusters page (/overzicht/samenhang), the
"Samen oppakken" action on a draft, and the overlap block of the draft page (`overlap_view`).

The routes are exact paths, so the app mounts them before the /drafts and /overzicht areas.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.overlap import THRESHOLD
from bot.workflow import Workflow
from bot.workflow.overlap_links import in_sentence
from knowledge import intakes, overlaps
from knowledge.errors import NotFoundError
from knowledge.records import SubmittedDraft
from knowledge.vocabulary import THEME_LABELS
from web.pages.site import Site, in_thread, nl, not_logged_in, render


def overlap_view(db: Database, workflow: Workflow, draft: SubmittedDraft) -> dict[str, Any]:
    """What the draft page shows (call under the lock): the alike questions of other
    organisations with their reasons and whether they are linked, and the links made."""
    links = overlaps.links_of(db, draft.id)
    linked = {link.other(draft.id): link for link in links}
    rows = []
    alike = workflow.overlaps.overlaps_of(draft.id)
    for found in alike:
        link = linked.get(found.id)
        rows.append(
            {
                "o": found,
                "organisation": in_sentence(db, found.organisation),
                "score": f"{found.score:.2f}".replace(".", ","),
                "linked": link is not None,
            }
        )
    shown = {found.id for found in alike}
    link_rows = [
        {
            "other": link.other(draft.id),
            "state": nl.OVERLAP_LINK_STATES.get(link.state, link.state),
            "answers": [
                nl.OVERLAP_ANSWER_LINE.format(id=i, answer=nl.OVERLAP_ANSWERS.get(link.answer_of(i), "?"))
                for i in (draft.id, link.other(draft.id))
            ],
            "listed": link.other(draft.id) in shown,
        }
        for link in links
    ]
    return {"rows": rows, "links": link_rows}


def routes(site: Site) -> list[BaseRoute]:
    db, workflow = site.db, site.workflow

    def samenhang(request: Request) -> Response:
        who = site.current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        index = workflow.overlaps.index
        if index is not None:
            with site.lock:  # reading the drafts (the first time) needs the database
                index.questions()
        # The overlap graph is searched outside the lock: the first time after a start it looks at
        # every question, and chat turns must not wait for that.
        found = index.clusters() if index is not None else []
        with site.lock:
            clusters = [
                {
                    "c": cluster,
                    "drafts": [_draft_or_none(db, q.id) for q in cluster.questions],
                    "themes": ", ".join(THEME_LABELS.get(t, t) for t in cluster.themes),
                    "keywords": ", ".join(cluster.keywords),
                }
                for cluster in found
            ]
        return render(
            request,
            "samenhang.html",
            broker=broker,
            csrf=csrf,
            clusters=clusters,
            threshold=f"{THRESHOLD:.2f}".replace(".", ","),
        )

    return [
        Route("/overzicht/samenhang", in_thread(samenhang)),
    ]


def _draft_or_none(db: Database, draft_id: str) -> SubmittedDraft | None:
    try:
        return intakes.get_draft(db, draft_id)
    except NotFoundError:
        return None
