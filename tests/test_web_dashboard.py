"""The broker dashboard through Starlette's TestClient: every route and permission."""

from __future__ import annotations

import html
import json
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
    unconfirmed = client.post("/drafts/VW-2026-WEB001/groups/remove", data={"csrf": csrf, "group_id": "grp-hu-cyber"})
    assert unconfirmed.status_code == 409 and "Ja, verwijderen" in unconfirmed.text
    assert len(intakes.get_draft(db, "VW-2026-WEB001").draft["suggested_groups"]) == 1
    removed = client.post(
        "/drafts/VW-2026-WEB001/groups/remove", data={"csrf": csrf, "group_id": "grp-hu-cyber", "confirm": "1"}
    )
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


# -- the draft page: the next step first, only actions that will be accepted ----------------------
DRAFT_PAGE = "/drafts/VW-2026-WEB001"
ALL_ACTIONS = ("approve", "request-changes", "reject", "take-over", "edit", "suggest", "match", "complete")


def offered(page: str) -> set[str]:
    """The review actions a page offers (its forms), the group actions left out."""
    return {a for a in re.findall(r'action="/drafts/VW-2026-WEB001/([\w-]+)"', page) if a in ALL_ACTIONS}


def next_step_text(page: str) -> str:
    return re.search(r'id="next-step-text"><strong>([^<]*)<', page).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("state", "given", "side", "own", "reactions", "step"),
    [
        ("submitted", [], "rijk", True, [], "review"),
        ("in_review", ["rijk"], "rijk", True, [], "wait_side"),
        ("in_review", ["rijk"], "ho", True, [], "review"),
        ("changes_requested", [], "ho", True, [], "wait_submitter"),
        ("approved", ["rijk", "ho"], "ho", True, [], "suggest"),
        ("suggested", [], "rijk", True, ["sent", "declined"], "wait_groups"),
        ("suggested", [], "rijk", True, ["sent", "interested"], "confirm"),
        ("matched", [], "rijk", True, ["accepted"], "complete"),
        ("submitted", [], "ho", False, [], "take_over"),
        ("rejected", [], "ho", False, [], "closed"),
        ("completed", [], "rijk", True, [], "closed"),
    ],
)
def test_the_next_step_follows_state_approvals_side_and_reactions(  # type: ignore[no-untyped-def]
    state, given, side, own, reactions, step
) -> None:
    from web.pages.drafts import next_step

    assert next_step(state, given, side, own, reactions) == step


def test_the_draft_page_shows_the_next_step_and_only_actions_that_are_accepted(setup) -> None:  # type: ignore[no-untyped-def]
    from knowledge import suggestions

    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    page = client.get(DRAFT_PAGE).text
    assert next_step_text(page).startswith("Beoordelen")
    assert offered(page) == {"approve", "request-changes", "reject", "edit"}
    assert page.index("Goedkeuren (kant rijk)") < page.index("Antwoorden uit de intake")
    assert re.search(r"<details[^>]*><summary><h2 id=\"intake\">", page)  # intake answers folded
    assert client.post(f"{DRAFT_PAGE}/approve", data={"csrf": csrf}).status_code == 303

    page = client.get(DRAFT_PAGE).text  # own side approved: no approve button that would give a 409
    assert next_step_text(page) == "Wacht op goedkeuring van kant HO."
    assert offered(page) == {"request-changes", "reject", "edit"} and "Goedkeuren" not in page
    rijk = review.broker_by_email(db, "rijk@oost.nl")
    draft = intakes.get_draft(db, "VW-2026-WEB001")
    assert not review.may(draft, rijk, "approve", review.approvals(db, draft.id))
    with pytest.raises(review.ReviewError):
        review.approve(db, draft.id, rijk, NOW)

    west = TestClient(client.app, follow_redirects=False)
    login(west, db, "ho@west.nl")
    page = west.get(DRAFT_PAGE).text  # another region: take-over only
    assert offered(page) == {"take-over"} and "neem het over" in next_step_text(page)

    ho = TestClient(client.app, follow_redirects=False)
    csrf_ho = login(ho, db, "ho@oost.nl")
    assert "Goedkeuren (kant ho)" in ho.get(DRAFT_PAGE).text
    assert ho.post(f"{DRAFT_PAGE}/approve", data={"csrf": csrf_ho}).status_code == 303
    page = client.get(DRAFT_PAGE).text  # approved: the way on is right there
    assert next_step_text(page) == "Voorleggen aan onderzoeksgroepen."
    assert offered(page) == {"suggest", "reject", "edit"}
    assert page.index('action="/drafts/VW-2026-WEB001/suggest"') < page.index('id="vraag"')

    suggestions.send_suggestions(db, "VW-2026-WEB001", rijk, ["grp-saxion-cyber"], NOW, b"secret")
    page = client.get(DRAFT_PAGE).text
    assert next_step_text(page) == "Wacht op antwoord van de groepen."
    assert offered(page) == {"reject", "edit"}
    assert "voorgelegd, nog geen antwoord" in page and ">sent<" not in page  # the reaction in words
    assert "<td>Wacht op antwoord van de groepen.</td>" in client.get("/queue").text  # the step in the queue too


def test_rejecting_and_removing_a_group_need_a_confirmation(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    page = client.get(DRAFT_PAGE).text
    assert re.search(r'<input type="checkbox" id="reject-confirm" name="confirm" value="1" required>', page)
    assert '<button class="danger">Afwijzen</button>' in page
    unconfirmed = client.post(f"{DRAFT_PAGE}/reject", data={"csrf": csrf, "reason": "anders", "text": "nee"})
    assert unconfirmed.status_code == 409 and "Ja, afwijzen" in unconfirmed.text
    assert intakes.get_draft(db, "VW-2026-WEB001").state == "submitted"
    confirmed = client.post(
        f"{DRAFT_PAGE}/reject", data={"csrf": csrf, "reason": "anders", "text": "nee", "confirm": "1"}
    )
    assert confirmed.status_code == 303 and intakes.get_draft(db, "VW-2026-WEB001").state == "rejected"
    page = client.get(DRAFT_PAGE).text  # closed: nothing left to do, nothing offered
    assert offered(page) == set() and "er hoeft niets meer te gebeuren" in next_step_text(page)
    assert "Anders (zie toelichting): nee" in page  # the reason in words in the history


def test_the_group_picker_is_searchable_and_resolved_by_its_label(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    page = client.get(DRAFT_PAGE).text
    assert '<input id="group" name="group" list="group-options"' in page and '<select id="group_id"' not in page
    label = re.search(r'<option value="(Lectoraat Digitale Weerbaarheid[^"]*)">', page).group(1)  # type: ignore[union-attr]
    assert client.post(f"{DRAFT_PAGE}/groups/add", data={"csrf": csrf, "group": label}).status_code == 303
    assert [g["id"] for g in intakes.get_draft(db, "VW-2026-WEB001").draft["suggested_groups"]] == ["grp-hu-cyber"]
    unknown = client.post(f"{DRAFT_PAGE}/groups/add", data={"csrf": csrf, "group": "Lectoraat Onbekend"})
    assert unknown.status_code == 409 and "Kies een bestaande onderzoeksgroep" in unknown.text
    assert client.post(f"{DRAFT_PAGE}/groups/add", data={"csrf": csrf, "group": "grp-saxion-cyber"}).status_code == 303


def test_history_and_quality_read_in_dutch(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    client.post(f"{DRAFT_PAGE}/edit", data={"csrf": csrf, "main_question": "Hoe kan DUO updates sneller uitrollen?"})
    client.post(f"{DRAFT_PAGE}/approve", data={"csrf": csrf})
    page = client.get(DRAFT_PAGE).text
    history = page[page.index('id="historie"') :]
    assert "Hoofdvraag gewijzigd" in history and "Bekijk wijziging" in history
    assert "Welke maatregelen kan DUO nemen" in history and "Hoe kan DUO updates sneller uitrollen?" in history
    assert "28 nov 2026 11:00" in history and "+00:00" not in history  # Amsterdam time, 10:00 UTC
    assert "Rijk Oost" in history and "makelaar:" not in history
    assert "ingediend" in history and "in behandeling" in history and "in_review" not in history
    assert '"field"' not in history and "{" not in history
    client.post(f"{DRAFT_PAGE}/groups/add", data={"csrf": csrf, "group": "grp-hu-cyber"})
    assert "Voorgestelde groepen: groep toegevoegd" in client.get(DRAFT_PAGE).text


def test_quality_checks_are_named_in_dutch(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    login(client, db, "rijk@oost.nl")
    intakes.set_quality(
        db,
        "VW-2026-WEB001",
        [
            {"check": "open_question", "ok": True, "label": "", "advice": ""},
            {"check": "question_mark", "ok": False, "label": "question_mark", "advice": "Eindig met een vraagteken."},
        ],
    )
    page = client.get(DRAFT_PAGE).text
    kwaliteit = page[page.index('id="kwaliteit"') : page.index('id="groepen"')]
    assert "✔ in orde: Open vraag" in kwaliteit and "✘ verbeteren: Eén vraag met vraagteken" in kwaliteit
    assert "open_question" not in kwaliteit and "question_mark" not in kwaliteit


def test_saving_the_form_unchanged_records_no_change(setup) -> None:  # type: ignore[no-untyped-def]
    client, db = setup
    csrf = login(client, db, "rijk@oost.nl")
    stored = {**intakes.get_draft(db, "VW-2026-WEB001").draft, "themes": ["cybersecurity", "ai"]}
    stored["background"] = "Eerste alinea.\n\nTweede alinea."
    db.execute("UPDATE drafts SET draft = ? WHERE id = 'VW-2026-WEB001'", [json.dumps(stored)])
    events = len(intakes.events_of(db, "VW-2026-WEB001"))
    form = {  # as the browser sends the page's form: themes in the form's order, CRLF line breaks
        "csrf": csrf,
        "title": stored["title"],
        "main_question": stored["main_question"],
        "sub_questions": "\r\n".join(stored["sub_questions"]),
        "background": stored["background"].replace("\n", "\r\n"),
        "objective": stored["objective"],
        "scope": stored["scope"],
        "deliverables": "\r\n".join(stored["deliverables"]),
        "constraints": "",
        "form": "",
        "level": stored["level"],
        "themes_present": "1",
        "theme_ai": "1",
        "theme_cybersecurity": "1",
    }
    assert client.post(f"{DRAFT_PAGE}/edit", data=form).status_code == 303
    assert len(intakes.events_of(db, "VW-2026-WEB001")) == events
    assert client.post(f"{DRAFT_PAGE}/edit", data={**form, "theme_ai": ""}).status_code == 303
    (change,) = intakes.events_of(db, "VW-2026-WEB001")[events:]
    assert json.loads(change.comment)["field"] == "themes"


def test_the_next_action_is_on_the_first_laptop_screen(setup) -> None:  # type: ignore[no-untyped-def]
    """In Chromium at 1366×768 the button of the next step is in view without scrolling, for a
    submitted and for an approved draft."""
    import shutil
    import threading

    import uvicorn

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
    from tests.support.ports import free_port
    from tests.support.service import wait_http

    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium ontbreekt ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    client, db = setup
    rijk, ho = review.broker_by_email(db, "rijk@oost.nl"), review.broker_by_email(db, "ho@oost.nl")
    groups = [
        {"id": g, "name": g, "institution": "", "region": "oost", "score": None, "why": ["thema's"]}
        for g in ("grp-saxion-cyber", "grp-hu-cyber")
    ]
    review.set_suggestions(db, "VW-2026-WEB001", rijk, groups=groups, similar=None, reason="test", now=NOW)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(
        uvicorn.Config(client.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_http(f"{base}/privacy")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            page.goto(f"{base}/login/{sessions.create_login_token(db, rijk, NOW)}")
            for button, approve in (("Goedkeuren (kant rijk)", None), ("Voorleggen", (rijk, ho))):
                for broker in approve or ():
                    review.approve(db, "VW-2026-WEB001", broker, NOW)
                page.goto(f"{base}{DRAFT_PAGE}")
                box = page.get_by_role("button", name=button).bounding_box()
                assert box is not None and box["y"] + box["height"] <= 768, (button, box)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)


def next_page(page: str) -> str:
    found = re.search(r'href="([^"]+)" rel="next"', page)
    assert found, "no link to the next page"
    return html.unescape(found.group(1))


def test_the_queue_comes_in_pages_of_fifty_with_its_filters_kept(setup) -> None:  # type: ignore[no-untyped-def]
    from tests.support.history import add_draft

    client, db = setup
    for n in range(120):
        themes = ["cybersecurity"] if n % 2 else ["data"]
        add_draft(db, f"VW-2026-P{n:03d}", f"2026-10-{1 + n % 28:02d}T{n % 24:02d}:00:00+00:00", themes=themes)
    add_draft(db, "VW-2026-WEST01", "2026-10-02T10:00:00+00:00", region="west", organisation="RDW")
    login(client, db, "rijk@oost.nl")

    first = client.get("/queue")
    assert "121 concept(en), nieuwste eerst; pagina 1 van 3" in first.text  # 120 + the setup's draft
    assert first.text.count('<a class="nl-link" href="/drafts/') == 50
    assert "VW-2026-WEST01" not in first.text  # another region
    third = client.get(next_page(client.get("/queue?page=2").text))
    assert "pagina 3 van 3" in third.text and third.text.count('<a class="nl-link" href="/drafts/') == 21
    assert 'rel="next"' not in third.text and 'rel="prev"' in third.text

    themed = client.get("/queue?theme=cybersecurity&organisation=du")
    assert "61 concept(en)" in themed.text  # 60 with the theme, and the setup's draft
    following = next_page(themed.text)
    assert "theme=cybersecurity" in following and "organisation=du" in following and "page=2" in following
    assert "pagina 3 van 3" in client.get("/queue?page=999").text  # beyond the last: the last
    assert "Geen concepten" in client.get("/queue?organisation=onbekend").text
