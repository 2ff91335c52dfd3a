"""Optional wording by a language model the organisation runs itself (VLAM, vLLM, Ollama, GPT-NL:
any OpenAI-compatible API). Off unless configured; the rule-based draft always stands behind it.

- `client`: the model behind the official `openai` client; structured output, one try, a time-out.
- `prompt`: what is sent: the redacted intake, the kind, the similar work, the rule-based wording.
- `guard`: what a proposal must pass before anyone sees it (quality checks, organisation, key
  words, nothing new: no number or name that is not in the intake).
- `versions`: the draft's record of both versions and switching between them.
- `service`: `ModelWording`, which puts these together and falls back to the rules on any doubt.

Nothing is imported here: the `openai` client loads only where a model is configured.
"""
