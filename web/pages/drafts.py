"""The brokers' queue, the draft page with its Word download, and the review actions on it.

Every action is a form post by a logged-in broker of the draft's region; the rules and who
hears what live in `bot.workflow` (and `knowledge.review` below it). Success redirects back to
the draft page with a short message; a refused action shows the page again with the reason.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.drafting import Draft
from bot.drafting.document import write_docx
from knowledge import catalog, intakes, review, suggestions
from knowledge.errors import NotFoundError
from knowledge.review import Broker, ReviewError
from knowledge.vocabulary import THEME_LABELS
from web.pages.forms import form_text, lines, outcome_fields
from web.pages.site import Site, checked_form, in_thread, nl, not_found, not_logged_in, render

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Action = Callable[[Broker, str, dict[str, Any]], object]


def routes(site: Site) -> list[BaseRoute]:
    db, workflow = site.db, site.workflow

    def queue(request: Request) -> Response:
        who = site.current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        params = request.query_params
        region = params.get("region") if params.get("region") in nl.REGION_OPTION_LABELS else broker.region
        state = params.get("state") if params.get("state") in nl.STATE_LABELS else ""
        theme = params.get("theme") if params.get("theme") in THEME_LABELS else ""
        organisation = params.get("organisation", "").strip()[:100]
        with site.lock:
            rows = [
                {
                    "draft": d,
                    "themes": ", ".join(THEME_LABELS.get(t, t) for t in d.draft.get("themes", [])),
                    "age": _age(d.created_at, site.now()),
                    "duo": _duo(db, d.id),
                }
                for d in review.list_drafts(db, state=state or None, region=region)
                if (not theme or theme in d.draft.get("themes", []))
                and (not organisation or organisation.lower() in d.organisation.lower())
            ]
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

    def draft_page(request: Request, error: str = "", status: int = 200) -> Response:
        who = site.current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        try:
            with site.lock:
                d = intakes.get_draft(db, request.path_params["draft_id"])
                events = intakes.events_of(db, d.id)
                duo = _duo(db, d.id)
                suggestion_rows = _suggestion_rows(db, d.id)
                default_groups = _default_recipients(db, d.draft, site.now())
                groups = _all_groups(db)
        except NotFoundError:
            return not_found(request, nl.DRAFT_NOT_FOUND)
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
            reject_reasons=nl.REJECT_LABELS,
            all_groups=groups,
            form_labels=nl.FORM_LABELS,
            level_labels=nl.LEVEL_LABELS,
            theme_labels=THEME_LABELS,
            suggestions=suggestion_rows,
            default_groups=default_groups,
        )

    def docx(request: Request) -> Response:
        if site.current(request) is None:
            return not_logged_in(request)
        try:
            with site.lock:
                d = intakes.get_draft(db, request.path_params["draft_id"])
        except NotFoundError:
            return not_found(request, nl.DRAFT_NOT_FOUND)
        buffer = io.BytesIO()
        write_docx(Draft.from_json(d.draft), buffer)
        return Response(
            buffer.getvalue(), media_type=DOCX, headers={"Content-Disposition": f'attachment; filename="{d.id}.docx"'}
        )

    def action(path: str, run: Action) -> Route:
        def endpoint(request: Request) -> Response:
            who = site.current(request)
            if who is None:
                return not_logged_in(request)
            broker, csrf = who
            form = checked_form(request, csrf)
            if isinstance(form, Response):
                return form
            draft_id = request.path_params["draft_id"]
            try:
                run(broker, draft_id, form)
            except NotFoundError:
                return not_found(request, nl.DRAFT_NOT_FOUND)
            except ReviewError as error:
                return draft_page(request, error=str(error), status=409)
            return RedirectResponse(f"/drafts/{draft_id}?ok={nl.ACTION_DONE[path]}", status_code=303)

        return Route(f"/{{draft_id}}/{path}", in_thread(endpoint), methods=["POST"])

    def edit(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        workflow.edit(broker, draft_id, _changes(form))

    def suggest(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        workflow.suggest(broker, draft_id, [key.removeprefix("group_") for key in form if key.startswith("group_")])

    return [
        Route("/queue", in_thread(queue)),
        Mount(
            "/drafts",
            routes=[
                Route("/{draft_id}", in_thread(draft_page)),
                Route("/{draft_id}/docx", in_thread(docx)),
                action("approve", lambda b, i, f: workflow.approve(b, i)),
                action(
                    "request-changes",
                    lambda b, i, f: workflow.request_changes(
                        b, i, form_text(f, "question", nl.FORM_FIELDS["question"])
                    ),
                ),
                action(
                    "reject",
                    lambda b, i, f: workflow.reject(
                        b, i, str(f.get("reason", "")), form_text(f, "text", nl.FORM_FIELDS["text"])
                    ),
                ),
                action("take-over", lambda b, i, f: workflow.take_over(b, i)),
                action("edit", edit),
                action("rematch", lambda b, i, f: workflow.rematch(b, i)),
                action("suggest", suggest),
                action(
                    "match",
                    lambda b, i, f: workflow.confirm_match(b, i, str(f.get("suggestion_id", ""))),
                ),
                action("complete", lambda b, i, f: workflow.complete(b, i, *outcome_fields(f))),
                action(
                    "groups/add",
                    lambda b, i, f: workflow.add_group(b, i, str(f.get("group_id", ""))),
                ),
                action(
                    "groups/remove",
                    lambda b, i, f: workflow.remove_group(b, i, str(f.get("group_id", ""))),
                ),
            ],
        ),
    ]


def _changes(form: dict[str, Any]) -> dict[str, Any]:
    """A broker's edit of the draft's wording and labels, each field checked."""
    labels = {**nl.FORM_FIELDS, **nl.DOCUMENT_LABELS}
    changes: dict[str, Any] = {
        k: form_text(form, k, labels[k], limit=None)
        for k in ("title", "main_question", "background", "objective", "scope")
        if k in form
    }
    changes.update(
        {
            k: lines(form_text(form, k, labels[k], limit=None))
            for k in ("sub_questions", "deliverables", "constraints")
            if k in form
        }
    )
    for key in ("form", "level"):
        if key in form:
            changes[key] = str(form[key])
    if "themes_present" in form:
        changes["themes"] = [t for t in THEME_LABELS if form.get(f"theme_{t}")]
    return changes


def _all_groups(db: Database) -> list[tuple[str, str]]:
    institutions = catalog.institutions(db)
    return sorted(
        (g.id, f"{g.name} ({institutions[g.institution_id].short_name or g.institution_id})")
        for g in catalog.groups(db).values()
        if g.institution_id in institutions
    )


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


def _age(created_at: str, now: str) -> str:
    days = (datetime.fromisoformat(now) - datetime.fromisoformat(created_at)).days
    return nl.AGE_TODAY if days <= 0 else nl.AGE_ONE_DAY if days == 1 else nl.AGE_DAYS.format(days=days)


def _duo(db: Database, draft_id: str) -> str:
    given = review.approvals(db, draft_id)
    return ", ".join(nl.DUO_SIDE.format(side=side) for side in sorted(given))
