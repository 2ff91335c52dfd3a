"""Overlap across organisations: precision and recall on the labelled pairs, and the time of the
overlap check on submit with 10,000 open questions in the index.

.venv/bin/python -m bench.overlap [--fake] [--questions 10000] [--checks 600] [--models DIR]

Quality: every question of tests/data/overlap_pairs.json is indexed (the past assignments of
the example data count for how rare a word is) and each labelled pair scored; precision and
recall at the threshold in use, and a sweep around it.

Timing: 10,000 synthetic open questions of 40 organisations, each made of parts of two
real texts (example assignments and the labelled questions). Their vectors are the normalised
mean of the two parts' real embeddings (embedding 10,000 texts would take minutes here); the
checked question is embedded by the model for real, as the service runs it (ONNX Runtime,
`embeddings.encoder.load_encoder`). One check is what `Workflow.submit` does:
embed the new question, put it in the index, find the overlaps and their reasons.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import time
from pathlib import Path

import numpy as np

from bench.harness import percentile
from bot.overlap.evaluation import load_pairs, quality, score_pairs
from bot.overlap.index import REBUILD_AFTER, QuestionSet
from bot.overlap.scoring import THRESHOLD, W_DENSE, W_LEXICAL, W_THEMES, Question
from embeddings.encoder import Encoder
from knowledge.example_data import example_rows
from knowledge.vocabulary import THEMES

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "overlap_pairs.json"


def encoder_for(fake: bool, models: Path | None) -> Encoder:
    """The service's encoder (ONNX Runtime on the export in the data folder's models/, made on
    first use), or the test suite's fake."""
    if fake:
        from embeddings import vector_index
        from tests.support.fakes import FakeEncoder

        vector_index.set_threads(search=1, build=2)
        return FakeEncoder()
    from bot.settings import load_settings
    from embeddings.encoder import configure_threads, load_encoder

    configure_threads(2)
    return load_encoder(None, models or load_settings().data_dir / "models")


def background() -> list[str]:
    return [f"{a['title']} {a['problem']}" for a in example_rows("assignments")]


def measure_quality(encoder: Encoder) -> None:
    questions, pairs = load_pairs(PAIRS)
    scored = score_pairs(questions, pairs, encoder, background())
    counts = {label: sum(1 for p in pairs if p.label == label) for label in ("same", "same-theme", "unrelated")}
    print(f"## Quality ({encoder.name}): {len(pairs)} labelled pairs of {len(questions)} questions, {counts}")
    print(f"weights: dense {W_DENSE}, lexical {W_LEXICAL}, themes {W_THEMES}\n")
    print("| threshold | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|")
    for threshold in sorted({*np.round(np.arange(0.16, 0.42, 0.02), 2).tolist(), THRESHOLD}):
        q = quality(scored, threshold)
        mark = " **(in use)**" if threshold == THRESHOLD else ""
        print(
            f"| {threshold:.2f}{mark} | {q.precision:.2f} | {q.recall:.2f} | "
            f"{q.true_positives} | {q.false_positives} | {q.false_negatives} |"
        )
    by_label: dict[str, list[float]] = {}
    for s in scored:
        by_label.setdefault(s.pair.label, []).append(s.score)
    print("\nscores per label (min / median / max):")
    for label, values in by_label.items():
        print(f"  {label:<11} {min(values):.3f} / {float(np.median(values)):.3f} / {max(values):.3f}")
    missed = [s for s in scored if s.pair.overlap and s.score < THRESHOLD]
    wrong = [s for s in scored if not s.pair.overlap and s.score >= THRESHOLD]
    for s in missed + wrong:
        print(
            f"  {'missed' if s.pair.overlap else 'false alarm'}: {s.pair.a}-{s.pair.b} ({s.pair.label}) {s.score:.3f}"
        )


def synthetic(encoder: Encoder, count: int, rng: random.Random) -> tuple[list[Question], np.ndarray, list[str]]:
    texts = background()
    labelled, _ = load_pairs(PAIRS)
    texts += [q.lexical_text for q in labelled]
    base = encoder.encode_passages(texts)
    organisations = [f"Organisatie {n}" for n in range(40)]
    questions, vectors = [], []
    for n in range(count):
        i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
        first, second = texts[i].split(), texts[j].split()
        text = " ".join(first[: max(8, len(first) // 2)] + second[len(second) // 2 :])
        questions.append(
            Question(
                id=f"VW-2026-S{n:05d}",
                organisation=rng.choice(organisations),
                title=" ".join(first[:6]),
                dense_text=text,
                lexical_text=text,
                themes=tuple(rng.sample(THEMES, 2)),
                form=rng.choice(("praktijkopdracht", "afstudeeropdracht", None)),
                level=rng.choice(("hbo", "wo", "beide")),
            )
        )
        mixed = base[i] + base[j]
        vectors.append(mixed / np.linalg.norm(mixed))
    return questions, np.stack(vectors).astype(np.float32), texts


def measure_timing(encoder: Encoder, count: int, checks: int) -> None:
    rng = random.Random(14)
    started = time.perf_counter()
    questions, vectors, _ = synthetic(encoder, count, rng)
    index = QuestionSet(encoder.dimension, background(), vocabulary=[q.lexical_text for q in questions[:2000]])
    index.put_many(questions, vectors)
    print(f"\n## Overlap check on submit: {len(index)} open questions ({time.perf_counter() - started:.1f}s to build)")
    labelled, _ = load_pairs(PAIRS)
    totals, embeds, searches, found = [], [], [], 0
    for n in range(checks):
        source = labelled[n % len(labelled)]
        question = Question(
            id=f"VW-2026-N{n:05d}",
            organisation=source.organisation,
            title=source.title,
            dense_text=source.dense_text,
            lexical_text=source.lexical_text,
            themes=source.themes,
            form=source.form,
            level=source.level,
        )
        t0 = time.perf_counter()
        vector = encoder.encode_passages([question.dense_text])[0]
        t1 = time.perf_counter()
        stored = index.put(question, vector)
        hits = index.similar(stored, vector, 5)
        [index.why(stored, other) for other, _ in hits]
        t2 = time.perf_counter()
        totals.append((t2 - t0) * 1000)
        embeds.append((t1 - t0) * 1000)
        searches.append((t2 - t1) * 1000)
        found += bool(hits)
    print(f"{checks} checks, each adding a question (BM25 rebuilt in the background every {REBUILD_AFTER} additions):")
    for name, values in (("whole check", totals), ("  embedding", embeds), ("  index + search + reasons", searches)):
        print(
            f"  {name:<26} p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  "
            f"max {max(values):6.1f} ms"
        )
    print(
        f"  {found} of {checks} found an overlap; BM25 rebuilt {index.rebuilds - 1} times during the checks; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fake", action="store_true", help="the test suite's fake encoder instead of the model")
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--checks", type=int, default=600)
    parser.add_argument("--models", type=Path, help="folder of the ONNX export (default: the data folder's)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    encoder = encoder_for(args.fake, args.models)
    measure_quality(encoder)
    measure_timing(encoder, args.questions, args.checks)


if __name__ == "__main__":
    main()
