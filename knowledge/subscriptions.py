"""E-mail subscriptions to the catalogue per theme: only the address and the themes are kept.

A subscription is pending until its address is confirmed (double opt-in); pending ones expire.
Confirming a second subscription of the same address adds its themes to the first. Unsubscribing
deletes every row of the address.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class Subscription:
    id: str
    email: str
    themes: tuple[str, ...]
    created_at: str
    confirmed_at: str | None
    digest_at: str | None


def _row(row: dict[str, Any]) -> Subscription:
    return Subscription(
        id=str(row["id"]),
        email=str(row["email"]),
        themes=tuple(json.loads(str(row["themes"]))),
        created_at=str(row["created_at"]),
        confirmed_at=(row["confirmed_at"] and str(row["confirmed_at"])) or None,
        digest_at=(row["digest_at"] and str(row["digest_at"])) or None,
    )


def get(db: Database, subscription_id: str) -> Subscription | None:
    rows = list(db["catalogue_subscriptions"].rows_where("id = ?", [subscription_id]))
    return _row(rows[0]) if rows else None


def add_pending(db: Database, email: str, themes: tuple[str, ...], now: str) -> Subscription:
    """A new subscription waiting for its address to be confirmed."""
    subscription_id = secrets.token_hex(16)
    db.table("catalogue_subscriptions").insert(
        {
            "id": subscription_id,
            "email": email,
            "themes": json.dumps(sorted(set(themes))),
            "created_at": now,
            "confirmed_at": None,
            "digest_at": None,
        }
    )
    found = get(db, subscription_id)
    assert found is not None
    return found


def pending_since(db: Database, email: str, since: str) -> int:
    """How many unconfirmed subscriptions of `email` were made since `since` (against mail floods)."""
    row = db.execute(
        "SELECT count(*) FROM catalogue_subscriptions WHERE email = ? AND confirmed_at IS NULL AND created_at >= ?",
        [email, since],
    ).fetchone()
    return int(row[0])


def confirm(db: Database, subscription_id: str, now: str) -> Subscription | None:
    """Confirm a pending subscription, once; its themes join an earlier confirmed subscription of
    the same address. None when there is nothing (any more) to confirm."""
    found = get(db, subscription_id)
    if found is None or found.confirmed_at is not None:
        return None
    with db.atomic():
        earlier = [
            s
            for s in (_row(r) for r in db["catalogue_subscriptions"].rows_where("email = ?", [found.email]))
            if s.confirmed_at is not None
        ]
        if earlier:
            kept = earlier[0]
            themes = sorted(set(kept.themes) | set(found.themes))
            db.execute("UPDATE catalogue_subscriptions SET themes = ? WHERE id = ?", [json.dumps(themes), kept.id])
            db.execute("DELETE FROM catalogue_subscriptions WHERE id = ?", [found.id])
            subscription_id = kept.id
        else:
            db.execute(
                "UPDATE catalogue_subscriptions SET confirmed_at = ?, digest_at = ? WHERE id = ?",
                [now, now, found.id],
            )
    return get(db, subscription_id)


def unsubscribe(db: Database, subscription_id: str) -> int:
    """Delete the subscription and every other of its address; returns how many rows went."""
    found = get(db, subscription_id)
    if found is None:
        return 0
    with db.atomic():
        cursor = db.execute("DELETE FROM catalogue_subscriptions WHERE email = ?", [found.email])
    return int(cursor.rowcount)


def expire_pending(db: Database, before: str) -> int:
    """Delete subscriptions never confirmed and made before `before`."""
    with db.atomic():
        cursor = db.execute(
            "DELETE FROM catalogue_subscriptions WHERE confirmed_at IS NULL AND created_at < ?", [before]
        )
    return int(cursor.rowcount)


def due_digests(db: Database, before: str) -> list[Subscription]:
    """Confirmed subscriptions whose last digest (or confirmation) was before `before`."""
    rows = db["catalogue_subscriptions"].rows_where(
        "confirmed_at IS NOT NULL AND digest_at < ?", [before], order_by="digest_at, id"
    )
    return [_row(r) for r in rows]


def mark_digested(db: Database, subscription_id: str, now: str) -> None:
    db.execute("UPDATE catalogue_subscriptions SET digest_at = ? WHERE id = ?", [now, subscription_id])


def confirmed(db: Database) -> list[Subscription]:
    return [_row(r) for r in db["catalogue_subscriptions"].rows_where("confirmed_at IS NOT NULL", order_by="id")]
