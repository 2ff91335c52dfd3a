"""The overview (/overzicht) and `vraagwijzer report` on 10,000 drafts with a synthetic history.

    .venv/bin/python -m bench.overview [--drafts 10000] [--requests 40]

Builds the drafts in a temporary SQLite file (three years of submissions, each through review,
changes, approval, suggestion, match and completion as far as its dice say, with the events of
the audit log), then prints p50/p95 of:
- the page over HTTP (Starlette's TestClient, a logged-in broker), for the broker's own region
  and for all regions: the first view after start (reads every draft, builds every chart);
  "warm" is the page shown again with no change in between (the charts come from their cache);
  "every chart built anew" empties the charts' caches before each request; "after a change"
  adds a question before each request (the inventory is brought up to date, the charts whose
  figures changed are drawn again);
- the downloads (CSV, Excel) for all regions;
- `report` in the process (query + figures + text) and as a command (a new process each time).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import percentile
from knowledge import intakes, review, sessions
from knowledge.database import open_database
from knowledge.records import Event
from tests.support import builders
from tests.support.history import add_draft

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
ORGANISATIONS = (
    "DUO",
    "UWV",
    "Belastingdienst",
    "RDW",
    "CBS",
    "IND",
    "Rijkswaterstaat",
    "Kadaster",
    "SVB",
    "CJIB",
    "Dienst ICT Uitvoering",
    "Logius",
    "RVO",
    "NVWA",
    "KNMI",
    "Nationaal Archief",
    "Ministerie van BZK",
    "Ministerie van Defensie",
    "Ministerie van Financiën",
    "Ministerie van IenW",
    "Ministerie van JenV",
    "Ministerie van OCW",
    "Ministerie van SZW",
    "Ministerie van VWS",
    "Ministerie van EZK",
    "Ministerie van LVVN",
    "Rijksvastgoedbedrijf",
    "SSC-ICT",
    "Justitiële ICT Organisatie",
    "Douane",
)
THEMES = ("ai", "cybersecurity", "blockchain", "data-science", "e-governance", "iot-5g", "privacy-ethiek")
FORMS = ("praktijkopdracht", "afstudeeropdracht", "onderzoekslab", "minor", None)
QUALITY = [
    {"check": f"check_{i}", "ok": True, "label": "Een open vraag", "advice": "Begin met een vraagwoord."}
    for i in range(14)
]


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def history(dice: random.Random, submitted: datetime) -> list[tuple[str, datetime]]:
    """Where one draft went, and when, cut off at NOW (the rest has not happened yet)."""
    steps: list[tuple[str, datetime]] = []
    moment = submitted

    def step(state: str, days_low: float, days_high: float) -> bool:
        nonlocal moment
        moment = moment + timedelta(days=dice.uniform(days_low, days_high))
        if moment > NOW:
            return False
        steps.append((state, moment))
        return True

    if not step("in_review", 0.2, 6):
        return steps
    asked = dice.random() < 0.2  # the brokers ask the submitter a question first
    if asked and not (step("changes_requested", 0.5, 5) and step("submitted", 1, 12) and step("in_review", 0.2, 4)):
        return steps
    fate = dice.random()
    if fate < 0.08:
        step("rejected", 0.5, 5)
        return steps
    if fate < 0.12:
        step("withdrawn", 1, 20)
        return steps
    if not step("approved", 0.5, 8) or dice.random() < 0.1 or not step("suggested", 1, 15):
        return steps
    if dice.random() < 0.3:  # no group yet; some of these are withdrawn
        if dice.random() < 0.3:
            step("withdrawn", 10, 60)
        return steps
    if step("matched", 3, 40) and dice.random() < 0.8:
        step("completed", 40, 160)
    return steps


def build(path: Path, count: int) -> None:
    dice = random.Random(14)
    db = open_database(path)
    start = NOW - timedelta(days=3 * 365)
    with db.atomic():
        for number in range(count):
            submitted = start + timedelta(seconds=dice.uniform(0, (NOW - start).total_seconds()))
            steps = history(dice, submitted)
            add_draft(
                db,
                f"VW-{submitted.year}-B{number:05d}",
                iso(submitted),
                [(state, iso(moment)) for state, moment in steps],
                region=dice.choice(("oost", "midden", "west")),
                organisation=dice.choice(ORGANISATIONS),
                title=f"Vraagstuk {number} over {dice.choice(('updates', 'brieven', 'voorspellen', 'data'))}",
                themes=dice.sample(THEMES, dice.randint(1, 3)),
                form=dice.choice(FORMS),
                level=dice.choice(("hbo", "wo", "beide")),
                quality=QUALITY,
                suggested_groups=[
                    {"id": f"grp-{i}", "name": f"Lectoraat {i}", "score": 0.7, "why": ["thema's: cybersecurity"]}
                    for i in range(3)
                ],
            )
        review.add_broker(db, name="Makelaar West", email="rijk@west.example", region="west", side="rijk", now=iso(NOW))
    db.close()


def timed(
    run: Callable[[], object], times: int, before: Callable[[], object] = lambda: None
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU: this process, all its threads, so the
    app's thread behind the TestClient too; on a busy machine the wall clock waits for a core,
    the CPU time does not)."""
    wall, cpu = [], []
    for _ in range(times):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def line(name: str, took: tuple[list[float], list[float]]) -> None:
    wall, cpu = took
    print(
        f"{name:<50} wall p50 {percentile(wall, 50):6.0f} p95 {percentile(wall, 95):6.0f} ms"
        f" | CPU p50 {percentile(cpu, 50):6.0f} p95 {percentile(cpu, 95):6.0f} ms  (n={len(wall)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    from starlette.testclient import TestClient

    from bot.overview import charts
    from bot.overview.figures import Filters, assemble
    from bot.overview.report import as_text
    from knowledge import inventory
    from web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vraagwijzer.db"
        began = time.perf_counter()
        build(path, args.drafts)
        db = open_database(path)
        events = db.execute("SELECT count(*) FROM events").fetchone()[0]
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        print(f"{args.drafts} drafts, {events} events, built in {time.perf_counter() - began:.1f} s")
        print(f"database {path.stat().st_size / 1e6:.1f} MB (plus WAL)\n")

        client = TestClient(create_app(db, clock=lambda: iso(NOW)), follow_redirects=False)
        token = sessions.create_login_token(db, review.broker_by_email(db, "rijk@west.example"), iso(NOW))
        assert client.get(f"/login/{token}").status_code == 303

        def get(url: str) -> Callable[[], object]:
            def fetch() -> object:
                response = client.get(url)
                assert response.status_code == 200, response.text[:300]
                return response

            return fetch

        def clear() -> None:
            charts._cached_bars.cache_clear()
            charts._cached_columns.cache_clear()
            charts._kept.clear()

        changed = iter(range(1_000_000))

        def change() -> None:
            draft_id = f"VW-2026-B{args.drafts + next(changed):05d}"
            intakes.submit_draft(
                db,
                builders.submitted_draft(id=draft_id, region="west", created_at=iso(NOW), organisation="Logius"),
            )
            intakes.append_event(db, Event(draft_id, iso(NOW), "makelaar:x", "submitted", "in_review"))

        page = get("/overzicht")
        everything = get("/overzicht?region=alle")
        first = timed(everything, 1)
        line("/overzicht all regions, first view after start", first)
        page()
        size = len(client.get("/overzicht?region=alle").content)
        print(f"page for all regions: {size / 1000:.0f} kB of HTML (charts inline)")
        n = args.requests
        line("/overzicht own region, warm", timed(page, n))
        line("/overzicht all regions, warm", timed(everything, n))
        line("/overzicht own region, every chart built anew", timed(page, max(5, n // 3), clear))
        line("/overzicht all regions, every chart built anew", timed(everything, max(5, n // 3), clear))
        line("/overzicht all regions, after a change", timed(everything, max(5, n // 3), change))
        line("/overzicht.csv all regions", timed(get("/overzicht.csv?region=alle"), max(5, n // 4)))
        line("/overzicht.xlsx all regions", timed(get("/overzicht.xlsx?region=alle"), max(5, n // 4)))

        def report() -> str:
            rows = inventory.inventory_rows(db)
            return as_text(assemble(rows, iso(NOW), Filters()))

        line("report, in the process (all regions)", timed(report, n))
        env = {**os.environ, "VRAAGWIJZER_DATA_DIR": folder}
        command = [sys.executable, "-m", "bot.cli", "report", "--json"]
        subprocess.run(command, env=env, check=True, capture_output=True)  # the first loads the example data
        wall, _ = timed(lambda: subprocess.run(command, env=env, check=True, capture_output=True), 5)
        print(
            f"{'vraagwijzer report --json (a new process)':<50} wall p50 {percentile(wall, 50):6.0f} "
            f"p95 {percentile(wall, 95):6.0f} ms  (n={len(wall)})"
        )
        print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
        db.close()


if __name__ == "__main__":
    main()
