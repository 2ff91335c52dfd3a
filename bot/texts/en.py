"""English texts, used when a user writes English or asks for it."""

from __future__ import annotations

EMPTY_QUERY = "Please describe the problem; the text is empty or has no words."
UNKNOWN_VALUE = "Unknown {what} {value!r}; choose from: {allowed}."
