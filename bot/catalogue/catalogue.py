"""The catalogue as the service keeps it: built from the database at start, kept current when a
draft is approved, edited, marked confidential or otherwise changes (the workflow tells it), and
searched by the public pages."""

from __future__ import annotations

import logging
import threading

from sqlite_utils import Database

from bot.catalogue.index import CatalogueIndex, Filters
from bot.catalogue.public import PublicQuestion, public_question
from embeddings.encoder import Encoder
from embeddings.lexical import QueryExpander
from knowledge import catalogue

log = logging.getLogger(__name__)


class Catalogue:
    def __init__(
        self,
        db: Database,
        lock: threading.RLock,
        encoder: Encoder | None = None,
        expander: QueryExpander | None = None,
    ) -> None:
        self.db = db
        self.lock = lock  # the database lock of the workflow
        self.index = CatalogueIndex(encoder, expander)
        self._built = False
        self._building = threading.Lock()

    def rebuild(self) -> int:
        """Index every question the catalogue shows; returns how many."""
        with self._building:
            with self.lock:
                rows = catalogue.public_rows(self.db)
            self.index.replace_all(public_question(row) for row in rows)
            self._built = True
        log.info("Catalogue index built with %d questions", len(self.index))
        return len(self.index)

    def ensure_built(self) -> None:
        if not self._built:
            self.rebuild()

    def refresh(self, draft_id: str) -> None:
        """A draft changed: (re)index it when the catalogue shows it, else take it out."""
        if not self._built:
            return  # built from the database at the first search
        with self.lock:
            rows = catalogue.public_rows(self.db, draft_id)
        if rows:
            self.index.put(public_question(rows[0]))
        else:
            self.index.drop(draft_id)

    def search(self, query: str = "", filters: Filters | None = None) -> list[PublicQuestion]:
        self.ensure_built()
        return self.index.search(query, filters or Filters())

    def get(self, draft_id: str) -> PublicQuestion | None:
        self.ensure_built()
        return self.index.get(draft_id)

    def newest(self, theme: str, since: str = "") -> list[PublicQuestion]:
        """Questions of a theme, newest first; only those published after `since` when given."""
        return [q for q in self.search("", Filters(theme=theme)) if q.published_at > since]
