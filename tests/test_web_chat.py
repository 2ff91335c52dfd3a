"""The web chat as its users meet it: a returning civil servant hears the news and can answer."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from knowledge import intakes, review
from tests.support.assistant import FULL_INTAKE
from web.app import create_app
from web.pages.site import render

NOW = "2026-11-28T10:00:00+00:00"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Visitor:
    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.page = client.get("/chat").text
        found = CSRF.search(self.page)
        assert found
        self.csrf = found.group(1)

    def send(self, **data: str) -> str:
        self.page = self.client.post("/chat", data={"csrf": self.csrf, **data}).text
        return self.page


@pytest.fixture
def chat(small_db: Database, small_matcher: Matcher) -> Iterator[tuple[Visitor, Assistant]]:
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW)
    channel = WebChatChannel(assistant, render)
    with TestClient(create_app(small_db, workflow=assistant.workflow, channels=[channel])) as client:
        yield Visitor(client), assistant


def test_a_returning_visitor_answers_the_brokers_question(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, assistant = chat
    for how, value in FULL_INTAKE:
        visitor.send(**{how: value})
    visitor.send(choice="review:submit")
    (draft,) = review.list_drafts(small_db)
    broker = review.add_broker(small_db, name="R", email="r@oost.nl", region=draft.region, side="rijk", now=NOW)
    assistant.workflow.request_changes(broker, draft.id, "Welke laptops vallen eronder?")
    assert intakes.get_draft(small_db, draft.id).state == "changes_requested"
    # Coming back later, the news is there at once, with its button, and opening the page changes nothing.
    for _ in range(2):
        arrived = visitor.client.get("/chat").text
        assert "Welke laptops vallen eronder?" in arrived and 'value="answer:' in arrived
    asked = visitor.send(choice=f"answer:{draft.id}")
    assert "Typ uw antwoord op de vraag van de kennismakelaars" in asked
    assert "Welke laptops vallen eronder?" in asked  # the question stays in view while typing
    visitor.send(text="Alle laptops van de medewerkers op kantoor")
    answered = intakes.get_draft(small_db, draft.id)
    assert answered.state == "submitted"
    assert "Alle laptops van de medewerkers op kantoor" in answered.draft["background"]
    # Seen once: the next visit does not repeat it.
    assert "Welke laptops vallen eronder?" not in visitor.client.get("/chat").text
