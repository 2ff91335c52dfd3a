"""Import and export of knowledge as CSV or JSON.

An import file is validated as a whole first: every problem is reported with file, row and
field, and a file with any problem imports nothing. Rows are upserted by id, so importing
the same file twice updates instead of duplicating.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator
from sqlite_utils import Database

from knowledge import catalog
from knowledge.errors import ImportFileError
from knowledge.records import Assignment, Group, Institution, Organisation
from knowledge.vocabulary import ARTICLES, FORMS, INSTITUTION_TYPES, LEVELS, REGIONS, THEMES, region_of_province

LIST_SEPARATOR = ";"
MAX_PROBLEMS_SHOWN = 50
# Longest text per cell: descriptions and problems may be long, names and codes are short.
MAX_LONG_TEXT = 5000
MAX_SHORT_TEXT = 300
LONG_TEXT_FIELDS = frozenset({"description", "problem", "research_question", "outcome"})
# Invisible control characters (tab and line breaks excepted): they break documents and exports.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _split_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    raise ValueError("verwacht een lijst of tekst met ; als scheiding")


def _clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _slug_list(values: list[str], allowed: tuple[str, ...], what: str) -> list[str]:
    cleaned = [v.strip().lower() for v in values]
    unknown = [v for v in cleaned if v not in allowed]
    if unknown:
        raise ValueError(f"onbekend {what} {', '.join(unknown)}; kies uit {', '.join(allowed)}")
    return cleaned


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    list_fields: ClassVar[tuple[str, ...]] = ()

    id: str
    example: bool = False

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("een rij moet een object met velden zijn")
        data = {str(k).strip().lower(): _clean_text(v) for k, v in data.items() if k is not None}
        for key in cls.list_fields:
            if key in data:
                data[key] = _split_list(data[key])
        return {k: v for k, v in data.items() if v not in ("", None) or k in cls.list_fields}

    @field_validator("id")
    @classmethod
    def _id_is_plain(cls, value: str) -> str:
        if not value or len(value) > 120 or any(c.isspace() or not c.isprintable() for c in value):
            raise ValueError("moet een korte code zonder spaties of onzichtbare tekens zijn")
        return value

    @field_validator("*")
    @classmethod
    def _plain_text(cls, value: Any, info: ValidationInfo) -> Any:
        limit = MAX_LONG_TEXT if info.field_name in LONG_TEXT_FIELDS else MAX_SHORT_TEXT
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            if len(text) > limit:
                raise ValueError(f"is te lang ({len(text)} tekens, hooguit {limit})")
            if CONTROL_CHARACTERS.search(text):
                raise ValueError("bevat onzichtbare stuurtekens (zoals een nul-teken)")
        return value


class InstitutionRow(_Row):
    name: str
    short_name: str = ""
    type: str
    city: str = ""
    province: str = ""
    region: str = ""
    website: str = ""

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return _slug_list([value], INSTITUTION_TYPES, "type")[0]

    @model_validator(mode="after")
    def _region(self) -> InstitutionRow:
        if not self.region:
            self.region = region_of_province(self.province) or ""
        self.region = self.region.lower()
        if self.region not in REGIONS:
            raise ValueError(
                f"region: onbekende regio {self.region!r}; kies uit {', '.join(REGIONS)} of geef een provincie"
            )
        return self

    def record(self) -> Institution:
        return Institution(**self.model_dump())


class OrganisationRow(_Row):
    list_fields = ("aliases",)
    name: str
    short_name: str = ""
    city: str = ""
    kind: str = "overig"
    parent: str | None = None
    aliases: list[str] = []
    article: str = ""
    sentence_name: str = ""

    @field_validator("article")
    @classmethod
    def _article(cls, value: str) -> str:
        if value.lower() not in ARTICLES:
            raise ValueError(f"onbekend lidwoord {value!r}; kies het, de of laat het leeg")
        return value.lower()

    @field_validator("sentence_name")
    @classmethod
    def _sentence_name(cls, value: str, info: ValidationInfo) -> str:
        """The running-text name must name this organisation and begin with its article, which
        is written in lower case there ("het Kadaster", also when the file says "Het")."""
        names = [n for n in (info.data.get("short_name"), info.data.get("name")) if n]
        if names and not any(n.lower() in value.lower() for n in names):
            raise ValueError(f"moet de naam of de korte naam bevatten ({' of '.join(repr(n) for n in names)})")
        article = info.data.get("article")
        first, _, rest = value.partition(" ")
        if article and (first.lower() != article or not rest):
            raise ValueError(f"moet beginnen met het lidwoord uit veld article ({article!r})")
        return f"{article} {rest}" if article else value

    @model_validator(mode="after")
    def _article_from_sentence_name(self) -> OrganisationRow:
        # "de Belastingdienst" without an article column: the lower-case first word is the
        # article. A capital one is part of the name ("De Nederlandsche Bank").
        first, _, rest = self.sentence_name.partition(" ")
        if not self.article and rest and first in ARTICLES:
            self.article = first
        return self

    def record(self) -> Organisation:
        data = self.model_dump()
        data["aliases"] = tuple(data["aliases"])
        return Organisation(**data)


class GroupRow(_Row):
    list_fields = ("themes", "keywords", "forms")
    name: str
    kind: str = "onderzoeksgroep"
    institution_id: str
    themes: list[str]
    keywords: list[str] = []
    description: str = ""
    forms: list[str]
    capacity_per_semester: int = 1
    contact_email: str = ""

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("minstens één thema is nodig")
        return _slug_list(value, THEMES, "thema")

    @field_validator("forms")
    @classmethod
    def _forms(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("minstens één vorm is nodig")
        return _slug_list(value, FORMS, "vorm")

    @field_validator("capacity_per_semester")
    @classmethod
    def _capacity(cls, value: int) -> int:
        if value < 0 or value > 1000:
            raise ValueError("moet tussen 0 en 1000 liggen")
        return value

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and ("@" not in value or " " in value):
            raise ValueError("is geen e-mailadres")
        return value

    def record(self) -> Group:
        data = self.model_dump()
        for key in self.list_fields:
            data[key] = tuple(data[key])
        return Group(**data)


class AssignmentRow(_Row):
    list_fields = ("themes",)
    organisation_id: str
    year: int
    title: str
    problem: str = ""
    research_question: str = ""
    themes: list[str]
    form: str
    level: str = "beide"
    outcome: str = ""
    group_id: str | None = None

    @field_validator("year")
    @classmethod
    def _year(cls, value: int) -> int:
        if not 1990 <= value <= 2100:
            raise ValueError("moet een jaartal tussen 1990 en 2100 zijn")
        return value

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("minstens één thema is nodig")
        return _slug_list(value, THEMES, "thema")

    @field_validator("form")
    @classmethod
    def _form(cls, value: str) -> str:
        return _slug_list([value], FORMS, "vorm")[0]

    @field_validator("level")
    @classmethod
    def _level(cls, value: str) -> str:
        return _slug_list([value], LEVELS, "niveau")[0]

    def record(self) -> Assignment:
        data = self.model_dump()
        data["themes"] = tuple(data["themes"])
        return Assignment(**data)


ROW_MODELS: dict[str, type[_Row]] = {
    "institutions": InstitutionRow,
    "organisations": OrganisationRow,
    "groups": GroupRow,
    "assignments": AssignmentRow,
}

# Which fields must name an existing record of another kind.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "groups": (("institution_id", "institutions"),),
    "assignments": (("organisation_id", "organisations"), ("group_id", "groups")),
    "organisations": (("parent", "organisations"),),
}


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


_REASONS = {
    "missing": "ontbreekt",
    "int_parsing": "moet een geheel getal zijn",
    "int_parsing_size": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "string_type": "moet tekst zijn",
    "bool_parsing": "moet ja of nee zijn (true of false)",
    "bool_type": "moet ja of nee zijn (true of false)",
    "list_type": "moet een lijst zijn",
    "json_invalid": "geen geldige JSON",
}


def reason_in_dutch(detail: Any) -> str:
    """A pydantic error in Dutch: our own ValueErrors as written, pydantic's by type."""
    kind = detail.get("type", "")
    if kind == "value_error":
        return str(detail.get("msg", "ongeldig")).removeprefix("Value error, ")
    return _REASONS.get(kind, "ongeldige waarde")


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
