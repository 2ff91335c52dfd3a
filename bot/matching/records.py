"""What a match answers: the similar past assignments and the fitting groups, and the
weights of the signals that ranked them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; zero switches a signal off (for measuring variants)."""

    dense: float = 1.0
    assignment_dense: float = 0.7
    lexical: float = 1.0
    evidence: float = 1.0
    themes: float = 1.0
    region_bonus: float = 0.15
    expand_dense: bool = False
    feedback: float = 0.15

    @classmethod
    def lexical_only(cls) -> Weights:
        return cls(dense=0.0)

    @classmethod
    def dense_only(cls) -> Weights:
        return cls(lexical=0.0)


DEFAULT_WEIGHTS = Weights(dense=0.3, assignment_dense=0.7, lexical=1.0, evidence=1.0, themes=0.8)


@dataclass(frozen=True)
class AssignmentMatch:
    id: str
    title: str
    organisation: str
    organisation_id: str
    year: int
    themes: tuple[str, ...]
    outcome: str
    group_id: str | None
    score: float

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "organisation": self.organisation,
            "year": self.year,
            "themes": list(self.themes),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class GroupMatch:
    id: str
    name: str
    institution: str
    region: str
    themes: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "institution": self.institution,
            "region": self.region,
            "themes": list(self.themes),
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class MatchResult:
    query: str
    region: str | None
    groups: list[GroupMatch]
    assignments: list[AssignmentMatch]
    themes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "query": self.query,
            "region": self.region,
            "groups": [g.as_json() for g in self.groups],
            "assignments": [a.as_json() for a in self.assignments],
        }
