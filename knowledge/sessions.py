"""Login links and sessions of brokers. Secrets are random, shown once, stored as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlite_utils import Database

from knowledge.errors import VraagwijzerError
from knowledge.review import Broker

LOGIN_LINK_MINUTES = 15
SESSION_HOURS = 12


class LoginError(VraagwijzerError):
    """A login link that is unknown, used or expired."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _later(now: str, delta: timedelta) -> str:
    return (datetime.fromisoformat(now) + delta).isoformat(timespec="seconds")


def create_login_token(db: Database, broker: Broker, now: str) -> str:
    token = secrets.token_urlsafe(32)
    db.table("login_tokens").insert(
        {
            "token_hash": _hash(token),
            "broker_id": broker.id,
            "created_at": now,
            "expires_at": _later(now, timedelta(minutes=LOGIN_LINK_MINUTES)),
            "used_at": None,
        }
    )
    return token


def redeem_login_token(db: Database, token: str, now: str) -> Broker:
    """The broker of a valid link; the link is used up, whatever happens next."""
    with db.atomic():
        row = db.execute(
            "SELECT broker_id, expires_at, used_at FROM login_tokens WHERE token_hash = ?", [_hash(token)]
        ).fetchone()
        if row is None:
            raise LoginError("Deze inloglink is onbekend.")
        broker_id, expires_at, used_at = row
        if used_at:
            raise LoginError("Deze inloglink is al gebruikt; vraag een nieuwe aan.")
        if datetime.fromisoformat(expires_at) < datetime.fromisoformat(now):
            raise LoginError("Deze inloglink is verlopen; vraag een nieuwe aan.")
        db.execute("UPDATE login_tokens SET used_at = ? WHERE token_hash = ?", [now, _hash(token)])
    return Broker(**next(iter(db["brokers"].rows_where("id = ?", [broker_id]))))


def create_session(db: Database, broker: Broker, now: str) -> tuple[str, str]:
    """(session id for the cookie, CSRF token for forms); a fresh id at every login."""
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.table("sessions").insert(
        {
            "id_hash": _hash(session_id),
            "broker_id": broker.id,
            "csrf_token": csrf,
            "created_at": now,
            "expires_at": _later(now, timedelta(hours=SESSION_HOURS)),
        }
    )
    return session_id, csrf


def session_broker(db: Database, session_id: str, now: str) -> tuple[Broker, str] | None:
    row = db.execute(
        "SELECT broker_id, csrf_token, expires_at FROM sessions WHERE id_hash = ?", [_hash(session_id)]
    ).fetchone()
    if row is None or datetime.fromisoformat(row[2]) < datetime.fromisoformat(now):
        return None
    broker = Broker(**next(iter(db["brokers"].rows_where("id = ?", [row[0]]))))
    return broker, row[1]


def end_session(db: Database, session_id: str) -> None:
    db.execute("DELETE FROM sessions WHERE id_hash = ?", [_hash(session_id)])
