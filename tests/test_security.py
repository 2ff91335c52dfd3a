"""Security review as tests, over every route the web service has: who may see and do what,
CSRF on every form, session fixation, headers. The route list comes from the application, so a
new page cannot slip in without a decision here."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlite_utils import Database
from starlette.routing import BaseRoute, Mount, Route
from starlette.testclient import TestClient

from knowledge import intakes, review, sessions
from tests.support.dashboard import NOW, login

# Reachable without a broker session, each for a reason.
PUBLIC = {
    "/": "redirects to the queue",
    "/privacy": "the privacy statement",
    "/toegankelijkheid": "the accessibility statement",
    "/chat": "the web chat of civil servants (anonymous cookie, own CSRF)",
    "/login/{token}": "the single-use login link itself",
    "/s/{token}": "an institution's own suggestion (unguessable signed link)",
    "/s/{token}/groep": "an institution's own suggestions (same link)",
    "/static": "style sheet",
    "/opdrachten": "public catalogue of approved questions (no personal data)",
    "/opdrachten/thema/{theme}.atom": "Atom feed per theme",
    "/opdrachten/abonnement": "subscribing to themes (anonymous form, double opt-in)",
    "/opdrachten/abonnement/bevestigen/{id}/{signature}": "confirming a subscription (signed single-use link)",
    "/opdrachten/abonnement/afmelden/{id}/{signature}": "unsubscribing (signed link, RFC 8058 one-click POST)",
    "/opdrachten/{draft_id}": "a question in the catalogue",
    "/opdrachten/{draft_id}/interesse": "interest of a research group (anonymous form; brokers confirm)",
}
DRAFT = "VW-2026-WEB001"


def routes(client: TestClient) -> Iterator[tuple[str, set[str]]]:
    yield from _routes(client.app.routes, "")  # type: ignore[attr-defined]


def _routes(found: list[BaseRoute], prefix: str) -> Iterator[tuple[str, set[str]]]:
    """Every route with its full path; an area's Mount is walked, a static folder is one path."""
    for route in found:
        if isinstance(route, Route):
            yield prefix + route.path, set(route.methods or ())
        elif isinstance(route, Mount) and route.routes:
            yield from _routes(route.routes, prefix + route.path)
        elif isinstance(route, Mount):
            yield prefix + route.path, {"GET"}


def concrete(path: str) -> str:
    return path.replace("{draft_id}", DRAFT).replace("{token}", "x" * 40)


def test_every_route_is_public_on_purpose_or_needs_a_broker(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    checked = 0
    for path, methods in routes(client):
        if path in PUBLIC:
            continue
        for method in methods - {"HEAD"}:
            response = client.request(method, concrete(path), data={"csrf": "x"})
            assert response.status_code == 401, (method, path, response.status_code)
            checked += 1
    assert checked >= 15
    assert intakes.get_draft(db, DRAFT).state == "submitted"


def test_every_form_of_a_broker_needs_the_sessions_csrf_token(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    posts = [p for p, methods in routes(client) if "POST" in methods and p not in PUBLIC]
    assert len(posts) >= 12
    for path in posts:
        for data in ({}, {"csrf": "not-the-token"}):
            response = client.post(concrete(path), data=data)
            assert response.status_code in (403, 404), (path, response.status_code)
    assert intakes.get_draft(db, DRAFT).state == "submitted"
    assert [e.to_state for e in intakes.events_of(db, DRAFT)] == ["submitted"]


def test_a_session_id_planted_before_login_is_not_used(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    planted = "chosen-by-an-attacker"
    client.cookies.set("vw_session", planted)
    assert client.get("/queue").status_code == 401
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    issued = client.get(f"/login/{token}").cookies.get("vw_session")
    assert issued and issued != planted  # a fresh id from the server, whatever the browser had
    attacker = TestClient(client.app, follow_redirects=False, cookies={"vw_session": "chosen-by-an-attacker"})
    assert attacker.get("/queue").status_code == 401


def test_every_response_carries_the_security_headers(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    for path in ("/queue", f"/drafts/{DRAFT}", "/privacy", "/chat", "/nope", "/s/" + "x" * 40):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    cookie = client.get(f"/login/{'y' * 10}").headers.get("set-cookie", "")
    assert "vw_session" not in cookie  # a bad link sets nothing


@pytest.mark.parametrize("email", ["rijk@oost.nl", "ho@west.nl"])
def test_a_broker_sees_only_what_brokers_see(setup, email: str) -> None:  # type: ignore[no-untyped-def]
    """Any broker may read any region (SPEC: brokers see all regions); acting outside their own
    region needs a take-over, which other tests cover. Nobody else reads drafts."""
    client, db = setup
    login(client, db, email)
    assert client.get(f"/drafts/{DRAFT}").status_code == 200


def test_secrets_are_never_in_the_source(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Tokens, passwords and keys come from the environment or the data folder, never code."""
    from pathlib import Path

    suspicious = re.compile(r"(?i)(password|secret|token)\s*=\s*['\"]([A-Za-z0-9+/_-]{12,})['\"]")
    hits = [
        f"{path}:{n}"
        for folder in ("bot", "knowledge", "embeddings", "web")
        for path in Path(folder).rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        for found in suspicious.finditer(line)
        if not re.fullmatch(r"[A-Z0-9_]+", found.group(2))  # names of settings are fine
    ]
    assert hits == []


def test_broker_records_hold_no_secrets(db: Database) -> None:
    broker = review.add_broker(db, name="A", email="a@b.nl", region="oost", side="rijk", now=NOW)
    row = next(iter(db["brokers"].rows_where("id = ?", [broker.id])))
    assert set(row) == {"id", "name", "email", "region", "side", "telegram_id", "teams_id", "created_at"}
