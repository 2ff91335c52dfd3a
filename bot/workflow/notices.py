"""Notices: telling civil servants about every state change of their draft, in their language.

A change becomes a stored notice (knowledge.notices); push channels deliver it at once
(`deliver_notices`), the others show it at the user's next turn.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from sqlite_utils import Database

from bot import texts
from knowledge import intakes, notices, review, sessions
from knowledge.records import SubmittedDraft

log = logging.getLogger(__name__)


def notify_change(db: Database, draft_id: str, now: str) -> notices.Notice | None:
    """Store a notice about the latest event of a draft for the person who submitted it."""
    draft = intakes.get_draft(db, draft_id)
    if not draft.channel or not draft.user_ref:
        return None  # anonymised at the user's request: nobody to tell
    event = intakes.events_of(db, draft_id)[-1]
    text = change_text(draft, event.to_state, event.comment)
    return notices.add_notice(
        db, channel=draft.channel, user_ref=draft.user_ref, draft_id=draft.id, kind=event.to_state, text=text, now=now
    )


def change_text(draft: SubmittedDraft, state: str, comment: str) -> str:
    t = texts.for_language(draft.language)
    template = t.STATUS_CHANGE.get(state, t.STATUS_CHANGE["other"])
    label = t.STATE_LABELS.get(state, state)
    return template.format(
        id=draft.id,
        title=draft.title,
        state=label,
        comment=comment if state in ("matched", "completed") else comment.split(": ", 1)[-1],
    )


class NotReachable(Exception):
    """A push channel has no address for this user yet; the notice waits."""


async def deliver_notices(
    db: Database,
    lock: object,
    channel: str,
    send: Callable[[notices.Notice], Awaitable[None]],
    now: Callable[[], str],
) -> int:
    """Send the pending notices of one push channel; a notice is marked delivered only after
    it was sent."""
    with lock:  # type: ignore[attr-defined]
        pending = notices.pending_notices(db, channel)
    sent = 0
    for notice in pending:
        try:
            await send(notice)
        except NotReachable:
            log.debug("Notice %s waits: no %s address for its user yet", notice.id, channel)
            continue
        except Exception:
            log.warning("Notice %s could not be sent yet; will retry", notice.id, exc_info=True)
            continue
        with lock:  # type: ignore[attr-defined]
            notices.mark_delivered(db, notice.id, now())
        sent += 1
    return sent


class ChatReach(Protocol):
    """What the workflow needs of a running chat channel to tell a broker there."""

    name: str
    pushes: bool

    def reachable(self, db: Database, user_ref: str) -> bool: ...


def chat_address(db: Database, broker: review.Broker, channels: Sequence[ChatReach]) -> tuple[str, str] | None:
    """Where a broker can be told in a chat: the first running push channel (in the service's
    order of preference) on which their account is linked and reachable."""
    for channel in channels:
        column = sessions.CHAT_ID_COLUMNS.get(channel.name)
        user_ref = getattr(broker, column, None) if column else None
        if channel.pushes and user_ref and channel.reachable(db, user_ref):
            return channel.name, user_ref
    return None
