"""The Teams channel end to end over HTTP: Activity JSON posted to `/api/messages` of the real
`vraagwijzer run` service (Microsoft 365 Agents SDK inside), the bot's answers read from a
Bot Connector stand-in on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from microsoft_agents.activity import Activity

from bot.channels.teams import CARD_KEY, activities_for, draft_card, incoming_from, option_card, render
from bot.conversation.messages import Card, Option, Reply, Section
from bot.settings import SettingsError, load_settings
from knowledge import intakes, notices, review
from tests.support.ports import free_port
from tests.support.service import RunningService, login, make_service, wait_http
from tests.support.teams import ConnectorStandIn

NOW = "2026-01-01T00:00:00+00:00"
CREDENTIALS = (
    ("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", "00000000-0000-0000-0000-000000000001"),
    ("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "not-a-real-secret"),
    ("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", "00000000-0000-0000-0000-0000000000aa"),
)


class Teams:
    """The service with Teams on, a connector stand-in, and the base URL of the web pages."""

    def __init__(self, standin: ConnectorStandIn, base: str, outbox: Path) -> None:
        self.standin, self.base, self.outbox = standin, base, outbox


@pytest.fixture
def teams(service_parts, tmp_path: Path) -> Iterator[Teams]:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = make_service(service_parts, tmp_path, None, port, teams_anonymous=True)
    with ConnectorStandIn(f"{base}/api/messages") as standin, RunningService(service):
        wait_http(f"{base}/queue")
        yield Teams(standin, base, tmp_path / "outbox")


def welcome(standin: ConnectorStandIn, user: str) -> None:
    added = standin.activity(
        user, type="conversationUpdate", membersAdded=[{"id": "28:vraagwijzer"}, {"id": f"29:{user}"}]
    )
    assert standin.send(added).status_code in (200, 202)
    standin.wait_text(user, "Welkom bij Vraagwijzer")


def say(standin: ConnectorStandIn, user: str, text: str, expect: str) -> None:
    assert standin.send_text(user, text).status_code in (200, 202)
    standin.wait_text(user, expect)


def click(standin: ConnectorStandIn, user: str, key: str, expect: str) -> None:
    assert standin.click(user, key).status_code in (200, 202)
    standin.wait_text(user, expect)


def full_intake(standin: ConnectorStandIn, user: str) -> None:
    welcome(standin, user)
    say(standin, user, "duo", "In welke regio")
    click(standin, user, "region:oost", "Wat is het probleem")
    submit_rest(standin, user)


def test_full_intake_in_teams_and_the_approval_reaches_the_user(teams: Teams, service_parts) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW)
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=NOW)
    standin = teams.standin
    full_intake(standin, "1001")
    drafts = intakes.drafts_of(db, "teams", "aad-1001")
    assert len(drafts) == 1 and drafts[0].state == "submitted" and drafts[0].organisation
    # The draft came as an Adaptive Card: the main question bold, the submit button on it.
    card = next(
        a["content"]
        for m in standin.messages_to("1001")
        for a in m.get("attachments") or []
        if any(b.get("text") == "Hoofdvraag" for b in a["content"]["body"])
    )
    main = drafts[0].draft["main_question"]
    assert {"type": "TextBlock", "text": main, "wrap": True, "weight": "Bolder", "color": "Accent"} in card["body"]
    assert "review:submit" in [a["data"][CARD_KEY] for b in card["body"] for a in b.get("actions", [])]
    # Every reply went back into the user's own conversation, as a reply to their message.
    assert all(r["path"].startswith("/v3/conversations/a:1001/activities") for r in standin.requests)
    with httpx.Client() as rijk, httpx.Client() as ho:
        for client, email in ((rijk, "rijk@oost.nl"), (ho, "ho@oost.nl")):
            csrf = login(client, db, teams.base, email)
            assert client.post(f"{teams.base}/drafts/{drafts[0].id}/approve", data={"csrf": csrf}).status_code == 303
    # Pushed into Teams without the user writing first (a proactive message).
    standin.wait_text("1001", "goedgekeurd door beide kennismakelaars")
    # The sender marks the notice delivered once the connector has answered, a moment after it arrived.
    standin.wait_for(lambda: notices.pending_notices(db, "teams") == [], "the notice is marked delivered")


def test_buttons_are_adaptive_card_submit_actions_and_typing_still_works(teams: Teams) -> None:
    standin = teams.standin
    welcome(standin, "2002")
    say(standin, "2002", "Dienst Uitvoering Onderwys", "Bedoelt u")
    card = next(a for m in reversed(standin.messages_to("2002")) for a in m.get("attachments") or [])
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    actions = [a for block in card["content"]["body"] for a in block.get("actions", [])]
    assert {a["type"] for a in actions} == {"Action.Submit"} and all(CARD_KEY in a["data"] for a in actions)
    say(standin, "2002", "ja", "In welke regio")  # typing the answer instead of clicking
    click(standin, "2002", "region:west", "Wat is het probleem")


def test_pictures_edits_and_markup_get_friendly_answers(teams: Teams) -> None:
    standin = teams.standin
    welcome(standin, "3003")
    picture = standin.activity(
        "3003", attachments=[{"contentType": "image/png", "contentUrl": "https://teams.example/foto.png"}]
    )
    standin.send(picture)
    standin.wait_text("3003", "alleen tekst lezen")
    standin.send(standin.activity("3003", type="messageUpdate", text="gewijzigd"))
    standin.wait_text("3003", "alleen nieuwe berichten")
    say(standin, "3003", "<script>alert(1)</script> **vet**", "Bij welke rijksorganisatie")
    sent = "".join(standin.texts_to("3003"))
    assert "<script>" not in sent
    assert all(m.get("textFormat") == "xml" for m in standin.messages_to("3003"))


def test_english_when_the_user_writes_english(teams: Teams) -> None:
    standin = teams.standin
    welcome(standin, "4004")
    say(standin, "4004", "We are the tax office and we have a problem with our data", "organisation")


def test_a_broker_with_a_linked_teams_account_hears_of_new_drafts_there(teams: Teams, service_parts) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    review.add_broker(
        db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW, teams_id="aad-9001"
    )
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=NOW)
    standin = teams.standin
    welcome(standin, "9001")  # the broker has the app installed: a conversation to write into
    full_intake(standin, "1005")
    draft_id = intakes.drafts_of(db, "teams", "aad-1005")[0].id
    standin.wait_text("9001", draft_id)
    assert any(f"{teams.base}/drafts/{draft_id}" in t for t in standin.texts_to("9001"))


def test_a_broker_links_teams_with_a_code_from_the_dashboard(teams: Teams, service_parts) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=NOW)
    standin = teams.standin
    with httpx.Client() as ho:
        csrf = login(ho, db, teams.base, "ho@oost.nl")
        page = ho.post(f"{teams.base}/account/chat-code", data={"csrf": csrf})
        assert page.status_code == 200
        code = re.search(r"koppel ([A-Z0-9]{4}-[A-Z0-9]{4})", page.text).group(1)  # type: ignore[union-attr]
        assert ho.post(f"{teams.base}/account/chat-code", data={"csrf": "wrong"}).status_code == 403
    say(standin, "9002", "koppel 0000-0000", "onbekend, al gebruikt of verlopen")
    say(standin, "9002", f"koppel {code}", "Gekoppeld, HO Oost")
    assert review.broker_by_email(db, "ho@oost.nl").teams_id == "aad-9002"
    full_intake(standin, "1006")
    draft_id = intakes.drafts_of(db, "teams", "aad-1006")[0].id
    standin.wait_text("9002", draft_id)
    assert not list((Path(teams.outbox)).glob("*.eml"))  # told in Teams, not by e-mail


def test_a_restart_loses_neither_the_conversation_nor_the_way_back_to_the_user(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW)
    review.add_broker(db, name="HO Oost", email="ho@oost.nl", region="oost", side="ho", now=NOW)
    with ConnectorStandIn() as standin:
        for round_ in ("before", "after"):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            standin.bot_url = f"{base}/api/messages"
            with RunningService(make_service(service_parts, tmp_path, None, port, teams_anonymous=True)):
                wait_http(f"{base}/queue")
                if round_ == "before":
                    welcome(standin, "7007")
                    say(standin, "7007", "duo", "In welke regio")
                    continue
                # A new process: the intake goes on where it was...
                click(standin, "7007", "region:oost", "Wat is het probleem")
                submit_rest(standin, "7007")
                draft_id = intakes.drafts_of(db, "teams", "aad-7007")[0].id
                # ...and the stored conversation reference still reaches the user.
                with httpx.Client() as rijk, httpx.Client() as ho:
                    for client, email in ((rijk, "rijk@oost.nl"), (ho, "ho@oost.nl")):
                        csrf = login(client, db, base, email)
                        client.post(f"{base}/drafts/{draft_id}/approve", data={"csrf": csrf})
                standin.wait_text("7007", "goedgekeurd door beide kennismakelaars")


def submit_rest(standin: ConnectorStandIn, user: str) -> None:
    """From the problem to the submitted draft."""
    say(
        standin,
        user,
        "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke",
        "huidige situatie",
    )
    say(standin, user, "We houden het bij in excel; sinds de BIO-eisen moet het sneller", "Is uw vraag nieuw")
    click(standin, user, "similar:new", "Wat moet er anders zijn")
    for text, expect in [
        ("we willen updates binnen een week uitrollen", "Wie merken"),
        ("medewerkers en de servicedesk", "Welke gegevens"),
        ("CMDB en excel", "Wanneer zou"),
        ("volgend semester", "Welke vorm"),
    ]:
        say(standin, user, text, expect)
    click(standin, user, "form:afstudeeropdracht", "Welk niveau")
    click(standin, user, "level:hbo", "Wilt u de vraag indienen")
    click(standin, user, "review:submit", "Ingediend")


def test_without_anonymous_mode_unauthenticated_requests_are_refused(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = make_service(service_parts, tmp_path, None, port, teams_env=CREDENTIALS)
    with ConnectorStandIn(f"{base}/api/messages") as standin, RunningService(service):
        wait_http(f"{base}/queue")
        assert standin.send_text("5005", "hallo").status_code == 401
        forged = standin.send(standin.activity("5005", text="hallo"), {"Authorization": "Bearer not.a.token"})
        assert forged.status_code == 401
        assert standin.requests == []
    assert intakes.drafts_of(service_parts[0], "teams", "aad-5005") == []


def test_the_endpoint_is_off_without_configuration(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with RunningService(make_service(service_parts, tmp_path, None, port)):
        wait_http(f"{base}/queue")
        assert httpx.post(f"{base}/api/messages", json={"type": "message"}).status_code in (404, 405)


# -- translation, without a server ---------------------------------------------------------------


def activity(**fields: Any) -> Activity:
    base = {
        "type": "message",
        "channelId": "msteams",
        "from": {"id": "29:x", "aadObjectId": "aad-x"},
        "conversation": {"id": "a:x"},
        "recipient": {"id": "28:bot"},
    }
    return Activity.model_validate({**base, **fields})


def test_incoming_from_text_button_picture_and_html_copy() -> None:
    assert incoming_from(activity(text="hallo")).text == "hallo"
    assert incoming_from(activity(value={CARD_KEY: "org:yes"})).choice == "org:yes"
    assert incoming_from(activity(attachments=[{"contentType": "image/png"}])).unsupported
    # Teams adds an HTML copy of a typed message: still a text message.
    with_copy = incoming_from(
        activity(text="hallo", attachments=[{"contentType": "text/html", "content": "<p>hallo</p>"}])
    )
    assert with_copy.text == "hallo" and not with_copy.unsupported
    assert incoming_from(activity(text="")).text == ""  # the dialog answers that it got no text
    assert incoming_from(activity(**{"from": {"id": "29:only"}}, text="x")).user_ref == "29:only"


def test_rendering_escapes_and_keeps_lines() -> None:
    assert render("a < b & c\n<b>x</b>") == "a &lt; b &amp; c<br>&lt;b&gt;x&lt;/b&gt;"
    card = option_card(tuple(Option(f"k:{i}", f"Optie {i}") for i in range(12)), "nl")
    sets = [b for b in card["body"] if b["type"] == "ActionSet"]
    assert [len(s["actions"]) for s in sets] == [5, 5, 2]
    long = activities_for([Reply("woord " * 5000, (Option("a", "A"),))], "en")
    assert len(long) > 1 and all(len(a.text) <= 8000 for a in long)
    assert [bool(a.attachments) for a in long] == [False] * (len(long) - 1) + [True]


def test_settings_say_what_is_wrong() -> None:
    env = dict(CREDENTIALS)
    assert load_settings(env).teams_enabled and load_settings(env).teams_client_id
    with pytest.raises(SettingsError, match="niet allebei"):
        load_settings({**env, "VRAAGWIJZER_TEAMS_ANONYMOUS": "1"})
    with pytest.raises(SettingsError, match="CLIENTSECRET"):
        load_settings({k: v for k, v in env.items() if not k.endswith("CLIENTSECRET")})
    assert not load_settings({}).teams_enabled
    assert load_settings({"VRAAGWIJZER_TEAMS_ANONYMOUS": "1"}).teams_enabled


def test_the_teams_app_package_is_filled_in_and_sideloadable(tmp_path: Path) -> None:
    import json
    import os
    import struct
    import subprocess
    import sys
    import zipfile

    def cli(target: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CONNECTIONS__")}
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", "teams-app", str(target)],
            env={**clean, "VRAAGWIJZER_DATA_DIR": str(tmp_path), **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    target = tmp_path / "app.zip"
    result = cli(target, {**dict(CREDENTIALS), "VRAAGWIJZER_PUBLIC_URL": "https://vraagwijzer.example.nl"})
    assert result.returncode == 0, result.stderr
    assert "app.zip" in result.stdout
    with zipfile.ZipFile(target) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        sizes = {name: struct.unpack(">II", package.read(name)[16:24]) for name in ("color.png", "outline.png")}
    client_id = CREDENTIALS[0][1]
    assert manifest["id"] == client_id and manifest["bots"][0]["botId"] == client_id
    assert manifest["validDomains"] == ["vraagwijzer.example.nl"]
    assert manifest["developer"]["privacyUrl"] == "https://vraagwijzer.example.nl/privacy"
    assert "{{" not in json.dumps(manifest)
    assert sizes == {"color.png": (192, 192), "outline.png": (32, 32)}  # what Teams requires
    # Without the client id or an https address: one clear line, no package.
    missing = cli(tmp_path / "x.zip", {"VRAAGWIJZER_PUBLIC_URL": "https://vraagwijzer.example.nl"})
    assert missing.returncode == 1 and "CLIENTID" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "x.zip").exists()
    plain_http = cli(tmp_path / "x.zip", {**dict(CREDENTIALS), "VRAAGWIJZER_PUBLIC_URL": "http://localhost:8000"})
    assert plain_http.returncode == 1 and "https://" in plain_http.stderr


def test_deleting_my_data_also_forgets_how_to_reach_me(teams: Teams, service_parts) -> None:  # type: ignore[no-untyped-def]
    db = service_parts[0]
    standin = teams.standin
    welcome(standin, "8008")
    assert notices.address_of(db, "teams", "aad-8008") is not None
    say(standin, "8008", "verwijder", "Weet u zeker")
    click(standin, "8008", "delete:yes", "gewist")
    assert notices.address_of(db, "teams", "aad-8008") is None
    assert intakes.load_conversation(db, "teams", "aad-8008").step == "idle"


def texts_of(element: Any) -> list[str]:
    """Every TextBlock's text in a card, in order."""
    if isinstance(element, dict):
        own = [element["text"]] if element.get("type") == "TextBlock" else []
        return own + [t for v in element.values() for t in texts_of(v)]
    if isinstance(element, list):
        return [t for v in element for t in texts_of(v)]
    return []


def test_the_draft_is_an_adaptive_card_with_its_sections_and_actions() -> None:
    submit, edit = Option("review:submit", "Indienen"), Option("review:edit", "Wijzigen")
    card = Card(
        intro="Dit is de onderzoeksvraag:",
        title="Updates sneller",
        main_label="Hoofdvraag",
        main_question="Hoe kan DUO <updates> sneller uitrollen?",
        sections=(
            Section("Deelvragen", items=("Wat gaat er mis?", "Wat werkt elders?"), numbered=True),
            Section("Achtergrond", "Het gaat om laptops."),
            Section("Voorgestelde onderzoeksgroepen", items=("Lectoraat X (Saxion)",), note="Geen groep past"),
        ),
        actions=(submit, edit),
    )
    replies = [
        Reply("platte tekst", card=card),
        Reply("Soort?", (Option("kind:x", "X"),)),
        Reply("Wat nu?", (submit, edit)),
    ]
    draft, kinds, question = activities_for(replies, "nl")
    assert not draft.text and draft.summary == "Updates sneller"
    content = draft.attachments[0].content
    assert content == draft_card(card) and content["type"] == "AdaptiveCard"
    assert texts_of(content["body"]) == [
        "Dit is de onderzoeksvraag:",
        "Updates sneller",
        "Hoofdvraag",
        "Hoe kan DUO <updates> sneller uitrollen?",
        "Deelvragen",
        "1.",
        "Wat gaat er mis?",
        "2.",
        "Wat werkt elders?",
        "Achtergrond",
        "Het gaat om laptops.",
        "Voorgestelde onderzoeksgroepen",
        "Geen groep past",
        "•",
        "Lectoraat X (Saxion)",
    ]
    actions = [a for block in content["body"] for a in block.get("actions", [])]
    assert [a["data"] for a in actions] == [{CARD_KEY: "review:submit"}, {CARD_KEY: "review:edit"}]
    # The other kinds keep their buttons; the question's buttons are already on the card.
    assert kinds.attachments and question.text == "Wat nu?" and not question.attachments
