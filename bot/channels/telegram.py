"""Telegram channel (python-telegram-bot 22): translates updates to `Incoming` and replies
to HTML messages with inline keyboards. It decides nothing about the conversation.

Updates arrive by long polling, or at `POST /telegram` when a webhook URL is set (the secret
header checked), as in python-telegram-bot's custom webhook example. Updates of different users
are processed concurrently, updates of one user in order (`PerUserOrder`). The dialog runs in a
worker thread so matching never blocks the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import secrets
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

# python-telegram-bot's coming behaviour (time spans as timedelta), chosen now, so RetryAfter
# gives one type.
os.environ.setdefault("PTB_TIMEDELTA", "true")

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import texts
from bot.channels.base import Channel, split_message, while_typing
from bot.conversation.assistant import Assistant, notice_reply
from bot.conversation.messages import Card, Incoming, Reply
from knowledge.notices import Notice

log = logging.getLogger(__name__)

CHANNEL = "telegram"
WEBHOOK_PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
MAX_MESSAGE = 4096
CONNECTION_POOL = 32
SEND_ATTEMPTS = 6
LONGEST_WAIT = 60.0  # seconds; Telegram's flood waits are usually a few seconds
T = TypeVar("T")


class PerUserOrder(BaseUpdateProcessor):
    """Concurrent across users, strictly in order for one user."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        async with self._locks[user.id]:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def render_html(text: str) -> str:
    """Escape everything a user may have typed; the first line (a title) in bold is not
    needed: plain escaped text is always valid Telegram HTML."""
    return html.escape(text, quote=False)


def telegram_parts(text: str) -> list[str]:
    """The text as escaped HTML messages of at most 4096 characters each. Splitting happens
    before escaping, so a cut never falls inside an entity such as `&amp;`; a part that grew
    past the limit by escaping is split again, finer (escaping at most quintuples a text)."""
    parts: list[str] = []
    for raw in split_message(text, MAX_MESSAGE):
        escaped = render_html(raw)
        if len(escaped) <= MAX_MESSAGE:
            parts.append(escaped)
        else:
            parts.extend(render_html(piece) for piece in split_message(raw, MAX_MESSAGE // 5))
    return parts


def card_blocks(card: Card) -> list[list[tuple[str, str]]]:
    """The card as paragraphs of (HTML, plain text) lines, each line whole HTML on its own:
    the title and main question in bold, section headings in bold, lists numbered or
    bulleted; everything typed or drafted escaped."""
    e = render_html
    blocks = [[(e(card.intro), card.intro)]] if card.intro else []
    main = f"{card.main_label}: {card.main_question}"
    blocks.append(
        [(f"<b>{e(card.title)}</b>", card.title), (f"{e(card.main_label)}: <b>{e(card.main_question)}</b>", main)]
    )
    for section in card.sections:
        items = [f"{n}. {item}" if section.numbered else f"• {item}" for n, item in enumerate(section.items, 1)]
        block = [(f"<b>{e(section.heading)}</b>", section.heading)]
        block += [(e(line), line) for line in (section.note, section.text, *items) if line]
        blocks.append(block)
    return blocks


def card_parts(card: Card) -> list[str]:
    """The card as HTML messages of at most 4096 characters, cut between paragraphs, or
    between lines of a paragraph too long for one message, so never inside a tag; a line too
    long on its own goes as escaped plain text, split like any text."""
    pieces: list[tuple[str, str]] = []  # (separator before it, HTML)
    for block in card_blocks(card):
        markup = "\n".join(html_line for html_line, _ in block)
        if len(markup) <= MAX_MESSAGE:
            pieces.append(("\n\n", markup))
            continue
        for i, (html_line, plain) in enumerate(block):
            lines = [html_line] if len(html_line) <= MAX_MESSAGE else telegram_parts(plain)
            pieces += [("\n\n" if i == 0 and j == 0 else "\n", line) for j, line in enumerate(lines)]
    parts: list[str] = []
    current = ""
    for separator, piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= MAX_MESSAGE:
            current = candidate
            continue
        parts.append(current)
        current = piece
    if current:
        parts.append(current)
    return parts


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.options:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    short = all(len(o.label) <= 14 for o in reply.options)
    for option in reply.options:
        button = InlineKeyboardButton(option.label[:60], callback_data=option.key.encode()[:64].decode(errors="ignore"))
        if short and rows and len(rows[-1]) < 3:
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


class TelegramChannel(Channel):
    """The bot in the service: the PTB application, its webhook route, its lifecycle, and
    pushing stored notices. A broker linked on Telegram can always be told here."""

    name = CHANNEL
    pushes = True

    def __init__(
        self,
        assistant: Assistant,
        token: str,
        *,
        base_url: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        super().__init__()
        self.assistant = assistant
        self.application = build_application(assistant, token, base_url)
        self.webhook_url = webhook_url
        self.secret = webhook_secret or secrets.token_urlsafe(32)
        self.body_limits = {WEBHOOK_PATH: MAX_UPDATE_BYTES}

    def routes(self) -> list[BaseRoute]:
        return [Route(WEBHOOK_PATH, self.receive, methods=["POST"])] if self.webhook_url else []

    async def receive(self, request: Request) -> Response:
        """An update posted by Telegram: only with the secret we gave it at `set_webhook`."""
        if not secrets.compare_digest(request.headers.get(SECRET_HEADER, ""), self.secret):
            return Response(status_code=403)
        try:
            data = await request.json()
        except ValueError:
            return Response(status_code=400)
        await self.application.update_queue.put(Update.de_json(data, self.application.bot))
        return Response()

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        if self.webhook_url:
            await app.bot.set_webhook(self.webhook_url, secret_token=self.secret, allowed_updates=Update.ALL_TYPES)
            mode = f"webhook {self.webhook_url}"
        else:
            assert app.updater is not None
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
            mode = "polling"
        log.warning(texts.nl.RUN_TELEGRAM.format(mode=mode))

    async def stop(self) -> None:
        app = self.application
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def push(self, notice: Notice) -> None:
        language = await asyncio.to_thread(self.assistant.language_of, CHANNEL, notice.user_ref)
        reply = notice_reply(notice.text, notice.kind, notice.draft_id, language)
        await send_replies(self.application.bot, int(notice.user_ref), [reply])


class Handlers:
    """Updates to `Incoming`, turns to messages."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def install(self, app: Application) -> None:
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, self.on_edited))
        app.add_handler(MessageHandler(filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(filters.ALL, self.on_unsupported))
        app.add_error_handler(self.on_error)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user and update.effective_message
        await self._run(
            update, context, Incoming(CHANNEL, str(update.effective_user.id), text=update.effective_message.text or "")
        )

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query and update.effective_user
        # Stops the button's spinner. Telegram refuses it for a press older than a few seconds
        # (queued while we restarted): the press itself still counts.
        with contextlib.suppress(BadRequest):
            await query.answer()
        await self._run(update, context, Incoming(CHANNEL, str(update.effective_user.id), choice=query.data or ""))
        if query.message is not None:
            # The buttons of an answered question go away, after the answer is on its way.
            with contextlib.suppress(BadRequest):
                await query.edit_message_reply_markup(reply_markup=None)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat:
            language = await asyncio.to_thread(self.assistant.language_of, CHANNEL, str(update.effective_chat.id))
            await context.bot.send_message(update.effective_chat.id, texts.for_language(language).EDITED)

    async def on_unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_user is None or update.effective_chat is None:
            return
        await self._run(update, context, Incoming(CHANNEL, str(update.effective_user.id), unsupported=True))

    async def _run(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> None:
        chat = update.effective_chat
        assert chat is not None
        # Telegram delivers an update again when we crashed before confirming it.
        incoming = replace(incoming, sequence=update.update_id)
        turn = await while_typing(
            asyncio.to_thread(self.assistant.handle, incoming),
            lambda: context.bot.send_chat_action(chat.id, ChatAction.TYPING),
        )
        await send_replies(context.bot, chat.id, turn.replies)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("Telegram update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat:
            try:
                await context.bot.send_message(update.effective_chat.id, texts.nl.ERROR)
            except (BadRequest, Forbidden):
                log.warning("Could not tell the user about the error")


async def send_replies(bot: Any, chat_id: int | str, replies: list[Reply]) -> None:
    for reply in replies:
        parts = card_parts(reply.card) if reply.card else telegram_parts(reply.text)
        for i, part in enumerate(parts):
            markup = keyboard(reply) if i == len(parts) - 1 else None
            await with_retries(partial(bot.send_message, chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup))


async def with_retries(call: Callable[[], Awaitable[T]]) -> T | None:
    """Send once, through Telegram's hiccups: a flood wait (429) is waited out, a gateway error
    or refused connection is retried with backoff. A time-out is not retried: Telegram may have
    delivered the message already, and a reply sent twice confuses more than a late one."""
    backoff = 0.5
    for attempt in range(1, SEND_ATTEMPTS + 1):
        last = attempt == SEND_ATTEMPTS
        try:
            return await call()
        except RetryAfter as error:
            asked = error.retry_after
            wait = min(asked.total_seconds() if isinstance(asked, timedelta) else float(asked), LONGEST_WAIT)
            reason = "Telegram asks to slow down (429)"
        except TimedOut as error:
            if last or not isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout):
                log.warning("Telegram did not answer in time; not resending (it may have arrived)")
                return None
            wait, backoff, reason = backoff, min(backoff * 2, 8.0), "Telegram could not be reached in time"
        except (BadRequest, Forbidden):
            raise
        except NetworkError as error:
            if last:
                raise
            wait, backoff, reason = backoff, min(backoff * 2, 8.0), f"Telegram unreachable ({error})"
        log.warning("%s; retrying in %.1f s (attempt %d)", reason, wait, attempt)
        await asyncio.sleep(wait)
    raise NetworkError("Telegram kept asking to wait")


async def register_commands(app: Application) -> None:
    """The command menu in Dutch, and in English for users whose Telegram speaks English."""
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in texts.nl.COMMAND_MENU])
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in texts.en.COMMAND_MENU], language_code="en")


def build_application(assistant: Assistant, token: str, base_url: str | None = None) -> Application:
    """The PTB application with our handlers; the caller starts polling or a webhook."""
    builder = (
        Application.builder()
        .token(token)
        .concurrent_updates(PerUserOrder())
        # PTB's default pool holds one connection; concurrent users would queue behind it.
        .connection_pool_size(CONNECTION_POOL)
        .pool_timeout(10.0)
        .post_init(register_commands)
    )
    if base_url:
        builder = builder.base_url(base_url)
    app = builder.build()
    Handlers(assistant).install(app)
    return app
