"""The export cache: a sentence-transformers model exported once to ONNX, kept under a hash
of the model's files.

    <cache>/<hash of the model files>/model.onnx, tokenizer.json, encoder.json

The hash covers every file of the model folder (content, not dates), so a changed or other
model gets its own export. Hashing 90 MB takes about 0.1 s, too long for every start of
`vraagwijzer match`: the content hash is remembered per (path, size, mtime) of the files in
`<cache>/sources/`, and recomputed when any of those change.

Exporting needs torch and sentence-transformers (imported only here, only when exporting);
using an export needs neither. An export is checked against sentence-transformers on probe
texts before it is kept; a model that cannot be exported faithfully raises `ExportError`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.errors import EmbeddingsError
from embeddings.onnx_encoder import (
    EXPORT_FORMAT,
    MODEL_FILE,
    POOLING_MODES,
    SPEC_FILE,
    TOKENIZER_FILE,
    EncoderSpec,
    OnnxEncoder,
)

log = logging.getLogger(__name__)

OPSET = 17
MIN_COSINE = 0.9999
PROBES = (
    "Onze medewerkers zoeken zich suf in duizenden werkinstructies.",
    "ons roostersysteem valt elke maandagochtend om",
    "we get more and more phishing mails with fake invoices",
    "a",
    "",
    "sensoren " * 300,  # longer than any model reads: truncation must agree
)
_LEGACY_POOLING_KEYS = {
    "pooling_mode_cls_token": "cls",
    "pooling_mode_max_tokens": "max",
    "pooling_mode_mean_tokens": "mean",
    "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens",
    "pooling_mode_weightedmean_tokens": "weightedmean",
    "pooling_mode_lasttoken": "lasttoken",
}


class ExportError(EmbeddingsError):
    """The model cannot be run by ONNX Runtime exactly as sentence-transformers runs it."""


def model_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and ".git" not in p.parts)


def source_hash(model_path: Path, cache: Path) -> str:
    """A content hash of the model folder, remembered per (path, size, mtime) of its files."""
    files = model_files(model_path)
    if not files:
        raise ExportError(f"geen modelbestanden in {model_path}")
    signature = hashlib.sha256(f"{EXPORT_FORMAT}\n{model_path.resolve()}\n".encode())
    for file in files:
        stat = file.stat()
        signature.update(f"{file.relative_to(model_path)}\x00{stat.st_size}\x00{stat.st_mtime_ns}\n".encode())
    memo = cache / "sources" / f"{signature.hexdigest()[:32]}.txt"
    if memo.exists():
        remembered = memo.read_text(encoding="ascii").strip()
        if len(remembered) == 64:
            return remembered
    content = hashlib.sha256(f"format {EXPORT_FORMAT}\n".encode())
    for file in files:
        content.update(f"{file.relative_to(model_path)}\n".encode())
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 22):
                content.update(chunk)
    digest = content.hexdigest()
    _write_atomic(memo, digest)
    return digest


def export_folder(model_path: Path, cache: Path) -> Path:
    return cache / source_hash(model_path, cache)[:24]


def is_complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE, SPEC_FILE))


def export(
    model: Any, model_path: Path, *, name: str, prompts: tuple[str, str], folder: Path, source: str, threads: int
) -> Path:
    """Export a `SentenceTransformer` loaded from `model_path` into `folder` (written whole or
    not at all) and check it against the model itself. `prompts`: (query, passage) prompts."""
    import torch
    from sentence_transformers.base.modules.transformer import Transformer

    kinds, mode = read_modules(model_path)
    transformer = model[0]
    if not isinstance(transformer, Transformer):
        raise ExportError(f"module 0 is {type(transformer).__name__}, geen Transformer")
    tokenizer = transformer.tokenizer
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ExportError("het model heeft geen snelle tokenizer (tokenizer.json)")
    auto_model = transformer.auto_model
    accepted = inspect.signature(auto_model.forward).parameters
    sample = tokenizer(["probe"], return_tensors="pt")
    inputs = tuple(n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample and n in accepted)
    if inputs[:2] != ("input_ids", "attention_mask"):
        raise ExportError(f"onverwachte invoer {inputs}")
    max_length = int(transformer.max_seq_length or tokenizer.model_max_length)
    spec = EncoderSpec(
        name=name,
        source_hash=source,
        dimension=int(model.get_embedding_dimension() or 0),
        max_seq_length=max_length,
        do_lower_case=bool(getattr(transformer, "do_lower_case", False)),
        pooling=mode,
        normalize=kinds[-1] == "Normalize",
        query_prompt=prompts[0],
        passage_prompt=prompts[1],
        inputs=inputs,
        pad_id=int(tokenizer.pad_token_id or 0),
        pad_token=str(tokenizer.pad_token or "[PAD]"),
    )

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = auto_model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(inputs, tensors, strict=True))).last_hidden_state

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        example = tokenizer(["een voorbeeldzin", "nog een wat langere voorbeeldzin"], padding=True, return_tensors="pt")
        dynamic = {n: {0: "batch", 1: "tokens"} for n in (*inputs, "token_embeddings")}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on constants, checked below instead
            torch.onnx.export(
                TokenEmbeddings().eval(),
                tuple(example[n] for n in inputs),
                str(work / MODEL_FILE),
                input_names=list(inputs),
                output_names=["token_embeddings"],
                dynamic_axes=dynamic,
                opset_version=OPSET,
                dynamo=False,  # the TorchScript exporter handles BERT-like models in seconds
            )
        backend.save(str(work / TOKENIZER_FILE))
        (work / SPEC_FILE).write_text(spec.to_json(), encoding="utf-8")
        work.chmod(0o755)
        _check(model, OnnxEncoder(work, threads=threads), prompts)
        try:
            os.replace(work, folder)
        except OSError:
            if not is_complete(folder):  # another process did not finish it either
                raise
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(f"export naar ONNX mislukt: {error}") from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("Embeddingmodel %s geëxporteerd naar ONNX in %s", name, folder)
    return folder


def read_modules(model_path: Path) -> tuple[list[str], str]:
    """(module kinds, pooling mode) as the model's modules.json and pooling config say;
    ExportError for anything but Transformer, Pooling (one plain mode) and Normalize."""
    try:
        modules = json.loads((model_path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m["type"]).rsplit(".", 1)[-1] for m in modules]
        pooling_dir = next(m["path"] for m in modules if str(m["type"]).endswith(".Pooling"))
        config = json.loads((model_path / pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration) as error:
        raise ExportError(f"modules.json of de poolingconfiguratie ontbreekt of is onleesbaar: {error}") from error
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise ExportError(f"modules {kinds}: alleen Transformer, Pooling en Normalize worden geëxporteerd")
    if "pooling_mode" in config:  # sentence-transformers 6 writes one key
        mode = config["pooling_mode"]
        modes = [mode] if isinstance(mode, str) else list(mode)
    else:  # older versions write one boolean per mode; none set means mean
        modes = [mode for key, mode in _LEGACY_POOLING_KEYS.items() if config.get(key)] or ["mean"]
    if len(modes) != 1 or modes[0] not in POOLING_MODES:
        raise ExportError(f"pooling {modes} wordt niet ondersteund (één van {', '.join(POOLING_MODES)})")
    if config.get("include_prompt") is False:
        raise ExportError("pooling zonder prompt (include_prompt: false) wordt niet ondersteund")
    return kinds, modes[0]


def _check(model: Any, encoder: OnnxEncoder, prompts: tuple[str, str]) -> None:
    texts = [prompts[0] + t for t in PROBES]
    reference = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=len(texts))
    ours = encoder.encode_queries(list(PROBES))
    ours = ours / np.clip(np.linalg.norm(ours, axis=1, keepdims=True), 1e-12, None)
    cosine = float(np.min(np.sum(reference * ours, axis=1)))
    if cosine < MIN_COSINE:
        raise ExportError(f"ONNX wijkt af van sentence-transformers (cosinus {cosine:.6f} < {MIN_COSINE})")


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
