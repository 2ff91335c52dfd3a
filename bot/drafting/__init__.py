"""The drafted research question: composed from the analysed intake, then checked.

- `records`: Intake and OrganisationName in, Draft and QualityCheck out; the kinds of question.
- Dutch grammar on Frog's tokens (pure): `dutch` (words, filler, sentences, lists), `verbs`
  ("te" and the verb cluster), `nouns` (noun phrases, articles, people), `voice` (the
  organisation's voice, with the verb agreeing).
- The Dutch draft (pure): `goal` (the shape of the goal), `focus` (what it is about),
  `main_question`, `sub_questions`, and `compose`, which puts the parts together.
- `quality`: the checks, on an analysis of the final text (pure); `faults` finds each
  grammatical fault.
- `english`: the English draft, by word rules (Frog is Dutch only).
- `drafter`: the one place with I/O: it asks Frog for analyses and picks the main question
  that passes every check.
- `document`: a draft as plain text and as a Word document.
"""

from bot.drafting.english import question_kind
from bot.drafting.records import KINDS, Draft, Intake, QualityCheck

__all__ = ["KINDS", "Draft", "Intake", "QualityCheck", "question_kind"]
