"""Match latency, index build speed and memory, with the example data and at scale.

    .venv/bin/python -m bench.match_latency [--sizes 10000,100000,1000000] [--build 10000]

Scale runs use synthetic knowledge: assignment texts recombined from the example data,
vectors spread around the real embeddings of the example texts (so the index holds a
realistic distribution without hours of encoding), and 10k research groups. Each warm
match includes encoding the query with the real model (the encoder `vraagwijzer` loads: ONNX
Runtime from the export in the data folder), as in production. At scale the BM25 search of
past assignments is timed on its own too (the expanded query, as the matcher searches).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.matching import Matcher
from bot.matching.evaluation import load_queries
from bot.matching.indexing import Indexes
from bot.settings import load_settings
from bot.wiring import assemble
from embeddings.collection import Collection, Document
from embeddings.encoder import Encoder
from embeddings.lexical import LexicalIndex, QueryExpander
from embeddings.vector_index import VectorIndex
from knowledge import catalog
from knowledge.database import open_database
from knowledge.example_data import thesaurus_entries
from knowledge.records import Assignment, Group

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "eval_queries.json"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  (n={len(ms)})"


def warm_latency(matcher: Matcher, texts: list[str], rounds: int) -> list[float]:
    for text in texts[:5]:
        matcher.find(text)
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            matcher.find(text, region="midden")
            samples.append(time.perf_counter() - started)
    return samples


def cold_start(data_dir: Path) -> float:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "match", "brieven die burgers niet snappen", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def synthetic_knowledge(base: list[Assignment], groups: list[Group], n: int, n_groups: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """n assignments and n_groups groups, texts recombined from the example data."""
    sentences = [s.strip() for a in base for s in a.problem.split(".") if len(s.split()) > 3]
    new_groups = [replace(groups[i % len(groups)], id=f"syn-g{i}") for i in range(n_groups)]
    new_assignments = []
    for i in range(n):
        a = base[i % len(base)]
        problem = ". ".join(rng.sample(sentences, 2)) + "."
        new_assignments.append(replace(a, id=f"syn-a{i}", problem=problem, group_id=f"syn-g{rng.randrange(n_groups)}"))
    return new_assignments, new_groups


def scaled_run(size: int, n_groups: int, encoder: Encoder, base_db, queries: list[str], tmp: Path) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(size)
    base_assignments = list(catalog.assignments(base_db).values())
    base_groups = list(catalog.groups(base_db).values())
    assignments, groups = synthetic_knowledge(base_assignments, base_groups, size, n_groups, rng)
    db = open_database(tmp / f"scale-{size}.db")
    started = time.perf_counter()
    with db.atomic():
        for kind in ("institutions", "organisations"):
            catalog.save_records(db, kind, catalog.iter_records(base_db, kind))
        catalog.save_records(db, "groups", groups)
        for start in range(0, size, 50_000):
            catalog.save_records(db, "assignments", assignments[start : start + 50_000])
    print(f"  database: {size:,} assignments written in {time.perf_counter() - started:.1f}s")

    base_vectors = encoder.encode_passages([f"{a.title}. {a.problem}" for a in base_assignments])
    np_rng = np.random.default_rng(size)

    def spread(count: int) -> np.ndarray:
        picks = base_vectors[np.arange(count) % len(base_vectors)]
        noisy = picks + np_rng.normal(scale=0.04, size=picks.shape).astype(np.float32)
        return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)

    collections = {}
    for name, docs in (
        ("assignments", [Document(a.id, f"{a.title}. {a.problem}") for a in assignments]),
        ("groups", [Document(g.id, f"{g.name}. {g.description}") for g in groups]),
    ):
        c = Collection(name, tmp / f"scale-{size}" / name, encoder)
        t0 = time.perf_counter()
        c.vectors = VectorIndex.build(encoder.dimension, [d.id for d in docs], spread(len(docs)))
        t1 = time.perf_counter()
        c.lexical = LexicalIndex.build([d.id for d in docs], [d.text for d in docs])
        t2 = time.perf_counter()
        print(
            f"  {name}: faiss {c.vectors.kind} build {t1 - t0:.1f}s, "
            f"lexical build {t2 - t1:.1f}s, RSS {rss_mb():.0f} MB"
        )
        collections[name] = c
    matcher = Matcher(
        db, Indexes(collections["assignments"], collections["groups"]), encoder, QueryExpander(thesaurus_entries())
    )
    expander = QueryExpander(thesaurus_entries())
    lexical = []
    for text in queries * 3:
        expanded = expander.expand(text)
        t0 = time.perf_counter()
        collections["assignments"].search_lexical(expanded, 60)
        lexical.append(time.perf_counter() - t0)
    print(f"  lexical search of assignments at {size:,}: {percentiles(lexical)}")
    samples = warm_latency(matcher, queries, rounds=3)
    print(f"  warm match at {size:,} assignments / {n_groups:,} groups: {percentiles(samples)}, RSS {rss_mb():.0f} MB")
    db.close()
    del matcher, collections, assignments, groups
    gc.collect()


def build_speed(encoder: Encoder, base_db, n: int, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """Our index build against plain encoding of the same n texts."""
    base = list(catalog.assignments(base_db).values())
    rng = random.Random(1)
    texts = [
        f"{base[i % len(base)].title}. " + " ".join(rng.sample(base[i % len(base)].problem.split(), 30))
        for i in range(n)
    ]
    t0 = time.perf_counter()
    encoder.encode_passages(texts)
    plain = time.perf_counter() - t0
    docs = [Document(f"b{i}", t) for i, t in enumerate(texts)]
    collection = Collection("build", tmp / "build", encoder)
    report = collection.sync(docs, "1")
    changed = [*docs[: n // 100], Document("new", "een nieuwe opdracht over drones")]
    changed = [Document(d.id, d.text + " (gewijzigd)") for d in changed] + docs[n // 100 :]
    incremental = collection.sync(changed, "2")
    print(f"  plain encoding ({type(encoder).__name__}) of {n:,} texts: {plain:.1f}s ({n / plain:.0f}/s)")
    print(f"  Collection.sync (encode + faiss + bm25 + save):  {report.seconds:.1f}s ({n / report.seconds:.0f}/s)")
    print(f"  incremental sync after changing 1% (+1 new): {incremental.seconds:.1f}s, embedded {incremental.embedded}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--build", type=int, default=10_000, help="texts for the build-speed comparison (0: skip)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("bm25s", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = load_settings()
    queries = [q.text for q in load_queries(EVAL_SET)]
    print(f"threads: {settings.threads} (encoder and faiss builds), cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = replace(settings, data_dir=tmp / "example")
        t0 = time.perf_counter()
        assembly = assemble(data)
        print(f"example data: first start with index build {time.perf_counter() - t0:.1f}s")
        print(f"  cold start of `vraagwijzer match` (indexes on disk): {cold_start(data.data_dir):.2f}s")
        samples = warm_latency(assembly.matcher, queries, rounds=5)
        print(f"  warm match, example data ({len(assembly.indexes.assignments)} assignments): {percentiles(samples)}")
        encoder = assembly.encoder
        print(f"  encoder: {type(encoder).__name__}")
        if args.build:
            build_speed(encoder, assembly.db, args.build, tmp)
        for size in (int(s) for s in args.sizes.split(",") if s):
            print(f"scale {size:,}:")
            scaled_run(size, args.groups, encoder, assembly.db, queries, tmp)


if __name__ == "__main__":
    main()
