"""The ranking steps that need no index: evidence, themes voted from similar work, and
scaling fused scores to 0..1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Mapping

from bot.matching.records import AssignmentMatch
from embeddings.fusion import RRF_K
from knowledge.records import Assignment, Group
from knowledge.vocabulary import THEMES

CANDIDATES = 60
THEME_VOTERS = 8
MIN_SIMILARITY = 0.0  # cosine at or below this is no resemblance at all
EVIDENCE_FLOOR = 0.5  # of the best assignment's score
THEME_FLOOR = 0.45  # of the best theme's votes


def evidence_ranking(
    similar: list[tuple[str, float]],
    allowed: Container[str],
    rows: Mapping[str, Assignment],
    groups: Mapping[str, Group],
) -> list[str]:
    """Groups by the best similar past assignment they did; weak look-alikes do not count."""
    if not similar:
        return []
    floor = similar[0][1] * EVIDENCE_FLOOR
    ranking: list[str] = []
    for assignment_id, score in similar:
        a = rows.get(assignment_id)
        group_id = a.group_id if a else None
        if (
            score >= floor
            and group_id is not None
            and group_id in groups
            and group_id in allowed
            and group_id not in ranking
        ):
            ranking.append(group_id)
    return ranking


def theme_ranking(themes: list[str], candidates: list[str], groups: Mapping[str, Group]) -> list[str]:
    """The candidates sharing the voted themes, most overlap first."""
    if not themes:
        return []
    weight = {t: 1.0 / (i + 1) for i, t in enumerate(themes)}

    def overlap(group_id: str) -> float:
        g = groups[group_id]
        # A group's first theme is its main one; secondary themes count for half.
        return sum(weight.get(t, 0.0) * (1.0 if i == 0 else 0.5) for i, t in enumerate(g.themes))

    scored = [(overlap(g), -i, g) for i, g in enumerate(candidates)]
    return [g for s, _, g in sorted(scored, reverse=True) if s > 0]


def vote_themes(similar: list[AssignmentMatch], top_groups: list[Group]) -> list[str]:
    """The themes of the most similar work, voted by similarity; secondary themes count half."""
    votes: dict[str, float] = defaultdict(float)
    for a in similar:
        for i, theme in enumerate(a.themes):
            votes[theme] += a.score * (1.0 if i == 0 else 0.5)
    for rank, g in enumerate(top_groups):
        for i, theme in enumerate(g.themes):
            votes[theme] += (0.8 if i == 0 else 0.4) / (rank + 2)
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if not ranked:
        return []
    best = ranked[0][1]
    return [t for t, v in ranked if v >= best * THEME_FLOOR and t in THEMES][:3]


def normalised(scored: list[tuple[str, float]], total_weight: float) -> list[tuple[str, float]]:
    """Scale fused scores to 0..1: 1 would be first place in every signal."""
    if total_weight <= 0:
        return scored
    best_possible = total_weight / (RRF_K + 1)
    return [(i, min(1.0, s / best_possible)) for i, s in scored]
