"""The inventory kept in memory for the overview page, brought up to date from the audit log:
every change of a draft that the overview reads appends an event, and the log only grows, so
the drafts with events after the last one seen are all that must be read again. 10,000 drafts
are read once (about 0.2 s); a change after that costs a few milliseconds.
"""

from __future__ import annotations

import threading

from sqlite_utils import Database

from bot.overview.figures import Filters
from knowledge import inventory
from knowledge.inventory import InventoryRow

MAX_CHANGED = 500  # more changed drafts than this at once: read everything again


class LiveInventory:
    def __init__(self) -> None:
        self._rows: dict[str, InventoryRow] = {}
        self._seen = -1  # the latest event id read; -1: nothing read yet
        self._lock = threading.Lock()

    def rows(self, db: Database, filters: Filters) -> list[InventoryRow]:
        """The inventory under `filters`, oldest first, as the database holds it now."""
        with self._lock:
            self._refresh(db)
            rows = list(self._rows.values())
        since = filters.since_time()
        return [
            r
            for r in rows
            if (filters.region is None or r.region == filters.region) and (since is None or r.created_at >= since)
        ]

    def _refresh(self, db: Database) -> None:
        latest, count = inventory.data_version(db)
        if latest == self._seen and count == len(self._rows):
            return
        changed = inventory.changed_drafts(db, self._seen) if 0 <= self._seen < latest else None
        if changed is None or len(changed) > MAX_CHANGED:
            self._rows = {row.id: row for row in inventory.inventory_rows(db)}
        else:
            self._rows.update((row.id, row) for row in inventory.inventory_rows(db, ids=changed))
            if len(self._rows) != count:  # a draft came or went without an event: read everything
                self._rows = {row.id: row for row in inventory.inventory_rows(db)}
        self._seen = latest
