from pathlib import Path

import numpy as np

from embeddings.vector_index import VectorIndex, stable_id


def unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_stable_ids_are_equal_everywhere_and_positive() -> None:
    assert stable_id("asg-ab-001") == stable_id("asg-ab-001")
    assert stable_id("asg-ab-001") != stable_id("asg-ab-002")
    assert 0 <= stable_id("x") < 2**63


def test_search_add_remove_save_load(tmp_path: Path) -> None:
    index = VectorIndex.build(3, ["a", "b"], np.stack([unit(1, 0, 0), unit(0, 1, 0)]))
    index.add(["c"], np.stack([unit(1, 1, 0)]))
    assert [doc for doc, _ in index.search(unit(1, 0.1, 0), 2)] == ["a", "c"]
    index.remove(["a"])
    assert "a" not in index and len(index) == 2
    assert [doc for doc, _ in index.search(unit(1, 0, 0), 1)] == ["c"]
    index.save(tmp_path / "v.faiss")
    loaded = VectorIndex.load(tmp_path / "v.faiss", 3, ["b", "c"])
    assert loaded.search(unit(0, 1, 0), 2) == index.search(unit(0, 1, 0), 2)
    np.testing.assert_allclose(loaded.vector("b"), unit(0, 1, 0))


def test_large_indexes_use_hnsw(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from embeddings import vector_index

    monkeypatch.setattr(vector_index, "EXACT_LIMIT", 10)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"d{i}" for i in range(50)]
    index = VectorIndex.build(8, ids, vectors)
    assert index.kind == "hnsw"
    assert index.search(vectors[7], 1)[0][0] == "d7"
