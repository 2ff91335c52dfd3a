"""The intake conversation through the channel-neutral assistant, on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming
from bot.matching import Matcher
from bot.texts import nl
from knowledge import intakes
from tests.support.assistant import CHANNEL, FULL_INTAKE, joined, options, run_intake, say


@pytest.fixture
def assistant(small_db: Database, small_matcher: Matcher) -> Assistant:
    return Assistant(small_db, small_matcher, clock=lambda: "2026-11-28T10:00:00+00:00")


def test_full_intake_ends_with_a_submitted_draft(assistant: Assistant, small_db: Database) -> None:
    review = run_intake(assistant, FULL_INTAKE)
    text = joined(review)
    assert (
        "Hoofdvraag: Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen op alle laptops?" in text
    )
    assert "Lectoraat" in text  # suggested groups with reasons
    assert options(review)[-4:] == ["review:submit", "review:edit", "review:reword", "review:cancel"]
    assert "kind:ontwerpend" in options(review)  # another kind of question is one press away
    done = say(assistant, choice="review:submit")
    assert "Ingediend" in joined(done)
    drafts = intakes.drafts_of(small_db, CHANNEL, "u1")
    assert len(drafts) == 1 and drafts[0].state == "submitted" and drafts[0].region == "oost"
    assert drafts[0].draft["main_question"].startswith("Welke maatregelen kan DUO")
    events = intakes.events_of(small_db, drafts[0].id)
    assert [(e.from_state, e.to_state) for e in events] == [(None, "submitted")]
    status = joined(say(assistant, "/status"))
    assert drafts[0].id in status and "ingediend" in status


def test_a_restart_in_the_middle_loses_nothing(small_db: Database, small_matcher: Matcher) -> None:
    first = Assistant(small_db, small_matcher)
    run_intake(first, FULL_INTAKE[:5])
    restarted = Assistant(small_db, small_matcher)  # a new process on the same file
    replies = say(restarted, choice="similar:new")
    assert "Wat moet er anders zijn" in joined(replies)
    conversation = intakes.load_conversation(small_db, CHANNEL, "u1")
    assert conversation.answers["organisation"] == "DUO"
    assert conversation.answers["region"] == "oost"
    assert "laptops" in conversation.answers["problem"]


def test_similar_assignments_are_shown_with_organisation_year_and_outcome(assistant: Assistant) -> None:
    replies = run_intake(assistant, FULL_INTAKE[:5])
    text = joined(replies)
    assert "DUO onderzocht in 2023: “Updates op laptops sneller uitrollen”" in text
    assert "similar:asg-1" in options(replies)


def test_vague_answer_gets_one_follow_up_then_is_accepted(assistant: Assistant) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    follow_up = say(assistant, "het werkt niet")
    assert "Wat gaat er precies mis" in joined(follow_up)
    moved_on = say(assistant, "de laptops")  # still short, but we do not ask twice
    assert "huidige situatie" in joined(moved_on)


def test_back_and_edit_from_the_summary(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE)
    which = say(assistant, choice="review:edit")
    assert "edit:goal" in options(which)
    say(assistant, choice="edit:goal")
    review = say(assistant, "de doorlooptijd van updates halveren")
    assert "om de doorlooptijd van updates te halveren?" in joined(review)
    back = say(assistant, "terug")
    assert "Welk niveau" in joined(back)


def test_cancel_and_new(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE[:4])
    assert "Weet u het zeker?" in joined(say(assistant, "/annuleer"))  # answers are lost: asked first
    assert "Geannuleerd" in joined(say(assistant, "ja"))
    assert intakes.load_conversation(small_db, CHANNEL, "u1").answers == {}
    assert "Bij welke rijksorganisatie" in joined(say(assistant, "/nieuw"))


def test_personal_data_is_redacted_before_storage_and_told_once(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    replies = say(assistant, "Burger met BSN 111222333 belt steeds, mail jan@example.nl of bel 06-12345678")
    assert "BSN" in joined(replies) and "e-mailadres" in joined(replies)
    stored = intakes.load_conversation(small_db, CHANNEL, "u1")
    text = stored.pending.get("partial_problem", "") + stored.answers.get("problem", "")
    assert "111222333" not in text and "jan@example.nl" not in text and "12345678" not in text
    again = say(assistant, "Nog een BSN 123456782 van een andere burger die belt over de brief")
    assert "BSN" not in joined(again)  # told once


def test_delete_my_data_keeps_the_question_without_the_person(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:submit")
    run_intake(assistant, FULL_INTAKE[:4])
    assert "Weet u zeker" in joined(say(assistant, "/verwijder"))
    assert "gewist" in joined(say(assistant, choice="delete:yes"))
    assert not list(small_db["conversations"].rows_where("user_ref = ?", ["u1"]))
    rows = list(small_db["drafts"].rows)
    assert len(rows) == 1 and rows[0]["user_ref"] is None and rows[0]["draft"]


def test_english_user_gets_english(assistant: Assistant) -> None:
    say(assistant, "/start")
    replies = say(assistant, "We work at DUO and our online form is too hard for the people who use it")
    assert joined(replies) == "Do you mean Dienst Uitvoering Onderwijs (DUO)?"
    assert "In which region" in joined(say(assistant, choice="org:yes"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "x" * 4096,
        "<script>alert(1)</script>",
        "**vet** _schuin_ [link](http://x)",
        "'; DROP TABLE drafts; --",
        "\u202eRTL\u200b",
    ],
)
def test_odd_messages_get_a_helpful_reply(assistant: Assistant, small_db: Database, text: str) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    replies = say(assistant, text)
    assert replies and all(r.text for r in replies)
    assert "drafts" in small_db.table_names()


def test_photos_and_stale_buttons(assistant: Assistant) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    photo = assistant.handle(Incoming(CHANNEL, "u1", unsupported=True)).replies
    assert "alleen tekst" in joined(photo) and "Wat is het probleem" in joined(photo)
    stale = say(assistant, choice="level:wo")
    assert joined(stale) == "Die knop hoort bij een eerdere stap.\n" + nl.ASK["problem"]


def test_privacy_and_help_keep_the_place(assistant: Assistant) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    assert "Wat is het probleem" in joined(say(assistant, "/privacy"))
    assert "Wat is het probleem" in joined(say(assistant, "/help"))


def test_two_users_do_not_mix(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE[:3], user="a")
    run_intake(assistant, FULL_INTAKE[:1], user="b")
    assert intakes.load_conversation(small_db, CHANNEL, "a").step == "problem"
    assert intakes.load_conversation(small_db, CHANNEL, "b").step == "organisation"


def test_brokers_question_arrives_and_the_answer_goes_back_to_the_queue(
    assistant: Assistant, small_db: Database
) -> None:
    from bot.workflow import notify_change
    from knowledge import review

    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:submit")
    draft_id = intakes.drafts_of(small_db, CHANNEL, "u1")[0].id
    broker = review.add_broker(
        small_db, name="R", email="r@oost.nl", region="oost", side="rijk", now="2026-11-28T11:00:00+00:00"
    )
    review.request_changes(small_db, draft_id, broker, "Welke laptops vallen eronder?", "2026-11-28T11:00:00+00:00")
    notify_change(small_db, draft_id, "2026-11-28T11:00:00+00:00")

    told = say(assistant, "/status")
    assert "Welke laptops vallen eronder?" in joined(told)
    assert f"answer:{draft_id}" in options(told)
    assert "Typ uw antwoord" in joined(say(assistant, choice=f"answer:{draft_id}"))
    done = say(assistant, "Alle laptops van medewerkers met thuiswerkplek")
    assert "weer klaar" in joined(done)
    stored = intakes.get_draft(small_db, draft_id)
    assert stored.state == "submitted" and "thuiswerkplek" in stored.draft["background"]
    assert intakes.events_of(small_db, draft_id)[-1].comment == "Alle laptops van medewerkers met thuiswerkplek"
    assert "Welke laptops" not in joined(say(assistant, "/status"))  # shown once


def test_someone_else_cannot_answer_for_a_draft(assistant: Assistant, small_db: Database) -> None:
    from knowledge import review

    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:submit")
    draft_id = intakes.drafts_of(small_db, CHANNEL, "u1")[0].id
    broker = review.add_broker(
        small_db, name="R", email="r@oost.nl", region="oost", side="rijk", now="2026-11-28T11:00:00+00:00"
    )
    review.request_changes(small_db, draft_id, broker, "Vraag?", "2026-11-28T11:00:00+00:00")
    say(assistant, choice=f"answer:{draft_id}", user="intruder")
    assert "geen vraag" in joined(say(assistant, "Mijn antwoord als iemand anders", user="intruder"))
    assert intakes.get_draft(small_db, draft_id).state == "changes_requested"


def test_names_of_people_are_redacted_and_every_answer_is_stored_with_its_analysis(
    assistant: Assistant, small_db: Database
) -> None:
    steps = [
        *FULL_INTAKE[:3],
        ("text", "Mevrouw Sanne Visser van de servicedesk belt elke week omdat laptops updates missen"),
    ]
    replies = run_intake(assistant, steps)
    assert "een naam" in joined(replies)
    conversation = intakes.load_conversation(small_db, CHANNEL, "u1")
    problem = conversation.answers["problem"]
    assert "Visser" not in problem and "[naam]" in problem
    stored = conversation.answers["analysis"]["problem"]
    assert stored and not any("Visser" in token[0] for sentence in stored for token in sentence)
    assert "DUO" in conversation.answers["organisation"]  # organisations are not names of people


def test_the_user_chooses_another_kind_and_another_wording(assistant: Assistant) -> None:
    review = run_intake(assistant, FULL_INTAKE)
    first = next(line for line in joined(review).splitlines() if line.startswith("Hoofdvraag:"))
    assert "Ik heb er een adviesvraag van gemaakt" in joined(review)
    design = say(assistant, choice="kind:ontwerpend")
    assert "Ik heb er een ontwerpvraag van gemaakt" in joined(design)
    redesigned = next(line for line in joined(design).splitlines() if line.startswith("Hoofdvraag:"))
    reworded = say(assistant, choice="review:reword")
    other = next(line for line in joined(reworded).splitlines() if line.startswith("Hoofdvraag:"))
    assert first != redesigned and other != redesigned and other.endswith("?")


NO_GROUP_FITS = [*FULL_INTAKE[:-2], ("choice", "form:onderzoekslab"), ("choice", "level:hbo")]


def test_the_draft_reply_carries_a_card_of_the_same_draft(assistant: Assistant) -> None:
    draft, kinds, question = run_intake(assistant, FULL_INTAKE)
    card = draft.card
    assert card is not None and kinds.card is None and question.card is None
    assert card.main_label == "Hoofdvraag" and f"Hoofdvraag: {card.main_question}" in draft.text
    assert card.title in draft.text and card.intro == nl.DRAFT_INTRO
    subs = card.sections[0]
    assert subs.heading == "Deelvragen" and subs.numbered and len(subs.items) >= 2
    assert all(f"{n}. {q}" in draft.text for n, q in enumerate(subs.items, 1))
    headings = [s.heading for s in card.sections]
    assert {"Achtergrond", "Doel", "Op te leveren", "Voorgestelde onderzoeksgroepen"} <= set(headings)
    assert headings[-1] == "Kwaliteitscontrole"
    groups = card.sections[headings.index("Voorgestelde onderzoeksgroepen")]
    assert groups.note == nl.DRAFT_GROUPS and any("Lectoraat" in g for g in groups.items)
    assert [o.key for o in card.actions] == ["review:submit", "review:edit", "review:reword", "review:cancel"]


def test_when_form_and_level_leave_no_group_the_nearest_groups_are_shown_marked(
    assistant: Assistant, small_db: Database
) -> None:
    draft = run_intake(assistant, NO_GROUP_FITS)[0]
    text = draft.text
    assert "Geen groep past bij vorm en niveau; dichtstbijzijnde groepen zonder dat filter:" in text
    group_lines = [line for line in text.splitlines() if line.startswith("• Lectoraat")]
    assert group_lines and all(line.endswith("(zonder filter op vorm en niveau)") for line in group_lines)
    assert draft.card is not None
    section = next(s for s in draft.card.sections if s.heading == "Voorgestelde onderzoeksgroepen")
    assert section.note == nl.DRAFT_GROUPS_WIDENED and len(section.items) == len(group_lines)
    say(assistant, choice="review:submit")
    kept = intakes.drafts_of(small_db, CHANNEL, "u1")[0].draft["suggested_groups"]
    assert kept and all(g["unfiltered"] for g in kept)  # the brokers see them marked too


def test_groups_that_fit_form_and_level_are_not_marked(assistant: Assistant) -> None:
    text = run_intake(assistant, FULL_INTAKE)[0].text
    assert nl.DRAFT_GROUPS in text and "Geen groep past" not in text and "zonder filter" not in text


def test_the_submit_button_pressed_again_says_the_question_was_submitted(
    assistant: Assistant, small_db: Database
) -> None:
    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:submit")
    submitted = intakes.drafts_of(small_db, CHANNEL, "u1")[0].id
    again = say(assistant, choice="review:submit")
    assert joined(again) == f"Deze vraag is al ingediend als {submitted}. Met /status ziet u hoe het ervoor staat."
    assert len(intakes.drafts_of(small_db, CHANNEL, "u1")) == 1
    # In a new question the old draft's buttons still say so, and the open question follows.
    say(assistant, "/nieuw")
    for old in ("review:edit", "kind:ontwerpend"):
        replies = say(assistant, choice=old)
        assert [r.text for r in replies] == [nl.STALE_SUBMITTED.format(id=submitted), nl.ASK["organisation"]]
    assert intakes.load_conversation(small_db, CHANNEL, "u1").step == "organisation"


def test_an_old_button_with_nothing_in_progress_says_so(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    say(assistant, "/annuleer")
    say(assistant, "ja")
    replies = say(assistant, choice="region:oost")
    assert joined(replies) == f"{nl.STALE_OPTION} {nl.STALE_IDLE}"
    assert intakes.load_conversation(small_db, CHANNEL, "u1").step == "idle"


def test_a_new_draft_after_a_cancelled_one_does_not_claim_the_old_number(assistant: Assistant) -> None:
    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:submit")
    run_intake(assistant, FULL_INTAKE)  # a second draft, shown for review
    say(assistant, choice="review:cancel")
    say(assistant, "ja")
    assert joined(say(assistant, choice="review:submit")) == f"{nl.STALE_OPTION} {nl.STALE_IDLE}"
