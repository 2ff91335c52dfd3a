"""axe-core (vendored in tests/support/axe) on every page in a real Chromium: the web chat at
each step, the queue, the draft page in each state, the institution pages, the public pages,
message pages. WCAG 2.1 A and AA: no violations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from knowledge import review
from tests.support import site as served
from tests.support.assistant import FULL_INTAKE
from tests.support.browser import chat_send
from tests.support.dashboard import NOW
from tests.support.ports import serving
from tests.support.wcag import check, violations
from web.pages.site import render

DRAFT_ID = "VW-2026-AXE001"
GROUP = served.SAXION["id"]


class Site(served.Site):
    def page(self, width: int = 1280, height: int = 900) -> Any:
        # The pages' CSP (default-src 'self') would refuse the injected axe script.
        return self.browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True).new_page()


@pytest.fixture
def site(small_db: Database, small_matcher: Matcher, chromium: Any) -> Iterator[Site]:
    from web.app import create_app

    db = small_db
    other = {"id": "grp-hu-ai", "name": "Lectoraat AI", "institution": "Hogeschool Utrecht", "region": "midden"}
    workflow = served.seeded_workflow(db, DRAFT_ID, [served.SAXION, other])
    assistant = Assistant(db, small_matcher, clock=lambda: NOW, workflow=workflow)
    with serving(create_app(db, workflow=workflow, channels=[WebChatChannel(assistant, render)])) as base:
        yield Site(base, db, workflow, chromium)


def test_the_web_chat_at_each_step(site: Site) -> None:
    for width, height in ((1280, 900), (390, 844)):
        site.db.execute("DELETE FROM conversations")
        page = site.page(width, height)
        page.goto(f"{site.base}/chat")
        found = violations(page)
        for how, value in FULL_INTAKE:
            chat_send(page, how, value)
            if value in ("/start", "ik werk in Groningen", "similar:new", "level:hbo"):
                found += violations(page)  # start, mid-intake, the choice of a similar question, the draft
        chat_send(page, "text", "indienen")
        assert "VW-" in page.content()
        found += violations(page)  # submitted, with the state of the user's questions
        page.context.close()
    check(found)


def test_the_brokers_pages_in_each_state(site: Site) -> None:
    rijk = site.broker("rijk@oost.nl")
    found = violations(rijk)  # the queue
    rijk.goto(f"{site.base}/drafts/{DRAFT_ID}")
    found += violations(rijk)  # submitted
    rijk_broker = review.broker_by_email(site.db, "rijk@oost.nl")
    review.approve(site.db, DRAFT_ID, rijk_broker, NOW)
    rijk.reload()
    found += violations(rijk)  # in review, approved by one side
    review.approve(site.db, DRAFT_ID, review.broker_by_email(site.db, "ho@oost.nl"), NOW)
    rijk.reload()
    found += violations(rijk)  # approved
    site.workflow.suggest(rijk_broker, DRAFT_ID, [GROUP])
    rijk.reload()
    found += violations(rijk)  # suggested
    rijk.goto(f"{site.base}/drafts/VW-2026-NOPE00")
    found += violations(rijk)  # a draft that does not exist
    check(found)


def test_the_institution_and_public_pages(site: Site) -> None:
    token = site.suggested(DRAFT_ID)
    page = site.page()
    found: list[str] = []
    for path in (f"/s/{token}", f"/s/{token}/groep", "/privacy", "/toegankelijkheid", "/nope", "/login/fout"):
        page.goto(f"{site.base}{path}")
        found += violations(page)
    page.goto(f"{site.base}/s/{token}")
    page.locator('form:has(input[value="interested"]) button').first.click()
    found += violations(page)  # the answer shown back
    phone = site.page(320, 640)
    for path in (f"/s/{token}", "/privacy"):
        phone.goto(f"{site.base}{path}")
        found += violations(phone)
    check(found)


def test_axe_finds_what_it_should(site: Site) -> None:
    """The check itself works: a page with a nameless button and an image without alt fails."""
    page = site.page()
    page.goto(f"{site.base}/privacy")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<button></button><img src=x>')")
    found = violations(page)
    assert any("button-name" in v for v in found) and any("image-alt" in v for v in found), found


def test_each_remove_confirmation_names_its_group(site: Site) -> None:
    page = site.broker("rijk@oost.nl")
    page.goto(f"{site.base}/drafts/{DRAFT_ID}")
    boxes = page.get_by_role("checkbox", name="Ja, verwijderen")
    names = [boxes.nth(i).get_attribute("aria-label") for i in range(boxes.count())]
    assert names == ["Ja, verwijderen: Lectoraat Cyber Resilience", "Ja, verwijderen: Lectoraat AI"], names
    for name in names:  # each box is found by its own name
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1
