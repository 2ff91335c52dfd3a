"""The broker dashboard through Starlette's TestClient: every route and permission."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from knowledge import intakes, review, sessions
from tests.support.dashboard import DRAFT, NOW, Clock, login

LATER = "2026-11-28T10:20:00+00:00"


@pytest.mark.parametrize("path", ["/queue", "/drafts/VW-2026-WEB001", "/drafts/VW-2026-WEB001/docx"])
def test_anonymous_visitors_see_nothing(setup, path: str) -> None:  # type: ignore[no-untyped-def]
    client, _ = setup
    response = client.get(path)
    assert response.status_code == 401 and "Niet ingelogd" in response.text
    assert "maatregelen" not in response.text


def test_the_privacy_statement_is_public_and_a_chat_code_needs_a_session(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    page = client.get("/privacy")
    assert page.status_code == 200 and "Wat Vraagwijzer bewaart" in page.text
    assert client.post("/account/chat-code", data={"csrf": "x"}).status_code == 401
    csrf = login(client, db, "rijk@oost.nl")
    assert client.post("/account/chat-code", data={"csrf": "wrong"}).status_code == 403
    shown = client.post("/account/chat-code", data={"csrf": csrf})
    assert shown.status_code == 200 and re.search(r"koppel [A-Z0-9]{4}-[A-Z0-9]{4}", shown.text)
    assert db.execute("SELECT count(*) FROM chat_link_codes").fetchone()[0] == 1


@pytest.mark.parametrize("action", ["approve", "request-changes", "reject", "take-over", "edit"])
def test_anonymous_actions_are_refused(setup, action: str) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    assert client.post(f"/drafts/VW-2026-WEB001/{action}", data={"csrf": "x"}).status_code == 401
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "submitted"


def test_queue_and_draft_page_escape_what_users_typed(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    queue = client.get("/queue")
    assert queue.status_code == 200 and "VW-2026-WEB001" in queue.text and "cybersecurity" in queue.text
    page = client.get("/drafts/VW-2026-WEB001")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text and "<script>alert" not in page.text
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
        assert header in page.headers


def test_four_eyes_through_the_pages(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    first = client.post("/drafts/VW-2026-WEB001/approve", data={"csrf": csrf})
    assert first.status_code == 303
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "in_review"
    twice = client.post("/drafts/VW-2026-WEB001/approve", data={"csrf": csrf})
    assert twice.status_code == 409 and "al goedgekeurd" in twice.text
    other = TestClient(client.app, follow_redirects=False)
    csrf_ho = login(other, db, "ho@oost.nl")
    assert other.post("/drafts/VW-2026-WEB001/approve", data={"csrf": csrf_ho}).status_code == 303
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "approved"


def test_missing_or_wrong_csrf_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    assert client.post("/drafts/VW-2026-WEB001/approve").status_code == 403
    assert client.post("/drafts/VW-2026-WEB001/approve", data={"csrf": "guess"}).status_code == 403
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "submitted"


def test_broker_of_another_region_must_take_over(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "ho@west.nl")
    refused = client.post("/drafts/VW-2026-WEB001/approve", data={"csrf": csrf})
    assert refused.status_code == 409 and "neem het eerst over" in refused.text
    assert client.post("/drafts/VW-2026-WEB001/take-over", data={"csrf": csrf}).status_code == 303
    assert intakes.get_draft(db, "VW-2026-WEB001").region == "west"


def test_edit_is_an_event_with_before_and_after(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    response = client.post(
        "/drafts/VW-2026-WEB001/edit",
        data={
            "csrf": csrf,
            "title": DRAFT["title"],
            "main_question": "Hoe kan DUO updates binnen een week uitrollen?",
            "sub_questions": "A?\nB?\n\nC?",
        },
    )
    assert response.status_code == 303
    draft = intakes.get_draft(db, "VW-2026-WEB001").draft
    assert draft["main_question"] == "Hoe kan DUO updates binnen een week uitrollen?"
    assert draft["sub_questions"] == ["A?", "B?", "C?"]
    comments = [e.comment for e in intakes.events_of(db, "VW-2026-WEB001")]
    assert any('"field": "main_question"' in c and "Welke maatregelen" in c for c in comments)


def test_request_changes_and_reject_need_their_text(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    empty = client.post("/drafts/VW-2026-WEB001/request-changes", data={"csrf": csrf, "question": " "})
    assert empty.status_code == 409
    bad_reason = client.post("/drafts/VW-2026-WEB001/reject", data={"csrf": csrf, "reason": "saai"})
    assert bad_reason.status_code == 409
    asked = client.post("/drafts/VW-2026-WEB001/request-changes", data={"csrf": csrf, "question": "Welke data?"})
    assert asked.status_code == 303
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "changes_requested"


def test_login_link_is_single_use_and_expires(setup, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    assert client.get(f"/login/{token}").status_code == 303
    reused = client.get(f"/login/{token}")
    assert reused.status_code == 400 and "al gebruikt" in reused.text
    late = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    clock.now = LATER
    expired = client.get(f"/login/{late}")
    assert expired.status_code == 400 and "verlopen" in expired.text
    assert client.get("/login/made-up").status_code == 400


def test_logout_ends_the_session(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    cookie = client.cookies.get("vw_session")
    assert client.post("/logout", data={"csrf": csrf}).status_code == 200
    client.cookies.set("vw_session", cookie or "")
    assert client.get("/queue").status_code == 401  # the old cookie is worthless now


def test_docx_download_and_unknown_draft(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    docx = client.get("/drafts/VW-2026-WEB001/docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get("/drafts/VW-NOPE").status_code == 404
    assert client.get("/nowhere").status_code == 404


def test_the_civil_servant_is_told_of_every_state_change(setup) -> None:  # type: ignore[no-untyped-def]
    from knowledge import notices

    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    client.post("/drafts/VW-2026-WEB001/approve", data={"csrf": csrf})
    client.post("/drafts/VW-2026-WEB001/request-changes", data={"csrf": csrf, "question": "Welke data?"})
    told = notices.pending_notices(db, "telegram", "42")
    assert [n.kind for n in told] == ["in_review", "changes_requested"]
    assert "Welke data?" in told[1].text


def test_brokers_add_and_remove_suggested_groups(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    assert "Lectoraat Digitale Toegankelijkheid" in client.get("/drafts/VW-2026-WEB001").text  # in the picker
    added = client.post("/drafts/VW-2026-WEB001/groups/add", data={"csrf": csrf, "group_id": "grp-hu-cyber"})
    assert added.status_code == 303
    groups = intakes.get_draft(db, "VW-2026-WEB001").draft["suggested_groups"]
    assert [g["id"] for g in groups] == ["grp-hu-cyber"] and groups[0]["why"] == ["toegevoegd door Rijk Oost"]
    assert client.post("/drafts/VW-2026-WEB001/groups/add", data={"csrf": csrf, "group_id": "nope"}).status_code == 409
    removed = client.post("/drafts/VW-2026-WEB001/groups/remove", data={"csrf": csrf, "group_id": "grp-hu-cyber"})
    assert removed.status_code == 303
    assert intakes.get_draft(db, "VW-2026-WEB001").draft["suggested_groups"] == []
    reasons = [e.comment for e in intakes.events_of(db, "VW-2026-WEB001") if "suggested_groups" in e.comment]
    assert len(reasons) == 2 and "groep toegevoegd" in reasons[0] and "groep verwijderd" in reasons[1]


def test_form_level_and_themes_are_editable_within_the_fixed_slugs(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    ok = client.post(
        "/drafts/VW-2026-WEB001/edit",
        data={
            "csrf": csrf,
            "form": "minor",
            "level": "wo",
            "themes_present": "1",
            "theme_ai": "1",
            "theme_iot-5g": "1",
        },
    )
    assert ok.status_code == 303
    draft = intakes.get_draft(db, "VW-2026-WEB001").draft
    assert (draft["form"], draft["level"], draft["themes"]) == ("minor", "wo", ["ai", "iot-5g"])
    bad = client.post("/drafts/VW-2026-WEB001/edit", data={"csrf": csrf, "level": "mbo"})
    assert bad.status_code == 409 and "Onbekend niveau" in bad.text


def test_institution_link_page_answers_and_group_view(setup) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    from knowledge import suggestions

    client, db = setup
    rijk, ho = review.broker_by_email(db, "rijk@oost.nl"), review.broker_by_email(db, "ho@oost.nl")
    review.approve(db, "VW-2026-WEB001", rijk, NOW)
    review.approve(db, "VW-2026-WEB001", ho, NOW)
    ((_, token),) = suggestions.send_suggestions(db, "VW-2026-WEB001", rijk, ["grp-saxion-cyber"], NOW, b"test-secret")
    page = client.get(f"/s/{token}")
    assert page.status_code == 200 and DRAFT["main_question"] in page.text and "Wij hebben interesse" in page.text
    assert client.get(f"/s/{token}x").status_code == 404
    assert client.get("/s/../queue").status_code in (401, 404)
    csrf = hashlib.sha256(f"s:{token}".encode()).hexdigest()[:32]
    assert client.post(f"/s/{token}", data={"csrf": "forged", "kind": "decline", "reason": "anders"}).status_code == 403
    no_reason = client.post(f"/s/{token}", data={"csrf": csrf, "kind": "decline"})
    assert no_reason.status_code == 409 and "reden" in no_reason.text
    done = client.post(f"/s/{token}", data={"csrf": csrf, "kind": "decline", "reason": "geen_capaciteit"})
    assert done.status_code == 200 and "antwoord is ontvangen" in done.text
    again = client.post(f"/s/{token}", data={"csrf": csrf, "kind": "question", "text": "nog iets"})
    assert again.status_code == 409 and "al beantwoord" in again.text
    group = client.get(f"/s/{token}/groep")
    assert group.status_code == 200 and "Updates sneller (DUO)" in group.text and "declined" in group.text
    events = [e.comment for e in intakes.events_of(db, "VW-2026-WEB001")]
    assert any("afgezien: geen_capaciteit" in c for c in events)


def test_a_group_without_contact_address_is_refused_before_anything_is_sent(setup) -> None:  # type: ignore[no-untyped-def]
    from knowledge import suggestions

    client, db = setup
    rijk, ho = review.broker_by_email(db, "rijk@oost.nl"), review.broker_by_email(db, "ho@oost.nl")
    review.approve(db, "VW-2026-WEB001", rijk, NOW)
    review.approve(db, "VW-2026-WEB001", ho, NOW)
    db.execute("UPDATE research_groups SET contact_email = '' WHERE id = 'grp-hu-cyber'")
    csrf = login(client, db, "rijk@oost.nl")
    refused = client.post(
        "/drafts/VW-2026-WEB001/suggest", data={"csrf": csrf, "group_grp-saxion-cyber": "1", "group_grp-hu-cyber": "1"}
    )
    assert (
        refused.status_code == 409 and "Geen contactadres bekend voor Lectoraat Digitale Weerbaarheid" in refused.text
    )
    assert suggestions.suggestions_of(db, "VW-2026-WEB001") == []
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "approved"


def test_an_edit_by_a_broker_is_checked_again(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    bad = "Welke maatregelen kan DUO nemen om updates binnen een week uitrollen en de servicedesk ontlasten?"
    client.post("/drafts/VW-2026-WEB001/edit", data={"csrf": csrf, "main_question": bad})
    quality = {q["check"]: q for q in intakes.get_draft(db, "VW-2026-WEB001").draft["quality"]}
    assert not quality["te_infinitive"]["ok"] and quality["te_infinitive"]["label"] == "‘te’ op de goede plaats"
    page = client.get("/drafts/VW-2026-WEB001").text
    assert "‘te’ op de goede plaats" in page and "te_infinitive" not in page
    good = "Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen?"
    client.post("/drafts/VW-2026-WEB001/edit", data={"csrf": csrf, "main_question": good})
    quality = {q["check"]: q for q in intakes.get_draft(db, "VW-2026-WEB001").draft["quality"]}
    assert quality["te_infinitive"]["ok"]
    assert not any('"field": "quality"' in e.comment for e in intakes.events_of(db, "VW-2026-WEB001"))
