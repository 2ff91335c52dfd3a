"""The `vraagwijzer` command line: the only place, with the service, that reads settings.
`run` (the web service) is registered on this group by web/cli.py, the console script."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.commands import brokers, drafting, drafts, frog, knowledge, matching, operations, report
from bot.commands.support import usage_error, writing
from bot.frog import configure as configure_analysis
from bot.logsafe import configure_logging
from bot.settings import Settings, load_settings
from bot.texts import nl
from bot.wiring import assemble, model_wording
from embeddings.errors import EmbeddingsError
from knowledge.errors import ImportFileError, VraagwijzerError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Vraagwijzer: van digitaal vraagstuk naar onderzoeksopdracht."""
    settings = load_settings()
    configure_logging(settings.log_level)
    configure_analysis(settings.frog_processes, settings.frog_service)
    ctx.obj = settings


@cli.command()
@click.pass_obj
def chat(settings: Settings) -> None:
    """Het intakegesprek in de terminal (opties als genummerde keuzes)."""
    from bot.channels.console import run_console
    from bot.conversation.assistant import Assistant

    assembly = assemble(settings)
    run_console(Assistant(assembly.db, assembly.matcher, wording=model_wording(settings)))


@cli.command("teams-app")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), default=Path("vraagwijzer-teams.zip"))
@click.pass_obj
def teams_app(settings: Settings, file: Path) -> None:
    """Schrijf het Teams-app-pakket (manifest en pictogrammen) voor deze bot."""
    from bot.channels.teams_package import write_package

    writing(file, lambda: write_package(settings.teams_client_id or "", settings.public_url, file))
    click.echo(nl.TEAMS_PACKAGE_WRITTEN.format(path=file))


for _module in (knowledge, matching, drafting, brokers, drafts, operations, report, frog):
    _module.register(cli)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one clear line on stderr for every expected error, never a traceback."""
    try:
        cli.main(args=argv, prog_name="vraagwijzer", standalone_mode=False)
    except click.UsageError as error:
        click.echo(f"{nl.ERROR_PREFIX}: {usage_error(error)} {nl.USAGE_HINT}", err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("Afgebroken.", err=True)
        sys.exit(130)
    except ImportFileError as error:
        click.echo(f"{nl.ERROR_PREFIX}: {error}", err=True)
        for problem in error.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(1)
    except (VraagwijzerError, EmbeddingsError) as error:
        click.echo(f"{nl.ERROR_PREFIX}: {error}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
