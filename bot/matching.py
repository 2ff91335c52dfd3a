"""Finding similar past assignments and fitting research groups for a problem text.

Signals, fused with weighted Reciprocal Rank Fusion:
- dense: cosine similarity of the query to assignments and to group profiles;
- lexical: BM25 on Dutch stems, compound parts and thesaurus expansions;
- evidence: a group ranks by the best similar past assignment it did;
- themes: the themes of the most similar work, voted, compared with a group's themes.
Region is a preference (a bonus), form and level are filters, as the SPEC says.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from sqlite_utils import Database

from bot import texts
from bot.indexing import Indexes
from embeddings.encoder import Encoder
from embeddings.fusion import RRF_K, reciprocal_rank_fusion, score_fusion
from embeddings.lexical import Analyzer, QueryExpander, words
from knowledge import catalog
from knowledge.errors import VraagwijzerError
from knowledge.records import Assignment, Group, Institution, Organisation
from knowledge.vocabulary import FORMS, LEVELS, REGIONS, THEMES


class MatchInputError(VraagwijzerError):
    """The question or a filter given to matching is not usable."""


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
CANDIDATES = 60
THEME_VOTERS = 8
MIN_SIMILARITY = 0.0  # cosine at or below this is no resemblance at all
EVIDENCE_FLOOR = 0.5  # of the best assignment's score
THEME_FLOOR = 0.45  # of the best theme's votes


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


def check_filters(region: str | None, form: str | None, level: str | None) -> None:
    for value, allowed, what in ((region, REGIONS, "regio"), (form, FORMS, "vorm"), (level, LEVELS, "niveau")):
        if value is not None and value not in allowed:
            raise MatchInputError(texts.nl.UNKNOWN_VALUE.format(what=what, value=value, allowed=", ".join(allowed)))


class Matcher:
    """Holds the encoder, the indexes and the group catalogue; answers match questions."""

    def __init__(
        self,
        db: Database,
        indexes: Indexes,
        encoder: Encoder,
        expander: QueryExpander,
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> None:
        self.db = db
        self.indexes = indexes
        self.encoder = encoder
        self.expander = expander
        self.weights = weights
        self.refresh_catalogue()

    def refresh_catalogue(self) -> None:
        """Reload groups, institutions and organisations (small) after knowledge changed."""
        self.groups: dict[str, Group] = catalog.groups(self.db)
        self.institutions: dict[str, Institution] = catalog.institutions(self.db)
        self.organisations: dict[str, Organisation] = catalog.organisations(self.db)
        self._filters: dict[tuple[str | None, str | None], tuple[set[str], np.ndarray] | None] = {}

    def group_filter(self, form: str | None, level: str | None) -> tuple[set[str], np.ndarray] | None:
        """The groups passing the form and level filters, as ids and as a lexical mask;
        None when no filter applies. Cached: groups change rarely, queries often."""
        key = (form, level if level != "beide" else None)
        if key == (None, None):
            return None
        if key not in self._filters:
            ids = {g.id for g in self.groups.values() if self._eligible(g, form, level)}
            self._filters[key] = (ids, self.indexes.groups.mask_for(ids))
        return self._filters[key]

    def find(
        self,
        text: str,
        *,
        region: str | None = None,
        form: str | None = None,
        level: str | None = None,
        k: int = 5,
        k_assignments: int = 5,
        weights: Weights | None = None,
    ) -> MatchResult:
        started = time.perf_counter()
        query = " ".join(text.split())
        if not query or not words(query):
            raise MatchInputError(texts.nl.EMPTY_QUERY)
        check_filters(region, form, level)
        w = weights or self.weights
        expanded = self.expander.expand(query)
        vector = self.encoder.encode_queries([expanded if w.expand_dense else query])[0]

        similar = self._rank_assignments(vector, expanded, w)
        records = self._assignments([i for i, _ in similar])  # one query serves every step below
        eligible = self.group_filter(form, level)
        group_ranking = self._rank_groups(vector, expanded, eligible, similar, records, region, w)
        top_assignments = self._assignment_matches(
            [i for i, _ in similar[: max(k_assignments, THEME_VOTERS)]], dict(similar), records
        )
        themes = self._vote_themes(top_assignments[:THEME_VOTERS], [self.groups[g] for g, _ in group_ranking[:5]])
        taken = self._taken()  # accepted suggestions this semester, once per question
        feedback = self._feedback(themes, w, taken)
        if feedback:
            group_ranking = sorted(
                ((g, max(0.0, min(1.0, s + feedback.get(g, (0.0, []))[0]))) for g, s in group_ranking),
                key=lambda item: -item[1],
            )
        groups = [
            self._group_match(
                self.groups[gid],
                score,
                query,
                region,
                form,
                themes,
                top_assignments,
                feedback.get(gid, (0.0, []))[1],
                taken,
            )
            for gid, score in group_ranking[:k]
        ]
        return MatchResult(
            query=query,
            region=region,
            groups=groups,
            assignments=top_assignments[:k_assignments],
            themes=themes,
            seconds=time.perf_counter() - started,
        )

    def _rank_assignments(self, vector: np.ndarray, expanded: str, w: Weights) -> list[tuple[str, float]]:
        """Past assignments by CombSUM of normalised dense and BM25 scores (0..1).

        Measured on the evaluation set, score fusion beats RRF here: the offline English
        model's cosines on Dutch are flat, and RRF would give its ranks full credit.
        """
        rankings: list[tuple[Sequence[tuple[str, float]], float]] = []
        if w.dense:
            dense = self.indexes.assignments.search_dense(vector, CANDIDATES)
            rankings.append(([(i, s) for i, s in dense if s > MIN_SIMILARITY], w.assignment_dense))
        if w.lexical:
            rankings.append((self.indexes.assignments.search_lexical(expanded, CANDIDATES), w.lexical))
        total = sum(x for _, x in rankings)
        return [(i, s / total) for i, s in score_fusion(rankings)] if total else []

    def _rank_groups(
        self,
        vector: np.ndarray,
        expanded: str,
        eligible: tuple[set[str], np.ndarray] | None,
        similar: list[tuple[str, float]],
        records: dict[str, Assignment],
        region: str | None,
        w: Weights,
    ) -> list[tuple[str, float]]:
        allowed: set[str] | _Everything = eligible[0] if eligible is not None else _Everything()
        rankings: list[tuple[Sequence[str], float]] = []
        if w.dense:
            # Over-fetch so that filtered-out groups do not empty the candidate list.
            wanted = CANDIDATES if eligible is None else CANDIDATES * 4
            dense = self.indexes.groups.search_dense(vector, wanted)
            rankings.append(
                ([g for g, score in dense if g in allowed and score > MIN_SIMILARITY][:CANDIDATES], w.dense)
            )
        if w.lexical:
            mask = eligible[1] if eligible is not None else None
            lexical = self.indexes.groups.search_lexical(expanded, CANDIDATES, mask)
            rankings.append(([g for g, _ in lexical], w.lexical))
        if w.evidence:
            rankings.append((self._evidence_ranking(similar, allowed, records), w.evidence))
        total = sum(x for _, x in rankings)
        fused = reciprocal_rank_fusion(rankings)
        if w.themes and fused:
            # Themes of the best candidates so far, then the groups that share them.
            similar_themes = self._vote_themes(
                self._assignment_matches([i for i, _ in similar[:THEME_VOTERS]], dict(similar), records),
                [self.groups[g] for g, _ in fused[:5]],
            )
            fused = reciprocal_rank_fusion(
                [*rankings, (self._theme_ranking(similar_themes, [g for g, _ in fused]), w.themes)]
            )
            total += w.themes
        scored = []
        for group_id, score in fused:
            if region and self._region(self.groups[group_id]) == region:
                score += w.region_bonus * total / (RRF_K + 1)
            scored.append((group_id, score))
        scored.sort(key=lambda item: -item[1])
        return _normalised(scored, total * (1 + w.region_bonus))

    def _evidence_ranking(
        self, similar: list[tuple[str, float]], allowed: set[str] | _Everything, rows: dict[str, Assignment]
    ) -> list[str]:
        """Groups by the best similar past assignment they did; weak look-alikes do not count."""
        if not similar:
            return []
        floor = similar[0][1] * EVIDENCE_FLOOR
        ranking: list[str] = []
        for assignment_id, score in similar:
            a = rows.get(assignment_id)
            if (
                score >= floor
                and a
                and a.group_id in self.groups
                and a.group_id in allowed
                and a.group_id not in ranking
            ):
                ranking.append(a.group_id)
        return ranking

    def _theme_ranking(self, themes: list[str], candidates: list[str]) -> list[str]:
        if not themes:
            return []
        weight = {t: 1.0 / (i + 1) for i, t in enumerate(themes)}

        def overlap(group_id: str) -> float:
            g = self.groups[group_id]
            # A group's first theme is its main one; secondary themes count for half.
            return sum(weight.get(t, 0.0) * (1.0 if i == 0 else 0.5) for i, t in enumerate(g.themes))

        scored = [(overlap(g), -i, g) for i, g in enumerate(candidates)]
        return [g for s, _, g in sorted(scored, reverse=True) if s > 0]

    def _vote_themes(self, similar: list[AssignmentMatch], top_groups: list[Group]) -> list[str]:
        """The themes of the most similar work, voted by similarity; secondary themes count half."""
        votes: dict[str, float] = defaultdict(float)
        for a in similar:
            for i, theme in enumerate(a.themes):
                votes[theme] += a.score * (1.0 if i == 0 else 0.5)
        for rank, g in enumerate(top_groups):
            for i, theme in enumerate(g.themes):
                votes[theme] += (0.8 if i == 0 else 0.4) / (rank + 2)
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        if not ranked:
            return []
        best = ranked[0][1]
        return [t for t, v in ranked if v >= best * THEME_FLOOR and t in THEMES][:3]

    def _assignments(self, ids: list[str]) -> dict[str, Assignment]:
        if not ids:
            return {}
        placeholders = ",".join("?" for _ in ids)
        rows = self.db.query(f"SELECT * FROM assignments WHERE id IN ({placeholders})", ids)
        return {row["id"]: catalog.from_row(Assignment, row) for row in rows}

    def _assignment_matches(
        self, ids: list[str], scores: dict[str, float], rows: dict[str, Assignment]
    ) -> list[AssignmentMatch]:
        matches = []
        for assignment_id in ids:
            a = rows.get(assignment_id)
            if a is None:
                continue
            org = self.organisations.get(a.organisation_id)
            matches.append(
                AssignmentMatch(
                    id=a.id,
                    title=a.title,
                    organisation=(org.short_name or org.name) if org else a.organisation_id,
                    organisation_id=a.organisation_id,
                    year=a.year,
                    themes=a.themes,
                    outcome=a.outcome,
                    group_id=a.group_id,
                    score=scores.get(a.id, 0.0),
                )
            )
        return matches

    def _feedback(self, themes: list[str], w: Weights, taken: dict[str, int]) -> dict[str, tuple[float, list[str]]]:
        """What groups decided on similar questions before (same themes): accepting moves a
        group up, declining as "outside our expertise" moves it down, and a group without
        capacity left this semester goes down too. Returns group id -> (score change, reasons)."""
        if not w.feedback:
            return {}
        wanted = set(themes)
        result: dict[str, tuple[float, list[str]]] = {}
        for decision in decisions(self.db):
            if not wanted & set(decision["themes"]) or decision["group_id"] not in self.groups:
                continue
            delta, reasons = result.get(decision["group_id"], (0.0, []))
            year = decision["at"][:4]
            if decision["state"] == "accepted":
                delta += w.feedback
                reasons = [*reasons, texts.nl.ACCEPTED_SIMILAR.format(year=year, organisation=decision["organisation"])]
            elif decision["reason"] == "buiten_expertise":
                delta -= w.feedback
                reasons = [*reasons, texts.nl.DECLINED_SIMILAR.format(year=year, organisation=decision["organisation"])]
            result[decision["group_id"]] = (delta, reasons[:2])
        for group_id in self.groups:
            if self._capacity_left(self.groups[group_id], taken) <= 0:
                delta, reasons = result.get(group_id, (0.0, []))
                result[group_id] = (delta - w.feedback / 2, reasons)
        return result

    @staticmethod
    def _capacity_left(group: Group, taken: dict[str, int]) -> int:
        return max(0, group.capacity_per_semester - taken.get(group.id, 0))

    def _taken(self) -> dict[str, int]:
        """Accepted suggestions per group in the current semester."""
        now = datetime.now(UTC)
        semester = f"{now.year}-H{1 if now.month <= 6 else 2}"
        rows = self.db.execute(
            "SELECT group_id, count(*) FROM suggestions WHERE state = 'accepted' AND semester = ? GROUP BY group_id",
            [semester],
        ).fetchall()
        return {g: int(n) for g, n in rows}

    def _eligible(self, group: Group, form: str | None, level: str | None) -> bool:
        if form and form not in group.forms:
            return False
        if level and level != "beide":
            institution = self.institutions.get(group.institution_id)
            return institution is not None and institution.type == level
        return True

    def _region(self, group: Group) -> str | None:
        institution = self.institutions.get(group.institution_id)
        return institution.region if institution else None

    def _group_match(
        self,
        group: Group,
        score: float,
        query: str,
        region: str | None,
        form: str | None,
        themes: list[str],
        similar: list[AssignmentMatch],
        history: list[str] | None = None,
        taken: dict[str, int] | None = None,
    ) -> GroupMatch:
        institution = self.institutions.get(group.institution_id)
        group_region = institution.region if institution else ""
        reasons = texts.nl.group_reasons(
            shared_themes=[t for t in themes if t in group.themes],
            shared_keywords=_shared_keywords(query, group.keywords),
            evidence=[(a.year, a.organisation, a.title) for a in similar if a.group_id == group.id][:2],
            same_region=bool(region) and group_region == region,
            region=group_region,
            form=form if form in group.forms else None,
            capacity=self._capacity_left(group, taken or {}),
            history=history,
        )
        return GroupMatch(
            id=group.id,
            name=group.name,
            institution=institution.name if institution else group.institution_id,
            region=group_region,
            themes=group.themes,
            score=score,
            reasons=tuple(reasons),
        )


class _Everything:
    """A set that contains every group: no filter given."""

    def __contains__(self, item: object) -> bool:
        return True


def _normalised(scored: list[tuple[str, float]], total_weight: float) -> list[tuple[str, float]]:
    """Scale fused scores to 0..1: 1 would be first place in every signal."""
    if total_weight <= 0:
        return scored
    best_possible = total_weight / (RRF_K + 1)
    return [(i, min(1.0, s / best_possible)) for i, s in scored]


def decisions(db: Database) -> list[dict[str, Any]]:
    """Accepted and declined suggestions with the themes of their draft, newest first."""
    rows = db.execute(
        "SELECT s.group_id, s.state, s.reason, COALESCE(s.answered_at, s.created_at), d.draft, d.organisation "
        "FROM suggestions s JOIN drafts d ON d.id = s.draft_id WHERE s.state IN ('accepted', 'declined') "
        "ORDER BY 4 DESC"
    ).fetchall()
    return [
        {
            "group_id": g,
            "state": st,
            "reason": r,
            "at": at or "",
            "themes": json.loads(draft).get("themes", []),
            "organisation": org,
        }
        for g, st, r, at, draft, org in rows
    ]


def _shared_keywords(query: str, keywords: Sequence[str]) -> list[str]:
    """Keywords of a group that the query mentions (on word stems, compounds included)."""
    query_terms = set(_KEYWORD_ANALYZER.terms(query))
    shared = []
    for keyword in keywords:
        terms = _keyword_terms(keyword)
        if terms and all(t in query_terms for t in terms):
            shared.append(keyword)
    return shared[:4]


_KEYWORD_ANALYZER = Analyzer()


@lru_cache(maxsize=50_000)
def _keyword_terms(keyword: str) -> tuple[str, ...]:
    return tuple(_KEYWORD_ANALYZER.terms(keyword))


class Matching(Protocol):
    """What the dialog, the CLI and the pages need of a matcher (tests pass small fakes)."""

    def find(
        self,
        text: str,
        *,
        region: str | None = ...,
        form: str | None = ...,
        level: str | None = ...,
        k: int = ...,
        k_assignments: int = ...,
    ) -> MatchResult: ...


INTAKE_FIELDS = ("problem", "context", "goal")


def match_intake(
    matcher: Matching,
    answers: Mapping[str, Any],
    *,
    fields: Sequence[str] = INTAKE_FIELDS,
    fallback: str = "",
    k: int = 5,
    k_assignments: int = 3,
) -> MatchResult | None:
    """Similar assignments and fitting groups for an intake's answers: the one way the dialog,
    the CLI and the re-match page ask. Region is a preference; form and level ("beide" means
    either) filter. None when the answers hold no searchable words ("?", "de")."""
    text = " ".join(str(answers.get(key) or "") for key in fields).strip() or fallback
    level = answers.get("level") if answers.get("level") in LEVELS and answers.get("level") != "beide" else None
    try:
        return matcher.find(
            text,
            region=answers.get("region") or None,
            form=answers.get("form") or None,
            level=level,
            k=k,
            k_assignments=k_assignments,
        )
    except MatchInputError:
        return None
