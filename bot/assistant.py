"""The conversation service every channel talks to: load the state, let the dialog answer,
save the state, all in one short step per message. Restarts lose nothing."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from bot import texts
from bot.dialog import Dialog, DialogServices, Incoming, Matching, Option, Reply
from bot.drafting import Draft
from bot.ratelimit import RateLimiter, Verdict
from knowledge import catalog, intakes, notices, review, sessions
from knowledge.errors import NotFoundError
from knowledge.records import Conversation, SubmittedDraft

log = logging.getLogger(__name__)


# Channels whose notices are pushed by the service as soon as they are stored; the others
# (web chat, terminal) show them at the user's next turn.
PUSH_CHANNELS = frozenset({"telegram", "teams"})
# Where the channel's message numbering stood at the last answered message (see Incoming.sequence).
LAST_SEQUENCE = "last_sequence"
# A broker links this chat account with a code from the dashboard: "koppel ABCD-EFGH".
LINK_COMMAND = re.compile(r"^\s*/?(?:koppel|link)\s+([a-z0-9]{4}-?[a-z0-9]{4})\s*$", re.IGNORECASE)


def notice_reply(text: str, kind: str, draft_id: str, language: str) -> Reply:
    """A notice as a reply; a question from the brokers gets an answer button."""
    if kind == "changes_requested":
        return Reply(text, (Option(f"answer:{draft_id}"[:64], texts.for_language(language).OPTION_ANSWER),))
    return Reply(text)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Assistant:
    """One instance per process; `handle` is safe to call from several threads."""

    def __init__(
        self,
        db: Database,
        matcher: Matching,
        clock: Callable[[], str] = utc_now,
        on_submitted: Callable[[str], object] | None = None,
    ) -> None:
        self.db = db
        self.matcher = matcher
        self.clock = clock
        # Called with a draft id after a submission or resubmission (tells the brokers).
        self.on_submitted: Callable[[str], object] = on_submitted or (lambda draft_id: None)
        # One SQLite connection, one writer at a time: turns are short (milliseconds). The web
        # pages share this lock.
        self.lock = threading.RLock()
        self.limiter = RateLimiter()
        # The language of each user's last turn, for the few replies given without the database.
        self._languages: dict[tuple[str, str], str] = {}
        self.dialog = Dialog(
            DialogServices(
                organisations=list(catalog.organisations(db).values()),
                matcher=matcher,
                submit=self._submit,
                drafts_of=lambda channel, user: intakes.drafts_of(db, channel, user),
                forget=self._forget,
                resubmit=self._resubmit,
            )
        )

    def handle(self, incoming: Incoming) -> list[Reply]:
        """The replies to one message. A flood gets one notice, then silence until it calms;
        a database that stays busy longer than its timeout gets a 'try again', never an error
        text from SQLite. Nothing is half-saved: a turn is saved at its end or not at all."""
        who = (incoming.channel, incoming.user_ref)
        t = texts.for_language(self._languages.get(who))
        verdict = self.limiter.check(*who)
        if verdict is not Verdict.ALLOW:
            log.info("Flood from a %s user: message %s", incoming.channel, verdict.value)
            return [Reply(t.TOO_MANY_MESSAGES)] if verdict is Verdict.NOTICE else []
        try:
            replies, self._languages[who] = self._turn(incoming)
            return replies
        except sqlite3.OperationalError as error:
            log.warning("Database busy during a %s turn (%s); the user was asked to try again", incoming.channel, error)
            return [Reply(t.BUSY)]

    def _turn(self, incoming: Incoming) -> tuple[list[Reply], str]:
        """(replies, the user's language after the turn). One transaction: a turn is saved
        whole or not at all (a submission never without its conversation state)."""
        with self.lock, self.db.atomic():
            conversation = intakes.load_conversation(self.db, incoming.channel, incoming.user_ref)
            if _seen_before(conversation, incoming):
                log.info("A %s message was delivered again after a restart; already answered", incoming.channel)
                return [], conversation.language
            link = LINK_COMMAND.match(incoming.text or "")
            if link and incoming.channel in sessions.CHAT_ID_COLUMNS:
                return [self._link_broker(incoming, link.group(1), conversation.language)], conversation.language
            shown = self._pending_notices(incoming, conversation.language)
            try:
                new_state, replies = self.dialog.handle(conversation, incoming)
                replies = [*shown, *replies]
            except Exception:
                log.exception("Dialog failed for a %s user at step %s", incoming.channel, conversation.step)
                return [Reply(texts.for_language(conversation.language).ERROR)], conversation.language
            if incoming.sequence is not None:
                new_state = replace(new_state, pending={**new_state.pending, LAST_SEQUENCE: incoming.sequence})
            stored = intakes.has_conversation(self.db, new_state)
            forgotten = not stored and conversation.step != "idle" and new_state.step == "idle"
            if (new_state != conversation or not stored) and not forgotten and not _blank(new_state, stored):
                intakes.save_conversation(self.db, new_state, self.clock())
            return replies, new_state.language

    def _submit(self, conversation: Conversation, draft: Draft, answers: dict[str, Any]) -> SubmittedDraft:
        now = self.clock()
        submitted = SubmittedDraft(
            id=intakes.new_draft_id(self.db, int(now[:4])),
            channel=conversation.channel,
            user_ref=conversation.user_ref,
            language=conversation.language,
            state="submitted",
            organisation=draft.organisation,
            region=draft.region or "",
            title=draft.title,
            intake=answers,
            draft=draft.as_json(),
            created_at=now,
            updated_at=now,
        )
        intakes.submit_draft(self.db, submitted)
        log.info("Draft %s submitted for region %s", submitted.id, submitted.region)
        self._tell_brokers(submitted.id)
        return submitted

    def _pending_notices(self, incoming: Incoming, language: str) -> list[Reply]:
        """Notices for channels that cannot push: shown at the user's next turn."""
        if incoming.channel in PUSH_CHANNELS:
            return []
        shown = []
        for notice in notices.pending_notices(self.db, incoming.channel, incoming.user_ref):
            shown.append(notice_reply(notice.text, notice.kind, notice.draft_id, language))
            notices.mark_delivered(self.db, notice.id, self.clock())
        return shown

    def _resubmit(self, conversation: Conversation, draft_id: str, answer: str) -> bool:
        """The civil servant answers the brokers' question: the answer (redacted) is added to
        the draft and it goes back to the queue. Only the submitter's own drafts."""
        try:
            draft = intakes.get_draft(self.db, draft_id)
        except NotFoundError:
            return False
        if (draft.channel, draft.user_ref) != (conversation.channel, conversation.user_ref):
            return False
        if draft.state != "changes_requested":
            return False
        t = texts.for_language(draft.language)
        updated = {**draft.draft, "background": f"{draft.draft.get('background', '')}\n\n{t.ANSWER_HEADING}: {answer}"}
        review.resubmit(self.db, draft_id, updated, answer, self.clock())
        self._tell_brokers(draft_id)
        return True

    def _tell_brokers(self, draft_id: str) -> None:
        try:
            self.on_submitted(draft_id)
        except Exception:  # the draft is stored; a failed notification must not lose the turn
            log.exception("Could not notify the brokers about draft %s", draft_id)

    def _link_broker(self, incoming: Incoming, code: str, language: str) -> Reply:
        t = texts.for_language(language)
        try:
            broker = sessions.redeem_chat_link_code(self.db, code, incoming.channel, incoming.user_ref, self.clock())
        except sessions.LoginError:
            return Reply(t.LINK_FAILED)
        log.info("Broker %s linked a %s account", broker.id, incoming.channel)
        return Reply(t.LINKED.format(name=broker.name, region=t.REGION_OPTION_LABELS.get(broker.region, broker.region)))

    def _forget(self, channel: str, user_ref: str) -> int:
        _, anonymised = intakes.forget_user(self.db, channel, user_ref)
        return anonymised

    def step_of(self, channel: str, user_ref: str) -> str:
        with self.lock:
            return intakes.load_conversation(self.db, channel, user_ref).step

    def language_of(self, channel: str, user_ref: str) -> str:
        with self.lock:
            return intakes.load_conversation(self.db, channel, user_ref).language


def _seen_before(conversation: Conversation, incoming: Incoming) -> bool:
    last = conversation.pending.get(LAST_SEQUENCE)
    return incoming.sequence is not None and isinstance(last, int) and incoming.sequence <= last


def _blank(conversation: Conversation, stored: bool) -> bool:
    """Nothing worth keeping: an idle user without answers whom we never stored."""
    kept = set(conversation.pending) - {LAST_SEQUENCE}
    return not stored and conversation.step == "idle" and not conversation.answers and not kept
