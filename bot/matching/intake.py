"""Matching an intake's answers: the one way the dialog, the CLI and the re-match page ask."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from bot.matching.filters import MatchInputError
from bot.matching.records import MatchResult
from knowledge.vocabulary import LEVELS


class Matching(Protocol):
    """What the dialog, the CLI and the pages need of a matcher (tests pass small fakes)."""

    def find(
        self,
        text: str,
        *,
        region: str | None = ...,
        form: str | None = ...,
        level: str | None = ...,
        k: int = ...,
        k_assignments: int = ...,
        language: str = ...,
    ) -> MatchResult: ...


INTAKE_FIELDS = ("problem", "context", "goal")


def match_intake(
    matcher: Matching,
    answers: Mapping[str, Any],
    *,
    fields: Sequence[str] = INTAKE_FIELDS,
    fallback: str = "",
    k: int = 5,
    k_assignments: int = 3,
    language: str = "nl",
) -> MatchResult | None:
    """Similar assignments and fitting groups for an intake's answers, the groups' reasons in
    `language`. Region is a preference; form and level ("beide" means either) filter. None when
    the answers hold no searchable words ("?", "de")."""
    text = " ".join(str(answers.get(key) or "") for key in fields).strip() or fallback
    level = answers.get("level") if answers.get("level") in LEVELS and answers.get("level") != "beide" else None
    try:
        return matcher.find(
            text,
            region=answers.get("region") or None,
            form=answers.get("form") or None,
            level=level,
            k=k,
            k_assignments=k_assignments,
            language=language,
        )
    except MatchInputError:
        return None
