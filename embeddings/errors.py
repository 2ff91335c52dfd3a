"""Errors the embeddings layer raises on purpose."""

from __future__ import annotations


class EmbeddingsError(Exception):
    """Base of errors of the embeddings layer."""


class ModelLoadError(EmbeddingsError):
    """The configured embedding model cannot be loaded from local files."""
