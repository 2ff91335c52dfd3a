"""`vraagwijzer run`: the long-running service. For now the Telegram bot (polling, or a
webhook when TELEGRAM_WEBHOOK_URL is set); the web service joins it in a later release."""

from __future__ import annotations

import logging
import secrets

from telegram import Update

from bot.assistant import Assistant
from bot.channels.telegram import build_application
from bot.settings import Settings, SettingsError
from bot.texts import nl
from bot.wiring import assemble

log = logging.getLogger(__name__)


def run_service(settings: Settings) -> None:
    if not settings.telegram_token:
        raise SettingsError(nl.RUN_NO_CHANNEL)
    assembly = assemble(settings)
    app = build_application(
        Assistant(assembly.db, assembly.matcher), settings.telegram_token, settings.telegram_base_url
    )
    if settings.telegram_webhook_url:
        secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)
        log.warning(nl.RUN_TELEGRAM.format(mode=f"webhook op {settings.host}:{settings.port}"))
        app.run_webhook(
            listen=settings.host,
            port=settings.port,
            url_path="telegram",
            webhook_url=settings.telegram_webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        log.warning(nl.RUN_TELEGRAM.format(mode="polling"))
        app.run_polling(allowed_updates=Update.ALL_TYPES)
