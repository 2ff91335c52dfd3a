"""Opening the one SQLite file: WAL, busy timeout, foreign keys, migrations applied."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from knowledge.errors import VraagwijzerError
from knowledge.migrations import migrations

DATABASE_FILE = "vraagwijzer.db"
BUSY_TIMEOUT_MS = 5000


class WriteFirstDatabase(Database):
    """sqlite-utils' Database whose `atomic()` blocks start with BEGIN IMMEDIATE: they take the
    write lock first, waiting up to the busy timeout, instead of reading first and failing with
    "database is locked" when another writer got in between (SQLite in WAL mode cannot upgrade
    such a read snapshot). Nested blocks stay savepoints."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()


def open_database(path: Path | str) -> Database:
    """Open (and create or migrate) the database at `path`; `":memory:"` works for tests."""
    try:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False)
        else:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        db = WriteFirstDatabase(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(db)
    except (sqlite3.DatabaseError, OSError) as error:
        raise VraagwijzerError(f"De database {path} kan niet worden geopend: {error}") from error
    return db


def knowledge_revision(db: Database) -> int:
    """The number of changes made to the knowledge tables since the database was created."""
    row = db.execute("SELECT revision FROM knowledge_revision WHERE id = 1").fetchone()
    return int(row[0]) if row else 0
