"""Fusing rankings from different retrievers into one (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[tuple[Sequence[str], float]], k: int = RRF_K
) -> list[tuple[str, float]]:
    """Weighted Reciprocal Rank Fusion: sum of weight / (k + rank) over the rankings.

    Each ranking is (ids best first, weight). Ties keep the order of first appearance, so
    the result is deterministic.
    """
    scores: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, doc_id in enumerate(ids, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])
