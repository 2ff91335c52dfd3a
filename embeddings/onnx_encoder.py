"""Sentence embeddings with ONNX Runtime and `tokenizers`: the exported model, without torch.

An export folder (written by `embeddings.onnx_export`) holds `model.onnx` (the transformer,
token embeddings out), `tokenizer.json` (the model's fast tokenizer) and `encoder.json`
(what the sentence-transformers modules say: truncation length, pooling mode, whether to
normalise, prompts). Pooling and normalisation happen here in numpy, exactly as the
sentence-transformers `Pooling` and `Normalize` modules do them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

log = logging.getLogger(__name__)

EXPORT_FORMAT = 1
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
SPEC_FILE = "encoder.json"
BATCH_SIZE = 64
POOLING_MODES = ("mean", "cls", "max", "mean_sqrt_len_tokens")  # sentence-transformers' names


@dataclass(frozen=True)
class EncoderSpec:
    """How to turn the transformer's token embeddings into one sentence vector."""

    name: str
    source_hash: str
    dimension: int
    max_seq_length: int
    do_lower_case: bool
    pooling: str
    normalize: bool
    query_prompt: str
    passage_prompt: str
    inputs: tuple[str, ...]
    pad_id: int
    pad_token: str
    format: int = EXPORT_FORMAT

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "inputs": list(self.inputs)}, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> EncoderSpec:
        data = json.loads(text)
        if data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"exportformaat {data.get('format')}, verwacht {EXPORT_FORMAT}")
        if data["pooling"] not in POOLING_MODES:
            raise ValueError(f"onbekende pooling {data['pooling']!r}")
        return cls(**{**data, "inputs": tuple(data["inputs"])})


def pool(token_embeddings: np.ndarray, attention_mask: np.ndarray, mode: str) -> np.ndarray:
    """Sentence vectors from token embeddings (batch, tokens, dim), as sentence-transformers'
    `Pooling` module computes them for one pooling mode."""
    mask = attention_mask[..., None].astype(np.float32)
    if mode == "cls":
        return token_embeddings[:, 0]
    if mode == "max":
        return np.where(mask > 0, token_embeddings, -1e9).max(axis=1)
    summed = (token_embeddings * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    return summed / (np.sqrt(counts) if mode == "mean_sqrt_len_tokens" else counts)


def normalize(vectors: np.ndarray) -> np.ndarray:
    """L2 normalisation as torch.nn.functional.normalize does it (norm clamped at 1e-12)."""
    norms = np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return vectors / norms


class OnnxEncoder:
    """An exported sentence-transformers model run by ONNX Runtime on the CPU."""

    def __init__(self, folder: Path, *, threads: int) -> None:
        self.folder = folder
        self.spec = EncoderSpec.from_json((folder / SPEC_FILE).read_text(encoding="utf-8"))
        self.name = self.spec.name
        self.dimension = self.spec.dimension
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.spec.max_seq_length, strategy="longest_first")
        tokenizer.enable_padding(pad_id=self.spec.pad_id, pad_token=self.spec.pad_token)
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(folder / MODEL_FILE), sess_options=options, providers=["CPUExecutionProvider"]
        )
        log.info("Embeddingmodel %s geladen met ONNX Runtime (%s, %d threads)", self.name, folder.name, threads)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.spec.query_prompt + t for t in texts], progress=False)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._encode([self.spec.passage_prompt + t for t in texts], progress=progress)

    def _encode(self, texts: list[str], *, progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        # sentence-transformers strips each text (and lower-cases it when configured).
        prepared = [t.strip().lower() if self.spec.do_lower_case else t.strip() for t in texts]
        # Longest first, as sentence-transformers does: batches of similar length pad little.
        order = sorted(range(len(prepared)), key=lambda i: -len(prepared[i]))
        for done, start in enumerate(range(0, len(order), BATCH_SIZE), start=1):
            batch = order[start : start + BATCH_SIZE]
            out[batch] = self._encode_batch([prepared[i] for i in batch])
            if progress and done % 20 == 0:
                log.info("Embeddings berekend: %d van %d", min(start + BATCH_SIZE, len(order)), len(order))
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.spec.inputs:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (tokens,) = self._session.run(["token_embeddings"], feeds)
        vectors = pool(tokens, mask, self.spec.pooling)
        if self.spec.normalize:
            vectors = normalize(vectors)
        return np.ascontiguousarray(vectors, dtype=np.float32)
