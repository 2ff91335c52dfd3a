"""The review workflow of a submitted draft: brokers, four-eyes approval, state changes.

Every change appends an event (who, when, from, to, comment). The rules of the SPEC's
lifecycle live here and nowhere else; the web pages and the CLI only call these functions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from knowledge import intakes
from knowledge.errors import NotFoundError, VraagwijzerError
from knowledge.records import Event, SubmittedDraft
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, THEMES

SIDES = ("rijk", "ho")
REJECT_REASONS = ("geen_onderzoeksvraag", "al_onderzocht", "buiten_scope", "onvoldoende_informatie", "anders")
OPEN_FOR_REVIEW = ("submitted", "in_review")
CLOSED = ("rejected", "withdrawn", "completed")


# A work address: one @, a plain local part, a domain with at least one dot (no quoted forms).
DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
EMAIL = re.compile(rf"[a-z0-9!#$%&'*+/=?^_`{{|}}~.-]+@{DOMAIN_LABEL}(?:\.{DOMAIN_LABEL})+")


class ReviewError(VraagwijzerError):
    """A review action that the rules do not allow; the message says why, in Dutch."""


@dataclass(frozen=True)
class Broker:
    id: int
    name: str
    email: str
    region: str
    side: str
    telegram_id: str | None
    created_at: str
    teams_id: str | None = None

    @property
    def actor(self) -> str:
        return f"makelaar:{self.email}"


def add_broker(
    db: Database,
    *,
    name: str,
    email: str,
    region: str,
    side: str,
    now: str,
    telegram_id: str | None = None,
    teams_id: str | None = None,
) -> Broker:
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise ReviewError("Geef de naam van de makelaar.")
    if not EMAIL.fullmatch(email):
        raise ReviewError(f"{email!r} is geen e-mailadres.")
    if region not in REGIONS:
        raise ReviewError(f"Onbekende regio {region!r}; kies uit {', '.join(REGIONS)}.")
    if side not in SIDES:
        raise ReviewError("Kies de kant: rijk of ho (hoger onderwijs).")
    if list(db["brokers"].rows_where("email = ?", [email], select="id")):
        raise ReviewError(f"Er is al een makelaar met e-mailadres {email}.")
    db.table("brokers").insert(
        {
            "name": name,
            "email": email,
            "region": region,
            "side": side,
            "telegram_id": telegram_id,
            "teams_id": teams_id,
            "created_at": now,
        }
    )
    return broker_by_email(db, email)


def brokers(db: Database) -> list[Broker]:
    return [Broker(**row) for row in db["brokers"].rows_where(order_by="region, side, name")]


def broker_by_email(db: Database, email: str) -> Broker:
    rows = list(db["brokers"].rows_where("email = ?", [email.strip().lower()]))
    if not rows:
        raise NotFoundError(f"Geen makelaar met e-mailadres {email}.")
    return Broker(**rows[0])


def _state_and_region(state: str | None, region: str | None) -> tuple[list[str], list[str]]:
    """SQL conditions (and their parameters) for drafts of one state and one region, if given."""
    where, params = [], []
    if state:
        where.append("state = ?")
        params.append(state)
    if region:
        where.append("region = ?")
        params.append(region)
    return where, params


def list_drafts(db: Database, *, state: str | None = None, region: str | None = None) -> list[SubmittedDraft]:
    """Drafts newest first, optionally of one state and region."""
    where, params = _state_and_region(state, region)
    rows = db["drafts"].rows_where(" AND ".join(where) or None, params, order_by="created_at DESC")
    return [intakes.draft_from_row(row) for row in rows]


QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueEntry:
    """A draft as the queue lists it (the stored intake and question are not read for it)."""

    id: str
    state: str
    organisation: str
    region: str
    title: str
    themes: tuple[str, ...]
    created_at: str


@dataclass(frozen=True)
class QueuePage:
    """One page of the brokers' queue: its drafts newest first, and where it is among all."""

    drafts: list[QueueEntry]
    total: int
    page: int
    pages: int


def queue_page(
    db: Database,
    *,
    region: str | None,
    state: str | None = None,
    theme: str | None = None,
    organisation: str | None = None,
    page: int = 1,
    size: int = QUEUE_PAGE_SIZE,
) -> QueuePage:
    """The drafts that meet the filters (theme: one of the draft's themes; organisation: part of
    its name, any case), `size` a page; a page beyond the last gives the last."""
    where, params = _state_and_region(state, region)
    if theme:
        where.append("EXISTS (SELECT 1 FROM json_each(drafts.draft, '$.themes') WHERE value = ?)")
        params.append(theme)
    if organisation:
        where.append("instr(lower(organisation), lower(?)) > 0")
        params.append(organisation)
    condition = " AND ".join(where) or "1 = 1"
    total = db.execute(f"SELECT count(*) FROM drafts WHERE {condition}", params).fetchone()[0]
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    rows = db.execute(
        "SELECT id, state, organisation, region, title, json_extract(draft, '$.themes'), created_at FROM drafts "
        f"WHERE {condition} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, size, (page - 1) * size],
    ).fetchall()
    drafts = [
        QueueEntry(id_, state_, organisation_, region_, title, tuple(json.loads(themes or "[]")), created_at)
        for id_, state_, organisation_, region_, title, themes, created_at in rows
    ]
    return QueuePage(drafts, total, page, pages)


def approvals(db: Database, draft_id: str) -> dict[str, int]:
    """Side -> broker id of the approvals in the current review round."""
    round_ = _round(db, draft_id)
    rows = db["approvals"].rows_where("draft_id = ? AND round = ?", [draft_id, round_])
    return {row["side"]: row["broker_id"] for row in rows}


def approve(db: Database, draft_id: str, broker: Broker, now: str) -> SubmittedDraft:
    """Approval by one side of the duo; the second side's approval makes it `approved`."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state not in OPEN_FOR_REVIEW:
        raise ReviewError(f"Dit concept is {draft.state}; goedkeuren kan alleen bij een ingediend concept.")
    given = approvals(db, draft_id)
    if broker.id in given.values():
        raise ReviewError("U heeft dit concept al goedgekeurd; de andere makelaar van het duo moet nog.")
    if broker.side in given:
        raise ReviewError("De goedkeuring van uw kant (vier ogen) is al gegeven; de andere kant moet nog.")
    with db.atomic():
        db.table("approvals").insert(
            {
                "draft_id": draft_id,
                "round": _round(db, draft_id),
                "side": broker.side,
                "broker_id": broker.id,
                "at": now,
            }
        )
        to_state = "approved" if len(given) + 1 == len(SIDES) else "in_review"
        _move(db, draft, to_state, broker.actor, now, f"goedgekeurd ({broker.side})")
    return intakes.get_draft(db, draft_id)


def request_changes(db: Database, draft_id: str, broker: Broker, question: str, now: str) -> SubmittedDraft:
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state not in OPEN_FOR_REVIEW:
        raise ReviewError(f"Dit concept is {draft.state}; om aanpassing vragen kan alleen tijdens de beoordeling.")
    if not question.strip():
        raise ReviewError("Schrijf de vraag aan de indiener.")
    with db.atomic():
        _move(db, draft, "changes_requested", broker.actor, now, question.strip())
    return intakes.get_draft(db, draft_id)


def resubmit(db: Database, draft_id: str, draft_json: dict[str, Any], answer: str, now: str) -> SubmittedDraft:
    """The civil servant answered the brokers' question: a new review round starts."""
    draft = intakes.get_draft(db, draft_id)
    if draft.state != "changes_requested":
        raise ReviewError("Er staat geen vraag van de makelaars open voor dit concept.")
    with db.atomic():
        db.execute(
            "UPDATE drafts SET draft = ?, review_round = review_round + 1 WHERE id = ?",
            [json.dumps(draft_json, ensure_ascii=False), draft_id],
        )
        _move(db, draft, "submitted", "aanvrager", now, answer.strip())
    return intakes.get_draft(db, draft_id)


def reject(db: Database, draft_id: str, broker: Broker, reason: str, text: str, now: str) -> SubmittedDraft:
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state in CLOSED:
        raise ReviewError(f"Dit concept is al {draft.state}.")
    if reason not in REJECT_REASONS:
        raise ReviewError(f"Kies een reden: {', '.join(REJECT_REASONS)}.")
    with db.atomic():
        _move(db, draft, "rejected", broker.actor, now, f"{reason}: {text.strip()}".rstrip(": "))
    return intakes.get_draft(db, draft_id)


def withdraw(db: Database, draft_id: str, now: str) -> SubmittedDraft:
    draft = intakes.get_draft(db, draft_id)
    if draft.state in CLOSED:
        raise ReviewError(f"Dit concept is al {draft.state}.")
    with db.atomic():
        _move(db, draft, "withdrawn", "aanvrager", now, "ingetrokken door de indiener")
    return intakes.get_draft(db, draft_id)


def take_over(db: Database, draft_id: str, broker: Broker, now: str) -> SubmittedDraft:
    """A broker of another region takes the draft to their own region's duo."""
    draft = intakes.get_draft(db, draft_id)
    if draft.region == broker.region:
        raise ReviewError("Dit concept hoort al bij uw regio.")
    if draft.state in CLOSED:
        raise ReviewError(f"Dit concept is al {draft.state}.")
    with db.atomic():
        db.execute("UPDATE drafts SET region = ?, updated_at = ? WHERE id = ?", [broker.region, now, draft_id])
        _note(db, draft, broker, now, f"overgenomen van regio {draft.region} door regio {broker.region}")
    return intakes.get_draft(db, draft_id)


def _check_may_act(draft: SubmittedDraft, broker: Broker) -> None:
    if draft.region != broker.region:
        raise ReviewError(
            f"Dit concept hoort bij regio {draft.region}; neem het eerst over om er als makelaar van "
            f"regio {broker.region} aan te werken."
        )


def _round(db: Database, draft_id: str) -> int:
    row = db.execute("SELECT review_round FROM drafts WHERE id = ?", [draft_id]).fetchone()
    if row is None:
        raise NotFoundError(f"concept {draft_id!r} bestaat niet")
    return int(row[0])


def _checked_slug(field: str, value: Any) -> Any:
    """Form, level and themes must stay within the fixed slugs of the SPEC."""
    if field == "form":
        if value and value not in FORMS:
            raise ReviewError(f"Onbekende vorm {value!r}.")
        return value or None
    if field == "level" and value not in LEVELS:
        raise ReviewError(f"Onbekend niveau {value!r}.")
    if field == "themes" and any(t not in THEMES for t in value):
        raise ReviewError("Kies thema's uit de vaste lijst.")
    return value


def _note(db: Database, draft: SubmittedDraft, broker: Broker, now: str, comment: str) -> None:
    """An event that changes no state: an edit, a take-over, a change of suggestions."""
    intakes.append_event(db, Event(draft.id, now, broker.actor, draft.state, draft.state, comment))


def _move(db: Database, draft: SubmittedDraft, to_state: str, actor: str, now: str, comment: str) -> None:
    current = intakes.get_draft(db, draft.id).state
    db.execute("UPDATE drafts SET state = ?, updated_at = ? WHERE id = ?", [to_state, now, draft.id])
    intakes.append_event(db, Event(draft.id, now, actor, current, to_state, comment))


EDITABLE_FIELDS = (
    "title",
    "main_question",
    "sub_questions",
    "background",
    "objective",
    "scope",
    "deliverables",
    "constraints",
    "form",
    "level",
    "themes",
)


def edit_draft(db: Database, draft_id: str, broker: Broker, changes: dict[str, Any], now: str) -> SubmittedDraft:
    """Brokers improve the wording; each changed field is an event with before and after."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state in CLOSED:
        raise ReviewError(f"Dit concept is {draft.state}; bewerken kan niet meer.")
    updated = dict(draft.draft)
    edits = []
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            raise ReviewError(f"Het veld {field!r} kan niet worden bewerkt.")
        value = [v.strip() for v in value if v.strip()] if isinstance(value, list) else str(value).strip()
        if field in ("title", "main_question") and not value:
            raise ReviewError("Titel en hoofdvraag mogen niet leeg zijn.")
        value = _checked_slug(field, value)
        if not _same(field, updated.get(field), value):
            edits.append((field, updated.get(field), value))
            updated[field] = value
    if not edits:
        return draft
    with db.atomic():
        db.execute(
            "UPDATE drafts SET draft = ?, title = ?, updated_at = ? WHERE id = ?",
            [json.dumps(updated, ensure_ascii=False), updated.get("title", draft.title), now, draft_id],
        )
        for field, before, after in edits:
            _note(
                db,
                draft,
                broker,
                now,
                json.dumps({"field": field, "before": before, "after": after}, ensure_ascii=False),
            )
    return intakes.get_draft(db, draft_id)


def _same(field: str, before: Any, after: Any) -> bool:
    """Whether an edited value is what was there: themes are a set (the form sends them in its
    own order), a line break is one whether typed as CRLF (as browsers send it) or LF, and empty
    is empty whether stored as None, "" or []."""
    if field == "themes":
        return sorted(before or []) == sorted(after or [])
    if isinstance(before, str) and isinstance(after, str):
        return before.replace("\r\n", "\n") == after.replace("\r\n", "\n")
    return (before or None) == (after or None)


def may(draft: SubmittedDraft, broker: Broker, action: str, given: dict[str, int]) -> bool:
    """Whether the rules here (and the draft states `knowledge.suggestions` requires) accept
    `action` by `broker` on `draft` now; `given` is `approvals()` of the draft. The pages offer
    only what this allows, so a button never leads to a refusal."""
    if draft.state in CLOSED:
        return False
    if action == "take_over":
        return draft.region != broker.region
    if draft.region != broker.region:
        return False
    if action == "approve":
        return draft.state in OPEN_FOR_REVIEW and broker.id not in given.values() and broker.side not in given
    if action == "request_changes":
        return draft.state in OPEN_FOR_REVIEW
    if action in ("reject", "edit", "groups"):
        return True
    needs = {"suggest": "approved", "match": "suggested", "complete": "matched"}
    if action not in needs:
        raise ValueError(f"unknown review action {action!r}")
    return draft.state == needs[action]


def set_suggestions(
    db: Database,
    draft_id: str,
    broker: Broker,
    *,
    groups: list[dict[str, Any]],
    similar: list[dict[str, Any]] | None,
    reason: str,
    now: str,
) -> SubmittedDraft:
    """Replace the suggested groups (and optionally similar assignments), with an event that
    records which groups went in and out."""
    draft = intakes.get_draft(db, draft_id)
    _check_may_act(draft, broker)
    if draft.state in CLOSED:
        raise ReviewError(f"Dit concept is {draft.state}; bewerken kan niet meer.")
    before = [g["id"] for g in draft.draft.get("suggested_groups", [])]
    updated = {**draft.draft, "suggested_groups": groups}
    if similar is not None:
        updated["similar_assignments"] = similar
    with db.atomic():
        db.execute(
            "UPDATE drafts SET draft = ?, updated_at = ? WHERE id = ?",
            [json.dumps(updated, ensure_ascii=False), now, draft_id],
        )
        _note(
            db,
            draft,
            broker,
            now,
            json.dumps(
                {
                    "field": "suggested_groups",
                    "reason": reason,
                    "before": before,
                    "after": [g["id"] for g in groups],
                },
                ensure_ascii=False,
            ),
        )
    return intakes.get_draft(db, draft_id)
