"""Named schema migrations; applied in order, each once, recorded by sqlite-utils."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("vraagwijzer")

KNOWLEDGE_TABLES: tuple[str, ...] = ("institutions", "organisations", "research_groups", "assignments")


@migrations()
def m001_create_knowledge_tables(db: Database) -> None:
    db.table("institutions").create(
        {
            "id": str,
            "name": str,
            "short_name": str,
            "type": str,
            "city": str,
            "province": str,
            "region": str,
            "website": str,
            "example": int,
        },
        pk="id",
        not_null={"name", "type", "region"},
    )
    db.table("organisations").create(
        {
            "id": str,
            "name": str,
            "short_name": str,
            "city": str,
            "kind": str,
            "parent": str,
            "aliases": str,
            "example": int,
        },
        pk="id",
        not_null={"name"},
    )
    db.table("research_groups").create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "institution_id": str,
            "themes": str,
            "keywords": str,
            "description": str,
            "forms": str,
            "capacity_per_semester": int,
            "contact_email": str,
            "example": int,
        },
        pk="id",
        not_null={"name", "institution_id"},
        foreign_keys=[("institution_id", "institutions", "id")],
    )
    db.table("assignments").create(
        {
            "id": str,
            "organisation_id": str,
            "year": int,
            "title": str,
            "problem": str,
            "research_question": str,
            "themes": str,
            "form": str,
            "level": str,
            "outcome": str,
            "group_id": str,
            "example": int,
        },
        pk="id",
        not_null={"title", "organisation_id"},
        foreign_keys=[
            ("organisation_id", "organisations", "id"),
            ("group_id", "research_groups", "id"),
        ],
    )
    db.table("research_groups").create_index(["institution_id"])
    db.table("assignments").create_index(["group_id"])
    db.table("assignments").create_index(["organisation_id"])


@migrations()
def m002_knowledge_revision(db: Database) -> None:
    """A counter bumped by triggers on every knowledge change: indexes compare against it
    to know, without reading every row, whether they are still up to date."""
    db.execute("CREATE TABLE knowledge_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)")
    db.execute("INSERT INTO knowledge_revision (id, revision) VALUES (1, 0)")
    for table in KNOWLEDGE_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table} "
                "BEGIN UPDATE knowledge_revision SET revision = revision + 1 WHERE id = 1; END"
            )
