"""How alike two questions of different organisations are, and why (pure functions).

The score adds three signals, each 0..1:
- dense: the cosine of the two embeddings. The offline default model reads English; on Dutch
  its cosines are flat (unrelated questions sit around 0.3), so it weighs least;
- lexical: the shared Dutch word stems (compound parts included, `embeddings.lexical.Analyzer`),
  weighted by how rare each stem is (IDF over the compared questions and past assignments), as
  a Dice coefficient: rare words both questions use count, "organisatie" hardly does;
- themes: the Jaccard overlap of the themes.
Weights and the threshold were chosen on the labelled pairs in tests/data/overlap_pairs.json
(bench/overlap.py prints the sweep).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from bot import texts
from embeddings.lexical import Analyzer, words

W_DENSE = 0.1
W_LEXICAL = 0.85
W_THEMES = 0.05
THRESHOLD = 0.19
KEYWORDS_CITED = 4
# Words that are shared often without saying what a question is about; never cited as keywords.
GENERIC = frozenset(
    {"minder", "meer", "vaak", "steeds", "weer", "sneller", "beter", "nieuwe", "goed", "willen", "kunnen", "maken"}
)
nl = texts.nl


@dataclass(frozen=True)
class Question:
    """A question as overlap compares it: who asked it, its text, stems, labels."""

    id: str
    organisation: str
    title: str
    dense_text: str
    lexical_text: str
    themes: tuple[str, ...] = ()
    form: str | None = None
    level: str | None = None
    region: str = ""
    terms: frozenset[str] = frozenset()
    surface: Mapping[str, str] = field(default_factory=dict)  # stem -> a word of the text

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(f"{self.dense_text}\x00{self.lexical_text}".encode()).hexdigest()


def question_texts(title: str, draft: Mapping[str, Any], intake: Mapping[str, Any]) -> tuple[str, str]:
    """(dense text, lexical text) of a submitted draft: the title and what the civil servant
    wrote (problem, goal, context). The drafted main question adds only for drafts without
    those answers: its fixed patterns ("Welke maatregelen kan ... nemen") are shared by all."""
    problem = str(intake.get("problem") or "").strip()
    goal = str(intake.get("goal") or "").strip()
    context = str(intake.get("context") or "").strip()
    if not problem:
        problem = " ".join(str(draft.get(k) or "") for k in ("main_question", "background")).strip()
        goal = goal or str(draft.get("objective") or "").strip()
    dense = ". ".join(p for p in (title, problem, goal) if p)
    lexical = " ".join(p for p in (title, problem, goal, context) if p)
    return dense, lexical


def analysed(question: Question, analyzer: Analyzer) -> Question:
    """The question with its stems and, per stem, the word it came from (for the reasons)."""
    surface: dict[str, str] = {}
    for word in words(question.lexical_text):
        for term in analyzer.terms(word):
            surface.setdefault(term, word)
    return replace(question, terms=frozenset(surface), surface=surface)


class DocumentFrequencies:
    """In how many texts each stem occurs; kept up to date as questions come and go."""

    def __init__(self, background: Iterable[frozenset[str]] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.total = 0
        # IDFs as computed at `_cached_at` texts; a few texts more or less hardly move them, so
        # they are computed again only when the number of texts moved by 1 %.
        self._cache: dict[str, float] = {}
        self._cached_at = 0
        for terms in background:
            self.add(terms)

    def add(self, terms: frozenset[str]) -> None:
        self.counts.update(terms)
        self.total += 1

    def remove(self, terms: frozenset[str]) -> None:
        self.counts.subtract(terms)
        self.total -= 1

    def idf(self, term: str) -> float:
        if abs(self.total - self._cached_at) > self.total // 100:
            self._cache, self._cached_at = {}, self.total
        value = self._cache.get(term)
        if value is None:
            df = max(self.counts.get(term, 0), 0)
            value = self._cache[term] = math.log((self.total + 1) / (df + 0.5))
        return value


def lexical_similarity(a: frozenset[str], b: frozenset[str], df: DocumentFrequencies) -> float:
    """IDF-weighted Dice coefficient of two stem sets: 1 for the same stems, 0 for none shared."""
    if not a or not b:
        return 0.0
    shared = sum(df.idf(t) for t in a & b)
    total = sum(df.idf(t) for t in a) + sum(df.idf(t) for t in b)
    return 2 * shared / total if total > 0 else 0.0


def theme_similarity(a: Iterable[str], b: Iterable[str]) -> float:
    first, second = set(a), set(b)
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def score(cosine: float, lexical: float, themes: float) -> float:
    """The overlap score, 0..1."""
    return W_DENSE * max(0.0, cosine) + W_LEXICAL * lexical + W_THEMES * themes


def pair_score(a: Question, b: Question, va: np.ndarray, vb: np.ndarray, df: DocumentFrequencies) -> float:
    cosine = float(np.dot(va, vb))
    return score(cosine, lexical_similarity(a.terms, b.terms, df), theme_similarity(a.themes, b.themes))


def shared_keywords(a: Question, b: Question, df: DocumentFrequencies) -> list[str]:
    """The rarest stems both questions use, as the other question writes them."""
    shared = sorted(a.terms & b.terms, key=lambda t: (-df.idf(t), t))
    out: list[str] = []
    for term in shared:
        word = b.surface.get(term) or a.surface.get(term) or term
        if word not in out and len(word) >= 3 and word not in GENERIC:
            out.append(word)
        if len(out) == KEYWORDS_CITED:
            break
    return out


def reasons(a: Question, b: Question, df: DocumentFrequencies) -> tuple[str, ...]:
    """What two questions share, in Dutch for the brokers: themes, keywords, form, level."""
    found: list[str] = []
    themes = [t for t in a.themes if t in b.themes]
    if themes:
        found.append(nl.REASON_THEMES.format(themes=", ".join(nl.THEME_LABELS.get(t, t) for t in themes)))
    keywords = shared_keywords(a, b, df)
    if keywords:
        found.append(nl.REASON_KEYWORDS.format(keywords=", ".join(keywords)))
    if a.form and a.form == b.form:
        found.append(nl.OVERLAP_SAME_FORM.format(form=nl.FORM_LABELS.get(a.form, a.form).lower()))
    if a.level and a.level == b.level and a.level != "beide":
        found.append(nl.OVERLAP_SAME_LEVEL.format(level=a.level))
    return tuple(found)
