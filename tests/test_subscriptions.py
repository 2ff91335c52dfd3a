"""E-mail subscriptions to the catalogue per theme: double opt-in with a signed single-use link,
the weekly digest from the service's minute loop, one-click unsubscribe (RFC 8058), expiry of
unconfirmed subscriptions; through TestClient, and end to end in Chromium with a real SMTP server
on loopback."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue.subscriptions import subscriptions_for_workflow
from knowledge import subscriptions
from tests.support.browser import click_button

# The catalogue's fixtures `shop` (TestClient) and `live` (served, SMTP on loopback) come from the
# plugin tests.support.catalogue.
from tests.support.catalogue import CITIZEN, CITIZEN_MAIL, CITIZEN_PHONE, NOW, SECRET_TITLE, Shop, add_draft
from tests.support.wcag import check, violations

ADDRESS = "onderzoeker@hogeschool.example"


def later(at: str, **delta: float) -> str:
    return (datetime.fromisoformat(at) + timedelta(**delta)).isoformat(timespec="seconds")


def link_in(body: str, kind: str) -> str:
    found = re.search(rf"http://vw\.test(/opdrachten/abonnement/{kind}/[^\s]+)", body)
    assert found, body
    return found.group(1)


def subscribe(shop: Shop, email: str = ADDRESS, *themes: str) -> Any:
    data = {"email": email, **{f"thema_{t}": "1" for t in themes or ("cybersecurity",)}}
    return shop.client.post("/opdrachten/abonnement", data=data)


def confirmed(shop: Shop, email: str = ADDRESS, *themes: str) -> str:
    """Subscribe and confirm; returns the confirmation link's path."""
    subscribe(shop, email, *themes)
    path = link_in(shop.mails.sent[-1]["body"], "bevestigen")
    assert shop.client.post(path).status_code == 200
    return path


def test_subscribing_sends_a_confirmation_link_that_works_once(shop: Shop) -> None:
    response = subscribe(shop, "Onderzoeker@Hogeschool.example", "cybersecurity", "ai")
    assert response.status_code == 200 and "Bevestig uw aanmelding" in response.text
    (mail,) = shop.mails.sent
    assert mail["to"] == ADDRESS and "AI en cybersecurity" in mail["body"]
    (pending,) = [
        s
        for s in (subscriptions.get(shop.db, r[0]) for r in shop.db.execute("SELECT id FROM catalogue_subscriptions"))
        if s
    ]
    assert pending.confirmed_at is None and pending.themes == ("ai", "cybersecurity")
    path = link_in(mail["body"], "bevestigen")
    ask = shop.client.get(path)  # a mail scanner opening the link confirms nothing
    assert ask.status_code == 200 and "Ja, aanmelding bevestigen" in ask.text
    assert subscriptions.get(shop.db, pending.id).confirmed_at is None  # type: ignore[union-attr]
    done = shop.client.post(path)
    assert done.status_code == 200 and "Aanmelding bevestigd" in done.text
    assert subscriptions.get(shop.db, pending.id).confirmed_at == NOW  # type: ignore[union-attr]
    assert shop.client.post(path).status_code == 404  # single use
    assert shop.client.get(path).status_code == 404
    # Only the address and the themes (and when) are stored.
    columns = [c[1] for c in shop.db.execute("PRAGMA table_info(catalogue_subscriptions)").fetchall()]
    assert columns == ["id", "email", "themes", "created_at", "confirmed_at", "digest_at"]


def test_forged_or_swapped_links_do_nothing(shop: Shop) -> None:
    subscribe(shop)
    path = link_in(shop.mails.sent[-1]["body"], "bevestigen")
    subscription_id, signature = path.rsplit("/", 2)[-2:]
    forged = f"/opdrachten/abonnement/bevestigen/{subscription_id}/{signature[:-2]}xx"
    assert shop.client.post(forged).status_code == 404
    swapped = f"/opdrachten/abonnement/afmelden/{subscription_id}/{signature}"  # a confirm signature
    assert shop.client.post(swapped).status_code == 404
    assert subscriptions.get(shop.db, subscription_id) is not None
    assert shop.client.post("/opdrachten/abonnement/bevestigen/onbekend/abc").status_code == 404


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"thema_ai": "1"}, "Vul uw e-mailadres in."),
        ({"email": "geen adres", "thema_ai": "1"}, "Dit e-mailadres klopt niet"),
        ({"email": ADDRESS}, "Kies minstens één thema."),
        ({"email": ADDRESS, "thema_onzin": "1"}, "Kies minstens één thema."),
    ],
)
def test_the_subscription_form_says_what_to_fix(shop: Shop, data: dict[str, str], error: str) -> None:
    response = shop.client.post("/opdrachten/abonnement", data=data)
    assert response.status_code == 400 and error in response.text
    assert shop.mails.sent == [] and shop.db.execute("SELECT count(*) FROM catalogue_subscriptions").fetchone()[0] == 0


def test_one_confirmation_mail_per_address_per_hour(shop: Shop) -> None:
    subscribe(shop)
    subscribe(shop)
    assert len(shop.mails.sent) == 1
    shop.clock.now = later(NOW, hours=2)
    subscribe(shop)
    assert len(shop.mails.sent) == 2


def test_unconfirmed_subscriptions_expire_after_seven_days(shop: Shop) -> None:
    subscribe(shop)
    path = link_in(shop.mails.sent[-1]["body"], "bevestigen")
    due = subscriptions_for_workflow(shop.workflow, shop.catalogue)
    shop.clock.now = later(NOW, days=6)
    assert due.due_work() == (0, 0)
    shop.clock.now = later(NOW, days=7, minutes=1)
    assert shop.client.get(path).status_code == 404  # expired, even before the job ran
    assert due.due_work() == (1, 0)
    assert shop.db.execute("SELECT count(*) FROM catalogue_subscriptions").fetchone()[0] == 0


def test_a_second_subscription_adds_its_themes(shop: Shop) -> None:
    confirmed(shop, ADDRESS, "cybersecurity")
    shop.clock.now = later(NOW, hours=2)
    confirmed(shop, ADDRESS, "ai")
    (only,) = subscriptions.confirmed(shop.db)
    assert only.themes == ("ai", "cybersecurity")


def test_the_weekly_digest_has_the_new_questions_of_the_themes_and_a_one_click_unsubscribe(shop: Shop) -> None:
    confirmed(shop, ADDRESS, "cybersecurity", "ai")
    shop.mails.sent.clear()
    due = subscriptions_for_workflow(shop.workflow, shop.catalogue)
    # During the week: one new question in a subscribed theme, one in another theme, one kept confidential.
    shop.clock.now = later(NOW, days=2)
    add_draft(shop.db, "VW-2026-NEWCYB", state="submitted", title="Phishing herkennen", themes=["cybersecurity"])
    add_draft(
        shop.db, "VW-2026-NEWINC", state="submitted", title="Toegankelijke formulieren", themes=["digitale-inclusie"]
    )
    add_draft(
        shop.db, "VW-2026-NEWSEC", state="submitted", title=SECRET_TITLE, themes=["ai"], intake={"problem": CITIZEN}
    )
    for draft_id in ("VW-2026-NEWCYB", "VW-2026-NEWINC", "VW-2026-NEWSEC"):
        if draft_id == "VW-2026-NEWSEC":
            shop.workflow.set_confidential(shop.broker("rijk@oost.nl"), draft_id, True)
        shop.approve(draft_id)
    shop.clock.now = later(NOW, days=6, hours=23)
    assert due.due_work() == (0, 0) and shop.mails.sent == []  # not a week yet
    shop.clock.now = later(NOW, days=7, minutes=1)
    assert due.due_work() == (0, 1)
    (mail,) = shop.mails.sent
    assert mail["to"] == ADDRESS and mail["subject"] == "1 nieuwe onderzoeksopdracht over AI en cybersecurity"
    body = mail["body"]
    assert "Phishing herkennen" in body and "http://vw.test/opdrachten/VW-2026-NEWCYB" in body
    assert "Sneller patchen" not in body  # published before the subscription: not new
    assert "Toegankelijke formulieren" not in body  # another theme
    for personal in (SECRET_TITLE, CITIZEN, CITIZEN_MAIL, CITIZEN_PHONE, "Rijk Oost", "rijk@oost.nl"):
        assert personal not in body, personal
    unsubscribe = mail["headers"]["List-Unsubscribe"]
    assert mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in body
    assert due.due_work() == (0, 0)  # sent once
    shop.clock.now = later(NOW, days=14, minutes=2)
    assert due.due_work() == (0, 0) and len(shop.mails.sent) == 1  # a week without news: no mail

    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address.
    path = unsubscribe.strip("<>").removeprefix("http://vw.test")
    ask = shop.client.get(path)
    assert ask.status_code == 200 and "Ja, afmelden" in ask.text and ADDRESS in ask.text
    assert subscriptions.confirmed(shop.db)  # GET changed nothing
    gone = shop.client.post(
        path, content=b"List-Unsubscribe=One-Click", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert gone.status_code == 200 and "afgemeld" in gone.text
    assert shop.db.execute("SELECT count(*) FROM catalogue_subscriptions WHERE email = ?", [ADDRESS]).fetchone()[0] == 0
    assert shop.client.post(path).status_code == 404


def test_the_service_builds_the_catalogue_at_start_and_runs_the_digests_in_its_minute_loop(
    service_parts: Any, tmp_path: Path
) -> None:
    from knowledge import review
    from tests.support.catalogue import seed
    from tests.support.ports import free_port
    from tests.support.service import make_service

    db, _, _ = service_parts
    for name, email, side in (("Rijk Oost", "rijk@oost.nl", "rijk"), ("HO Oost", "ho@oost.nl", "ho")):
        review.add_broker(db, name=name, email=email, region="oost", side=side, now=NOW)
    seed(db)
    service = make_service(service_parts, tmp_path, None, free_port())
    assert {q.id for q in service.catalogue.search()} == {"VW-2026-BRIEF1", "VW-2026-CYBER1", "VW-2026-DATA01"}
    assert service.catalogue.index.dense  # the service's encoder embeds the catalogue
    add_draft(db, "VW-2026-SRV001", state="submitted", title="Phishing herkennen", themes=["cybersecurity"])
    for email in ("rijk@oost.nl", "ho@oost.nl"):
        service.workflow.approve(review.broker_by_email(db, email), "VW-2026-SRV001")
    assert service.catalogue.search("phishing")[0].id == "VW-2026-SRV001"  # kept current, no restart
    db.execute(
        "INSERT INTO catalogue_subscriptions VALUES ('s1', ?, '[\"cybersecurity\"]', '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        [ADDRESS],
    )
    service.due_work()  # the minute loop's round: the digest was due (more than a week ago)
    (mail,) = list((tmp_path / "outbox").glob("*.eml"))  # no SMTP configured: the outbox
    text = mail.read_text(encoding="utf-8")
    assert f"To: {ADDRESS}" in text and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text
    assert subscriptions.get(db, "s1").digest_at != "2026-01-01T00:00:00+00:00"  # type: ignore[union-attr]


# -- in Chromium, with mail over SMTP on loopback -------------------------------------------------------


def test_in_chromium_subscribe_confirm_receive_the_digest_and_unsubscribe(live: Any) -> None:
    base, browser, collector, workflow, clock, shelf = live
    from knowledge import review

    page = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True).new_page()
    page.goto(f"{base}/opdrachten")
    found = violations(page)
    page.get_by_label("Uw e-mailadres").fill(ADDRESS)
    assert "Kies minstens één thema." in click_button(page, "Aanmelden")  # a friendly error, the address kept
    found += violations(page)
    assert page.get_by_label("Uw e-mailadres").input_value() == ADDRESS
    page.get_by_label("cybersecurity").check()
    assert "Bevestig uw aanmelding" in click_button(page, "Aanmelden")
    found += violations(page)
    ((rcpt, message),) = collector.messages
    assert rcpt == [ADDRESS]
    link = re.search(r"http://127\.0\.0\.1:\d+/opdrachten/abonnement/bevestigen/\S+", message.get_content()).group(0)  # type: ignore[union-attr]
    page.goto(link)
    found += violations(page)
    assert "Aanmelding bevestigd" in click_button(page, "Ja, aanmelding bevestigen")
    found += violations(page)

    clock.now = later(NOW, days=1)
    add_draft(workflow.db, "VW-2026-LIVE01", state="submitted", title="Phishing herkennen", themes=["cybersecurity"])
    for email in ("rijk@oost.nl", "ho@oost.nl"):
        workflow.approve(review.broker_by_email(workflow.db, email), "VW-2026-LIVE01")
    clock.now = later(NOW, days=7, minutes=5)
    assert subscriptions_for_workflow(workflow, shelf).due_work() == (0, 1)
    rcpt, digest = collector.messages[-1]
    assert rcpt == [ADDRESS] and "Phishing herkennen" in digest.get_content()
    unsubscribe = digest["List-Unsubscribe"].strip("<>")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    item = re.search(r"http://127\.0\.0\.1:\d+/opdrachten/VW-2026-LIVE01", digest.get_content())
    assert item
    page.goto(item.group(0))
    assert "Phishing herkennen" in page.content()
    page.goto(unsubscribe)
    found += violations(page)
    assert "Uw e-mailadres en thema's zijn verwijderd" in click_button(page, "Ja, afmelden")
    found += violations(page)
    assert workflow.db.execute("SELECT count(*) FROM catalogue_subscriptions").fetchone()[0] == 0
    page.goto(link)  # the used confirmation link
    assert "Deze link werkt niet meer" in page.content()
    found += violations(page)
    page.context.close()
    check(found)
