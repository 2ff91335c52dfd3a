"""Errors the knowledge layer raises; channels and the CLI translate them for people."""

from __future__ import annotations


class VraagwijzerError(Exception):
    """Base of every error Vraagwijzer raises on purpose."""


class NotFoundError(VraagwijzerError):
    """A record that was asked for by id does not exist."""


class ImportFileError(VraagwijzerError):
    """An import file could not be read or holds invalid rows; nothing was imported."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
