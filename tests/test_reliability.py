"""Faults survived: Telegram hiccups, a busy database, lost index files, a full or read-only
disk, floods, oversized requests; backups while running, restore, retention, one person's
records, and no personal data or secrets in the logs."""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlite_utils import Database

from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming
from bot.conversation.ratelimit import RateLimiter, Verdict
from bot.logsafe import configure_logging, scrub
from bot.matching import Matcher
from bot.matching.indexing import open_indexes
from bot.settings import Settings, SettingsError
from bot.wiring import check_data_dir
from bot.workflow import utc_now
from knowledge import intakes, maintenance, notices, review, sessions
from knowledge.database import open_database
from knowledge.maintenance import MaintenanceError
from tests.support.ports import free_port
from tests.support.service import RunningService, make_service, wait_http
from tests.support.telegram import BotApiStandIn
from tests.support.telegram_bot import RunningBot, intake_until_problem, wait_text

PROBLEM = "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke"


def say(assistant: Assistant, user: str, text: str, channel: str = "web") -> list[str]:
    return [r.text for r in assistant.handle(Incoming(channel, user, text=text)).replies]


# -- Telegram answers 429, 502 and time-outs for a while -----------------------------------------


def sent_texts(standin: BotApiStandIn, chat: int, fragment: str) -> int:
    return sum(fragment in (m.get("text") or "") for m in standin.messages_to(chat))


def test_telegram_429_and_502_are_retried_and_nothing_is_sent_twice(
    small_db: Database, small_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    assistant = Assistant(small_db, small_matcher)
    with BotApiStandIn() as standin, RunningBot(standin, assistant):
        standin.fail_next("sendMessage", times=2, status=429, retry_after=1)
        standin.send_command(1101, "/start")
        wait_text(standin, 1101, "Bij welke rijksorganisatie")
        standin.fail_next("sendMessage", times=3, status=502)
        standin.send_text(1101, "duo")
        wait_text(standin, 1101, "In welke regio", timeout=20)
        assert sent_texts(standin, 1101, "Bij welke rijksorganisatie") == 1
        assert sent_texts(standin, 1101, "In welke regio") == 1
    assert "429" in caplog.text and "unreachable" in caplog.text


def test_a_telegram_time_out_is_not_resent_and_the_conversation_goes_on(
    small_db: Database, small_matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    assistant = Assistant(small_db, small_matcher)
    with BotApiStandIn() as standin, RunningBot(standin, assistant):
        standin.send_command(1102, "/start")
        wait_text(standin, 1102, "Bij welke rijksorganisatie")
        standin.delay_next("sendMessage", 7.0)  # longer than the bot's 5 s read time-out
        standin.send_text(1102, "duo")
        standin.wait_for(lambda: "not resending" in caplog.text, 20, "no time-out logged")
        standin.send_text(1102, "Zwolle")  # the answer was stored: the intake goes on
        wait_text(standin, 1102, "Wat is het probleem", timeout=20)
        assert sent_texts(standin, 1102, "In welke regio") <= 1
    assert intakes.load_conversation(small_db, "telegram", "1102").step == "problem"


def test_an_update_delivered_again_after_a_crash_is_not_answered_twice(
    small_db: Database, small_matcher: Matcher
) -> None:
    """Telegram redelivers updates we did not confirm before dying; the second copy of an
    answer must not become the answer to the next question."""
    assistant = Assistant(small_db, small_matcher)
    first = assistant.handle(Incoming("telegram", "77", text="/start", sequence=100)).replies
    answer = Incoming("telegram", "77", text="duo", sequence=101)
    assert any("In welke regio" in r.text for r in assistant.handle(answer).replies)
    stored = intakes.load_conversation(small_db, "telegram", "77")
    assert Assistant(small_db, small_matcher).handle(answer).replies == []  # a new process, the same update
    assert intakes.load_conversation(small_db, "telegram", "77") == stored
    assert first and assistant.handle(Incoming("telegram", "77", choice="region:oost", sequence=102)).replies


# -- a busy database ----------------------------------------------------------------------------


def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """A second writer (another process would do the same) holding the write lock."""
    started = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE knowledge_revision SET revision = revision WHERE id = 1")
        started.set()
        time.sleep(seconds)
        conn.commit()
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    started.wait(5)
    return thread


def test_a_short_lock_by_another_writer_only_waits(small_db: Database, small_matcher: Matcher, tmp_path: Path) -> None:
    assistant = Assistant(small_db, small_matcher)
    say(assistant, "u1", "/start")
    holder = hold_write_lock(tmp_path / "vraagwijzer.db", 1.0)
    replies = say(assistant, "u1", "duo")
    holder.join()
    assert any("In welke regio" in r for r in replies)
    confirmed = assistant.handle(Incoming("web", "u1", choice="region:oost")).replies  # the answer was saved
    assert any("Wat is het probleem" in r.text for r in confirmed)


def test_a_long_lock_gets_a_friendly_try_again_and_loses_nothing(
    small_db: Database, small_matcher: Matcher, tmp_path: Path
) -> None:
    assistant = Assistant(small_db, small_matcher)
    say(assistant, "u2", "/start")
    before = intakes.load_conversation(small_db, "web", "u2")
    small_db.execute("PRAGMA busy_timeout = 200")  # instead of waiting 5 s in a test
    holder = hold_write_lock(tmp_path / "vraagwijzer.db", 1.5)
    replies = say(assistant, "u2", "duo")
    holder.join()
    assert replies and "druk" in replies[0] and "locked" not in " ".join(replies)
    assert intakes.load_conversation(small_db, "web", "u2") == before  # nothing half-saved
    assert any("In welke regio" in r for r in say(assistant, "u2", "duo"))  # sending again works


# -- index files lost or corrupt while running ----------------------------------------------------


def test_index_files_deleted_or_corrupted_are_rebuilt_with_the_same_answers(
    service_parts, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    db, encoder, matcher = service_parts
    question = "updates van laptops komen te laat binnen"
    before = [g.id for g in matcher.find(question).groups]
    index_dir = tmp_path / "index"
    for damage in ("delete", "corrupt"):
        for file in index_dir.rglob("*"):
            if file.is_file():
                file.unlink() if damage == "delete" else file.write_bytes(b"\x00garbage")
        indexes, _ = open_indexes(db, index_dir, encoder)  # what the service's reindex does
        matcher.indexes = indexes
        assert [g.id for g in matcher.find(question).groups] == before
    assert "opnieuw" in caplog.text.lower() or "rebuil" in caplog.text.lower()


# -- a data folder that cannot be used ------------------------------------------------------------


def test_a_full_disk_or_unwritable_folder_stops_the_start_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="maak ruimte"):
        check_data_dir(
            Settings(data_dir=tmp_path / "var", model=None, threads=1, log_level="WARNING", min_free_mb=10**12)
        )
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(SettingsError, match="niet bruikbaar"):
        check_data_dir(Settings(data_dir=blocker / "var", model=None, threads=1, log_level="WARNING"))
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path / "full"), "VRAAGWIJZER_MIN_FREE_MB": "10000000"}
    run = subprocess.run(
        [sys.executable, "-m", "web.cli", "run"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 1 and "maak ruimte" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "full" / "vraagwijzer.db").exists()  # nothing half-written


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders; covered by the file case above")
def test_a_read_only_data_folder_stops_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SettingsError, match="niet bruikbaar"):
            check_data_dir(Settings(data_dir=folder, model=None, threads=1, log_level="WARNING"))
    finally:
        folder.chmod(0o700)


# -- floods and oversized requests ----------------------------------------------------------------


def test_the_flood_limit_tells_once_then_ignores_until_it_calms() -> None:
    now = [0.0]
    limiter = RateLimiter(burst=3, refill_seconds=1.0, clock=lambda: now[0])
    verdicts = [limiter.check("telegram", "a") for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.NOTICE, Verdict.DROP, Verdict.DROP]
    assert limiter.check("telegram", "b") is Verdict.ALLOW  # others are not slowed
    now[0] = 1.0
    assert limiter.check("telegram", "a") is Verdict.ALLOW


def test_a_flooding_user_gets_one_notice_and_others_go_on(small_db: Database, small_matcher: Matcher) -> None:
    assistant = Assistant(small_db, small_matcher)
    assistant.limiter = RateLimiter(burst=5, refill_seconds=60)
    answers = [assistant.handle(Incoming("telegram", "flood", text=f"bericht {i}")).replies for i in range(40)]
    notices_ = [r for replies in answers for r in replies if "veel berichten" in r.text]
    assert len(notices_) == 1 and all(a == [] for a in answers[6:])
    assert any("Bij welke rijksorganisatie" in r for r in say(assistant, "calm", "/start", "telegram"))


def test_oversized_requests_are_refused_before_reading(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with RunningService(make_service(service_parts, tmp_path, None, port, teams_anonymous=True)):
        wait_http(f"{base}/queue")
        big = b"text=" + b"x" * (400 * 1024)
        form = {"content-type": "application/x-www-form-urlencoded"}
        assert httpx.post(f"{base}/chat", content=big, headers=form).status_code == 413

        def streamed():  # type: ignore[no-untyped-def]
            for _ in range(400):
                yield b"x" * 1024

        assert httpx.post(f"{base}/chat", content=streamed(), headers=form).status_code == 413
        assert httpx.post(f"{base}/api/messages", content=b"{" + b" " * (300 * 1024) + b"}").status_code == 413
        assert httpx.get(f"{base}/chat").status_code == 200  # the service is fine


# -- backup while running, restore, retention, one person's records ------------------------------


def test_a_backup_taken_under_load_restores_completely(
    small_db: Database, small_matcher: Matcher, tmp_path: Path
) -> None:
    assistant = Assistant(small_db, small_matcher)
    stop = threading.Event()
    typed = [0]

    def load() -> None:
        while not stop.is_set():
            user = f"load-{typed[0] % 25}"
            say(assistant, user, "/start" if typed[0] % 3 == 0 else "duo")
            typed[0] += 1

    worker = threading.Thread(target=load)
    worker.start()
    time.sleep(0.3)
    copy = tmp_path / "backup" / "vw.db"
    counts = maintenance.backup(tmp_path / "vraagwijzer.db", copy)
    stop.set()
    worker.join()
    assert typed[0] > 10 and counts["conversations"] > 0
    with pytest.raises(MaintenanceError, match="bestaat al"):
        maintenance.backup(tmp_path / "vraagwijzer.db", copy)
    # Restore into a new data folder and check it, the way an operator would.
    target = tmp_path / "restored" / "vraagwijzer.db"
    assert maintenance.restore(copy, target) == counts
    restored = open_database(target)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert restored["conversations"].count == counts["conversations"]
    assert restored["research_groups"].count == small_db["research_groups"].count


def test_restore_refuses_garbage_and_a_running_service(tmp_path: Path) -> None:
    garbage = tmp_path / "not-a-db.db"
    garbage.write_bytes(b"hello")
    with pytest.raises(MaintenanceError, match="geen SQLite"):
        maintenance.restore(garbage, tmp_path / "var" / "vraagwijzer.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(MaintenanceError, match="geen Vraagwijzer-database"):
        maintenance.restore(other, tmp_path / "var" / "vraagwijzer.db")
    good = tmp_path / "good.db"
    open_database(good)
    with maintenance.service_lock(tmp_path / "var"), pytest.raises(MaintenanceError, match="draait al"):
        maintenance.restore(good, tmp_path / "var" / "vraagwijzer.db")


def test_a_second_service_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    with (
        maintenance.service_lock(tmp_path),
        pytest.raises(MaintenanceError, match="draait al"),
        maintenance.service_lock(tmp_path),
    ):
        pass
    with maintenance.service_lock(tmp_path):  # released when the first one ended
        pass


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(tmp_path / "var")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    assert cli("brokers", "list").returncode == 0  # creates the database with the example data
    made = cli("backup", str(tmp_path / "b.db"))
    assert made.returncode == 0 and "research_groups" in made.stdout
    assert cli("backup", str(tmp_path / "b.db")).returncode == 1  # never overwrites
    back = cli("restore", str(tmp_path / "b.db"))
    assert back.returncode == 0 and "before-restore" in back.stdout
    assert (tmp_path / "var" / "vraagwijzer.db.before-restore").exists()
    bad = cli("restore", str(tmp_path / "missing.db"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_retention_purges_old_conversations_and_keeps_drafts(small_db: Database, small_matcher: Matcher) -> None:
    clock = ["2026-01-01T10:00:00+00:00"]
    assistant = Assistant(small_db, small_matcher, clock=lambda: clock[0])
    say(assistant, "old", "/start")
    notices.save_address(small_db, "teams", "old-teams-user", "{}", clock[0])
    broker = review.add_broker(small_db, name="B", email="b@x.nl", region="oost", side="rijk", now=clock[0])
    sessions.create_chat_link_code(small_db, broker, clock[0])
    clock[0] = "2026-05-01T10:00:00+00:00"
    say(assistant, "recent", "/start")
    deleted = maintenance.purge(small_db, 90, clock[0])
    assert deleted["conversations"] == 1 and deleted["addresses"] == 1 and deleted["link_codes"] == 1
    assert intakes.load_conversation(small_db, "web", "old").step == "idle"
    assert intakes.load_conversation(small_db, "web", "recent").step == "organisation"
    with pytest.raises(MaintenanceError):
        maintenance.purge(small_db, 0, clock[0])


def test_one_persons_records_on_request(small_db: Database, small_matcher: Matcher) -> None:
    assistant = Assistant(small_db, small_matcher)
    say(assistant, "me", "/start")
    say(assistant, "me", "duo")
    records = maintenance.user_records(small_db, "web", "me")
    assert records["conversation"]["step"] == "region" and records["drafts"] == []
    assert maintenance.user_records(small_db, "web", "nobody")["conversation"] is None
    assert '"channel": "web"' in maintenance.as_json(records)


# -- logs ----------------------------------------------------------------------------------------


def test_logs_of_a_whole_run_hold_no_personal_data_or_secrets(service_parts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Everything at DEBUG through the production log set-up, then grep for planted values."""
    db = service_parts[0]
    stream = io.StringIO()
    handler = configure_logging("DEBUG")
    handler.setStream(stream)  # type: ignore[attr-defined]
    bsn, email, phone = "111222333", "jan.jansen@voorbeeld.nl", "0612345678"
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with BotApiStandIn() as standin, RunningService(make_service(service_parts, tmp_path, standin, port)):
            wait_http(f"{base}/queue")
            intake_until_problem(standin, 1201)
            standin.send_text(1201, f"Mijn BSN is {bsn}, mail {email} of bel {phone}; {PROBLEM}")
            wait_text(standin, 1201, "huidige situatie")
            broker = review.add_broker(db, name="R", email="r@oost.nl", region="oost", side="rijk", now=utc_now())
            token = sessions.create_login_token(db, broker, utc_now())
            httpx.get(f"{base}/login/{token}")
            httpx.get(f"{base}/s/{'z' * 40}")
        logged = stream.getvalue()
    finally:
        logging.getLogger().removeHandler(handler)
    assert "sendMessage" in logged  # the run was logged at DEBUG...
    for secret in (bsn, email, phone, token, "123456:SERVICE", "z" * 40):
        assert secret not in logged, secret  # ...without any of these


def test_scrub_removes_tokens_and_personal_data() -> None:
    line = "POST /bot123456:ABCdef/sendMessage /login/abcdefghijk12 Bearer eyJ.x.y koppel ABCD-EFGH bsn 111222333"
    cleaned = scrub(line)
    for secret in ("123456:ABCdef", "abcdefghijk12", "eyJ.x.y", "ABCD-EFGH", "111222333"):
        assert secret not in cleaned
