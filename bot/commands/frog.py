"""`vraagwijzer frog`: Frog's Dutch analysis as a service beside the service (bot/frog_server.py)."""

from __future__ import annotations

import click

from bot.settings import Settings


@click.command()
@click.option("--processes", type=click.IntRange(1, 16), default=None, help="Aantal Frog-processen naast elkaar.")
@click.pass_obj
def frog(settings: Settings, processes: int | None) -> None:
    """Houd Frog geladen voor de dienst (socket: VRAAGWIJZER_FROG_SOCKET of frog.sock in de datamap)."""
    from bot.frog_server import serve

    count = processes or settings.frog_processes
    click.echo(f"Frog-dienst op {settings.frog_socket} met {count} Frog-proces(sen); stoppen met Ctrl-C.")
    serve(settings.frog_socket, count)


def register(cli: click.Group) -> None:
    cli.add_command(frog)
