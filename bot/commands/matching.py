"""The `match` command: similar past assignments and fitting groups for a free text."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

import click

from bot import wiring
from bot.commands.support import choice, int_range
from bot.settings import Settings
from bot.texts import nl
from knowledge.errors import VraagwijzerError
from knowledge.vocabulary import FORMS, LEVELS, REGIONS

if TYPE_CHECKING:  # matching loads when a command runs, not with the command line
    from bot.matching import MatchResult


@click.command()
@click.argument("text", required=False)
@click.option("--region", type=choice(REGIONS), help="Regio van de vrager (voorkeur).")
@click.option("--form", type=choice(FORMS), help="Vorm van de opdracht (filter).")
@click.option("--level", type=choice(LEVELS), help="Niveau: hbo, wo of beide (filter).")
@click.option("-k", "k", type=int_range(1, 50), default=5, show_default=True, help="Aantal groepen.")
@click.option("--json", "as_json", is_flag=True, help="Eén JSON-object als uitvoer.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="JSON-regels (of - voor stdin).")
@click.pass_obj
def match(
    settings: Settings,
    text: str | None,
    region: str | None,
    form: str | None,
    level: str | None,
    k: int,
    as_json: bool,
    batch: TextIO | None,
) -> None:
    """Vind vergelijkbare opdrachten en passende onderzoeksgroepen voor TEXT."""
    if batch is None and not (text or "").strip():
        raise VraagwijzerError(nl.EMPTY_QUERY)
    if batch is not None and text:
        raise click.UsageError("Geef TEXT of --batch, niet allebei.")
    matcher = wiring.assemble(settings).matcher
    if batch is None:
        result = matcher.find(text or "", region=region, form=form, level=level, k=k)
        click.echo(json.dumps(result.as_json(), ensure_ascii=False) if as_json else render_match(result))
        return
    failed = 0
    for line_number, line in enumerate(batch, start=1):
        if not line.strip():
            continue
        out, ok = _match_line(matcher, line, line_number, k)
        failed += not ok
        click.echo(json.dumps(out, ensure_ascii=False))
    if failed:
        click.echo(f"{nl.ERROR_PREFIX}: {failed} regel(s) konden niet worden gematcht.", err=True)
        sys.exit(1)


def _match_line(matcher: Any, line: str, line_number: int, k: int) -> tuple[dict[str, Any], bool]:
    from bot.matching import check_filters

    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": nl.BAD_BATCH_JSON.format(line=line_number, reason=error.msg)}, False
    if not isinstance(item, dict):
        return {"error": nl.BATCH_LINE_ERROR.format(line=line_number, reason="verwacht een JSON-object")}, False
    head = {"id": item["id"]} if "id" in item else {}
    try:
        region, form, level = (_lower(item.get(key)) for key in ("region", "form", "level"))
        check_filters(region, form, level)
        result = matcher.find(str(item.get("text") or ""), region=region, form=form, level=level, k=k)
    except VraagwijzerError as error:
        return {**head, "error": nl.BATCH_LINE_ERROR.format(line=line_number, reason=error)}, False
    return {**head, **result.as_json()}, True


def _lower(value: Any) -> str | None:
    return str(value).strip().lower() if value not in (None, "") else None


def render_match(result: MatchResult) -> str:
    """The match as readable text for a terminal."""
    lines = [f"{nl.TABLE_GROUPS}:"]
    if not result.groups:
        lines.append(f"  {nl.NO_MATCHES}")
    for rank, g in enumerate(result.groups, start=1):
        lines.append(f"{rank:>3}. {g.name} — {g.institution} ({g.region})  score {g.score:.2f}")
        for reason in g.reasons:
            lines.extend(textwrap.wrap(reason, 96, initial_indent="       - ", subsequent_indent="         "))
    lines.append("")
    lines.append(f"{nl.TABLE_ASSIGNMENTS}:")
    for a in result.assignments:
        lines.append(f"     {a.year}  {a.organisation:<16} {a.title}  ({a.score:.2f})")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    cli.add_command(match)
