"""Measuring overlap scoring on labelled pairs of questions (tests/data/overlap_pairs.json).

Every question of the set goes into one `QuestionSet` (with the past assignments as background
for how rare words are); each pair is scored as the index scores it. A pair labelled "same" (the
same question in other words) should reach the threshold; "same-theme" and "unrelated" not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.overlap.index import QuestionSet
from bot.overlap.scoring import Question, pair_score, question_texts
from embeddings.encoder import Encoder


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    label: str  # same | same-theme | unrelated
    overlap: bool


@dataclass(frozen=True)
class PairScore:
    pair: LabelledPair
    score: float


@dataclass(frozen=True)
class Quality:
    threshold: float
    precision: float
    recall: float
    true_positives: int
    false_positives: int
    false_negatives: int


def load_pairs(path: Path) -> tuple[list[Question], list[LabelledPair]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    questions = [labelled_question(q) for q in data["questions"]]
    pairs = [LabelledPair(p["a"], p["b"], p["label"], bool(p["overlap"])) for p in data["pairs"]]
    return questions, pairs


def labelled_question(row: dict[str, Any]) -> Question:
    dense, lexical = question_texts(row["title"], {}, row)
    return Question(
        id=row["id"],
        organisation=row["organisation"],
        title=row["title"],
        dense_text=dense,
        lexical_text=lexical,
        themes=tuple(row.get("themes", ())),
        form=row.get("form"),
        level=row.get("level"),
    )


def score_pairs(
    questions: Sequence[Question], pairs: Sequence[LabelledPair], encoder: Encoder, background: Iterable[str]
) -> list[PairScore]:
    """Each pair's score, as the index scores it with all questions of the set indexed."""

    found = QuestionSet(encoder.dimension, background, vocabulary=[q.lexical_text for q in questions])
    found.put_many(list(questions), encoder.encode_passages([q.dense_text for q in questions]))
    by_id = found.questions
    return [
        PairScore(p, pair_score(by_id[p.a], by_id[p.b], found.vector(p.a), found.vector(p.b), found.df)) for p in pairs
    ]


def quality(scored: Sequence[PairScore], threshold: float) -> Quality:
    tp = sum(1 for s in scored if s.pair.overlap and s.score >= threshold)
    fp = sum(1 for s in scored if not s.pair.overlap and s.score >= threshold)
    fn = sum(1 for s in scored if s.pair.overlap and s.score < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Quality(threshold, precision, recall, tp, fp, fn)
