"""The ONNX Runtime encoder: same vectors as sentence-transformers, exported once, no torch after."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.matching.evaluation import load_queries
from embeddings.encoder import SentenceEncoder, load_encoder, resolve_model_path
from embeddings.onnx_encoder import MODEL_FILE, OnnxEncoder, normalize, pool
from embeddings.onnx_export import ExportError, read_modules, source_hash
from knowledge import catalog
from knowledge.database import open_database
from knowledge.example_data import load_example_data

EVAL_SET = Path(__file__).parent / "data" / "eval_queries.json"
ROOT = Path(__file__).resolve().parent.parent


def write_model_folder(folder: Path, modules: list[dict[str, str]] | None, pooling: dict[str, object] | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if modules is not None:
        (folder / "modules.json").write_text(json.dumps(modules))
    if pooling is not None:
        (folder / "1_Pooling").mkdir(exist_ok=True)
        (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    return folder


STANDARD_MODULES = [
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
]


def test_modules_are_read_from_the_model_files(tmp_path: Path) -> None:
    legacy = write_model_folder(
        tmp_path / "legacy", STANDARD_MODULES, {"word_embedding_dimension": 4, "pooling_mode_mean_tokens": True}
    )
    assert read_modules(legacy) == (["Transformer", "Pooling", "Normalize"], "mean")
    new = write_model_folder(tmp_path / "new", STANDARD_MODULES[:2], {"pooling_mode": "cls"})
    assert read_modules(new) == (["Transformer", "Pooling"], "cls")


@pytest.mark.parametrize(
    ("modules", "pooling", "reason"),
    [
        (STANDARD_MODULES, {"pooling_mode": "weightedmean"}, "pooling"),
        (STANDARD_MODULES, {"pooling_mode": ["mean", "max"]}, "pooling"),
        (STANDARD_MODULES, {"pooling_mode": "mean", "include_prompt": False}, "include_prompt"),
        (
            [*STANDARD_MODULES[:2], {"idx": 2, "path": "2_Dense", "type": "sentence_transformers.models.Dense"}],
            {"pooling_mode": "mean"},
            "Dense",
        ),
        (None, {"pooling_mode": "mean"}, "modules.json"),
        (STANDARD_MODULES, None, "modules.json"),
    ],
)
def test_models_we_cannot_run_faithfully_are_refused(
    tmp_path: Path, modules: list[dict[str, str]] | None, pooling: dict[str, object] | None, reason: str
) -> None:
    with pytest.raises(ExportError, match=reason):
        read_modules(write_model_folder(tmp_path / "model", modules, pooling))


def test_pooling_ignores_padding_as_sentence_transformers_does() -> None:
    tokens = np.array([[[1.0, 2.0], [3.0, 4.0], [100.0, -100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    assert pool(tokens, mask, "mean").tolist() == [[2.0, 3.0]]
    assert pool(tokens, mask, "cls").tolist() == [[1.0, 2.0]]
    assert pool(tokens, mask, "max").tolist() == [[3.0, 4.0]]
    assert np.allclose(pool(tokens, mask, "mean_sqrt_len_tokens"), [[4.0 / np.sqrt(2), 6.0 / np.sqrt(2)]])
    assert np.allclose(normalize(np.array([[3.0, 4.0], [0.0, 0.0]])), [[0.6, 0.8], [0.0, 0.0]])


def test_the_source_hash_follows_content_and_is_remembered(tmp_path: Path) -> None:
    model = write_model_folder(tmp_path / "model", STANDARD_MODULES, {"pooling_mode": "mean"})
    (model / "weights.bin").write_bytes(b"a" * 1000)
    cache = tmp_path / "cache"
    first = source_hash(model, cache)
    assert source_hash(model, cache) == first
    assert len(list((cache / "sources").iterdir())) == 1
    (model / "weights.bin").write_bytes(b"b" * 1000)
    os.utime(model / "weights.bin", ns=(1, 1))  # another mtime, as any rewrite gives
    assert source_hash(model, cache) != first
    other = shutil.copytree(model, tmp_path / "copy")
    (other / "weights.bin").write_bytes(b"a" * 1000)
    assert source_hash(other, cache) == first  # same content elsewhere: same export


# --- with the real model -----------------------------------------------------------------


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_encoder(model_cache: Path) -> OnnxEncoder:
    encoder = load_encoder(None, model_cache)
    assert isinstance(encoder, OnnxEncoder)
    return encoder


def evaluation_texts() -> list[str]:
    queries = [q.text for q in load_queries(EVAL_SET)]
    db = open_database(":memory:")
    load_example_data(db)
    assignments = sorted(catalog.assignments(db).values(), key=lambda a: a.id)
    db.close()
    sample = [f"{a.title}. {a.problem}" for a in assignments[::3]]
    return queries + sample + ["", "a", "  spaties rondom  ", "lang " * 400]


@pytest.mark.slow
def test_onnx_vectors_equal_sentence_transformers(onnx_encoder: OnnxEncoder, real_encoder: SentenceEncoder) -> None:
    texts = evaluation_texts()
    assert len(texts) > 150
    for ours, reference in (
        (onnx_encoder.encode_queries(texts), real_encoder.encode_queries(texts)),
        (onnx_encoder.encode_passages(texts), real_encoder.encode_passages(texts)),
        (onnx_encoder.encode_queries(texts[:1]), real_encoder.encode_queries(texts[:1])),
    ):
        assert ours.shape == reference.shape and ours.dtype == np.float32
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        assert float(np.min(np.sum(ours * reference, axis=1))) >= 0.9999


@pytest.mark.slow
def test_a_cached_export_encodes_without_torch(onnx_encoder: OnnxEncoder, model_cache: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "from embeddings.encoder import load_encoder\n"
        f"encoder = load_encoder(None, Path({str(model_cache)!r}))\n"
        "vector = encoder.encode_queries(['brieven die burgers niet snappen'])[0]\n"
        "assert type(encoder).__name__ == 'OnnxEncoder', type(encoder)\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
        "print(len(vector))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "384"


@pytest.mark.slow
def test_a_damaged_export_is_made_again(onnx_encoder: OnnxEncoder, tmp_path: Path) -> None:
    cache = tmp_path / "models"
    shutil.copytree(onnx_encoder.folder, cache / onnx_encoder.folder.name)
    shutil.copytree(onnx_encoder.folder.parent / "sources", cache / "sources")
    (cache / onnx_encoder.folder.name / MODEL_FILE).write_bytes(b"not an onnx graph")
    encoder = load_encoder(None, cache)
    assert isinstance(encoder, OnnxEncoder)
    assert encoder.folder == cache / onnx_encoder.folder.name
    assert encoder.encode_queries(["toeslagen"]).shape == (1, 384)


@pytest.mark.slow
def test_a_model_that_cannot_be_exported_runs_with_sentence_transformers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another model (VRAAGWIJZER_MODEL is a folder): here the bundled one with a pooling mode
    the export does not do; sentence-transformers runs it, and the log says why."""
    bundled = Path(resolve_model_path(None))
    model = tmp_path / "weighted-model"
    shutil.copytree(bundled, model, ignore=shutil.ignore_patterns("model.safetensors"))
    (model / "model.safetensors").symlink_to(bundled / "model.safetensors")
    config = json.loads((model / "1_Pooling" / "config.json").read_text())
    config = {k: v for k, v in config.items() if not k.startswith("pooling_mode")} | {"pooling_mode": "weightedmean"}
    (model / "1_Pooling" / "config.json").write_text(json.dumps(config))
    with caplog.at_level(logging.WARNING, logger="embeddings.encoder"):
        encoder = load_encoder(str(model), tmp_path / "models")
    assert isinstance(encoder, SentenceEncoder)
    assert "draait met sentence-transformers" in caplog.text and "weightedmean" in caplog.text
    assert encoder.encode_queries(["toeslagen"]).shape == (1, 384)
