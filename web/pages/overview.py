"""The overview for brokers and the programme team: /overzicht with its charts (SVG drawn on the
server, each with its table beside it) and the same figures as /overzicht.xlsx and /overzicht.csv.

A broker sees their own region first and may choose any region or all of them; the filters
(region, submitted since) are the same for the page and both downloads. The inventory is kept in
memory and brought up to date from the audit log (`bot.overview.live`); the figures are
assembled for every request (waiting times follow the clock), and a chart is drawn again only
when its figures changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.overview import charts, export
from bot.overview.figures import Count, Filters, Overview, assemble, local_day
from bot.overview.live import LiveInventory
from bot.overview.report import day_label, number, percent, scope
from knowledge.inventory import InventoryRow
from knowledge.review import Broker
from knowledge.vocabulary import REGIONS
from web.pages.site import Site, in_thread, nl, not_logged_in, render

ALL = "alle"
TOP_ORGANISATIONS = 12


@dataclass(frozen=True)
class Chosen:
    """The filters as asked for, and the sentence that says why a date was not used."""

    filters: Filters
    region_value: str  # as the select shows it: a region or "alle"
    since_value: str  # as typed
    error: str = ""


def routes(site: Site) -> list[BaseRoute]:
    live = LiveInventory()

    def inventory_of(filters: Filters) -> list[InventoryRow]:
        with site.lock:  # the one connection is shared with the chat turns
            return live.rows(site.db, filters)

    def figures(request: Request) -> tuple[Broker, str, Chosen, Overview] | Response:
        who = site.current(request)
        if who is None:
            return not_logged_in(request)
        broker, csrf = who
        chosen = chosen_filters(request, broker)
        return broker, csrf, chosen, assemble(inventory_of(chosen.filters), site.now(), chosen.filters)

    def page(request: Request) -> Response:
        found = figures(request)
        if isinstance(found, Response):
            return found
        broker, csrf, chosen, overview = found
        query = urlencode({"region": chosen.region_value, "since": chosen.filters.since or ""})
        return render(
            request,
            "overview.html",
            400 if chosen.error else 200,
            broker=broker,
            csrf=csrf,
            error=chosen.error,
            texts=nl,
            heading=nl.OVERVIEW_HEADING.format(scope=scope(overview)),
            total=overview.total,
            as_of=day_label(local_day(overview.generated_at)),
            region_choices=region_choices(broker),
            region_value=chosen.region_value,
            since_value=chosen.since_value,
            query=query,
            sections=sections(overview),
            stalls=overview.stalls,
            number=number,
            day_label=day_label,
            local_day=local_day,
        )

    def download(kind: str) -> Route:
        def endpoint(request: Request) -> Response:
            found = figures(request)
            if isinstance(found, Response):
                return found
            _, _, chosen, overview = found
            if kind == "csv":
                body, media = export.as_csv(overview), "text/csv; charset=utf-8"
            else:
                body, media = export.as_xlsx(overview), export.XLSX
            name = f"overzicht-{chosen.region_value}-{local_day(overview.generated_at)}.{kind}"
            return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

        return Route(f"/overzicht.{kind}", in_thread(endpoint))

    return [Route("/overzicht", in_thread(page)), download("csv"), download("xlsx")]


def chosen_filters(request: Request, broker: Broker) -> Chosen:
    """The region asked for (own region when none or an unknown one is asked), "alle" for every
    region; a date that is no date is left out, with a sentence saying so."""
    params = request.query_params
    asked = params.get("region", "")
    region_value = asked if asked in (*REGIONS, ALL) else broker.region
    since_value = params.get("since", "").strip()[:40]
    since, error = None, ""
    if since_value:
        try:
            since = date.fromisoformat(since_value)
        except ValueError:
            error = nl.OVERVIEW_BAD_DATE.format(value=since_value)
    region = None if region_value == ALL else region_value
    return Chosen(Filters(region, since), region_value, since_value, error)


def region_choices(broker: Broker) -> list[tuple[str, str]]:
    """The broker's own region first, then the others, then all regions."""
    labels = nl.REGION_OPTION_LABELS
    own = (broker.region, nl.OVERVIEW_OWN_REGION.format(label=labels[broker.region]))
    return [own, *((r, labels[r]) for r in REGIONS if r != broker.region), (ALL, nl.OVERVIEW_ALL_REGIONS)]


def sections(overview: Overview) -> list[dict[str, Any]]:
    """Each figure as the page shows it: heading, explanation, chart and its table."""
    if not overview.total:
        return []
    columns = nl.OVERVIEW_COLUMNS
    found = [
        _section(
            "funnel",
            [s.label for s in overview.funnel],
            [s.count for s in overview.funnel],
            (columns["step"], columns["count"], columns["share"]),
            [(s.label, str(s.count), percent(s.share)) for s in overview.funnel],
        ),
        _section(
            "durations",
            [d.label for d in overview.durations if d.median_days is not None],
            [d.median_days or 0.0 for d in overview.durations if d.median_days is not None],
            (columns["step"], columns["median_days"], columns["passages"]),
            [(d.label, number(d.median_days), str(d.passages)) for d in overview.durations],
            decimals=1,
        ),
        _section(
            "stalls",
            [s.label for s in overview.stalls],
            [s.waiting for s in overview.stalls],
            (columns["state"], columns["waiting"], columns["median_waiting"], columns["longest"]),
            [
                (s.label, str(s.waiting), number(s.median_days), number(s.longest[0].days) if s.longest else "–")
                for s in overview.stalls
            ],
        ),
        _section(
            "per_month",
            [m.label for m in overview.per_month],
            [m.count for m in overview.per_month],
            (columns["month"], columns["count"]),
            [(m.label, str(m.count)) for m in overview.per_month],
            columns_chart=True,
        ),
    ]
    for key in ("by_state", "by_theme", "by_region", "by_organisation", "by_form", "by_level"):
        counts: tuple[Count, ...] = getattr(overview, key)
        charted = counts[:TOP_ORGANISATIONS] if key == "by_organisation" else counts
        section = _section(
            key,
            [c.label for c in charted],
            [c.count for c in charted],
            (columns["label"], columns["count"]),
            [(c.label, str(c.count)) for c in counts],
        )
        if key == "by_organisation" and len(counts) > TOP_ORGANISATIONS:
            section["note"] = nl.OVERVIEW_TOP_ORGANISATIONS.format(shown=TOP_ORGANISATIONS, total=len(counts))
        found.append(section)
    return found


def _section(
    key: str,
    labels: list[str],
    values: list[Any],
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    *,
    decimals: int = 0,
    columns_chart: bool = False,
) -> dict[str, Any]:
    heading, caption, note = nl.OVERVIEW_SECTIONS[key]
    title = nl.OVERVIEW_CHART_LABEL.format(title=heading)
    chart_id = f"chart-{key.replace('_', '-')}"
    if not labels:
        svg = ""
    elif columns_chart:
        svg = charts.column_chart(chart_id, title, tuple(labels), tuple(values))
    else:
        svg = charts.bar_chart(chart_id, title, tuple(labels), tuple(values), decimals)
    return {
        "key": key,
        "anchor": key.replace("_", "-"),
        "heading": heading,
        "caption": caption,
        "note": note,
        "svg": svg,
        "header": header,
        "rows": rows,
    }
