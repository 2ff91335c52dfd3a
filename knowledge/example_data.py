"""The example data set shipped in the package, loaded when the database is empty.

It is fictional where it must be (research groups, assignments) and says so in every file
and in every record (`example = 1`); operators replace it with `vraagwijzer import`.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

from sqlite_utils import Database

from knowledge import catalog, import_rows, transfer
from knowledge.records import Organisation

log = logging.getLogger(__name__)

# Order matters: groups refer to institutions, assignments to organisations and groups.
LOAD_ORDER: tuple[str, ...] = ("institutions", "organisations", "groups", "assignments")


def example_rows(kind: str) -> list[dict[str, Any]]:
    """The example records of one kind, from every `<kind>*.json` file in the package."""
    folder = resources.files("knowledge") / "example_data"
    rows: list[dict[str, Any]] = []
    names = sorted(p.name for p in folder.iterdir() if p.name.startswith(kind) and p.name.endswith(".json"))
    for name in names:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        for row in data["records"]:
            rows.append({**row, "example": True})
    return rows


def example_organisations() -> list[Organisation]:
    """The example organisations as records (for tools and tests that have no database)."""
    return [import_rows.OrganisationRow.model_validate(row).record() for row in example_rows("organisations")]


def thesaurus_entries() -> list[dict[str, list[str]]]:
    """The Dutch domain thesaurus used to expand lexical queries."""
    path = resources.files("knowledge") / "example_data" / "thesaurus.json"
    return list(json.loads(path.read_text(encoding="utf-8"))["entries"])


def is_empty(db: Database) -> bool:
    return all(catalog.count(db, kind) == 0 for kind in LOAD_ORDER)


def load_example_data(db: Database) -> dict[str, int]:
    """Load the example data set into an empty database; returns counts per kind."""
    counts = {}
    with db.atomic():
        for kind in LOAD_ORDER:
            counts[kind] = transfer.import_records(db, kind, example_rows(kind), f"voorbeelddata/{kind}")
    log.info("Voorbeelddata geladen: %s", counts)
    return counts


EXAMPLE_BROKERS: tuple[tuple[str, str, str, str], ...] = tuple(
    (f"Voorbeeldmakelaar {side.upper()} {region}", f"{side}.{region}@vraagwijzer.example", region, side)
    for region in ("oost", "midden", "west")
    for side in ("rijk", "ho")
)


def ensure_knowledge(db: Database, now: str = "") -> None:
    """Load the example data on first start, when no knowledge has been imported yet, with an
    example broker duo per region (addresses on the reserved .example domain) to log in with."""
    if is_empty(db):
        load_example_data(db)
        from knowledge import review

        if not review.brokers(db):
            for name, email, region, side in EXAMPLE_BROKERS:
                review.add_broker(
                    db, name=name, email=email, region=region, side=side, now=now or "1970-01-01T00:00:00+00:00"
                )
