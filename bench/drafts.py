"""Drafting quality: the new drafter against the first release's drafter (commit 6c09c90).

    .venv/bin/python -m bench.drafts [--show N]

Both are judged with the new checks (bot.drafting.quality) on tests/data/drafting_intakes.json.
The old drafter is loaded from git into a temporary package `oldbot`; the working tree is untouched.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD_COMMIT = "6c09c90"
OLD_FILES = ["bot/drafting.py", "bot/language.py", "bot/texts/__init__.py", "bot/texts/nl.py", "bot/texts/en.py"]
FIELDS = ("organisation", "problem", "context", "goal", "stakeholders", "data", "timeline", "region", "form", "level")
ANSWERS = ("problem", "context", "goal", "stakeholders", "data", "timeline")


def load_old(tmp: Path):
    for name in OLD_FILES:
        text = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:{name}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        text = (
            text.replace("from bot import language as lang", "from oldbot import language as lang")
            .replace("from bot.texts import", "from oldbot.texts import")
            .replace("from bot.matching import MatchResult", "MatchResult = object")
        )
        target = tmp / "oldbot" / Path(name).relative_to("bot")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (tmp / "oldbot" / "__init__.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(tmp))
    import oldbot.drafting

    return oldbot.drafting


def organisation_lookup():
    from bot.drafting.records import OrganisationName
    from knowledge.catalog import organisation_named
    from knowledge.example_data import example_organisations

    organisations = example_organisations()

    def lookup(typed: str) -> OrganisationName:
        found = organisation_named(organisations, typed)
        return OrganisationName.of(found) if found else OrganisationName.plain(typed)

    return lookup


def judge(frog, drafts, intakes):
    from bot.drafting.quality import english_faults, question_faults

    def faults(text, lang, main):
        found = english_faults(text) if lang == "en" else question_faults(frog.analyse(text), text, main=main)
        return found if main else [f for f in found if f != "length"]

    clean_main = clean_draft = 0
    words = []
    subs_all = Counter()
    for d, raw in zip(drafts, intakes, strict=True):
        lang = raw["lang"]
        main_ok = not faults(d.main_question, lang, True)
        words.append(len(d.main_question.split()))
        subs = list(d.sub_questions)
        keys = [s.strip().lower() for s in subs]
        subs_all.update(set(keys))
        ok = (
            main_ok
            and 3 <= len(subs) <= 6
            and len(set(keys)) == len(keys)
            and all(not faults(s, lang, False) for s in subs)
        )
        clean_main += main_ok
        clean_draft += ok
    total_subs = sum(len(d.sub_questions) for d in drafts)
    stock = sum(1 for d in drafts for s in d.sub_questions if subs_all[s.strip().lower()] >= 4)
    n = len(drafts)
    return {
        "main questions clean (%)": 100 * clean_main / n,
        "drafts clean (%)": 100 * clean_draft / n,
        "subs in >=4 drafts (%)": 100 * stock / total_subs if total_subs else 0.0,
        "words per main question": statistics.mean(words),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print the first N drafts of both")
    args = parser.parse_args()

    from bot.drafting.drafter import Drafter
    from bot.drafting.records import Intake
    from bot.frog import shared_frog

    intakes = json.loads((ROOT / "tests/data/drafting_intakes.json").read_text(encoding="utf-8"))["intakes"]
    frog = shared_frog()
    lookup = organisation_lookup()
    drafter = Drafter(frog)

    # analysis time per answer (Frog, as the new drafter needs it); first call warms up
    frog.analyse("warm-up zin voor de analyse.")
    times = []
    for raw in intakes:
        for key in ANSWERS:
            if raw.get(key):
                t = time.perf_counter()
                frog.analyse(raw[key])
                times.append((time.perf_counter() - t) * 1000)

    new, old = [], []
    with tempfile.TemporaryDirectory() as tmp:
        olddrafting = load_old(Path(tmp))
        for raw in intakes:
            fields = {k: raw[k] for k in FIELDS if k in raw}
            new.append(
                drafter.draft(Intake(**fields, language=raw["lang"]), None, organisation=lookup(raw["organisation"]))
            )
            old.append(
                olddrafting.draft(
                    olddrafting.Intake(**fields, language=raw["lang"]), None, organisation_name=raw["organisation"]
                )
            )

    new_fig, old_fig = judge(frog, new, intakes), judge(frog, old, intakes)
    print(f"{len(intakes)} intakes ({sum(r['lang'] == 'nl' for r in intakes)} nl)")
    print(f"{'':28} {'new':>8} {'old':>8}")
    for key in new_fig:
        print(f"{key:28} {new_fig[key]:8.1f} {old_fig[key]:8.1f}")
    q = statistics.quantiles(times, n=100)
    print(f"analysis per answer (new): p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms over {len(times)} answers")

    for raw, n_d, o_d in list(zip(intakes, new, old, strict=True))[: args.show]:
        print(f"\n=== {raw['id']} ({raw['lang']}, {raw['organisation']})")
        for label, d in (("NEW", n_d), ("OLD", o_d)):
            print(f"  [{label}] {d.title}\n    main: {d.main_question}")
            for s in d.sub_questions:
                print(f"    - {s}")


if __name__ == "__main__":
    main()
