"""Notices to civil servants about their drafts, stored until delivered (restarts lose none)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class Notice:
    id: int
    channel: str
    user_ref: str
    draft_id: str
    kind: str
    text: str
    created_at: str
    delivered_at: str | None = None


def add_notice(db: Database, *, channel: str, user_ref: str, draft_id: str, kind: str, text: str, now: str) -> Notice:
    table = db.table("notices")
    table.insert(
        {
            "channel": channel,
            "user_ref": user_ref,
            "draft_id": draft_id,
            "kind": kind,
            "text": text,
            "created_at": now,
            "delivered_at": None,
        }
    )
    return Notice(**next(iter(db["notices"].rows_where("id = ?", [table.last_rowid]))))


def pending_notices(db: Database, channel: str | None = None, user_ref: str | None = None) -> list[Notice]:
    return _notices(db, channel, user_ref, pending_only=True)


def notices_of(db: Database, channel: str, user_ref: str) -> list[Notice]:
    """Every notice of one user, delivered or not, oldest first."""
    return _notices(db, channel, user_ref, pending_only=False)


def _notices(db: Database, channel: str | None, user_ref: str | None, *, pending_only: bool) -> list[Notice]:
    where, params = (["delivered_at IS NULL"] if pending_only else ["1"]), []
    if channel:
        where.append("channel = ?")
        params.append(channel)
    if user_ref:
        where.append("user_ref = ?")
        params.append(user_ref)
    return [Notice(**row) for row in db["notices"].rows_where(" AND ".join(where), params, order_by="id")]


def mark_delivered(db: Database, notice_id: int, now: str) -> None:
    db.execute("UPDATE notices SET delivered_at = ? WHERE id = ?", [now, notice_id])


def save_address(db: Database, channel: str, user_ref: str, address: str, now: str) -> None:
    """Remember how to reach a chat user later (for Teams: the conversation reference)."""
    db.execute(
        "INSERT INTO channel_addresses (channel, user_ref, address, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (channel, user_ref) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at "
        "WHERE address != excluded.address",
        [channel, user_ref, address, now],
    )


def address_of(db: Database, channel: str, user_ref: str) -> str | None:
    row = db.execute(
        "SELECT address FROM channel_addresses WHERE channel = ? AND user_ref = ?", [channel, user_ref]
    ).fetchone()
    return row[0] if row else None
