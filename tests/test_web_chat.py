"""The web chat as its users meet it: a returning civil servant hears the news and can answer."""

from __future__ import annotations

import html
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot.channels.web import WebChatChannel, step_marker
from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming
from bot.matching import Matcher
from knowledge import intakes, maintenance, review, transcripts
from tests.support.assistant import FULL_INTAKE
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.ports import free_port
from tests.support.service import RunningService, make_service, wait_http
from web.app import create_app
from web.pages.site import render

NOW = "2026-11-28T10:00:00+00:00"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
STEP = re.compile(r'name="step" value="([^"]+)"')


class Visitor:
    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.page = client.get("/chat").text
        found = CSRF.search(self.page)
        assert found
        self.csrf = found.group(1)

    @property
    def step(self) -> str:
        """The step the forms on the page answer."""
        found = STEP.search(self.page)
        assert found
        return found.group(1)

    def send(self, **data: str) -> str:
        """Send a form of the page shown, and follow the redirect to the page after it."""
        self.page = self.client.post("/chat", data={"csrf": self.csrf, "step": self.step, **data}).text
        return self.page


def to_region(visitor: Visitor) -> None:
    """Start and name the organisation (taken at once): the region question is next."""
    visitor.send(text="/start")
    visitor.send(text="duo")
    assert "In welke regio of plaats werkt u?" in visitor.page


@pytest.fixture
def chat(small_db: Database, small_matcher: Matcher) -> Iterator[tuple[Visitor, Assistant]]:
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW)
    channel = WebChatChannel(assistant, render)
    with TestClient(create_app(small_db, workflow=assistant.workflow, channels=[channel])) as client:
        yield Visitor(client), assistant


def asked_by_the_brokers(visitor: Visitor, assistant: Assistant, db: Database) -> Any:
    """A full intake submitted in the web chat; the brokers then ask "Welke laptops vallen eronder?"."""
    for how, value in FULL_INTAKE:
        visitor.send(**{how: value})
    visitor.send(choice="review:submit")
    (draft,) = review.list_drafts(db)
    broker = review.add_broker(db, name="R", email="r@oost.nl", region=draft.region, side="rijk", now=NOW)
    assistant.workflow.request_changes(broker, draft.id, "Welke laptops vallen eronder?")
    return draft


def test_a_returning_visitor_answers_the_brokers_question(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, assistant = chat
    draft = asked_by_the_brokers(visitor, assistant, small_db)
    assert intakes.get_draft(small_db, draft.id).state == "changes_requested"
    # Coming back later, the news is there at once, with its button, and opening the page changes nothing.
    for _ in range(2):
        arrived = visitor.page = visitor.client.get("/chat").text
        assert "Welke laptops vallen eronder?" in arrived and 'value="answer:' in arrived
    asked = visitor.send(choice=f"answer:{draft.id}")
    assert "Typ uw antwoord op de vraag van de kennismakelaars" in asked
    assert "Welke laptops vallen eronder?" in asked  # the question stays in view while typing
    visitor.send(text="Alle laptops van de medewerkers op kantoor")
    answered = intakes.get_draft(small_db, draft.id)
    assert answered.state == "submitted"
    assert "Alle laptops van de medewerkers op kantoor" in answered.draft["background"]
    # Seen once: the next visit does not repeat it as news; it stays once in the conversation.
    again = visitor.client.get("/chat").text
    assert again.count("Welke laptops vallen eronder?") == 1
    assert "Welke laptops vallen eronder?" not in again.split('role="log"', 1)[1]


def test_a_typed_answer_to_the_brokers_question_is_stored_without_names(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, assistant = chat
    draft = asked_by_the_brokers(visitor, assistant, small_db)
    visitor.page = visitor.client.get("/chat").text
    visitor.send(choice=f"answer:{draft.id}")
    page = visitor.send(text="Vraag het aan Jan de Vries")
    user_ref = small_db.execute("SELECT user_ref FROM chat_transcripts LIMIT 1").fetchone()[0]
    said = [m.text for m in transcripts.transcript_of(small_db, "web", user_ref) if m.side == transcripts.USER]
    assert said[-1] == "Vraag het aan [naam]"
    assert "Vries" not in " ".join(said) and "Jan de Vries" not in page


def test_the_draft_is_shown_as_a_card_with_its_main_and_sub_questions(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    for how, value in FULL_INTAKE:
        page = visitor.send(**{how: value})
    (user_ref,) = {r[0] for r in small_db.execute("SELECT user_ref FROM chat_transcripts")}
    drafted = intakes.load_conversation(small_db, "web", user_ref).pending["draft"]
    latest = page.split('role="log"', 1)[1]
    card = re.search(r'<article class="bubble draft-card".*?</article>', latest, re.S)
    assert card, "the draft is not shown as a card"
    assert [html.unescape(x) for x in re.findall(r"<strong>(.*?)</strong>", card.group(0))] == [
        drafted["main_question"]
    ]
    assert [html.unescape(x) for x in re.findall(r"<h2[^>]*>(.*?)</h2>", card.group(0))] == [drafted["title"]]
    listed = re.search(r"<ol>(.*?)</ol>", card.group(0), re.S)
    assert listed and [html.unescape(x) for x in re.findall(r"<li>(.*?)</li>", listed.group(1))] == list(
        drafted["sub_questions"]
    )
    # Stored with the turn: a reload shows the same card; the text stays for the rest.
    assert card.group(0) in visitor.client.get("/chat").text
    stored = [m for m in transcripts.transcript_of(small_db, "web", user_ref) if m.card]
    assert len(stored) == 1 and drafted["main_question"] in stored[0].text


# -- the chat as a chat: Post/Redirect/Get, the whole conversation, the step each form answers --


def test_every_post_redirects_and_get_changes_nothing(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    client = visitor.client
    posted = client.post(
        "/chat", data={"csrf": visitor.csrf, "step": visitor.step, "text": "/start"}, follow_redirects=False
    )
    assert posted.status_code == 303 and posted.headers["location"] == "/chat"
    assert "/start" not in posted.headers["location"] and not posted.text  # the answer is not in the URL
    shown = client.get("/chat").text
    assert "Bij welke rijksorganisatie werkt u?" in shown  # the replies of the last turn, kept server-side
    rows = small_db.execute("SELECT count(*) FROM chat_transcripts").fetchone()[0]
    conversation = small_db.execute("SELECT step, updated_at FROM conversations").fetchall()
    for _ in range(3):  # reloading changes nothing
        assert client.get("/chat").text == shown
    assert small_db.execute("SELECT count(*) FROM chat_transcripts").fetchone()[0] == rows
    assert small_db.execute("SELECT step, updated_at FROM conversations").fetchall() == conversation


def test_the_whole_conversation_is_shown_across_reloads_and_visits(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    to_region(visitor)
    visitor.send(choice="region:oost")
    visitor.send(text=FULL_INTAKE[3][1])
    page = visitor.client.get("/chat").text
    # Both sides, in order: the questions asked, the answers given (a button as its label).
    said = [
        "Bij welke rijksorganisatie werkt u?",
        "In welke regio of plaats werkt u?",
        "Wat is het probleem?",
        "Onze laptops krijgen updates pas weken te laat",
        "Wat is de huidige situatie?",
    ]
    at = [page.index(text) for text in said]
    assert at == sorted(at)
    users = [
        u.strip() for u in re.findall(r'class="bubble user"><span class="chat-who">U:</span>\s*<span>([^<]*)<', page)
    ]
    assert users[:2] == ["/start", "duo"] and users[-2:] == ["Noord en Oost", FULL_INTAKE[3][1]]
    # Only the latest reply's options are buttons; earlier ones are history.
    assert 'value="region:oost"' not in page
    # A later visit with the same cookie sees the same conversation.
    cookie = visitor.client.cookies.get("vw_chat")
    app = visitor.client.app
    with TestClient(app, cookies={"vw_chat": cookie}) as later:  # type: ignore[arg-type]
        again = later.get("/chat").text
    assert all(text in again for text in said)


def test_the_latest_turn_is_the_live_region_and_describes_the_text_box(chat) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    to_region(visitor)
    page = visitor.send(text="ik werk in Groningen")
    history, latest = page.split('role="log"', 1)
    latest = latest.split("</section>", 1)[0]
    assert "In welke regio of plaats werkt u?" in history and "In welke regio" not in latest
    assert "ik werk in Groningen" in latest and "Wat is het probleem?" in latest  # the new turn only
    question = re.search(r'<span id="vraag">(.*?)</span></div>', latest, re.S)
    assert question and "Wat is het probleem?" in question.group(1)
    assert 'aria-describedby="vraag"' in page
    assert '<script src="/static/chat.js" defer></script>' in page
    assert visitor.client.get("/static/chat.js").status_code == 200


def test_a_stale_or_repeated_form_does_not_land_on_another_question(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    to_region(visitor)
    visitor.send(text="ik werk in Groningen")
    old_step = visitor.step
    visitor.send(text="Onze laptops krijgen updates pas weken te laat en niemand weet precies welke")
    before = small_db.execute("SELECT step, answers FROM conversations").fetchone()
    assert before[0] == "context"
    # The same answer again (a form sent twice, an old tab): the step it answers is past.
    page = visitor.client.post("/chat", data={"csrf": visitor.csrf, "step": old_step, "text": "nog eens"}).text
    assert small_db.execute("SELECT step, answers FROM conversations").fetchone() == before
    latest = page.split('role="log"', 1)[1]
    assert "Dat formulier hoorde bij een eerdere vraag" in latest
    notice, question = latest.split("Dat formulier hoorde bij een eerdere vraag", 1)
    assert "Wat is de huidige situatie?" in question and "Wat is de huidige situatie?" not in notice
    assert "nog eens" not in page
    # An old button too: no choice is made for a question that is no longer asked.
    visitor.client.post("/chat", data={"csrf": visitor.csrf, "step": old_step, "choice": "region:west"})
    assert small_db.execute("SELECT step, answers FROM conversations").fetchone() == before
    # The current form still works.
    visitor.page = visitor.client.get("/chat").text
    visitor.send(text="We houden het nu bij in excel, sinds de nieuwe BIO-eisen moet het sneller")
    assert small_db.execute("SELECT step FROM conversations").fetchone()[0] != "context"


def test_a_form_sent_twice_at_once_is_answered_once(
    small_db: Database, small_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double click posts the same form twice, at the same moment: the second must not be
    taken as the answer to the question the first one leads to, nor split the first's turn."""
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW)
    channel = WebChatChannel(assistant, render)
    who = ("web", "double-click")
    for typed in ("/start", "duo"):
        channel.turn(Incoming(*who, text=typed), None)
    marker = step_marker(intakes.load_conversation(small_db, *who).step, transcripts.last_id(small_db, *who))
    answer = assistant.handle

    def slowly(incoming: Incoming) -> Any:
        time.sleep(0.3)  # the second post arrives while the first is being answered
        return answer(incoming)

    monkeypatch.setattr(assistant, "handle", slowly)
    posts = [threading.Thread(target=channel.turn, args=(Incoming(*who, text="ik werk in Groningen"), marker))]
    posts.append(threading.Thread(target=channel.turn, args=(Incoming(*who, text="ik werk in Groningen"), marker)))
    for post in posts:
        post.start()
    for post in posts:
        post.join()

    conversation = intakes.load_conversation(small_db, *who)
    assert conversation.step == "problem" and "problem" not in conversation.answers
    said = [(m.side, m.text) for m in transcripts.transcript_of(small_db, *who)]
    typed = [i for i, (side, text) in enumerate(said) if side == transcripts.USER and text == "ik werk in Groningen"]
    assert len(typed) == 1
    stale = next(i for i, (_, text) in enumerate(said) if text.startswith("Dat formulier hoorde bij een eerdere vraag"))
    assert typed[0] < stale  # the first turn whole, then the notice for the second post


def test_the_users_side_is_stored_redacted_and_bounded(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    visitor.send(text="/start")
    page = visitor.send(text="mail mij op jan.jansen@example.nl of bel 0612345678")
    stored = " ".join(r[0] for r in small_db.execute("SELECT text FROM chat_transcripts"))
    assert "jan.jansen@example.nl" not in stored and "0612345678" not in stored
    assert "jan.jansen@example.nl" not in page and "[e-mailadres]" in page
    for i in range(transcripts.KEEP):
        transcripts.add_turn(small_db, "web", "someone", [(transcripts.USER, f"bericht {i}", ())], NOW)
    transcripts.add_turn(small_db, "web", "someone", [(transcripts.BOT, "laatste", ())], NOW)
    kept = transcripts.transcript_of(small_db, "web", "someone")
    assert len(kept) == transcripts.KEEP and kept[0].text == "bericht 1" and kept[-1].text == "laatste"


def test_the_transcript_is_forgotten_exported_and_purged(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    visitor.send(text="/start")
    visitor.send(text="duo")
    (user_ref,) = {r[0] for r in small_db.execute("SELECT user_ref FROM chat_transcripts")}
    records = maintenance.user_records(small_db, "web", user_ref)
    assert [m["text"] for m in records["transcript"] if m["side"] == "user"] == ["/start", "duo"]
    assert "web" in maintenance.channels_in_use(small_db)
    # Retention: messages older than the term go.
    later = "2027-03-01T10:00:00+00:00"
    assert maintenance.purge(small_db, 90, later)["transcripts"] == len(records["transcript"])
    assert transcripts.transcript_of(small_db, "web", user_ref) == []
    # /verwijder: the conversation and its transcript go; only the confirmation is shown.
    visitor.page = visitor.client.get("/chat").text
    visitor.send(text="Onze laptops")
    visitor.send(text="/verwijder")
    page = visitor.send(choice="delete:yes")
    left = transcripts.transcript_of(small_db, "web", user_ref)
    assert left and all(m.side == "bot" for m in left)
    assert "Onze laptops" not in page and "/verwijder" not in page
    assert intakes.forget_user(small_db, "web", user_ref) == (0, 0)
    assert transcripts.transcript_of(small_db, "web", user_ref) == []


def test_the_users_side_is_what_the_dialog_kept_so_names_of_people_are_not_stored(chat, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    visitor, _ = chat
    to_region(visitor)
    visitor.send(text="ik werk in Groningen")
    page = visitor.send(text="Mevrouw Sanne Visser van de servicedesk belt elke week omdat laptops updates missen")
    stored = [r[0] for r in small_db.execute("SELECT text FROM chat_transcripts WHERE side = 'user'")]
    assert not any("Visser" in text for text in stored) and any("[naam]" in text for text in stored)
    assert "Visser" not in page and "van de servicedesk belt elke week" in page


# -- in a real Chromium: Enter sends, Shift+Enter adds a line, reload and Back send nothing --


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium ontbreekt ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_chat_in_the_browser(chromium, service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def stored() -> tuple[Any, ...]:
        return db.execute("SELECT step, answers, (SELECT count(*) FROM chat_transcripts) FROM conversations").fetchone()

    with RunningService(make_service(service_parts, tmp_path, None, port)):
        wait_http(f"{base}/chat")
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{base}/chat")
        page.get_by_role("button", name="Beginnen").click()
        page.wait_for_load_state()
        box = page.get_by_label("Uw antwoord")
        assert "Bij welke rijksorganisatie werkt u?" in page.locator("#vraag").inner_text()
        # The script describes the box by the question and the Enter hint, and shows the hint.
        assert box.get_attribute("aria-describedby") == "vraag enter-hint"
        assert page.locator("#enter-hint").is_visible()
        # Sending shows a "busy" status until the answer's page comes (here held back).
        assert not page.locator("#bezig").is_visible()
        page.evaluate(
            "() => { const f = document.querySelector('form.chat-send');"
            " f.addEventListener('submit', e => e.preventDefault()); f.requestSubmit(); }"
        )
        assert page.get_by_role("status").filter(has_text="Vraagwijzer is bezig met uw antwoord").is_visible()
        page.reload()
        box = page.get_by_label("Uw antwoord")
        # Shift+Enter adds a line and sends nothing; Enter sends.
        box.type("du")
        box.press("Shift+Enter")
        assert box.input_value() == "du\n" and stored()[0] == "organisation"
        box.fill("duo")
        with page.expect_navigation():
            box.press("Enter")
        assert page.url == f"{base}/chat"
        assert page.locator(".bubble.user").last.inner_text().endswith("duo")
        # The live region holds only the new turn; the question before it is history.
        log = page.get_by_role("log")
        assert "duo" in log.inner_text() and "Bij welke rijksorganisatie" not in log.inner_text()
        if page.get_by_role("button", name="Ja").count():  # asked to confirm the organisation
            page.get_by_role("button", name="Ja").click()
            page.wait_for_load_state()
        assert "In welke regio of plaats werkt u?" in page.locator("#vraag").inner_text()
        # Reload and Back send nothing again.
        before = stored()
        page.reload()
        page.go_back()
        page.wait_for_load_state()
        page.goto(f"{base}/chat")
        assert stored() == before
        assert "Bij welke rijksorganisatie werkt u?" in page.content() and "In welke regio" in page.content()
        # A form from an earlier page (a second tab left open) does not answer the current question.
        stale = context.new_page()
        stale.goto(f"{base}/chat")
        page.get_by_role("button", name="Noord en Oost").click()
        page.wait_for_load_state()
        answered = stored()
        stale.get_by_label("Uw antwoord").fill("Groningen")
        with stale.expect_navigation():
            stale.get_by_label("Uw antwoord").press("Enter")
        assert stored()[:2] == answered[:2]
        assert "Dat formulier hoorde bij een eerdere vraag" in stale.get_by_role("log").inner_text()
        assert "Wat is het probleem?" in stale.locator("#vraag").inner_text()
        context.close()


def test_the_draft_card_opens_with_its_title_in_view_and_the_box_focused(
    chromium, service_parts, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """On a phone the page opens at the latest turn: the draft card's title in view (not the
    text box at the bottom of a long page), and the text box still has the focus."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with RunningService(make_service(service_parts, tmp_path, None, port)):
        wait_http(f"{base}/chat")
        page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{base}/chat")
        for how, value in FULL_INTAKE:
            if how == "choice":
                button = page.locator(f'button[name="choice"][value="{value}"]')
                if not button.count():
                    continue  # an exactly typed organisation is taken without asking
                button.click()
            elif page.locator("form.chat-send textarea").count():
                page.locator("form.chat-send textarea").fill(value)
                page.locator("form.chat-send button").click()
            else:
                page.locator("form.chat-send button").click()
            page.wait_for_load_state()
        title = page.locator("article.draft-card h2").bounding_box()
        assert title is not None and title["y"] >= 0 and title["y"] + title["height"] <= 844, title
        assert page.evaluate("document.scrollingElement.scrollTop") > 0  # scrolled past the history
        assert page.evaluate("document.activeElement.id") == "text"
