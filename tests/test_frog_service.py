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
from bot.conversation.names import person_names
from bot.frog import FROG_COMMAND, NAMES_COMMAND, FrogClient, FrogPool, shared_frog
from bot.frog_server import answering
from bot.matching import Matcher
from bot.settings import load_settings
from tests.support.assistant import FULL_INTAKE, joined, run_intake, say
from tests.support.processes import children

NAMES = json.loads((Path(__file__).parent / "data" / "names.json").read_text(encoding="utf-8"))["sentences"]

ROOT = Path(__file__).resolve().parent.parent
NAMED = "Meneer Jan de Vries belde gisteren over de achterstand bij DUO."


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


def held_frog(tmp_path: Path, release: Path) -> tuple[str, ...]:
    """The full Frog's command, held back until `release` exists: a start that is still loading."""
    script = tmp_path / "held-frog"
    script.write_text(f'#!/bin/sh\nwhile [ ! -e "{release}" ]; do sleep 0.05; done\nexec frog "$@"\n')
    script.chmod(0o755)
    return (str(script), *FROG_COMMAND[1:])


def test_while_the_full_frog_loads_the_quick_one_finds_the_same_names(tmp_path: Path) -> None:
    release = tmp_path / "release"
    pool = FrogPool(command=held_frog(tmp_path, release), names_command=NAMES_COMMAND)
    try:
        pool.start_in_background()
        quick = pool.analyse_for_names(NAMED)
        assert not quick.complete and pool.loaded == 0
        assert pool.analyse_for_names(NAMED) is quick  # a turn and its rehearsal ask once
        assert {t.word: t.lemma for t in quick.tokens}["belde"] == "bellen"  # lemmas, but no morphology
        assert {t.morph for t in quick.tokens} == {""}
        keep = ["DUO", "UWV", "IND", "Belastingdienst"]
        for sentence in NAMES:  # the tagger and named entities are the full Frog's own
            text = sentence["text"]
            assert person_names(pool.analyse_for_names(text), keep) == person_names(shared_frog().analyse(text), keep)
        quick_pid = pool._quick._process.pid if pool._quick and pool._quick._process else None

        release.touch()
        full = pool.analyse(NAMED)
        assert full.complete and full == shared_frog().analyse(NAMED)
        assert pool.analyse_for_names(NAMED) is full  # from the cache, complete
        assert pool._quick is None  # retired once the full Frog was ready: its memory is freed
        assert quick_pid is not None and not Path(f"/proc/{quick_pid}").exists()
    finally:
        release.touch()
        pool.close()


def test_the_chat_answers_while_frog_loads_and_the_draft_is_analysed_in_full(
    tmp_path: Path, small_matcher: Matcher
) -> None:
    """The first answers after a start are stored without their names but also without an
    analysis (the quick Frog has no lemmas or morphology); the drafter makes it when it drafts."""
    release = tmp_path / "release"
    pool = FrogPool(command=held_frog(tmp_path, release), names_command=NAMES_COMMAND)
    previous = frog.use(pool)
    try:
        assistant = Assistant(small_matcher.db, small_matcher)
        run_intake(assistant, FULL_INTAKE[:3])
        replies = say(assistant, text="Mevrouw Fatima el Amrani ziet dat laptops updates pas weken te laat krijgen.")
        assert pool.loaded == 0  # answered before the full Frog was there
        answers = json.loads(small_matcher.db.execute("select answers from conversations").fetchone()[0])
        assert "Amrani" not in json.dumps(answers) and "[naam]" in answers["problem"]
        assert "problem" not in answers["analysis"]
        assert "naam" in joined(replies)

        release.touch()
        review = joined(run_intake(assistant, FULL_INTAKE[4:]))
    finally:
        frog.use(previous)
        release.touch()
        pool.close()
    assert (
        "Hoofdvraag: Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen op alle laptops?"
        in review
    )


def test_without_a_quick_frog_names_wait_for_the_full_one() -> None:
    pool = FrogPool(names_command=("frog-is-not-installed-here",))
    try:
        analysis = pool.analyse_for_names(NAMED)
    finally:
        pool.close()
    assert analysis.complete and analysis == shared_frog().analyse(NAMED)
