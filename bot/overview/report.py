"""The overview as `vraagwijzer report` prints it: readable Dutch text, or JSON with English keys
(the SPEC's inventory contract, plus the months, forms, levels and stalls)."""

from __future__ import annotations

from typing import Any

from bot.overview.figures import Count, Overview, local_day
from bot.texts import nl


def as_json(overview: Overview) -> dict[str, Any]:
    return {
        "filters": {
            "region": overview.filters.region,
            "since": overview.filters.since.isoformat() if overview.filters.since else None,
        },
        "generated_at": overview.generated_at,
        "total": overview.total,
        "by_state": _counts(overview.by_state),
        "by_theme": _counts(overview.by_theme),
        "by_region": _counts(overview.by_region),
        "by_organisation": _counts(overview.by_organisation),
        "by_form": _counts(overview.by_form),
        "by_level": _counts(overview.by_level),
        "funnel": [{"state": step.state, "count": step.count} for step in overview.funnel],
        "median_days": {d.state: d.median_days for d in overview.durations},
        "per_month": [{"month": m.month, "count": m.count} for m in overview.per_month],
        "stalls": [
            {
                "state": stall.state,
                "waiting": stall.waiting,
                "median_days": stall.median_days,
                "longest": [
                    {
                        "id": w.id,
                        "organisation": w.organisation,
                        "title": w.title,
                        "region": w.region,
                        "since": w.since,
                        "days": w.days,
                    }
                    for w in stall.longest
                ],
            }
            for stall in overview.stalls
        ],
    }


def scope(overview: Overview) -> str:
    """Which questions: 'regio West, ingediend vanaf 1 jan 2026' or "alle regio's"."""
    region = overview.filters.region
    parts = [nl.OVERVIEW_REGION.format(label=nl.REGION_OPTION_LABELS[region]) if region else nl.OVERVIEW_ALL_REGIONS]
    if overview.filters.since:
        parts.append(nl.OVERVIEW_SINCE.format(day=day_label(overview.filters.since.isoformat())))
    return ", ".join(parts)


def day_label(day: str) -> str:
    """2026-03-02 as '2 mrt 2026'."""
    year, month, number = day.split("-")
    return f"{int(number)} {nl.MONTHS[int(month) - 1]} {year}"


def number(value: float | None, decimals: int = 1) -> str:
    """A figure as Dutch readers write it: 4,5; a missing median is a dash."""
    if value is None:
        return nl.REPORT_NO_MEDIAN
    return f"{value:.{decimals}f}".replace(".", ",")


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def as_text(overview: Overview) -> str:
    """The overview as a person reads it in a terminal."""
    heading = nl.OVERVIEW_HEADING.format(scope=scope(overview))
    total = nl.OVERVIEW_TOTAL_ONE if overview.total == 1 else nl.OVERVIEW_TOTAL.format(total=overview.total)
    lines = [
        heading,
        f"{total} · {nl.OVERVIEW_AS_OF.format(day=day_label(local_day(overview.generated_at)))}",
    ]
    if not overview.total:
        return "\n".join([*lines, "", nl.OVERVIEW_EMPTY])
    section = nl.OVERVIEW_SECTIONS
    lines += _block(
        section["funnel"][0],
        [(s.label, str(s.count), percent(s.share)) for s in overview.funnel],
    )
    lines += _block(
        section["durations"][0] + " (mediaan, dagen)",
        [
            (
                d.label,
                number(d.median_days),
                nl.REPORT_PASSAGES_ONE if d.passages == 1 else nl.REPORT_PASSAGES.format(count=d.passages),
            )
            for d in overview.durations
        ],
    )
    lines += ["", section["stalls"][0]]
    for stall in overview.stalls:
        if not stall.waiting:
            lines.append("  " + nl.OVERVIEW_STALL_NONE.format(label=stall.label))
            continue
        median = number(stall.median_days)
        lines.append("  " + nl.OVERVIEW_STALL_HEADING.format(label=stall.label, count=stall.waiting, median=median))
        lines += [
            "    " + nl.REPORT_WAITING.format(id=w.id, days=number(w.days), organisation=w.organisation, title=w.title)
            for w in stall.longest
        ]
    lines += _block(section["per_month"][0], [(m.label, str(m.count)) for m in overview.per_month])
    for key in ("by_state", "by_theme", "by_region", "by_organisation", "by_form", "by_level"):
        counts: tuple[Count, ...] = getattr(overview, key)
        lines += _block(section[key][0], [(c.label, str(c.count)) for c in counts])
    return "\n".join(lines)


def _counts(counts: tuple[Count, ...]) -> dict[str, int]:
    return {c.key: c.count for c in counts}


def _block(heading: str, rows: list[tuple[str, ...]]) -> list[str]:
    """A heading and its rows as aligned columns: the label left, the figures right."""
    if not rows:
        return ["", heading, "  " + nl.REPORT_NO_MEDIAN]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["", heading]
    for row in rows:
        cells = [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines
