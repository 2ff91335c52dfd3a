"""Typed answers to the intake's questions: each step reads the text it is given (a name,
a region, a free-text answer with one follow-up when vague, a number or the label of an
option) and keeps it or asks again."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.conversation.answers import kept, received, store_text, without_names
from bot.conversation.language import clean_answer
from bot.conversation.messages import Option, Reply
from bot.conversation.steps import FOLLOW_UP_FIELDS, TEXT_FIELDS, Steps, region_options, without
from bot.conversation.words import is_vague, match_label, no_name, plausible_name, region_from_text, yes_no
from bot.workflow.overlap_links import MAX_CONTACT
from knowledge.records import Conversation
from knowledge.vocabulary import FORMS

# A message of at least this many words, typed before the problem was asked, is its description.
EARLY_PROBLEM_WORDS = 6

LEVEL_WORDS = {
    "hbo": "hbo",
    "wo": "wo",
    "beide": "beide",
    "both": "beide",
    "weet ik niet": "beide",
    "geen idee": "beide",
}
REVIEW_WORDS = {
    "indienen": "submit",
    "submit": "submit",
    "ja": "submit",
    "yes": "submit",
    "wijzigen": "edit",
    "change": "edit",
    "edit": "edit",
    "andere formulering": "reword",
    "reword": "reword",
}


class TypedAnswers(Steps):
    """The steps read typed text; `Dialog` adds commands and buttons."""

    def _answer(self, conv: Conversation, raw: str) -> tuple[Conversation, list[Reply]]:
        if conv.step == "share_contact":
            return self._contact_given(conv, raw)
        conv, text, notices = received(conv, raw)
        if conv.step == "idle":
            conv, replies = self._begin(conv, welcome=True)
            # Someone who starts by typing their problem: kept, without names, for the problem step.
            if len(text.split()) >= EARLY_PROBLEM_WORDS:
                conv, text, _, name_notices = without_names(self.services, conv, text)
                conv = replace(conv, pending={**conv.pending, "early_problem": text})
                notices = [*notices, *name_notices]
            return conv, [*notices, *replies]
        conv, replies = self._text_for_step(conv, text)
        return conv, [*notices, *replies]

    def _text_for_step(self, conv: Conversation, text: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        step = conv.step
        lowered = clean_answer(text, conv.language).lower()
        if step == "organisation":
            return self._organisation_answer(conv, text)
        if step == "region":
            region = region_from_text(lowered)
            if region is None:
                return conv, [Reply(t.REGION_RETRY, region_options(t))]
            conv, replies = self._advance(replace(conv, answers={**conv.answers, "region": region}))
            return conv, [Reply(t.REGION_SET.format(label=t.REGION_OPTION_LABELS[region])), *replies]
        if step in TEXT_FIELDS:
            return self._text_field(conv, step, text)
        if step == "answer_question":
            draft_id = conv.pending.get("answer_draft", "")
            conv, text, _, notices = without_names(self.services, conv, text)
            accepted = self.services.resubmit(conv, draft_id, text)
            conv = replace(
                conv,
                step=conv.pending.get("return_step", "idle"),
                pending=without(conv.pending, "answer_draft", "return_step"),
            )
            reply = t.ANSWER_SENT if accepted else t.ANSWER_NOT_OPEN
            return conv, [*notices, Reply(reply.format(id=draft_id)), *self._ask_again(conv)]
        if step == "similar":
            if lowered.isdigit():
                shown = conv.pending.get("similar_ids", [])
                index = int(lowered) - 1
                if 0 <= index < len(shown):
                    return self._apply_choice(conv, "similar", shown[index])
            return self._apply_choice(conv, "similar", "new")
        if step == "form":
            key = match_label(lowered, {**{f: f for f in FORMS}, **{v.lower(): k for k, v in t.FORM_LABELS.items()}})
            if key:
                return self._apply_choice(conv, "form", key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), self._question(conv, "form")]
        if step == "level":
            key = match_label(lowered, LEVEL_WORDS)
            if key:
                return self._apply_choice(conv, "level", key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), self._question(conv, "level")]
        if step == "review":
            key = match_label(lowered, REVIEW_WORDS)
            if key:
                return self._review_action(conv, key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]
        return conv, self._ask_again(conv)

    def _contact_given(self, conv: Conversation, raw: str) -> tuple[Conversation, list[Reply]]:
        """The contact an asker wants passed on to the other organisation's asker: kept as typed
        (not redacted: it is given to be shared), only until the link closes."""
        t = texts.for_language(conv.language)
        contact = " ".join(raw.split())[:MAX_CONTACT]
        if len(contact) < 5 or not any(c.isalnum() for c in contact) or self.services.answer_overlap is None:
            return conv, [Reply(t.OVERLAP_CONTACT_EMPTY)]
        outcome = self.services.answer_overlap(conv, int(conv.pending.get("overlap_link", 0)), contact)
        conv = replace(
            conv,
            step=conv.pending.get("return_step", "idle"),
            pending=without(conv.pending, "overlap_link", "return_step"),
        )
        return conv, [Reply(outcome.text), *self._ask_again(conv)]

    def _text_field(self, conv: Conversation, step: str, text: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        cleaned = clean_answer(text, conv.language)
        followed = set(conv.pending.get("followed_up", []))
        if step in FOLLOW_UP_FIELDS and step not in followed and is_vague(cleaned):
            conv = replace(
                conv, pending={**conv.pending, "followed_up": sorted(followed | {step}), f"partial_{step}": text}
            )
            return conv, [Reply(t.FOLLOW_UP[step])]
        partial = conv.pending.get(f"partial_{step}")
        value = kept(f"{partial} {text}".strip()) if partial else text
        conv, notice = store_text(
            self.services, replace(conv, pending=without(conv.pending, f"partial_{step}")), step, value
        )
        conv, replies = self._advance(conv)
        return conv, [*notice, *replies]

    # -- the organisation ----------------------------------------------------------------
    def _organisation_answer(self, conv: Conversation, text: str) -> tuple[Conversation, list[Reply]]:
        """An answer to "Bij welke rijksorganisatie werkt u?" or to "Bedoelt u ...?". A known
        name typed exactly (name, short name or alias) is taken at once, with a line saying so;
        a name that only resembles one and an unknown but plausible one are confirmed first; what is no name
        (empty, "ja", "eh", a sentence) is asked again with examples and nothing is kept."""
        t = texts.for_language(conv.language)
        agreed = yes_no(text) if "org_candidate" in conv.pending else None
        if agreed is True:
            return self._apply_choice(conv, "org", "yes")
        if agreed is False:
            return self._organisation_declined(conv)
        conv = replace(conv, pending=without(conv.pending, "org_candidate"))
        typed = kept(clean_answer(text))[:200]
        if no_name(typed):
            return conv, [Reply(t.ORGANISATION_RETRY)]
        exact = self.services.exact_organisation(text)
        if exact is not None:
            label = f"{exact.name} ({exact.short_name})" if exact.short_name != exact.name else exact.name
            candidate = {"id": exact.id, "name": exact.short_name or exact.name, "typed": typed}
            conv = replace(conv, pending={**conv.pending, "org_candidate": candidate})
            conv, replies = self._apply_choice(conv, "org", "yes")
            return conv, with_first_line(t.ORGANISATION_TAKEN.format(name=label), replies)
        found = self.services.find_organisation(text)
        if found is not None:
            label = f"{found.name} ({found.short_name})" if found.short_name != found.name else found.name
            candidate = {"id": found.id, "name": found.short_name or found.name, "typed": typed}
            conv = replace(conv, pending={**conv.pending, "org_candidate": candidate})
            return conv, [
                Reply(t.ORGANISATION_CONFIRM.format(name=label), (Option("org:yes", t.YES), Option("org:no", t.NO)))
            ]
        if not plausible_name(typed):
            return conv, [Reply(t.ORGANISATION_RETRY)]
        conv = replace(conv, pending={**conv.pending, "org_candidate": {"id": None, "name": typed, "typed": typed}})
        return conv, [
            Reply(t.ORGANISATION_UNKNOWN.format(name=typed), (Option("org:yes", t.YES), Option("org:no", t.NO)))
        ]

    def _organisation_declined(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        """ "Nee" to "Bedoelt u DUO?" keeps what was typed when that is a name of its own, as
        before; "Nee" to an unknown name, or to a name found in a sentence, asks again."""
        candidate = conv.pending.get("org_candidate", {})
        if candidate.get("id") and plausible_name(candidate.get("typed", "")):
            return self._apply_choice(conv, "org", "no")
        conv = replace(conv, pending=without(conv.pending, "org_candidate"))
        return conv, [Reply(texts.for_language(conv.language).ORGANISATION_RETRY)]


def with_first_line(line: str, replies: list[Reply]) -> list[Reply]:
    """`line` above the first reply's text; a reply with a card keeps its own and the line comes
    before it on its own."""
    if not replies or replies[0].card is not None:
        return [Reply(line), *replies]
    first = replies[0]
    return [replace(first, text=f"{line}\n\n{first.text}"), *replies[1:]]
