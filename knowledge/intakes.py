"""Intake conversations, submitted drafts and their audit log in SQLite.

A conversation is saved after every turn, so a restart loses nothing. Drafts are stored
when submitted; every state change appends an event (the log refuses updates and deletes).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, fields
from typing import Any

from sqlite_utils import Database

from knowledge.errors import NotFoundError
from knowledge.records import Conversation, Event, SubmittedDraft

OPEN_STATES = ("submitted", "in_review", "changes_requested", "approved", "suggested", "matched")
# Every state of a submitted draft, in the order of its life.
STATES = (*OPEN_STATES, "completed", "rejected", "withdrawn")


def load_conversation(db: Database, channel: str, user_ref: str) -> Conversation:
    """The user's conversation, or a fresh idle one."""
    rows = list(db["conversations"].rows_where("id = ?", [f"{channel}:{user_ref}"]))
    if not rows:
        return Conversation(channel=channel, user_ref=user_ref)
    row = rows[0]
    return Conversation(
        channel=row["channel"],
        user_ref=row["user_ref"],
        language=row["language"] or "nl",
        step=row["step"],
        answers=json.loads(row["answers"] or "{}"),
        pending=json.loads(row["pending"] or "{}"),
        history=tuple(json.loads(row["history"] or "[]")),
        notices=tuple(json.loads(row["notices"] or "[]")),
    )


def save_conversation(db: Database, conversation: Conversation, now: str) -> None:
    row = {
        "id": conversation.id,
        "channel": conversation.channel,
        "user_ref": conversation.user_ref,
        "language": conversation.language,
        "step": conversation.step,
        "answers": json.dumps(conversation.answers, ensure_ascii=False),
        "pending": json.dumps(conversation.pending, ensure_ascii=False),
        "history": json.dumps(list(conversation.history)),
        "notices": json.dumps(list(conversation.notices)),
        "updated_at": now,
    }
    with db.atomic():
        if list(db["conversations"].rows_where("id = ?", [conversation.id], select="id")):
            db.table("conversations").update(conversation.id, row)
        else:
            db.table("conversations").insert({**row, "created_at": now})


def new_draft_id(db: Database, year: int) -> str:
    """A short, unguessable, human-readable id such as VW-2026-7K3Q9D."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        candidate = f"VW-{year}-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if not list(db["drafts"].rows_where("id = ?", [candidate], select="id")):
            return candidate


def submit_draft(db: Database, draft: SubmittedDraft, actor: str = "aanvrager") -> None:
    """Store a submitted draft and its first event in one transaction."""
    row = asdict(draft)
    row["intake"] = json.dumps(draft.intake, ensure_ascii=False)
    row["draft"] = json.dumps(draft.draft, ensure_ascii=False)
    with db.atomic():
        db.table("drafts").insert(row)
        append_event(db, Event(draft.id, draft.created_at, actor, None, draft.state, "ingediend via de chat"))


def append_event(db: Database, event: Event) -> None:
    db.table("events").insert(asdict(event))


_DRAFT_FIELDS = tuple(f.name for f in fields(SubmittedDraft))


def draft_from_row(row: dict[str, Any]) -> SubmittedDraft:
    """A stored draft from its row in `drafts`."""
    values = {k: row[k] for k in _DRAFT_FIELDS}
    return SubmittedDraft(**{**values, "intake": json.loads(row["intake"]), "draft": json.loads(row["draft"])})


def get_draft(db: Database, draft_id: str) -> SubmittedDraft:
    rows = list(db["drafts"].rows_where("id = ?", [draft_id]))
    if not rows:
        raise NotFoundError(f"concept {draft_id!r} bestaat niet")
    return draft_from_row(rows[0])


def drafts_of(db: Database, channel: str, user_ref: str) -> list[SubmittedDraft]:
    """The drafts a user submitted in this channel, newest first."""
    rows = db["drafts"].rows_where("channel = ? AND user_ref = ?", [channel, user_ref], order_by="created_at DESC")
    return [draft_from_row(r) for r in rows]


def events_of(db: Database, draft_id: str) -> list[Event]:
    rows = db["events"].rows_where("draft_id = ?", [draft_id], order_by="id")
    return [Event(**{k: r[k] for k in ("draft_id", "at", "actor", "from_state", "to_state", "comment")}) for r in rows]


def forget_user(db: Database, channel: str, user_ref: str) -> tuple[int, int]:
    """Delete the user's conversation; keep submitted drafts for the brokers but cut the link
    to the person; pending notices, the stored address and the chat transcript go too.
    Returns (conversations deleted, drafts anonymised)."""
    with db.atomic():
        deleted = db.execute(
            "DELETE FROM conversations WHERE channel = ? AND user_ref = ?", [channel, user_ref]
        ).rowcount
        db.execute("DELETE FROM notices WHERE channel = ? AND user_ref = ?", [channel, user_ref])
        db.execute("DELETE FROM channel_addresses WHERE channel = ? AND user_ref = ?", [channel, user_ref])
        db.execute("DELETE FROM chat_transcripts WHERE channel = ? AND user_ref = ?", [channel, user_ref])
        anonymised = db.execute(
            "UPDATE drafts SET channel = NULL, user_ref = NULL WHERE channel = ? AND user_ref = ?",
            [channel, user_ref],
        ).rowcount
    return deleted, anonymised


def has_conversation(db: Database, conversation: Conversation) -> bool:
    return bool(list(db["conversations"].rows_where("id = ?", [conversation.id], select="id")))


def set_quality(db: Database, draft_id: str, quality: list[dict[str, Any]]) -> None:
    """Store the re-made quality checks of a draft: derived from its text, so no event."""
    draft = get_draft(db, draft_id)
    updated = {**draft.draft, "quality": quality}
    db.execute("UPDATE drafts SET draft = ? WHERE id = ?", [json.dumps(updated, ensure_ascii=False), draft_id])
