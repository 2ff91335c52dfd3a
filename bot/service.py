"""`vraagwijzer run`: the web service (dashboard, web chat), the Telegram bot when a token is
set and the Teams endpoint when configured, in one event loop, as in python-telegram-bot's
custom webhook example.

Notices to chat users (status changes, brokers' questions, new drafts for brokers) are stored
first and delivered by a small loop per push channel, so a restart or a hiccup loses none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from telegram import Update
from telegram.ext import Application

from bot import texts
from bot.assistant import Assistant, notice_reply, utc_now
from bot.channels.teams import TeamsChannel
from bot.channels.telegram import build_application, send_replies
from bot.indexing import open_indexes
from bot.mail import Mailer
from bot.notify import deliver_notices, notify_brokers
from bot.scheduler import run_due_work
from bot.settings import Settings
from bot.wiring import Assembly, assemble, check_data_dir, link_secret
from knowledge import maintenance
from web.app import create_app

log = logging.getLogger(__name__)
DELIVERY_INTERVAL = 1.0
DUE_WORK_INTERVAL = 60.0
PURGE_INTERVAL = 24 * 3600.0
KEEP_ALIVE_SECONDS = 75


def mailer_for(settings: Settings) -> Mailer:
    return Mailer(
        outbox=settings.outbox_dir,
        sender=settings.smtp_from,
        host=settings.smtp_host,
        port=settings.smtp_port,
        user=settings.smtp_user,
        password=settings.smtp_password,
        starttls=settings.smtp_starttls,
    )


def chat_channels(settings: Settings) -> frozenset[str]:
    """The push channels this service runs (brokers can be told there)."""
    return frozenset(
        name for name, on in (("telegram", bool(settings.telegram_token)), ("teams", settings.teams_enabled)) if on
    )


def build_assistant(assembly: Assembly, settings: Settings) -> Assistant:
    mailer = mailer_for(settings)
    assistant = Assistant(assembly.db, assembly.matcher)
    channels = chat_channels(settings)
    assistant.on_submitted = lambda draft_id: notify_brokers(
        assembly.db, draft_id, mailer, settings.base_url, utc_now(), channels
    )
    return assistant


def telegram_webhook_route(app: Application, secret: str) -> Route:
    async def receive(request: Request) -> Response:
        if not secrets.compare_digest(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), secret):
            return Response(status_code=403)
        try:
            data = await request.json()
        except ValueError:
            return Response(status_code=400)
        await app.update_queue.put(Update.de_json(data, app.bot))
        return Response()

    return Route("/telegram", receive, methods=["POST"])


class Service:
    """The web server and the optional Telegram bot in one event loop."""

    def __init__(self, settings: Settings, assembly: Assembly) -> None:
        from bot.analysis import shared_frog

        # Frog loads (about 5 s) while the service starts; `run_service` begins even earlier,
        # beside the model. Starting twice is one start.
        shared_frog().start_in_background()
        self.settings = settings
        self.assembly = assembly
        self.assistant = build_assistant(assembly, settings)
        self.telegram = (
            build_application(self.assistant, settings.telegram_token, settings.telegram_base_url)
            if settings.telegram_token
            else None
        )
        self.teams = TeamsChannel(self.assistant, settings) if settings.teams_enabled else None
        self.secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)
        extra: list[BaseRoute] = []
        if self.telegram and settings.telegram_webhook_url:
            extra.append(telegram_webhook_route(self.telegram, self.secret))
        if self.teams:
            extra.append(self.teams.route())
        self.mailer = mailer_for(settings)
        self.link_secret = link_secret(settings)
        self.next_purge = 0.0  # at the first due-work round after the start
        self.web = create_app(
            assembly.db,
            clock=utc_now,
            secure_cookies=settings.base_url.startswith("https://"),
            db_lock=self.assistant.lock,
            assistant=self.assistant,
            extra_routes=extra,
            mailer=self.mailer,
            base_url=settings.base_url,
            reindex=self.reindex,
            secret=self.link_secret,
        )
        if self.teams:
            # Where the SDK's JWT check finds its settings.
            self.web.state.agent_configuration = self.teams.auth_configuration
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.web,
                host=settings.host,
                port=settings.port,
                log_level="warning",
                lifespan="off",
                # Longer than the usual reverse-proxy keep-alive (60 s): the proxy closes idle
                # connections first, so it never sends a request into one we are closing.
                timeout_keep_alive=KEEP_ALIVE_SECONDS,
            )
        )

    def reindex(self) -> None:
        """Bring the indexes up to date after the knowledge grew (only new texts are embedded)."""
        indexes, _ = open_indexes(self.assembly.db, self.settings.index_dir, self.assembly.encoder)
        self.assembly.matcher.indexes = indexes
        self.assembly.matcher.refresh_catalogue()

    def due_work(self) -> tuple[int, int]:
        with self.assistant.lock:
            done = run_due_work(self.assembly.db, self.mailer, self.link_secret, self.settings.base_url, utc_now())
            if time.monotonic() >= self.next_purge:
                self.purge()
            return done

    def purge(self) -> dict[str, int]:
        """Retention, once a day: conversations untouched for VRAAGWIJZER_RETENTION_DAYS go."""
        self.next_purge = time.monotonic() + PURGE_INTERVAL
        deleted = maintenance.purge(self.assembly.db, self.settings.retention_days, utc_now())
        if any(deleted.values()):
            log.warning(texts.nl.PURGED.format(days=self.settings.retention_days, counts=deleted))
        return deleted

    async def due_work_forever(self) -> None:
        """Reminders and closing of unanswered suggestions, every minute, from stored due times."""
        while True:
            try:
                await asyncio.to_thread(self.due_work)
            except Exception:
                log.exception("Due work failed; will try again")
            await asyncio.sleep(DUE_WORK_INTERVAL)

    def stop(self) -> None:
        self.server.should_exit = True

    async def run(self) -> None:
        settings, telegram = self.settings, self.telegram
        deliveries: list[asyncio.Task[Any]] = []
        if telegram:
            await telegram.initialize()
            if telegram.post_init:
                await telegram.post_init(telegram)
            await telegram.start()
            if settings.telegram_webhook_url:
                await telegram.bot.set_webhook(
                    settings.telegram_webhook_url, secret_token=self.secret, allowed_updates=Update.ALL_TYPES
                )
                mode = f"webhook {settings.telegram_webhook_url}"
            else:
                assert telegram.updater is not None
                await telegram.updater.start_polling(allowed_updates=Update.ALL_TYPES)
                mode = "polling"
            log.warning(texts.nl.RUN_TELEGRAM.format(mode=mode))
            deliveries.append(asyncio.create_task(self.deliver_forever("telegram", telegram_sender(self, telegram))))
        else:
            log.warning(texts.nl.RUN_NO_TELEGRAM)
        if self.teams:
            log.warning(texts.nl.RUN_TEAMS.format(mode=self.teams.mode))
            deliveries.append(asyncio.create_task(self.deliver_forever("teams", self.teams.send_notice)))
        else:
            log.warning(texts.nl.RUN_NO_TEAMS)
        log.warning(texts.nl.RUN_WEB.format(url=settings.base_url))
        due = asyncio.create_task(self.due_work_forever())
        try:
            await self.server.serve()
        finally:
            due.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await due
            for task in deliveries:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if telegram:
                if telegram.updater and telegram.updater.running:
                    await telegram.updater.stop()
                await telegram.stop()
                await telegram.shutdown()

    async def deliver_forever(self, channel: str, send: Callable[[str, str, str, str], Awaitable[None]]) -> None:
        while True:
            try:
                await deliver_notices(self.assembly.db, self.assistant.lock, channel, send, utc_now)
            except Exception:
                log.exception("Delivering %s notices failed; will try again", channel)
            await asyncio.sleep(DELIVERY_INTERVAL)


def telegram_sender(service: Service, telegram: Application) -> Callable[[str, str, str, str], Awaitable[None]]:
    async def send(user_ref: str, text: str, kind: str, draft_id: str) -> None:
        language = await asyncio.to_thread(service.assistant.language_of, "telegram", user_ref)
        await send_replies(telegram.bot, int(user_ref), [notice_reply(text, kind, draft_id, language)])

    return send


def run_service(settings: Settings) -> None:
    check_data_dir(settings)
    # One service per data folder; a restore waits for it to stop.
    with maintenance.service_lock(settings.data_dir):
        from bot.analysis import shared_frog

        shared_frog().start_in_background()  # Frog's models load (about 6 s) while the model does
        service = Service(settings, assemble(settings))
        # uvicorn shuts down gracefully on Ctrl-C/SIGTERM, then re-raises the signal: that is a
        # normal stop, not an error.
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(service.run())
    log.warning(texts.nl.RUN_STOPPED)
