"""Overlap across organisations in SQLite: which drafts are compared, their cached embeddings,
and the pairs brokers linked ("samen oppakken") with each asker's consent.

A link is asked of both askers; only when both said yes (each with the contact they want to
pass on) are they introduced. A "no" from either closes it and nothing is shared. Contacts are
cleared as soon as a link is closed: the introduction itself carries them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from knowledge import intakes
from knowledge.errors import NotFoundError, VraagwijzerError
from knowledge.records import Event, SubmittedDraft

# Completed questions stay comparable this long: someone asking the same a year later still
# profits from meeting the organisation that asked it first.
RECENT_DAYS = 365
ASKED, INTRODUCED, DECLINED = "asked", "introduced", "declined"


class LinkError(VraagwijzerError):
    """A link that cannot be made or answered (same organisation, closed, not yours)."""


@dataclass(frozen=True)
class OverlapLink:
    id: int
    draft_a: str
    draft_b: str
    score: float
    why: tuple[str, ...]
    linked_by: str
    linked_at: str
    state: str
    answer_a: str | None
    answer_b: str | None
    contact_a: str | None
    contact_b: str | None
    closed_at: str | None

    def other(self, draft_id: str) -> str:
        return self.draft_b if draft_id == self.draft_a else self.draft_a

    def answer_of(self, draft_id: str) -> str | None:
        return self.answer_a if draft_id == self.draft_a else self.answer_b


def comparable_drafts(db: Database, since: str) -> list[SubmittedDraft]:
    """Drafts that take part in overlap: open ones, and those completed since `since` (ISO)."""
    open_states = ", ".join("?" for _ in intakes.OPEN_STATES)
    rows = db.query(
        f"SELECT id FROM drafts WHERE state IN ({open_states}) OR (state = 'completed' AND updated_at >= ?) "
        "ORDER BY id",
        [*intakes.OPEN_STATES, since],
    )
    return [intakes.get_draft(db, row["id"]) for row in rows]


def others_asking(db: Database, organisation: str, since: str) -> bool:
    """Whether any comparable draft comes from an organisation other than `organisation`."""
    open_states = ", ".join("?" for _ in intakes.OPEN_STATES)
    rows = db.query(
        f"SELECT 1 FROM drafts WHERE (state IN ({open_states}) OR (state = 'completed' AND updated_at >= ?)) "
        "AND lower(trim(organisation)) != lower(trim(?)) LIMIT 1",
        [*intakes.OPEN_STATES, since, organisation],
    )
    return any(True for _ in rows)


def cached_vectors(db: Database, model: str) -> dict[str, tuple[str, bytes]]:
    """draft id -> (content hash, float32 bytes) of the embeddings made with `model`."""
    rows = db.query("SELECT draft_id, content_hash, vector FROM draft_vectors WHERE model = ?", [model])
    return {r["draft_id"]: (r["content_hash"], r["vector"]) for r in rows}


def cached_vectors_of(db: Database, model: str, draft_id: str) -> tuple[str, bytes] | None:
    rows = list(
        db.query("SELECT content_hash, vector FROM draft_vectors WHERE model = ? AND draft_id = ?", [model, draft_id])
    )
    return (rows[0]["content_hash"], rows[0]["vector"]) if rows else None


def save_vectors(db: Database, model: str, vectors: list[tuple[str, str, bytes]]) -> None:
    """Store (draft id, content hash, vector bytes) made with `model`, replacing older ones."""
    with db.atomic():
        for draft_id, content_hash, vector in vectors:
            db.execute(
                "INSERT OR REPLACE INTO draft_vectors (draft_id, model, content_hash, vector) VALUES (?, ?, ?, ?)",
                [draft_id, model, content_hash, vector],
            )


def drop_vectors(db: Database, draft_ids: list[str]) -> None:
    """Forget the cached embeddings of drafts that left the comparison."""
    with db.atomic():
        for draft_id in draft_ids:
            db.execute("DELETE FROM draft_vectors WHERE draft_id = ?", [draft_id])


def _link_from_row(row: dict[str, Any]) -> OverlapLink:
    return OverlapLink(**{**row, "why": tuple(json.loads(row["why"] or "[]"))})


def get_link(db: Database, link_id: int) -> OverlapLink:
    rows = list(db["overlap_links"].rows_where("id = ?", [link_id]))
    if not rows:
        raise NotFoundError(f"koppeling {link_id!r} bestaat niet")
    return _link_from_row(rows[0])


def links_of(db: Database, draft_id: str) -> list[OverlapLink]:
    """The links a draft is part of, oldest first."""
    rows = db["overlap_links"].rows_where("draft_a = ? OR draft_b = ?", [draft_id, draft_id], order_by="id")
    return [_link_from_row(r) for r in rows]


def all_links(db: Database) -> list[OverlapLink]:
    return [_link_from_row(r) for r in db["overlap_links"].rows_where(order_by="id")]


def link_drafts(
    db: Database,
    first: str,
    second: str,
    *,
    actor: str,
    score: float,
    why: list[str],
    comments: tuple[str, str],
    now: str,
) -> OverlapLink:
    """Link two drafts of different organisations; an event on each (`comments`: the first's,
    the second's). A pair is linked once; linking it again is refused."""
    if first == second:
        raise LinkError("Een vraag kan niet met zichzelf worden gekoppeld.")
    drafts = {d: intakes.get_draft(db, d) for d in (first, second)}
    if drafts[first].organisation.strip().lower() == drafts[second].organisation.strip().lower():
        raise LinkError("Deze vragen komen van dezelfde organisatie.")
    a, b = sorted((first, second))
    if list(db["overlap_links"].rows_where("draft_a = ? AND draft_b = ?", [a, b], select="id")):
        raise LinkError(f"{first} en {second} zijn al gekoppeld.")
    with db.atomic():
        table = db.table("overlap_links")
        table.insert(
            {
                "draft_a": a,
                "draft_b": b,
                "score": score,
                "why": json.dumps(why, ensure_ascii=False),
                "linked_by": actor,
                "linked_at": now,
                "state": ASKED,
            }
        )
        link_id = int(table.last_rowid or 0)
        for draft_id, comment in zip((first, second), comments, strict=True):
            _note(db, drafts[draft_id], actor, comment, now)
    return get_link(db, link_id)


def record_answer(
    db: Database, link_id: int, draft_id: str, agreed: bool, contact: str | None, comment: str, now: str
) -> OverlapLink:
    """One asker's answer. A "no" closes the link at once (both contacts cleared); the second
    "yes" makes it `introduced`, and the caller introduces them with the returned contacts
    (cleared in the database right after, see `clear_contacts`)."""
    link = get_link(db, link_id)
    if draft_id not in (link.draft_a, link.draft_b):
        raise LinkError("Deze koppeling hoort niet bij deze vraag.")
    if link.state != ASKED or link.answer_of(draft_id) is not None:
        raise LinkError("Op deze vraag is al geantwoord.")
    side = "a" if draft_id == link.draft_a else "b"
    with db.atomic():
        db.execute(
            f"UPDATE overlap_links SET answer_{side} = ?, contact_{side} = ? WHERE id = ?",
            ["yes" if agreed else "no", contact if agreed else None, link_id],
        )
        updated = get_link(db, link_id)
        state = DECLINED if not agreed else INTRODUCED if updated.answer_a == updated.answer_b == "yes" else ASKED
        if state != ASKED:
            db.execute("UPDATE overlap_links SET state = ?, closed_at = ? WHERE id = ?", [state, now, link_id])
        _note(db, intakes.get_draft(db, draft_id), "aanvrager", comment, now)
    return get_link(db, link_id)


def note_both(db: Database, link: OverlapLink, comment: str, now: str) -> None:
    """An event on both drafts of a link (the outcome of the askers' answers)."""
    for draft_id in (link.draft_a, link.draft_b):
        _note(db, intakes.get_draft(db, draft_id), "vraagwijzer", comment, now)


def clear_contacts(db: Database, link_id: int) -> None:
    db.execute("UPDATE overlap_links SET contact_a = NULL, contact_b = NULL WHERE id = ?", [link_id])


def forget_contacts(db: Database, draft_ids: list[str]) -> None:
    """A user who asks to be forgotten: the contacts they gave for open links go, and their
    open links are closed as declined (nobody can be introduced to an anonymous asker)."""
    with db.atomic():
        for draft_id in draft_ids:
            db.execute("UPDATE overlap_links SET contact_a = NULL WHERE draft_a = ?", [draft_id])
            db.execute("UPDATE overlap_links SET contact_b = NULL WHERE draft_b = ?", [draft_id])
            db.execute(
                "UPDATE overlap_links SET state = ? WHERE state = ? AND (draft_a = ? OR draft_b = ?)",
                [DECLINED, ASKED, draft_id, draft_id],
            )


def _note(db: Database, draft: SubmittedDraft, actor: str, comment: str, now: str) -> None:
    """An event that changes no state, in the draft's audit history."""
    intakes.append_event(db, Event(draft.id, now, actor, draft.state, draft.state, comment))
