"""What research groups decided before moves them in the ranking: accepting a similar question
moves a group up, declining it as outside its expertise moves it down, and a group without
capacity left this semester goes down too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from knowledge.records import Group
from knowledge.suggestions import Decision, spare_capacity

HISTORY_CITED = 2  # decisions a group's reasons mention at most

Feedback = dict[str, tuple[float, list[Decision]]]  # group id -> (score change, decisions to cite)


def feedback(
    decisions: Iterable[Decision],
    groups: Mapping[str, Group],
    themes: list[str],
    weight: float,
    taken: Mapping[str, int],
) -> Feedback:
    """The score change of each group from its decisions on questions with the same themes
    (newest first), and the decisions its reasons cite."""
    if not weight:
        return {}
    wanted = set(themes)
    result: Feedback = {}
    for decision in decisions:
        if not wanted & set(decision.themes) or decision.group_id not in groups:
            continue
        delta, cited = result.get(decision.group_id, (0.0, []))
        if decision.state == "accepted":
            delta += weight
            cited = [*cited, decision]
        elif decision.reason == "buiten_expertise":
            delta -= weight
            cited = [*cited, decision]
        result[decision.group_id] = (delta, cited[:HISTORY_CITED])
    for group_id, group in groups.items():
        if spare_capacity(group, taken) <= 0:
            delta, cited = result.get(group_id, (0.0, []))
            result[group_id] = (delta - weight / 2, cited)
    return result
