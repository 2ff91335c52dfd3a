"""A FAISS inner-product index over normalised vectors, addressed by string ids.

String ids map to stable 63-bit integers (a hash), so an id keeps its FAISS id across
rebuilds and additions. Up to `EXACT_LIMIT` vectors the index is exact (flat); above it,
HNSW keeps a single query around a millisecond even at a million vectors, where a flat scan
reads every vector (150 MB at 100k) and takes tens of milliseconds on these two cores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import faiss
import numpy as np

EXACT_LIMIT = 20_000
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96


_BUILD_THREADS = 1
BULK = 10_000  # additions at least this large use the build threads


def set_threads(*, search: int, build: int) -> None:
    global _BUILD_THREADS
    _BUILD_THREADS = build
    faiss.omp_set_num_threads(search)


@contextmanager
def _build_threads(count: int) -> Iterator[None]:
    if count < BULK or _BUILD_THREADS <= 1:
        yield
        return
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(_BUILD_THREADS)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(previous)


def stable_id(doc_id: str) -> int:
    """A 63-bit integer for a string id, equal on every machine and every run."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def _new_index(dimension: int, expected: int) -> faiss.Index:
    inner: faiss.Index
    if expected > EXACT_LIMIT:
        inner = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        inner.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        inner.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        inner = faiss.IndexFlatIP(dimension)
    return faiss.IndexIDMap2(inner)


class VectorIndex:
    """Vectors by string id; search returns (id, cosine similarity) pairs."""

    def __init__(self, dimension: int, index: faiss.Index | None = None, ids: Sequence[str] = ()) -> None:
        self.dimension = dimension
        self._index = index if index is not None else _new_index(dimension, 0)
        self._by_int: dict[int, str] = {stable_id(i): i for i in ids}

    @classmethod
    def build(cls, dimension: int, ids: Sequence[str], vectors: np.ndarray) -> VectorIndex:
        index = _new_index(dimension, len(ids))
        vi = cls(dimension, index)
        vi.add(ids, vectors)
        return vi

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def kind(self) -> str:
        inner = faiss.downcast_index(self._index.index)  # type: ignore[attr-defined]
        return "hnsw" if "HNSW" in type(inner).__name__ else "flat"

    def __contains__(self, doc_id: str) -> bool:
        return stable_id(doc_id) in self._by_int

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        if not len(ids):
            return
        ints = np.array([stable_id(i) for i in ids], dtype=np.int64)
        with _build_threads(len(ids)):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ints)
        self._by_int.update(zip(ints.tolist(), ids, strict=True))

    def remove(self, ids: Sequence[str]) -> None:
        if not len(ids):
            return
        ints = np.array([stable_id(i) for i in ids], dtype=np.int64)
        self._index.remove_ids(ints)  # type: ignore[arg-type]
        for value in ints.tolist():
            self._by_int.pop(value, None)

    def vector(self, doc_id: str) -> np.ndarray:
        return np.asarray(self._index.reconstruct(stable_id(doc_id)), dtype=np.float32)

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        if len(self) == 0 or k <= 0:
            return []
        scores, ints = self._index.search(query.reshape(1, -1).astype(np.float32), min(k, len(self)))
        return [
            (self._by_int[int(i)], float(s))
            for i, s in zip(ints[0], scores[0], strict=True)
            if i != -1 and int(i) in self._by_int
        ]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        faiss.write_index(self._index, str(tmp))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, dimension: int, ids: Sequence[str]) -> VectorIndex:
        index = faiss.read_index(str(path))
        if index.d != dimension or index.ntotal != len(ids):
            raise ValueError(f"index heeft {index.ntotal}x{index.d}, verwacht {len(ids)}x{dimension}")
        return cls(dimension, index, ids)
