"""The brokers' web app served on loopback for the browser tests, on one submitted draft with its
suggested groups and a broker of each side in region oost."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from bot.workflow import Workflow
from knowledge import intakes, review, sessions, suggestions
from tests.support import builders
from tests.support.dashboard import NOW
from tests.support.fakes import NullMailer

SECRET = b"test-secret"
SAXION = {"id": "grp-saxion-cyber", "name": "Lectoraat Cyber Resilience", "institution": "Saxion", "region": "oost"}
BROKERS = (("Rijk Oost", "rijk@oost.nl", "rijk"), ("HO Oost", "ho@oost.nl", "ho"))


def seeded_workflow(db: Database, draft_id: str, groups: list[dict[str, Any]], **draft: Any) -> Workflow:
    """Submit `draft_id` (its document changed by `draft`) suggesting `groups`, add the brokers of
    oost; the workflow on it, with mail that goes nowhere."""
    suggested = [{**g, "score": 0.9, "why": ["thema's: cybersecurity"]} for g in groups]
    document = builders.draft_document(suggested_groups=suggested)
    intakes.submit_draft(db, builders.submitted_draft(id=draft_id, draft={**document, **draft}))
    for name, email, side in BROKERS:
        review.add_broker(db, name=name, email=email, region="oost", side=side, now=NOW)
    return Workflow(db, clock=lambda: NOW, lock=threading.RLock(), mailer=NullMailer(), secret=SECRET)  # type: ignore[arg-type]


def suggest(db: Database, workflow: Workflow, draft_id: str, group: str = SAXION["id"]) -> str:
    """Approve the draft by both brokers of oost and send it to `group`; the link token of the
    group's page."""
    rijk, ho = review.broker_by_email(db, "rijk@oost.nl"), review.broker_by_email(db, "ho@oost.nl")
    review.approve(db, draft_id, rijk, NOW)
    review.approve(db, draft_id, ho, NOW)
    workflow.suggest(rijk, draft_id, [group])
    (found,) = suggestions.suggestions_of(db, draft_id)
    return suggestions.link_token(workflow.secret, found.id)


@dataclass
class Site:
    """The served app; `page` is what a test module shapes to its need."""

    base: str
    db: Database
    workflow: Workflow
    browser: Any

    def page(self, width: int = 1366, height: int = 768) -> Any:
        return self.browser.new_context(viewport={"width": width, "height": height}).new_page()

    def broker(self, email: str = "rijk@oost.nl") -> Any:
        """A page of `email`, logged in through a fresh link (on the queue)."""
        page = self.page()
        token = sessions.create_login_token(self.db, review.broker_by_email(self.db, email), NOW)
        page.goto(f"{self.base}/login/{token}")
        return page

    def suggested(self, draft_id: str, group: str = SAXION["id"]) -> str:
        return suggest(self.db, self.workflow, draft_id, group)
