"""The records drafting works with: the intake and the organisation's name in, the draft and its
checks out, and the kinds of research question."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.texts import for_language, nl
from knowledge.records import Organisation

# The kinds of research question, in the order the drafter tries them after the chosen one.
KINDS = ("adviserend", "ontwerpend", "evaluerend", "verklarend", "voorspellend", "beschrijvend")


@dataclass(frozen=True)
class Intake:
    """The fields of the intake conversation (SPEC table), already redacted."""

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
    language: str = "nl"
    builds_on: str | None = None


@dataclass(frozen=True)
class OrganisationName:
    """How the organisation reads in a sentence: "het ministerie van Defensie", "DUO"."""

    in_sentence: str
    at_start: str
    names: tuple[str, ...]  # what counts as naming it (name, short name, aliases)

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationName:
        names = (organisation.short_name or organisation.name, organisation.name, *organisation.aliases)
        return cls(organisation.in_sentence(), organisation.in_sentence(start=True), names)

    @classmethod
    def plain(cls, name: str) -> OrganisationName:
        text = name.strip() or nl.DEFAULT_ORGANISATION
        if text.lower().startswith("ministerie"):
            text = "het " + text[:1].lower() + text[1:]
        return cls(text, text[:1].upper() + text[1:], (name.strip(),))


@dataclass(frozen=True)
class QualityCheck:
    check: str
    ok: bool
    label: str = ""
    advice: str = ""


@dataclass(frozen=True)
class Draft:
    title: str
    organisation: str
    region: str | None
    main_question: str
    sub_questions: list[str]
    background: str
    objective: str
    scope: str
    deliverables: list[str]
    constraints: list[str]
    form: str | None
    level: str
    themes: list[str]
    kind: str
    language: str
    similar_assignments: list[dict[str, Any]] = field(default_factory=list)
    suggested_groups: list[dict[str, Any]] = field(default_factory=list)
    quality: list[QualityCheck] = field(default_factory=list)
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    wording: Any = "rules"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["quality"] = [asdict(q) for q in self.quality]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        quality = [
            QualityCheck(**{k: v for k, v in q.items() if k in QualityCheck.__dataclass_fields__})
            for q in data.get("quality", [])
        ]
        return cls(**{**known, "quality": quality})

    @property
    def passes(self) -> bool:
        return all(q.ok for q in self.quality)


def assignments_of(matches: Any) -> list[Any]:
    """The (at most three) similar past assignments of a match result; none without one."""
    return list(matches.assignments[:3]) if matches else []


def similar_records(matches: Any, why: str) -> list[dict[str, Any]]:
    """The similar assignments as the draft keeps them; `why` is the reason's wording."""
    return [
        {
            "id": a.id,
            "title": a.title,
            "organisation": a.organisation,
            "year": a.year,
            "score": round(a.score, 2),
            "why": why.format(organisation=a.organisation, year=a.year),
        }
        for a in assignments_of(matches)
    ]


def group_records(matches: Any) -> list[dict[str, Any]]:
    """The suggested research groups as the draft keeps them, with their reasons."""
    return [
        {
            "id": g.id,
            "name": g.name,
            "institution": g.institution,
            "region": g.region,
            "score": round(g.score, 2),
            "why": list(g.reasons),
        }
        for g in (matches.groups[:5] if matches else [])
    ]


def intake_fields(intake: Intake, matches: Any, kind: str) -> dict[str, Any]:
    """The fields a draft takes over from its intake and matches, the same in every language."""
    t = for_language(intake.language)
    return {
        "region": intake.region,
        "deliverables": list(t.DELIVERABLES[kind]),
        "form": intake.form,
        "level": intake.level,
        "themes": list(matches.themes) if matches else [],
        "kind": kind,
        "language": intake.language,
        "similar_assignments": similar_records(matches, t.SIMILAR_WHY),
        "suggested_groups": group_records(matches),
    }
