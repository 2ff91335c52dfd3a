"""The overlap index: open and recent questions, searchable for close ones of other organisations.

SQLite stays the truth: the questions are read from the drafts, their embeddings cached in
`draft_vectors` by content hash (only changed texts are embedded again), and this in-memory
index can always be rebuilt at start. A submitted or edited draft is added at once: its vector
goes into the FAISS index (flat, exact, removable), its text into a small list of recent
changes that every check scores directly. The BM25 index (`embeddings.lexical`) that finds
lexical candidates among the rest is rebuilt in a background thread once enough changes
gathered (a rebuild at 10,000 questions takes seconds, a check milliseconds).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlite_utils import Database

from bot.overlap.scoring import (
    THRESHOLD,
    DocumentFrequencies,
    Question,
    analysed,
    pair_score,
    question_texts,
    reasons,
    shared_keywords,
)
from embeddings.encoder import Encoder
from embeddings.lexical import Analyzer, LexicalIndex
from embeddings.vector_index import VectorIndex
from knowledge import catalog, intakes, overlaps
from knowledge.errors import NotFoundError
from knowledge.records import SubmittedDraft

log = logging.getLogger(__name__)

DENSE_CANDIDATES = 30
LEXICAL_CANDIDATES = 30
REBUILD_AFTER = 500  # changes since the last BM25 build before it is built again
DELTA_SHARED = 2  # stems a recent change must share with the question to be scored
CLUSTER_NEIGHBOURS = 10


@dataclass(frozen=True)
class Overlap:
    """A question of another organisation close to this one, with what they share."""

    id: str
    organisation: str
    title: str
    score: float
    why: tuple[str, ...]
    region: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "organisation": self.organisation,
            "title": self.title,
            "score": round(self.score, 3),
            "why": list(self.why),
        }


@dataclass(frozen=True)
class Cluster:
    """Questions of two or more organisations that are connected by overlaps."""

    questions: tuple[Question, ...]
    organisations: tuple[str, ...]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def as_json(self) -> dict[str, object]:
        return {
            "ids": list(self.ids),
            "organisations": list(self.organisations),
            "themes": list(self.themes),
            "keywords": list(self.keywords),
        }


def question_of(draft: SubmittedDraft) -> Question:
    dense, lexical = question_texts(draft.title, draft.draft, draft.intake)
    return Question(
        id=draft.id,
        organisation=draft.organisation,
        title=draft.title,
        dense_text=dense,
        lexical_text=lexical,
        themes=tuple(draft.draft.get("themes") or ()),
        form=draft.draft.get("form") or None,
        level=draft.draft.get("level") or None,
        region=draft.region,
    )


def same_organisation(a: Question, b: Question) -> bool:
    return a.organisation.strip().casefold() == b.organisation.strip().casefold()


class QuestionSet:
    """Questions with their vectors, stems, document frequencies and candidate search; knows no
    database (the bench and the tests of scoring use it directly)."""

    def __init__(
        self,
        dimension: int,
        background: Iterable[str] = (),
        *,
        vocabulary: Iterable[str] = (),
        threshold: float = THRESHOLD,
    ) -> None:
        """`background`: texts (past assignments) that count for how rare a word is;
        `vocabulary`: more texts whose words help split compounds."""
        self.threshold = threshold
        background = list(background)
        self.analyzer = Analyzer.for_corpus([*background, *vocabulary])
        self.df = DocumentFrequencies(frozenset(self.analyzer.terms(t)) for t in background)
        self.vectors = VectorIndex(dimension)
        self.questions: dict[str, Question] = {}
        self._vector_of: dict[str, np.ndarray] = {}
        self._bm25 = LexicalIndex.build([], [])
        self._in_bm25: dict[str, str] = {}  # id -> content hash the BM25 index holds
        self.changed: set[str] = set()  # ids whose text the BM25 index does not hold yet
        self._rebuilding = False
        self.rebuilds = 0
        # The overlap graph (question -> alike questions of other organisations): made at the
        # first `clusters`, then kept current by `put` and `remove`.
        self._edges: dict[str, set[str]] | None = None
        self._lock = threading.Lock()
        self.version = 0

    def __len__(self) -> int:
        return len(self.questions)

    def __contains__(self, question_id: str) -> bool:
        return question_id in self.questions

    def put(self, question: Question, vector: np.ndarray) -> Question:
        """Add or replace a question (its vector already made); returns it analysed."""
        question = analysed(question, self.analyzer)
        with self._lock:
            self._drop(question.id)
            self.questions[question.id] = question
            self._vector_of[question.id] = np.asarray(vector, dtype=np.float32)
            self.vectors.add([question.id], self._vector_of[question.id].reshape(1, -1))
            self.df.add(question.terms)
            if self._in_bm25.get(question.id) != question.content_hash:
                self.changed.add(question.id)
            self.version += 1
        if self._edges is not None:
            self._connect(question)
        return question

    def put_many(self, questions: list[Question], vectors: np.ndarray) -> None:
        """Add many at once (at start): one FAISS addition and one BM25 build."""
        with self._lock:
            analysed_questions = [analysed(q, self.analyzer) for q in questions]
            for question, vector in zip(analysed_questions, vectors, strict=True):
                self._drop(question.id)
                self.questions[question.id] = question
                self._vector_of[question.id] = np.asarray(vector, dtype=np.float32)
                self.df.add(question.terms)
            if questions:
                self.vectors.add([q.id for q in analysed_questions], np.asarray(vectors, dtype=np.float32))
            self.version += 1
            self._edges = None
        self.rebuild_lexical()

    def remove(self, question_id: str) -> None:
        with self._lock:
            self._drop(question_id)
            self.version += 1

    def _drop(self, question_id: str) -> None:
        old = self.questions.pop(question_id, None)
        if old is None:
            return
        self.vectors.remove([question_id])
        self._vector_of.pop(question_id, None)
        self.df.remove(old.terms)
        self.changed.discard(question_id)
        if self._edges is not None:
            for neighbour in self._edges.pop(question_id, set()):
                self._edges.get(neighbour, set()).discard(question_id)

    def vector(self, question_id: str) -> np.ndarray:
        return self._vector_of[question_id]

    def rebuild_lexical(self) -> None:
        """Build the BM25 index over the questions as they are now (about 2 s at 10,000)."""
        with self._lock:
            snapshot = {q.id: (q.content_hash, q.lexical_text) for q in self.questions.values()}
        ids = list(snapshot)
        built = LexicalIndex.build(ids, [snapshot[i][1] for i in ids])
        with self._lock:
            self._bm25 = built
            self._in_bm25 = {i: h for i, (h, _) in snapshot.items()}
            self.changed = {i for i, q in self.questions.items() if self._in_bm25.get(i) != q.content_hash}
            self._rebuilding = False
            self.rebuilds += 1

    def _maybe_rebuild(self) -> None:
        with self._lock:
            due = len(self.changed) >= REBUILD_AFTER and not self._rebuilding
            if due:
                self._rebuilding = True
        if due:
            threading.Thread(target=self.rebuild_lexical, name="overlap-bm25", daemon=True).start()

    def similar(self, question: Question, vector: np.ndarray, k: int = 5) -> list[tuple[Question, float]]:
        """Questions of other organisations scoring at least the threshold, best first."""
        self._maybe_rebuild()
        with self._lock:
            candidates = {i for i, _ in self.vectors.search(vector, DENSE_CANDIDATES)}
            candidates.update(i for i, _ in self._bm25.search(question.lexical_text, LEXICAL_CANDIDATES))
            # Changes the BM25 index does not hold yet: those sharing a few stems (the FAISS index
            # is always current, so the dense candidates include them anyway).
            candidates.update(i for i in self.changed if len(question.terms & self.questions[i].terms) >= DELTA_SHARED)
            scored = []
            for other_id in candidates:
                other = self.questions.get(other_id)
                if other is None or other.id == question.id or same_organisation(question, other):
                    continue
                value = pair_score(question, other, vector, self._vector_of[other_id], self.df)
                if value >= self.threshold:
                    scored.append((other, value))
        scored.sort(key=lambda item: (-item[1], item[0].id))
        return scored[:k]

    def why(self, a: Question, b: Question) -> tuple[str, ...]:
        return reasons(a, b, self.df)

    def _connect(self, question: Question) -> None:
        """Put a question's overlaps into the graph (both ways)."""
        found = self.similar(question, self._vector_of[question.id], CLUSTER_NEIGHBOURS)
        with self._lock:
            if self._edges is None or question.id not in self.questions:
                return
            self._edges.setdefault(question.id, set())
            for other, _ in found:
                self._edges[question.id].add(other.id)
                self._edges.setdefault(other.id, set()).add(question.id)

    def clusters(self) -> list[Cluster]:
        """Connected components of the overlap graph that hold two or more organisations,
        largest first. The first call searches for every question; later ones reuse the graph."""
        if self._edges is None:
            self._edges = {}
            for question in list(self.questions.values()):
                self._connect(question)
        with self._lock:
            edges = {i: set(n) for i, n in self._edges.items()}
            questions = dict(self.questions)
        parent = {i: i for i in questions}

        def root(i: str) -> str:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for question_id, neighbours in edges.items():
            for other_id in neighbours:
                if question_id in parent and other_id in parent:
                    parent[root(question_id)] = root(other_id)
        groups: dict[str, list[Question]] = {}
        for question_id, question in questions.items():
            groups.setdefault(root(question_id), []).append(question)
        found = []
        for members in groups.values():
            organisations = sorted({m.organisation for m in members})
            if len(organisations) < 2:
                continue
            members.sort(key=lambda m: m.id)
            themes = _shared([m.themes for m in members])
            keywords = _shared_keywords(members, edges, questions, self.df)
            found.append(Cluster(tuple(members), tuple(organisations), themes, keywords))
        found.sort(key=lambda c: (-len(c.questions), c.ids))
        return found


def _shared(labels: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Labels two or more members carry, most common first."""
    counts: dict[str, int] = {}
    for member in labels:
        for label in set(member):
            counts[label] = counts.get(label, 0) + 1
    return tuple(label for label, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if n >= 2)


def _shared_keywords(
    members: list[Question], edges: dict[str, set[str]], questions: dict[str, Question], df: DocumentFrequencies
) -> tuple[str, ...]:
    """Keywords the linked pairs of a cluster share, first pairs first, at most six."""
    words: list[str] = []
    for a in members:
        for other_id in sorted(edges.get(a.id, ())):
            if a.id < other_id and other_id in questions:
                words.extend(w for w in shared_keywords(a, questions[other_id], df) if w not in words)
            if len(words) >= 6:
                return tuple(words[:6])
    return tuple(words)


class OverlapIndex:
    """The questions of the database in a `QuestionSet`, loaded at first use and kept current by
    the workflow (`update` on submit, answer and edit). `load_encoder` is called only when a
    text must be embedded (the command line reads cached vectors without loading the model)."""

    def __init__(
        self,
        db: Database,
        model: str,
        load_encoder: Callable[[], Encoder],
        *,
        now: Callable[[], str],
        threshold: float = THRESHOLD,
    ) -> None:
        self.db = db
        self.model = model
        self._load_encoder = load_encoder
        self._encoder: Encoder | None = None
        self.now = now
        self.threshold = threshold
        self._set: QuestionSet | None = None
        self._clusters: tuple[int, list[Cluster]] | None = None

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = self._load_encoder()
        return self._encoder

    def since(self) -> str:
        moment = datetime.fromisoformat(self.now()) - timedelta(days=overlaps.RECENT_DAYS)
        return moment.isoformat(timespec="seconds")

    def questions(self) -> QuestionSet:
        """The loaded set; the first call reads the drafts and embeds what is not cached."""
        if self._set is None:
            self._set = self._load()
        return self._set

    def _load(self) -> QuestionSet:
        drafts = overlaps.comparable_drafts(self.db, self.since())
        wanted = [question_of(d) for d in drafts]
        cached = overlaps.cached_vectors(self.db, self.model)
        missing = [q for q in wanted if cached.get(q.id, ("",))[0] != q.content_hash]
        missing_ids = {q.id for q in missing}
        vectors: dict[str, np.ndarray] = {
            q.id: np.frombuffer(cached[q.id][1], dtype=np.float32) for q in wanted if q.id not in missing_ids
        }
        if missing:
            made = self.encoder.encode_passages([q.dense_text for q in missing])
            overlaps.save_vectors(
                self.db, self.model, [(q.id, q.content_hash, v.tobytes()) for q, v in zip(missing, made, strict=True)]
            )
            vectors.update({q.id: v for q, v in zip(missing, made, strict=True)})
        stale = [i for i in cached if i not in {q.id for q in wanted}]
        if stale:
            overlaps.drop_vectors(self.db, stale)
        dimension = len(next(iter(vectors.values()))) if vectors else self.encoder.dimension
        background = [f"{a.title} {a.problem}" for a in catalog.assignments(self.db).values()]
        found = QuestionSet(
            dimension, background, vocabulary=[q.lexical_text for q in wanted], threshold=self.threshold
        )
        found.put_many(wanted, np.stack([vectors[q.id] for q in wanted]) if wanted else np.zeros((0, dimension)))
        log.info("Overlap index: %d questions, %d embedded", len(wanted), len(missing))
        return found

    def update(self, draft: SubmittedDraft) -> None:
        """Bring one draft up to date: in the index when it is open or recent, out otherwise."""
        found = self.questions()
        comparable = draft.state in intakes.OPEN_STATES or (
            draft.state == "completed" and draft.updated_at >= self.since()
        )
        if not comparable:
            if draft.id in found:
                found.remove(draft.id)
                overlaps.drop_vectors(self.db, [draft.id])
            return
        question = question_of(draft)
        cached = overlaps.cached_vectors_of(self.db, self.model, draft.id)
        if cached is not None and cached[0] == question.content_hash:
            vector = np.frombuffer(cached[1], dtype=np.float32)
        else:
            vector = self.encoder.encode_passages([question.dense_text])[0]
            overlaps.save_vectors(self.db, self.model, [(draft.id, question.content_hash, vector.tobytes())])
        found.put(question, vector)

    def overlaps_of(self, draft_id: str, k: int = 5) -> list[Overlap]:
        if self._set is None:  # nothing to compare with: answered without loading (or a model)
            try:
                organisation = intakes.get_draft(self.db, draft_id).organisation
            except NotFoundError:
                return []
            if not overlaps.others_asking(self.db, organisation, self.since()):
                return []
        found = self.questions()
        question = found.questions.get(draft_id)
        if question is None:
            return []
        return [
            Overlap(other.id, other.organisation, other.title, value, found.why(question, other), other.region)
            for other, value in found.similar(question, found.vector(draft_id), k)
        ]

    def clusters(self) -> list[Cluster]:
        """The clusters, computed again only after the questions changed."""
        found = self.questions()
        if self._clusters is None or self._clusters[0] != found.version:
            self._clusters = (found.version, found.clusters())
        return self._clusters[1]
