"""Suggestions of an approved draft to research groups, their answers, the match, the outcome.

A suggestion link carries a random token; only its hash is stored, and a token opens only
its own suggestion. Every answer and state change is an event in the audit log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from knowledge import catalog, intakes
from knowledge.errors import NotFoundError
from knowledge.records import Assignment, Event, Group
from knowledge.review import Broker, ReviewError, _check_may_act

MAX_RECIPIENTS = 3
DECLINE_REASONS = ("geen_capaciteit", "buiten_expertise", "planning_past_niet", "vorm_past_niet", "anders")
OPEN = ("sent", "question")
REMIND_AFTER_WORKING_DAYS = 10
CLOSE_AFTER_WORKING_DAYS = 20


def link_token(secret: bytes, suggestion_id: str) -> str:
    """The token of a suggestion's link: an HMAC of its id, so the link can be sent again
    (a reminder) without storing it; only its hash is in the database."""
    digest = hmac.new(secret, suggestion_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def working_days_between(start: str, end: str) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (public holidays not counted out)."""
    first, last = datetime.fromisoformat(start).date(), datetime.fromisoformat(end).date()
    days, current = 0, first
    while current < last:
        current += timedelta(days=1)
        days += current.weekday() < 5
    return days


@dataclass(frozen=True)
class Suggestion:
    id: str
    draft_id: str
    group_id: str
    state: str
    reason: str | None
    text: str | None
    proposed_start: str | None
    contact_name: str | None
    why: list[str]
    semester: str
    created_at: str
    answered_at: str | None
    reminded_at: str | None = None


def semester_of(now: str) -> str:
    """ "2026-H2" for July to December 2026: capacity is counted per semester."""
    moment = datetime.fromisoformat(now)
    return f"{moment.year}-H{1 if moment.month <= 6 else 2}"


def accepted_this_semester(db: Database, now: str) -> dict[str, int]:
    """Accepted suggestions per group in the semester of `now`: the capacity they took."""
    rows = db.execute(
        "SELECT group_id, count(*) FROM suggestions WHERE state = 'accepted' AND semester = ? GROUP BY group_id",
        [semester_of(now)],
    ).fetchall()
    return {group_id: int(n) for group_id, n in rows}


def spare_capacity(group: Group, taken: Mapping[str, int]) -> int:
    """How many more assignments a group takes on this semester, given `accepted_this_semester`."""
    return max(0, int(group.capacity_per_semester) - int(taken.get(group.id, 0)))


def capacity_left(db: Database, group_id: str, now: str) -> int:
    group = catalog.get_group(db, group_id)
    return spare_capacity(group, accepted_this_semester(db, now))


@dataclass(frozen=True)
class Decision:
    """A group's answer that matching learns from: accepted, or declined (with a reason)."""

    group_id: str
    state: str
    reason: str | None
    at: str
    themes: tuple[str, ...]
    organisation: str


def decisions(db: Database) -> list[Decision]:
    """Accepted and declined suggestions with the themes of their draft, newest first."""
    rows = db.execute(
        "SELECT s.group_id, s.state, s.reason, COALESCE(s.answered_at, s.created_at), d.draft, d.organisation "
        "FROM suggestions s JOIN drafts d ON d.id = s.draft_id WHERE s.state IN ('accepted', 'declined') "
        "ORDER BY 4 DESC"
    ).fetchall()
    return [
        Decision(group_id, state, reason, at or "", tuple(json.loads(draft).get("themes", [])), organisation)
        for group_id, state, reason, at, draft, organisation in rows
    ]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _row(row: dict[str, Any]) -> Suggestion:
    values: dict[str, Any] = {k: row.get(k) for k in Suggestion.__dataclass_fields__}
    values["why"] = json.loads(row["why"] or "[]")
    return Suggestion(**values)


def _get(db: Database, suggestion_id: str) -> Suggestion:
    return _row(next(iter(db["suggestions"].rows_where("id = ?", [suggestion_id]))))


def suggestions_of(db: Database, draft_id: str) -> list[Suggestion]:
    return [_row(r) for r in db["suggestions"].rows_where("draft_id = ?", [draft_id], order_by="created_at, id")]


def suggestion_by_token(db: Database, token: str) -> Suggestion:
    rows = list(db["suggestions"].rows_where("token_hash = ?", [_hash(token)]))
    if not rows:
        raise NotFoundError("onbekende link")
    return _row(rows[0])


def send_suggestions(
    db: Database, draft_id: str, broker: Broker, group_ids: list[str], now: str, secret: bytes
) -> list[tuple[Suggestion, str]]:
    """An approved draft goes to at most three groups; returns (suggestion, link token) pairs."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state != "approved":
        raise ReviewError("Alleen een goedgekeurd concept kan naar onderzoeksgroepen.")
    chosen = list(dict.fromkeys(group_ids))
    if not chosen:
        raise ReviewError("Kies minstens één onderzoeksgroep.")
    if len(chosen) > MAX_RECIPIENTS:
        raise ReviewError(f"Kies hooguit {MAX_RECIPIENTS} onderzoeksgroepen.")
    groups = catalog.groups(db)
    unknown = [g for g in chosen if g not in groups]
    if unknown:
        raise ReviewError(f"Onbekende onderzoeksgroep: {', '.join(unknown)}.")
    reasons = {g["id"]: g.get("why", []) for g in draft.draft.get("suggested_groups", [])}
    created = []
    with db.atomic():
        for group_id in chosen:
            suggestion_id = f"{draft_id}-{secrets.token_hex(3)}"
            token = link_token(secret, suggestion_id)
            db.table("suggestions").insert(
                {
                    "id": suggestion_id,
                    "draft_id": draft_id,
                    "group_id": group_id,
                    "token_hash": _hash(token),
                    "state": "sent",
                    "why": json.dumps(reasons.get(group_id, []), ensure_ascii=False),
                    "semester": semester_of(now),
                    "created_at": now,
                }
            )
            created.append((_get(db, suggestion_id), token))
        db.execute("UPDATE drafts SET state = 'suggested', updated_at = ? WHERE id = ?", [now, draft_id])
        intakes.append_event(
            db,
            Event(
                draft_id,
                now,
                broker.actor,
                "approved",
                "suggested",
                "voorgelegd aan " + ", ".join(groups[g].name for g in chosen),
            ),
        )
    return created


def answer(db: Database, token: str, kind: str, fields: dict[str, str], now: str) -> Suggestion:
    """An institution's answer through its link: interested, decline (with a reason) or a question."""
    suggestion = suggestion_by_token(db, token)
    draft = intakes.get_draft(db, suggestion.draft_id)
    if suggestion.state not in OPEN or draft.state != "suggested":
        raise ReviewError("Deze suggestie is al beantwoord of gesloten; dank u.")
    text = fields.get("text", "").strip()[:2000]
    if kind == "interested":
        start, contact = fields.get("proposed_start", "").strip()[:100], fields.get("contact_name", "").strip()[:100]
        if not start or not contact:
            raise ReviewError("Vul een mogelijke start en een contactpersoon in.")
        values = {"state": "interested", "proposed_start": start, "contact_name": contact, "text": text}
        comment = f"interesse: start {start}, contact {contact}"
    elif kind == "decline":
        reason = fields.get("reason", "")
        if reason not in DECLINE_REASONS:
            raise ReviewError("Kies een reden om af te zien.")
        values = {"state": "declined", "reason": reason, "text": text}
        comment = f"afgezien: {reason}" + (f" ({text})" if text else "")
    elif kind == "question":
        if not text:
            raise ReviewError("Schrijf uw vraag aan de kennismakelaars.")
        values = {"state": "question", "text": text}
        comment = f"vraag: {text}"
    else:
        raise ReviewError("Onbekend antwoord.")
    group = catalog.get_group(db, suggestion.group_id)
    with db.atomic():
        db.table("suggestions").update(suggestion.id, {**values, "answered_at": now})
        intakes.append_event(
            db, Event(draft.id, now, f"groep:{group.id}", draft.state, draft.state, f"{group.name}: {comment}")
        )
    return _get(db, suggestion.id)


def confirm_match(db: Database, draft_id: str, broker: Broker, suggestion_id: str, now: str) -> Suggestion:
    """Brokers confirm one interested group: matched, its capacity taken, the others thanked."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    chosen = next((s for s in suggestions_of(db, draft_id) if s.id == suggestion_id), None)
    if draft.state != "suggested" or chosen is None or chosen.state != "interested":
        raise ReviewError("Alleen een groep die interesse toonde kan worden bevestigd.")
    if capacity_left(db, chosen.group_id, now) <= 0:
        raise ReviewError("Deze groep heeft dit semester geen capaciteit meer.")
    group = catalog.get_group(db, chosen.group_id)
    with db.atomic():
        db.execute(
            "UPDATE suggestions SET state = 'accepted', semester = ? WHERE id = ?", [semester_of(now), chosen.id]
        )
        db.execute(
            "UPDATE suggestions SET state = 'thanked' WHERE draft_id = ? AND id != ? AND state IN "
            "('sent', 'question', 'interested')",
            [draft_id, chosen.id],
        )
        db.execute("UPDATE drafts SET state = 'matched', updated_at = ? WHERE id = ?", [now, draft_id])
        intakes.append_event(
            db,
            Event(
                draft_id,
                now,
                broker.actor,
                "suggested",
                "matched",
                f"{group.name} gaat ermee aan de slag; contact: {chosen.contact_name}",
            ),
        )
    return _get(db, chosen.id)


def record_outcome(db: Database, draft_id: str, actor: str, summary: str, link: str, date: str, now: str) -> Assignment:
    """The work is done: the draft is completed and becomes a past assignment of the group,
    so the next similar question finds it."""
    draft = intakes.get_draft(db, draft_id)
    if draft.state != "matched":
        raise ReviewError("Alleen een gematcht concept kan worden afgerond.")
    if not summary.strip():
        raise ReviewError("Vat de uitkomst samen.")
    accepted = next((s for s in suggestions_of(db, draft_id) if s.state == "accepted"), None)
    if accepted is None:
        raise ReviewError("Er is geen bevestigde onderzoeksgroep.")
    year = int((date or now)[:4])
    q = draft.draft
    organisation_id = draft.intake.get("organisation_id") or _organisation_id(db, draft.organisation)
    assignment = Assignment(
        id=f"asg-{draft.id.lower()}",
        organisation_id=organisation_id,
        year=year,
        title=q.get("title", draft.title),
        problem=str(draft.intake.get("problem") or q.get("background", "")),
        research_question=q["main_question"],
        themes=tuple(q.get("themes") or ("e-governance",)),
        form=q.get("form") or "praktijkopdracht",
        level=q.get("level") or "beide",
        outcome=summary.strip() + (f" ({link.strip()})" if link.strip() else ""),
        group_id=accepted.group_id,
    )
    with db.atomic():
        catalog.save_records(db, "assignments", [assignment])
        db.execute("UPDATE drafts SET state = 'completed', updated_at = ? WHERE id = ?", [now, draft_id])
        intakes.append_event(db, Event(draft_id, now, actor, "matched", "completed", summary.strip()[:500]))
    return assignment


def _organisation_id(db: Database, name: str) -> str:
    """The id of a known organisation by name; an unknown one is added so the past assignment
    can refer to it."""
    lowered = name.strip().lower()
    for org in catalog.organisations(db).values():
        if lowered in (org.name.lower(), org.short_name.lower(), *(a.lower() for a in org.aliases)):
            return org.id
    from knowledge.records import Organisation

    new_id = "org-" + hashlib.sha256(lowered.encode()).hexdigest()[:8]
    catalog.save_records(
        db, "organisations", [Organisation(id=new_id, name=name.strip(), short_name=name.strip(), city="")]
    )
    return new_id


def suggestions_for_groups(db: Database, group_ids: list[str]) -> list[dict[str, Any]]:
    """Suggestions to these groups with the draft's title and organisation, newest first."""
    if not group_ids:
        return []
    marks = ",".join("?" for _ in group_ids)
    rows = db.execute(
        f"SELECT s.id, s.group_id, s.state, s.reason, s.proposed_start, s.contact_name, s.created_at, s.answered_at, "
        f"d.id, d.title, d.organisation, d.state FROM suggestions s JOIN drafts d ON d.id = s.draft_id "
        f"WHERE s.group_id IN ({marks}) ORDER BY s.created_at DESC",
        group_ids,
    ).fetchall()
    keys = (
        "suggestion_id",
        "group_id",
        "state",
        "reason",
        "proposed_start",
        "contact_name",
        "created_at",
        "answered_at",
        "draft_id",
        "title",
        "organisation",
        "draft_state",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


# Suggestions still waiting for an answer to a question that is still out (not rejected or
# withdrawn meanwhile): only these are reminded and closed.
WAITING = "state = 'sent' AND draft_id IN (SELECT id FROM drafts WHERE state = 'suggested')"


def due_reminders(db: Database, now: str) -> list[Suggestion]:
    """Unanswered suggestions that waited 10 working days and were not reminded yet."""
    rows = db["suggestions"].rows_where(f"{WAITING} AND reminded_at IS NULL")
    return [
        s
        for s in (_row(r) for r in rows)
        if working_days_between(s.created_at, now) >= REMIND_AFTER_WORKING_DAYS
        and working_days_between(s.created_at, now) < CLOSE_AFTER_WORKING_DAYS
    ]


def mark_reminded(db: Database, suggestion_id: str, now: str) -> None:
    db.execute("UPDATE suggestions SET reminded_at = ? WHERE id = ?", [now, suggestion_id])


def close_overdue(db: Database, now: str) -> list[Suggestion]:
    """Suggestions without an answer after 20 working days close as "no answer" (an event)."""
    closed = []
    for row in list(db["suggestions"].rows_where(WAITING)):
        suggestion = _row(row)
        if working_days_between(suggestion.created_at, now) < CLOSE_AFTER_WORKING_DAYS:
            continue
        draft = intakes.get_draft(db, suggestion.draft_id)
        group = catalog.get_group(db, suggestion.group_id)
        with db.atomic():
            db.execute("UPDATE suggestions SET state = 'no_answer', answered_at = ? WHERE id = ?", [now, suggestion.id])
            intakes.append_event(
                db,
                Event(
                    draft.id,
                    now,
                    "vraagwijzer",
                    draft.state,
                    draft.state,
                    f"{group.name}: geen antwoord na {CLOSE_AFTER_WORKING_DAYS} werkdagen",
                ),
            )
        closed.append(_get(db, suggestion.id))
    return closed
