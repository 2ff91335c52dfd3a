"""The `vraagwijzer` console script: bot/'s command line plus `run`, which the web layer
registers on that click group (as llm's plugins add commands), so bot/ never imports web/."""

from __future__ import annotations

import click

from bot import cli as core
from bot.frog import shared_frog
from bot.settings import Settings


@core.cli.command()
@click.pass_obj
def run(settings: Settings) -> None:
    """Start de dienst: dashboard en webchat, en de Telegram-bot wanneer TELEGRAM_BOT_TOKEN is gezet."""
    # Frog loads longest (2-4 s; answers wait for it to remove names): begin before anything else.
    shared_frog().start_in_background()
    from web.service import run_service

    run_service(settings)


def main(argv: list[str] | None = None) -> None:
    core.main(argv)


if __name__ == "__main__":
    main()
