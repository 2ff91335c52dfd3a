"""The Bot API stand-in works with a real python-telegram-bot Application over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, EndPointNotFound, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.telegram import BotApiStandIn, EntityParseError, parse_telegram_html

TOKEN = "123:TEST"
USER = 4242


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[BotApiStandIn]:
    # PTB 22 warns (PTBDeprecationWarning -> error here) when RetryAfter/durations are ints.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    before = set(threading.enumerate())
    with BotApiStandIn() as api:
        yield api
    deadline = time.monotonic() + 5
    while True:
        leftover = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert leftover == [], f"threads left running: {leftover}"


@contextlib.asynccontextmanager
async def running_bot(api: BotApiStandIn, *handlers: Any) -> AsyncIterator[tuple[Application, list[BaseException]]]:
    app = Application.builder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()
    for handler in handlers:
        app.add_handler(handler)
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app.add_error_handler(on_error)
    updater = app.updater
    assert updater is not None
    await app.initialize()
    try:
        await app.start()
        await updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app, errors
        finally:
            await updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


def run(coroutine: Any) -> Any:
    result = asyncio.run(coroutine)
    assert asyncio._get_running_loop() is None
    return result


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Nog eens", callback_data="again")],
            [InlineKeyboardButton("Rijksoverheid", url="https://www.rijksoverheid.nl")],
        ]
    )
    reply = await update.message.reply_text(
        f"<b>{html.escape(update.message.text)}</b>",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )
    context.bot_data.setdefault("replies", []).append(reply)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    context.bot_data.setdefault("pressed", []).append(query.data)
    await query.answer("Oké")
    await query.edit_message_text(f"<i>Gekozen: {html.escape(query.data)}</i>", parse_mode="HTML")


def test_echo_with_keyboard_goes_through_real_ptb(standin: BotApiStandIn) -> None:
    async def scenario() -> None:
        async with running_bot(standin, MessageHandler(filters.TEXT, echo)) as (app, errors):
            standin.send_text(USER, "Mijn DigiD <werkt> niet & nu?")
            standin.send_text(USER, "Tweede vraag")
            messages = await standin.wait_for_messages_async(USER, 2)
            await asyncio.sleep(0.1)  # no duplicate deliveries: the offset is honoured
            assert len(standin.messages_to(USER)) == 2
            assert errors == []

            first = messages[0]
            assert first["text"] == "Mijn DigiD <werkt> niet & nu?"
            assert first["entities"] == [{"type": "bold", "offset": 0, "length": 29}]
            assert first["raw_text"] == "<b>Mijn DigiD &lt;werkt&gt; niet &amp; nu?</b>"
            assert standin.buttons(first) == [
                ("Nog eens", "again"),
                ("Rijksoverheid", "https://www.rijksoverheid.nl"),
            ]
            assert standin.texts_to(USER)[1] == "Tweede vraag"

            record = standin.sent[0]
            assert record["method"] == "sendMessage" and record["chat_id"] == USER
            assert record["parse_mode"] == "HTML"
            assert record["text"] == first["raw_text"]
            assert record["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "again"
            assert record["message_id"] == first["message_id"]

            # PTB de-serialised the stand-in's answer into a real Message.
            reply = app.bot_data["replies"][0]
            assert reply.message_id == first["message_id"]
            assert reply.chat.id == USER and reply.from_user.is_bot
            assert reply.text_html == first["raw_text"]
            assert reply.reply_markup.inline_keyboard[0][0].callback_data == "again"

        assert standin.errors == []  # not even for the long poll PTB abandons on stop
        methods = [r["method"] for r in standin.requests]
        assert methods[0] == "getMe" and "deleteWebhook" in methods and "getUpdates" in methods
        assert standin.pending_updates == []

    run(scenario())


def test_button_press_reaches_callback_handler(standin: BotApiStandIn) -> None:
    async def scenario() -> None:
        handlers = (MessageHandler(filters.TEXT, echo), CallbackQueryHandler(on_button))
        async with running_bot(standin, *handlers) as (app, errors):
            standin.send_text(USER, "Hallo")
            [message] = await standin.wait_for_messages_async(USER, 1)
            standin.press_button(USER, "again", message["message_id"])
            await standin.wait_for_async(lambda: "edit_date" in standin.messages_to(USER)[0])
            assert app.bot_data["pressed"] == ["again"]
            assert [(a["data"], a["text"]) for a in standin.answered_callbacks] == [("again", "Oké")]

            [edited] = standin.messages_to(USER)
            assert edited["text"] == "Gekozen: again"
            assert edited["entities"] == [{"type": "italic", "offset": 0, "length": 14}]
            assert "reply_markup" not in edited  # editMessageText without markup drops it
            assert standin.sent[-1]["method"] == "editMessageText"

            with pytest.raises(AssertionError, match="no button with callback_data"):
                standin.press_button(USER, "again", message["message_id"])
            assert errors == []

            # Answering a query twice is refused, as by Telegram.
            query_id = standin.answered_callbacks[0]["callback_query_id"]
            with pytest.raises(BadRequest, match=r"(?i)^query is too old"):
                await app.bot.answer_callback_query(query_id)

    run(scenario())


def test_telegram_error_replies_raise_bad_request(standin: BotApiStandIn) -> None:
    async def scenario() -> None:
        async with running_bot(standin) as (app, errors):
            standin.add_user(USER)
            bot = app.bot
            with pytest.raises(BadRequest, match=r"(?i)^message is too long$"):
                await bot.send_message(USER, "x" * 4097)
            ok = await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
            assert len(ok.text) == 4096
            with pytest.raises(BadRequest, match=r'(?i)can.t parse entities: unsupported start tag "div"'):
                await bot.send_message(USER, "<div>hoi</div>", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)can't parse entities: can't find end tag"):
                await bot.send_message(USER, "<b>hoi", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)^can't parse entities"):
                await bot.send_message(USER, "1 < 2", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)^can't parse entities"):
                await bot.send_message(USER, "Q&A", parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)^message text is empty$"):
                await bot.send_message(USER, "  <b> </b> ", parse_mode="HTML")
            long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
            with pytest.raises(BadRequest, match=r"(?i)^button_data_invalid$"):
                await bot.send_message(USER, "hoi", reply_markup=long_data)
            with pytest.raises(BadRequest, match=r"(?i)^chat not found$"):
                await bot.send_message(999, "hoi")
            with pytest.raises(BadRequest, match=r"(?i)^message is not modified"):
                await bot.edit_message_text("<b>" + "x" * 4096 + "</b>", USER, ok.message_id, parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)^message to edit not found$"):
                await bot.edit_message_text("nieuw", USER, 999)
            with pytest.raises(BadRequest, match=r"(?i)^message is too long$"):
                await bot.edit_message_text("y" * 5000, USER, ok.message_id)
            with pytest.raises(EndPointNotFound):
                await bot.do_api_request("frobnicate")
            standin.block_user(USER)
            with pytest.raises(Forbidden, match="blocked by the user"):
                await bot.send_message(USER, "hoi")
            assert [e["status"] for e in standin.errors].count(400) == 11
            assert [s["method"] for s in standin.sent] == ["sendMessage"]
            assert errors == []

    run(scenario())


def test_fault_injection(standin: BotApiStandIn) -> None:
    async def scenario() -> None:
        async with running_bot(standin) as (app, _errors):
            standin.add_user(USER)
            standin.fail_next("sendMessage", 1, 429, retry_after=1)
            with pytest.raises(RetryAfter) as caught:
                await app.bot.send_message(USER, "hoi")
            assert caught.value.retry_after == dt.timedelta(seconds=1)

            standin.fail_next("sendMessage", 2, 502)
            for _ in range(2):
                with pytest.raises(NetworkError, match="Bad Gateway"):
                    await app.bot.send_message(USER, "hoi")
            await app.bot.send_message(USER, "eindelijk")
            assert standin.texts_to(USER) == ["eindelijk"]
            assert [c["status"] for c in standin.calls("sendMessage")] == [429, 502, 502, 200]

            standin.delay_next("sendChatAction", 0.3)
            started = time.monotonic()
            await app.bot.send_chat_action(USER, ChatAction.TYPING)
            assert time.monotonic() - started >= 0.25

    run(scenario())


def test_other_user_actions_and_bot_settings(standin: BotApiStandIn) -> None:
    seen: list[str] = []
    downloads: list[bytes] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        if update.edited_message is not None:
            seen.append(f"edited:{message.text}")
        elif message.photo:
            seen.append(f"photo:{len(message.photo)}")
        elif message.voice:
            seen.append("voice")
        elif message.sticker:
            seen.append(f"sticker:{message.sticker.emoji}")
        elif message.document:
            seen.append(f"document:{message.document.file_name}")
            file = await message.document.get_file()
            downloads.append(bytes(await file.download_as_bytearray()))
        elif message.location:
            seen.append(f"location:{message.location.latitude}")
        else:
            seen.append(f"text:{message.text}")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.effective_user.language_code == "en"
        seen.append(f"start:{context.args}")

    async def scenario() -> None:
        handlers = (CommandHandler("start", start), MessageHandler(filters.ALL, record))
        async with running_bot(standin, *handlers) as (app, errors):
            standin.send_command(USER, "/start welkom", language_code="en")
            first_text = standin.send_text(USER, "typo")
            assert first_text > 0
            standin.send_photo(USER)
            standin.send_voice(USER)
            standin.send_sticker(USER)
            standin.send_document(USER, "vraag.txt", b"inhoud")
            standin.send_location(USER)
            standin.send_edited_text(USER, 2, "typfout")
            await standin.wait_for_async(lambda: len(seen) == 8, timeout=5)
            assert seen == [
                "start:['welkom']",
                "text:typo",
                "photo:3",
                "voice",
                "sticker:\U0001f44d",
                "document:vraag.txt",
                "location:52.0907",
                "edited:typfout",
            ]
            assert errors == [] and downloads == [b"inhoud"], (errors, standin.describe())

            commands = [BotCommand("start", "Begin een gesprek"), BotCommand("help", "Hulp")]
            assert await app.bot.set_my_commands(commands)
            assert standin.commands == [
                {"command": "start", "description": "Begin een gesprek"},
                {"command": "help", "description": "Hulp"},
            ]
            assert tuple(await app.bot.get_my_commands()) == tuple(commands)
            await app.bot.send_chat_action(USER, ChatAction.TYPING)
            assert [(a["chat_id"], a["action"]) for a in standin.chat_actions] == [(USER, "typing")]

            sent = await app.bot.send_document(
                USER, b"PK\x03\x04docx", filename="opdracht.docx", caption="<b>Opdracht</b>", parse_mode="HTML"
            )
            assert sent.document is not None and sent.document.file_name == "opdracht.docx"
            assert standin.sent[-1]["document"]["content"] == b"PK\x03\x04docx"
            assert standin.messages_to(USER)[-1]["caption"] == "Opdracht"
            assert errors == []

    run(scenario())


def test_long_polling_offset_and_timeout() -> None:
    with BotApiStandIn(max_poll_timeout=0.5) as api, httpx.Client() as client:
        url = f"{api.base_url}{TOKEN}/getUpdates"

        def poll(**params: Any) -> list[dict[str, Any]]:
            reply = client.post(url, data={k: str(v) for k, v in params.items()})
            assert reply.status_code == 200
            result: list[dict[str, Any]] = reply.json()["result"]
            return result

        started = time.monotonic()
        assert poll(timeout=30) == []  # capped at max_poll_timeout
        assert 0.4 <= time.monotonic() - started < 2

        first = api.send_text(7, "een")
        second = api.send_text(7, "twee")
        assert [u["update_id"] for u in poll(offset=0)] == [first, second]
        assert [u["update_id"] for u in poll(offset=second)] == [second]
        assert poll(offset=second + 1) == []

        timer = threading.Timer(0.1, api.send_text, (7, "later"))
        timer.start()
        [update] = poll(offset=second + 1, timeout=5)
        timer.join()
        assert update["message"]["text"] == "later"  # woke up before the 0.5 s cap

        # Two live pollers: the older one is terminated with 409 Conflict, like on Telegram.
        after = update["update_id"] + 1
        outcome: list[int] = []
        with httpx.Client() as other:
            waiting = threading.Thread(
                target=lambda: outcome.append(other.post(url, data={"offset": str(after), "timeout": "5"}).status_code)
            )
            waiting.start()
            api.wait_for(lambda: len(api.calls("getUpdates")) == 6, timeout=2)
            assert poll(offset=after, timeout=0) == []
            waiting.join()
        assert outcome == [409] and api.errors[-1]["description"].startswith("Conflict")

        reply = client.post(f"{api.base_url}{TOKEN}/noSuchMethod")
        assert reply.status_code == 404
        assert reply.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        api.wait_for(lambda s: len(s.requests) == 8, timeout=1)


def test_blocking_wait_refuses_to_block_the_event_loop(standin: BotApiStandIn) -> None:
    async def scenario() -> None:
        with pytest.raises(RuntimeError, match="wait_for_async"):
            standin.wait_for(lambda: True)

    run(scenario())
    with pytest.raises(AssertionError, match="expected 1 bot message"):
        standin.wait_for_messages(USER, 1, timeout=0.1)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<b>vet</b> &amp; <i>schuin</i>", "vet & schuin"),
        ('<a href="https://x.nl?a=1&amp;b=2">link</a>', "link"),
        ('<span class="tg-spoiler">geheim</span>', "geheim"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>citaat</blockquote>", "citaat"),
        ("&lt;tag&gt; &#128512; &#x1F600; &quot;", '<tag> \U0001f600 \U0001f600 "'),
    ],
)
def test_html_subset_accepted(text: str, plain: str) -> None:
    assert parse_telegram_html(text)[0] == plain


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>vet</i>", 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("é <br/>", 'Unsupported start tag "br/" at byte offset 3'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("R&D", 'unescaped "&" at byte offset 1'),
        ("&nbsp;", 'unescaped "&" at byte offset 0'),
    ],
)
def test_html_subset_rejected(text: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_telegram_html(text)
    assert error in str(caught.value)
