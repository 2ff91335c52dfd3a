"""The `vraagwijzer` command line: the only place, with the service, that reads settings."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot import ops
from bot.cli_support import choice as _choice
from bot.cli_support import int_range, usage_error
from bot.language import strip_emoji
from bot.logsafe import configure_logging
from bot.matching import MatchResult, check_filters
from bot.settings import Settings, load_settings
from bot.texts import nl
from bot.wiring import assemble, open_db
from embeddings.errors import EmbeddingsError
from knowledge import catalog, transfer
from knowledge.errors import ImportFileError, VraagwijzerError
from knowledge.vocabulary import FORMS, LEVELS, REGIONS

KINDS = list(catalog.KINDS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Vraagwijzer: van digitaal vraagstuk naar onderzoeksopdracht."""
    settings = load_settings()
    configure_logging(settings.log_level)
    ctx.obj = settings


@cli.command()
@click.argument("text", required=False)
@click.option("--region", type=_choice(REGIONS), help="Regio van de vrager (voorkeur).")
@click.option("--form", type=_choice(FORMS), help="Vorm van de opdracht (filter).")
@click.option("--level", type=_choice(LEVELS), help="Niveau: hbo, wo of beide (filter).")
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
    matcher = assemble(settings).matcher
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


@cli.command()
@click.option("--rebuild", is_flag=True, help="Alles opnieuw berekenen, ook ongewijzigde teksten.")
@click.pass_obj
def index(settings: Settings, rebuild: bool) -> None:
    """Bouw of werk de zoekindexen bij (met voortgangsbalk)."""
    assembly = assemble(settings, rebuild=rebuild, progress=sys.stderr.isatty() or rebuild)
    if not assembly.reports:
        click.echo(
            nl.INDEX_UP_TO_DATE.format(
                assignments=len(assembly.indexes.assignments), groups=len(assembly.indexes.groups)
            )
        )
    for name, report in zip(("opdrachten", "groepen"), assembly.reports, strict=False):
        click.echo(nl.INDEX_BUILT.format(name=name, **report.__dict__))


@cli.command("import")
@click.argument("kind", metavar="KIND", type=_choice(tuple(KINDS)))
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def import_(settings: Settings, kind: str, file: Path) -> None:
    """Importeer KIND (institutions, groups, organisations, assignments) uit een CSV- of JSON-bestand."""
    db = open_db(settings)
    written = transfer.import_file(db, kind, file)
    click.echo(nl.IMPORTED.format(count=written, kind=kind, path=file))
    click.echo("Voer `vraagwijzer index` uit (of start de dienst) om de zoekindexen bij te werken.")


@cli.command()
@click.argument("kind", metavar="KIND", type=_choice((*KINDS, "suggestions")))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option("--format", "fmt", type=_choice(("csv", "json")), help="Standaard: volgt de bestandsnaam, anders json.")
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
            _writing(file, lambda: file.write_text(data, encoding="utf-8"))
        return
    data = transfer.export_records(db, kind, fmt)
    if file is None:
        click.echo(data, nl=False)
        return
    _writing(file, lambda: file.write_text(data, encoding="utf-8"))
    click.echo(nl.EXPORTED.format(count=catalog.count(db, kind), kind=kind, path=file), err=True)


def _writing(file: Path, write: Callable[[], object]) -> None:
    """Run `write`; a folder that does not exist or may not be written is one clear line."""
    try:
        write()
    except FileNotFoundError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: de map bestaat niet.") from error
    except IsADirectoryError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: dit is een map.") from error
    except (NotADirectoryError, FileExistsError) as error:  # a file where a folder should be
        raise VraagwijzerError(f"Kan {file} niet schrijven: een deel van het pad is geen map.") from error
    except PermissionError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: geen toestemming.") from error
    except OSError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven ({error.strerror or error}).") from error


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


class IntakeInput(BaseModel):
    """An intake as JSON (the SPEC's field names and slugs); outside input, so validated."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    organisation: str
    problem: str
    context: str = ""
    goal: str = ""
    stakeholders: str = ""
    data: str = ""
    timeline: str = ""
    region: str | None = None
    form: str | None = None
    level: str = "beide"
    language: str = Field(default="nl", alias="lang")

    @field_validator("region", "form", "level", "language", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) and value.strip() else value or None

    @field_validator("organisation", "problem")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not strip_emoji(value).strip():
            raise ValueError("mag niet leeg zijn")
        return value

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        if isinstance(value, str) and transfer.CONTROL_CHARACTERS.search(value):
            raise ValueError("bevat onzichtbare stuurtekens (zoals een nul-teken)")
        return value


def _organisation_name(settings: Settings, typed: str) -> Any:
    """The known organisation the intake names, as it reads in a sentence; else as typed."""
    from bot.drafting.compose import OrganisationName

    db = open_db(settings)
    try:
        found = catalog.organisation_named(catalog.organisations(db).values(), typed)
    finally:
        db.close()
    return OrganisationName.of(found) if found else OrganisationName.plain(typed)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Het concept als JSON.")
@click.option("--docx", "docx_path", type=click.Path(path_type=Path, dir_okay=False), help="Schrijf een Word-document.")
@click.option("--no-match", is_flag=True, help="Zonder vergelijkbare opdrachten en groepen (laadt geen model).")
@click.pass_obj
def draft(settings: Settings, as_json: bool, docx_path: Path | None, no_match: bool) -> None:
    """Maak de onderzoeksvraag uit een intake (JSON op stdin)."""
    from bot.analysis import shared_frog
    from bot.document import render_text, write_docx
    from bot.drafting import Intake
    from bot.drafting.drafter import Drafter

    raw = sys.stdin.read()
    try:
        data = IntakeInput.model_validate_json(raw or "{}")
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'intake'}: {transfer.reason_in_dutch(e)}" for e in error.errors()
        )
        raise VraagwijzerError(f"De intake op stdin is ongeldig: {reasons}") from None
    fields = data.model_dump()
    check_filters(fields["region"], fields["form"], fields["level"])
    if fields["language"] not in ("nl", "en"):
        raise VraagwijzerError("Onbekende taal; kies nl of en.")
    intake = Intake(**fields)
    matches = None
    if not no_match:
        matcher = assemble(settings).matcher
        level = intake.level if intake.level != "beide" else None
        matches = matcher.find(
            f"{intake.problem} {intake.context} {intake.goal}",
            region=intake.region,
            form=intake.form,
            level=level,
            k=5,
            k_assignments=3,
        )
    result = Drafter(shared_frog()).draft(
        intake, matches, organisation=_organisation_name(settings, intake.organisation)
    )
    if docx_path:
        _writing(docx_path, lambda: write_docx(result, docx_path))
        click.echo(f"Word-document geschreven: {docx_path}", err=True)
    click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2) if as_json else render_text(result))


@cli.command()
@click.pass_obj
def chat(settings: Settings) -> None:
    """Het intakegesprek in de terminal (opties als genummerde keuzes)."""
    from bot.assistant import Assistant
    from bot.channels.console import run_console

    assembly = assemble(settings)
    run_console(Assistant(assembly.db, assembly.matcher))


@cli.command()
@click.pass_obj
def run(settings: Settings) -> None:
    """Start de dienst: dashboard en webchat, en de Telegram-bot wanneer TELEGRAM_BOT_TOKEN is gezet."""
    from bot.service import run_service

    run_service(settings)


@cli.command("teams-app")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), default=Path("vraagwijzer-teams.zip"))
@click.pass_obj
def teams_app(settings: Settings, file: Path) -> None:
    """Schrijf het Teams-app-pakket (manifest en pictogrammen) voor deze bot."""
    from bot.channels.teams_package import write_package

    _writing(file, lambda: write_package(settings.teams_client_id or "", settings.public_url, file))
    click.echo(nl.TEAMS_PACKAGE_WRITTEN.format(path=file))


@cli.group()
def brokers() -> None:
    """Kennismakelaars beheren (duo's per regio: kant rijk en kant ho)."""


@brokers.command("add")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--region", required=True, type=_choice(REGIONS))
@click.option("--side", required=True, type=_choice(("rijk", "ho")))
@click.option("--telegram-id", default=None, help="Telegram-gebruikers-id (of later: koppel met een code).")
@click.option("--teams-id", default=None, help="Entra-object-id van het Teams-account (of later: koppel met een code).")
@click.pass_obj
def brokers_add(
    settings: Settings, name: str, email: str, region: str, side: str, telegram_id: str | None, teams_id: str | None
) -> None:
    """Voeg een makelaar toe."""
    from bot.assistant import utc_now
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
    from bot.assistant import utc_now
    from knowledge import review, sessions

    db = open_db(settings)
    token = sessions.create_login_token(db, review.broker_by_email(db, email), utc_now())
    click.echo(f"{settings.base_url}/login/{token}")


@cli.group()
def drafts() -> None:
    """Ingediende onderzoeksvragen bekijken (voor beheerders en scripts)."""


@drafts.command("list")
@click.option(
    "--state",
    type=_choice(
        (
            "submitted",
            "in_review",
            "changes_requested",
            "approved",
            "suggested",
            "matched",
            "completed",
            "rejected",
            "withdrawn",
        )
    ),
)
@click.option("--region", type=_choice(REGIONS))
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

    from bot.dialog import draft_from_json
    from bot.document import render_text
    from knowledge import intakes, review, suggestions

    db = open_db(settings)
    found = intakes.get_draft(db, draft_id)
    events = intakes.events_of(db, draft_id)
    if as_json:
        data = {k: v for k, v in asdict(found).items() if k not in ("channel", "user_ref")}
        data["events"] = [asdict(e) for e in events]
        data["approvals"] = review.approvals(db, draft_id)
        data["suggestions"] = [asdict(s) for s in suggestions.suggestions_of(db, draft_id)]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.id} — {found.state} — regio {found.region} — ingediend {found.created_at}\n")
    click.echo(render_text(draft_from_json(found.draft)))
    click.echo("\nHistorie:")
    for e in events:
        click.echo(f"  {e.at}  {e.actor:<28} {e.from_state or '-'} -> {e.to_state}  {e.comment}")


for _command in ops.COMMANDS:
    cli.add_command(_command)


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
