"""SIGKILL at random moments during 200 scripted intakes (150 in Telegram through the Bot API
stand-in, 50 in the web chat), against `vraagwijzer run` in its own process with the real
model: after every restart each conversation goes on, and no acknowledged answer is lost.

An answer is acknowledged when the user saw the bot's next question. After a restart a user
asks where they were (a picture in Telegram, /help in the web chat: both get the current question
again and change nothing); being sent back before an acknowledged answer counts as a lost answer. At the end every intake is a submitted draft that
holds the scripted answers.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.support.ports import free_port
from tests.support.script import SCRIPT
from tests.support.telegram import BotApiStandIn

pytestmark = pytest.mark.slow

TOKEN = "123456:KILLTEST"
TELEGRAM_USERS = int(os.environ.get("KILL_TEST_TELEGRAM_USERS", 150))
WEB_USERS = int(os.environ.get("KILL_TEST_WEB_USERS", 50))
KILLS = int(os.environ.get("KILL_TEST_KILLS", 5))
STEP_TIMEOUT = 30.0  # generous: 200 users resume at once after each restart, on two cores
RESYNC_TRIES = 3
# The summary quotes earlier answers; its question ("Wilt u de vraag indienen") follows it.
SUMMARY = "Dit is de onderzoeksvraag"
STUCK_AFTER = 5  # failed attempts at one step before the user gives up (a failure, not a hang)


class Service:
    """`vraagwijzer run` as a child process that can be killed and started again."""

    def __init__(self, data_dir: Path, standin: BotApiStandIn) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.standin = standin
        self.env = {
            **os.environ,
            "VRAAGWIJZER_DATA_DIR": str(data_dir),
            "VRAAGWIJZER_PORT": str(self.port),
            "VRAAGWIJZER_THREADS": "1",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": standin.base_url,
            "PTB_TIMEDELTA": "true",
        }
        self.log = (data_dir / "service.log").open("a")
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run([sys.executable, "-m", "bot.cli", "index"], env=self.env, check=True, capture_output=True)

    def start(self) -> None:
        polls = len(self.standin.calls("getUpdates"))
        self.process = subprocess.Popen([sys.executable, "-m", "web.cli", "run"], env=self.env, stderr=self.log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the service stopped at start"
            try:
                if httpx.get(f"{self.base}/chat", timeout=2).status_code == 200 and (
                    len(self.standin.calls("getUpdates")) > polls
                ):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError("the service did not come up")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(30)
        self.log.close()


class Run:
    """What all users share: the service's generation (one per start) and the tally."""

    def __init__(self) -> None:
        self.up = threading.Event()
        self.generation = 0
        self.changed = threading.Condition()
        self.acknowledged = 0
        self.lost = 0
        self.resumed = 0
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def wait_for_next_start(self, generation: int, timeout: float) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation, timeout)
        self.up.wait(180)


def prompt_index(text: str) -> int | None:
    """The script position whose question this text asks (the latest one it contains)."""
    found = [i for i, (_, _, _, expect) in enumerate(SCRIPT) if expect in text]
    return found[-1] + 1 if found else None


class TelegramUser:
    def __init__(self, standin: BotApiStandIn, user: int) -> None:
        self.standin, self.user = standin, user

    @property
    def ref(self) -> tuple[str, str]:
        return "telegram", str(self.user)

    def step(self, how: str, value: str, expect: str) -> bool:
        before = self.standin.count_to(self.user)
        if how == "button":
            self.standin.press_button(self.user, value)
        elif value.startswith("/"):
            self.standin.send_command(self.user, value)
        else:
            self.standin.send_text(self.user, value)
        try:
            self.standin.wait_for(
                lambda: any(expect in t for t in self.standin.texts_since(self.user, before)), STEP_TIMEOUT
            )
            return True
        except AssertionError:
            return False

    def recent(self) -> list[str]:
        return [t[:60] for t in self.standin.texts_since(self.user, max(0, self.standin.count_to(self.user) - 8))]

    def where(self) -> int | None:
        """Where the bot is: a picture gets "text only" plus the current question again, and
        changes nothing. The question is the last message of that burst."""
        before = self.standin.count_to(self.user)
        self.standin.send_photo(self.user)

        def asked() -> bool:
            burst = self.standin.texts_since(self.user, before)
            return bool(burst) and prompt_index(burst[-1]) is not None and not burst[-1].startswith(SUMMARY)

        try:
            self.standin.wait_for(asked, STEP_TIMEOUT)
        except AssertionError:
            return None
        while True:  # until the burst is over
            seen = self.standin.count_to(self.user)
            time.sleep(0.5)
            if self.standin.count_to(self.user) == seen:
                break
        return prompt_index(self.standin.texts_since(self.user, before)[-1])


class WebUser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.client = httpx.Client(timeout=STEP_TIMEOUT, follow_redirects=True)  # the chat redirects after a form
        self.csrf = ""
        self.last_page = ""

    @property
    def ref(self) -> tuple[str, str]:
        """How the service knows this visitor: a hash of the anonymous chat cookie."""
        return "web", hashlib.sha256(self.client.cookies.get("vw_chat", "").encode()).hexdigest()[:32]

    def _post(self, how: str, value: str) -> str | None:
        try:
            if not self.csrf:
                page = self.client.get(f"{self.base}/chat").text
                self.csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            field = "choice" if how == "button" else "text"
            response = self.client.post(f"{self.base}/chat", data={"csrf": self.csrf, field: value})
            return response.text if response.status_code == 200 else None
        except httpx.TransportError:
            return None

    def step(self, how: str, value: str, expect: str) -> bool:
        page = self._post(how, value)
        return page is not None and expect in page

    def where(self) -> int | None:
        page = self._post("text", "/help")  # re-asks the current question, changes nothing
        self.last_page = page or ""
        if not page or 'class="bubble"' not in page:
            return None
        return prompt_index(page.rsplit('class="bubble"', 1)[1])  # the last bubble: the question

    def recent(self) -> list[str]:
        return [self.last_page[-300:]]


def drive(run: Run, user: TelegramUser | WebUser, name: str, database: Path) -> None:
    rng = random.Random(name)
    time.sleep(rng.uniform(0, 3))
    position, acknowledged, failed = 0, 0, 0
    while position < len(SCRIPT):
        run.up.wait(180)
        generation = run.generation
        _, how, value, expect = SCRIPT[position]
        if user.step(how, value, expect):
            position += 1
            acknowledged, failed = position, 0
            with run.lock:
                run.acknowledged += 1
            time.sleep(rng.uniform(0.1, 0.6))
            continue
        # No answer: the service was probably killed. Wait for it, then ask where we are.
        failed += 1
        if failed >= STUCK_AFTER:
            run.failures.append(f"{name}: stuck at step {position} ({value!r}): {user.recent()}")
            return
        run.wait_for_next_start(generation, STEP_TIMEOUT)
        if acknowledged == len(SCRIPT) - 1 and submitted(database, *user.ref):
            break  # the submission went through, only its acknowledgement was lost
        if acknowledged == 0:
            continue  # not started yet: nothing to lose, start again
        resumed = next((r for r in (user.where() for _ in range(RESYNC_TRIES)) if r is not None), None)
        if resumed is None:
            run.failures.append(f"{name}: no answer after a restart at {acknowledged}: {user.recent()}")
            return
        with run.lock:
            run.resumed += 1
            if resumed < acknowledged:
                run.lost += acknowledged - resumed
                run.failures.append(f"{name}: back at {resumed} after {acknowledged}: {user.recent()}")
        position = max(resumed, 1)


def submitted(database: Path, channel: str, user: str) -> bool:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as conn:
        row = conn.execute("SELECT count(*) FROM drafts WHERE channel = ? AND user_ref = ?", [channel, user]).fetchone()
    return bool(row[0])


def test_sigkill_during_200_intakes_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    run = Run()
    rng = random.Random(20261128)
    with BotApiStandIn() as standin:
        service = Service(tmp_path, standin)
        service.start()
        run.up.set()
        database = tmp_path / "vraagwijzer.db"
        users: list[tuple[str, TelegramUser | WebUser]] = [
            *((f"telegram-{i}", TelegramUser(standin, 5000 + i)) for i in range(TELEGRAM_USERS)),
            *((f"web-{i}", WebUser(service.base)) for i in range(WEB_USERS)),
        ]
        threads = [
            threading.Thread(target=drive, args=(run, user, name, database), daemon=True) for name, user in users
        ]
        for thread in threads:
            thread.start()
        kills = 0
        try:
            while kills < KILLS and any(t.is_alive() for t in threads):
                time.sleep(rng.uniform(3, 10))
                service.kill()
                run.up.clear()
                kills += 1
                service.start()
                with run.changed:
                    run.generation += 1
                    run.changed.notify_all()
                run.up.set()
            for thread in threads:
                thread.join(600)
        finally:
            service.stop()
            for _, user in users:
                if isinstance(user, WebUser):
                    user.client.close()
        with sqlite3.connect(database) as conn:
            drafts = conn.execute("SELECT channel, user_ref, intake FROM drafts").fetchall()
    report = (
        f"kills {kills}, conversations {TELEGRAM_USERS + WEB_USERS}, answers acknowledged {run.acknowledged}, "
        f"resumed after a restart {run.resumed}, answers lost {run.lost}, drafts {len(drafts)}"
    )
    print(report)
    (tmp_path / "failures.txt").write_text("\n".join(run.failures))
    assert not run.failures, f"{len(run.failures)} problems, e.g. {run.failures[:3]}"
    assert kills == KILLS and run.lost == 0, report
    assert len({(c, u) for c, u, _ in drafts}) == TELEGRAM_USERS + WEB_USERS, report
    assert len(drafts) == TELEGRAM_USERS + WEB_USERS, "a submission was stored twice"
    assert all("excel" in intake.lower() for _, _, intake in drafts)  # the scripted answers are in them
