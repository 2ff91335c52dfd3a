"""Frozen records passed between the layers; one per kind of knowledge."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Institution:
    id: str
    name: str
    short_name: str
    type: str  # hbo | wo
    city: str
    province: str
    region: str
    website: str = ""
    example: bool = False


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    short_name: str
    city: str
    kind: str = "overig"
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    example: bool = False


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    kind: str
    institution_id: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    description: str
    forms: tuple[str, ...]
    capacity_per_semester: int
    contact_email: str
    example: bool = False


@dataclass(frozen=True)
class Assignment:
    id: str
    organisation_id: str
    year: int
    title: str
    problem: str
    research_question: str
    themes: tuple[str, ...]
    form: str
    level: str
    outcome: str
    group_id: str | None
    example: bool = False
