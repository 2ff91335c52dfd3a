"""`vraagwijzer run`: the web service (dashboard, pages for research groups) and every configured
chat channel (web chat always; Telegram when a token is set; Teams when configured) in one event
loop, as in python-telegram-bot's custom webhook example.

This is the one place that names the concrete channels. They are started and stopped alike and
mount their own routes; notices to chat users (status changes, brokers' questions, new drafts for
brokers) are stored first and delivered by a small loop per pushing channel, so a restart or a
hiccup loses none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from typing import Any

import uvicorn

from bot import texts
from bot.catalogue import Catalogue
from bot.catalogue.subscriptions import subscriptions_for_workflow
from bot.channels.base import Channel
from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.frog import shared_frog
from bot.matching.indexing import open_indexes
from bot.settings import Settings
from bot.wiring import Assembly, assemble, check_data_dir, link_secret, model_wording
from bot.workflow import Mailer, Workflow, deliver_notices, utc_now
from embeddings.lexical import QueryExpander
from knowledge import maintenance
from knowledge.example_data import thesaurus_entries
from web.app import create_app
from web.pages.site import render

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


def configured_channels(settings: Settings, assistant: Assistant) -> list[Channel]:
    """The chat channels to run, in order of preference for telling a broker (Teams before
    Telegram: a broker who talked to the Teams bot reads it there)."""
    channels: list[Channel] = []
    # Each channel's SDK is imported only when that channel runs (the Agents SDK alone takes
    # seconds to import, and a service without Teams need not wait for it).
    if settings.teams_enabled:
        from bot.channels.teams import TeamsChannel

        channels.append(TeamsChannel(assistant, settings.teams_client_id, dict(settings.teams_env)))
    else:
        log.warning(texts.nl.RUN_NO_TEAMS)
    if settings.telegram_token:
        from bot.channels.telegram import TelegramChannel

        channels.append(
            TelegramChannel(
                assistant,
                settings.telegram_token,
                base_url=settings.telegram_base_url,
                webhook_url=settings.telegram_webhook_url,
                webhook_secret=settings.telegram_webhook_secret,
            )
        )
    else:
        log.warning(texts.nl.RUN_NO_TELEGRAM)
    channels.append(WebChatChannel(assistant, render, secure_cookies=secure_cookies(settings)))
    return channels


def secure_cookies(settings: Settings) -> bool:
    return settings.base_url.startswith("https://")


class Service:
    """The web server and the chat channels in one event loop."""

    def __init__(self, settings: Settings, assembly: Assembly) -> None:
        # Frog loads (about 4 s) while the service starts; `vraagwijzer run` begins even earlier,
        # before it imports the service. Starting twice is one start.
        shared_frog().start_in_background()
        self.settings = settings
        self.assembly = assembly
        self.mailer = mailer_for(settings)
        self.workflow = Workflow(
            assembly.db,
            clock=utc_now,
            mailer=self.mailer,
            base_url=settings.base_url,
            secret=link_secret(settings),
            matcher=assembly.matcher,
            reindex=self.reindex,
        )
        self.assistant = Assistant(
            assembly.db, assembly.matcher, workflow=self.workflow, wording=model_wording(settings)
        )
        self.channels = configured_channels(settings, self.assistant)
        pushing = [channel for channel in self.channels if channel.pushes]
        self.assistant.push_channels = frozenset(channel.name for channel in pushing)
        self.workflow.channels = pushing
        self.next_purge = 0.0  # at the first due-work round after the start
        # The public catalogue (/opdrachten): built now, kept current by the workflow's changes.
        self.catalogue = Catalogue(
            assembly.db, self.workflow.lock, assembly.encoder, QueryExpander(thesaurus_entries())
        )
        self.catalogue.rebuild()
        self.workflow.listeners.append(self.catalogue.refresh)
        self.subscriptions = subscriptions_for_workflow(self.workflow, self.catalogue)
        self.web = create_app(
            assembly.db,
            workflow=self.workflow,
            channels=self.channels,
            secure_cookies=secure_cookies(settings),
            catalogue=self.catalogue,
        )
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
        done = self.workflow.due_work()
        # The catalogue's weekly digests (due a week after the last) and expired subscriptions.
        self.subscriptions.due_work()
        with self.assistant.lock:
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
        started: list[Channel] = []
        tasks: list[asyncio.Task[Any]] = []
        try:
            for channel in self.channels:
                await channel.start()
                started.append(channel)
                if channel.pushes:
                    tasks.append(asyncio.create_task(self.deliver_forever(channel)))
            log.warning(texts.nl.RUN_WEB.format(url=self.settings.base_url))
            tasks.append(asyncio.create_task(self.due_work_forever()))
            await self.server.serve()
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            for channel in reversed(started):
                await channel.stop()

    async def deliver_forever(self, channel: Channel) -> None:
        while True:
            try:
                await deliver_notices(self.assembly.db, self.assistant.lock, channel.name, channel.push, utc_now)
            except Exception:
                log.exception("Delivering %s notices failed; will try again", channel.name)
            await asyncio.sleep(DELIVERY_INTERVAL)


def run_service(settings: Settings) -> None:
    check_data_dir(settings)
    # One service per data folder; a restore waits for it to stop.
    # SIGTERM stops the service as Ctrl-C does: uvicorn shuts down gracefully, then raises the
    # signal again, which must end in a normal stop (Frog's processes closed), not an error.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    with maintenance.service_lock(settings.data_dir), contextlib.suppress(KeyboardInterrupt):
        service = Service(settings, assemble(settings))
        asyncio.run(service.run())
    log.warning(texts.nl.RUN_STOPPED)
