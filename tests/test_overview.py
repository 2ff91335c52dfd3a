"""The overview (/overzicht, its CSV and Excel downloads, `vraagwijzer report`) on a real SQLite
file with a known history: seven questions in three regions and four months, in every stage."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlite_utils import Database
from starlette.testclient import TestClient

from bot.overview import charts
from bot.overview.figures import Filters, Overview, assemble
from bot.overview.live import LiveInventory
from knowledge import inventory, review, sessions
from tests.support.history import add_draft, at
from tests.support.ports import serving
from tests.support.wcag import check, violations

NOW = "2026-11-28T10:00:00+00:00"  # one hour after 09:00, when every step below happened
SCREENSHOT = Path(__file__).parent / "artifacts" / "overview.png"  # docs/screenshots come from bench/screenshots.py
BROKERS = (
    ("Rijk Oost", "rijk@oost.nl", "oost"),
    ("Rijk Midden", "rijk@midden.nl", "midden"),
    ("HO West", "ho@west.nl", "west"),
)


def known_history(db: Database) -> None:
    """Seven questions; the comments give what the overview must find."""
    add_draft(  # oost, completed: 4 days to approval, 2 to suggestion, 10 to a match, 30 to completion
        db,
        "VW-2026-OOST01",
        at("2026-09-01"),
        [
            ("in_review", at("2026-09-02")),
            ("approved", at("2026-09-05")),
            ("suggested", at("2026-09-07")),
            ("matched", at("2026-09-17")),
            ("completed", at("2026-10-17")),
        ],
        region="oost",
        organisation="DUO",
        themes=["cybersecurity"],
        form="praktijkopdracht",
        level="hbo",
    )
    add_draft(  # oost, waiting for groups since 12 Oct: 47 days
        db,
        "VW-2026-OOST02",
        at("2026-10-01"),
        [("in_review", at("2026-10-02")), ("approved", at("2026-10-11")), ("suggested", at("2026-10-12"))],
        region="oost",
        organisation="UWV",
        themes=["ai", "data-science"],
        level="wo",
    )
    add_draft(db, "VW-2026-OOST03", at("2026-11-20"), region="oost", organisation="DUO", themes=["ai"])  # 8 days
    add_draft(  # west, a question to the submitter and a second round: approved after 8 days, waiting 36
        db,
        "VW-2026-WEST01",
        at("2026-10-15"),
        [
            ("in_review", at("2026-10-16")),
            ("changes_requested", at("2026-10-17")),
            ("submitted", at("2026-10-20")),
            ("in_review", at("2026-10-21")),
            ("approved", at("2026-10-23")),
        ],
        region="west",
        organisation="RDW",
        themes=[],
        form="minor",
        level="beide",
    )
    add_draft(
        db,
        "VW-2026-WEST02",
        at("2026-11-01"),
        [("in_review", at("2026-11-02")), ("rejected", at("2026-11-03"))],
        region="west",
        organisation="RDW",
        themes=["privacy-ethiek"],
    )
    add_draft(  # midden, matched on 30 Aug: waiting 90 days for completion
        db,
        "VW-2026-MIDD01",
        at("2026-08-10"),
        [
            ("in_review", at("2026-08-11")),
            ("approved", at("2026-08-12")),
            ("suggested", at("2026-08-20")),
            ("matched", at("2026-08-30")),
        ],
        region="midden",
        organisation="CBS",
        themes=["e-governance"],
        form="afstudeeropdracht",
        level="wo",
    )
    add_draft(  # midden, the brokers asked a question two days ago
        db,
        "VW-2026-MIDD02",
        at("2026-11-25"),
        [("changes_requested", at("2026-11-26"))],
        region="midden",
        organisation="CBS",
        themes=["ai"],
    )


@pytest.fixture
def history_db(db: Database) -> Database:
    known_history(db)
    for name, email, region in BROKERS:
        review.add_broker(db, name=name, email=email, region=region, side="rijk", now=NOW)
    return db


def overview_of(db: Database, filters: Filters | None = None) -> Overview:
    filters = filters or Filters()
    return assemble(inventory.inventory_rows(db, region=filters.region, since=filters.since_time()), NOW, filters)


def counts(found: tuple[Any, ...]) -> dict[str, int]:
    return {c.key: c.count for c in found}


def test_counts_funnel_medians_months_and_stalls_of_a_known_history(history_db: Database) -> None:
    overview = overview_of(history_db)
    assert overview.total == 7
    assert counts(overview.by_state) == {
        "submitted": 1,
        "in_review": 0,
        "changes_requested": 1,
        "approved": 1,
        "suggested": 1,
        "matched": 1,
        "completed": 1,
        "rejected": 1,
        "withdrawn": 0,
    }
    assert [(s.state, s.count) for s in overview.funnel] == [
        ("submitted", 7),
        ("approved", 4),  # the rejected and the two still in review never were
        ("suggested", 3),
        ("matched", 2),
        ("completed", 1),
    ]
    assert [(d.state, d.median_days, d.passages) for d in overview.durations] == [
        ("submitted", 6.0, 4),  # 2, 4, 8 (with the second round) and 10 days
        ("approved", 2.0, 3),
        ("suggested", 10.0, 2),
        ("matched", 30.0, 1),
    ]
    assert [(m.month, m.label, m.count) for m in overview.per_month] == [
        ("2026-08", "aug 2026", 1),
        ("2026-09", "sep 2026", 1),
        ("2026-10", "okt 2026", 2),
        ("2026-11", "nov 2026", 3),
    ]
    stalls = {s.state: (s.waiting, [(w.id, w.days) for w in s.longest]) for s in overview.stalls}
    assert stalls == {
        "submitted": (1, [("VW-2026-OOST03", 8.0)]),
        "in_review": (0, []),
        "changes_requested": (1, [("VW-2026-MIDD02", 2.0)]),
        "approved": (1, [("VW-2026-WEST01", 36.0)]),
        "suggested": (1, [("VW-2026-OOST02", 47.0)]),
        "matched": (1, [("VW-2026-MIDD01", 90.0)]),
    }
    assert counts(overview.by_region) == {"oost": 3, "midden": 2, "west": 2}
    assert [(c.key, c.count) for c in overview.by_organisation] == [("CBS", 2), ("DUO", 2), ("RDW", 2), ("UWV", 1)]
    themes = counts(overview.by_theme)
    assert themes["ai"] == 3 and themes["cybersecurity"] == 1 and themes["data-science"] == 1
    assert themes["none"] == 1 and themes["blockchain"] == 0  # the question without a theme is counted as such
    assert counts(overview.by_form) == {
        "praktijkopdracht": 1,
        "afstudeeropdracht": 1,
        "onderzoekslab": 0,
        "minor": 1,
        "none": 4,
    }
    assert counts(overview.by_level) == {"hbo": 4, "wo": 2, "beide": 1}


def test_filters_by_region_and_by_the_day_of_submission(history_db: Database) -> None:
    from datetime import date

    west = overview_of(history_db, Filters(region="west"))
    assert west.total == 2 and counts(west.by_region) == {"oost": 0, "midden": 0, "west": 2}
    assert [s.count for s in west.funnel] == [2, 1, 0, 0, 0]
    assert west.durations[0].median_days == 8.0 and west.durations[1].median_days is None
    recent = overview_of(history_db, Filters(since=date(2026, 10, 1)))
    assert recent.total == 5  # submitted on 1 October at 11:00 in Amsterdam counts; August and September do not
    assert [m.month for m in recent.per_month] == ["2026-10", "2026-11"]


def test_a_state_without_its_history_still_counts_at_every_earlier_step(db: Database) -> None:
    """Imported data: a draft stored as matched, with only its submission in the log."""
    add_draft(db, "VW-2026-IMPORT", at("2026-06-01"))
    db.table("drafts").update("VW-2026-IMPORT", {"state": "matched"})
    overview = overview_of(db)
    assert [s.count for s in overview.funnel] == [1, 1, 1, 1, 0]
    assert all(d.passages == 0 and d.median_days is None for d in overview.durations)


def test_the_kept_inventory_follows_every_change(history_db: Database) -> None:
    live = LiveInventory()
    assert live.rows(history_db, Filters()) == inventory.inventory_rows(history_db)
    west = review.broker_by_email(history_db, "ho@west.nl")
    review.take_over(history_db, "VW-2026-OOST03", west, NOW)  # another region
    review.edit_draft(history_db, "VW-2026-OOST03", west, {"themes": ["blockchain"]}, NOW)  # other themes
    review.approve(history_db, "VW-2026-OOST03", west, NOW)  # another state
    add_draft(history_db, "VW-2026-NEW001", at("2026-11-27"), region="west")  # a new question
    kept = live.rows(history_db, Filters())
    assert kept == inventory.inventory_rows(history_db) and len(kept) == 8
    changed = next(r for r in kept if r.id == "VW-2026-OOST03")
    assert (changed.region, changed.themes, changed.state) == ("west", ("blockchain",), "in_review")
    assert [r.id for r in live.rows(history_db, Filters(region="west"))] == [
        "VW-2026-WEST01",
        "VW-2026-WEST02",
        "VW-2026-OOST03",
        "VW-2026-NEW001",
    ]


@pytest.fixture
def client(history_db: Database) -> Iterator[TestClient]:
    from web.app import create_app

    with TestClient(create_app(history_db, clock=lambda: NOW), follow_redirects=False) as test_client:
        yield test_client


def log_in(client: TestClient, db: Database, email: str) -> None:
    token = sessions.create_login_token(db, review.broker_by_email(db, email), NOW)
    assert client.get(f"/login/{token}").status_code == 303


@pytest.mark.parametrize("path", ["/overzicht", "/overzicht.csv", "/overzicht.xlsx?region=alle"])
def test_only_logged_in_brokers_see_the_overview(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401 and "Niet ingelogd" in response.text
    assert "VW-2026" not in response.text and "RDW" not in response.text


def selected_region(page: str) -> str:
    return re.search(r'<option value="(\w+)" selected>', page).group(1)  # type: ignore[union-attr]


def test_a_broker_of_west_sees_west_first_and_may_choose_all_regions(client: TestClient, history_db: Database) -> None:
    log_in(client, history_db, "ho@west.nl")
    own = client.get("/overzicht")
    assert own.status_code == 200
    page = own.text
    assert "Overzicht van de vragen: regio West" in page and "2 vragen" in page
    options = re.findall(r'<option value="(\w+)"', page)
    assert options == ["west", "oost", "midden", "alle"] and selected_region(page) == "west"
    assert "West (uw regio)" in page
    assert 'href="/overzicht"' in page  # the header's link
    assert (
        '<a class="nl-link" href="/overzicht/samenhang">Samenhang: vergelijkbare vragen van meerdere organisaties</a>'
        in page
    )
    assert "VW-2026-OOST01" not in page and 'href="/drafts/VW-2026-WEST01"' in page
    everything = client.get("/overzicht?region=alle").text
    assert selected_region(everything) == "alle" and "alle regio&#39;s" in everything and "7 vragen" in everything
    for draft_id in ("VW-2026-OOST03", "VW-2026-MIDD02", "VW-2026-WEST01", "VW-2026-OOST02", "VW-2026-MIDD01"):
        assert f'href="/drafts/{draft_id}"' in everything  # every open question waiting somewhere, linked
    assert 'href="/drafts/VW-2026-OOST01"' not in everything  # completed: waits for nothing
    assert "/overzicht.xlsx?region=alle" in everything and "/overzicht.csv?region=alle" in everything
    midden = client.get("/overzicht?region=midden&since=2026-11-01").text
    assert "regio Midden, ingediend vanaf 1 nov 2026" in midden and "1 vraag" in midden
    none = client.get("/overzicht?region=west&since=2027-01-01").text
    assert "Geen vragen die aan deze filters voldoen." in none and "<svg" not in none
    add_draft(history_db, "VW-2026-WEST03", at("2026-11-27"), region="west")
    assert "3 vragen" in client.get("/overzicht").text  # shown again after a change: the new question counts


def test_the_page_has_a_chart_and_a_table_for_each_figure(client: TestClient, history_db: Database) -> None:
    log_in(client, history_db, "rijk@oost.nl")
    page = client.get("/overzicht?region=alle").text
    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) == 10
    assert all('role="img"' in svg and 'aria-labelledby="chart-' in svg for svg in svgs)
    assert page.count('<title id="chart-') == 10 and page.count("<caption>") >= 10
    assert 'id="chart-funnel-title">Grafiek: Trechter.' in page
    assert "style=" not in page and "<style" not in page  # the CSP refuses inline styles: attributes only
    assert '<th scope="col">% van ingediend</th>' in page and '<th scope="row">goedgekeurd</th>' in page
    assert '<td class="num" data-label="% van ingediend">57 %</td>' in page  # 4 of 7 approved
    assert '<th scope="row">ingediend → goedgekeurd</th><td class="num" data-label="Mediaan (dagen)">6,0</td>' in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "every id on the page is unique, also inside the charts"


def test_a_date_that_is_no_date_is_said_and_left_out(client: TestClient, history_db: Database) -> None:
    log_in(client, history_db, "ho@west.nl")
    response = client.get("/overzicht?region=alle&since=2026-02-30")
    assert response.status_code == 400
    assert "‘2026-02-30’ is geen datum" in response.text and "7 vragen" in response.text


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_holds_the_figures_under_the_same_filters(client: TestClient, history_db: Database) -> None:
    log_in(client, history_db, "ho@west.nl")
    response = client.get("/overzicht.csv?region=alle")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = csv_rows(response.content)
    assert rows[0] == ["Onderdeel", "Code", "Omschrijving", "Waarde"]
    assert ["Filters", "region", "Regio", "alle"] in rows
    funnel = [row[1:] for row in rows if row[0] == "Trechter"]
    assert [(key, int(value)) for key, _, value in funnel] == [
        ("submitted", 7),
        ("approved", 4),
        ("suggested", 3),
        ("matched", 2),
        ("completed", 1),
    ]
    assert ["Doorlooptijd per stap", "submitted", "ingediend → goedgekeurd", "6,0"] in rows
    assert ["Vragen per maand", "2026-11", "nov 2026", "3"] in rows
    assert [
        "Waar vragen blijven hangen",
        "VW-2026-MIDD01",
        "onderzoeksgroep gevonden: CBS: Vraag VW-2026-MIDD01",
        "90,0",
    ] in rows
    west = csv_rows(client.get("/overzicht.csv").content)  # no region asked: the broker's own
    assert ["Filters", "region", "Regio", "west"] in west
    assert [row[3] for row in west if row[0] == "Trechter"] == ["2", "1", "0", "0", "0"]


def test_the_excel_workbook_has_a_sheet_per_figure_and_every_question(client: TestClient, history_db: Database) -> None:
    log_in(client, history_db, "ho@west.nl")
    response = client.get("/overzicht.xlsx?region=alle&since=2026-10-01")
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Filters",
        "Trechter",
        "Doorlooptijd",
        "Wachtend",
        "Vragen per maand",
        "Per status",
        "Per thema",
        "Per regio",
        "Per organisatie",
        "Per vorm",
        "Per niveau",
        "Vragen",
    ]
    values = lambda name: [list(row) for row in book[name].iter_rows(values_only=True)]  # noqa: E731
    assert ["Ingediend vanaf", "2026-10-01"] in values("Filters")
    assert values("Trechter")[1:] == [
        ["ingediend", 5, 1],
        ["goedgekeurd", 2, 0.4],
        ["voorgelegd aan onderzoeksgroepen", 1, 0.2],
        ["onderzoeksgroep gevonden", 0, 0],
        ["afgerond", 0, 0],
    ]
    questions = values("Vragen")
    assert questions[0][:4] == ["Nummer", "Ingediend", "Organisatie", "Titel"]
    assert sorted(row[0] for row in questions[1:]) == [
        "VW-2026-MIDD02",
        "VW-2026-OOST02",
        "VW-2026-OOST03",
        "VW-2026-WEST01",
        "VW-2026-WEST02",
    ]
    assert values("Per organisatie")[1:] == [["RDW", "RDW", 2], ["CBS", "CBS", 1], ["DUO", "DUO", 1], ["UWV", "UWV", 1]]


def test_what_users_typed_stays_text_in_page_chart_csv_and_workbook(db: Database) -> None:
    from web.app import create_app

    formula = '=HYPERLINK("http://x.example","klik")'
    markup = "$\\frac{1}{0}$ <script>alert(1)</script> & co"  # no formula for matplotlib, no markup for the page
    add_draft(db, "VW-2026-EVIL01", at("2026-11-20"), organisation=formula, title=formula)
    add_draft(db, "VW-2026-EVIL02", at("2026-11-21"), organisation=markup, title=markup)
    review.add_broker(db, name="Rijk Oost", email="rijk@oost.nl", region="oost", side="rijk", now=NOW)
    with TestClient(create_app(db, clock=lambda: NOW), follow_redirects=False) as client:
        log_in(client, db, "rijk@oost.nl")
        page = client.get("/overzicht").text
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        chart = re.search(r'<svg [^>]*aria-labelledby="chart-by-organisation-title".*?</svg>', page, re.S)
        assert chart and "$\\frac{1}{0}$ &lt;script&gt;" in chart.group(0)  # drawn as the text it is
        rows = csv_rows(client.get("/overzicht.csv").content)
        assert ["Per organisatie", "'" + formula, "'" + formula, "1"] in rows
        assert ["Per organisatie", markup, markup, "1"] in rows
        book = load_workbook(io.BytesIO(client.get("/overzicht.xlsx").content))
        cell = book["Vragen"]["D2"]
        assert cell.value == formula and cell.data_type == "s"


def test_charts_are_the_same_for_the_same_figures() -> None:
    def draw(values: tuple[int, int] = (3, 1)) -> str:
        return charts.bar_chart("chart-test", "Grafiek: test", ("AI", "cybersecurity"), values)

    first = draw()
    draw((5, 9))  # the kept figure drawn with other values ...
    charts._cached_bars.cache_clear()
    again = draw()  # ... and back: the same as drawn the first time
    charts._cached_bars.cache_clear()
    charts._kept.clear()
    assert first == again == draw()  # and as drawn anew: byte for byte, no dates, fixed ids
    assert "<metadata" not in first and "style=" not in first and "Matplotlib v" not in first
    assert first.startswith("<svg ") and 'font-family="DejaVu Sans, sans-serif"' in first
    assert re.findall(r">([^<]+)</text>", first) == ["AI", " 3", "cybersecurity", " 1"]


def run_report(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VRAAGWIJZER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "report", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data_dir(history_db: Database, tmp_path: Path) -> Path:
    history_db.close()  # the command opens the same file (tmp_path / vraagwijzer.db)
    return tmp_path


def test_report_prints_the_same_figures_as_text_and_json(data_dir: Path) -> None:
    text = run_report(data_dir)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Overzicht van de vragen: alle regio's\n7 vragen · stand ")
    lines = text.stdout.splitlines()
    assert any(re.fullmatch(r"  goedgekeurd +4 +57 %", line) for line in lines), text.stdout
    assert any(re.fullmatch(r"  ingediend → goedgekeurd +6,0 +\(4 vragen\)", line) for line in lines)
    assert any(line.startswith("    VW-2026-MIDD01 ") and "CBS: Vraag VW-2026-MIDD01" in line for line in lines)
    data = json.loads(run_report(data_dir, "--json").stdout)
    assert data["total"] == 7
    assert data["funnel"] == [
        {"state": "submitted", "count": 7},
        {"state": "approved", "count": 4},
        {"state": "suggested", "count": 3},
        {"state": "matched", "count": 2},
        {"state": "completed", "count": 1},
    ]
    assert data["median_days"] == {"submitted": 6.0, "approved": 2.0, "suggested": 10.0, "matched": 30.0}
    assert data["by_state"]["rejected"] == 1 and data["by_region"] == {"oost": 3, "midden": 2, "west": 2}
    assert data["by_organisation"] == {"CBS": 2, "DUO": 2, "RDW": 2, "UWV": 1}
    assert data["by_theme"]["ai"] == 3 and data["per_month"][-1]["month"] >= "2026-11"
    assert {s["state"] for s in data["stalls"]} == {
        "submitted",
        "in_review",
        "changes_requested",
        "approved",
        "suggested",
        "matched",
    }
    west = json.loads(run_report(data_dir, "--json", "--region", "west", "--since", "2026-10-16").stdout)
    assert west["total"] == 1 and west["filters"] == {"region": "west", "since": "2026-10-16"}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--since", "2026-02-30"), "‘2026-02-30’ is geen datum; schrijf JJJJ-MM-DD"),
        (("--since", "gisteren"), "‘gisteren’ is geen datum"),
        (("--region", "noord"), "'noord' is geen geldige keuze; kies uit oost, midden, west"),
    ],
)
def test_report_refuses_a_bad_date_or_region_in_one_dutch_line(
    data_dir: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = run_report(data_dir, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_in_chromium_as_a_broker_of_each_region(history_db: Database, chromium: Any) -> None:
    from web.app import create_app

    with serving(create_app(history_db, clock=lambda: NOW)) as base:
        found: list[str] = []
        for name, email, region in BROKERS:
            context = chromium.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=False)
            page = context.new_page()
            errors: list[str] = []
            page.on(
                "console",
                lambda message, errors=errors: errors.append(message.text) if message.type == "error" else None,
            )
            token = sessions.create_login_token(history_db, review.broker_by_email(history_db, email), NOW)
            page.goto(f"{base}/login/{token}")
            page.get_by_role("link", name="Overzicht", exact=True).click()
            page.wait_for_load_state()
            assert page.url.endswith("/overzicht"), page.url
            assert page.locator("select[name=region]").input_value() == region, name
            charts_shown = page.get_by_role("img")
            assert charts_shown.count() >= 9, name  # every figure but a region's empty durations
            box = charts_shown.first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 60  # drawn at its size
            fill = page.locator("svg.chart path[fill='#154273']").first.evaluate("e => getComputedStyle(e).fill")
            assert fill == "rgb(21, 66, 115)", fill  # the bars keep their colour under the page's CSP
            assert page.get_by_role("table").count() >= 10
            assert (
                page.get_by_role("link", name="Samenhang: vergelijkbare vragen van meerdere organisaties").count() == 1
            )
            assert not [e for e in errors if "Content Security Policy" in e], errors
            page.select_option("select[name=region]", "alle")
            page.get_by_role("button", name="Toon").click()
            page.wait_for_load_state()
            assert "region=alle" in page.url and "7 vragen" in page.content()
            if region == "west":
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                laptop = {"x": 0, "y": 0, "width": 1366, "height": 1800}  # the filters, the funnel and the durations
                page.screenshot(path=str(SCREENSHOT), full_page=True, clip=laptop)
            axe_context = chromium.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
            checked = axe_context.new_page()
            checked.context.add_cookies(context.cookies())
            for path in ("/overzicht", "/overzicht?region=alle"):
                checked.goto(f"{base}{path}")
                checked.wait_for_load_state()
                found += violations(checked)
            phone = chromium.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True).new_page()
            phone.context.add_cookies(context.cookies())
            phone.goto(f"{base}/overzicht")
            found += violations(phone)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page is wider than a phone: {width}px"
            for opened in (context, axe_context, phone.context):
                opened.close()
        check(found)


def test_a_chart_drawn_after_an_atom_feed_is_still_plain_svg() -> None:
    """ElementTree's namespace prefixes are global to the process; the catalogue's feeds and the
    overview's charts must not set them for each other (found as `<ns0:svg>` after a feed)."""
    import xml.etree.ElementTree as ET

    from bot.catalogue.feed import atom_feed

    feed = atom_feed(
        feed_id="urn:x",
        title="t",
        subtitle="s",
        self_link="http://x/a.atom",
        page_link="http://x/",
        author="Vraagwijzer",
        questions=[],
        links=[],
        summaries=[],
        categories=[],
        empty_updated="2026-12-01T00:00:00+00:00",
    )
    assert ET.fromstring(feed).tag == "{http://www.w3.org/2005/Atom}feed" and b"ns0:" not in feed
    chart = charts.bar_chart("after-feed", "Na een feed", ("a", "b"), (1.0, 2.0))
    assert chart.startswith("<svg ") and "ns0:" not in chart and 'xmlns="http://www.w3.org/2000/svg"' in chart
