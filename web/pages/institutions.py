"""Pages for research groups, reached by the signed link in a suggestion mail: answer the
suggestion, report the outcome, and see everything suggested to the group. A group reads no
internal numbers (capacity) and no redaction placeholders, and sees whom to contact."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from bot.workflow import for_groups
from knowledge import catalog, intakes, review, suggestions
from knowledge.errors import NotFoundError
from knowledge.review import ReviewError
from web.pages.forms import form_text, outcome_fields
from web.pages.site import Site, checked_form, in_thread, nl, not_found, render


def routes(site: Site) -> list[BaseRoute]:
    db, workflow = site.db, site.workflow

    def suggestion_page(request: Request) -> Response:
        token = request.path_params["token"]
        try:
            with site.lock:
                found = suggestions.suggestion_by_token(db, token)
        except NotFoundError:
            return not_found(request)
        csrf = hashlib.sha256(f"s:{token}".encode()).hexdigest()[:32]
        error = ""
        if request.method == "POST":
            form = checked_form(request, csrf)
            if isinstance(form, Response):
                return form
            try:
                if form.get("kind") == "outcome":  # the group reports the result itself
                    workflow.report_outcome(found, *outcome_fields(form))
                else:
                    fields = {
                        "reason": str(form.get("reason", "")),
                        "proposed_start": form_text(form, "proposed_start", nl.FORM_FIELDS["proposed_start"], 100),
                        "contact_name": form_text(form, "contact_name", nl.FORM_FIELDS["contact_name"], 100),
                        "text": form_text(form, "text", nl.FORM_FIELDS["text"]),
                    }
                    found = workflow.answer(token, str(form.get("kind", "")), fields)
            except ReviewError as problem:
                error = str(problem)
        with site.lock:
            d = intakes.get_draft(db, found.draft_id)
            group = catalog.get_group(db, found.group_id)
            brokers = [broker for broker in review.brokers(db) if broker.region == d.region]
        return render(
            request,
            "suggestion.html",
            409 if error else 200,
            d=d,
            q=readable(d.draft),
            organisation=for_groups.readable(d.organisation),
            why=for_groups.reasons(found.why),
            s=found,
            group=group,
            brokers=brokers,
            answer_labels=nl.SUGGESTION_STATE_LABELS,
            form_labels=nl.FORM_LABELS,
            t=nl,
            csrf=csrf,
            error=error,
            reasons=nl.DECLINE_LABELS,
            message=nl.ANSWER_RECEIVED if request.method == "POST" and not error else "",
        )

    def group_page(request: Request) -> Response:
        """Everything suggested to one group, reachable from any of its suggestion links."""
        try:
            with site.lock:
                found = suggestions.suggestion_by_token(db, request.path_params["token"])
                group = catalog.get_group(db, found.group_id)
                rows = suggestions.suggestions_for_groups(db, [group.id])
        except NotFoundError:
            return not_found(request)
        shown = [readable(row) for row in rows]
        return render(request, "group.html", group=group, rows=shown, answer_labels=nl.SUGGESTION_STATE_LABELS)

    return [
        Mount(
            "/s",
            routes=[
                Route("/{token}", in_thread(suggestion_page), methods=["GET", "POST"]),
                Route("/{token}/groep", in_thread(group_page)),
            ],
        )
    ]


def readable(value: Any) -> Any:
    """A draft as a research group reads it: every text with its redaction placeholders as "(weggelaten)"."""
    if isinstance(value, str):
        return for_groups.readable(value)
    if isinstance(value, list):
        return [readable(item) for item in value]
    if isinstance(value, dict):
        return {key: readable(item) for key, item in value.items()}
    return value
