"""`vraagwijzer run` inside the test process: the service in its own thread and event loop,
waiting until its pages answer, and a broker logged in over HTTP."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path
from typing import Any

import httpx
from sqlite_utils import Database

from bot.matching import Matcher
from bot.settings import Settings
from bot.wiring import Assembly
from bot.workflow import utc_now
from knowledge import review, sessions
from tests.support.fakes import FakeEncoder
from tests.support.telegram import BotApiStandIn
from web.service import Service

TOKEN = "123456:SERVICE"


class RunningService:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.thread = threading.Thread(target=lambda: asyncio.run(service.run()), daemon=True)

    def __enter__(self) -> RunningService:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.service.stop()
        self.thread.join(20)
        assert not self.thread.is_alive()


def wait_http(url: str) -> None:
    for _ in range(200):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            threading.Event().wait(0.05)
    raise AssertionError(f"{url} did not come up")


def make_service(
    parts: tuple[Database, FakeEncoder, Matcher],
    tmp_path: Path,
    standin: BotApiStandIn | None,
    port: int,
    **extra: Any,
) -> Service:
    """The service on the conftest's ``service_parts``, with Telegram against ``standin`` if given."""
    db, encoder, matcher = parts
    settings = Settings(
        data_dir=tmp_path,
        model=None,
        threads=1,
        log_level="WARNING",
        port=port,
        telegram_token=TOKEN if standin else None,
        telegram_base_url=standin.base_url if standin else None,
        **extra,
    )
    return Service(settings, Assembly(db, encoder, matcher.indexes, matcher, []))


def login(client: httpx.Client, db: Database, base: str, email: str) -> str:
    """Log a broker in through a fresh link; returns the CSRF token of the session."""
    token = sessions.create_login_token(db, review.broker_by_email(db, email), utc_now())
    response = client.get(f"{base}/login/{token}", follow_redirects=True)
    assert response.status_code == 200, response.text
    return re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)  # type: ignore[union-attr]
