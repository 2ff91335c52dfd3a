"""The public pages (privacy, accessibility, a research group's suggestion and group pages) as
their visitors read them: their own header and a footer, texts true to who sees what, three
separate choices, the answer shown back in Dutch, no internal numbers or placeholders, a real
contact; and the mails to groups and brokers in words a person writes."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot import texts
from bot.workflow import Workflow
from knowledge import intakes, review, sessions
from tests.support import builders
from tests.support.dashboard import NOW
from tests.support.ports import serving
from tests.support.site import suggest

nl, en = texts.nl, texts.en
DRAFT_ID = "VW-2026-PUB001"
GROUP = "grp-saxion-cyber"
SECRET = b"test-secret"
WHY = ["thema's: cybersecurity", "capaciteit: nog 3 opdrachten dit semester", "geen capaciteit meer dit semester"]


@dataclass
class Mails:
    """A mailer as small as the workflow needs: what was sent, in order."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))

    def retry_pending(self) -> None:
        pass

    def take(self) -> list[tuple[str, str, str]]:
        taken, self.sent = self.sent, []
        return taken


@dataclass
class Public:
    client: TestClient
    db: Database
    workflow: Workflow
    mails: Mails


@pytest.fixture
def public(small_db: Database) -> Iterator[Public]:
    from web.app import create_app

    db = small_db
    draft = builders.draft_document(
        sub_questions=["Hoe ziet het nu uit?", "Wat staat op https://example.org/" + "lang" * 30 + "?"],
        background="Bel de servicedesk op [telefoonnummer] of mail [e-mailadres]; [naam] weet ervan.",
        suggested_groups=[{"id": GROUP, "name": "Lectoraat Cyber Resilience", "why": WHY}],
    )
    intakes.submit_draft(db, builders.submitted_draft(id=DRAFT_ID, draft=draft))
    for name, email, region, side in (
        ("Rijk Oost", "rijk@oost.nl", "oost", "rijk"),
        ("HO Oost", "ho@oost.nl", "oost", "ho"),
        ("HO West", "ho@west.nl", "west", "ho"),
    ):
        review.add_broker(db, name=name, email=email, region=region, side=side, now=NOW)
    mails = Mails()
    workflow = Workflow(db, clock=lambda: NOW, lock=threading.RLock(), mailer=mails, secret=SECRET)  # type: ignore[arg-type]
    with TestClient(create_app(db, workflow=workflow), follow_redirects=False) as client:
        yield Public(client, db, workflow, mails)


def suggested(public: Public) -> str:
    """Approve the draft by both sides and send it to the Saxion group; returns the link token."""
    return suggest(public.db, public.workflow, DRAFT_ID, GROUP)


def csrf_of(token: str) -> str:
    return hashlib.sha256(f"s:{token}".encode()).hexdigest()[:32]


def header(page: str) -> str:
    return re.search(r"<header.*?</header>", page, re.S).group(0)  # type: ignore[union-attr]


def footer(page: str) -> str:
    return re.search(r"<footer.*?</footer>", page, re.S).group(0)  # type: ignore[union-attr]


# -- header and footer ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/privacy", "/toegankelijkheid", "/nope", "/queue"])
def test_public_pages_have_their_own_header_and_a_footer(public: Public, path: str) -> None:
    page = public.client.get(path).text
    top = header(page)
    assert "Vraagwijzer" in top
    assert "kennismakelaars" not in top and "/queue" not in top and "Uitloggen" not in top
    bottom = footer(page)
    assert 'href="/privacy"' in bottom and 'href="/toegankelijkheid"' in bottom
    assert f'href="mailto:{nl.CONTACT_ADDRESS}"' in bottom


def test_the_institution_pages_have_the_public_header_and_footer(public: Public) -> None:
    token = suggested(public)
    for path in (f"/s/{token}", f"/s/{token}/groep"):
        page = public.client.get(path).text
        assert "kennismakelaars</span>" not in header(page) and "/queue" not in header(page)
        assert 'href="/toegankelijkheid"' in footer(page)


def test_brokers_keep_their_own_header(public: Public) -> None:
    token = sessions.create_login_token(public.db, review.broker_by_email(public.db, "rijk@oost.nl"), NOW)
    assert public.client.get(f"/login/{token}").status_code == 303
    for path in ("/queue",):
        top = header(public.client.get(path).text)
        assert "kennismakelaars" in top and 'href="/queue"' in top and "Uitloggen" in top and "Rijk Oost" in top


# -- privacy and accessibility -------------------------------------------------------------------
def test_the_accessibility_statement_says_what_was_tested_what_fails_and_how_to_report(public: Public) -> None:
    page = public.client.get("/toegankelijkheid")
    assert page.status_code == 200
    text = page.text
    assert re.search(r"<h1[^>]*>Toegankelijkheidsverklaring</h1>", text)
    assert "WCAG 2.1 niveau AA" in text and "toetsenbord" in text and "schermlezer" in text
    assert "Wat we nog niet goed doen" in text
    assert "Een probleem melden" in text and f"Mail ons op {nl.CONTACT_ADDRESS}" in text


@pytest.mark.parametrize("language", [nl, en])
def test_the_privacy_text_says_who_sees_what_how_long_and_how_to_delete(language: Any) -> None:
    privacy = language.PRIVACY
    if language is nl:
        assert "alleen de kennismakelaars van uw regio" not in privacy
        for part in ("duo kennismakelaars van uw regio", "alle regio's", "Onderzoeksgroepen", "zonder uw naam"):
            assert part in privacy
        assert "/verwijder" in privacy and "export" in privacy
    else:
        assert "only the knowledge brokers of your region" not in privacy
        for part in ("broker pair of your region", "all regions", "Research groups", "without your name"):
            assert part in privacy
        assert "/delete" in privacy and "export" in privacy
    assert "VRAAGWIJZER_RETENTION_DAYS" in privacy and "90" in privacy


def test_the_privacy_page_shows_the_true_text(public: Public) -> None:
    page = public.client.get("/privacy").text
    assert "Kennismakelaars van alle regio" in page and "Onderzoeksgroepen die de kennismakelaars kiezen" in page


# -- the institution's page ----------------------------------------------------------------------
def test_the_three_choices_are_separate_fieldsets_with_their_own_fields(public: Public) -> None:
    token = suggested(public)
    page = public.client.get(f"/s/{token}").text
    forms = re.findall(r"<form[^>]*>.*?</form>", page, re.S)
    answers = [f for f in forms if 'name="kind"' in f]
    legends = [re.search(r"<legend[^>]*>(.*?)</legend>", f).group(1) for f in answers]  # type: ignore[union-attr]
    assert legends == ["Interesse", "Niet voor ons", "Vraag stellen"]
    interested, decline, question = answers
    assert 'value="interested"' in interested and 'name="proposed_start"' in interested
    assert 'name="contact_name"' in interested and 'name="reason"' not in interested
    assert 'value="decline"' in decline and 'name="reason"' in decline and 'name="proposed_start"' not in decline
    assert 'value="question"' in question and 'name="text"' in question and 'name="reason"' not in question
    for form in answers:
        assert form.count("<fieldset") == 1 and "aria-describedby" in form


def test_a_group_reads_no_capacity_numbers_and_no_placeholders(public: Public) -> None:
    token = suggested(public)
    for path in (f"/s/{token}", f"/s/{token}/groep"):
        page = public.client.get(path).text
        assert "nog 3 opdrachten" not in page and "geen capaciteit meer" not in page
        assert "[e-mailadres]" not in page and "[telefoonnummer]" not in page and "[naam]" not in page
    page = public.client.get(f"/s/{token}").text
    assert "thema&#39;s: cybersecurity" in page  # the other reasons stay
    assert "Bel de servicedesk op (weggelaten) of mail (weggelaten); (weggelaten) weet ervan." in page
    (mail,) = [m for m in public.mails.take() if m[0] == "cyber@saxion.example"]
    assert "capaciteit" not in mail[2] and "thema's: cybersecurity" in mail[2]
    assert "(weggelaten)" not in mail[2]  # the mail carries the title and main question, which have none here


def test_the_contact_is_the_regions_brokers(public: Public) -> None:
    token = suggested(public)
    page = public.client.get(f"/s/{token}").text
    contact = re.search(r'<section class="contact".*?</section>', page, re.S).group(0)  # type: ignore[union-attr]
    assert "Noord en Oost" in contact
    for name, email in (("Rijk Oost", "rijk@oost.nl"), ("HO Oost", "ho@oost.nl")):
        assert name in contact and f'href="mailto:{email}"' in contact
    assert "ho@west.nl" not in contact


def test_the_answer_is_shown_back_in_dutch_with_what_happens_next(public: Public) -> None:
    token = suggested(public)
    answered = public.client.post(
        f"/s/{token}",
        data={"csrf": csrf_of(token), "kind": "interested", "proposed_start": "februari 2027", "contact_name": "Anna"},
    )
    assert answered.status_code == 200 and "uw antwoord is ontvangen" in answered.text
    assert "interested" not in re.sub(r'value="interested"|data-state="interested"', "", answered.text)
    assert "Uw antwoord: interesse." in answered.text
    assert "De kennismakelaars nemen contact met u op" in answered.text and "februari 2027" in answered.text
    again = public.client.get(f"/s/{token}").text
    assert "Uw antwoord: interesse." in again and 'name="kind"' not in again
    group = public.client.get(f"/s/{token}/groep").text
    assert ">interesse</td>" in group


def test_a_decline_is_shown_back_with_its_reason(public: Public) -> None:
    token = suggested(public)
    data = {"csrf": csrf_of(token), "kind": "decline", "reason": "buiten_expertise"}
    answered = public.client.post(f"/s/{token}", data=data).text
    assert "Uw antwoord: niet voor ons." in answered and "Buiten onze expertise" in answered
    assert "(declined)" not in answered


# -- mails ---------------------------------------------------------------------------------------
def test_the_suggestion_mail_greets_the_groups_colleagues(public: Public) -> None:
    suggested(public)
    (mail,) = [m for m in public.mails.take() if m[0] == "cyber@saxion.example"]
    assert mail[2].startswith("Beste collega's van Lectoraat Cyber Resilience,\n")
    assert "[e-mailadres]" not in mail[2]


def test_the_brokers_read_the_groups_answer_in_dutch(public: Public) -> None:
    token = suggested(public)
    public.mails.take()
    data = {"csrf": csrf_of(token), "kind": "interested", "proposed_start": "februari 2027", "contact_name": "Anna"}
    public.client.post(f"/s/{token}", data=data)
    mails = public.mails.take()
    assert sorted(m[0] for m in mails) == ["ho@oost.nl", "rijk@oost.nl"]
    body = mails[0][2]
    assert f"Lectoraat Cyber Resilience reageerde op {DRAFT_ID}: interesse." in body
    assert "interested" not in body and "februari 2027" in body and "Anna" in body


@pytest.mark.parametrize(
    ("contact", "greeting"),
    [("Anna de Vries", "Beste Anna de Vries,"), ("bureau@saxion.example", "Beste collega's van Lectoraat X,")],
)
def test_a_known_contact_person_is_greeted_by_name(contact: str, greeting: str) -> None:
    from bot.workflow import for_groups

    assert for_groups.salutation("Lectoraat X", contact) == greeting
    assert for_groups.salutation("Lectoraat X") == "Beste collega's van Lectoraat X,"


def test_every_suggestion_state_has_a_dutch_label() -> None:
    states = {"sent", "question", "interested", "declined", "accepted", "thanked", "no_answer"}
    assert set(nl.SUGGESTION_STATE_LABELS) == states
    assert set(nl.ANSWER_NEXT) == states - {"sent"}


# -- a phone of 320 px ---------------------------------------------------------------------------
def test_no_sideways_scrolling_at_320_px(public: Public, chromium: Any) -> None:
    """The suggestion page and the group page fit a 320 px screen (rendered from the app's HTML,
    with its style sheet, in Chromium)."""
    token = suggested(public)

    with serving(public.client.app) as base:
        page = chromium.new_context(viewport={"width": 320, "height": 640}).new_page()
        for path in (f"/s/{token}", f"/s/{token}/groep", "/toegankelijkheid", "/privacy"):
            page.goto(f"{base}{path}")
            wide = page.evaluate("document.documentElement.scrollWidth")
            shown = page.evaluate("document.documentElement.clientWidth")
            assert wide <= shown, (path, wide, shown)
