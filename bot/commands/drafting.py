"""The `draft` command: the research question from an intake given as JSON on stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot import wiring
from bot.commands.support import writing
from bot.conversation.language import strip_emoji
from bot.settings import Settings
from bot.texts import nl
from bot.wiring import open_db
from knowledge import catalog, import_rows
from knowledge.errors import VraagwijzerError


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
        if isinstance(value, str) and import_rows.CONTROL_CHARACTERS.search(value):
            raise ValueError("bevat onzichtbare stuurtekens (zoals een nul-teken)")
        return value


def _organisation_name(settings: Settings, typed: str) -> Any:
    """The known organisation the intake names, as it reads in a sentence; else as typed."""
    from bot.drafting.records import OrganisationName

    db = open_db(settings)
    try:
        found = catalog.organisation_named(catalog.organisations(db).values(), typed)
    finally:
        db.close()
    return OrganisationName.of(found) if found else OrganisationName.plain(typed)


def _organisation_names(settings: Settings) -> tuple[str, ...]:
    """Every name of every known organisation (the model may name no other than the intake's)."""
    db = open_db(settings)
    try:
        organisations = catalog.organisations(db).values()
    finally:
        db.close()
    return tuple(sorted({n for o in organisations for n in (o.name, o.short_name, *o.aliases) if n}))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Het concept als JSON.")
@click.option("--docx", "docx_path", type=click.Path(path_type=Path, dir_okay=False), help="Schrijf een Word-document.")
@click.option("--no-match", is_flag=True, help="Zonder vergelijkbare opdrachten en groepen (laadt geen model).")
@click.pass_obj
def draft(settings: Settings, as_json: bool, docx_path: Path | None, no_match: bool) -> None:
    """Maak de onderzoeksvraag uit een intake (JSON op stdin)."""
    from bot.drafting import Intake
    from bot.drafting.document import render_text, write_docx
    from bot.drafting.drafter import Drafter
    from bot.frog import shared_frog
    from bot.matching import MatchInputError, check_filters, match_intake

    raw = sys.stdin.read()
    try:
        data = IntakeInput.model_validate_json(raw or "{}")
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'intake'}: {import_rows.reason_in_dutch(e)}" for e in error.errors()
        )
        raise VraagwijzerError(f"De intake op stdin is ongeldig: {reasons}") from None
    fields = data.model_dump()
    check_filters(fields["region"], fields["form"], fields["level"])
    if fields["language"] not in ("nl", "en"):
        raise VraagwijzerError("Onbekende taal; kies nl of en.")
    intake = Intake(**fields)
    matches = None
    if not no_match:
        matches = match_intake(wiring.assemble(settings).matcher, fields, language=intake.language)
        if matches is None:  # the problem, situation and goal hold no searchable words
            raise MatchInputError(nl.EMPTY_QUERY)
    organisation = _organisation_name(settings, intake.organisation)
    drafter = Drafter(shared_frog())
    result = drafter.draft(intake, matches, organisation=organisation)
    wording = wiring.model_wording(settings, drafter)
    if wording is not None:  # the organisation's language model words it, if it passes the checks
        from bot.wording.service import WordingSource

        result = wording.improve(result, WordingSource(intake, organisation, others=_organisation_names(settings)))
        if isinstance(result.wording, dict):
            click.echo(nl.WORDING_CLI_NOTE.format(model=wording.model), err=True)
    if docx_path:
        writing(docx_path, lambda: write_docx(result, docx_path))
        click.echo(f"Word-document geschreven: {docx_path}", err=True)
    click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2) if as_json else render_text(result))


def register(cli: click.Group) -> None:
    cli.add_command(draft)
