"""Why a research group is suggested, in the user's language: reasons a broker can check."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from types import ModuleType

from bot import texts
from bot.matching.records import AssignmentMatch
from embeddings.lexical import Analyzer
from knowledge.records import Group
from knowledge.suggestions import Decision

EVIDENCE_CITED = 2  # similar past assignments of the group that its reasons mention at most
KEYWORDS_CITED = 4


def group_reasons(
    language: str,
    *,
    group: Group,
    group_region: str,
    query: str,
    region: str | None,
    form: str | None,
    themes: list[str],
    similar: list[AssignmentMatch],
    history: Sequence[Decision],
    capacity: int,
) -> tuple[str, ...]:
    """What the group decided on similar questions, the similar work it did, the themes and
    keywords it shares with the question, its region and form, and its capacity left."""
    t = texts.for_language(language)
    reasons = [_decision(t, d) for d in history]
    for a in [a for a in similar if a.group_id == group.id][:EVIDENCE_CITED]:
        reasons.append(t.REASON_EVIDENCE.format(year=a.year, organisation=a.organisation, title=a.title))
    shared_themes = [theme for theme in themes if theme in group.themes]
    if shared_themes:
        reasons.append(t.REASON_THEMES.format(themes=", ".join(t.THEME_LABELS.get(x, x) for x in shared_themes)))
    keywords = shared_keywords(query, group.keywords)
    if keywords:
        reasons.append(t.REASON_KEYWORDS.format(keywords=", ".join(keywords)))
    if region and group_region == region:
        reasons.append(t.REASON_REGION.format(region=t.REGION_LABELS.get(group_region, group_region)))
    if form and form in group.forms:
        reasons.append(t.REASON_FORM.format(forms=t.FORM_PLURAL.get(form, form)))
    if capacity > 0:
        reasons.append((t.REASON_CAPACITY_ONE if capacity == 1 else t.REASON_CAPACITY).format(capacity=capacity))
    else:
        reasons.append(t.REASON_NO_CAPACITY)
    return tuple(reasons)


def _decision(t: ModuleType, decision: Decision) -> str:
    wording = t.ACCEPTED_SIMILAR if decision.state == "accepted" else t.DECLINED_SIMILAR
    return str(wording.format(year=decision.at[:4], organisation=decision.organisation))


def shared_keywords(query: str, keywords: Sequence[str]) -> list[str]:
    """Keywords of a group that the query mentions (on word stems, compounds included)."""
    query_terms = set(_KEYWORD_ANALYZER.terms(query))
    shared = []
    for keyword in keywords:
        terms = _keyword_terms(keyword)
        if terms and all(term in query_terms for term in terms):
            shared.append(keyword)
    return shared[:KEYWORDS_CITED]


_KEYWORD_ANALYZER = Analyzer()


@lru_cache(maxsize=50_000)
def _keyword_terms(keyword: str) -> tuple[str, ...]:
    return tuple(_KEYWORD_ANALYZER.terms(keyword))
