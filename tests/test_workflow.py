"""The workflow of a submitted draft, driven directly (no HTTP, no chat): a real SQLite file, a
real Mailer filing .eml files, a chat channel as small as the workflow needs. What is checked is
what people receive (mails, notices) and what is stored (drafts, events, suggestions)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot import texts
from bot.analysis import AnalysisError
from bot.drafting import Draft
from bot.drafting.records import QualityCheck
from bot.matching import Matcher
from bot.workflow import Mailer, Workflow, change_text
from knowledge import catalog, intakes, notices, review, suggestions
from knowledge.records import Conversation
from knowledge.review import Broker, ReviewError
from tests.support import builders

nl = texts.nl
MONDAY = "2026-11-02T09:00:00+00:00"
SECRET = b"test-secret"
BASE_URL = "https://vw.example"
CIVIL_SERVANT = Conversation(channel="telegram", user_ref="42")
WHY_SAXION = ["thema's: cybersecurity"]


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


class Outbox:
    """The .eml files the real Mailer wrote; `take` reads them and empties the folder, so each
    step of a test sees only its own mail."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def take(self) -> list[Mail]:
        mails = []
        for path in sorted(self.folder.glob("*.eml")):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            # A long subject is folded right after "Subject:"; the parser keeps that fold's space.
            subject = str(message["Subject"]).strip()
            mails.append(Mail(str(message["To"]), subject, message.get_content()))  # type: ignore[attr-defined]
            path.unlink()
        return sorted(mails, key=lambda mail: mail.to)


class Clock:
    def __init__(self, now: str = MONDAY) -> None:
        self.now = now

    def __call__(self) -> str:
        return self.now


@dataclass
class Chat:
    """A running chat channel as the workflow sees it: a name, whether it pushes, and which
    accounts it can reach now."""

    name: str = "telegram"
    pushes: bool = True
    reaches: frozenset[str] = frozenset()
    asked: list[str] = field(default_factory=list)

    def reachable(self, db: Database, user_ref: str) -> bool:
        self.asked.append(user_ref)
        return user_ref in self.reaches


@dataclass
class World:
    db: Database
    workflow: Workflow
    outbox: Outbox
    clock: Clock
    rijk: Broker  # the duo of region oost
    ho: Broker
    west: Broker  # a broker of another region
    reindexed: list[int]

    def submit(self, conversation: Conversation = CIVIL_SERVANT, **document: object) -> str:
        draft = Draft.from_json(builders.draft_document(**document))
        return self.workflow.submit(conversation, draft, {"problem": "laptops", "timeline": "voorjaar 2027"}).id

    def approved(self, **document: object) -> str:
        draft_id = self.submit(**document)
        self.workflow.approve(self.rijk, draft_id)
        self.workflow.approve(self.ho, draft_id)
        self.outbox.take()
        return draft_id

    def suggested(self, group_ids: list[str]) -> tuple[str, dict[str, tuple[suggestions.Suggestion, str]]]:
        """An approved draft sent to these groups; per group its suggestion and link token."""
        draft_id = self.approved(suggested_groups=[{"id": "grp-saxion-cyber", "why": WHY_SAXION}])
        self.workflow.suggest(self.rijk, draft_id, group_ids)
        self.outbox.take()
        sent = {
            s.group_id: (s, suggestions.link_token(SECRET, s.id)) for s in suggestions.suggestions_of(self.db, draft_id)
        }
        return draft_id, sent

    def told(self, user_ref: str = "42") -> list[notices.Notice]:
        return notices.notices_of(self.db, "telegram", user_ref)

    def events(self, draft_id: str) -> list[tuple[str, str | None, str]]:
        return [(e.actor, e.from_state, e.to_state) for e in intakes.events_of(self.db, draft_id)]


def make_world(db: Database, tmp_path: Path, **workflow_options: object) -> World:
    clock = Clock()
    reindexed: list[int] = []
    workflow = Workflow(
        db,
        clock=clock,
        mailer=Mailer(outbox=tmp_path / "outbox", sender="vraagwijzer@example.nl"),
        base_url=BASE_URL,
        secret=SECRET,
        reindex=lambda: reindexed.append(1),
        **workflow_options,  # type: ignore[arg-type]
    )
    add = review.add_broker
    return World(
        db=db,
        workflow=workflow,
        outbox=Outbox(tmp_path / "outbox"),
        clock=clock,
        rijk=add(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=MONDAY, telegram_id="701"),
        ho=add(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=MONDAY, telegram_id="702"),
        west=add(db, name="HO West", email="ho@west.nl", region="west", side="ho", now=MONDAY, telegram_id="703"),
        reindexed=reindexed,
    )


@pytest.fixture
def world(small_db: Database, tmp_path: Path) -> World:
    return make_world(small_db, tmp_path)


def link(token: str) -> str:
    return f"{BASE_URL}/s/{token}"


# -- submit and telling the brokers ------------------------------------------------------------


def test_submit_stores_the_draft_and_mails_the_regions_duo_when_no_chat_reaches_them(world: World) -> None:
    draft_id = world.submit()

    stored = intakes.get_draft(world.db, draft_id)
    assert (stored.state, stored.channel, stored.user_ref, stored.region) == ("submitted", "telegram", "42", "oost")
    assert stored.title == "Updates sneller (DUO)" and stored.created_at == MONDAY
    assert stored.intake == {"problem": "laptops", "timeline": "voorjaar 2027"}
    assert world.events(draft_id) == [("aanvrager", None, "submitted")]
    mails = world.outbox.take()
    assert [m.to for m in mails] == ["ho@oost.nl", "rijk@oost.nl"]  # not ho@west.nl
    for mail in mails:
        assert mail.subject == nl.BROKER_NEW_DRAFT_SUBJECT.format(id=draft_id, organisation="DUO")
        assert f"{BASE_URL}/drafts/{draft_id}" in mail.body
        assert builders.draft_document()["main_question"] in mail.body
    assert notices.pending_notices(world.db) == []  # nobody is told in a chat


def test_a_broker_reachable_in_a_pushing_chat_is_told_there_and_the_other_by_mail(world: World) -> None:
    chat = Chat(reaches=frozenset({"701", "703"}))  # rijk oost and the west broker are reachable
    world.workflow.channels = [chat]

    draft_id = world.submit()

    (notice,) = notices.pending_notices(world.db)
    assert (notice.channel, notice.user_ref, notice.kind, notice.draft_id) == (
        "telegram",
        "701",
        "broker_new",
        draft_id,
    )
    assert f"{BASE_URL}/drafts/{draft_id}" in notice.text and "Updates sneller (DUO)" in notice.text
    assert [m.to for m in world.outbox.take()] == ["ho@oost.nl"]  # reachable by telegram id, but not now
    assert "703" not in chat.asked  # the broker of west is not even looked for


@pytest.mark.parametrize(
    "chat",
    [
        Chat(pushes=False, reaches=frozenset({"701", "702"})),  # shows notices only at the next turn
        Chat(name="teams", reaches=frozenset({"701", "702"})),  # the brokers have no Teams account linked
        Chat(reaches=frozenset()),  # linked, but not reachable
    ],
    ids=["not-pushing", "not-linked", "not-reachable"],
)
def test_brokers_are_mailed_when_no_pushing_chat_reaches_them(world: World, chat: Chat) -> None:
    world.workflow.channels = [chat]
    draft_id = world.submit()
    assert [m.to for m in world.outbox.take()] == ["ho@oost.nl", "rijk@oost.nl"]
    assert [n for n in notices.pending_notices(world.db) if n.kind == "broker_new"] == []
    assert world.workflow.tell_brokers(draft_id) == 2


def test_a_failing_mailer_does_not_lose_the_submission(
    small_db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    world = make_world(small_db, tmp_path)
    (tmp_path / "outbox").write_text("a file where the outbox folder should be")  # every mail fails with OSError

    with caplog.at_level(logging.ERROR, logger="bot.workflow.workflow"):
        draft_id = world.submit()

    assert intakes.get_draft(world.db, draft_id).state == "submitted"
    assert world.events(draft_id) == [("aanvrager", None, "submitted")]
    assert f"Could not notify the brokers about draft {draft_id}" in caplog.text
    with pytest.raises(OSError):  # told directly, the failure is not hidden
        world.workflow.tell_brokers(draft_id)


# -- resubmit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("conversation", "which", "ask"),
    [
        (CIVIL_SERVANT, "VW-2026-NOPE00", True),  # no such draft
        (Conversation(channel="telegram", user_ref="43"), "own", True),  # someone else's draft
        (Conversation(channel="teams", user_ref="42"), "own", True),  # same id, other channel
        (CIVIL_SERVANT, "own", False),  # no question of the brokers open
    ],
    ids=["unknown", "other-user", "other-channel", "no-open-question"],
)
def test_resubmit_refuses_what_is_not_the_submitters_open_question(
    world: World, conversation: Conversation, which: str, ask: bool
) -> None:
    draft_id = world.submit()
    if ask:
        world.workflow.request_changes(world.rijk, draft_id, "Welke laptops?")
    world.outbox.take()
    before, events_before = intakes.get_draft(world.db, draft_id), world.events(draft_id)

    assert world.workflow.resubmit(conversation, draft_id if which == "own" else which, "Alle laptops.") is False

    assert intakes.get_draft(world.db, draft_id) == before
    assert world.events(draft_id) == events_before
    assert world.outbox.take() == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_resubmit_adds_the_answer_to_the_background_and_tells_the_brokers_again(world: World, language: str) -> None:
    conversation = replace(CIVIL_SERVANT, language=language)
    draft_id = world.submit(conversation)
    world.workflow.approve(world.rijk, draft_id)
    world.workflow.request_changes(world.ho, draft_id, "Welke laptops?")
    world.outbox.take()

    assert world.workflow.resubmit(conversation, draft_id, "Alle laptops van de servicedesk.") is True

    draft = intakes.get_draft(world.db, draft_id)
    heading = texts.for_language(language).ANSWER_HEADING
    assert draft.state == "submitted"
    assert draft.draft["background"] == f"laptops\n\n{heading}: Alle laptops van de servicedesk."
    last = intakes.events_of(world.db, draft_id)[-1]
    assert (last.actor, last.from_state, last.to_state) == ("aanvrager", "changes_requested", "submitted")
    assert last.comment == "Alle laptops van de servicedesk."
    mails = world.outbox.take()
    assert [m.to for m in mails] == ["ho@oost.nl", "rijk@oost.nl"]
    assert all(m.subject == nl.BROKER_NEW_DRAFT_SUBJECT.format(id=draft_id, organisation="DUO") for m in mails)
    assert review.approvals(world.db, draft_id) == {}  # a new round: the earlier approval no longer counts
    world.workflow.approve(world.rijk, draft_id)
    assert intakes.get_draft(world.db, draft_id).state == "in_review"


# -- review by the duo ------------------------------------------------------------------------------


def test_approval_by_both_sides_tells_the_civil_servant_each_step(world: World) -> None:
    draft_id = world.submit()
    world.outbox.take()

    world.workflow.approve(world.rijk, draft_id)
    world.workflow.approve(world.ho, draft_id)

    draft = intakes.get_draft(world.db, draft_id)
    assert draft.state == "approved"
    told = world.told()
    assert [(n.channel, n.user_ref, n.draft_id, n.kind) for n in told] == [
        ("telegram", "42", draft_id, "in_review"),
        ("telegram", "42", draft_id, "approved"),
    ]
    assert told[1].text == change_text(draft, "approved", "goedgekeurd (ho)")
    assert world.events(draft_id)[1:] == [
        ("makelaar:rijk@oost.nl", "submitted", "in_review"),
        ("makelaar:ho@oost.nl", "in_review", "approved"),
    ]
    assert world.outbox.take() == []  # the brokers are not mailed about their own approvals


def test_one_side_cannot_approve_twice_and_nobody_is_told_of_a_refusal(world: World) -> None:
    draft_id = world.submit()
    world.workflow.approve(world.rijk, draft_id)
    second_rijk = review.add_broker(
        world.db, name="Rijk Oost Twee", email="rijk2@oost.nl", region="oost", side="rijk", now=MONDAY
    )

    with pytest.raises(ReviewError, match="U heeft dit concept al goedgekeurd"):
        world.workflow.approve(world.rijk, draft_id)
    with pytest.raises(ReviewError, match=r"van uw kant \(vier ogen\) is al gegeven"):
        world.workflow.approve(second_rijk, draft_id)
    with pytest.raises(ReviewError, match="hoort bij regio oost"):
        world.workflow.approve(world.west, draft_id)

    assert intakes.get_draft(world.db, draft_id).state == "in_review"
    assert review.approvals(world.db, draft_id) == {"rijk": world.rijk.id}
    assert [n.kind for n in world.told()] == ["in_review"]


def test_a_rejection_tells_the_civil_servant_the_reason(world: World) -> None:
    draft_id = world.submit()

    world.workflow.reject(world.ho, draft_id, "al_onderzocht", "Zie de opdracht van 2023.")

    (notice,) = world.told()
    assert notice.kind == "rejected" and "Zie de opdracht van 2023." in notice.text
    assert intakes.get_draft(world.db, draft_id).state == "rejected"


# -- edit and its quality checks ------------------------------------------------------------------

NEW_QUESTION = "Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen?"


def test_an_edit_is_stored_and_the_quality_checks_run_again_on_the_new_wording(
    small_db: Database, tmp_path: Path
) -> None:
    seen: list[tuple[str, list[str]]] = []

    def recheck(draft: Draft, organisations: list[str]) -> Draft:
        seen.append((draft.main_question, organisations))
        return replace(draft, quality=[QualityCheck("te_infinitive", False, "‘te’ op de goede plaats", "Zet te.")])

    world = make_world(small_db, tmp_path, recheck=recheck)
    draft_id = world.submit(quality=[{"check": "te_infinitive", "ok": True, "label": "", "advice": ""}])

    edited = world.workflow.edit(world.rijk, draft_id, {"main_question": NEW_QUESTION})

    assert seen == [(NEW_QUESTION, ["DUO"])]
    stored = intakes.get_draft(world.db, draft_id).draft
    assert edited.draft["main_question"] == stored["main_question"] == NEW_QUESTION
    assert stored["quality"] == [
        {"check": "te_infinitive", "ok": False, "label": "‘te’ op de goede plaats", "advice": "Zet te."}
    ]
    last = intakes.events_of(world.db, draft_id)[-1]
    assert '"field": "main_question"' in last.comment and NEW_QUESTION in last.comment
    assert last.from_state == last.to_state == "submitted"


def test_an_edit_is_kept_when_the_quality_checks_cannot_run(
    small_db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def recheck(draft: Draft, organisations: list[str]) -> Draft:
        raise AnalysisError("Frog stopped")

    world = make_world(small_db, tmp_path, recheck=recheck)
    earlier = [{"check": "te_infinitive", "ok": True, "label": "", "advice": ""}]
    draft_id = world.submit(quality=earlier)

    with caplog.at_level(logging.ERROR, logger="bot.workflow.workflow"):
        world.workflow.edit(world.rijk, draft_id, {"main_question": NEW_QUESTION})

    stored = intakes.get_draft(world.db, draft_id).draft
    assert stored["main_question"] == NEW_QUESTION
    assert stored["quality"] == earlier  # stale checks, not a lost edit
    assert f"Could not re-check draft {draft_id}" in caplog.text


def test_a_refused_edit_stores_nothing_and_checks_nothing(small_db: Database, tmp_path: Path) -> None:
    seen: list[Draft] = []
    world = make_world(small_db, tmp_path, recheck=lambda draft, organisations: seen.append(draft) or draft)
    draft_id = world.submit()
    before = intakes.get_draft(world.db, draft_id)

    with pytest.raises(ReviewError, match="Onbekend niveau"):
        world.workflow.edit(world.rijk, draft_id, {"main_question": NEW_QUESTION, "level": "mbo"})

    assert intakes.get_draft(world.db, draft_id) == before and seen == []


# -- rematch ------------------------------------------------------------------------------------------


def test_rematch_without_a_matcher_is_refused_in_dutch(world: World) -> None:
    draft_id = world.submit(suggested_groups=[{"id": "grp-hu-inclusie", "why": ["toegevoegd"]}])
    before = intakes.get_draft(world.db, draft_id)

    with pytest.raises(ReviewError) as refused:
        world.workflow.rematch(world.rijk, draft_id)

    assert str(refused.value) == nl.REMATCH_UNAVAILABLE == "Opnieuw matchen kan alleen in de volledige dienst."
    assert intakes.get_draft(world.db, draft_id) == before


def test_rematch_replaces_the_suggested_groups_and_similar_work(
    small_db: Database, tmp_path: Path, small_matcher: Matcher
) -> None:
    world = make_world(small_db, tmp_path, matcher=small_matcher)
    draft_id = world.submit(
        suggested_groups=[{"id": "grp-hu-inclusie", "why": ["toegevoegd door iemand"]}], similar_assignments=[]
    )

    world.workflow.rematch(world.rijk, draft_id)

    draft = intakes.get_draft(world.db, draft_id).draft
    groups = draft["suggested_groups"]
    assert groups[0]["id"] == "grp-saxion-cyber" and groups[0]["region"] == "oost"
    assert all(isinstance(g["score"], float) and g["why"] for g in groups)
    assert "toegevoegd door iemand" not in [why for g in groups for why in g["why"]]
    assert draft["similar_assignments"][0]["id"] == "asg-1"
    last = intakes.events_of(world.db, draft_id)[-1]
    assert last.actor == "makelaar:rijk@oost.nl" and nl.REMATCH_REASON in last.comment
    assert '"before": ["grp-hu-inclusie"]' in last.comment


def test_rematch_with_nothing_to_search_is_refused(small_db: Database, tmp_path: Path, small_matcher: Matcher) -> None:
    world = make_world(small_db, tmp_path, matcher=small_matcher)
    draft = Draft.from_json(builders.draft_document(background=""))
    draft_id = world.workflow.submit(CIVIL_SERVANT, draft, {"problem": "?"}).id

    with pytest.raises(ReviewError, match=re.escape(nl.EMPTY_QUERY)):
        world.workflow.rematch(world.rijk, draft_id)


# -- suggestions to research groups ---------------------------------------------------------------------


def test_suggest_is_all_or_nothing_when_a_chosen_group_has_no_contact_address(world: World) -> None:
    draft_id = world.approved()
    world.db.execute("UPDATE research_groups SET contact_email = '' WHERE id = 'grp-hu-cyber'")
    events_before, told_before = world.events(draft_id), world.told()

    with pytest.raises(ReviewError) as refused:
        world.workflow.suggest(world.rijk, draft_id, ["grp-saxion-cyber", "grp-hu-cyber"])

    assert str(refused.value) == nl.GROUPS_WITHOUT_ADDRESS.format(names="Lectoraat Digitale Weerbaarheid")
    assert world.outbox.take() == []
    assert suggestions.suggestions_of(world.db, draft_id) == []
    assert intakes.get_draft(world.db, draft_id).state == "approved"
    assert world.events(draft_id) == events_before and world.told() == told_before


def test_suggest_mails_each_group_its_own_signed_link(world: World) -> None:
    draft_id = world.approved(suggested_groups=[{"id": "grp-saxion-cyber", "why": WHY_SAXION}])

    world.workflow.suggest(world.rijk, draft_id, ["grp-saxion-cyber", "grp-hu-cyber"])

    sent = {s.group_id: s for s in suggestions.suggestions_of(world.db, draft_id)}
    assert set(sent) == {"grp-saxion-cyber", "grp-hu-cyber"}
    tokens = {group_id: suggestions.link_token(SECRET, s.id) for group_id, s in sent.items()}
    mails = {m.to: m for m in world.outbox.take()}
    assert set(mails) == {"cyber@saxion.example", "weerbaar@hu.example"}
    for address, group_id, other in (
        ("cyber@saxion.example", "grp-saxion-cyber", "grp-hu-cyber"),
        ("weerbaar@hu.example", "grp-hu-cyber", "grp-saxion-cyber"),
    ):
        mail = mails[address]
        assert mail.subject == nl.SUGGESTION_SUBJECT.format(title="Updates sneller (DUO)")
        assert link(tokens[group_id]) in mail.body and link(tokens[other]) not in mail.body
        assert suggestions.suggestion_by_token(world.db, tokens[group_id]).group_id == group_id
        assert catalog.get_group(world.db, group_id).name in mail.body and "voorjaar 2027" in mail.body
    assert "thema's: cybersecurity" in mails["cyber@saxion.example"].body  # why this group, from the draft
    assert intakes.get_draft(world.db, draft_id).state == "suggested"
    assert world.told()[-1].kind == "suggested"


def test_an_answer_of_a_group_is_mailed_to_the_regions_brokers(world: World) -> None:
    draft_id, sent = world.suggested(["grp-saxion-cyber"])
    _, token = sent["grp-saxion-cyber"]

    with pytest.raises(ReviewError, match="contactpersoon"):
        world.workflow.answer(token, "interested", {"proposed_start": "februari 2027"})
    assert world.outbox.take() == []  # a refused answer tells nobody

    found = world.workflow.answer(
        token, "interested", {"proposed_start": "februari 2027", "contact_name": "lectoraatsbureau"}
    )

    assert found.state == "interested" and found.contact_name == "lectoraatsbureau"
    mails = world.outbox.take()
    assert [m.to for m in mails] == ["ho@oost.nl", "rijk@oost.nl"]  # not the broker of west
    for mail in mails:
        assert mail.subject == nl.ANSWER_SUBJECT.format(id=draft_id)
        assert "Lectoraat Cyber Resilience" in mail.body and f"{BASE_URL}/drafts/{draft_id}" in mail.body
    last = intakes.events_of(world.db, draft_id)[-1]
    assert last.actor == "groep:grp-saxion-cyber" and "interesse: start februari 2027" in last.comment


def test_confirm_match_thanks_the_other_interested_group_and_not_the_one_that_declined(world: World) -> None:
    draft_id, sent = world.suggested(["grp-saxion-cyber", "grp-hu-cyber", "grp-tud-data"])
    interested = {"proposed_start": "februari 2027", "contact_name": "bureau"}
    world.workflow.answer(sent["grp-saxion-cyber"][1], "interested", interested)
    world.workflow.answer(sent["grp-hu-cyber"][1], "interested", interested)
    world.workflow.answer(sent["grp-tud-data"][1], "decline", {"reason": "geen_capaciteit"})
    world.outbox.take()

    world.workflow.confirm_match(world.rijk, draft_id, sent["grp-saxion-cyber"][0].id)

    (thanks,) = world.outbox.take()
    assert thanks.to == "weerbaar@hu.example"
    assert thanks.subject == nl.THANKS_SUBJECT.format(title="Updates sneller (DUO)")
    assert "Lectoraat Digitale Weerbaarheid" in thanks.body
    states = {s.group_id: s.state for s in suggestions.suggestions_of(world.db, draft_id)}
    assert states == {"grp-saxion-cyber": "accepted", "grp-hu-cyber": "thanked", "grp-tud-data": "declined"}
    assert intakes.get_draft(world.db, draft_id).state == "matched"
    assert world.told()[-1].kind == "matched" and "Lectoraat Cyber Resilience" in world.told()[-1].text


def test_only_the_accepted_group_reports_the_outcome(world: World) -> None:
    draft_id, sent = world.suggested(["grp-saxion-cyber", "grp-hu-cyber"])
    interested = {"proposed_start": "februari 2027", "contact_name": "bureau"}
    world.workflow.answer(sent["grp-saxion-cyber"][1], "interested", interested)
    world.workflow.answer(sent["grp-hu-cyber"][1], "interested", interested)
    world.workflow.confirm_match(world.rijk, draft_id, sent["grp-saxion-cyber"][0].id)
    thanked = suggestions.suggestion_by_token(world.db, sent["grp-hu-cyber"][1])
    events_before = world.events(draft_id)

    with pytest.raises(ReviewError) as refused:
        world.workflow.report_outcome(thanked, "Wij deden het", "", "2027-06-30")
    assert str(refused.value) == nl.OUTCOME_ONLY_BY_GROUP
    assert intakes.get_draft(world.db, draft_id).state == "matched"
    assert world.events(draft_id) == events_before and world.reindexed == []

    accepted = suggestions.suggestion_by_token(world.db, sent["grp-saxion-cyber"][1])
    world.workflow.report_outcome(accepted, "Uitrolplan opgeleverd", "https://repo.example/x", "2027-06-30")

    assert intakes.get_draft(world.db, draft_id).state == "completed"
    assert world.reindexed == [1]
    assert world.events(draft_id)[-1] == ("groep:grp-saxion-cyber", "matched", "completed")
    assignment = catalog.assignments(world.db)[f"asg-{draft_id.lower()}"]
    assert assignment.group_id == "grp-saxion-cyber" and assignment.year == 2027
    assert assignment.outcome == "Uitrolplan opgeleverd (https://repo.example/x)"
    assert world.told()[-1].kind == "completed" and "Uitrolplan opgeleverd" in world.told()[-1].text


# -- with time ------------------------------------------------------------------------------------------

TEN_WORKING_DAYS = "2026-11-16T09:00:00+00:00"
TWENTY_WORKING_DAYS = "2026-11-30T09:00:00+00:00"


def test_a_group_without_contact_address_is_marked_reminded_but_gets_no_mail(world: World) -> None:
    draft_id, _ = world.suggested(["grp-saxion-cyber"])
    world.db.execute("UPDATE research_groups SET contact_email = NULL WHERE id = 'grp-saxion-cyber'")  # a later import

    world.clock.now = TEN_WORKING_DAYS
    assert world.workflow.due_work() == (1, 0)

    assert world.outbox.take() == []
    (suggestion,) = suggestions.suggestions_of(world.db, draft_id)
    assert suggestion.reminded_at == TEN_WORKING_DAYS and suggestion.state == "sent"
    world.clock.now = "2026-11-17T09:00:00+00:00"
    assert world.workflow.due_work() == (0, 0)  # marked, so not tried again every minute


def test_due_work_reminds_and_closes_only_the_unanswered_suggestion(world: World) -> None:
    draft_id, sent = world.suggested(["grp-saxion-cyber", "grp-hu-cyber"])
    world.workflow.answer(sent["grp-hu-cyber"][1], "question", {"text": "Mag het ook in het najaar?"})
    world.outbox.take()

    world.clock.now = TEN_WORKING_DAYS
    assert world.workflow.due_work() == (1, 0)
    (reminder,) = world.outbox.take()
    assert reminder.to == "cyber@saxion.example"
    assert reminder.subject == nl.REMINDER_SUBJECT.format(title="Updates sneller (DUO)")
    assert link(sent["grp-saxion-cyber"][1]) in reminder.body

    world.clock.now = TWENTY_WORKING_DAYS
    assert world.workflow.due_work() == (0, 1)
    closing = world.outbox.take()
    assert [m.to for m in closing] == ["ho@oost.nl", "rijk@oost.nl"]  # the draft's region only
    assert all(m.subject == nl.NO_ANSWER_SUBJECT.format(id=draft_id) for m in closing)
    assert all("Lectoraat Cyber Resilience" in m.body for m in closing)
    states = {s.group_id: s.state for s in suggestions.suggestions_of(world.db, draft_id)}
    assert states == {"grp-saxion-cyber": "no_answer", "grp-hu-cyber": "question"}
    assert world.events(draft_id)[-1] == ("vraagwijzer", "suggested", "suggested")
    assert world.workflow.due_work() == (0, 0)  # closed once


def test_no_reminder_for_a_suggestion_of_a_draft_that_was_rejected_meanwhile(world: World) -> None:
    draft_id, _ = world.suggested(["grp-saxion-cyber"])
    world.workflow.reject(world.rijk, draft_id, "buiten_scope", "Toch niet nodig.")
    assert intakes.get_draft(world.db, draft_id).state == "rejected"

    world.clock.now = TEN_WORKING_DAYS
    world.workflow.due_work()
    world.clock.now = TWENTY_WORKING_DAYS
    world.workflow.due_work()

    assert world.outbox.take() == []
