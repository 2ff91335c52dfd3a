"""The `brokers` commands: adding and listing knowledge brokers, and their login links."""

from __future__ import annotations

import json

import click

from bot.commands.support import choice
from bot.settings import Settings
from bot.wiring import open_db
from knowledge.vocabulary import REGIONS


@click.group()
def brokers() -> None:
    """Kennismakelaars beheren (duo's per regio: kant rijk en kant ho)."""


@brokers.command("add")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--region", required=True, type=choice(REGIONS))
@click.option("--side", required=True, type=choice(("rijk", "ho")))
@click.option("--telegram-id", default=None, help="Telegram-gebruikers-id (of later: koppel met een code).")
@click.option("--teams-id", default=None, help="Entra-object-id van het Teams-account (of later: koppel met een code).")
@click.pass_obj
def brokers_add(
    settings: Settings, name: str, email: str, region: str, side: str, telegram_id: str | None, teams_id: str | None
) -> None:
    """Voeg een makelaar toe."""
    from bot.workflow import utc_now
    from knowledge import review

    broker = review.add_broker(
        open_db(settings),
        name=name,
        email=email,
        region=region,
        side=side,
        telegram_id=telegram_id,
        teams_id=teams_id,
        now=utc_now(),
    )
    click.echo(f"Makelaar {broker.name} <{broker.email}> toegevoegd (regio {broker.region}, kant {broker.side}).")


@brokers.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def brokers_list(settings: Settings, as_json: bool) -> None:
    """Toon alle makelaars."""
    from dataclasses import asdict

    from knowledge import review

    found = review.brokers(open_db(settings))
    if as_json:
        click.echo(json.dumps([asdict(b) for b in found], ensure_ascii=False))
        return
    for b in found:
        click.echo(
            f"{b.region:<7} {b.side:<5} {b.name} <{b.email}>"
            + (f" telegram {b.telegram_id}" if b.telegram_id else "")
            + (f" teams {b.teams_id}" if b.teams_id else "")
        )


@brokers.command("login-link")
@click.argument("email")
@click.pass_obj
def brokers_login_link(settings: Settings, email: str) -> None:
    """Print a single-use login link (valid 15 minutes) for a broker."""
    from bot.workflow import utc_now
    from knowledge import review, sessions

    db = open_db(settings)
    token = sessions.create_login_token(db, review.broker_by_email(db, email), utc_now())
    click.echo(f"{settings.base_url}/login/{token}")


def register(cli: click.Group) -> None:
    cli.add_command(brokers)
