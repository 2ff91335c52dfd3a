"""The public catalogue of approved questions (/opdrachten): which drafts it shows, the drafts
brokers keep out of it (confidential), and interest from research groups that found a question
there.

A draft is in the catalogue from its approval on (approved, suggested, matched, completed), unless
a broker marked it confidential. Only the drafted question's own fields leave this module for the
catalogue; never the intake answers, except the timeline (already redacted when it was stored).
Interest of a known research group becomes an "interested" suggestion that brokers confirm as
any other; interest of a group the knowledge base does not know is kept for the brokers as is.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from knowledge import catalog, intakes
from knowledge.errors import NotFoundError
from knowledge.records import Event
from knowledge.review import Broker, ReviewError, _check_may_act
from knowledge.suggestions import _hash, link_token, semester_of

PUBLIC_STATES = ("approved", "suggested", "matched", "completed")
OPEN_FOR_INTEREST = ("approved", "suggested")
CONFIDENTIAL_COMMENT = "vertrouwelijk: niet in de openbare catalogus"
PUBLIC_COMMENT = "weer zichtbaar in de openbare catalogus"


@dataclass(frozen=True)
class CatalogueRow:
    """A draft as the catalogue may read it: the drafted question's fields, its state, and when
    it entered the catalogue (its approval). `timeline` is the intake's redacted timeline."""

    id: str
    state: str
    organisation: str
    region: str
    title: str
    main_question: str
    sub_questions: tuple[str, ...]
    form: str | None
    level: str | None
    themes: tuple[str, ...]
    timeline: str
    published_at: str


@dataclass(frozen=True)
class Interest:
    id: int
    draft_id: str
    group_id: str | None
    group_name: str
    email: str
    message: str
    suggestion_id: str | None
    created_at: str


_SELECT = (
    "SELECT d.id, d.state, d.organisation, d.region, d.title, d.draft, d.intake, d.updated_at, "
    "(SELECT min(e.at) FROM events e WHERE e.draft_id = d.id AND e.to_state = 'approved') "
    "FROM drafts d WHERE d.state IN ({states}) "
    "AND d.id NOT IN (SELECT draft_id FROM catalogue_confidential)"
).format(states=",".join(f"'{s}'" for s in PUBLIC_STATES))


def public_rows(db: Database, draft_id: str | None = None) -> list[CatalogueRow]:
    """The drafts the public catalogue shows (or the one `draft_id`, when it is shown), newest first."""
    sql, params = _SELECT, []
    if draft_id is not None:
        sql, params = sql + " AND d.id = ?", [draft_id]
    rows = [_row(*row) for row in db.execute(sql, params).fetchall()]
    return sorted(rows, key=lambda r: (r.published_at, r.id), reverse=True)


def _row(
    draft_id: str,
    state: str,
    organisation: str,
    region: str,
    title: str,
    draft: str,
    intake: str,
    updated_at: str,
    approved_at: str | None,
) -> CatalogueRow:
    q: dict[str, Any] = json.loads(draft)
    answers: dict[str, Any] = json.loads(intake)
    timeline = answers.get("timeline")
    return CatalogueRow(
        id=draft_id,
        state=state,
        organisation=organisation or "",
        region=region or "",
        title=str(q.get("title") or title or ""),
        main_question=str(q.get("main_question") or ""),
        sub_questions=tuple(str(s) for s in q.get("sub_questions") or ()),
        form=q.get("form") or None,
        level=q.get("level") or None,
        themes=tuple(str(t) for t in q.get("themes") or ()),
        timeline=timeline if isinstance(timeline, str) else "",
        published_at=approved_at or updated_at or "",
    )


def is_confidential(db: Database, draft_id: str) -> bool:
    return db.execute("SELECT 1 FROM catalogue_confidential WHERE draft_id = ?", [draft_id]).fetchone() is not None


def set_confidential(db: Database, draft_id: str, broker: Broker, confidential: bool, now: str) -> bool:
    """A broker of the draft's region keeps it out of the public catalogue (or lets it back in);
    an event either way. Returns whether anything changed."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if is_confidential(db, draft_id) == confidential:
        return False
    with db.atomic():
        if confidential:
            db.execute("INSERT INTO catalogue_confidential (draft_id, marked_at) VALUES (?, ?)", [draft_id, now])
        else:
            db.execute("DELETE FROM catalogue_confidential WHERE draft_id = ?", [draft_id])
        comment = CONFIDENTIAL_COMMENT if confidential else PUBLIC_COMMENT
        intakes.append_event(db, Event(draft_id, now, broker.actor, draft.state, draft.state, comment))
    return True


def record_interest(
    db: Database,
    draft_id: str,
    *,
    group_id: str | None,
    group_name: str,
    email: str,
    message: str,
    now: str,
    secret: bytes,
) -> Interest:
    """A research group found the question in the catalogue and is interested.

    A known group (`group_id`) gets an "interested" suggestion, as if the brokers had sent it and
    the group had answered: the brokers confirm it like any other (an approved draft becomes
    `suggested`; a group the brokers already asked has its open suggestion answered). A group the
    knowledge base does not know (`group_id` None) is kept as typed for the brokers.
    """
    rows = public_rows(db, draft_id)
    if not rows:
        raise NotFoundError(f"opdracht {draft_id!r} staat niet in de catalogus")
    if rows[0].state not in OPEN_FOR_INTEREST:
        raise ReviewError("Voor deze opdracht is al een onderzoeksgroep gevonden.")
    if any(i.email.lower() == email.lower() for i in interests_of(db, draft_id)):
        raise ReviewError(
            "We hebben uw interesse voor deze opdracht al ontvangen; de kennismakelaars nemen contact op."
        )
    actor = f"groep:{group_id}" if group_id else "catalogus"
    text = f"via de openbare catalogus ({group_name})" + (f": {message}" if message else "")
    suggestion_id: str | None = None
    with db.atomic():
        if group_id is not None:
            group = catalog.get_group(db, group_id)
            existing = list(db["suggestions"].rows_where("draft_id = ? AND group_id = ?", [draft_id, group_id]))
            if existing and existing[0]["state"] not in ("sent", "question"):
                raise ReviewError(f"{group.name} heeft al op deze opdracht gereageerd.")
            values = {"state": "interested", "contact_name": email, "text": text[:2000], "answered_at": now}
            if existing:
                suggestion_id = str(existing[0]["id"])
                db.table("suggestions").update(suggestion_id, values)
            else:
                suggestion_id = f"{draft_id}-{secrets.token_hex(3)}"
                db.table("suggestions").insert(
                    {
                        "id": suggestion_id,
                        "draft_id": draft_id,
                        "group_id": group_id,
                        "token_hash": _hash(link_token(secret, suggestion_id)),
                        "why": "[]",
                        "semester": semester_of(now),
                        "created_at": now,
                        **values,
                    }
                )
            if rows[0].state == "approved":
                db.execute("UPDATE drafts SET state = 'suggested', updated_at = ? WHERE id = ?", [now, draft_id])
            comment = f"{group.name}: interesse via de openbare catalogus, contact {email}"
            to_state = "suggested"
        else:
            comment = f"interesse via de openbare catalogus van een nieuwe groep: {group_name}, contact {email}"
            to_state = rows[0].state
        interest_id = (
            db.table("catalogue_interests")
            .insert(
                {
                    "draft_id": draft_id,
                    "group_id": group_id,
                    "group_name": group_name,
                    "email": email,
                    "message": message,
                    "suggestion_id": suggestion_id,
                    "created_at": now,
                }
            )
            .last_pk
        )
        intakes.append_event(db, Event(draft_id, now, actor, rows[0].state, to_state, comment[:500]))
    return interests_of(db, draft_id, interest_id=int(str(interest_id)))[0]


def interests_of(db: Database, draft_id: str, *, interest_id: int | None = None) -> list[Interest]:
    """Interest shown through the catalogue for a draft, oldest first."""
    where = "draft_id = ?" + (" AND id = ?" if interest_id is not None else "")
    params: list[object] = [draft_id] + ([interest_id] if interest_id is not None else [])
    return [Interest(**row) for row in db["catalogue_interests"].rows_where(where, params, order_by="id")]
