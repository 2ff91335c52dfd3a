"""axe-core (vendored in tests/support/axe) on every page in a real Chromium: the web chat at
each step, the queue, the draft page in each state, the institution pages, the public pages,
message pages. WCAG 2.1 A and AA: no violations."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlite_utils import Database

from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from bot.workflow import Workflow
from knowledge import intakes, review, sessions, suggestions
from tests.support import builders
from tests.support.assistant import FULL_INTAKE
from tests.support.dashboard import NOW
from tests.support.ports import free_port
from web.pages.site import render

AXE = Path(__file__).parent / "support" / "axe" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DRAFT_ID = "VW-2026-AXE001"
GROUP = "grp-saxion-cyber"
SECRET = b"test-secret"


class Mails:
    def send(self, to: str, subject: str, body: str) -> None:
        pass

    def retry_pending(self) -> None:
        pass


@dataclass
class Site:
    base: str
    db: Database
    workflow: Workflow
    browser: Any

    def page(self, width: int = 1280, height: int = 900) -> Any:
        # The pages' CSP (default-src 'self') would refuse the injected axe script.
        return self.browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True).new_page()

    def broker(self, email: str) -> Any:
        page = self.page()
        token = sessions.create_login_token(self.db, review.broker_by_email(self.db, email), NOW)
        page.goto(f"{self.base}/login/{token}")
        return page


@pytest.fixture
def site(small_db: Database, small_matcher: Matcher, chromium: Any) -> Iterator[Site]:
    from web.app import create_app

    db = small_db
    group = {"id": GROUP, "name": "Lectoraat Cyber Resilience", "institution": "Saxion", "region": "oost"}
    other = {"id": "grp-hu-ai", "name": "Lectoraat AI", "institution": "Hogeschool Utrecht", "region": "midden"}
    draft = builders.draft_document(
        suggested_groups=[{**g, "score": 0.9, "why": ["thema's: cybersecurity"]} for g in (group, other)]
    )
    intakes.submit_draft(db, builders.submitted_draft(id=DRAFT_ID, draft=draft))
    for name, email, region, side in (
        ("Rijk Oost", "rijk@oost.nl", "oost", "rijk"),
        ("HO Oost", "ho@oost.nl", "oost", "ho"),
    ):
        review.add_broker(db, name=name, email=email, region=region, side=side, now=NOW)
    workflow = Workflow(db, clock=lambda: NOW, lock=threading.RLock(), mailer=Mails(), secret=SECRET)  # type: ignore[arg-type]
    assistant = Assistant(db, small_matcher, clock=lambda: NOW, workflow=workflow)
    app = create_app(db, workflow=workflow, channels=[WebChatChannel(assistant, render)])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            threading.Event().wait(0.05)
        yield Site(f"http://127.0.0.1:{port}", db, workflow, chromium)
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def violations(page: Any) -> list[str]:
    """axe's WCAG 2.1 A/AA violations of the page shown, as 'id: help (targets)'."""
    page.wait_for_load_state()
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`)",
        TAGS,
    )
    return [f"{page.url}: {v}" for v in found]


def check(found: list[str]) -> None:
    assert not found, "axe-core vond schendingen van WCAG 2.1 A/AA:\n" + "\n".join(found)


def send(page: Any, how: str, value: str) -> None:
    if how == "choice":
        button = page.locator(f'button[name="choice"][value="{value}"]')
        if value == "org:yes" and not button.count():
            return  # an exactly typed organisation is taken without asking
        button.click()
    elif page.locator("form.chat-send textarea").count():
        page.locator("form.chat-send textarea").fill(value)
        page.locator("form.chat-send button").click()
    else:  # not started yet: the start button sends /start
        page.locator("form.chat-send button").click()
    page.wait_for_load_state()


def test_the_web_chat_at_each_step(site: Site) -> None:
    for width, height in ((1280, 900), (390, 844)):
        site.db.execute("DELETE FROM conversations")
        page = site.page(width, height)
        page.goto(f"{site.base}/chat")
        found = violations(page)
        for how, value in FULL_INTAKE:
            send(page, how, value)
            if value in ("/start", "ik werk in Groningen", "similar:new", "level:hbo"):
                found += violations(page)  # start, mid-intake, the choice of a similar question, the draft
        send(page, "text", "indienen")
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
    rijk, ho = review.broker_by_email(site.db, "rijk@oost.nl"), review.broker_by_email(site.db, "ho@oost.nl")
    review.approve(site.db, DRAFT_ID, rijk, NOW)
    review.approve(site.db, DRAFT_ID, ho, NOW)
    site.workflow.suggest(rijk, DRAFT_ID, [GROUP])
    (suggestion,) = suggestions.suggestions_of(site.db, DRAFT_ID)
    token = suggestions.link_token(SECRET, suggestion.id)
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
