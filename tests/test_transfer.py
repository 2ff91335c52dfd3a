"""Import and export: validation with file/row/field, all or nothing, upsert, safe CSV."""

import json
from pathlib import Path

import pytest

from knowledge import catalog, transfer
from knowledge.errors import ImportFileError


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


INSTITUTIONS_CSV = (
    "id,name,short_name,type,city,province\n"
    "ut,Universiteit Twente,UT,wo,Enschede,Overijssel\n"
    "hu,Hogeschool Utrecht,HU,hbo,Utrecht,Utrecht\n"
)


def test_csv_import_derives_region_from_province(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = transfer.import_file(db, "institutions", write(tmp_path / "i.csv", INSTITUTIONS_CSV))
    assert written == 2
    assert catalog.get_record(db, "institutions", "ut").region == "oost"  # type: ignore[union-attr]
    assert catalog.get_record(db, "institutions", "hu").region == "midden"  # type: ignore[union-attr]


def test_reimport_updates_instead_of_duplicating(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "i.csv", INSTITUTIONS_CSV)
    transfer.import_file(db, "institutions", path)
    write(path, INSTITUTIONS_CSV.replace("Hogeschool Utrecht,HU", "Hogeschool Utrecht (HU),HU"))
    transfer.import_file(db, "institutions", path)
    assert catalog.count(db, "institutions") == 2
    assert catalog.get_record(db, "institutions", "hu").name == "Hogeschool Utrecht (HU)"  # type: ignore[union-attr]


def test_a_file_with_one_bad_row_imports_nothing_and_names_row_and_field(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = INSTITUTIONS_CSV + "xx,Raar Instituut,RI,mbo,Ergens,Nergensland\n"
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(db, "institutions", write(tmp_path / "i.csv", bad))
    problems = "\n".join(caught.value.problems)
    assert "rij 4, veld type" in problems
    assert "rij 4, veld region" not in problems or "regio" in problems
    assert catalog.count(db, "institutions") == 0


def test_groups_must_name_an_existing_institution(small_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [{"id": "g1", "name": "Lab", "institution_id": "nergens", "themes": "ai", "forms": "minor"}]
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(small_db, "groups", write(tmp_path / "g.json", json.dumps(rows)))
    assert "rij 1, veld institution_id: 'nergens' bestaat niet" in caught.value.problems[0]


def test_unknown_theme_and_bad_number_are_explained(small_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {
            "id": "g1",
            "name": "Lab",
            "institution_id": "hu",
            "themes": "ai;quantum",
            "forms": "minor",
            "capacity_per_semester": "veel",
        }
    ]
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(small_db, "groups", write(tmp_path / "g.json", json.dumps(rows)))
    problems = "\n".join(caught.value.problems)
    assert "veld themes: onbekend thema quantum" in problems
    assert "veld capacity_per_semester: moet een geheel getal zijn" in problems


def test_duplicate_ids_in_one_file_are_reported(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    twice = INSTITUTIONS_CSV + "ut,Universiteit Twente,UT,wo,Enschede,Overijssel\n"
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(db, "institutions", write(tmp_path / "i.csv", twice))
    assert "'ut' staat ook al in rij 2" in caught.value.problems[0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("i.csv", b"id,name\n\xff\xfe\n", "geen UTF-8"),
        ("i.json", "{not json", "geen geldige JSON"),
        ("i.xlsx", "whatever", "onbekend bestandstype"),
        ("i.json", '{"a": 1}', "verwacht een lijst"),
    ],
)
def test_unreadable_files_get_one_plain_reason(db, tmp_path: Path, name: str, content, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match=message):
        transfer.import_file(db, "institutions", write(tmp_path / name, content))


def test_missing_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match="kan het bestand niet lezen"):
        transfer.import_file(db, "institutions", tmp_path / "nope.csv")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_round_trips(small_db, db, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    for kind in ("institutions", "organisations", "groups", "assignments"):
        path = write(tmp_path / f"{kind}.{fmt}", transfer.export_records(small_db, kind, fmt))
        transfer.import_file(db, kind, path)
        assert list(catalog.iter_records(db, kind)) == list(catalog.iter_records(small_db, kind))


def test_csv_export_neutralises_formulas(small_db) -> None:  # type: ignore[no-untyped-def]
    from tests.support import builders

    catalog.save_records(small_db, "organisations", [builders.organisation(id="x", name="=cmd|' /C calc'!A0")])
    exported = transfer.export_records(small_db, "organisations", "csv")
    assert "'=cmd" in exported
    assert "\n=cmd" not in exported and ",=cmd" not in exported
