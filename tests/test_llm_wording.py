"""The optional wording by a language model, against an OpenAI-compatible stand-in over real
HTTP with the real `openai` client: a good proposal is used and recorded; every doubt (malformed
JSON, another organisation, failed checks, a new number or name, a time-out, 429/500) leaves the
rule-based draft, and no conversation is lost; nothing personal is sent."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot import wiring
from bot.channels.base import while_typing
from bot.conversation.assistant import Assistant
from bot.drafting import Draft
from bot.drafting.drafter import Drafter
from bot.frog import shared_frog
from bot.matching import Matcher
from bot.settings import LlmSettings, SettingsError, load_settings
from bot.wording.client import ModelClient
from bot.wording.service import ModelWording
from bot.wording.versions import with_model_wording
from bot.workflow import Workflow
from knowledge import intakes
from knowledge import review as review_
from knowledge.review import ReviewError
from tests.support import builders
from tests.support.assistant import CHANNEL, FULL_INTAKE, joined, run_intake, say
from tests.support.dashboard import login
from tests.support.openai_standin import Answer, OpenAIStandIn, completion, error, running_standin, wording
from tests.support.ports import free_port

NOW = "2026-11-28T10:00:00+00:00"
RULES_MAIN = "Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen op alle laptops?"
GOOD = wording(
    "Updates op laptops sneller uitrollen bij DUO",
    "Hoe kan DUO updates binnen een week uitrollen op alle laptops?",
    [
        "Hoe verloopt het uitrollen van updates op de laptops nu?",
        "Welke knelpunten vertragen de updates op de laptops?",
        "Welke eisen stelt de BIO aan het tempo van updates?",
        "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
    ],
)


@pytest.fixture
def standin() -> Iterator[OpenAIStandIn]:
    with running_standin() as server:
        yield server


def assistant_for(db: Database, matcher: Matcher, standin: OpenAIStandIn, timeout: float = 10.0) -> Assistant:
    client = ModelClient(standin.base_url, "standin-model", "sk-test", timeout)
    wording_ = ModelWording(client, Drafter(shared_frog()), clock=lambda: NOW)
    return Assistant(db, matcher, clock=lambda: NOW, wording=wording_)


def test_a_good_proposal_is_shown_stored_and_recorded(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn, tmp_path: Path
) -> None:
    standin.answer(GOOD)
    assistant = assistant_for(small_db, small_matcher, standin)
    review = run_intake(assistant, FULL_INTAKE)
    text = joined(review)
    assert "Hoofdvraag: Hoe kan DUO updates binnen een week uitrollen op alle laptops?" in text
    assert "4. Wat verwachten medewerkers en de servicedesk van een snellere uitrol?" in text
    assert "voorgesteld door het taalmodel van uw organisatie" in text  # said so
    assert review[0].card is not None and review[0].card.main_question.startswith("Hoe kan DUO")
    # One structured-output request to the configured model, with the key.
    (request,) = standin.requests
    assert request["model"] == "standin-model"
    schema = request["response_format"]["json_schema"]["schema"]
    assert request["response_format"]["type"] == "json_schema"
    assert schema["required"] == ["title", "main_question", "sub_questions"]
    assert standin.headers[0]["authorization"] == "Bearer sk-test"
    sent = standin.sent_text()
    assert (
        "een adviesvraag" in sent and RULES_MAIN in sent and "Updates op laptops sneller uitrollen (DUO, 2023)" in sent
    )
    # Stored with both versions; submitted as the user saw it.
    pending = intakes.load_conversation(small_db, CHANNEL, "u1").pending["draft"]
    assert pending["main_question"].startswith("Hoe kan DUO")
    assert pending["wording"]["model"] == "standin-model" and pending["wording"]["at"] == NOW
    assert pending["wording"]["rules"]["main_question"] == RULES_MAIN
    assert all(q["ok"] for q in pending["quality"])
    assert "Ingediend" in joined(say(assistant, choice="review:submit"))
    (submitted,) = intakes.drafts_of(small_db, CHANNEL, "u1")
    shown = cli_json(tmp_path, "drafts", "show", submitted.id, "--json")
    assert shown["draft"]["wording"]["model"] == "standin-model" and shown["draft"]["wording"]["at"] == NOW
    assert shown["draft"]["main_question"] == "Hoe kan DUO updates binnen een week uitrollen op alle laptops?"
    # A broker switches back to the rules' wording, with an audit entry; and forth again.
    broker = review_.add_broker(small_db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW)
    workflow = Workflow(small_db, clock=lambda: NOW)
    back = workflow.use_wording(broker, submitted.id, "rules")
    assert back.draft["main_question"] == RULES_MAIN and back.draft["wording"]["in_use"] == "rules"
    assert back.draft["wording"]["model"] == "standin-model"  # still: the user saw the model's wording
    assert json.loads(intakes.events_of(small_db, submitted.id)[-1].comment) == {"wording": "rules"}
    again = workflow.use_wording(broker, submitted.id, "model")
    assert again.draft["main_question"].startswith("Hoe kan DUO")
    with pytest.raises(ReviewError):
        workflow.use_wording(broker, submitted.id, "something")


def cli_json(data_dir: Path, *args: str) -> Any:
    """A command's JSON output, run in this process on the test's database file."""
    from bot.cli import cli

    env = {"VRAAGWIJZER_DATA_DIR": str(data_dir), "VRAAGWIJZER_LLM_URL": ""}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# -- fallbacks: each leaves the rule-based draft, and the conversation goes on ----------------
BAD_ANSWERS = {  # each with the reason logged (without content)
    "malformed JSON": (
        Answer(body=completion('{"title": "Updates", "main_question": ')),
        "invalid answer: json_invalid",
    ),
    "JSON of another shape": (
        Answer(body=completion('{"titel": "x", "hoofdvraag": "y"}')),
        "invalid answer: extra_forbidden,missing",
    ),
    "another organisation": (
        wording(
            "Updates op laptops sneller uitrollen bij UWV",
            "Hoe kan UWV updates binnen een week uitrollen op alle laptops?",
            [
                "Hoe verloopt het uitrollen van updates op de laptops nu?",
                "Welke knelpunten vertragen de updates op de laptops?",
                "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
            ],
        ),
        "fails checks: names_organisation",
    ),
    "a question that fails the checks": (
        wording(
            "Updates op laptops",
            "Wij willen dat DUO de updates binnen een week uitrolt op alle laptops.",
            [
                "Hoe verloopt het uitrollen van updates op de laptops nu?",
                "Welke knelpunten vertragen de updates op de laptops?",
                "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
            ],
        ),
        "fails checks: first_person",
    ),
    "a number not in the intake": (
        wording(
            "Updates op laptops sneller uitrollen bij DUO",
            "Hoe kan DUO updates binnen een week uitrollen op alle 4000 laptops?",
            [
                "Hoe verloopt het uitrollen van updates op de laptops nu?",
                "Welke knelpunten vertragen de updates op de laptops?",
                "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
            ],
        ),
        "new number",
    ),
    "a name not in the intake": (
        wording(
            "Updates op laptops sneller uitrollen bij DUO",
            "Hoe kan DUO updates binnen een week uitrollen op alle laptops?",
            [
                "Hoe verloopt het uitrollen van updates op de laptops nu volgens Pieter Bakker?",
                "Welke knelpunten vertragen de updates op de laptops?",
                "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
            ],
        ),
        "new name",
    ),
    "lost key words": (
        wording(
            "Sneller werken bij DUO",
            "Hoe kan DUO sneller werken?",
            [
                "Hoe verloopt het werk nu?",
                "Welke knelpunten vertragen het werk van de servicedesk?",
                "Wat verwachten medewerkers en de servicedesk van sneller werk?",
            ],
        ),
        "lost 3 of 3 key words",
    ),
    "another organisation beside its own": (
        wording(
            "Updates op laptops sneller uitrollen bij DUO",
            "Hoe kan DUO net als UWV updates binnen een week uitrollen op alle laptops?",
            [
                "Hoe verloopt het uitrollen van updates op de laptops nu?",
                "Welke knelpunten vertragen de updates op de laptops?",
                "Wat verwachten medewerkers en de servicedesk van een snellere uitrol?",
            ],
        ),
        "names another organisation",
    ),
    "429 too many requests": (
        error(429, "rate limited"),
        "status 429",
    ),
    "500 server error": (
        error(500),
        "status 500",
    ),
    "cut off (finish_reason length)": (
        Answer(body=completion('{"title": "x"', finish_reason="length")),
        "finish length",
    ),
    "a body that is no JSON": (
        Answer(status=200, body="<html>proxy error</html>"),
        "no JSON body",
    ),
}


def assert_rules_draft_shown_and_kept(assistant: Assistant, db: Database, review: list) -> None:  # type: ignore[type-arg]
    assert f"Hoofdvraag: {RULES_MAIN}" in joined(review)
    assert "taalmodel" not in joined(review)
    conversation = intakes.load_conversation(db, CHANNEL, "u1")
    assert conversation.step == "review"
    assert conversation.pending["draft"]["main_question"] == RULES_MAIN
    assert conversation.pending["draft"]["wording"] == "rules"
    assert "Ingediend" in joined(say(assistant, choice="review:submit"))
    (submitted,) = intakes.drafts_of(db, CHANNEL, "u1")
    assert submitted.draft["main_question"] == RULES_MAIN and submitted.draft["wording"] == "rules"


@pytest.mark.parametrize("case", list(BAD_ANSWERS))
def test_every_doubtful_answer_leaves_the_rule_based_draft(
    case: str, small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    answer, reason = BAD_ANSWERS[case]
    standin.answer(answer)
    assistant = assistant_for(small_db, small_matcher, standin)
    with caplog.at_level(logging.DEBUG):
        review = run_intake(assistant, FULL_INTAKE)
    assert len(standin.requests) == 1  # asked once: no retries behind the user's back
    assert_rules_draft_shown_and_kept(assistant, small_db, review)
    reasons = [r.getMessage() for r in caplog.records if r.name.startswith("bot.wording")]
    assert any(f"not used ({reason}," in m for m in reasons), reasons
    assert_no_content_logged(caplog)


def assert_no_content_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing of the prompt or the answers (the intake's words, the proposals) in any log."""
    logged = "\n".join(r.getMessage() + str(r.args or "") for r in caplog.records)
    for fragment in ("laptops", "servicedesk", "Pieter", "4000", "UWV updates", "Wij willen", "Onze"):
        assert not re.search(rf"\b{fragment}\b", logged), fragment


def test_slowness_past_the_time_out_leaves_the_rule_based_draft(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn
) -> None:
    slow = Answer(body=GOOD.body, delay=3.0)
    standin.answer(slow)
    assistant = assistant_for(small_db, small_matcher, standin, timeout=0.5)
    run_intake(assistant, FULL_INTAKE[:-1])
    started = time.perf_counter()
    review = say(assistant, choice="level:hbo")
    waited = time.perf_counter() - started
    assert waited < 2.5, waited  # the time-out, not the model's 3 s (plus the drafting itself)
    assert_rules_draft_shown_and_kept(assistant, small_db, review)


def test_a_refused_connection_leaves_the_rule_based_draft(small_db: Database, small_matcher: Matcher) -> None:
    nothing = OpenAIStandIn(port=free_port())  # nobody listens there
    assistant = assistant_for(small_db, small_matcher, nothing)
    review = run_intake(assistant, FULL_INTAKE)
    assert_rules_draft_shown_and_kept(assistant, small_db, review)


# -- what leaves the service ------------------------------------------------------------------
PLANTED = ("111222333", "jan.devries@example.nl", "06 12345678", "Jan de Vries")
PII_INTAKE = [
    *FULL_INTAKE[:3],
    (
        "text",
        "Onze laptops krijgen updates pas weken te laat; Jan de Vries (BSN 111222333, "
        "jan.devries@example.nl, 06 12345678) klaagt er steeds over",
    ),
    *FULL_INTAKE[4:],
]


def assert_nothing_personal(sent: str) -> None:
    assert sent
    for planted in (*PLANTED, "Vries", "12345678", "devries"):
        assert planted not in sent, planted


def test_only_redacted_text_is_sent(small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn) -> None:
    standin.answer(error(500))
    assistant = assistant_for(small_db, small_matcher, standin)
    review = run_intake(assistant, PII_INTAKE)
    assert "Hoofdvraag:" in joined(review)
    assert "weken te laat" in standin.sent_text()  # the intake itself was sent
    assert_nothing_personal(standin.sent_text())


def test_an_intake_that_was_not_redacted_is_redacted_before_sending(standin: OpenAIStandIn) -> None:
    """`vraagwijzer draft` takes an intake from stdin as it is: the wording redacts it again."""
    from bot.drafting import Intake
    from bot.drafting.records import OrganisationName
    from bot.wording.service import WordingSource

    standin.answer(error(500))
    drafter = Drafter(shared_frog())
    intake = Intake(
        organisation="DUO",
        problem="Jan de Vries (BSN 111222333) mailt ons vanaf jan.devries@example.nl en belt 06 12345678 over zijn brief",
        goal="minder telefoontjes krijgen over de brieven",
    )
    rules = drafter.draft(intake, None, organisation=OrganisationName.plain("DUO"))
    client = ModelClient(standin.base_url, "standin-model", None, 5.0)
    worded = ModelWording(client, drafter).improve(rules, WordingSource(intake, OrganisationName.plain("DUO")))
    assert worded is rules
    assert "brief" in standin.sent_text()
    assert_nothing_personal(standin.sent_text())
    assert standin.headers[0]["authorization"] == "Bearer geen-sleutel"  # no key configured (Ollama)


# -- "Andere formulering" -----------------------------------------------------------------------
ALTERNATIVE = wording(
    "Snellere uitrol van updates op laptops bij DUO",
    "Welke aanpak helpt DUO om updates binnen een week uit te rollen op alle laptops?",
    [
        "Hoeveel tijd kost het uitrollen van updates op de laptops nu?",
        "Waardoor lopen de updates op de laptops vertraging op?",
        "Welke eisen stelt de BIO aan het uitrollen van updates?",
    ],
)


def test_another_wording_asks_the_model_for_an_alternative(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn
) -> None:
    standin.answer(GOOD, ALTERNATIVE)
    assistant = assistant_for(small_db, small_matcher, standin)
    run_intake(assistant, FULL_INTAKE)
    reworded = joined(say(assistant, choice="review:reword"))
    assert "Andere formulering" in reworded or "andere formulering" in reworded.lower()
    assert "Hoofdvraag: Welke aanpak helpt DUO om updates binnen een week uit te rollen op alle laptops?" in reworded
    second = "\n".join(m["content"] for m in standin.requests[1]["messages"])
    assert "andere formulering" in second and "Hoe kan DUO updates binnen een week uitrollen" in second
    stored = intakes.load_conversation(small_db, CHANNEL, "u1").pending["draft"]
    assert stored["main_question"].startswith("Welke aanpak helpt DUO")


def test_the_same_wording_again_is_no_alternative(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn
) -> None:
    standin.answer(GOOD)
    assistant = assistant_for(small_db, small_matcher, standin)
    run_intake(assistant, FULL_INTAKE)
    reworded = joined(say(assistant, choice="review:reword"))
    assert "Hoe kan DUO updates binnen een week uitrollen" not in reworded  # the rules' next variant
    assert intakes.load_conversation(small_db, CHANNEL, "u1").pending["draft"]["wording"] == "rules"


# -- the off switch and the settings ------------------------------------------------------------
def llm_env(url: str, **more: str) -> dict[str, str]:
    return {"VRAAGWIJZER_LLM_URL": url, "VRAAGWIJZER_LLM_MODEL": "standin-model", **more}


def test_the_off_switch_turns_it_off_at_once(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn, tmp_path: Path
) -> None:
    off = load_settings({**llm_env(standin.base_url), "VRAAGWIJZER_LLM": "off", "VRAAGWIJZER_DATA_DIR": str(tmp_path)})
    assert off.llm is None and wiring.model_wording(off) is None
    on = load_settings(
        {**llm_env(standin.base_url, VRAAGWIJZER_LLM_TIMEOUT="5"), "VRAAGWIJZER_DATA_DIR": str(tmp_path)}
    )
    assert on.llm == LlmSettings(standin.base_url, "standin-model", None, 5.0)
    model_wording = wiring.model_wording(on, Drafter(shared_frog()))
    assert model_wording is not None
    # While running: the file `llm-off` in the data folder stops it from the next draft on.
    (tmp_path / wiring.LLM_OFF_FILE).touch()
    standin.answer(GOOD)
    assistant = Assistant(small_db, small_matcher, clock=lambda: NOW, wording=model_wording)
    review = run_intake(assistant, FULL_INTAKE)
    assert standin.requests == []
    assert_rules_draft_shown_and_kept(assistant, small_db, review)


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        (llm_env("localhost:11434/v1"), "VRAAGWIJZER_LLM_URL"),
        ({"VRAAGWIJZER_LLM_URL": "http://127.0.0.1:11434/v1"}, "VRAAGWIJZER_LLM_MODEL"),
        (llm_env("http://h/v1", VRAAGWIJZER_LLM_TIMEOUT="twintig"), "VRAAGWIJZER_LLM_TIMEOUT"),
        (llm_env("http://h/v1", VRAAGWIJZER_LLM_TIMEOUT="0"), "VRAAGWIJZER_LLM_TIMEOUT"),
        (llm_env("http://h/v1", VRAAGWIJZER_LLM_KEY_FILE="/nonexistent/key"), "VRAAGWIJZER_LLM_KEY_FILE"),
        (llm_env("http://h/v1", VRAAGWIJZER_LLM_KEY="k", VRAAGWIJZER_LLM_KEY_FILE="/k"), "niet allebei"),
    ],
)
def test_bad_settings_are_one_clear_line(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(env)
    assert fragment in str(raised.value) and "\n" not in str(raised.value)


def test_the_key_is_read_from_a_key_file(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("sk-from-file\n")
    settings = load_settings(llm_env("https://vlam.example/v1/", VRAAGWIJZER_LLM_KEY_FILE=str(key_file)))
    assert settings.llm == LlmSettings("https://vlam.example/v1", "standin-model", "sk-from-file", 20.0)
    assert load_settings({}).llm is None  # off unless configured


# -- `vraagwijzer draft` --------------------------------------------------------------------------
def test_the_draft_command_uses_the_model_when_configured(tmp_path: Path, standin: OpenAIStandIn) -> None:
    standin.answer(
        wording(
            "Minder telefoontjes over brieven van DUO",
            "Hoe kan DUO het aantal telefoontjes over de brieven verminderen?",
            [
                "Waarom bellen burgers over de brieven van DUO?",
                "Welke onderdelen van de brieven roepen de meeste vragen op?",
                "Hoe kan DUO de brieven duidelijker maken voor burgers?",
            ],
        )
    )
    intake = {
        "organisation": "DUO",
        "problem": "Burgers bellen massaal over hun brief",
        "context": "vragen komen binnen via info@duo.example.nl",
        "goal": "minder telefoontjes krijgen over de brieven",
        "region": "oost",
        "level": "hbo",
    }
    env = {
        **os.environ,
        "VRAAGWIJZER_DATA_DIR": str(tmp_path),
        "VRAAGWIJZER_THREADS": "2",
        **llm_env(standin.base_url, VRAAGWIJZER_LLM_KEY="sk-cli"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "web.cli", "draft", "--no-match", "--json"],
        input=json.dumps(intake),
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["main_question"] == "Hoe kan DUO het aantal telefoontjes over de brieven verminderen?"
    assert data["wording"]["model"] == "standin-model"
    assert data["wording"]["rules"]["main_question"].startswith("Welke maatregelen kan DUO")
    assert "info@duo.example.nl" not in standin.sent_text() and "Burgers bellen massaal" in standin.sent_text()
    assert "telefoontjes" not in result.stderr  # nothing of the content in the log


# -- the broker's page ------------------------------------------------------------------------------
def test_brokers_see_both_versions_and_switch_back(setup: tuple[TestClient, Database]) -> None:
    client, db = setup
    rules = Draft.from_json(builders.draft_document())
    worded = replace(
        rules,
        title="Updates sneller uitrollen bij DUO",
        main_question="Hoe kan DUO updates sneller uitrollen op de laptops?",
    )
    document = with_model_wording(rules, worded, "vlam-mistral", NOW).as_json()
    intakes.submit_draft(db, builders.submitted_draft(id="VW-2026-LLM001", draft=document))
    csrf = login(client, db, "rijk@oost.nl")
    page = client.get("/drafts/VW-2026-LLM001").text
    assert "Formulering door het taalmodel" in page and "vlam-mistral" in page
    assert "Hoe kan DUO updates sneller uitrollen op de laptops?" in page and rules.main_question in page
    refused = client.post("/drafts/VW-2026-LLM001/wording", data={"version": "rules"})
    assert refused.status_code in (400, 403)  # no CSRF token
    assert intakes.get_draft(db, "VW-2026-LLM001").draft["main_question"] == worded.main_question
    done = client.post("/drafts/VW-2026-LLM001/wording", data={"version": "rules", "csrf": csrf})
    assert done.status_code == 303
    stored = intakes.get_draft(db, "VW-2026-LLM001")
    assert stored.draft["main_question"] == rules.main_question and stored.draft["wording"]["in_use"] == "rules"
    page = client.get(done.headers["location"]).text
    assert "Formulering gewisseld naar: volgens de regels." in page
    assert "De formulering van het taalmodel gebruiken" in page  # and forth again
    plain = client.post("/drafts/VW-2026-WEB001/wording", data={"version": "rules", "csrf": csrf})
    assert plain.status_code == 409 and "geen formulering van een taalmodel" in plain.text


# -- the typing indicator -----------------------------------------------------------------------------
def test_the_chat_keeps_showing_typing_while_a_turn_runs_long() -> None:
    shown: list[float] = []

    async def typing() -> None:
        shown.append(time.perf_counter())

    async def slow_turn() -> str:
        await asyncio.sleep(0.35)
        return "turn"

    async def quick_turn() -> str:
        return "turn"

    began = time.perf_counter()
    assert asyncio.run(while_typing(slow_turn(), typing, every=0.1, after=0.05)) == "turn"
    assert len(shown) >= 2 and shown[0] - began >= 0.05  # first after `after`, then every `every`
    shown.clear()
    assert asyncio.run(while_typing(quick_turn(), typing, every=0.1, after=0.05)) == "turn"
    assert shown == []  # a quick answer needs no typing indicator


# -- the chat stays responsive ------------------------------------------------------------------
def test_other_chats_go_on_while_the_model_words_a_draft(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn
) -> None:
    """The model is asked outside the assistant's lock: another user's turn is answered at once."""
    slow = Answer(body=GOOD.body, delay=3.0)
    standin.answer(slow)
    assistant = assistant_for(small_db, small_matcher, standin)
    run_intake(assistant, FULL_INTAKE[:-1])
    result: list[str] = []
    first = threading.Thread(target=lambda: result.append(joined(say(assistant, choice="level:hbo"))))
    first.start()
    while not standin.requests:  # the model has the question
        time.sleep(0.02)
    started = time.perf_counter()
    other = joined(say(assistant, "/start", user="u2"))
    answered_in = time.perf_counter() - started
    first.join(timeout=30)
    assert "Welkom" in other or "organisatie" in other.lower()
    assert answered_in < 1.5, answered_in  # not the model's 3 s
    assert "Hoofdvraag: Hoe kan DUO updates binnen een week uitrollen op alle laptops?" in result[0]


def test_a_message_sent_while_the_model_words_the_draft_waits_its_turn(
    small_db: Database, small_matcher: Matcher, standin: OpenAIStandIn
) -> None:
    """Two tabs of the web chat: the user asks to change the goal while the model words the
    draft. One user's turns stay in order (bot.conversation.turns.TurnOrder): the change is
    handled after the worded draft is stored, so neither is lost or set back."""
    standin.answer(Answer(body=GOOD.body, delay=2.0))
    assistant = assistant_for(small_db, small_matcher, standin)
    run_intake(assistant, FULL_INTAKE[:-1])
    result: list[str] = []
    first = threading.Thread(target=lambda: result.append(joined(say(assistant, choice="level:hbo"))))
    first.start()
    while not standin.requests:
        time.sleep(0.02)
    second = joined(say(assistant, choice="edit:goal"))  # waits for the first turn to end
    first.join(timeout=30)
    assert "Hoofdvraag: Hoe kan DUO updates binnen een week uitrollen op alle laptops?" in result[0]
    assert "anders zijn als het is opgelost" in second
    conversation = intakes.load_conversation(small_db, CHANNEL, "u1")
    assert conversation.step == "goal" and conversation.pending["draft"]["wording"]["in_use"] == "model"


def test_an_english_draft_is_worded_in_english(standin: OpenAIStandIn) -> None:
    from bot.drafting import Intake
    from bot.drafting.records import OrganisationName
    from bot.wording.service import WordingSource

    drafter = Drafter(shared_frog())
    intake = Intake(
        organisation="DUO",
        problem="Citizens keep calling about their letters",
        goal="fewer phone calls about the letters",
        language="en",
    )
    organisation = OrganisationName.plain("DUO")
    rules = drafter.draft(intake, None, organisation=organisation)
    good = wording(
        "Fewer phone calls about DUO letters",
        "How can DUO reduce the phone calls about the letters?",
        [
            "Why do citizens call about the letters?",
            "Which parts of the letters raise the most questions?",
            "How can DUO make the letters clearer for citizens?",
        ],
    )
    other_org = wording(
        "Fewer phone calls about UWV letters",
        "How can UWV reduce the phone calls about the letters?",
        ["Why do citizens call about the letters?", "Which parts raise questions?", "How can UWV help citizens?"],
    )
    standin.answer(good, other_org)
    model = ModelWording(ModelClient(standin.base_url, "standin-model", None, 5.0), drafter, clock=lambda: NOW)
    worded = model.improve(rules, WordingSource(intake, organisation, others=("UWV",)))
    assert worded.main_question == "How can DUO reduce the phone calls about the letters?"
    assert worded.wording["rules"]["main_question"] == rules.main_question
    assert "Write in English" in standin.requests[0]["messages"][0]["content"]
    refused = model.attempt(rules, WordingSource(intake, organisation, others=("UWV",)))
    assert refused.draft is rules and refused.reason is not None
