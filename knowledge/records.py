"""Frozen records passed between the layers; one per kind of knowledge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    article: str = ""  # "het", "de" or "" (a name read without one, such as "DUO")
    sentence_name: str = ""  # as written mid-sentence, with its article: "het ministerie van Defensie"

    def in_sentence(self, start: bool = False) -> str:
        """The name as it reads in running text ("het Kadaster", "DUO"); at the start of a
        sentence its first letter is a capital ("Het Kadaster"). Without a stored running-text
        form it is the article before the short name (or the name)."""
        text = self.sentence_name or " ".join(part for part in (self.article, self.short_name or self.name) if part)
        return text[:1].upper() + text[1:] if start else text


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


@dataclass(frozen=True)
class Conversation:
    """Where one user is in the intake, and what they answered (already redacted)."""

    channel: str
    user_ref: str
    language: str = "nl"
    step: str = "idle"
    answers: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, Any] = field(default_factory=dict)
    history: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.channel}:{self.user_ref}"


@dataclass(frozen=True)
class SubmittedDraft:
    id: str
    channel: str | None
    user_ref: str | None
    language: str
    state: str
    organisation: str
    region: str
    title: str
    intake: dict[str, Any]
    draft: dict[str, Any]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Event:
    draft_id: str
    at: str
    actor: str
    from_state: str | None
    to_state: str
    comment: str = ""
