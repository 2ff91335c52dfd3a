"""The index folder is a cache: reused when current, repaired when not, never trusted blindly."""

import logging
from pathlib import Path

from embeddings.collection import Collection, Document
from tests.support.fakes import FakeEncoder

DOCS = [
    Document("a", "laptops krijgen updates te laat"),
    Document("b", "burgers begrijpen de brieven niet"),
    Document("c", "het roostersysteem valt om"),
]


def test_sync_embeds_only_what_changed(tmp_path: Path) -> None:
    encoder = FakeEncoder()
    collection = Collection("t", tmp_path, encoder)
    first = collection.sync(DOCS, "1")
    assert (first.embedded, first.reused) == (3, 0)
    changed = [DOCS[0], Document("b", "burgers begrijpen de brieven over toeslagen niet"), Document("d", "nieuw")]
    again = Collection("t", tmp_path, encoder).sync(changed, "2")
    assert (again.embedded, again.reused, again.removed) == (2, 1, 1)
    assert encoder.embedded == 5


def test_open_loads_from_disk_without_embedding(tmp_path: Path) -> None:
    Collection("t", tmp_path, FakeEncoder()).sync(DOCS, "7")
    encoder = FakeEncoder()
    collection = Collection("t", tmp_path, encoder)
    assert collection.open("7")
    assert encoder.embedded == 0
    assert collection.search_lexical("roostersysteem", 1)[0][0] == "c"
    assert not Collection("t", tmp_path, FakeEncoder()).open("8")  # knowledge changed since


def test_corrupt_index_file_is_rebuilt_with_a_log_line(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    Collection("t", tmp_path, FakeEncoder()).sync(DOCS, "1")
    (tmp_path / "vectors.faiss").write_bytes(b"garbage")
    collection = Collection("t", tmp_path, FakeEncoder())
    with caplog.at_level(logging.WARNING):
        assert not collection.open("1")
        report = collection.sync(DOCS, "1")
    assert "beschadigd" in caplog.text
    assert report.rebuilt and report.embedded == 3
    assert collection.search_dense(FakeEncoder().encode_queries(["brieven"])[0], 1)[0][0] == "b"


def test_missing_meta_means_rebuild(tmp_path: Path) -> None:
    Collection("t", tmp_path, FakeEncoder()).sync(DOCS, "1")
    (tmp_path / "meta.json").unlink()
    assert not Collection("t", tmp_path, FakeEncoder()).open("1")


def test_another_model_means_rebuild(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    Collection("t", tmp_path, FakeEncoder()).sync(DOCS, "1")
    other = FakeEncoder(name="another-model")
    with caplog.at_level(logging.WARNING):
        report = Collection("t", tmp_path, other).sync(DOCS, "1")
    assert report.embedded == 3 and "another-model" in caplog.text
