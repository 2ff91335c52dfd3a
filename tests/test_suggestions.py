"""Approved drafts go to research groups; they answer through their own link; one is matched;
the outcome becomes a past assignment that matching finds."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from knowledge import intakes, review, suggestions
from knowledge.errors import NotFoundError
from knowledge.review import ReviewError
from tests.support import builders

NOW = "2026-11-28T10:00:00+00:00"
DRAFT = {
    "title": "Drones boven dijken (DUO)",
    "organisation": "DUO",
    "main_question": "Hoe kan DUO X?",
    "sub_questions": ["A?", "B?", "C?"],
    "background": "Inspectie van dijken kost te veel tijd.",
    "themes": ["iot-5g"],
    "form": "afstudeeropdracht",
    "level": "hbo",
    "suggested_groups": [{"id": "grp-saxion-cyber", "name": "Lectoraat Cyber Resilience", "why": ["thema's: x"]}],
}


@pytest.fixture
def approved(small_db: Database) -> tuple[Database, str, review.Broker]:
    db = small_db
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id="VW-2026-SUG001",
            intake={"organisation_id": "duo", "problem": "Inspectie van dijken met drones kost te veel tijd."},
            draft=DRAFT,
            created_at=NOW,
        ),
    )
    rijk = review.add_broker(db, name="R", email="r@oost.nl", region="oost", side="rijk", now=NOW)
    ho = review.add_broker(db, name="H", email="h@oost.nl", region="oost", side="ho", now=NOW)
    review.approve(db, "VW-2026-SUG001", rijk, NOW)
    review.approve(db, "VW-2026-SUG001", ho, NOW)
    return db, "VW-2026-SUG001", rijk


def test_suggest_answer_match_and_complete(approved) -> None:  # type: ignore[no-untyped-def]
    db, draft_id, broker = approved
    sent = suggestions.send_suggestions(db, draft_id, broker, ["grp-saxion-cyber", "grp-hu-cyber"], NOW, b"test-secret")
    assert intakes.get_draft(db, draft_id).state == "suggested"
    (first, token_a), (_second, token_b) = sent
    assert first.why == ["thema's: x"]
    suggestions.answer(db, token_b, "decline", {"reason": "buiten_expertise", "text": "Niet ons vak"}, NOW)
    interested = suggestions.answer(
        db, token_a, "interested", {"proposed_start": "februari 2027", "contact_name": "lectoraatsbureau"}, NOW
    )
    assert interested.state == "interested"
    with pytest.raises(ReviewError, match="al beantwoord"):
        suggestions.answer(db, token_a, "question", {"text": "nog iets?"}, NOW)  # double submit
    before = suggestions.capacity_left(db, "grp-saxion-cyber", NOW)
    suggestions.confirm_match(db, draft_id, broker, first.id, NOW)
    assert intakes.get_draft(db, draft_id).state == "matched"
    assert suggestions.capacity_left(db, "grp-saxion-cyber", NOW) == before - 1
    assignment = suggestions.record_outcome(
        db, draft_id, broker.actor, "Prototype dronevluchtplan opgeleverd", "https://repo.example/x", "2027-06-30", NOW
    )
    assert assignment.group_id == "grp-saxion-cyber" and assignment.organisation_id == "duo" and assignment.year == 2027
    assert intakes.get_draft(db, draft_id).state == "completed"
    states = [(e.from_state, e.to_state) for e in intakes.events_of(db, draft_id)]
    assert states[-3:] == [("suggested", "suggested"), ("suggested", "matched"), ("matched", "completed")]


def test_links_open_only_their_own_suggestion(approved) -> None:  # type: ignore[no-untyped-def]
    db, draft_id, broker = approved
    ((_, token),) = suggestions.send_suggestions(db, draft_id, broker, ["grp-saxion-cyber"], NOW, b"test-secret")
    with pytest.raises(NotFoundError):
        suggestions.suggestion_by_token(db, token[:-1] + ("A" if token[-1] != "A" else "B"))
    with pytest.raises(NotFoundError):
        suggestions.suggestion_by_token(db, "")


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("decline", {}, "reden"),
        ("interested", {"proposed_start": "feb"}, "contactpersoon"),
        ("question", {"text": " "}, "vraag"),
        ("hack", {}, "Onbekend"),
    ],
)
def test_bad_answers_are_refused(approved, kind: str, fields: dict[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    db, draft_id, broker = approved
    ((_, token),) = suggestions.send_suggestions(db, draft_id, broker, ["grp-saxion-cyber"], NOW, b"test-secret")
    with pytest.raises(ReviewError, match=message):
        suggestions.answer(db, token, kind, fields, NOW)


def test_recipients_are_checked(approved) -> None:  # type: ignore[no-untyped-def]
    db, draft_id, broker = approved
    with pytest.raises(ReviewError, match="hooguit 3"):
        suggestions.send_suggestions(
            db,
            draft_id,
            broker,
            ["grp-saxion-cyber", "grp-hu-cyber", "grp-hu-inclusie", "grp-tud-data"],
            NOW,
            b"test-secret",
        )
    with pytest.raises(ReviewError, match="Onbekende"):
        suggestions.send_suggestions(db, draft_id, broker, ["grp-nope"], NOW, b"test-secret")
    with pytest.raises(ReviewError, match="minstens"):
        suggestions.send_suggestions(db, draft_id, broker, [], NOW, b"test-secret")


def test_a_group_without_capacity_cannot_be_confirmed(approved) -> None:  # type: ignore[no-untyped-def]
    db, draft_id, broker = approved
    db.execute("UPDATE research_groups SET capacity_per_semester = 0 WHERE id = 'grp-saxion-cyber'")
    ((suggestion, token),) = suggestions.send_suggestions(
        db, draft_id, broker, ["grp-saxion-cyber"], NOW, b"test-secret"
    )
    suggestions.answer(db, token, "interested", {"proposed_start": "feb", "contact_name": "bureau"}, NOW)
    with pytest.raises(ReviewError, match="geen capaciteit"):
        suggestions.confirm_match(db, draft_id, broker, suggestion.id, NOW)


def test_completed_work_is_found_by_the_next_similar_question(approved, tmp_path, fake_encoder) -> None:  # type: ignore[no-untyped-def]
    from bot.matching import Matcher
    from bot.matching.indexing import open_indexes
    from embeddings.lexical import QueryExpander

    db, draft_id, broker = approved
    ((suggestion, token),) = suggestions.send_suggestions(
        db, draft_id, broker, ["grp-saxion-cyber"], NOW, b"test-secret"
    )
    suggestions.answer(db, token, "interested", {"proposed_start": "feb", "contact_name": "bureau"}, NOW)
    suggestions.confirm_match(db, draft_id, broker, suggestion.id, NOW)
    indexes, _ = open_indexes(db, tmp_path / "index", fake_encoder)
    embedded_before = fake_encoder.embedded
    suggestions.record_outcome(db, draft_id, broker.actor, "Dronevluchtplan", "", "2027-01-15", NOW)
    indexes, reports = open_indexes(db, tmp_path / "index", fake_encoder)
    assert reports[0].embedded == 1  # only the new assignment is embedded (and the group profile)
    assert fake_encoder.embedded - embedded_before <= 2
    matcher = Matcher(db, indexes, fake_encoder, QueryExpander([]))
    assert matcher.find("inspectie van dijken met drones").assignments[0].id == "asg-vw-2026-sug001"


def test_reminder_after_ten_working_days_and_closed_after_twenty(approved, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.workflow import Mailer, Workflow

    db, draft_id, broker = approved
    secret = b"test-secret"
    created = "2026-11-02T09:00:00+00:00"  # a Monday
    ((_suggestion, token),) = suggestions.send_suggestions(db, draft_id, broker, ["grp-saxion-cyber"], created, secret)
    mailer = Mailer(outbox=tmp_path / "outbox", sender="v@example.nl")
    today = [""]
    workflow = Workflow(db, mailer=mailer, secret=secret, base_url="https://vw.example", clock=lambda: today[0])

    def due_work(now: str) -> tuple[int, int]:
        today[0] = now
        return workflow.due_work()

    assert due_work("2026-11-13T09:00:00+00:00") == (0, 0)  # 9 days
    assert due_work("2026-11-16T09:00:00+00:00") == (1, 0)  # 10
    assert due_work("2026-11-17T09:00:00+00:00") == (0, 0)  # once
    reminder = next((tmp_path / "outbox").glob("*.eml")).read_text()
    assert f"https://vw.example/s/{token}" in reminder  # the same link, signed again
    assert due_work("2026-11-30T09:00:00+00:00") == (0, 1)  # 20
    assert suggestions.suggestions_of(db, draft_id)[0].state == "no_answer"
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3  # reminder + both brokers told
    assert "geen antwoord na 20 werkdagen" in intakes.events_of(db, draft_id)[-1].comment


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2026-11-27T10:00:00", "2026-11-30T10:00:00", 1),
        ("2026-11-02T10:00:00", "2026-11-16T10:00:00", 10),
        ("2026-11-02T10:00:00", "2026-11-02T18:00:00", 0),
    ],
)
def test_working_days(start: str, end: str, days: int) -> None:
    assert suggestions.working_days_between(start, end) == days
