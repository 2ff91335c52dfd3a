"""Operator commands for the data folder: back up, restore, purge, a person's records."""

from __future__ import annotations

from pathlib import Path

import click

from bot.commands.support import int_range
from bot.settings import Settings
from bot.texts import nl
from bot.wiring import open_db
from knowledge import maintenance
from knowledge.errors import VraagwijzerError


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {table}" for table, n in counts.items())


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(settings: Settings, file: Path) -> None:
    """Maak een consistente back-up van de database (ook terwijl de dienst draait)."""
    counts = maintenance.backup(settings.database_path, file)
    click.echo(f"Back-up geschreven naar {file} ({_counts(counts)}).")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def restore(settings: Settings, file: Path) -> None:
    """Zet een back-up terug (stop eerst de dienst; de huidige database blijft bewaard)."""
    counts = maintenance.restore(file, settings.database_path)
    open_db(settings)  # a backup of an older release is migrated now, not at the next start
    click.echo(
        f"Teruggezet uit {file} ({_counts(counts)}). De vorige database staat in "
        f"{settings.database_path.name}.before-restore; de indexen worden bij de volgende start bijgewerkt."
    )


@click.command()
@click.option("--older-than", "days", type=int_range(1), required=True, help="Bewaartermijn in dagen.")
@click.pass_obj
def purge(settings: Settings, days: int) -> None:
    """Wis gesprekken die langer dan DAYS dagen niet zijn gebruikt (ingediende vragen blijven)."""
    from bot.workflow import utc_now

    deleted = maintenance.purge(open_db(settings), days, utc_now())
    click.echo("Gewist: " + _counts(deleted) + ".")


@click.command("export-user")
@click.argument("channel")
@click.argument("user")
@click.pass_obj
def export_user(settings: Settings, channel: str, user: str) -> None:
    """Alles wat over één chatgebruiker is opgeslagen, als JSON (inzageverzoek). CHANNEL is het
    kanaal waarin de gebruiker schreef (bijvoorbeeld telegram, teams, web)."""
    db = open_db(settings)
    known = maintenance.channels_in_use(db)
    if channel not in known:
        raise VraagwijzerError(nl.UNKNOWN_CHANNEL.format(channel=channel, known=", ".join(known) or nl.NO_CHANNELS_YET))
    click.echo(maintenance.as_json(maintenance.user_records(db, channel, user)))


def register(cli: click.Group) -> None:
    for command in (backup, restore, purge, export_user):
        cli.add_command(command)
