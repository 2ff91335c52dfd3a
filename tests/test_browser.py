"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): two brokers
log in with links, edit and approve; the civil servant hears it in Telegram (stand-in)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bot.workflow import utc_now
from knowledge import intakes, review, sessions
from tests.support.ports import free_port
from tests.support.service import RunningService, make_service, wait_http
from tests.support.telegram import BotApiStandIn
from tests.support.telegram_bot import finish_intake, intake_until_problem, wait_text

ARTIFACTS = Path(__file__).parent / "artifacts"


def press(page: Any, name: str, within: str = "main") -> None:
    """Press a form button (in the part `within`) and wait until the page it leads to has loaded
    (reading the page while it is still navigating gives an empty document)."""
    page.locator(within).get_by_role("button", name=name).click()
    page.wait_for_load_state()


def off_loop(step: Any) -> None:
    """Playwright's sync API runs an event loop in this thread; the stand-in's blocking waits
    belong in a thread without one."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            step()
        except BaseException as error:  # re-raised in the test thread
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    if errors:
        raise errors[0]


def login_link(db: Database, email: str, base: str) -> str:
    return f"{base}/login/{sessions.create_login_token(db, review.broker_by_email(db, email), utc_now())}"


def test_duo_reviews_and_approves_in_the_browser(chromium, service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=utc_now())
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=utc_now())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    with BotApiStandIn() as standin, RunningService(make_service(service_parts, tmp_path, standin, port)):
        wait_http(f"{base}/queue")
        off_loop(lambda: (intake_until_problem(standin, 1001), finish_intake(standin, 1001)))
        draft_id = intakes.drafts_of(db, "telegram", "1001")[0].id

        rijk = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = rijk.new_page()
        page.goto(login_link(db, "rijk@oost.nl", base))
        assert page.url.endswith("/queue")
        page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)
        page.get_by_role("link", name=draft_id).click()
        page.get_by_label("Hoofdvraag").fill("Hoe kan DUO updates binnen een week op alle laptops uitrollen?")
        press(page, "Opslaan", within="section[aria-labelledby=bewerken]")
        assert "Opgeslagen." in page.content()
        press(page, "Goedkeuren (kant rijk)")
        assert "in behandeling" in page.content()
        page.screenshot(path=str(ARTIFACTS / "draft.png"), full_page=True)

        ho = chromium.new_context()
        second = ho.new_page()
        second.goto(login_link(db, "ho@oost.nl", base))
        second.goto(f"{base}/drafts/{draft_id}")
        press(second, "Goedkeuren (kant ho)")
        assert "goedgekeurd" in second.content()
        off_loop(lambda: wait_text(standin, 1001, "goedgekeurd door beide kennismakelaars"))
        rijk.close()
        ho.close()
    draft = intakes.get_draft(db, draft_id)
    assert draft.state == "approved"
    assert draft.draft["main_question"] == "Hoe kan DUO updates binnen een week op alle laptops uitrollen?"
    assert (ARTIFACTS / "queue.png").stat().st_size > 0


def test_institution_answers_and_reports_the_outcome_in_the_browser(chromium, service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import re

    from tests.support import builders

    db = service_parts[0]
    now = utc_now()
    rijk = review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=now)
    ho = review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=now)
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id="VW-2026-BROWS1",
            user_ref="1001",
            intake={
                "organisation_id": "duo",
                "problem": "Onze laptops krijgen updates te laat",
                "timeline": "voorjaar",
            },
            draft=builders.draft_document(
                main_question="Hoe kan DUO updates sneller uitrollen?",
                form="afstudeeropdracht",
                suggested_groups=[
                    {
                        "id": "grp-saxion-cyber",
                        "name": "Lectoraat Cyber Resilience",
                        "institution": "Saxion",
                        "region": "oost",
                        "score": 0.9,
                        "why": ["thema's: cybersecurity"],
                    }
                ],
            ),
            created_at=now,
        ),
    )
    review.approve(db, "VW-2026-BROWS1", rijk, now)
    review.approve(db, "VW-2026-BROWS1", ho, now)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with BotApiStandIn() as standin, RunningService(make_service(service_parts, tmp_path, standin, port)):
        standin.add_user(1001)
        wait_http(f"{base}/queue")
        broker = chromium.new_context().new_page()
        broker.goto(login_link(db, "rijk@oost.nl", base))
        broker.goto(f"{base}/drafts/VW-2026-BROWS1")
        press(broker, "Voorleggen")
        assert "Voorgelegd." in broker.content()
        mail = next((tmp_path / "outbox").glob("*.eml")).read_text()
        link = re.search(rf"{re.escape(base)}/s/[\w-]+", mail).group(0)  # type: ignore[union-attr]

        lector = chromium.new_context().new_page()
        lector.goto(link)
        lector.get_by_label("Mogelijke start").fill("februari 2027")
        lector.get_by_label("Contactpersoon of -adres").fill("lectoraat-cyber@saxion.example")
        press(lector, "Wij hebben interesse")
        assert "uw antwoord is ontvangen" in lector.content()
        lector.screenshot(path=str(ARTIFACTS / "institution.png"), full_page=True)

        broker.goto(f"{base}/drafts/VW-2026-BROWS1")
        press(broker, "Bevestig deze groep")
        assert "Match bevestigd." in broker.content()
        off_loop(lambda: wait_text(standin, 1001, "lectoraat-cyber@saxion.example"))

        lector.goto(link)
        lector.get_by_label("Uitkomst").fill("Patchproces herontworpen; doorlooptijd van 19 naar 6 dagen")
        lector.get_by_role("button", name="Resultaat doorgeven").click()
        off_loop(lambda: wait_text(standin, 1001, "is afgerond"))
    assert intakes.get_draft(db, "VW-2026-BROWS1").state == "completed"
    assert any(
        e.actor == "groep:grp-saxion-cyber" and e.to_state == "completed"
        for e in intakes.events_of(db, "VW-2026-BROWS1")
    )
