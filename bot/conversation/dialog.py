"""The intake conversation, channel-neutral: an incoming message and the saved state in,
the new state and the replies out. Channels only translate; they never decide what to ask.

The conversation is a list of steps (`steps`); each answer is redacted before it is kept
(`answers`). A step may ask one follow-up for a vague answer (`intake`), "terug" goes back,
and every command works at any moment (`commands` says when a word is a command). Side
effects (matching, submitting, forgetting) go through `DialogServices`.
"""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.conversation.commands import ANSWER_WORDS, COMMANDS, DISCARDING, command_of
from bot.conversation.drafts import similar_work
from bot.conversation.intake import TypedAnswers
from bot.conversation.language import strip_emoji
from bot.conversation.messages import Incoming, Option, Reply
from bot.conversation.steps import EDITABLE, fresh, without
from bot.conversation.words import yes_no
from knowledge.records import Conversation


class Dialog(TypedAnswers):
    """One turn of the intake: `handle` reads a message; buttons, commands and typed answers
    each take their own way (typed answers and the steps are in the base classes)."""

    # -- entry point -------------------------------------------------------------------
    def handle(self, conv: Conversation, incoming: Incoming) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if incoming.unsupported:
            return conv, [Reply(t.UNSUPPORTED), *self._ask_here(conv)]
        if incoming.choice:
            return self._press(conv, incoming.choice)
        raw = strip_emoji(incoming.text or "").replace("\x00", "").strip()
        if not raw:
            return conv, [Reply(t.EMPTY), *self._ask_here(conv)]
        if "confirm" in conv.pending:
            agreed = yes_no(raw)
            if agreed is not None:
                return self._confirmed(conv, agreed)
            # Anything else moves on: the question "Weet u het zeker?" lapses, nothing is lost.
            conv = replace(conv, pending=without(conv.pending, "confirm"))
        command = command_of(raw, ANSWER_WORDS.get(conv.step, frozenset()))
        if command:
            return self._command(conv, command)
        return self._answer(conv, raw)

    def _press(self, conv: Conversation, choice: str) -> tuple[Conversation, list[Reply]]:
        """A button. While "Weet u het zeker?" is open only its own buttons and those that
        work anywhere count; a button of the question before it is an old one."""
        kind, _, value = choice.partition(":")
        confirming = conv.pending.get("confirm")
        anywhere = kind in ("answer", "delete", "share") or (kind == "cmd" and value in COMMANDS.values())
        if kind == "confirm" or (confirming and not anywhere):
            if kind == "confirm" and confirming and value in (confirming, "keep"):
                return self._confirmed(conv, value == confirming)
            t = texts.for_language(conv.language)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_here(conv)]
        conv = replace(conv, pending=without(conv.pending, "confirm"))
        if kind == "review" and value == "cancel" and conv.step == "review":
            return self._command(conv, "cancel")  # the "Annuleren" button asks first too
        if kind == "org" and value == "no" and "org_candidate" in conv.pending and conv.step == "organisation":
            return self._organisation_declined(conv)
        return self._choose(conv, choice)

    # -- commands ----------------------------------------------------------------------
    def _command(self, conv: Conversation, command: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if command == "start":
            if conv.step not in ("idle", "organisation") or lost(conv):
                return conv, [Reply(t.WELCOME_BACK), *self._ask_again(conv)]
            return self._begin(conv, welcome=True)
        if command in DISCARDING:
            if lost(conv):
                conv = replace(conv, pending={**conv.pending, "confirm": command})
                return conv, [self._confirmation(conv)]
            return self._discard(conv, command)
        if command == "help":
            return conv, [Reply(t.HELP), *self._ask_again(conv)]
        if command == "status":
            return conv, [self._status(conv)]
        if command == "privacy":
            return conv, [Reply(t.PRIVACY), *self._ask_again(conv)]
        if command == "delete":
            return conv, [Reply(t.DELETE_CONFIRM, (Option("delete:yes", t.YES), Option("delete:no", t.NO)))]
        if command == "pause":
            return conv, [Reply(t.PAUSED)]
        if command == "back":
            return self._back(conv)
        language = "en" if command == "english" else "nl"
        conv = replace(conv, language=language, pending={**conv.pending, "language_locked": True})
        t = texts.for_language(language)
        return conv, [Reply(t.LANGUAGE_SET), *self._ask_again(conv)]

    def _discard(self, conv: Conversation, command: str) -> tuple[Conversation, list[Reply]]:
        """Stop ("cancel") or start afresh ("new"), throwing the answers so far away."""
        if command == "new":
            return self._begin(conv, welcome=False)
        t = texts.for_language(conv.language)
        if conv.step == "idle":
            return conv, [Reply(t.NOTHING_TO_CANCEL)]
        return fresh(conv), [Reply(t.CANCELLED)]

    def _confirmation(self, conv: Conversation) -> Reply:
        """ "Als u stopt, worden uw antwoorden over probleem en doel gewist. Weet u het zeker?" """
        t = texts.for_language(conv.language)
        command = conv.pending["confirm"]
        labels = [t.FIELD_LABELS[f].lower() for f in lost(conv)]
        fields = labels[-1] if len(labels) < 2 else f"{', '.join(labels[:-1])} {t.AND} {labels[-1]}"
        return Reply(
            t.CONFIRM_DISCARD[command].format(fields=fields),
            (Option(f"confirm:{command}", t.YES), Option("confirm:keep", t.NO)),
        )

    def _confirmed(self, conv: Conversation, agreed: bool) -> tuple[Conversation, list[Reply]]:
        """The answer to "Weet u het zeker?": do it, or carry on where the user was."""
        command = conv.pending.get("confirm", "")
        conv = replace(conv, pending=without(conv.pending, "confirm"))
        if agreed:
            return self._discard(conv, command)
        return conv, [Reply(texts.for_language(conv.language).CONFIRM_KEPT), *self._ask_again(conv)]

    def _ask_here(self, conv: Conversation) -> list[Reply]:
        """The open question again: "Weet u het zeker?" when it is open, else the step's."""
        return [self._confirmation(conv)] if "confirm" in conv.pending else self._ask_again(conv)

    def _back(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if conv.step in ("answer_question", "share_contact"):
            conv = replace(
                conv,
                step=conv.pending.get("return_step", "idle"),
                pending=without(conv.pending, "answer_draft", "overlap_link", "return_step"),
            )
            return conv, self._ask_again(conv) or [Reply(t.NOTHING_TO_CANCEL)]
        if not conv.history:
            return conv, [Reply(t.BACK_NOTHING), *self._ask_again(conv)]
        if conv.pending.get("edit"):  # leaving an edit goes back to the summary, unchanged
            conv = replace(conv, step="review", pending=without(conv.pending, "edit"))
            return conv, self._ask_again(conv)
        previous = conv.history[-1]
        conv = replace(conv, step=previous, history=conv.history[:-1], pending=without(conv.pending, "edit"))
        if previous == "similar" and not similar_work(self.services.matcher, conv.answers):
            return self._back(conv)  # nothing was shown to choose from there: skip the step
        return conv, self._ask_again(conv)

    def _status(self, conv: Conversation) -> Reply:
        t = texts.for_language(conv.language)
        drafts = self.services.drafts_of(conv.channel, conv.user_ref)
        if not drafts:
            lines = [t.STATUS_NONE]
        else:
            lines = [t.STATUS_HEADER] + [
                t.STATUS_LINE.format(
                    id=d.id, date=d.created_at[:10], title=d.title, state=t.STATE_LABELS.get(d.state, d.state)
                )
                for d in drafts[:10]
            ]
        if conv.step not in ("idle",):
            lines.append(t.STATUS_IN_PROGRESS)
        return Reply("\n".join(lines))

    # -- buttons -----------------------------------------------------------------------
    def _choose(self, conv: Conversation, choice: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        kind, _, value = choice.partition(":")
        if kind == "delete":
            if value == "yes":
                forgotten = self.services.forget(conv.channel, conv.user_ref)
                conv = fresh(replace(conv, pending=without(conv.pending, "submitted_as")))
                return conv, [Reply(t.DELETED.format(drafts=forgotten))]
            return conv, [Reply(t.DELETE_KEPT), *self._ask_again(conv)]
        if kind == "cmd" and value in COMMANDS.values():  # anything else is refused below
            return self._command(conv, value)
        if kind == "answer":
            return_step = conv.step if conv.step != "answer_question" else conv.pending.get("return_step", "idle")
            conv = replace(
                conv,
                step="answer_question",
                pending={**conv.pending, "answer_draft": value, "return_step": return_step},
            )
            return conv, [Reply(t.ANSWER_PROMPT.format(id=value))]
        if kind == "share":
            return self._share(conv, value)
        expected = {
            "org": "organisation_confirm",
            "region": "region",
            "similar": "similar",
            "form": "form",
            "level": "level",
            "review": "review",
            "edit": "edit",
            "kind": "review",
        }.get(kind)
        if expected is None:
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]
        if not self._step_accepts(conv, expected):
            return conv, self._stale(conv, kind)
        return self._apply_choice(conv, kind, value)

    def _share(self, conv: Conversation, value: str) -> tuple[Conversation, list[Reply]]:
        """ "Ja, deel mijn contact" asks for the contact to pass on; "Nee" answers at once."""
        t = texts.for_language(conv.language)
        link, _, answer = value.partition(":")
        if not link.isdigit() or answer not in ("yes", "no") or self.services.answer_overlap is None:
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]
        if answer == "no":
            outcome = self.services.answer_overlap(conv, int(link), None)
            return conv, [Reply(outcome.text), *self._ask_again(conv)]
        return_step = (
            conv.step
            if conv.step not in ("answer_question", "share_contact")
            else conv.pending.get("return_step", "idle")
        )
        conv = replace(
            conv,
            step="share_contact",
            pending={**without(conv.pending, "answer_draft"), "overlap_link": int(link), "return_step": return_step},
        )
        return conv, [Reply(t.OVERLAP_CONTACT_PROMPT)]

    def _stale(self, conv: Conversation, kind: str) -> list[Reply]:
        """A button from an earlier step: answered with what is current. A draft's button after
        it was submitted says so ("Deze vraag is al ingediend als VW-…"); any other says it
        is an old one; then the open question, if there is one."""
        t = texts.for_language(conv.language)
        submitted = conv.pending.get("submitted_as")
        notice = t.STALE_SUBMITTED.format(id=submitted) if submitted and kind in ("review", "kind", "edit") else None
        current = self._ask_again(conv)
        if notice is None:
            notice = t.STALE_OPTION if current else f"{t.STALE_OPTION} {t.STALE_IDLE}"
        return [Reply(notice), *current]

    def _step_accepts(self, conv: Conversation, expected: str) -> bool:
        if expected == "organisation_confirm":
            return conv.step == "organisation" and "org_candidate" in conv.pending
        if expected == "edit":
            return conv.step == "review"
        return conv.step == expected


def lost(conv: Conversation) -> list[str]:
    """The fields a fresh start would throw away, in the order they are asked: the answers,
    an answer waiting for its follow-up, and a problem typed before the first question."""
    given = set(conv.answers) | {k.removeprefix("partial_") for k in conv.pending if k.startswith("partial_")}
    if conv.pending.get("early_problem"):
        given.add("problem")
    return [f for f in EDITABLE if f in given]
