"""The `report` command: the overview of all questions, as text or JSON, the same figures as
/overzicht."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from bot.commands.support import choice
from bot.settings import Settings
from bot.texts import nl
from bot.wiring import open_db, overlap_index
from knowledge.vocabulary import REGIONS


class Day(click.ParamType):
    """A date written YYYY-MM-DD; anything else is refused in Dutch."""

    name = "JJJJ-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(nl.REPORT_BAD_DATE.format(value=value), param, ctx)


@click.command(help=nl.REPORT_HELP)
@click.option("--json", "as_json", is_flag=True, help=nl.REPORT_JSON_HELP)
@click.option("--since", type=Day(), help=nl.REPORT_SINCE_HELP)
@click.option("--region", type=choice(REGIONS), help=nl.REPORT_REGION_HELP)
@click.pass_obj
def report(settings: Settings, as_json: bool, since: date | None, region: str | None) -> None:
    from bot.overview.figures import Filters, assemble
    from bot.overview.report import as_json as overview_json
    from bot.overview.report import as_text
    from bot.workflow import utc_now
    from knowledge import inventory

    filters = Filters(region=region.lower() if region else None, since=since)
    db = open_db(settings)
    rows = inventory.inventory_rows(db, region=filters.region, since=filters.since_time())
    overview = assemble(rows, utc_now(), filters)
    if not as_json:
        click.echo(as_text(overview))
        return
    data = overview_json(overview)
    # Questions of two or more organisations that overlap (the overlap index, cached vectors).
    clusters = overlap_index(settings, db).clusters()
    data["clusters"] = [
        c.as_json() for c in clusters if filters.region is None or any(q.region == filters.region for q in c.questions)
    ]
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def register(cli: click.Group) -> None:
    cli.add_command(report)
