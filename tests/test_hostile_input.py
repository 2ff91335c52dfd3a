"""Hostile and broken input at every entry point: one shared corpus of bad texts goes through
the web chat, the broker forms, the institution page, import files and the command line.

Every case gets a friendly Dutch answer: 200/303 with the value stored as typed, or a clean
400/404/409/413 naming the field; never a 500, a traceback, unescaped markup or half an import.
Tests marked xfail(strict=True) document bugs in modules owned elsewhere (see their reasons).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from markupsafe import escape
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot import cli, wiring
from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming
from bot.matching import Matcher
from bot.texts import nl
from knowledge import catalog, intakes, review, sessions, suggestions, transfer
from knowledge.errors import ImportFileError
from tests.support import builders
from tests.support.fakes import FakeEncoder
from web.app import create_app
from web.pages.site import render

# -- the corpus ------------------------------------------------------------------------------

CORPUS: list[tuple[str, str]] = [
    ("leeg", ""),
    ("witruimte", " \t\n\u00a0\u3000 "),
    ("10000-tekens", ("updates komen weken te laat " * 400)[:10_000]),
    ("nul-byte", "du\x00o"),
    ("rtl-override", "\u202eexe.oud\u202c"),
    ("nulbreedte", "d\u200bu\u200co\u2060\ufeff"),
    ("alleen-emoji", "🙂🔥👍🏽🇳🇱"),
    ("script", "<script>alert('x')</script>"),
    ("html-attribuut", '"><img src=x onerror=alert(1)>'),
    ("markdown", "**vet** _schuin_ [klik](javascript:alert(1)) `code`"),
    ("sql", "'; DROP TABLE drafts; --"),
    ("pad", "../../../etc/passwd"),
    ("formule", "=cmd|' /C calc'!A0"),
    ("sjabloon", "{{ 7*7 }} {% raw %}"),
    ("stuurtekens", "\x1b[31mrood\x1b[0m\x07"),
    ("regeleinden", "regel een\r\nregel twee\rregel drie"),
    ("zalgo", "Z̴̡̛a̶l̷g̸o̵"),
]
CORPUS_PARAMS = [pytest.param(value, id=name) for name, value in CORPUS]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what forms and imports refuse
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ERROR_TEXT = re.compile(r'<p class="error" role="alert">(.*?)</p>', re.S)

NOW = "2026-11-28T10:00:00+00:00"
DRAFT_ID = "VW-2026-HOST01"
# A draft in plain text, with one suggested group.
DRAFT: dict[str, Any] = builders.draft_document(
    sub_questions=["Hoe gaat het nu?", "Wat willen medewerkers?", "Welke opties zijn er?"],
    background="Laptops krijgen updates pas weken te laat.",
    suggested_groups=[
        {
            "id": "grp-saxion-cyber",
            "name": "Lectoraat Cyber Resilience",
            "institution": "Saxion",
            "region": "oost",
            "score": 0.5,
            "why": ["thema's: cybersecurity"],
        }
    ],
)


def assert_escaped(page: str) -> None:
    """Nothing a user typed turns into markup."""
    for raw in ("<script>alert", "<img src=x", "<img ", 'javascript:alert(1)"'):
        assert raw not in page


def shown_error(page: str) -> str:
    found = ERROR_TEXT.search(page)
    return html.unescape(found.group(1)) if found else ""


# -- fixtures --------------------------------------------------------------------------------


def submit_draft(db: Database, draft_id: str = DRAFT_ID, **over: Any) -> None:
    draft = {**DRAFT, **over}
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id=draft_id,
            organisation=draft["organisation"],
            intake={"organisation_id": "duo", "problem": "laptops"},
            draft=draft,
            created_at=NOW,
        ),
    )


@pytest.fixture
def site(small_db: Database) -> Iterator[tuple[TestClient, Database]]:
    db = small_db
    submit_draft(db)
    for name, email, side in (("Rijk Oost", "rijk@oost.nl", "rijk"), ("HO Oost", "ho@oost.nl", "ho")):
        review.add_broker(db, name=name, email=email, region="oost", side=side, now=NOW)
    with TestClient(create_app(db, clock=lambda: NOW), follow_redirects=False) as client:
        yield client, db


@pytest.fixture
def broker(site: tuple[TestClient, Database]) -> tuple[TestClient, Database, str]:
    """Logged in as a broker of the draft's region; returns the CSRF token too."""
    client, db = site
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    assert client.get(f"/login/{token}").status_code == 303
    csrf = CSRF.search(client.get(f"/drafts/{DRAFT_ID}").text)
    assert csrf
    return client, db, csrf.group(1)


# -- web chat --------------------------------------------------------------------------------


class WebChat:
    """One visitor of /chat: keeps the CSRF token and the last page."""

    def __init__(self, client: TestClient, db: Database) -> None:
        self.client, self.db = client, db
        self.last = client.get("/chat")
        found = CSRF.search(self.last.text)
        assert found
        self.csrf = found.group(1)

    def say(self, **data: str) -> Any:
        self.last = self.client.post("/chat", data={"csrf": self.csrf, **data})
        return self.last

    def step(self) -> str:
        row = self.db.execute("SELECT step FROM conversations WHERE channel = 'web'").fetchone()
        return row[0] if row else "idle"


GOOD_ANSWERS = {
    "organisation": {"text": "duo"},
    "region": {"choice": "region:oost"},
    "problem": {"text": "Onze laptops krijgen updates pas weken te laat"},
    "context": {"text": "De servers ook, al maanden; we hebben WSUS geprobeerd"},
    "similar": {"choice": "similar:new"},
}


def assert_kind_chat_page(page: Any) -> None:
    assert page.status_code == 200
    bubbles = re.findall(r'<div class="bubble">(.*?)</div>', page.text, re.S)
    assert bubbles and all(html.unescape(b).replace("<br>", "").strip() for b in bubbles)
    assert nl.ERROR not in html.unescape(page.text)  # the dialog did not crash
    assert_escaped(page.text)


def carry_on(chat: WebChat, until: str = "goal") -> None:
    """The conversation still works: good answers bring it to `until`."""
    for _ in range(8):
        if chat.step() == until:
            return
        confirm = 'value="org:yes"' in chat.last.text
        assert_kind_chat_page(chat.say(**({"choice": "org:yes"} if confirm else GOOD_ANSWERS[chat.step()])))
    pytest.fail(f"the conversation is stuck at {chat.step()}")


@pytest.fixture
def chat_site(small_db: Database, small_matcher: Matcher) -> Iterator[tuple[TestClient, Database]]:
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW)
    chat = WebChatChannel(assistant, render)
    with TestClient(create_app(small_db, workflow=assistant.workflow, channels=[chat])) as client:
        yield client, small_db


def test_the_web_chat_page_speaks_the_language_of_its_visitor(chat_site) -> None:  # type: ignore[no-untyped-def]
    chat = WebChat(*chat_site)
    assert "Beginnen" in chat.last.text
    chat.say(text="/start")
    assert "Uw antwoord" in chat.last.text and "Versturen" in chat.last.text
    chat.say(text="english")
    assert "Your answer" in chat.last.text and ">Send<" in chat.last.text and "Versturen" not in chat.last.text


@pytest.mark.parametrize("value", CORPUS_PARAMS)
@pytest.mark.parametrize("step", ["organisation", "problem", "keuze"])
def test_web_chat_answers_any_text_kindly_and_goes_on(chat_site, step: str, value: str) -> None:  # type: ignore[no-untyped-def]
    chat = WebChat(*chat_site)
    chat.say(text="/start")
    if step != "organisation":
        chat.say(text="duo")
    if step == "problem":
        chat.say(choice="region:oost")
    page = chat.say(choice=value) if step == "keuze" else chat.say(text=value)
    assert_kind_chat_page(page)
    if step == "organisation" and "<" in value:  # markup is no name: asked again with examples, not echoed
        assert nl.ORGANISATION_RETRY in html.unescape(page.text)
    carry_on(chat)


def test_web_chat_survives_broken_bodies(chat_site) -> None:  # type: ignore[no-untyped-def]
    chat = WebChat(*chat_site)
    chat.say(text="/start")
    broken_utf8 = chat.client.post(
        "/chat",
        content=f"csrf={chat.csrf}&text=%FF%FE%00du%C3o".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert_kind_chat_page(broken_utf8)
    as_file = chat.client.post("/chat", data={"csrf": chat.csrf}, files={"text": ("x.txt", b"duo", "text/plain")})
    assert_kind_chat_page(as_file)
    assert nl.UNSUPPORTED in html.unescape(as_file.text)  # a file is not read as the text "UploadFile(...)"
    for forged in ("ünïcødé", "\x00", "x" * 10_000):
        refused = chat.client.post("/chat", data={"csrf": forged, "text": "duo"})
        assert refused.status_code == 403 and "verlopen" in refused.text
    too_big = chat.say(text="x" * 70_000)
    assert too_big.status_code == 413 and "te lang" in too_big.text
    carry_on(chat)


@pytest.mark.parametrize("typed", ["du\u2060o", "duo\ufeff", "d\u00adu\u00ado"])
def test_invisible_characters_do_not_hide_a_known_organisation(chat_site, typed: str) -> None:  # type: ignore[no-untyped-def]
    chat = WebChat(*chat_site)
    chat.say(text="/start")
    assert "Dienst Uitvoering Onderwijs (DUO)" in html.unescape(chat.say(text=typed).text)


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_telegram_turns_answer_any_text_and_go_on(small_db: Database, small_matcher: Matcher, value: str) -> None:
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW)

    def say(text: str) -> list[str]:
        replies = assistant.handle(Incoming(channel="telegram", user_ref="7", text=text)).replies
        assert replies and all(r.text.strip() for r in replies)
        assert all(r.text != nl.ERROR for r in replies)
        return [r.text for r in replies]

    say("/start")
    say(value)
    say("/status")
    assert assistant.handle(Incoming(channel="telegram", user_ref="7", unsupported=True)).replies
    if any("Weet u het zeker" in text for text in say("/nieuw")):  # a name taken at once is an answer to wipe
        say("ja")
    taken = nl.ORGANISATION_TAKEN.format(name="Dienst Uitvoering Onderwijs (DUO)")
    assert any(text.startswith(taken) for text in say("duo"))


def test_a_chat_answer_with_control_characters_still_gives_a_word_document(  # type: ignore[no-untyped-def]
    chat_site, small_matcher: Matcher
) -> None:
    client, db = chat_site
    assistant = Assistant(db, small_matcher, clock=lambda: NOW)
    turns: list[dict[str, str]] = [
        {"text": "/start"},
        {"text": "duo"},
        {"choice": "region:oost"},
        {"text": "Onze laptops krijgen updates pas weken te laat \x1b[31mrood\x1b[0m"},
        {"text": "De servers ook, al maanden; we hebben WSUS geprobeerd"},
        {"choice": "similar:new"},
        {"text": "We willen dat updates binnen een week op alle laptops staan"},
        {"text": "IT-afdeling en medewerkers"},
        {"text": "Logboeken van WSUS"},
        {"text": "Binnen een half jaar"},
        {"choice": "form:afstudeeropdracht"},
        {"choice": "level:hbo"},
        {"choice": "review:submit"},
    ]
    for turn in turns:
        assistant.handle(Incoming(channel="web", user_ref="w1", **turn))
    (draft_id,) = [row[0] for row in db.execute("SELECT id FROM drafts")]
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW)
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    client.get(f"/login/{token}")
    response = client.get(f"/drafts/{draft_id}/docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


# -- broker forms ----------------------------------------------------------------------------

TEXT_FIELDS = ("title", "main_question", "background", "objective", "scope")
LIST_FIELDS = ("sub_questions", "deliverables", "constraints")


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_every_draft_field_stores_what_was_typed_or_refuses_cleanly(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db, csrf = broker
    for field in TEXT_FIELDS + LIST_FIELDS:
        before = intakes.get_draft(db, DRAFT_ID).draft
        response = client.post(f"/drafts/{DRAFT_ID}/edit", data={"csrf": csrf, field: value})
        stored = intakes.get_draft(db, DRAFT_ID).draft
        if CONTROL.search(value):
            assert response.status_code == 409 and "stuurtekens" in shown_error(response.text)
            assert stored == before
        elif field in ("title", "main_question") and not value.strip():
            assert response.status_code == 409 and "mogen niet leeg zijn" in shown_error(response.text)
            assert stored == before
        else:
            assert response.status_code == 303, (field, shown_error(response.text))
            lines = [line.strip() for line in value.splitlines() if line.strip()]
            assert stored[field] == (lines if field in LIST_FIELDS else value.strip()), field
    page = client.get(f"/drafts/{DRAFT_ID}")
    assert page.status_code == 200
    assert_escaped(page.text)
    assert client.get(f"/drafts/{DRAFT_ID}/docx").status_code == 200


def test_a_field_label_names_the_refused_field(broker) -> None:  # type: ignore[no-untyped-def]
    client, _, csrf = broker
    refused = client.post(f"/drafts/{DRAFT_ID}/edit", data={"csrf": csrf, "scope": "a\x00b"})
    assert refused.status_code == 409 and shown_error(refused.text).startswith("Afbakening:")
    upload = client.post(
        f"/drafts/{DRAFT_ID}/edit", data={"csrf": csrf}, files={"scope": ("s.txt", b"x", "text/plain")}
    )
    assert upload.status_code == 409 and shown_error(upload.text) == "Afbakening: verwacht tekst."


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_request_changes_keeps_the_question_as_typed(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db, csrf = broker
    response = client.post(f"/drafts/{DRAFT_ID}/request-changes", data={"csrf": csrf, "question": value})
    state = intakes.get_draft(db, DRAFT_ID).state
    if not value.strip():
        assert response.status_code == 409 and "Schrijf de vraag" in shown_error(response.text)
    elif CONTROL.search(value):
        assert response.status_code == 409 and "stuurtekens" in shown_error(response.text)
    elif len(value.strip()) > 2000:
        assert response.status_code == 409 and "te lang" in shown_error(response.text)
    else:
        assert response.status_code == 303
        assert state == "changes_requested"
        assert intakes.events_of(db, DRAFT_ID)[-1].comment == value.strip()
        assert_escaped(client.get(f"/drafts/{DRAFT_ID}").text)
        return
    assert state == "submitted"
    assert_escaped(response.text)


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_reject_with_any_explanation_or_a_bogus_reason(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db, csrf = broker
    bogus = client.post(f"/drafts/{DRAFT_ID}/reject", data={"csrf": csrf, "reason": value, "text": "x", "confirm": "1"})
    assert bogus.status_code == 409 and "Kies een reden" in shown_error(bogus.text)
    response = client.post(
        f"/drafts/{DRAFT_ID}/reject", data={"csrf": csrf, "reason": "anders", "text": value, "confirm": "1"}
    )
    state = intakes.get_draft(db, DRAFT_ID).state
    if CONTROL.search(value) or len(value.strip()) > 2000:
        assert response.status_code == 409 and shown_error(response.text).startswith("Toelichting:")
        assert state == "submitted"
    else:
        assert response.status_code == 303 and state == "rejected"
        assert intakes.events_of(db, DRAFT_ID)[-1].comment == f"anders: {value.strip()}".rstrip(": ")
    assert_escaped(client.get(f"/drafts/{DRAFT_ID}").text)


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_bogus_group_ids_change_nothing(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db, csrf = broker
    events = len(intakes.events_of(db, DRAFT_ID))
    added = client.post(f"/drafts/{DRAFT_ID}/groups/add", data={"csrf": csrf, "group_id": value})
    assert added.status_code == 409 and "Kies een bestaande onderzoeksgroep" in shown_error(added.text)
    removed = client.post(f"/drafts/{DRAFT_ID}/groups/remove", data={"csrf": csrf, "group_id": value, "confirm": "1"})
    assert removed.status_code == 409 and "staat niet bij de voorgestelde groepen" in shown_error(removed.text)
    matched = client.post(f"/drafts/{DRAFT_ID}/match", data={"csrf": csrf, "suggestion_id": value})
    assert matched.status_code == 409
    assert intakes.get_draft(db, DRAFT_ID).draft["suggested_groups"] == DRAFT["suggested_groups"]
    assert len(intakes.events_of(db, DRAFT_ID)) == events  # no audit entries for things that did not happen


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_queue_filters_take_any_text(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = broker
    pages = {name: client.get("/queue", params={name: value}) for name in ("organisation", "state", "region", "theme")}
    for page in pages.values():
        assert page.status_code == 200 and "Wachtrij regio" in page.text
        assert_escaped(page.text)
    shown = escape(value.strip()[:100])  # the organisation filter is shown back as typed
    assert f'name="organisation" value="{shown}"' in pages["organisation"].text


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_bogus_draft_ids_in_the_address_are_not_found(broker, value: str) -> None:  # type: ignore[no-untyped-def]
    client, _, csrf = broker
    path = quote(value, safe="")
    for response in (
        client.get(f"/drafts/{path}"),
        client.get(f"/drafts/{path}/docx"),
        client.post(f"/drafts/{path}/approve", data={"csrf": csrf}),
    ):
        assert response.status_code == 404 and "Niet gevonden" in response.text
        assert_escaped(response.text)


def test_an_oversized_form_is_refused_as_too_large_not_as_expired(broker) -> None:  # type: ignore[no-untyped-def]
    client, db, csrf = broker
    response = client.post(f"/drafts/{DRAFT_ID}/edit", data={"csrf": csrf, "background": "x" * 70_000})
    assert response.status_code == 413 and "te groot" in response.text and "verlopen" not in response.text
    assert intakes.get_draft(db, DRAFT_ID).draft["background"] == DRAFT["background"]


def test_a_wrong_method_gets_a_page_not_a_bare_error(broker) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = broker
    response = client.get(f"/drafts/{DRAFT_ID}/approve")
    assert response.status_code == 405 and "Vraagwijzer" in response.text


# -- the institution answer page -------------------------------------------------------------


def suggest(db: Database, draft_id: str = DRAFT_ID) -> tuple[str, str]:
    """Approve a draft (submitting it first when new) and suggest it to one group:
    (the link's token, the CSRF token of its page)."""
    if draft_id != DRAFT_ID:
        submit_draft(db, draft_id)
    rijk, ho = review.broker_by_email(db, "rijk@oost.nl"), review.broker_by_email(db, "ho@oost.nl")
    review.approve(db, draft_id, rijk, NOW)
    review.approve(db, draft_id, ho, NOW)
    ((_, token),) = suggestions.send_suggestions(db, draft_id, rijk, ["grp-saxion-cyber"], NOW, b"test-secret")
    return token, hashlib.sha256(f"s:{token}".encode()).hexdigest()[:32]


def match(db: Database, draft_id: str, token: str) -> None:
    found = suggestions.answer(db, token, "interested", {"proposed_start": "feb", "contact_name": "bureau"}, NOW)
    suggestions.confirm_match(db, draft_id, review.broker_by_email(db, "rijk@oost.nl"), found.id, NOW)


@pytest.fixture
def suggestion(site: tuple[TestClient, Database]) -> tuple[TestClient, Database, str, str]:
    """An approved draft suggested to one group: (client, db, token, the page's CSRF token)."""
    client, db = site
    return client, db, *suggest(db)


# (kind, field, longest text, must not be empty)
ANSWER_FIELDS = [
    ("interested", "proposed_start", 100, True),
    ("interested", "contact_name", 100, True),
    ("interested", "text", 2000, False),
    ("decline", "text", 2000, False),
    ("question", "text", 2000, True),
]


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_institution_answers_store_what_was_typed_or_refuse_cleanly(site, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db = site
    for n, (kind, field, limit, required) in enumerate(ANSWER_FIELDS):
        token, csrf = suggest(db, f"VW-2026-ANS{n:03d}")  # a fresh link per answer: one answer closes it
        data = {"csrf": csrf, "kind": kind, "proposed_start": "feb 2027", "contact_name": "bureau", "reason": "anders"}
        response = client.post(f"/s/{token}", data={**data, field: value})
        found = suggestions.suggestion_by_token(db, token)
        typed = value.strip()
        if CONTROL.search(value) or len(typed) > limit:
            assert response.status_code == 409 and re.search("stuurtekens|te lang", shown_error(response.text))
            assert found.state == "sent"
        elif required and not typed:
            assert response.status_code == 409 and shown_error(response.text), (kind, field)
            assert found.state == "sent"
        else:
            assert response.status_code == 200 and "antwoord is ontvangen" in response.text, (kind, field)
            assert getattr(found, field) == typed
        assert_escaped(response.text)
        assert_escaped(client.get(f"/s/{token}/groep").text)


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_a_decline_reason_must_be_one_of_the_list(suggestion, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db, token, csrf = suggestion
    response = client.post(f"/s/{token}", data={"csrf": csrf, "kind": "decline", "reason": value})
    assert response.status_code == 409 and "Kies een reden" in shown_error(response.text)
    other = client.post(f"/s/{token}", data={"csrf": csrf, "kind": value, "text": "x"})
    assert other.status_code == 409 and "Onbekend antwoord" in shown_error(other.text)
    assert suggestions.suggestion_by_token(db, token).state == "sent"


@pytest.fixture
def matched(suggestion: tuple[TestClient, Database, str, str]) -> tuple[TestClient, Database, str, str]:
    client, db, token, csrf = suggestion
    match(db, DRAFT_ID, token)
    return client, db, token, csrf


@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_the_outcome_form_checks_each_field(site, value: str) -> None:  # type: ignore[no-untyped-def]
    client, db = site
    typed = value.strip()
    expected_ok = {
        "summary": bool(typed) and len(typed) <= 2000 and not CONTROL.search(value),
        "link": len(typed) <= 500 and not CONTROL.search(value),
        "date": not typed,  # no text of the corpus is a date; an empty date means today
    }
    for n, (field, ok) in enumerate(expected_ok.items()):
        draft_id = f"VW-2026-OUT{n:03d}"
        token, csrf = suggest(db, draft_id)
        match(db, draft_id, token)
        data = {"csrf": csrf, "kind": "outcome", "summary": "Prototype opgeleverd", "link": "", "date": "2027-06-30"}
        response = client.post(f"/s/{token}", data={**data, field: value})
        state = intakes.get_draft(db, draft_id).state
        if ok:
            assert response.status_code == 200, (field, shown_error(response.text))
            assert state == "completed"
            outcome = catalog.assignments(db)[f"asg-{draft_id.lower()}"].outcome
            assert outcome.startswith(typed if field == "summary" else "Prototype opgeleverd")
        else:
            assert response.status_code == 409 and shown_error(response.text), field
            assert state == "matched"
        assert_escaped(response.text)


@pytest.mark.parametrize("date", ["abcd", "2027-13-45", "0000-01-01", "-1", "9999-12-31", "20270630", "2027-6-3"])
def test_the_outcome_date_must_be_a_real_date(matched, date: str) -> None:  # type: ignore[no-untyped-def]
    client, db, token, csrf = matched
    response = client.post(f"/s/{token}", data={"csrf": csrf, "kind": "outcome", "summary": "Klaar", "date": date})
    assert response.status_code == 409 and "JJJJ-MM-DD" in shown_error(response.text)
    assert intakes.get_draft(db, DRAFT_ID).state == "matched"


def test_the_brokers_complete_form_checks_the_date_too(matched) -> None:  # type: ignore[no-untyped-def]
    client, db, _, _ = matched
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    client.get(f"/login/{token}")
    csrf = CSRF.search(client.get(f"/drafts/{DRAFT_ID}").text)
    assert csrf
    data = {"csrf": csrf.group(1), "summary": "Klaar", "date": "../../"}
    refused = client.post(f"/drafts/{DRAFT_ID}/complete", data=data)
    assert refused.status_code == 409 and "JJJJ-MM-DD" in shown_error(refused.text)
    done = client.post(f"/drafts/{DRAFT_ID}/complete", data={**data, "date": "2027-06-30"})
    assert done.status_code == 303 and intakes.get_draft(db, DRAFT_ID).state == "completed"


BOGUS_TOKENS = [
    *CORPUS_PARAMS,
    pytest.param("A" * 5000, id="huge"),
    pytest.param("ünïcødé∂-tøkén", id="unicode"),
    pytest.param("..%2F..%2Fqueue", id="encoded-traversal"),
]


@pytest.mark.parametrize("value", BOGUS_TOKENS)
def test_bogus_institution_links_are_not_found(suggestion, value: str) -> None:  # type: ignore[no-untyped-def]
    client, _, token, _ = suggestion
    path = quote(value, safe="")
    responses = [
        client.get(f"/s/{path}"),
        client.get(f"/s/{path}/groep"),
        client.post(f"/s/{path}", data={"csrf": "x", "kind": "question", "text": "x"}),
    ]
    if path:
        responses.append(client.get(f"/s/{token}{path}"))  # the real token with something appended
    for response in responses:
        assert response.status_code == 404 and "Niet gevonden" in response.text
        assert_escaped(response.text)


# -- import files ----------------------------------------------------------------------------

HEADER = "id,name,short_name,type,city,province\n"
GOOD_ROW = "ut,Universiteit Twente,UT,wo,Enschede,Overijssel\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(dict.fromkeys(k for row in rows for k in row)), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def institution_row(**over: str) -> dict[str, str]:
    return {"id": "hu", "name": "Hogeschool Utrecht", "type": "hbo", "province": "Utrecht", **over}


BAD_FILES = [
    pytest.param("i.csv", (HEADER + GOOD_ROW + "hu,Caf\xe9,HU,hbo,Utrecht,Utrecht\n").encode("latin-1"),
                 "geen UTF-8 tekst (regel 3", id="latin-1"),
    pytest.param("i.csv", (HEADER + GOOD_ROW).encode("utf-16"), "geen UTF-8 tekst (regel 1", id="utf-16"),
    pytest.param("i.csv", b"", "bevat geen rijen", id="empty-csv"),
    pytest.param("i.json", b"", "geen geldige JSON", id="empty-json"),
    pytest.param("i.json", b"[]", "bevat geen rijen", id="empty-list"),
    pytest.param("i.csv", HEADER.encode(), "geen rijen onder de kopregel", id="only-headers"),
    pytest.param("i.csv", b" \n\n", "geen rijen", id="only-blank-lines"),
    pytest.param("i.csv", (HEADER + GOOD_ROW + "hu,H\x00U,HU,hbo,Utrecht,Utrecht\n").encode(),
                 "nul-tekens (regel 3)", id="null-byte-csv"),
    pytest.param("i.csv", (HEADER + GOOD_ROW + "hu," + "x" * 200_000 + ",HU,hbo,Utrecht,Utrecht\n").encode(),
                 "regel 3: een cel is veel te groot", id="cell-above-csv-limit"),
    pytest.param("i.json", b"[" * 100_000 + b"]" * 100_000, "te diep genest", id="deep-json"),
    pytest.param("i.json", b'{"records": 5}', "verwacht een lijst", id="json-not-a-list"),
    pytest.param("i.xlsx", b"PK\x03\x04", "onbekend bestandstype", id="spreadsheet"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_unreadable_import_files_get_one_plain_reason(
    db: Database, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(db, "institutions", path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    assert catalog.count(db, "institutions") == 0


BAD_ROWS = [
    pytest.param({"name": "x" * 10_000}, "rij 3, veld name: is te lang (10000 tekens, hooguit 300)", id="10k-name"),
    pytest.param({"id": "h" * 10_000}, "rij 3, veld id: moet een korte code", id="10k-id"),
    pytest.param({"id": "h\u200bu"}, "rij 3, veld id: moet een korte code zonder spaties of onzichtbare", id="zw-id"),
    pytest.param({"id": "\u202ehu"}, "rij 3, veld id: moet een korte code", id="rtl-id"),
    pytest.param({"city": "Utrecht\x1b[0m"}, "rij 3, veld city: bevat onzichtbare stuurtekens", id="escape"),
    pytest.param({"type": "mbo"}, "rij 3, veld type: onbekend type mbo", id="unknown-type"),
    pytest.param({"province": "Atlantis"}, "rij 3, veld rij: region: onbekende regio", id="unknown-province"),
]


@pytest.mark.parametrize(("over", "message"), BAD_ROWS)
def test_a_bad_cell_names_file_row_and_field_and_imports_nothing(
    db: Database, tmp_path: Path, over: dict[str, str], message: str
) -> None:
    path = write(tmp_path / "i.csv", csv_text(institution_row(id="ut", name="Twente"), institution_row(**over)))
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(db, "institutions", path)
    assert "er is niets geïmporteerd" in str(caught.value)
    assert [p for p in caught.value.problems if p.startswith(f"{path}, {message}")], caught.value.problems
    assert catalog.count(db, "institutions") == 0  # not even the good first row


def test_ten_thousand_characters_of_description_are_refused_with_the_field(small_db: Database, tmp_path: Path) -> None:
    rows = [
        {
            "id": "g1",
            "name": "Lab",
            "institution_id": "saxion",
            "themes": "ai",
            "forms": "minor",
            "description": "x" * 10_000,
        }
    ]
    with pytest.raises(ImportFileError) as caught:
        transfer.import_file(small_db, "groups", write(tmp_path / "g.json", json.dumps(rows)))
    assert caught.value.problems == [
        f"{tmp_path / 'g.json'}, rij 1, veld description: is te lang (10000 tekens, hooguit 5000)"
    ]


@pytest.mark.parametrize("suffix", ["csv", "json"])
@pytest.mark.parametrize("value", CORPUS_PARAMS)
def test_any_text_in_a_name_cell_is_imported_as_typed_or_refused_with_row_and_field(  # type: ignore[no-untyped-def]
    db: Database, tmp_path: Path, value: str, suffix: str
) -> None:
    rows = [institution_row(id="ut", name="Twente"), institution_row(name=value)]
    path = tmp_path / f"i.{suffix}"
    write(path, csv_text(*rows) if suffix == "csv" else json.dumps(rows))
    try:
        written = transfer.import_file(db, "institutions", path)
    except ImportFileError as error:
        reason = " ".join([str(error), *error.problems])
        assert CONTROL.search(value) or not value.strip() or len(value) > 300, reason
        assert (
            f"{path}, rij {3 if suffix == 'csv' else 2}, veld name:" in reason
            or ("nul-tekens" in reason and suffix == "csv")  # the raw file is refused as a whole
        )
        assert catalog.count(db, "institutions") == 0
        return
    assert written == 2
    assert catalog.get_record(db, "institutions", "hu").name == value.strip()  # type: ignore[union-attr]


def test_a_byte_order_mark_is_not_part_of_the_first_column(db: Database, tmp_path: Path) -> None:
    transfer.import_file(db, "institutions", write(tmp_path / "i.csv", b"\xef\xbb\xbf" + (HEADER + GOOD_ROW).encode()))
    rows = [{"id": "hu", "name": "HU", "type": "hbo", "province": "Utrecht"}]
    transfer.import_file(db, "institutions", write(tmp_path / "i.json", b"\xef\xbb\xbf" + json.dumps(rows).encode()))
    assert sorted(catalog.institutions(db)) == ["hu", "ut"]


def test_file_names_with_spaces_unicode_and_dots_work(db: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "map met spaties" / "ïnstellingen 🙂 (kopie).csv", HEADER + GOOD_ROW)
    (tmp_path / "werk").mkdir()
    monkeypatch.chdir(tmp_path / "werk")
    relative = Path("..") / "map met spaties" / "ïnstellingen 🙂 (kopie).csv"
    assert transfer.import_file(db, "institutions", relative) == 1


@pytest.mark.parametrize(
    ("target", "message"),
    [(".", "dit is een map, geen bestand"), ("nergens/../../nope.csv", "het bestaat niet"), ("", "dit is een map")],
)
def test_a_folder_or_a_missing_file_is_one_plain_reason(
    db: Database, tmp_path: Path, monkeypatch, target: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImportFileError, match=f"kan het bestand niet lezen \\({message}"):
        transfer.import_file(db, "institutions", Path(target))


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x")']


def test_csv_exports_neutralise_every_formula_prefix(small_db: Database) -> None:
    for n, formula in enumerate(FORMULAS):
        organisation = builders.organisation(id=f"org{n}", name=formula, short_name=formula, city=formula)
        catalog.save_records(small_db, "organisations", [organisation])
    group = builders.group(id="grp-formula", name=FORMULAS[0], keywords=(FORMULAS[1], "gewoon"))
    catalog.save_records(small_db, "groups", [group])
    for kind in ("organisations", "groups"):
        cells = [
            cell for row in csv.reader(io.StringIO(transfer.export_records(small_db, kind, "csv"))) for cell in row
        ]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert {f"'{formula}" for formula in FORMULAS} <= set(
        cell
        for row in csv.reader(io.StringIO(transfer.export_records(small_db, "organisations", "csv")))
        for cell in row
    )
    exported = json.loads(transfer.export_records(small_db, "organisations", "json"))
    assert {r["name"] for r in exported} >= set(FORMULAS)  # JSON keeps the text exactly


# -- the command line ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-var")


@pytest.fixture
def vraagwijzer(
    cli_data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., tuple[int, str, str]]]:
    """Run `vraagwijzer ARGS` in this process (the fake encoder instead of the model):
    returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("VRAAGWIJZER_DATA_DIR", str(cli_data_dir))
    monkeypatch.setattr(wiring, "assemble", partial(wiring.assemble, encoder=FakeEncoder()))
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin or ""))
        capsys.readouterr()
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as exit:
            code = int(exit.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    root.handlers[:] = handlers
    root.setLevel(level)


def assert_one_dutch_line(result: tuple[int, str, str], fragment: str) -> None:
    code, _, err = result
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"{nl.ERROR_PREFIX}: ") and fragment in lines[0], err


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "🙂🔥👍🏽", "\u200b\u200c"])
def test_match_without_words_is_one_line(vraagwijzer, text: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_dutch_line(vraagwijzer("match", text), "Geef een omschrijving")


@pytest.mark.parametrize("value", [v for v in CORPUS_PARAMS if str(v.values[0]).strip("\t\n\u00a0\u3000 ")])
def test_match_answers_any_other_text(vraagwijzer, value: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = vraagwijzer("match", value, "--json")
    assert "Traceback" not in err
    if code == 1:  # nothing left to search for once emoji and invisible characters are gone
        assert_one_dutch_line((code, out, err), "Geef een omschrijving")
    else:
        assert code == 0 and json.loads(out)["groups"]


def test_match_batch_with_null_bytes_and_junk_lines(vraagwijzer) -> None:  # type: ignore[no-untyped-def]
    lines = [
        json.dumps({"id": "a", "text": "du\u0000o updates"}),
        json.dumps({"id": "b", "text": "\u0000"}),
        json.dumps({"id": "c", "text": "updates " * 1250}),
        "\u0000{kapot",
        json.dumps(["geen", "object"]),
    ]
    code, out, err = vraagwijzer("match", "--batch", "-", stdin="\n".join(lines) + "\n")
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in results] == ["a", "b", "c", None, None]
    assert results[0]["groups"] and results[2]["groups"]
    assert all("error" in results[i] for i in (1, 3, 4))
    assert code == 1 and "3 regel(s)" in err and "Traceback" not in err


OPTION_VALUES = ["", "noord", "<script>", "../../etc", "oost; DROP TABLE", "🙂", "x" * 10_000]


@pytest.mark.parametrize("value", OPTION_VALUES, ids=["leeg", "onbekend", "script", "pad", "sql", "emoji", "10000"])
@pytest.mark.parametrize("option", ["--region", "--form", "--level"])
def test_unknown_filter_values_are_a_usage_error(vraagwijzer, option: str, value: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = vraagwijzer("match", "updates", option, value)
    assert code == 2 and "Traceback" not in err
    assert f"'{option}'" in err  # names the option (and, in click's words, the choices)


@pytest.mark.parametrize("k", ["0", "-1", "51", "99999999999999999999999", "abc", "", "1e3"])
def test_k_out_of_range_is_a_usage_error(vraagwijzer, k: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = vraagwijzer("match", "updates", "-k", k)
    assert code == 2 and "'-k'" in err and "Traceback" not in err


def test_usage_errors_are_one_dutch_line(vraagwijzer) -> None:  # type: ignore[no-untyped-def]
    code, _, err = vraagwijzer("match", "updates", "--region", "noord")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Ongeldige waarde" in err


@pytest.mark.parametrize("value", [*CORPUS_PARAMS, pytest.param("VW-2026-NOPE", id="bijna-echt")])
def test_drafts_show_with_a_bogus_id_is_one_line(vraagwijzer, value: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_dutch_line(vraagwijzer("drafts", "show", value), "bestaat niet")
    assert_one_dutch_line(vraagwijzer("drafts", "show", value, "--json"), "bestaat niet")


@pytest.mark.parametrize("email", ["", "   ", "geen-adres", "twee woorden@x.nl", "@oost.nl", "makelaar@"])
def test_brokers_add_refuses_what_is_no_address(vraagwijzer, email: str) -> None:  # type: ignore[no-untyped-def]
    result = vraagwijzer("brokers", "add", "--name", "A", "--email", email, "--region", "oost", "--side", "ho")
    assert_one_dutch_line(result, "is geen e-mailadres")


@pytest.mark.parametrize("email", ["<script>@oost.nl", "a@@oost.nl", "makelaar@oost"])
def test_brokers_add_refuses_malformed_addresses(vraagwijzer, email: str) -> None:  # type: ignore[no-untyped-def]
    result = vraagwijzer("brokers", "add", "--name", "A", "--email", email, "--region", "oost", "--side", "ho")
    assert_one_dutch_line(result, "is geen e-mailadres")


@pytest.mark.parametrize(
    ("problem", "fragment"),
    [("", "problem: mag niet leeg zijn"), ("  ", "mag niet leeg zijn"), ("🙂🔥", "mag niet leeg zijn"),
     ("du\u0000o", "problem: bevat onzichtbare stuurtekens"), (None, "problem: ontbreekt")],
)  # fmt: skip
def test_draft_from_stdin_refuses_an_empty_or_broken_problem(vraagwijzer, problem: str | None, fragment: str) -> None:  # type: ignore[no-untyped-def]
    intake = {"organisation": "DUO"} | ({} if problem is None else {"problem": problem})
    assert_one_dutch_line(vraagwijzer("draft", "--no-match", stdin=json.dumps(intake)), fragment)
    assert_one_dutch_line(vraagwijzer("draft", "--no-match", stdin="[" * 5000), "geen geldige JSON")


def test_import_problems_are_one_line_plus_the_list(vraagwijzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = write(tmp_path / "map met spaties" / "grœpen.csv", "id,name\n" + "g1," + "x" * 10_000 + "\n")
    code, _, err = vraagwijzer("import", "groups", str(bad))
    lines = err.splitlines()
    assert code == 1 and "Traceback" not in err
    assert lines[0] == f"{nl.ERROR_PREFIX}: {bad}: 4 probleem/problemen gevonden; er is niets geïmporteerd"
    assert f"  - {bad}, rij 2, veld name: is te lang (10000 tekens, hooguit 300)" in lines
    for folder in (str(tmp_path), "", "../../../../nonexistent/../nope.csv"):
        assert_one_dutch_line(vraagwijzer("import", "groups", folder), "kan het bestand niet lezen")
    empty = write(tmp_path / "leeg.csv", "id,name,institution_id,themes,forms\n")
    assert_one_dutch_line(vraagwijzer("import", "groups", str(empty)), "bevat geen rijen")


@pytest.mark.parametrize("target", ["nergens/map/groepen.csv", "nergens/groepen.json"])
def test_export_to_a_missing_folder_is_one_line(vraagwijzer, tmp_path: Path, target: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_dutch_line(vraagwijzer("export", "groups", str(tmp_path / target)), "de map bestaat niet")
    docx = str(write(tmp_path / "geen-map", "een bestand") / "vraag.docx")
    intake = json.dumps({"organisation": "DUO", "problem": "Burgers bellen veel over hun brief"})
    assert_one_dutch_line(vraagwijzer("draft", "--no-match", "--docx", docx, stdin=intake), "pad is geen map")


def test_a_real_process_shows_no_traceback_for_bad_files(tmp_path: Path) -> None:
    """The same checks once through a real `python -m bot.cli`, as a user runs it."""
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path / "var")}
    latin = write(tmp_path / "inst ïtüt.csv", (HEADER + "hu,Caf\xe9,HU,hbo,Utrecht,Utrecht\n").encode("latin-1"))
    for args, fragment in (
        (("import", "institutions", str(latin)), "geen UTF-8 tekst (regel 2"),
        (("export", "groups", str(tmp_path / "nergens" / "g.csv")), "de map bestaat niet"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, env=env, check=False, timeout=120
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"{nl.ERROR_PREFIX}: ") and fragment in result.stderr
