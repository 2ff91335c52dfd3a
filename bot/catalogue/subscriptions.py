"""E-mail subscriptions to the catalogue per theme: double opt-in with a signed single-use link,
a weekly digest of new questions, one-click unsubscribe (RFC 8058), and the housekeeping:
unconfirmed subscriptions expire after 7 days, unsubscribed addresses are deleted.

Due times follow from stored timestamps (`digest_at`), checked by the service's minute loop, so
a restart loses no digest and sends none twice.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot import texts
from bot.catalogue import tokens
from bot.catalogue.catalogue import Catalogue
from bot.catalogue.digest import digest_mail, theme_names
from bot.catalogue.public import PublicQuestion
from bot.workflow.mail import Mailer
from bot.workflow.workflow import Workflow
from knowledge import subscriptions
from knowledge.review import EMAIL
from knowledge.subscriptions import Subscription
from knowledge.vocabulary import THEMES

log = logging.getLogger(__name__)
nl = texts.nl
CONFIRM, UNSUBSCRIBE = "confirm", "unsubscribe"
EXPIRE_AFTER = timedelta(days=7)
DIGEST_EVERY = timedelta(days=7)
RESEND_AFTER = timedelta(hours=1)  # one confirmation mail per address per hour, against mail floods
MAX_EMAIL = 254


def checked_email(value: str) -> str | None:
    """The address as typed (trimmed, lower case), or None when it is not an address."""
    email = value.strip().lower()
    if len(email) > MAX_EMAIL or not re.fullmatch(EMAIL, email):
        return None
    return email


def _ago(now: str, delta: timedelta) -> str:
    return (datetime.fromisoformat(now) - delta).isoformat(timespec="seconds")


class Subscriptions:
    def __init__(
        self,
        db: Database,
        lock: threading.RLock,
        catalogue: Catalogue,
        *,
        mailer: Mailer | None,
        base_url: str,
        secret: bytes,
        clock: Callable[[], str],
    ) -> None:
        self.db, self.lock, self.catalogue = db, lock, catalogue
        self.mailer, self.base_url, self.secret, self.clock = mailer, base_url, secret, clock

    def link(self, purpose: str, subscription_id: str) -> str:
        path = "bevestigen" if purpose == CONFIRM else "afmelden"
        signature = tokens.sign(self.secret, purpose, subscription_id)
        return f"{self.base_url}/opdrachten/abonnement/{path}/{subscription_id}/{signature}"

    def subscribe(self, email: str, themes: tuple[str, ...]) -> None:
        """Store a pending subscription and send its confirmation link (not more than one mail
        per address per hour; the page says the same either way, so it tells nobody who subscribed)."""
        chosen = tuple(t for t in THEMES if t in themes)
        now = self.clock()
        with self.lock:
            recent = subscriptions.pending_since(self.db, email, _ago(now, RESEND_AFTER))
            pending = subscriptions.add_pending(self.db, email, chosen, now)
        if recent:
            log.info("A confirmation mail went to this address within the hour; not sending another")
            return
        self._send(
            email,
            nl.CONFIRM_SUBJECT,
            nl.CONFIRM_MAIL.format(themes=theme_names(chosen), link=self.link(CONFIRM, pending.id)),
        )

    def found(self, purpose: str, subscription_id: str, signature: str) -> Subscription | None:
        """The subscription a signed link is for, when the link is genuine and still does something."""
        if not tokens.verify(self.secret, purpose, subscription_id, signature):
            return None
        with self.lock:
            found = subscriptions.get(self.db, subscription_id)
        if found is None:
            return None
        if purpose == CONFIRM and (
            found.confirmed_at is not None or found.created_at < _ago(self.clock(), EXPIRE_AFTER)
        ):
            return None
        if purpose == UNSUBSCRIBE and found.confirmed_at is None:
            return None
        return found

    def confirm(self, subscription_id: str, signature: str) -> Subscription | None:
        if self.found(CONFIRM, subscription_id, signature) is None:
            return None
        with self.lock:
            return subscriptions.confirm(self.db, subscription_id, self.clock())

    def unsubscribe(self, subscription_id: str, signature: str) -> bool:
        if self.found(UNSUBSCRIBE, subscription_id, signature) is None:
            return False
        with self.lock:
            return subscriptions.unsubscribe(self.db, subscription_id) > 0

    def due_work(self) -> tuple[int, int]:
        """Expire unconfirmed subscriptions and send the digests that are due; (expired, sent)."""
        now = self.clock()
        with self.lock:
            expired = subscriptions.expire_pending(self.db, _ago(now, EXPIRE_AFTER))
            due = subscriptions.due_digests(self.db, _ago(now, DIGEST_EVERY))
        sent = 0
        for subscription in due:
            if self.send_digest(subscription, now):
                sent += 1
        if expired or sent:
            log.info("Subscriptions: %d unconfirmed expired, %d digests sent", expired, sent)
        return expired, sent

    def send_digest(self, subscription: Subscription, now: str) -> bool:
        """The digest of questions published since the last one; nothing is sent when there are none."""
        since = subscription.digest_at or subscription.confirmed_at or now
        seen: dict[str, PublicQuestion] = {}
        for theme in subscription.themes:
            for q in self.catalogue.newest(theme, since):
                seen.setdefault(q.id, q)
        questions = sorted(seen.values(), key=lambda q: q.published_at, reverse=True)
        with self.lock:
            subscriptions.mark_digested(self.db, subscription.id, now)
        if not questions:
            return False
        unsubscribe = self.link(UNSUBSCRIBE, subscription.id)
        subject, body = digest_mail(
            questions,
            subscription.themes,
            [f"{self.base_url}/opdrachten/{q.id}" for q in questions],
            f"{self.base_url}/opdrachten",
            unsubscribe,
        )
        self._send(
            subscription.email,
            subject,
            body,
            {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        return True

    def _send(self, to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
        if self.mailer is None:
            log.warning("No mailer: the subscription mail to an address was not sent")
            return
        self.mailer.send(to, subject, body, headers=headers)


def subscriptions_for_workflow(workflow: Workflow, catalogue: Catalogue) -> Subscriptions:
    """Subscriptions that mail, sign and keep time as the workflow does."""
    return Subscriptions(
        workflow.db,
        workflow.lock,
        catalogue,
        mailer=workflow.mailer,
        base_url=workflow.base_url,
        secret=workflow.secret,
        clock=workflow.clock,
    )
