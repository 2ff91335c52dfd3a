"""Commands and answers in the intake: a command word the question offers is an answer, a
command that throws answers away asks first, and the organisation answer must be a name."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from bot.texts import en, nl
from knowledge import catalog, intakes
from knowledge.example_data import example_organisations
from knowledge.records import Conversation
from tests.support import builders
from tests.support.assistant import CHANNEL, FULL_INTAKE, joined, options, run_intake, say

AT_CONTEXT = FULL_INTAKE[:4]  # organisation, region and problem answered
AT_SIMILAR = FULL_INTAKE[:5]
AT_DATA = FULL_INTAKE[:8]


@pytest.fixture
def assistant(small_db: Database, small_matcher: Matcher) -> Assistant:
    return Assistant(small_db, small_matcher, clock=lambda: "2026-11-28T10:00:00+00:00")


@pytest.fixture
def every_organisation(small_db: Database, small_matcher: Matcher) -> Assistant:
    """The assistant with all the bundled example organisations (all the ministries)."""
    catalog.save_records(small_db, "organisations", example_organisations())
    return Assistant(small_db, small_matcher, clock=lambda: "2026-11-28T10:00:00+00:00")


def stored(db: Database) -> Conversation:
    return intakes.load_conversation(db, CHANNEL, "u1")


# -- a command word the question offers is an answer -----------------------------------------


@pytest.mark.parametrize("word", ["nieuw", "Nieuw", "new"])
def test_nieuw_at_the_similar_step_chooses_a_new_question(assistant: Assistant, small_db: Database, word: str) -> None:
    run_intake(assistant, AT_SIMILAR)
    replies = say(assistant, word)
    assert [r.text for r in replies] == [nl.ASK["goal"]]
    conversation = stored(small_db)
    assert conversation.step == "goal" and conversation.answers["builds_on"] is None


def test_a_slash_command_is_a_command_even_where_the_word_is_an_answer(
    assistant: Assistant, small_db: Database
) -> None:
    run_intake(assistant, AT_SIMILAR)
    assert "Weet u het zeker?" in joined(say(assistant, "/nieuw"))
    assert stored(small_db).step == "similar"


def test_privacy_at_the_data_step_is_an_answer(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_DATA)
    replies = say(assistant, "privacy")
    assert [r.text for r in replies] == [nl.ASK["timeline"]]
    assert stored(small_db).answers["data"] == "privacy"


@pytest.mark.parametrize(("word", "text"), [("help", nl.HELP), ("status", nl.STATUS_NONE), ("privacy", nl.PRIVACY)])
def test_a_bare_command_word_at_a_free_text_step_is_a_command(
    assistant: Assistant, small_db: Database, word: str, text: str
) -> None:
    run_intake(assistant, FULL_INTAKE[:3])
    replies = say(assistant, word)
    assert text in joined(replies)
    assert stored(small_db).step == "problem" and "problem" not in stored(small_db).answers


def test_terug_goes_back_at_a_step_with_options(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_SIMILAR)
    assert [r.text for r in say(assistant, "terug")] == [nl.ASK["context"]]
    assert stored(small_db).step == "context"


# -- a command that throws answers away asks first -------------------------------------------


@pytest.mark.parametrize(
    ("typed", "command"),
    [("/nieuw", "new"), ("opnieuw", "new"), ("/annuleer", "cancel"), ("stop", "cancel"), ("/stop", "cancel")],
)
def test_a_command_that_throws_answers_away_names_what_is_lost(
    assistant: Assistant, small_db: Database, typed: str, command: str
) -> None:
    run_intake(assistant, AT_CONTEXT)
    before = stored(small_db).answers
    replies = say(assistant, typed)
    assert [r.text for r in replies] == [nl.CONFIRM_DISCARD[command].format(fields="organisatie, regio en probleem")]
    assert options(replies) == [f"confirm:{command}", "confirm:keep"]
    assert stored(small_db).answers == before and stored(small_db).step == "context"


@pytest.mark.parametrize("no", [{"text": "Nee"}, {"text": "no"}, {"choice": "confirm:keep"}])
def test_no_keeps_the_answers_and_asks_the_question_again(
    assistant: Assistant, small_db: Database, no: dict[str, str]
) -> None:
    run_intake(assistant, AT_CONTEXT)
    before = stored(small_db).answers
    say(assistant, "/nieuw")
    replies = say(assistant, **no)
    assert [r.text for r in replies] == [nl.CONFIRM_KEPT, nl.ASK["context"]]
    assert stored(small_db).answers == before and "confirm" not in stored(small_db).pending


@pytest.mark.parametrize("yes", [{"text": "Ja"}, {"text": "ja!"}, {"choice": "confirm:new"}])
def test_yes_to_new_clears_the_answers_and_begins_again(
    assistant: Assistant, small_db: Database, yes: dict[str, str]
) -> None:
    run_intake(assistant, AT_CONTEXT)
    say(assistant, "/nieuw")
    assert [r.text for r in say(assistant, **yes)] == [nl.ASK["organisation"]]
    conversation = stored(small_db)
    assert conversation.step == "organisation" and conversation.answers == {}


def test_yes_to_cancel_clears_the_answers(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_CONTEXT)
    say(assistant, "/annuleer")
    assert [r.text for r in say(assistant, choice="confirm:cancel")] == [nl.CANCELLED]
    assert stored(small_db).step == "idle" and stored(small_db).answers == {}


@pytest.mark.parametrize("typed", ["/annuleer", "annuleer", "stop", "cancel"])
def test_cancel_at_the_first_question_without_answers_acts_at_once(
    assistant: Assistant, small_db: Database, typed: str
) -> None:
    say(assistant, "/start")
    assert [r.text for r in say(assistant, typed)] == [nl.CANCELLED]
    assert stored(small_db).step == "idle"


def test_new_at_the_first_question_without_answers_begins_at_once(assistant: Assistant) -> None:
    say(assistant, "/start")
    assert [r.text for r in say(assistant, "/nieuw")] == [nl.ASK["organisation"]]


def test_a_problem_typed_before_the_first_question_counts_as_an_answer(
    assistant: Assistant, small_db: Database
) -> None:
    say(assistant, "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke")
    replies = say(assistant, "/stop")
    assert [r.text for r in replies] == [nl.CONFIRM_DISCARD["cancel"].format(fields="probleem")]


def test_a_problem_typed_first_is_kept_without_names_and_used_when_its_question_comes(
    assistant: Assistant, small_db: Database
) -> None:
    first = say(assistant, "Meneer Pieter Jansen van de servicedesk ziet dat laptops updates weken te laat krijgen")
    assert "naam" in joined(first)  # told that a name was removed
    early = stored(small_db).pending["early_problem"]
    assert "Jansen" not in early and "[naam]" in early

    say(assistant, "duo")
    replies = say(assistant, "ik werk in Groningen")
    assert [r.text for r in replies][-2:] == [nl.PROBLEM_FROM_EARLIER, nl.ASK["context"]]
    assert stored(small_db).answers["problem"] == early


def test_another_answer_lets_the_question_lapse_and_counts(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_CONTEXT)
    say(assistant, "/stop")
    say(assistant, "We houden het nu bij in excel, sinds de nieuwe BIO-eisen moet het sneller")
    conversation = stored(small_db)
    assert "excel" in conversation.answers["context"] and "confirm" not in conversation.pending
    assert conversation.answers["organisation"] == "DUO"


def test_an_older_button_while_asked_is_refused_and_changes_nothing(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_SIMILAR)
    say(assistant, "/stop")
    before = stored(small_db)
    replies = say(assistant, choice="similar:new")
    assert replies[0].text == nl.NOT_UNDERSTOOD_OPTION
    assert options(replies) == ["confirm:cancel", "confirm:keep"]
    assert stored(small_db) == before


def test_a_confirmation_button_that_was_not_asked_is_refused(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, AT_CONTEXT)
    before = stored(small_db)
    assert say(assistant, choice="confirm:cancel")[0].text == nl.NOT_UNDERSTOOD_OPTION
    assert stored(small_db) == before


def test_the_cancel_button_of_the_summary_asks_first(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE)
    assert "Weet u het zeker?" in joined(say(assistant, choice="review:cancel"))
    kept = say(assistant, "nee")
    assert kept[0].text == nl.CONFIRM_KEPT and kept[-1].text == nl.DRAFT_QUESTION
    assert stored(small_db).step == "review" and "draft" in stored(small_db).pending


def test_start_in_the_middle_carries_on(assistant: Assistant, small_db: Database) -> None:
    run_intake(assistant, FULL_INTAKE)
    say(assistant, choice="review:edit")
    say(assistant, choice="edit:organisation")  # back at the first question, answers kept
    replies = say(assistant, "/start")
    assert [r.text for r in replies] == [nl.WELCOME_BACK, nl.ASK["organisation"]]
    assert stored(small_db).answers["problem"]


# -- the organisation answer must be a name --------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "ja",
        "Ja!",
        "nee",
        "ok",
        "yes",
        "eh",
        "weet niet",
        "geen idee",
        "123",
        "<script>alert('x')</script>",
        "ik werk bij de gemeente",
        "Bij welke organisatie?",
        "Wij zijn een kleine afdeling die vooral met subsidies voor scholen bezig is",
    ],
)
def test_what_is_no_organisation_name_is_asked_again_with_examples(
    assistant: Assistant, small_db: Database, typed: str
) -> None:
    say(assistant, "/start")
    assert [r.text for r in say(assistant, typed)] == [nl.ORGANISATION_RETRY]
    conversation = stored(small_db)
    assert conversation.step == "organisation"
    assert "organisation" not in conversation.answers and "org_candidate" not in conversation.pending


@pytest.mark.parametrize("typed", ["", "   ", "🙂"])
def test_an_empty_organisation_answer_asks_again(assistant: Assistant, small_db: Database, typed: str) -> None:
    say(assistant, "/start")
    assert [r.text for r in say(assistant, typed)] == [nl.EMPTY, nl.ASK["organisation"]]
    assert "organisation" not in stored(small_db).answers


@pytest.mark.parametrize("yes", [{"text": "ja"}, {"choice": "org:yes"}])
def test_an_unknown_plausible_name_is_kept_after_confirmation(
    assistant: Assistant, small_db: Database, yes: dict[str, str]
) -> None:
    say(assistant, "/start")
    asked = say(assistant, "Gemeente Nergens")
    assert [r.text for r in asked] == [nl.ORGANISATION_UNKNOWN.format(name="Gemeente Nergens")]
    assert options(asked) == ["org:yes", "org:no"]
    assert "organisation" not in stored(small_db).answers
    assert [r.text for r in say(assistant, **yes)] == [nl.ASK["region"]]
    answers = stored(small_db).answers
    assert answers["organisation"] == "Gemeente Nergens" and answers["organisation_id"] is None


@pytest.mark.parametrize("no", [{"text": "nee"}, {"choice": "org:no"}])
def test_no_to_an_unknown_name_asks_again(assistant: Assistant, small_db: Database, no: dict[str, str]) -> None:
    say(assistant, "/start")
    say(assistant, "Gemeente Nergens")
    assert [r.text for r in say(assistant, **no)] == [nl.ORGANISATION_RETRY]
    conversation = stored(small_db)
    assert "organisation" not in conversation.answers and "org_candidate" not in conversation.pending


def test_a_name_like_a_known_one_is_still_confirmed_and_kept(assistant: Assistant, small_db: Database) -> None:
    say(assistant, "/start")
    asked = say(assistant, "Dienst Uitvoering Onderwys")
    assert [r.text for r in asked] == ["Bedoelt u Dienst Uitvoering Onderwijs (DUO)?"]
    assert [r.text for r in say(assistant, "ja")] == [nl.ASK["region"]]
    answers = stored(small_db).answers
    assert answers["organisation"] == "DUO" and answers["organisation_id"] == "duo"


def test_no_to_a_name_found_in_a_sentence_does_not_keep_the_sentence(assistant: Assistant, small_db: Database) -> None:
    say(assistant, "/start")
    say(assistant, "Ik werk bij DUO op de afdeling studiefinanciering")
    assert [r.text for r in say(assistant, "nee")] == [nl.ORGANISATION_RETRY]
    assert "organisation" not in stored(small_db).answers


def test_no_to_a_known_name_keeps_a_name_as_typed(assistant: Assistant, small_db: Database) -> None:
    say(assistant, "/start")
    say(assistant, "Dienst Uitvoering Onderwys")
    say(assistant, "nee")
    answers = stored(small_db).answers
    assert answers["organisation"] == "Dienst Uitvoering Onderwys" and answers["organisation_id"] is None


@pytest.mark.parametrize("typed", ["duo", " DUO ", "Dienst Uitvoering Onderwijs", "dienst uitvoering onderwijs"])
def test_an_exactly_typed_known_name_is_taken_without_asking(
    assistant: Assistant, small_db: Database, typed: str
) -> None:
    say(assistant, "/start")
    replies = say(assistant, typed)
    taken = nl.ORGANISATION_TAKEN.format(name="Dienst Uitvoering Onderwijs (DUO)")
    assert [r.text for r in replies] == [f"{taken}\n\n{nl.ASK['region']}"]
    assert options(replies) and all(key.startswith("region:") for key in options(replies))
    conversation = stored(small_db)
    assert conversation.step == "region" and "org_candidate" not in conversation.pending
    assert conversation.answers["organisation"] == "DUO" and conversation.answers["organisation_id"] == "duo"


@pytest.mark.parametrize(
    ("typed", "taken"),
    [
        ("ministerie van IenW", "Ministerie van Infrastructuur en Waterstaat (IenW)"),
        ("het ministerie van bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK)"),
        ("de Belastingdienst", "Belastingdienst"),
        ("het UWV", "Uitvoeringsinstituut Werknemersverzekeringen (UWV)"),
    ],
)
def test_a_name_with_its_article_or_a_ministry_by_its_short_name_is_taken_without_asking(
    every_organisation: Assistant, typed: str, taken: str
) -> None:
    assistant = every_organisation
    say(assistant, "/start")
    assert joined(say(assistant, typed)).startswith(nl.ORGANISATION_TAKEN.format(name=taken))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ministerie van infrastructuur", "Ministerie van Infrastructuur en Waterstaat"),
        ("ministerie van ienww", "Ministerie van Infrastructuur en Waterstaat"),  # not "Financiën": the rest counts
        ("ministerie van defensei", "Ministerie van Defensie"),
    ],
)
def test_a_ministry_written_nearly_right_is_asked_about_by_its_own_name(
    every_organisation: Assistant, typed: str, meant: str
) -> None:
    assistant = every_organisation
    say(assistant, "/start")
    assert meant in joined(say(assistant, typed)).split("Bedoelt u", 1)[1]


def test_an_alias_is_taken_without_asking(small_db: Database, small_matcher: Matcher) -> None:
    ind = builders.organisation(
        id="ind", name="Immigratie- en Naturalisatiedienst", short_name="IND", aliases=("Immigratiedienst",)
    )
    catalog.save_records(small_db, "organisations", [ind])
    assistant = Assistant(small_db, small_matcher, clock=lambda: "2026-11-28T10:00:00+00:00")
    say(assistant, "/start")
    replies = say(assistant, "immigratiedienst")
    assert joined(replies).startswith(nl.ORGANISATION_TAKEN.format(name="Immigratie- en Naturalisatiedienst (IND)"))
    assert "Bedoelt u" not in joined(replies)
    assert stored(small_db).answers["organisation_id"] == "ind"


def test_back_after_a_name_taken_without_asking_asks_the_organisation_again(
    assistant: Assistant, small_db: Database
) -> None:
    say(assistant, "/start")
    say(assistant, "duo")
    assert [r.text for r in say(assistant, "/terug")] == [nl.ASK["organisation"]]
    assert stored(small_db).step == "organisation"
    assert "Bedoelt u" in joined(say(assistant, "Dienst Uitvoering Onderwys"))


def test_an_english_user_reads_the_taken_name_in_english(assistant: Assistant) -> None:
    say(assistant, "english")
    say(assistant, "/start")
    replies = say(assistant, "duo")
    assert joined(replies).startswith(en.ORGANISATION_TAKEN.format(name="Dienst Uitvoering Onderwijs (DUO)"))


def test_english_users_are_asked_in_english(assistant: Assistant) -> None:
    say(assistant, "english")
    say(assistant, "/start")
    assert [r.text for r in say(assistant, "yes")] == [en.ORGANISATION_RETRY]
    assert [r.text for r in say(assistant, "Gemeente Nergens")] == [
        en.ORGANISATION_UNKNOWN.format(name="Gemeente Nergens")
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_word_of_a_chat_apps_command_menu_is_a_command_the_dialog_knows(language: str) -> None:
    from bot import texts
    from bot.conversation.commands import COMMANDS

    menu = texts.for_language(language).COMMAND_MENU
    assert all(word in COMMANDS for word, _ in menu)
    # Both menus offer the same commands, each in its own words.
    assert [COMMANDS[w] for w, _ in menu] == [COMMANDS[w] for w, _ in texts.nl.COMMAND_MENU]
