"""Reading an import file into raw rows: CSV (any of , ; or tab), JSON (a list, or an object
with "records") or JSON lines. A file that cannot be read says why, with the line.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from knowledge.errors import ImportFileError


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a CSV, JSON (list, or object with "records") or JSON-lines file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: kan het bestand niet lezen ({_os_reason(error)})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            f"{path}: het bestand is geen UTF-8 tekst (regel {line}, byte {error.start}); sla het op als UTF-8"
        ) from error
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFileError(f"{path}: het bestand bevat nul-tekens (regel {line}); is het wel CSV of JSON?")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, text)
    if suffix in (".json", ".jsonl", ".ndjson"):
        return _read_json(path, text, lines=suffix != ".json")
    raise ImportFileError(f"{path}: onbekend bestandstype {suffix or '(geen)'}; gebruik .csv of .json")


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "het bestaat niet"
    if isinstance(error, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(error, PermissionError):
        return "geen toestemming om het te lezen"
    return str(error.strerror or error)


def _read_csv(path: Path, text: str) -> list[dict[str, Any]]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        return [dict(row) for row in reader]
    except csv.Error as error:  # e.g. a cell above the csv module's field size limit
        reason = "een cel is veel te groot" if "field larger" in str(error) else "het CSV-bestand is beschadigd"
        raise ImportFileError(f"{path}: regel {reader.reader.line_num}: {reason}; er is niets geïmporteerd") from error


def _read_json(path: Path, text: str, *, lines: bool) -> list[dict[str, Any]]:
    try:
        if lines:
            data: Any = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{path}: geen geldige JSON (regel {error.lineno}: {error.msg})") from error
    except RecursionError as error:
        raise ImportFileError(f"{path}: de JSON is te diep genest; verwacht een lijst van rijen") from error
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise ImportFileError(f'{path}: verwacht een lijst van rijen of een object met "records"')
    return data
