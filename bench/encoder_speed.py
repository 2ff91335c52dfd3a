"""The encoder and matching speed, side by side: today's path (sentence-transformers on torch,
bm25s' own retrieval; commit TODAY, extracted with `git archive`) against this tree (ONNX
Runtime, postings-only BM25 scoring).

    .venv/bin/python -m bench.encoder_speed [--parts encode,cold,chat,quality,warm] [--runs 3]
        [--sizes 100000]

- encode:  query encoding p50/p95 of both encoders on the 60 evaluation queries, one query a
           call as in a match (target: p50 at most 0.6x today's), and the smallest cosine
           between their vectors (queries and assignment texts).
- cold:    wall time of `vraagwijzer match TEXT --json` as a new process, indexes built.
- chat:    `vraagwijzer run` until the web chat answered a first message (target: 3 s).
- quality: `bench.match_quality` of both (the fused, lexical-only and dense-only rows).
- warm:    warm match p50/p95 at the given sizes (`bench.match_latency` of both; 1M takes
           about 15 minutes per side, mostly the HNSW build).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bench.service_start import first_answer_once, frog_service_running, indexed

ROOT = Path(__file__).resolve().parent.parent
TODAY = "5fe0047"  # the last commit with sentence-transformers on the query path
EVAL_SET = ROOT / "tests" / "data" / "eval_queries.json"
MATCH_TEXT = "brieven die burgers niet snappen"


def checkout(commit: str, folder: Path) -> Path:
    """The tree of `commit` in `folder`, read from git without touching the work tree."""
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def python(root: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data), "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=True)


def ms(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(s * 1000 for s in samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def query_latency(encode: Callable[[list[str]], np.ndarray], queries: list[str], rounds: int = 3) -> list[float]:
    for text in queries[:5]:
        encode([text])
    samples = []
    for _ in range(rounds):
        for text in queries:
            started = time.perf_counter()
            encode([text])
            samples.append(time.perf_counter() - started)
    return samples


def part_encode(queries: list[str], models: Path) -> None:
    from embeddings.encoder import SentenceEncoder, configure_threads, load_encoder
    from knowledge import catalog
    from knowledge.database import open_database
    from knowledge.example_data import load_example_data

    configure_threads(int(os.environ.get("VRAAGWIJZER_THREADS", "2")))
    started = time.perf_counter()
    onnx = load_encoder(None, models)
    print(
        f"  ONNX encoder loaded (export made or found) in {time.perf_counter() - started:.1f}s: {type(onnx).__name__}"
    )
    today = SentenceEncoder()
    results: dict[str, list[float]] = {}
    for _ in range(2):  # alternate, so that both meet the same load of the machine
        for name, encoder in (("sentence-transformers", today), ("ONNX Runtime", onnx)):
            results.setdefault(name, []).extend(query_latency(encoder.encode_queries, queries))
    for name, samples in results.items():
        p50, p95 = ms(samples)
        print(f"  query encoding, {name:22} p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  (n={len(samples)})")
    ratio = statistics.median(results["ONNX Runtime"]) / statistics.median(results["sentence-transformers"])
    print(f"  ONNX p50 / today's p50: {ratio:.2f}x (target: at most 0.6x)")
    db = open_database(":memory:")
    load_example_data(db)
    passages = [f"{a.title}. {a.problem}" for a in catalog.assignments(db).values()]
    cosine = min(
        float(np.min(np.sum(onnx.encode_queries(queries) * today.encode_queries(queries), axis=1))),
        float(np.min(np.sum(onnx.encode_passages(passages) * today.encode_passages(passages), axis=1))),
    )
    print(
        f"  smallest cosine ONNX vs sentence-transformers ({len(queries)} queries, {len(passages)} texts): {cosine:.6f}"
    )


def part_cold(roots: dict[str, Path], tmp: Path, runs: int) -> None:
    for name, root in roots.items():
        data = tmp / f"data-{name}"
        started = time.perf_counter()
        indexed(root, data)
        print(f"  {name}: `vraagwijzer index` on an empty data folder {time.perf_counter() - started:.1f}s")
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            python(root, data, "-m", "bot.cli", "match", MATCH_TEXT, "--json")
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        print(
            f"  {name}: cold `vraagwijzer match` median {statistics.median(walls):.2f} s wall ({_list(walls)}), "
            f"{statistics.median(cpus):.2f} s CPU"
        )


def part_chat(roots: dict[str, Path], tmp: Path, runs: int) -> None:
    for name, root in roots.items():
        data = tmp / f"data-{name}"
        indexed(root, data)
        timings = [first_answer_once(root, data) for _ in range(runs)]
        ready, walls = [r for r, _ in timings], [w for _, w in timings]
        print(
            f"  {name}: /chat answers after {statistics.median(ready):.2f} s, the first chat message is answered "
            f"after {statistics.median(walls):.2f} s (medians; {_list(walls)})"
        )
        if (root / "bot" / "frog_server.py").exists():
            with frog_service_running(root, data):
                timings = [first_answer_once(root, data) for _ in range(runs)]
            ready, walls = [r for r, _ in timings], [w for _, w in timings]
            print(
                f"  {name}, restarted beside `vraagwijzer frog`: /chat answers after {statistics.median(ready):.2f} s,"
                f" the first chat message after {statistics.median(walls):.2f} s (medians; {_list(walls)})"
            )


def part_quality(roots: dict[str, Path], tmp: Path) -> None:
    for name, root in roots.items():
        out = python(root, tmp / f"quality-{name}", "-m", "bench.match_quality").stdout
        rows = [line for line in out.splitlines() if line.startswith("| ") and "variant" not in line]
        for row in rows:
            print(f"  {name:8} {row}")


def part_warm(roots: dict[str, Path], tmp: Path, sizes: str) -> None:
    for name, root in roots.items():
        out = python(root, tmp / f"warm-{name}", "-m", "bench.match_latency", "--sizes", sizes, "--build", "0").stdout
        for line in out.splitlines():
            if "warm match" in line or "lexical" in line:
                print(f"  {name:8} {line.strip()}")


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="encode,cold,chat,quality,warm")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100000", help="warm match sizes, e.g. 100000,1000000")
    parser.add_argument("--today", default=TODAY, help="the commit to compare with")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    parts = set(args.parts.split(","))
    queries = [q["text"] for q in json.loads(EVAL_SET.read_text(encoding="utf-8"))["queries"]]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"cores: {os.cpu_count()}, load average {load}; today = commit {args.today}, now = this tree")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        roots = {"today": checkout(args.today, tmp / "today"), "now": ROOT}
        if "encode" in parts:
            print("query encoding (in this process):")
            part_encode(queries, tmp / "models")
        if "cold" in parts:
            print(f"cold start of `vraagwijzer match` ({args.runs} runs each):")
            part_cold(roots, tmp, args.runs)
        if "chat" in parts:
            print(f"first chat answer after `vraagwijzer run` ({args.runs} runs each):")
            part_chat(roots, tmp, args.runs)
        if "quality" in parts:
            print("matching quality (bench.match_quality; theme hit@1, hit@3, strict hit@3, recall@5):")
            part_quality(roots, tmp)
        if "warm" in parts:
            print(f"warm match at {args.sizes} assignments (bench.match_latency):")
            part_warm(roots, tmp, args.sizes)


if __name__ == "__main__":
    main()
