"""Overlap across organisations: scoring on the labelled pairs, the draft page with the alike
question and its reasons, linking ("Samen oppakken"), both askers' consent in their chat,
a "Nee" that shares nothing, `drafts show --json`, the clusters page, and the pages in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot.conversation.assistant import Assistant, notice_reply
from bot.matching import Matcher
from bot.overlap import OverlapIndex, Question
from bot.overlap.evaluation import load_pairs, quality, score_pairs
from bot.overlap.scoring import THRESHOLD, DocumentFrequencies, analysed, reasons
from bot.workflow import Workflow
from embeddings.lexical import Analyzer
from knowledge import intakes, notices, overlaps, review, sessions
from knowledge.example_data import example_rows
from tests.support import builders
from tests.support.assistant import joined, options, say
from tests.support.fakes import FakeEncoder
from tests.support.ports import serving

PAIRS = Path(__file__).parent / "data" / "overlap_pairs.json"
NOW = builders.NOW
# Reported in README ("Overlap across organisations") and printed by bench/overlap.py.
FAKE_PRECISION, FAKE_RECALL = 1.0, 0.93
REAL_PRECISION, REAL_RECALL = 1.0, 0.93

UWV = "VW-2026-OVL001"
DUO = "VW-2026-OVL002"
OTHER = "VW-2026-OVL003"


def background() -> list[str]:
    return [f"{a['title']} {a['problem']}" for a in example_rows("assignments")]


# -- scoring on the labelled pairs ------------------------------------------------------------
def test_the_labelled_set_is_large_and_balanced() -> None:
    questions, pairs = load_pairs(PAIRS)
    labels = [p.label for p in pairs]
    assert len(pairs) >= 40
    assert {labels.count(x) >= 10 for x in ("same", "same-theme", "unrelated")} == {True}
    by_id = {q.id: q for q in questions}
    for p in pairs:  # every pair compares two organisations, as overlap does
        assert by_id[p.a].organisation != by_id[p.b].organisation


def test_precision_and_recall_on_the_labelled_pairs_with_the_fake_encoder() -> None:
    questions, pairs = load_pairs(PAIRS)
    found = quality(score_pairs(questions, pairs, FakeEncoder(), background()), THRESHOLD)
    assert found.precision >= FAKE_PRECISION and found.recall >= FAKE_RECALL, found


@pytest.mark.slow
def test_precision_and_recall_on_the_labelled_pairs_with_the_real_model(real_encoder: Any) -> None:
    questions, pairs = load_pairs(PAIRS)
    found = quality(score_pairs(questions, pairs, real_encoder, background()), THRESHOLD)
    assert found.precision >= REAL_PRECISION and found.recall >= REAL_RECALL, found


def test_a_threshold_far_off_is_caught_by_the_same_measure() -> None:
    """The measure is not blind: too low a threshold lets same-theme pairs through, too high
    one misses the paraphrases."""
    questions, pairs = load_pairs(PAIRS)
    scored = score_pairs(questions, pairs, FakeEncoder(), background())
    assert quality(scored, 0.02).precision < FAKE_PRECISION
    assert quality(scored, 0.6).recall < FAKE_RECALL


def test_reasons_name_shared_themes_stemmed_keywords_form_and_level() -> None:
    analyzer = Analyzer()
    first = analysed(
        Question(
            "a",
            "UWV",
            "Phishing",
            "",
            "medewerkers klikken op phishingmails",
            ("cybersecurity",),
            "praktijkopdracht",
            "hbo",
        ),
        analyzer,
    )
    second = analysed(
        Question(
            "b",
            "DUO",
            "Nepmails",
            "",
            "collega's klikten op een phishingmail",
            ("cybersecurity", "ai"),
            "praktijkopdracht",
            "hbo",
        ),
        analyzer,
    )
    why = reasons(first, second, DocumentFrequencies())
    assert why[0] == "thema's: cybersecurity"
    assert why[1].startswith("trefwoorden: ") and "phishingmail" in why[1]  # plural and singular meet
    assert "allebei een praktijkopdracht" in why and "allebei hbo" in why
    unrelated = analysed(
        Question("c", "RDW", "Bruggen", "", "sensoren op bruggen", ("iot-5g",), None, "beide"), analyzer
    )
    assert reasons(first, unrelated, DocumentFrequencies()) == ()


def test_clusters_follow_questions_as_they_come_and_go() -> None:
    from dataclasses import replace

    from bot.overlap import QuestionSet

    questions, _ = load_pairs(PAIRS)
    by_id = {q.id: q for q in questions}
    encoder = FakeEncoder()
    found = QuestionSet(encoder.dimension, background())
    chosen = [by_id[i] for i in ("q01", "q02", "q15", "q20")]
    found.put_many(chosen, encoder.encode_passages([q.dense_text for q in chosen]))
    assert [c.ids for c in found.clusters()] == [("q01", "q02")]
    third = replace(by_id["q01"], id="q99", organisation="Ministerie van Defensie")
    found.put(third, encoder.encode_passages([third.dense_text])[0])
    (cluster,) = found.clusters()
    assert cluster.ids == ("q01", "q02", "q99") and "cybersecurity" in cluster.themes
    found.remove("q02")
    assert [c.ids for c in found.clusters()] == [("q01", "q99")]
    found.remove("q99")
    assert found.clusters() == []  # one organisation left: no cluster


# -- the workflow, the pages and the chat -------------------------------------------------------
def draft(draft_id: str, organisation: str, user: str, region: str, title: str, problem: str, goal: str) -> Any:
    document = builders.draft_document(
        title=title, organisation=organisation, region=region, themes=["cybersecurity"], form="praktijkopdracht"
    )
    return builders.submitted_draft(
        id=draft_id,
        channel="test",
        user_ref=user,
        organisation=organisation,
        region=region,
        title=title,
        intake={"problem": problem, "goal": goal},
        draft=document,
    )


@pytest.fixture
def parts(small_db: Database) -> tuple[Database, Workflow]:
    db = small_db
    for d in (
        draft(
            UWV,
            "UWV",
            "u1",
            "oost",
            "Oefenmails met nepberichten werken niet",
            "bij onze oefencampagnes met phishingmails trapt nog een kwart van de medewerkers erin",
            "minder medewerkers die op phishingmails klikken",
        ),
        draft(
            DUO,
            "DUO",
            "u2",
            "west",
            "Minder klikken op phishingmails",
            "medewerkers klikken te vaak op phishingmails en vullen hun wachtwoord in op een nepsite",
            "dat minder medewerkers op phishingmails klikken en ze verdachte mails melden",
        ),
        draft(
            OTHER,
            "UWV",
            "u3",
            "oost",
            "Brieven over uitkeringen",
            "mensen begrijpen onze brieven over hun uitkering niet",
            "begrijpelijke brieven",
        ),
    ):
        intakes.submit_draft(db, d)
    for name, email, region, side in (
        ("Rijk Oost", "rijk@oost.nl", "oost", "rijk"),
        ("HO West", "ho@west.nl", "west", "ho"),
    ):
        review.add_broker(db, name=name, email=email, region=region, side=side, now=NOW)
    index = OverlapIndex(db, "fake-encoder", FakeEncoder, now=lambda: NOW)
    return db, Workflow(db, clock=lambda: NOW, overlaps=index, recheck=lambda d, organisations: d)


def client_for(db: Database, workflow: Workflow, email: str) -> tuple[TestClient, str]:
    from web.app import create_app

    client = TestClient(create_app(db, workflow=workflow, clock=lambda: NOW), follow_redirects=False)
    token = sessions.create_login_token(db, review.broker_by_email(db, email), NOW)
    assert client.get(f"/login/{token}").status_code == 303
    page = client.get(f"/drafts/{UWV}").text
    return client, re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_the_index_finds_the_question_of_the_other_organisation_only(parts: tuple[Database, Workflow]) -> None:
    db, workflow = parts
    (found,) = workflow.overlaps.overlaps_of(UWV)
    assert (found.id, found.organisation) == (DUO, "DUO")
    assert found.score >= THRESHOLD
    assert any(w.startswith("trefwoorden: ") and "phishingmail" in w for w in found.why)
    assert workflow.overlaps.overlaps_of(OTHER) == []  # same organisation as UWV's other question: never
    assert len(overlaps.cached_vectors(db, "fake-encoder")) == 3  # cached by content hash in SQLite


def test_submit_edit_and_reject_keep_the_index_current(parts: tuple[Database, Workflow]) -> None:
    db, workflow = parts
    encoder = workflow.overlaps.index.encoder  # type: ignore[union-attr]
    workflow.overlaps.overlaps_of(UWV)  # loaded
    before = encoder.embedded  # type: ignore[attr-defined]
    broker = review.broker_by_email(db, "ho@west.nl")
    workflow.edit(broker, DUO, {"title": "Brieven over studiefinanciering"})
    assert encoder.embedded == before + 1  # type: ignore[attr-defined]  # only the edited draft again
    review.request_changes(db, DUO, broker, "Welke systemen?", NOW)
    workflow.resubmit(intakes.load_conversation(db, "test", "u2"), DUO, "exchange")
    assert [o.id for o in workflow.overlaps.overlaps_of(UWV)] == [DUO]
    workflow.reject(broker, DUO, "al_onderzocht", "Dubbel")
    assert workflow.overlaps.overlaps_of(UWV) == []  # a rejected question is no longer compared
    fresh = OverlapIndex(db, "fake-encoder", FakeEncoder, now=lambda: NOW)  # a restart: rebuilt from SQLite
    assert fresh.overlaps_of(UWV) == [] and fresh.encoder.embedded == 0  # type: ignore[attr-defined]


def test_a_question_submitted_in_the_chat_is_indexed_at_once(
    parts: tuple[Database, Workflow], small_matcher: Matcher
) -> None:
    """The service's way: the workflow gets the matcher, and so its encoder, for the overlap index."""
    from tests.support.assistant import FULL_INTAKE, run_intake

    db, _ = parts
    workflow = Workflow(db, clock=lambda: NOW, matcher=small_matcher)
    assistant = Assistant(db, small_matcher, clock=lambda: NOW, workflow=workflow)
    run_intake(assistant, FULL_INTAKE, user="u7")
    assert "VW-" in joined(say(assistant, "indienen", user="u7"))
    (submitted,) = intakes.drafts_of(db, "test", "u7")
    assert submitted.id in overlaps.cached_vectors(db, small_matcher.encoder.name)
    assert workflow.overlaps.index is not None and submitted.id in workflow.overlaps.index.questions()


def test_the_draft_page_shows_the_overlap_with_its_reasons(parts: tuple[Database, Workflow]) -> None:
    db, workflow = parts
    client, _ = client_for(db, workflow, "rijk@oost.nl")
    page = client.get(f"/drafts/{UWV}").text
    assert f"Lijkt op {DUO} van DUO" in page
    assert "thema&#39;s: cybersecurity" in page and "trefwoorden: " in page and "allebei een praktijkopdracht" in page
    assert "Samen oppakken" in page
    assert f"Lijkt op {OTHER}" not in page
    review.add_broker(db, name="Rijk Midden", email="rijk@midden.nl", region="midden", side="rijk", now=NOW)
    elsewhere, csrf = client_for(db, workflow, "rijk@midden.nl")
    page = elsewhere.get(f"/drafts/{UWV}").text
    assert f"Lijkt op {DUO} van DUO" in page and "Samen oppakken met" not in page  # readable, not theirs
    refused = elsewhere.post(f"/drafts/{UWV}/samen-oppakken", data={"csrf": csrf, "other_id": DUO})
    assert refused.status_code == 409 and "regio" in refused.text and overlaps.all_links(db) == []


def test_linking_records_both_histories_and_asks_both_askers(parts: tuple[Database, Workflow]) -> None:
    db, workflow = parts
    client, csrf = client_for(db, workflow, "rijk@oost.nl")
    refused = client.post(f"/drafts/{UWV}/samen-oppakken", data={"csrf": "forged", "other_id": DUO})
    assert refused.status_code == 403 and overlaps.all_links(db) == []
    response = client.post(f"/drafts/{UWV}/samen-oppakken", data={"csrf": csrf, "other_id": DUO})
    assert response.status_code == 303
    (link,) = overlaps.all_links(db)
    assert link.state == "asked" and link.linked_by.startswith("makelaar:")
    assert "Samen oppakken met VW-2026-OVL002 (DUO)" in intakes.events_of(db, UWV)[-1].comment
    assert "Samen oppakken met VW-2026-OVL001 (UWV)" in intakes.events_of(db, DUO)[-1].comment
    for user, other in (("u1", "DUO"), ("u2", "UWV")):
        (asked,) = notices.pending_notices(db, "test", user)
        assert other in asked.text
        reply = notice_reply(asked.text, asked.kind, asked.draft_id, "nl")
        assert [o.label for o in reply.options] == ["Ja, deel mijn contact", "Nee"]
    page = client.get(f"/drafts/{UWV}").text
    assert "beide vraagstellers is gevraagd" in page
    again = client.post(f"/drafts/{UWV}/samen-oppakken", data={"csrf": csrf, "other_id": DUO})
    assert again.status_code == 409 and "al gekoppeld" in again.text
    same_org = client.post(f"/drafts/{UWV}/samen-oppakken", data={"csrf": csrf, "other_id": OTHER})
    assert same_org.status_code == 409 and "dezelfde organisatie" in same_org.text


def linked(
    parts: tuple[Database, Workflow], matcher: Matcher, broker: str, first: str, second: str
) -> tuple[Database, Assistant, overlaps.OverlapLink]:
    """The chat on `parts` after the broker `broker` linked `first` to `second`; the link."""
    db, workflow = parts
    assistant = Assistant(db, matcher, clock=lambda: NOW, workflow=workflow)
    workflow.link_overlap(review.broker_by_email(db, broker), first, second)
    (link,) = overlaps.all_links(db)
    return db, assistant, link


def agree(assistant: Assistant, link: overlaps.OverlapLink, user: str, contact: str) -> None:
    """`user` answers the question with the next turn: yes, reach me at `contact`."""
    say(assistant, "hallo", user=user)
    say(assistant, choice=f"share:{link.id}:yes", user=user)
    say(assistant, contact, user=user)


def test_both_say_yes_in_their_chat_and_are_introduced(
    parts: tuple[Database, Workflow], small_matcher: Matcher
) -> None:
    db, assistant, link = linked(parts, small_matcher, "rijk@oost.nl", UWV, DUO)
    first = say(assistant, "hallo", user="u1")  # the question arrives with the user's next turn
    assert "DUO" in joined(first) and f"share:{link.id}:yes" in options(first)
    assert "Hoe mag de andere vraagsteller u bereiken" in joined(
        say(assistant, choice=f"share:{link.id}:yes", user="u1")
    )
    assert "Typ hoe de ander u kan bereiken" in joined(say(assistant, "ja", user="u1"))  # no contact
    waiting = joined(say(assistant, "Anna Jansen, anna.jansen@uwv.example", user="u1"))
    assert "Zodra de vraagsteller van DUO ook ja zegt" in waiting
    assert overlaps.get_link(db, link.id).state == "asked"
    say(assistant, "hallo", user="u2")
    say(assistant, choice=f"share:{link.id}:yes", user="u2")
    introduced = joined(say(assistant, "Piet Bakker, 06 12345678", user="u2"))
    assert "anna.jansen@uwv.example" in introduced and "UWV" in introduced and "Oefenmails" in introduced
    told = joined(say(assistant, "en nu?", user="u1"))
    assert "Piet Bakker, 06 12345678" in told and "Minder klikken op phishingmails" in told
    closed = overlaps.get_link(db, link.id)
    assert closed.state == "introduced" and closed.contact_a is None and closed.contact_b is None
    for draft_id in (UWV, DUO):
        assert "aan elkaar voorgesteld" in intakes.events_of(db, draft_id)[-1].comment
    late = joined(say(assistant, choice=f"share:{link.id}:no", user="u1"))  # an old button
    assert "al geantwoord" in late


def test_one_no_ends_it_and_nothing_is_shared(parts: tuple[Database, Workflow], small_matcher: Matcher) -> None:
    db, assistant, link = linked(parts, small_matcher, "ho@west.nl", DUO, UWV)
    agree(assistant, link, "u1", "anna.jansen@uwv.example")
    say(assistant, "hallo", user="u2")
    no = joined(say(assistant, choice=f"share:{link.id}:no", user="u2"))
    assert "niet gedeeld" in no and "anna.jansen" not in no
    told = joined(say(assistant, "en nu?", user="u1"))
    assert "gaat liever alleen verder" in told and "Er is niets gedeeld" in told
    everything = " ".join(n.text for n in notices.notices_of(db, "test", "u2"))
    assert "anna.jansen" not in everything
    closed = overlaps.get_link(db, link.id)
    assert closed.state == "declined" and closed.contact_a is None and closed.contact_b is None
    assert "niets gedeeld" in intakes.events_of(db, UWV)[-1].comment


def test_a_user_who_is_forgotten_takes_their_contact_along(
    parts: tuple[Database, Workflow], small_matcher: Matcher
) -> None:
    db, assistant, link = linked(parts, small_matcher, "rijk@oost.nl", UWV, DUO)
    agree(assistant, link, "u1", "anna.jansen@uwv.example")
    say(assistant, choice="delete:yes", user="u1")
    gone = overlaps.get_link(db, link.id)
    assert gone.contact_a is None and gone.state == "declined"


def test_an_asker_in_telegram_consents_with_the_buttons_and_is_introduced(
    parts: tuple[Database, Workflow], small_matcher: Matcher
) -> None:
    """One asker in Telegram (the Bot API stand-in; notices pushed as the service does), the
    other in a channel without push: both say yes, each receives the other's contact."""
    import asyncio

    from bot.channels.telegram import send_replies
    from bot.workflow import deliver_notices
    from tests.support.telegram import BotApiStandIn
    from tests.support.telegram_bot import RunningBot, press, wait_text

    db, workflow = parts
    intakes.submit_draft(
        db,
        draft(
            "VW-2026-OVLTG1",
            "RDW",
            "1001",
            "oost",
            "Phishingmails bij de RDW",
            "onze medewerkers klikken op phishingmails en vullen hun wachtwoord in",
            "dat minder medewerkers op phishingmails klikken",
        ),
    )
    db.execute("UPDATE drafts SET channel = 'telegram' WHERE id = 'VW-2026-OVLTG1'")
    assistant = Assistant(
        db, small_matcher, clock=lambda: NOW, workflow=workflow, push_channels=frozenset({"telegram"})
    )
    workflow.link_overlap(review.broker_by_email(db, "ho@west.nl"), DUO, "VW-2026-OVLTG1")
    (link,) = overlaps.all_links(db)
    with BotApiStandIn() as standin, RunningBot(standin, assistant) as running:

        def push_pending() -> None:
            async def push(notice: notices.Notice) -> None:
                reply = notice_reply(notice.text, notice.kind, notice.draft_id, "nl")
                await send_replies(running.app.bot, int(notice.user_ref), [reply])

            pushed = deliver_notices(db, assistant.lock, "telegram", push, lambda: NOW)
            asyncio.run_coroutine_threadsafe(pushed, running.loop).result(10)

        standin.send_text(1001, "status")  # the asker did the intake here: the chat exists
        wait_text(standin, 1001, "VW-2026-OVLTG1")
        push_pending()
        wait_text(standin, 1001, "Mogen wij uw contact doorgeven")
        press(standin, 1001, f"share:{link.id}:yes")
        wait_text(standin, 1001, "Hoe mag de andere vraagsteller u bereiken")
        standin.send_text(1001, "Sanne Visser, s.visser@rdw.example")
        wait_text(standin, 1001, "Zodra de vraagsteller van DUO ook ja zegt")
        say(assistant, "hallo", user="u2")
        say(assistant, choice=f"share:{link.id}:yes", user="u2")
        introduced = joined(say(assistant, "Karin Smit, karin.smit@duo.example", user="u2"))
        assert "s.visser@rdw.example" in introduced
        push_pending()
        wait_text(standin, 1001, "karin.smit@duo.example")


def test_drafts_show_json_lists_the_overlaps(
    parts: tuple[Database, Workflow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import cli
    from embeddings.encoder import DEFAULT_MODEL

    db, _ = parts
    data_dir = Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent
    monkeypatch.setattr("embeddings.encoder.load_encoder", lambda *a, **k: FakeEncoder(name=DEFAULT_MODEL))
    monkeypatch.setenv("VRAAGWIJZER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("VRAAGWIJZER_MODEL", raising=False)
    import json

    result = CliRunner().invoke(cli, ["drafts", "show", UWV, "--json"])
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.output)["overlaps"]
    assert set(found) == {"id", "organisation", "title", "score", "why"}
    assert found["id"] == DUO and found["organisation"] == "DUO" and found["score"] >= THRESHOLD
    assert any(w.startswith("thema's: ") for w in found["why"])


def test_report_json_lists_the_clusters(parts: tuple[Database, Workflow], monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from bot.cli import cli
    from embeddings.encoder import DEFAULT_MODEL

    db, _ = parts
    data_dir = Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).parent
    monkeypatch.setattr("embeddings.encoder.load_encoder", lambda *a, **k: FakeEncoder(name=DEFAULT_MODEL))
    monkeypatch.setenv("VRAAGWIJZER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("VRAAGWIJZER_MODEL", raising=False)

    result = CliRunner().invoke(cli, ["report", "--json"])
    assert result.exit_code == 0, result.output
    (cluster,) = json.loads(result.output)["clusters"]
    assert sorted(cluster["ids"]) == sorted([DUO, UWV]) and cluster["organisations"] == ["DUO", "UWV"]
    assert "cybersecurity" in cluster["themes"]
    elsewhere = CliRunner().invoke(cli, ["report", "--json", "--region", "midden"])
    assert json.loads(elsewhere.output)["clusters"] == []


def test_the_clusters_page(parts: tuple[Database, Workflow]) -> None:
    from web.app import create_app

    db, workflow = parts
    anonymous = TestClient(create_app(db, workflow=workflow, clock=lambda: NOW), follow_redirects=False)
    assert anonymous.get("/overzicht/samenhang").status_code == 401
    client, _ = client_for(db, workflow, "rijk@oost.nl")
    page = client.get("/overzicht/samenhang").text
    assert "2 vragen van DUO, UWV" in page
    assert f'href="/drafts/{UWV}"' in page and f'href="/drafts/{DUO}"' in page
    assert "Gedeelde thema&#39;s: cybersecurity" in page and "Gedeelde trefwoorden: " in page
    assert OTHER not in page


# -- in Chromium ------------------------------------------------------------------------------------
@pytest.fixture
def served(parts: tuple[Database, Workflow]) -> Iterator[str]:
    from web.app import create_app

    db, workflow = parts
    with serving(create_app(db, workflow=workflow, clock=lambda: NOW)) as base:
        yield base


def test_a_broker_links_two_questions_in_chromium_and_the_pages_pass_axe(
    parts: tuple[Database, Workflow], served: str, chromium: Any
) -> None:
    from tests.support.wcag import check, violations

    db, _ = parts
    page = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@oost.nl"), NOW)
    page.goto(f"{served}/login/{token}")
    page.goto(f"{served}/drafts/{UWV}")
    found = violations(page)  # the draft page with an overlap
    assert page.get_by_text(f"Lijkt op {DUO} van DUO").count() == 1
    page.get_by_role("button", name=f"Samen oppakken met {DUO}").click()
    page.wait_for_load_state()
    assert "beide vraagstellers krijgen de vraag" in page.content()
    assert "beide vraagstellers is gevraagd" in page.content()
    found += violations(page)  # linked
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / "overlap-draft.png"), full_page=True)
    page.goto(f"{served}/overzicht/samenhang")
    assert page.get_by_role("link", name=UWV).count() == 1
    found += violations(page)
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / "overlap-samenhang.png"), full_page=True)
    page.context.close()
    assert [n.kind.split(":")[0] for n in notices.pending_notices(db, "test")] == ["overlap_ask", "overlap_ask"]
    check(found)
