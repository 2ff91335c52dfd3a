"""The two versions of a draft's wording and which one is in use. A draft worded by the model
keeps the rule-based version beside it:

    "wording": "rules"                                    the user saw the rules' wording
    "wording": {"model": "...", "at": "2026-...Z",        the user saw the model's wording
                "in_use": "model" | "rules",              what the draft holds now
                "rules": {title, main_question, sub_questions, quality},
                "suggested": {title, main_question, sub_questions, quality}}
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from bot.drafting import Draft

FIELDS = ("title", "main_question", "sub_questions", "quality")
VERSIONS = ("rules", "model")


def version_of(draft: Draft) -> dict[str, Any]:
    return {
        "title": draft.title,
        "main_question": draft.main_question,
        "sub_questions": list(draft.sub_questions),
        "quality": [asdict(q) for q in draft.quality],
    }


def with_model_wording(rules: Draft, worded: Draft, model: str, at: str) -> Draft:
    """The worded draft, recording the model, the moment, and the rule-based version."""
    wording = {"model": model, "at": at, "in_use": "model", "rules": version_of(rules), "suggested": version_of(worded)}
    return replace(worded, wording=wording)


def rules_version(draft: Draft) -> Draft:
    """The draft in its rule-based wording (as it is when the model was not used)."""
    wording = draft.wording
    if not isinstance(wording, dict) or "rules" not in wording:
        return draft
    data = {**draft.as_json(), **wording["rules"], "wording": "rules"}
    return Draft.from_json(data)


def model_wording(data: dict[str, Any]) -> dict[str, Any] | None:
    """The wording record of a draft (as stored JSON) when a model worded it, else None."""
    wording = data.get("wording")
    return wording if isinstance(wording, dict) and "rules" in wording and "suggested" in wording else None


def switched(data: dict[str, Any], version: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the field values of `version`, the wording record with it in use) for a stored draft.
    Raises ValueError for a draft without a model's version or an unknown version."""
    wording = model_wording(data)
    if wording is None:
        raise ValueError("no model version")
    if version not in VERSIONS:
        raise ValueError("unknown version")
    chosen = wording["rules" if version == "rules" else "suggested"]
    return {k: chosen[k] for k in FIELDS}, {**wording, "in_use": version}
