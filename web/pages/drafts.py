"""The brokers' queue, the draft page with its Word download, and the review actions on it.

Every action is a form post by a logged-in broker of the draft's region; the rules and who
hears what live in `bot.workflow` (and `knowledge.review` below it). Success redirects back to
the draft page with a short message; a refused action shows the page again with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlite_utils import Database
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.drafting.document import DocxWriter
from knowledge import catalog, intakes, review, suggestions
from knowledge import catalogue as public_catalogue
from knowledge.errors import NotFoundError
from knowledge.records import Event, Group, SubmittedDraft
from knowledge.review import Broker, QueueEntry, ReviewError
from knowledge.vocabulary import THEME_LABELS
from web.pages.forms import form_text, lines, outcome_fields
from web.pages.overlaps import overlap_view
from web.pages.site import Site, checked_form, in_thread, nl, not_found, not_logged_in, render

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ACTIONS = ("approve", "request_changes", "reject", "edit", "groups", "suggest", "match", "complete", "take_over")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Action = Callable[[Broker, str, dict[str, Any]], object]


def routes(site: Site) -> list[BaseRoute]:
    db, workflow = site.db, site.workflow
    documents = DocxWriter()  # Word documents in a process of their own, started at the first

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
        number = params.get("page", "1")
        with site.lock:
            found = review.queue_page(
                db,
                region=region,
                state=state or None,
                theme=theme or None,
                organisation=organisation or None,
                page=int(number) if number.isdigit() else 1,
            )
            groups = catalog.groups(db)  # once per page, not per listed draft
            rows = [
                {
                    "draft": d,
                    "themes": ", ".join(THEME_LABELS.get(t, t) for t in d.themes),
                    "age": _age(d.created_at, site.now()),
                    "duo": _duo(db, d.id),
                    "step": _step_text(d, broker, review.approvals(db, d.id), _suggestion_rows(db, d.id, groups)),
                }
                for d in found.drafts
            ]
        filters = {"region": region, "state": state, "theme": theme, "organisation": organisation}

        def page_url(page: int) -> str:
            return "/queue?" + urlencode({k: v for k, v in {**filters, "page": str(page)}.items() if v})

        return render(
            request,
            "queue.html",
            broker=broker,
            csrf=csrf,
            rows=rows,
            found=found,
            previous_url=page_url(found.page - 1) if found.page > 1 else "",
            next_url=page_url(found.page + 1) if found.page < found.pages else "",
            theme_labels=THEME_LABELS,
            region=region,
            state=state,
            theme=theme,
            organisation=organisation,
        )

    def draft_page(request: Request, error: str = "", status: int = 200) -> Response:
        who = site.current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        try:
            with site.lock:
                d = intakes.get_draft(db, request.path_params["draft_id"])
                given = review.approvals(db, d.id)
                history = _history(db, intakes.events_of(db, d.id))
                duo = _duo(db, d.id)
                suggestion_rows = _suggestion_rows(db, d.id)
                default_groups = _default_recipients(db, d.draft, site.now())
                groups = _all_groups(db)
                overlap = overlap_view(db, workflow, d)
                confidential = public_catalogue.is_confidential(db, d.id)
                new_groups = [i for i in public_catalogue.interests_of(db, d.id) if i.group_id is None]
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
            history=history,
            duo=duo,
            error=error,
            may={action: review.may(d, broker, action, given) for action in ACTIONS},
            step=next_step(
                d.state, given, broker.side, d.region == broker.region, [r["s"].state for r in suggestion_rows]
            ),
            step_text=_step_text(d, broker, given, suggestion_rows),
            quality=_quality(d.draft, d.language),
            reactions=nl.REACTION_LABELS,
            field_labels=nl.FIELD_LABELS,
            reject_reasons=nl.REJECT_LABELS,
            group_labels=[label for _, label in groups],
            form_labels=nl.FORM_LABELS,
            level_labels=nl.LEVEL_LABELS,
            theme_labels=THEME_LABELS,
            suggestions=suggestion_rows,
            default_groups=default_groups,
            overlap=overlap,
            confidential=confidential,
            public_states=public_catalogue.PUBLIC_STATES,
            new_group_interests=new_groups,
            wording=_wording(d.draft),
        )

    def docx(request: Request) -> Response:
        if site.current(request) is None:
            return not_logged_in(request)
        try:
            with site.lock:
                d = intakes.get_draft(db, request.path_params["draft_id"])
        except NotFoundError:
            return not_found(request, nl.DRAFT_NOT_FOUND)
        return Response(
            documents.write(d.draft),
            media_type=DOCX,
            headers={"Content-Disposition": f'attachment; filename="{d.id}.docx"'},
        )

    def action(path: str, run: Action, done: str = "") -> Route:
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
            return RedirectResponse(f"/drafts/{draft_id}?ok={done or nl.ACTION_DONE[path]}", status_code=303)

        return Route(f"/{{draft_id}}/{path}", in_thread(endpoint), methods=["POST"])

    def edit(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        workflow.edit(broker, draft_id, _changes(form))

    def reject(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        _confirmed(form, nl.CONFIRM_REJECT)
        workflow.reject(broker, draft_id, str(form.get("reason", "")), form_text(form, "text", nl.FORM_FIELDS["text"]))

    def remove_group(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        _confirmed(form, nl.CONFIRM_REMOVE)
        workflow.remove_group(broker, draft_id, str(form.get("group_id", "")))

    def add_group(broker: Broker, draft_id: str, form: dict[str, Any]) -> None:
        with site.lock:
            groups = _all_groups(db)
        workflow.add_group(broker, draft_id, _picked_group(form, groups))

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
                action("reject", reject),
                action("take-over", lambda b, i, f: workflow.take_over(b, i)),
                action("edit", edit),
                action("rematch", lambda b, i, f: workflow.rematch(b, i)),
                action("suggest", suggest),
                action(
                    "match",
                    lambda b, i, f: workflow.confirm_match(b, i, str(f.get("suggestion_id", ""))),
                ),
                action("complete", lambda b, i, f: workflow.complete(b, i, *outcome_fields(f))),
                action("groups/add", add_group),
                action("groups/remove", remove_group),
                action(
                    "samen-oppakken",
                    lambda b, i, f: workflow.link_overlap(b, i, str(f.get("other_id", ""))),
                    done=nl.OVERLAP_DONE,
                ),
                action(
                    "confidential",
                    lambda b, i, f: workflow.set_confidential(b, i, f.get("confidential") == "1"),
                    done=nl.CONFIDENTIAL_DONE,
                ),
                action(
                    "wording",
                    lambda b, i, f: workflow.use_wording(b, i, str(f.get("version", ""))),
                    done=nl.WORDING_DONE,
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


def next_step(state: str, given: Iterable[str], side: str, own_region: bool, reactions: Iterable[str]) -> str:
    """What the draft waits for, as seen by a broker of `side`: a key of `NEXT_STEP`. `given` are
    the sides that approved in this round, `reactions` the states of the groups' suggestions."""
    if state in review.CLOSED:
        return "closed"
    if not own_region:
        return "take_over"
    if state in review.OPEN_FOR_REVIEW:
        return "wait_side" if side in set(given) else "review"
    if state == "suggested":
        return "confirm" if "interested" in set(reactions) else "wait_groups"
    return {"changes_requested": "wait_submitter", "approved": "suggest", "matched": "complete"}.get(state, "closed")


def _step_text(
    d: SubmittedDraft | QueueEntry, broker: Broker, given: dict[str, int], rows: list[dict[str, Any]]
) -> str:
    step = next_step(d.state, given, broker.side, d.region == broker.region, [r["s"].state for r in rows])
    others = [s for s in review.SIDES if s not in given] or [s for s in review.SIDES if s != broker.side]
    return nl.NEXT_STEP[step].format(
        region=nl.REGION_OPTION_LABELS.get(d.region, d.region),
        side=nl.SIDE_LABELS.get(broker.side, broker.side),
        other=" en ".join(nl.SIDE_LABELS.get(s, s) for s in others),
        state=nl.STATE_LABELS.get(d.state, d.state),
    )


def _wording(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The two wordings of a draft worded by the language model, side by side; None otherwise."""
    wording = draft.get("wording")
    if not isinstance(wording, dict) or "rules" not in wording or "suggested" not in wording:
        return None
    at = local_time(str(wording.get("at", "")))
    in_use = wording.get("in_use", "model")
    intro = nl.WORDING_INTRO if in_use == "model" else nl.WORDING_INTRO_RULES
    return {
        "intro": intro.format(model=wording.get("model", ""), at=at),
        "in_use": in_use,
        "versions": [
            {"key": "model", "label": nl.WORDING_MODEL, **wording["suggested"]},
            {"key": "rules", "label": nl.WORDING_RULES, **wording["rules"]},
        ],
    }


def _confirmed(form: dict[str, Any], refusal: str) -> None:
    """A destructive action goes on only with its box ticked (checked here, not only in the browser)."""
    if form.get("confirm") != "1":
        raise ReviewError(refusal)


def _picked_group(form: dict[str, Any], groups: list[tuple[str, str]]) -> str:
    """The group typed or picked in the searchable list: by its label as listed or by its id;
    anything else is no group (the workflow says so)."""
    value = str(form.get("group") or form.get("group_id") or "").strip()
    by_label = {label: group_id for group_id, label in groups}
    return by_label.get(value, value if value in {group_id for group_id, _ in groups} else "")


def _quality(draft: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The quality checks with their Dutch names and advice; never a check's code name."""
    rows = []
    for check in draft.get("quality", []):
        key = check.get("check", "")
        advice = check.get("advice", "") if language == "nl" else nl.QUALITY_ADVICE.get(key, check.get("advice", ""))
        label = nl.QUALITY_LABELS.get(key) or (check.get("label") if language == "nl" else "") or nl.QUALITY_CHECK
        rows.append({"ok": bool(check.get("ok")), "label": label, "advice": advice or ""})
    return rows


def local_time(at: str) -> str:
    """A stored UTC time as the brokers read it: '4 dec 2026 22:15', Amsterdam time."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(AMSTERDAM)
    return f"{moment.day} {nl.MONTHS[moment.month - 1]} {moment.year} {moment:%H:%M}"


def _history(db: Database, events: list[Event]) -> list[dict[str, Any]]:
    """The audit log in words: local time, names, Dutch states, and an edit as 'Hoofdvraag
    gewijzigd' with what it was and became (never the stored JSON)."""
    names = {b.actor: b.name for b in review.brokers(db)}
    names["aanvrager"] = nl.HISTORY_SUBMITTER
    groups = catalog.groups(db)
    names.update({f"groep:{g.id}": g.name for g in groups.values()})
    rows = []
    for e in events:
        text, change = _described(e, groups)
        rows.append(
            {
                "at": local_time(e.at),
                "actor": names.get(e.actor, e.actor.removeprefix("makelaar:")),
                "from": nl.STATE_LABELS.get(e.from_state or "", e.from_state or "–"),
                "to": nl.STATE_LABELS.get(e.to_state, e.to_state),
                "text": text,
                "change": change,
            }
        )
    return rows


def _described(e: Event, groups: dict[str, Any]) -> tuple[str, dict[str, str] | None]:
    """An event's comment in words, and the before and after of an edit."""
    try:
        stored = json.loads(e.comment) if e.comment.startswith("{") else None
    except ValueError:
        stored = None
    if isinstance(stored, dict) and "field" in stored:
        field = str(stored["field"])
        labels = {**nl.DOCUMENT_LABELS, **nl.FORM_FIELDS}
        text = (
            nl.GROUPS_CHANGED.format(reason=stored.get("reason", ""))
            if field == "suggested_groups"
            else nl.FIELD_CHANGED.format(field=labels.get(field, field))
        )
        return text, {
            "before": _shown(field, stored.get("before"), groups),
            "after": _shown(field, stored.get("after"), groups),
        }
    if isinstance(stored, dict) and "wording" in stored:
        version = nl.WORDING_MODEL if stored["wording"] == "model" else nl.WORDING_RULES
        return nl.WORDING_SWITCHED.format(version=version.lower()), None
    if e.to_state == "rejected" and e.from_state != "rejected":
        reason, _, rest = e.comment.partition(": ")
        if reason in nl.REJECT_LABELS:
            return (f"{nl.REJECT_LABELS[reason]}: {rest}" if rest else nl.REJECT_LABELS[reason]), None
    return e.comment, None


def _shown(field: str, value: Any, groups: dict[str, Any]) -> str:
    """A stored value of an edited field as a broker reads it."""
    if field == "suggested_groups" and isinstance(value, list):
        value = [groups[g].name if g in groups else g for g in value]
    if field == "themes" and isinstance(value, list):
        value = [THEME_LABELS.get(t, t) for t in value]
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) or nl.HISTORY_EMPTY
    return str(value) if value not in (None, "") else nl.HISTORY_EMPTY


def _all_groups(db: Database) -> list[tuple[str, str]]:
    institutions = catalog.institutions(db)
    return sorted(
        (g.id, f"{g.name} ({institutions[g.institution_id].short_name or g.institution_id})")
        for g in catalog.groups(db).values()
        if g.institution_id in institutions
    )


def _suggestion_rows(db: Database, draft_id: str, groups: dict[str, Group] | None = None) -> list[dict[str, Any]]:
    groups = catalog.groups(db) if groups is None else groups
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
