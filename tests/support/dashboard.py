"""The broker dashboard through Starlette's TestClient: a submitted draft, the duo of region
oost and a broker of west, a clock the test can move, and logging in through a link.

The fixtures ``clock`` and ``setup`` reach every test module as a plugin (``pytest_plugins``
in tests/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlite_utils import Database
from starlette.testclient import TestClient

from knowledge import intakes, review, sessions
from tests.support import builders

NOW = builders.NOW
DRAFT = builders.draft_document(background="<script>alert('x')</script> laptops")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> str:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def setup(small_db: Database, clock: Clock) -> Iterator[tuple[TestClient, Database]]:
    from web.app import create_app  # here, not at the top: conftest loads this module for every test

    db = small_db
    intakes.submit_draft(db, builders.submitted_draft(id="VW-2026-WEB001", draft=DRAFT))
    for name, email, region, side in (
        ("Rijk Oost", "rijk@oost.nl", "oost", "rijk"),
        ("HO Oost", "ho@oost.nl", "oost", "ho"),
        ("HO West", "ho@west.nl", "west", "ho"),
    ):
        review.add_broker(db, name=name, email=email, region=region, side=side, now=NOW)
    with TestClient(create_app(db, clock=clock), follow_redirects=False) as client:
        yield client, db


def login(client: TestClient, db: Database, email: str) -> str:
    """Log in through a fresh link; returns the CSRF token of the session."""
    token = sessions.create_login_token(db, review.broker_by_email(db, email), NOW)
    response = client.get(f"/login/{token}")
    assert response.status_code == 303 and response.headers["location"] == "/queue"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = client.get("/drafts/VW-2026-WEB001").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
