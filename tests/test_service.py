"""`vraagwijzer run` as one process: web pages and the Telegram bot in one event loop. A civil
servant submits in Telegram, the duo approves in the web pages, the civil servant hears it."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from bot.workflow import utc_now
from knowledge import intakes, review
from tests.support.ports import free_port
from tests.support.service import RunningService, login, make_service, wait_http
from tests.support.telegram import BotApiStandIn
from tests.support.telegram_bot import finish_intake, intake_until_problem, wait_text


def test_submit_in_telegram_approve_on_the_web_hear_it_in_telegram(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    now = "2026-01-01T00:00:00+00:00"
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=now)
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=now, telegram_id="9001")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with BotApiStandIn() as standin, RunningService(make_service(service_parts, tmp_path, standin, port)):
        standin.add_user(9001)
        wait_http(f"{base}/queue")
        intake_until_problem(standin, 1001)
        finish_intake(standin, 1001)
        draft_id = intakes.drafts_of(db, "telegram", "1001")[0].id
        # The duo hears of the new draft: Telegram for the broker with an id, e-mail for the other.
        wait_text(standin, 9001, draft_id)
        mails = list((tmp_path / "outbox").glob("*.eml"))
        assert len(mails) == 1 and f"{base}/drafts/{draft_id}" in mails[0].read_text()
        with httpx.Client() as rijk, httpx.Client() as ho:
            csrf = login(rijk, db, base, "rijk@oost.nl")
            assert rijk.post(f"{base}/drafts/{draft_id}/rematch", data={"csrf": csrf}).status_code == 303
            rematched = intakes.get_draft(db, draft_id).draft["suggested_groups"]
            assert rematched and rematched[0]["id"] in ("grp-saxion-cyber", "grp-hu-cyber")
            for client, email in ((rijk, "rijk@oost.nl"), (ho, "ho@oost.nl")):
                csrf = login(client, db, base, email)
                approved = client.post(f"{base}/drafts/{draft_id}/approve", data={"csrf": csrf})
                assert approved.status_code == 303
        wait_text(standin, 1001, "in behandeling")
        wait_text(standin, 1001, "goedgekeurd door beide kennismakelaars")
    assert intakes.get_draft(db, draft_id).state == "approved"


def test_webhook_route_checks_the_secret(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (
        BotApiStandIn() as standin,
        RunningService(
            make_service(
                service_parts,
                tmp_path,
                standin,
                port,
                telegram_webhook_url="https://vw.example/telegram",
                telegram_webhook_secret="s3cret",
            )
        ),
    ):
        wait_http(f"{base}/queue")
        standin.wait_for(lambda: standin.webhook, 10)
        assert standin.webhook == {"url": "https://vw.example/telegram", "secret_token": "s3cret"}
        standin.send_command(6006, "/start")
        update = standin.pop_updates()[0]
        assert (
            httpx.post(
                f"{base}/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            ).status_code
            == 403
        )
        assert (
            httpx.post(
                f"{base}/telegram", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            ).status_code
            == 200
        )
        wait_text(standin, 6006, "Bij welke rijksorganisatie")


def test_web_chat_runs_the_same_intake(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (
        RunningService(make_service(service_parts, tmp_path, None, port)),
        httpx.Client(follow_redirects=True) as browser,  # the web chat answers a form with a redirect
    ):
        wait_http(f"{base}/queue")
        first = browser.get(f"{base}/chat")
        assert first.status_code == 200 and "Beginnen" in first.text
        assert "httponly" in first.headers["set-cookie"].lower()
        csrf = re.search(r'name="csrf" value="([^"]+)"', first.text).group(1)  # type: ignore[union-attr]
        started = browser.post(f"{base}/chat", data={"csrf": csrf, "text": "/start"})
        assert "Bij welke rijksorganisatie" in started.text
        answer = browser.post(f"{base}/chat", data={"csrf": csrf, "text": "<b>duo</b>"})
        assert "Bedoelt u Dienst Uitvoering Onderwijs" in answer.text and 'value="org:yes"' in answer.text
        assert "<b>duo</b>" not in answer.text
        assert browser.post(f"{base}/chat", data={"csrf": "forged", "text": "x"}).status_code == 403
        stranger = httpx.post(f"{base}/chat", data={"csrf": csrf, "text": "x"})  # no cookie
        assert stranger.status_code == 403


def test_from_approval_to_completed_and_the_knowledge_grows(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Suggest to groups (mail over real SMTP), a group answers through its link, the brokers
    confirm, the work is completed, and the next similar question finds it."""

    from aiosmtpd.controller import Controller

    from tests.support.mail import Collector

    db, _, matcher = service_parts
    now = utc_now()
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=now)
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=now)
    smtp_port = free_port()
    collector = Collector()
    smtp = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        service = make_service(
            service_parts,
            tmp_path,
            None,
            port,
            smtp_host="127.0.0.1",
            smtp_port=smtp_port,
            smtp_starttls=False,
            public_url=base,
        )
        with (
            RunningService(service),
            httpx.Client() as rijk,
            httpx.Client() as ho,
            httpx.Client(follow_redirects=True) as lector,  # the web chat answers a form with a redirect
        ):
            wait_http(f"{base}/queue")
            csrf_chat = re.search(r'name="csrf" value="([^"]+)"', lector.get(f"{base}/chat").text).group(1)  # type: ignore[union-attr]
            for step in ("/start", "duo"):
                lector.post(f"{base}/chat", data={"csrf": csrf_chat, "text": step})
            for choice in ("region:oost",):
                lector.post(f"{base}/chat", data={"csrf": csrf_chat, "choice": choice})
            for text in (
                "Onze laptops krijgen updates pas weken te laat bij de dijkinspecteurs",
                "We doen het nu met de hand, twee keer per jaar met een excel-lijst",
            ):
                lector.post(f"{base}/chat", data={"csrf": csrf_chat, "text": text})
            lector.post(f"{base}/chat", data={"csrf": csrf_chat, "choice": "similar:new"})
            for text in ("updates binnen een week uitrollen", "dijkinspecteurs", "CMDB", "volgend semester"):
                lector.post(f"{base}/chat", data={"csrf": csrf_chat, "text": text})
            lector.post(f"{base}/chat", data={"csrf": csrf_chat, "choice": "form:afstudeeropdracht"})
            lector.post(f"{base}/chat", data={"csrf": csrf_chat, "choice": "level:hbo"})
            done = lector.post(f"{base}/chat", data={"csrf": csrf_chat, "choice": "review:submit"})
            draft_id = re.search(r"VW-\d{4}-\w{6}", done.text).group(0)  # type: ignore[union-attr]
            csrf_r, csrf_h = login(rijk, db, base, "rijk@oost.nl"), login(ho, db, base, "ho@oost.nl")
            rijk.post(f"{base}/drafts/{draft_id}/approve", data={"csrf": csrf_r})
            ho.post(f"{base}/drafts/{draft_id}/approve", data={"csrf": csrf_h})
            page = rijk.get(f"{base}/drafts/{draft_id}").text
            ticked = re.findall(r'name="(group_[\w-]+)" value="1" checked', page)
            assert 1 <= len(ticked) <= 3
            sent = rijk.post(f"{base}/drafts/{draft_id}/suggest", data={"csrf": csrf_r, **dict.fromkeys(ticked, "1")})
            assert sent.status_code == 303
            mails = [m for to, m in collector.messages if str(m["Subject"]).strip().startswith("Voorstel")]
            assert len(mails) == len(ticked)
            link = re.search(rf"{re.escape(base)}/s/[\w-]+", mails[0].get_payload(decode=True).decode()).group(0)  # type: ignore[union-attr]
            institution = lector.get(link)
            assert institution.status_code == 200 and "Wij hebben interesse" in institution.text
            assert lector.get(link[:-2] + "xx").status_code == 404  # a changed token opens nothing
            csrf_s = re.search(r'name="csrf" value="([^"]+)"', institution.text).group(1)  # type: ignore[union-attr]
            answered = lector.post(
                link,
                data={
                    "csrf": csrf_s,
                    "kind": "interested",
                    "proposed_start": "februari",
                    "contact_name": "lectoraat@saxion.example",
                },
            )
            assert "uw antwoord is ontvangen" in answered.text
            suggestion_id = re.search(
                r'name="suggestion_id" value="([^"]+)"', rijk.get(f"{base}/drafts/{draft_id}").text
            ).group(1)  # type: ignore[union-attr]
            assert (
                rijk.post(
                    f"{base}/drafts/{draft_id}/match", data={"csrf": csrf_r, "suggestion_id": suggestion_id}
                ).status_code
                == 303
            )
            told = lector.post(f"{base}/chat", data={"csrf": csrf_chat, "text": "/status"}).text
            assert "heeft een onderzoeksgroep" in told and "lectoraat@saxion.example" in told
            assert (
                rijk.post(
                    f"{base}/drafts/{draft_id}/complete",
                    data={
                        "csrf": csrf_r,
                        "summary": "Dronevluchtplan voor dijkinspectie",
                        "link": "",
                        "date": "2027-06-30",
                    },
                ).status_code
                == 303
            )
        assert intakes.get_draft(db, draft_id).state == "completed"
        found = matcher.find("laptops van dijkinspecteurs krijgen updates te laat", k_assignments=3).assignments
        assert any(a.id == f"asg-{draft_id.lower()}" for a in found)
    finally:
        smtp.stop()
