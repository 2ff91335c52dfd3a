"""The intake conversation, channel-neutral: an incoming message and the saved state in,
the new state and the replies out. Channels only translate; they never decide what to ask.

The conversation is a list of steps; each answer is redacted before it is kept. A step
may ask one follow-up for a vague answer, "terug" goes back, and every command works at
any moment. Side effects (matching, submitting, forgetting) go through `DialogServices`.

When a word is a command and when an answer (`_command`):
- with a slash ("/nieuw", "/stop") it is always a command;
- "terug"/"back" and the language switches ("english", "nederlands") are always commands:
  they are advertised and answer no question;
- any other single word from `COMMANDS` is an answer when the current question takes it
  as one (`ANSWER_WORDS`): the step offers it as an option ("nieuw" at "Is uw vraag nieuw?"
  chooses "Mijn vraag is nieuw") or its question invites it ("privacy" at the data step);
- otherwise it is a command, also at a free-text step: nobody describes a problem with the
  bare word "help" or "stop". What could go wrong there is guarded instead: a command that
  throws answers away (stop, nieuw) first names what would be lost and asks "Weet u het
  zeker?"; only with nothing to lose (idle, or the first question unanswered) it acts at
  once. "start" never throws anything away: in the middle of an intake it carries on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from bot import texts
from bot.analysis import Analysis, AnalysisError
from bot.drafting import KINDS, Draft, Intake
from bot.drafting.compose import OrganisationName
from bot.drafting.drafter import Drafter
from bot.language import clean_answer, strip_emoji
from bot.matching import AssignmentMatch, MatchInputError, MatchResult
from bot.names import redact_names
from bot.redaction import redact
from knowledge.records import Conversation, Organisation, SubmittedDraft
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, region_of_place

log = logging.getLogger(__name__)

MAX_ANSWER = 2000
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
GREETINGS = frozenset({"hoi", "hallo", "hey", "hee", "hi", "hello", "goedemorgen", "goedemiddag", "dag", "yo"})
VAGUE = frozenset(
    {
        "weet niet",
        "weet ik niet",
        "geen idee",
        "alles",
        "het werkt niet",
        "idk",
        "no idea",
        "dont know",
        "don't know",
        "niks",
        "nothing",
        "?",
        "help",
        "het systeem",
        "onbekend",
        "unknown",
        "nvt",
        "n.v.t",
        "geen",
        "none",
    }
)

COMMANDS: dict[str, str] = {
    "start": "start",
    "begin": "start",
    "help": "help",
    "hulp": "help",
    "nieuw": "new",
    "new": "new",
    "opnieuw": "new",
    "annuleer": "cancel",
    "annuleren": "cancel",
    "cancel": "cancel",
    "stop": "cancel",
    "status": "status",
    "privacy": "privacy",
    "verwijder": "delete",
    "delete": "delete",
    "wis": "delete",
    "terug": "back",
    "back": "back",
    "vorige": "back",
    "pauze": "pause",
    "pause": "pause",
    "english": "english",
    "engels": "english",
    "nederlands": "dutch",
    "dutch": "dutch",
}
# Commands a bare word always means, whatever the question (see the module docstring).
ALWAYS_COMMANDS = frozenset({"back", "english", "dutch"})
# Command words that answer the question of a step: offered as an option, or invited by it.
ANSWER_WORDS: dict[str, frozenset[str]] = {
    "similar": frozenset({"nieuw", "new"}),  # "Mijn vraag is nieuw" / "My question is new"
    "data": frozenset({"privacy"}),  # "Zijn er beperkingen, zoals privacy ...?"
}
# Commands that throw the answers so far away; they ask first when there is something to lose.
DISCARDING = ("cancel", "new")
YES_WORDS = frozenset(
    {"ja", "j", "yes", "y", "klopt", "dat klopt", "zeker", "ja zeker", "ja hoor", "jazeker", "ok", "oké", "oke"}
    | {"okay", "prima", "goed", "correct", "inderdaad", "yep", "sure"}
)
NO_WORDS = frozenset({"nee", "n", "no", "nope", "nee hoor", "neen", "niet", "klopt niet", "fout", "liever niet"})
# An organisation's name has at most this many words; a longer answer is a sentence.
MAX_NAME_WORDS = 6
# Pronouns and finite verbs: an answer with one of these is a sentence about the
# organisation ("ik werk bij de gemeente"), not its name.
SENTENCE_WORDS = frozenset(
    {"ik", "wij", "we", "jij", "je", "ben", "bent", "is", "zijn", "was", "werk", "werkt", "werken", "heb", "hebt"}
    | {"heeft", "hebben", "weet", "denk", "kan", "wil", "wilt", "willen", "moet", "zit", "doe", "doet", "gaat"}
    | {"you", "am", "are", "work", "works", "have", "has", "know", "think", "want", "can"}
)
# What a name may consist of: it starts with a letter or digit ("[BSN]" is a redaction).
_NAME_CHARACTERS = re.compile(r"[^\W_][\w\s\-'’.&,()/+\[\]]*")
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "our",
        "we",
        "have",
        "with",
        "for",
        "this",
        "that",
        "not",
        "it",
        "of",
        "to",
        "be",
        "can",
        "how",
        "what",
        "why",
        "our",
    ]
)
_DUTCH_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "is",
        "zijn",
        "onze",
        "wij",
        "we",
        "hebben",
        "met",
        "voor",
        "dit",
        "dat",
        "niet",
        "van",
        "te",
        "kan",
        "hoe",
        "wat",
        "ons",
    ]
)


@dataclass(frozen=True)
class Incoming:
    """A message from any channel: free text, a chosen option, or something we cannot read."""

    channel: str
    user_ref: str
    text: str | None = None
    choice: str | None = None
    unsupported: bool = False
    # The channel's increasing number of this message (Telegram's update_id), when it has one:
    # a message delivered again after a crash is recognised and not answered twice.
    sequence: int | None = None
    # Where the channel can reach this user later (Teams' conversation reference as JSON), stored
    # by the assistant with the turn.
    address: str | None = None


@dataclass(frozen=True)
class Option:
    key: str  # at most 64 bytes: Telegram callback data
    label: str


@dataclass(frozen=True)
class Reply:
    text: str
    options: tuple[Option, ...] = ()


class Matching(Protocol):
    def find(
        self,
        text: str,
        *,
        region: str | None = ...,
        form: str | None = ...,
        level: str | None = ...,
        k: int = ...,
        k_assignments: int = ...,
    ) -> MatchResult: ...


@dataclass
class DialogServices:
    """What the dialog needs from outside: knowledge, matching, and the record of drafts."""

    organisations: Sequence[Organisation]
    matcher: Matching
    submit: Callable[[Conversation, Draft, dict[str, Any]], SubmittedDraft]
    drafts_of: Callable[[str, str], list[SubmittedDraft]]
    forget: Callable[[str, str], int]
    resubmit: Callable[[Conversation, str, str], bool]
    drafter: Drafter | None = None  # the Dutch analysis and the drafter; the shared Frog when None
    _choices: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for org in self.organisations:
            for name in (org.name, org.short_name, *org.aliases):
                if name:
                    self._choices.setdefault(name.lower(), org.id)
        self._by_id = {o.id: o for o in self.organisations}
        if self.drafter is None:
            from bot.analysis import shared_frog

            self.drafter = Drafter(shared_frog())
        # Names Frog may take for people but that must stay: the organisations themselves.
        self.kept_names = frozenset(
            name for o in self.organisations for name in (o.name, o.short_name, *o.aliases) if name
        )

    def organisation_name(self, organisation_id: str | None, typed: str) -> OrganisationName:
        """How the organisation reads in the draft's sentences."""
        org = self._by_id.get(organisation_id or "")
        if org is None:
            return OrganisationName.plain(typed)
        return OrganisationName.of(org)

    def find_organisation(self, text: str) -> Organisation | None:
        """The known organisation the user most likely meant, if any is close enough."""
        query = clean_answer(text).lower()
        if not query:
            return None
        if query in self._choices:
            return self._by_id[self._choices[query]]
        if len(query.split()) > 3:  # a sentence: look for a known name inside it
            named = [c for c in self._choices if len(c) >= 3 and re.search(rf"(?<!\w){re.escape(c)}(?!\w)", query)]
            if named:
                return self._by_id[self._choices[max(named, key=len)]]
            return None
        best = process.extractOne(query, list(self._choices), scorer=fuzz.WRatio, score_cutoff=86)
        return self._by_id[self._choices[best[0]]] if best else None


def detect_language(text: str) -> str | None:
    words = re.findall(r"[a-z']+", text.lower())
    english = sum(w in _ENGLISH_WORDS for w in words)
    dutch = sum(w in _DUTCH_WORDS for w in words)
    if english >= 2 and english > dutch:
        return "en"
    if dutch >= 2 and dutch > english:
        return "nl"
    return None


class Dialog:
    def __init__(self, services: DialogServices) -> None:
        self.services = services

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
            agreed = _yes_no(raw)
            if agreed is not None:
                return self._confirmed(conv, agreed)
            # Anything else moves on: the question "Weet u het zeker?" lapses, nothing is lost.
            conv = replace(conv, pending=_without(conv.pending, "confirm"))
        command = _command(raw, ANSWER_WORDS.get(conv.step, frozenset()))
        if command:
            return self._command(conv, command)
        return self._answer(conv, raw)

    def _press(self, conv: Conversation, choice: str) -> tuple[Conversation, list[Reply]]:
        """A button. While "Weet u het zeker?" is open only its own buttons and those that
        work anywhere count; a button of the question before it is an old one."""
        kind, _, value = choice.partition(":")
        confirming = conv.pending.get("confirm")
        anywhere = kind in ("answer", "delete") or (kind == "cmd" and value in COMMANDS.values())
        if kind == "confirm" or (confirming and not anywhere):
            if kind == "confirm" and confirming and value in (confirming, "keep"):
                return self._confirmed(conv, value == confirming)
            t = texts.for_language(conv.language)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_here(conv)]
        conv = replace(conv, pending=_without(conv.pending, "confirm"))
        if kind == "review" and value == "cancel" and conv.step == "review":
            return self._command(conv, "cancel")  # the "Annuleren" button asks first too
        if kind == "org" and value == "no" and "org_candidate" in conv.pending and conv.step == "organisation":
            return self._organisation_declined(conv)
        return self._choose(conv, choice)

    # -- commands ----------------------------------------------------------------------
    def _command(self, conv: Conversation, command: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if command == "start":
            if conv.step not in ("idle", "organisation") or _lost(conv):
                return conv, [Reply(t.WELCOME_BACK), *self._ask_again(conv)]
            return self._begin(conv, welcome=True)
        if command in DISCARDING:
            if _lost(conv):
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

    def _begin(self, conv: Conversation, *, welcome: bool) -> tuple[Conversation, list[Reply]]:
        conv = replace(_fresh(conv), step="organisation")
        t = texts.for_language(conv.language)
        replies = [Reply(t.WELCOME)] if welcome else []
        return conv, [*replies, self._question(conv, "organisation")]

    def _discard(self, conv: Conversation, command: str) -> tuple[Conversation, list[Reply]]:
        """Stop ("cancel") or start afresh ("new"), throwing the answers so far away."""
        if command == "new":
            return self._begin(conv, welcome=False)
        t = texts.for_language(conv.language)
        if conv.step == "idle":
            return conv, [Reply(t.NOTHING_TO_CANCEL)]
        return _fresh(conv), [Reply(t.CANCELLED)]

    def _confirmation(self, conv: Conversation) -> Reply:
        """ "Als u stopt, worden uw antwoorden over probleem en doel gewist. Weet u het zeker?" """
        t = texts.for_language(conv.language)
        command = conv.pending["confirm"]
        labels = [t.FIELD_LABELS[f].lower() for f in _lost(conv)]
        fields = labels[-1] if len(labels) < 2 else f"{', '.join(labels[:-1])} {t.AND} {labels[-1]}"
        return Reply(
            t.CONFIRM_DISCARD[command].format(fields=fields),
            (Option(f"confirm:{command}", t.YES), Option("confirm:keep", t.NO)),
        )

    def _confirmed(self, conv: Conversation, agreed: bool) -> tuple[Conversation, list[Reply]]:
        """The answer to "Weet u het zeker?": do it, or carry on where the user was."""
        command = conv.pending.get("confirm", "")
        conv = replace(conv, pending=_without(conv.pending, "confirm"))
        if agreed:
            return self._discard(conv, command)
        return conv, [Reply(texts.for_language(conv.language).CONFIRM_KEPT), *self._ask_again(conv)]

    def _ask_here(self, conv: Conversation) -> list[Reply]:
        """The open question again: "Weet u het zeker?" when it is open, else the step's."""
        return [self._confirmation(conv)] if "confirm" in conv.pending else self._ask_again(conv)

    # -- the organisation ----------------------------------------------------------------
    def _organisation_answer(self, conv: Conversation, text: str) -> tuple[Conversation, list[Reply]]:
        """An answer to "Bij welke rijksorganisatie werkt u?" or to "Bedoelt u ...?". A known
        name and an unknown but plausible one are both confirmed first; what is no name
        (empty, "ja", "eh", a sentence) is asked again with examples and nothing is kept."""
        t = texts.for_language(conv.language)
        agreed = _yes_no(text) if "org_candidate" in conv.pending else None
        if agreed is True:
            return self._apply_choice(conv, "org", "yes")
        if agreed is False:
            return self._organisation_declined(conv)
        conv = replace(conv, pending=_without(conv.pending, "org_candidate"))
        typed = _kept(clean_answer(text))[:200]
        if _no_name(typed):
            return conv, [Reply(t.ORGANISATION_RETRY)]
        found = self.services.find_organisation(text)
        if found is not None:
            label = f"{found.name} ({found.short_name})" if found.short_name != found.name else found.name
            candidate = {"id": found.id, "name": found.short_name or found.name, "typed": typed}
            conv = replace(conv, pending={**conv.pending, "org_candidate": candidate})
            return conv, [
                Reply(t.ORGANISATION_CONFIRM.format(name=label), (Option("org:yes", t.YES), Option("org:no", t.NO)))
            ]
        if not _plausible_name(typed):
            return conv, [Reply(t.ORGANISATION_RETRY)]
        conv = replace(conv, pending={**conv.pending, "org_candidate": {"id": None, "name": typed, "typed": typed}})
        return conv, [
            Reply(t.ORGANISATION_UNKNOWN.format(name=typed), (Option("org:yes", t.YES), Option("org:no", t.NO)))
        ]

    def _organisation_declined(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        """ "Nee" to "Bedoelt u DUO?" keeps what was typed when that is a name of its own, as
        before; "Nee" to an unknown name, or to a name found in a sentence, asks again."""
        candidate = conv.pending.get("org_candidate", {})
        if candidate.get("id") and _plausible_name(candidate.get("typed", "")):
            return self._apply_choice(conv, "org", "no")
        conv = replace(conv, pending=_without(conv.pending, "org_candidate"))
        return conv, [Reply(texts.for_language(conv.language).ORGANISATION_RETRY)]

    def _back(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if conv.step == "answer_question":
            conv = replace(
                conv,
                step=conv.pending.get("return_step", "idle"),
                pending=_without(conv.pending, "answer_draft", "return_step"),
            )
            return conv, self._ask_again(conv) or [Reply(t.NOTHING_TO_CANCEL)]
        if not conv.history:
            return conv, [Reply(t.BACK_NOTHING), *self._ask_again(conv)]
        if conv.pending.get("edit"):  # leaving an edit goes back to the summary, unchanged
            conv = replace(conv, step="review", pending=_without(conv.pending, "edit"))
            return conv, self._ask_again(conv)
        previous = conv.history[-1]
        conv = replace(conv, step=previous, history=conv.history[:-1], pending=_without(conv.pending, "edit"))
        if previous == "similar" and not self._similar(conv):
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

    # -- options -----------------------------------------------------------------------
    def _choose(self, conv: Conversation, choice: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        kind, _, value = choice.partition(":")
        if kind == "delete":
            if value == "yes":
                forgotten = self.services.forget(conv.channel, conv.user_ref)
                return _fresh(conv), [Reply(t.DELETED.format(drafts=forgotten))]
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
        if expected is None or not self._step_accepts(conv, expected):
            # A button from an older message: answer where we are now.
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]
        return self._apply_choice(conv, kind, value)

    def _step_accepts(self, conv: Conversation, expected: str) -> bool:
        if expected == "organisation_confirm":
            return conv.step == "organisation" and "org_candidate" in conv.pending
        if expected == "edit":
            return conv.step == "review"
        return conv.step == expected

    def _apply_choice(self, conv: Conversation, kind: str, value: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        if kind == "org":
            candidate = conv.pending.get("org_candidate", {})
            pending = _without(conv.pending, "org_candidate")
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
            current = draft_from_json(conv.pending["draft"])
            submitted = self.services.submit(conv, current, conv.answers)
            label = t.REGION_OPTION_LABELS.get(submitted.region, submitted.region)
            return _fresh(conv), [Reply(t.SUBMITTED.format(id=submitted.id, region=label))]
        if action == "edit":
            return conv, [Reply(t.EDIT_WHICH, tuple(Option(f"edit:{f}", t.FIELD_LABELS[f]) for f in EDITABLE))]
        if action == "reword":
            variant = int(conv.pending.get("variant", 0)) + 1
            conv = replace(conv, pending={**conv.pending, "variant": variant})
            return self._show_draft(conv, reworded=True)
        if action == "cancel":
            return _fresh(conv), [Reply(t.CANCELLED)]
        return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]

    # -- free text answers -------------------------------------------------------------
    def _answer(self, conv: Conversation, raw: str) -> tuple[Conversation, list[Reply]]:
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
        if conv.step == "idle":
            conv, replies = self._begin(conv, welcome=True)
            # Someone who starts by typing their problem: keep it for the problem step.
            if len(text.split()) >= 6:
                conv = replace(conv, pending={**conv.pending, "early_problem": text})
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
            region = _region_from_text(lowered)
            if region is None:
                return conv, [Reply(t.REGION_RETRY, _region_options(t))]
            conv, replies = self._advance(replace(conv, answers={**conv.answers, "region": region}))
            return conv, [Reply(t.REGION_SET.format(label=t.REGION_OPTION_LABELS[region])), *replies]
        if step in TEXT_FIELDS:
            return self._text_field(conv, step, text)
        if step == "answer_question":
            draft_id = conv.pending.get("answer_draft", "")
            conv, text, _, notices = self._without_names(conv, text)
            accepted = self.services.resubmit(conv, draft_id, text)
            conv = replace(
                conv,
                step=conv.pending.get("return_step", "idle"),
                pending=_without(conv.pending, "answer_draft", "return_step"),
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
            key = _match_label(lowered, {**{f: f for f in FORMS}, **{v.lower(): k for k, v in t.FORM_LABELS.items()}})
            if key:
                return self._apply_choice(conv, "form", key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), self._question(conv, "form")]
        if step == "level":
            key = _match_label(
                lowered,
                {
                    "hbo": "hbo",
                    "wo": "wo",
                    "beide": "beide",
                    "both": "beide",
                    "weet ik niet": "beide",
                    "geen idee": "beide",
                },
            )
            if key:
                return self._apply_choice(conv, "level", key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), self._question(conv, "level")]
        if step == "review":
            key = _match_label(
                lowered,
                {
                    "indienen": "submit",
                    "submit": "submit",
                    "ja": "submit",
                    "yes": "submit",
                    "wijzigen": "edit",
                    "change": "edit",
                    "edit": "edit",
                    "andere formulering": "reword",
                    "reword": "reword",
                },
            )
            if key:
                return self._review_action(conv, key)
            return conv, [Reply(t.NOT_UNDERSTOOD_OPTION), *self._ask_again(conv)]
        return conv, self._ask_again(conv)

    def _text_field(self, conv: Conversation, step: str, text: str) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        cleaned = clean_answer(text, conv.language)
        followed = set(conv.pending.get("followed_up", []))
        if step in FOLLOW_UP_FIELDS and step not in followed and _is_vague(cleaned):
            conv = replace(
                conv, pending={**conv.pending, "followed_up": sorted(followed | {step}), f"partial_{step}": text}
            )
            return conv, [Reply(t.FOLLOW_UP[step])]
        partial = conv.pending.get(f"partial_{step}")
        value = _kept(f"{partial} {text}".strip()) if partial else text
        conv, notice = self._store_text(replace(conv, pending=_without(conv.pending, f"partial_{step}")), step, value)
        conv, replies = self._advance(conv)
        return conv, [*notice, *replies]

    def _store_text(self, conv: Conversation, step: str, value: str) -> tuple[Conversation, list[Reply]]:
        """Keep a free-text answer with its Dutch analysis, made once, here; names of people
        found by it are redacted first (told once), so neither the text nor the analysis has them."""
        stored_analysis: dict[str, Any] = dict(conv.answers.get("analysis") or {})
        conv, value, analysis, notices = self._without_names(conv, value)
        if analysis is None:
            stored_analysis.pop(step, None)  # the drafter analyses it again when the draft is made
        else:
            stored_analysis[step] = analysis.as_json()
        answers = {**conv.answers, step: value, "analysis": stored_analysis}
        return replace(conv, answers=answers), notices

    def _without_names(self, conv: Conversation, text: str) -> tuple[Conversation, str, Analysis | None, list[Reply]]:
        """The text with the names of people redacted (told once) and its analysis; when Frog
        cannot be reached the text is kept as it is, without analysis, and the failure logged."""
        drafter = self.services.drafter
        assert drafter is not None
        notices: list[Reply] = []
        try:
            analysis = drafter.analyse(text)
            redacted, count = redact_names(text, analysis, self.services.kept_names)
        except AnalysisError:
            log.exception("No Dutch analysis for an answer at step %s", conv.step)
            return conv, text, None, notices
        if count:
            text = redacted
            try:
                analysis = drafter.analyse(redacted)
            except AnalysisError:
                log.exception("No Dutch analysis for a redacted answer at step %s", conv.step)
                return conv, text, None, notices
            if "name" not in conv.notices:
                t = texts.for_language(conv.language)
                notices.append(Reply(t.REDACTED.format(kinds=t.REDACTED_KINDS["name"])))
                conv = replace(conv, notices=(*conv.notices, "name"))
        return conv, text, analysis, notices

    # -- moving on ---------------------------------------------------------------------
    def _advance(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        if conv.pending.get("edit"):
            conv = replace(conv, step="review", pending=_without(conv.pending, "edit", "draft"))
            return self._show_draft(conv)
        index = STEPS.index(conv.step) if conv.step in STEPS else -1
        next_step = STEPS[index + 1]
        conv = replace(conv, step=next_step, history=(*conv.history, conv.step))
        if next_step == "problem" and conv.pending.get("early_problem") and "problem" not in conv.answers:
            early = conv.pending["early_problem"]
            conv, notice = self._store_text(
                replace(conv, pending=_without(conv.pending, "early_problem")), "problem", early
            )
            conv, replies = self._advance(conv)
            return conv, [*notice, *replies]
        if next_step == "similar":
            return self._show_similar(conv)
        if next_step == "review":
            return self._show_draft(conv)
        return conv, [self._question(conv, next_step)]

    def _show_similar(self, conv: Conversation) -> tuple[Conversation, list[Reply]]:
        t = texts.for_language(conv.language)
        similar = self._similar(conv)
        if not similar:
            conv = replace(conv, answers={**conv.answers, "builds_on": None})
            conv2, replies = self._advance(conv)
            return conv2, [Reply(t.SIMILAR_NONE), *replies]
        lines = [t.SIMILAR_INTRO]
        for n, a in enumerate(similar, start=1):
            lines.append(
                t.SIMILAR_LINE.format(
                    n=n, organisation=a.organisation, year=a.year, title=a.title, outcome=a.outcome or "-"
                )
            )
        own = conv.answers.get("organisation_id")
        if any(a.organisation_id != own for a in similar):
            lines.append(t.SIMILAR_OTHER_ORGS)
        lines.append(t.SIMILAR_QUESTION)
        options = (
            Option("similar:new", t.OPTION_NEW),
            *(Option(f"similar:{a.id}"[:64], t.OPTION_BUILDS_ON.format(n=n)) for n, a in enumerate(similar, 1)),
        )
        conv = replace(conv, pending={**conv.pending, "similar_ids": [a.id for a in similar]})
        return conv, [Reply("\n\n".join(lines), options)]

    def _show_draft(
        self, conv: Conversation, *, reworded: bool = False, again: bool = False
    ) -> tuple[Conversation, list[Reply]]:
        """The draft and what the user can do with it. `again` shows the draft made before
        (asked again after an unclear answer) instead of drafting anew."""
        t = texts.for_language(conv.language)
        stored = conv.pending.get("draft") if again else None
        current = Draft.from_json(stored) if stored else self._draft(conv)
        conv = replace(conv, pending={**conv.pending, "draft": current.as_json()})
        lines = [
            t.REWORDED if reworded else t.DRAFT_INTRO,
            current.title,
            t.DRAFT_MAIN.format(question=current.main_question),
            t.DRAFT_SUBS + "\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(current.sub_questions, 1)),
        ]
        if current.suggested_groups:
            lines.append(
                t.DRAFT_GROUPS
                + "\n"
                + "\n".join(
                    t.DRAFT_GROUP_LINE.format(name=g["name"], institution=g["institution"], why="; ".join(g["why"][:2]))
                    for g in current.suggested_groups[:3]
                )
            )
        failed = [q for q in current.quality if not q.ok]
        lines.append(
            t.DRAFT_QUALITY_OK
            if not failed
            else t.DRAFT_QUALITY_ADVICE + "\n" + "\n".join(f"• {q.label}: {q.advice}" for q in failed)
        )
        kinds = Reply(
            t.KIND_CHOICE.format(kind=t.KIND_NAMES.get(current.kind, current.kind)),
            tuple(Option(f"kind:{k}", label) for k, label in t.KIND_OPTIONS.items() if k != current.kind),
        )
        options = (
            Option("review:submit", t.OPTION_SUBMIT),
            Option("review:edit", t.OPTION_EDIT),
            Option("review:reword", t.OPTION_REWORD),
            Option("review:cancel", t.OPTION_CANCEL),
        )
        return conv, [Reply("\n\n".join(lines)), kinds, Reply(t.DRAFT_QUESTION, options)]

    def _draft(self, conv: Conversation) -> Draft:
        a = conv.answers
        intake = intake_from_answers(a, conv.language)
        matches = self._find(
            f"{intake.problem} {intake.context} {intake.goal}",
            region=intake.region,
            form=intake.form,
            level=intake.level if intake.level != "beide" else None,
        )
        drafter = self.services.drafter
        assert drafter is not None
        analyses = {k: Analysis.from_json(v) for k, v in (a.get("analysis") or {}).items()}
        return drafter.draft(
            intake,
            matches,
            analyses=analyses,
            organisation=self.services.organisation_name(a.get("organisation_id"), a.get("organisation") or ""),
            kind=conv.pending.get("kind"),
            variant=int(conv.pending.get("variant", 0)),
        )

    def _similar(self, conv: Conversation) -> list[AssignmentMatch]:
        """Up to three past assignments like the problem and its context."""
        answers = conv.answers
        result = self._find(f"{answers.get('problem', '')} {answers.get('context', '')}", region=answers.get("region"))
        return result.assignments[:3] if result else []

    def _find(
        self, text: str, *, region: str | None, form: str | None = None, level: str | None = None
    ) -> MatchResult | None:
        """What the matcher finds, or None when the answers hold no searchable words ("?", "de")."""
        try:
            return self.services.matcher.find(text, region=region, form=form, level=level, k=5, k_assignments=3)
        except MatchInputError:
            return None

    # -- asking --------------------------------------------------------------------------
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
        return [self._question(conv, conv.step)]

    def _question(self, conv: Conversation, step: str) -> Reply:
        t = texts.for_language(conv.language)
        if step == "region":
            return Reply(t.ASK["region"], _region_options(t))
        if step == "form":
            return Reply(t.ASK["form"], tuple(Option(f"form:{k}", v) for k, v in t.FORM_LABELS.items()))
        if step == "level":
            return Reply(t.ASK["level"], tuple(Option(f"level:{k}", v) for k, v in t.LEVEL_LABELS.items()))
        return Reply(t.ASK[step])


def intake_from_answers(answers: dict[str, Any], language: str) -> Intake:
    return Intake(
        organisation=answers.get("organisation") or "",
        problem=answers.get("problem", ""),
        context=answers.get("context", ""),
        goal=answers.get("goal", ""),
        stakeholders=answers.get("stakeholders", ""),
        data=answers.get("data", ""),
        timeline=answers.get("timeline", ""),
        region=answers.get("region"),
        form=answers.get("form"),
        level=answers.get("level") or "beide",
        language=language,
        builds_on=answers.get("builds_on"),
    )


def draft_from_json(data: dict[str, Any]) -> Draft:
    return Draft.from_json(data)


def _fresh(conv: Conversation) -> Conversation:
    """The same user, nothing in progress; language and redaction notices are kept."""
    return Conversation(
        channel=conv.channel,
        user_ref=conv.user_ref,
        language=conv.language,
        pending={k: v for k, v in conv.pending.items() if k == "language_locked"},
        notices=conv.notices,
    )


def _kept(text: str) -> str:
    """An answer as it is stored. Its parts were redacted, but removing filler or joining a
    follow-up can bring digits together ("123 eh 456 782"), so it is redacted once more."""
    return redact(text).text


def _without(pending: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in pending.items() if k not in keys}


def _command(text: str, answers: frozenset[str] = frozenset()) -> str | None:
    """The command a message gives, if any. `answers` are the command words the current
    question takes as answers (`ANSWER_WORDS`); the rule is in the module docstring."""
    word = text.strip().lower()
    if word.startswith("/"):
        word = word[1:].split("@", 1)[0].split(" ", 1)[0]
        return COMMANDS.get(word, "help")
    if word in ("verwijder mijn gegevens", "delete my data"):
        return "delete"
    command = COMMANDS.get(word) if len(word.split()) == 1 else None
    if command in ALWAYS_COMMANDS or word not in answers:
        return command
    return None


def _lost(conv: Conversation) -> list[str]:
    """The fields a fresh start would throw away, in the order they are asked: the answers,
    an answer waiting for its follow-up, and a problem typed before the first question."""
    given = set(conv.answers) | {k.removeprefix("partial_") for k in conv.pending if k.startswith("partial_")}
    if conv.pending.get("early_problem"):
        given.add("problem")
    return [f for f in EDITABLE if f in given]


def _yes_no(text: str) -> bool | None:
    """True for "ja"/"yes", False for "nee"/"no", None for anything else."""
    bare = re.sub(r"\s+", " ", strip_emoji(text).lower()).strip(" .!?,")
    return True if bare in YES_WORDS else False if bare in NO_WORDS else None


def _no_name(typed: str) -> bool:
    """An organisation answer that names nothing: empty after cleaning, no letters, a yes or
    no, or filler ("weet niet", "geen idee")."""
    bare = typed.lower().strip(" .!?,")
    return (
        not re.search(r"[^\W\d_]", typed)
        or bare in YES_WORDS
        or bare in NO_WORDS
        or bare in VAGUE
        or bare in GREETINGS
    )


def _plausible_name(typed: str) -> bool:
    """Could be the name of an organisation we do not know: a few words of letters, not a
    question or a sentence ("ik werk bij de gemeente")."""
    words = typed.split()
    if _no_name(typed) or len(words) > MAX_NAME_WORDS or typed.endswith("?"):
        return False
    if any(w.strip(".,'’()").lower() in SENTENCE_WORDS for w in words):
        return False
    return bool(_NAME_CHARACTERS.fullmatch(typed))


def _is_vague(text: str) -> bool:
    lowered = text.lower().strip(" .!?")
    return lowered in VAGUE or len(lowered.split()) < 4


def _region_from_text(lowered: str) -> str | None:
    aliases = {
        "oost": "oost",
        "noord": "oost",
        "noord en oost": "oost",
        "north": "oost",
        "east": "oost",
        "midden": "midden",
        "middle": "midden",
        "centre": "midden",
        "center": "midden",
        "zuid": "midden",
        "west": "west",
    }
    if lowered in aliases:
        return aliases[lowered]
    return region_of_place(lowered)


def _region_options(t: ModuleType) -> tuple[Option, ...]:
    return tuple(Option(f"region:{r}", t.REGION_OPTION_LABELS[r]) for r in REGIONS)


def _match_label(lowered: str, labels: dict[str, str]) -> str | None:
    if lowered in labels:
        return labels[lowered]
    best = process.extractOne(lowered, list(labels), scorer=fuzz.WRatio, score_cutoff=85)
    return labels[best[0]] if best else None
