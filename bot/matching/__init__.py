"""Matching: similar past assignments and fitting research groups for a problem text.

records: what a match answers; filters: region, form and level; ranking, feedback and
reasons: the steps of a ranking; matcher: the Matcher over the indexes (indexing);
intake: matching an intake's answers; evaluation: measuring the quality.
"""

from bot.matching.filters import MatchInputError, check_filters
from bot.matching.intake import INTAKE_FIELDS, Matching, match_intake
from bot.matching.matcher import Matcher
from bot.matching.records import DEFAULT_WEIGHTS, AssignmentMatch, GroupMatch, MatchResult, Weights

__all__ = [
    "DEFAULT_WEIGHTS",
    "INTAKE_FIELDS",
    "AssignmentMatch",
    "GroupMatch",
    "MatchInputError",
    "MatchResult",
    "Matcher",
    "Matching",
    "Weights",
    "check_filters",
    "match_intake",
]
