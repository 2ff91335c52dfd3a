"""The conversation service every channel talks to: load the state, let the dialog answer,
save the state, all in one short step per message. Restarts lose nothing."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from bot import texts
from bot.conversation.dialog import Dialog
from bot.conversation.drafts import draft_replies, intake_from_answers
from bot.conversation.messages import Incoming, Option, Reply
from bot.conversation.ratelimit import RateLimiter, Verdict
from bot.conversation.services import DialogServices
from bot.conversation.turns import SERIAL_TURNS_ENV, TurnOrder, rehearse
from bot.drafting import Draft
from bot.matching import Matching
from bot.workflow import Workflow, utc_now
from bot.workflow.overlap_links import link_of_kind
from knowledge import catalog, intakes, notices, overlaps, sessions
from knowledge.records import Conversation

if TYPE_CHECKING:
    from bot.wording.service import ModelWording

log = logging.getLogger(__name__)


# Where the channel's message numbering stood at the last answered message (see Incoming.sequence).
LAST_SEQUENCE = "last_sequence"
# A broker links this chat account with a code from the dashboard: "koppel ABCD-EFGH".
LINK_COMMAND = re.compile(r"^\s*/?(?:koppel|link)\s+([a-z0-9]{4}-?[a-z0-9]{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    """What one message brought: the replies, and the user's language and step after it (so a
    channel renders the turn without reading the conversation again)."""

    replies: list[Reply]
    language: str
    step: str


@dataclass(frozen=True)
class WordingJob:
    """A rule-based draft just shown, for the language model to word outside the lock."""

    channel: str
    user_ref: str
    rules: Draft
    stored: str  # the draft as saved in the conversation (JSON), to see that nothing moved on
    answers: dict[str, Any]
    language: str
    previous: Draft | None  # the version shown before, when the user asked for another wording


def notice_reply(text: str, kind: str, draft_id: str, language: str) -> Reply:
    """A notice as a reply; a question from the brokers gets an answer button."""
    if kind == "changes_requested":
        return Reply(text, (Option(f"answer:{draft_id}"[:64], texts.for_language(language).OPTION_ANSWER),))
    link_id = link_of_kind(kind)
    if link_id is not None:  # brokers linked this question with another's: may the contact be shared?
        t = texts.for_language(language)
        return Reply(text, (Option(f"share:{link_id}:yes", t.OVERLAP_YES), Option(f"share:{link_id}:no", t.OVERLAP_NO)))
    return Reply(text)


class Assistant:
    """One instance per process; `handle` is safe to call from several threads."""

    def __init__(
        self,
        db: Database,
        matcher: Matching,
        clock: Callable[[], str] = utc_now,
        workflow: Workflow | None = None,
        push_channels: frozenset[str] = frozenset(),
        wording: ModelWording | None = None,
    ) -> None:
        self.db = db
        self.matcher = matcher
        self.clock = clock
        # What happens to a submitted draft (storing it, telling the brokers); without one, the
        # drafts are stored and nobody is told (tests of the conversation alone).
        self.workflow = workflow or Workflow(db, clock=clock)
        # One SQLite connection, one writer at a time: the locked part of a turn is short
        # (milliseconds); its slow parts (the Dutch analysis, the query's vector) are done before
        # it, see `_prepare`. The web pages share this lock through the workflow.
        self.lock = self.workflow.lock
        # One user's turns in order, one at a time; different users' turns prepare in parallel.
        self.order = TurnOrder()
        self.prepares = os.environ.get(SERIAL_TURNS_ENV, "") != "1"
        # Channels whose notices the service pushes as soon as they are stored; the others (web
        # chat, terminal) show them at the user's next turn.
        self.push_channels = push_channels
        self.limiter = RateLimiter()
        # The organisation's language model, asked to word each new draft (None: the rules only).
        self.wording = wording
        # (language, step) of each user's last turn, for the few turns answered without the database.
        self._last: dict[tuple[str, str], tuple[str, str]] = {}
        self.dialog = Dialog(
            DialogServices(
                organisations=list(catalog.organisations(db).values()),
                matcher=matcher,
                submit=self.workflow.submit,
                drafts_of=lambda channel, user: intakes.drafts_of(db, channel, user),
                forget=self._forget,
                resubmit=self.workflow.resubmit,
                answer_overlap=self.workflow.answer_overlap,
            )
        )

    def handle(self, incoming: Incoming) -> Turn:
        """The turn one message brings. A flood gets one notice, then silence until it calms;
        a database that stays busy longer than its timeout gets a 'try again', never an error
        text from SQLite. Nothing is half-saved: a turn is saved at its end or not at all."""
        who = (incoming.channel, incoming.user_ref)
        language, step = self._last.get(who, ("nl", "idle"))
        t = texts.for_language(language)
        verdict = self.limiter.check(*who)
        if verdict is not Verdict.ALLOW:
            log.info("Flood from a %s user: message %s", incoming.channel, verdict.value)
            return Turn([Reply(t.TOO_MANY_MESSAGES)] if verdict is Verdict.NOTICE else [], language, step)
        with self.order.turn(who):
            try:
                if self.prepares:
                    self._prepare(incoming)
                turn, job = self._turn(incoming)
                if job is not None:
                    turn = self._worded(turn, job)
            except sqlite3.OperationalError as error:
                log.warning(
                    "Database busy during a %s turn (%s); the user was asked to try again", incoming.channel, error
                )
                return Turn([Reply(t.BUSY)], language, step)
        self._last[who] = (turn.language, turn.step)
        return turn

    def _prepare(self, incoming: Incoming) -> None:
        """Before the lock: rehearse the turn on the stored conversation, without the database,
        so that the slow, cached parts the real turn will need are ready: the Dutch analysis of
        the answer (Frog, a separate process) and the query's vector (the model, which computes
        outside Python's interpreter lock). Other users' turns run meanwhile. The rehearsal's
        result is thrown away; the real turn, in the lock, decides everything again, so a
        rehearsal that guessed wrong costs time, never correctness."""
        if not incoming.text and not incoming.choice:
            return
        with self.lock:  # a short read; the conversation cannot change meanwhile (TurnOrder)
            conversation = intakes.load_conversation(self.db, incoming.channel, incoming.user_ref)
        if _seen_before(conversation, incoming):
            return
        rehearse(self.dialog.services, conversation, incoming)

    def _turn(self, incoming: Incoming) -> tuple[Turn, WordingJob | None]:
        """One transaction: a turn is saved whole or not at all (a submission never without its
        conversation state, the channel's address with the message that brought it)."""
        with self.lock, self.db.atomic():
            if incoming.address:
                notices.save_address(self.db, incoming.channel, incoming.user_ref, incoming.address, self.clock())
            conversation = intakes.load_conversation(self.db, incoming.channel, incoming.user_ref)
            unchanged = Turn([], conversation.language, conversation.step)
            if _seen_before(conversation, incoming):
                log.info("A %s message was delivered again after a restart; already answered", incoming.channel)
                return unchanged, None
            link = LINK_COMMAND.match(incoming.text or "")
            if link and incoming.channel in sessions.CHAT_ID_COLUMNS:
                return replace(
                    unchanged, replies=[self._link_broker(incoming, link.group(1), conversation.language)]
                ), None
            shown = self._pending_notices(incoming, conversation.language)
            try:
                new_state, replies = self.dialog.handle(conversation, incoming)
                replies = [*shown, *replies]
            except Exception:
                log.exception("Dialog failed for a %s user at step %s", incoming.channel, conversation.step)
                return replace(unchanged, replies=[Reply(texts.for_language(conversation.language).ERROR)]), None
            if incoming.sequence is not None:
                new_state = replace(new_state, pending={**new_state.pending, LAST_SEQUENCE: incoming.sequence})
            stored = intakes.has_conversation(self.db, new_state)
            forgotten = not stored and conversation.step != "idle" and new_state.step == "idle"
            if (new_state != conversation or not stored) and not forgotten and not _blank(new_state, stored):
                intakes.save_conversation(self.db, new_state, self.clock())
            return Turn(replies, new_state.language, new_state.step), self._wording_job(conversation, new_state)

    # -- the optional wording by a language model -----------------------------------------
    def _wording_job(self, before: Conversation, after: Conversation) -> WordingJob | None:
        """A job when this turn showed a new rule-based draft and a language model is set."""
        shown = after.pending.get("draft")
        if self.wording is None or after.step != "review" or not shown or shown == before.pending.get("draft"):
            return None
        if shown.get("wording", "rules") != "rules":
            return None
        another = int(after.pending.get("variant", 0)) > int(before.pending.get("variant", 0))
        previous = before.pending.get("draft") if another else None
        return WordingJob(
            after.channel,
            after.user_ref,
            Draft.from_json(shown),
            _canonical(shown),
            dict(after.answers),
            after.language,
            Draft.from_json(previous) if previous else None,
        )

    def _worded(self, turn: Turn, job: WordingJob) -> Turn:
        """The turn with the draft in the model's wording, when the model's proposal passes:
        asked outside the lock (other chats go on meanwhile; the channel shows it is typing),
        then stored only if the conversation is still at that draft. Any doubt: `turn` as it is."""
        assert self.wording is not None
        from bot.analysis import Analysis
        from bot.wording.service import WordingSource

        services = self.dialog.services
        answers = job.answers
        source = WordingSource(
            intake_from_answers(answers, job.language),
            services.organisation_name(answers.get("organisation_id"), answers.get("organisation") or ""),
            {k: Analysis.from_json(v) for k, v in (answers.get("analysis") or {}).items()},
            others=tuple(sorted(services.kept_names)),
        )
        worded = self.wording.improve(job.rules, source, previous=job.previous)
        if worded is job.rules:
            return turn
        t = texts.for_language(job.language)
        replies = _with_draft(turn.replies, t, job.rules, worded)
        if replies is None:
            return turn
        try:
            with self.lock, self.db.atomic():
                conversation = intakes.load_conversation(self.db, job.channel, job.user_ref)
                current = conversation.pending.get("draft")
                if conversation.step != "review" or not current or _canonical(current) != job.stored:
                    log.info("A %s user moved on while the language model worded the draft", job.channel)
                    return turn
                pending = {**conversation.pending, "draft": worded.as_json()}
                intakes.save_conversation(self.db, replace(conversation, pending=pending), self.clock())
        except sqlite3.OperationalError as error:  # the rule-based draft is stored and shown: enough
            log.warning("Database busy when storing the model's wording (%s); the rule-based draft stands", error)
            return turn
        return replace(turn, replies=replies)

    def _pending_notices(self, incoming: Incoming, language: str) -> list[Reply]:
        """Notices for channels that cannot push: shown at the user's next turn."""
        if incoming.channel in self.push_channels:
            return []
        shown = []
        for notice in notices.pending_notices(self.db, incoming.channel, incoming.user_ref):
            shown.append(notice_reply(notice.text, notice.kind, notice.draft_id, language))
            notices.mark_delivered(self.db, notice.id, self.clock())
        return shown

    def _link_broker(self, incoming: Incoming, code: str, language: str) -> Reply:
        t = texts.for_language(language)
        try:
            broker = sessions.redeem_chat_link_code(self.db, code, incoming.channel, incoming.user_ref, self.clock())
        except sessions.LoginError:
            return Reply(t.LINK_FAILED)
        log.info("Broker %s linked a %s account", broker.id, incoming.channel)
        return Reply(t.LINKED.format(name=broker.name, region=t.REGION_OPTION_LABELS.get(broker.region, broker.region)))

    def _forget(self, channel: str, user_ref: str) -> int:
        overlaps.forget_contacts(self.db, [d.id for d in intakes.drafts_of(self.db, channel, user_ref)])
        _, anonymised = intakes.forget_user(self.db, channel, user_ref)
        return anonymised

    def language_of(self, channel: str, user_ref: str) -> str:
        with self.lock:
            return intakes.load_conversation(self.db, channel, user_ref).language

    def where(self, channel: str, user_ref: str) -> Turn:
        """Where a user stands without a message (a chat page opened): their language and step,
        and the news waiting for them (a channel that cannot push shows it now; it is marked as
        seen with their next message, so opening the page changes nothing)."""
        with self.lock:
            conversation = intakes.load_conversation(self.db, channel, user_ref)
            waiting = [] if channel in self.push_channels else notices.pending_notices(self.db, channel, user_ref)
            news = [notice_reply(n.text, n.kind, n.draft_id, conversation.language) for n in waiting]
            return Turn(news, conversation.language, conversation.step)

    def reach(self, channel: str, user_ref: str) -> tuple[str | None, str]:
        """(the stored address, the language) of a user: what a channel needs to push a notice."""
        with self.lock:
            address = notices.address_of(self.db, channel, user_ref)
            return address, intakes.load_conversation(self.db, channel, user_ref).language


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _with_draft(replies: list[Reply], t: Any, rules: Draft, worded: Draft) -> list[Reply] | None:
    """The replies with the rule-based draft's replies replaced by the worded draft's."""
    for reworded in (False, True):
        old = draft_replies(t, rules, reworded=reworded)
        for i in range(len(replies) - len(old) + 1):
            if replies[i : i + len(old)] == old:
                return [*replies[:i], *draft_replies(t, worded, reworded=reworded), *replies[i + len(old) :]]
    return None


def _seen_before(conversation: Conversation, incoming: Incoming) -> bool:
    last = conversation.pending.get(LAST_SEQUENCE)
    return incoming.sequence is not None and isinstance(last, int) and incoming.sequence <= last


def _blank(conversation: Conversation, stored: bool) -> bool:
    """Nothing worth keeping: an idle user without answers whom we never stored."""
    kept = set(conversation.pending) - {LAST_SEQUENCE}
    return not stored and conversation.step == "idle" and not conversation.answers and not kept
