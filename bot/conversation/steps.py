"""Moving through the intake: the steps in order, asking a step's question (again), taking
a chosen option, moving on, and showing similar work and the draft on the way."""

from __future__ import annotations

from dataclasses import replace
from types import ModuleType
from typing import Any

from bot import texts
from bot.conversation.answers import store_text
from bot.conversation.drafts import draft_replies, make_draft, similar_reply, similar_work
from bot.conversation.messages import Option, Reply
from bot.conversation.services import DialogServices
from bot.drafting import KINDS, Draft
from knowledge.records import Conversation
from knowledge.vocabulary import FORMS, LEVELS, REGIONS

STEPS: tuple[str, ...] = (
    "organisation",
    "region",
    "problem",
    "context",
    "similar",
    "goal",
    "stakeholders",
    "data",
    "timeline",
    "form",
    "level",
    "review",
)
TEXT_FIELDS = ("problem", "context", "goal", "stakeholders", "data", "timeline")
FOLLOW_UP_FIELDS = ("problem", "context", "goal")
EDITABLE = ("organisation", "region", "problem", "context", "goal", "stakeholders", "data", "timeline", "form", "level")


def fresh(conv: Conversation) -> Conversation:
    """The same user, nothing in progress; language and redaction notices are kept."""
    return Conversation(
        channel=conv.channel,
        user_ref=conv.user_ref,
        language=conv.language,
        # Kept too: the number of the last submitted draft, for its buttons pressed later.
        pending={k: v for k, v in conv.pending.items() if k in ("language_locked", "submitted_as")},
        notices=conv.notices,
    )


def without(pending: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in pending.items() if k not in keys}


def region_options(t: ModuleType) -> tuple[Option, ...]:
    return tuple(Option(f"region:{r}", t.REGION_OPTION_LABELS[r]) for r in REGIONS)


class Steps:
    """The dialog's way through the steps; `Dialog` adds typed answers and commands."""

    def __init__(self, services: DialogServices) -> None:
        self.services = services

    def _begin(self, conv: Conversation, *, welcome: bool) -> tuple[Conversation, list[Reply]]:
        conv = replace(fresh(conv), step="organisation")
        t = texts.for_language(conv.language)
        replies = [Reply(t.WELCOME)] if welcome else []
        return conv, [*replies, self._question(conv, "organisation")]

    # -- moving on ---------------------------------------------------------------------
    def _advance(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        if conv.pending.get("edit"):
            conv = replace(conv, step="review", pending=without(conv.pending, "edit", "draft"))
            return self._show_draft(conv)
        index = STEPS.index(conv.step) if conv.step in STEPS else -1
        next_step = STEPS[index + 1]
        conv = replace(conv, step=next_step, history=(*conv.history, conv.step))
        if next_step == "problem" and conv.pending.get("early_problem") and "problem" not in conv.answers:
            early = conv.pending["early_problem"]
            conv, notice = store_text(
                self.services, replace(conv, pending=without(conv.pending, "early_problem")), "problem", early
            )
            conv, replies = self._advance(conv)
            used = Reply(texts.for_language(conv.language).PROBLEM_FROM_EARLIER)
            return conv, [*notice, used, *replies]
        if next_step == "similar":
            return self._show_similar(conv)
        if next_step == "review":
            return self._show_draft(conv)
        return conv, [self._question(conv, next_step)]

    def _show_similar(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        similar = similar_work(self.services.matcher, conv.answers)
        if not similar:
            conv = replace(conv, answers={**conv.answers, "builds_on": None})
            conv2, replies = self._advance(conv)
            return conv2, [Reply(t.SIMILAR_NONE), *replies]
        reply = similar_reply(t, similar, conv.answers.get("organisation_id"))
        conv = replace(conv, pending={**conv.pending, "similar_ids": [a.id for a in similar]})
        return conv, [reply]

    def _show_draft(
        self, conv: Conversation, *, reworded: bool = False, again: bool = False
    ) -> tuple[Conversation, list[Reply]]:
        """The draft and what the user can do with it. `again` shows the draft made before
        (asked again after an unclear answer) instead of drafting anew."""
        t = texts.for_language(conv.language)
        stored = conv.pending.get("draft") if again else None
        current = Draft.from_json(stored) if stored else make_draft(self.services, conv)
        # A new draft's buttons are the same as the submitted one's: from now on they are its.
        conv = replace(conv, pending={**without(conv.pending, "submitted_as"), "draft": current.as_json()})
        return conv, draft_replies(t, current, reworded=reworded)

    # -- options -----------------------------------------------------------------------
    def _apply_choice(self, conv: Conversation, kind: str, value: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if kind == "org":
            candidate = conv.pending.get("org_candidate", {})
            pending = without(conv.pending, "org_candidate")
            if value == "yes":
                answers = {**conv.answers, "organisation": candidate["name"], "organisation_id": candidate["id"]}
                return self._advance(replace(conv, answers=answers, pending=pending))
            answers = {**conv.answers, "organisation": candidate.get("typed", ""), "organisation_id": None}
            return self._advance(replace(conv, answers=answers, pending=pending))
        if kind == "region" and value in REGIONS:
            return self._advance(replace(conv, answers={**conv.answers, "region": value}))
        if kind == "similar":
            builds_on = None if value == "new" else value
            return self._advance(replace(conv, answers={**conv.answers, "builds_on": builds_on}))
        if kind == "form" and (value in FORMS or value == "none"):
            return self._advance(replace(conv, answers={**conv.answers, "form": None if value == "none" else value}))
        if kind == "level" and value in LEVELS:
            return self._advance(replace(conv, answers={**conv.answers, "level": value}))
        if kind == "review":
            return self._review_action(conv, value)
        if kind == "kind" and value in KINDS:
            conv = replace(conv, pending={**conv.pending, "kind": value, "variant": 0})
            return self._show_draft(conv, reworded=True)
        if kind == "edit" and value in EDITABLE:
            conv = replace(conv, step=value, pending={**conv.pending, "edit": True})
            return conv, [self._question(conv, value)]
        return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]

    def _review_action(self, conv: Conversation, action: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if action == "submit":
            current = Draft.from_json(conv.pending["draft"])
            submitted = self.services.submit(conv, current, conv.answers)
            label = t.REGION_OPTION_LABELS.get(submitted.region, submitted.region)
            conv = fresh(replace(conv, pending={**conv.pending, "submitted_as": submitted.id}))
            return conv, [Reply(t.SUBMITTED.format(id=submitted.id, region=label))]
        if action == "edit":
            return conv, [Reply(t.EDIT_WHICH, tuple(Option(f"edit:{f}", t.FIELD_LABELS[f]) for f in EDITABLE))]
        if action == "reword":
            variant = int(conv.pending.get("variant", 0)) + 1
            conv = replace(conv, pending={**conv.pending, "variant": variant})
            return self._show_draft(conv, reworded=True)
        if action == "cancel":
            return fresh(conv), [Reply(t.CANCELLED)]
        return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]

    # -- asking ------------------------------------------------------------------------
    def _ask_again(self, conv: Conversation) -> list[Reply]:
        t = texts.for_language(conv.language)
        if conv.step == "idle":
            return []
        if conv.step == "organisation" and "org_candidate" in conv.pending:
            candidate = conv.pending["org_candidate"]
            return [
                Reply(
                    t.ORGANISATION_CONFIRM.format(name=candidate["name"]),
                    (Option("org:yes", t.YES), Option("org:no", t.NO)),
                )
            ]
        if conv.step == "similar":
            return list(self._show_similar(conv)[1])
        if conv.step == "review":
            return list(self._show_draft(conv, again=True)[1])
        if conv.step == "answer_question":
            return [Reply(t.ANSWER_PROMPT.format(id=conv.pending.get("answer_draft", "")))]
        if conv.step == "share_contact":
            return [Reply(t.OVERLAP_CONTACT_PROMPT)]
        return [self._question(conv, conv.step)]

    def _question(self, conv: Conversation, step: str) -> Reply:
        t = texts.for_language(conv.language)
        if step == "region":
            return Reply(t.ASK["region"], region_options(t))
        if step == "form":
            return Reply(t.ASK["form"], tuple(Option(f"form:{k}", v) for k, v in t.FORM_LABELS.items()))
        if step == "level":
            return Reply(t.ASK["level"], tuple(Option(f"level:{k}", v) for k, v in t.LEVEL_LABELS.items()))
        return Reply(t.ASK[step])
