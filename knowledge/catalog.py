"""Reading and writing the four kinds of knowledge as records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any, TypeVar

from knowledge.errors import NotFoundError
from knowledge.records import Assignment, Group, Institution, Organisation

if TYPE_CHECKING:  # only for the signatures: the command line starts without the SQLite layer
    from sqlite_utils import Database

Record = Institution | Organisation | Group | Assignment
R = TypeVar("R", Institution, Organisation, Group, Assignment)

KINDS: dict[str, tuple[str, type]] = {
    "institutions": ("institutions", Institution),
    "organisations": ("organisations", Organisation),
    "groups": ("research_groups", Group),
    "assignments": ("assignments", Assignment),
}

_LIST_FIELDS = {"themes", "keywords", "forms", "aliases"}


def to_row(record: Record) -> dict[str, Any]:
    """A record as a database row: tuples as JSON text, booleans as integers."""
    row: dict[str, Any] = {}
    for key, value in asdict(record).items():
        if key in _LIST_FIELDS:
            row[key] = json.dumps(list(value), ensure_ascii=False)
        elif isinstance(value, bool):
            row[key] = int(value)
        else:
            row[key] = value
    return row


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return _FIELD_NAMES[cls]


def from_row(cls: type[R], row: dict[str, Any]) -> R:
    """A database row as a record of `cls`."""
    values: dict[str, Any] = {}
    for name in _field_names(cls):
        value = row.get(name)
        if name in _LIST_FIELDS:
            value = tuple(json.loads(value)) if value else ()
        elif name == "example":
            value = bool(value)
        values[name] = value
    return cls(**values)


def iter_records(db: Database, kind: str) -> Iterator[Record]:
    """Every record of one kind, ordered by id."""
    table, cls = KINDS[kind]
    for row in db[table].rows_where(order_by="id"):
        yield from_row(cls, row)


def institutions(db: Database) -> dict[str, Institution]:
    return {r.id: r for r in iter_records(db, "institutions")}  # type: ignore[misc]


def organisations(db: Database) -> dict[str, Organisation]:
    return {r.id: r for r in iter_records(db, "organisations")}  # type: ignore[misc]


def organisation_named(organisations: Iterable[Organisation], typed: str) -> Organisation | None:
    """The organisation whose name, short name or alias is exactly what was typed (any case)."""
    wanted = typed.strip().lower()
    for org in organisations:
        if wanted in {n.lower() for n in (org.name, org.short_name, *org.aliases) if n}:
            return org
    return None


def groups(db: Database) -> dict[str, Group]:
    return {r.id: r for r in iter_records(db, "groups")}  # type: ignore[misc]


def assignments(db: Database) -> dict[str, Assignment]:
    return {r.id: r for r in iter_records(db, "assignments")}  # type: ignore[misc]


def assignments_by_id(db: Database, ids: Iterable[str]) -> dict[str, Assignment]:
    """The assignments with these ids, in one read; unknown ids are left out."""
    wanted = list(ids)
    if not wanted:
        return {}
    marks = ",".join("?" for _ in wanted)
    rows = db.query(f"SELECT * FROM assignments WHERE id IN ({marks})", wanted)
    return {row["id"]: from_row(Assignment, row) for row in rows}


def get_record(db: Database, kind: str, record_id: str) -> Record:
    table, cls = KINDS[kind]
    rows = list(db[table].rows_where("id = ?", [record_id]))
    if not rows:
        raise NotFoundError(f"{kind} {record_id!r} bestaat niet")
    return from_row(cls, rows[0])


def save_records(db: Database, kind: str, records: Iterable[Record]) -> int:
    """Insert or update records of one kind by id; returns how many were written."""
    table, _ = KINDS[kind]
    rows = [to_row(r) for r in records]
    if rows:
        db.table(table).upsert_all(rows, pk="id")
    return len(rows)


def count(db: Database, kind: str) -> int:
    return db[KINDS[kind][0]].count


def get_group(db: Database, group_id: str) -> Group:
    record = get_record(db, "groups", group_id)
    assert isinstance(record, Group)
    return record
