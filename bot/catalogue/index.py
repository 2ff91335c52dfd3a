"""Hybrid search over the catalogue's questions, in memory: dense vectors (FAISS) and Dutch BM25,
fused with reciprocal rank fusion, filtered by theme, level, form and region.

The vector index is updated per question; the BM25 index is rebuilt when a question changes
(bm25s cannot add to an index), which takes well under a second for thousands of questions.
Without an encoder (pages tested on their own) the search is lexical only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.catalogue.public import PublicQuestion
from embeddings.encoder import Encoder
from embeddings.fusion import reciprocal_rank_fusion
from embeddings.lexical import LexicalIndex, QueryExpander
from embeddings.vector_index import VectorIndex

log = logging.getLogger(__name__)

CANDIDATES = 400  # from each retriever
INLINE_REBUILD = 2000  # from this many questions on, BM25 is rebuilt in the background
FILTERED_CANDIDATES = 1500  # from the vector index when filters apply (they are applied after it)
# A question the vector side finds counts when it is this close (cosine) and near the best hit;
# looser, and a catalogue of a few hundred questions answers a third of them to any query
# (measured on the 270 example assignments with the bundled model).
DENSE_FLOOR = 0.40
DENSE_RELATIVE = 0.85
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 1.0


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    level: str = ""
    form: str = ""
    region: str = ""

    def accept(self, q: PublicQuestion) -> bool:
        return (
            (not self.theme or self.theme in q.themes)
            and (not self.level or q.level in self.levels)
            and (not self.form or q.form == self.form)
            and (not self.region or q.region == self.region)
        )

    @property
    def levels(self) -> tuple[str, ...]:
        """A question for "beide" (hbo or wo) fits a search for hbo and one for wo."""
        return (self.level,) if self.level in ("", "beide") else (self.level, "beide")


class _Columns:
    """The filterable fields of the questions in index order, as numpy arrays: a filter is a
    few vector operations, not a Python loop over thousands of questions."""

    def __init__(self, questions: list[PublicQuestion]) -> None:
        self.themes = {
            theme: np.array([theme in q.themes for q in questions], dtype=bool)
            for theme in {t for q in questions for t in q.themes}
        }
        self.level = np.array([q.level or "" for q in questions], dtype=object)
        self.form = np.array([q.form or "" for q in questions], dtype=object)
        self.region = np.array([q.region for q in questions], dtype=object)
        self.size = len(questions)

    def mask(self, filters: Filters) -> np.ndarray:
        allowed = np.ones(self.size, dtype=bool)
        if filters.theme:
            allowed &= self.themes.get(filters.theme, np.zeros(self.size, dtype=bool))
        if filters.level:
            allowed &= np.isin(self.level, filters.levels)
        if filters.form:
            allowed &= self.form == filters.form
        if filters.region:
            allowed &= self.region == filters.region
        return allowed


@dataclass(frozen=True)
class _View:
    """The questions in index order with their filter columns and BM25 index, built together
    so a search always reads one consistent set."""

    order: list[str]
    columns: _Columns
    lexical: LexicalIndex

    @classmethod
    def of(cls, questions: dict[str, PublicQuestion]) -> _View:
        ordered = sorted(questions.values(), key=lambda q: (q.published_at, q.id), reverse=True)
        order = [q.id for q in ordered]
        return cls(order, _Columns(ordered), LexicalIndex.build(order, [q.passage for q in ordered]))


class CatalogueIndex:
    """The questions by id, newest first, with their vector and lexical indexes.

    A change is in the vector index at once. The BM25 index is rebuilt with it when the catalogue
    is small; from `INLINE_REBUILD` questions on it is rebuilt in a background thread (seconds at
    10,000), so an approval never holds the workflow's lock that long; meanwhile searches read
    the previous build.
    """

    def __init__(self, encoder: Encoder | None, expander: QueryExpander | None = None) -> None:
        self.encoder = encoder
        self.expander = expander
        self._lock = threading.Lock()
        self._questions: dict[str, PublicQuestion] = {}  # replaced, never changed in place
        self._view = _View.of({})
        self._vectors = VectorIndex(encoder.dimension) if encoder else None
        self._stale = threading.Event()
        self._builder: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self._questions)

    @property
    def dense(self) -> bool:
        return self.encoder is not None

    def get(self, question_id: str) -> PublicQuestion | None:
        return self._questions.get(question_id)

    def replace_all(self, questions: Iterable[PublicQuestion], vectors: np.ndarray | None = None) -> None:
        """Index these questions (and nothing else); `vectors` when already encoded (the bench)."""
        chosen = {q.id: q for q in questions}
        if self.encoder is not None and vectors is None:
            vectors = self.encoder.encode_passages([q.passage for q in chosen.values()])
        view = _View.of(chosen)
        with self._lock:
            self._questions = chosen
            if self.encoder is not None and vectors is not None:
                self._vectors = VectorIndex.build(self.encoder.dimension, list(chosen), vectors)
            self._view = view

    def put(self, question: PublicQuestion) -> None:
        """Add a question or replace its earlier version."""
        vector = self.encoder.encode_passages([question.passage]) if self.encoder else None
        with self._lock:
            if self._vectors is not None and vector is not None:
                if question.id in self._vectors:
                    self._vectors.remove([question.id])
                self._vectors.add([question.id], vector)
            self._questions = {**self._questions, question.id: question}
        self._rebuild()

    def drop(self, question_id: str) -> bool:
        with self._lock:
            if question_id not in self._questions:
                return False
            if self._vectors is not None and question_id in self._vectors:
                self._vectors.remove([question_id])
            self._questions = {k: q for k, q in self._questions.items() if k != question_id}
        self._rebuild()
        return True

    def _rebuild(self) -> None:
        if len(self._questions) < INLINE_REBUILD:
            self._view = _View.of(self._questions)
            return
        self._stale.set()
        with self._lock:
            if self._builder is None or not self._builder.is_alive():
                self._builder = threading.Thread(target=self._rebuild_while_stale, name="catalogue-bm25", daemon=True)
                self._builder.start()

    def _rebuild_while_stale(self) -> None:
        while self._stale.is_set():
            self._stale.clear()
            try:
                self._view = _View.of(self._questions)
            except Exception:  # the previous build keeps serving; the next change tries again
                log.exception("Could not rebuild the catalogue's BM25 index")

    def wait_until_current(self, timeout: float = 60.0) -> None:
        """Until a background rebuild is done (the bench and tests)."""
        builder = self._builder
        if builder is not None:
            builder.join(timeout)

    def search(self, query: str, filters: Filters) -> list[PublicQuestion]:
        """The questions that pass the filters: best match first for a query, else newest first."""
        query = query.strip()
        questions, view, vectors = self._questions, self._view, self._vectors
        allowed = view.columns.mask(filters)
        if not query:
            return [questions[view.order[i]] for i in np.flatnonzero(allowed) if view.order[i] in questions]
        if not allowed.any():
            return []
        expanded = self.expander.expand(query) if self.expander else query
        words = [doc for doc, _ in view.lexical.search(expanded, CANDIDATES, allowed=allowed.astype(np.float32))]
        rankings: list[tuple[list[str], float]] = [(words, LEXICAL_WEIGHT)]
        if self.encoder is not None and vectors is not None and len(vectors):
            # More candidates when the filters leave few questions, so enough of them pass.
            k = CANDIDATES if allowed.all() else FILTERED_CANDIDATES
            vector = self.encoder.encode_queries([query])[0]
            with self._lock:  # not while a question is added or removed
                hits = vectors.search(vector, k)
            floor = max(DENSE_FLOOR, DENSE_RELATIVE * hits[0][1]) if hits else DENSE_FLOOR
            close = [doc for doc, score in hits if score >= floor and doc in questions]
            rankings.append(([doc for doc in close if filters.accept(questions[doc])][:CANDIDATES], DENSE_WEIGHT))
        return [questions[doc] for doc, _ in reciprocal_rank_fusion(rankings) if doc in questions]
