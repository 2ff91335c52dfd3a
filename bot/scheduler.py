"""Work that falls due with time: reminders and closing of unanswered suggestions. The due
times follow from what is stored in SQLite, so a restart loses nothing; the service runs
`run_due_work` every minute."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot import texts
from bot.mail import Mailer
from bot.notify import mail_region_brokers
from knowledge import catalog, intakes, suggestions

log = logging.getLogger(__name__)


def run_due_work(db: Database, mailer: Mailer, secret: bytes, base_url: str, now: str) -> tuple[int, int]:
    """Send the reminders that are due and close what waited too long; (reminded, closed)."""
    nl = texts.nl
    mailer.retry_pending()
    reminded = 0
    for suggestion in suggestions.due_reminders(db, now):
        group = catalog.get_group(db, suggestion.group_id)
        draft = intakes.get_draft(db, suggestion.draft_id)
        if group.contact_email:
            link = f"{base_url}/s/{suggestions.link_token(secret, suggestion.id)}"
            mailer.send(
                group.contact_email,
                nl.REMINDER_SUBJECT.format(title=draft.title),
                nl.REMINDER_MAIL.format(group=group.name, title=draft.title, link=link),
            )
        suggestions.mark_reminded(db, suggestion.id, now)
        reminded += 1
    closed = suggestions.close_overdue(db, now)
    for suggestion in closed:
        draft = intakes.get_draft(db, suggestion.draft_id)
        group = catalog.get_group(db, suggestion.group_id)
        mail_region_brokers(
            db,
            mailer,
            draft.region,
            nl.NO_ANSWER_SUBJECT.format(id=draft.id),
            nl.NO_ANSWER_MAIL.format(group=group.name, id=draft.id, link=f"{base_url}/drafts/{draft.id}"),
        )
    if reminded or closed:
        log.info("Reminders sent: %d; suggestions closed without answer: %d", reminded, len(closed))
    return reminded, len(closed)
