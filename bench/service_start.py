"""Time from `vraagwijzer run` to the first answered page, now and in the first release.

    .venv/bin/python -m bench.service_start [--runs N]

The first release (commit 6c09c90, before Frog) is checked out into a temporary git worktree
and run with this virtual environment; both use their own data folder with indexes built
beforehand, so only the start itself is timed. Frog loads in the background while the
embedding model loads; the target is that the start is not slower by more than 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bot.frog import FrogClient
from bot.frog_server import answering

ROOT = Path(__file__).resolve().parent.parent
OLD_COMMIT = "6c09c90"
FIRST_MESSAGE = "Onze laptops krijgen updates pas weken te laat. Hoe richten we dat beter in?"
ASSISTANT_BUBBLE = '<div class="bubble"><span class="chat-who">'


def command(root: Path) -> list[str]:
    """The console script's entry point in that checkout: web.cli now, bot.cli in the first release."""
    entry = "web.cli" if (root / "web" / "cli.py").exists() else "bot.cli"
    return [sys.executable, "-c", f"from {entry} import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_once(root: Path, data: Path) -> float:
    port = free_port()
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "VRAAGWIJZER_PORT": str(port), "PYTHONPATH": str(root)}
    started = time.monotonic()
    process = subprocess.Popen(
        [*command(root), "run"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.monotonic() - started < 120:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/chat", timeout=1)
                return time.monotonic() - started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the service did not answer within 120 s")
    finally:
        process.terminate()
        process.wait()


def first_answer_once(root: Path, data: Path, message: str = FIRST_MESSAGE) -> tuple[float, float]:
    """Seconds from starting `vraagwijzer run` until /chat answers, and until the web chat has
    answered a first message: open /chat (cookie and form token), post it, read the answer."""
    port = free_port()
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "VRAAGWIJZER_PORT": str(port), "PYTHONPATH": str(root)}
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    base = f"http://127.0.0.1:{port}/chat"
    started = time.monotonic()
    process = subprocess.Popen(
        [*command(root), "run"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            if time.monotonic() - started > 120:
                raise RuntimeError("the service did not answer within 120 s")
            try:
                page = opener.open(base, timeout=5).read().decode()
                ready = time.monotonic() - started
                break
            except OSError:
                time.sleep(0.05)
        form = {
            name: found.group(1)
            for name, found in ((n, re.search(rf'name="{n}" value="([^"]+)"', page)) for n in ("csrf", "step"))
            if found
        }
        body = urllib.parse.urlencode({**form, "text": message}).encode()
        answer = opener.open(base, data=body, timeout=60).read().decode()  # follows the redirect to GET /chat
        seconds = time.monotonic() - started
        if ASSISTANT_BUBBLE not in answer:
            raise RuntimeError("the chat page after the first message shows no answer of the assistant")
        return ready, seconds
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def frog_service_running(root: Path, data: Path) -> Iterator[None]:
    """`vraagwijzer frog` for this data folder, its models loaded: a service that starts now
    finds Frog ready, as after a restart on a deploy."""
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "PYTHONPATH": str(root)}
    process = subprocess.Popen(
        [*command(root), "frog"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not answering(data / "frog.sock"):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("`vraagwijzer frog` did not answer within 60 s")
            time.sleep(0.1)
        FrogClient(data / "frog.sock").analyse("Klaar.")  # waits for its models
        yield
    finally:
        process.terminate()
        process.wait()


def indexed(root: Path, data: Path) -> None:
    """Build the indexes (and, in this release, the model's ONNX export) before timing starts."""
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "PYTHONPATH": str(root)}
    subprocess.run([*command(root), "index"], cwd=root, env=env, capture_output=True, check=True)


def timings(root: Path, data: Path, runs: int) -> list[float]:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "PYTHONPATH": str(root)}
    subprocess.run([*command(root), "index"], cwd=root, env=env, capture_output=True, check=True)
    return [start_once(root, data) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(old), OLD_COMMIT], cwd=ROOT, check=True)
        try:
            before = timings(old, Path(tmp) / "data-old", args.runs)
            now = timings(ROOT, Path(tmp) / "data-new", args.runs)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    for label, values in (("first release", before), ("this release", now)):
        print(f"{label:14} median {statistics.median(values):.2f} s  ({', '.join(f'{v:.2f}' for v in values)})")
    print(f"difference     {statistics.median(now) - statistics.median(before):+.2f} s (target: at most +1 s)")


if __name__ == "__main__":
    main()
