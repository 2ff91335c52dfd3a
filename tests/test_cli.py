"""The `vraagwijzer` command as a user runs it: a real process, the real model, a real file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import intakes
from knowledge.database import open_database
from knowledge.records import Conversation
from tests.support.ports import free_port
from tests.support.processes import children

QUESTION = "onze laptops en servers krijgen updates pas weken te laat, hoe richten we dat beter in"


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir), "VRAAGWIJZER_THREADS": "2"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("var")
    built = run(path, "index")
    assert built.returncode == 0, built.stderr
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr


@pytest.mark.slow
def test_index_reports_and_second_run_is_up_to_date(data_dir: Path) -> None:
    again = run(data_dir, "index")
    assert again.returncode == 0
    assert "actueel" in again.stdout


@pytest.mark.slow
def test_match_json_contract_and_security_groups_for_patching(data_dir: Path) -> None:
    result = run(data_dir, "match", QUESTION, "--region", "midden", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == QUESTION and data["region"] == "midden"
    assert len(data["groups"]) == 5 and data["assignments"]
    top = data["groups"][:3]
    assert all({"cybersecurity", "software-cloud"} & set(g["themes"]) for g in top)
    assert all(g["reasons"] for g in top)
    assert any(r == "in uw regio (Midden)" for g in data["groups"] for r in g["reasons"])


@pytest.mark.slow
def test_match_table_is_readable(data_dir: Path) -> None:
    result = run(data_dir, "match", "burgers snappen onze brieven niet", "-k", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Onderzoeksgroepen:")
    assert "Vergelijkbare eerdere opdrachten:" in result.stdout


@pytest.mark.slow
def test_batch_keeps_order_and_reports_bad_lines(data_dir: Path) -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "a", "text": "burgers snappen onze brieven niet", "region": "west"}),
            "{kapot",
            json.dumps({"id": "c", "text": QUESTION, "form": "afstudeeropdracht", "level": "hbo"}),
            json.dumps({"id": "d", "text": "x", "region": "noordpool"}),
        ]
    )
    result = run(data_dir, "match", "--batch", "-", stdin=lines + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d"]
    assert out[0]["region"] == "west" and out[0]["groups"]
    assert "geen geldige JSON" in out[1]["error"]
    assert "Onbekende regio" in out[3]["error"]
    assert result.returncode == 1 and "2 regel(s)" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("match", ""), "Geef een omschrijving"),
        (("match", "iets", "--region", "noord"), "Ongeldige waarde voor '--region'"),
        (("import", "groups", "/nonexistent/file.csv"), "kan het bestand niet lezen"),
        (("import", "planets", "x.csv"), "Ongeldige waarde voor 'KIND'"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, args: tuple[str, ...], fragment: str) -> None:
    assert_one_line_error(run(tmp_path, *args), fragment)


def test_bad_configuration_says_what_to_set(tmp_path: Path) -> None:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path), "VRAAGWIJZER_THREADS": "veel"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "export", "institutions"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert_one_line_error(result, "VRAAGWIJZER_THREADS")


def test_unwritable_data_dir_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert_one_line_error(run(blocker / "var", "export", "groups"), "VRAAGWIJZER_DATA_DIR")


def test_import_and_export_round_trip(tmp_path: Path) -> None:
    exported = run(tmp_path, "export", "institutions", str(tmp_path / "inst.csv"))
    assert exported.returncode == 0, exported.stderr
    rows = (tmp_path / "inst.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,name,short_name,type")
    edited = [rows[0]] + [r.replace("Universiteit Twente", "University of Twente") for r in rows[1:]]
    (tmp_path / "inst.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    imported = run(tmp_path, "import", "institutions", str(tmp_path / "inst.csv"))
    assert imported.returncode == 0, imported.stderr
    again = json.loads(run(tmp_path, "export", "institutions", "--format", "json").stdout)
    assert len(again) == len(rows) - 1
    assert any(r["name"] == "University of Twente" for r in again)


def test_import_with_errors_lists_problems_and_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "groups.json"
    bad.write_text(
        json.dumps([{"id": "g", "name": "Lab", "institution_id": "ut", "themes": ["quantum"], "forms": ["minor"]}]),
        encoding="utf-8",
    )
    before = run(tmp_path, "export", "groups").stdout
    result = run(tmp_path, "import", "groups", str(bad))
    assert_one_line_error(result, "rij 1, veld themes: onbekend thema quantum")
    assert run(tmp_path, "export", "groups").stdout == before


@pytest.mark.slow
def test_run_serves_the_web_pages_and_stops_cleanly(tmp_path: Path, data_dir: Path) -> None:
    import signal
    import time

    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update({"VRAAGWIJZER_DATA_DIR": str(data_dir), "VRAAGWIJZER_PORT": str(port), "VRAAGWIJZER_THREADS": "2"})
    service = subprocess.Popen([sys.executable, "-m", "web.cli", "run"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/chat", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and service.poll() is None, "the service did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and "Vraagwijzer" in response.text
        assert httpx.get(f"http://127.0.0.1:{port}/queue").status_code == 401
    finally:
        service.send_signal(signal.SIGINT)
        _, stderr = service.communicate(timeout=30)
    assert service.returncode == 0, stderr
    assert "Geen TELEGRAM_BOT_TOKEN" in stderr


@pytest.mark.slow
def test_sigterm_while_frog_loads_stops_the_service_and_its_frogs(tmp_path: Path, data_dir: Path) -> None:
    """A deploy stops the service with SIGTERM, often seconds after it started: the stop is a
    normal one (exit 0) and no Frog process is left loading its models for nobody."""
    import signal
    import time

    import httpx

    port = free_port()
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir), "VRAAGWIJZER_PORT": str(port)}
    service = subprocess.Popen([sys.executable, "-m", "web.cli", "run"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/chat", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and service.poll() is None, "the service did not start"
                time.sleep(0.1)
        frogs = children(service.pid)
        assert frogs  # Frog began loading with the service
    finally:
        service.send_signal(signal.SIGTERM)
        _, stderr = service.communicate(timeout=30)
    assert service.returncode == 0, stderr
    assert "Vraagwijzer is gestopt" in stderr and "Traceback" not in stderr
    assert not [pid for pid in frogs if Path(f"/proc/{pid}").exists()]


def test_login_link_for_a_broker(tmp_path: Path) -> None:
    run(tmp_path, "brokers", "add", "--name", "A", "--email", "a@oost.nl", "--region", "oost", "--side", "ho")
    env_url = {"VRAAGWIJZER_PUBLIC_URL": "https://vraagwijzer.example.nl"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "brokers", "login-link", "a@oost.nl"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path), **env_url},
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"https://vraagwijzer\.example\.nl/login/[\w-]{40,}\n", result.stdout)
    assert_one_line_error(run(tmp_path, "brokers", "login-link", "nobody@oost.nl"), "Geen makelaar")


def test_bad_telegram_base_url_is_explained(tmp_path: Path) -> None:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path), "TELEGRAM_BASE_URL": "localhost:8081"}
    result = subprocess.run(
        [sys.executable, "-m", "web.cli", "run"], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert_one_line_error(result, "TELEGRAM_BASE_URL")


def test_draft_from_stdin_without_model(tmp_path: Path) -> None:
    intake = {
        "organisation": "DUO",
        "problem": "Burgers bellen massaal over hun brief",
        "goal": "minder telefoontjes krijgen over de brieven",
        "region": "oost",
        "level": "hbo",
    }
    result = run(
        tmp_path, "draft", "--no-match", "--json", "--docx", str(tmp_path / "v.docx"), stdin=json.dumps(intake)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["main_question"] == "Welke maatregelen kan DUO nemen om minder telefoontjes te krijgen over de brieven?"
    assert (tmp_path / "v.docx").stat().st_size > 0


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [("", "ongeldig"), ("{kapot", "ongeldig"), ('{"organisation": "DUO", "problem": "x", "form": "stage"}', "vorm")],
)
def test_draft_with_bad_intake_is_one_line(tmp_path: Path, stdin: str, fragment: str) -> None:
    assert_one_line_error(run(tmp_path, "draft", "--no-match", stdin=stdin), fragment)


def test_brokers_and_drafts_commands(tmp_path: Path) -> None:
    from knowledge import intakes
    from knowledge.database import open_database
    from tests.support import builders

    added = run(
        tmp_path,
        "brokers",
        "add",
        "--name",
        "Rijk Oost",
        "--email",
        "Rijk.Oost@example.nl",
        "--region",
        "oost",
        "--side",
        "rijk",
    )
    assert added.returncode == 0, added.stderr
    again = run(
        tmp_path, "brokers", "add", "--name", "X", "--email", "rijk.oost@example.nl", "--region", "west", "--side", "ho"
    )
    assert_one_line_error(again, "al een makelaar")
    listed = json.loads(run(tmp_path, "brokers", "list", "--json").stdout)
    assert ("rijk.oost@example.nl", "oost", "rijk") in [(b["email"], b["region"], b["side"]) for b in listed]
    assert len([b for b in listed if b["email"].endswith("@vraagwijzer.example")]) == 6  # example duos

    db = open_database(tmp_path / "vraagwijzer.db")
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id="VW-2026-CLI001",
            user_ref="7",
            intake={},
            draft=builders.draft_document(title="Titel (DUO)", main_question="Hoe kan DUO X?"),
        ),
    )
    db.close()
    listed_drafts = json.loads(run(tmp_path, "drafts", "list", "--state", "submitted", "--json").stdout)
    assert [d["id"] for d in listed_drafts] == ["VW-2026-CLI001"]
    shown = json.loads(run(tmp_path, "drafts", "show", "VW-2026-CLI001", "--json").stdout)
    assert shown["state"] == "submitted" and shown["events"][0]["to_state"] == "submitted"
    assert "user_ref" not in shown  # the link to the person is not for scripts
    text = run(tmp_path, "drafts", "show", "VW-2026-CLI001").stdout
    assert "Hoofdvraag: Hoe kan DUO X?" in text and "Historie:" in text
    assert_one_line_error(run(tmp_path, "drafts", "show", "VW-NOPE"), "bestaat niet")


def test_export_suggestions_for_an_institution(tmp_path: Path) -> None:
    from knowledge import intakes, suggestions
    from knowledge.database import open_database
    from tests.support import builders

    run(tmp_path, "export", "groups")  # creates the database with the example data
    db = open_database(tmp_path / "vraagwijzer.db")
    now = "2026-11-28T10:00:00+00:00"
    intakes.submit_draft(
        db,
        builders.submitted_draft(
            id="VW-2026-EXP001",
            channel=None,
            user_ref=None,
            title="=Titel",
            intake={},
            draft={"main_question": "Hoe?", "suggested_groups": []},
            created_at=now,
        ),
    )
    rijk, ho = (review_broker(db, "rijk.oost@vraagwijzer.example"), review_broker(db, "ho.oost@vraagwijzer.example"))
    from knowledge import review

    review.approve(db, "VW-2026-EXP001", rijk, now)
    review.approve(db, "VW-2026-EXP001", ho, now)
    saxion_group = next(
        g for g in json.loads(run(tmp_path, "export", "groups").stdout) if g["institution_id"] == "saxion"
    )
    suggestions.send_suggestions(db, "VW-2026-EXP001", rijk, [saxion_group["id"]], now, b"test-secret")
    db.close()
    rows = json.loads(run(tmp_path, "export", "suggestions", "--institution", "Saxion").stdout)
    assert [(r["draft_id"], r["group_id"], r["state"]) for r in rows] == [
        ("VW-2026-EXP001", saxion_group["id"], "sent")
    ]
    csv_text = run(tmp_path, "export", "suggestions", "--institution", "saxion", "--format", "csv").stdout
    assert "'=Titel" in csv_text  # formulas neutralised
    assert_one_line_error(run(tmp_path, "export", "suggestions", "--institution", "Nergens"), "Geen instelling")


def review_broker(db, email: str):  # type: ignore[no-untyped-def]
    from knowledge import review

    return review.broker_by_email(db, email)


def test_export_user_names_the_channels_it_knows_when_the_channel_is_unknown(data_dir: Path) -> None:
    assert_one_line_error(run(data_dir, "export-user", "telegarm", "42"), "telegarm")
    db = open_database(data_dir / "vraagwijzer.db")
    intakes.save_conversation(
        db,
        Conversation("web", "visitor-1", step="problem", answers={"organisation": "DUO"}),
        "2026-12-04T10:00:00+00:00",
    )
    db.close()
    wrong = run(data_dir, "export-user", "telegarm", "visitor-1")
    assert_one_line_error(wrong, "web")
    found = run(data_dir, "export-user", "web", "visitor-1")
    assert found.returncode == 0, found.stderr
    records = json.loads(found.stdout)
    assert records["conversation"]["answers"] == {"organisation": "DUO"} and records["drafts"] == []
