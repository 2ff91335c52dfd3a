"""What is sent to the language model: the instruction, the redacted intake, the kind of
question, the similar past assignments and the rule-based wording (and, for "Andere
formulering", the version to differ from). Pure: redaction happens before, in `service`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot.drafting import Draft
from bot.texts import for_language

INTAKE_FIELDS = ("problem", "context", "goal", "stakeholders", "data", "timeline")


def wording_of(draft: Draft) -> dict[str, Any]:
    """The three fields the model may change, as JSON."""
    return {"title": draft.title, "main_question": draft.main_question, "sub_questions": list(draft.sub_questions)}


def messages(
    rules: Draft,
    intake: Mapping[str, str],
    organisation: str,
    key_words: Sequence[str],
    similar: Sequence[str],
    previous: Draft | None = None,
) -> list[dict[str, str]]:
    """The chat messages for one proposal; `intake` holds the redacted free-text answers."""
    t = for_language(rules.language)
    names = t.WORDING_FIELD_NAMES
    system = t.WORDING_PROMPT_SYSTEM.format(
        organisation=organisation, key_words=", ".join(key_words) or t.WORDING_PROMPT_NO_KEY_WORDS
    )
    lines = [f"{names['organisation']}: {organisation}", f"{names['kind']}: {t.KIND_NAMES.get(rules.kind, rules.kind)}"]
    lines += [f"{names[field]}: {intake[field]}" for field in INTAKE_FIELDS if intake.get(field)]
    if similar:
        lines.append(names["similar"] + ":\n" + "\n".join(f"- {s}" for s in similar))
    lines.append(f"{names['current']}:\n" + json.dumps(wording_of(rules), ensure_ascii=False, indent=1))
    if previous is not None:
        lines.append(
            t.WORDING_PROMPT_ALTERNATIVE.format(previous=json.dumps(wording_of(previous), ensure_ascii=False, indent=1))
        )
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n\n".join(lines)}]
