"""Screenshots of the pages as their people see them, on a laptop (1366×768) and a phone (390×844),
written to docs/screenshots/: the web chat mid-intake and with the draft card, the brokers' queue,
the draft page, the institution's suggestion page, the privacy page, and the public catalogue (the
list, one question and the subscription's next step; these also at 320 px wide).

The app runs in this process on a fresh database with the example data set (and the word-based
stand-in encoder of the tests, so no model is loaded); Debian's Chromium is driven by Playwright.

    .venv/bin/python -m bench.screenshots [--out docs/screenshots]

Prints each file written with the page's size, and says so when a page scrolls sideways.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bot.channels.web import WebChatChannel
from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from bot.matching.indexing import open_indexes
from bot.workflow import Workflow
from embeddings.lexical import QueryExpander
from knowledge import intakes, review, sessions, suggestions
from knowledge.database import open_database
from knowledge.example_data import load_example_data, thesaurus_entries
from tests.support import builders
from tests.support.assistant import FULL_INTAKE
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, chat_send
from tests.support.fakes import FakeEncoder, NullMailer
from tests.support.ports import serving
from web.app import create_app
from web.pages.site import render

NOW = "2026-11-28T10:00:00+00:00"
SECRET = b"screenshots"
VIEWS = {"laptop": (1366, 768), "phone": (390, 844)}
NARROW = {"narrow": (320, 640)}  # the smallest screen WCAG reflow asks for, for the catalogue's pages
# Two more approved questions, so that the catalogue shows a list and not just the one submitted here.
CATALOGUE_EXTRA = (
    dict(
        id="VW-2026-SHOT01",
        title="Begrijpelijke brieven over uitkeringen",
        organisation="UWV",
        region="midden",
        main_question="Hoe kan UWV zijn brieven over uitkeringen begrijpelijker maken voor burgers?",
        sub_questions=["Welke brieven leiden tot de meeste telefoontjes?", "Wat maakt een brief begrijpelijk?"],
        themes=["digitale-inclusie"],
        form="praktijkopdracht",
        level="hbo",
    ),
    dict(
        id="VW-2026-SHOT02",
        title="Aanvragen voor studiefinanciering voorspellen",
        organisation="DUO",
        region="west",
        main_question="In welke mate kan DUO het aantal aanvragen voor studiefinanciering per maand voorspellen?",
        sub_questions=["Welke gegevens zijn daarvoor bruikbaar?"],
        themes=["data-science", "ai"],
        form="afstudeeropdracht",
        level="wo",
    ),
)
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# The intake until the region is answered (mid-intake), then on to the draft card.
MID_INTAKE = 3


@contextmanager
def running_app(data_dir: Path) -> Iterator[tuple[str, Any, Workflow]]:
    db = open_database(data_dir / "vraagwijzer.db")
    load_example_data(db)
    for name, email, side in (("Anna de Vries", "rijk@oost.example", "rijk"), ("Sem Bakker", "ho@oost.example", "ho")):
        review.add_broker(db, name=name, email=email, region="oost", side=side, now=NOW)
    encoder = FakeEncoder()
    indexes, _ = open_indexes(db, data_dir / "index", encoder)
    matcher = Matcher(db, indexes, encoder, QueryExpander(thesaurus_entries()))
    workflow = Workflow(db, clock=lambda: NOW, lock=threading.RLock(), mailer=NullMailer(), secret=SECRET)  # type: ignore[arg-type]
    assistant = Assistant(db, matcher, clock=lambda: NOW, workflow=workflow)
    app = create_app(db, workflow=workflow, channels=[WebChatChannel(assistant, render)])
    try:
        with serving(app, stop_within=10) as base:
            yield base, db, workflow
    finally:
        db.close()


def broker_page(browser: Any, base: str, db: Any, broker: review.Broker, size: tuple[int, int]) -> Any:
    """A page of `size` on which `broker` is logged in through a fresh link (on the queue)."""
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(f"{base}/login/{sessions.create_login_token(db, broker, NOW)}")
    return page


def shoot(page: Any, out: Path, name: str, *, full: bool = False) -> None:
    """The first screen as it opens (or the whole page), and what a reader should know of it."""
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    sizes = page.evaluate(
        "({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,"
        " c: document.documentElement.clientWidth})"
    )
    sideways = " SCROLLS SIDEWAYS" if sizes["w"] > sizes["c"] else ""
    print(f"{path}: page {sizes['c']}×{sizes['h']} px{sideways}")


def take(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(Path(tmp)) as (base, db, workflow),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # The civil servant: a web chat per view, mid-intake and with the draft card.
        for view, (width, height) in VIEWS.items():
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.goto(f"{base}/chat")
            for number, (how, value) in enumerate(FULL_INTAKE, 1):
                chat_send(page, how, value)
                if number == MID_INTAKE:
                    shoot(page, out, f"chat-mid-intake-{view}")
            shoot(page, out, f"chat-draft-card-{view}")
            if view == "laptop":
                chat_send(page, "text", "indienen")
            page.context.close()
        (draft,) = review.list_drafts(db)  # the one the laptop view submitted
        draft_id = draft.id
        rijk, ho = review.broker_by_email(db, "rijk@oost.example"), review.broker_by_email(db, "ho@oost.example")
        # The brokers: the queue and the draft page (submitted), then approved by both.
        for view, (width, height) in VIEWS.items():
            page = broker_page(browser, base, db, rijk, (width, height))
            shoot(page, out, f"queue-{view}")
            page.goto(f"{base}/drafts/{draft_id}")
            shoot(page, out, f"draft-submitted-{view}")
            if view == "laptop":
                shoot(page, out, f"draft-submitted-{view}-full", full=True)
            page.context.close()
        review.approve(db, draft_id, rijk, NOW)
        review.approve(db, draft_id, ho, NOW)
        for view, (width, height) in VIEWS.items():
            page = broker_page(browser, base, db, rijk, (width, height))
            page.goto(f"{base}/drafts/{draft_id}")
            shoot(page, out, f"draft-approved-{view}")
            page.context.close()
        # The institution: the suggestion page from the e-mail's link; the privacy page.
        groups = [g["id"] for g in intakes.get_draft(db, draft_id).draft.get("suggested_groups", [])][:1]
        workflow.suggest(rijk, draft_id, groups)
        (suggestion,) = suggestions.suggestions_of(db, draft_id)
        token = suggestions.link_token(SECRET, suggestion.id)
        for view, (width, height) in VIEWS.items():
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.goto(f"{base}/s/{token}")
            shoot(page, out, f"institution-{view}")
            if view == "laptop":
                shoot(page, out, f"institution-{view}-full", full=True)
            page.goto(f"{base}/privacy")
            shoot(page, out, f"privacy-{view}")
            page.context.close()
        # The research groups' catalogue: the list, the question just suggested, a subscription sent.
        for extra in CATALOGUE_EXTRA:
            fields = {k: v for k, v in extra.items() if k != "id"}
            document = builders.draft_document(**fields)
            intakes.submit_draft(
                db,
                builders.submitted_draft(
                    id=extra["id"], state="approved", region=extra["region"], organisation=extra["organisation"],
                    draft=document, created_at=NOW,
                ),
            )  # fmt: skip
        for view, (width, height) in {**VIEWS, **NARROW}.items():
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            for path, name in (
                (f"{base}/opdrachten", "catalogue"),
                (f"{base}/opdrachten/{draft_id}", "catalogue-item"),
            ):
                page.goto(path)
                if view != "narrow":  # the first screen as it opens; the narrow view is a check of the whole
                    shoot(page, out, f"{name}-{view}")
                shoot(page, out, f"{name}-{view}-full", full=True)
            page.goto(f"{base}/opdrachten#abonneren")
            page.get_by_label("Uw e-mailadres").fill(f"lector-{view}@hogeschool.example")
            page.get_by_label("cybersecurity", exact=True).check()
            page.get_by_role("button", name="Aanmelden").click()
            page.wait_for_load_state()
            shoot(page, out, f"catalogue-subscription-{view}")
            page.context.close()
        browser.close()
    take_overview(out)


def take_overview(out: Path) -> None:
    """The brokers' overview, on 400 drafts of a synthetic three-year history (bench.overview)."""
    from bench.overview import build

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "vraagwijzer.db", 400)
        with running_app(Path(tmp)) as (base, db, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            rijk = review.broker_by_email(db, "rijk@oost.example")
            for view, (width, height) in VIEWS.items():
                page = broker_page(browser, base, db, rijk, (width, height))
                page.goto(f"{base}/overzicht")
                shoot(page, out, f"overview-{view}")
                page.context.close()
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    take(parser.parse_args().out)


if __name__ == "__main__":
    main()
