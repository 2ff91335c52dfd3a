"""Fusing rankings from different retrievers into one (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60


def reciprocal_rank_fusion(rankings: Sequence[tuple[Sequence[str], float]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Weighted Reciprocal Rank Fusion: sum of weight / (k + rank) over the rankings.

    Each ranking is (ids best first, weight). Ties keep the order of first appearance, so
    the result is deterministic.
    """
    scores: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, doc_id in enumerate(ids, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def score_fusion(
    rankings: Sequence[tuple[Sequence[tuple[str, float]], float]],
) -> list[tuple[str, float]]:
    """Weighted sum of min-max normalised scores (CombSUM); absent from a list counts 0.

    Unlike RRF it keeps how much better the first hit is than the tenth, so a weak
    retriever whose scores are flat cannot outvote a confident one.
    """
    fused: dict[str, float] = {}
    for hits, weight in rankings:
        if not hits:
            continue
        scores = [s for _, s in hits]
        low, high = min(scores), max(scores)
        span = high - low
        for doc_id, score in hits:
            normalised = (score - low) / span if span > 0 else 1.0
            fused[doc_id] = fused.get(doc_id, 0.0) + weight * normalised
    return sorted(fused.items(), key=lambda item: -item[1])
