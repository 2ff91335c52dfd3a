"""Finding similar past assignments and fitting research groups for a problem text.

Signals, fused with weighted Reciprocal Rank Fusion:
- dense: cosine similarity of the query to assignments and to group profiles;
- lexical: BM25 on Dutch stems, compound parts and thesaurus expansions;
- evidence: a group ranks by the best similar past assignment it did;
- themes: the themes of the most similar work, voted, compared with a group's themes.
Region is a preference (a bonus), form and level are filters, as the SPEC says. What groups
decided on similar questions before, and their capacity left, move them (bot/matching/feedback.py).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Container, Sequence
from datetime import UTC, datetime

import numpy as np
from sqlite_utils import Database

from bot import texts
from bot.matching.feedback import feedback
from bot.matching.filters import Everything, MatchInputError, check_filters, eligible
from bot.matching.indexing import Indexes
from bot.matching.ranking import (
    CANDIDATES,
    MIN_SIMILARITY,
    THEME_VOTERS,
    evidence_ranking,
    normalised,
    theme_ranking,
    vote_themes,
)
from bot.matching.reasons import group_reasons
from bot.matching.records import DEFAULT_WEIGHTS, AssignmentMatch, GroupMatch, MatchResult, Weights
from embeddings.encoder import Encoder
from embeddings.fusion import RRF_K, reciprocal_rank_fusion, score_fusion
from embeddings.lexical import QueryExpander, words
from knowledge import catalog, suggestions
from knowledge.records import Assignment, Group, Institution, Organisation
from knowledge.suggestions import Decision

# Query vectors kept by the text the model reads: a chat turn's vector is computed before the
# turn takes the database lock (Matcher.prepare) and found here inside it. 768 floats each:
# 256 of them are under 1 MB.
QUERY_CACHE = 256


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
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()
        # One encoding at a time: a tokenizer may not be safe to share between threads, and the
        # model computes on all cores anyway.
        self._encoding = threading.Lock()
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
            ids = {g.id for g in self.groups.values() if eligible(g, self.institutions, form, level)}
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
        language: str = "nl",
    ) -> MatchResult:
        """The `k` best groups and `k_assignments` most similar past assignments; the groups'
        reasons in `language` ("nl" or "en")."""
        started = time.perf_counter()
        query = " ".join(text.split())
        if not query or not words(query):
            raise MatchInputError(texts.nl.EMPTY_QUERY)
        check_filters(region, form, level)
        w = weights or self.weights
        expanded = self.expander.expand(query)
        vector = self.query_vector(expanded if w.expand_dense else query)

        similar = self._rank_assignments(vector, expanded, w)
        # One read serves every step below.
        records = catalog.assignments_by_id(self.db, [i for i, _ in similar])
        eligible_groups = self.group_filter(form, level)
        group_ranking = self._rank_groups(vector, expanded, eligible_groups, similar, records, region, w)
        top_assignments = self._assignment_matches(
            [i for i, _ in similar[: max(k_assignments, THEME_VOTERS)]], dict(similar), records
        )
        themes = vote_themes(top_assignments[:THEME_VOTERS], [self.groups[g] for g, _ in group_ranking[:5]])
        # Accepted suggestions this semester, once per question.
        taken = suggestions.accepted_this_semester(self.db, datetime.now(UTC).isoformat())
        # Only the ranked groups can move: feedback for the other thousands would be thrown away.
        ranked = {g: self.groups[g] for g, _ in group_ranking}
        history = feedback(suggestions.decisions(self.db) if w.feedback else (), ranked, themes, w.feedback, taken)
        if history:
            group_ranking = sorted(
                ((g, max(0.0, min(1.0, s + history.get(g, (0.0, []))[0]))) for g, s in group_ranking),
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
                history.get(gid, (0.0, []))[1],
                suggestions.spare_capacity(self.groups[gid], taken),
                language,
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

    def prepare(self, text: str) -> None:
        """Compute (or find) the query vector `find(text)` will use, touching no database: a
        chat turn calls this before it takes the lock, so the model runs while other turns go on."""
        query = " ".join(text.split())
        if query and words(query):
            expanded = self.expander.expand(query)
            self.query_vector(expanded if self.weights.expand_dense else query)

    def query_vector(self, text: str) -> np.ndarray:
        """The model's vector of a query text, from a small cache by text (least recently used
        out first)."""
        with self._vectors_lock:
            if text in self._vectors:
                self._vectors.move_to_end(text)
                return self._vectors[text]
        with self._encoding:
            with self._vectors_lock:  # another thread may have computed it meanwhile
                if text in self._vectors:
                    return self._vectors[text]
            vector = self.encoder.encode_queries([text])[0]
            vector.setflags(write=False)
        with self._vectors_lock:
            self._vectors[text] = vector
            while len(self._vectors) > QUERY_CACHE:
                self._vectors.popitem(last=False)
        return vector

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
        eligible_groups: tuple[set[str], np.ndarray] | None,
        similar: list[tuple[str, float]],
        records: dict[str, Assignment],
        region: str | None,
        w: Weights,
    ) -> list[tuple[str, float]]:
        allowed: Container[str] = eligible_groups[0] if eligible_groups is not None else Everything()
        rankings: list[tuple[Sequence[str], float]] = []
        if w.dense:
            # Over-fetch so that filtered-out groups do not empty the candidate list.
            wanted = CANDIDATES if eligible_groups is None else CANDIDATES * 4
            dense = self.indexes.groups.search_dense(vector, wanted)
            rankings.append(
                ([g for g, score in dense if g in allowed and score > MIN_SIMILARITY][:CANDIDATES], w.dense)
            )
        if w.lexical:
            mask = eligible_groups[1] if eligible_groups is not None else None
            lexical = self.indexes.groups.search_lexical(expanded, CANDIDATES, mask)
            rankings.append(([g for g, _ in lexical], w.lexical))
        if w.evidence:
            rankings.append((evidence_ranking(similar, allowed, records, self.groups), w.evidence))
        total = sum(x for _, x in rankings)
        fused = reciprocal_rank_fusion(rankings)
        if w.themes and fused:
            # Themes of the best candidates so far, then the groups that share them.
            similar_themes = vote_themes(
                self._assignment_matches([i for i, _ in similar[:THEME_VOTERS]], dict(similar), records),
                [self.groups[g] for g, _ in fused[:5]],
            )
            fused = reciprocal_rank_fusion(
                [*rankings, (theme_ranking(similar_themes, [g for g, _ in fused], self.groups), w.themes)]
            )
            total += w.themes
        scored = []
        for group_id, score in fused:
            if region and self._region(self.groups[group_id]) == region:
                score += w.region_bonus * total / (RRF_K + 1)
            scored.append((group_id, score))
        scored.sort(key=lambda item: -item[1])
        return normalised(scored, total * (1 + w.region_bonus))

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
        history: list[Decision],
        capacity: int,
        language: str,
    ) -> GroupMatch:
        institution = self.institutions.get(group.institution_id)
        group_region = institution.region if institution else ""
        return GroupMatch(
            id=group.id,
            name=group.name,
            institution=institution.name if institution else group.institution_id,
            region=group_region,
            themes=group.themes,
            score=score,
            reasons=group_reasons(
                language,
                group=group,
                group_region=group_region,
                query=query,
                region=region,
                form=form,
                themes=themes,
                similar=similar,
                history=history,
                capacity=capacity,
            ),
        )
