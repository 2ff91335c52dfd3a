"""The drafted research question: composed from the analysed intake, then checked.

- `records`: Intake in, Draft and QualityCheck out.
- `goal`, `dutch`, `compose`: the Dutch draft from Frog's analysis of the answers (pure).
- `quality`: the checks, on an analysis of the final text (pure).
- `english`: the English draft, by word rules (Frog is Dutch only).
- `drafter`: the one place with I/O: it asks Frog for analyses and picks the main question
  that passes every check.
"""

from bot.drafting.english import question_kind
from bot.drafting.records import Draft, Intake, QualityCheck

KINDS = ("adviserend", "ontwerpend", "evaluerend", "verklarend", "voorspellend", "beschrijvend")

__all__ = ["KINDS", "Draft", "Intake", "QualityCheck", "question_kind"]
