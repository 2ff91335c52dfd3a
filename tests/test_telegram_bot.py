"""The real python-telegram-bot application over HTTP against the local Bot API stand-in."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from bot.assistant import Assistant, utc_now
from bot.channels.common import split_message
from bot.channels.telegram import MAX_MESSAGE, build_application
from bot.dialog import Incoming
from bot.matching import Matcher
from knowledge import intakes
from tests.telegram_standin import BotApiStandIn

TOKEN = "123456:TEST-TOKEN"


class RunningBot:
    """The PTB application polling in its own thread and event loop, as in production."""

    def __init__(self, standin: BotApiStandIn, assistant: Assistant) -> None:
        self.app = build_application(assistant, TOKEN, standin.base_url)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self._stop: asyncio.Event | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())
        self.loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(poll_interval=0.0, timeout=1, drop_pending_updates=False)
        self.ready.set()
        await self._stop.wait()
        await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()

    def __enter__(self) -> RunningBot:
        self.thread.start()
        assert self.ready.wait(10), "bot did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self.loop.call_soon_threadsafe(self._stop.set)
        self.thread.join(15)
        assert not self.thread.is_alive()


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


def wait_text(standin: BotApiStandIn, chat: int, fragment: str, timeout: float = 10.0) -> None:
    standin.wait_for(
        lambda: any(fragment in (m.get("text") or "") for m in standin.messages_to(chat)),
        timeout,
        f"no message containing {fragment!r}",
    )


def press(standin: BotApiStandIn, user: int, data: str) -> None:
    """Wait until the bot shows the button, then press it (as a person would)."""
    standin.wait_for(
        lambda: any(data == d for m in standin.messages_to(user) for _, d in standin.buttons(m)),
        10,
        f"no button {data!r}",
    )
    standin.press_button(user, data)


def intake_until_problem(standin: BotApiStandIn, user: int) -> None:
    standin.send_command(user, "/start")
    wait_text(standin, user, "Bij welke rijksorganisatie")
    standin.send_text(user, "duo")
    wait_text(standin, user, "Bedoelt u")
    press(standin, user, "org:yes")
    wait_text(standin, user, "In welke regio")
    press(standin, user, "region:oost")
    wait_text(standin, user, "Wat is het probleem")


def finish_intake(standin: BotApiStandIn, user: int) -> None:
    steps = [
        ("Onze laptops krijgen updates pas weken te laat en niemand weet precies welke", "huidige situatie"),
        ("We houden het bij in excel; sinds de BIO-eisen moet het sneller", "Is uw vraag nieuw"),
    ]
    for text, expect in steps:
        standin.send_text(user, text)
        wait_text(standin, user, expect)
    press(standin, user, "similar:new")
    wait_text(standin, user, "Wat moet er anders zijn")
    for text, expect in [
        ("we willen updates binnen een week uitrollen", "Wie merken"),
        ("medewerkers en de servicedesk", "Welke gegevens"),
        ("CMDB en excel", "Wanneer zou"),
        ("volgend semester", "Welke vorm"),
    ]:
        standin.send_text(user, text)
        wait_text(standin, user, expect)
    press(standin, user, "form:afstudeeropdracht")
    wait_text(standin, user, "Welk niveau")
    press(standin, user, "level:hbo")
    wait_text(standin, user, "Hoofdvraag:")
    press(standin, user, "review:submit")
    wait_text(standin, user, "Ingediend")


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
    assert standin.chat_actions and standin.chat_actions[0]["action"] == "typing"
    assert standin.answered_callbacks  # every button press is answered
    assert not standin.errors


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
    assert intakes.load_conversation(small_db, "telegram", "3003").pending["org_candidate"]["id"] == "duo"
    assert intakes.load_conversation(small_db, "telegram", "4004").pending["org_candidate"]["id"] == "uwv"


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
    replies = assistant.handle(Incoming("web", "visitor", text=f"koppel {code}"))
    assert not any("Gekoppeld" in r.text for r in replies)
