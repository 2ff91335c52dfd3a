"""The language model behind the official `openai` client: one chat completion with a JSON
schema for the draft's own fields, validated with pydantic. One try within the time-out: a retry
would make the user wait twice as long, while the rule-based draft is ready anyway."""

from __future__ import annotations

import logging
from typing import Any

import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError

# The client logs request bodies (our prompts) at DEBUG; with VRAAGWIJZER_LOG_LEVEL=DEBUG they
# would end up in the service log. Nothing of prompts or answers is logged.
logging.getLogger("openai").setLevel(logging.WARNING)

MAX_TOKENS = 800
NO_KEY = "geen-sleutel"  # servers without a key (Ollama, a local vLLM) ignore the header


class WordingFailed(Exception):
    """The model gave no usable proposal; `reason` is a short slug, never content."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Proposal(BaseModel):
    """The model's wording, with the draft's own field names; outside JSON, so validated."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=3, max_length=160)
    main_question: str = Field(min_length=10, max_length=600)
    sub_questions: list[str] = Field(min_length=3, max_length=6)


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "main_question": {"type": "string"},
        "sub_questions": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["title", "main_question", "sub_questions"],
    "additionalProperties": False,
}
RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {"name": "onderzoeksvraag", "schema": SCHEMA, "strict": True},
}


class ModelClient:
    """One OpenAI-compatible endpoint and model."""

    def __init__(self, base_url: str, model: str, key: str | None, timeout: float) -> None:
        self.model = model
        self.timeout = timeout
        self._client = openai.OpenAI(base_url=base_url, api_key=key or NO_KEY, timeout=timeout, max_retries=0)

    def propose(self, messages: list[dict[str, str]]) -> Proposal:
        """The model's proposal for these messages; `WordingFailed` on a time-out, an error
        status, a refused or cut-off answer, or JSON that does not fit the schema."""
        try:
            completion = self._client.chat.completions.create(  # type: ignore[call-overload]
                model=self.model,
                messages=messages,  # the plain {"role", "content"} the typed params describe
                response_format=RESPONSE_FORMAT,
                temperature=0.2,
                max_tokens=MAX_TOKENS,
                timeout=self.timeout,
            )
        except openai.APITimeoutError:
            raise WordingFailed("time-out") from None
        except openai.APIStatusError as error:
            raise WordingFailed(f"status {error.status_code}") from None
        except openai.APIConnectionError:
            raise WordingFailed("no connection") from None
        except openai.OpenAIError as error:
            raise WordingFailed(type(error).__name__) from None
        except ValueError:  # a body that is not JSON at all (a proxy's error page)
            raise WordingFailed("no JSON body") from None
        if not completion.choices:
            raise WordingFailed("no choices")
        choice = completion.choices[0]
        if choice.finish_reason not in (None, "stop"):
            raise WordingFailed(f"finish {choice.finish_reason}")
        content = choice.message.content or ""
        try:
            return Proposal.model_validate_json(content)
        except ValidationError as error:
            kinds = sorted({e["type"] for e in error.errors()})
            raise WordingFailed("invalid answer: " + ",".join(kinds)) from None

    def close(self) -> None:
        self._client.close()
