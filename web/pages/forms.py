"""Reading typed form values: as typed, never silently cut short, without control characters."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.texts import nl
from knowledge.import_rows import CONTROL_CHARACTERS
from knowledge.review import ReviewError

FIELDS = nl.FORM_FIELDS
MAX_TEXT = 2000  # the longest free text in a form, as in the chat


def form_text(form: dict[str, Any], key: str, label: str, limit: int | None = MAX_TEXT) -> str:
    """A typed form value as typed (stripped), or a ReviewError naming the field: never silently
    cut short, and without control characters (they break the Word document and the mail)."""
    value = form.get(key) or ""
    if not isinstance(value, str):  # a file where text belongs
        raise ReviewError(nl.FORM_NOT_TEXT.format(label=label))
    value = value.strip()
    length = len(value.replace("\r\n", "\n"))  # as the browser's maxlength counts a line break
    if limit is not None and length > limit:
        raise ReviewError(nl.FORM_TOO_LONG.format(label=label, length=length, limit=limit))
    if CONTROL_CHARACTERS.search(value):
        raise ReviewError(nl.FORM_CONTROL_CHARACTERS.format(label=label))
    return value


def lines(value: Any) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def outcome_fields(form: dict[str, Any]) -> tuple[str, str, str]:
    """Summary, link and date (JJJJ-MM-DD or empty) of a finished assignment, checked."""
    day = form_text(form, "date", FIELDS["date"], 10)
    if day:
        try:
            year = date.fromisoformat(day).year if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else 0
        except ValueError:
            year = 0
        if not 1990 <= year <= 2100:
            raise ReviewError(nl.FORM_BAD_DATE)
    return form_text(form, "summary", FIELDS["summary"]), form_text(form, "link", FIELDS["link"], 500), day
