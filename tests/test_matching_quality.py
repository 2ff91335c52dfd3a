"""Matching quality with the real model on the Dutch evaluation set: floors, not hopes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching import DEFAULT_WEIGHTS, Matcher, Weights
from bot.matching.evaluation import evaluate, load_queries
from bot.matching.indexing import open_indexes
from embeddings.lexical import QueryExpander
from knowledge.database import open_database
from knowledge.example_data import load_example_data, thesaurus_entries

EVAL_SET = Path(__file__).parent / "data" / "eval_queries.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory, real_encoder) -> Matcher:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("quality")
    db = open_database(folder / "v.db")
    load_example_data(db)
    indexes, _ = open_indexes(db, folder / "index", real_encoder)
    return Matcher(db, indexes, real_encoder, QueryExpander(thesaurus_entries()))


def test_fused_ranking_keeps_its_floor(matcher: Matcher) -> None:
    scores = evaluate(matcher, load_queries(EVAL_SET), DEFAULT_WEIGHTS, "fused")
    assert scores.hit_at_3 >= 0.90
    assert scores.strict_hit_at_3 >= 0.85
    assert scores.recall_at_5 >= 0.50


def test_fusion_is_not_worse_than_either_retriever_alone(matcher: Matcher) -> None:
    queries = load_queries(EVAL_SET)
    fused = evaluate(matcher, queries, DEFAULT_WEIGHTS, "fused")
    lexical = evaluate(matcher, queries, Weights(**{**DEFAULT_WEIGHTS.__dict__, "dense": 0.0}), "lexical")
    dense = evaluate(matcher, queries, Weights(**{**DEFAULT_WEIGHTS.__dict__, "lexical": 0.0}), "dense")
    assert fused.hit_at_3 >= max(lexical.hit_at_3, dense.hit_at_3)
    assert fused.recall_at_5 >= max(lexical.recall_at_5, dense.recall_at_5)
    assert fused.hit_at_1 > dense.hit_at_1


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("ons roostersysteem valt elke maandagochtend om", {"software-cloud"}),
        ("burgers snappen de brieven over hun toeslag niet", {"digitale-inclusie"}),
        ("we get more and more phishing mails with fake invoices", {"cybersecurity"}),
        ("de sensoren op de sluizen leveren data waar niemand naar kijkt", {"iot-5g", "data-science"}),
    ],
)
def test_symptoms_find_the_right_kind_of_group(matcher: Matcher, text: str, themes: set[str]) -> None:
    top = matcher.find(text, k=3).groups
    assert any(themes & set(g.themes) for g in top)
