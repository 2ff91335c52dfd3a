"""The pages' look in a real Chromium: the vendored Rijkshuisstijl (web/static/vendor) is served
and applied, nothing it needs is refused by the pages' Content-Security-Policy; the draft page's
quality panel shows what to improve first and folds the passed checks; no heading stands above
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlite_utils import Database

from knowledge import intakes, review, suggestions
from tests.support import site as served
from tests.support.dashboard import NOW
from tests.support.ports import serving
from tests.support.site import SECRET

DRAFT_ID = "VW-2026-STYLE1"
VENDOR = "/static/vendor/rijkshuisstijl-community"
LINTBLAUW = "rgb(21, 66, 115)"  # --rhc-color-lintblauw-500, #154273
PASSED = [
    {"check": "open_question", "ok": True, "label": "", "advice": ""},
    {"check": "te_infinitive", "ok": True, "label": "", "advice": ""},
]
FAILED = {"check": "question_mark", "ok": False, "label": "", "advice": "Eindig met een vraagteken."}


class Site(served.Site):
    def page(self, width: int = 1366, height: int = 768) -> Any:
        page = super().page(width, height)
        page.refused = []  # what the Content-Security-Policy refused, from the console
        page.on(
            "console",
            lambda m: page.refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        return page


def start(db: Database, chromium: Any, **draft: Any) -> Iterator[Site]:
    from web.app import create_app

    workflow = served.seeded_workflow(db, DRAFT_ID, [served.SAXION], **draft)
    with serving(create_app(db, workflow=workflow)) as base:
        yield Site(base, db, workflow, chromium)


@pytest.fixture
def site(small_db: Database, chromium: Any) -> Iterator[Site]:
    yield from start(small_db, chromium)


@pytest.fixture
def bare_site(small_db: Database, chromium: Any) -> Iterator[Site]:
    """A draft without sub-questions, background, objective, scope, deliverables and constraints."""
    empty: dict[str, Any] = {"sub_questions": [], "background": "", "objective": "", "scope": ""}
    yield from start(small_db, chromium, **empty, deliverables=[], constraints=[])


# -- the vendored Rijkshuisstijl ------------------------------------------------------------------
def test_the_vendored_stylesheets_are_served(site: Site) -> None:
    for name in ("design-tokens-11.1.0.css", "components-css-12.0.0.css", "select-arrow.svg"):
        response = httpx.get(f"{site.base}{VENDOR}/{name}")
        assert response.status_code == 200, name
    tokens = httpx.get(f"{site.base}{VENDOR}/design-tokens-11.1.0.css")
    assert tokens.headers["content-type"].startswith("text/css") and ".rhc-theme {" in tokens.text
    assert ".utrecht-button{" in httpx.get(f"{site.base}{VENDOR}/components-css-12.0.0.css").text


def test_the_theme_is_applied_to_buttons_headings_fields_and_footer(site: Site) -> None:
    """Computed styles come from the theme's tokens: our own style sheet sets none of these."""
    page = site.broker()
    page.goto(f"{site.base}/drafts/{DRAFT_ID}")
    assert "rhc-theme" in page.evaluate("document.body.className")
    assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--rhc-color-primary-500').trim()")
    button = page.get_by_role("button", name="Goedkeuren (kant rijk)")
    assert "utrecht-button--primary-action" in (button.get_attribute("class") or "")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == LINTBLAUW
    assert button.evaluate("b => getComputedStyle(b).color") == "rgb(255, 255, 255)"
    assert button.evaluate("b => parseFloat(getComputedStyle(b).minHeight)") >= 44  # the theme's pointer target
    assert page.locator("h1").evaluate("h => getComputedStyle(h).color") == LINTBLAUW
    footer = page.locator("footer")
    assert footer.evaluate("f => getComputedStyle(f).backgroundColor") == LINTBLAUW
    select = page.locator("select#form")
    assert "select-arrow.svg" in select.evaluate("s => getComputedStyle(s).backgroundImage")
    assert page.refused == []


def test_without_the_theme_class_the_tokens_do_not_apply(site: Site) -> None:
    """Known-bad: the same button outside `rhc-theme` gets none of the theme's colours, so the
    check above sees the theme and not a browser default."""
    page = site.broker()
    page.goto(f"{site.base}/drafts/{DRAFT_ID}")
    page.evaluate("document.body.classList.remove('rhc-theme')")
    button = page.get_by_role("button", name="Goedkeuren (kant rijk)")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != LINTBLAUW


def test_no_page_needs_what_the_content_security_policy_refuses(site: Site) -> None:
    """The theme's own data: images (select arrow, custom check box) would be refused; the pages
    use a file for the arrow and the native check box."""
    token = site.suggested(DRAFT_ID)
    page = site.broker()
    for path in ("/queue", f"/drafts/{DRAFT_ID}", f"/s/{token}", "/privacy"):
        page.goto(f"{site.base}{path}")
        page.wait_for_load_state("networkidle")
    assert page.refused == []
    page.evaluate(  # known-bad: a data: image is refused and reported
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"width:9px;height:9px\" class=\"x\"></div>');"
        "const s = document.createElement('link'); s.rel = 'stylesheet';"
        "s.href = 'data:text/css,.x{background:red}'; document.head.appendChild(s);"
    )
    page.wait_for_timeout(200)
    assert page.refused, "a data: style sheet should be refused and reported"


# -- the quality panel ---------------------------------------------------------------------------
def test_failed_checks_come_first_with_advice_and_passed_ones_are_folded(site: Site) -> None:
    intakes.set_quality(site.db, DRAFT_ID, [PASSED[0], FAILED, PASSED[1]])
    page = site.broker()
    page.goto(f"{site.base}/drafts/{DRAFT_ID}")
    panel = page.locator("section[aria-labelledby=kwaliteit]")
    failed = panel.locator("ul.quality-failed > li")
    assert failed.count() == 1 and failed.first.is_visible()
    assert (
        "Eén vraag met vraagteken" in failed.first.inner_text()
        and "Eindig met een vraagteken." in failed.first.inner_text()
    )
    folded = panel.locator("details.quality-passed")
    assert folded.locator("summary").inner_text() == "2 controles in orde"
    assert folded.get_attribute("open") is None
    assert not folded.locator("li").first.is_visible()  # the passed checks are folded away
    # What to improve stands above the fold, in the panel's order.
    assert failed.first.bounding_box()["y"] < folded.bounding_box()["y"]
    folded.locator("summary").click()
    assert folded.locator("li").count() == 2 and folded.locator("li").first.is_visible()


def test_all_passed_is_one_folded_line(site: Site) -> None:
    intakes.set_quality(site.db, DRAFT_ID, PASSED)
    page = site.broker()
    page.goto(f"{site.base}/drafts/{DRAFT_ID}")
    panel = page.locator("section[aria-labelledby=kwaliteit]")
    assert panel.locator("ul.quality-failed").count() == 0
    assert panel.locator("details.quality-passed summary").inner_text() == "Alle 2 controles in orde"
    assert not panel.locator("details.quality-passed li").first.is_visible()


# -- no heading above nothing --------------------------------------------------------------------
EMPTY_HEADINGS = """() => [...document.querySelectorAll('main h2, main h3, main dt')].filter(h => {
  if (h.closest('summary')) return false;
  const next = h.nextElementSibling;
  return !next || /^H[1-6]$|^DT$/.test(next.tagName) || !next.textContent.trim();
}).map(h => h.textContent.trim())"""


def test_the_suggestion_page_leaves_out_parts_the_draft_does_not_have(bare_site: Site) -> None:
    token = bare_site.suggested(DRAFT_ID)
    page = bare_site.page()
    page.goto(f"{bare_site.base}/s/{token}")
    main = page.locator("main").inner_text()
    for part in ("Randvoorwaarden", "Deelvragen", "Achtergrond", "Doel", "Afbakening", "Op te leveren"):
        assert part not in main, part
    assert page.evaluate(EMPTY_HEADINGS) == []


def test_the_suggestion_page_shows_the_parts_it_has(site: Site) -> None:
    """Known-good beside the bad: a draft with its parts shows them, each with its heading."""
    token = site.suggested(DRAFT_ID)
    page = site.page()
    page.goto(f"{site.base}/s/{token}")
    main = page.locator("main").inner_text()
    for part in ("Deelvragen", "Achtergrond", "Doel", "Afbakening", "Op te leveren"):
        assert part in main, part
    assert "Randvoorwaarden" not in main  # the builder's draft has none
    assert page.evaluate(EMPTY_HEADINGS) == []


def test_the_empty_heading_check_finds_one(site: Site) -> None:
    """The check itself: a heading followed by an empty list is found."""
    page = site.page()
    page.goto(f"{site.base}/privacy")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<dl><dt>Leeg</dt><dd><ul></ul></dd></dl>')"
    )
    assert page.evaluate(EMPTY_HEADINGS) == ["Leeg"]


def test_the_draft_page_says_none_instead_of_an_empty_list(bare_site: Site) -> None:
    page = bare_site.broker()
    page.goto(f"{bare_site.base}/drafts/{DRAFT_ID}")
    assert page.evaluate(EMPTY_HEADINGS) == []


# -- the next action on the first laptop screen ----------------------------------------------------
FOUR_GROUPS = ("grp-saxion-cyber", "grp-hu-cyber", "grp-hu-inclusie", "grp-tud-data")


@pytest.fixture
def four_groups_site(small_db: Database, chromium: Any) -> Iterator[Site]:
    """A draft with four suggested groups, each with several reasons (the example data's size)."""
    why = ["thema's: cybersecurity, software en cloud", "in uw regio (Noord en Oost)", "neemt afstudeeropdrachten aan"]
    groups = [{"id": g, "name": g, "institution": "", "region": "oost", "score": 0.8, "why": why} for g in FOUR_GROUPS]
    yield from start(small_db, chromium, suggested_groups=groups)


def test_the_next_action_is_on_the_first_laptop_screen_in_every_state(four_groups_site: Site) -> None:
    """At 1366×768 the button of the next step needs no scrolling: submitted, approved by the
    other side, approved (with four groups to tick), answered by interested groups, matched."""
    site = four_groups_site
    rijk, ho = review.broker_by_email(site.db, "rijk@oost.nl"), review.broker_by_email(site.db, "ho@oost.nl")
    page = site.broker()

    def bottom_of(button: str) -> float:
        page.goto(f"{site.base}/drafts/{DRAFT_ID}")
        box = page.get_by_role("button", name=button).first.bounding_box()
        assert box is not None, button
        return float(box["y"] + box["height"])

    seen = {"submitted": bottom_of("Goedkeuren (kant rijk)")}
    review.approve(site.db, DRAFT_ID, ho, NOW)
    seen["in_review"] = bottom_of("Goedkeuren (kant rijk)")
    review.approve(site.db, DRAFT_ID, rijk, NOW)
    seen["approved"] = bottom_of("Voorleggen")
    site.workflow.suggest(rijk, DRAFT_ID, list(FOUR_GROUPS[:3]))
    for found in suggestions.suggestions_of(site.db, DRAFT_ID):
        token = suggestions.link_token(SECRET, found.id)
        site.workflow.answer(token, "interested", {"proposed_start": "februari", "contact_name": "Anna de Vries"})
    seen["suggested"] = bottom_of("Bevestig deze groep")
    site.workflow.confirm_match(rijk, DRAFT_ID, suggestions.suggestions_of(site.db, DRAFT_ID)[0].id)
    seen["matched"] = bottom_of("Afronden")
    assert all(bottom <= 768 for bottom in seen.values()), str(seen)


def test_the_queue_table_fits_a_laptop_with_long_names_and_steps(site: Site) -> None:
    """Eight columns with the longest words a queue has ("Rijksvastgoedbedrijf",
    "onderzoeksgroepen"): the last column stays in view without scrolling sideways."""
    from tests.support.history import add_draft

    for n in range(8):
        add_draft(
            site.db,
            f"VW-2026-WIDE{n:02d}",
            f"2026-11-{10 + n}T09:00:00+00:00",
            [("sent_to_groups", f"2026-11-{11 + n}T09:00:00+00:00")],
            organisation="Rijksvastgoedbedrijf",
            title="Vraagstuk over datagedreven onderhoudsplanning",
            themes=["data-science", "privacy-ethiek", "e-governance"],
        )
    page = site.broker()
    page.goto(f"{site.base}/queue")
    table, container = page.evaluate(
        "() => { const t = document.querySelector('table.queue-table');"
        " return [t.getBoundingClientRect().width, t.parentElement.getBoundingClientRect().width]; }"
    )
    assert table <= container
    assert page.get_by_role("columnheader", name="Volgende stap").is_visible()
