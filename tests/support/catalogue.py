"""The public catalogue's test data and fixtures, shared by the catalogue's and the subscriptions'
tests: `shop`, the app on Starlette's TestClient with a mailer that keeps what it was given, and
`live`, the app served on loopback with mail over a real SMTP server on loopback."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot.catalogue import Catalogue
from bot.workflow import Mailer, Workflow
from embeddings.lexical import QueryExpander
from knowledge import intakes, review
from knowledge.example_data import thesaurus_entries
from tests.support import builders
from tests.support.fakes import FakeEncoder
from tests.support.mail import Collector
from tests.support.ports import free_port, serving

NOW = builders.NOW
BASE = "http://vw.test"
SECRET = b"catalogue-secret"

# Personal data planted where the public must never see it.
CITIZEN = "Marieke Brouwersma"
CITIZEN_MAIL = "marieke.brouwersma@gmail.com"
CITIZEN_PHONE = "06-12345678"
SECRET_TITLE = "Geheime reorganisatie van de inlichtingendienst"


@dataclass
class Mails:
    """A mailer that keeps what it was given (the real SMTP path has its own tests)."""

    sent: list[dict[str, Any]] = field(default_factory=list)

    def send(self, to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> str:
        self.sent.append({"to": to, "subject": subject, "body": body, "headers": dict(headers or {})})
        return "smtp"

    def retry_pending(self) -> int:
        return 0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> str:
        return self.now


@dataclass
class Shop:
    db: Database
    client: TestClient
    workflow: Workflow
    catalogue: Catalogue
    mails: Mails
    clock: Clock
    app: Any

    def broker(self, email: str) -> review.Broker:
        return review.broker_by_email(self.db, email)

    def approve(self, draft_id: str) -> None:
        self.workflow.approve(self.broker("rijk@oost.nl"), draft_id)
        self.workflow.approve(self.broker("ho@oost.nl"), draft_id)

    def ids(self, path: str) -> list[str]:
        response = self.client.get(path)
        assert response.status_code == 200, response.text
        return re.findall(r'href="/opdrachten/(VW-[A-Z0-9-]+)"', response.text)


def add_draft(
    db: Database, draft_id: str, state: str = "approved", intake: dict[str, Any] | None = None, **q: Any
) -> None:
    region = q.pop("region", "oost")
    organisation = q.pop("organisation", "DUO")
    document = builders.draft_document(region=region, organisation=organisation, **q)
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id=draft_id,
            state=state,
            region=region,
            organisation=organisation,
            draft=document,
            intake=intake or {"problem": "laptops"},
        ),
    )


PERSONAL_INTAKE = {
    "problem": f"Mevrouw {CITIZEN} belde ons over haar brief; mail haar op {CITIZEN_MAIL} of bel {CITIZEN_PHONE}.",
    "context": f"{CITIZEN} woont in Zwolle.",
    "stakeholders": f"{CITIZEN} en haar buren",
    "timeline": f"Voor de zomer; vragen aan {CITIZEN_MAIL} of {CITIZEN_PHONE}",
}


def seed(db: Database) -> None:
    add_draft(
        db,
        "VW-2026-BRIEF1",
        title="Begrijpelijke brieven over uitkeringen",
        organisation="UWV",
        main_question="Hoe kan UWV zijn brieven over uitkeringen begrijpelijker maken voor burgers?",
        sub_questions=["Welke brieven leiden tot de meeste telefoontjes?", "Wat maakt een brief begrijpelijk?"],
        themes=["digitale-inclusie"],
        form="praktijkopdracht",
        level="hbo",
        region="midden",
        intake=PERSONAL_INTAKE,
    )
    add_draft(
        db,
        "VW-2026-CYBER1",
        title="Sneller patchen van laptops",
        main_question="Hoe kan DUO beveiligingsupdates sneller uitrollen op laptops en servers?",
        themes=["cybersecurity", "software-cloud"],
        form="afstudeeropdracht",
        level="wo",
        region="oost",
        state="suggested",
    )
    add_draft(
        db,
        "VW-2026-DATA01",
        title="Aanvragen voorspellen",
        main_question="In welke mate kan DUO het aantal aanvragen voor studiefinanciering voorspellen?",
        themes=["data-science", "ai"],
        form="onderzoekslab",
        level="beide",
        region="west",
        state="completed",
    )
    add_draft(db, "VW-2026-OPEN01", title="Nog in behandeling", state="in_review", themes=["ai"])
    add_draft(db, "VW-2026-SUBM01", title="Net ingediend", state="submitted", themes=["ai"])
    add_draft(db, "VW-2026-REJ001", title="Afgewezen vraag", state="rejected", themes=["ai"])
    add_draft(
        db,
        "VW-2026-SECRET",
        title=SECRET_TITLE,
        main_question=f"Hoe kan de dienst {CITIZEN} beter beschermen?",
        themes=["cybersecurity", "ai"],
        state="approved",
        intake=PERSONAL_INTAKE,
    )
    db.execute("INSERT INTO catalogue_confidential (draft_id, marked_at) VALUES ('VW-2026-SECRET', ?)", [NOW])


def seed_with_brokers(db: Database) -> None:
    """The brokers of oost and one of midden, and the questions of `seed`."""
    for name, email, side in (("Rijk Oost", "rijk@oost.nl", "rijk"), ("HO Oost", "ho@oost.nl", "ho")):
        review.add_broker(db, name=name, email=email, region="oost", side=side, now=NOW)
    review.add_broker(db, name="Mila Midden", email="mila@midden.nl", region="midden", side="ho", now=NOW)
    seed(db)


@pytest.fixture
def shop(small_db: Database) -> Iterator[Shop]:
    from web.app import create_app

    db = small_db
    seed_with_brokers(db)
    mails, clock = Mails(), Clock()
    workflow = Workflow(db, clock=clock, lock=threading.RLock(), mailer=mails, base_url=BASE, secret=SECRET)  # type: ignore[arg-type]
    shelf = Catalogue(db, workflow.lock, FakeEncoder(), QueryExpander(thesaurus_entries()))
    workflow.listeners.append(shelf.refresh)
    app = create_app(db, workflow=workflow, clock=clock, catalogue=shelf)
    with TestClient(app, follow_redirects=False) as client:
        yield Shop(db, client, workflow, shelf, mails, clock, app)


@pytest.fixture
def live(
    small_db: Database, tmp_path: Path, chromium: Any
) -> Iterator[tuple[str, Any, Collector, Workflow, Clock, Catalogue]]:
    from web.app import create_app

    db = small_db
    seed_with_brokers(db)
    smtp_port, web_port = free_port(), free_port()
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    mailer = Mailer(
        outbox=tmp_path / "outbox", sender="vraagwijzer@example.nl", host="127.0.0.1", port=smtp_port, starttls=False
    )
    clock = Clock()
    base = f"http://127.0.0.1:{web_port}"
    workflow = Workflow(db, clock=clock, lock=threading.RLock(), mailer=mailer, base_url=base, secret=b"live")
    shelf = Catalogue(db, workflow.lock, FakeEncoder())
    workflow.listeners.append(shelf.refresh)
    app = create_app(db, workflow=workflow, catalogue=shelf)
    try:
        with serving(app, web_port):
            yield base, chromium, collector, workflow, clock, shelf
    finally:
        controller.stop()
