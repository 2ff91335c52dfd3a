"""Matching on a small knowledge base with the word-hashing fake encoder."""

import pytest

from bot.matching import Matcher, MatchInputError, Weights, match_intake
from knowledge import catalog
from tests.support import builders


def group_ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [g.id for g in result.groups]


def test_finds_groups_and_assignments_by_symptoms(small_matcher: Matcher) -> None:
    result = small_matcher.find("Onze laptops krijgen de updates veel te laat", k=2)
    assert set(group_ids(result)) == {"grp-saxion-cyber", "grp-hu-cyber"}
    assert result.assignments[0].id == "asg-1"
    assert result.assignments[0].organisation == "DUO"


def test_region_is_a_preference_not_a_filter(small_matcher: Matcher) -> None:
    query = "phishing en kwetsbaarheden in systemen"  # both cyber groups fit equally well
    east = small_matcher.find(query, region="oost", k=4)
    middle = small_matcher.find(query, region="midden", k=4)
    assert group_ids(east)[0] == "grp-saxion-cyber"
    assert group_ids(middle)[0] == "grp-hu-cyber"
    assert "grp-hu-cyber" in group_ids(east)  # groups elsewhere are still shown


def test_form_and_level_filter(small_matcher: Matcher) -> None:
    minor = small_matcher.find("brieven die burgers niet begrijpen", form="minor", k=5)
    assert group_ids(minor) == ["grp-hu-inclusie"]
    wo = small_matcher.find("hoeveel aanvragen komen er volgend jaar", level="wo", k=5)
    assert group_ids(wo) == ["grp-tud-data"]


def test_reasons_are_checkable(small_matcher: Matcher) -> None:
    result = small_matcher.find(
        "Onze laptops krijgen updates te laat, phishing ook", region="oost", form="afstudeeropdracht", k=1
    )
    reasons = result.groups[0].reasons
    assert any("werkte in 2023 voor DUO" in r for r in reasons)
    assert "thema's: cybersecurity" in reasons
    assert any(r.startswith("trefwoorden:") and "phishing" in r for r in reasons)
    assert "in uw regio (Noord en Oost)" in reasons
    assert "neemt afstudeeropdrachten aan" in reasons
    assert "capaciteit: nog 3 opdrachten dit semester" in reasons


def test_reasons_are_in_the_language_asked(small_matcher: Matcher) -> None:
    query = "Onze laptops krijgen updates te laat, phishing ook"
    dutch = small_matcher.find(query, region="oost", form="afstudeeropdracht", k=1).groups[0].reasons
    english = small_matcher.find(query, region="oost", form="afstudeeropdracht", k=1, language="en").groups[0].reasons
    assert "in uw regio (Noord en Oost)" in dutch and "neemt afstudeeropdrachten aan" in dutch
    assert any(r.startswith("worked in 2023 for DUO on a similar assignment") for r in english)
    assert "themes: cybersecurity" in english
    assert any(r.startswith("keywords:") and "phishing" in r for r in english)
    assert "in your region (North and East)" in english
    assert "takes on graduation projects" in english
    assert "capacity: 3 more assignments this semester" in english
    assert len(english) == len(dutch)


def test_an_intake_is_matched_in_the_language_asked(small_matcher: Matcher) -> None:
    answers = {"problem": "Onze laptops krijgen updates te laat", "context": "phishing ook", "region": "oost"}
    english = match_intake(small_matcher, answers, language="en")
    dutch = match_intake(small_matcher, answers)
    assert english is not None and dutch is not None
    assert "in your region (North and East)" in english.groups[0].reasons
    assert "in uw regio (Noord en Oost)" in dutch.groups[0].reasons
    assert match_intake(small_matcher, {"problem": "?"}, language="en") is None


def test_json_follows_the_contract(small_matcher: Matcher) -> None:
    data = small_matcher.find("brieven", region="west").as_json()
    assert set(data) == {"query", "region", "groups", "assignments"}
    assert set(data["groups"][0]) == {"id", "name", "institution", "region", "themes", "score", "reasons"}  # type: ignore[index]
    assert set(data["assignments"][0]) == {"id", "title", "organisation", "year", "themes", "score"}  # type: ignore[index]
    scores = [g["score"] for g in data["groups"]]  # type: ignore[union-attr]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "de het een"])
def test_empty_questions_are_refused_plainly(small_matcher: Matcher, text: str) -> None:
    with pytest.raises(MatchInputError, match="Geef een omschrijving"):
        small_matcher.find(text)


@pytest.mark.parametrize(("field", "value"), [("region", "noord"), ("form", "stage"), ("level", "mbo")])
def test_unknown_filters_are_refused(small_matcher: Matcher, field: str, value: str) -> None:
    with pytest.raises(MatchInputError, match="Onbekende"):
        small_matcher.find("brieven", **{field: value})


@pytest.mark.parametrize("weights", [Weights.lexical_only(), Weights.dense_only()])
def test_single_signal_variants_still_answer(small_matcher: Matcher, weights: Weights) -> None:
    result = small_matcher.find("burgers begrijpen brieven niet", weights=weights, k=1)
    assert group_ids(result) == ["grp-hu-inclusie"]


def test_a_group_with_evidence_outranks_one_without(small_db, small_matcher: Matcher) -> None:  # type: ignore[no-untyped-def]
    # Both cyber groups have the same description words; only Saxion did the DUO work.
    result = small_matcher.find("updates op laptops sneller uitrollen")
    assert group_ids(result).index("grp-saxion-cyber") < group_ids(result).index("grp-hu-cyber")


def test_knowledge_added_later_is_found_after_reindex(small_db, tmp_path, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    from bot.matching.indexing import open_indexes
    from embeddings.lexical import QueryExpander

    catalog.save_records(
        small_db,
        "assignments",
        [
            builders.assignment(
                id="asg-new",
                title="Drones boven de dijken",
                problem="Inspectie van dijken met drones kost te veel tijd.",
                themes=("iot-5g",),
                group_id="grp-tud-data",
                level="wo",
            )
        ],
    )
    indexes, _ = open_indexes(small_db, tmp_path / "index", fake_encoder)
    matcher = Matcher(small_db, indexes, fake_encoder, QueryExpander([]))
    assert matcher.find("drones dijken inspectie").assignments[0].id == "asg-new"
