"""Frog's analysis shared by processes: `vraagwijzer frog` on a Unix socket (a real subprocess
with two real Frog processes), the client the service uses, and the pool behind both."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import frog
from bot.analysis import Analysis, AnalysisError, FrogMissing
from bot.conversation.assistant import Assistant
from bot.frog import FrogClient, FrogPool, shared_frog
from bot.frog_server import answering
from bot.matching import Matcher
from bot.settings import load_settings
from tests.support.assistant import FULL_INTAKE, joined, run_intake, say

ROOT = Path(__file__).resolve().parent.parent
NAMED = "Meneer Jan de Vries belde gisteren over de achterstand bij DUO."


def children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def frog_service(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "frog", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not answering(path):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the Frog service did not open its socket"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def service_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """`vraagwijzer frog --processes 2` for the data folder; a socket file left behind by a
    killed service is in the way at the start and must be replaced."""
    data_dir = tmp_path_factory.mktemp("frog")
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(data_dir / "frog.sock"))
    stale.close()  # the file stays, nobody listens
    process = frog_service(data_dir, "--processes", "2")
    wait_for(data_dir / "frog.sock", process)
    yield data_dir, process
    process.terminate()
    process.communicate(timeout=30)


def test_the_service_analyses_for_another_process_on_a_private_socket(
    service_dir: tuple[Path, subprocess.Popen[str]],
) -> None:
    data_dir, _ = service_dir
    path = data_dir / "frog.sock"
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # only this user can connect

    analysed = FrogClient(path).analyse(NAMED)

    assert analysed == shared_frog().analyse(NAMED)  # the same analysis as in-process
    assert [t.word for t in analysed.tokens if t.entity.endswith("-PER")] == ["Jan", "de", "Vries"]


def test_the_service_answers_bad_requests_and_keeps_the_connection(
    service_dir: tuple[Path, subprocess.Popen[str]],
) -> None:
    data_dir, _ = service_dir
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(60)
        connection.connect(str(data_dir / "frog.sock"))
        connection.sendall(b'not json\n{"text": 5}\n{"tekst": "Hallo."}\n{"text": "Hallo daar."}\n')
        with connection.makefile("rb") as replies:
            answers = [json.loads(replies.readline()) for _ in range(4)]
    assert [sorted(a) for a in answers] == [["error"], ["error"], ["error"], ["sentences"]]
    assert "JSON" in answers[0]["error"] and "string" in answers[1]["error"]
    assert [row[0] for row in answers[3]["sentences"][0]] == ["Hallo", "daar", "."]


def test_two_frog_processes_take_texts_side_by_side(service_dir: tuple[Path, subprocess.Popen[str]]) -> None:
    data_dir, process = service_dir
    texts = [f"Team {n} wil de storingen van afdeling {n} sneller oplossen." for n in range(12)]
    results: dict[str, Analysis] = {}

    def ask(chunk: list[str]) -> None:
        client = FrogClient(data_dir / "frog.sock")
        for text in chunk:
            results[text] = client.analyse(text)

    threads = [threading.Thread(target=ask, args=(texts[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert {text: results[text] for text in texts} == {text: shared_frog().analyse(text) for text in texts}
    frogs = [pid for pid in children(process.pid) if "frog" in Path(f"/proc/{pid}/cmdline").read_text()]
    assert len(frogs) == 2


def test_a_second_service_on_the_same_socket_is_refused_in_one_line(
    service_dir: tuple[Path, subprocess.Popen[str]],
) -> None:
    data_dir, _ = service_dir
    second = frog_service(data_dir)
    _, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert err.strip().splitlines() == [f"Fout: Er draait al een Frog-dienst op {data_dir / 'frog.sock'}"]


def test_the_chat_redacts_names_with_the_frog_service(
    service_dir: tuple[Path, subprocess.Popen[str]], small_matcher: Matcher
) -> None:
    data_dir, _ = service_dir
    client = FrogClient(data_dir / "frog.sock")
    previous = frog.use(client)  # as `vraagwijzer run` does when the Frog service runs
    try:
        assistant = Assistant(small_matcher.db, small_matcher)
        run_intake(assistant, FULL_INTAKE[:3])
        replies = say(assistant, text="Mevrouw Fatima el Amrani van de servicedesk ziet updates pas weken te laat.")
    finally:
        frog.use(previous)

    stored = small_matcher.db.execute("select answers from conversations").fetchone()[0]
    assert "Amrani" not in stored and "[naam]" in stored
    assert "naam" in joined(replies)  # the user is told
    assert client._fallback is None  # no Frog of its own was loaded


def test_stopping_the_service_removes_its_socket_and_its_frogs(tmp_path: Path) -> None:
    process = frog_service(tmp_path)
    wait_for(tmp_path / "frog.sock", process)
    FrogClient(tmp_path / "frog.sock").analyse("Klaar.")  # both processes started or starting
    frogs = children(process.pid)
    assert frogs

    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)

    assert process.returncode == 0
    assert not (tmp_path / "frog.sock").exists()
    assert not [pid for pid in frogs if Path(f"/proc/{pid}").exists()]


def test_without_the_service_the_client_analyses_with_a_frog_of_its_own(tmp_path: Path) -> None:
    client = FrogClient(tmp_path / "frog.sock")  # nothing listens there
    try:
        assert client.analyse(NAMED) == shared_frog().analyse(NAMED)
        assert client._fallback is not None and client._fallback.loaded == 1
    finally:
        client.close()


def test_a_pool_reports_a_missing_or_broken_frog_at_once() -> None:
    missing = FrogPool(2, command=("frog-is-not-installed-here",))
    began = time.monotonic()
    with pytest.raises(FrogMissing, match="apt-get install frog"):
        missing.analyse("Een tekst.")
    broken = FrogPool(1, command=("sh", "-c", "exit 0"))
    with pytest.raises(AnalysisError, match="niet gestart"):
        broken.analyse("Een tekst.")
    assert time.monotonic() - began < 10
    assert broken.analyse("") == Analysis()  # nothing to analyse needs no Frog


def test_the_settings_choose_the_frog_service(tmp_path: Path) -> None:
    base = {"VRAAGWIJZER_DATA_DIR": str(tmp_path)}
    assert load_settings(base).frog_service is None
    assert load_settings(base).frog_processes == 1
    assert load_settings({**base, "VRAAGWIJZER_FROG_SOCKET": "/run/vw/frog.sock"}).frog_service == Path(
        "/run/vw/frog.sock"
    )
    (tmp_path / "frog.sock").touch()  # a Frog service runs for this data folder
    assert load_settings(base).frog_service == tmp_path / "frog.sock"
    assert load_settings({**base, "VRAAGWIJZER_FROG_PROCESSES": "2"}).frog_processes == 2
