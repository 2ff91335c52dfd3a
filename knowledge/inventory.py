"""The inventory of submitted questions, read for the overview: one row per draft with what
the figures need (labels, and when the audit log says it reached each step of the funnel).

Only reads. The milestones come from the append-only events, so they are the history as it
happened, not the draft's current state alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class InventoryRow:
    """A submitted draft as the overview counts it. `reached` holds, for each step of the funnel
    (submitted, approved, suggested, matched, completed), the first time the log shows the draft
    entering it, in Unix seconds (None: never); `waiting_since` is when it entered its current
    state (the latest change of state), `state_since` the same as stored (UTC ISO)."""

    id: str
    state: str
    region: str
    organisation: str
    title: str
    created_at: str
    form: str | None
    level: str | None
    themes: tuple[str, ...]
    reached: tuple[int | None, ...]
    state_since: str
    waiting_since: int


# Milestones in Unix seconds, computed by SQLite (times are stored as UTC ISO with an offset);
# form, level and themes read from the draft's JSON in one pass (one json_extract, three paths).
_QUERY = """
SELECT d.id, d.state, d.region, d.organisation, d.title, d.created_at,
       json_extract(d.draft, '$.form', '$.level', '$.themes') AS labels,
       unixepoch(d.created_at),
       unixepoch(m.approved), unixepoch(m.suggested), unixepoch(m.matched), unixepoch(m.completed),
       COALESCE(m.state_since, d.updated_at, d.created_at) AS state_since,
       unixepoch(COALESCE(m.state_since, d.updated_at, d.created_at))
FROM drafts AS d
LEFT JOIN (
    SELECT draft_id,
           MIN(CASE WHEN to_state = 'approved' AND changed THEN at END) AS approved,
           MIN(CASE WHEN to_state = 'suggested' AND changed THEN at END) AS suggested,
           MIN(CASE WHEN to_state = 'matched' AND changed THEN at END) AS matched,
           MIN(CASE WHEN to_state = 'completed' AND changed THEN at END) AS completed,
           MAX(CASE WHEN changed THEN at END) AS state_since
    FROM (
        SELECT draft_id, at, to_state, (from_state IS NULL OR from_state != to_state) AS changed
        FROM events {events_where}
    )
    GROUP BY draft_id
) AS m ON m.draft_id = d.id
{where}
ORDER BY d.created_at, d.id
"""


def inventory_rows(
    db: Database, *, region: str | None = None, since: str | None = None, ids: Sequence[str] | None = None
) -> list[InventoryRow]:
    """Every submitted draft, oldest first; of one region and/or submitted at or after `since`
    (a UTC ISO time, compared as stored); only the drafts `ids` when given."""
    where, params, events_where, events_params = [], [], "", []
    if region:
        where.append("d.region = ?")
        params.append(region)
    if since:
        where.append("d.created_at >= ?")
        params.append(since)
    if ids is not None:
        marks = ", ".join("?" * len(ids))
        where.append(f"d.id IN ({marks})")
        params.extend(ids)
        events_where, events_params = f"WHERE draft_id IN ({marks})", list(ids)
    sql = _QUERY.format(where=("WHERE " + " AND ".join(where)) if where else "", events_where=events_where)
    return [_row(values) for values in db.execute(sql, [*events_params, *params]).fetchall()]


def changed_drafts(db: Database, after_event: int) -> list[str]:
    """The drafts with an event after event id `after_event`: every change the overview reads."""
    rows = db.execute("SELECT DISTINCT draft_id FROM events WHERE id > ?", [after_event]).fetchall()
    return [str(row[0]) for row in rows]


def data_version(db: Database) -> tuple[int, int]:
    """Changes whenever a figure of the overview can change: every change of a draft that the
    overview reads appends an event, and the audit log only grows. (latest event id, drafts)."""
    row = db.execute("SELECT (SELECT COALESCE(MAX(id), 0) FROM events), (SELECT COUNT(*) FROM drafts)").fetchone()
    return int(row[0]), int(row[1])


def _row(values: tuple[Any, ...]) -> InventoryRow:
    (id_, state, region, organisation, title, created_at, labels, *reached, since, waiting_since) = values
    try:
        form, level, themes = json.loads(labels) if labels else (None, None, None)
    except ValueError:
        form, level, themes = None, None, None
    return InventoryRow(
        id=str(id_),
        state=str(state),
        region=str(region or ""),
        organisation=str(organisation or ""),
        title=str(title or ""),
        created_at=str(created_at or ""),
        form=str(form) if form else None,
        level=str(level) if level else None,
        themes=tuple(str(t) for t in themes) if isinstance(themes, list) else (),
        reached=tuple(int(r) if r is not None else None for r in reached),
        state_since=str(since or ""),
        waiting_since=int(waiting_since or 0),
    )
