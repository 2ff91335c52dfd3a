"""The overview as downloads: one CSV (semicolons, decimal commas and a BOM, as Dutch Excel
opens it) and an Excel workbook with a sheet per figure and one with every question.

Text typed by users (titles, organisations) never becomes a formula: in the workbook it is
stored as text, in the CSV a leading =, +, - or @ gets a quote before it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.overview.figures import Count, Overview, Stall, local_day, seconds, waiting_days
from bot.overview.report import number
from bot.texts import nl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QUESTION_COLUMNS = (
    "id",
    "submitted",
    "organisation",
    "title",
    "region",
    "state",
    "form",
    "level",
    "themes",
    "days_in_state",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None


def filter_rows(overview: Overview) -> list[tuple[str, str, str]]:
    """(key, label, value) of the filters and the moment the figures are of."""
    since = overview.filters.since
    return [
        ("region", nl.OVERVIEW_FILTER_NAMES["region"], overview.filters.region or nl.OVERVIEW_NO_FILTER),
        ("since", nl.OVERVIEW_FILTER_NAMES["since"], since.isoformat() if since else nl.OVERVIEW_NO_FILTER),
        ("generated_at", nl.OVERVIEW_FILTER_NAMES["generated_at"], overview.generated_at),
    ]


def as_csv(overview: Overview) -> bytes:
    """Every figure as rows of (section, code, description, value)."""
    columns = nl.OVERVIEW_COLUMNS
    section = nl.OVERVIEW_SECTIONS
    rows: list[Sequence[Cell]] = [(columns["section"], columns["key"], columns["label"], columns["value"])]
    rows += [(nl.OVERVIEW_SHEET_FILTERS, key, label, value) for key, label, value in filter_rows(overview)]
    rows += [(section["funnel"][0], s.state, s.label, s.count) for s in overview.funnel]
    rows += [(section["durations"][0], d.state, d.label, number(d.median_days)) for d in overview.durations]
    for stall in overview.stalls:
        rows.append((section["stalls"][0], stall.state, stall.label, stall.waiting))
        rows += [
            (section["stalls"][0], w.id, f"{stall.label}: {w.organisation}: {w.title}", number(w.days))
            for w in stall.longest
        ]
    rows += [(section["per_month"][0], m.month, m.label, m.count) for m in overview.per_month]
    for key in ("by_state", "by_theme", "by_region", "by_organisation", "by_form", "by_level"):
        counts: tuple[Count, ...] = getattr(overview, key)
        rows += [(section[key][0], c.key, c.label, c.count) for c in counts]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(overview: Overview) -> bytes:
    columns = nl.OVERVIEW_COLUMNS
    section = nl.OVERVIEW_SECTIONS
    book = Workbook(write_only=True)
    book.properties.creator = "Vraagwijzer"
    book.properties.created = book.properties.modified = datetime.fromisoformat(overview.generated_at).replace(
        tzinfo=None
    )
    _fill(
        book,
        nl.OVERVIEW_SHEET_FILTERS,
        (columns["label"], columns["value"]),
        [(label, value) for _, label, value in filter_rows(overview)],
    )
    _fill(
        book,
        section["funnel"][0],
        (columns["step"], columns["count"], columns["share"]),
        [(s.label, s.count, round(s.share, 4)) for s in overview.funnel],
        percent_column=3,
    )
    _fill(
        book,
        "Doorlooptijd",
        (columns["step"], columns["median_days"], columns["passages"]),
        [(d.label, d.median_days, d.passages) for d in overview.durations],
    )
    _fill(
        book,
        "Wachtend",
        (
            columns["state"],
            columns["waiting"],
            columns["median_waiting"],
            columns["id"],
            columns["organisation"],
            columns["title"],
            columns["region"],
            columns["since"],
            columns["days"],
        ),
        [
            (*_stall_cells(stall), w.id, w.organisation, w.title, w.region, local_day(w.since), w.days)
            for stall in overview.stalls
            for w in stall.longest
        ],
    )
    _fill(
        book,
        section["per_month"][0],
        (columns["month"], columns["count"]),
        [(m.month, m.count) for m in overview.per_month],
    )
    for key in ("by_state", "by_theme", "by_region", "by_organisation", "by_form", "by_level"):
        counts: tuple[Count, ...] = getattr(overview, key)
        _fill(
            book,
            section[key][0],
            (columns["label"], columns["key"], columns["count"]),
            [(c.label, c.key, c.count) for c in counts],
        )
    now = seconds(overview.generated_at)
    _fill(
        book,
        nl.OVERVIEW_SHEET_QUESTIONS,
        tuple(columns[k] for k in QUESTION_COLUMNS),
        [
            (
                r.id,
                local_day(r.created_at),
                r.organisation,
                r.title,
                r.region,
                nl.STATE_LABELS.get(r.state, r.state),
                r.form or "",
                r.level or "",
                ", ".join(r.themes),
                waiting_days(r, now),
            )
            for r in overview.rows
        ],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(
    book: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]], percent_column: int = 0
) -> None:
    """A sheet: a header in bold, frozen, then the rows; every text stored as text, never as a
    formula. Written row by row (openpyxl's write-only mode: 10,000 questions in a fraction of
    the time and memory)."""
    sheet = book.create_sheet(title)
    rows = list(rows)
    widths = [len(h) for h in header]
    for row in rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(len(str(value)) if value is not None else 0, 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, name, bold=True) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value, percent=index == percent_column) for index, value in enumerate(row, 1)])


def _cell(sheet: Any, value: Cell, *, bold: bool = False, percent: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…" typed by a user stays text
    if bold:
        cell.font = Font(bold=True)
    if percent:
        cell.number_format = "0%"
    return cell


def _stall_cells(stall: Stall) -> tuple[Cell, ...]:
    return stall.label, stall.waiting, stall.median_days


def _inert(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
