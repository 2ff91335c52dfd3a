"""Telling civil servants about every state change of their draft, in their language.

A change becomes a stored notice (knowledge.notices); push channels deliver it at once
(`deliver_telegram_notices`), the others show it at the user's next turn.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlite_utils import Database

from bot import texts
from bot.mail import Mailer
from knowledge import intakes, notices, review
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


async def deliver_telegram_notices(
    db: Database, lock: object, send: Callable[[str, str, str, str], Awaitable[None]], now: Callable[[], str]
) -> int:
    """Send the pending Telegram notices; a notice is marked delivered only after it was sent."""
    with lock:  # type: ignore[attr-defined]
        pending = notices.pending_notices(db, "telegram")
    sent = 0
    for notice in pending:
        try:
            await send(notice.user_ref, notice.text, notice.kind, notice.draft_id)
        except Exception:
            log.warning("Notice %s could not be sent yet; will retry", notice.id, exc_info=True)
            continue
        with lock:  # type: ignore[attr-defined]
            notices.mark_delivered(db, notice.id, now())
        sent += 1
    return sent


def notify_brokers(db: Database, draft_id: str, mailer: Mailer, base_url: str, now: str) -> int:
    """Tell the duo of the draft's region that a draft waits for them: by Telegram when their
    Telegram id is known, otherwise by e-mail. Returns how many brokers were told."""
    draft = intakes.get_draft(db, draft_id)
    t = texts.nl  # brokers work in Dutch
    link = f"{base_url}/drafts/{draft.id}"
    text = t.BROKER_NEW_DRAFT.format(
        id=draft.id,
        organisation=draft.organisation,
        title=draft.title,
        question=draft.draft.get("main_question", ""),
        link=link,
    )
    told = 0
    for broker in review.brokers(db):
        if broker.region != draft.region:
            continue
        if broker.telegram_id:
            notices.add_notice(
                db,
                channel="telegram",
                user_ref=broker.telegram_id,
                draft_id=draft.id,
                kind="broker_new",
                text=text,
                now=now,
            )
        else:
            mailer.send(
                broker.email, t.BROKER_NEW_DRAFT_SUBJECT.format(id=draft.id, organisation=draft.organisation), text
            )
        told += 1
    if not told:
        log.warning("No brokers in region %s to tell about draft %s", draft.region, draft.id)
    return told


def mail_region_brokers(db: Database, mailer: Mailer, region: str, subject: str, body: str) -> int:
    """E-mail every broker of a region; returns how many."""
    told = 0
    for broker in review.brokers(db):
        if broker.region == region:
            mailer.send(broker.email, subject, body)
            told += 1
    return told
