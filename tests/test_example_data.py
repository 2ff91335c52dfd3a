"""The shipped example data set: complete, valid, diverse, and marked as example data."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest
from sqlite_utils import Database

from knowledge import catalog, example_data
from knowledge.vocabulary import REGIONS, THEMES

FOLDER = resources.files("knowledge") / "example_data"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from knowledge.database import open_database

    db = open_database(tmp_path_factory.mktemp("example") / "v.db")
    example_data.load_example_data(db)
    return db


def test_every_file_says_it_is_example_data() -> None:
    for path in FOLDER.iterdir():
        if path.name.endswith(".json") and path.name != "thesaurus.json":
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["example_data"] is True and "Voorbeelddata" in data["notice"], path.name


def test_loads_on_first_start_only(loaded: Database) -> None:
    assert not example_data.is_empty(loaded)
    before = catalog.count(loaded, "assignments")
    example_data.ensure_knowledge(loaded)
    assert catalog.count(loaded, "assignments") == before
    assert all(r.example for r in catalog.iter_records(loaded, "groups"))


def test_institutions_cover_universities_and_hogescholen(loaded: Database) -> None:
    institutions = catalog.institutions(loaded)
    kinds = Counter(i.type for i in institutions.values())
    assert kinds["hbo"] >= 25
    for uni in ("uva", "vu", "leiden", "tudelft", "eur", "uu", "tue", "tilburg", "um", "ou", "ru", "wur", "ut", "rug"):
        assert institutions[uni].type == "wo"
    assert {i.region for i in institutions.values()} == set(REGIONS)


def test_at_least_forty_real_rijksorganisaties(loaded: Database) -> None:
    organisations = catalog.organisations(loaded)
    assert len(organisations) >= 40
    assert organisations["duo"].short_name == "DUO"
    assert all(o.short_name and o.city for o in organisations.values())


def test_groups_spread_over_all_themes_and_regions(loaded: Database) -> None:
    groups = catalog.groups(loaded)
    institutions = catalog.institutions(loaded)
    assert len(groups) >= 120
    cells = {(g.themes[0], institutions[g.institution_id].region) for g in groups.values()}
    assert cells == {(t, r) for t in THEMES for r in REGIONS}
    for g in groups.values():
        assert 60 <= len(g.description.split()) <= 150, g.id
        assert g.keywords and g.forms and g.capacity_per_semester >= 1
        assert g.contact_email.endswith(".example"), g.id  # never a real mailbox


def test_assignments_are_linked_and_varied(loaded: Database) -> None:
    assignments = catalog.assignments(loaded)
    assert len(assignments) >= 250
    assert {a.year for a in assignments.values()} == set(range(2020, 2027))
    assert all(a.group_id and a.organisation_id for a in assignments.values())
    assert len({a.organisation_id for a in assignments.values()}) >= 30
    assert {t for a in assignments.values() for t in a.themes} == set(THEMES)
    assert len({a.problem for a in assignments.values()}) == len(assignments)
    assert all(a.research_question.endswith("?") for a in assignments.values())


def test_problems_are_not_copies_of_group_descriptions(loaded: Database) -> None:
    groups = catalog.groups(loaded)
    for a in catalog.assignments(loaded).values():
        description = groups[a.group_id].description if a.group_id else ""
        shared = set(a.problem.lower().split()) & set(description.lower().split())
        assert len(shared) < 0.6 * len(set(a.problem.lower().split())), a.id


def test_thesaurus_entries_have_terms_and_expansions() -> None:
    entries = example_data.thesaurus_entries()
    assert len(entries) >= 100
    assert all(e["terms"] and e["expand"] for e in entries)
