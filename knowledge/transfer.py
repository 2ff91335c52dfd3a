"""Import and export of knowledge as CSV or JSON.

An import file is validated as a whole first: every problem is reported with file, row and
field, and a file with any problem imports nothing. Rows are upserted by id, so importing
the same file twice updates instead of duplicating. A file is read by `import_files`, each row
checked by its model in `import_rows`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from knowledge import catalog
from knowledge.errors import ImportFileError
from knowledge.import_files import read_rows
from knowledge.import_rows import LIST_SEPARATOR, REFERENCES, ROW_MODELS, reason_in_dutch

MAX_PROBLEMS_SHOWN = 50


def _row_label(kind_is_csv: bool, index: int) -> str:
    # CSV rows are counted as a spreadsheet shows them: the header is row 1.
    return f"rij {index + 2}" if kind_is_csv else f"rij {index + 1}"


def validate_rows(
    db: Database, kind: str, rows: list[dict[str, Any]], source: str, *, csv_rows: bool = False
) -> list[catalog.Record]:
    """Turn raw rows into records, or raise ImportFileError listing every problem."""
    if kind not in ROW_MODELS:
        raise ImportFileError(f"onbekende soort {kind!r}; kies uit {', '.join(ROW_MODELS)}")
    model = ROW_MODELS[kind]
    problems: list[str] = []
    records: list[catalog.Record] = []
    seen: dict[str, str] = {}
    for index, row in enumerate(rows):
        where = f"{source}, {_row_label(csv_rows, index)}"
        try:
            parsed = model.model_validate(row)
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(p) for p in detail["loc"]) or "rij"
                problems.append(f"{where}, veld {field}: {reason_in_dutch(detail)}")
            continue
        if parsed.id in seen:
            problems.append(f"{where}, veld id: {parsed.id!r} staat ook al in {seen[parsed.id]}")
            continue
        seen[parsed.id] = _row_label(csv_rows, index)
        records.append(parsed.record())  # type: ignore[attr-defined]
    problems.extend(_reference_problems(db, kind, records, source, csv_rows))
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"... en nog {len(problems) - MAX_PROBLEMS_SHOWN} problemen")
        raise ImportFileError(f"{source}: {len(problems)} probleem/problemen gevonden; er is niets geïmporteerd", shown)
    return records


def _reference_problems(
    db: Database, kind: str, records: list[catalog.Record], source: str, csv_rows: bool
) -> list[str]:
    problems = []
    own_ids = {r.id for r in records}
    for field, target in REFERENCES.get(kind, ()):
        table = catalog.KINDS[target][0]
        for index, record in enumerate(records):
            value = getattr(record, field)
            if not value or (target == kind and value in own_ids):
                continue
            if not list(db[table].rows_where("id = ?", [value], select="id")):
                problems.append(
                    f"{source}, {_row_label(csv_rows, index)}, veld {field}: "
                    f"{value!r} bestaat niet (importeer eerst {target})"
                )
    return problems


def import_file(db: Database, kind: str, path: Path) -> int:
    """Import one file of one kind, all or nothing; returns the number of rows written."""
    rows = read_rows(path)
    if not rows:
        hint = " onder de kopregel" if path.suffix.lower() == ".csv" else ""
        raise ImportFileError(f"{path}: het bestand bevat geen rijen{hint}; er is niets geïmporteerd")
    records = validate_rows(db, kind, rows, str(path), csv_rows=path.suffix.lower() == ".csv")
    with db.atomic():
        return catalog.save_records(db, kind, records)


def import_records(db: Database, kind: str, rows: Iterable[dict[str, Any]], source: str) -> int:
    """Import already parsed rows (the example data set), with the same validation."""
    records = validate_rows(db, kind, list(rows), source)
    with db.atomic():
        return catalog.save_records(db, kind, records)


def csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (=, +, -, @) so an export cannot run commands."""
    if isinstance(value, tuple | list):
        value = f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_records(db: Database, kind: str, fmt: str) -> str:
    """All records of one kind as CSV or JSON text, importable again."""
    records = [asdict(r) for r in catalog.iter_records(db, kind)]
    if fmt == "json":
        for record in records:
            for key, value in record.items():
                if isinstance(value, tuple):
                    record[key] = list(value)
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ImportFileError(f"onbekend formaat {fmt!r}; kies csv of json")
    out = io.StringIO()
    _, cls = catalog.KINDS[kind]
    header = [f.name for f in fields(cls)]
    # CRLF rows (RFC 4180): the csv module then also quotes a bare CR inside a cell, so every
    # spreadsheet (and our own import) reads the row back whole.
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: csv_cell(v) for k, v in record.items()})
    return out.getvalue()
