"""Drafts with a history: submitted at a time, then through given states at given times, as
the audit log would hold them. For the overview's tests and its benchmark."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from knowledge import intakes
from knowledge.records import Event
from tests.support import builders


def at(day: str, hours: float = 0) -> str:
    """'2026-03-02' (+ hours) as a stored UTC time."""
    moment = datetime.fromisoformat(f"{day}T09:00:00+00:00") + timedelta(hours=hours)
    return moment.isoformat(timespec="seconds")


def later(start: str, days: float) -> str:
    return (datetime.fromisoformat(start) + timedelta(days=days)).isoformat(timespec="seconds")


def add_draft(
    db: Database,
    draft_id: str,
    submitted: str,
    steps: Sequence[tuple[str, str]] = (),
    *,
    region: str = "oost",
    organisation: str = "DUO",
    title: str | None = None,
    **document: Any,
) -> None:
    """Submit `draft_id` at `submitted`, then move it through `steps` ((state, time), in order);
    its state is the last one. `document` overrides fields of the drafted question (themes,
    form, level, ...)."""
    draft = builders.draft_document(
        title=title or f"Vraag {draft_id}", organisation=organisation, region=region, **document
    )
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id=draft_id, region=region, organisation=organisation, draft=draft, created_at=submitted
        ),
    )
    previous = "submitted"
    for to_state, when in steps:
        intakes.append_event(db, Event(draft_id, when, "makelaar:test@example.nl", previous, to_state, "test"))
        previous = to_state
    if steps:  # where the log says it is now, as the workflow would have left it
        db.table("drafts").update(draft_id, {"state": previous, "updated_at": steps[-1][1]})
