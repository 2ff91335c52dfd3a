"""Operator work on the one SQLite file: consistent backups while the service runs, restore
into a stopped service's data folder, retention (purge), and one person's records on request.

Backups use SQLite's online backup API: a consistent snapshot even while the service writes
(WAL), checked with `PRAGMA integrity_check` before it is given its final name.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from knowledge import intakes, notices, transcripts
from knowledge.errors import VraagwijzerError

SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("conversations", "drafts", "events", "research_groups", "assignments", "_sqlite_migrations")
LOCK_FILE = "service.lock"


class MaintenanceError(VraagwijzerError):
    """A backup, restore or purge that cannot be done; the message says why, in Dutch."""


def backup(database: Path, target: Path) -> dict[str, int]:
    """Copy the live database to `target` (a new file); returns row counts of the copy."""
    if target.exists():
        raise MaintenanceError(f"{target} bestaat al; kies een nieuwe bestandsnaam.")
    if not database.exists():
        raise MaintenanceError(f"Er is geen database in {database.parent}.")
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)) as source,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        counts = check_database(partial)
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise MaintenanceError(f"Back-up naar {target} mislukt: {error}") from error
    return counts


def check_database(path: Path) -> dict[str, int]:
    """A readable, intact Vraagwijzer database: row counts per main table, or a clear error."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != SQLITE_HEADER:
                raise MaintenanceError(f"{path} is geen SQLite-database.")
    except OSError as error:
        raise MaintenanceError(f"{path} kan niet worden gelezen: {error.strerror}") from error
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise MaintenanceError(f"{path} is beschadigd: {result}")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                names = ", ".join(missing)
                raise MaintenanceError(f"{path} is geen Vraagwijzer-database (tabellen ontbreken: {names}).")
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in REQUIRED_TABLES[:-1]}
    except sqlite3.DatabaseError as error:
        raise MaintenanceError(f"{path} is geen bruikbare SQLite-database: {error}") from error


def restore(source: Path, database: Path) -> dict[str, int]:
    """Replace the database with a checked backup. The service must be stopped (its lock is
    free); the current database is kept next to it as `.before-restore`."""
    counts = check_database(source)
    with service_lock(database.parent, purpose="restore"):
        previous = database.with_name(database.name + ".before-restore")
        try:
            if database.exists():
                backup_target = previous if not previous.exists() else _numbered(previous)
                backup(database, backup_target)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            with (
                contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
                contextlib.closing(sqlite3.connect(database)) as dest,
            ):
                src.backup(dest)
        except (sqlite3.Error, OSError) as error:
            raise MaintenanceError(f"Terugzetten van {source} mislukt: {error}") from error
    return counts


def _numbered(path: Path) -> Path:
    n = 2
    while path.with_name(f"{path.name}.{n}").exists():
        n += 1
    return path.with_name(f"{path.name}.{n}")


@contextlib.contextmanager
def service_lock(data_dir: Path, purpose: str = "run") -> Iterator[None]:
    """One process at a time owns the data folder for writing work that must not overlap
    (the service, a restore). Held as an OS file lock: a killed process releases it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MaintenanceError(
                f"Er draait al een Vraagwijzer-dienst (of een terugzetting) op {data_dir}; stop die eerst."
            ) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()} {purpose}\n".encode())
        yield
    finally:
        os.close(handle)  # closing releases the lock


def purge(db: Database, older_than_days: int, now: str) -> dict[str, int]:
    """Retention: delete conversations not touched for `older_than_days` (their submitted
    drafts stay), chat transcript messages and delivered notices of that age, stored chat
    addresses nobody needs any more, and expired login links, sessions and link codes. Returns what was deleted."""
    if older_than_days < 1:
        raise MaintenanceError("Geef een bewaartermijn van minstens 1 dag.")
    cutoff = (datetime.fromisoformat(now) - timedelta(days=older_than_days)).isoformat(timespec="seconds")
    with db.atomic():
        deleted = {
            "conversations": db.execute("DELETE FROM conversations WHERE updated_at < ?", [cutoff]).rowcount,
            "notices": db.execute(
                "DELETE FROM notices WHERE delivered_at IS NOT NULL AND delivered_at < ?", [cutoff]
            ).rowcount,
            "addresses": db.execute(
                "DELETE FROM channel_addresses WHERE updated_at < ? AND NOT EXISTS (SELECT 1 FROM conversations c "
                "WHERE c.channel = channel_addresses.channel AND c.user_ref = channel_addresses.user_ref) "
                "AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.channel = channel_addresses.channel AND "
                "d.user_ref = channel_addresses.user_ref AND d.state NOT IN ('completed', 'rejected', 'withdrawn')) "
                "AND NOT EXISTS (SELECT 1 FROM brokers b WHERE (channel_addresses.channel = 'teams' AND "
                "b.teams_id = channel_addresses.user_ref))",
                [cutoff],
            ).rowcount,
            "transcripts": db.execute("DELETE FROM chat_transcripts WHERE created_at < ?", [cutoff]).rowcount,
            "login_links": db.execute("DELETE FROM login_tokens WHERE expires_at < ?", [now]).rowcount,
            "sessions": db.execute("DELETE FROM sessions WHERE expires_at < ?", [now]).rowcount,
            "link_codes": db.execute("DELETE FROM chat_link_codes WHERE expires_at < ?", [now]).rowcount,
        }
    return deleted


def user_records(db: Database, channel: str, user_ref: str) -> dict[str, Any]:
    """Everything stored about one chat user (a request under the GDPR): the conversation,
    submitted drafts with their history, notices, whether an address is kept, and the chat
    transcript."""
    conversation = intakes.load_conversation(db, channel, user_ref)
    stored = intakes.has_conversation(db, conversation)
    drafts = intakes.drafts_of(db, channel, user_ref)
    return {
        "channel": channel,
        "user": user_ref,
        "conversation": asdict(conversation) if stored else None,
        "drafts": [{**asdict(d), "history": [asdict(e) for e in intakes.events_of(db, d.id)]} for d in drafts],
        "notices": [asdict(n) for n in notices.notices_of(db, channel, user_ref)],
        "address_kept": notices.address_of(db, channel, user_ref) is not None,
        "transcript": [asdict(m) for m in transcripts.transcript_of(db, channel, user_ref)],
    }


def channels_in_use(db: Database) -> list[str]:
    """The channels anything is stored for (conversations, drafts, notices), sorted."""
    rows = db.execute(
        "SELECT channel FROM conversations UNION SELECT channel FROM drafts WHERE channel IS NOT NULL "
        "UNION SELECT channel FROM notices UNION SELECT channel FROM chat_transcripts"
    ).fetchall()
    return sorted(channel for (channel,) in rows if channel)


def as_json(records: dict[str, Any]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)
