"""The conversation service every channel talks to: load the state, let the dialog answer,
save the state, all in one short step per message. Restarts lose nothing."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from bot import texts
from bot.dialog import Dialog, DialogServices, Incoming, Matching, Reply
from bot.drafting import Draft
from knowledge import catalog, intakes
from knowledge.records import Conversation, SubmittedDraft

log = logging.getLogger(__name__)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Assistant:
    """One instance per process; `handle` is safe to call from several threads."""

    def __init__(self, db: Database, matcher: Matching, clock: Callable[[], str] = utc_now) -> None:
        self.db = db
        self.clock = clock
        # One SQLite connection, one writer at a time: turns are short (milliseconds).
        self._lock = threading.RLock()
        self.dialog = Dialog(
            DialogServices(
                organisations=list(catalog.organisations(db).values()),
                matcher=matcher,
                submit=self._submit,
                drafts_of=lambda channel, user: intakes.drafts_of(db, channel, user),
                forget=self._forget,
            )
        )

    def handle(self, incoming: Incoming) -> list[Reply]:
        with self._lock:
            conversation = intakes.load_conversation(self.db, incoming.channel, incoming.user_ref)
            try:
                new_state, replies = self.dialog.handle(conversation, incoming)
            except Exception:
                log.exception("Dialog failed for a %s user at step %s", incoming.channel, conversation.step)
                return [Reply(texts.for_language(conversation.language).ERROR)]
            stored = intakes.has_conversation(self.db, new_state)
            forgotten = not stored and conversation.step != "idle" and new_state.step == "idle"
            if (new_state != conversation or not stored) and not forgotten and not _blank(new_state, stored):
                intakes.save_conversation(self.db, new_state, self.clock())
            return replies

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
        return submitted

    def _forget(self, channel: str, user_ref: str) -> int:
        _, anonymised = intakes.forget_user(self.db, channel, user_ref)
        return anonymised

    def language_of(self, channel: str, user_ref: str) -> str:
        with self._lock:
            return intakes.load_conversation(self.db, channel, user_ref).language


def _blank(conversation: Conversation, stored: bool) -> bool:
    """Nothing worth keeping: an idle user without answers whom we never stored."""
    return not stored and conversation.step == "idle" and not conversation.answers and not conversation.pending
