"""Fakes that behave like the real parts, deterministic and fast."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import numpy as np

from embeddings.lexical import Analyzer


class FakeEncoder:
    """Embeds a text as its hashed bag of Dutch stems: texts sharing words are similar.

    Counts what it embedded, so tests can assert that unchanged texts are not re-embedded.
    """

    def __init__(self, dimension: int = 256, name: str = "fake-encoder") -> None:
        self.name = name
        self.dimension = dimension
        self.embedded = 0
        self._analyzer = Analyzer()

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for term in self._analyzer.terms(text):
            bucket = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=4).digest(), "big")
            vector[bucket % self.dimension] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.embedded += len(texts)
        return self.encode_queries(texts)


class NullMailer:
    """A mailer that sends nothing, for tests where mail is not the subject (the real SMTP path and
    the recording mailers have their own tests). Answers as the real `Mailer` does."""

    def send(self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> str:
        return "smtp"

    def retry_pending(self) -> int:
        return 0
