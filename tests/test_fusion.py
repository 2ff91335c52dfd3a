import pytest

from embeddings.fusion import reciprocal_rank_fusion


def test_documents_in_both_rankings_win() -> None:
    fused = reciprocal_rank_fusion([(["a", "b", "c"], 1.0), (["c", "b", "d"], 1.0)])
    assert [doc for doc, _ in fused][:2] == ["b", "c"] or [doc for doc, _ in fused][:2] == ["c", "b"]
    assert fused[-1][0] in {"a", "d"}


@pytest.mark.parametrize(
    ("weights", "winner"),
    [((1.0, 0.0), "a"), ((0.0, 1.0), "x"), ((2.0, 1.0), "a"), ((1.0, 2.0), "x")],
)
def test_weights_decide_between_disagreeing_rankings(weights: tuple[float, float], winner: str) -> None:
    fused = reciprocal_rank_fusion([(["a", "b"], weights[0]), (["x", "y"], weights[1])])
    assert fused[0][0] == winner


def test_empty_rankings_fuse_to_nothing() -> None:
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([([], 1.0)]) == []


def test_ties_are_deterministic() -> None:
    first = reciprocal_rank_fusion([(["a"], 1.0), (["b"], 1.0)])
    assert first == reciprocal_rank_fusion([(["a"], 1.0), (["b"], 1.0)])
    assert [d for d, _ in first] == ["a", "b"]
