"""Measuring matching quality on a labelled set of problem descriptions.

hit@k (theme): one of the top k groups carries a theme the broker gave the query.
strict hit@3: one of the top 3 groups has as its main theme the broker's first theme.
recall@5 (assignments): share of the labelled relevant past assignments in the top 5.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.matching.matcher import Matcher
from bot.matching.records import Weights


@dataclass(frozen=True)
class EvalQuery:
    id: str
    text: str
    themes: tuple[str, ...]
    lang: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    variant: str
    hit_at_1: float
    hit_at_3: float
    strict_hit_at_3: float
    recall_at_5: float
    queries: int
    labelled: int


def load_queries(path: Path) -> list[EvalQuery]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        EvalQuery(q["id"], q["text"], tuple(q["themes"]), q.get("lang", "nl"), tuple(q.get("relevant_assignments", [])))
        for q in data["queries"]
    ]


def evaluate(matcher: Matcher, queries: list[EvalQuery], weights: Weights, variant: str) -> Scores:
    hits1 = hits3 = strict3 = 0
    recall_sum = 0.0
    labelled = 0
    for q in queries:
        result = matcher.find(q.text, k=3, k_assignments=5, weights=weights)
        wanted = set(q.themes)
        found = [bool(wanted & set(g.themes)) for g in result.groups]
        hits1 += bool(found[:1] and found[0])
        hits3 += any(found[:3])
        strict3 += any(g.themes[0] == q.themes[0] for g in result.groups[:3])
        if q.relevant:
            labelled += 1
            top = {a.id for a in result.assignments[:5]}
            recall_sum += len(top & set(q.relevant)) / len(q.relevant)
    n = len(queries)
    return Scores(variant, hits1 / n, hits3 / n, strict3 / n, recall_sum / labelled if labelled else 0.0, n, labelled)


def markdown_table(rows: list[Scores]) -> str:
    lines = [
        "| variant | theme hit@1 | theme hit@3 | strict hit@3 | assignment recall@5 |",
        "|---|---|---|---|---|",
    ]
    for s in rows:
        lines.append(
            f"| {s.variant} | {s.hit_at_1:.2f} | {s.hit_at_3:.2f} | {s.strict_hit_at_3:.2f} | {s.recall_at_5:.2f} |"
        )
    return "\n".join(lines)
