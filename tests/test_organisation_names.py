"""How an organisation reads in a sentence: article and running-text name, stored, imported,
exported, migrated, and filled in for every example organisation."""

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from knowledge import catalog, transfer
from knowledge.database import open_database
from knowledge.errors import ImportFileError
from knowledge.example_data import example_rows
from knowledge.migrations import migrations
from knowledge.records import Organisation
from knowledge.vocabulary import ARTICLES
from tests.support import builders


@pytest.mark.parametrize(
    ("over", "mid_sentence", "at_start"),
    [
        ({"article": "het", "sentence_name": "het Kadaster"}, "het Kadaster", "Het Kadaster"),
        (
            {
                "name": "Ministerie van Defensie",
                "short_name": "Defensie",
                "article": "het",
                "sentence_name": "het ministerie van Defensie",
            },
            "het ministerie van Defensie",
            "Het ministerie van Defensie",
        ),
        ({"article": "", "sentence_name": "DUO"}, "DUO", "DUO"),
        ({"short_name": "SVB", "article": "de"}, "de SVB", "De SVB"),  # derived from the short name
        ({"name": "Rijkswaterstaat", "short_name": ""}, "Rijkswaterstaat", "Rijkswaterstaat"),
    ],
)
def test_in_sentence_capitalises_only_at_the_start(over: dict[str, str], mid_sentence: str, at_start: str) -> None:
    organisation = builders.organisation(**over)
    assert organisation.in_sentence() == mid_sentence
    assert organisation.in_sentence(start=True) == at_start


def test_migration_adds_the_columns_to_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    old = Database(path)
    migrations.apply(old, stop_before="m010_organisation_sentence_names")
    old.table("organisations").insert_all(
        [
            {
                "id": "def",
                "name": "Ministerie van Defensie",
                "short_name": "Defensie",
                "city": "Den Haag",
                "example": 1,
            },
            {"id": "eigen", "name": "Dienst Eigen Gegevens", "short_name": "DEG", "city": "Zwolle", "example": 0},
        ]
    )
    old.close()

    db = open_database(path)
    assert migrations.pending(db) == []
    assert {"article", "sentence_name"} <= set(db["organisations"].columns_dict)
    organisations = catalog.organisations(db)
    # Example organisations get the shipped forms; imported ones read as before until re-imported.
    assert organisations["def"].in_sentence(start=True) == "Het ministerie van Defensie"
    assert (organisations["eigen"].article, organisations["eigen"].sentence_name) == ("", "")
    assert organisations["eigen"].in_sentence() == "DEG"
    catalog.save_records(db, "organisations", [builders.organisation(article="", sentence_name="DUO")])
    assert catalog.get_record(db, "organisations", "duo") == builders.organisation(article="", sentence_name="DUO")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_reads_article_and_sentence_name(db: Database, tmp_path: Path) -> None:
    csv_text = (
        "id,name,short_name,city,article,sentence_name\n"
        "kadaster,Kadaster,Kadaster,Apeldoorn,HET,Het Kadaster\n"
        "duo,Dienst Uitvoering Onderwijs,DUO,Groningen,,DUO\n"
        "svb,Sociale Verzekeringsbank,SVB,Amstelveen,de,\n"
        "uwv,Uitvoeringsinstituut Werknemersverzekeringen,UWV,Amsterdam,,het UWV\n"
    )
    assert transfer.import_file(db, "organisations", write(tmp_path / "o.csv", csv_text)) == 4
    organisations = catalog.organisations(db)
    # The article is written in lower case in running text, whatever the file says.
    assert (organisations["kadaster"].article, organisations["kadaster"].sentence_name) == ("het", "het Kadaster")
    assert organisations["duo"].in_sentence(start=True) == "DUO"
    assert organisations["svb"].in_sentence(start=True) == "De SVB"
    # A lower-case article in front of the name is the article.
    assert organisations["uwv"].article == "het"


def test_json_import_reads_article_and_sentence_name(db: Database, tmp_path: Path) -> None:
    rows = [
        {
            "id": "def",
            "name": "Ministerie van Defensie",
            "short_name": "Defensie",
            "article": "het",
            "sentence_name": "het ministerie van Defensie",
        },
    ]
    transfer.import_file(db, "organisations", write(tmp_path / "o.json", json.dumps({"records": rows})))
    assert catalog.organisations(db)["def"].in_sentence() == "het ministerie van Defensie"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("bd,Belastingdienst,Belastingdienst,den,den Belastingdienst", "rij 2, veld article: onbekend lidwoord 'den'"),
        (
            "bd,Belastingdienst,Belastingdienst,de,de Douane",
            "rij 2, veld sentence_name: moet de naam of de korte naam bevatten",
        ),
        (
            "bd,Belastingdienst,Belastingdienst,het,de Belastingdienst",
            "rij 2, veld sentence_name: moet beginnen met het lidwoord uit veld article ('het')",
        ),
    ],
)
def test_bad_article_or_sentence_name_imports_nothing(db: Database, tmp_path: Path, row: str, problem: str) -> None:
    path = write(tmp_path / "o.csv", f"id,name,short_name,article,sentence_name\n{row}\n")
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(db, "organisations", path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(f"{path}, {problem}")
    assert catalog.count(db, "organisations") == 0


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_writes_them_and_imports_again(db: Database, tmp_path: Path, fmt: str) -> None:
    records = [
        builders.organisation(),
        builders.organisation(
            id="kadaster", name="Kadaster", short_name="Kadaster", article="het", sentence_name="het Kadaster"
        ),
        builders.organisation(id="rws", name="Rijkswaterstaat", short_name="RWS", sentence_name="Rijkswaterstaat"),
    ]
    catalog.save_records(db, "organisations", records)
    exported = transfer.export_records(db, "organisations", fmt)
    assert "sentence_name" in exported and "het Kadaster" in exported
    other = open_database(tmp_path / "other.db")
    transfer.import_file(other, "organisations", write(tmp_path / f"o.{fmt}", exported))
    assert list(catalog.iter_records(other, "organisations")) == list(catalog.iter_records(db, "organisations"))
    other.close()


def test_every_example_organisation_reads_well_in_a_sentence(db: Database) -> None:
    transfer.import_records(db, "organisations", example_rows("organisations"), "voorbeelddata/organisations")
    organisations: dict[str, Organisation] = catalog.organisations(db)
    assert len(organisations) == 54
    for org in organisations.values():
        assert org.article in ARTICLES, org.id
        assert org.sentence_name, org.id
        lowered = org.sentence_name.lower()
        assert org.short_name.lower() in lowered or org.name.lower() in lowered, org.id
        assert org.sentence_name.startswith(f"{org.article} " if org.article else ""), org.id
    assert organisations["def"].in_sentence() == "het ministerie van Defensie"
    assert organisations["duo"].in_sentence(start=True) == "DUO"
    assert organisations["kadaster"].in_sentence(start=True) == "Het Kadaster"
    assert organisations["rws"].in_sentence() == "Rijkswaterstaat"
