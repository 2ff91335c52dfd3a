"""The web chat's transcript: what each side said, per user, in turns, the last `KEEP`
messages only. The user's side is stored as the dialog kept it (redacted), never raw."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

KEEP = 200
USER = "user"
BOT = "bot"


@dataclass(frozen=True)
class Message:
    id: int
    turn: int
    side: str  # USER | BOT
    text: str
    options: tuple[tuple[str, str], ...]  # (key, label) of the buttons that came with it
    created_at: str
    card: dict[str, Any] | None = None  # the message's structure (the draft), when it has one


Options = tuple[tuple[str, str], ...]


def add_turn(
    db: Database,
    channel: str,
    user_ref: str,
    said: list[tuple[str, str, Options]] | list[tuple[str, str, Options, dict[str, Any] | None]],
    now: str,
) -> int:
    """Store one turn's messages, (side, text, options) or (side, text, options, card) in
    order; keeps the last `KEEP` of this user. Returns the turn's number."""
    row = db.execute(
        "SELECT coalesce(max(turn), 0) FROM chat_transcripts WHERE channel = ? AND user_ref = ?", [channel, user_ref]
    ).fetchone()
    turn = int(row[0]) + 1
    with db.atomic():
        for side, text, options, *rest in said:
            card = json.dumps(rest[0], ensure_ascii=False) if rest and rest[0] is not None else None
            db.execute(
                "INSERT INTO chat_transcripts (channel, user_ref, turn, side, text, options, created_at, card) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    channel,
                    user_ref,
                    turn,
                    side,
                    text,
                    json.dumps([list(o) for o in options], ensure_ascii=False),
                    now,
                    card,
                ],
            )
        db.execute(
            "DELETE FROM chat_transcripts WHERE channel = ? AND user_ref = ? AND id NOT IN "
            "(SELECT id FROM chat_transcripts WHERE channel = ? AND user_ref = ? ORDER BY id DESC LIMIT ?)",
            [channel, user_ref, channel, user_ref, KEEP],
        )
    return turn


def transcript_of(db: Database, channel: str, user_ref: str) -> list[Message]:
    """The stored messages of one user, oldest first."""
    rows = db.execute(
        "SELECT id, turn, side, text, options, created_at, card FROM chat_transcripts "
        "WHERE channel = ? AND user_ref = ? ORDER BY id",
        [channel, user_ref],
    ).fetchall()
    return [
        Message(
            id,
            turn,
            side,
            text,
            tuple((k, label) for k, label in json.loads(options)),
            created_at,
            json.loads(card) if card else None,
        )
        for id, turn, side, text, options, created_at, card in rows
    ]


def last_id(db: Database, channel: str, user_ref: str) -> int:
    """The id of the user's newest stored message (0 without any): it changes with every turn."""
    row = db.execute(
        "SELECT coalesce(max(id), 0) FROM chat_transcripts WHERE channel = ? AND user_ref = ?", [channel, user_ref]
    ).fetchone()
    return int(row[0])
