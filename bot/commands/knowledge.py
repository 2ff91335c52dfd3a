"""Commands for the knowledge: import and export records, build the search indexes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from bot import wiring
from bot.commands.support import choice, writing
from bot.settings import Settings
from bot.texts import nl
from bot.wiring import open_db
from knowledge import catalog, transfer
from knowledge.errors import VraagwijzerError

KINDS = list(catalog.KINDS)


@click.command()
@click.option("--rebuild", is_flag=True, help="Alles opnieuw berekenen, ook ongewijzigde teksten.")
@click.pass_obj
def index(settings: Settings, rebuild: bool) -> None:
    """Bouw of werk de zoekindexen bij (met voortgangsbalk)."""
    assembly = wiring.assemble(settings, rebuild=rebuild, progress=sys.stderr.isatty() or rebuild)
    if not assembly.reports:
        click.echo(
            nl.INDEX_UP_TO_DATE.format(
                assignments=len(assembly.indexes.assignments), groups=len(assembly.indexes.groups)
            )
        )
    for name, report in zip(("opdrachten", "groepen"), assembly.reports, strict=False):
        click.echo(nl.INDEX_BUILT.format(name=name, **report.__dict__))


@click.command("import")
@click.argument("kind", metavar="KIND", type=choice(tuple(KINDS)))
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def import_(settings: Settings, kind: str, file: Path) -> None:
    """Importeer KIND (institutions, groups, organisations, assignments) uit een CSV- of JSON-bestand."""
    db = open_db(settings)
    written = transfer.import_file(db, kind, file)
    click.echo(nl.IMPORTED.format(count=written, kind=kind, path=file))
    click.echo("Voer `vraagwijzer index` uit (of start de dienst) om de zoekindexen bij te werken.")


@click.command()
@click.argument("kind", metavar="KIND", type=choice((*KINDS, "suggestions")))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option("--format", "fmt", type=choice(("csv", "json")), help="Standaard: volgt de bestandsnaam, anders json.")
@click.option("--institution", help="Bij suggestions: id of (deel van de) naam van de instelling.")
@click.pass_obj
def export(settings: Settings, kind: str, file: Path | None, fmt: str | None, institution: str | None) -> None:
    """Exporteer KIND als CSV of JSON, naar FILE of naar de standaarduitvoer."""
    db = open_db(settings)
    fmt = fmt or (file.suffix.lower().lstrip(".") if file and file.suffix.lower() in (".csv", ".json") else "json")
    if kind == "suggestions":
        data = _export_suggestions(db, institution, fmt)
        if file is None:
            click.echo(data, nl=False)
        else:
            writing(file, lambda: file.write_text(data, encoding="utf-8"))
        return
    data = transfer.export_records(db, kind, fmt)
    if file is None:
        click.echo(data, nl=False)
        return
    writing(file, lambda: file.write_text(data, encoding="utf-8"))
    click.echo(nl.EXPORTED.format(count=catalog.count(db, kind), kind=kind, path=file), err=True)


def _export_suggestions(db: Any, institution: str | None, fmt: str) -> str:
    """The suggestions to the groups of one institution, for institutions that want a list."""
    from knowledge import suggestions

    if not institution:
        raise click.UsageError("Geef --institution met het id of de naam van de instelling.")
    wanted = institution.strip().lower()
    institutions = [
        i
        for i in catalog.institutions(db).values()
        if wanted in (i.id.lower(), i.short_name.lower()) or wanted in i.name.lower()
    ]
    if not institutions:
        raise VraagwijzerError(f"Geen instelling gevonden voor {institution!r}.")
    ids = {i.id for i in institutions}
    rows = suggestions.suggestions_for_groups(
        db, [g.id for g in catalog.groups(db).values() if g.institution_id in ids]
    )
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    import csv
    import io

    out = io.StringIO()
    # CRLF rows (RFC 4180): the csv module then also quotes a bare CR inside a cell.
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["suggestion_id"], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: transfer.csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def register(cli: click.Group) -> None:
    for command in (index, import_, export):
        cli.add_command(command)
