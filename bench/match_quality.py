"""Matching quality per retrieval variant on the Dutch evaluation set; prints a table.

.venv/bin/python -m bench.match_quality [--variants all]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.matching import DEFAULT_WEIGHTS, Weights
from bot.matching.evaluation import evaluate, load_queries, markdown_table
from bot.settings import load_settings
from bot.wiring import assemble

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "eval_queries.json"

MAIN_VARIANTS: dict[str, Weights] = {
    "lexical only": replace(DEFAULT_WEIGHTS, dense=0.0),
    "dense only": replace(DEFAULT_WEIGHTS, lexical=0.0),
    "fused (default)": DEFAULT_WEIGHTS,
}
EXTRA_VARIANTS: dict[str, Weights] = {
    "plain RRF dense+lexical (no evidence, no themes)": Weights(dense=1.0, evidence=0.0, themes=0.0),
    "fused without theme vote": replace(DEFAULT_WEIGHTS, themes=0.0),
    "fused without evidence": replace(DEFAULT_WEIGHTS, evidence=0.0),
    "fused, equal dense weight": replace(DEFAULT_WEIGHTS, dense=1.0),
    "fused, group dense weight 0.6": replace(DEFAULT_WEIGHTS, dense=0.6),
    "fused, assignment dense weight 0.3": replace(DEFAULT_WEIGHTS, assignment_dense=0.3),
    "fused, expanded query also dense": replace(DEFAULT_WEIGHTS, expand_dense=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also the ablation variants")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    queries = load_queries(EVAL_SET)
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(load_settings(), data_dir=Path(tmp))
        matcher = assemble(settings).matcher
        variants = {**MAIN_VARIANTS, **(EXTRA_VARIANTS if args.all else {})}
        rows = []
        for name, weights in variants.items():
            started = time.perf_counter()
            rows.append(evaluate(matcher, queries, weights, name))
            print(f"# {name}: {time.perf_counter() - started:.1f}s", flush=True)
    print(f"\n{len(queries)} queries, {rows[0].labelled} with labelled relevant assignments\n")
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
