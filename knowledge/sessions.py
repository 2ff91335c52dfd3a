"""Login links, sessions and chat link codes of brokers. Secrets are random, shown once,
stored as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlite_utils import Database

from knowledge.errors import VraagwijzerError
from knowledge.review import Broker

LOGIN_LINK_MINUTES = 15
SESSION_HOURS = 12
CHAT_CODE_MINUTES = 15
# Easy to read aloud and to type on a phone: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHAT_ID_COLUMNS = {"telegram": "telegram_id", "teams": "teams_id"}


class LoginError(VraagwijzerError):
    """A login link that is unknown, used or expired."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _later(now: str, delta: timedelta) -> str:
    return (datetime.fromisoformat(now) + delta).isoformat(timespec="seconds")


def create_login_token(db: Database, broker: Broker, now: str) -> str:
    token = secrets.token_urlsafe(32)
    _store_once(db, "login_tokens", "token_hash", _hash(token), broker, now, LOGIN_LINK_MINUTES)
    return token


def _store_once(db: Database, table: str, key: str, hashed: str, broker: Broker, now: str, minutes: int) -> None:
    db.table(table).insert(
        {
            key: hashed,
            "broker_id": broker.id,
            "created_at": now,
            "expires_at": _later(now, timedelta(minutes=minutes)),
            "used_at": None,
        }
    )


def redeem_login_token(db: Database, token: str, now: str) -> Broker:
    """The broker of a valid link; the link is used up, whatever happens next."""
    with db.atomic():
        broker_id = _use_once(db, "login_tokens", "token_hash", _hash(token), now, "Deze inloglink")
    return _broker(db, broker_id)


def _use_once(db: Database, table: str, key: str, hashed: str, now: str, what: str) -> int:
    """Mark a single-use secret used and return its broker id; unknown, used and expired ones
    are refused with a sentence that starts with `what`."""
    row = db.execute(f"SELECT broker_id, expires_at, used_at FROM {table} WHERE {key} = ?", [hashed]).fetchone()
    if row is None:
        raise LoginError(f"{what} is onbekend.")
    broker_id, expires_at, used_at = row
    if used_at:
        raise LoginError(f"{what} is al gebruikt; vraag een nieuwe aan.")
    if datetime.fromisoformat(expires_at) < datetime.fromisoformat(now):
        raise LoginError(f"{what} is verlopen; vraag een nieuwe aan.")
    db.execute(f"UPDATE {table} SET used_at = ? WHERE {key} = ?", [now, hashed])
    return int(broker_id)


def _broker(db: Database, broker_id: int) -> Broker:
    return Broker(**next(iter(db["brokers"].rows_where("id = ?", [broker_id]))))


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def create_chat_link_code(db: Database, broker: Broker, now: str) -> str:
    """A code the broker types in Teams or Telegram (`koppel ABCD-EFGH`) to be told there."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    _store_once(db, "chat_link_codes", "code_hash", _hash(code), broker, now, CHAT_CODE_MINUTES)
    return f"{code[:4]}-{code[4:]}"


def redeem_chat_link_code(db: Database, code: str, channel: str, user_ref: str, now: str) -> Broker:
    """Link the chat account that typed a valid code to its broker; the code is used up."""
    column = CHAT_ID_COLUMNS[channel]
    with db.atomic():
        broker_id = _use_once(db, "chat_link_codes", "code_hash", _hash(normalise_code(code)), now, "Deze koppelcode")
        db.execute(f"UPDATE brokers SET {column} = ? WHERE id = ?", [user_ref, broker_id])
    return _broker(db, broker_id)


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
    return _broker(db, row[0]), row[1]


def end_session(db: Database, session_id: str) -> None:
    db.execute("DELETE FROM sessions WHERE id_hash = ?", [_hash(session_id)])
