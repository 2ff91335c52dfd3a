"""The public catalogue for institutions (/opdrachten): what it shows and never shows, filters and
hybrid search, the confidential toggle, interest from the catalogue reaching the brokers, the Atom
feeds; on a real SQLite file through Starlette's TestClient, and in Chromium with axe-core."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue import Catalogue
from bot.catalogue.groups import GroupName, match_group
from knowledge import catalogue, intakes, review, sessions, suggestions
from knowledge.vocabulary import THEMES
from tests.support.browser import click_button
from tests.support.catalogue import BASE, CITIZEN, CITIZEN_MAIL, CITIZEN_PHONE, NOW, SECRET_TITLE, Shop, add_draft
from tests.support.fakes import FakeEncoder
from tests.support.wcag import check, violations

ATOM = "{http://www.w3.org/2005/Atom}"
SCREENSHOTS = Path(__file__).resolve().parent / "artifacts"  # docs/screenshots come from bench/screenshots.py


def test_approved_and_later_states_are_shown_newest_first_and_nothing_else(shop: Shop) -> None:
    shown = shop.ids("/opdrachten")
    assert set(shown) == {"VW-2026-BRIEF1", "VW-2026-CYBER1", "VW-2026-DATA01"}
    for hidden in ("VW-2026-OPEN01", "VW-2026-SUBM01", "VW-2026-REJ001", "VW-2026-SECRET"):
        assert shop.client.get(f"/opdrachten/{hidden}").status_code == 404
    page = shop.client.get("/opdrachten/VW-2026-DATA01").text
    assert "Afgerond" in page and "Interesse doorgeven" not in page  # completed: no interest form


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?thema=cybersecurity", ["VW-2026-CYBER1"]),
        ("?thema=ai", ["VW-2026-DATA01"]),
        ("?niveau=wo", ["VW-2026-CYBER1", "VW-2026-DATA01"]),  # "beide" fits wo too
        ("?niveau=hbo", ["VW-2026-BRIEF1", "VW-2026-DATA01"]),
        ("?vorm=praktijkopdracht", ["VW-2026-BRIEF1"]),
        ("?regio=west", ["VW-2026-DATA01"]),
        ("?thema=cybersecurity&regio=west", []),
        ("?thema=onzin&vorm=<script>", ["VW-2026-BRIEF1", "VW-2026-CYBER1", "VW-2026-DATA01"]),  # ignored
    ],
)
def test_filters(shop: Shop, query: str, expected: list[str]) -> None:
    assert sorted(shop.ids("/opdrachten" + query)) == expected


def test_search_is_hybrid_with_dutch_stems(shop: Shop) -> None:
    assert shop.ids("/opdrachten?q=brief")[0] == "VW-2026-BRIEF1"  # "brief" finds "brieven"
    assert shop.ids("/opdrachten?q=patches+laptop")[0] == "VW-2026-CYBER1"
    assert shop.ids("/opdrachten?q=voorspelling+studiefinanciering")[0] == "VW-2026-DATA01"
    assert shop.ids("/opdrachten?q=brieven&thema=cybersecurity") == []  # filters hold for a search too
    assert shop.ids("/opdrachten?q=xylofoonkwartet") == []
    assert shop.catalogue.index.dense  # the vector side took part


def test_the_index_follows_approval_edit_and_the_confidential_toggle(shop: Shop) -> None:
    add_draft(shop.db, "VW-2026-NEW001", state="submitted", title="Chatbot voor het levensbewijs", themes=["ai"])
    assert "VW-2026-NEW001" not in shop.ids("/opdrachten?thema=ai")
    shop.ids("/opdrachten")  # built before the approval: the approval itself must reach the index
    shop.approve("VW-2026-NEW001")
    assert shop.ids("/opdrachten?q=levensbewijs")[0] == "VW-2026-NEW001"
    shop.workflow.edit(shop.broker("rijk@oost.nl"), "VW-2026-NEW001", {"title": "Digitale assistent pensioenfonds"})
    assert shop.ids("/opdrachten?q=pensioenfonds")[0] == "VW-2026-NEW001"

    # The toggle on the broker's draft page: a form with the session's CSRF token.
    token = sessions.create_login_token(shop.db, shop.broker("rijk@oost.nl"), NOW)
    shop.client.get(f"/login/{token}")
    page = shop.client.get("/drafts/VW-2026-NEW001").text
    assert "Vertrouwelijk: niet in de openbare catalogus" in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert (
        shop.client.post("/drafts/VW-2026-NEW001/confidential", data={"csrf": "fout", "confidential": "1"}).status_code
        == 403
    )
    done = shop.client.post("/drafts/VW-2026-NEW001/confidential", data={"csrf": csrf, "confidential": "1"})
    assert done.status_code == 303
    assert "VW-2026-NEW001" not in shop.ids("/opdrachten") + shop.ids("/opdrachten?q=pensioenfonds")
    assert shop.client.get("/opdrachten/VW-2026-NEW001").status_code == 404
    assert "VW-2026-NEW001" not in shop.client.get("/opdrachten/thema/ai.atom").text
    assert catalogue.CONFIDENTIAL_COMMENT in [e.comment for e in intakes.events_of(shop.db, "VW-2026-NEW001")]
    shop.client.post("/drafts/VW-2026-NEW001/confidential", data={"csrf": csrf})  # unticked: public again
    assert "VW-2026-NEW001" in shop.ids("/opdrachten")
    assert catalogue.PUBLIC_COMMENT in [e.comment for e in intakes.events_of(shop.db, "VW-2026-NEW001")]
    # A broker of another region may not hide it.
    with pytest.raises(review.ReviewError):
        shop.workflow.set_confidential(shop.broker("mila@midden.nl"), "VW-2026-NEW001", True)


def test_a_restart_builds_the_index_from_the_database(shop: Shop) -> None:
    fresh = Catalogue(shop.db, shop.workflow.lock, FakeEncoder())
    assert {q.id for q in fresh.search()} == {"VW-2026-BRIEF1", "VW-2026-CYBER1", "VW-2026-DATA01"}


def public_texts(shop: Shop) -> str:
    """Everything the public can fetch: list, a search, item pages, every feed."""
    client, found = shop.client, []
    for path in ("/opdrachten", "/opdrachten?q=brief", "/opdrachten?thema=cybersecurity"):
        found.append(client.get(path).text)
    for draft_id in [*shop.ids("/opdrachten"), "VW-2026-SECRET"]:
        found.append(client.get(f"/opdrachten/{draft_id}").text)
    for theme in THEMES:
        found.append(client.get(f"/opdrachten/thema/{theme}.atom").text)
    return "\n".join(found)


def test_nothing_personal_appears_on_any_public_page_or_feed(shop: Shop) -> None:
    text = public_texts(shop)
    for searched in ("Brouwersma", "Marieke", "inlichtingendienst", "Zwolle", "buren"):
        assert shop.ids(f"/opdrachten?q={searched}") == [], searched  # not even findable by it
    assert "Begrijpelijke brieven over uitkeringen" in text  # the question itself is there
    for personal in (
        CITIZEN,
        "Brouwersma",
        CITIZEN_MAIL,
        CITIZEN_PHONE,
        "12345678",
        SECRET_TITLE,
        "inlichtingendienst",
    ):
        assert personal not in text, personal
    for broker in ("Rijk Oost", "rijk@oost.nl", "HO Oost", "ho@oost.nl", "Mila Midden"):
        assert broker not in text, broker  # no names or addresses of brokers either
    assert "Zwolle" not in text and "buren" not in text  # no intake free text beyond the question
    item = shop.client.get("/opdrachten/VW-2026-BRIEF1").text
    assert "Voor de zomer" in item and "(weggelaten)" in item  # the timeline, with its address and number out


def test_interest_of_a_known_group_becomes_an_answer_the_brokers_confirm(shop: Shop) -> None:
    response = shop.client.post(
        "/opdrachten/VW-2026-CYBER1/interesse",
        data={
            "group": "Lectoraat Cyber Resilience, Saxion",
            "email": "Lector@Saxion.example",
            "message": "Past bij ons lab.",
        },
    )
    assert (
        response.status_code == 200
        and "hebben uw interesse ontvangen namens Lectoraat Cyber Resilience" in response.text
    )
    (found,) = suggestions.suggestions_of(shop.db, "VW-2026-CYBER1")
    assert (found.group_id, found.state, found.contact_name) == (
        "grp-saxion-cyber",
        "interested",
        "lector@saxion.example",
    )
    (mail,) = [m for m in shop.mails.sent if m["to"] in ("rijk@oost.nl", "ho@oost.nl")][:1]
    assert "VW-2026-CYBER1" in mail["subject"] and "lector@saxion.example" in mail["body"]
    assert {m["to"] for m in shop.mails.sent} == {"rijk@oost.nl", "ho@oost.nl"}  # the region's duo only
    # The broker sees it as an answer to confirm, and confirming works as for a sent suggestion.
    shop.client.get(f"/login/{sessions.create_login_token(shop.db, shop.broker('rijk@oost.nl'), NOW)}")
    page = shop.client.get("/drafts/VW-2026-CYBER1").text
    assert "Bevestig deze groep" in page and "lector@saxion.example" in page
    shop.workflow.confirm_match(shop.broker("rijk@oost.nl"), "VW-2026-CYBER1", found.id)
    assert intakes.get_draft(shop.db, "VW-2026-CYBER1").state == "matched"
    closed = shop.client.get("/opdrachten/VW-2026-CYBER1").text
    assert "al een onderzoeksgroep gevonden" in closed and "Onderzoeksgroep gevonden" in closed
    refused = shop.client.post(
        "/opdrachten/VW-2026-CYBER1/interesse", data={"group": "Lectoraat AI", "email": "ai@hu.example"}
    )
    assert refused.status_code == 409


def test_interest_on_an_approved_draft_moves_it_to_suggested_and_tells_the_submitter(shop: Shop) -> None:
    add_draft(shop.db, "VW-2026-APPR01", state="approved", title="Zaaksysteem vervangen", themes=["software-cloud"])
    shop.client.post(
        "/opdrachten/VW-2026-APPR01/interesse",
        data={"group": "lectoraat digitale weerbaarheid hogeschool utrecht", "email": "weerbaar@hu.example"},
    )
    assert intakes.get_draft(shop.db, "VW-2026-APPR01").state == "suggested"
    assert [s.state for s in suggestions.suggestions_of(shop.db, "VW-2026-APPR01")] == ["interested"]
    events = intakes.events_of(shop.db, "VW-2026-APPR01")
    assert (events[-1].from_state, events[-1].to_state, events[-1].actor) == (
        "approved",
        "suggested",
        "groep:grp-hu-cyber",
    )
    notices = shop.db.execute("SELECT kind FROM notices WHERE draft_id = 'VW-2026-APPR01'").fetchall()
    assert notices == [("suggested",)]


def test_an_unclear_group_is_asked_and_an_unknown_one_goes_to_the_brokers_as_new(shop: Shop) -> None:
    asked = shop.client.post(
        "/opdrachten/VW-2026-BRIEF1/interesse", data={"group": "Hogeschool Utrecht", "email": "info@hu.example"}
    )
    assert asked.status_code == 200 and "Welke groep bedoelt u?" in asked.text
    assert "Lectoraat Digitale Toegankelijkheid (HU)" in asked.text and "nieuwe groep" in asked.text
    assert catalogue.interests_of(shop.db, "VW-2026-BRIEF1") == []  # nothing recorded on a guess
    unpicked = shop.client.post(
        "/opdrachten/VW-2026-BRIEF1/interesse",
        data={"group": "Hogeschool Utrecht", "email": "info@hu.example", "picking": "1"},
    )
    assert unpicked.status_code == 400 and "Kies een groep uit de lijst" in unpicked.text
    picked = shop.client.post(
        "/opdrachten/VW-2026-BRIEF1/interesse",
        data={"group": "Hogeschool Utrecht", "email": "info@hu.example", "picking": "1", "pick": "grp-hu-inclusie"},
    )
    assert "namens Lectoraat Digitale Toegankelijkheid" in picked.text
    assert [s.group_id for s in suggestions.suggestions_of(shop.db, "VW-2026-BRIEF1")] == ["grp-hu-inclusie"]
    # Midden's broker hears it (the draft's region), not Oost's.
    assert {m["to"] for m in shop.mails.sent} == {"mila@midden.nl"}

    shop.mails.sent.clear()
    new = shop.client.post(
        "/opdrachten/VW-2026-BRIEF1/interesse",
        data={"group": "Kenniscentrum Taal en Overheid, Fontys", "email": "taal@fontys.example", "message": "Graag!"},
    )
    assert "staat nog niet in onze kennisbank" in new.text
    interest = catalogue.interests_of(shop.db, "VW-2026-BRIEF1")[-1]
    assert (interest.group_id, interest.group_name, interest.email) == (
        None,
        "Kenniscentrum Taal en Overheid, Fontys",
        "taal@fontys.example",
    )
    (mail,) = shop.mails.sent
    assert "nog niet in de kennisbank" in mail["body"] and "Graag!" in mail["body"]
    again = shop.client.post(
        "/opdrachten/VW-2026-BRIEF1/interesse",
        data={"group": "Kenniscentrum Taal en Overheid, Fontys", "email": "Taal@Fontys.example"},
    )
    assert again.status_code == 409 and "al ontvangen" in again.text and len(shop.mails.sent) == 1
    shop.client.get(f"/login/{sessions.create_login_token(shop.db, shop.broker('mila@midden.nl'), NOW)}")
    page = shop.client.get("/drafts/VW-2026-BRIEF1").text
    assert "Kenniscentrum Taal en Overheid, Fontys" in page and "taal@fontys.example" in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"group": "", "email": "a@b.nl"}, "Vul de naam van uw onderzoeksgroep of instelling in."),
        ({"group": "Lectoraat AI", "email": ""}, "Vul een e-mailadres in"),
        ({"group": "Lectoraat AI", "email": "geen-adres"}, "Dit e-mailadres klopt niet"),
        ({"group": "x" * 151, "email": "a@b.nl"}, "De naam van de groep is te lang"),
        ({"group": "Lectoraat AI", "email": "a@b.nl", "message": "x" * 1001}, "De toelichting is te lang"),
    ],
)
def test_the_interest_form_says_what_to_fix(shop: Shop, data: dict[str, str], error: str) -> None:
    response = shop.client.post("/opdrachten/VW-2026-CYBER1/interesse", data=data)
    assert response.status_code == 400 and error in response.text
    assert 'aria-invalid="true"' in response.text
    assert catalogue.interests_of(shop.db, "VW-2026-CYBER1") == [] and shop.mails.sent == []


def test_interest_in_a_question_not_in_the_catalogue_is_refused(shop: Shop) -> None:
    for draft_id in ("VW-2026-SECRET", "VW-2026-OPEN01", "VW-2026-NOPE00"):
        response = shop.client.post(
            f"/opdrachten/{draft_id}/interesse", data={"group": "Lectoraat AI", "email": "a@b.nl"}
        )
        assert response.status_code == 404
    assert shop.mails.sent == []


@pytest.mark.parametrize(
    ("typed", "group", "candidates"),
    [
        ("Lectoraat Cyber Resilience", "g1", []),
        ("lectoraat cyber resillience (Saxion)", "g1", []),
        ("Saxion", None, ["g1"]),
        ("HU", None, ["g2", "g3"]),
        ("Lectoraat Digitale", None, ["g2", "g3"]),
        ("Kenniscentrum Onbekend", None, []),
        ("", None, []),
    ],
)
def test_typed_group_names(typed: str, group: str | None, candidates: list[str]) -> None:
    groups = [
        GroupName("g1", "Lectoraat Cyber Resilience", "Saxion", "Saxion"),
        GroupName("g2", "Lectoraat Digitale Weerbaarheid", "Hogeschool Utrecht", "HU"),
        GroupName("g3", "Lectoraat Digitale Toegankelijkheid", "Hogeschool Utrecht", "HU"),
    ]
    match = match_group(typed, groups)
    assert (match.group.id if match.group else None) == group
    assert sorted(c.id for c in match.candidates) == candidates


def test_the_atom_feed_per_theme_is_valid(shop: Shop) -> None:
    response = shop.client.get("/opdrachten/thema/cybersecurity.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    links = {link.get("rel"): link.get("href") or "" for link in feed.findall(f"{ATOM}link")}
    assert (
        links["self"].endswith("/opdrachten/thema/cybersecurity.atom") and "thema=cybersecurity" in links["alternate"]
    )
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{BASE}/opdrachten/VW-2026-CYBER1"]
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == "Sneller patchen van laptops"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated") or "")
    assert entry.find(f"{ATOM}link").get("href") == f"{BASE}/opdrachten/VW-2026-CYBER1"  # type: ignore[union-attr]
    assert "Hoofdvraag" in (entry.findtext(f"{ATOM}summary") or "")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["cybersecurity", "software-cloud"]
    empty = ET.fromstring(shop.client.get("/opdrachten/thema/blockchain.atom").content)
    assert empty.findall(f"{ATOM}entry") == [] and empty.findtext(f"{ATOM}updated")
    assert shop.client.get("/opdrachten/thema/onbekend.atom").status_code == 404


def test_the_catalogue_works_without_javascript_and_escapes_what_it_shows(shop: Shop) -> None:
    add_draft(shop.db, "VW-2026-XSS001", title="<script>alert(1)</script> Toets", themes=["ai"])
    page = shop.client.get("/opdrachten?q=%3Cscript%3E").text
    assert "<script>alert" not in page
    assert '<form method="get" action="/opdrachten"' in page  # filters are a plain GET form


# -- in Chromium -------------------------------------------------------------------------------------


def test_in_chromium_a_group_shows_interest_and_every_page_passes_axe(live: Any) -> None:
    base, browser, collector, _, _, _ = live
    laptop = browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True).new_page()
    laptop.goto(f"{base}/opdrachten?q=brieven")
    found = violations(laptop)
    laptop.goto(f"{base}/opdrachten")
    found += violations(laptop)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    laptop.screenshot(path=str(SCREENSHOTS / "catalogue.png"))
    laptop.get_by_label("Thema", exact=True).select_option("cybersecurity")
    laptop.get_by_role("button", name="Toon opdrachten").click()
    laptop.wait_for_load_state()
    assert "thema=cybersecurity" in laptop.url and "1 opdracht gevonden." in laptop.content()
    laptop.get_by_role("link", name="Sneller patchen van laptops").click()
    laptop.wait_for_load_state()
    found += violations(laptop)
    empty = click_button(laptop, "Interesse doorgeven")  # empty: friendly errors
    assert "Vul de naam van uw onderzoeksgroep of instelling in." in empty
    found += violations(laptop)
    laptop.get_by_label("Onderzoeksgroep of instelling").fill("Saxion")
    laptop.get_by_label("E-mailadres voor contact").fill("lector@saxion.example")
    assert "Welke groep bedoelt u?" in click_button(laptop, "Interesse doorgeven")
    found += violations(laptop)
    laptop.get_by_label("Lectoraat Cyber Resilience (Saxion)").check()
    confirmed = click_button(laptop, "Bevestigen")
    assert "hebben uw interesse ontvangen namens Lectoraat Cyber Resilience (Saxion)" in confirmed
    found += violations(laptop)
    told = [rcpt for rcpt, message in collector.messages if "VW-2026-CYBER1" in message["Subject"]]
    assert sorted(r for rcpts in told for r in rcpts) == ["ho@oost.nl", "rijk@oost.nl"]
    phone = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True).new_page()
    phone.goto(f"{base}/opdrachten/VW-2026-BRIEF1")
    found += violations(phone)
    laptop.context.close()
    phone.context.close()
    check(found)


def test_a_large_catalogue_rebuilds_bm25_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.catalogue import index as catalogue_index
    from bot.catalogue.index import CatalogueIndex, Filters
    from bot.catalogue.public import PublicQuestion

    def question(n: int, title: str) -> PublicQuestion:
        return PublicQuestion(
            f"VW-2026-BG{n:04d}", "approved", title, "DUO", f"Hoe kan DUO {title.lower()}?", (), None, "hbo", "oost",
            ("ai",), "", f"2026-01-{1 + n:02d}T10:00:00+00:00",
        )  # fmt: skip

    monkeypatch.setattr(catalogue_index, "INLINE_REBUILD", 2)
    index = CatalogueIndex(FakeEncoder())
    index.replace_all([question(1, "Brieven herschrijven"), question(2, "Roosters plannen")])
    index.put(question(3, "Phishing herkennen"))  # returns before BM25 is rebuilt
    assert index.search("rooster", Filters())  # searches go on meanwhile
    index.wait_until_current()
    assert index.search("phishing", Filters())[0].id == "VW-2026-BG0003"
    assert index.search("", Filters())[0].id == "VW-2026-BG0003"
    assert index.drop("VW-2026-BG0003") and not index.drop("VW-2026-BG0003")
    index.wait_until_current()
    assert "VW-2026-BG0003" not in [q.id for q in index.search("phishing", Filters())]
