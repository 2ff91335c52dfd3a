"""A named set of documents with its vector and lexical index, persisted in one folder.

The caller's database is the source of truth; this folder is a cache. `open` loads it when it
matches the caller's source version and the model; `sync` brings it up to date, embedding
only texts whose content hash changed, and rebuilds from scratch when the files are missing
or corrupt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.encoder import Encoder
from embeddings.lexical import LexicalIndex
from embeddings.vector_index import EXACT_LIMIT, VectorIndex

log = logging.getLogger(__name__)

META_FILE = "meta.json"
VECTORS_FILE = "vectors.faiss"
FORMAT_VERSION = 2


@dataclass(frozen=True)
class Document:
    """A text to find by id. `lexical_text` may hold more than the encoder can read."""

    id: str
    text: str
    lexical_text: str | None = None

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha1(self.text.encode("utf-8"))
        digest.update(b"\x00" + (self.lexical_text or "").encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True)
class SyncReport:
    total: int
    embedded: int
    reused: int
    removed: int
    seconds: float
    rebuilt: bool


class Collection:
    """Dense and lexical search over one kind of document."""

    def __init__(self, name: str, folder: Path, encoder: Encoder) -> None:
        self.name = name
        self.folder = folder
        self.encoder = encoder
        self.vectors = VectorIndex(encoder.dimension)
        self.lexical = LexicalIndex.build([], [])
        self.hashes: dict[str, str] = {}
        self.source_version: str | None = None

    def __len__(self) -> int:
        return len(self.hashes)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.encoder.name.encode())
        for doc_id in sorted(self.hashes):
            digest.update(f"{doc_id}\x00{self.hashes[doc_id]}\n".encode())
        return digest.hexdigest()

    def open(self, source_version: str) -> bool:
        """Load the saved indexes; True when they exist, are whole and match `source_version`."""
        return self._load() and self.source_version == source_version

    def _load(self) -> bool:
        meta_path = self.folder / META_FILE
        if not meta_path.exists():
            return False
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                log.warning("Index %s heeft een oud formaat; wordt opnieuw opgebouwd", self.name)
                return False
            if meta["model"] != self.encoder.name or meta["dimension"] != self.encoder.dimension:
                log.warning(
                    "Index %s is gemaakt met model %s; wordt opnieuw opgebouwd met %s",
                    self.name,
                    meta["model"],
                    self.encoder.name,
                )
                return False
            ids = list(meta["hashes"])
            vectors = VectorIndex.load(self.folder / VECTORS_FILE, self.encoder.dimension, ids)
            lexical = LexicalIndex.load(self.folder / "lexical")
            if sorted(lexical.ids) != sorted(ids):
                raise ValueError("lexicale index hoort niet bij de vectorindex")
        except Exception as error:  # any damage to a cache file means: rebuild it
            log.warning("Index %s is beschadigd of onvolledig (%s); wordt opnieuw opgebouwd", self.name, error)
            return False
        self.vectors, self.lexical = vectors, lexical
        self.hashes = dict(meta["hashes"])
        self.source_version = meta.get("source_version")
        if meta.get("fingerprint") != self.fingerprint:
            log.warning("Index %s klopt niet met zijn vingerafdruk; wordt bijgewerkt", self.name)
            self.source_version = None
        return True

    def sync(
        self,
        documents: Iterable[Document],
        source_version: str,
        *,
        progress: bool = False,
        rebuild: bool = False,
    ) -> SyncReport:
        """Make the indexes hold exactly `documents`, re-embedding only changed texts."""
        started = time.perf_counter()
        docs = list(documents)
        loaded = False if rebuild else self._load()
        if not loaded:
            self.vectors = VectorIndex(self.encoder.dimension)
            self.hashes = {}
        wanted = {d.id: d.content_hash for d in docs}
        changed = [d for d in docs if self.hashes.get(d.id) != d.content_hash]
        removed = [i for i in self.hashes if i not in wanted]
        stale = [d.id for d in changed if d.id in self.hashes] + removed
        new_vectors = self.encoder.encode_passages([d.text for d in changed], progress=progress)

        needs_fresh_index = (self.vectors.kind == "flat" and len(docs) > EXACT_LIMIT) or (
            self.vectors.kind == "hnsw" and (stale or len(docs) <= EXACT_LIMIT)
        )
        if needs_fresh_index:
            # HNSW cannot remove vectors, and index types follow size: rebuild from what we have.
            keep = [d.id for d in docs if self.hashes.get(d.id) == d.content_hash]
            kept = (
                np.stack([self.vectors.vector(i) for i in keep])
                if keep
                else np.zeros((0, self.encoder.dimension), dtype=np.float32)
            )
            self.vectors = VectorIndex.build(
                self.encoder.dimension,
                keep + [d.id for d in changed],
                np.concatenate([kept, new_vectors]) if len(changed) else kept,
            )
        else:
            self.vectors.remove(stale)
            self.vectors.add([d.id for d in changed], new_vectors)
        if changed or removed or not loaded:
            self.lexical = LexicalIndex.build([d.id for d in docs], [d.lexical_text or d.text for d in docs])
        self.hashes = wanted
        self.source_version = source_version
        self._save()
        report = SyncReport(
            total=len(docs),
            embedded=len(changed),
            reused=len(docs) - len(changed),
            removed=len(removed),
            seconds=time.perf_counter() - started,
            rebuilt=not loaded,
        )
        log.info(
            "Index %s bijgewerkt: %d documenten, %d berekend, %d hergebruikt, %d verwijderd (%.1fs)",
            self.name,
            report.total,
            report.embedded,
            report.reused,
            report.removed,
            report.seconds,
        )
        return report

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.vectors.save(self.folder / VECTORS_FILE)
        self.lexical.save(self.folder / "lexical")
        meta = {
            "format": FORMAT_VERSION,
            "name": self.name,
            "model": self.encoder.name,
            "dimension": self.encoder.dimension,
            "count": len(self.hashes),
            "index": self.vectors.kind,
            "fingerprint": self.fingerprint,
            "source_version": self.source_version,
            "hashes": self.hashes,
        }
        tmp = self.folder / (META_FILE + ".tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        tmp.replace(self.folder / META_FILE)  # written last: a crash before this means "rebuild"

    def search_dense(self, query_vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        return self.vectors.search(query_vector, k)

    def search_lexical(self, text: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """BM25 search; `mask` (from `mask_for`) limits the result to some documents."""
        return self.lexical.search(text, k, mask)

    def mask_for(self, ids: Iterable[str]) -> np.ndarray:
        """A 0/1 mask over the documents, for `search_lexical`; build once, reuse often."""
        mask = np.zeros(len(self.lexical.ids), dtype=np.float32)
        for doc_id in ids:
            position = self.lexical.position(doc_id)
            if position is not None:
                mask[position] = 1.0
        return mask
