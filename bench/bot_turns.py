"""50 simulated Telegram users doing a full intake at once, as in production: the bot is a
separate `vraagwijzer run` process (real model, example data) talking HTTP to the local Bot
API stand-in in this process. Prints reply latency per turn type, errors and lost answers.

    .venv/bin/python -m bench.bot_turns [--users 50]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.harness import TOKEN, percentile, running_service, service_env
from tests.support.ports import free_port
from tests.support.script import SCRIPT
from tests.support.telegram import BotApiStandIn


def user_run(
    standin: BotApiStandIn, user: int, samples: dict[str, list[float]], errors: list[str], think: float
) -> None:
    rng = random.Random(user)
    if think:  # real users do not all press /start in the same millisecond
        time.sleep(rng.uniform(0, think * 2))
    for turn, how, value, expect in SCRIPT:
        before = standin.count_to(user)
        started = time.perf_counter()
        if how == "button":
            standin.press_button(user, value)
        elif value.startswith("/"):
            standin.send_command(user, value)
        else:
            standin.send_text(user, value)
        try:  # a condition wait, woken by every message the bot sends: no busy polling
            standin.wait_for(lambda e=expect, b=before: any(e in t for t in standin.texts_since(user, b)), 60)
        except AssertionError:
            errors.append(f"user {user}: no reply to {value!r}")
            return
        samples.setdefault(turn, []).append(time.perf_counter() - started)
        if think:
            time.sleep(rng.uniform(think / 2, think * 1.5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds a user takes between turns")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, BotApiStandIn(max_poll_timeout=1.0) as standin:
        env = service_env(
            tmp, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=standin.base_url, VRAAGWIJZER_PORT=str(free_port())
        )
        with running_service(env, lambda: bool(standin.commands)):
            samples: dict[str, list[float]] = {}
            errors: list[str] = []
            started = time.perf_counter()
            users = [
                threading.Thread(target=user_run, args=(standin, 10_000 + i, samples, errors, args.think))
                for i in range(args.users)
            ]
            for thread in users:
                thread.start()
            for thread in users:
                thread.join()
            elapsed = time.perf_counter() - started
        with sqlite3.connect(Path(tmp) / "vraagwijzer.db") as db:
            submitted = db.execute("SELECT count(*) FROM drafts").fetchone()[0]
        api_errors = list(standin.errors)
    turns = sum(len(v) for v in samples.values())
    print(
        f"{args.users} users, think time {args.think:.1f}s, full intake each: "
        f"{turns} turns in {elapsed:.1f}s ({turns / elapsed:.1f} turns/s)"
    )
    print("| turn type | n | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for turn, values in sorted(samples.items()):
        ms = [v * 1000 for v in values]
        print(f"| {turn} | {len(ms)} | {statistics.median(ms):.0f} | {percentile(ms, 95):.0f} |")
    print(
        f"errors: {len(errors)} (bot API error replies: {len(api_errors)}), submitted drafts: "
        f"{submitted}/{args.users}, lost: {args.users - submitted}"
    )
    for error in errors[:5]:
        print("  ", error)


if __name__ == "__main__":
    main()
