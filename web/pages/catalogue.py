"""The public catalogue for institutions (no login): /opdrachten with search and filters, a page
per question with "Wij hebben interesse", Atom feeds per theme, and e-mail subscriptions per
theme (double opt-in, one-click unsubscribe).

Nothing personal is shown: only the drafted question's fields (`bot.catalogue.public`). The
forms here are anonymous: they carry no session token, since forging one from another site
gains nothing a visitor could not do directly (a subscription still needs its confirmation
link, and interest goes to the brokers, who contact the address given).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from bot.catalogue import Catalogue, PublicQuestion
from bot.catalogue.digest import theme_names
from bot.catalogue.feed import atom_feed
from bot.catalogue.groups import GroupName, match_group
from bot.catalogue.index import Filters
from bot.catalogue.public import public_question
from bot.catalogue.subscriptions import CONFIRM, UNSUBSCRIBE, checked_email, subscriptions_for_workflow
from knowledge import catalog
from knowledge import catalogue as public_catalogue
from knowledge.errors import NotFoundError
from knowledge.review import ReviewError
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, THEME_LABELS, THEMES
from web.pages.site import Site, in_thread, nl, not_found, page, render

PAGE_SIZE = 20
MAX_GROUP = 150
MAX_MESSAGE = 1000
NEW_GROUP = "nieuw"


def routes(site: Site, catalogue: Catalogue | None = None) -> list[BaseRoute]:
    """The catalogue's pages; without a `catalogue` (pages tested alone) one without the language
    model, built at the first search and kept current by the workflow."""
    if catalogue is None:
        catalogue = Catalogue(site.db, site.workflow.lock)
        site.workflow.listeners.append(catalogue.refresh)
    shelf: Catalogue = catalogue
    subscriptions = subscriptions_for_workflow(site.workflow, shelf)

    def listing(
        request: Request, errors: dict[str, str] | None = None, typed: dict[str, Any] | None = None
    ) -> Response:
        params = request.query_params
        query = params.get("q", "").strip()[:200]
        filters = Filters(
            theme=_one_of(params.get("thema"), THEMES),
            level=_one_of(params.get("niveau"), LEVELS),
            form=_one_of(params.get("vorm"), FORMS),
            region=_one_of(params.get("regio"), REGIONS),
        )
        found = shelf.search(query, filters)
        try:
            shown = max(PAGE_SIZE, min(int(params.get("aantal", PAGE_SIZE)), 1000))
        except ValueError:
            shown = PAGE_SIZE
        more = {**dict(params), "aantal": str(shown + PAGE_SIZE)} if len(found) > shown else None
        count = len(found)
        return render(
            request,
            "catalogue.html",
            400 if errors else 200,
            t=nl,
            query=query,
            filters=filters,
            questions=[_shown(q) for q in found[:shown]],
            count_text=nl.CATALOGUE_COUNT.get(count, nl.CATALOGUE_COUNT["n"]).format(n=count),
            more=more,
            dense=shelf.index.dense,
            theme_labels=THEME_LABELS,
            level_labels={level: nl.CATALOGUE_LEVEL_LABELS[level] for level in ("hbo", "wo")},
            form_labels={form: nl.FORM_LABELS.get(form, form) for form in FORMS},
            errors=errors or {},
            typed=typed or {"email": "", "themes": [filters.theme] if filters.theme else []},
        )

    def item(request: Request, status: int = 200, **form_state: Any) -> Response:
        draft_id = request.path_params["draft_id"]
        with site.lock:
            rows = public_catalogue.public_rows(site.db, draft_id)
        if not rows:
            return not_found(request, nl.CATALOGUE_NOT_FOUND)
        q = public_question(rows[0])
        state = {"errors": {}, "typed": {"group": "", "email": "", "message": ""}, "candidates": [], "thanks": ""}
        return render(
            request,
            "catalogue_item.html",
            status,
            t=nl,
            q=_shown(q),
            open_for_interest=q.state in public_catalogue.OPEN_FOR_INTEREST,
            **{**state, **form_state},
        )

    def interest(request: Request) -> Response:
        draft_id = request.path_params["draft_id"]
        form = request.state.form
        if form is None:
            return page(request, *nl.FORM_TOO_LARGE, 413)
        with site.lock:
            shown = public_catalogue.public_rows(site.db, draft_id)
        if not shown:
            return not_found(request, nl.CATALOGUE_NOT_FOUND)
        if shown[0].state not in public_catalogue.OPEN_FOR_INTEREST:
            return item(request, 409)
        typed = {key: form.get(key) if isinstance(form.get(key), str) else "" for key in ("group", "email", "message")}
        typed = {key: str(value).strip() for key, value in typed.items()}
        errors = {}
        if not typed["group"]:
            errors["group"] = nl.INTEREST_ERRORS["group_missing"]
        elif len(typed["group"]) > MAX_GROUP:
            errors["group"] = nl.INTEREST_ERRORS["group_long"]
        email = checked_email(typed["email"])
        if not typed["email"]:
            errors["email"] = nl.INTEREST_ERRORS["email_missing"]
        elif email is None:
            errors["email"] = nl.INTEREST_ERRORS["email_bad"]
        if len(typed["message"]) > MAX_MESSAGE:
            errors["message"] = nl.INTEREST_ERRORS["message_long"]
        if errors:
            return item(request, 400, errors=errors, typed=typed)
        with site.lock:
            names = _group_names(site)
        by_id = {g.id: g for g in names}
        picked = str(form.get("pick", ""))
        if picked == NEW_GROUP:
            group_id: str | None = None
        elif picked in by_id:
            group_id = picked
        elif "pick" in form or "picking" in form:
            candidates = match_group(typed["group"], names).candidates
            return item(
                request, 400, typed=typed, candidates=candidates, errors={"pick": nl.INTEREST_ERRORS["pick_missing"]}
            )
        else:
            match = match_group(typed["group"], names)
            if match.group is not None:
                group_id = match.group.id
            elif match.candidates:
                return item(request, 200, typed=typed, candidates=match.candidates)
            else:
                group_id = None
        group_name = by_id[group_id].label if group_id else typed["group"]
        try:
            site.workflow.catalogue_interest(draft_id, group_id, group_name, email or "", typed["message"])
        except NotFoundError:
            return not_found(request, nl.CATALOGUE_NOT_FOUND)
        except ReviewError as problem:
            return item(request, 409, typed=typed, errors={"form": str(problem)})
        with site.lock:
            region = public_catalogue.public_rows(site.db, draft_id)
        label = nl.REGION_OPTION_LABELS.get(region[0].region, region[0].region) if region else ""
        thanks = (nl.INTEREST_THANKS if group_id else nl.INTEREST_THANKS_NEW).format(
            region=label, group=group_name, email=email
        )
        return item(request, 200, thanks=thanks)

    def feed(request: Request) -> Response:
        theme = request.path_params["theme"]
        if theme not in THEMES:
            return not_found(request, nl.CATALOGUE_FEED_UNKNOWN_THEME.format(themes=", ".join(THEMES)))
        base = site.workflow.base_url or str(request.base_url).rstrip("/")
        questions = shelf.newest(theme)[:50]
        links = [f"{base}/opdrachten/{q.id}" for q in questions]
        body = atom_feed(
            feed_id=f"{base}/opdrachten/thema/{theme}.atom",
            title=nl.CATALOGUE_FEED_TITLE.format(theme=THEME_LABELS[theme]),
            subtitle=nl.CATALOGUE_FEED_SUBTITLE,
            self_link=f"{base}/opdrachten/thema/{theme}.atom",
            page_link=f"{base}/opdrachten?thema={theme}",
            author="Vraagwijzer",
            questions=questions,
            links=links,
            summaries=[
                nl.CATALOGUE_FEED_SUMMARY.format(organisation=q.organisation, question=q.main_question)
                for q in questions
            ],
            categories=[[(t, THEME_LABELS.get(t, t)) for t in q.themes] for q in questions],
            empty_updated="2026-01-01T00:00:00+00:00",
        )
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    def subscribe(request: Request) -> Response:
        form = request.state.form
        if form is None:
            return page(request, *nl.FORM_TOO_LARGE, 413)
        raw = form.get("email") if isinstance(form.get("email"), str) else ""
        themes = [t for t in THEMES if form.get(f"thema_{t}") == "1"]
        email = checked_email(str(raw))
        errors = {}
        if not str(raw).strip():
            errors["email"] = nl.SUBSCRIBE_ERRORS["email_missing"]
        elif email is None:
            errors["email"] = nl.SUBSCRIBE_ERRORS["email_bad"]
        if not themes:
            errors["themes"] = nl.SUBSCRIBE_ERRORS["themes_missing"]
        if errors or email is None:
            return listing(request, errors, {"email": str(raw).strip()[:254], "themes": themes})
        subscriptions.subscribe(email, tuple(themes))
        return render(
            request,
            "subscription.html",
            heading=nl.SUBSCRIBE_SENT_HEADING,
            text=nl.SUBSCRIBE_SENT.format(email=email),
            button="",
        )

    def confirm(request: Request) -> Response:
        subscription_id, signature = request.path_params["id"], request.path_params["signature"]
        if request.method == "POST":
            done = subscriptions.confirm(subscription_id, signature)
            if done is None:
                return _invalid(request)
            return render(
                request,
                "subscription.html",
                heading=nl.CONFIRMED_HEADING,
                text=nl.CONFIRMED.format(themes=theme_names(done.themes)),
                button="",
            )
        found = subscriptions.found(CONFIRM, subscription_id, signature)
        if found is None:
            return _invalid(request)
        return render(
            request,
            "subscription.html",
            heading=nl.CONFIRM_HEADING,
            text=nl.CONFIRM_INTRO.format(email=found.email, themes=theme_names(found.themes)),
            button=nl.CONFIRM_BUTTON,
        )

    def unsubscribe(request: Request) -> Response:
        """GET asks (a mail scanner following the link unsubscribes nobody); POST unsubscribes,
        also as the RFC 8058 one-click POST a mail program sends for List-Unsubscribe."""
        subscription_id, signature = request.path_params["id"], request.path_params["signature"]
        if request.method == "POST":
            if not subscriptions.unsubscribe(subscription_id, signature):
                return _invalid(request)
            return render(
                request, "subscription.html", heading=nl.UNSUBSCRIBED_HEADING, text=nl.UNSUBSCRIBED, button=""
            )
        found = subscriptions.found(UNSUBSCRIBE, subscription_id, signature)
        if found is None:
            return _invalid(request)
        return render(
            request,
            "subscription.html",
            heading=nl.UNSUBSCRIBE_HEADING,
            text=nl.UNSUBSCRIBE_INTRO.format(email=found.email),
            button=nl.UNSUBSCRIBE_BUTTON,
        )

    return [
        Route("/opdrachten", in_thread(listing)),
        Mount(
            "/opdrachten",
            routes=[
                Route("/thema/{theme}.atom", in_thread(feed)),
                Route("/abonnement", in_thread(subscribe), methods=["POST"]),
                Route("/abonnement/bevestigen/{id}/{signature}", in_thread(confirm), methods=["GET", "POST"]),
                Route("/abonnement/afmelden/{id}/{signature}", in_thread(unsubscribe), methods=["GET", "POST"]),
                Route("/{draft_id}", in_thread(item)),
                Route("/{draft_id}/interesse", in_thread(interest), methods=["POST"]),
            ],
        ),
    ]


def _invalid(request: Request) -> Response:
    return render(request, "subscription.html", 404, heading=nl.LINK_INVALID_HEADING, text=nl.LINK_INVALID, button="")


def _one_of(value: str | None, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else ""


def _group_names(site: Site) -> list[GroupName]:
    institutions = catalog.institutions(site.db)
    return [
        GroupName(
            g.id,
            g.name,
            institutions[g.institution_id].name if g.institution_id in institutions else "",
            institutions[g.institution_id].short_name if g.institution_id in institutions else "",
        )
        for g in catalog.groups(site.db).values()
    ]


def _shown(q: PublicQuestion) -> dict[str, Any]:
    """A question with its labels as the page shows them."""
    return {
        "q": q,
        "state": nl.CATALOGUE_STATE.get(q.state, ""),
        "themes": [THEME_LABELS.get(t, t) for t in q.themes],
        "form": nl.FORM_LABELS.get(q.form, q.form) if q.form else nl.CATALOGUE_NO_PREFERENCE,
        "level": nl.CATALOGUE_LEVEL_LABELS.get(q.level, q.level) if q.level else nl.CATALOGUE_NO_PREFERENCE,
        "region": nl.REGION_OPTION_LABELS.get(q.region, q.region),
        "published": local_day(q.published_at),
    }


def local_day(at: str) -> str:
    """A stored time as a day in Amsterdam: "4 dec 2026"."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return ""
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(ZoneInfo("Europe/Amsterdam"))
    return f"{moment.day} {nl.MONTHS[moment.month - 1]} {moment.year}"
