from pathlib import Path

from knowledge import catalog
from knowledge.database import knowledge_revision, open_database
from knowledge.migrations import migrations
from tests.support import builders


def test_new_database_has_all_migrations_and_wal(tmp_path: Path) -> None:
    db = open_database(tmp_path / "v.db")
    assert migrations.pending(db) == []
    assert [m.name for m in migrations.applied(db)][:2] == ["m001_create_knowledge_tables", "m002_knowledge_revision"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"institutions", "organisations", "research_groups", "assignments"} <= set(db.table_names())


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path: Path) -> None:
    db = open_database(tmp_path / "v.db")
    catalog.save_records(db, "institutions", [builders.institution()])
    db.close()
    again = open_database(tmp_path / "v.db")
    assert catalog.count(again, "institutions") == 1


def test_every_knowledge_change_bumps_the_revision(db) -> None:  # type: ignore[no-untyped-def]
    before = knowledge_revision(db)
    catalog.save_records(db, "institutions", [builders.institution()])
    after_insert = knowledge_revision(db)
    catalog.save_records(db, "institutions", [builders.institution(name="Saxion Hogeschool")])
    after_update = knowledge_revision(db)
    assert before < after_insert < after_update


def test_records_round_trip_through_rows(small_db) -> None:  # type: ignore[no-untyped-def]
    group = catalog.get_record(small_db, "groups", "grp-saxion-cyber")
    assert group == builders.group()
