"""The `drafts` commands: submitted research questions for operators and scripts."""

from __future__ import annotations

import json

import click

from bot.commands.support import choice
from bot.settings import Settings
from bot.wiring import open_db, overlap_index
from knowledge.intakes import STATES
from knowledge.vocabulary import REGIONS


@click.group()
def drafts() -> None:
    """Ingediende onderzoeksvragen bekijken (voor beheerders en scripts)."""


@drafts.command("list")
@click.option(
    "--state",
    type=choice(STATES),
)
@click.option("--region", type=choice(REGIONS))
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def drafts_list(settings: Settings, state: str | None, region: str | None, as_json: bool) -> None:
    """Concepten, nieuwste eerst."""
    from knowledge import review

    found = review.list_drafts(open_db(settings), state=state, region=region)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "state": d.state,
                        "region": d.region,
                        "organisation": d.organisation,
                        "title": d.title,
                        "created_at": d.created_at,
                    }
                    for d in found
                ],
                ensure_ascii=False,
            )
        )
        return
    for d in found:
        click.echo(f"{d.id}  {d.created_at[:10]}  {d.state:<17} {d.region:<7} {d.organisation}: {d.title}")


@drafts.command("show")
@click.argument("draft_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def drafts_show(settings: Settings, draft_id: str, as_json: bool) -> None:
    """Eén concept met de hele onderzoeksvraag en de audit-historie."""
    from dataclasses import asdict

    from bot.drafting import Draft
    from bot.drafting.document import render_text
    from knowledge import intakes, review, suggestions

    db = open_db(settings)
    found = intakes.get_draft(db, draft_id)
    events = intakes.events_of(db, draft_id)
    if as_json:
        data = {k: v for k, v in asdict(found).items() if k not in ("channel", "user_ref")}
        data["events"] = [asdict(e) for e in events]
        data["approvals"] = review.approvals(db, draft_id)
        data["suggestions"] = [asdict(s) for s in suggestions.suggestions_of(db, draft_id)]
        data["overlaps"] = [o.as_json() for o in overlap_index(settings, db).overlaps_of(draft_id)]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.id} — {found.state} — regio {found.region} — ingediend {found.created_at}\n")
    click.echo(render_text(Draft.from_json(found.draft)))
    click.echo("\nHistorie:")
    for e in events:
        click.echo(f"  {e.at}  {e.actor:<28} {e.from_state or '-'} -> {e.to_state}  {e.comment}")


def register(cli: click.Group) -> None:
    cli.add_command(drafts)
