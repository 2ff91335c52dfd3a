"""Shared pieces of the service benchmarks: `vraagwijzer run` as a separate process (real model,
example data, as in production), percentiles, and what /proc says about a process.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

TOKEN = "123456:BENCH"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def service_env(data_dir: Path | str, **extra: str) -> dict[str, str]:
    """The environment of a benchmark service: its own data folder, plus `extra` settings."""
    return {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir), "PTB_TIMEDELTA": "true", **extra}


@contextlib.contextmanager
def running_service(
    env: dict[str, str], ready: Callable[[], bool], *, root: Path | None = None, timeout: float = 180.0
) -> Iterator[subprocess.Popen[str]]:
    """Build the indexes (first start: embeds the example data), start `vraagwijzer run` in its
    own process and wait until `ready()`; stop it with Ctrl-C (SIGINT) on the way out.

    `root`: run the service of another tree (an older commit, `bench.encoder_speed.checkout`) from that
    folder, with the same Python; by default the service of this tree. The service's log
    (stderr) goes to `service.log` in its data folder."""
    data_dir = Path(env["VRAAGWIJZER_DATA_DIR"])
    run = ["-m", "web.cli", "run"]
    if root is not None:
        env = {**env, "PYTHONPATH": str(root)}
        if not (root / "web" / "cli.py").exists():  # before the web service had its own command line
            run = ["-m", "bot.cli", "run"]
    subprocess.run([sys.executable, "-m", "bot.cli", "index"], cwd=root, env=env, check=True, capture_output=True)
    with (data_dir / "service.log").open("a") as log:
        service = subprocess.Popen([sys.executable, *run], cwd=root, env=env, stderr=log, text=True)
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            if service.poll() is not None:
                raise RuntimeError(f"vraagwijzer run stopped at start (exit code {service.returncode})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"vraagwijzer run was not ready after {timeout:.0f}s")
            time.sleep(0.2)
        yield service
    finally:
        if service.poll() is None:
            service.send_signal(signal.SIGINT)
            try:
                service.wait(30)
            except subprocess.TimeoutExpired:
                service.kill()
                service.wait()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted values; NaN for none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process (VmRSS in /proc/PID/status), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (/proc/PID/stat), and of the
    processes it runs (Frog, the Word document worker), alive or ended and waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime, stime (fields 14 and 15); cutime, cstime (16, 17) of children already waited for
    total = sum(int(v) for v in fields[11:15]) / CLOCK_TICKS
    for child in children_of(pid):
        try:
            total += cpu_seconds(child)
        except OSError:
            continue  # ended between the listing and the reading
    return total


def children_of(pid: int) -> list[int]:
    """The running child processes of `pid` (/proc/PID/task/*/children)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue  # the thread ended meanwhile
    return found


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # without guest time, which is already counted in user
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS
