"""The figures of the overview, assembled from the inventory rows and a clock: counts by state,
theme, region, organisation, form and level; the funnel; the median days per step; questions
per month; and where open questions wait longest. Pure: no database, no clock of its own.

The funnel counts a draft at every step its history shows it reached (`approved` also when it
was rejected later); `changes_requested` and `in_review` belong to the review between
`submitted` and `approved`. Months and days are those of the brokers, in Amsterdam.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.texts import nl
from knowledge import intakes
from knowledge.intakes import OPEN_STATES
from knowledge.inventory import InventoryRow
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, THEME_LABELS, THEMES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STATES = intakes.STATES
FUNNEL = ("submitted", "approved", "suggested", "matched", "completed")
LONGEST = 5  # open drafts listed per state, longest waiting first
NO_FORM = "none"
NO_THEME = "none"
UNKNOWN = "unknown"
DAY = 86400.0


@dataclass(frozen=True)
class Filters:
    region: str | None = None  # None: every region
    since: date | None = None  # submitted on or after this day (Amsterdam)

    def since_time(self) -> str | None:
        """The start of `since` in Amsterdam as a stored UTC time, for the query."""
        if self.since is None:
            return None
        start = datetime.combine(self.since, time(), tzinfo=AMSTERDAM).astimezone(UTC)
        return start.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Count:
    key: str  # slug (state, theme, region, form, level) or organisation name
    label: str
    count: int


@dataclass(frozen=True)
class Step:
    """A step of the funnel: how many drafts reached it, and their share of all submitted."""

    state: str
    label: str
    count: int
    share: float  # 0..1 of the drafts submitted


@dataclass(frozen=True)
class Duration:
    """Median days from reaching `state` to reaching the next step, over `passages` drafts."""

    state: str
    to_state: str
    label: str
    median_days: float | None
    passages: int


@dataclass(frozen=True)
class Month:
    month: str  # 2026-03
    label: str  # mrt 2026
    count: int


@dataclass(frozen=True)
class Waiting:
    id: str
    organisation: str
    title: str
    region: str
    since: str  # stored UTC time it entered its state
    days: float


@dataclass(frozen=True)
class Stall:
    """The open drafts in one state: how many, their median wait, the longest waiting."""

    state: str
    label: str
    waiting: int
    median_days: float | None
    longest: tuple[Waiting, ...]


@dataclass(frozen=True)
class Overview:
    filters: Filters
    generated_at: str
    total: int
    by_state: tuple[Count, ...]
    by_theme: tuple[Count, ...]
    by_region: tuple[Count, ...]
    by_organisation: tuple[Count, ...]
    by_form: tuple[Count, ...]
    by_level: tuple[Count, ...]
    funnel: tuple[Step, ...]
    durations: tuple[Duration, ...]
    per_month: tuple[Month, ...]
    stalls: tuple[Stall, ...]
    rows: tuple[InventoryRow, ...]  # the questions themselves, for the downloads


def assemble(rows: Sequence[InventoryRow], now: str, filters: Filters = Filters()) -> Overview:
    """The overview of `rows` (the inventory under `filters`) as it stands at `now`."""
    now_seconds = seconds(now)
    furthest = [_furthest(row) for row in rows]
    return Overview(
        filters=filters,
        generated_at=now,
        total=len(rows),
        by_state=_fixed(Counter(r.state for r in rows), STATES, nl.STATE_LABELS),
        by_theme=_by_theme(rows),
        by_region=_fixed(Counter(r.region for r in rows), REGIONS, nl.REGION_OPTION_LABELS),
        by_organisation=_ranked(Counter(r.organisation or nl.OVERVIEW_UNKNOWN for r in rows), {}),
        by_form=_fixed(Counter(r.form or NO_FORM for r in rows), (*FORMS, NO_FORM), nl.FORM_LABELS),
        by_level=_fixed(
            Counter(r.level or UNKNOWN for r in rows), LEVELS, {**nl.LEVEL_LABELS, UNKNOWN: nl.OVERVIEW_UNKNOWN}
        ),
        funnel=_funnel(furthest),
        durations=tuple(_duration(i, rows) for i in range(len(FUNNEL) - 1)),
        per_month=_per_month(rows, filters, now_seconds),
        stalls=_stalls(rows, now_seconds),
        rows=tuple(rows),
    )


def seconds(at: str) -> int:
    """A stored time (UTC ISO) in Unix seconds."""
    moment = datetime.fromisoformat(at)
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def waiting_days(row: InventoryRow, now_seconds: int) -> float:
    """Days since the draft entered its current state, one decimal."""
    return round(max(0, now_seconds - row.waiting_since) / DAY, 1)


def local_day(at: str) -> str:
    """A stored UTC time as the day in Amsterdam, 2026-03-02."""
    return datetime.fromtimestamp(seconds(at), AMSTERDAM).date().isoformat()


def _furthest(row: InventoryRow) -> int:
    """The furthest step of the funnel the draft reached: by its log, or by its state (a step
    the log does not show but the state implies, as with imported data, counts without a time)."""
    current = FUNNEL.index(row.state) if row.state in FUNNEL else 0
    return max([current, *(i for i, at in enumerate(row.reached) if at is not None)])


def _funnel(furthest: Sequence[int]) -> tuple[Step, ...]:
    steps = []
    for i, state in enumerate(FUNNEL):
        count = sum(1 for f in furthest if f >= i)
        steps.append(Step(state, nl.STATE_LABELS[state], count, count / len(furthest) if furthest else 0.0))
    return tuple(steps)


def _duration(step: int, rows: Sequence[InventoryRow]) -> Duration:
    """Median days from step `step` of the funnel to the next, over the drafts whose log shows both."""
    days = [
        max(0, r.reached[step + 1] - r.reached[step]) / DAY  # type: ignore[operator]
        for r in rows
        if r.reached[step] is not None and r.reached[step + 1] is not None
    ]
    median = round(statistics.median(days), 1) if days else None
    state = FUNNEL[step]
    return Duration(state, FUNNEL[step + 1], nl.OVERVIEW_STAGES[state], median, len(days))


def _fixed(counts: Counter[str], keys: Sequence[str], labels: dict[str, str]) -> tuple[Count, ...]:
    """Counts in the fixed order of `keys` (zeros too), then any other value found, most first."""
    known = [Count(k, labels.get(k, k), counts.get(k, 0)) for k in keys]
    others = Counter({k: n for k, n in counts.items() if k not in keys})
    return (*known, *_ranked(others, labels))


def _ranked(counts: Counter[str], labels: dict[str, str]) -> tuple[Count, ...]:
    """Most first; equal counts by name."""
    return tuple(Count(k, labels.get(k, k), n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _by_theme(rows: Sequence[InventoryRow]) -> tuple[Count, ...]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(set(row.themes) or {NO_THEME})
    themes = _ranked(Counter({t: counts.get(t, 0) for t in THEMES}), THEME_LABELS)
    others = [Count(k, k, n) for k, n in sorted(counts.items()) if k not in THEMES and k != NO_THEME]
    without = [Count(NO_THEME, nl.OVERVIEW_NO_THEME, counts[NO_THEME])] if counts.get(NO_THEME) else []
    return (*themes, *others, *without)


def _per_month(rows: Sequence[InventoryRow], filters: Filters, now_seconds: int) -> tuple[Month, ...]:
    """Every month (in Amsterdam) from the first (the `since` filter's, or the first question's)
    to this one, months without questions included."""
    if filters.since is not None:
        first = (filters.since.year, filters.since.month)
    elif rows:
        submitted = min(r.reached[0] or now_seconds for r in rows)
        day = datetime.fromtimestamp(submitted, AMSTERDAM)
        first = (day.year, day.month)
    else:
        return ()
    last_day = datetime.fromtimestamp(max([now_seconds, *(r.reached[0] or 0 for r in rows)]), AMSTERDAM)
    months: list[tuple[int, int]] = []
    year, month = first
    while (year, month) <= (last_day.year, last_day.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    starts = [int(datetime(y, m, 1, tzinfo=AMSTERDAM).timestamp()) for y, m in months]
    counts = Counter(bisect_right(starts, r.reached[0] or 0) - 1 for r in rows)
    return tuple(
        Month(f"{y:04d}-{m:02d}", f"{nl.MONTHS[m - 1]} {y}", counts.get(i, 0)) for i, (y, m) in enumerate(months)
    )


def _stalls(rows: Sequence[InventoryRow], now_seconds: int) -> tuple[Stall, ...]:
    stalls = []
    for state in OPEN_STATES:
        waiting = sorted(
            (
                Waiting(r.id, r.organisation, r.title, r.region, r.state_since, waiting_days(r, now_seconds))
                for r in rows
                if r.state == state
            ),
            key=lambda w: (-w.days, w.id),
        )
        median = round(statistics.median(w.days for w in waiting), 1) if waiting else None
        stalls.append(Stall(state, nl.STATE_LABELS[state], len(waiting), median, tuple(waiting[:LONGEST])))
    return tuple(stalls)
