"""Decisions of research groups feed back into matching: a replay of synthetic decisions moves
the ranking the expected way, with reasons."""

from __future__ import annotations

from sqlite_utils import Database

from bot.matching import Matcher
from bot.workflow import utc_now
from knowledge import intakes, review, suggestions
from tests.support import builders

NOW = utc_now()  # the matcher counts capacity in the current semester
QUERY = "phishing en kwetsbaarheden in systemen"  # both cyber groups fit equally well


def decided(db: Database, n: int, group_id: str, outcome: str, broker: review.Broker, ho: review.Broker) -> None:
    """One synthetic cyber question of UWV that a group accepted or declined."""
    draft_id = f"VW-2026-REPLAY{n}"
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id=draft_id,
            channel=None,
            user_ref=None,
            organisation="UWV",
            intake={},
            created_at=NOW,
            draft={"title": "Phishing", "main_question": "Hoe?", "themes": ["cybersecurity"], "suggested_groups": []},
        ),
    )
    review.approve(db, draft_id, broker, NOW)
    review.approve(db, draft_id, ho, NOW)
    ((suggestion, token),) = suggestions.send_suggestions(db, draft_id, broker, [group_id], NOW, b"test-secret")
    if outcome == "accepted":
        suggestions.answer(db, token, "interested", {"proposed_start": "feb", "contact_name": "bureau"}, NOW)
        suggestions.confirm_match(db, draft_id, broker, suggestion.id, NOW)
    else:
        suggestions.answer(db, token, "decline", {"reason": "buiten_expertise"}, NOW)


def order(matcher: Matcher) -> list[str]:
    return [g.id for g in matcher.find(QUERY, region="oost", k=4).groups]


def test_replayed_decisions_move_the_ranking(small_db: Database, small_matcher: Matcher) -> None:
    rijk = review.add_broker(small_db, name="R", email="r@oost.nl", region="oost", side="rijk", now=NOW)
    ho = review.add_broker(small_db, name="H", email="h@oost.nl", region="oost", side="ho", now=NOW)
    before = order(small_matcher)
    assert before.index("grp-saxion-cyber") < before.index("grp-hu-cyber")  # region oost prefers Saxion

    decided(small_db, 1, "grp-saxion-cyber", "declined", rijk, ho)
    decided(small_db, 2, "grp-hu-cyber", "accepted", rijk, ho)
    after = small_matcher.find(QUERY, region="oost", k=4).groups
    ids = [g.id for g in after]
    assert ids.index("grp-hu-cyber") < ids.index("grp-saxion-cyber")
    reasons = {g.id: g.reasons for g in after}
    assert any("vergelijkbare vraag van UWV aan" in r for r in reasons["grp-hu-cyber"])
    assert any(f"zag in {NOW[:4]} af" in r for r in reasons["grp-saxion-cyber"])


def test_a_group_without_capacity_left_is_said_and_ranks_lower(small_db: Database, small_matcher: Matcher) -> None:
    rijk = review.add_broker(small_db, name="R", email="r@oost.nl", region="oost", side="rijk", now=NOW)
    ho = review.add_broker(small_db, name="H", email="h@oost.nl", region="oost", side="ho", now=NOW)
    small_db.execute("UPDATE research_groups SET capacity_per_semester = 1 WHERE id = 'grp-saxion-cyber'")
    small_matcher.refresh_catalogue()
    decided(small_db, 3, "grp-saxion-cyber", "accepted", rijk, ho)  # takes its only place this semester
    found = {g.id: g for g in small_matcher.find("laptops krijgen updates te laat", k=4).groups}
    assert "geen capaciteit meer dit semester" in found["grp-saxion-cyber"].reasons


def test_no_decisions_means_no_change(small_matcher: Matcher) -> None:
    from dataclasses import replace

    with_feedback = order(small_matcher)
    without = [
        g.id
        for g in small_matcher.find(
            QUERY, region="oost", k=4, weights=replace(small_matcher.weights, feedback=0.0)
        ).groups
    ]
    assert with_feedback == without


def test_decisions_are_told_in_the_language_asked(small_db: Database, small_matcher: Matcher) -> None:
    rijk = review.add_broker(small_db, name="R", email="r@oost.nl", region="oost", side="rijk", now=NOW)
    ho = review.add_broker(small_db, name="H", email="h@oost.nl", region="oost", side="ho", now=NOW)
    decided(small_db, 4, "grp-saxion-cyber", "declined", rijk, ho)
    decided(small_db, 5, "grp-hu-cyber", "accepted", rijk, ho)
    found = {g.id: g.reasons for g in small_matcher.find(QUERY, region="oost", k=4, language="en").groups}
    assert f"took on a similar question from UWV in {NOW[:4]}" in found["grp-hu-cyber"]
    assert any(r.startswith("declined a similar question from UWV") for r in found["grp-saxion-cyber"])
