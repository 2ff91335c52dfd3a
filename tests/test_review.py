"""The review workflow: four eyes per region, every change an event, the rules enforced."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from knowledge import intakes, review
from knowledge.review import ReviewError
from tests.support import builders

NOW = "2026-11-28T10:00:00+00:00"


@pytest.fixture
def submitted(db: Database) -> str:
    draft = builders.submitted_draft(
        id="VW-2026-TEST01",
        intake={"problem": "..."},
        draft={"main_question": "Welke maatregelen kan DUO nemen om updates sneller uit te rollen?"},
        created_at=NOW,
    )
    intakes.submit_draft(db, draft)
    return draft.id


@pytest.fixture
def duo(db: Database) -> tuple[review.Broker, review.Broker]:
    rijk = review.add_broker(db, name="Rijk Oost", email="rijk.oost@example.nl", region="oost", side="rijk", now=NOW)
    ho = review.add_broker(db, name="HO Oost", email="ho.oost@example.nl", region="oost", side="ho", now=NOW)
    return rijk, ho


def states(db: Database, draft_id: str) -> list[tuple[str | None, str]]:
    return [(e.from_state, e.to_state) for e in intakes.events_of(db, draft_id)]


def test_both_sides_of_the_duo_make_it_approved(db: Database, submitted: str, duo) -> None:  # type: ignore[no-untyped-def]
    rijk, ho = duo
    assert review.approve(db, submitted, rijk, NOW).state == "in_review"
    assert review.approve(db, submitted, ho, NOW).state == "approved"
    assert states(db, submitted) == [(None, "submitted"), ("submitted", "in_review"), ("in_review", "approved")]
    assert intakes.events_of(db, submitted)[-1].actor == "makelaar:ho.oost@example.nl"


def test_one_broker_cannot_approve_twice_or_for_both_sides(db: Database, submitted: str, duo) -> None:  # type: ignore[no-untyped-def]
    rijk, _ = duo
    other_rijk = review.add_broker(db, name="Rijk 2", email="rijk2@example.nl", region="oost", side="rijk", now=NOW)
    review.approve(db, submitted, rijk, NOW)
    with pytest.raises(ReviewError, match="al goedgekeurd"):
        review.approve(db, submitted, rijk, NOW)
    with pytest.raises(ReviewError, match="vier ogen"):
        review.approve(db, submitted, other_rijk, NOW)
    assert intakes.get_draft(db, submitted).state == "in_review"


def test_brokers_act_in_their_own_region_unless_they_take_over(db: Database, submitted: str) -> None:
    west = review.add_broker(db, name="West", email="west@example.nl", region="west", side="ho", now=NOW)
    with pytest.raises(ReviewError, match="neem het eerst over"):
        review.approve(db, submitted, west, NOW)
    taken = review.take_over(db, submitted, west, NOW)
    assert taken.region == "west"
    assert review.approve(db, submitted, west, NOW).state == "in_review"


def test_changes_requested_then_resubmitted_starts_a_new_round(db: Database, submitted: str, duo) -> None:  # type: ignore[no-untyped-def]
    rijk, ho = duo
    review.approve(db, submitted, rijk, NOW)
    asked = review.request_changes(db, submitted, ho, "Welke gegevens zijn beschikbaar?", NOW)
    assert asked.state == "changes_requested"
    assert intakes.events_of(db, submitted)[-1].comment == "Welke gegevens zijn beschikbaar?"
    review.resubmit(db, submitted, {**asked.draft, "constraints": ["CMDB"]}, "De CMDB en excel.", NOW)
    assert review.approvals(db, submitted) == {}  # the earlier approval was for the old version
    review.approve(db, submitted, rijk, NOW)
    assert review.approve(db, submitted, ho, NOW).state == "approved"
    assert intakes.get_draft(db, submitted).draft["constraints"] == ["CMDB"]


def test_reject_needs_a_listed_reason_and_closes(db: Database, submitted: str, duo) -> None:  # type: ignore[no-untyped-def]
    rijk, ho = duo
    with pytest.raises(ReviewError, match="Kies een reden"):
        review.reject(db, submitted, rijk, "saai", "", NOW)
    rejected = review.reject(db, submitted, rijk, "al_onderzocht", "Zie VW-2025-X", NOW)
    assert rejected.state == "rejected"
    with pytest.raises(ReviewError):
        review.approve(db, submitted, ho, NOW)


def test_withdraw_by_the_civil_servant(db: Database, submitted: str) -> None:
    assert review.withdraw(db, submitted, NOW).state == "withdrawn"
    with pytest.raises(ReviewError, match="al withdrawn"):
        review.withdraw(db, submitted, NOW)


def test_the_audit_log_cannot_be_changed(db: Database, submitted: str) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE events SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM events")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "geen-mail"}, "geen e-mailadres"),
        ({"region": "noord"}, "Onbekende regio"),
        ({"side": "beide"}, "rijk of ho"),
        ({"name": " "}, "naam"),
    ],
)
def test_adding_a_broker_is_validated(db: Database, fields: dict[str, str], message: str) -> None:
    base = {"name": "A", "email": "a@example.nl", "region": "oost", "side": "rijk"}
    with pytest.raises(ReviewError, match=message):
        review.add_broker(db, **{**base, **fields}, now=NOW)


def test_duplicate_broker_email_is_refused(db: Database, duo) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReviewError, match="al een makelaar"):
        review.add_broker(db, name="X", email="RIJK.OOST@example.nl", region="west", side="ho", now=NOW)


def test_a_chat_link_code_links_one_account_once_and_expires(db: Database, duo) -> None:  # type: ignore[no-untyped-def]
    from knowledge import sessions

    rijk, ho = duo
    now = "2026-03-02T09:00:00+00:00"
    code = sessions.create_chat_link_code(db, rijk, now)
    assert len(code) == 9 and code[4] == "-"
    # Typed in lower case and without the dash, as people do on a phone.
    linked = sessions.redeem_chat_link_code(db, code.lower().replace("-", ""), "teams", "aad-rijk", now)
    assert linked.id == rijk.id and linked.teams_id == "aad-rijk" and linked.telegram_id is None
    with pytest.raises(sessions.LoginError, match="al gebruikt"):
        sessions.redeem_chat_link_code(db, code, "telegram", "42", now)
    late = sessions.create_chat_link_code(db, ho, now)
    with pytest.raises(sessions.LoginError, match="verlopen"):
        sessions.redeem_chat_link_code(db, late, "telegram", "42", "2026-03-02T09:16:00+00:00")
    with pytest.raises(sessions.LoginError, match="onbekend"):
        sessions.redeem_chat_link_code(db, "AAAA-BBBB", "telegram", "42", now)
    assert review.broker_by_email(db, ho.email).telegram_id is None
