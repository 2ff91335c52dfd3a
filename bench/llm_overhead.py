"""What the optional wording by a language model adds to a draft besides the model's own time:
redaction, the prompt, the HTTP round trip through the `openai` client, validation, the Dutch
analysis and quality checks of the proposal and the guards.

    .venv/bin/python -m bench.llm_overhead [--delay 0.5] [--limit 54]

The model is the OpenAI-compatible stand-in of the tests (tests/support/openai_standin.py) on
loopback; it answers after `--delay` seconds (the "model's own time") with the rule-based wording
worded anew: the rule-based draft of another kind of question for the same intake, with a title of
its own (so every guard runs, and a proposal can be used or refused). As in production, the
answers' analyses are at hand (stored with them) and the rule-based draft's analyses are in Frog's
cache; the proposal's text is new to Frog (its analyses are taken out of the cache).
Intakes: the Dutch ones of tests/data/drafting_intakes.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.harness import percentile
from bot.drafting import KINDS, Draft, Intake
from bot.drafting.drafter import Drafter
from bot.drafting.records import OrganisationName
from bot.frog import shared_frog
from bot.wording.client import ModelClient
from bot.wording.service import ModelWording, WordingSource
from tests.support.openai_standin import Answer, completion, running_standin

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("problem", "context", "goal", "stakeholders", "data", "timeline")


def answer_with(proposal: Draft, delay: float) -> Any:
    """The stand-in's model: answers with `proposal`'s wording after `delay` seconds."""
    content = json.dumps(
        {"title": proposal.title, "main_question": proposal.main_question, "sub_questions": proposal.sub_questions},
        ensure_ascii=False,
    )
    return lambda body: Answer(body=completion(content), delay=delay)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5, help="the stand-in model's own time, in seconds")
    parser.add_argument("--limit", type=int, default=54)
    args = parser.parse_args()
    data = json.loads((ROOT / "tests/data/drafting_intakes.json").read_text())
    intakes = [i for i in data["intakes"] if i.get("lang", "nl") == "nl"][: args.limit]
    frog = shared_frog()
    drafter = Drafter(frog)
    overheads, round_trips, used = [], [], 0
    reasons: dict[str, int] = {}
    with running_standin() as standin:
        client = ModelClient(standin.base_url, "standin-model", None, 30.0)
        wording = ModelWording(client, drafter)
        for raw in intakes:
            organisation = OrganisationName.plain(raw["organisation"].upper())
            intake = Intake(organisation=raw["organisation"].upper(), **{k: raw.get(k) or "" for k in FIELDS})
            analyses = drafter.analyse_answers(intake.__dict__)
            rules = drafter.draft(intake, None, organisation=organisation, analyses=analyses)
            known = set(frog._cache)
            other = next(k for k in KINDS if k != rules.kind)
            proposal = drafter.draft(intake, None, organisation=organisation, analyses=analyses, kind=other)
            proposal = replace(proposal, title=f"{proposal.title} bij {organisation.names[0]}")
            for key in set(frog._cache) - known:  # the proposal is new text to Frog
                del frog._cache[key]
            standin.respond = answer_with(proposal, args.delay)
            started = time.perf_counter()
            outcome = wording.attempt(rules, WordingSource(intake, organisation, analyses))
            total = time.perf_counter() - started
            overheads.append(total - args.delay)
            if outcome.reason is None:
                used += 1
            else:
                reasons[outcome.reason] = reasons.get(outcome.reason, 0) + 1
            started = time.perf_counter()  # the bare round trip: the client and HTTP alone
            client.propose(standin.requests[-1]["messages"])
            round_trips.append(time.perf_counter() - started - args.delay)
    ms = [x * 1000 for x in overheads]
    http = [x * 1000 for x in round_trips]
    print(f"intakes: {len(intakes)} (Dutch), stand-in model time: {args.delay * 1000:.0f} ms per answer")
    print(f"proposals used: {used}; refused by the guards: {sum(reasons.values())} {dict(sorted(reasons.items()))}")
    print(
        f"added latency besides the model's time: median {statistics.median(ms):.0f} ms, "
        f"p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms"
    )
    print(
        f"  of which the openai client and HTTP on loopback: median {statistics.median(http):.1f} ms, "
        f"p95 {percentile(http, 95):.1f} ms"
    )
    print(
        "  the rest: redaction with Frog's names, the prompt, validation, the proposal's Dutch analysis "
        "and quality checks, the guards"
    )


if __name__ == "__main__":
    main()
