"""A draft's wording version: a broker switches between the rule-based wording and the
language model's (both kept in the draft's `wording` record), with an audit entry."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from knowledge import intakes, review
from knowledge.records import Event, SubmittedDraft

WORDED_FIELDS = ("title", "main_question", "sub_questions")


def set_wording(
    db: Database,
    draft_id: str,
    broker: review.Broker,
    fields: dict[str, Any],
    wording: dict[str, Any],
    now: str,
) -> SubmittedDraft:
    """Put `fields` (title, main question, sub-questions and their quality checks) in the draft
    and store the `wording` record; each changed field is an edit event, and one event says
    which version is in use. The review rules of an edit apply (region, not closed)."""
    with db.atomic():
        edited = review.edit_draft(db, draft_id, broker, {k: fields[k] for k in WORDED_FIELDS}, now)
        updated = {**edited.draft, "wording": wording, "quality": fields.get("quality", edited.draft.get("quality"))}
        db.execute(
            "UPDATE drafts SET draft = ?, updated_at = ? WHERE id = ?",
            [json.dumps(updated, ensure_ascii=False), now, draft_id],
        )
        comment = json.dumps({"wording": wording.get("in_use")}, ensure_ascii=False)
        intakes.append_event(db, Event(draft_id, now, broker.actor, edited.state, edited.state, comment))
    return intakes.get_draft(db, draft_id)
