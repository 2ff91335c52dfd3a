"""Overlap across organisations: questions of different organisations that are alike.

scoring: how alike two questions are and why (pure); index: the open and recent questions,
kept current on submit and edit, and their clusters.
"""

from bot.overlap.index import Cluster, Overlap, OverlapIndex, QuestionSet, question_of
from bot.overlap.scoring import THRESHOLD, Question

__all__ = ["THRESHOLD", "Cluster", "Overlap", "OverlapIndex", "Question", "QuestionSet", "question_of"]
