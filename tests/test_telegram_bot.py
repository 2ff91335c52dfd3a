"""The real python-telegram-bot application over HTTP against the local Bot API stand-in."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from bot.channels.base import split_message
from bot.channels.telegram import MAX_MESSAGE, card_parts
from bot.conversation.assistant import Assistant
from bot.conversation.messages import Card, Incoming, Section
from bot.matching import Matcher
from bot.workflow import utc_now
from knowledge import intakes
from tests.support.telegram import BotApiStandIn
from tests.support.telegram_bot import RunningBot, finish_intake, intake_until_problem, wait_text


@pytest.fixture
def standin() -> Iterator[BotApiStandIn]:
    with BotApiStandIn() as server:
        yield server


@pytest.fixture
def assistant(small_db: Database, small_matcher: Matcher) -> Assistant:
    return Assistant(small_db, small_matcher)


def last_text(standin: BotApiStandIn, chat: int) -> str:
    message = standin.last_message_to(chat)
    return message["text"] if message else ""


def test_full_intake_from_start_to_submitted(standin: BotApiStandIn, assistant: Assistant, small_db: Database) -> None:
    with RunningBot(standin, assistant):
        intake_until_problem(standin, 1001)
        finish_intake(standin, 1001)
    drafts = intakes.drafts_of(small_db, "telegram", "1001")
    assert len(drafts) == 1 and drafts[0].state == "submitted"
    assert "Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen?" in [
        m["text"].split("Hoofdvraag: ")[1].split("\n")[0]
        for m in standin.messages_to(1001)
        if "Hoofdvraag: " in m["text"]
    ]
    assert {c["command"] for c in standin.commands} == {
        "start",
        "help",
        "nieuw",
        "annuleer",
        "status",
        "privacy",
        "verwijder",
    }
    assert standin.answered_callbacks  # every button press is answered
    assert not standin.errors


class SlowHelp(Assistant):
    """An assistant that needs a second for /help (as a turn that waits for a language model)."""

    def handle(self, incoming: Incoming):  # type: ignore[no-untyped-def]
        if incoming.text == "/help":
            time.sleep(1.0)
        return super().handle(incoming)


def test_typing_is_shown_only_for_a_turn_that_takes_a_while(
    standin: BotApiStandIn, small_db: Database, small_matcher: Matcher
) -> None:
    with RunningBot(standin, SlowHelp(small_db, small_matcher)):
        standin.send_command(3003, "start")
        wait_text(standin, 3003, "organisatie")
        assert standin.chat_actions == []  # answered at once: no request for a typing indicator
        standin.send_command(3003, "help")
        wait_text(standin, 3003, "/nieuw")
    assert [a["action"] for a in standin.chat_actions] == ["typing"]


def test_restart_in_the_middle_loses_nothing(
    standin: BotApiStandIn, small_db: Database, small_matcher: Matcher
) -> None:
    with RunningBot(standin, Assistant(small_db, small_matcher)):
        intake_until_problem(standin, 2002)
        standin.send_text(2002, "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke")
        wait_text(standin, 2002, "huidige situatie")
    # A new process: a new assistant and a new PTB application on the same database file.
    with RunningBot(standin, Assistant(small_db, small_matcher)):
        standin.send_text(2002, "We houden het bij in excel; sinds de BIO-eisen moet het sneller")
        wait_text(standin, 2002, "Is uw vraag nieuw")
    answers = intakes.load_conversation(small_db, "telegram", "2002").answers
    assert answers["organisation"] == "DUO" and "laptops" in answers["problem"] and "excel" in answers["context"]


def test_two_users_at_once(standin: BotApiStandIn, assistant: Assistant, small_db: Database) -> None:
    with RunningBot(standin, assistant):
        for user in (3003, 4004):
            standin.send_command(user, "/start")
        for user in (3003, 4004):
            wait_text(standin, user, "Bij welke rijksorganisatie")
        standin.send_text(3003, "duo")
        standin.send_text(4004, "uwv")
        wait_text(standin, 3003, "Dienst Uitvoering Onderwijs")
        wait_text(standin, 4004, "Uitvoeringsinstituut Werknemersverzekeringen")
    assert intakes.load_conversation(small_db, "telegram", "3003").answers["organisation_id"] == "duo"
    assert intakes.load_conversation(small_db, "telegram", "4004").answers["organisation_id"] == "uwv"


def test_bad_inputs_get_friendly_replies(standin: BotApiStandIn, assistant: Assistant) -> None:
    user = 5005
    with RunningBot(standin, assistant):
        intake_until_problem(standin, user)
        for send in (
            standin.send_photo,
            standin.send_voice,
            standin.send_sticker,
            standin.send_document,
            standin.send_location,
        ):
            before = len(standin.messages_to(user))
            send(user)
            standin.wait_for(lambda before=before: len(standin.messages_to(user)) > before)
            wait_text(standin, user, "alleen tekst")
        standin.send_text(user, "<script>alert('x')</script> & <b>vet</b> en nog wat woorden erbij")
        wait_text(standin, user, "huidige situatie")
        standin.send_text(user, "🙂" * 10)
        wait_text(standin, user, "Ik heb geen tekst ontvangen")
        standin.send_text(user, "lang " * 900)
        wait_text(standin, user, "erg lang")
        own = [m for (chat, _), m in standin._messages.items() if chat == user and m.get("from", {}).get("id") == user]
        standin.send_edited_text(user, max(m["message_id"] for m in own), "gewijzigd")
        wait_text(standin, user, "alleen nieuwe berichten")
    assert not standin.errors, standin.errors  # no malformed HTML, nothing too long
    sent_html = [s for s in standin.calls("sendMessage") if "script" in str(s["params"].get("text", ""))]
    assert sent_html == [] or all("&lt;script&gt;" in str(s["params"]["text"]) for s in sent_html)


@pytest.mark.parametrize("size", [10, 4096, 5000, 12000])
def test_long_replies_are_split_within_telegram_limits(size: int) -> None:
    text = "\n\n".join(["woord " * 50] * (size // 300 + 1))[:size]
    parts = split_message(text, MAX_MESSAGE)
    assert all(len(p) <= 4096 for p in parts)
    assert "".join(parts).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_broker_links_telegram_with_a_code(standin: BotApiStandIn, assistant: Assistant, small_db: Database) -> None:
    from knowledge import review, sessions

    broker = review.add_broker(
        small_db, name="Rijk West", email="rijk@west.nl", region="west", side="rijk", now="2026-01-01T00:00:00+00:00"
    )
    code = sessions.create_chat_link_code(small_db, broker, utc_now())
    with RunningBot(standin, assistant):
        standin.send_text(7001, f"/koppel {code}")
        wait_text(standin, 7001, "Gekoppeld, Rijk West")
        standin.send_text(7001, f"koppel {code}")  # a second time: used up
        wait_text(standin, 7001, "al gebruikt of verlopen")
    assert review.broker_by_email(small_db, "rijk@west.nl").telegram_id == "7001"
    # In the web chat the words are just an answer: only chat accounts can be linked.
    replies = assistant.handle(Incoming("web", "visitor", text=f"koppel {code}")).replies
    assert not any("Gekoppeld" in r.text for r in replies)


def bold(message: dict[str, Any]) -> list[str]:
    text = message["text"].encode("utf-16-le")
    return [
        text[e["offset"] * 2 : (e["offset"] + e["length"]) * 2].decode("utf-16-le")
        for e in message.get("entities", [])
        if e["type"] == "bold"
    ]


def test_the_draft_is_a_formatted_message(standin: BotApiStandIn, assistant: Assistant) -> None:
    with RunningBot(standin, assistant):
        intake_until_problem(standin, 1111)
        finish_intake(standin, 1111)
    draft = next(m for m in standin.messages_to(1111) if "Hoofdvraag: " in m["text"])
    assert draft["parse_mode"] == "HTML"
    main = "Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen?"
    title = draft["text"].split("\n\n")[1].split("\n")[0]
    assert f"{title}\nHoofdvraag: {main}" in draft["text"]
    assert title in bold(draft) and main in bold(draft) and "Deelvragen" in bold(draft)
    subs = draft["text"].split("Deelvragen\n")[1].split("\n\n")[0].splitlines()
    assert len(subs) >= 2 and all(line.startswith(f"{n}. ") for n, line in enumerate(subs, 1))
    assert "Achtergrond" in bold(draft) and "Op te leveren" in bold(draft)
    assert not standin.errors


def test_a_long_card_is_split_between_paragraphs_and_escaped() -> None:
    hostile = "<b>vet</b> & <i>" + "woord " * 250
    card = Card(
        intro="Intro",
        title="Titel <x>",
        main_label="Hoofdvraag",
        main_question="Hoe & waarom?",
        sections=tuple(Section(f"Deel {n}", items=(hostile,) * 3, numbered=True) for n in range(4)),
    )
    parts = card_parts(card)
    assert len(parts) > 1 and all(len(p) <= MAX_MESSAGE for p in parts)
    assert "<b>Titel &lt;x&gt;</b>" in parts[0] and "<b>Hoe &amp; waarom?</b>" in parts[0]
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
    assert "<b>Deel 3</b>\n1. &lt;b&gt;vet&lt;/b&gt; &amp; &lt;i&gt;woord" in parts[-2] + parts[-1]
    assert parts[-1].startswith(("2. ", "3. ")) and "\n3. " in parts[-2] + "\n" + parts[-1]
