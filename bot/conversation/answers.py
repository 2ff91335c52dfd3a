"""How a typed answer is kept: cut to length, personal data redacted (told once per kind),
the language noticed, names of people redacted, and the Dutch analysis made once."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from bot import texts
from bot.analysis import Analysis, AnalysisError
from bot.conversation.language import detect_language
from bot.conversation.messages import Reply
from bot.conversation.names import redact_names
from bot.conversation.redaction import redact
from bot.conversation.services import DialogServices
from knowledge.records import Conversation

log = logging.getLogger(__name__)

MAX_ANSWER = 2000


def received(conv: Conversation, raw: str) -> tuple[Conversation, str, list[Reply]]:
    """A typed message as the dialog reads it: at most `MAX_ANSWER` characters, personal data
    redacted, the conversation in the message's language unless the user chose one; with the
    notices for what was cut or redacted for the first time."""
    notices: list[Reply] = []
    if len(raw) > MAX_ANSWER:
        raw = raw[:MAX_ANSWER]
        notices.append(Reply(texts.for_language(conv.language).TOO_LONG.format(limit=MAX_ANSWER)))
    redaction = redact(raw)
    text = redaction.text
    if not conv.pending.get("language_locked"):
        detected = detect_language(text)
        if detected and detected != conv.language:
            conv = replace(conv, language=detected)
    t = texts.for_language(conv.language)
    new_kinds = [k for k in redaction.found if k not in conv.notices]
    if new_kinds:
        kinds = ", ".join(t.REDACTED_KINDS[k] for k in new_kinds)
        notices.append(Reply(t.REDACTED.format(kinds=kinds)))
        conv = replace(conv, notices=(*conv.notices, *new_kinds))
    return conv, text, notices


def kept(text: str) -> str:
    """An answer as it is stored. Its parts were redacted, but removing filler or joining a
    follow-up can bring digits together ("123 eh 456 782"), so it is redacted once more."""
    return redact(text).text


def store_text(services: DialogServices, conv: Conversation, step: str, value: str) -> tuple[Conversation, list[Reply]]:
    """Keep a free-text answer with its Dutch analysis, made once, here; names of people
    found by it are redacted first (told once), so neither the text nor the analysis has them."""
    stored_analysis: dict[str, Any] = dict(conv.answers.get("analysis") or {})
    conv, value, analysis, notices = without_names(services, conv, value)
    if analysis is None or not analysis.complete:
        stored_analysis.pop(step, None)  # the drafter analyses it again when the draft is made
    else:
        stored_analysis[step] = analysis.as_json()
    answers = {**conv.answers, step: value, "analysis": stored_analysis}
    return replace(conv, answers=answers), notices


def without_names(
    services: DialogServices, conv: Conversation, text: str
) -> tuple[Conversation, str, Analysis | None, list[Reply]]:
    """The text with the names of people redacted (told once) and its analysis; that has only
    tags and named entities (`complete` False) while Frog's full models still load after a
    start. When Frog cannot be reached the text is kept as it is, without analysis, and the
    failure logged."""
    drafter = services.drafter
    assert drafter is not None
    notices: list[Reply] = []
    try:
        analysis = drafter.analyse_for_names(text)
        redacted, count = redact_names(text, analysis, services.kept_names)
    except AnalysisError:
        log.exception("No Dutch analysis for an answer at step %s", conv.step)
        return conv, text, None, notices
    if count:
        text = redacted
        try:
            analysis = drafter.analyse_for_names(redacted)
        except AnalysisError:
            log.exception("No Dutch analysis for a redacted answer at step %s", conv.step)
            return conv, text, None, notices
        if "name" not in conv.notices:
            t = texts.for_language(conv.language)
            notices.append(Reply(t.REDACTED.format(kinds=t.REDACTED_KINDS["name"])))
            conv = replace(conv, notices=(*conv.notices, "name"))
    return conv, text, analysis, notices
