"""Telling civil servants about every state change of their draft, in their language.

A change becomes a stored notice (knowledge.notices); push channels (Telegram, Teams) deliver
it at once (`deliver_notices`), the others show it at the user's next turn.
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


class NotReachable(Exception):
    """A push channel has no address for this user yet; the notice waits."""


async def deliver_notices(
    db: Database,
    lock: object,
    channel: str,
    send: Callable[[str, str, str, str], Awaitable[None]],
    now: Callable[[], str],
) -> int:
    """Send the pending notices of one push channel; a notice is marked delivered only after
    it was sent."""
    with lock:  # type: ignore[attr-defined]
        pending = notices.pending_notices(db, channel)
    sent = 0
    for notice in pending:
        try:
            await send(notice.user_ref, notice.text, notice.kind, notice.draft_id)
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


def chat_address(db: Database, broker: review.Broker, channels: frozenset[str]) -> tuple[str, str] | None:
    """Where a broker can be told in a chat: Teams when their account is linked and has talked
    to the bot (a conversation reference is stored), else Telegram when their id is known."""
    if broker.teams_id and "teams" in channels and notices.address_of(db, "teams", broker.teams_id):
        return "teams", broker.teams_id
    if broker.telegram_id and "telegram" in channels:
        return "telegram", broker.telegram_id
    return None


def notify_brokers(
    db: Database,
    draft_id: str,
    mailer: Mailer,
    base_url: str,
    now: str,
    channels: frozenset[str] = frozenset({"telegram"}),
) -> int:
    """Tell the duo of the draft's region that a draft waits for them: in Teams or Telegram
    when they can be reached there (`channels`: the chat channels that run), otherwise by
    e-mail. Returns how many brokers were told."""
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
        address = chat_address(db, broker, channels)
        if address:
            notices.add_notice(
                db,
                channel=address[0],
                user_ref=address[1],
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
